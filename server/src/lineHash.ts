/**
 * GitHub code scanning's `primaryLocationLineHash`, as github/codeql-action's upload-sarif
 * computes it from the checked-out file: for each line, a rolling hash (base 37, modulo 2^64) of
 * the 100 characters from the line's start, spaces and tabs left out and CR, LF and CRLF all read
 * as LF, then `hex:n` where n counts the lines with that hash so far. Written to the SARIF log, it
 * is the value upload-sarif would compute (it warns when the two differ), and an alert keeps its
 * identity when lines are added above it.
 */
const BLOCK = 100;
const BASE = 37;
const TWO32 = 2 ** 32;
/** BASE^BLOCK modulo 2^64, the weight of the character leaving the window, as two 32-bit halves. */
const OUT_WEIGHT = BigInt(BASE) ** BigInt(BLOCK) & ((1n << 64n) - 1n);
const OUT_HI = Number(OUT_WEIGHT >> 32n);
const OUT_LO = Number(OUT_WEIGHT & 0xffffffffn);
/** upload-sarif reads the file as a stream and ends it with this code unit. */
const END = 0xffff;

/**
 * The hash of each line in `wanted` (1-based), of `text` as upload-sarif reads the file: decoded
 * as UTF-8, a byte order mark kept. Lines not asked for are hashed too (the counts need them), but
 * not kept.
 */
export function lineHashes(text: string, wanted: ReadonlySet<number>): Map<number, string> {
  const out = new Map<number, string>();
  const window = new Array<number>(BLOCK).fill(0);
  // The line that starts at each window slot, or -1.
  const starts = new Array<number>(BLOCK).fill(-1);
  const counts = new Map<string, number>();
  // The hash modulo 2^64 as two 32-bit halves: every product below stays exact in a double.
  let hi = 0;
  let lo = 0;
  let index = 0;
  let line = 0;
  let lineStart = true;
  let afterCr = false;

  const emit = () => {
    const hex = hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(8, '0');
    const n = (counts.get(hex) ?? 0) + 1;
    counts.set(hex, n);
    if (wanted.has(starts[index])) out.set(starts[index], `${hex}:${n}`);
    starts[index] = -1;
  };
  const push = (c: number) => {
    const leaving = window[index];
    window[index] = c;
    // hash = BASE * hash + c - OUT_WEIGHT * leaving, modulo 2^64; c and leaving are below 2^16.
    let l = lo * BASE + c;
    let h = hi * BASE + Math.floor(l / TWO32);
    l %= TWO32;
    const out = OUT_LO * leaving;
    l -= out % TWO32;
    h -= OUT_HI * leaving + Math.floor(out / TWO32);
    if (l < 0) {
      l += TWO32;
      h -= 1;
    }
    lo = l;
    hi = ((h % TWO32) + TWO32) % TWO32;
    index = (index + 1) % BLOCK;
  };
  const take = (code: number) => {
    let c = code;
    if (c === 0x20 || c === 0x09 || (afterCr && c === 0x0a)) {
      afterCr = false;
      return;
    }
    afterCr = c === 0x0d;
    if (afterCr) c = 0x0a;
    if (starts[index] !== -1) emit();
    if (lineStart) {
      lineStart = false;
      starts[index] = ++line;
    }
    if (c === 0x0a) lineStart = true;
    push(c);
  };

  for (let i = 0; i < text.length; i++) take(text.charCodeAt(i));
  take(END);
  for (let i = 0; i < BLOCK; i++) {
    if (starts[index] !== -1) emit();
    push(0);
  }
  return out;
}
