import { YAML_KINDS, type FileKind } from '../lint';
import { isBareArchList, isForeignBuilder, isPathKey, isPlatformMappingPath, platformMappingRole, roleOf, type Role } from '../scanners/mention';
import { parsePlatform, type Spelling } from '../platform/parse';
import { isGoOs } from '../platform/names';
import type { BinaryForm } from '../model/schema';
import { binaryArtifact, K8S_APT, KUBE_PACKAGES, kubeImageName, PACKAGE_MANAGERS, urlKind } from '../scanners/artifacts';
import { MANIFEST_EDIT, PODMAN_PLATFORMED, PROSE_COMMANDS, TERRAFORM_TOOLS, flagVariables, isProse, leftOutName, loopVariableUse, makeRefsAsShell } from '../scanners/shell';
import { PIPED_TO_SHELL, SHELLS } from '../scanners/shellWords';
import { anchoredOsLists, proseKey, ENV_MAP_KEYS, envFlagVariables, executorVariables, fileEnv, flowNames, jobVariables, matrixRoles, mergedAnchors, platformAnchors } from '../scanners/yaml';
import type { GoEnv } from '../scanners/shell';
import { SEPARATOR_VARIABLE } from '../scanners/template';
import { TEXT_DEFINE } from '../scanners/makefile';

/**
 * Where the cursor is, as completion needs it: which kind of value is being typed (a whole
 * platform, a GOOS, a GOARCH), the partial token to replace, and what the context already says
 * (the sibling GOOS of a GOARCH, the spelling of the list's other items).
 */
export type CompletionSite = (
  | { role: 'platform'; start: number; end: number; spelling: Spelling; os?: string }
  | { role: 'os'; start: number; end: number; arches: string[] }
  | { role: 'arch'; start: number; end: number; oses: string[] }
  /** A deb or rpm architecture name: apt `[arch=…]`, `kubelet:arm64`, `kubeadm.aarch64`, a pkgs.k8s.io path. */
  | { role: 'package'; start: number; end: number; format: 'deb' | 'rpm' }
) & {
  /** The items of the list written before the cursor: not offered again. */
  present?: string[];
  /**
   * The list is an argument of a make function (`$(if c,linux/‸,linux/amd64)`): the items after
   * the cursor end at its next comma or closing bracket, another argument's.
   */
  inArgument?: boolean;
  /** The value is an item of a YAML flow sequence written over lines (`platforms: [` above it): the items below it are the list's too. */
  flowLines?: boolean;
  /** An os or arch segment of a release URL or archive name, or the platform of a Kubernetes image pulled: only what the release publishes. */
  published?: Published;
};

/**
 * What a release URL or archive name being typed downloads: a binary (`name` when the URL already
 * names one the model knows; otherwise any binary) or a release archive; or the image a
 * `--platform` being typed pulls.
 */
export type Published = { kind: 'binary'; name?: string; form: BinaryForm } | { kind: 'archive'; name: string } | { kind: 'image'; name: string };

/** A line of the document: its text without the line break and where it starts. */
interface Line {
  text: string;
  start: number;
}

/** Lines longer than this are not looked into for completion. */
const MAX_LINE = 1024;

class Lines {
  /**
   * Line starts found so far, walking out from the cursor's line (index ANCHOR): up[k] is where line
   * ANCHOR - k starts, down[k] where line ANCHOR + k does. Lines are only ever found one after the
   * other, so both are dense; lines already read are kept beside them.
   */
  private readonly up: number[] = [];
  private readonly down: number[] = [];
  private readonly upLines: (Line | undefined)[] = [];
  private readonly downLines: (Line | undefined)[] = [];
  private static readonly ANCHOR = 2 ** 30;

  constructor(readonly text: string) {}

  /**
   * The index of the line holding `offset`. Only lines near the cursor are ever looked at, so a
   * completion costs the same at line 10 and at line 100,000.
   */
  indexOf(offset: number): number {
    const s = this.text.lastIndexOf('\n', offset - 1) + 1;
    this.up.length = this.down.length = this.upLines.length = this.downLines.length = 0;
    this.up.push(s);
    this.down.push(s);
    return Lines.ANCHOR;
  }

  /** Where line i starts, or -1 when the document has no such line. */
  private start(i: number): number {
    if (i >= Lines.ANCHOR) {
      const k = i - Lines.ANCHOR;
      const down = this.down;
      while (down.length <= k) {
        const nl = this.text.indexOf('\n', down[down.length - 1]);
        if (nl < 0) return -1;
        down.push(nl + 1);
      }
      return down[k];
    }
    const k = Lines.ANCHOR - i;
    const up = this.up;
    while (up.length <= k) {
      const s = up[up.length - 1];
      if (s === 0) return -1;
      up.push(s < 2 ? 0 : this.text.lastIndexOf('\n', s - 2) + 1);
    }
    return up[k];
  }

  has(i: number): boolean {
    return this.start(i) >= 0;
  }

  /**
   * The nearest line at or above i, not below `floor`, that is neither blank nor a comment and is
   * indented less than `indent` (read from the text, without making the lines between), or undefined.
   */
  outdentedAbove(i: number, indent: number, floor: number): number | undefined {
    const text = this.text;
    for (; i > floor; i--) {
      const s = this.start(i);
      if (s < 0) return undefined;
      let c = s;
      while (c < text.length && (text.charCodeAt(c) === 32 || text.charCodeAt(c) === 9)) c++;
      const ch = text.charCodeAt(c);
      // (Blank: the line break, a CR before it, or the text's end.)
      if (c - s >= indent || c >= text.length || ch === 10 || ch === 13 || ch === 35) continue;
      return i;
    }
    return undefined;
  }

  line(i: number): Line {
    const below = i >= Lines.ANCHOR;
    const k = below ? i - Lines.ANCHOR : Lines.ANCHOR - i;
    const cache = below ? this.downLines : this.upLines;
    const known = cache[k];
    if (known !== undefined) return known;
    const start = this.start(i);
    const nl = this.text.indexOf('\n', start);
    const end = nl < 0 ? this.text.length : nl;
    // Neighbouring lines are read for context only: a long one is cut, which costs no accuracy.
    const cut = Math.min(end, start + MAX_LINE + 1);
    let text = this.text.slice(start, cut);
    if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    const line = { text, start };
    if (start >= 0) {
      while (cache.length < k) cache.push(undefined);
      cache[k] = line;
    }
    return line;
  }
}

const TOKEN_CHAR = /[A-Za-z0-9_./-]/;
const FLAG = /--?(?:[a-z0-9]+-)*(?:[a-z][a-z0-9]*)?(?:platforms?|osarch)\b/gi;
/** `--os` or `--arch` (`--arch=`, `--arch "`) just before the token. */
const OS_ARCH_FLAG = /(?:^|\s)--(override-)?(os|arch)(?:=|\s+)["']?$/;
/** The value of a command's `--os` or `--arch`. */
const OS_ARCH_VALUE = /\s--(override-)?(os|arch)(?:=|\s+)["']?([A-Za-z0-9_]+)/g;
const ASSIGNMENT = /([A-Za-z_][A-Za-z0-9_]*)(\s*)(?:\?|::?|\+|!)?=/g;
const YAML_KEY = /^(\s*(?:-\s+)*)["']?([A-Za-z_][\w./-]*|<<)["']?\s*:(?:\s+(.*))?$/;

/** Whether `prefix` (the line up to the token) ends inside a comment. */
function inComment(prefix: string, kind: FileKind): boolean {
  if (kind === 'dockerfile') return /^\s*#/.test(prefix);
  let quote = '';
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") {
      // An apostrophe inside a word (`don't`) opens nothing.
      if (c === "'" && i > 0 && /\w/.test(prefix[i - 1])) continue;
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(prefix[i - 1]))) return true;
  }
  return false;
}

const COMMAND_PREFIXES: ReadonlySet<string> = new Set(['sudo', 'env', 'exec', 'nohup', 'command', 'time', 'then', 'else', 'elif', 'do', 'if', 'while', 'until', '!', '{', '}']);

/** Whether `prefix` ends inside the arguments of `echo`, `printf` or a logging function. */
function inProseCommand(prefix: string, kind: FileKind): boolean {
  let text = prefix;
  if (YAML_KINDS.has(kind)) text = text.replace(/^\s*(?:-\s+)?["']?[\w.-]+["']?\s*:\s+(?:[|>][-+0-9]*\s*)?/, '');
  else if (kind === 'dockerfile') text = text.replace(/^\s*RUN\s+/i, '');
  else if (kind === 'makefile') text = text.replace(/^\t[@+-]*/, '');
  // The start of the last command outside quotes: after ; & | ( ` or the line's start.
  let start = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      else if (quote === '"' && c === '$' && text[i + 1] === '(') start = i + 2;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\') i++;
    else if (c === ';' || c === '&' || c === '|' || c === '(' || c === '`') start = i + 1;
  }
  const words = text.slice(start).trimStart().split(/\s+/);
  let k = 0;
  while (k < words.length - 1 && (COMMAND_PREFIXES.has(words[k]) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k]))) k++;
  // The command word itself is being typed: not an argument yet.
  return k < words.length - 1 && PROSE_COMMANDS.has(words[k].replace(/^@/, ''));
}

/** How many lines a `\` continued command is followed back. */
const MAX_CONTINUED = 50;

/** How far above the cursor the start of a here-document is looked for, in lines and in characters. */
const HEREDOC_LINES_BACK = 200;
const HEREDOC_CHARS_BACK = 200 * 160;

