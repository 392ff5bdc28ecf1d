import type { Mention, PairMention, Token } from '../scanners/mention';
import type { TierModel } from '../model/query';
import type { ExcludeEdit } from './finding';
import { goVariant, isGoArch, isGoOs, isValidPair, isValidVariant, formatPlatform, resolveArch, type Platform } from '../platform/names';
import { writtenHostType, type Spelling } from '../platform/parse';

/**
 * One mention as the rules see it: canonical os/arch where written, what is valid, and which token
 * a finding about it covers.
 */
export interface Subject {
  mention: Mention;
  os?: string;
  arch?: string;
  variant?: string;
  /** os and arch both present */
  platform?: Platform;
  validOs: boolean;
  validArch: boolean;
  /** A valid Go pair (and variant, where written). */
  valid: boolean;
  /** Arch written as an alias (x86_64) in a Go context. */
  archAlias: boolean;
  spelling: Spelling;
}

export function subjectOf(m: Mention): Subject {
  // One object shape for every subject (absent parts are undefined): this runs once per mention.
  if (m.kind === 'whole') {
    const p = m.platform;
    // Where the tool takes Go's names only (goreleaser's targets), an alias is no name: linux_x86_64.
    // (Nor an os or arch in capitals: neither tool folds case, `LINUX_amd64`.)
    const goOnly = m.goNames === true && (p.alias || m.token.text !== m.token.text.toLowerCase());
    const osEnd = goOnly ? m.token.text.search(/[_/-]/) : -1;
    const goOs = !goOnly || (isGoOs(p.raw.os) && !/[A-Z]/.test(m.token.text.slice(0, osEnd)));
    const goArch = !goOnly || (isGoArch(p.raw.arch) && !/[A-Z]/.test(m.token.text.slice(osEnd, osEnd + 1 + p.raw.arch.length)));
    return {
      mention: m,
      os: goOs ? p.os : p.raw.os,
      arch: goArch ? p.arch : p.raw.arch,
      variant: p.variant || undefined,
      platform: p.variant ? { os: p.os, arch: p.arch, variant: p.variant } : { os: p.os, arch: p.arch },
      validOs: p.validOs && goOs,
      validArch: p.validArch && goArch,
      valid: p.valid && goOs && goArch,
      archAlias: false,
      spelling: p.spelling,
    };
  }
  const os = (m.os?.text ?? m.osName)?.toLowerCase();
  const rawArch = (m.archName ?? m.arch?.text)?.toLowerCase();
  const resolved = rawArch !== undefined ? resolveArch(rawArch) : undefined;
  const arch = resolved?.arch ?? rawArch;
  const validOs = os === undefined || isGoOs(os);
  const validArch = rawArch === undefined || isGoArch(rawArch);
  let variant = m.variant;
  if (variant && arch) variant = goVariant(variant);
  const variantOk = !variant || !arch || isValidVariant(arch, variant);
  return {
    mention: m,
    os,
    arch,
    variant: variant || undefined,
    platform: os !== undefined && arch !== undefined ? (variant && variantOk ? { os, arch, variant } : { os, arch }) : undefined,
    validOs,
    validArch,
    valid: validOs && validArch && (os === undefined || arch === undefined || isValidPair(os, arch)),
    archAlias: rawArch !== undefined && resolved !== undefined && !isGoArch(rawArch),
    spelling: 'pair',
  };
}

/**
 * Whether a pair's arch is written with its variant in one word: `ARCH=arm/v9` read by
 * `--platform linux/$ARCH` (the token's variant), a matrix axis's `arm/v9` (its archName).
 */
export function variantInWord(m: Mention): boolean {
  return m.kind === 'pair' && m.arch !== undefined && (m.arch.variant !== undefined || (m.archName !== undefined && m.variant !== undefined && m.arch.text.indexOf('/') > 0));
}

/** The token a finding covers: the whole token, or for a split pair the value that is wrong. */
export function blame(s: Subject, wrongOs: boolean): Token | undefined {
  const m = s.mention;
  if (m.kind === 'whole') return m.token;
  return wrongOs ? m.os : m.arch;
}

