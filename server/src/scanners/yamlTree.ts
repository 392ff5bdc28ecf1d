import type { Node } from 'yaml';

/** The yaml package, loaded the first time the fast reader hands a document over (start-up cost). */
let yamlLib: typeof import('yaml') | undefined;
function lib(): typeof import('yaml') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  yamlLib ??= require('yaml') as typeof import('yaml');
  return yamlLib;
}

/**
 * How much text the yaml package has been given to parse, in UTF-16 units, since the process
 * started: the cost of the slow path, which tests bound (a broken document must not cost a parse
 * per level of its nesting).
 */
export const libraryParsed = { units: 0 };

/**
 * The YAML structure the scanners walk: maps, sequences and scalars with document offsets.
 * Two readers produce it: a fast line reader for the block YAML that CI files are made of, and
 * the `yaml` package for everything else (the fast reader hands over whenever it meets a
 * construct it does not handle: multi-line flow collections or quoted scalars, complex keys,
 * directives, tabs in indentation …).
 */
export type YNode = YMap | YSeq | YScalar;

export type ScalarStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED' | 'ALIAS';

export interface YScalar {
  kind: 'scalar';
  style: ScalarStyle;
  start: number;
  end: number;
  /** The value's text in the document: inside quotes, below a block scalar's header. */
  contentStart: number;
  contentEnd: number;
  /** The value (unquoted; a block scalar's raw lines). */
  value: string;
}

export interface YPair {
  key: string;
  /** Where the key's text starts (inside its quotes); -1 when it is not a scalar. */
  keyStart: number;
  value: YNode | undefined;
}

export interface YMap {
  kind: 'map';
  start: number;
  end: number;
  flow: boolean;
  items: YPair[];
}

export interface YSeq {
  kind: 'seq';
  start: number;
  end: number;
  flow: boolean;
  items: (YNode | undefined)[];
}

export interface YDocument {
  start: number;
  end: number;
  root: YNode | undefined;
  /** Lines blanked for the rest to parse (see readWithLibrary): not in root, to be read line by line. */
  setAside?: { start: number; end: number }[];
  /** The document does not parse: scan it line by line instead. */
  broken: boolean;
  /** It nests too deep to be parsed safely (MAX_LIBRARY_NESTING): also read line by line. */
  tooDeep?: boolean;
}

export function get(map: YMap, key: string): YNode | undefined {
  // By index: in bytecode, for…of allocates an iterator and a result per step, and this runs
  // for several keys of every map.
  const items = map.items;
  for (let i = 0; i < items.length; i++) if (items[i].key === key) return items[i].value;
  return undefined;
}

export function scalarText(node: YNode | undefined): string | undefined {
  return node && node.kind === 'scalar' && node.style !== 'ALIAS' ? node.value : undefined;
}

/**
 * Nesting beyond which text is not given to the `yaml` package. It recurses once per level and
 * reaches the stack limit near 1,000 levels, and there V8 may abort the whole process instead of
 * throwing (a regular expression compiled near the limit fails as "out of memory"): a 6 KB file of
 * `x: {{ {{ {{ …` did. Such text is read line by line, as broken YAML is.
 */
const MAX_LIBRARY_NESTING = 300;

/** Sequences nested on one line (`- - - x`) beyond which the fast reader hands the text over. */
const MAX_INLINE_NESTING = 100;

/** Reads text[start, end) as YAML documents: the fast reader, or the `yaml` package when it must. */
export function readYamlDocuments(text: string, start: number, end: number, repairs?: Repairs): YDocument[] {
  const reader = new FastReader(text, start, end);
  const fast = reader.read();
  if (fast) return fast;
  if (nestingBound(text, start, end) > MAX_LIBRARY_NESTING) return [{ start, end, root: undefined, broken: true, tooDeep: true }];
  return withoutBrokenLine(text, start, end, reader.stoppedAt) ?? readWithLibrary(text, start, end, repairs);
}

/**
 * The parses left to set broken lines aside in one block (MAX_REPAIR_PARSES), shared by the reads
 * of its parts: a block broken where no line can be set aside is read again part by part (the
 * job, its steps, the step), and each part tried the same lines again, some 30 parses of the
 * block at every keystroke while it stayed broken.
 */
export interface Repairs {
  parses: number;
}

export function newRepairs(): Repairs {
  return { parses: MAX_REPAIR_PARSES };
}

/**
 * A document broken by one line that is no YAML even on its own (a value typed past its end,
 * `goarch: [amd64, arm64]z`), read with that line set aside, as readWithLibrary would set it
 * aside, but without the `yaml` package: the line is where the fast reader stopped, or the one
 * before or after it, and the fast reader reads the rest. The package parses the whole document
 * twice to find it (some 40 ms a keystroke in a 600-line GitLab job) and once more to read it.
 * A line that parses on its own is left to readWithLibrary: the document may be valid YAML the
 * fast reader does not take.
 */
function withoutBrokenLine(text: string, start: number, end: number, stoppedAt: number): YDocument[] | undefined {
  if (stoppedAt < start || stoppedAt >= end || end - start > MAX_REPAIRED_LENGTH) return undefined;
  const src = blankTemplateLines(text, start, end);
  for (const line of leafLinesAround(src, stoppedAt - start)) {
    if (!line) continue;
    // (Without its CR: a CR alone ends no line for the package, and `{a: *b}` then a CR is an error.)
    const alone = parseLibrary(src.slice(line.start, src.charCodeAt(line.end - 1) === 13 ? line.end - 1 : line.end));
    if (!alone || errorCount(alone) === 0) continue;
    const docs = readFast(blankLine(src, line), start, [{ start: start + line.start, end: start + line.end }]);
    if (docs) return docs;
  }
  return undefined;
}

/**
 * The line of src at `at` and the lines with content before and after it, each when it can be set
 * aside (leafLineAt): where a reader gives up may be the line next to the one that is wrong.
 */
function leafLinesAround(src: string, at: number): ({ start: number; end: number } | undefined)[] {
  return [leafLineAt(src, at), leafLineAt(src, lineBefore(src, at)), leafLineAt(src, lineAfter(src, at))];
}

