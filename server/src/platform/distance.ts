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
  if (HAS_SURROGATE.test(a) || HAS_SURROGATE.test(b)) return distanceOf(Array.from(a), Array.from(b));
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

/** The same distance over characters: for the rare text with one outside the BMP. */
function distanceOf(a: readonly string[], b: readonly string[]): number {
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The length of `s` in characters, not UTF-16 units. */
export function characters(s: string): number {
  return HAS_SURROGATE.test(s) ? Array.from(s).length : s.length;
}
