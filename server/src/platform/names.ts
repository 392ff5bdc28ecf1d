import distList from '../../../data/go-dist-list.json';
import { editDistance } from './distance';

/** A platform in canonical Go terms: `linux/arm/v7` is { os: 'linux', arch: 'arm', variant: 'v7' }. */
export interface Platform {
  os: string;
  arch: string;
  variant?: string;
}

/** Valid GOOS/GOARCH pairs, from `go tool dist list`. */
export const GO_PAIRS: ReadonlySet<string> = new Set(distList.pairs);
export const GO_OSES: ReadonlySet<string> = new Set(distList.pairs.map((p) => p.split('/')[0]));
export const GO_ARCHES: ReadonlySet<string> = new Set(distList.pairs.map((p) => p.split('/')[1]));
export const GO_VERSION = distList.go;

/**
 * Architecture aliases as container runtimes normalise them (containerd/platforms), plus the
 * variant they imply. A table, not a chain of ifs.
 */
export const ARCH_ALIASES: ReadonlyMap<string, { arch: string; variant?: string }> = new Map([
  ['x86_64', { arch: 'amd64' }],
  ['x86-64', { arch: 'amd64' }],
  ['aarch64', { arch: 'arm64' }],
  ['armhf', { arch: 'arm', variant: 'v7' }],
  ['armv7', { arch: 'arm', variant: 'v7' }],
  ['armv7l', { arch: 'arm', variant: 'v7' }],
  ['armel', { arch: 'arm', variant: 'v6' }],
  ['armv6', { arch: 'arm', variant: 'v6' }],
  ['armv6l', { arch: 'arm', variant: 'v6' }],
  ['armv5', { arch: 'arm', variant: 'v5' }],
  ['i386', { arch: '386' }],
  ['i686', { arch: '386' }],
  ['x86', { arch: '386' }],
  ['ppc64el', { arch: 'ppc64le' }],
]);

/**
 * What each package format calls the arches both name differently: `kubectl:x86_64` is no Debian
 * package, `kubectl.amd64` no RPM. Keyed by platform arch, for the arches with Kubernetes
 * packages (for the others, artifact-unavailable says enough).
 */
export const PACKAGE_FORMAT_NAMES: ReadonlyMap<string, { deb: string; rpm: string }> = new Map([
  ['amd64', { deb: 'amd64', rpm: 'x86_64' }],
  ['arm64', { deb: 'arm64', rpm: 'aarch64' }],
  ['ppc64le', { deb: 'ppc64el', rpm: 'ppc64le' }],
]);

/** Debian and RPM architecture names, as used in package contexts. */
export const PACKAGE_ARCHES: ReadonlyMap<string, { arch: string; variant?: string }> = new Map([
  ['amd64', { arch: 'amd64' }],
  ['x86_64', { arch: 'amd64' }],
  ['arm64', { arch: 'arm64' }],
  ['aarch64', { arch: 'arm64' }],
  ['armhf', { arch: 'arm', variant: 'v7' }],
  ['armel', { arch: 'arm', variant: 'v6' }],
  ['armv7hl', { arch: 'arm', variant: 'v7' }],
  ['armhfp', { arch: 'arm', variant: 'v7' }],
  ['i386', { arch: '386' }],
  ['i686', { arch: '386' }],
  // (openSUSE's 32-bit x86 is i586; older RPMs say i486.)
  ['i586', { arch: '386' }],
  ['i486', { arch: '386' }],
  ['ppc64el', { arch: 'ppc64le' }],
  ['ppc64le', { arch: 'ppc64le' }],
  ['s390x', { arch: 's390x' }],
  ['riscv64', { arch: 'riscv64' }],
  ['mips64el', { arch: 'mips64le' }],
  ['mipsel', { arch: 'mipsle' }],
  ['mips', { arch: 'mips' }],
  ['ppc64', { arch: 'ppc64' }],
  ['loong64', { arch: 'loong64' }],
  ['loongarch64', { arch: 'loong64' }],
]);

/** The architecture names of each package format, those Kubernetes publishes packages for first. */
export const PACKAGE_ARCH_NAMES: Readonly<Record<'deb' | 'rpm', readonly string[]>> = {
  deb: ['amd64', 'arm64', 'ppc64el', 's390x', 'armhf', 'armel', 'i386', 'riscv64', 'mips64el', 'mipsel', 'loong64'],
  rpm: ['x86_64', 'aarch64', 'ppc64le', 's390x', 'armv7hl', 'armhfp', 'i686', 'riscv64', 'ppc64', 'loongarch64', 'i586', 'i486'],
};