/** src with the line [start, end) made spaces: the same offsets. */
function blankLine(src: string, line: { start: number; end: number }): string {
  return src.slice(0, line.start) + ' '.repeat(line.end - line.start) + src.slice(line.end);
}

/**
 * src, the slice of a document that starts at `start` with lines set aside (blanked), read by
 * the fast reader, with the document's offsets; undefined if the fast reader cannot read it.
 */
function readFast(src: string, start: number, setAside: readonly { start: number; end: number }[]): YDocument[] | undefined {
  const docs = new FastReader(src, 0, src.length).read();
  if (!docs || docs.length === 0) return undefined;
  for (const doc of docs) {
    doc.start += start;
    doc.end += start;
    if (doc.root) moveNode(doc.root, start);
  }
  attachSetAside(docs, setAside);
  return docs;
}

/** A line set aside goes with the document it follows (that document's range may end before it). */
function attachSetAside(docs: YDocument[], setAside: readonly { start: number; end: number }[]): void {
  for (const line of setAside) {
    let k = docs.length - 1;
    while (k > 0 && docs[k].start > line.start) k--;
    if (docs[k]) (docs[k].setAside ??= []).push(line);
  }
}

/** Adds `delta` to every offset of node and its children (a fast reader's tree of a slice). */
function moveNode(node: YNode, delta: number, depth = 0): void {
  node.start += delta;
  node.end += delta;
  if (node.kind === 'scalar') {
    node.contentStart += delta;
    node.contentEnd += delta;
    return;
  }
  if (depth > 1000) return;
  if (node.kind === 'map') {
    for (let i = 0; i < node.items.length; i++) {
      const value = node.items[i].value;
      if (value) moveNode(value, delta, depth + 1);
    }
  } else {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i];
      if (item) moveNode(item, delta, depth + 1);
    }
  }
}

/**
 * An upper bound of how deep text[start, end) nests: the deepest column where a line's content
 * starts (after spaces and `- `, `? `, `: ` indicators; a block level takes at least one column)
 * plus the most flow brackets open at once. Linear, no allocation.
 */
function nestingBound(text: string, start: number, end: number): number {
  let column = 0;
  let flow = 0;
  let maxFlow = 0;
  let lineStart = start;
  let inIndent = true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = i + 1;
      inIndent = true;
      continue;
    }
    if (inIndent) {
      const next = text.charCodeAt(i + 1);
      const indicator = (c === 45 || c === 63 || c === 58) && (next === 32 || next === 9 || next === 10 || i + 1 === end);
      if (c === 32 || c === 9 || indicator) continue;
      inIndent = false;
      column = Math.max(column, i - lineStart);
    }
    if (c === 91 || c === 123) maxFlow = Math.max(maxFlow, ++flow);
    else if ((c === 93 || c === 125) && flow > 0) flow--;
  }
  return column + maxFlow;
}

// ---------------------------------------------------------------- the `yaml` package

export function readWithLibrary(text: string, start: number, end: number, repairs: Repairs = newRepairs()): YDocument[] {
  // Template-only lines are comments to the fast reader too (isTemplateLine).
  const original = blankTemplateLines(text, start, end);
  let src = original;
  let list = parseLibrary(src);
  if (!list) return [{ start, end, root: undefined, broken: true }];
  const parsed = list;
  // A line that breaks a document on its own (a tab or a slip in its indent, a key half typed) is
  // set aside, so the rest keeps its structure: the line is read on its own (YDocument.setAside).
  const setAside: { start: number; end: number }[] = [];
  if (src.length <= MAX_REPAIRED_LENGTH) {
    // (Fewer parses of a long document: each is of the whole document, at every keystroke while a
    // line in it is broken, and most are for nothing where several lines are.)
    const maxParses = Math.min(repairs.parses, Math.max(1, Math.min(MAX_REPAIR_PARSES, Math.floor((MAX_REPAIR_PARSES * REPAIRED_IN_FULL) / src.length))));
    let parses = 0;
    for (let round = 0; round < MAX_SET_ASIDE && errorCount(list) > 0; round++) {
      // The line of the first error, or the one before or after it: the parser may blame the
      // line next to the one that is wrong (of two items at different indents, `     runs-on:`
      // over `    strategy:`, the second; `ignore:` over a key typed too far left). The first
      // whose setting aside leaves fewer errors is set aside.
      const at = firstErrorAt(list);
      const lines = leafLinesAround(src, at);
      // One without which the fast reader reads the rest leaves no error: it is the line to set
      // aside, and the package need not parse the rest again nor its tree be converted.
      for (const line of lines) {
        const fast = line && readFast(blankLine(src, line), start, [...setAside, { start: start + line.start, end: start + line.end }]);
        if (fast) return fast;
      }
      let taken = false;
      for (const line of lines) {
        if (!line || parses >= maxParses) continue;
        const candidate = blankLine(src, line);
        const again = parseLibrary(candidate);
        parses++;
        if (!again || errorCount(again) >= errorCount(list)) continue;
        src = candidate;
        list = again;
        setAside.push({ start: start + line.start, end: start + line.end });
        taken = true;
        break;
      }
      if (!taken) break;
    }
    repairs.parses -= parses;
    // Only a repair that leaves no error is kept: else the original is read as broken.
    if (setAside.length > 0 && errorCount(list) > 0) {
      src = original;
      list = parsed;
      setAside.length = 0;
    }
  }
  const length = src.length;
  const out: YDocument[] = list.map((doc) => {
    const range = doc.range ?? [0, length, length];
    return {
      start: start + range[0],
      end: start + range[2],
      root: doc.errors.length === 0 && doc.contents ? convert(doc.contents as Node, text, start) : undefined,
      broken: doc.errors.length > 0,
    };
  });
  attachSetAside(out, setAside);
  // A document with an error may end where the parser gave up; the text after it up to the next
  // document (or the end) is still that document's, and is read line by line with it.
  for (let k = 0; k < out.length; k++) {
    const next = k + 1 < out.length ? out[k + 1].start : end;
    if (out[k].broken && out[k].end < next) out[k].end = next;
  }
  return out;
}

