import { z } from 'zod';
import { GO_PAIRS, GO_VERSION } from '../platform/names';

// No code generation (`new Function`) in the server: zod validates by interpretation.
z.config({ jitless: true });

/** An os or arch as Go spells it, and a platform as the model's tables write it. */
const GO_NAME = /^[a-z0-9]+$/;
const PLATFORM_REF = /^[a-z0-9]+\/[a-z0-9]+$/;

/** `linux/amd64`: the platform key used throughout the model's artifact tables. */
const platformRef = z.string().regex(PLATFORM_REF, { message: 'expected a platform written os/arch, like linux/amd64' });

/**
 * An artifact's name, file name, form, registry or package arch: shown in hovers as Markdown and
 * matched in files as written, so no spaces and nothing Markdown reads (`*`, `[`, `` ` ``, `<`).
 */
const ARTIFACT_NAME = /^[A-Za-z0-9{][A-Za-z0-9._\/:@+{}-]*$/;
const artifactName = z.string().regex(ARTIFACT_NAME, { message: 'expected a name of letters, digits and . _ - / : @ + { } only, like kubernetes-server-{os}-{arch}.tar.gz' });

const tierNumber = z.union([z.literal(1), z.literal(2), z.literal(3)], {
  error: 'expected 1, 2 or 3',
});

const form = z.enum(['binary', 'exe', 'docker_tag', 'tar', 'sha256', 'sha512']);

export const tierSchema = z.strictObject({
  tier: tierNumber,
  name: z.string().min(1),
  criteria: z.array(z.string()),
  note: z.string().optional().describe('What the source document says of the tier besides its criteria, shown after them'),
});

/** An os or arch as Go spells it: lower case letters and digits. */
const goName = z.string().regex(GO_NAME, { message: 'expected lower-case letters and digits, as Go spells it (linux, amd64)' });

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
    registries: z.array(artifactName),
    images: z.array(z.strictObject({ name: artifactName, platforms: z.array(platformRef) })),
  }),
  binaries: z.strictObject({
    forms: z.record(form, artifactName),
    items: z.array(
      z.strictObject({
        name: artifactName,
        platforms: z.record(platformRef, z.array(form)),
      }),
    ),
  }),
  archives: z.strictObject({
    checksums: z.array(artifactName),
    items: z.array(
      z.strictObject({
        name: artifactName,
        file: artifactName.describe('File name; {os} and {arch} stand for the platform'),
        platforms: z.array(platformRef),
        portable: z.boolean(),
      }),
    ),
  }),
  packages: z.strictObject({
    formats: z.array(z.enum(['deb', 'rpm'])),
    repository: artifactName,
    arches: z.array(z.strictObject({ rpm: artifactName, deb: artifactName, platform: platformRef })),
  }),
});

type Row = Record<string, unknown>;

/**
 * The checks below read a model whose fields may be malformed elsewhere (so that every fault is
 * named at once, not the field errors first and the contradictions on the next try): each reads
 * only the rows and values well formed enough for it; the rest have their field errors already.
 */
function rows(v: unknown): [Row, number][] {
  const out: [Row, number][] = [];
  if (Array.isArray(v)) v.forEach((r, i) => typeof r === 'object' && r !== null && !Array.isArray(r) && out.push([r as Row, i]));
  return out;
}
function strings(v: unknown): [string, number][] {
  const out: [string, number][] = [];
  if (Array.isArray(v)) v.forEach((x, i) => typeof x === 'string' && out.push([x, i]));
  return out;
}
function field(v: unknown, key: string): unknown {
  return typeof v === 'object' && v !== null ? (v as Row)[key] : undefined;
}
function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
/** Rows a table holds once: a second row for the same key is a contradiction, not an update. */
function once<T>(items: [T, number][], key: (item: T) => string | undefined, table: string, what: string, ctx: z.RefinementCtx): void {
  const first = new Map<string, number>();
  for (const [item, i] of items) {
    const k = key(item);
    if (k === undefined) continue;
    const at = first.get(k);
    if (at === undefined) first.set(k, i);
    else ctx.addIssue({ code: 'custom', path: [table, i], message: `${what} ${k} is listed twice (first at ${table}[${at}])` });
  }
}