/** Spellings that are not recognised aliases but are common enough to suggest from. */
export const SUGGESTION_ALIASES: ReadonlyMap<string, string> = new Map([
  ['x64', 'amd64'],
  ['amd', 'amd64'],
  ['intel', 'amd64'],
  ['aarch', 'arm64'],
  ['arm8', 'arm64'],
  ['armv8', 'arm64'],
  ['arm32', 'arm'],
  ['ia32', '386'],
  ['win', 'windows'],
  ['win32', 'windows'],
  ['win64', 'windows'],
  ['macos', 'darwin'],
  ['mac', 'darwin'],
  ['osx', 'darwin'],
  ['apple', 'darwin'],
  ['ppc64leel', 'ppc64le'],
  ['s390', 's390x'],
  ['x390x', 's390x'],
]);

/**
 * Variants Go and the OCI image spec accept per architecture (`linux/amd64/v3`, `linux_arm_7`).
 * Go's variables also take options after a comma (`GOARM=7,softfloat`, `GOARM64=v8.0,lse`), which
 * goreleaser's keys pass on.
 */
const VARIANTS: ReadonlyMap<string, RegExp> = new Map([
  ['arm', /^v?[5-7](,(soft|hard)float)?$/],
  ['arm64', /^v?(8|9)(\.\d)?(,(lse|crypto))*$/],
  ['amd64', /^v?[1-4]$/],
  ['riscv64', /^rva2[0-3]u64$/],
  // Go's other sub-architecture settings, as goreleaser writes them in targets (linux_386_sse2).
  ['386', /^(sse2|softfloat)$/],
  ['mips', /^(hard|soft)float$/],
  ['mipsle', /^(hard|soft)float$/],
  ['mips64', /^(hard|soft)float$/],
  ['mips64le', /^(hard|soft)float$/],
  ['ppc64', /^power(8|9|10)$/],
  ['ppc64le', /^power(8|9|10)$/],
]);

/** Each arch's default variant, which names the same platform as none (GOAMD64=v1, GO386=sse2). */
const DEFAULT_VARIANT: ReadonlyMap<string, string> = new Map([
  ['arm64', 'v8'],
  ['amd64', 'v1'],
  ['386', 'sse2'],
  ['mips', 'hardfloat'],
  ['mipsle', 'hardfloat'],
  ['mips64', 'hardfloat'],
  ['mips64le', 'hardfloat'],
  ['ppc64', 'power8'],
  ['ppc64le', 'power8'],
  ['riscv64', 'rva20u64'],
]);

export function isGoOs(os: string): boolean {
  return GO_OSES.has(os);
}

export function isGoArch(arch: string): boolean {
  return GO_ARCHES.has(arch);
}

/** Resolves an architecture name or alias to its Go name, or undefined when it is neither. */
export function resolveArch(name: string): { arch: string; variant?: string } | undefined {
  if (GO_ARCHES.has(name)) return { arch: name };
  return ARCH_ALIASES.get(name);
}

export function isValidPair(os: string, arch: string): boolean {
  return GO_PAIRS.has(`${os}/${arch}`);
}

/** Normalises a variant to its `vN` spelling; goreleaser writes `7` for arm v7. */
export function normaliseVariant(arch: string, variant: string): string {
  return /^\d/.test(variant) && arch !== '386' ? `v${variant}` : variant;
}

/** The key that picks among the builds of an arch, and what goreleaser builds when it is not set. */
export const VARIANT_KEY: ReadonlyMap<string | undefined, { key: string; goreleaserDefault: string }> = new Map([
  ['arm', { key: 'goarm', goreleaserDefault: '6' }],
  ['amd64', { key: 'goamd64', goreleaserDefault: 'v1' }],
  ['arm64', { key: 'goarm64', goreleaserDefault: 'v8.0' }],
  // (goreleaser's other variant keys, which its ignore entries may name: `gomips: softfloat`.)
  ['386', { key: 'go386', goreleaserDefault: 'sse2' }],
  ['mips', { key: 'gomips', goreleaserDefault: 'hardfloat' }],
  ['mipsle', { key: 'gomips', goreleaserDefault: 'hardfloat' }],
  ['mips64', { key: 'gomips', goreleaserDefault: 'hardfloat' }],
  ['mips64le', { key: 'gomips', goreleaserDefault: 'hardfloat' }],
  ['ppc64', { key: 'goppc64', goreleaserDefault: 'power8' }],
  ['ppc64le', { key: 'goppc64', goreleaserDefault: 'power8' }],
  ['riscv64', { key: 'goriscv64', goreleaserDefault: 'rva20u64' }],
]);

/** Go's variant variables, each for its own arch (see VARIANT_KEY). */
export const GO_VARIANT_KEYS: ReadonlySet<string> = new Set([...VARIANT_KEY.values()].map((v) => v.key));

/** A variant as Go's variables take it and as a platform writes it: `GOARM=7` is `v7`. */
export function goVariant(v: string): string {
  return /^\d/.test(v) ? `v${v}` : v;
}