/** Documents longer than this are not parsed again to set a broken line aside. */
const MAX_REPAIRED_LENGTH = 200_000;

/** Lines set aside in one document at most. */
const MAX_SET_ASIDE = 3;

/** Parses tried to set lines aside in one document at most. */
const MAX_REPAIR_PARSES = 5;

/** Documents up to this long get every parse MAX_REPAIR_PARSES allows; a longer one fewer, in proportion (at least one). */
const REPAIRED_IN_FULL = 16_000;

/** The `yaml` package's documents of src; undefined if it throws. */
function parseLibrary(src: string): { errors: { pos: [number, number] }[]; range?: [number, number, number] | null; contents: unknown }[] | undefined {
  libraryParsed.units += src.length;
  try {
    // Broken YAML is the normal state while typing: its errors need no stack traces.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      const docs = lib().parseAllDocuments(src, { prettyErrors: false, uniqueKeys: false, strict: false });
      return Array.isArray(docs) ? docs : [];
    } finally {
      Error.stackTraceLimit = limit;
    }
  } catch {
    return undefined;
  }
}

function errorCount(docs: readonly { errors: readonly unknown[] }[]): number {
  let n = 0;
  for (const d of docs) n += d.errors.length;
  return n;
}

function firstErrorAt(docs: readonly { errors: readonly { pos: [number, number] }[] }[]): number {
  let at = Infinity;
  for (const d of docs) for (const e of d.errors) at = Math.min(at, e.pos[0]);
  return at;
}

/** A line without its comment (a `#` after a blank), found by a scan: a regex backtracks on blanks. */
function withoutComment(line: string): string {
  for (let i = 1; i < line.length; i++) {
    if (line.charCodeAt(i) === 35 && (line.charCodeAt(i - 1) === 32 || line.charCodeAt(i - 1) === 9)) return line.slice(0, i);
  }
  return line;
}

/** The start of the first line with content (not blank, not a comment) after the line of `at`; -1 if none. */
function lineAfter(src: string, at: number): number {
  if (!(at >= 0 && at < src.length)) return -1;
  for (let ls = src.indexOf('\n', at) + 1; ls > 0 && ls < src.length; ) {
    let e = src.indexOf('\n', ls);
    if (e < 0) e = src.length;
    const t = src.slice(ls, e).trim();
    if (t !== '' && !t.startsWith('#')) return ls;
    ls = e + 1;
  }
  return -1;
}

/** The start of the last line with content (not blank, not a comment) before the line of `at`; -1 if none. */
function lineBefore(src: string, at: number): number {
  if (!(at < src.length)) return -1;
  for (let e = src.lastIndexOf('\n', at - 1); e > 0; ) {
    const ls = src.lastIndexOf('\n', e - 1) + 1;
    const t = src.slice(ls, e).trim();
    if (t !== '' && !t.startsWith('#')) return ls;
    e = ls - 1;
  }
  return -1;
}

/**
 * The line of src at offset `at` when it is whole on its own line: a `key: value` or a `- value`
 * with a value that opens nothing (no block scalar, no anchor or tag alone, no flow collection or
 * quote left open over the lines after it). Such a line holds no other line: setting it aside
 * breaks nothing else.
 */
