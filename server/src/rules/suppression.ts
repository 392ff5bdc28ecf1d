import { CODES, type Code } from './finding';

/** Lines silenced by `# k8s-platforms-ignore [code …]`: line number (0-based) → codes, or 'all'. */
export type Suppressions = Map<number, Set<Code> | 'all'>;

const MARK = 'k8s-platforms-ignore';

/**
 * Finds suppression comments. At the end of a line it silences that line; on a line of its own it
 * silences the next line that is not another suppression comment.
 */
export function findSuppressions(text: string, lineOf: (offset: number) => number): Suppressions {
  const out: Suppressions = new Map();
  for (let i = text.indexOf(MARK); i >= 0; i = text.indexOf(MARK, i + MARK.length)) {
    const lineStart = text.lastIndexOf('\n', i - 1) + 1;
    const before = text.slice(lineStart, i);
    const hash = before.lastIndexOf('#');
    if (hash < 0 || !/^\s*$/.test(before.slice(hash + 1))) continue;
    let lineEnd = text.indexOf('\n', i);
    if (lineEnd < 0) lineEnd = text.length;
    const rest = text.slice(i + MARK.length, lineEnd);
    if (rest !== '' && !/^[\s:,]/.test(rest)) continue;
    const codes = rest
      .split(/[\s,]+/)
      .map((w) => w.replace(/^:/, ''))
      .filter((w): w is Code => (CODES as readonly string[]).includes(w));
    const ownLine = /^\s*$/.test(before.slice(0, hash));
    let line = lineOf(i);
    if (ownLine) {
      line++;
      // Stacked suppression comments all apply to the first line below them.
      let next = lineEnd + 1;
      while (next < text.length) {
        const e = text.indexOf('\n', next);
        const l = text.slice(next, e < 0 ? text.length : e);
        if (!/^\s*#.*k8s-platforms-ignore/.test(l)) break;
        line++;
        next = e < 0 ? text.length : e + 1;
      }
    }
    const prev = out.get(line);
    if (codes.length === 0 || prev === 'all') out.set(line, 'all');
    else out.set(line, new Set([...(prev ?? []), ...codes]));
  }
  return out;
}

export function isSuppressed(s: Suppressions, line: number, code: Code): boolean {
  const entry = s.get(line);
  return entry === 'all' || (entry !== undefined && entry.has(code));
}
