import { CODES, type Code } from './finding';

/** A silenced line, as offsets [start, end), and the codes silenced there ('all' for every code). */
export interface Suppression {
  start: number;
  end: number;
  codes: Set<Code> | 'all';
}

const MARK = 'k8s-platforms-ignore';

function lineEndAt(text: string, from: number): number {
  const e = text.indexOf('\n', from);
  return e < 0 ? text.length : e;
}

/**
 * Finds suppression comments (`# k8s-platforms-ignore [code …]`). At the end of a line it silences
 * that line; on a line of its own it silences the next line, skipping further suppression comments
 * stacked below it. Sorted by offset.
 */
export function findSuppressions(text: string): Suppression[] {
  const out: Suppression[] = [];
  for (let i = text.indexOf(MARK); i >= 0; i = text.indexOf(MARK, i + MARK.length)) {
    const lineStart = text.lastIndexOf('\n', i - 1) + 1;
    const before = text.slice(lineStart, i);
    const hash = before.lastIndexOf('#');
    if (hash < 0 || !/^\s*$/.test(before.slice(hash + 1))) continue;
    const lineEnd = lineEndAt(text, i);
    const rest = text.slice(i + MARK.length, lineEnd);
    if (rest !== '' && !/^[\s:,]/.test(rest)) continue;
    const listed = rest
      .split(/[\s,]+/)
      .map((w) => w.replace(/^:/, ''))
      .filter((w): w is Code => (CODES as readonly string[]).includes(w));
    const codes: Set<Code> | 'all' = listed.length === 0 ? 'all' : new Set(listed);
    if (!/^\s*$/.test(before.slice(0, hash))) {
      out.push({ start: lineStart, end: lineEnd, codes });
      continue;
    }
    let next = lineEnd + 1;
    while (next < text.length) {
      const e = lineEndAt(text, next);
      if (!/^\s*#.*k8s-platforms-ignore/.test(text.slice(next, e))) break;
      next = e + 1;
    }
    if (next <= text.length) out.push({ start: next, end: lineEndAt(text, next), codes });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Whether a finding starting at `offset` with `code` is silenced. */
export function isSuppressed(list: Suppression[], offset: number, code: Code): boolean {
  for (const s of list) {
    if (s.start > offset) break;
    if (offset <= s.end && (s.codes === 'all' || s.codes.has(code))) return true;
  }
  return false;
}