function leafLineAt(src: string, at: number): { start: number; end: number } | undefined {
  if (!(at >= 0 && at < src.length)) return undefined;
  const start = src.lastIndexOf('\n', at - 1) + 1;
  let end = src.indexOf('\n', at);
  if (end < 0) end = src.length;
  const line = src.slice(start, end).replace(/\r$/, '');
  const body = withoutComment(line.replace(/^[ \t]*(?:-[ \t]+)*/, '')).trimEnd();
  // A dash alone (`  -`, `  - ` typed on a blank line) is an empty item unless lines deeper than it follow.
  if ((body === '' || body === '-') && /^ *-[ \t]*$/.test(line)) {
    const next = lineAfter(src, start);
    let indent = 0;
    while (next >= 0 && src.charCodeAt(next + indent) === 32) indent++;
    return next < 0 || indent <= line.indexOf('-') ? { start, end } : undefined;
  }
  if (body === '' || body === '-' || /^[#&*!|>%@`\-?,\]}]/.test(body) || body.startsWith('---')) return undefined;
  const colon = /^[^'"[\]{}:#]+?:(?:[ \t]+|$)/.exec(body);
  const value = colon ? body.slice(colon[0].length) : body;
  // A key with no value holds the lines below it, but for items at its own column after a list's
  // items there (`ab:` typed between two steps): then it breaks their list and holds nothing.
  if (value === '') return colon && !/^[ \t]*-/.test(line) && itemNext(src, end, line.length - line.trimStart().length) ? { start, end } : undefined;
  if (/^[|>&!]/.test(value)) return undefined;
  const q = value.charCodeAt(0);
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 91 || c === 123) depth++;
    else if (c === 93 || c === 125) depth--;
  }
  // A quote or a flow collection left open (or closed twice) goes on over the lines after it,
  // unless the next is no deeper than this one: YAML wants those deeper, so nothing can go on,
  // and the line is broken on its own (`goarch: [amd64, arm64` typed above `goos: …`).
  const open = ((q === 34 || q === 39) && (value.length < 2 || value.charCodeAt(value.length - 1) !== q)) || depth !== 0;
  if (open && !nextNoDeeper(src, end, line.length - line.trimStart().length)) return undefined;
  // An item's first line holds the lines below it that are deeper than its dash (`- id: cli` over
  // `    goos: …`): setting it aside whole would make its mapping another's. What follows its dash
  // is set aside instead: the item stays, its mapping the lines below (`- GOOS: windowsz: :`
  // typed in a GitLab matrix entry over its `GOARCH:`).
  const dash = /^ *-[ \t]/.exec(line);
  if (dash) {
    const next = lineAfter(src, start);
    let indent = 0;
    while (next >= 0 && src.charCodeAt(next + indent) === 32) indent++;
    if (next >= 0 && indent > dash[0].length - 2) {
      let after = dash[0].length;
      while (line.charCodeAt(after) === 32 || line.charCodeAt(after) === 9) after++;
      return line.charCodeAt(after) === 45 ? undefined : { start: start + after, end };
    }
  }
  return { start, end };
}

/** Whether the first line after `end` (the end of a line) with content is an item (`- …`) at `indent` spaces. */
function itemNext(src: string, end: number, indent: number): boolean {
  for (let ls = end + 1; ls < src.length; ) {
    let k = ls;
    while (src.charCodeAt(k) === 32) k++;
    const c = src.charCodeAt(k);
    if (c !== 10 && c !== 13 && c !== 35 && k < src.length) return k - ls === indent && c === 45;
    const nl = src.indexOf('\n', k);
    if (nl < 0) return false;
    ls = nl + 1;
  }
  return false;
}

/**
 * Whether the first line after `end` (the end of a line) that is not blank is indented no deeper
 * than `indent` spaces, or there is none. A tab in its indent counts as deeper: flow content may
 * go on after tabs.
 */
function nextNoDeeper(src: string, end: number, indent: number): boolean {
  for (let ls = end + 1; ls < src.length; ) {
    let k = ls;
    while (src.charCodeAt(k) === 32) k++;
    const c = src.charCodeAt(k);
    if (c === 9) return false;
    if (c !== 10 && c !== 13 && k < src.length) return k - ls <= indent;
    const nl = src.indexOf('\n', k);
    if (nl < 0) return true;
    ls = nl + 1;
  }
  return true;
}

function convert(node: Node, text: string, base: number, depth = 0): YNode | undefined {
  const { isMap, isPair, isScalar, isSeq, isAlias } = lib();
  if (depth > 500) return undefined;
  const r = node.range ?? [0, 0, 0];
  if (isMap(node)) {
    const items: YPair[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = isScalar(pair.key) ? pair.key : undefined;
      const key = k ? String(k.value) : '';
      const at = k?.range?.[0];
      const keyStart = at === undefined ? -1 : base + at + (k?.type === 'QUOTE_DOUBLE' || k?.type === 'QUOTE_SINGLE' ? 1 : 0);
      items.push({ key, keyStart, value: pair.value ? convert(pair.value as Node, text, base, depth + 1) : undefined });
    }
    return { kind: 'map', start: base + r[0], end: base + r[1], flow: node.flow === true, items };
  }
  if (isSeq(node)) {
    return {
      kind: 'seq',
      start: base + r[0],
      end: base + r[1],
      flow: node.flow === true,
      items: node.items.map((i) => (i ? convert(i as Node, text, base, depth + 1) : undefined)),
    };
  }
  if (isAlias(node)) {
    return { kind: 'scalar', style: 'ALIAS', start: base + r[0], end: base + r[1], contentStart: base + r[0], contentEnd: base + r[1], value: '' };
  }
  if (isScalar(node)) {
    const s = base + r[0];
    const e = base + r[1];
    const style = (node.type ?? 'PLAIN') as ScalarStyle;
    let cs = s;
    let ce = e;
    if (style === 'QUOTE_DOUBLE' || style === 'QUOTE_SINGLE') {
      cs = s + 1;
      ce = Math.max(cs, e - 1);
    } else if (style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED') {
      const nl = text.indexOf('\n', s);
      cs = nl < 0 || nl > e ? e : nl + 1;
    }
    const value = typeof node.value === 'string' ? node.value : text.slice(cs, ce);
    return { kind: 'scalar', style, start: s, end: e, contentStart: cs, contentEnd: ce, value };
  }
  return undefined;
}

// ---------------------------------------------------------------- the fast reader

/** Thrown inside the fast reader when the text needs the full parser. */
class Unsupported extends Error {}

/** What ends an anchor's name in a flow collection: a space, or a flow indicator. */
const FLOW_NAME_END = /[\s,[\]{}]/;

interface Open {
  indent: number;
  node: YMap | YSeq;
  /** A map key whose value has not started yet (`key:` at the end of its line). */
  pending?: YPair;
}

/** Block collections end where their last child ends. */
function fixEnds(node: YNode, depth = 0): YNode {
  if (node.kind === 'scalar' || depth > 1000) return node;
  if (node.flow) return node;
  if (node.kind === 'map') {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i].value;
      if (item) {
        fixEnds(item, depth + 1);
        if (item.end > node.end) node.end = item.end;
      }
    }
  } else {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i];
      if (item) {
        fixEnds(item, depth + 1);
        if (item.end > node.end) node.end = item.end;
      }
    }
  }
  return node;
}


/** A `key:` at the start of s: the length up to and with the colon, and the key as written. */
export interface KeyMatch {
  length: number;
  raw: string;
}

const WHITESPACE = /\s/;

/** Whether the UTF-16 unit c is white space as /\s/ has it (the ASCII ones without a regex). */
function isBlank(c: number): boolean {
  return c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c >= 0xa0 && WHITESPACE.test(String.fromCharCode(c));
}

/** `#'"{}[],&*!|>%@\``: characters that cannot start a plain key. */
const NOT_KEY_START = new Set([35, 39, 34, 123, 125, 91, 93, 44, 38, 42, 33, 124, 62, 37, 64, 96]);

/**
 * Reads `key:` (followed by a space, a tab or the end) at text[k], on a line whose content ends at
 * e. It does in one pass what the regex
 *   ^(PLAIN|"…"|'…')[ \t]*:(?=[ \t]|$)   with PLAIN = [^\s#'"{}[\],&*!|>%@`?:-]|[-?:](?=\S), then
 *   (?:[^:#\n]|:(?=\S)|(?<=\S)#)*?
 * did: that regex backtracked over every space and colon of the line, so a 40 KB line of spaces
 * took a second and a 1 MB one minutes. The line is not copied: this runs for every line.
 */