/** Whether the words before `<<` run a shell that reads its script from stdin, or the rest of the line pipes into one (as the scanner tells). */
function feedsShell(before: string, after: string): boolean {
  const words = before.trim().split(/\s+/);
  while (words.length > 1 && words[words.length - 1].startsWith('-')) words.pop();
  return SHELLS.has(words[words.length - 1].replace(/^.*\//, '')) || PIPED_TO_SHELL.test(after);
}

/** Where the command that `joined[at]` is in starts: after the last `;`, `&`, `|`, backquote or `(` before it. */
function commandStart(joined: string, at: number): number {
  return Math.max(...[';', '&', '|', '`', '('].map((c) => joined.lastIndexOf(c, at))) + 1;
}

/**
 * Whether line `index` is in the body of a here-document (`cat <<EOF` … `EOF`) that is not a
 * script: a Dockerfile `RUN <<EOT` body is one, and is read as shell.
 */
function inHeredoc(lines: Lines, index: number, kind: FileKind): boolean {
  // Most documents have no `<<` near the cursor: one search from the native side says so.
  const here = lines.line(index).start;
  if (!lines.text.slice(Math.max(0, here - HEREDOC_CHARS_BACK), here).includes('<<')) return false;
  const closers = new Set<string>();
  for (let i = index - 1; i >= index - HEREDOC_LINES_BACK && lines.has(i); i--) {
    const t = lines.line(i).text;
    const trimmed = t.trim();
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(trimmed)) closers.add(trimmed);
    const m = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(t);
    if (!m || /^\s*#/.test(t)) continue;
    // CircleCI's `<< parameters.image >>` (also `<< pipeline.parameters.x >>`) is a parameter, no here-document.
    if (/^\.[\w.-]*\s*>>/.test(t.slice(m.index + m[0].length))) continue;
    if (closers.has(m[2])) return false;
    // `bash <<EOF`, `sudo sh -e <<EOF`, `cat <<EOF | sh`: the body is a script, read as shell.
    if (feedsShell(t.slice(0, m.index), t.slice(m.index + m[0].length))) return false;
    if (kind !== 'dockerfile') return true;
    // RUN … <<EOT, the marker maybe on a continuation line of the RUN.
    let first = i;
    while (lines.has(first - 1) && /\\\s*$/.test(lines.line(first - 1).text)) first--;
    return !/^\s*RUN\b/i.test(lines.line(first).text);
  }
  return false;
}

/**
 * The text between a value's start and the token: complete items and separators only, so the
 * token is the next item of the list. Returns the items already written, or undefined when the
 * token is not an item of this value.
 */
function listItems(before: string, spaces: boolean): string[] | undefined {
  // An escaped quote is the quote it stands for in the script of `sh -c "GOARCH=\"|\""`.
  const m = /^(?:\\(?=["']))?(["'[(]?)\s*(.*)$/s.exec(before);
  if (!m) return undefined;
  const open = m[1];
  const quoted = open === '"' || open === "'";
  // A YAML flow list, or a shell array (`PLATFORMS=(linux/amd64 |`): words up to the closing bracket.
  const flow = open === '[' || open === '(';
  if (quoted && m[2].includes(open)) return undefined;
  if (open === '(' && m[2].includes(')')) return undefined;
  // Unquoted shell words end at a space (`--platform linux/amd64 next-arg`); a comma list may not.
  let rest = quoted || flow || spaces ? m[2] : m[2].replace(/,\s+/g, ',');
  // The literal default of `${PLATFORMS:-linux/amd64,|`: a list of its own, one word to the shell
  // (`P=${P:-linux/amd64 |`), quoted or not (`${P:-"linux/amd64 |`).
  const fallback = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?[-=]/.exec(rest);
  const inDefault = fallback !== null && !rest.includes('}');
  if (inDefault) {
    rest = rest.slice(fallback[0].length);
    if (rest[0] === '"' || rest[0] === "'") {
      if (rest.includes(rest[0], 1)) return undefined;
      rest = rest.slice(1);
    }
  }
  if (rest === '') return [];
  if (!quoted && !flow && !spaces && !inDefault && /\s/.test(rest)) return undefined;
  const separators = flow ? /[\s,"']/ : quoted || spaces || inDefault ? /[\s,]/ : /,/;
  if (!separators.test(rest[rest.length - 1])) return undefined;
  // Items a template makes (`$(PLATFORMS),linux/|`, `"$BASE linux/|`) are no literal items: they
  // are left out, as the checks leave them out. A template still open is no list to complete in.
  if (/[$`{}()]/.test(rest)) {
    rest = withoutTemplates(rest);
    if (/[$`{}()]/.test(rest)) return undefined;
  }
  return rest.split(/[\s,"'[\]]+/).filter((s) => s !== '' && !s.includes(TEMPLATED));
}

/** What stands for a template in the items of listItems: a character no item holds. */
const TEMPLATED = '\u0000';

/** A template with no template inside: `${{ x }}`, `{{ .Os }}`, `$(X)`, `${X}`, `` `cmd` ``, `$X`, `$$x`, a recipe's `$$(cmd)`. */
const INNERMOST_TEMPLATE = /\$?\{\{[^{}\n]*\}\}|\$+\([^$`()]*\)|\$+\{[^$`{}]*\}|`[^`]*`|\$+[A-Za-z_][A-Za-z0-9_]*|\$+[0-9@*#?!$-]/g;

/** `text` with every closed template made TEMPLATED, inner ones first (`${A:-$(b)}`); at most 8 deep. */
function withoutTemplates(text: string): string {
  for (let k = 0; k < 8; k++) {
    const next = text.replace(INNERMOST_TEMPLATE, TEMPLATED);
    if (next === text) break;
    text = next;
  }
  return text;
}

/**
 * `read … NAME <<< "…`, `mapfile -t NAME <<< …`: the variable the last here-string of `joined` fills
 * (the word before it) and where its text starts. Scanned by hand: a regex over `read read read …`
 * backtracked.
 */
function hereStringTarget(joined: string): { name: string; from: number } | undefined {
  const at = joined.lastIndexOf('<<<');
  if (at < 0) return undefined;
  let from = at + 3;
  while (joined[from] === ' ' || joined[from] === '\t') from++;
  let e = at;
  while (e > 0 && (joined[e - 1] === ' ' || joined[e - 1] === '\t')) e--;
  let s = e;
  while (s > 0 && /[A-Za-z0-9_]/.test(joined[s - 1])) s--;
  const name = joined.slice(s, e);
  if (!/^[A-Za-z_]/.test(name)) return undefined;
  const command = Math.max(...[';', '&', '|', '(', '\n'].map((c) => joined.lastIndexOf(c, s - 1))) + 1;
  const words = joined.slice(command, s).split(/\s+/).filter((w) => w !== '' && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  return words.length > 0 && (words[0] === 'read' || words[0] === 'mapfile' || words[0] === 'readarray') ? { name, from } : undefined;
}

/** The spelling the other items of a list use, so a new item matches them. */
function spellingOf(items: string[], fallback: Spelling): Spelling {
  for (const item of items) {
    const p = parsePlatform(item, 'strict');
    if (p && p.spelling !== 'pair' && p.spelling !== 'package') return p.spelling;
  }
  return fallback;
}

function names(value: string): string[] {
  return value
    .replace(/#.*$/, '')
    .split(/[\s,"'[\]]+/)
    .map((s) => s.toLowerCase())
    .filter((s) => /^[a-z0-9]+$/.test(s));
}

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

/**
 * GOOS and GOARCH values written on the same command (the line and its `\` continuations): what
 * completion pairs a value with where the scanner makes none of it (see Partners), as before a
 * template (`GOOS=‸${TARGETOS}`).
 */
function commandValues(lines: Lines, index: number, name: 'os' | 'arch'): string[] {
  let first = index;
  while (lines.has(first - 1) && /\\$/.test(lines.line(first - 1).text)) first--;
  let last = index;
  while (lines.has(last + 1) && /\\$/.test(lines.line(last).text)) last++;
  const out: string[] = [];
  // `GOOS= GOARCH=arm64`: an empty value is not followed by the next assignment's name.
  const re = /(?:^|[\s;(&|`"'])(?:export\s+|ENV\s+|ARG\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:\?|:|\+)?=[ \t]*["']?([A-Za-z0-9]+)\b(?![\w]*\s*[?:+]?=)/g;
  for (let i = first; i <= last; i++) {
    for (const m of lines.line(i).text.matchAll(re)) if (roleOf(m[1]) === name) out.push(m[2].toLowerCase());
  }
  return out;
}

/** `define NAME` (with make's modifiers before it) and `endef`. */
const DEFINE_LINE = /^\s*(?:(?:export|override|private)\s+)*define\s+([A-Za-z_][A-Za-z0-9_.-]*)/;
const ENDEF_LINE = /^\s*endef\b/;

/** The name of the make `define` whose body holds line `index`, if any. */
function enclosingDefine(lines: Lines, index: number): string | undefined {
  for (let i = index - 1; i >= 0 && i > index - MAX_BLOCK_LINES && lines.has(i); i--) {
    const t = lines.line(i).text;
    if (ENDEF_LINE.test(t)) return undefined;
    const d = DEFINE_LINE.exec(t);
    if (d) return d[1];
  }
  return undefined;
}

/** The value of an assignment whose quote is still open at the cursor: `MSG="GOOS=linux GOARCH=`. */
const OPEN_QUOTED_ASSIGNMENT = /(?:^|[\s;&|(])([A-Za-z_][A-Za-z0-9_]*)\+?=(["'(])([^"')]*)$/;

/**
 * The items of the other lines of the `define X_PLATFORMS` body the line at `index` is in (`name`,
 * found by enclosingDefine: a platform list's, a name roleOf reads as one), or undefined when it
 * is in none.
 */
function defineBody(lines: Lines, index: number, name: string | undefined): string[] | undefined {
  if (name === undefined || roleOf(name) !== 'platform' || TEXT_DEFINE.test(name)) return undefined;
  const items: string[] = [];
  const add = (t: string) => {
    // (A line that sets GOOS or GOARCH is a command, no item: the scanner ends the list there.)
    if (!/\bGO(?:OS|ARCH)=/.test(t)) for (const w of t.split(/[\s,]+/)) if (w !== '') items.push(w);
  };
  // (The body's lines above, up to the define's line, which enclosingDefine found.)
  for (let i = index - 1; lines.has(i) && !DEFINE_LINE.test(lines.line(i).text); i--) add(lines.line(i).text);
  for (let i = index + 1; i < index + MAX_BLOCK_LINES && lines.has(i); i++) {
    const t = lines.line(i).text;
    if (ENDEF_LINE.test(t)) return items;
    if (DEFINE_LINE.test(t)) return undefined;
    add(t);
  }
  return items;
}

/** The key column of a YAML line (`  - goos: x` has it at 4), or -1 when the line holds no key. */
function keyColumn(text: string): { col: number; key: string; value: string } | undefined {
  const m = YAML_KEY.exec(text);
  if (!m) return undefined;
  // An anchor or a standard tag before the value is no part of it: `goarch: &arches [amd64, |`.
  const value = m[3] === undefined ? '' : m[3].charCodeAt(0) === 38 /* & */ || m[3].startsWith('!!') ? m[3].replace(NODE_PROPERTIES, '') : m[3];
  return { col: m[1].length, key: m[2], value };
}
/** Anchors and standard tags opening a value (`&arches`, `!!str`), with the blanks after them. */
const NODE_PROPERTIES = /^(?:(?:&|!!)[^\s,[\]{}]*(?:[ \t]+|$))+/;

/** A build by another toolchain (`builder: zig`, `rust`): its targets are not Go platforms to offer. */
function foreignBuilder(lines: Lines, index: number, col: number): boolean {
  return isForeignBuilder(siblingValue(lines, index, col, 'builder')?.replace(/["'\s]|#.*$/g, ''));
}

/** Whether the key at column `col` of line `index` is in a platform written as a mapping (isPlatformMappingPath). */
function inPlatformMapping(lines: Lines, index: number, col: number): boolean {
  // The keys above it, nearest last: as many as the rule reads.
  const path: string[] = [];
  for (let at = keyAbove(lines, index, col); at && path.length < 3; at = keyAbove(lines, at.line, at.col)) path.unshift(at.key);
  return isPlatformMappingPath(path);
}

/**
 * The key of the mapping that holds the key at column `col` of line `index` (parentLine) or, when
 * that mapping is an item of a list, the list's own key: `platformCommand:` over `- os: linux` and
 * `arch: |`, as the scanner's path has it.
 */
function keyAbove(lines: Lines, index: number, col: number): { line: number; col: number; key: string } | undefined {
  const parent = parentLine(lines, index, col);
  if (parent) return parent;
  let dash = -1;
  for (let i = index; i >= 0 && index - i <= SIBLING_LINES && lines.has(i); i--) {
    const t = lines.line(i).text;
    if (t.trim() === '' || /^\s*#/.test(t)) continue;
    const indent = indentOf(t);
    if (dash < 0) {
      // The item this key is in (or one above it in the same list): `- key:` with the key at col.
      const item = indent < col && t.charCodeAt(indent) === 45 /* - */ && keyColumn(t)?.col === col;
      if (item) dash = indent;
      else if (i !== index && indent < col) return undefined;
      continue;
    }
    // Lines of the items above, and their dashes, until the list's key (which may sit at the dashes' column).
    if (indent > dash || (indent === dash && t.charCodeAt(indent) === 45)) continue;
    const k = keyColumn(t);
    return k && k.col <= dash && k.value.trim() === '' ? { line: i, col: k.col, key: k.key } : undefined;
  }
  return undefined;
}

/** The role of a YAML key: its own (goarch), or as a key of a platform mapping (arch). */
function yamlRole(lines: Lines, index: number, col: number, key: string): Role | undefined {
  const own = roleOf(key);
  if (own || !platformMappingRole(key)) return own;
  return inPlatformMapping(lines, index, col) ? platformMappingRole(key) : undefined;
}

/** Values of the sibling keys of the YAML mapping that holds the key on line `index`. */
function siblingValues(lines: Lines, index: number, col: number, name: 'os' | 'arch'): string[] {
  const out: string[] = [];
  // Whether the mapping is a `platform:` one: asked only when a sibling is named os or arch.
  let mapping: boolean | undefined;
  const inPlatform = () => (mapping ??= inPlatformMapping(lines, index, col));
  const read = (i: number): boolean => {
    const line = lines.line(i);
    const t = line.text;
    if (t.trim() === '' || /^\s*#/.test(t)) return true;
    const indent = indentOf(t);
    const k = keyColumn(t);
    // `- GOOS: freebsd` below opens the next item of a list of mappings (a GitLab matrix): not a
    // sibling. Above, it opens this mapping's own item: read, then no further.
    const opensItem = k !== undefined && k.col === col && /^\s*-\s/.test(t);
    if (opensItem && i > index) return false;
    if (k && k.col === col) {
      const own = roleOf(k.key);
      const mapped = own === undefined ? platformMappingRole(k.key) : undefined;
      if ((own ?? (mapped && inPlatform() ? mapped : undefined)) === name) {
        // `goos: *oses`: the anchored list's names (`x-oses: &oses [windows]`), as the scanner reads them.
        const alias = /^\*([^\s,[\]{}]+)\s*(?:#.*)?$/.exec(k.value.trim());
        if (alias) out.push(...(anchoredOsLists(lines.text, platformAnchors(lines.text), name)?.get(alias[1]) ?? []));
        else out.push(...names(k.value));
        // A block list under the key.
        for (let j = i + 1; lines.has(j); j++) {
          const item = /^(\s*)-\s+(.*)$/.exec(lines.line(j).text);
          if (!item || item[1].length < col) break;
          out.push(...names(item[2]));
        }
        // An input's or a variable's mapping under it: `goos:` over `default: darwin` (or `value:`).
        if (k.value.trim() === '') {
          for (let j = i + 1; lines.has(j) && j - i <= SIBLING_LINES; j++) {
            const below = lines.line(j).text;
            if (below.trim() === '' || /^\s*#/.test(below)) continue;
            if (indentOf(below) <= col) break;
            const v = keyColumn(below);
            if (v && (v.key === 'default' || v.key === 'value')) {
              out.push(...names(v.value));
              break;
            }
          }
        }
      }
      return indent === col && !opensItem;
    }
    return indent > col;
  };
  // The key's own line may open its item: then nothing above it is a sibling.
  const ownLine = lines.line(index).text;
  const ownItem = /^\s*-\s/.test(ownLine) && keyColumn(ownLine)?.col === col;
  for (let i = index - 1; !ownItem && lines.has(i) && read(i); i--);
  for (let i = index + 1; lines.has(i) && read(i); i++);
  return out;
}

/**
 * siblingValues, and in an environment map that sets no GOOS (or GOARCH), the one of the
 * environments around it (a step's env in its job's), then of the file's top-level environment,
 * which a job inherits (`variables: {GOOS: darwin}` of GitLab).
 */
function envValues(lines: Lines, index: number, col: number, name: 'os' | 'arch'): string[] {
  const own = siblingValues(lines, index, col, name);
  if (own.length > 0) return own;
  // `<<: *win` beside the key: the anchored mapping's.
  const merge = siblingValue(lines, index, col, '<<');
  // An inline one (`<<: {goos: [windows]}`): its names.
  const inline = merge?.trim().startsWith('{') ? flowNames(merge.trim().replace(/^\{|\}$/g, '')) : undefined;
  const given = name === 'os' ? inline?.oses : inline?.arches;
  if (given) return [...given];
  if (merge !== undefined) {
    const merges = mergedAnchors(lines.text);
    for (const alias of merge.matchAll(/\*([^\s,\]]+)/g)) {
      const names = merges?.get(alias[1]);
      const merged = name === 'os' ? names?.oses : names?.arches;
      if (merged) return [...merged];
    }
  }
  const parent = col === 0 ? undefined : parentLine(lines, index, col);
  // Not an environment map (an Azure matrix leg, whose keys are variables too): the environment around it.
  if (!parent || !ENV_MAP_KEYS.has(parent.key)) return yamlEnvInForce(lines, index, name);
  const pick = (env: GoEnv | undefined) => (name === 'os' ? env?.osName : env?.archName);
  // A GitLab job's variables: the jobs it extends (the last that sets it), then the file's.
  const ext = parent.col > 0 ? siblingValue(lines, parent.line, parent.col, 'extends') : undefined;
  const extended = ext !== undefined ? extendedValue(lines, ext, name) : undefined;
  if (extended) return [extended];
  const executor = parent.col > 0 ? executorValue(lines, parent.line, parent.col, name) : undefined;
  if (executor) return [executor];
  // A step's env: the job's around it (then the workflow's), as the scanner pairs them.
  const around = yamlEnvInForce(lines, parent.line, name);
  if (around.length > 0) return around;
  const inherited = pick(fileEnv(lines.text));
  return inherited ? [inherited] : own;
}

/** The line and key of the mapping that holds the key at column `col` of line `index`. */
function parentLine(lines: Lines, index: number, col: number): { line: number; col: number; key: string } | undefined {
  for (let i = index - 1; i >= 0 && index - i <= SIBLING_LINES && lines.has(i); i--) {
    const t = lines.line(i).text;
    if (t.trim() === '' || /^\s*#/.test(t)) continue;
    const k = keyColumn(t);
    if (k && k.col < col) return k.value.trim() === '' ? { line: i, col: k.col, key: k.key } : undefined;
    if (indentOf(t) < col) return undefined;
  }
  return undefined;
}

/** Splits a flow collection's text at its own commas (not those of a list or mapping inside it, nor of a quoted string). */
function flowEntries(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      // (A string left open runs to the end: the value being typed, `{platforms: "linux/amd64,li`.)
      const close = c === '"' ? closingQuote(text, i) : text.indexOf("'", i + 1);
      if (close < 0) break;
      i = close;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(from, i));
      from = i + 1;
    }
  }
  out.push(text.slice(from));
  return out;
}

const FLOW_ENTRY = /^\s*["']?([A-Za-z_][\w.-]*)["']?\s*:\s+(.*)$/s;

/** Where the double-quoted string opened at text[at] closes (a backslash escapes), or -1. */
function closingQuote(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

/**
 * The platform-ish key whose value is typed after `prefix` inside a flow mapping of the line
 * (`- { goos: windows, goarch: |`, `env: { GOOS: linux, GOARCH: |}`): its role, the value typed
 * so far, and the names its sibling keys hold.
 */
function flowMappingKey(text: string, prefix: string): { role: Role | undefined; key: string; value: string; siblings: (name: 'os' | 'arch') => string[]; entry: (key: string) => string | undefined } | undefined {
  const open = prefix.lastIndexOf('{');
  if (open < 0 || prefix.indexOf('}', open) >= 0 || /["']/.test(prefix.slice(0, open).replace(/"[^"]*"|'[^']*'/g, ''))) return undefined;
  const entries = flowEntries(prefix.slice(open + 1));
  const own = FLOW_ENTRY.exec(entries[entries.length - 1]);
  if (!own) return undefined;
  // `platform: { os: linux, architecture: | }`: the keys of a platform mapping.
  const inPlatform = /(?:^|[\s{,])["']?platform["']?\s*:\s*$/i.test(prefix.slice(0, open));
  const roleOfKey = (key: string) => roleOf(key) ?? (inPlatform ? platformMappingRole(key) : undefined);
  const role = roleOfKey(own[1]);
  const close = text.indexOf('}', prefix.length);
  const all = flowEntries(text.slice(open + 1, close < 0 ? text.length : close));
  const siblings = (name: 'os' | 'arch') => {
    const out: string[] = [];
    for (const entry of all) {
      const m = FLOW_ENTRY.exec(entry);
      if (m && roleOfKey(m[1]) === name) out.push(...names(m[2]));
    }
    return out;
  };
  const entry = (key: string) => {
    for (const e of all) {
      const m = FLOW_ENTRY.exec(e);
      if (m && m[1] === key) return m[2];
    }
    return undefined;
  };
  return { role, key: own[1], value: own[2], siblings, entry };
}

/** How far from a key its siblings are looked for (nested lines between them included). */
const SIBLING_LINES = 1000;

/**
 * The value of `key` in the YAML mapping that holds the key on line `index` (at column `col`):
 * `name:` beside `value:` in a name/value list, `uses:` beside `with:` in a step. The mapping is
 * read up to the `- ` that opens its list item and down to the next item.
 */
function siblingValue(lines: Lines, index: number, col: number, key: string): string | undefined {
  const at = siblingLine(lines, index, col, (k) => k === key);
  return at === undefined ? undefined : keyColumn(lines.line(at).text)?.value;
}

/** The line of the first sibling key (as siblingValue reads them) that `wanted` takes. */
function siblingLine(lines: Lines, index: number, col: number, wanted: (key: string) => boolean): number | undefined {
  const item = /^\s*-\s/;
  const skipped = (t: string) => t.trim() === '' || /^\s*#/.test(t) || indentOf(t) > col;
  if (!item.test(lines.line(index).text)) {
    for (let i = index - 1; lines.has(i) && i > index - SIBLING_LINES; i--) {
      const t = lines.line(i).text;
      if (skipped(t)) continue;
      const k = keyColumn(t);
      if (k?.col !== col) break;
      if (wanted(k.key)) return i;
      if (item.test(t)) break;
    }
  }
  for (let i = index + 1; lines.has(i) && i < index + SIBLING_LINES; i++) {
    const t = lines.line(i).text;
    if (skipped(t)) continue;
    const k = keyColumn(t);
    if (k?.col !== col || item.test(t)) break;
    if (wanted(k.key)) return i;
  }
  return undefined;
}

/**
 * In a YAML script (`run: GOARCH=…`, a `script:` item), the GOOS (or GOARCH) that the environment
 * maps around it set: the step's `env:`, its job's, the file's top-level one; the nearest wins.
 */
function yamlEnvInForce(lines: Lines, index: number, name: 'os' | 'arch'): string[] {
  // The key whose value the script is, on the cursor's line (`- run: GOARCH=…`): its mapping's environment first.
  const own = keyColumn(lines.line(index).text);
  if (own) {
    const env = siblingLine(lines, index, own.col, (key) => ENV_MAP_KEYS.has(key));
    const value = env === undefined ? undefined : envMapValue(lines, env, own.col, name);
    if (value) return [value];
  }
  let col = indentOf(lines.line(index).text);
  for (let i = index - 1, n = 0; lines.has(i) && n < SIBLING_LINES && col > 0; i--, n++) {
    const t = lines.line(i).text;
    if (t.trim() === '' || /^\s*#/.test(t)) continue;
    const k = keyColumn(t);
    if (!k || k.col >= col) continue;
    // A key that holds the script, or one of its ancestors: its mapping's environment, else (a
    // GitLab job) the jobs it extends.
    const env = siblingLine(lines, i, k.col, (key) => ENV_MAP_KEYS.has(key));
    const value = env === undefined ? undefined : envMapValue(lines, env, k.col, name);
    if (value) return [value];
    const ext = k.col > 0 ? siblingValue(lines, i, k.col, 'extends') : undefined;
    const extended = ext !== undefined ? extendedValue(lines, ext, name) : undefined;
    if (extended) return [extended];
    const executor = k.col > 0 ? executorValue(lines, i, k.col, name) : undefined;
    if (executor) return [executor];
    col = Math.min(k.col, indentOf(t));
  }
  return [];
}

/** The GOOS (or GOARCH) that the GitLab jobs named by `extends:` (`ext`, its value) set; the last that sets it wins. */
function extendedValue(lines: Lines, ext: string, name: 'os' | 'arch'): string | undefined {
  const jobs = jobVariables(lines.text);
  const named = ext.replace(/#.*$/, '').replace(/[[\]"']/g, '').split(',').map((x) => x.trim()).filter((x) => x !== '');
  for (let k = named.length - 1; k >= 0; k--) {
    const env = jobs.get(named[k]);
    const found = name === 'os' ? env?.osName : env?.archName;
    if (found) return found;
  }
  return undefined;
}

/**
 * The GOOS (or GOARCH) of the CircleCI executor that the mapping of the key at column `col` of
 * line `index` names (`executor: mac`, or `name: mac` under `executor:`).
 */
function executorValue(lines: Lines, index: number, col: number, name: 'os' | 'arch'): string | undefined {
  const at = siblingLine(lines, index, col, (k) => k === 'executor');
  if (at === undefined) return undefined;
  const bare = (v: string | undefined) => (v ?? '').replace(/#.*$/, '').trim().replace(/^["']|["']$/g, '');
  let executor = bare(keyColumn(lines.line(at).text)?.value);
  if (executor === '') {
    const first = lines.has(at + 1) ? keyColumn(lines.line(at + 1).text) : undefined;
    const named = first && first.col > col ? (first.key === 'name' ? first.value : siblingValue(lines, at + 1, first.col, 'name')) : undefined;
    executor = bare(named);
  }
  const env = executor === '' ? undefined : executorVariables(lines.text)?.get(executor);
  return name === 'os' ? env?.osName : env?.archName;
}

/**
 * In a list of name/value items (`- name: GOOS` over `value: windows`; Azure variables, a
 * container's env), for the `value:` at column `col` of line `index`: the value of the list's
 * item named GOOS (or GOARCH).
 */
function listedValue(lines: Lines, index: number, col: number, name: 'os' | 'arch'): string[] {
  // The dash that opens this item, then the key that holds the list (at the dash's column or left of it).
  let dashLine = -1;
  for (let i = index; lines.has(i) && index - i < SIBLING_LINES; i--) {
    const t = lines.line(i).text;
    if (/^\s*-\s/.test(t) && keyColumn(t)?.col === col) {
      dashLine = i;
      break;
    }
    if (t.trim() !== '' && indentOf(t) < col) return [];
  }
  if (dashLine < 0) return [];
  const dash = indentOf(lines.line(dashLine).text);
  for (let i = dashLine - 1; lines.has(i) && dashLine - i < SIBLING_LINES; i--) {
    const t = lines.line(i).text;
    if (t.trim() === '' || /^\s*#/.test(t) || indentOf(t) > dash || (indentOf(t) === dash && /^\s*-\s/.test(t))) continue;
    const k = keyColumn(t);
    const value = k && k.col <= dash ? envMapValue(lines, i, k.col, name) : undefined;
    return value ? [value] : [];
  }
  return [];
}

/**
 * The literal GOOS (or GOARCH) of the block environment map whose key is on line `at` (at column
 * `col`), or of its list of name/value items (whose dashes may stand at the key's column).
 */
function envMapValue(lines: Lines, at: number, col: number, name: 'os' | 'arch'): string | undefined {
  const written = keyColumn(lines.line(at).text)?.value.replace(/#.*$/, '').trim() ?? '';
  // A flow mapping on the key's line: `env: {GOOS: windows, CGO_ENABLED: "0"}`.
  if (written.startsWith('{')) return FLOW_ENV[name].exec(written)?.[1];
  if (written !== '') return undefined;
  let childCol = -1;
  for (let i = at + 1; lines.has(i) && i < at + SIBLING_LINES; i++) {
    const t = lines.line(i).text;
    if (t.trim() === '' || /^\s*#/.test(t)) continue;
    if (indentOf(t) < col || (indentOf(t) === col && !/^\s*-\s/.test(t))) break;
    const k = keyColumn(t);
    if (!k) continue;
    if (childCol < 0) childCol = k.col;
    if (k.col !== childCol) continue;
    // Azure's list form: `- name: GOOS` over `value: windows`.
    const listed = k.key === 'name' && /^\s*-\s/.test(t) ? k.value.replace(/["'\s]|#.*$/g, '') : undefined;
    const value = listed !== undefined ? (listed === (name === 'os' ? 'GOOS' : 'GOARCH') ? siblingValue(lines, i, k.col, 'value') : undefined) : roleOf(k.key) === name && (k.key === 'GOOS' || k.key === 'GOARCH') ? k.value : undefined;
    if (value === undefined) continue;
    const v = /^["']?([a-z0-9]+)["']?\s*(?:#.*)?$/.exec(value.trim());
    return v?.[1];
  }
  return undefined;
}

/** GOOS (GOARCH) with a literal value in a flow mapping. */
const FLOW_ENV = { os: /[{,][ \t]*["']?GOOS["']?[ \t]*:[ \t]*["']?([a-z0-9]+)["']?[ \t]*[,}]/, arch: /[{,][ \t]*["']?GOARCH["']?[ \t]*:[ \t]*["']?([a-z0-9]+)["']?[ \t]*[,}]/ };

/**
 * A completion site. The os and arch in force may be given as functions: they are read only for
 * the role that needs them (the arches of an os site, the oses of an arch site), since finding
 * them walks the lines around the cursor.
 */
function site(
  role: 'platform' | 'os' | 'arch',
  start: number,
  end: number,
  extra: { spelling: Spelling; os?: string[] | (() => string[]); arch?: string[] | (() => string[]); present?: string[] },
): CompletionSite {
  const present = extra.present ? { present: extra.present } : {};
  const read = (v: string[] | (() => string[]) | undefined) => (typeof v === 'function' ? v() : (v ?? []));
  if (role === 'os') return { role, start, end, arches: read(extra.arch), ...present };
  if (role === 'arch') return { role, start, end, oses: read(extra.os), ...present };
  return { role, start, end, spelling: extra.spelling, ...present };
}

/**
 * In an expression left open on the line (`${{ … ` before the token): the text of the string being
 * written when the expression may evaluate to it (it starts the expression, or follows `&&`, `||`
 * or a parenthesis), null elsewhere in the expression; undefined outside any.
 */
function expressionString(prefix: string): string | null | undefined {
  const open = prefix.lastIndexOf('${{');
  if (open < 0 || prefix.includes('}}', open)) return undefined;
  let quote = -1;
  for (let k = open + 3; k < prefix.length; k++) if (prefix.charCodeAt(k) === 39 /* ' */) quote = quote < 0 ? k : -1;
  if (quote < 0) return null;
  // What comes before the string, blanks and parentheses left out (a loop: a regular expression anchored at the end backtracks).
  let b = quote;
  while (b > open + 3 && (prefix[b - 1] === '(' || /\s/.test(prefix[b - 1]))) b--;
  const before = prefix.slice(open + 3, b);
  return before === '' || before.endsWith('&&') || before.endsWith('||') ? prefix.slice(quote + 1) : null;
}

/** A `--platform` flag (or its `=`) right before an expression. */
const FLAG_BEFORE_EXPRESSION = /(?:^|[\s"'[,])--platforms?(?:=|\s+)["']?$/;

/** A string an expression may evaluate to, as the value of the YAML key the line holds (or of a `--platform` flag before it). */
function expressionSite(lines: Lines, index: number, prefix: string, written: string, start: number, end: number, typed: string): CompletionSite | undefined {
  // The value of a `--platform` flag in a script (`run: docker buildx build --platform ${{ … }}`).
  if (FLAG_BEFORE_EXPRESSION.test(prefix.slice(0, prefix.lastIndexOf('${{')))) {
    const items = listItems(written, true);
    return items ? withOs({ role: 'platform', start, end, spelling: spellingOf(items, 'slash'), present: items }, typed) : undefined;
  }
  const k = keyColumn(prefix);
  const role = k ? yamlRole(lines, index, k.col, k.key) : undefined;
  const items = listItems(written, true);
  if (!k || !role || role === 'variant' || !items || !platformBeingWritten(k.key, typed, items)) return undefined;
  return withOs(
    site(role, start, end, {
      spelling: spellingOf(items, 'slash'),
      os: () => envValues(lines, index, k.col, 'os'),
      arch: () => envValues(lines, index, k.col, 'arch'),
      present: items,
    }),
    typed,
  );
}

/** A make function whose arguments are values it may become (as the scanner reads them), and its arguments before the first value. */
const MAKE_CHOICES: Readonly<Record<string, number>> = { if: 1, or: 0, and: 0, subst: 2, strip: 0, sort: 0, firstword: 0, lastword: 0 };
const MAKE_FUNCTION = /^(\w+)[ \t]+/;
/** A reference to a variable (`$(comma)`, `${space}`): one that SEPARATOR_VARIABLE names stands for its separator. */
const MAKE_REFERENCE = /\$[({]([^(){}$]*)[)}]/g;

/**
 * A make value written up to the token (`$(if $(CI),linux/amd64,` …): the list the token is an item
 * of, that of the innermost function left open when it is one of MAKE_CHOICES (its argument being
 * written, `inFunction`), with `$(comma)` and `$(space)` read as what they stand for. Undefined
 * in the arguments of another function.
 */
function makeBranch(value: string): { text: string; inFunction: boolean } | undefined {
  const text = value.replace(MAKE_REFERENCE, (m, name: string) => (!SEPARATOR_VARIABLE.test(name) ? m : /^(comma|COMMA|,)$/.test(name) ? ',' : ' '));
  const opens: number[] = [];
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (c === '$' && (text[k + 1] === '(' || text[k + 1] === '{')) opens.push(k++);
    else if ((c === ')' || c === '}') && opens.length > 0) opens.pop();
  }
  if (opens.length === 0) return { text, inFunction: false };
  const at = opens[opens.length - 1] + 2;
  const fn = MAKE_FUNCTION.exec(text.slice(at));
  const skip = fn ? MAKE_CHOICES[fn[1]] : undefined;
  if (!fn || skip === undefined) return undefined;
  // The commas of this call (not those of a call inside it).
  const commas: number[] = [];
  let depth = 0;
  for (let k = at + fn[0].length; k < text.length; k++) {
    const c = text[k];
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    else if (c === ',' && depth === 0) commas.push(k);
  }
  if (commas.length < skip) return undefined;
  // `if` chooses its second argument or the rest, `subst` makes its third; `or` and `and` each argument.
  const last = fn[1] === 'or' || fn[1] === 'and' ? commas.length : Math.min(commas.length, skip === 0 ? 0 : 2);
  const from = last > 0 ? commas[last - 1] + 1 : at + fn[0].length;
  return { text: text.slice(from), inFunction: true };
}

/** What stands before the `-` of a shell default, `${NAME:-…}` or `${NAME-…}`. */
const DEFAULT_OPERATOR = /\$\{[A-Za-z_][A-Za-z0-9_]*:?$/;

/**
 * What the scanner pairs with a GOOS (or GOARCH) value written at text[start, end): the other
 * side's values, [] for none; undefined where it makes no pair (see lint.ts partnersAt). With
 * `value`, what it pairs that value with, where that differs by value (see lint.ts partnersOf).
 */
export type Partners = (start: number, end: number, role: 'os' | 'arch', value?: string) => string[] | undefined;

/**
 * Finds the completion site at `offset`, or undefined where no platform value is being typed.
 * With `partners`, a GOOS or GOARCH assignment's other side is what the scanner pairs it with, as
 * diagnostics judge it; without, or where the scanner makes no pair, it is read from the text.
 */
export function completionSite(text: string, kind: FileKind, offset: number, partners?: Partners): CompletionSite | undefined {
  const lines = new Lines(text);
  const index = lines.indexOf(offset);
  const line = lines.line(index);
  // Nobody types a platform on a line this long; its regexes need not run over it.
  if (line.text.length > MAX_LINE) return undefined;
  const col = Math.min(offset - line.start, line.text.length);
  let s = col;
  let e = col;
  while (s > 0 && TOKEN_CHAR.test(line.text[s - 1])) s--;
  while (e < line.text.length && TOKEN_CHAR.test(line.text[e])) e++;
  // `${PLATFORMS:-linux/|`: the default starts after the operator's dash.
  if (s < col && line.text[s] === '-' && DEFAULT_OPERATOR.test(line.text.slice(Math.max(0, s - 80), s))) s++;
  const start = line.start + s;
  const end = line.start + e;
  const prefix = line.text.slice(0, s);
  const typed = line.text.slice(s, col);
  if (inComment(prefix, kind)) return undefined;
  const yaml = YAML_KINDS.has(kind);
  // A step's `name:`, an input's `description:`: prose, which the scanner does not read (QA 261 B2).
  if (yaml && inProseValue(lines, index, prefix)) return undefined;
  // A command or value continued with `\` (a Makefile list, a buildx command over lines): its
  // flags and assignments are read on the lines joined, as the shell and make read them.
  let first = index;
  while (first > index - MAX_CONTINUED && lines.has(first - 1) && /\\$/.test(lines.line(first - 1).text)) first--;
  let joined = prefix;
  for (let i = index - 1; i >= first; i--) joined = `${lines.line(i).text.slice(0, -1)} ${joined}`;
  const firstLine = first === index ? line.text : lines.line(first).text;
  // A script in YAML builds with the environment set around it when its own command sets nothing.
  const inForce = (own: string[], name: 'os' | 'arch') => (own.length > 0 || !yaml ? own : yamlEnvInForce(lines, index, name));
  // The other side of a GOOS or GOARCH value being written here, as the scanner pairs it.
  const paired = (role: Role, name: 'os' | 'arch', read: () => string[]) => () => ((role === 'os' || role === 'arch') && role !== name ? partners?.(start, end, role) : undefined) ?? read();

  const download = downloadSite(line, col) ?? packageSite(line, col, joined.slice(0, joined.length - prefix.length));
  if (download) return download;
  // Inside a GitHub expression only a string it may evaluate to is a value being written.
  const result = yaml ? expressionString(prefix) : undefined;
  if (result !== undefined) return result === null ? undefined : expressionSite(lines, index, prefix, result, start, end, typed);
  // Echo text and here-document text are prose (URLs and archive names aside, above).
  if (inProseCommand(joined, kind) || inHeredoc(lines, first, kind)) return undefined;
  // So is the value of a variable named for text (`MSG="… GOARCH=|"`), and one named for what is
  // not built is a guard list (`removed_platforms=(linux/|)`): the scanner reads neither.
  const outer = OPEN_QUOTED_ASSIGNMENT.exec(joined);
  if (outer && (leftOutName(outer[1]) || isProse(outer[1], outer[3]))) return undefined;
  const defined = kind === 'makefile' ? enclosingDefine(lines, index) : undefined;
  if (defined !== undefined && (TEXT_DEFINE.test(defined) || isProse(defined, '') || leftOutName(defined))) return undefined;

  // --platform=…, --platform …, ["--platform", "…"], -osarch="…"
  let flagEnd = -1;
  for (const m of joined.matchAll(FLAG)) {
    const before = m.index === 0 ? '' : joined[m.index - 1];
    if (before === '' || /[\s"'[,(]/.test(before)) flagEnd = m.index + m[0].length;
  }
  if (flagEnd >= 0) {
    const sep = /^(=|\s+|["']\s*,\s*|\s*,\s*)(.*)$/s.exec(joined.slice(flagEnd));
    const value = sep && kind === 'makefile' ? makeBranch(sep[2]) : sep ? { text: sep[2], inFunction: false } : undefined;
    const items = value ? listItems(value.text, value.inFunction) : undefined;
    // Terraform's -platform takes its own spelling: `terraform providers lock -platform=linux_amd64`.
    const command = joined.slice(commandStart(joined, flagEnd)).trim().split(/\s+/)[0] ?? '';
    const spelling = TERRAFORM_TOOLS.has(command.replace(/^.*\//, '')) ? 'os_arch' : 'slash';
    // `docker pull --platform ‸ registry.k8s.io/kube-proxy:…`, `FROM --platform=‸ registry.k8s.io/kubectl`: the platforms the image is published for.
    const image = `${joined.slice(commandStart(joined, flagEnd))}${line.text.slice(e).split(/[;&|`]/)[0]}`.split(/\s+/).map((w) => kubeImageName(w.replace(/^["']|["']$/g, ''))).find((n) => n !== undefined);
    if (items) return withOs({ role: 'platform', start, end, spelling: spellingOf(items, spelling), present: items, ...(value?.inFunction ? { inArgument: true } : {}), ...(image ? { published: { kind: 'image', name: image } } : {}) }, typed);
  }

  // podman build --arch |, docker manifest annotate --os linux --arch |
  const osArch = OS_ARCH_FLAG.exec(joined);
  if (osArch) {
    const from = commandStart(joined, osArch.index);
    const words = joined.slice(from, osArch.index).trim().split(/\s+/);
    // (As the scanner tells them: skopeo's --override-os and --override-arch, or platformFlags.)
    const tool = words.findIndex((w) => (osArch[1] ? w === 'skopeo' : w === 'docker' || w === 'podman' || w === 'buildah' || ENVTEST.test(w)));
    const manifest = tool >= 0 && words[tool + 1] === 'manifest' && words.some((w) => MANIFEST_EDIT.test(w));
    const envtest = !osArch[1] && tool >= 0 && ENVTEST.test(words[tool]);
    if ((osArch[1] && tool >= 0) || manifest || envtest || (tool >= 0 && words[tool] !== 'docker' && PODMAN_PLATFORMED.test(words[tool + 1] ?? ''))) {
      // The command's other flag, before or after the cursor (up to the next command).
      const command = ` ${joined.slice(from)}${line.text.slice(e).split(/[;&|`]/)[0]}`;
      const other = (flag: 'os' | 'arch') => [...command.matchAll(OS_ARCH_VALUE)].filter((m) => m[2] === flag && !m[1] === !osArch[1]).map((m) => m[3].toLowerCase());
      return osArch[2] === 'os' ? site('os', start, end, { spelling: 'slash', arch: other('arch') }) : site('arch', start, end, { spelling: 'slash', os: other('os') });
    }
  }

  // A Dockerfile's `ENV GOARCH arm64`: the older form, the value after a blank.
  const envKey = kind === 'dockerfile' ? /^[ \t]*ENV[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]+$/i.exec(prefix) : null;
  if (envKey) {
    const role = roleOf(envKey[1]);
    if (role && role !== 'variant') {
      return withOs(
        site(role, start, end, {
          spelling: 'slash',
          os: paired(role, 'os', () => commandValues(lines, index, 'os')),
          arch: paired(role, 'arch', () => commandValues(lines, index, 'arch')),
          present: [],
        }),
        typed,
      );
    }
  }

  // GOOS=…, PLATFORMS ?= …, export KUBE_BUILD_PLATFORMS="…", ENV GOARCH=…
  let assign: { name: string; end: number } | undefined;
  for (const m of joined.matchAll(ASSIGNMENT)) {
    const before = m.index === 0 ? '' : joined[m.index - 1];
    // (After `$(Q)` in a recipe: make's quiet prefix glued to the command.)
    // (After a quote too: the script of `sh -c "GOOS=…"`.)
    if (before !== '' && !/[\s;(&|`{"']/.test(before) && !(kind === 'makefile' && /\$[({][A-Za-z_][A-Za-z0-9_]*[)}]$/.test(joined.slice(Math.max(0, m.index - 40), m.index)))) continue;
    if (m[2] !== '' && kind !== 'makefile') continue;
    assign = { name: m[1], end: m.index + m[0].length };
  }
  if (assign) {
    if (leftOutName(assign.name)) return undefined;
    const role = roleOf(assign.name);
    // A make variable's value is a space-separated list (`PLATFORMS := linux/amd64 linux/arm64`);
    // in a recipe (a line that starts with a tab) the assignment is shell and ends at a space.
    const value = kind === 'makefile' ? makeBranch(joined.slice(assign.end)) : { text: joined.slice(assign.end), inFunction: false };
    const items = value && listItems(value.text, kind === 'makefile' && (value.inFunction || !firstLine.startsWith('\t')));
    // A list of arches alone (`PLATFORMS ?= amd64 arm64 |`, as the scanner reads it: see isBareArchList): more arches.
    if (role === 'platform' && items && items.length > 0 && !typed.includes('/') && isBareArchList(assign.name, items.join(' '), 0, 0, items.join(' ').length)) {
      return site('arch', start, end, { spelling: 'slash', os: ['linux'], present: items });
    }
    if (role && role !== 'variant' && items && platformBeingWritten(assign.name, typed, items)) {
      const found = withOs(
        site(role, start, end, {
          spelling: spellingOf(items, 'slash'),
          os: paired(role, 'os', () => inForce(commandValues(lines, index, 'os'), 'os')),
          arch: paired(role, 'arch', () => inForce(commandValues(lines, index, 'arch'), 'arch')),
          present: items,
        }),
        typed,
      );
      return value?.inFunction ? { ...found, inArgument: true } : found;
    }
    // A variable named for nothing that the script or Makefile gives to a `--platform` (`--platform
    // "$TARGET_SET"`, `--platform linux/$(ARCH)`): what it holds there, as the scanner reads it.
    if (!role && items && (kind === 'shell' || (kind === 'makefile' && !firstLine.startsWith('\t')))) {
      const given = flagVariables(text, 0, text.length, kind === 'makefile');
      const os = given?.arch?.get(assign.name);
      if (os !== undefined && items.length === 0) return site('arch', start, end, { spelling: 'slash', os });
      if (given?.whole?.has(assign.name)) return withOs({ role: 'platform', start, end, spelling: spellingOf(items, 'slash'), present: items }, typed);
    }
  }

  // read -ra PLATFORMS <<< "linux/amd64 |", mapfile -t PLATFORMS <<< "…": the variable's items.
  const filled = hereStringTarget(joined);
  if (filled) {
    const role = roleOf(filled.name);
    const items = listItems(joined.slice(filled.from), true);
    if (role && role !== 'variant' && items) {
      return withOs(site(role, start, end, { spelling: spellingOf(items, 'slash'), os: () => inForce([], 'os'), arch: () => inForce([], 'arch'), present: items }), typed);
    }
  }

  if (yaml) {
    // { goos: windows, goarch: | } on this line: a key of a flow mapping
    const flow = flowMappingKey(line.text, prefix);
    if (flow) {
      const items = listItems(flow.value, true);
      // `- {image: agent, arch: |}` in a workflow matrix's include or exclude entries.
      // (A mapping of an axis of mappings written on the axis's line: `machine: [{platform: |}]`, `- target: {os: |}`.)
      const open = prefix.lastIndexOf('{');
      const owner = FLOW_OWNER.exec(prefix.slice(0, open))?.[1];
      const axis = (!flow.role || flow.role === 'platform') && items && kind === 'github-workflow' ? linkedAxis(flow.role, matrixAxis(lines, index, open + 1, flow.key, owner, flow.entry)) : undefined;
      // The other half from the mapping itself: `{os: darwin, arch: |}`.
      if (axis) return withOs(site(axis.role, start, end, { spelling: spellingOf(items!, 'slash'), os: axis.os ?? flow.siblings('os'), arch: axis.arch ?? flow.siblings('arch'), present: items }), typed);
      if (flow.role && flow.role !== 'variant' && items) {
        const role = flow.role;
        return withOs(site(role, start, end, { spelling: spellingOf(items, 'slash'), os: paired(role, 'os', () => flow.siblings('os')), arch: paired(role, 'arch', () => flow.siblings('arch')), present: items }), typed);
      }
      return undefined;
    }

    // key: value on this line, or on the line that opens a flow sequence the cursor is in
    // (null: the value is no place for a platform, and nothing else is looked for).
    const keyValue = (at: number, before: string): CompletionSite | null | undefined => {
      const k = keyColumn(before);
      if (!k || !/:\s/.test(before.slice(k.col))) return undefined;
      let role = yamlRole(lines, at, k.col, k.key);
      // (CircleCI's enum of a parameter's values too: `platform:` over `enum: [linux/amd64, |]`.)
      const nameValue = !role && (k.key === 'value' || k.key === 'default' || k.key === 'enum');
      if (nameValue) role = roleOf((siblingValue(lines, at, k.col, 'name') ?? '').replace(/["'\s]|#.*$/g, ''));
      // GitLab's variable written out: `GOARCH:` over `value: |` (and `description:`).
      const defined = nameValue && !role ? parentLine(lines, at, k.col) : undefined;
      // (An action's or a reusable workflow's input too: `goarch:` over `default: |`.)
      if (defined && (defined.key === 'GOOS' || defined.key === 'GOARCH' || roleOf(defined.key) !== undefined)) role = roleOf(defined.key);
      const items = listItems(k.value, true);
      if (k.key === 'targets' && foreignBuilder(lines, at, k.col)) return null;
      const axis = (!role || role === 'platform') && items && kind === 'github-workflow' ? linkedAxis(role, matrixAxis(lines, at, k.col, k.key)) : undefined;
      if (axis) return withOs(site(axis.role, start, end, { spelling: spellingOf(items!, 'slash'), os: axis.os, arch: axis.arch, present: items }), typed);
      if (role && role !== 'variant' && items && platformBeingWritten(k.key, typed, items)) {
        const fallback: Spelling = kind === 'goreleaser' && k.key === 'targets' ? 'os_arch' : 'slash';
        const found = withOs(
          site(role, start, end, {
            spelling: spellingOf(items, fallback),
            os: paired(role, 'os', () => (defined && role ? envValues(lines, defined.line, defined.col, 'os') : nameValue ? listedValue(lines, at, k.col, 'os') : envValues(lines, at, k.col, 'os'))),
            arch: paired(role, 'arch', () => (defined && role ? envValues(lines, defined.line, defined.col, 'arch') : nameValue ? listedValue(lines, at, k.col, 'arch') : envValues(lines, at, k.col, 'arch'))),
            present: items,
          }),
          typed,
        );
        if (found.role !== 'platform' || !emulatorStep(lines, at, k.col)) return found;
        // QEMU's list of bare arches (`platforms: arm64,ppc64le`) is no platform context; written
        // as platforms, they are Linux ones (QEMU emulates Linux binaries).
        if (!typed.includes('/') && items.length > 0 && !items.some((i) => i.includes('/'))) return null;
        return found.os === undefined ? { ...found, os: 'linux' } : found;
      }
      // An environment's variable that the file's scripts give to a `--platform` (`env:` over `ARCH: |`,
      // then `--platform linux/$ARCH` in a run step): what it holds there, as the scanner reads it.
      if (!role && items && ENV_MAP_KEYS.has(parentLine(lines, at, k.col)?.key ?? '')) {
        const given = envFlagVariables(text);
        const os = given?.arch?.get(k.key);
        if (os !== undefined && items.length === 0) return site('arch', start, end, { spelling: 'slash', os });
        if (given?.whole?.has(k.key)) return withOs({ role: 'platform', start, end, spelling: spellingOf(items, 'slash'), present: items }, typed);
      }
      return undefined;
    };
    const onLine = keyValue(index, prefix);
    if (onLine !== undefined) return onLine ?? undefined;
    // A flow sequence over lines: `platforms: [` and its items, a line or more each, up to `]`.
    const flowStart = flowSequenceAbove(lines, index, prefix);
    if (flowStart) {
      const inFlow = keyValue(flowStart.line, flowStart.before);
      if (inFlow !== undefined) return inFlow ? { ...inFlow, present: [...(inFlow.present ?? []), ...flowItemsBelow(lines, index)], flowLines: true } : undefined;
    }

    // - item of a block list under a platform-ish key, or after a `- --platform` item
    const item = /^(\s*)-\s+(["']?)$/.exec(prefix);
    if (item) {
      const found = blockListOwner(lines, index, item[1].length);
      if (found) {
        const { role, keyCol, keyLine, previous } = found;
        if (found.key === 'targets' && foreignBuilder(lines, keyLine, keyCol)) return undefined;
        const axis = (!role || role === 'platform') && kind === 'github-workflow' ? linkedAxis(role, matrixAxis(lines, keyLine, keyCol, found.key)) : undefined;
        if (axis) return withOs(site(axis.role, start, end, { spelling: spellingOf(previous, 'slash'), os: axis.os, arch: axis.arch, present: previous }), typed);
        if (role && role !== 'variant') {
          const fallback: Spelling = kind === 'goreleaser' && found.key === 'targets' ? 'os_arch' : 'slash';
          return withOs(
            site(role, start, end, {
              spelling: spellingOf(previous, fallback),
              os: paired(role, 'os', () => siblingValues(lines, keyLine, keyCol, 'os')),
              arch: paired(role, 'arch', () => siblingValues(lines, keyLine, keyCol, 'arch')),
              present: previous,
            }),
            typed,
          );
        }
        if (found.afterFlag) return withOs({ role: 'platform', start, end, spelling: 'slash' }, typed);
      }
    }
  }

  // for platform in linux/amd64 …; do  (shell, recipes, run: blocks)
  // (In a recipe after make's prefixes: `@for p in …`.)
  const loop = /(?:^|[\s;&|(@+-])for\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\s+([^;]*)$/.exec(joined);
  if (loop) {
    // Named so (`for platform in`), or used so in its body (`for p in …; do … --platform "$p"`).
    const use = roleOf(loop[1]) === 'platform' ? { role: 'platform' as const } : loopUse(lines, index, line.text.slice(col), loop[1]);
    const items = use ? listItems(loop[2], true) : undefined;
    const found = loopSite(use, items, typed, start, end);
    if (found) return found;
  }

  // make's $(foreach p,linux/amd64 …,text): its list by the variable's name or its use in the text.
  const each = kind === 'makefile' ? MAKE_FOREACH.exec(joined) : null;
  if (each) {
    // (The text starts after the comma that ends the list; make's $(p) in it reads as the shell's ${p}, as the scanner has it.)
    const rest = line.text.slice(col);
    const after = makeRefsAsShell(rest.slice(rest.indexOf(',') + 1), each[1]);
    const use = roleOf(each[1]) === 'platform' ? { role: 'platform' as const } : loopUse(lines, index, after, each[1]);
    const found = loopSite(use, use ? listItems(each[2], true) : undefined, typed, start, end);
    if (found) return found;
  }

  // A line of a make `define X_PLATFORMS` body: its items are one list, as the scanner reads them.
  if (kind === 'makefile' && /^[ \t]*(?:[^\s=$#()]+[ \t]+)*$/.test(prefix)) {
    const body = defineBody(lines, index, defined);
    if (body) {
      const items = [...body, ...prefix.split(/[\s,]+/).filter((w) => w !== '')];
      return withOs({ role: 'platform', start, end, spelling: spellingOf(items, 'slash'), present: items }, typed);
    }
  }

  // A shell array over lines:  PLATFORMS=(  then items, a line or more each, up to `)`.
  if (!prefix.includes('(') && !prefix.includes(')') && !prefix.includes('#') && /^\s*(?:[^\s"']+\s+)*["']?$/.test(prefix)) {
    const items = prefix.split(/[\s"']+/).filter((w) => w !== '');
    for (let i = index - 1; i >= index - MAX_CONTINUED && lines.has(i); i--) {
      const raw = lines.line(i).text;
      const hash = raw.search(/\s#/);
      const t = hash >= 0 ? raw.slice(0, hash) : raw;
      const open = /(?:^|[\s;])([A-Za-z_][A-Za-z0-9_]*)\+?=\(([^()]*)$/.exec(t);
      if (open) {
        if (roleOf(open[1]) !== 'platform' || leftOutName(open[1])) break;
        items.push(...open[2].split(/[\s"']+/).filter((w) => w !== ''));
        return withOs({ role: 'platform', start, end, spelling: spellingOf(items, 'slash'), present: items }, typed);
      }
      if (/[()]/.test(t) || /^\s*#/.test(t)) break;
      items.push(...t.split(/[\s"'\\]+/).filter((w) => w !== ''));
    }
  }

  // A line of a block scalar under a platform-ish key:  platforms: |  then one platform a line.
  const owner = yaml && /^\s+$|^\s+[^:#]*[\s,]$/.test(prefix) ? blockScalarOwner(lines, index) : undefined;
  if (owner && roleOf(owner.key) === 'platform') {
    const indent = indentOf(line.text);
    const items = listItems(prefix.trimStart(), true) ?? [];
    // The block's other lines are items of the list too (a few thousand at most are read).
    for (let j = owner.line + 1; lines.has(j) && j < owner.line + MAX_BLOCK_LINES; j++) {
      const u = lines.line(j).text;
      if (j === index || u.trim() === '') continue;
      if (indentOf(u) < indent) break;
      items.push(...u.trim().split(/[\s,"']+/).filter((w) => w !== ''));
    }
    return withOs({ role: 'platform', start, end, spelling: spellingOf(items, 'slash'), present: items }, typed);
  }

  // A YAML scalar that is wholly `os/…` counts as a platform anywhere but under a key of file
  // paths (`path: linux/` is a folder): arches for that os.
  const slash = /^([A-Za-z0-9]+)\/[A-Za-z0-9]*$/.exec(typed);
  if (yaml && slash && isGoOs(slash[1].toLowerCase()) && /(:\s+|^\s*-\s+|[[,]\s*)["']?$/.test(prefix) && !isPathKey(valueKey(lines, index, prefix))) {
    return { role: 'platform', start, end, spelling: 'slash', os: slash[1].toLowerCase() };
  }
  return undefined;
}

/** A YAML line that opens a flow sequence after its key and leaves it open: `platforms: [linux/amd64,`. */
const FLOW_SEQUENCE_OPEN = /^\s*(?:-\s+)*["']?[A-Za-z_][\w.-]*["']?\s*:\s+(?:&[^\s,[\]{}]+\s+)?\[[^[\]{}]*$/;

/**
 * The line that opens the flow sequence whose items the cursor's line continues, with the text
 * before the cursor as one line (`platforms: [ linux/amd64, ‸` from `platforms: [`, `  linux/amd64,`
 * and the cursor's line). Undefined when the cursor is not among such items (a key, a bracket or a
 * comment before it on its line, or a sequence that closed or holds a mapping).
 */
function flowSequenceAbove(lines: Lines, index: number, prefix: string): { line: number; before: string } | undefined {
  if (/[[\]{}:#]/.test(prefix)) return undefined;
  let before = prefix.trim();
  for (let i = index - 1; i >= index - MAX_CONTINUED && lines.has(i); i--) {
    const raw = lines.line(i).text;
    const hash = raw.search(/(?:^|\s)#/);
    const t = hash >= 0 ? raw.slice(0, hash) : raw;
    if (t.trim() === '') continue;
    // (After an item with no comma, a new item would run into it: `[linux/amd64⏎‸` is one scalar.)
    if (FLOW_SEQUENCE_OPEN.test(t)) return /[[,]$/.test(`${t.trimEnd()} ${before}`.trimEnd()) ? { line: i, before: `${t.trimEnd()} ${before}` } : undefined;
    if (/[[\]{}:]/.test(t)) return undefined;
    before = `${t.trim()} ${before}`;
  }
  return undefined;
}

/** The items of a flow sequence over lines on the lines below the cursor's, up to its `]`: not offered again. */
function flowItemsBelow(lines: Lines, index: number): string[] {
  const items: string[] = [];
  for (let i = index + 1; i <= index + MAX_CONTINUED && lines.has(i); i++) {
    const raw = lines.line(i).text;
    const hash = raw.search(/(?:^|\s)#/);
    const t = hash >= 0 ? raw.slice(0, hash) : raw;
    const close = t.search(/[\]{}:[]/);
    items.push(...(close >= 0 ? t.slice(0, close) : t).split(/[\s,"']+/).filter((w) => w !== ''));
    if (close >= 0) break;
  }
  return items;
}

/** How many lines a workflow job is read over, above and below the cursor, for how it uses a matrix key. */
const MAX_JOB_LINES = 5000;

/** How many lines below a loop's list its body is read for the use of its variable. */
const LOOP_LINES = 40;

/**
 * What a loop's variable is to the commands of its body, as the scanner reads it (shell.ts
 * loopVariableUse): the text after the cursor and the lines below, up to one with `done`.
 */
function loopUse(lines: Lines, index: number, after: string, variable: string): { role: 'platform' | 'os' | 'arch'; other: string[]; cut?: true } | undefined {
  let body = after;
  for (let i = index + 1, last = after; i <= index + LOOP_LINES && lines.has(i) && !LOOP_DONE.test(last); i++) {
    last = lines.line(i).text;
    body += `\n${last}`;
  }
  const use = loopVariableUse(body, variable);
  return use && { role: use.role, other: use.other ? [use.other.text] : [], ...(use.cut ? { cut: true as const } : {}) };
}

/** A make `$(foreach VAR,` and the words of its list before the cursor. */
const MAKE_FOREACH = /\$[({]foreach[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*,([^,(){}$]*)$/;

/**
 * The site of a loop's list (a shell `for`, make's `$(foreach)`) by what its body does with its
 * variable: platforms, or the os or arch beside the other half it writes. Where the body cuts GOOS
 * and GOARCH out of each word, only while the words are written as platforms (see slashed).
 */
function loopSite(use: { role: 'platform' | 'os' | 'arch'; other?: string[]; cut?: true } | undefined, items: string[] | undefined, typed: string, start: number, end: number): CompletionSite | undefined {
  if (!use || !items || (use.cut && !slashed(typed, items))) return undefined;
  if (use.role === 'platform') return withOs({ role: 'platform', start, end, spelling: spellingOf(items, 'slash'), present: items }, typed);
  return site(use.role, start, end, { spelling: 'slash', present: items, ...(use.role === 'os' ? { arch: use.other } : { os: use.other }) });
}

/** Whether a loop's words so far, or the word being typed, are written as platforms (`linux/amd64`). */
function slashed(typed: string, items: readonly string[]): boolean {
  return typed.includes('/') || items.some((i) => i.includes('/'));
}

/** The `done` that ends a loop, as a word. */
const LOOP_DONE = /(?:^|[\s;&|])done(?=[\s;&|)]|$)/;

/**
 * A matrix axis's role by its job's use, for a key with no role of its own or a platform key
 * (`platform: [amd64, |]` used as `linux/${{ matrix.platform }}` holds arches, as the scanner reads it).
 */
function linkedAxis(own: string | undefined, axis: ReturnType<typeof matrixAxis>): ReturnType<typeof matrixAxis> {
  return own === undefined || (axis && axis.role !== 'platform') ? axis : undefined;
}

/** controller-runtime's setup-envtest, whose --os and --arch name the platform it fetches (as the scanner reads it). */
const ENVTEST = /(?:^|\/)setup-envtest$/;

/** The key whose value a flow mapping opened on the line is in: `machine: [{…}, ` or `- target: `. */
const FLOW_OWNER = /(?:^|[\s{,[])["']?([A-Za-z0-9_.-]+)["']?\s*:\s*(?:\[[^\]]*)?$/;

/**
 * A workflow matrix key (`arch:` on line `index` at `col`, an axis or a key of an include or
 * exclude entry, or of a mapping of an axis of mappings) that its job uses in a platform
 * (`--platform linux/${{ matrix.arch }}`, `GOARCH: ${{ matrix.arch }}`): the role the job gives
 * it, as the scanner reads it, with the os the job writes beside an arch. `owner`: the axis whose
 * mapping, written on that line, holds the key (`machine: [{platform: |}]`); `flowEntry`: that
 * mapping's other values.
 */
function matrixAxis(lines: Lines, index: number, col: number, key: string, owner?: string, flowEntry?: (key: string) => string | undefined): { role: 'platform' | 'os' | 'arch'; os?: string[]; arch?: string[] } | undefined {
  // The key's ancestors, nearest first: `matrix`, or `include`/`exclude` then `matrix`, up to the job under `jobs`.
  const ancestors: { key: string; line: number; indent: number }[] = [];
  const own = lines.line(index).text;
  let at = /^\s*-\s/.test(own) ? indentOf(own) : col;
  for (let i = index - 1; ; i--) {
    // (The jobs before this one, when it is the job's key that is looked for, are passed over unread.)
    const above = lines.outdentedAbove(i, at, index - MAX_JOB_LINES);
    if (above === undefined) break;
    i = above;
    const t = lines.line(i).text;
    const indent = indentOf(t);
    if (t.trim() === '' || /^\s*#/.test(t) || indent >= at) continue;
    const k = keyColumn(t);
    const item = /^\s*-(?:\s|$)/.test(t);
    // `- image: a` above `arch: b`: the entry this key is in, opened by a sibling.
    if (item && (k === undefined || k.col >= at)) {
      at = indent;
      continue;
    }
    if (!k || k.value.replace(/#.*$/, '').trim() !== '') return undefined;
    ancestors.push({ key: k.key, line: i, indent });
    if (k.key === 'jobs') break;
    // The matrix is one of the three nearest (below): a key under none of them (a step's
    // `platforms:`) is no axis, and the jobs above its own are not walked over.
    if (ancestors.length === 3 && !ancestors.some((a) => a.key === 'matrix')) return undefined;
    at = item ? indent : k.col;
  }
  const n = ancestors.length;
  const entries = (k: string | undefined) => k === 'include' || k === 'exclude';
  let axisOf = ancestors[0]?.key === 'matrix' ? 0 : entries(ancestors[0]?.key) && ancestors[1]?.key === 'matrix' ? 1 : -1;
  // A key of an axis of mappings (`machine: [{platform: |, runner: …}]`, used as `${{ matrix.machine.platform }}`),
  // or of such a mapping in an include or exclude entry.
  let nested: string | undefined;
  if (axisOf < 0 && n > 2 && !entries(ancestors[0].key) && (ancestors[1].key === 'matrix' || (entries(ancestors[1].key) && ancestors[2].key === 'matrix'))) {
    nested = ancestors[0].key;
    axisOf = ancestors[1].key === 'matrix' ? 1 : 2;
  } else if (axisOf >= 0 && owner !== undefined && !entries(owner) && owner !== 'matrix') nested = owner;
  if (axisOf < 0 || n < 2 || ancestors[n - 1].key !== 'jobs' || ancestors[n - 1].indent !== 0) return undefined;
  const job = ancestors[n - 2];
  if (job.line === ancestors[axisOf].line) return undefined;
  // The job runs to the next line indented as far as it, or less.
  let last = index;
  while (last < index + MAX_JOB_LINES && lines.has(last + 1)) {
    const t = lines.line(last + 1).text;
    if (t.trim() !== '' && !/^\s*#/.test(t) && indentOf(t) <= job.indent) break;
    last++;
  }
  const from = lines.line(job.line).start;
  const next = lines.has(last + 1) ? lines.line(last + 1).start : lines.text.length;
  const roles = matrixRoles(lines.text, from, next);
  const prefix = nested === undefined ? '' : `${nested}.`;
  const role = roles.get(prefix + key);
  if (role === undefined || role === 'variant') return undefined;
  const oses = roles.os?.get(prefix + key);
  if (oses) return { role, os: oses.map((t) => t.text) };
  // `${{ matrix.os }}/${{ matrix.arch }}`: the values of the other axis beside this one (the
  // other key of the same mapping, for an axis of mappings).
  const other = role === 'arch' ? 'os' : role === 'os' ? 'arch' : undefined;
  const values: string[] = [];
  // (In an include entry, the entry's own key for the other: `target_os: darwin` beside `target_arch:`.)
  if (other && (axisOf === 0 || nested !== undefined || flowEntry !== undefined || (axisOf === 1 && ancestors[0].key === 'include'))) {
    for (const [k, r] of roles) {
      if (r !== other || k === prefix + key || !k.startsWith(prefix) || (nested === undefined && k.includes('.'))) continue;
      const v = flowEntry ? flowEntry(k.slice(prefix.length)) : siblingValue(lines, index, col, k.slice(prefix.length));
      if (v !== undefined) values.push(...names(v));
    }
  }
  return values.length === 0 ? { role } : { role, [other!]: values };
}

/** The lines of a block scalar read for the items already in its list. */
const MAX_BLOCK_LINES = 2000;

/** Conditions are expressions, read as such (see expressionString), though the scanner keeps them from its platform rules. */
const CONDITION_KEYS: ReadonlySet<string> = new Set(['if', 'when', 'condition']);

/**
 * Whether the YAML value typed after `prefix` on line `index` is prose, as the scanner reads it:
 * the value of a key such as `name:` or `description:`, on its line or in its block scalar below.
 */
function inProseValue(lines: Lines, index: number, prefix: string): boolean {
  // Its own line's key, or a block scalar's (`description: |` above it).
  const key = valueKey(lines, index, prefix) ?? blockScalarOwner(lines, index)?.key;
  return key !== undefined && proseKey(key) && !CONDITION_KEYS.has(key);
}

/** The key whose block scalar (`platforms: |`, `description: >-`) holds line `index`: the first line above less indented, if it is one. */
function blockScalarOwner(lines: Lines, index: number): { line: number; key: string } | undefined {
  const indent = indentOf(lines.line(index).text);
  for (let i = index - 1; i >= 0 && index - i <= MAX_BLOCK_LINES && lines.has(i); i--) {
    const t = lines.line(i).text;
    if (t.trim() === '' || indentOf(t) >= indent) continue;
    const owner = BLOCK_SCALAR_KEY.exec(t);
    return owner ? { line: i, key: owner[1] } : undefined;
  }
  return undefined;
}

/** A key that opens a block scalar: `platforms: |`, `- description: >-  # text`. */
const BLOCK_SCALAR_KEY = /^\s*(?:-\s+)?["']?([A-Za-z0-9_.-]+)["']?\s*:\s*[|>][-+0-9]*\s*(?:#.*)?$/;

/** The key a YAML value typed after `prefix` on line `index` belongs to: its own line's, or for a `- ` item the key above its list. */
function valueKey(lines: Lines, index: number, prefix: string): string | undefined {
  const own = /^\s*(?:-\s+)?["']?([A-Za-z0-9_.-]+)["']?\s*:\s/.exec(prefix);
  if (own) return own[1];
  return /^\s*-\s/.test(prefix) ? blockListOwner(lines, index, indentOf(prefix))?.key : undefined;
}

/** The action of a step that sets up QEMU emulation (`docker/setup-qemu-action@v3`, tonistiigi/binfmt). */
const EMULATOR_ACTION = /^["']?[\w.-]+\/(?:setup-qemu-action|binfmt)\b/;

/** Whether the key on line `index` (at `col`) is an input under `with:` of a QEMU set-up step. */
function emulatorStep(lines: Lines, index: number, col: number): boolean {
  // The parent key: the first line above with less indent.
  let parent = index - 1;
  while (lines.has(parent) && (lines.line(parent).text.trim() === '' || indentOf(lines.line(parent).text) >= col)) parent--;
  if (!lines.has(parent)) return false;
  const with_ = keyColumn(lines.line(parent).text);
  return with_?.key === 'with' && EMULATOR_ACTION.test(siblingValue(lines, parent, with_.col, 'uses') ?? '');
}

/**
 * `target` names a platform as often as something else (docker/build-push-action's `target:` is a
 * build stage, a Makefile's `TARGET ?= release` a build): items are offered there only once a
 * platform is being written (`linux/…`) or the list holds one.
 */
function platformBeingWritten(name: string, typed: string, items: readonly string[]): boolean {
  return name.toLowerCase() !== 'target' || typed.includes('/') || items.some((i) => i.includes('/'));
}

/** Narrows a platform site to the os already typed (`linux/` offers linux platforms only). */
function withOs(site: CompletionSite, typed: string): CompletionSite {
  if (site.role !== 'platform') return site;
  const m = /^([A-Za-z0-9]+)[/_-]/.exec(typed);
  if (m && isGoOs(m[1].toLowerCase())) return { ...site, os: m[1].toLowerCase() };
  return site;
}

/**
 * The key that owns the block list item on line `index` (at `dashCol`), the items above it, and
 * whether the item above is a `--platform` flag (args lists: `- --platform` then `- linux/amd64`).
 */
function blockListOwner(
  lines: Lines,
  index: number,
  dashCol: number,
): { role: ReturnType<typeof roleOf>; key: string; keyCol: number; keyLine: number; previous: string[]; afterFlag: boolean } | undefined {
  const previous: string[] = [];
  let afterFlag: boolean | undefined;
  for (let i = index - 1; lines.has(i); i--) {
    const t = lines.line(i).text;
    if (t.trim() === '' || /^\s*#/.test(t)) continue;
    const indent = indentOf(t);
    if (indent > dashCol) continue;
    const sibling = /^(\s*)-\s+(.*)$/.exec(t);
    if (indent === dashCol && sibling) {
      // Drop a trailing comment (`item  # note`) in one linear pass.
      const hash = sibling[2].search(/\s#/);
      const value = (hash >= 0 ? sibling[2].slice(0, hash) : sibling[2]).trimEnd().replace(/^["']|["']$/g, '');
      afterFlag ??= /^--?(?:[a-z0-9]+-)*(?:[a-z][a-z0-9]*)?(?:platforms?|osarch)$/i.test(value);
      previous.push(value);
      continue;
    }
    const k = keyColumn(t);
    if (k && k.value.replace(/#.*$/, '').trim() === '' && k.col <= dashCol) {
      // A name/value item's list (`- name: build-platforms` over `value:` and its items): the name's role.
      const named = NAMED_LIST_KEYS.has(k.key) ? roleOf((siblingValue(lines, i, k.col, 'name') ?? '').replace(/["'\s]|#.*$/g, '')) : undefined;
      return { role: roleOf(k.key) ?? named, key: k.key, keyCol: k.col, keyLine: i, previous, afterFlag: afterFlag ?? false };
    }
    return undefined;
  }
  return undefined;
}

/** The keys of a name/value item that hold its value as a list: `value:`, `default:` (Tekton, Shipwright). */
const NAMED_LIST_KEYS: ReadonlySet<string> = new Set(['value', 'default', 'values', 'defaults']);

const SEGMENT_CHAR = /[A-Za-z0-9_]/;
/** The end of a release URL's `/bin/OS/ARCH` path before the cursor: the os and the segment typed. */
const BIN_SEGMENT = /\/bin\/(?:([A-Za-z0-9_]+)\/)?([A-Za-z0-9_]*)$/;
/** A URL ends at these (as the scanner reads it). */
const URL_END = /[\s"'<>|;&()`\\]/;
/** kubernetes-server-linux-… : the archive, the os when typed, and the segment typed. */
const ARCHIVE_SEGMENT = /(?<![A-Za-z0-9_.-])(kubernetes-(?:client|node|server|test))-(?:([A-Za-z0-9]+)-)?([A-Za-z0-9]*)$/;

/**
 * The os or arch segment of a Kubernetes release URL (`https://dl.k8s.io/release/v1.31.0/bin/linux/`)
 * or of a release archive name (`kubernetes-node-linux-`) at the cursor. The segment is replaced,
 * and only platforms the release publishes that binary (or any binary) or archive for are offered.
 */
function downloadSite(line: Line, col: number): CompletionSite | undefined {
  const head = line.text.slice(0, col);
  let end = col;
  while (end < line.text.length && SEGMENT_CHAR.test(line.text[end])) end++;
  const bin = BIN_SEGMENT.exec(head);
  if (bin) {
    if (urlKind(urlBefore(head, bin.index + 1)) !== 'release') return undefined;
    // The file after the os and arch segments: `kubelet` in …/bin/linux/|/kubelet.
    const rest = line.text.slice(end);
    const file = (bin[1] === undefined ? /^\/[A-Za-z0-9_]*\/([^/?#\s"'<>|;&()`\\]+)/ : /^\/([^/?#\s"'<>|;&()`\\]+)/).exec(rest)?.[1];
    const artifact = file ? binaryArtifact(file) : undefined;
    const published: Published = artifact ? { kind: 'binary', name: artifact.name, form: artifact.form } : { kind: 'binary', form: 'binary' };
    const start = line.start + col - bin[2].length;
    // …/bin/|/amd64/kubelet: oses that have that arch.
    const arch = bin[1] === undefined ? /^\/([A-Za-z0-9_]+)\//.exec(rest)?.[1] : undefined;
    if (bin[1] === undefined) return { role: 'os', start, end: line.start + end, arches: arch ? [arch.toLowerCase()] : [], published };
    return { role: 'arch', start, end: line.start + end, oses: [bin[1].toLowerCase()], published };
  }
  const archive = ARCHIVE_SEGMENT.exec(head);
  // (Not at the end of a file path written out, `_output/release-tars/kubernetes-server-…`: a file
  // on the machine, which the scanner does not read; a URL's, or one after a variable, is read.)
  const word = archive ? head.slice(0, archive.index).split(/[\s"'=]/).pop()! : '';
  if (archive && !(word.endsWith('/') && !word.includes('://') && !word.includes('$'))) {
    const start = line.start + col - archive[3].length;
    const published: Published = { kind: 'archive', name: archive[1] };
    // kubernetes-node-|-amd64.tar.gz: oses that have that arch.
    const arch = archive[2] === undefined ? /^-([A-Za-z0-9]+)\.tar\.gz/.exec(line.text.slice(end))?.[1] : undefined;
    if (archive[2] === undefined && arch) return { role: 'os', start, end: line.start + end, arches: [arch.toLowerCase()], published };
    // kubernetes-client-|.tar.gz: the whole platform, in the archive's spelling (linux-amd64).
    if (archive[2] === undefined) return { role: 'platform', start, end: line.start + end, spelling: 'os-arch', published };
    return { role: 'arch', start, end: line.start + end, oses: [archive[2].toLowerCase()], published };
  }
  return projectAssetSite(line, head, end);
}

/**
 * The URL that ends at `end` in `head`, from its start: back over URL characters and over a command
 * substitution or a GitHub expression for the version (`https://dl.k8s.io/release/$(curl -L -s
 * …/stable.txt)/bin/`, `…/release/${{ env.V }}/bin/`), which is put in as `${VERSION}`.
 */
function urlBefore(head: string, end: number): string {
  let start = end;
  for (;;) {
    if (start > 0 && head[start - 1] === ')') {
      const open = head.lastIndexOf('$(', start - 1);
      if (open >= 0 && !head.slice(open + 2, start - 1).includes('(')) {
        start = open;
        continue;
      }
    }
    // A GitHub expression for the version: `https://dl.k8s.io/release/${{ env.KUBECTL_VERSION }}/bin/`.
    if (start > 1 && head[start - 1] === '}' && head[start - 2] === '}') {
      const open = head.lastIndexOf('${{', start - 2);
      if (open >= 0 && !head.slice(open + 3, start - 2).includes('}}')) {
        start = open;
        continue;
      }
    }
    if (start === 0 || URL_END.test(head[start - 1])) break;
    start--;
  }
  return head.slice(start, end).replace(/\$\([^()]*\)|\$\{\{[^}]*\}\}/g, '${VERSION}');
}

/** The asset name of a GitHub release download, up to the cursor: `…/releases/download/v1.31.0/crictl-v1.31.0-`. */
const ASSET_NAME = /\/releases\/download\/[^/\s"'<>]+\/([A-Za-z0-9_.-]*)$/;
/** The platform part being typed at the end of an asset name: `-linux-am`, `_linux_`, `-`, `-dar`. */
const ASSET_PLATFORM = /([-_])(?:([a-z0-9]+)([-_]))?([a-z0-9]*)$/;

/**
 * The platform of a release asset of a Kubernetes project (`crictl-v1.31.0-linux-amd64.tar.gz`,
 * `kind-linux-arm64`) being typed: whole platforms in the asset's os-arch spelling.
 */
function projectAssetSite(line: Line, head: string, end: number): CompletionSite | undefined {
  const asset = ASSET_NAME.exec(head);
  if (!asset) return undefined;
  if (urlKind(urlBefore(head, head.length)) !== 'github') return undefined;
  const m = ASSET_PLATFORM.exec(asset[1]);
  if (!m) return undefined;
  const os = m[2] !== undefined && isGoOs(m[2]) ? m[2] : undefined;
  // `crictl-v1.31.0-linux-|`: the os is kept and replaced with the rest; else only the last part.
  const typed = os !== undefined ? `${m[2]}${m[3]}${m[4]}` : m[4];
  const separator = os !== undefined ? m[3] : m[1];
  return {
    role: 'platform',
    start: line.start + head.length - typed.length,
    end: line.start + end,
    spelling: separator === '_' ? 'os_arch' : 'os-arch',
    ...(os !== undefined ? { os } : {}),
  };
}

/** `deb [signed-by=… arch=amd64,|`: the arch list of an apt source line, up to the cursor. */
const APT_OPTIONS = /\bdeb(?:-src)?\s+\[([^\][]*)$/;
const APT_ARCH = /(?:^|\s)arch=((?:[a-z0-9_]+,)*)([a-z0-9_]*)$/;
/** `kubelet:|` (deb) or `kubeadm.|`, `kubeadm-1.31.0-150500.1.1.|` (rpm) at the cursor. */
const PACKAGE_ARCH = new RegExp(`(?:^|[\\s"'])(?:${KUBE_PACKAGES})(:|\\.|-[0-9][^\\s:"']*-[^\\s:"']*\\.)([a-z0-9_]*)$`);
/** The arch segment of a pkgs.k8s.io path: `…/v1.31/rpm/|`. */
const PACKAGES_SEGMENT = /\/(deb|rpm)\/([a-z0-9_]*)$/;

/**
 * A package architecture being typed in a package context of a Kubernetes package: an apt source
 * line of a Kubernetes repository (its URL may not be written yet), `NAME:ARCH` or `NAME.ARCH` in
 * an apt or dnf command, the arch segment of a pkgs.k8s.io URL. `earlier` is the text of the lines
 * this one continues (`\`).
 */
function packageSite(line: Line, col: number, earlier: string): CompletionSite | undefined {
  const head = line.text.slice(0, col);
  let end = col;
  while (end < line.text.length && SEGMENT_CHAR.test(line.text[end])) end++;
  const at = (typed: string, format: 'deb' | 'rpm', present?: string[]): CompletionSite => ({
    role: 'package',
    start: line.start + col - typed.length,
    end: line.start + end,
    format,
    ...(present ? { present } : {}),
  });
  const apt = APT_OPTIONS.exec(head);
  if (apt) {
    const arch = APT_ARCH.exec(apt[1]);
    if (!arch) return undefined;
    // The repository after `]`: a Kubernetes one, a variable, or not written yet.
    const close = line.text.indexOf(']', end);
    const repo = close < 0 ? '' : line.text.slice(close + 1).trim();
    if (repo !== '' && !K8S_APT.test(repo) && !repo.startsWith('$')) return undefined;
    return at(arch[2], 'deb', arch[1].split(',').filter((a) => a !== ''));
  }
  const pkg = PACKAGE_ARCH.exec(head);
  if (pkg) {
    // In the command of a package manager (`sudo apt-get install -y kubelet:|`).
    const command = (earlier + head.slice(0, pkg.index)).split(/[;&|]/).pop() ?? '';
    if (!command.split(/\s+/).some((w) => PACKAGE_MANAGERS.has(w.replace(/^["']|["']$/g, '')))) return undefined;
    return at(pkg[2], pkg[1] === ':' ? 'deb' : 'rpm');
  }
  const seg = PACKAGES_SEGMENT.exec(head);
  if (seg) {
    if (urlKind(urlBefore(head, seg.index + 1)) !== 'packages') return undefined;
    return at(seg[2], seg[1] as 'deb' | 'rpm');
  }
  return undefined;
}
