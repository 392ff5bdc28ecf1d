import type { ModelData, PlatformData, RemovedData, TierData, BinaryForm } from './schema';
import { type Platform } from '../platform/names';

export type ArtifactRef =
  | { kind: 'binary'; name: string; form: BinaryForm; /** A checksum of the binary as is (`kube-proxy.sha256`, no `.exe`). */ plainChecksum?: true }
  | { kind: 'archive'; name: string; checksum?: string }
  | { kind: 'image'; name: string }
  | { kind: 'package'; format: 'deb' | 'rpm'; name?: string };

export interface PlatformArtifacts {
  images: string[];
  binaries: { name: string; forms: BinaryForm[] }[];
  archives: string[];
  packages: { deb: string; rpm: string } | undefined;
}

const key = (os: string, arch: string) => `${os}/${arch}`;

/** The tier model with the lookups the rules, hover and completion need. Immutable. */
export class TierModel {
  readonly data: ModelData;
  private readonly byKey = new Map<string, PlatformData>();
  private readonly removedByKey = new Map<string, RemovedData>();
  private readonly tiers = new Map<number, TierData>();
  private readonly binaries = new Map<string, Map<string, BinaryForm[]>>();
  private readonly images = new Map<string, Set<string>>();
  private readonly archives = new Map<string, { platforms: Set<string>; portable: boolean }>();
  private readonly packageArches = new Map<string, { deb: string; rpm: string }>();
  readonly oses: ReadonlySet<string>;
  readonly arches: ReadonlySet<string>;

  constructor(data: ModelData) {
    this.data = data;
    for (const t of data.tiers) this.tiers.set(t.tier, t);
    for (const p of data.platforms) this.byKey.set(key(p.os, p.arch), p);
    for (const r of data.removed) this.removedByKey.set(key(r.os, r.arch), r);
    for (const b of data.binaries.items) this.binaries.set(b.name, new Map(Object.entries(b.platforms)));
    for (const i of data.images.images) this.images.set(i.name, new Set(i.platforms));
    for (const a of data.archives.items) {
      if (!a.file.includes('{os}')) continue;
      this.archives.set(a.name, { platforms: new Set(a.platforms), portable: a.portable });
    }
    for (const p of data.packages.arches) this.packageArches.set(p.platform, { deb: p.deb, rpm: p.rpm });
    const all = [...data.platforms, ...data.removed];
    this.oses = new Set(all.map((p) => p.os));
    this.arches = new Set(all.map((p) => p.arch));
  }

  /** The tier table's row, if the platform has one (a removed platform may still have one). */
  platform(p: Platform): PlatformData | undefined {
    return this.byKey.get(key(p.os, p.arch));
  }

  removed(p: Platform): RemovedData | undefined {
    return this.removedByKey.get(key(p.os, p.arch));
  }

  tierInfo(tier: number): TierData | undefined {
    return this.tiers.get(tier);
  }

  /**
   * The tier the platform is in, unless it was removed; for an artifact that has a tier of its
   * own there (`artifactTiers`: a platform tier 1 for client binaries only), that tier.
   */
  tierOf(p: Platform, artifact?: string): number | undefined {
    if (this.removed(p)) return undefined;
    const row = this.platform(p);
    return (artifact !== undefined ? row?.artifactTiers?.[artifact] : undefined) ?? row?.tier;
  }

  /** The architectures the release publishes packages for, tier 1 first, then as the source lists them (by name). */
  packageArchesByTier(): ModelData['packages']['arches'] {
    const tierOf = (platform: string) => {
      const [os, arch] = platform.split('/');
      return this.tierOf({ os: os ?? '', arch: arch ?? '' }) ?? 4;
    };
    return [...this.data.packages.arches].sort((x, y) => tierOf(x.platform) - tierOf(y.platform));
  }

  /** Platforms in a tier and not removed, tier 1 first, in table order. */
  supportedPlatforms(): PlatformData[] {
    return this.data.platforms
      .filter((p) => !this.removed(p))
      .sort((a, b) => a.tier - b.tier);
  }

  isBinary(name: string): boolean {
    return this.binaries.has(name);
  }

  isImage(name: string): boolean {
    return this.images.has(name);
  }

  isArchive(name: string): boolean {
    return this.archives.has(name);
  }

  archiveInfo(name: string): { platforms: ReadonlySet<string>; portable: boolean } | undefined {
    return this.archives.get(name);
  }

  /** Whether the source document lists this artifact for this platform. */
  artifactAvailable(artifact: ArtifactRef, p: Platform): boolean {
    const k = key(p.os, p.arch);
    switch (artifact.kind) {
      case 'binary': {
        const forms = this.binaries.get(artifact.name)?.get(k);
        return forms !== undefined && forms.includes(artifact.form);
      }
      case 'image':
        return this.images.get(artifact.name)?.has(k) ?? false;
      case 'archive':
        return this.archives.get(artifact.name)?.platforms.has(k) ?? false;
      case 'package':
        return this.packageArches.has(k);
    }
  }

  /** Where a binary is published, with its forms. */
  binaryPlatforms(name: string): { platform: string; forms: BinaryForm[] }[] {
    return [...(this.binaries.get(name) ?? new Map<string, BinaryForm[]>())].map(([platform, forms]) => ({ platform, forms }));
  }

  imagePlatforms(name: string): string[] {
    return [...(this.images.get(name) ?? [])];
  }

  /** Everything the source document publishes for one platform. */
  artifactsFor(p: Platform): PlatformArtifacts {
    const k = key(p.os, p.arch);
    return {
      images: this.data.images.images.filter((i) => i.platforms.includes(k)).map((i) => i.name),
      binaries: this.data.binaries.items
        .filter((b) => b.platforms[k] !== undefined)
        .map((b) => ({ name: b.name, forms: b.platforms[k] })),
      archives: this.data.archives.items
        .filter((a) => a.platforms.includes(k))
        .map((a) => a.file.replace('{os}', p.os).replace('{arch}', p.arch)),
      packages: this.packageArches.get(k),
    };
  }

  /** Package architecture names (deb or rpm) that have packages. */
  packageArchNames(): string[] {
    return this.data.packages.arches.flatMap((a) => [a.deb, a.rpm]);
  }
}