export function matchKey(text: string, k: number, e: number): KeyMatch | undefined {
  if (k >= e) return undefined;
  const c0 = text.charCodeAt(k);
  if (c0 === 34 || c0 === 39) {
    QUOTED_KEY[c0 === 34 ? 0 : 1].lastIndex = k;
    const q = QUOTED_KEY[c0 === 34 ? 0 : 1].exec(text);
    if (!q || k + q[0].length > e) return undefined;
    let i = k + q[0].length;
    while (i < e && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (text.charCodeAt(i) !== 58 || i >= e || (i + 1 < e && text.charCodeAt(i + 1) !== 32 && text.charCodeAt(i + 1) !== 9)) return undefined;
    return { length: i + 1 - k, raw: q[0] };
  }
  if (NOT_KEY_START.has(c0) || isBlank(c0)) return undefined;
  if ((c0 === 45 || c0 === 63 || c0 === 58) && (k + 1 === e || isBlank(text.charCodeAt(k + 1)))) return undefined;
  // Start of the run of spaces and tabs before text[i], which belongs to the colon, not the key.
  let run = -1;
  for (let i = k + 1; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) {
      const next = text.charCodeAt(i + 1);
      if (i + 1 === e || next === 32 || next === 9) return { length: i + 1 - k, raw: text.slice(k, run >= 0 ? run : i) };
      if (isBlank(next)) return undefined;
    } else if ((c === 35 && isBlank(text.charCodeAt(i - 1))) || c === 10) return undefined;
    if (c === 32 || c === 9) {
      if (run < 0) run = i;
    } else run = -1;
  }
  return undefined;
}

/** A quoted key at lastIndex, on one line: double, then single. */
const QUOTED_KEY = [/"(?:[^"\\\n]|\\.)*"/y, /'(?:[^'\n]|'')*'/y];

export class FastReader {
  private docs: YDocument[] = [];
  /** The start of the line being read. */
  private line = -1;
  /** When read() gave up: the start of the line it was reading (a block scalar's header line for its body); else -1. */
  stoppedAt = -1;

  constructor(
    private readonly text: string,
    private readonly start: number,
    private readonly end: number,
  ) {}

  read(): YDocument[] | undefined {
    try {
      return this.readDocuments();
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      this.stoppedAt = this.line;
      return undefined;
    }
  }

  private lineEnd(at: number): number {
    const nl = this.text.indexOf('\n', at);
    return nl < 0 || nl > this.end ? this.end : nl;
  }

  private readDocuments(): YDocument[] {
    const text = this.text;
    let docStart = this.start;
    let stack: Open[] = [];
    const doc = { root: undefined as YNode | undefined };
    const closeDoc = (at: number) => {
      if (doc.root || at > docStart) this.docs.push({ start: docStart, end: at, root: doc.root && fixEnds(doc.root), broken: false });
      stack = [];
      doc.root = undefined;
      docStart = at;
    };
    let i = this.start;
    while (i < this.end) {
      this.line = i;
      const le = this.lineEnd(i);
      let e = le;
      if (e > i && text.charCodeAt(e - 1) === 13) e--;
      let k = i;
      while (k < e && text.charCodeAt(k) === 32) k++;
      const c = text[k];
      if (k === e || c === '#') {
        if (k < e || text.charCodeAt(k) !== 9) {
          i = le + 1;
          continue;
        }
      }
      if (text.charCodeAt(k) === 9) {
        if (/^\s*$/.test(text.slice(k, e))) {
          i = le + 1;
          continue;
        }
        throw new Unsupported();
      }
      if (c === '{' && isTemplateLine(text, k, e)) {
        i = le + 1;
        continue;
      }
      if (k === i && (text.startsWith('---', i) || text.startsWith('...', i)) && (e === i + 3 || /\s/.test(text[i + 3]))) {
        closeDoc(i);
        if (text.startsWith('---', i)) {
          const rest = text.slice(i + 3, e).trim();
          if (rest !== '' && !rest.startsWith('#')) throw new Unsupported();
        }
        i = le + 1;
        continue;
      }
      if (c === '%' && k === i) throw new Unsupported();
      const next = this.handle(stack, i, k, e, doc);
      i = Math.max(next, e) + 1;
      if (text.charCodeAt(i - 1) === 13) i++;
    }
    closeDoc(this.end);
    return this.docs;
  }

  /** Where a new node below the innermost frame goes: the pending key, the empty `-` item, or the root. */
  private place(top: Open | undefined, doc: { root: YNode | undefined }, node: YNode): void {
    if (!top) {
      if (doc.root) throw new Unsupported();
      doc.root = node;
      return;
    }
    if (top.node.kind === 'map') {
      if (!top.pending || top.pending.value !== undefined) throw new Unsupported();
      top.pending.value = node;
      top.pending = undefined;
      return;
    }
    const items = top.node.items;
    if (items.length === 0 || items[items.length - 1] !== undefined) throw new Unsupported();
    items[items.length - 1] = node;
  }

  /**
   * Handles the content at k (column k - lineStart) of a line ending at e: a sequence item, a
   * `key: value` pair, or a scalar. Returns the offset reading has consumed up to.
   */
  private handle(stack: Open[], lineStart: number, k: number, e: number, doc: { root: YNode | undefined }): number {
    const text = this.text;
    const col = k - lineStart;
    while (stack.length > 0 && stack[stack.length - 1].indent > col) stack.pop();
    const seqItem = isSeqItem(text, k, e);
    let top = stack[stack.length - 1];
    if (top && top.indent === col && top.node.kind === 'seq' && !seqItem) {
      stack.pop();
      top = stack[stack.length - 1];
    }
    const key = seqItem ? undefined : matchKey(text, k, e);
    if (key && text.startsWith('? ', k)) throw new Unsupported();
    if (top && top.indent === col) {
      if (top.node.kind === 'seq') return this.seqItem(stack, top.node, lineStart, k, e, doc);
      if (key) return this.pair(stack, top, key, k, e);
      if (seqItem && top.pending && top.pending.value === undefined) {
        // key:\n- item  (a sequence at the same indent as its key)
        const seq: YSeq = { kind: 'seq', start: k, end: e, flow: false, items: [] };
        top.pending.value = seq;
        top.pending = undefined;
        stack.push({ indent: col, node: seq });
        return this.seqItem(stack, seq, lineStart, k, e, doc);
      }
      throw new Unsupported();
    }
    if (seqItem) {
      const seq: YSeq = { kind: 'seq', start: k, end: e, flow: false, items: [] };
      this.place(top, doc, seq);
      stack.push({ indent: col, node: seq });
      return this.seqItem(stack, seq, lineStart, k, e, doc);
    }
    if (key) {
      const map: YMap = { kind: 'map', start: k, end: e, flow: false, items: [] };
      this.place(top, doc, map);
      const frame: Open = { indent: col, node: map };
      stack.push(frame);
      return this.pair(stack, frame, key, k, e);
    }
    const value = this.readValue(k, e, top ? top.indent : -1);
    if (!value.node) throw new Unsupported();
    this.place(top, doc, value.node);
    return value.next;
  }

