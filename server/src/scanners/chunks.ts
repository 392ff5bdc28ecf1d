/**
 * Cuts a document into blocks that can be scanned on their own, so an edit re-scans only the block
 * it touches: YAML by top-level key (and big blocks such as `jobs:` by child), other kinds by
 * runs of lines that start at column 0 after a blank line.
 */
export interface Chunk {
  start: number;
  end: number;
  /** For a child block: the keys above it (`['jobs']`), one array shared by siblings. */
  path: readonly string[];
  /** For a block of a job whose steps are cut apart: what it is scanned with from the whole job (see StepCut). */
  job?: JobBlockFacts;
}

/** What the blocks of a job cut at its steps are scanned with from the whole job. */
export interface JobBlockFacts {
  /** Tells two apart for the job's first part. */
  readonly key: string;
  /** Tells two apart for its steps, which read less of them. */
  readonly stepsKey: string;
}

/**
 * How a workflow's long job may be cut at its steps: its first part (up to `steps:`) and each
 * step a block, each scanned with what the whole job gives its steps (the matrix keys its
 * commands use as platforms, the download URLs its environment sets). Given by the YAML scanner.
 */
export interface StepCut {
  /** What the job text[start, end), whose steps start at `itemsStart`, gives its blocks; undefined when its steps are not read the same apart. */
  facts(text: string, start: number, itemsStart: number, end: number, key: string): JobBlockFacts | undefined;
  /** Whether a step's `name:` is platform-ish (`- name: GOARCH`): such items make pairs with each other. */
  platformName(name: string): boolean;
}

/** The path of a top-level block. */
const TOP: readonly string[] = [];

/** Blocks longer than this many lines are cut into their children. */
export const SPLIT_LINES = 200;

/** So are blocks of this many characters however few their lines: a generated line of thousands of platforms is rescanned at a keystroke in its block only. */
export const SPLIT_CHARS = 32_768;

/**
 * Top-level keys whose block is scanned whole however long: a list of platforms or targets, an os
 * or arch (read together), a matrix (Woodpecker's `GOOS:` and `GOARCH:` axes make pairs), and the
 * text of a form or a chart (an issue form's `body:`, Chart.yaml's `annotations:`), whose parts
 * are read as text only below their key.
 */
const KEPT_WHOLE = /platforms?$|^goos$|^goarch$|^targets?$|^matrix$|^(?:body|notes|details|changelog|release[-_]notes|annotations)$/i;

/** The file's environment map: `env:`, GitLab's and Azure's `variables:`, Drone's `environment:`, a ConfigMap's `data:`. */
const ENVIRONMENT = /^(?:env|variables|environment|data)$/;

