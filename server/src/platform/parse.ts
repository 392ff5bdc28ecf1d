import {
  isGoArch,
  isGoOs,
  isValidPair,
  isPlatformVariant,
  isValidVariant,
  normaliseVariant,
  resolveArch,
  ARCH_ALIASES,
  SUGGESTION_ALIASES,
  GO_ARCHES,
  GO_OSES,
  type Platform,
} from './names';
import { characters, editDistance } from './distance';

/** How a platform was written. */
export type Spelling = 'slash' | 'os-arch' | 'os_arch' | 'arch-os' | 'pair' | 'package';

/** One platform string, parsed: the canonical platform plus what was odd about the writing. */
export interface ParsedPlatform extends Platform {
  spelling: Spelling;
  /** The parts exactly as written, lower-cased. */
  raw: { os: string; arch: string; variant?: string };
  /**
   * What is written beside the platform and does not change it: a Windows version where a variant
   * goes (`windows/amd64/1809`, `windows-amd64-ltsc2022`, as Kubernetes tags its Windows images),
   * or a build host's type after the os (Konflux's `linux-c6gd2xlarge/arm64`).
   */
  qualifier?: string;
  /** An alias (x86_64, aarch64, armhf) or upper case was used where a canonical name exists. */
  alias: boolean;
  /** os, arch and variant are all valid Go names, and the pair is in `go tool dist list`. */
  valid: boolean;
  validOs: boolean;
  validArch: boolean;
  /** Written as an arch alone, the os implied (see parseBareArch): `x86_64` is respelt `amd64`, not `linux/amd64`. */
  osImplied?: true;
}

/**
 * How sure the context is that a value is a platform.
 * - `strict`: a platform-ish key, variable or flag. Typos count (`linux/amd46`).
 * - `loose`: anywhere else. Only strings whose os and arch are both known names count.
 */
export type Strictness = 'strict' | 'loose';

const PART = /^[A-Za-z0-9._-]*$/;
/**
 * A part where a platform is expected: other characters too, which no Go name has and every tool
 * refuses (`linux/\u0430md64` with a Cyrillic a, `linux/amd64` and a zero-width space): a typo.
 */
const STRICT_PART = /^[A-Za-z0-9._\u0080-\uffff-]*$/;

/** Builds a parsed platform from its written parts. */
export function makePlatform(
  rawOs: string,
  rawArch: string,
  rawVariant: string | undefined,
  spelling: Spelling,
): ParsedPlatform {
  const os = rawOs.toLowerCase();
  const archName = rawArch.toLowerCase();
  if (os === 'windows' && rawVariant !== undefined && WINDOWS_VERSION.test(rawVariant)) {
    return { ...makePlatform(rawOs, rawArch, undefined, spelling), qualifier: rawVariant.toLowerCase() };
  }
  const resolved = resolveArch(archName);
  const arch = resolved?.arch ?? archName;
  let variant = rawVariant === undefined || rawVariant === '' ? undefined : rawVariant.toLowerCase();
  if (variant !== undefined) variant = normaliseVariant(arch, variant);
  if (variant === undefined && resolved?.variant) variant = resolved.variant;
  const validOs = isGoOs(os);
  const validArch = resolved !== undefined;
  const variantOk = variant === undefined || (spelling === 'slash' ? isPlatformVariant(arch, variant) : isValidVariant(arch, variant));
  // (A variant in capitals, `linux/arm64/V8`, is one too: the same platform, not its spelling.)
  const alias = os !== rawOs || archName !== rawArch || (resolved !== undefined && resolved.arch !== archName) || (rawVariant !== undefined && rawVariant !== rawVariant.toLowerCase());
  return {
    os,
    arch,
    ...(variant !== undefined ? { variant } : {}),
    spelling,
    raw: { os, arch: archName, ...(rawVariant ? { variant: rawVariant } : {}) },
    alias,
    valid: validOs && validArch && variantOk && isValidPair(os, arch),
    validOs,
    validArch,
  };
}

/** Other toolchains' arch names near Go's (wasm32, i686, armv7, riscv32, powerpc64le): no typos of Go's. */
const FOREIGN_ARCH = /^(?:wasm32|wasm64|riscv32|mips32|i[3-6]86|x86|armv\d+[a-z]*|arm32|powerpc\w*|sparc\w*|loongarch\d*|s390)$/i;

function isWindowsVersion(os: string, part: string): boolean {
  return os.toLowerCase() === 'windows' && WINDOWS_VERSION.test(part);
}