  /** Sequences opened on the current line (`- - - x`): each is a call of seqItem and handle. */
  private inline = 0;

  private seqItem(stack: Open[], seq: YSeq, lineStart: number, k: number, e: number, doc: { root: YNode | undefined }): number {
    seq.items.push(undefined);
    seq.end = e;
    let v = k + 1;
    while (v < e && (this.text.charCodeAt(v) === 32 || this.text.charCodeAt(v) === 9)) v++;
    if (v >= e || this.text[v] === '#') return e;
    // `- - - - …` 10,000 deep on one line would overflow the stack here: deep nesting goes to
    // the library's path, which measures it first (MAX_LIBRARY_NESTING).
    // A throw ends this reader (read() returns undefined), so the count needs no unwinding.
    if (++this.inline > MAX_INLINE_NESTING) throw new Unsupported();
    const next = this.handle(stack, lineStart, v, e, doc);
    this.inline--;
    return next;
  }

  private pair(stack: Open[], frame: Open, key: KeyMatch, k: number, e: number): number {
    const text = this.text;
    const map = frame.node as YMap;
    const quoted = text.charCodeAt(k) === 34 || text.charCodeAt(k) === 39;
    const pair: YPair = { key: unquoteKey(key.raw), keyStart: quoted ? k + 1 : k, value: undefined };
    map.items.push(pair);
    map.end = e;
    frame.pending = pair;
    let v = k + key.length;
    while (v < e && (text.charCodeAt(v) === 32 || text.charCodeAt(v) === 9)) v++;
    if (v >= e || text[v] === '#') return e;
    const value = this.readValue(v, e, frame.indent);
    if (value.node === undefined) return value.next;
    pair.value = value.node;
    frame.pending = undefined;
    void stack;
    return value.next;
  }

