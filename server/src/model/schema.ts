import { z } from 'zod';
import { GO_PAIRS, GO_VERSION } from '../platform/names';

// No code generation (`new Function`) in the server: zod validates by interpretation.
z.config({ jitless: true });

/** `linux/amd64`: the platform key used throughout the model's artifact tables. */
const platformRef = z
  .string()
  .regex(/^[a-z0-9]+\/[a-z0-9]+$/, { message: 'expected a platform written os/arch, like linux/amd64' });

const tierNumber = z.union([z.literal(1), z.literal(2), z.literal(3)], {
  error: 'expected 1, 2 or 3',
});

const form = z.enum(['binary', 'exe', 'docker_tag', 'tar', 'sha256', 'sha512']);

export const tierSchema = z.strictObject({
  tier: tierNumber,
  name: z.string().min(1),
  criteria: z.array(z.string()),
});

/** An os or arch as Go spells it: lower case letters and digits. */
const goName = z.string().regex(/^[a-z0-9]+$/, { message: 'expected lower-case letters and digits, as Go spells it (linux, amd64)' });

export const platformSchema = z.strictObject({
  id: z.string().describe('The source document spelling, arch-os: amd64-linux'),
  os: goName,
  arch: goName,
  tier: tierNumber,
  artifactTiers: z
    .record(z.string(), tierNumber)
    .optional()
    .describe('Tiers scoped to single artifacts: a platform can be tier 1 for client binaries only'),
});

export const removedSchema = z.strictObject({
  id: z.string(),
  os: goName,
  arch: goName,
  reason: z.string().min(1),
  resources: z.array(z.url()).min(1),
});

const modelFields = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1, { error: 'expected 1' }),
  source: z.string().optional(),
  tiers: z.array(tierSchema).min(1),
  platforms: z.array(platformSchema),
  removed: z.array(removedSchema),
  images: z.strictObject({
    registries: z.array(z.string()),
    images: z.array(z.strictObject({ name: z.string().min(1), platforms: z.array(platformRef) })),
  }),
  binaries: z.strictObject({
    forms: z.record(form, z.string()),
    items: z.array(
      z.strictObject({
        name: z.string().min(1),
        platforms: z.record(platformRef, z.array(form)),
      }),
    ),
  }),
  archives: z.strictObject({
    checksums: z.array(z.string()),
    items: z.array(
      z.strictObject({
        name: z.string().min(1),
        file: z.string().min(1).describe('File name; {os} and {arch} stand for the platform'),
        platforms: z.array(platformRef),
        portable: z.boolean(),
      }),
    ),
  }),
  packages: z.strictObject({
    formats: z.array(z.enum(['deb', 'rpm'])),
    repository: z.string(),
    arches: z.array(z.strictObject({ rpm: z.string(), deb: z.string(), platform: platformRef })),
  }),
});

/** Rows a table holds once: a second row for the same key is a contradiction, not an update. */
function once<T>(rows: readonly T[], key: (row: T) => string, table: string, what: string, ctx: z.RefinementCtx): void {
  const first = new Map<string, number>();
  rows.forEach((row, i) => {
    const k = key(row);
    const at = first.get(k);
    if (at === undefined) first.set(k, i);
    else ctx.addIssue({ code: 'custom', path: [table, i], message: `${what} ${k} is listed twice (first at ${table}[${at}])` });
  });
}

/** What each row says must agree with itself and with the other rows: the model is read as one table of facts. */
export const modelSchema = modelFields.superRefine((m, ctx) => {
  // A platform Go does not build is reported as unknown before any table is read: a row for it
  // would never apply.
  const go = (platform: string, at: (string | number)[]) => {
    if (!GO_PAIRS.has(platform)) ctx.addIssue({ code: 'custom', path: at, message: `${platform} is not a Go platform (go tool dist list, ${GO_VERSION})` });
  };
  once(m.tiers, (t) => String(t.tier), 'tiers', 'tier', ctx);
  for (const table of ['platforms', 'removed'] as const) {
    const rows: readonly { id: string; os: string; arch: string }[] = m[table];
    rows.forEach((p, i) => {
      if (p.id !== `${p.arch}-${p.os}`) ctx.addIssue({ code: 'custom', path: [table, i, 'id'], message: `expected ${p.arch}-${p.os} (arch-os) for ${p.os}/${p.arch}, not ${p.id}` });
      go(`${p.os}/${p.arch}`, [table, i]);
    });
    once(rows, (p) => `${p.os}/${p.arch}`, table, 'platform', ctx);
  }
  const tiers = new Set(m.tiers.map((t) => t.tier));
  m.platforms.forEach((p, i) => {
    if (!tiers.has(p.tier)) ctx.addIssue({ code: 'custom', path: ['platforms', i, 'tier'], message: `tier ${p.tier} is not in tiers` });
  });
  once(m.images.images, (x) => x.name, 'images.images', 'image', ctx);
  m.images.images.forEach((x, i) => once(x.platforms, (p) => p, `images.images[${i}].platforms`, 'platform', ctx));
  once(m.binaries.items, (x) => x.name, 'binaries.items', 'binary', ctx);
  once(m.archives.items, (x) => x.file, 'archives.items', 'archive file', ctx);
  m.archives.items.forEach((x, i) => once(x.platforms, (p) => p, `archives.items[${i}].platforms`, 'platform', ctx));
  once(m.packages.arches, (a) => a.platform, 'packages.arches', 'platform', ctx);
  once(m.packages.arches, (a) => a.deb, 'packages.arches', 'deb arch', ctx);
  once(m.packages.arches, (a) => a.rpm, 'packages.arches', 'rpm arch', ctx);
  m.images.images.forEach((x, i) => x.platforms.forEach((p, k) => go(p, ['images', 'images', i, 'platforms', k])));
  m.binaries.items.forEach((x, i) => Object.keys(x.platforms).forEach((p) => go(p, ['binaries', 'items', i, 'platforms', p])));
  m.archives.items.forEach((x, i) => x.platforms.forEach((p, k) => go(p, ['archives', 'items', i, 'platforms', k])));
  m.packages.arches.forEach((a, i) => go(a.platform, ['packages', 'arches', i, 'platform']));
}, { when: (payload) => payload.issues.length === 0 }); // only of a model whose fields are all well formed

export type ModelData = z.infer<typeof modelSchema>;
export type TierData = z.infer<typeof tierSchema>;
export type PlatformData = z.infer<typeof platformSchema>;
export type RemovedData = z.infer<typeof removedSchema>;
export type BinaryForm = z.infer<typeof form>;