function knownOs(s: string): boolean {
  return GO_OSES.has(s.toLowerCase());
}

function knownArch(s: string): boolean {
  return resolveArch(s.toLowerCase()) !== undefined;
}

function nearKnown(s: string, names: ReadonlySet<string>): boolean {
  const lower = s.toLowerCase();
  const length = characters(lower);
  if (length < 3) return false;
  const limit = length <= 4 ? 1 : 2;
  for (const n of names) if (Math.abs(n.length - length) <= limit && editDistance(lower, n) <= limit) return true;
  return false;
}

/** The container runtimes' aliases long enough to be mistyped (aarch64, x86_64, i686). */
const LONG_ALIASES: ReadonlySet<string> = new Set([...ARCH_ALIASES.keys()].filter((a) => a.length >= 4));

/** The aliases written with a separator in them (x86_64, x86-64). */
const UNDERSCORE_ALIASES: ReadonlySet<string> = new Set([...LONG_ALIASES].filter((a) => a.includes('_')));
const DASH_ALIASES: ReadonlySet<string> = new Set([...LONG_ALIASES].filter((a) => a.includes('-')));

/** A typo of a Go arch, or of a long alias of one where at least five characters are written (`aarch46`, `x86_46`, `i686x`). */
function nearArch(s: string): boolean {
  return nearKnown(s, GO_ARCHES) || (characters(s) >= 5 && nearKnown(s, LONG_ALIASES));
}

/**
 * No Go name nor alias, but one that means one of `names` (an os: `win`, `macos`; an arch: `x64`,
 * `ia32`, `armv8`; see SUGGESTION_ALIASES).
 */
function misnamed(s: string, names: ReadonlySet<string>): boolean {
  const meant = SUGGESTION_ALIASES.get(s.toLowerCase());
  return meant !== undefined && names.has(meant);
}

/**
 * An arch alone where Docker and BuildKit take a platform (`FROM --platform=arm`, `docker run
 * --platform arm64`): containerd reads it as that arch on the daemon's os, linux for the images
 * Kubernetes builds. Go's names and the container runtimes' aliases (`armv7` is arm/v7); undefined
 * for any other word (an os alone, `managed`, a typo: see isNameTypo). An arch with its variant and
 * no os (`arm/v7`, GitLab's documented `arm64/v8`) is linux's too: what the writer means, though
 * containerd would take `arm` for an os there.
 */
export function parseBareArch(text: string): ParsedPlatform | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return PART.test(text) && knownArch(text) ? { ...makePlatform('linux', text, undefined, 'slash'), osImplied: true } : undefined;
  const arch = text.slice(0, slash).toLowerCase();
  const variant = text.slice(slash + 1).toLowerCase();
  // (Go's own name: an alias such as `armv7` has its variant already.) A variant Go lacks
  // (`arm64/v7`, `amd64/v5`) makes a platform that is no valid one.
  if (!isGoArch(arch) || knownOs(arch)) return undefined;
  return isPlatformVariant(arch, variant) || ARCH_VARIANT.test(`${arch}/${variant}`) ? { ...makePlatform('linux', arch, variant, 'slash'), osImplied: true } : undefined;
}

/**
 * `linux-x64`, `windows_x64`: a Go os joined to a name that means a Go arch but is none. Node's,
 * .NET's and VS Code's targets are spelt so (`vsce package --target linux-x64`), so parsePlatform
 * leaves it alone; where only a Go or container platform can stand (a PLATFORMS list, a
 * --platform flag) it is a mistake, with a typo's suggestions.
 */
export function parseMisnamed(text: string): ParsedPlatform | undefined {
  const sep = /^[A-Za-z0-9]+([-_])[A-Za-z0-9]+$/.exec(text)?.[1] as '-' | '_' | undefined;
  if (!sep) return undefined;
  const [os, arch] = text.split(sep);
  return knownOs(os) && !knownArch(arch) && misnamed(arch, GO_ARCHES) ? makePlatform(os, arch, undefined, sep === '_' ? 'os_arch' : 'os-arch') : undefined;
}

/** Whether `s` is a Go operating system or architecture (an alias too), or a typo of one (`amd46`, `lnux`). */
export function looksLikeName(s: string, role: 'os' | 'arch'): boolean {
  return role === 'os' ? knownOs(s) || nearKnown(s, GO_OSES) : knownArch(s) || nearKnown(s, GO_ARCHES);
}