  /**
   * Reads a value that starts at v on a line ending at e; `parentIndent` bounds block scalars.
   * Returns node undefined for properties alone (`key: &anchor` then a block below).
   */
  private readValue(v: number, e: number, parentIndent: number): { node: YNode | undefined; next: number } {
    const text = this.text;
    // Anchors and tags before the value.
    while (text[v] === '&' || text[v] === '!') {
      let w = v;
      while (w < e && !/\s/.test(text[w])) w++;
      if (text.slice(v, w).includes('<') && text[v] === '!') throw new Unsupported();
      while (w < e && text.charCodeAt(w) === 32) w++;
      v = w;
      if (v >= e || text[v] === '#') return { node: undefined, next: e };
    }
    const c = text[v];
    if (c === '|' || c === '>') return this.readBlockScalar(v, e, parentIndent);
    if (c === '"' || c === "'") {
      const close = findQuoteEnd(text, v, e);
      if (close < 0) throw new Unsupported();
      const after = skipSpaces(text, close + 1, e);
      if (after < e && text[after] !== '#') throw new Unsupported();
      const raw = text.slice(v + 1, close);
      return {
        node: {
          kind: 'scalar',
          style: c === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE',
          start: v,
          end: close + 1,
          contentStart: v + 1,
          contentEnd: close,
          value: c === '"' ? unescapeDouble(raw) : raw.replace(/''/g, "'"),
        },
        next: e,
      };
    }
    if (c === '{') {
      const template = templateScalar(text, v, e);
      if (template) return { node: template, next: e };
    }
    if (c === '[' || c === '{') {
      const r = new FlowReader(text, v, e).readCollection();
      const after = skipSpaces(text, r.next, e);
      if (after < e && text[after] !== '#') throw new Unsupported();
      return { node: r.node, next: e };
    }
    if (c === '*') {
      let w = v + 1;
      while (w < e && !/\s/.test(text[w])) w++;
      return { node: { kind: 'scalar', style: 'ALIAS', start: v, end: w, contentStart: v, contentEnd: w, value: '' }, next: e };
    }
    if (c === '@' || c === '`') throw new Unsupported();
    // A plain scalar: to the end of the line, before a comment.
    let s = e;
    for (let k = this.hashFrom(v); k < e; k = this.hashFrom(k + 1)) {
      if (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9) {
        s = k;
        break;
      }
    }
    while (s > v && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
    const raw = text.slice(v, s);
    if (/:(\s|$)/.test(raw) && !/^[^:]*$/.test(raw)) throw new Unsupported(); // `a: b: c`
    // A continuation line (multi-line plain scalar) needs the full parser.
    const next = this.nextContentLine(e);
    if (next && next.indent > parentIndent && !this.startsNode(next.k, next.e)) throw new Unsupported();
    return { node: { kind: 'scalar', style: 'PLAIN', start: v, end: s, contentStart: v, contentEnd: s, value: raw }, next: e };
  }

  /** The first `#` at or after `at` (Infinity: none), remembered: lines are read in order, and a search per line would run to the next comment, however far. */
  private hashSearchedFrom = Infinity;
  private hashFound = -1;

  private hashFrom(at: number): number {
    if (at < this.hashSearchedFrom || at > this.hashFound) {
      const h = this.text.indexOf('#', at);
      this.hashSearchedFrom = at;
      this.hashFound = h < 0 ? Infinity : h;
    }
    return this.hashFound;
  }

  private startsNode(k: number, e: number): boolean {
    const text = this.text;
    if (text[k] === '#') return true;
    if (text[k] === '-' && isSeqItem(text, k, e)) return true;
    return matchKey(text, k, e) !== undefined;
  }

  private nextContentLine(from: number): { k: number; e: number; indent: number } | undefined {
    let i = from + 1;
    while (i < this.end) {
      const le = this.lineEnd(i);
      let k = i;
      while (k < le && this.text.charCodeAt(k) === 32) k++;
      if (k < le && this.text[k] !== '#' && this.text[k] !== '\r' && !isTemplateLine(this.text, k, le)) return { k, e: le, indent: k - i };
      i = le + 1;
    }
    return undefined;
  }

  private readBlockScalar(v: number, e: number, parentIndent: number): { node: YNode; next: number } {
    const text = this.text;
    // Not /\s+#.*$/: that backtracks over a long run of spaces after the indicator.
    const line = text.slice(v, e);
    const comment = line.search(/\s#/);
    const header = (comment < 0 ? line : line.slice(0, comment)).trim();
    if (!/^[|>][-+0-9]*$/.test(header)) throw new Unsupported();
    const explicit = /\d/.exec(header);
    // The content starts on the next line: after the LF, or after the CR and LF.
    const next = text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? e + 2 : e + 1;
    let i = next;
    let contentEnd = Math.min(i, this.end);
    let blockIndent = explicit ? parentIndent + 1 + Number(explicit[0]) - 1 : -1;
    while (i < this.end) {
      const le = this.lineEnd(i);
      let k = i;
      while (k < le && text.charCodeAt(k) === 32) k++;
      const blank = k === le || (k === le - 1 && text.charCodeAt(k) === 13);
      if (!blank) {
        const ind = k - i;
        if (blockIndent < 0) {
          if (ind <= parentIndent) break;
          blockIndent = ind;
        } else if (ind < blockIndent) break;
        contentEnd = Math.min(le + 1, this.end);
      } else if (text.charCodeAt(k) === 9) throw new Unsupported();
      i = le + 1;
    }
    const cs = Math.min(next, this.end);
    return {
      node: {
        kind: 'scalar',
        style: header[0] === '|' ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED',
        start: v,
        end: contentEnd,
        contentStart: cs,
        contentEnd,
        value: text.slice(cs, contentEnd),
      },
      next: Math.max(e, contentEnd - 1),
    };
  }
}

/**
 * A line whose content is only template actions (`{{- if .Values.x }}`, `{{- end }}`,
 * `{{- include "labels" . | nindent 4 }}`), as in Helm chart templates: the template engine
 * removes it or puts YAML there that is not written here, so it is read as a comment.
 */
export function isTemplateLine(text: string, k: number, e: number): boolean {
  if (text.charCodeAt(k) !== 123 || text.charCodeAt(k + 1) !== 123) return false;
  let t = e;
  while (t > k && (text.charCodeAt(t - 1) === 32 || text.charCodeAt(t - 1) === 9 || text.charCodeAt(t - 1) === 13)) t--;
  return t - k >= 4 && text.charCodeAt(t - 1) === 125 && text.charCodeAt(t - 2) === 125;
}

/** What may come before a value on its line: seq dashes, a key and its colon. */
const TEMPLATE_PREFIX = /^(?:-[ \t]+)*(?:(?:"[^"]*"[ \t]*|'[^']*'[ \t]*|[^\s#'"{:-][^#:]*):[ \t]+)?$/;
const TEMPLATE_FILL = '_';

/**
 * A value that is only template actions to the end of its line (`{{ join "," .Values.x }}`): a
 * plain scalar over the template, whose value is the word the library is given in its place.
 */
function templateScalar(text: string, v: number, e: number): YScalar | undefined {
  const s = templateValueEnd(text, v, e);
  return s === undefined ? undefined : { kind: 'scalar', style: 'PLAIN', start: v, end: s, contentStart: v, contentEnd: s, value: TEMPLATE_FILL.repeat(s - v) };
}

/** Where text[v, e) ends, blanks trimmed, when it is `{{ … }}` to the end of its line. */
function templateValueEnd(text: string, v: number, e: number): number | undefined {
  if (text.charCodeAt(v) !== 123 || text.charCodeAt(v + 1) !== 123) return undefined;
  let s = e;
  while (s > v && (text.charCodeAt(s - 1) === 32 || text.charCodeAt(s - 1) === 9 || text.charCodeAt(s - 1) === 13)) s--;
  return s - v >= 4 && text.charCodeAt(s - 1) === 125 && text.charCodeAt(s - 2) === 125 ? s : undefined;
}

/** text[start, end) with its template-only lines (isTemplateLine) made spaces: the same offsets. */
function blankTemplateLines(text: string, start: number, end: number): string {
  const src = text.slice(start, end);
  if (src.indexOf('{{') < 0) return src;
  let out = '';
  let from = 0;
  let i = 0;
  let nextTemplate = src.indexOf('{{');
  while (i < src.length) {
    let nl = src.indexOf('\n', i);
    if (nl < 0) nl = src.length;
    let k = i;
    while (k < nl && (src.charCodeAt(k) === 32 || src.charCodeAt(k) === 9)) k++;
    // The next `{{`, looked for again only once passed: one search per occurrence, not per line.
    if (nextTemplate >= 0 && nextTemplate < i) nextTemplate = src.indexOf('{{', i);
    if (isTemplateLine(src, k, nl)) {
      let e = nl;
      if (e > k && src.charCodeAt(e - 1) === 13) e--;
      // A comment at the line's own indent (not spaces only: a blank line indented deeper than a
      // block scalar's first line is an error there, where `#` is text).
      out += src.slice(from, k) + '#' + ' '.repeat(e - k - 1);
      from = e;
    } else if (nextTemplate >= 0 && nextTemplate < nl) {
      // A value that is only a template action (`value: {{ join "," .Values.platforms }}`, an
      // item `- {{ .Values.x | quote }}`) is no YAML the parser takes: a plain word stands in,
      // as the fast reader reads it (templateScalar); the scanners read the template itself.
      const v = nextTemplate;
      const e = templateValueEnd(src, v, nl);
      if (e !== undefined && TEMPLATE_PREFIX.test(src.slice(k, v))) {
        out += src.slice(from, v) + TEMPLATE_FILL.repeat(e - v);
        from = e;
      }
    }
    i = nl + 1;
  }
  return out + src.slice(from);
}

function isSeqItem(text: string, k: number, e: number): boolean {
  return text[k] === '-' && (k + 1 >= e || text[k + 1] === ' ' || text[k + 1] === '\t' || text[k + 1] === '\r');
}

function skipSpaces(text: string, k: number, e: number): number {
  while (k < e && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  return k;
}

function findQuoteEnd(text: string, v: number, e: number): number {
  const q = text[v];
  for (let k = v + 1; k < e; k++) {
    const c = text[k];
    if (q === '"' && c === '\\') {
      k++;
      continue;
    }
    if (c === q) {
      if (q === "'" && text[k + 1] === "'") {
        k++;
        continue;
      }
      return k;
    }
  }
  return -1;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '/': '/', '0': '\0', ' ': ' ' };

function unescapeDouble(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_, x: string) =>
    x.length > 1 ? String.fromCharCode(parseInt(x.slice(1), 16)) : (ESCAPES[x] ?? x),
  );
}

function unquoteKey(raw: string): string {
  const k = raw.trim();
  if (k.startsWith('"')) return unescapeDouble(k.slice(1, -1));
  if (k.startsWith("'")) return k.slice(1, -1).replace(/''/g, "'");
  return k;
}

/** A flow collection on one line: `[linux, "darwin"]`, `{goos: linux, goarch: arm}`. */
class FlowReader {
  private k: number;

  constructor(
    private readonly text: string,
    start: number,
    private readonly e: number,
  ) {
    this.k = start;
  }

  readCollection(depth = 0): { node: YNode; next: number } {
    if (depth > 50) throw new Unsupported();
    const text = this.text;
    const open = text[this.k];
    const close = open === '[' ? ']' : '}';
    const start = this.k;
    this.k++;
    const seq: YSeq = { kind: 'seq', start, end: start, flow: true, items: [] };
    const map: YMap = { kind: 'map', start, end: start, flow: true, items: [] };
    for (;;) {
      this.skip();
      if (this.k >= this.e) throw new Unsupported();
      if (text[this.k] === close) {
        this.k++;
        break;
      }
      const item = this.readItem(depth);
      this.skip();
      if (text[this.k] === ':' && (text[this.k + 1] === ' ' || text[this.k + 1] === ',' || text[this.k + 1] === close || item?.kind === 'scalar' && (item.style === 'QUOTE_DOUBLE' || item.style === 'QUOTE_SINGLE'))) {
        if (open === '[') throw new Unsupported();
        this.k++;
        this.skip();
        const value = text[this.k] === ',' || text[this.k] === close ? undefined : this.readItem(depth);
        map.items.push({ key: item && item.kind === 'scalar' ? item.value : '', keyStart: item && item.kind === 'scalar' ? item.contentStart : -1, value });
      } else if (open === '{') {
        map.items.push({ key: item && item.kind === 'scalar' ? item.value : '', keyStart: item && item.kind === 'scalar' ? item.contentStart : -1, value: undefined });
      } else seq.items.push(item);
      this.skip();
      if (text[this.k] === ',') this.k++;
      else if (text[this.k] !== close) throw new Unsupported();
    }
    const node = open === '[' ? seq : map;
    node.end = this.k;
    return { node, next: this.k };
  }

  private skip(): void {
    while (this.k < this.e && (this.text.charCodeAt(this.k) === 32 || this.text.charCodeAt(this.k) === 9)) this.k++;
    if (this.text[this.k] === '#') throw new Unsupported();
  }

  private readItem(depth: number): YNode | undefined {
    const text = this.text;
    const c = text[this.k];
    if (c === '[' || c === '{') {
      const r = this.readCollection(depth + 1);
      return r.node;
    }
    if (c === '*') {
      // An alias (`{x: *plat}`, `[*a, *b]`): its name ends at a space or a flow indicator, as the
      // package reads it; the node is the one the package's tree converts to (see convert).
      const s = this.k;
      let w = s + 1;
      while (w < this.e && !FLOW_NAME_END.test(text[w])) w++;
      if (w === s + 1) throw new Unsupported();
      this.k = w;
      return { kind: 'scalar', style: 'ALIAS', start: s, end: w, contentStart: s, contentEnd: w, value: '' };
    }
    if (c === '&' || c === '!' || c === '?' || c === '|' || c === '>') throw new Unsupported();
    if (c === '"' || c === "'") {
      const end = findQuoteEnd(text, this.k, this.e);
      if (end < 0) throw new Unsupported();
      const raw = text.slice(this.k + 1, end);
      const node: YScalar = {
        kind: 'scalar',
        style: c === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE',
        start: this.k,
        end: end + 1,
        contentStart: this.k + 1,
        contentEnd: end,
        value: c === '"' ? unescapeDouble(raw) : raw.replace(/''/g, "'"),
      };
      this.k = end + 1;
      return node;
    }
    const s = this.k;
    while (this.k < this.e) {
      const ch = text[this.k];
      if (ch === ',' || ch === ']' || ch === '}' || ch === '[' || ch === '{') break;
      if (ch === ':' && (text[this.k + 1] === ' ' || text[this.k + 1] === ',' || text[this.k + 1] === ']' || text[this.k + 1] === '}')) break;
      if (ch === '#' && (text[this.k - 1] === ' ' || text[this.k - 1] === '\t')) throw new Unsupported();
      this.k++;
    }
    let end = this.k;
    while (end > s && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    if (end === s) return undefined;
    return { kind: 'scalar', style: 'PLAIN', start: s, end, contentStart: s, contentEnd: end, value: text.slice(s, end) };
  }
}
