/** Rows of the distance table, reused between calls: names are short (64 characters at most here). */
let rowA = new Int32Array(72);
let rowB = new Int32Array(72);
let rowC = new Int32Array(72);

/** Half of a character outside the Basic Multilingual Plane. */
const HAS_SURROGATE = /[\ud800-\udfff]/;

/** Optimal string alignment distance: edits, plus swapping two neighbours (`amd46` → `amd64` is 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  // A character outside the BMP (an emoji, `𠀋`) is two UTF-16 units and one character typed.
  if (HAS_SURROGATE.test(a) || HAS_SURROGATE.test(b)) [a, b] = oneUnitEach(a, b);
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
  const cols = b.length + 1;
  if (cols > rowA.length) {
    rowA = new Int32Array(cols);
    rowB = new Int32Array(cols);
    rowC = new Int32Array(cols);
  }
  // Three rows of the table: two back (for a swap), the one before, the one being filled.
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j < cols; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < cols; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length];
}

/**
 * The choice nearest `word` (case aside) within `max` edits, for a "did you mean": none for a word
 * over 40 characters, which no typo of a short name is.
 */
export function nearest(word: string, choices: readonly string[], max = 2): string | undefined {
  if (word.length > 40) return undefined;
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = max + 1;
  for (const c of choices) {
    const d = editDistance(c.toLowerCase(), w);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}

/** The length of `s` in characters, not UTF-16 units. */
export function characters(s: string): number {
  return HAS_SURROGATE.test(s) ? Array.from(s).length : s.length;
}

const ASTRAL = /[\ud800-\udbff][\udc00-\udfff]/g;

/**
 * `a` and `b` with each character outside the BMP made one UTF-16 unit that neither holds (from
 * U+E000 on), the same unit for the same character: the distance of the two is then counted in
 * characters.
 */
function oneUnitEach(a: string, b: string): [string, string] {
  const units = new Map<string, string>();
  let next = 0xe000;
  const unit = (c: string) => {
    let u = units.get(c);
    if (u === undefined) {
      while (a.includes(String.fromCharCode(next)) || b.includes(String.fromCharCode(next))) next++;
      units.set(c, (u = String.fromCharCode(next++)));
    }
    return u;
  };
  return [a.replace(ASTRAL, unit), b.replace(ASTRAL, unit)];
}