/** What each row says must agree with itself and with the other rows: the model is read as one table of facts. */
export const modelSchema = modelFields.superRefine(
  (m: unknown, ctx) => {
    // A platform Go does not build is reported as unknown before any table is read: a row for it
    // would never apply. (A platform not written os/arch has its field error already.)
    const go = (platform: unknown, at: (string | number)[]) => {
      if (typeof platform === 'string' && PLATFORM_REF.test(platform) && !GO_PAIRS.has(platform)) {
        ctx.addIssue({ code: 'custom', path: at, message: `${platform} is not a Go platform (go tool dist list, ${GO_VERSION})` });
      }
    };
    const tierRows = rows(field(m, 'tiers'));
    once(tierRows, (t) => (typeof t.tier === 'number' ? String(t.tier) : undefined), 'tiers', 'tier', ctx);
    for (const table of ['platforms', 'removed'] as const) {
      const named = rows(field(m, table)).filter(([p]) => GO_NAME.test(text(p.os) ?? '') && GO_NAME.test(text(p.arch) ?? ''));
      for (const [p, i] of named) {
        const id = text(p.id);
        if (id !== undefined && id !== `${p.arch}-${p.os}`) ctx.addIssue({ code: 'custom', path: [table, i, 'id'], message: `expected ${p.arch}-${p.os} (arch-os) for ${p.os}/${p.arch}, not ${id}` });
        go(`${p.os}/${p.arch}`, [table, i]);
      }
      once(named, (p) => `${p.os}/${p.arch}`, table, 'platform', ctx);
    }
    const tiers = new Set(tierRows.map(([t]) => t.tier));
    // (With no tiers table, that one is said missing, not each platform's tier.)
    if (Array.isArray(field(m, 'tiers'))) for (const [p, i] of rows(field(m, 'platforms'))) {
      if ((p.tier === 1 || p.tier === 2 || p.tier === 3) && !tiers.has(p.tier)) ctx.addIssue({ code: 'custom', path: ['platforms', i, 'tier'], message: `tier ${p.tier} is not in tiers` });
    }
    // Images by name and archives by file, each with a list of platforms.
    for (const [table, list, key, what] of [
      ['images', 'images', 'name', 'image'],
      ['archives', 'items', 'file', 'archive file'],
    ] as const) {
      const items = rows(field(field(m, table), list));
      once(items, (x) => text(x[key]), `${table}.${list}`, what, ctx);
      for (const [x, i] of items) {
        once(strings(x.platforms), (p) => p, `${table}.${list}[${i}].platforms`, 'platform', ctx);
        for (const [p, k] of strings(x.platforms)) go(p, [table, list, i, 'platforms', k]);
        // An archive published per platform is named per platform: its file says where.
        const file = text(x.file);
        if (table === 'archives' && file !== undefined && strings(x.platforms).length > 0 && !(file.includes('{os}') && file.includes('{arch}'))) {
          ctx.addIssue({ code: 'custom', path: [table, list, i, 'file'], message: `${file} lists platforms but has no {os} and {arch} to name each one's file` });
        }
      }
    }
    const binaries = rows(field(field(m, 'binaries'), 'items'));
    once(binaries, (x) => text(x.name), 'binaries.items', 'binary', ctx);
    for (const [x, i] of binaries) {
      if (typeof x.platforms === 'object' && x.platforms !== null) for (const p of Object.keys(x.platforms)) go(p, ['binaries', 'items', i, 'platforms', p]);
    }
    // A tier scoped to an artifact names one of the model's images, binaries or archives, published
    // for that platform (a tier of an artifact the model does not publish there would contradict it).
    const publishedOn = new Map<string, Set<string>>();
    const publish = (name: unknown, platforms: Iterable<string>) => {
      if (!text(name)) return;
      const on = publishedOn.get(name as string) ?? new Set<string>();
      for (const p of platforms) on.add(p.split('/').slice(0, 2).join('/'));
      publishedOn.set(name as string, on);
    };
    for (const [x] of rows(field(field(m, 'images'), 'images'))) publish(x.name, strings(x.platforms).map(([p]) => p));
    for (const [x] of binaries) publish(x.name, typeof x.platforms === 'object' && x.platforms !== null ? Object.keys(x.platforms) : []);
    for (const [x] of rows(field(field(m, 'archives'), 'items'))) publish(x.name, strings(x.platforms).map(([p]) => p));
    for (const [p, i] of rows(field(m, 'platforms'))) {
      const scoped = p.artifactTiers;
      if (typeof scoped !== 'object' || scoped === null) continue;
      for (const name of Object.keys(scoped)) {
        const on = publishedOn.get(name);
        if (!on) ctx.addIssue({ code: 'custom', path: ['platforms', i, 'artifactTiers', name], message: `${name} is no image, binary or archive of this model` });
        else if (typeof p.os === 'string' && typeof p.arch === 'string' && !on.has(`${p.os}/${p.arch}`)) {
          ctx.addIssue({ code: 'custom', path: ['platforms', i, 'artifactTiers', name], message: `${name} is not published for ${p.os}/${p.arch} in this model` });
        }
      }
    }
    const arches = rows(field(field(m, 'packages'), 'arches'));
    once(arches, (a) => text(a.platform), 'packages.arches', 'platform', ctx);
    once(arches, (a) => text(a.deb), 'packages.arches', 'deb arch', ctx);
    once(arches, (a) => text(a.rpm), 'packages.arches', 'rpm arch', ctx);
    for (const [a, i] of arches) go(a.platform, ['packages', 'arches', i, 'platform']);
  },
  // Also of a model with malformed fields: every fault is named in one message.
  { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
);

export type ModelData = z.infer<typeof modelSchema>;
export type TierData = z.infer<typeof tierSchema>;
export type PlatformData = z.infer<typeof platformSchema>;
export type RemovedData = z.infer<typeof removedSchema>;
export type BinaryForm = z.infer<typeof form>;