/** The removal a finding on token t offers: the list item of a whole platform, or of a pair's os or arch. */
export function removal(s: Subject, t: Token): { remove?: { start: number; end: number }; entry?: true; exclude?: ExcludeEdit; shared?: true } {
  const m = s.mention;
  const r = m.kind === 'whole' ? m.removeRange : t.remove;
  const shared = m.kind === 'pair' && m.shared !== undefined && (t === m.os ? m.shared.os : t === m.arch ? m.shared.arch : false);
  const exclude = shared && m.kind === 'pair' ? excludeEntry(m) : undefined;
  return { ...(r ? { remove: r } : {}), ...(r && t.entry ? { entry: true as const } : {}), ...(exclude ? { exclude } : {}), ...(shared && r ? { shared: true as const } : {}) };
}

/** The entry that leaves a cross product's pair out (`- goos: linux` / `  goarch: arm` under the matrix's `exclude:`). */
export function excludeEntry(m: PairMention): ExcludeEdit | undefined {
  const spot = m.exclude;
  const os = m.os?.text ?? m.osName;
  const arch = m.arch?.text ?? m.archName;
  if (!spot || os === undefined || arch === undefined || !PLAIN.test(os) || !PLAIN.test(arch)) return undefined;
  if (spot.flow) {
    const tail = spot.tail ?? '';
    return { at: spot.at, text: `${spot.header}{${spot.osKey}: ${os}, ${spot.archKey}: ${arch}}${tail}`, list: spot.list, head: spot.header.length, tail: tail.length, sep: ', ' };
  }
  const pad = ' '.repeat(spot.indent);
  return { at: spot.at, text: `${spot.header}${pad}- ${spot.osKey}: ${os}${spot.eol}${pad}  ${spot.archKey}: ${arch}${spot.eol}`, list: spot.list, head: spot.header.length, tail: 0, sep: '' };
}

/** A value written as is in an entry. */
const PLAIN = /^[A-Za-z0-9_.-]+$/;

/** For a pair: is the os the wrong part, judged by whether the model has any platform for it? */
export function osIsOdd(s: Subject, model: TierModel): boolean {
  if (s.os === undefined) return false;
  if (s.arch === undefined) return true;
  return !model.oses.has(s.os);
}

export function display(s: Subject): string {
  if (s.platform) return formatPlatform(s.platform);
  return s.os ?? s.arch ?? '';
}

/**
 * The platforms of a pair built in several variants (goreleaser's `goarm: ["6", "7"]`), as a
 * message names them: `linux/arm/v6 and linux/arm/v7`. Undefined for fewer than two valid ones.
 */
export function displayVariants(s: Subject): string | undefined {
  const names = variantNames(s);
  return names ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : undefined;
}

/** The platforms of a pair built in several variants, one name each (see displayVariants). */
export function variantNames(s: Subject): string[] | undefined {
  const m = s.mention;
  const { os, arch } = s;
  if (m.kind !== 'pair' || !m.variants || os === undefined || arch === undefined) return undefined;
  const variants = new Set(m.variants.map(goVariant).filter((v) => isValidVariant(arch, v)));
  const names = [...variants].map((variant) => formatPlatform({ os, arch, variant }));
  return names.length > 1 ? names : undefined;
}

/**
 * A platform spelled for a fix of the written `token`: as `spell` does, with a Konflux host type
 * written after the os kept (`linux-mlarge/aarch64` → `linux-mlarge/arm64`): it picks the runner.
 */
export function spellFor(p: Platform, spelling: Spelling, token: Token, qualifier: string | undefined): string {
  const spelt = spell(p, spelling);
  const host = spelling === 'slash' ? writtenHostType(token.text, qualifier) : undefined;
  return host === undefined ? spelt : spelt.replace('/', `-${host}/`);
}

/** A platform written as the context writes platforms. */
export function spell(p: Platform, spelling: Spelling): string {
  switch (spelling) {
    case 'os-arch':
      return `${p.os}-${p.arch}${p.variant ? `-${p.variant}` : ''}`;
    case 'os_arch':
      return `${p.os}_${p.arch}${p.variant ? `_${p.variant}` : ''}`;
    case 'arch-os':
      return `${p.arch}-${p.os}`;
    default:
      return formatPlatform(p);
  }
}