export function isValidVariant(arch: string, variant: string): boolean {
  const pattern = VARIANTS.get(arch);
  return pattern !== undefined && pattern.test(variant);
}

/**
 * A variant a platform written for images may name (`linux/arm64/v8`): the OCI image spec's,
 * which for arm64 is v8 alone. Go's finer GOARM64 levels (`v8.2`, `v9.0`) are settings of a
 * build (goreleaser's `goarm64`, `linux_arm64_v9.0`), not variants of an image.
 */
export function isPlatformVariant(arch: string, variant: string): boolean {
  return arch === 'arm64' ? ARM64_IMAGE_VARIANT.test(variant) : isValidVariant(arch, variant);
}
const ARM64_IMAGE_VARIANT = /^v8(\.0)?$/;

/** The variants an arch has, as a platform's third part (`linux/arm64/v8`) or as Go's settings (`linux_arm64_v9.0`). */
const VARIANTS_SAID: Readonly<Record<string, readonly [image: string, go: string]>> = {
  arm: ['v5, v6 and v7', 'v5, v6 and v7'],
  arm64: ['v8', 'v8.x and v9.x'],
  amd64: ['v1 to v4', 'v1 to v4'],
  // (Go's other sub-architecture settings, VARIANTS' words: QA 275 B10 found them left unsaid.)
  '386': ['sse2 and softfloat', 'sse2 and softfloat'],
  ppc64: ['power8, power9 and power10', 'power8, power9 and power10'],
  ppc64le: ['power8, power9 and power10', 'power8, power9 and power10'],
  riscv64: ['rva20u64 to rva23u64', 'rva20u64 to rva23u64'],
  mips: ['hardfloat and softfloat', 'hardfloat and softfloat'],
  mipsle: ['hardfloat and softfloat', 'hardfloat and softfloat'],
  mips64: ['hardfloat and softfloat', 'hardfloat and softfloat'],
  mips64le: ['hardfloat and softfloat', 'hardfloat and softfloat'],
};

/**
 * Why a pair Go builds is no platform with its variant (`linux/amd64/v5`): the arch has no such
 * variant (QA 273: the message said only that the platform was not valid).
 */
export function variantNote(arch: string, variant: string | undefined, slash: boolean, written: string): string {
  // (Only a variant written as one, `v5`, `v9.0`: not a Windows version, `linux/amd64/1809`, nor a word after the pair.)
  if (variant === undefined || !/^v\d{1,2}(\.\d+)?$/.test(variant) || !written.toLowerCase().endsWith(variant) || (slash ? isPlatformVariant : isValidVariant)(arch, variant)) return '';
  const known = VARIANTS_SAID[arch];
  return `: ${arch} has no variant ${variant}${known ? ` (its variants: ${known[slash ? 0 : 1]})` : ''}`;
}

export function formatPlatform(p: Platform): string {
  return p.variant ? `${p.os}/${p.arch}/${p.variant}` : `${p.os}/${p.arch}`;
}

/**
 * What makes two platforms one: default variants dropped (linux/arm64/v8 is linux/arm64, amd64/v1
 * is amd64), and arm64's `v8.0` (goreleaser's default GOARM64) is `v8`.
 */
export function platformIdentity(p: Platform): string {
  const written = p.variant?.endsWith('.0') ? p.variant.slice(0, -2) : p.variant;
  const v = written !== undefined && DEFAULT_VARIANT.get(p.arch) === written ? undefined : written;
  return formatPlatform({ os: p.os, arch: p.arch, ...(v ? { variant: v } : {}) });
}

export function platformKey(p: Platform): string {
  return `${p.os}/${p.arch}`;
}

/**
 * An upper-case word that is no Go name in any case (ARCH, TODO, XXX): a placeholder someone fills
 * in (by sed, envsubst, a template), not a typo. `AMD64` is a name in the wrong case, and `AMD46`
 * or `LINX` a typo in capitals: one edit from a Go name of five letters or more.
 */
export function isPlaceholder(word: string): boolean {
  const c = word.charCodeAt(0);
  if (word.length < 2 || c < 65 || c > 90 || !/^[A-Z][A-Z0-9_]*$/.test(word)) return false;
  const lower = word.toLowerCase();
  if (isGoOs(lower) || isGoArch(lower) || resolveArch(lower) !== undefined) return false;
  return lower.length < 4 || !LONG_NAMES.some((name) => Math.abs(name.length - lower.length) <= 1 && editDistance(lower, name) === 1);
}

/**
 * Go's names of five letters or more: a word one edit from one is its typo. A shorter one is too
 * near common words in capitals (`FIPS` and `TIPS` are one edit from mips, `WASI` from wasm), and
 * so is plan9 (`PLAN`, `PLANS`).
 */
const LONG_NAMES: readonly string[] = [...GO_OSES, ...GO_ARCHES].filter((n) => n.length >= 5 && n !== 'plan9');