/** Whether `s` is a typo of a Go operating system or architecture: near one (see looksLikeName), but no name or alias itself. */
export function isNameTypo(s: string, role: 'os' | 'arch'): boolean {
  return role === 'os' ? !knownOs(s) && nearKnown(s, GO_OSES) : !knownArch(s) && nearKnown(s, GO_ARCHES);
}

/** Go's name of an arch with a variant after it (`arm/v7`, `arm64/v8`, `amd64/v3`; `arm64/v7`, which Go lacks, too). */
export const ARCH_VARIANT = /^(?:arm|arm64|amd64)\/[vV]?\d{1,2}(?:\.\d)?$/;

/** A variant in a joined spelling: arm's 7, amd64's v3, and Go's other settings (sse2, softfloat, power9, rva22u64). */
const VARIANT_PART = /^(?:v?\d+(\.\d+)?|sse2|(?:hard|soft)float|power(?:8|9|10)|rva2[0-3]u64)$/i;

/** A Windows release as container images name it: 1809, 2004, 20H2, ltsc2022, 10.0.17763.1234. */
const WINDOWS_VERSION = /^(?:ltsc20\d\d|1[5-9]0[1-9]|20[0-2]\d|[23]\d[hH][12]|10\.0\.\d{5}(?:\.\d+)?)$/;

/** xgo's arm levels (`linux/arm-7`), and an os with a release after it (`darwin-10.14`, `android-16`). */
const XGO_ARM = /^arm-([5-7])$/;
const XGO_RELEASE = /^([A-Za-z]+)-(\d+(?:\.\d+){0,2})$/;

/** An os with a host type after it (`linux-c6gd2xlarge`): the os, and the type. */
const HOST_TYPE = /^([A-Za-z]+)-([A-Za-z0-9][A-Za-z0-9-]{1,40})$/;

/**
 * A written slash platform's Konflux host type after its os, as written (`linux-mlarge/arm46` →
 * `mlarge`), when it is the platform's qualifier; undefined otherwise.
 */
export function writtenHostType(text: string, qualifier: string | undefined): string | undefined {
  if (qualifier === undefined) return undefined;
  const slash = text.indexOf('/');
  const host = slash > 0 ? HOST_TYPE.exec(text.slice(0, slash)) : null;
  return host && host[2].toLowerCase() === qualifier ? host[2] : undefined;
}

/** What a variant looks like, right or wrong: a short word with a digit (sse3, power7, z13, v5). */
const LOOSE_VARIANT = /^[a-z]{0,8}\d{1,3}[a-z0-9]{0,6}$/i;

/**
 * Parses one list item as a platform, in any spelling (slash, os-arch, os_arch, arch-os).
 * Returns undefined when the item is not a platform at all in a context of this strictness.
 */
export function parsePlatform(text: string, strictness: Strictness): ParsedPlatform | undefined {
  if (text.length === 0 || text.length > 64) return undefined;
  const memo = strictness === 'strict' ? STRICT_MEMO : LOOSE_MEMO;
  const known = memo.get(text);
  if (known !== undefined) return known === NOT_A_PLATFORM ? undefined : known;
  const parsed = text.includes('/')
    ? parseSlash(text, strictness)
    : // linux_amd64, then linux-x86_64 and x86_64-linux: an arch with `_` in a `-` spelling.
      (text.includes('_') ? parseJoined(text, '_', strictness) : undefined) ?? (text.includes('-') ? parseJoined(text, '-', strictness) : undefined);
  // A file of ever new words must not grow the memo without bound.
  if (memo.size >= MEMO_SIZE) memo.clear();
  if (parsed) {
    Object.freeze(parsed.raw);
    Object.freeze(parsed);
  }
  memo.set(text, parsed ?? NOT_A_PLATFORM);
  return parsed;
}

/**
 * Parses by text: a file names the same few platforms over and over. Parsed platforms are never
 * changed after they are made (callers copy them to change them), so one object serves every
 * mention of the same text.
 */
const STRICT_MEMO = new Map<string, ParsedPlatform | typeof NOT_A_PLATFORM>();
const LOOSE_MEMO = new Map<string, ParsedPlatform | typeof NOT_A_PLATFORM>();
const NOT_A_PLATFORM = 0;
const MEMO_SIZE = 4096;

