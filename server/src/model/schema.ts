import { z } from 'zod';

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

export const platformSchema = z.strictObject({
  id: z.string().describe('The source document spelling, arch-os: amd64-linux'),
  os: z.string().min(1),
  arch: z.string().min(1),
  tier: tierNumber,
  artifactTiers: z
    .record(z.string(), tierNumber)
    .optional()
    .describe('Tiers scoped to single artifacts: a platform can be tier 1 for client binaries only'),
});

export const removedSchema = z.strictObject({
  id: z.string(),
  os: z.string().min(1),
  arch: z.string().min(1),
  reason: z.string().min(1),
  resources: z.array(z.url()).min(1),
});

export const modelSchema = z.strictObject({
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

export type ModelData = z.infer<typeof modelSchema>;
export type TierData = z.infer<typeof tierSchema>;
export type PlatformData = z.infer<typeof platformSchema>;
export type RemovedData = z.infer<typeof removedSchema>;
export type BinaryForm = z.infer<typeof form>;