/** A key of an environment that makes pairs with the others: GOOS, TARGETOS, GOARCH, TARGETARCH, GOARM, … (any case); or the name of a list's item (`- name: GOOS`). */
const PAIRED_KEY = /^[ \t]+(?:(?:-[ \t]+)?name:[ \t]*["']?(?:go|target)(?:os|arch|arm|arm64|amd64|variant)["']?[ \t]*\r?$|["']?(?:go|target)(?:os|arch|arm|arm64|amd64|variant)["']?[ \t]*:)/gim;

/** More such keys than this in one environment (real ones set two to four) are a generated or hostile text: it is cut as any block. */
const MAX_PAIRED_KEYS = 16;

/**
 * Whether a block is scanned whole however long: a list of platforms, an os or arch (read
 * together), and the file's environment when it sets an os or an arch, whose keys make pairs
 * wherever they sit in it (GOOS on its first line, TARGETOS and GOARCH 300 lines below). Cut, its
 * blocks would each see a part. (An edit of such a block is scanned with the whole file anyway when
 * it changes what the environment sets: see changesFacts.)
 */
function keptWhole(text: string, start: number, end: number, key: string): boolean {
  if (KEPT_WHOLE.test(key)) return true;
  if (!ENVIRONMENT.test(key)) return false;
  // (Found in the text itself, not in a copy of the block: this runs on every keystroke.)
  let keys = 0;
  PAIRED_KEY.lastIndex = start;
  for (let m = PAIRED_KEY.exec(text); m && m.index < end && keys <= MAX_PAIRED_KEYS; m = PAIRED_KEY.exec(text)) keys++;
  return keys > 0 && keys <= MAX_PAIRED_KEYS;
}

/**
 * A line break before a top-level line: one that is not indented, not a comment, not a sequence
 * item and not blank, or a `---` document marker. A line that starts with `]`, `}` or `,` goes
 * on a flow collection opened above (`platforms: [` … `]`), so it starts no block; so does an
 * explicit key's value (`: linux/amd64` below `? platforms`, QA 272 B5). Lines are found by the
 * regex engine, not by a loop over every line: this runs on every keystroke, and the server keeps
 * documents under a million characters in bytecode (see jit.ts).
 */
const TOP_LINE = /\n(?=[^ \t#\-\r\n\]},:]|:[^ \t\r\n]|---(?:\s|$))/g;

/** The first characters TOP_LINE and TOP_AT_START leave out: a line that starts with one starts no block (`---` aside). */
export const NO_TOP_FIRST = ' \t#-\r\n]},';

/** The same rule for the first line, which no line break precedes (4 characters decide it). */
const TOP_AT_START = /^(?:[^ \t#\-\r\n\]},:]|:[^ \t\r\n]|---(?:\s|$))/;

/** The key of the `key:` line that starts at i (quotes taken off); undefined for other lines. */
export function lineKey(text: string, i: number): string | undefined {
  if (text.charCodeAt(i) === 45) return undefined;
  let nl = text.indexOf('\n', i);
  if (nl < 0) nl = text.length;
  const m = /^([^:#\s][^:#]*?)\s*:(\s|$)/.exec(text.slice(i, Math.min(nl, i + 200)));
  return m ? m[1].replace(/^["']|["']$/g, '') : undefined;
}

/** First characters of a line at column 0 that may start a top-level node other than a key (quotes, `?`, `%`, flow, anchors, tags, `---` and `...`). */
const NODE_START = new Set([...'"\'?%[{&*!|>@`.-'].map((c) => c.charCodeAt(0)));

/**
 * Whether the line at i (column 0, not the text's first) is a stray: a character typed before an
 * indented line's indent (`q        goarch: [amd64, arm64]`, `q` on a blank line of a job) and not
 * a top-level key. Such a line is no block of its own: it goes on the block above, where it
 * breaks only the child it is in. Taken as a top-level line it would make a block of everything
 * up to the next one (the rest of `jobs:`), all broken: a keystroke would parse it again.
 *
 * A stray is a key that holds two blanks or a tab (what was the indent: `q        goarch`), a line
 * whose first word (with no colon) is followed by two blanks or a tab, or a line with no colon at
 * all; and the next line with content is indented. In valid YAML no top-level line of these
 * shapes is followed by an indented one, unless a scalar document goes on over lines, which reads
 * the same on the block above. (An aligned key, `env   :`, is a key.)
 */
function strayLine(text: string, i: number, key: string | undefined): boolean {
  if (NODE_START.has(text.charCodeAt(i))) return false;
  const n = text.length;
  let k = i;
  for (let c = text.charCodeAt(k); k < n && c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 58; c = text.charCodeAt(++k));
  if (k < n && text.charCodeAt(k) === 58) return false;
  let nl = text.indexOf('\n', k);
  if (nl < 0) nl = n;
  // A key (`env:`, `env   :` aligned; `key`, the line's lineKey) is no stray, unless its key holds
  // the indent typed over (`q        goarch`).
  if (key !== undefined) {
    if (!/[ \t]{2}|\t/.test(key)) return false;
  } else {
    const c = text.charCodeAt(k);
    const indentAfterWord = c === 9 || (c === 32 && (text.charCodeAt(k + 1) === 32 || text.charCodeAt(k + 1) === 9));
    if (!indentAfterWord && k < nl) {
      const colon = text.indexOf(':', k);
      if (colon >= 0 && colon < nl) return false;
    }
  }
  // The next line with content (not blank, not a comment) is indented.
  for (let at = nl + 1; at < n; ) {
    let col = at;
    while (text.charCodeAt(col) === 32 || text.charCodeAt(col) === 9) col++;
    const ch = text.charCodeAt(col);
    if (col < n && ch !== 10 && ch !== 13 && ch !== 35) return col > at;
    const next = text.indexOf('\n', col);
    if (next < 0) return false;
    at = next + 1;
  }
  return false;
}

/**
 * How a plain YAML text's blocks may be cut one level further: a long list of mappings under a
 * child of a top-level key (Prow's jobs under `presubmits: kubernetes/kubernetes:`, thousands of
 * lines) item by item, where the scanner reads nothing around an item into it. Given by the YAML
 * scanner, which knows the keys whose lists it reads as a whole (see ITEM_CUT in yaml.ts).
 */
export interface ItemCut {
  /** Whether the items of a list under `key`, a child of the top-level key `top`, read the same one by one. */
  keyApart(key: string, top: string): boolean;
  /** Whether an item's `name:` is platform-ish (`- name: GOOS`): such items make pairs with each other. */
  platformName(name: string): boolean;
}

/**
 * Cuts a YAML text into its blocks (see the file's comment). `cut` and `steps` say how a long
 * block's children are cut further; with `jobsWhole` (GitLab CI), a top-level block other than
 * an environment is never cut: a job's `parallel: matrix:`, `variables:`, `extends:` and scripts
 * are read together.
 */
export function chunkYaml(text: string, cut?: ItemCut, steps?: StepCut, jobsWhole = false): Chunk[] {
  const tops: { start: number; key: string | undefined }[] = [];
  const n = text.length;
  if (TOP_AT_START.test(text.slice(0, 4))) tops.push({ start: 0, key: lineKey(text, 0) });
  TOP_LINE.lastIndex = 0;
  for (let m = TOP_LINE.exec(text); m; m = TOP_LINE.exec(text)) {
    const key = lineKey(text, m.index + 1);
    if (!strayLine(text, m.index + 1, key)) tops.push({ start: m.index + 1, key });
  }
  if (tops.length === 0 || tops[0].start > 0) tops.unshift({ start: 0, key: undefined });
  // A document whose own top-level keys are an os and an arch (slsa-github-generator's Go builder
  // config: `goos: darwin`, `goarch: "386"`), or an image and the platform it is pulled for, is
  // one pair: one block, scanned whole.
  if (topLevelPair(tops)) return [{ start: 0, end: n, path: TOP }];
  const chunks: Chunk[] = [];
  for (let k = 0; k < tops.length; k++) {
    const start = tops[k].start;
    const end = k + 1 < tops.length ? tops[k + 1].start : n;
    const key = tops[k].key;
    if (key !== undefined && splitTopLevel(text, start, end) && !(jobsWhole && !ENVIRONMENT.test(key)) && !keptWhole(text, start, end, key)) {
      // (With a cut, a block of one child may be cut into that child's items: Prow's
      // `presubmits:` of one repository, a workflow of one long job.)
      const children = splitChildren(text, start, end, key, cut || steps ? 1 : 2);
      // A block whose own keys are an os and an arch, or an image and its platform, is read whole;
      // so is a list with an item that is no mapping (alone, it is no list's item, which a fix removes).
      if (children && children.length > 2 && (pairedChildren(text, children) || scalarItems(text, children))) {
        chunks.push({ start, end, path: TOP });
        continue;
      }
      const apart = (child: Chunk) => (cut ? splitItems(text, child, key, cut) : steps && key === 'jobs' ? splitSteps(text, child, steps) : undefined);
      const only = children?.length === 2 ? apart(children[1]) : undefined;
      if (children && (children.length > 2 || only)) {
        chunks.push(children[0]);
        // One by one: spreading 150,000 children as arguments overflows the stack.
        for (let c = 1; c < children.length; c++) {
          const items = only ?? apart(children[c]);
          if (items) for (let i = 0; i < items.length; i++) chunks.push(items[i]);
          else chunks.push(children[c]);
        }
        continue;
      }
    }
    chunks.push({ start, end, path: TOP });
  }
  return chunks;
}

/**
 * Whether the top-level keys hold an os key and an arch key (GOOS and GOARCH, goos and goarch, any
 * case), or `image` and `platform` or `platforms` (an image pulled for a platform, read together).
 */
function topLevelPair(tops: readonly { key: string | undefined }[]): boolean {
  let os = false;
  let arch = false;
  let image = false;
  let platform = false;
  for (const t of tops) {
    if (t.key === undefined || t.key.length < 4 || t.key.length > 9) continue;
    const k = t.key.toLowerCase();
    if (k === 'goos') os = true;
    else if (k === 'goarch') arch = true;
    else if (t.key === 'image') image = true;
    else if (t.key === 'platform' || t.key === 'platforms') platform = true;
  }
  return (os && arch) || (image && platform);
}

/** Whether the children of a block (splitChildren's, after its first part) are a pair as topLevelPair has it: `goos:` and `goarch:`, `image:` and `platform:`. */
function pairedChildren(text: string, children: readonly Chunk[]): boolean {
  const keys: { key: string | undefined }[] = [];
  for (let c = 1; c < children.length; c++) {
    let at = children[c].start;
    while (text.charCodeAt(at) === 32) at++;
    // (Only a key that starts as one of those is read: a block may have 100,000 children.)
    const q = text.charCodeAt(at);
    const first = (q === 34 || q === 39 ? text.charCodeAt(at + 1) : q) | 32;
    if (first === 103 || first === 105 || first === 112) keys.push({ key: lineKey(text, at) });
  }
  return topLevelPair(keys);
}

/** Whether the children of a block are a list's items (`- …`) of which one is not a mapping (`- linux/arm`, `- - a`). */
function scalarItems(text: string, children: readonly Chunk[]): boolean {
  for (let c = 1; c < children.length; c++) {
    let at = children[c].start;
    while (text.charCodeAt(at) === 32) at++;
    if (text.charCodeAt(at) !== 45) return false;
    at++;
    while (text.charCodeAt(at) === 32) at++;
    if (lineKey(text, at) === undefined) return true;
  }
  return false;
}

/**
 * Whether text[start, end) is long enough to be cut a level further (SPLIT_LINES lines): a list's
 * items (splitItems), a job's steps (splitSteps). A short block is never counted: most are.
 */
export function longBlock(text: string, start: number, end: number): boolean {
  return CUT_ALWAYS.enabled || end - start >= SPLIT_CHARS || (end - start >= SPLIT_LINES * 4 && countLines(text, start, end, SPLIT_LINES) >= SPLIT_LINES);
}

/** Whether a top-level block text[start, end) has the lines to be cut into its children or kept whole by its key (SPLIT_LINES), as chunkYaml counts them: blank ones too. */
export function splitTopLevel(text: string, start: number, end: number): boolean {
  return CUT_ALWAYS.enabled || end - start >= SPLIT_CHARS || countLines(text, start, end, SPLIT_LINES) >= SPLIT_LINES;
}

/** Whether every block is cut as a long one is, however short: a top-level block, a list's items, a job's steps (the tests compare each file read so with it read whole). */
export const CUT_ALWAYS = { enabled: false };

function countLines(text: string, start: number, end: number, limit: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', start); i >= 0 && i < end && count < limit; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** A line break before a line with content (not blank, not a comment); group 1 is its indent. */
const FIRST_CONTENT = /\n( *)[^ #\r\n]/g;
/** Per children's indent: a line break before a line with content indented no deeper. */
const SHALLOW_LINE = new Map<number, RegExp>();

/** Longest first line of a block that is cut into its children; a longer one is kept whole. */
const MAX_HEADER = 256;

/** The end of the block's first line when it is a bare key (`steps:`) that can be cut into its children. */
function bareKeyLineEnd(text: string, start: number, end: number): number | undefined {
  const headerEnd = text.indexOf('\n', start);
  if (headerEnd < 0 || headerEnd >= end) return undefined;
  const header = text.slice(start, headerEnd);
  // A key line is short; on a long one the regex below backtracks from every colon (quadratic).
  if (header.length > MAX_HEADER) return undefined;
  if (!/:\s*(#.*)?\r?$/.test(header) || /[&*!|>]/.test(header.slice(header.indexOf(':') + 1).replace(/#.*/, ''))) return undefined;
  return headerEnd;
}

/**
 * The children of a block whose first line is a bare key (`steps:`, `  build:`) at any indent:
 * the block's own first part, then one block per child with path [...parent, key]; undefined when it cannot
 * be cut safely or has fewer than `minChildren` children.
 */
export function splitChildren(text: string, start: number, end: number, key: string, minChildren = 2, parent: readonly string[] = TOP): Chunk[] | undefined {
  const headerEnd = bareKeyLineEnd(text, start, end);
  if (headerEnd === undefined) return undefined;
  // The children's indent: that of the first line with content after the header.
  FIRST_CONTENT.lastIndex = headerEnd;
  const first = FIRST_CONTENT.exec(text);
  if (!first || first.index + 1 >= end) return undefined;
  const indent = first[1].length;
  const seq = text.charCodeAt(first.index + 1 + indent) === 45;
  let starts = childStarts(text, headerEnd, end, indent, seq);
  if (starts.length < 2) {
    // The first child indented deeper than the ones after it (a space typed before it, or an
    // item re-indented a space at a time): the children are at the indent of the first line
    // shallower than it that starts one, and the first goes on the block's own first part,
    // broken. Read whole, the block was repaired at every keystroke (0.25 s at 900 lines).
    const sibling = shallowerChild(text, first.index + 1, end, start, indent, seq);
    if (sibling !== undefined) starts = childStarts(text, headerEnd, end, sibling, seq);
  }
  if (starts.length < minChildren) return undefined;
  const out: Chunk[] = [{ start, end: starts[0], path: parent }];
  const path = [...parent, key];
  for (let c = 0; c < starts.length; c++) {
    out.push({ start: starts[c], end: c + 1 < starts.length ? starts[c + 1] : end, path });
  }
  return out;
}

/** Where the children at `indent` start (see splitChildren): items of a list (`seq`), else keys. */
function childStarts(text: string, headerEnd: number, end: number, indent: number, seq: boolean): number[] {
  // Lines with content indented no deeper than the children; deeper ones (the bulk), blank
  // lines and comments are skipped by the regex engine.
  let shallow = SHALLOW_LINE.get(indent);
  if (!shallow) {
    shallow = new RegExp(`\\n {0,${indent}}[^ #\\r\\n]`, 'g');
    SHALLOW_LINE.set(indent, shallow);
  }
  const starts: number[] = [];
  shallow.lastIndex = headerEnd;
  // test(), not exec(): no match array per child. A match ends after the line's first character,
  // its line starts after the spaces before it.
  while (shallow.test(text)) {
    const content = shallow.lastIndex - 1;
    let lineStart = content;
    while (text.charCodeAt(lineStart - 1) === 32) lineStart--;
    if (lineStart >= end) break;
    // A line less indented than the children but inside the block (a slip in re-indenting, a
    // flow collection's line) goes on the child above: it ends none, and one such line must not
    // make every keystroke scan the whole block.
    if (content - lineStart < indent) continue;
    const ch = text.charCodeAt(content);
    // `]`, `}` and `,` go on a flow collection opened above, as at the top level.
    if (ch === 93 || ch === 125 || ch === 44) continue;
    // (A dash with no space after it, `-x name: job7` half typed over `- name: job7`, starts no
    // item: it goes on the item above, and the rest of the list is still cut item by item.)
    if (seq ? itemDash(text, content) : ch !== 45 && !strayChild(text, content, indent)) starts.push(lineStart);
  }
  return starts;
}

/** Whether text[at] is the dash of a sequence item: a space, a tab or the line's end after it (not `-x`, `--`). */
function itemDash(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 45) return false;
  const next = text.charCodeAt(at + 1);
  return next === 32 || next === 9 || next === 10 || next === 13 || at + 1 >= text.length;
}

/** Per range of columns (`1,3`): a line break before a line with content indented that deep, group 1 its indent. */
const SHALLOWER_LINE = new Map<string, RegExp>();

/**
 * The indent of the first line after the first child's (at `from`, indented `indent`) that is
 * shallower than it but deeper than the block's key line (at `start`) and would start a child:
 * an item where the first child is one, else a key. Undefined when there is none.
 */
function shallowerChild(text: string, from: number, end: number, start: number, indent: number, seq: boolean): number | undefined {
  let header = 0;
  while (text.charCodeAt(start + header) === 32) header++;
  if (indent - header < 2) return undefined;
  const columns = `${header + 1},${indent - 1}`;
  let shallower = SHALLOWER_LINE.get(columns);
  if (!shallower) {
    shallower = new RegExp(`\\n( {${columns}})[^ #\\r\\n]`, 'g');
    SHALLOWER_LINE.set(columns, shallower);
  }
  shallower.lastIndex = from;
  const m = shallower.exec(text);
  if (!m || m.index >= end) return undefined;
  const at = m.index + 1 + m[1].length;
  const item = itemDash(text, at);
  if (seq ? !item : item || lineKey(text, at) === undefined) return undefined;
  // (Not a line of a flow collection opened above it, `{os: linux,` then `  arch: arm}`.)
  let open = 0;
  for (let k = from; k < m.index; k++) {
    const c = text.charCodeAt(k);
    if (c === 91 || c === 123) open++;
    else if (c === 93 || c === 125) open--;
  }
  return open > 0 ? undefined : m[1].length;
}

/**
 * Whether a line at the column of a mapping's keys holds nothing of what follows and starts no
 * child: one that is no key (`ab` typed between two items of a list written at its key's column,
 * Prow's `  - name:` under `  kubernetes/kubernetes:`), or a key with a value over such an item
 * (`ab: x`). Either goes on the child above, which stays one block (and its list cut item by item):
 * taken as a child, it made one broken block of the rest of the list, scanned at every keystroke.
 */
function strayChild(text: string, at: number, indent: number): boolean {
  if (lineKey(text, at) === undefined) return true;
  const nl = text.indexOf('\n', at);
  if (nl < 0 || keyValue(text, at) === '') return false;
  FIRST_CONTENT.lastIndex = nl;
  const next = FIRST_CONTENT.exec(text);
  return next !== null && next[1].length === indent && text.charCodeAt(next.index + 1 + indent) === 45;
}

/** The value of the `key: value` line whose key starts at i, without its comment, trimmed. */
function keyValue(text: string, i: number): string {
  let nl = text.indexOf('\n', i);
  if (nl < 0) nl = text.length;
  const line = text.slice(i, Math.min(nl, i + 200));
  const value = line.slice(line.indexOf(':') + 1);
  const hash = value.search(/(?:^|\s)#/);
  return (hash >= 0 ? value.slice(0, hash) : value).trim();
}

/** Per item key column: a line break before a `name:` or `env_var:` key (quoted or not) at that column. */
const NAME_AT = new Map<number, RegExp>();

/**
 * A child block of a top-level key (`  kubernetes/kubernetes:` under `presubmits:`) cut into the
 * items of its list, when it is long, every item is a mapping (`- name: …`), the cut allows its
 * key, and no item is named for a platform (`- name: GOARCH`, which pairs with a sibling item);
 * otherwise undefined, and the child is one block.
 */
function splitItems(text: string, child: Chunk, top: string, cut: ItemCut): Chunk[] | undefined {
  if (!longBlock(text, child.start, child.end)) return undefined;
  let at = child.start;
  while (text.charCodeAt(at) === 32) at++;
  const key = lineKey(text, at);
  if (key === undefined || !cut.keyApart(key, top)) return undefined;
  const items = splitChildren(text, child.start, child.end, key, 2, child.path);
  return items && mappingItems(text, items, child.end, cut.platformName) ? items : undefined;
}

/** Whether items[1…] (a list's items, up to `end`) are mappings with their keys at one column, none named for a platform (see splitItems). */
function mappingItems(text: string, items: readonly Chunk[], end: number, platformName: (name: string) => boolean): boolean {
  /** The column of the items' own keys: one for all, or no cut. */
  let col = -1;
  for (let c = 1; c < items.length; c++) {
    let dash = items[c].start;
    while (text.charCodeAt(dash) === 32) dash++;
    if (text.charCodeAt(dash) !== 45) return false; // the children are keys, not items
    // (A dash alone, an item being typed or an empty one, holds nothing read with the others.)
    const after = text.charCodeAt(dash + 1);
    if (after === 10 || after === 13 || dash + 1 === text.length) {
      if (!emptyItem(text, dash + 1, c + 1 < items.length ? items[c + 1].start : end)) return false;
      continue;
    }
    let k = dash + 1;
    while (text.charCodeAt(k) === 32) k++;
    if (k === dash + 1 || (col >= 0 && k - items[c].start !== col)) return false;
    col = k - items[c].start;
    // Every item a block mapping (a list of words is read as one: duplicates, a flag's value in
    // the next item), its first key plain (`- {name: GOOS, …}`, `- "name": …` are not cut).
    const first = KEY_FIRST.test(text.slice(k, k + 2)) ? lineKey(text, k) : undefined;
    if (first === undefined) return false;
    if ((first === 'name' || first === 'env_var') && namesPlatform(text, k, platformName)) return false;
  }
  // The items' other keys: `name:` or `env_var:`, quoted or not, at their column.
  let names = NAME_AT.get(col);
  if (!names) {
    names = new RegExp(`\\n {${col}}(?=["']?(?:name|env_var)["']?[ \\t]*:)`, 'g');
    NAME_AT.set(col, names);
  }
  names.lastIndex = items[1].start;
  for (let m = names.exec(text); m && m.index < end; m = names.exec(text)) {
    if (namesPlatform(text, m.index + 1 + col, platformName)) return false;
  }
  return true;
}

/** Whether text[from, to) after an item's dash holds only line breaks, spaces and comments: the item is empty (null). */
function emptyItem(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13 || c === 32 || c === 9) continue;
    if (c !== 35) return false;
    const nl = text.indexOf('\n', k);
    if (nl < 0 || nl >= to) return true;
    k = nl;
  }
  return true;
}

/** The first characters of a plain key: not a quote, a flow collection, an anchor, a tag, an alias or `?`. */
const KEY_FIRST = /^[^"'{[&!*?|>%@`\s#]/;

/**
 * Whether the `name:` line at i names a platform-ish variable (`name: GOARCH`, `name: &a "GOARCH"`,
 * `name: !!str GOARCH`), or may (its value on the lines below, an alias, a flow collection): then
 * its list is read whole.
 */
function namesPlatform(text: string, i: number, platformName: (name: string) => boolean): boolean {
  // (Anchors and tags before it are YAML's, not the name's.)
  const value = keyValue(text, i).replace(/^(?:[&!]\S*\s+)+/, '');
  if (value === '' || /^[&!*|>[{]/.test(value)) return true;
  return platformName(value.replace(/^(["'])(.*)\1$/, '$2'));
}

/** Per column: a line break before a `steps:` key with no value at that column. */
const STEPS_AT = new Map<number, RegExp>();

/**
 * A job of a workflow's `jobs:` (`  build:`) cut at its steps, when it is long, `steps:` is its
 * last key, its steps are mappings (none named for a platform) and the cut gives what the job
 * gives them (StepCut.facts): its first part, up to the steps, then each step; otherwise undefined.
 */
function splitSteps(text: string, job: Chunk, cut: StepCut): Chunk[] | undefined {
  if (!longBlock(text, job.start, job.end)) return undefined;
  const headerEnd = bareKeyLineEnd(text, job.start, job.end);
  if (headerEnd === undefined) return undefined;
  let at = job.start;
  while (text.charCodeAt(at) === 32) at++;
  const key = lineKey(text, at);
  FIRST_CONTENT.lastIndex = headerEnd;
  const first = FIRST_CONTENT.exec(text);
  if (key === undefined || !first || first.index >= job.end) return undefined;
  const col = first[1].length;
  if (col <= at - job.start) return undefined;
  let stepsAt = STEPS_AT.get(col);
  if (!stepsAt) {
    stepsAt = new RegExp(`\\n {${col}}steps[ \\t]*:[ \\t]*(?:#[^\\n]*)?\\r?(?=\\n)`, 'g');
    STEPS_AT.set(col, stepsAt);
  }
  stepsAt.lastIndex = headerEnd - 1;
  const steps = stepsAt.exec(text);
  if (!steps || steps.index >= job.end) return undefined;
  const stepsStart = steps.index + 1;
  const items = splitChildren(text, stepsStart, job.end, 'steps', 2, [...job.path, key]);
  if (!items || !mappingItems(text, items, job.end, cut.platformName)) return undefined;
  // `steps:` is the job's last key: after it, no line with content is less deep than its items
  // but at their column as an item, or to the left of them.
  let shallow = SHALLOW_LINE.get(col);
  if (!shallow) {
    shallow = new RegExp(`\\n {0,${col}}[^ #\\r\\n]`, 'g');
    SHALLOW_LINE.set(col, shallow);
  }
  shallow.lastIndex = stepsStart + steps[0].length - 1;
  while (shallow.test(text)) {
    const content = shallow.lastIndex - 1;
    if (content >= job.end) break;
    // (A dash at the key's own column is a step: `steps:` over `- run: …`.)
    if (content - (text.lastIndexOf('\n', content) + 1) !== col || text.charCodeAt(content) !== 45) return undefined;
  }
  const facts = cut.facts(text, job.start, items[1].start, job.end, key);
  if (!facts) return undefined;
  // (The items are splitChildren's own objects: marked in place, not copied, 50,000 steps a keystroke.)
  items[0] = { start: job.start, end: items[1].start, path: job.path, job: facts };
  for (let c = 1; c < items.length; c++) items[c].job = facts;
  return items;
}

/**
 * Keys that only ever sit inside a block's content (a matrix's `exclude:` and `include:`, a
 * goreleaser build's `ignore:`): one indented between a child and its content is taken into
 * that child, where the values it leaves out are known for what they are.
 */
const ENTRY_LISTS: ReadonlySet<string> = new Set(['exclude', 'include', 'ignore']);

/**
 * splitChildren for a block that does not parse: a line indented wrong starts a child of its own.
 * A line starts a child when it is indented no deeper than the child above, or deeper than it but
 * not as deep as that child's own content (`     steps:` under a child whose `matrix:` is at 6):
 * such a line cannot belong to the child above, and is taken as its sibling. (Comments, and a
 * line of a flow collection, `]`, `}` or `,` first, never start one.)
 */
export function splitBrokenChildren(text: string, start: number, end: number, key: string): Chunk[] | undefined {
  const headerEnd = bareKeyLineEnd(text, start, end);
  if (headerEnd === undefined) return undefined;
  let headerIndent = 0;
  while (text.charCodeAt(start + headerIndent) === 32) headerIndent++;
  const starts: number[] = [];
  /** The indent of the child above, and of the first line deeper than it (its content). */
  let child = -1;
  let inner = -1;
  /** The child above is an ENTRY_LISTS key: its entries may be written at its own indent, and go on to its end. */
  let entries = false;
  FIRST_CONTENT.lastIndex = headerEnd;
  for (let m = FIRST_CONTENT.exec(text); m && m.index + 1 < end; m = FIRST_CONTENT.exec(text)) {
    const n = m[1].length;
    const c = text.charCodeAt(m.index + 1 + n);
    if (c === 93 || c === 125 || c === 44 || n <= headerIndent) continue;
    const at = m.index + 1 + n;
    // (A line less indented than the child above that is no key or item, `  b]` of a flow
    // collection or a plain scalar's next line, goes on that child.)
    const item = itemDash(text, at);
    if (child >= 0 && n < child && !item && lineKey(text, at) === undefined) continue;
    if (entries && (n > child || (n === child && item))) continue;
    if (child < 0 || n <= child || (inner >= 0 && n < inner && !ENTRY_LISTS.has(lineKey(text, at) ?? ''))) {
      starts.push(m.index + 1);
      child = n;
      inner = -1;
      entries = ENTRY_LISTS.has(lineKey(text, at) ?? '');
    } else if (inner < 0) inner = n;
  }
  if (starts.length === 0) return undefined;
  const out: Chunk[] = [{ start, end: starts[0], path: TOP }];
  const path = [key];
  for (let c = 0; c < starts.length; c++) out.push({ start: starts[c], end: c + 1 < starts.length ? starts[c + 1] : end, path });
  return out;
}

/** Blocks shorter than this many lines are not cut: a cut costs more than it saves. */
const MIN_LINES = 40;

/**
 * A block of a script or a Dockerfile this long without a blank line (a generated script) may also
 * end at a line that begins in column 0 after one that does not open a body, and, in a script,
 * where no string, parenthesis or here-document is open (OpenShell): a keystroke in it would
 * otherwise scan thousands of lines again (QA 236 B2). Not a Makefile's: its GOOS and GOARCH set
 * far apart pair only within a block (QA 239 B6).
 */
export const LONG_LINES = { value: 100 };
/** A line that closes or continues a compound command: no block starts there (see LONG_LINES). */
const CLOSES = /^(?:fi|done|esac|else|elif|then|do|endif|endef|;;)\b/;
/** The end of a line that opens a command's body or continues it on the next line (see LONG_LINES). */
const OPENS = /(?:\b(?:then|do|else|in)|[{(|&;\\]|&&|\|\|)[ \t]*$/;
/**
 * A line that names Go's platform variables: it may set GOOS or GOARCH for the commands after it
 * (`export GOOS=windows`), which a block holds until the next command uses or replaces it.
 */
const GO_VARIABLE = /\bGO(?:OS|ARCH|ARM|AMD64|386|MIPS|MIPS64|PPC64|RISCV64)\b/;

/**
 * Whether a long block may end before the line at `at` (see LONG_LINES): the line before it
 * (`prevStart`..`prevEnd`) neither opens a body nor continues, nor sets what a command below it
 * would build for, nor closes one; the line itself does not close or continue a compound command.
 */
function longCut(text: string, prevStart: number, prevEnd: number, at: number): boolean {
  if (CLOSES.test(text.slice(at, at + 8))) return false;
  const prev = text.slice(prevStart, prevEnd);
  return !OPENS.test(prev) && !(GO_VARIABLE.test(prev) && !forItsCommand(prev)) && !CLOSED_BEFORE.test(prev);
}

/** Assignments before a command's name, and the name: `GOOS=linux GOARCH=$arch go`. */
const PREFIX_ASSIGNMENTS = /^[ \t]*(?:[A-Za-z_][A-Za-z0-9_]*=[^\s;&|`()<>'"]*[ \t]+)+([A-Za-z_./][\w./-]*)/;
/** Words that keep an assignment after them (`export GOOS=linux`), or run the rest as a command (`env GOOS=…`). */
const DECLARES = /^(?:export|declare|typeset|local|readonly|env)$/;

/**
 * Whether a line names Go's platform variables only in assignments before its command
 * (`GOOS=linux GOARCH=amd64 go build -o out/linux-amd64`): they are the command's own, and the
 * commands after it do not see them (QA 272 B2: a script of thousands of such lines was one block).
 */
function forItsCommand(line: string): boolean {
  const m = PREFIX_ASSIGNMENTS.exec(line);
  // (Not an assignment of its own: `GOOS=linux GOARCH=arm` sets both for what follows.)
  if (!m || line.charCodeAt(m[0].length) === 61) return false;
  const rest = line.slice(m[0].length);
  return !DECLARES.test(m[1]) && !GO_VARIABLE.test(rest) && !/[;&|`(){}<>]/.test(rest);
}

/**
 * A line that closes a compound command or a subshell (`)`, `}`, `fi`, `done`, `esac`): what was
 * set inside it (`export GOOS=windows` in `$(…)`) is held as unknown for the next command only.
 */
const CLOSED_BEFORE = /^[ \t]*(?:[)}]|(?:fi|done|esac)\b)/;

/**
 * What a script's lines from `from` leave open: a quoted string (`"`, `'`, `$'…'`, a backtick
 * command), a parenthesis (an array, `$(…)`, a subshell, also inside a string), a here-document.
 * Read line by line as far as asked, once: a long block is cut (LONG_LINES) only where nothing is
 * open. A reading of quotes and parentheses, not a parse: `)` of a case pattern closes nothing that
 * is open; a word's `#` is no comment.
 */
class OpenShell {
  private at: number;
  /** What is open, innermost last: a quote (`"`, `'`, a backtick), `$'` (36), a parenthesis (40). */
  private readonly stack: number[] = [];
  private readonly heredocs: string[] = [];

  constructor(from: number) {
    this.at = from;
  }

  /** Whether nothing is open at the line start `to` (at or after the lines read so far). */
  closedAt(text: string, to: number): boolean {
    while (this.at < to) {
      let nl = text.indexOf('\n', this.at);
      if (nl < 0 || nl >= to) nl = to - 1;
      this.line(text, this.at, nl);
      this.at = nl + 1;
    }
    return this.stack.length === 0 && this.heredocs.length === 0;
  }

  private line(text: string, s: number, e: number): void {
    if (this.heredocs.length > 0) {
      if (text.slice(s, e).replace(/\r$/, '').trim() === this.heredocs[0]) this.heredocs.shift();
      return;
    }
    const stack = this.stack;
    for (let k = s; k < e; k++) {
      const c = text.charCodeAt(k);
      const top = stack.length > 0 ? stack[stack.length - 1] : 0;
      if (top === 39) {
        if (c === 39) stack.pop();
      } else if (top === 36) {
        // `$'it\'s'`: ANSI-C quoting, where a backslash escapes a quote.
        if (c === 92) k++;
        else if (c === 39) stack.pop();
      } else if (top === 34 || top === 96) {
        // In a double-quoted string or backticks: `$(…)` opens a command, whose quotes nest.
        if (c === 92) k++;
        else if (c === top) stack.pop();
        else if (c === 36 && text.charCodeAt(k + 1) === 40) {
          stack.push(40);
          k++;
        } else if (top === 34 && c === 96) stack.push(96);
      } else if (c === 92) k++;
      else if (c === 36 && text.charCodeAt(k + 1) === 39) {
        stack.push(36);
        k++;
      } else if (c === 39 || c === 34 || c === 96 || c === 40) stack.push(c);
      else if (c === 41) {
        // (A case pattern's `)` closes nothing that is open.)
        if (top === 40) stack.pop();
      } else if (c === 35 && (k === s || text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) break;
      else if (c === 60 && text.charCodeAt(k + 1) === 60 && text.charCodeAt(k + 2) !== 60) {
        const m = /^<<-?\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(text.slice(k, Math.min(e, k + 80)));
        if (m && this.heredocs.length < MAX_OPEN_HEREDOCS) this.heredocs.push(m[2]);
        k++;
      }
      // (A hostile line may open thousands: past a few, the block is taken as open to its end.)
      if (stack.length > MAX_OPEN) {
        stack.length = MAX_OPEN;
      }
    }
  }
}

/** How deep OpenShell follows quotes and parentheses. */
const MAX_OPEN = 64;

/**
 * A Dockerfile's `FROM` starts a stage, whose ENV and ARG start afresh: a block may start there
 * without a blank line before it (a Dockerfile written without any is not one block).
 */
const FROM_LINE = /^from[ \t]/i;

/** Here-documents opened on one line that a block keeps track of (a hostile line may open thousands). */
const MAX_OPEN_HEREDOCS = 16;

/**
 * Shell, Makefiles and Dockerfiles: a block may start at a line that begins in column 0 right
 * after a blank line (or at a Dockerfile's FROM, or in a long run without one: see LONG_LINES),
 * unless that line continues a command (backslash), sits in a here-document or a `define`.
 * Commands never span such a cut, so blocks scan independently (with the state of the blocks
 * before them: see ScanState).
 */
export function chunkLines(text: string, kind: 'shell' | 'makefile' | 'dockerfile'): Chunk[] {
  const chunks: Chunk[] = [];
  const n = text.length;
  let chunkStart = 0;
  let lines = 0;
  let prevBlank = false;
  let prevContinued = false;
  /** The line before: where it starts and ends (before its line break). */
  let prevStart = 0;
  let prevEnd = 0;
  /** What a long block of a script has open where it may be cut (see OpenShell); read only in such blocks. */
  let open: OpenShell | undefined;
  /** The here-documents still open, in the order their bodies follow (`cat <<A; bash <<B`). */
  const heredocs: string[] = [];
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
    if (heredocs.length > 0) {
      if (text.slice(i, e).trim() === heredocs[0]) heredocs.shift();
    } else if (inDefine) {
      if (text.startsWith('endef', i)) inDefine = false;
    } else {
      if (
        (prevBlank || (kind === 'dockerfile' && FROM_LINE.test(text.slice(i, i + 5))) || (lines >= LONG_LINES.value && kind !== 'makefile' && longCut(text, prevStart, prevEnd, i) && (kind !== 'shell' || (open ??= new OpenShell(chunkStart)).closedAt(text, i)))) &&
        !prevContinued &&
        !blank &&
        lines >= MIN_LINES &&
        first !== 32 && first !== 9 && first !== 41 && first !== 125 // not indented, not `)` or `}`
      ) {
        chunks.push({ start: chunkStart, end: i, path: TOP });
        chunkStart = i;
        lines = 0;
        open = undefined;
      }
      if (kind === 'makefile' && text.startsWith('define', i)) inDefine = true;
      // The next `<<` in the file, found once and reused until passed: indexOf per line would be quadratic.
      while (nextMarker >= 0 && nextMarker < i) nextMarker = text.indexOf('<<', nextMarker + 2);
      for (; nextMarker >= 0 && nextMarker < e; nextMarker = text.indexOf('<<', nextMarker + 2)) {
        if (text.charCodeAt(nextMarker + 2) === 60) {
          nextMarker++; // `<<<`, a here-string
          continue;
        }
        const m = /^<<-?\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(text.slice(nextMarker, Math.min(e, nextMarker + 80)));
        if (m && heredocs.length < MAX_OPEN_HEREDOCS) heredocs.push(m[2]);
      }
    }
    // In a Dockerfile, empty and comment lines among continued lines do not end the instruction.
    if (!(kind === 'dockerfile' && prevContinued && (blank || isCommentLine(text, i, e)))) prevContinued = e > i && text.charCodeAt(e - 1) === 92;
    prevBlank = blank;
    prevStart = i;
    prevEnd = e;
    lines++;
    i = nl + 1;
  }
  chunks.push({ start: chunkStart, end: n, path: TOP });
  return chunks;
}

function isCommentLine(text: string, s: number, e: number): boolean {
  let k = s;
  while (k < e && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  return k < e && text.charCodeAt(k) === 35;
}

function isBlank(text: string, s: number, e: number): boolean {
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
