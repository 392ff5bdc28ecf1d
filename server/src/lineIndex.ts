/**
 * In ascending numbers, the index of the last one at or before x (0 when none is): the line, block
 * or piece that holds an offset, by binary search.
 */
export function lastAtOrBefore(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Offsets to lines and back, computed once per text. Lines are 0-based, columns in UTF-16 units. */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      // A lone CR ends a line too, as in LSP and in editors: the CLI counts lines as they do.
      const eol = /\r\n?|\n/g;
      for (let m = eol.exec(text); m; m = eol.exec(text)) starts.push(m.index + m[0].length);
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineOf(offset: number): number {
    return lastAtOrBefore(this.starts, offset);
  }

  position(offset: number): { line: number; character: number } {
    const line = this.lineOf(offset);
    return { line, character: offset - this.starts[line] };
  }

  offset(line: number, character: number): number {
    if (line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[line] + character, line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length);
  }
}