function parseSlash(text: string, strictness: Strictness): ParsedPlatform | undefined {
  const parts = text.split('/');
  const part = strictness === 'loose' ? PART : STRICT_PART;
  if (parts.length < 2 || !parts.every((p) => part.test(p))) return undefined;
  if (strictness === 'loose') {
    if (parts.length > 3 || !knownOs(parts[0]) || !knownArch(parts[1])) return undefined;
    // linux/arm/asm, linux/amd64/bin: a path, not a variant.
    if (parts.length === 3 && !VARIANT_PART.test(parts[2]) && !isWindowsVersion(parts[0], parts[2])) return undefined;
    return makePlatform(parts[0], parts[1], parts[2], 'slash');
  }
  // xgo's targets (crazy-max/ghaction-xgo): an arm level after a dash (linux/arm-7), and an os
  // with the oldest release to build for (darwin-10.14/amd64, android-16/arm).
  if (parts.length === 2) {
    const level = XGO_ARM.exec(parts[1]);
    const release = XGO_RELEASE.exec(parts[0]);
    if ((level || release) && knownOs(release ? release[1] : parts[0]) && (level || knownArch(parts[1]))) {
      const p = makePlatform(release ? release[1] : parts[0], level ? 'arm' : parts[1], level ? level[1] : undefined, 'slash');
      return release ? { ...p, qualifier: release[2] } : p;
    }
  }
  // Konflux's build-platforms name a host type after the os: linux-mlarge/arm64, linux-d160-m2xlarge/amd64.
  const host = parts.length === 2 ? HOST_TYPE.exec(parts[0]) : null;
  // (An arch typo there too: linux-mlarge/arm46.)
  if (host && knownOs(host[1]) && (knownArch(parts[1]) || nearKnown(parts[1], GO_ARCHES)) && !knownArch(host[2])) return { ...makePlatform(host[1], parts[1], undefined, 'slash'), qualifier: host[2].toLowerCase() };
  const nonEmpty = parts.filter((p) => p !== '');
  // `linux/`, `/arm64`: a platform with one half left out, where a platform is expected (kept by
  // the scan only where it stands alone: see halfWrittenAlone).
  if (parts.length === 2 && nonEmpty.length === 1 && (parts[1] === '' ? knownOs(parts[0]) : knownArch(parts[1]) && !knownOs(parts[1]))) {
    return { ...makePlatform(parts[0], parts[1], undefined, 'slash'), valid: false };
  }
  if (nonEmpty.length < 2) return undefined;
  const looksLikePlatform =
    knownOs(parts[0]) ||
    knownArch(parts[1] ?? '') ||
    (nonEmpty.length === 2 && (knownOs(nonEmpty[0]) || knownArch(nonEmpty[1]))) ||
    (nearKnown(parts[0], GO_OSES) && nearKnown(parts[1], GO_ARCHES)) ||
    // Both halves in another toolchain's words for Go's: win/x64, macos/x64 (Node's and .NET's).
    (parts.length === 2 && misnamed(parts[0], GO_OSES) && misnamed(parts[1], GO_ARCHES)) ||
    // Written the other way round, `amd64/linux`: no platform, but one meant (unknown-platform offers
    // it); also with a typo on one side (`amd64/lnux`, `aarch46/linux`).
    ((parts.length === 2 || (parts.length === 3 && VARIANT_PART.test(parts[2]))) &&
      ((knownArch(parts[0]) && (knownOs(parts[1]) || nearKnown(parts[1], GO_OSES))) || (knownOs(parts[1]) && !knownOs(parts[0]) && nearArch(parts[0]))));
  if (!looksLikePlatform) return undefined;
  // A path whose second segment happens to be an arch (`common/wasm/testdata/args`, `pkg/arm64/asm`):
  // past the arch a platform has only a variant, and its os is one (or a near miss of one).
  if (nonEmpty.length >= 3 && !knownOs(nonEmpty[0]) && (nonEmpty.length > 3 || !VARIANT_PART.test(nonEmpty[2])) && !nearKnown(nonEmpty[0], GO_OSES)) return undefined;
  if (parts.length > 3 || parts.some((p) => p === '')) {
    // `linux//amd64`, `linux/amd64/`, `linux/arm/v7/x`: a platform gone wrong.
    const parsed = makePlatform(nonEmpty[0], nonEmpty[1], nonEmpty[2], 'slash');
    return { ...parsed, valid: false };
  }
  return makePlatform(parts[0], parts[1], parts[2], 'slash');
}

/**
 * `linux-amd64`, `linux_arm_7`, `amd64-linux`, `linux_amd64_v1`: both os and arch must be known.
 * Where a platform is expected (a `targets:` list, a --platform value), one known name beside a
 * near miss of the other (`linux_amd46`, `lnux-arm64`) is a platform with a typo; anywhere else
 * joined words are too common (`windows-latest`, `linux-gnu`) to be read that way.
 */
