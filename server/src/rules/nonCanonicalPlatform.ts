import type { RawFinding } from './finding';
import { spell, spellFor, type Subject } from './subject';
import { formatPlatform, isGoArch, PACKAGE_FORMAT_NAMES } from '../platform/names';

/** non-canonical-platform: an alias or another spelling where the context has a canonical one. */
export function findNonCanonicalPlatform(s: Subject): RawFinding | undefined {
  const m = s.mention;
  if (m.kind === 'pair') return dockerAxisAlias(s);
  if (m.artifact?.kind === 'package') return otherFormatName(s);
  if (!m.canonical || !s.valid || !s.platform) return undefined;
  const p = m.platform;
  // arch-os with another toolchain's arch (`x86_64-linux`, `aarch64-darwin`) where any spelling goes
  // is that toolchain's name (a Nix system, a RubyGems platform, a zig target), not ours misspelt.
  if (m.canonical === 'as-written' && p.spelling === 'arch-os' && p.alias && !isGoArch(p.raw.arch)) return undefined;
  const target = m.canonical === 'as-written' ? p.spelling : m.canonical;
  const wrongSpelling = p.spelling !== target && p.spelling !== 'package';
  if (!p.alias && !wrongSpelling) return undefined;
  // (An arch alone is respelt alone, `x86_64` as `amd64`: a list of arches stays one.)
  const canonical = p.osImplied && !s.platform.variant ? s.platform.arch : spellFor(s.platform, target, m.token, p.qualifier);
  if (canonical === m.token.text) return undefined;
  // (A release's URL or file in another spelling is no file the release publishes: the download fails.)
  const published = RELEASE_FILES.has(m.context) ? ` (no file of the release is named with ${m.token.text})` : '';
  return {
    token: m.token,
    code: 'non-canonical-platform',
    message: `${m.token.text} is not the canonical spelling here; write ${canonical}${published}.`,
    data: { platform: canonical, replacements: [canonical] },
  };
}

/** The contexts of a Kubernetes release's download URLs and file names (see scanners/artifacts). */
const RELEASE_FILES = new Set(['Kubernetes release URL', 'Kubernetes release archive', 'Kubernetes project release asset']);

/**
 * A matrix value a job uses as a Docker platform's arch (`arch: [x86_64]` with `platforms:
 * linux/${{ matrix.arch }}`) in another of Docker's spellings: the scanner read it (archName),
 * and the canonical arch is written in its place, as in `linux/x86_64` written out.
 */
function dockerAxisAlias(s: Subject): RawFinding | undefined {
  const m = s.mention;
  if (m.kind !== 'pair' || !m.arch || m.archName === undefined || m.ownSpelling || !s.valid || !s.arch) return undefined;
  // Go's own name, maybe with a variant (`arm64/v8`, or `arm64` beside an object's `variant: v8`).
  if (isGoArch(m.arch.text.split('/')[0])) return undefined;
  const canonical = s.variant ? `${s.arch}/${s.variant}` : s.arch;
  return {
    token: m.arch,
    code: 'non-canonical-platform',
    message: `${m.arch.text} is not the canonical spelling here; write ${canonical}.`,
    data: { platform: s.platform ? spell(s.platform, 'slash') : canonical, replacements: [canonical] },
  };
}

/**
 * A package architecture in the other format's name: `apt-get install kubectl:x86_64` (Debian
 * calls it amd64), `dnf install kubectl.amd64` (RPM calls it x86_64). apt and dnf find no such package.
 */
function otherFormatName(s: Subject): RawFinding | undefined {
  const m = s.mention;
  if (m.kind !== 'whole' || m.artifact?.kind !== 'package') return undefined;
  const p = m.platform;
  const names = PACKAGE_FORMAT_NAMES.get(p.arch);
  const format = m.artifact.format;
  if (!names || m.token.text !== names[format === 'deb' ? 'rpm' : 'deb']) return undefined;
  const canonical = names[format];
  return {
    token: m.token,
    code: 'non-canonical-platform',
    message: `${m.token.text} is not the canonical spelling here; write ${canonical} (${format === 'deb' ? 'Debian' : 'RPM'}'s name of ${formatPlatform(p)}; ${m.token.text} is ${format === 'deb' ? 'RPM' : 'Debian'}'s).`,
    data: { platform: formatPlatform(p), replacements: [canonical] },
  };
}
