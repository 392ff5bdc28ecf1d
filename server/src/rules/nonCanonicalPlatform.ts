import type { RawFinding } from './finding';
import { spell, type Subject } from './subject';

/** non-canonical-platform: an alias or another spelling where the context has a canonical one. */
export function findNonCanonicalPlatform(s: Subject): RawFinding | undefined {
  const m = s.mention;
  if (m.kind !== 'whole' || !m.canonical || !s.valid || !s.platform) return undefined;
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