function parseJoined(text: string, sep: '-' | '_', strictness: Strictness): ParsedPlatform | undefined {
  const parts = text.split(sep);
  const part = sep === '-' ? /^[A-Za-z0-9._]+$/ : /^[A-Za-z0-9.]+$/;
  if (parts.length < 2 || parts.length > 4 || !parts.every((p) => p !== '' && part.test(p))) return undefined;
  const spelling: Spelling = sep === '_' ? 'os_arch' : 'os-arch';
  // An arch written with the separator in it: linux_x86_64, linux-x86-64 (and a variant after it);
  // where a platform is expected, also beside a near miss of an os (lnux_x86_64 is not lnux/x86 64).
  if (parts.length >= 3 && knownArch(`${parts[1]}${sep}${parts[2]}`) && (knownOs(parts[0]) || (strictness === 'strict' && nearKnown(parts[0], GO_OSES)))) {
    const arch = `${parts[1]}${sep}${parts[2]}`;
    if (parts.length === 3) return makePlatform(parts[0], arch, undefined, spelling);
    return VARIANT_PART.test(parts[3]) ? makePlatform(parts[0], arch, parts[3], spelling) : undefined;
  }
  if (sep === '-' && parts.length === 3 && knownArch(`${parts[0]}-${parts[1]}`) && knownOs(parts[2])) {
    return makePlatform(parts[2], `${parts[0]}-${parts[1]}`, undefined, 'arch-os');
  }
  // A typo of an arch written with the separator in it: linux_x86_46 (not linux_x86 with a variant 46).
  if (strictness === 'strict' && parts.length === 3 && knownOs(parts[0]) && !knownArch(`${parts[1]}${sep}${parts[2]}`) && nearKnown(`${parts[1]}${sep}${parts[2]}`, sep === '_' ? UNDERSCORE_ALIASES : DASH_ALIASES)) {
    return makePlatform(parts[0], `${parts[1]}${sep}${parts[2]}`, undefined, spelling);
  }
  if (strictness === 'strict' && (parts.length === 2 || (parts.length === 3 && VARIANT_PART.test(parts[2])))) {
    const [os, arch] = parts;
    const typo = (knownOs(os) && !knownArch(arch) && nearArch(arch)) || (!knownOs(os) && nearKnown(os, GO_OSES) && knownArch(arch));
    if (typo) return makePlatform(os, arch, parts[2], spelling);
  }
  // The same in the arch-os order: `amd64-linx`, `arm46-darwin`.
  if (strictness === 'strict' && sep === '-' && parts.length === 2) {
    const [arch, os] = parts;
    // (Another toolchain's arch beside a Go os is its own name, no typo: Rust's wasm32-wasip1.)
    const typo = (knownArch(arch) && !knownOs(os) && nearKnown(os, GO_OSES)) || (!knownArch(arch) && !knownOs(arch) && !FOREIGN_ARCH.test(arch) && nearArch(arch) && knownOs(os));
    if (typo) return makePlatform(os, arch, undefined, 'arch-os');
  }
  if (parts.length === 3 && isWindowsVersion(parts[0], parts[2]) && knownArch(parts[1])) return makePlatform(parts[0], parts[1], parts[2], spelling);
  if (knownOs(parts[0])) {
    const archText = parts.length === 3 && !VARIANT_PART.test(parts[2]) ? `${parts[1]}-${parts[2]}` : parts[1];
    if (archText !== parts[1] && knownArch(archText)) return makePlatform(parts[0], archText, undefined, spelling);
    if (!knownArch(parts[1])) return undefined;
    if (parts.length === 2) return makePlatform(parts[0], parts[1], undefined, spelling);
    if (parts.length === 3 && VARIANT_PART.test(parts[2])) return makePlatform(parts[0], parts[1], parts[2], spelling);
    // goreleaser's os_arch_variant with a variant Go does not have (linux_386_sse3, linux_s390x_z13):
    // a platform with a wrong variant, where a platform is expected.
    if (strictness === 'strict' && sep === '_' && parts.length === 3 && LOOSE_VARIANT.test(parts[2])) return makePlatform(parts[0], parts[1], parts[2], spelling);
    return undefined;
  }
  if (sep === '-' && parts.length === 2 && knownArch(parts[0]) && knownOs(parts[1])) {
    return makePlatform(parts[1], parts[0], undefined, 'arch-os');
  }
  return undefined;
}
