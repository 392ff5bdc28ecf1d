/**
 * Cuts a document into blocks that can be scanned on their own, so an edit re-scans only the block
 * it touches: YAML by top-level key (and big blocks such as `jobs:` by child), other kinds by
 * runs of lines that start at column 0 after a blank line.
 */
export interface Chunk {
  start: number;
  end: number;
  /** For a child block: the keys above it (`['jobs']`). */
  path: string[];
}

/** Blocks longer than this many lines are cut into their children. */
const SPLIT_LINES = 200;

export function chunkYaml(text: string): Chunk[] {
  const tops: { start: number; key: string | undefined }[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let nl = text.indexOf('\n', i);
    if (nl < 0) nl = n;
    const c = text.charCodeAt(i);
    // A top-level line: not indented, not a comment, not a sequence item, not a blank line.
    if (c !== 32 && c !== 9 && c !== 35 && c !== 45 && c !== 10 && c !== 13 && i < nl) {
      const m = /^([^:#\s][^:#]*?)\s*:(\s|$)/.exec(text.slice(i, Math.min(nl, i + 200)));
      tops.push({ start: i, key: m ? m[1].replace(/^["']|["']$/g, '') : undefined });
    } else if (c === 45 && text.startsWith('---', i) && (nl === i + 3 || /^---\s/.test(text.slice(i, i + 4)))) {
      tops.push({ start: i, key: undefined });
    }
    i = nl + 1;
  }
  if (tops.length === 0 || tops[0].start > 0) tops.unshift({ start: 0, key: undefined });
  const chunks: Chunk[] = [];
  for (let k = 0; k < tops.length; k++) {
    const start = tops[k].start;
    const end = k + 1 < tops.length ? tops[k + 1].start : n;
    const key = tops[k].key;
    if (key !== undefined && !/platforms?$|^goos$|^goarch$/i.test(key) && countLines(text, start, end, SPLIT_LINES) >= SPLIT_LINES) {
      const children = splitChildren(text, start, end, key);
      if (children) {
        // One by one: spreading 150,000 children as arguments overflows the stack.
        for (const c of children) chunks.push(c);
        continue;
      }
    }
    chunks.push({ start, end, path: [] });
  }
  return chunks;
}

function countLines(text: string, start: number, end: number, limit: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', start); i >= 0 && i < end && count < limit; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Longest first line of a block that is cut into its children; a longer one is kept whole. */
const MAX_HEADER = 256;

/** The children of a big top-level block, each with path [key]; undefined when it cannot be cut safely. */
function splitChildren(text: string, start: number, end: number, key: string): Chunk[] | undefined {
  const headerEnd = text.indexOf('\n', start);
  if (headerEnd < 0 || headerEnd >= end) return undefined;
  const header = text.slice(start, headerEnd);
  // A key line is short; on a long one the regex below backtracks from every colon (quadratic).
  if (header.length > MAX_HEADER) return undefined;
  if (!/:\s*(#.*)?\r?$/.test(header) || /[&*!|>]/.test(header.slice(header.indexOf(':') + 1).replace(/#.*/, ''))) return undefined;
  let indent = -1;
  let seq = false;
  const starts: number[] = [];
  let i = headerEnd + 1;
  while (i < end) {
    let nl = text.indexOf('\n', i);
    if (nl < 0 || nl > end) nl = end;
    if (indent >= 0 && nl - i > indent && spaces(text, i, i + indent + 1)) {
      // Deeper than the children, or a blank or comment line: the bulk, settled by its indent.
      i = nl + 1;
      continue;
    }
    let k = i;
    while (k < nl && text.charCodeAt(k) === 32) k++;
    const ch = text.charCodeAt(k);
    if (k < nl && ch !== 35 && ch !== 13) {
      const col = k - i;
      if (indent < 0) {
        indent = col;
        seq = ch === 45;
      }
      // Deeper lines (the bulk) need no more than their indent.
      if (col === indent && (seq ? ch === 45 : ch !== 45)) starts.push(i);
      else if (col < indent) return undefined;
    }
    i = nl + 1;
  }
  if (starts.length < 2) return undefined;
  const out: Chunk[] = [{ start, end: starts[0], path: [] }];
  for (let c = 0; c < starts.length; c++) {
    out.push({ start: starts[c], end: c + 1 < starts.length ? starts[c + 1] : end, path: [key] });
  }
  return out;
}

function spaces(text: string, s: number, e: number): boolean {
  for (let k = s; k < e; k++) if (text.charCodeAt(k) !== 32) return false;
  return true;
}

/** Blocks shorter than this many lines are not cut: a cut costs more than it saves. */
const MIN_LINES = 40;

/**
 * Shell, Makefiles and Dockerfiles: a block may start at a line that begins in column 0 right
 * after a blank line, unless that line continues a command (backslash), sits in a here-document
 * or a `define`. Commands never span such a cut, so blocks scan independently (with the state
 * of the blocks before them: see ScanState).
 */
export function chunkLines(text: string, kind: 'shell' | 'makefile' | 'dockerfile'): Chunk[] {
  const chunks: Chunk[] = [];
  const n = text.length;
  let chunkStart = 0;
  let lines = 0;
  let prevBlank = false;
  let prevContinued = false;
  let heredoc: string | undefined;
  let inDefine = false;
  let nextMarker = kind === 'makefile' ? -1 : text.indexOf('<<');
  let i = 0;
  while (i < n) {
    let nl = text.indexOf('\n', i);
    if (nl < 0) nl = n;
    let e = nl;
    if (e > i && text.charCodeAt(e - 1) === 13) e--;
    const first = text.charCodeAt(i);
    const blank = isBlank(text, i, e);
    if (heredoc !== undefined) {
      if (text.slice(i, e).trim() === heredoc) heredoc = undefined;
    } else if (inDefine) {
      if (text.startsWith('endef', i)) inDefine = false;
    } else {
      if (
        prevBlank &&
        !prevContinued &&
        !blank &&
        lines >= MIN_LINES &&
        first !== 32 && first !== 9 && first !== 41 && first !== 125 // not indented, not `)` or `}`
      ) {
        chunks.push({ start: chunkStart, end: i, path: [] });
        chunkStart = i;
        lines = 0;
      }
      if (kind === 'makefile' && text.startsWith('define', i)) inDefine = true;
      // The next `<<` in the file, found once and reused until passed: indexOf per line would be quadratic.
      while (nextMarker >= 0 && nextMarker < i) nextMarker = text.indexOf('<<', nextMarker + 2);
      const h = nextMarker;
      if (h >= 0 && h < e && text.charCodeAt(h + 2) !== 60) {
        const m = /^<<-?\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(text.slice(h, Math.min(e, h + 80)));
        if (m) heredoc = m[2];
      }
    }
    prevContinued = e > i && text.charCodeAt(e - 1) === 92;
    prevBlank = blank;
    lines++;
    i = nl + 1;
  }
  chunks.push({ start: chunkStart, end: n, path: [] });
  return chunks;
}

function isBlank(text: string, s: number, e: number): boolean {
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
