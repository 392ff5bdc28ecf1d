import type { RawFinding } from './finding';
import { spell, type Subject } from './subject';
import { isGoArch } from '../platform/names';

/** non-canonical-platform: an alias or another spelling where the context has a canonical one. */
export function findNonCanonicalPlatform(s: Subject): RawFinding | undefined {
  const m = s.mention;
  if (m.kind === 'pair') return dockerAxisAlias(s);
  if (!m.canonical || !s.valid || !s.platform) return undefined;
  const p = m.platform;
  const target = m.canonical === 'as-written' ? p.spelling : m.canonical;
  const wrongSpelling = p.spelling !== target && p.spelling !== 'package';
  if (!p.alias && !wrongSpelling) return undefined;
  const canonical = spell(s.platform, target);
  if (canonical === m.token.text) return undefined;
  return {
    token: m.token,
    code: 'non-canonical-platform',
    message: `${m.token.text} is not the canonical spelling here; write ${canonical}.`,
    data: { platform: canonical, replacements: [canonical] },
  };
}

/**
 * A matrix value a job uses as a Docker platform's arch (`arch: [x86_64]` with `platforms:
 * linux/${{ matrix.arch }}`) in another of Docker's spellings: the scanner read it (archName),
 * and the canonical arch is written in its place, as in `linux/x86_64` written out.
 */
function dockerAxisAlias(s: Subject): RawFinding | undefined {
  const m = s.mention;
  if (m.kind !== 'pair' || !m.arch || m.archName === undefined || !s.valid || !s.arch) return undefined;
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
