import { CODES, type Code } from './finding';
import { editDistance } from '../platform/distance';

/** A silenced line, as offsets [start, end), and the codes silenced there ('all' for every code). */
export interface Suppression {
  start: number;
  end: number;
  codes: Set<Code> | 'all';
}

/** The comment that silences findings. */
export const MARK = 'k8s-platforms-ignore';

function lineEndAt(text: string, from: number): number {
  const e = text.indexOf('\n', from);
  return e < 0 ? text.length : e;
}

const CODE_SET: ReadonlySet<string> = new Set(CODES);

/**
 * What may stand before the `#` of a mark on a line of its own: blanks, a recipe's prefixes
 * (`@# …` so that make does not echo it, `-#`), more `#` (`## …`).
 */
const OWN_LINE = /^\s*(?:[@+-]+\s*)?#*$/;
/** A comment line that holds a mark (stacked marks above a line). */
const MARK_LINE = /^\s*(?:[@+-]+\s*)?#.*k8s-platforms-ignore/;

/**
 * A word meant as a code but not one (`removed-platfrom`, `no-such-code`): near a code, or shaped
 * like one (lower case, two hyphens or more). It must not silence every code.
 */
function nearCode(word: string): boolean {
  if (word !== MARK && /^[a-z0-9]+(?:-[a-z0-9]+){2,}$/.test(word)) return true;
  // A code being typed, past its first hyphen (`removed-`, `non-canonical-pl`).
  if (word.length >= 4 && word.includes('-') && CODES.some((c) => c.startsWith(word))) return true;
  return word.length >= 8 && word.includes('-') && CODES.some((c) => Math.abs(c.length - word.length) <= 3 && editDistance(word, c) <= 3);
}

/** A word without the punctuation around a code in a suppression comment: `:removed-platform`, `removed-platform:`, `(removed-platform)`. */
function withoutPunctuation(w: string): string {
  let s = 0;
  let e = w.length;
  while (s < e && (w[s] === ':' || w[s] === '(')) s++;
  while (e > s && (w[e - 1] === ':' || w[e - 1] === ';' || w[e - 1] === '.' || w[e - 1] === ')')) e--;
  return s === 0 && e === w.length ? w : w.slice(s, e);
}

/**
 * The codes named in text[start, end): words split at blanks and commas, the punctuation around
 * them dropped. Returns whether any word was meant as a code (a code, or one misspelled).
 */
function codesIn(text: string, start: number, end: number, into: Set<Code>): boolean {
  let named = false;
  for (const w of text.slice(start, end).split(/[\s,]+/)) {
    // (With punctuation around it: `:removed-platform`, `removed-platform: legacy gateways`, `(removed-platform)`.)
    const word = withoutPunctuation(w);
    if (CODE_SET.has(word)) {
      into.add(word as Code);
      named = true;
    } else if (nearCode(word)) named = true;
  }
  return named;
}

/**
 * Finds suppression comments (`# k8s-platforms-ignore [code …]`). At the end of a line it silences
 * that line; on a line of its own it silences the next line, skipping further suppression comments
 * stacked below it. A mark's codes are those named anywhere after it on its line (none: all).
 * Sorted by offset.
 *
 * Linear in the text: a line holding thousands of marks is read once, and a stack of thousands of
 * comment lines is walked once, for its first comment.
 */
export function findSuppressions(text: string): Suppression[] {
  const out: Suppression[] = [];
  let stackEnd = -1;
  let i = text.indexOf(MARK);
  while (i >= 0) {
    const lineEnd = lineEndAt(text, i);
    // The marks of this line that count: `#`, blanks, the mark, then the line's end, a blank, `:` or `,`.
    const marks: number[] = [];
    let firstHash = -1;
    for (; i >= 0 && i < lineEnd; i = text.indexOf(MARK, i + MARK.length)) {
      let hash = i - 1;
      while (hash >= 0 && (text[hash] === ' ' || text[hash] === '\t')) hash--;
      if (hash < 0 || text[hash] !== '#') continue;
      const after = i + MARK.length;
      if (after < lineEnd && !/[\s:,]/.test(text[after])) continue;
      if (marks.length === 0) firstHash = hash;
      marks.push(i);
    }
    if (marks.length === 0) continue;
    // Each mark's codes, read from the line's end back: a mark names its own words and all after.
    const named: Set<Code>[] = new Array(marks.length);
    /** Whether the words after the k-th mark mean to name codes: then only those named are silenced. */
    const naming: boolean[] = new Array(marks.length);
    let after = new Set<Code>();
    let afterNaming = false;
    for (let k = marks.length - 1; k >= 0; k--) {
      const start = marks[k] + MARK.length;
      let end = k + 1 < marks.length ? marks[k + 1] : lineEnd;
      // A word run into the next mark (`platform#k8s-platforms-ignore`) names no code.
      if (end < lineEnd) while (end > start && !/[\s,]/.test(text[end - 1])) end--;
      const own = new Set(after);
      naming[k] = afterNaming = codesIn(text, start, end, own) || afterNaming;
      named[k] = after = own;
    }
    const codesOf = (k: number): Set<Code> | 'all' => (naming[k] ? named[k] : 'all');
    // The marks from the k-th on silence this line with every code any of them names (all, if the last names none).
    const lineCodes = (k: number): Set<Code> | 'all' => (naming[marks.length - 1] ? named[k] : 'all');
    const lineStart = text.lastIndexOf('\n', firstHash - 1) + 1;
    if (!OWN_LINE.test(text.slice(lineStart, firstHash))) {
      out.push({ start: lineStart, end: lineEnd, codes: lineCodes(0) });
      continue;
    }
    let next = lineEnd + 1;
    if (lineStart < stackEnd) {
      next = stackEnd;
    } else {
      while (next < text.length) {
        const e = lineEndAt(text, next);
        if (!MARK_LINE.test(text.slice(next, e))) break;
        next = e + 1;
      }
      stackEnd = next;
    }
    if (next <= text.length) out.push({ start: next, end: lineEndAt(text, next), codes: codesOf(0) });
    // A second mark on a comment line of its own is at the end of that line.
    if (marks.length > 1) out.push({ start: lineStart, end: lineEnd, codes: lineCodes(1) });
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
