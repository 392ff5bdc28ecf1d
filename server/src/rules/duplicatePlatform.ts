import type { RawFinding } from './finding';
import type { Subject } from './subject';
import { writtenName, type Token } from '../scanners/mention';
import { platformIdentity } from '../platform/names';

/**
 * duplicate-platform: the second and later occurrence of a platform in one list, after
 * normalisation. `skip` leaves out subjects another rule already asks to remove (removed platforms).
 */
export function findDuplicatePlatforms(subjects: Subject[], skip: (s: Subject) => boolean): Map<Subject, RawFinding> {
  const out = new Map<Subject, RawFinding>();
  /** The token that first listed each platform of each list. */
  const seen = new Map<string, Token>();
  for (const s of subjects) {
    const m = s.mention;
    if (m.kind !== 'whole' || m.listId === undefined || !s.valid || skip(s)) continue;
    if (!s.platform) continue;
    const id = platformIdentity(s.platform);
    // (windows/amd64/1809 and windows/amd64/ltsc2022 are two builds: one per Windows version.)
    const key = `${m.listId}\u0000${id}\u0000${m.platform.qualifier ?? ''}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, m.token);
      continue;
    }
    out.set(s, {
      token: m.token,
      code: 'duplicate-platform',
      message: `${m.token.text} is already in this list${first.text !== m.token.text ? ` as ${first.text}` : ''}; remove the repeat.`,
      data: { platform: id, ...(m.removeRange ? { remove: m.removeRange } : {}) },
      first: { start: first.start, end: first.end },
    });
  }
  return out;
}

const NONE: RawFinding[] = [];

/**
 * duplicate-platform for split lists: an item of a `goos` or `goarch` list that repeats an earlier
 * one builds the same platforms again. Reported on the repeat; a more severe finding on the same
 * value (a removed arch listed twice) wins over it when findings are merged per token.
 */
export function findRepeatedNames(s: Subject): RawFinding[] {
  const m = s.mention;
  if (m.kind !== 'pair' || (!m.os?.repeatOf && !m.arch?.repeatOf)) return NONE;
  const out: RawFinding[] = [];
  for (const t of [m.os, m.arch]) {
    if (!t?.repeatOf) continue;
    out.push({
      token: t,
      code: 'duplicate-platform',
      message: `${writtenName(t)} is already in this list${t.repeatOf !== writtenName(t) ? ` as ${t.repeatOf}` : ''}; remove the repeat.`,
      data: { platform: t.text.toLowerCase(), ...(t.remove ? { remove: t.remove } : {}) },
    });
  }
  return out;
}
