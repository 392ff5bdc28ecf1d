import {
  DOCKER_OR_KUBE_NAMED,
  varCanonical,
  isForeignPlatform,
  MentionSink,
  isPlatformListValue,
  buildRowsOf,
  UPPER_NAME,
  splitList,
  POISON,
  SOFT,
  emitName,
  emitPairs,
  containerArchFields,
  readPlatformList,
  isBareArchList,
  wordRemoval,
  PLATFORM_FLAG,
  readsFlagValue,
  markRepeats,
  roleOf,
  token,
  type Token,
  type Mention,
  type WholeMention,
} from './mention';
import { maskTemplates, type TemplateMode } from './template';
import type { FlagVariables } from './state';
import { ARCH_VARIANT, isNameTypo, looksLikeName, parsePlatform } from '../platform/parse';
import { GO_VARIANT_KEYS, VARIANT_KEY, isGoArch, isGoOs, resolveArch } from '../platform/names';
import { lexShell, sshCommandAt, type Command, type Heredoc, type Word } from './shellWords';
import { scanDockerfile } from './dockerfile';
import { scanUrls, scanPackageWords, scanAptSourceLines, scanArchiveNames, kubeImageName, kubeImageAfter, KNOWN_HOST, downloadPrefix, PACKAGE_MANAGERS, urlVariable, afterUrlVariable, registryVariable } from './artifacts';

export interface ShellOptions {
  mode: TemplateMode;
  /**
   * Newlines are spaces, not command ends: in a Dockerfile instruction (true), and in a folded YAML
   * scalar ('yaml'), where an empty line still ends a line (YAML keeps that line break).
   */
  foldNewlines?: boolean | 'yaml';
  /** Names of variables known to hold a Kubernetes download URL (shared across one file). */
  urlVars?: Map<string, string>;
  /** A JSON array of strings (Dockerfile exec form, YAML flow list): brackets and commas split words. */
  execForm?: boolean;
  /** The text is the content of a YAML scalar in these quotes, escapes not decoded. */
  yamlQuote?: '"' | "'";
  /**
   * The text is a script written in quotes (`sh -c "…"`): `\"` is a quote in it (in single quotes,
   * a quote the inner shell reads escaped, as a character of the word: read as the quote meant).
   */
  quotedScript?: boolean;
  /**
   * A YAML value, not a script: `NOTES=linux/arm/v7 images are gone` (a configMapGenerator literal)
   * is a key and its text. A variable that is not platform-ish counts only when its assignment is
   * the whole value (`FOO=linux/riscv64`).
   */
  value?: boolean;
  /** The variables the whole file gives to `--platform` flags, when this is a block of it (see flagVariables). */
  flagVars?: FlagVariables;
  /**
   * How many scripts deep this one is: here-documents fed to a shell (`bash <<A` in `ssh host
   * bash <<B`) and command substitutions (`ID=$(docker create --platform linux/arm64 …)`).
   */
  depth?: number;
  /**
   * GOOS and GOARCH as the script's environment sets them (a job's `env:` above its `run:`): a
   * command that sets only the other one builds for the pair.
   */
  env?: GoEnv;
  /**
   * The items of one script list (GitLab's `script:`, Drone's `commands:`) run in one shell: a
   * statement that sets GOOS or GOARCH alone at the end of an item is held here for the next
   * item's first command, not judged (see settleCarried).
   */
  carry?: { pending?: GoEnv; urlVars?: Map<string, string>; exports?: ShellExports };
  /** A Dockerfile instruction's flags (`FROM --platform=arm`): its --platform is BuildKit's (see parseBareArch). */
  dockerFlags?: boolean;
  /**
   * What the script exports at its top level, carried on to the blocks after it (a shell file's
   * ScanState): the object is updated as the script sets GOOS and GOARCH.
   */
  exports?: ShellExports;
}

/**
 * GOOS and GOARCH as a script's own statements leave them for every later command
 * (`export GOOS=darwin`, then `GOARCH=arm64 go build`, `GOARCH=386 go build`): a Go name; null
 * when set to something else, unset, or changed where it may not hold (a function, a branch,
 * after `&&`); undefined when the script does not touch it (the environment's holds). What a
 * subshell, a pipeline or the background sets changes nothing here.
 */
export interface ShellExports {
  os?: string | null;
  arch?: string | null;
  /** Set at the top level, not exported: what a later `export GOOS` exports (null: not one known name). */
  setOs?: string | null;
  setArch?: string | null;
}

/** The GOOS and GOARCH values in force, as tokens of the text where they are set. */
export interface GoEnv {
  os?: Token;
  arch?: Token;
  /** Set in another block of the file (its top-level environment), where they are judged: names, no tokens. */
  osName?: string;
  archName?: string;
  /** Held statements: the GOOS in force when `arch` was set (what it is judged with if it is replaced unused). */
  archWith?: Token;
  /** The same as a name, when the GOOS in force then had no token here (the environment's other block, an export). */
  archWithName?: string;
  /** Set, but to what is not known here (an export in a function or a branch, `unset`): no side to pair with. */
  osUnknown?: boolean;
  /** GOOS set to a matrix axis in an environment map (`GOOS: ${{ matrix.goos }}`): the axis's key. The scripts' arches are read alone; the axis makes their pairs (see yaml.ts, matrixRoles). */
  osAxis?: string;
  archUnknown?: boolean;
  /** A Makefile's own literal GOOS and GOARCH, exported or not: what a recipe's `GOOS=$(GOOS)` gives its command (make expands it); UNKNOWN_MAKE_VALUE when it sets one not read here. */
  makeOsName?: string;
  makeArchName?: string;
}

/** A Makefile's GOOS or GOARCH that is set but not read here (`w: GOOS = $(WINOS)`): a recipe's `GOOS=$(GOOS)` is templated. */
export const UNKNOWN_MAKE_VALUE = '?';

/** The names a pair takes from the environment's other block, for the sides it has no token for. */
export function impliedNames(env: GoEnv | undefined, oses: readonly Token[], arches: readonly Token[]): { os?: string; arch?: string } | undefined {
  const os = oses.length === 0 ? env?.osName : undefined;
  const arch = arches.length === 0 ? env?.archName : undefined;
  return os || arch ? { ...(os ? { os } : {}), ...(arch ? { arch } : {}) } : undefined;
}

/** The subcommands of `docker manifest`, `podman manifest` and `buildah manifest` that take --os/--arch/--variant. */
export const MANIFEST_EDIT = /^(annotate|add)$/;
/** The podman and buildah commands that take an image's platform as --os, --arch and --variant. */
export const PODMAN_PLATFORMED = /^(build|bud|from|pull|run|create)$/;
/** Scripts inside scripts (here-documents fed to a shell, command substitutions) are scanned this many levels deep. */
const MAX_DEPTH = 4;

/** Commands whose arguments are text for people: no flags or assignments are read there (completion offers none either). */
export const PROSE_COMMANDS: ReadonlySet<string> = new Set(['echo', 'printf', 'print', 'log', 'info', 'warn', 'error', 'die', 'fatal', 'note', 'debug', 'say', 'msg', 'log_info', 'log_warn', 'log_error', 'log_debug', ':', 'kube::log::status', 'kube::log::info', 'kube::log::error',
  // PowerShell's writers
  'Write-Host', 'write-host', 'Write-Output', 'write-output', 'Write-Warning', 'Write-Error', 'Write-Verbose', 'Write-Information', 'Write-Debug',
  // cmd's comments (a `shell: cmd` step's `rem …`, `@REM …`, `:: …`)
  'rem', 'REM', 'Rem', '@rem', '@REM', '@Rem', '::']);
/** Commands whose arguments are search patterns and paths (and `git grep`). */
const SEARCH_COMMANDS: ReadonlySet<string> = new Set(['grep', 'egrep', 'fgrep', 'zgrep', 'rg', 'ag', 'ack']);
/** git commands whose arguments are patterns or revisions (`git log --grep 'GOARCH=arm'`, `-G`, `-S`), never settings. */
const GIT_SEARCHES: ReadonlySet<string> = new Set(['grep', 'log', 'show', 'rev-list', 'whatchanged', 'shortlog']);
/** Words before the real command name. */
const PREFIXES = new Set(['sudo', 'env', 'exec', 'nohup', 'command', 'time', 'then', 'else', 'elif', 'do', 'if', 'while', 'until', '!', '{', '}', 'export', 'local', 'declare', 'readonly', 'typeset',
  // cmd's assignment (`set GOOS=windows&& set GOARCH=arm`); bash's `set -e` takes flags only, also read as settings
  'set']);

/** A run of characters none of which can start a flag, an assignment, an expansion or a second word or command. */
const PLAIN_RUN = /[^\s=$\\`'";|&()<>-]*/y;

/**
 * Whether text[start, end) is one word in which nothing below can be found: most YAML values
 * (`ubuntu-latest`, `actions/checkout@v4`, `read`) are scanned as shell, and this skips the
 * masking and lexing of each. The word has no space, `=`, `$`, quote, backslash, backtick or
 * command separator, does not start with `-`, and names no host of a Kubernetes download
 * (artifacts.ts) nor a release archive (`kubernetes-server-…`).
 */
export function inertWord(text: string, start: number, end: number): boolean {
  if (end - start > 200 || text.charCodeAt(start) === 45 /* - */) return false;
  // Dashes inside the word are fine: skip them one by one.
  let i = start;
  for (;;) {
    PLAIN_RUN.lastIndex = i;
    PLAIN_RUN.test(text);
    i = PLAIN_RUN.lastIndex;
    if (i >= end) break;
    if (text.charCodeAt(i) !== 45) return false;
    i++;
  }
  const word = text.slice(start, end);
  return !KNOWN_HOST.test(word) && word.indexOf('kubernetes-') < 0;
}

/**
 * Scans text[start, end) as shell: GOOS=/GOARCH= and *_PLATFORMS assignments (also arrays and
 * make-style arguments), --platform flags, `for platform in …` lists, Kubernetes download URLs,
 * archive names, apt/dnf package arches. Echo text, comments, case labels and test expressions are
 * not platform contexts.
 */
export function scanShell(text: string, start: number, end: number, sink: MentionSink, opts: ShellOptions): void {
  if (!inertWord(text, start, end)) scanShellFully(text, start, end, sink, opts);
}

/**
 * The region text[start, end) as Windows' shells read it, where that differs from sh, or undefined
 * (most scripts: two searches of the region). cmd's comment lines (`rem …`, `@REM …`, `:: …`) are
 * blanked: cmd reads nothing after them, an `&` included (`rem old & set GOARCH=arm`). A
 * PowerShell line continuation (a backtick that ends a line after a blank: `--platform `` then the
 * value on the next line) is written as the shell's backslash, so the command reads on; only a
 * line's one backtick, as in sh it would open a substitution that the line does not close.
 */
function windowsRegion(text: string, start: number, end: number): string | undefined {
  const region = text.slice(start, end);
  const tick = region.indexOf('`');
  CMD_COMMENT.lastIndex = 0;
  const comment = region.indexOf('::') >= 0 || MAYBE_REM.test(region) ? CMD_COMMENT.exec(region) : null;
  if (tick < 0 && !comment) return undefined;
  let out = region;
  if (comment) {
    const parts: string[] = [];
    let from = 0;
    for (let m: RegExpExecArray | null = comment; m; m = CMD_COMMENT.exec(region)) {
      const at = m.index + m[1].length;
      parts.push(region.slice(from, at), ' '.repeat(m.index + m[0].length - at));
      from = m.index + m[0].length;
    }
    parts.push(region.slice(from));
    out = parts.join('');
  }
  let changed = out !== region;
  // (Rewritten as they are found: a script of thousands of lines has few.)
  const pieces: string[] = [];
  let from = 0;
  for (let k = tick; k >= 0; k = out.indexOf('`', k + 1)) {
    const next = out.charCodeAt(k + 1);
    if (next !== 10 && !(next === 13 && out.charCodeAt(k + 2) === 10)) continue;
    const before = out.charCodeAt(k - 1);
    if (before !== 32 && before !== 9) continue;
    if (out.indexOf('`', out.lastIndexOf('\n', k - 1) + 1) < k) continue;
    pieces.push(out.slice(from, k), '\\');
    from = k + 1;
  }
  if (pieces.length > 0) {
    pieces.push(out.slice(from));
    out = pieces.join('');
    changed = true;
  }
  return changed ? out : undefined;
}

/** A cmd comment line: `rem …`, `@REM …`, `:: …` (its leading blanks kept); and a quick test for one. */
const CMD_COMMENT = /^([ \t]*)(?:@?[Rr][Ee][Mm](?=[ \t\r\n]|$)|::)[^\r\n]*/gm;
const MAYBE_REM = /(?:^|\n)[ \t]*@?rem\b/i;

/** A double quote escaped by an odd number of backslashes (`\"`, not `\\"`). */
const ESCAPED_QUOTE = /(?<!\\)(?:\\\\)*\\"/g;

/**
 * The script whose commands are being scanned: how deep in others it is, and the YAML quotes its
 * text is in. A script a command holds (`sh -c "…"`, ssh's remote command) is scanned one level
 * deeper, in the same quotes (`run: 'sh -c "P=''linux/amd64 linux/riscv64'' make"'`), and not
 * beyond MAX_SCRIPT_DEPTH: `$(sh -c "$(sh -c "…")")` hundreds deep took exponential time, then
 * the stack. Set by scanShellFully around its commands, and put back after.
 */
let nesting: { depth: number; yamlQuote: '"' | "'" | undefined; dockerFlags?: boolean; platformVars?: ReadonlyMap<string, boolean>; archVars?: ReadonlyMap<string, readonly string[]>; dockerNamed?: ReadonlySet<string> } = { depth: 0, yamlQuote: undefined };

/** Scripts in scripts scanned at most (substitutions and here-documents stop at MAX_DEPTH). */
const MAX_SCRIPT_DEPTH = 8;

/** A YAML double-quoted scalar's escape of a blank: `\t`, `\n`, `\r`, an escaped space. */
const YAML_BLANK_ESCAPE = /\\[ntr ]/g;

/** Scripts inside scripts deeper than MAX_DEPTH are not read: a note says so. */
function tooDeep(sink: MentionSink, at: number): void {
  sink.note(`scripts nested more than ${MAX_DEPTH} deep (command substitutions, here-documents): the part below is not checked (depth limit)`, at);
}

/** scanShell without its shortcut for inert words (the property test holds the two equal). */
export function scanShellFully(text: string, start: number, end: number, sink: MentionSink, opts: ShellOptions): void {
  if (end <= start) return;
  const depth = opts.depth ?? 0;
  // (At the limit the substitutions are still found, to be said not checked.)
  const substitutions: number[] = [];
  // (A region Windows' shells read otherwise is masked on its own, its substitutions placed back.)
  const windows = windowsRegion(text, start, end);
  const found: number[] = windows !== undefined ? [] : substitutions;
  // (make's `$(foreach …)` loops of a recipe: see makeLoop.)
  const loops: number[] | undefined = opts.mode === 'make' && windows === undefined ? [] : undefined;
  let masked = windows === undefined ? maskTemplates(text, start, end, opts.mode, 0, substitutions, loops) : maskTemplates(windows, 0, windows.length, opts.mode, 0, found);
  if (windows !== undefined) for (const at of found) substitutions.push(at + start);
  if (opts.execForm) masked = unjson(masked);
  if (masked.indexOf("'") >= 0 && masked.indexOf('\\') >= 0) masked = blankAnsiEscapes(text, start, masked);
  // A YAML quoted scalar's escaped quotes (`"GOOS=\"linux\" go build"`, `'A=''x'''`) are quotes to the
  // shell that runs the value: the escape is read as a separator, the quote as a quote.
  if (opts.yamlQuote === '"' && masked.indexOf('\\') >= 0) {
    if (masked.indexOf('\\"') >= 0) masked = masked.replace(/\\"/g, `${SOFT}"`);
    // Its blanks written as escapes (`"GOOS=linux\tGOARCH=arm go build"`) part words as blanks do,
    // and a `\n` ends a line as the newline it is (`"# cross build\nGOARCH=arm go build"`: the
    // comment ends there). Two newlines for its two characters: a line break that the folding of a
    // quoted scalar's own line breaks (lexShell's 'yaml') keeps, as it keeps an empty line.
    masked = masked.replace(YAML_BLANK_ESCAPE, (m) => (m === '\\n' ? '\n\n' : ' '.repeat(m.length)));
  }
  else if (opts.yamlQuote === "'" && masked.indexOf("''") >= 0) masked = masked.replace(/''/g, `${SOFT}'`);
  // `sh -c "docker build --platform \"linux/arm\" ."`: each escaped quote is read as `""` (a quote
  // closed and opened again, the same word), so the one script reads as the shell runs it.
  if (opts.quotedScript && masked.indexOf('\\"') >= 0) masked = masked.replace(ESCAPED_QUOTE, (m) => `${m.slice(0, -2)}""`);
  // make takes the recipe's tab off a continued line before the shell joins the two halves of a
  // word: `--platform linux/amd64,\` then a tab and `linux/arm64` is one list.
  if (opts.mode === 'make' && masked.indexOf('\\\n\t') >= 0) masked = masked.replace(RECIPE_CONTINUATION, `$1\\\n${SOFT}`);
  const urlVars = opts.urlVars ?? new Map<string, string>();
  if (text.slice(start, end).indexOf(':=') >= 0) assignedDefaults(text.slice(start, end), urlVars);
  const lexed = lexShell(bracedBlanks(text, start, end, masked), opts.foldNewlines ?? false);
  const commands = lexed.commands;
  // `export GOOS=darwin`, `export GOARCH=386`, then `go build`: statements that set one of the two
  // are held until the next command, which builds for what they set (see scanCommand).
  let pending: GoEnv | undefined = opts.carry?.pending;
  const commandsFrom = sink.mentions.length;
  // What the script's top-level statements export holds for every command after them.
  const exports = opts.exports ?? (opts.carry ? (opts.carry.exports ??= {}) : {});
  let env = withExports(opts.env, exports);
  const shape: ScriptShape = { depth: 0, parens: 0, cases: 0, gapFrom: 0, heredoc: 0, braces: [] };
  // (What the scripts its commands hold are scanned with: see nesting.)
  const outer = nesting;
  // (The file's, when a block of it is scanned; else the script's own, or those of the script it is in.)
  const own = opts.flagVars ?? flagVariables(text, start, end);
  const platformVars = own ? own.whole : outer.platformVars;
  const archVars = own ? own.arch : outer.archVars;
  const dockerNamed = own ? own.named : outer.dockerNamed;
  nesting = { depth, yamlQuote: opts.yamlQuote, ...(opts.dockerFlags ? { dockerFlags: true } : {}), ...(platformVars ? { platformVars } : {}), ...(archVars ? { archVars } : {}), ...(dockerNamed ? { dockerNamed } : {}) };
  try {
    // Where the value held (pending) was set: in how many subshells, and on a condition.
    let held: { parens: number; conditional: boolean } | undefined;
    // The next `GO` of the text from the command on (most commands name neither GOOS nor GOARCH):
    // moved forward only, so the text is searched once whatever its length.
    let nextGo = masked.indexOf('GO');
    for (let i = 0; i < commands.length; i++) {
      const { place, lead } = placeOf(masked, commands[i], lexed.heredocs, shape);
      // A value set in a subshell now closed (`( export GOOS=darwin )`), or on a condition when
      // the next statement starts (`[ -n "$X" ] && export GOOS=darwin`): judged alone, held no longer.
      if (pending && held && (shape.parens < held.parens || (held.conditional && lead === 'statement'))) {
        usePending(sink, [], [], pending, env);
        pending = undefined;
      }
      const before = pending;
      pending = scanCommand(text, masked, start, commands[i], sink, urlVars, opts.value === true, env, pending);
      if (pending && pending !== before) held = { parens: shape.parens + (lead === 'alone' ? 1 : 0), conditional: lead === 'andor' || (held?.conditional === true && lead !== 'statement' && before !== undefined) };
      const words = commands[i].words;
      while (nextGo >= 0 && nextGo < words[0].start) nextGo = masked.indexOf('GO', nextGo + 1);
      if (nextGo >= 0 && nextGo < words[words.length - 1].end && trackExports(masked, commands[i], place, exports, opts.env)) env = withExports(opts.env, exports);
    }
  } finally {
    nesting = outer;
  }
  if (opts.carry) opts.carry.pending = pending;
  else if (pending) usePending(sink, [], [], pending, env);
  scanDefaults(text, masked, start, end, sink, commands, commandsFrom);
  if (loops) for (let k = 0; k < loops.length; k += 4) makeLoop(text, loops[k], loops[k + 1], loops[k + 2], loops[k + 3], sink);
  // The command of a substitution is masked above (its output is a value no one can know), and
  // is a script of its own: `ID=$(docker create --platform linux/arm/v7 …)`.
  if (depth < MAX_DEPTH) {
    for (let k = 0; k < substitutions.length; k += 2) {
      scanShell(text, substitutions[k], substitutions[k + 1], sink, { mode: opts.mode, foldNewlines: opts.foldNewlines ?? false, urlVars, depth: depth + 1 });
    }
  } else if (substitutions.length > 0) tooDeep(sink, substitutions[0]);
  for (const h of lexed.heredocs) {
    // A script fed to a shell is scanned as one (a few levels deep: each is a line shorter).
    // So is a list of assignments: a file of settings for a script to come (`cat <<EOF >>
    // "$GITHUB_ENV"`, an env file), or lines a loop evals (kind's `export GOOS=linux GOARCH=arm`).
    if (h.script || assignmentsOnly(masked.slice(h.start, h.end))) {
      if (depth < MAX_DEPTH) {
        scanShell(text, start + h.start, start + h.end, sink, { mode: opts.mode, urlVars, depth: depth + 1 });
        continue;
      }
      // (Too deep to read as a script: its URLs and apt lines are still read below.)
      tooDeep(sink, start + h.start);
    }
    // A Dockerfile given to a build on stdin, or written to a Dockerfile's file (its `$VAR` and `${VAR}`
    // are the shell's, which the Dockerfile reader takes as templates as well).
    if (h.dockerfile && depth < MAX_DEPTH) {
      scanDockerfile(text, start + h.start, start + h.end, sink);
      continue;
    }
    scanAptSourceLines(text, masked, start, h.start, h.end, sink, urlVars);
    scanArchiveNames(text, masked, start, h.start, h.end, sink, urlVars);
    scanUrls(text, masked, start, h.start, h.end, sink, urlVars);
  }
}

/** The environment a command runs in: the job's (`env`), with what the script exported over it. */
export function withExports(env: GoEnv | undefined, exports: ShellExports): GoEnv | undefined {
  if (exports.os === undefined && exports.arch === undefined) return env;
  const out: GoEnv = { ...env };
  if (exports.os !== undefined) {
    out.os = undefined;
    out.osAxis = undefined;
    out.osName = exports.os ?? undefined;
    if (exports.os === null) out.osUnknown = true;
  }
  if (exports.arch !== undefined) {
    out.arch = undefined;
    out.archName = exports.arch ?? undefined;
    if (exports.arch === null) out.archUnknown = true;
  }
  return out.os || out.arch || out.osName || out.archName || out.osUnknown || out.archUnknown ? out : undefined;
}

/**
 * Where the commands of a script are, as far as an export holding for the rest of it goes: how
 * many compound commands (`if`, `case`, loops, `{ }`, function bodies) and subshells are open,
 * and where the gap before the next command starts.
 */
interface ScriptShape {
  depth: number;
  parens: number;
  /** Open `case` commands: a pattern's `)` closes no subshell. */
  cases: number;
  gapFrom: number;
  /** The first here-document not yet passed (their bodies lie in the gaps between commands). */
  heredoc: number;
  /** The open braces: whether each is a function's body (true) or a group of commands run here. */
  braces: boolean[];
}

const OPENS: ReadonlySet<string> = new Set(['if', 'while', 'until', 'for', 'select', 'case']);
const CLOSES: ReadonlySet<string> = new Set(['fi', 'done', 'esac']);
const GOES_ON: ReadonlySet<string> = new Set(['then', 'else', 'elif', 'do', '!', 'time']);

/**
 * Where a command is: 'top', a statement of the script's top level, run once and unconditionally
 * in the order written (no compound command is open around it, and it follows a line break or
 * `;`, not `&&`, `||` or a pipe); 'subshell', in parentheses, where what it sets is gone after
 * them; 'nested' otherwise. Updates `shape` past it.
 */
function placeOf(masked: string, cmd: Command, heredocs: readonly Heredoc[], shape: ScriptShape): { place: 'top' | 'nested' | 'subshell'; lead: 'statement' | 'andor' | 'alone' } {
  const words = cmd.words;
  // The separators before it: parentheses open and close subshells (not in comments or here-documents).
  let last = 0;
  let beforeLast = 0;
  /** `()` in the gap: a function's name before it, its body next. */
  let emptyParens = false;
  let open = -1;
  for (let k = shape.gapFrom; k < words[0].start; k++) {
    while (shape.heredoc < heredocs.length && heredocs[shape.heredoc].end <= k) shape.heredoc++;
    const h = heredocs[shape.heredoc];
    if (h && h.start <= k) {
      k = h.end - 1;
      last = 10;
      continue;
    }
    const c = masked.charCodeAt(k);
    if (c === 35 /* # */) {
      const nl = masked.indexOf('\n', k);
      k = nl < 0 || nl > words[0].start ? words[0].start : nl - 1;
      continue;
    }
    if (shape.cases === 0 && c === 40 /* ( */) {
      shape.parens++;
      open = k;
    } else if (shape.cases === 0 && c === 41 /* ) */) {
      shape.parens = Math.max(0, shape.parens - 1);
      if (open >= 0 && masked.slice(open + 1, k).trim() === '') emptyParens = true;
    }
    // (A line break a backslash continues is no command's end.)
    if (c === 10 ? masked.charCodeAt(k - 1) !== 92 : c > 32 && c !== 92) {
      beforeLast = k > 0 ? masked.charCodeAt(k - 1) : 0;
      last = c;
    }
  }
  shape.gapFrom = words[words.length - 1].end;
  // Run apart from the script: in a pipeline (`echo | export …`, `export … | tee`) or in the background (`export … &`).
  let after = shape.gapFrom;
  while (after < masked.length && (masked.charCodeAt(after) === 32 || masked.charCodeAt(after) === 9)) after++;
  const next = masked.charCodeAt(after);
  const apart = (last === 124 /* | */ && beforeLast !== 124) || (next === 124 && masked.charCodeAt(after + 1) !== 124) || (next === 38 /* & */ && masked.charCodeAt(after + 1) !== 38 && masked.charCodeAt(after + 1) !== 62 && masked.charCodeAt(after - 1) !== 62);
  const lead = apart ? 'alone' : last === 0 || last === 10 || last === 59 /* ; */ ? 'statement' : (last === 38 || last === 124) && beforeLast === last ? 'andor' : 'statement';
  // Its reserved words: those that open and close compound commands.
  for (let k = 0; k < words.length; k++) {
    const t = masked.slice(words[k].start, words[k].end);
    if (t === '{') {
      // A function's body, or a group of commands, which runs here unless piped or put in the
      // background after its `}` (`{ export GOOS=darwin; } | cat`): what it sets is not known.
      shape.braces.push(emptyParens);
      shape.depth++;
    } else if (t === '}') {
      shape.braces.pop();
      shape.depth = Math.max(0, shape.depth - 1);
    } else if (OPENS.has(t)) {
      shape.depth++;
      if (t === 'case') shape.cases++;
      break;
    } else if (CLOSES.has(t)) {
      shape.depth = Math.max(0, shape.depth - 1);
      if (t === 'esac') shape.cases = Math.max(0, shape.cases - 1);
    } else if (!GOES_ON.has(t)) break;
  }
  // A function's body: `function name {` (the brace a word of the command: `{` after `name()` is a command of its own).
  if (masked.slice(words[0].start, words[0].end) === 'function' && words.length > 2 && masked.slice(words[words.length - 1].start, words[words.length - 1].end) === '{') {
    shape.braces.push(true);
    shape.depth++;
  }
  if (shape.parens > 0 || apart) return { place: 'subshell', lead };
  return { place: shape.depth === 0 && lead === 'statement' ? 'top' : 'nested', lead };
}

/** How a statement may export GOOS or GOARCH: `export`, and `declare -x` (or typeset's); `+x` takes it back. */
const EXPORTING_FLAGS = /^-[A-Za-z]*x/;
const UNEXPORTING_FLAGS = /^\+[A-Za-z]*x/;
/** Reserved words a command may start with before its name. */
const GROUP_WORDS: ReadonlySet<string> = new Set(['{', 'then', 'else', 'elif', 'do', '!', 'time']);

/**
 * Updates `exports` with what a command does to GOOS and GOARCH for the commands after it
 * (`export GOOS=darwin`, `unset GOARCH`; not `GOOS=linux go build`, which sets it for that one
 * command). Returns whether anything changed.
 */
function trackExports(masked: string, cmd: Command, place: 'top' | 'nested' | 'subshell', exports: ShellExports, env: GoEnv | undefined): boolean {
  const words = cmd.words;
  if (place === 'subshell') return false;
  const { nameIndex, name } = commandName(masked, words);
  let changed = false;
  const set = (side: 'os' | 'arch', value: string | null) => {
    if (exports[side] === value) return;
    exports[side] = value;
    changed = true;
  };
  // (After the reserved words that open a group or a branch: `{ export GOOS=darwin; }`, `then export …`.)
  let f = 0;
  while (f + 1 < words.length && GROUP_WORDS.has(wordText(masked, words[f]))) f++;
  const first = wordText(masked, words[f]);
  if (name === 'unset') {
    for (let k = nameIndex + 1; k < words.length; k++) {
      const t = wordText(masked, words[k]);
      if (t === 'GOOS') {
        set('os', null);
        exports.setOs = undefined;
      } else if (t === 'GOARCH') {
        set('arch', null);
        exports.setArch = undefined;
      }
    }
    return changed;
  }
  const declares = first === 'declare' || first === 'typeset' || first === 'local';
  // `declare +x GOOS`: no longer exported.
  const unexporting = declares && words.some((w) => UNEXPORTING_FLAGS.test(wordText(masked, w)));
  const declarer = first === 'export' || (declares && words.some((w, k) => k < nameIndex && EXPORTING_FLAGS.test(wordText(masked, w))));
  // (`GOOS=linux go build` sets it for its command alone.)
  if (nameIndex < words.length && !declarer && !unexporting) return false;
  for (let k = 0; k < words.length; k++) {
    const raw = masked.slice(words[k].start, words[k].end);
    const m = /^(GOOS|GOARCH)(=|$)/.exec(raw);
    if (!m) continue;
    const side = m[1] === 'GOOS' ? 'os' : 'arch';
    // Exported from here on: by this statement, or before (by the script or the environment).
    // (Not after an export that may not have run, or an unset: null, which a plain assignment leaves so.)
    const exported = declarer || unexporting || typeof exports[side] === 'string' || (side === 'os' ? env?.os ?? env?.osName : env?.arch ?? env?.archName) !== undefined;
    const setSide = side === 'os' ? 'setOs' : 'setArch';
    const assigned = m[2] === '=' ? raw.slice(m[0].length).replace(/["']/g, '') : undefined;
    const known = (v: string | undefined): v is string => v !== undefined && !/[\u0001-\u0003$`\\]/.test(v) && (side === 'os' ? isGoOs(v) : isGoArch(v));
    if (!exported) {
      // `GOOS=darwin` alone at the top level: the shell's, exported by a later `export GOOS`.
      if (place === 'top' && nameIndex >= words.length && !declares && assigned !== undefined) exports[setSide] = known(assigned) ? assigned : null;
      continue;
    }
    // (`export GOOS` with no value exports the value it has: one set before, or the exported one.)
    const has = typeof exports[side] === 'string' ? exports[side] : exports[setSide];
    const value = assigned ?? (declarer ? has ?? undefined : undefined);
    const literal = known(value);
    // (`local -x GOOS=darwin` holds in its function only.)
    set(side, place === 'top' && literal && !unexporting && first !== 'local' ? value : null);
  }
  return changed;
}

/** `NAME=` (or `NAME+=`) just before an expansion: the value of a shell assignment. */
const ASSIGNMENT_BEFORE = /(?:^|[\s;&|(])[A-Za-z_][A-Za-z0-9_]*\+?=\$?$/;

/**
 * masked, with the blanks inside an unquoted `${NAME:-a b}` that is an assignment's value made SOFT
 * for the lexer alone: an assignment is not split at them (`P=${P:-linux/amd64 linux/arm}` assigns
 * both), while the list readers still split the default at its blanks in masked. (A command's
 * argument is split: `${FLAGS:---platform linux/arm}` passes two words.)
 */
function bracedBlanks(text: string, start: number, end: number, masked: string): string {
  if (masked.indexOf(SOFT) < 0) return masked;
  const region = text.slice(start, end);
  let out: string[] | undefined;
  let from = 0;
  DEFAULT_VALUE.lastIndex = 0;
  for (let m = DEFAULT_VALUE.exec(region); m; m = DEFAULT_VALUE.exec(region)) {
    const vs = m.index + m[0].length - 1 - m[2].length;
    if (!/[ \t]/.test(m[2]) || masked[vs - 1] !== SOFT || !ASSIGNMENT_BEFORE.test(region.slice(Math.max(0, m.index - 64), m.index))) continue;
    out ??= [];
    out.push(masked.slice(from, vs));
    out.push(masked.slice(vs, vs + m[2].length).replace(/[ \t]/g, SOFT));
    from = vs + m[2].length;
  }
  if (!out) return masked;
  out.push(masked.slice(from));
  return out.join('');
}

/** The options of read and of mapfile that take a value (the cluster's rest or the next word). */
const READ_VALUE_OPTIONS = { read: 'adinNptu', mapfile: 'dnOsuCc' } as const;

/** `< <(printf '%s\n' a b)` or `< <(echo a b)` after a command: the words it prints, a span of masked. */
const PRINTED_INPUT = /^[ \t]*<[ \t]*<\([ \t]*(?:printf[ \t]+(?:'[^'\n]*'|"[^"\n]*")|echo(?:[ \t]+-[neE]+)*)[ \t]+([^()\n`$|;&<>]*?)[ \t]*\)/;

/**
 * A platform-ish array or variable filled from a literal: `IFS=, read -ra KUBE_BUILD_PLATFORMS <<<
 * "linux/amd64,linux/arm"`, `mapfile -t PLATFORMS < <(printf '%s\n' linux/amd64 linux/arm/v7)`.
 * Each name read is a value of the variable, as in its assignment.
 */
function readInto(text: string, masked: string, base: number, cmd: Command, nameIndex: number, name: string, sink: MentionSink): void {
  const words = cmd.words;
  const options = name === 'read' ? READ_VALUE_OPTIONS.read : READ_VALUE_OPTIONS.mapfile;
  const names: string[] = [];
  let array: string | undefined;
  let input: { s: number; e: number } | undefined;
  for (let k = nameIndex + 1; k < words.length; k++) {
    if (masked.slice(words[k - 1].end, words[k].start).indexOf('<<<') >= 0) {
      input = unquote(masked, words[k]);
      break;
    }
    const raw = wordText(masked, words[k]);
    if (raw.length > 1 && raw[0] === '-' && names.length === 0) {
      for (let c = 1; c < raw.length; c++) {
        if (options.indexOf(raw[c]) < 0) continue;
        const optionValue = c + 1 < raw.length ? raw.slice(c + 1) : k + 1 < words.length ? wordText(masked, words[++k]) : '';
        if (name === 'read' && raw[c] === 'a') array = optionValue;
        break;
      }
      continue;
    }
    names.push(raw);
  }
  const variable = name === 'read' ? (array ?? (names.length === 1 ? names[0] : undefined)) : names[0];
  const role = variable !== undefined ? roleOf(variable) : undefined;
  if (!role || role === 'variant') return;
  if (!input && name !== 'read') {
    const after = words[words.length - 1].end;
    const printed = PRINTED_INPUT.exec(masked.slice(after, after + 4096));
    if (printed) {
      const e = after + printed[0].lastIndexOf(printed[1]) + printed[1].length;
      input = { s: e - printed[1].length, e };
    } else if (cmd.heredoc) input = { s: cmd.heredoc.start, e: cmd.heredoc.end };
  } else if (!input && cmd.heredoc) {
    // read takes the here-document's first line (`read -ra PLATFORMS <<EOF`).
    const { start, end } = cmd.heredoc;
    const eol = masked.indexOf('\n', start);
    input = { s: start, e: eol < 0 || eol > end ? end : eol };
  }
  if (!input) return;
  const context = `${name} ${variable}`;
  if (role === 'platform') {
    readPlatformList(sink, { text, masked, maskBase: base, start: base + input.s, end: base + input.e, role, context, canonical: varCanonical(variable!, nesting.dockerNamed) });
    return;
  }
  // The printed words may be quoted one by one: each is read as its own list.
  for (const t of readPlatformList(sink, { text, masked, maskBase: base, start: base + input.s, end: base + input.e, role, context })) emitName(sink, role, t, context);
}

/** Words that declare the assignments after them (with flags such as `-x`). */
const DECLARERS: ReadonlySet<string> = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);

/**
 * Whether a here-document's body (masked) is statements of assignments only, one or more, each
 * maybe declared (`export GOOS=linux GOARCH=arm`): settings, not a message or a file of another kind.
 */
function assignmentsOnly(body: string): boolean {
  if (body.indexOf('=') < 0) return false;
  const { commands, heredocs } = lexShell(body, false);
  if (commands.length === 0 || heredocs.length > 0) return false;
  for (const c of commands) {
    let k = 0;
    if (k < c.words.length && DECLARERS.has(body.slice(c.words[k].start, c.words[k].end))) {
      k++;
      while (k < c.words.length && body.charCodeAt(c.words[k].start) === 45 /* - */) k++;
    }
    if (k === c.words.length) return false;
    for (; k < c.words.length; k++) if (!ASSIGNMENT.test(body.slice(c.words[k].start, c.words[k].end))) return false;
  }
  return true;
}

/** A `--platform` flag among the words of a value, and where its list starts. */
const FLAG_IN_VALUE = /(?:^|[ \t,"'\u0002])(?:--platforms?(?:=|[ \t]+)|--set[ \t]+["']?[A-Za-z0-9_*-]+(?:\.[A-Za-z0-9_*-]+)*\.platforms?=)(?=[^\s-])/g;

/** The platform lists of the `--platform` flags written in a variable's value (masked[s, e)). */
function flagsInValue(text: string, masked: string, base: number, s: number, e: number, name: string, sink: MentionSink): void {
  const value = masked.slice(s, e);
  FLAG_IN_VALUE.lastIndex = 0;
  for (let m = FLAG_IN_VALUE.exec(value); m; m = FLAG_IN_VALUE.exec(value)) {
    const from = m.index + m[0].length;
    let to = from;
    while (to < value.length && value[to] !== ' ' && value[to] !== '\t' && value[to] !== '\n') to++;
    readPlatformList(sink, { text, masked, maskBase: base, start: base + s + from, end: base + s + to, role: 'platform', context: `${name} --platform`, canonical: 'slash' });
  }
}

/** `,NAME=` in a value: more assignments joined to it with commas (`GOOS=linux,GOARCH=amd64,CGO_ENABLED=0`). */
const JOINED_ASSIGNMENT = /,([A-Za-z_][A-Za-z0-9_]*)=/g;

/** BuildKit's arch variable, which holds containerd's names (see Token.containerArch). */
export const BUILDKIT_ARCH = /^TARGETARCH$/i;

/**
 * The value masked[vs, ve) of `NAME=value`, read as NAME's when NAME is platform-ish:
 * a list, or GOOS/GOARCH names that join `oses` or `arches` for the pairs. Returns
 * the names read (a variant's too), undefined when NAME is not platform-ish.
 */
function readAssigned(text: string, masked: string, base: number, name: string, vs: number, ve: number, sink: MentionSink, oses: Token[], arches: Token[], goArchOnly = false): Token[] | undefined {
  const role = roleOf(name);
  if (!role) return undefined;
  // One word of assignments joined with commas, split later by the script (k6's build env): each
  // is an assignment of its own, not an item of this one's list.
  const value = masked.slice(vs, ve);
  if (value.indexOf('=') > 0) {
    JOINED_ASSIGNMENT.lastIndex = 0;
    const joined = [...value.matchAll(JOINED_ASSIGNMENT)];
    if (joined.length > 0) {
      const own = readAssigned(text, masked, base, name, vs, vs + joined[0].index, sink, oses, arches);
      for (let k = 0; k < joined.length; k++) {
        const at = vs + joined[k].index + joined[k][0].length;
        const to = k + 1 < joined.length ? vs + joined[k + 1].index : ve;
        if (roleOf(joined[k][1]) !== 'variant') readAssigned(text, masked, base, joined[k][1], at, to, sink, oses, arches);
      }
      return own;
    }
  }
  // (A name twice in the list is a repeat: `GOARCH="${GOARCH:-arm64,amd64,amd64}"`.)
  // (`PLATFORMS="amd64 arm arm64"`: arches alone, linux's.)
  const bareArch = role === 'platform' && isBareArchList(name, masked, base, base + vs, base + ve);
  const names = markRepeats(readPlatformList(sink, { text, masked, maskBase: base, start: base + vs, end: base + ve, role, context: name, canonical: varCanonical(name, nesting.dockerNamed), ...(bareArch ? { bareArch } : {}), ...(goArchOnly ? { goArchOnly } : {}) }));
  // A list (`GOARCH="${GOARCH:-arm,arm64,riscv64}"`, a script looping over it): each is built.
  if (role === 'os') for (const t of names) oses.push(t);
  else if (role === 'arch') for (const t of names) arches.push(BUILDKIT_ARCH.test(name) ? { ...t, containerArch: true } : t);
  return names;
}

/**
 * A value of bake's `--set`: `TARGET.platform=…` (a platform list) or `TARGET.args.NAME=…` (a build
 * argument, read as an assignment). False when `raw` (the word masked[w.start, w.end)) is neither.
 */
function bakeSet(text: string, masked: string, base: number, w: { start: number; end: number }, raw: string, sink: MentionSink, oses: Token[], arches: Token[]): boolean {
  const bake = BAKE_SET.exec(raw);
  if (bake) {
    const u = unquote(masked, { start: w.start + bake[0].length, end: w.end });
    readPlatformList(sink, { text, masked, maskBase: base, start: base + u.s, end: base + u.e, role: 'platform', context: 'bake --set platform', canonical: 'slash' });
    return true;
  }
  const arg = BAKE_SET_ARG.exec(raw);
  if (!arg) return false;
  const u = unquote(masked, { start: w.start + arg[0].length, end: w.end });
  if (roleOf(arg[1]) !== 'variant') readAssigned(text, masked, base, arg[1], u.s, u.e, sink, oses, arches);
  return true;
}

/** A variable's value that is a command line: it runs `env`, or joins commands (`cd /src && …`). */
const COMMAND_LINE_VALUE = /(?:^|[ \t\n])env[ \t]|[;&|({]/;
/** Where one command of such a line ends and the next starts: `&&`, `||`, `;`, `|`, `&`, a group's brackets, a line break. */
const COMMAND_CUT = /&&|\|\||[;&|(){}\n]/g;

/**
 * A word of a variable's value: `NAME=` (with what follows; also carried by a flag,
 * `--build-arg=GOARCH=arm`), a flag, or another word.
 */
const VALUE_WORD = /[ \t\n]*(?:(?:--?[A-Za-z0-9-]+=)?([A-Za-z_][A-Za-z0-9_]*)=|(-)|)([^ \t\n]*)/y;

/**
 * Platform-ish assignments held in a variable's value for a command line to come (`GO_ENV="GOOS=linux
 * GOARCH=arm"`, `MAKE_VARS+=" BINARY_PLATFORMS=linux/arm"`), read as the Makefile's `GO_ENV = GOOS=…`
 * is. False when the value holds none.
 */
function assignmentsInValue(text: string, masked: string, base: number, s: number, e: number, sink: MentionSink): boolean {
  const value = masked.slice(s, e);
  if (value.indexOf('=') < 0) return false;
  const oses: Token[] = [];
  const arches: Token[] = [];
  let found = false;
  // The assignments that open the value, among flags (`-e GOARCH=arm`); prose (`run with GOARCH=arm`) has none.
  // A command line kept for later (`BUILD_CMD="cd /src && env GOOS=linux GOARCH=arm go test"`, run
  // by `bash -c "$BUILD_CMD"`): those that open each of its commands, after `env` too, each
  // command's pair its own (`cd /src;GOOS=linux …`, `(GOOS=… )`, `a | GOOS=…`: as the shell cuts them).
  const commands = COMMAND_LINE_VALUE.test(value);
  let from = 0;
  while (from <= value.length) {
    let to = value.length;
    if (commands) {
      COMMAND_CUT.lastIndex = from;
      const cut = COMMAND_CUT.exec(value);
      if (cut) to = cut.index;
    }
    const command = value.slice(from, to);
    VALUE_WORD.lastIndex = 0;
    for (let m = VALUE_WORD.exec(command); m && m[0].length > 0; m = VALUE_WORD.exec(command)) {
      if (m[1] === undefined) {
        if (m[2] !== undefined || m[3] === '\\' || (commands && m[3] === 'env')) continue;
        break;
      }
      const role = roleOf(m[1]);
      if (!role || role === 'variant') continue;
      const end = from + m.index + m[0].length;
      found = true;
      readAssigned(text, masked, base, m[1], s + end - m[3].length, s + end, sink, oses, arches);
    }
    if (oses.length > 0 || arches.length > 0) emitPairs(sink, oses.slice(0, 1), arches.slice(0, 1), undefined, 'GOOS/GOARCH');
    oses.length = 0;
    arches.length = 0;
    if (to >= value.length) break;
    from = to + (value.startsWith('&&', to) || value.startsWith('||', to) ? 2 : 1);
  }
  return found;
}

/** `${NAME:=default}`: an expansion that sets NAME when it is unset or empty. */
const ASSIGN_DEFAULT = /\$\{([A-Za-z_][A-Za-z0-9_]*):=/g;

const MAX_DEFAULT_LENGTH = 1000;

/** `: "${CDN:=https://cdn.dl.k8s.io/release/v1.31.0}"`: the download URL the expansion sets its variable to. */
function assignedDefaults(region: string, urlVars: Map<string, string>): void {
  ASSIGN_DEFAULT.lastIndex = 0;
  for (let m = ASSIGN_DEFAULT.exec(region); m; m = ASSIGN_DEFAULT.exec(region)) {
    const from = m.index + m[0].length;
    // A default is a URL, not a page: nested expansions are read so far (a line of thousands is not read again for each).
    const stop = Math.min(region.length, from + MAX_DEFAULT_LENGTH);
    let depth = 1;
    let k = from;
    for (; k < stop && depth > 0; k++) {
      if (region[k] === '{') depth++;
      else if (region[k] === '}') depth--;
      else if (region[k] === '\n') break;
    }
    if (depth !== 0) continue;
    const prefix = downloadPrefix(region.slice(from, k - 1)) ?? registryVariable(region.slice(from, k - 1));
    if (prefix !== undefined) urlVars.set(m[1], prefix);
  }
}

/** A continued recipe line's tab, which make removes, after a word that goes on there. */
const RECIPE_CONTINUATION = /([^\s\\])\\\n\t/g;

/** A bash ANSI-C quoted string, `$'…'` (a backslash escapes its quote); a recipe's `$$'…'` is masked before its quote. */
const ANSI_C = /[$\u0001]'(?:[^'\\]|\\[^])*'/g;
/** Escapes that bash decodes to whitespace or a comma in `$'…'` (list separators), or any other escape (kept). */
const SEPARATOR_ESCAPE = /\\(?:[ntrvf]|x(?:20|09|0[a-dA-D]|2[cC])|0?(?:40|11|12|15|54)|[^])/g;

/**
 * `$'linux/amd64\nlinux/arm'` with its whitespace and comma escapes blanked: bash decodes them
 * to separators (`KUBE_BUILD_PLATFORMS=$'linux/amd64\nlinux/arm'` is two platforms). An escaped
 * quote (`$'can\'t'`) is made a letter: the lexer ends a quoted word at the next quote. `masked`
 * is text from `start`, masked; offsets are kept.
 */
function blankAnsiEscapes(text: string, start: number, masked: string): string {
  return masked.replace(ANSI_C, (q, at: number) => (text[start + at] !== '$' || q.indexOf('\\') < 0 ? q : q.replace(SEPARATOR_ESCAPE, (m) => (m === "\\'" ? '__' : m.length === 2 && !/[ntrvf]/.test(m[1]) ? m : ' '.repeat(m.length)))));
}

function unquote(masked: string, w: Word): { s: number; e: number } {
  let s = w.start;
  let e = w.end;
  const first = masked[s];
  if ((first === '"' || first === "'") && masked[e - 1] === first && e - s >= 2) {
    s++;
    e--;
    // Empty strings joined on (`""linux/arm""`: an escaped quote in `sh -c "…"`, see quotedScript).
    while (e - s >= 2 && masked[s] === first && masked[s + 1] === first && masked[e - 1] === first && masked[e - 2] === first) {
      s += 2;
      e -= 2;
    }
  } else if (first === '$' && masked[s + 1] === "'" && masked[e - 1] === "'" && e - s >= 3) {
    // bash's ANSI-C quoting: $'linux/amd64\nlinux/arm64'.
    s += 2;
    e--;
  }
  return { s, e };
}

function unquotedWord(masked: string, w: Word): Word {
  const u = unquote(masked, w);
  return u.s === w.start ? w : { ...w, start: u.s, end: u.e };
}

/**
 * masked[s, e) without the SOFT and ALTERNATIVE characters at its ends: where a template's wrapper
 * was (`"${TARGETARCH:-arm}"`, a YAML quote's escape) and before each of an expression's choices.
 */
function maskTrimmed(masked: string, s: number, e: number): { s: number; e: number } {
  while (s < e && (masked.charCodeAt(s) === 2 || masked.charCodeAt(s) === 3)) s++;
  while (e > s && (masked.charCodeAt(e - 1) === 2 || masked.charCodeAt(e - 1) === 3)) e--;
  return { s, e };
}

/** A word without the SOFT characters that open it (where `${NAME:-` was). */
function softTrimmed(masked: string, w: Word): Word {
  let s = w.start;
  while (s < w.end && masked.charCodeAt(s) === 2 /* SOFT */) s++;
  return s === w.start ? w : { ...w, start: s };
}

function wordText(masked: string, w: Word): string {
  const raw = masked.slice(w.start, w.end);
  return raw.indexOf('"') < 0 && raw.indexOf("'") < 0 ? raw : raw.replace(/["']/g, '');
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[[^\]=]*\])?(\+?=)/;
/** An associative array's key that is written as a slash platform: `[linux/arm/v7]=…`. */
const PLATFORM_KEY = /^[A-Za-z0-9_]+\/[A-Za-z0-9_]+(?:\/[A-Za-z0-9_]+)?$/;
/** The index of an item of an indexed array: `([0]=linux/amd64 [1]=linux/arm64)`. */
const ARRAY_INDEX = /^\[[^\]=]*\]\+?=/;
/** A bake override of a target's platforms: `*.platform=`, `app.platform=`. */
const BAKE_SET = /^["']?[A-Za-z0-9_*-]+(?:\.[A-Za-z0-9_*-]+)*\.platforms?=/;
/** `TARGET.args.NAME=`: a build argument set on a bake target. */
const BAKE_SET_ARG = /^["']?[A-Za-z0-9_*-]+\.args\.([A-Za-z_][A-Za-z0-9_]*)=/;
/**
 * `--os`, `--arch`, `--variant` of `docker manifest annotate`, alone or with `=value`; skopeo's
 * `--override-os`, `--override-arch`, `--override-variant`.
 */
const MANIFEST_FLAG = /^--(override-)?(os|arch|variant)(=|$)/;

/** `$PKG_MGR install …`, `"${PACKAGE_MANAGER}" install …`: a package manager chosen at run time. */
const PACKAGE_MANAGER_VAR = /^["']?\$\{?[A-Za-z_]*(?:PKG|PACKAGE|PM|APT|YUM|DNF)[A-Za-z_]*\}?["']?$/i;
const INSTALLING = new Set(['install', 'reinstall', 'download', 'upgrade']);

/** Commands that run another in a root, a container or a machine: `chroot /srv/rootfs apt-get install …`. */
const WRAPPERS: ReadonlySet<string> = new Set(['chroot', 'arch-chroot', 'schroot', 'systemd-nspawn', 'docker', 'podman', 'nerdctl', 'kubectl', 'lxc', 'lxc-attach', 'multipass', 'toolbox', 'distrobox']);

/** The package manager a wrapper runs (its word's index and name), if a word after the wrapper names one. */
function wrappedPackageManager(masked: string, words: readonly Word[], nameIndex: number): { index: number; name: string } | undefined {
  for (let k = nameIndex + 1; k < words.length; k++) {
    const name = wordText(masked, words[k]).replace(/^.*\//, '');
    if (PACKAGE_MANAGERS.has(name)) return { index: k, name };
  }
  return undefined;
}

function packageManager(text: string, base: number, words: Word[], nameIndex: number): string | undefined {
  const command = words[nameIndex];
  const next = words[nameIndex + 1];
  if (!command || !next || !PACKAGE_MANAGER_VAR.test(text.slice(base + command.start, base + command.end))) return undefined;
  return INSTALLING.has(text.slice(base + next.start, base + next.end)) ? 'dnf' : undefined;
}

/**
 * The held values a statement replaces (`export GOARCH=arm`, then `export GOARCH=riscv64`): no
 * build used them, but they were set, and are judged as what they were set as. A GOARCH with the
 * GOOS in force when it was set (windows/arm, unknown; without it, it is not linux/arm); a GOOS
 * alone, as its GOARCH goes on to a build that is judged (or with the GOARCH replaced beside it).
 */
function judgeReplaced(sink: MentionSink, replacesOs: boolean, replacesArch: boolean, pending: GoEnv | undefined): void {
  const os = replacesOs ? pending?.os : undefined;
  const arch = replacesArch ? pending?.arch : undefined;
  if (arch) {
    // (Not a GOOS set after it: `GOARCH=s390x`, `GOOS=darwin`, then `GOARCH=arm64 go build` built no darwin/s390x.)
    const inForce = os ?? pending?.archWith;
    emitPairs(sink, inForce ? [inForce] : [], [arch], undefined, 'GOOS/GOARCH', undefined, inForce || pending?.archWithName === undefined ? undefined : { os: pending.archWithName });
  } else if (os) emitPairs(sink, [os], [], undefined, 'GOOS/GOARCH');
}

/**
 * Which of GOOS and GOARCH a command sets to a templated value (`GOOS=${{ matrix.os }} GOARCH=arm`).
 * The other is judged alone, as a name (arm: every Kubernetes platform with it was removed), never
 * with the environment's or an earlier statement's value, which the template replaces.
 */
interface Templated {
  os?: boolean;
  arch?: boolean;
}

/** Whether `value` is make's reference to its variable `name` (`$(GOOS)`, `${GOOS}`). */
function isMakeReference(value: string, name: string): boolean {
  const open = value.charCodeAt(1);
  const close = open === 40 ? 41 : open === 123 ? 125 : -1;
  return value.charCodeAt(0) === 36 && close > 0 && value.length === name.length + 3 && value.startsWith(name, 2) && value.charCodeAt(value.length - 1) === close;
}

/** Whether `value` is the variable `name` itself (`$GOOS`, `${GOOS}`): an assignment that changes nothing. */
function isSelfReference(value: string, name: string): boolean {
  const braced = value.charCodeAt(1) === 123;
  return value.charCodeAt(0) === 36 && value.length === name.length + (braced ? 3 : 1) && value.startsWith(name, braced ? 2 : 1) && (!braced || value.charCodeAt(value.length - 1) === 125);
}

/** Judges what the last item of a script list left held (see ShellOptions.carry). */
export function settleCarried(sink: MentionSink, carry: NonNullable<ShellOptions['carry']>, env: GoEnv | undefined): void {
  if (carry.pending) usePending(sink, [], [], carry.pending, carry.exports ? withExports(env, carry.exports) : env);
  carry.pending = undefined;
}

/** Whether an arch written (`arm64`, `aarch64`) is a Go arch whose variant variable is not `variantKey` (GOAMD64 means nothing to arm64). */
export function variantOfAnother(written: string, variantKey: string): boolean {
  const arch = resolveArch(written.toLowerCase())?.arch;
  return arch !== undefined && VARIANT_KEY.get(arch)?.key !== variantKey;
}

/**
 * Emits the GOOS/GOARCH of a command: its own, else those that statements right before it set
 * (`pending`), else those of the environment (`env`). A pending value the command replaces was
 * never built with: it is judged alone.
 */
function usePending(sink: MentionSink, oses: Token[], arches: Token[], pending: GoEnv | undefined, env: GoEnv | undefined, variant?: Token, templated?: Templated, variantKey?: string): void {
  // (A template replaces too: `GOARCH=arm`, then `GOARCH=$ARCH go build`.)
  judgeReplaced(sink, oses.length > 0 || templated?.os === true, arches.length > 0 || templated?.arch === true, pending);
  if (pending?.os && oses.length === 0 && !templated?.os) oses.push(pending.os);
  if (pending?.arch && arches.length === 0 && !templated?.arch) arches.push(pending.arch);
  if (oses.length === 0 && arches.length === 0) return;
  // The other half from the environment: GOARCH=arm under a job's `GOOS: freebsd` builds freebsd/arm.
  if (oses.length === 0 && env?.os && !templated?.os) oses.push(env.os);
  else if (arches.length === 0 && env?.arch && !templated?.arch) arches.push(env.arch);
  // Nor does it take a name for the templated side from the environment's other block.
  if (templated && env) env = { ...env, ...(templated.os ? { os: undefined, osName: undefined } : {}), ...(templated.arch ? { arch: undefined, archName: undefined } : {}) };
  const from = sink.mentions.length;
  // Go reads GOARM, GOAMD64 and GOARM64 for their own arch only: `GOARCH=arm64 GOAMD64=v3` builds linux/arm64.
  const variantOf = (a: readonly Token[]) => (variantKey === undefined || a.length === 0 || !a.every((t) => variantOfAnother(t.text, variantKey)) ? variant : undefined);
  // A list on one side (`GOARCH="arm64,riscv64"` after `GOOS=darwin`): each is built, with the other side.
  if ((oses.length > 1 && arches.length <= 1) || (arches.length > 1 && oses.length <= 1)) {
    for (const os of oses.length > 1 ? oses : [undefined]) for (const arch of arches.length > 1 ? arches : [undefined]) {
      const o = os ? [os] : oses;
      const a = arch ? [arch] : arches;
      emitPairs(sink, o, a, variantOf(a), 'GOOS/GOARCH', undefined, impliedNames(env, o, a));
    }
  } else emitPairs(sink, oses, arches, variantOf(arches), 'GOOS/GOARCH', undefined, impliedNames(env, oses, arches));
  // A side set to what is not known here (`GOOS=$X`, an export in a function): the pairs say so (hover).
  const unknownOs = oses.length === 0 && !env?.os && !env?.osName && (templated?.os === true || env?.osUnknown === true);
  const unknownArch = arches.length === 0 && !env?.arch && !env?.archName && (templated?.arch === true || env?.archUnknown === true);
  if (!unknownOs && !unknownArch) return;
  for (let k = from; k < sink.mentions.length; k++) {
    const m = sink.mentions[k];
    if (m.kind !== 'pair') continue;
    if (unknownOs && !m.os && m.osName === undefined) m.osUnknown = true;
    if (unknownArch && !m.arch && m.archName === undefined) m.archUnknown = true;
  }
}

/**
 * A script's own command that sets a variable (kubernetes-csi's release tools: `configvar
 * CSI_PROW_BUILD_PLATFORMS "linux amd64 amd64; linux arm arm -arm" "description"`): a name
 * named for platforms, then its value in quotes, read as an assignment's is when it is a table of
 * builds or wholly platforms of known names (nothing else is taken for a value there).
 */
function settingCommand(text: string, masked: string, base: number, words: readonly Word[], nameIndex: number, sink: MentionSink): void {
  if (nameIndex + 2 >= words.length) return;
  const name = wordText(masked, words[nameIndex + 1]);
  if (!UPPER_NAME.test(name) || roleOf(name) !== 'platform') return;
  const w = words[nameIndex + 2];
  const u = unquote(masked, w);
  if (u.s === w.start) return;
  if (buildRowsOf(masked.slice(u.s, u.e)) === undefined && !isPlatformListValue(masked, base, base + u.s, base + u.e, text)) return;
  readPlatformList(sink, { text, masked, maskBase: base, start: base + u.s, end: base + u.e, role: 'platform', context: name, canonical: varCanonical(name, undefined) });
}

/** Prometheus' build tool, by name or by the make variable that names it (`$(PROMU) crossbuild`). */
const PROMU = /^(?:\$[({]PROMU[)}]|\$PROMU|(?:.*\/)?promu)$/;

/** Whether a command is `promu crossbuild` (whose `-p` is a platform). */
function promuCrossbuild(text: string, masked: string, base: number, words: readonly Word[], nameIndex: number): boolean {
  const w = words[nameIndex];
  return w !== undefined && PROMU.test(text.slice(base + w.start, base + w.end)) && words.some((x) => wordText(masked, x) === 'crossbuild');
}

/** Where a command's name is among its words (after prefixes such as sudo and leading assignments), and the name without its folder. */
function commandName(masked: string, words: readonly Word[]): { nameIndex: number; name: string } {
  let nameIndex = 0;
  while (nameIndex < words.length) {
    const t = wordText(masked, words[nameIndex]);
    if (PREFIXES.has(t) || (ASSIGNMENT.test(t) && !words[nameIndex].array) || words[nameIndex].array) nameIndex++;
    else if (nameIndex > 0 && t.startsWith('-') && PREFIXES.has(wordText(masked, words[nameIndex - 1]))) nameIndex++;
    else break;
  }
  return { nameIndex, name: nameIndex < words.length ? wordText(masked, words[nameIndex]).replace(/^.*\//, '') : '' };
}

const SHELL_NAME = /^(?:.*\/)?(ba|z|da|k)?sh$/;
const PWSH_NAME = /^(?:.*[/\\])?(?:pwsh|powershell)(?:\.exe)?$/i;
/** PowerShell's flag for a script, and its abbreviations (`-c`, `-Command`, `-command`). */
const PWSH_COMMAND = /^-(?:c|com|command)$/i;

/** Commands that test and compare: their words are operands, not downloads. */
const TEST_COMMANDS: ReadonlySet<string> = new Set(['[', '[[', 'test']);

/**
 * Whether a one-word command is a pattern of a `case` branch: after `in`, `;;` or `(`, and before
 * the `)` that ends the patterns or a `|` between them (`linux-arm.tar.gz|linux-386.tar.gz)`).
 */
function isCasePattern(masked: string, words: readonly Word[]): boolean {
  if (words.length !== 1) return false;
  let a = words[0].end;
  while (a < masked.length && (masked[a] === ' ' || masked[a] === '\t')) a++;
  if (masked[a] !== ')' && !(masked[a] === '|' && masked[a + 1] !== '|')) return false;
  let b = words[0].start;
  while (b > 0 && /\s/.test(masked[b - 1])) b--;
  const c = masked[b - 1];
  return c === '(' || c === ';' || c === '&' || (c === '|' && masked[b - 2] !== '|') || (c === 'n' && masked[b - 2] === 'i' && (b < 3 || /\s/.test(masked[b - 3])));
}

/** How far back (characters) a command looks for the `case` it is a branch of, and for what its subject holds. */
const CASE_LOOKBACK = 4000;
/** ` in` ending a `case` head's line. */
const CASE_IN = /[ \t]in(?=[ \t;]|$)/;
const ESAC = /(?:^|[\s;&])esac(?=[\s;&)]|$)/;
/** What names the machine a script runs on: `uname -m`, `dpkg --print-architecture`, the runner's RUNNER_OS/RUNNER_ARCH. */
const HOST_DETECTION = /\buname\b|\bdpkg[ \t]+--print-architecture|\bRUNNER_(?:OS|ARCH)\b|\b(?:HOST|MACH|OS)TYPE\b|\$\([ \t]*arch[ \t]*\)|`[ \t]*arch[ \t]*`|\bgo[ \t]+env\b|\brpm[ \t]+--eval/;
/** `$name`, `${name}`, `${name[1]}` or `${name##*-}` in a case subject or a condition. */
const VARIABLE_REF = /\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:\[[^\]}]{0,20}\])?(?:[#%/^,:][^}]*)?\})/g;
/** How many variables of a subject or condition are looked up. */
const MAX_SUBJECT_VARIABLES = 4;
/** How long an `if`'s condition is read, at most (characters). */
const MAX_CONDITION = 400;
const THEN = /(?:^|[\s;&|])then(?=[\s;]|$)/g;
const IF_ELIF = /(?:^|[\s;&|!])(?:el)?if(?=[\s]|$)/g;
const FI = /(?:^|[\s;&|])fi(?=[\s;&|)]|$)/;

/**
 * Whether `written` (a case subject or a condition, as written) reads what the host is: uname and
 * the like, or a variable set from them in the `CASE_LOOKBACK` characters before `at`
 * (`machine=$(uname -m)` … `case "${os}-${machine}" in`).
 */
function readsHost(text: string, base: number, written: string, at: number): boolean {
  if (HOST_DETECTION.test(written)) return true;
  const earlier = text.slice(Math.max(base, at - CASE_LOOKBACK), at);
  VARIABLE_REF.lastIndex = 0;
  let n = 0;
  for (let m = VARIABLE_REF.exec(written); m && n < MAX_SUBJECT_VARIABLES; m = VARIABLE_REF.exec(written), n++) {
    const name = m[1] ?? m[2];
    const set = new RegExp(`(?:^|[\\s;&])(?:local[ \\t]+|export[ \\t]+|readonly[ \\t]+)?${name}=([^\\n;]*)`, 'g');
    let value: string | undefined;
    for (let v = set.exec(earlier); v; v = set.exec(earlier)) value = v[1];
    if (value !== undefined && HOST_DETECTION.test(value)) return true;
    // (Or read from it: `read -r -a sysInfo <<< "$(uname -sm)"`, then `case "${sysInfo[1]}" in`.)
    const named = new RegExp(`\\b${name}\\b`);
    let line: string | undefined;
    READ_STATEMENT.lastIndex = 0;
    for (let v = READ_STATEMENT.exec(earlier); v; v = READ_STATEMENT.exec(earlier)) if (named.test(v[1])) line = v[1];
    if (line !== undefined && HOST_DETECTION.test(line)) return true;
  }
  return false;
}

/**
 * Whether masked[at] is in a branch of a `case` on what the host is (`case "$(uname -m)" in`,
 * `case "${RUNNER_OS}/${RUNNER_ARCH}" in`, `case "${os}-${machine}" in` on variables set from
 * one), of an `if` or `elif` that compares it (`if [ "$machine" = armv7l ]; then`), or after
 * such a test and `&&`: there, `host=linux/arm` names the machine found, not a platform to build.
 * (Comparisons with uname's output are no platform context.)
 */
function inHostCase(text: string, masked: string, base: number, at: number): boolean {
  const from = Math.max(0, at - CASE_LOOKBACK);
  const before = masked.slice(from, at);
  return inHostCaseBranch(text, base, from, before) || inHostIf(text, base, from, before) || afterHostTest(text, masked, base, at);
}

function inHostCaseBranch(text: string, base: number, from: number, before: string): boolean {
  // The last `case WORD in` before it: the word `case`, its subject, ` in` on the same line.
  let subjectStart = -1;
  let subjectEnd = -1;
  for (let k = before.lastIndexOf('case'); k >= 0; k = k > 0 ? before.lastIndexOf('case', k - 1) : -1) {
    if ((k > 0 && !/[\s;&|(]/.test(before[k - 1])) || (before[k + 4] !== ' ' && before[k + 4] !== '\t')) continue;
    let lineEnd = before.indexOf('\n', k);
    if (lineEnd < 0) lineEnd = before.length;
    const rest = before.slice(k + 4, lineEnd);
    const inAt = CASE_IN.exec(rest);
    if (!inAt) continue;
    subjectStart = k + 4;
    subjectEnd = k + 4 + inAt.index;
    break;
  }
  if (subjectStart < 0 || ESAC.test(before.slice(subjectEnd))) return false;
  // The subject as written (the masked text hides substitutions and expansions).
  const subjectAt = base + from + subjectStart;
  return readsHost(text, base, text.slice(subjectAt, base + from + subjectEnd).trim(), subjectAt);
}

/** In the branch of the last `then` before it (not closed by a `fi`), whose `if` or `elif` reads the host. */
function inHostIf(text: string, base: number, from: number, before: string): boolean {
  let then = -1;
  THEN.lastIndex = 0;
  for (let m = THEN.exec(before); m; m = THEN.exec(before)) then = m.index;
  if (then < 0 || FI.test(before.slice(then + 1))) return false;
  let cond = -1;
  IF_ELIF.lastIndex = Math.max(0, then - MAX_CONDITION);
  for (let m = IF_ELIF.exec(before); m && m.index < then; m = IF_ELIF.exec(before)) cond = m.index;
  if (cond < 0) return false;
  const at = base + from + cond;
  return readsHost(text, base, text.slice(at, base + from + then), at);
}

/** After a test of the host and `&&` on the same line: `[ "$machine" = armv7l ] && goarch=arm`. */
function afterHostTest(text: string, masked: string, base: number, at: number): boolean {
  const lineStart = masked.lastIndexOf('\n', at - 1) + 1;
  if (at - lineStart > MAX_CONDITION) return false;
  const line = masked.slice(lineStart, at);
  const and = line.lastIndexOf('&&');
  if (and < 0 || !/^\s*$/.test(line.slice(and + 2))) return false;
  const test = line.slice(0, and);
  if (!/(?:^|[\s;&|!])(?:\[\[?|test)[ \t]/.test(test)) return false;
  return readsHost(text, base, text.slice(base + lineStart, base + lineStart + and), base + lineStart);
}

function hasLower(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

/** How far (characters) a loop's body is read for the GOOS or GOARCH its variable sets. */
const LOOP_BODY = 20000;
/** `do` and `done` as words, to find a loop's end. */
const DO_DONE = /(?:^|[\s;&|()])(do|done)(?=[\s;&|()]|$)/g;

/** A comment on the line before a use: `# GOARCH=$arch go build` uses nothing. */
const COMMENT_BEFORE = /(?:^|[\s;])#/;

/**
 * Whether a line up to a use (`before`) ends in a quoted argument of a command of patterns and
 * edits of text: `sed -i "s|--platform linux/${OLD}|…|"` runs no --platform.
 */
function inPattern(before: string): boolean {
  let at = -1;
  for (const tool of PATTERN_TOOLS) {
    for (let k = before.lastIndexOf(tool); k >= 0; k = k > 0 ? before.lastIndexOf(tool, k - 1) : -1) {
      if (k > 0 && !/[\s;&|(]/.test(before[k - 1])) continue;
      if (k > at) at = k;
      break;
    }
  }
  if (at < 0) return false;
  // (Its quoted arguments up to the use, `-e 's/a/b/' -e "s|x|--platform linux/`: the last one still open.)
  let quote = '';
  for (let k = at + 4; k < before.length; k++) {
    const c = before[k];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') return false;
  }
  return quote !== '';
}

/** The commands of inPattern, four characters each: a name of three with its blank, or one of four. */
const PATTERN_TOOLS = ['sed ', 'sed\t', 'awk ', 'awk\t', 'grep', 'perl'];

/** Commands whose words are text: `echo GOARCH=$arch` assigns nothing. */
const ECHO_BEFORE = /(?:^|[\s;&|(])[@+-]*(?:echo|printf)[ \t]/;

/**
 * Whether a use, after the line's text `before`, is in a comment or in the words of an echo: of
 * its own command, not of one before it on the line (`echo "building $p"; GOOS=${p%/*} go build`).
 */
function inText(before: string): boolean {
  if (COMMENT_BEFORE.test(before)) return true;
  const from = Math.max(before.lastIndexOf(';'), before.lastIndexOf('&'), before.lastIndexOf('|'));
  return ECHO_BEFORE.test(from < 0 ? before : before.slice(from + 1));
}

/** Whether every item of a shell array is wholly a platform (`linux/arm64`, quoted or not), as isPlatformListValue has it. */
function platformArray(text: string, masked: string, base: number, array: readonly Word[]): boolean {
  if (array.length === 0) return false;
  for (const item of array) {
    if (ARRAY_INDEX.test(masked.slice(item.start, Math.min(item.end, item.start + 40)))) return false;
    const u = unquote(masked, item);
    if (u.e <= u.s || !isPlatformListValue(masked, base, base + u.s, base + u.e, text) || splitList(masked, base, base + u.s, base + u.e).length !== 1) return false;
  }
  return true;
}

/**
 * How a loop's body uses its variable (`for arch in …; do GOOS=linux GOARCH=${arch} go build …;
 * done`): as GOOS or GOARCH, with the other half where the same line writes it out; else as a
 * `--platform` value (`docker buildx build --platform "$p"`). Undefined when the body does
 * neither (outside echo text).
 */
function loopUse(text: string, masked: string, base: number, words: readonly Word[]): { role: 'os' | 'arch' | 'platform'; other?: Token; others?: Token[]; container?: true; named?: true; cut?: true } | undefined {
  const variable = wordText(masked, words[1]);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) return undefined;
  const loop = loopBody(text, masked, base, words);
  if (!loop) return undefined;
  const use = loopVariableUse(loop.body, variable);
  if (use?.otherVariable) {
    const role = use.role === 'os' ? 'arch' : 'os';
    const others = innerLoopNames(text, base + loop.from, loop.body, use.otherVariable, role);
    if (others.length === 0) others.push(...innerAssignedNames(text, masked, base, words, loop, use.otherVariable, role));
    return others.length > 0 ? { role: use.role, others } : { role: use.role };
  }
  if (!use?.other) return use && { role: use.role, ...(use.cut ? { cut: true } : {}) };
  const at = base + loop.from + use.other.at;
  return { role: use.role, other: token(text, at, at + use.other.text.length), ...(use.container ? { container: true } : {}), ...(use.named ? { named: true } : {}) };
}

/**
 * Whether a loop's body may leave pairs out: it holds a `continue` or a `break`, or a line other
 * than the one at `useLine` tests either loop variable (`if [ "$os" = darwin ]`, `case "$arch" in`,
 * `[ "$os/$arch" = … ] &&`). Which pairs it leaves out is not read here, so no pair is judged.
 */
function skipsPairs(body: string, useLine: number, a: string, b: string): boolean {
  if (/(?:^|[\s;&|])(?:continue|break)(?=[\s;&|]|$)/.test(body)) return true;
  const uses = new RegExp(`\\$\\$?\\{?(?:${a}|${b})\\b`);
  let start = 0;
  for (const line of body.split('\n')) {
    const here = start;
    start += line.length + 1;
    if (here === useLine || !uses.test(line)) continue;
    if (/\[|\btest\b|\bcase\b|\bif\b|&&|\|\|/.test(line)) return true;
  }
  return false;
}

/**
 * The literal names of a loop over `variable` in a loop's body (`for arch in amd64 s390x; do`),
 * `body` starting at text[at]: the other half of each of the outer loop's values, built with every
 * one of them. Words that are no name of `role` (a typo, `$EXTRA`) are left to the inner loop.
 */
function innerLoopNames(text: string, at: number, body: string, variable: string, role: 'os' | 'arch'): Token[] {
  const m = new RegExp(`(?:^|[\\s;&|])for[ \\t]+${variable}[ \\t]+in[ \\t]+([^;\\n]*)`).exec(body);
  if (!m) return [];
  const out: Token[] = [];
  const from = at + m.index + m[0].length - m[1].length;
  for (const w of m[1].matchAll(/(?:^|\s)(["']?)([a-z0-9]+)\1(?=\s|$)/g)) {
    if (!(role === 'os' ? isGoOs(w[2]) : isGoArch(w[2]))) continue;
    const s = from + w.index! + w[0].indexOf(w[2]);
    out.push(token(text, s, s + w[2].length));
  }
  return out;
}

/**
 * The names of an inner loop over a list assigned before the outer loop (`for ARCH in
 * "${ARCHS[@]}"` in the body of `for OS in …`, `ARCHS=(amd64 386)` above): see assignedList.
 */
function innerAssignedNames(text: string, masked: string, base: number, words: readonly Word[], loop: { body: string; from: number }, variable: string, role: 'os' | 'arch'): Token[] {
  const m = new RegExp(`(?:^|[\\s;&|])for[ \\t]+${variable}[ \\t]+in[ \\t]+("?\\$\\{?[A-Za-z_][A-Za-z0-9_]*(?:\\[[@*]\\])?\\}?"?)[ \\t]*(?:;|$)`, 'm').exec(loop.body);
  if (!m) return [];
  const start = loop.from + m.index + m[0].lastIndexOf(m[1]);
  const list = assignedList(text, masked, base, [words[0], words[1], words[2], { start, end: start + m[1].length }]);
  const out: Token[] = [];
  for (const w of list ?? []) {
    const name = text.slice(w.s, w.e);
    if (role === 'os' ? isGoOs(name) : isGoArch(name)) out.push(token(text, w.s, w.e));
  }
  return out;
}

/**
 * How the commands of a loop's body (`body`) use its variable: `GOOS=$v` or `GOARCH=$v`, an os or
 * an arch, with the other half when it is written out on the same line (`GOOS=linux GOARCH=$arch`:
 * its offset in body); `--platform "$v"`, or GOOS and GOARCH cut out of it with `%` and `#`
 * (`GOOS=${v%/…}`), a platform. A use in echo text or a comment is none. The scanner's loops and
 * completion in a loop's list (completionContext.ts) read them so.
 */
export function loopVariableUse(body: string, variable: string): { role: 'os' | 'arch' | 'platform'; other?: { at: number; text: string }; otherVariable?: string; container?: true; named?: true; cut?: true } | undefined {
  // A body that sets the variable again (`x86_64) a=amd64 ;;`, `a=$(uname -m)`, an inner `for a in`)
  // builds with what it sets, not with the loop's words.
  // (A statement's own: not `--build-arg ARCH=$ARCH`, nor `ARCH="${ARCH}"`.)
  // (Before its first use in a build: one after it changes nothing the build took.)
  const firstUse = new RegExp(`(?:GO(?:OS|ARCH)=|--platforms?(?:=|[ \\t]+))["']?(?:[a-z0-9]+/)?\\\\?\\$\\$?\\{?${variable}\\b`).exec(body);
  if (new RegExp(`(?:^|[;&|()]|\\b(?:then|do|else))[ \\t]*(?:${variable}=(?!["']?\\$\\{?${variable}\\b)|for[ \\t]+${variable}[ \\t]|read[ \\t][^\\n;]*\\b${variable}\\b)`, 'm').test(firstUse ? body.slice(0, firstUse.index) : body)) return undefined;
  // (`\$arch` in a script quoted for `sh -c "…"`, `$$arch` in a recipe.)
  const uses = new RegExp(`(?:^|[\\s;&|])GO(OS|ARCH)=(["']?)\\\\?\\$\\$?\\{?${variable}\\}?\\2(?=[\\s;&|)]|$)`, 'g');
  for (let use = uses.exec(body); use; use = uses.exec(body)) {
    const lineStart = body.lastIndexOf('\n', use.index) + 1;
    const before = body.slice(lineStart, use.index + 1);
    if (inText(before)) continue;
    const role = use[1] === 'OS' ? 'os' : 'arch';
    // The other half, written out on the same line: GOOS=linux GOARCH=$arch.
    let lineEnd = body.indexOf('\n', use.index);
    if (lineEnd < 0) lineEnd = body.length;
    const other = new RegExp(`(?:^|[\\s;&|])GO${role === 'os' ? 'ARCH' : 'OS'}=(["']?)([a-z0-9]+)\\1(?=[\\s;&|)]|$)`).exec(body.slice(lineStart, lineEnd));
    if (!other) {
      // Or another loop's variable, of a loop in this one's body: `GOOS=$os GOARCH=$arch`.
      const inner = new RegExp(`(?:^|[\\s;&|])GO${role === 'os' ? 'ARCH' : 'OS'}=(["']?)\\\\?\\$\\$?\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?\\1(?=[\\s;&|)]|$)`).exec(body.slice(lineStart, lineEnd));
      return inner && inner[2] !== variable && !skipsPairs(body, lineStart, variable, inner[2]) ? { role, otherVariable: inner[2] } : { role };
    }
    return { role, other: { at: lineStart + other.index + other[0].length - other[2].length - other[1].length, text: other[2] } };
  }
  // Another platform-ish variable set to it: `KUBE_BUILD_PLATFORMS=$p make`, `make image PLATFORM=$p`,
  // `export TARGETARCH="$a"`. Its values are the loop's words.
  const assigned = new RegExp(`(?:^|[\\s;&|])([A-Za-z_][A-Za-z0-9_]*)=(["']?)\\\\?\\$\\$?\\{?${variable}\\}?\\2(?=[\\s;&|)]|$)`, 'g');
  for (let use = assigned.exec(body); use; use = assigned.exec(body)) {
    const role = roleOf(use[1]);
    if (role !== 'platform' && role !== 'os' && role !== 'arch') continue;
    const lineStart = body.lastIndexOf('\n', use.index) + 1;
    const before = body.slice(lineStart, use.index + 1);
    if (!inText(before)) return { role };
  }
  const flag = new RegExp(`(?:^|[\\s;&|])(?:--platforms?(?:=|[ \\t]+)(["']?)\\$\\$?\\{?${variable}\\}?\\1(?=[\\s;&|)]|$)|GO(?:OS|ARCH)=["']?\\$\\$?\\{${variable}(?:%%?|##?)[*/])`, 'g');
  for (let use = flag.exec(body); use; use = flag.exec(body)) {
    const lineStart = body.lastIndexOf('\n', use.index) + 1;
    const before = body.slice(lineStart, use.index + 1);
    if (!inText(before)) return { role: 'platform' };
  }
  // GOOS and GOARCH cut out of it by a command or a make function: `GOOS=$(echo $p | cut -d/ -f1)`,
  // `GOOS=$(word 1,$(subst /, ,$p))`, `GOOS=$(call os,$p)`. A platform, when the loop's words are
  // written as ones (see slashedWords).
  const cut = new RegExp(`(?:^|[\\s;&|])GO(?:OS|ARCH)=["']?\\$\\((?!\\()[^;\\n)]*?\\$\\$?\\{?${variable}(?![A-Za-z0-9_])`, 'g');
  for (let use = cut.exec(body); use; use = cut.exec(body)) {
    const lineStart = body.lastIndexOf('\n', use.index) + 1;
    const before = body.slice(lineStart, use.index + 1);
    if (!inText(before)) return { role: 'platform', cut: true };
  }
  // `--platform linux/$arch`: an arch, built with the os written before it, in a container tool's
  // spelling (`x86_64` is an alias there, not a typo of Go's).
  const slash = new RegExp(`(?:^|[\\s;&|])--platforms?(?:=|[ \\t]+)(["']?)([a-z0-9]+)/\\\\?\\$\\$?\\{?${variable}\\}?\\1(?=[\\s;&|)]|$)`, 'g');
  for (let use = slash.exec(body); use; use = slash.exec(body)) {
    const lineStart = body.lastIndexOf('\n', use.index) + 1;
    const before = body.slice(lineStart, use.index + 1);
    if (inText(before) || !isGoOs(use[2])) continue;
    const named = usedBesideFlags(body, variable);
    return { role: 'arch', other: { at: use.index + use[0].lastIndexOf(`${use[2]}/`), text: use[2] }, container: true, ...(named ? { named: true } : {}) };
  }
  return undefined;
}

/**
 * Whether a loop's body uses its variable other than in `--platform os/$v` flags, echo text and
 * comments: `quay.io/pypa/manylinux2014_${ARCH}`, `-t app:$arch`. Its words name more than a platform then.
 */
function usedBesideFlags(body: string, variable: string): boolean {
  const refs = new RegExp(`\\$\\$?\\{?${variable}(?![A-Za-z0-9_])`, 'g');
  for (let m = refs.exec(body); m; m = refs.exec(body)) {
    const lineStart = body.lastIndexOf('\n', m.index) + 1;
    const before = body.slice(lineStart, m.index + 1);
    if (inText(before) || FLAG_BEFORE.test(before)) continue;
    return true;
  }
  return false;
}

/** The start of a `--platform` value written before a variable: `--platform "linux/`, `--platform=linux/`. */
const FLAG_BEFORE = /--platforms?(?:=|[ \t]+)["']?[a-z0-9]+\/\\?\$$/;

/** A flag whose value is an assignment the command makes (a build argument, a container's environment). */
const CARRYING_FLAG = /^--(?:build-arg|env)$/;

/** A flag whose value is an assignment (`--env=GOARCH=arm`, `--build-arg="PLATFORMS=…"`): the flag, `=` and the quote that opens the value. */
const CARRIED_ASSIGNMENT = /^--?[A-Za-z0-9-]+=(["']?)(?=[A-Za-z_][A-Za-z0-9_]*=)/;

/**
 * Whether the flag before words[k] carries it to the command as an assignment: `--build-arg`,
 * `--env`, and the `-e` of a container tool's run, exec or create (`docker build` has none).
 */
function carriedBy(masked: string, words: readonly Word[], k: number, nameIndex: number, command: string): boolean {
  const flag = wordText(masked, words[k - 1]);
  if (CARRYING_FLAG.test(flag)) return true;
  if (flag !== '-e' || !CONTAINERD_TOOLS.has(command)) return false;
  let sub = nameIndex + 1;
  while (sub < k - 1 && wordText(masked, words[sub]).startsWith('-')) sub++;
  return sub < k - 1 && CONTAINER_COMMANDS.has(wordText(masked, words[sub]));
}

/**
 * A value of a variable of any name that is wholly platforms (`ARCH=linux/arm`), read as a list
 * whose names must be known (no typo of a word that may be anything); false when it is not one,
 * or its variable is named for text (`MSG=linux/arm`), or it maps the host's name in a case branch.
 */
function loosePlatformValue(text: string, masked: string, base: number, varName: string, vs: number, ve: number, at: number, sink: MentionSink): boolean {
  if (holdsText(text, varName) || !isPlatformListValue(masked, base, base + vs, base + ve, text) || inHostCase(text, masked, base, at)) return false;
  readPlatformList(sink, { text, masked, maskBase: base, start: base + vs, end: base + ve, role: 'platform', context: varName, strictness: 'loose' });
  return true;
}

/** Commands whose arguments are assignments: the shell's own, `env`, and make's and task runners' variables. */
const ASSIGNING_COMMANDS: ReadonlySet<string> = new Set(['export', 'declare', 'typeset', 'local', 'readonly', 'env', 'make', 'gmake', 'task', 'just']);

/** Keywords that may come before a loop on its line: `do for arch in …` (a loop in a loop's body), `then for …`. */
const LOOP_OPENERS: ReadonlySet<string> = new Set(['do', 'then', 'else', '{']);

/** The words of a `for NAME in …` command from its `for` on; undefined if the command is none. */
function forLoop(masked: string, words: readonly Word[]): readonly Word[] | undefined {
  let k = 0;
  while (k < words.length && LOOP_OPENERS.has(wordText(masked, words[k]))) k++;
  if (words.length < k + 3 || wordText(masked, words[k]) !== 'for' || wordText(masked, words[k + 2]) !== 'in') return undefined;
  return k === 0 ? words : words.slice(k);
}

/** A loop's body, from its `do` to its `done` (undefined when no `done` is found in reach), and where it starts after the loop's words. */
function loopBody(text: string, masked: string, base: number, words: readonly Word[]): { body: string; from: number } | undefined {
  // (A recipe writes the shell's `$` as `$$`.)
  const from = words[words.length - 1].end;
  const stop = Math.min(masked.length, from + LOOP_BODY);
  const region = masked.slice(from, stop);
  let depth = 0;
  let end = -1;
  DO_DONE.lastIndex = 0;
  for (let m = DO_DONE.exec(region); m; m = DO_DONE.exec(region)) {
    if (m[1] === 'do') depth++;
    else if (--depth <= 0) {
      end = m.index;
      break;
    }
  }
  if (end < 0) return undefined;
  return { body: text.slice(base + from, base + from + end), from };
}

/**
 * `for arch in amd64 arm64 arm; do GOARCH=$arch go build …; done`: a loop whose variable its body
 * assigns to GOOS or GOARCH gives it each word, a name (or a typo of one) judged as a GOARCH's,
 * with the other half where the same line writes it (`GOOS=linux GOARCH=${arch}`).
 */
function loopIntoGoVariable(text: string, spans: readonly LoopWord[], masked: string, base: number, sink: MentionSink, role: 'os' | 'arch', other: Token | undefined, others?: Token[], container = false): void {
  const names = loopNames(sink, text, masked, base, spans, role, 'for loop list', container).filter((t) => looksLikeName(t.text, role));
  if (others && others.length > 0) emitCrossed(sink, role, names, others);
  else for (const t of names) emitName(sink, role, t, 'for loop list', other);
}

/**
 * make's `$(foreach GOARCH,amd64 arm64,GOOS=linux GOARCH=$(GOARCH) go build …;)` in a recipe, its
 * variable text[args, comma), its list up to `second`, its text up to `close`: the text is run once
 * for each word of the list, so the list is read as a shell loop's (the `for` loops of scanCommand)
 * by its variable's name or by what the text does with it (`GOARCH=$(a)`, `--platform $(p)`).
 */
function makeLoop(text: string, args: number, comma: number, second: number, close: number, sink: MentionSink): void {
  if (comma < 0) return;
  const variable = text.slice(args, comma).trim();
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) return;
  const listFrom = comma + 1;
  const listMasked = maskTemplates(text, listFrom, second, 'make');
  const words: LoopWord[] = [];
  for (const m of listMasked.matchAll(/\S+/g)) {
    const s = listFrom + m.index!;
    words.push({ s, e: s + m[0].length, ws: s, we: s + m[0].length });
  }
  if (words.length === 0) return;
  const named = roleOf(variable);
  // make's $(v) and ${v} in the text read as the shell's ${v} (the same length).
  const bodyFrom = second + 1;
  const body = makeRefsAsShell(text.slice(bodyFrom, close), variable);
  const use = named === 'platform' ? undefined : loopVariableUse(body, variable);
  if (named === 'platform' || (named === undefined && use?.role === 'platform')) {
    if (!use?.cut || slashedWords(text, words)) loopPlatforms(sink, text, listMasked, listFrom, words, 'foreach list');
    return;
  }
  const role = named ?? use?.role;
  if (role !== 'os' && role !== 'arch') return;
  const other = use?.role === role && use.other ? token(text, bodyFrom + use.other.at, bodyFrom + use.other.at + use.other.text.length) : undefined;
  const from = sink.mentions.length;
  for (const t of loopNames(sink, text, listMasked, listFrom, words, role, 'foreach list', use?.container)) {
    // (A variable named for neither, such as `a`, gives only names and typos of names: see loopIntoGoVariable.)
    if (named !== undefined || looksLikeName(t.text, role)) emitName(sink, role, t, 'foreach list', other);
  }
  if (use?.container) containerLoop(sink.mentions, from, use.named);
}

/**
 * The arches of the pairs from `from` on were given to a container tool's `--platform os/$arch`
 * (see containerAliases). Where the loop's body uses its variable elsewhere too (`named`:
 * `quay.io/pypa/manylinux2014_${ARCH}`), its words name more than the platform: an alias is read
 * by what it names, with no spelling to advise.
 */
function containerLoop(mentions: Mention[], from: number, named = false): void {
  const arches = new Set<Token>();
  for (let k = from; k < mentions.length; k++) {
    const m = mentions[k];
    if (m.kind !== 'pair' || !m.arch) continue;
    arches.add(m.arch);
    if (named) m.ownSpelling = true;
  }
  containerAliases(mentions, from, arches);
}

/** make's `$(v)` of a variable in `text` written as the shell's `${v}` (the same length), as loopVariableUse reads its uses. */
export function makeRefsAsShell(text: string, variable: string): string {
  return text.replace(new RegExp(`\\$\\((${variable})\\)`, 'g'), '$${$1}');
}

/**
 * Whether a loop's words are platforms as written (`linux/amd64 linux/arm/v7`): each holds a slash
 * or is templated, one at least a slash. What a body cuts GOOS and GOARCH out of (`$(word
 * 1,$(subst /, ,$p))`) is a platform only then: `for a in x86_64 aarch64` cut by `sed` is an arch.
 */
function slashedWords(text: string, words: readonly LoopWord[]): boolean {
  let slashed = false;
  for (const w of words) {
    const word = text.slice(w.s, w.e);
    if (word.indexOf('/') > 0) slashed = true;
    else if (word.indexOf('$') < 0) return false;
  }
  return slashed;
}

/** A word of a loop's list: its value text[s, e) (unquoted), and the whole word text[ws, we), which its removal takes. */
interface LoopWord {
  s: number;
  e: number;
  ws: number;
  we: number;
  /** Appended in a branch (`if [ $GOOS == linux ]; then ARCHES+=(arm64)`): one of several that may exclude each other, no repeat of another. */
  branch?: true;
}

/**
 * The list of a loop over one variable (`for a in $ARCHES`, `for a in "${ARCHES[@]}"`): the words
 * of the literal value the script assigned it last before the loop (`ARCHES=(amd64 arm64)`,
 * `ARCHES="amd64 arm64"`), where they are written, with those appended to it after that on lines
 * of their own as deep in (`ARCHES+=(arm)`). Undefined when the list is anything else, the
 * variable is platform-ish (its value is read where it is assigned), is set in a branch on the host,
 * is appended to in a branch, or a word of its value is templated or is no plain word.
 */
function assignedList(text: string, masked: string, base: number, words: readonly Word[]): LoopWord[] | undefined {
  if (words.length !== 4) return undefined;
  const u = unquote(masked, words[3]);
  const ref = LIST_REF.exec(text.slice(base + u.s, base + u.e));
  if (!ref) return undefined;
  const name = ref[1] ?? ref[2];
  if (name.length > MAX_NAME || roleOf(name) !== undefined) return undefined;
  const before = masked.slice(0, words[0].start);
  if (before.lastIndexOf(`${name}=`) < 0) return undefined;
  const set = new RegExp(`(?:^|[\\s;&(])${name}(\\+?)=`, 'g');
  let at = -1;
  let assignment = -1;
  /** Where the appends after the last assignment start their values. */
  let appends: number[] = [];
  for (let m = set.exec(before); m; m = set.exec(before)) {
    const value = m.index + m[0].length;
    if (m[1] === '+') {
      if (at >= 0) appends.push(value);
      continue;
    }
    at = value;
    assignment = at - name.length - 1;
    appends = [];
  }
  if (at < 0 || inHostCase(text, masked, base, at)) return undefined;
  // (The last one starts its line, no deeper in than the loop: not one in a function, a branch or
  // a subshell, which may not be what the loop runs with.)
  const lineStart = before.lastIndexOf('\n', assignment - 1) + 1;
  const loopLine = before.lastIndexOf('\n', words[0].start - 1) + 1;
  if (!DECLARATION.test(before.slice(lineStart, assignment)) || indentOf(before, lineStart) > indentOf(before, loopLine) || inHeredoc(before, lineStart)) return undefined;
  const out = assignedWords(masked, base, at);
  if (!out) return undefined;
  const array = masked[at] === '(';
  for (const from of appends) {
    // (`ARCHES+=arm` of an array appends to its first item, `amd64arm`: not read.)
    if (array && masked[from] !== '(') return undefined;
    // (One in a branch, deeper in, may be one of several that exclude each other: `if [ $GOOS ==
    // linux ]; then ARCHES+=(arm64)`, `if [ $GOOS == darwin ]; then ARCHES+=(arm64)`: its words are
    // read, each a name the loop may get, and none a repeat of another; etcd's build-binary.sh.)
    const appendLine = before.lastIndexOf('\n', from - 1) + 1;
    const indent = indentOf(before, appendLine);
    if (indent < indentOf(before, lineStart) || !DECLARATION.test(before.slice(appendLine, from - name.length - 2))) return undefined;
    // (Nor one written into a file: a here-document's line is no command, `ARCHES+=(arm)` there appends nothing.)
    if (inHeredoc(before, appendLine)) continue;
    // (Not one in a branch on the host: `uname -m` names the machine, not a build.)
    if (indent > indentOf(before, lineStart) && inHostCase(text, masked, base, from)) continue;
    const more = assignedWords(masked, base, from);
    if (!more) return undefined;
    for (const w of more) out.push(indent > indentOf(before, lineStart) ? { ...w, branch: true } : w);
  }
  return out.length > 0 ? out : undefined;
}

/** The words of a literal list value that starts at masked[at] (`(amd64 arm64)`, `"amd64 arm64"`, `amd64`); undefined if one is no plain word. */
function assignedWords(masked: string, base: number, at: number): LoopWord[] | undefined {
  const open = masked[at];
  const close = open === '(' ? ')' : open === '"' || open === "'" ? open : undefined;
  const from = close ? at + 1 : at;
  const to = close ? masked.indexOf(close, from) : from + (/^[^\s;&|)]*/.exec(masked.slice(from, from + 400))?.[0].length ?? 0);
  if (to < from || to - from > MAX_ASSIGNED_LIST) return undefined;
  const out: LoopWord[] = [];
  for (const m of masked.slice(from, to).matchAll(/\S+/g)) {
    const w = { start: from + m.index!, end: from + m.index! + m[0].length };
    const item = unquote(masked, w);
    if (!PLAIN_ITEM.test(masked.slice(item.s, item.e))) return undefined;
    out.push({ s: base + item.s, e: base + item.e, ws: base + w.start, we: base + w.end });
  }
  return out;
}

/** Whether the line at text[at] is in a here-document opened before it (`cat <<EOT`) and closed after it. */
function inHeredoc(text: string, at: number): boolean {
  const open = text.lastIndexOf('<<', at);
  if (open < 0) return false;
  const m = HEREDOC_OPEN.exec(text.slice(open, Math.min(at, open + 200)));
  if (!m) return false;
  return !new RegExp(`\\n[ \\t]*${m[1]}[ \\t]*\\n`).test(text.slice(open, at));
}

/** A here-document's opener and its word: `<<EOT`, `<<-'EOF'`, `<< "END"`. */
const HEREDOC_OPEN = /^<<-?[ \t]*["']?([A-Za-z_][A-Za-z0-9_]{0,40})["']?/;

/** What may come before a list's assignment on its line: blanks, and a declaration (`local -a`, `declare`, `readonly`). */
const DECLARATION = /^[ \t]*(?:(?:local|declare|typeset|readonly|export)(?:[ \t]+-[A-Za-z]+)*[ \t]+)?$/;

/** The width of the blanks that open the line at text[start]. */
function indentOf(text: string, start: number): number {
  let i = start;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i - start;
}

/** One variable as a loop's list: `$ARCHES`, `${ARCHES}`, `${ARCHES[@]}`. */
const LIST_REF = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:\[[@*]\])?\})$/;
/** A word of such a list's value that is read: a plain name (`arm64`, `arm/v7`). */
const PLAIN_ITEM = /^[A-Za-z0-9_./-]{1,40}$/;
/** How long a list assigned before a loop may be (characters). */
const MAX_ASSIGNED_LIST = 2000;

/** The words of a `for NAME in …` command's list (its words from the fourth on). */
function loopSpans(masked: string, base: number, words: readonly Word[]): LoopWord[] {
  const out: LoopWord[] = [];
  for (let k = 3; k < words.length; k++) {
    const u = unquote(masked, words[k]);
    out.push({ s: base + u.s, e: base + u.e, ws: base + words[k].start, we: base + words[k].end });
  }
  return out;
}

/** A loop's list of platforms (`for p in linux/amd64 linux/arm64`): one list, a word of two or more removable. */
function loopPlatforms(sink: MentionSink, text: string, masked: string, maskBase: number, words: readonly LoopWord[], context: string): void {
  const listId = sink.newList();
  for (const w of words) {
    const removeWhole = words.length > 1 ? wordRemoval(text, w.ws, w.we) : undefined;
    readPlatformList(sink, { text, masked, maskBase, start: w.s, end: w.e, role: 'platform', context, ...(removeWhole ? { removeWhole } : {}) }, listId);
  }
}

/**
 * The GOOS or GOARCH names of a loop's list (masked from `maskBase`): each removable when there
 * are several, and a repeat marked as one (`for GOARCH in amd64 arm64 amd64`), as in a Makefile's
 * `GOARCH ?= amd64 arm64 amd64` (see markRepeats). Given to a container tool (`--platform
 * linux/$arch`), an alias repeats the name it stands for (`amd64 x86_64`), as `linux/x86_64` after
 * `linux/amd64` does in a platform list.
 */
function loopNames(sink: MentionSink, text: string, masked: string, maskBase: number, words: readonly LoopWord[], role: 'os' | 'arch', context: string, container = false): Token[] {
  const out: Token[] = [];
  /** The tokens of words appended in a branch (see LoopWord.branch), kept out of the repeats. */
  let branched: Set<Token> | undefined;
  for (const w of words) {
    for (const t of readPlatformList(sink, { text, masked, maskBase, start: w.s, end: w.e, role, context })) {
      const token = words.length > 1 && t.remove === undefined && t.start === w.s && t.end === w.e ? { ...t, remove: wordRemoval(text, w.ws, w.we) } : t;
      out.push(token);
      if (w.branch) (branched ??= new Set()).add(token);
    }
  }
  if (!branched) return markRepeats(out, container ? containerArchName : undefined);
  const marked = markRepeats(out.filter((t) => !branched.has(t)), container ? containerArchName : undefined);
  let k = 0;
  return out.map((t) => (branched.has(t) ? t : marked[k++]));
}

/** An arch as a container tool names it: an alias as the name it stands for (`x86_64` is amd64). */
function containerArchName(written: string): string {
  const resolved = isGoArch(written) ? undefined : resolveArch(written);
  return resolved && resolved.variant === undefined ? resolved.arch : written;
}

/** Nested loops (`for os in …; do for arch in …; do GOOS=$os GOARCH=$arch`) build every pair of the outer loop's `names` (of `role`) and the inner loop's `others`. */
function emitCrossed(sink: MentionSink, role: 'os' | 'arch', names: Token[], others: Token[]): void {
  emitPairs(sink, role === 'os' ? names : others, role === 'os' ? others : names, undefined, 'nested loops');
}

/** Whether the flag `raw` of command `name`, after the word `before`, is followed by a script. */
/**
 * The word before words[k], past the shell's own flags (`/bin/sh -xe -c "…"`: /bin/sh), at most
 * a few: asked only for a `-c`, but a line may hold thousands of them.
 */
function shellBefore(masked: string, words: readonly Word[], k: number): string {
  let b = k - 1;
  while (b > 0 && b > k - 4 && /^-[a-z]+$/.test(wordText(masked, words[b]))) b--;
  return wordText(masked, words[b]);
}

function takesScript(raw: string, name: string, before: string): boolean {
  // PowerShell's (`pwsh -NoProfile -Command '$env:GOARCH = "arm"; go build'`).
  if (PWSH_NAME.test(name) && PWSH_COMMAND.test(raw)) return true;
  if (raw === '-c') return SHELL_NAME.test(name) || SHELL_NAME.test(before) || name === 'su' || name === 'vagrant';
  if (raw === '--command') return name === 'gcloud' || name === 'nix-shell';
  return raw === '--run' && name === 'nix-shell';
}

/**
 * The words from `from` on, a command given to another to run (ssh's remote command, eval's
 * arguments): one quoted word is scanned as the script it holds, several as the command they make.
 */
function scanScriptWords(text: string, masked: string, base: number, words: readonly Word[], from: number, sink: MentionSink, urlVars: Map<string, string>): void {
  if (nesting.depth >= MAX_SCRIPT_DEPTH) return;
  if (from + 1 === words.length && scanQuotedScript(text, masked, base, words[from], sink, urlVars)) return;
  scanShell(text, base + words[from].start, base + words[words.length - 1].end, sink, { mode: 'shell', urlVars, depth: nesting.depth + 1, ...(nesting.yamlQuote ? { yamlQuote: nesting.yamlQuote } : {}) });
}

/** Scans the script a quoted word holds (`sh -c "…"`); false when the word is not quoted. */
function scanQuotedScript(text: string, masked: string, base: number, word: Word, sink: MentionSink, urlVars: Map<string, string>, env?: GoEnv): boolean {
  // (A YAML quoted scalar's escaped quote is a SOFT and a quote: `run: "sh -c \"GOARCH=arm go build\""`.)
  const quoted = maskTrimmed(masked, word.start, word.end);
  if (quoted.s !== word.start || quoted.e !== word.end) word = { ...word, start: quoted.s, end: quoted.e };
  const unquoted = unquote(masked, word);
  if (unquoted.s === word.start) return false;
  if (nesting.depth >= MAX_SCRIPT_DEPTH) return true;
  // (Nor the escape of the YAML quote that closes it: `run: "sh -c \"GOARCH=amd64\""`.)
  const script = maskTrimmed(masked, unquoted.s, unquoted.e);
  scanShell(text, base + script.s, base + script.e, sink, { mode: 'shell', urlVars, quotedScript: true, depth: nesting.depth + 1, ...(env ? { env } : {}), ...(nesting.yamlQuote ? { yamlQuote: nesting.yamlQuote } : {}) });
  return true;
}

/** The environment a command's children see: `env`, with the command's own single GOOS and GOARCH over it. */
function withOwn(env: GoEnv | undefined, oses: readonly Token[], arches: readonly Token[]): GoEnv | undefined {
  if (oses.length !== 1 && arches.length !== 1) return env;
  return { ...env, ...(oses.length === 1 ? { os: oses[0], osName: undefined } : {}), ...(arches.length === 1 ? { arch: arches[0], archName: undefined } : {}) };
}

/** A printf format that is conversions and blanks only (`'%s\n'`, `"%s "`). */
const DATA_FORMAT = /^(["']?)(?:%[sq]|\\[nt]|[ \t])+\1$/;

/** Whether a printf (its name at nameIndex) prints its arguments as data: a DATA_FORMAT, and arguments after it. */
function dataFormat(text: string, base: number, words: readonly Word[], nameIndex: number): boolean {
  if (nameIndex + 2 >= words.length) return false;
  const format = words[nameIndex + 1];
  if (format.end - format.start > 16) return false;
  const written = text.slice(base + format.start, base + format.end);
  return DATA_FORMAT.test(written) && /%[sq]/.test(written);
}

/** The spans (offsets in the scanned region) of the arguments of echo, printf and the like: text for a person. */
function proseSpans(masked: string, commands: readonly Command[]): number[] {
  const out: number[] = [];
  for (const cmd of commands) {
    if (cmd.words.length === 0) continue;
    const { nameIndex, name } = commandName(masked, cmd.words);
    // (`: ${PLATFORMS:=linux/amd64,linux/arm64}` sets a default: the null command's argument is no text.)
    if (nameIndex + 1 < cmd.words.length && PROSE_COMMANDS.has(name) && name !== ':') out.push(cmd.words[nameIndex + 1].start, cmd.words[cmd.words.length - 1].end);
  }
  return out;
}

/**
 * Scans one command. A statement that only sets GOOS or only GOARCH (`export GOARCH=386`) is not
 * judged yet: it is returned, merged into `pending`, for the next command to build with.
 */
function scanCommand(text: string, masked: string, base: number, cmd: Command, sink: MentionSink, urlVars: Map<string, string>, value: boolean, env: GoEnv | undefined, pending: GoEnv | undefined): GoEnv | undefined {
  const words = cmd.words;
  const { nameIndex, name } = commandName(masked, words);
  const cmdStart = words[0].start;
  const cmdEnd = words[words.length - 1].end;
  scanAptSourceLines(text, masked, base, cmdStart, cmdEnd, sink, urlVars);
  // `printf '%s\n' URL… | xargs curl`: a format of conversions only prints its arguments as data,
  // a list of downloads; no flag or assignment is read there.
  if (name === 'printf' && dataFormat(text, base, words, nameIndex)) {
    const from = words[nameIndex + 2].start;
    scanUrls(text, masked, base, from, cmdEnd, sink, urlVars);
    scanArchiveNames(text, masked, base, from, cmdEnd, sink, urlVars);
    usePending(sink, [], [], pending, env);
    return undefined;
  }
  // echo text, and the patterns of grep and friends (`grep -rq 'GOARCH=arm' hack/` looks for an
  // assignment; it makes none).
  if (PROSE_COMMANDS.has(name) || SEARCH_COMMANDS.has(name) || (name === 'git' && nameIndex + 1 < words.length && GIT_SEARCHES.has(wordText(masked, words[nameIndex + 1])))) {
    usePending(sink, [], [], pending, env);
    return undefined;
  }
  settingCommand(text, masked, base, words, nameIndex, sink);
  // ssh host "sudo apt-get install -y kubeadm:armhf", eval "GOOS=… go build": the command is a script of its own.
  // (Not again for `eval eval …` or `ssh a ssh b …`: a line of thousands would be read once per word.)
  const remote = name === 'ssh' ? sshCommandAt(masked, words, nameIndex + 1) : name === 'eval' ? nameIndex + 1 : -1;
  if (remote > 0 && remote < words.length && !/^(ssh|eval)$/.test(wordText(masked, words[remote]))) {
    scanScriptWords(text, masked, base, words, remote, sink, urlVars);
    usePending(sink, [], [], pending, env);
    return undefined;
  }

  const oses: Token[] = [];
  const arches: Token[] = [];
  let variant: Token | undefined;
  /** Go's variable the variant was set by (`goamd64`, read for amd64 only); undefined for a --variant flag or TARGETVARIANT. */
  let variantKey: string | undefined;
  /** Arches given to a container tool's --arch (or --override-arch): its aliases are its spellings. */
  let containerArches: Set<Token> | undefined;
  // GOOS or GOARCH set to what a template makes (`GOOS=${{ matrix.os }}`, `GOOS="$target_os"`).
  let templated: Templated | undefined;
  /** The sides set to the Makefile's own variable of that name (`GOOS=$(GOOS)` in a recipe). */
  let madeOf: Templated | undefined;
  const flagMentionsStart = sink.mentions.length;
  const foreignFlags = pythonPackageTool(masked, words, nameIndex, name) || APP_BUILDER_TOOLS.has(name);
  // PowerShell, the default shell of Windows runners: `$env:GOARCH = "arm"` sets what go reads.
  const ps = nameIndex === 0 ? powershellAssignment(text, masked, base, words, sink, oses, arches) : false;

  const loopWords = forLoop(masked, words);
  if (loopWords) {
    const words = loopWords;
    const named = roleOf(wordText(masked, words[1]));
    // A variable named for none is what its body makes of it (GOARCH=$v, --platform "$v").
    const use = named === 'platform' ? undefined : loopUse(text, masked, base, words);
    const loopFrom = sink.mentions.length;
    // (`for a in $ARCHES`, `"${ARCHES[@]}"`: the words of the list assigned before, read here.)
    const assigned = assignedList(text, masked, base, words);
    const spans = assigned ?? loopSpans(masked, base, words);
    if (named === 'platform' || (named === undefined && use?.role === 'platform')) {
      // (A list of platforms assigned before is read where it is written.)
      if (!assigned && (!use?.cut || slashedWords(text, spans))) loopPlatforms(sink, text, masked, base, spans, 'for loop list');
    } else if (named === 'os' || named === 'arch') {
      // for GOARCH in amd64 arm64 arm: each word is one build's GOOS or GOARCH, with the other
      // half where the body writes it beside the variable (GOOS=darwin GOARCH=$goarch), else alone.
      const role = named;
      const other = use?.role === role ? use.other : undefined;
      const others = use?.role === role ? use.others : undefined;
      const names: Token[] = [];
      for (const t of loopNames(sink, text, masked, base, spans, role, 'for loop list', use?.container)) {
        if (others && looksLikeName(t.text, role)) names.push(t);
        else emitName(sink, role, t, 'for loop list', other);
      }
      if (others) emitCrossed(sink, role, names, others);
    } else if (named === undefined && use && use.role !== 'platform') loopIntoGoVariable(text, spans, masked, base, sink, use.role, use.other, use.others, use.container);
    // (`--platform linux/$arch`: the arches in a container tool's spelling.)
    if (use?.container) containerLoop(sink.mentions, loopFrom, use.named);
    // for url in https://dl.k8s.io/…/kubeadm kubernetes-node-linux-386.tar.gz: downloads all the same.
    scanUrls(text, masked, base, cmdStart, cmdEnd, sink, urlVars);
    scanArchiveNames(text, masked, base, cmdStart, cmdEnd, sink, urlVars);
    usePending(sink, [], [], pending, env);
    return undefined;
  }

  if (name === 'read' || name === 'mapfile' || name === 'readarray') readInto(text, masked, base, cmd, nameIndex, name, sink);

  /** Whether the command is `promu crossbuild` (asked once, at its first `-p`). */
  let promu: boolean | undefined;
  for (let k = 0; k < words.length; k++) {
    // A here-string's word (`cat <<< "GOARCH=arm"`) is the command's input, no assignment or flag (read above for `read`).
    // (Most words are one blank apart: only a wider gap is read for it.)
    if (k > 0 && words[k].start - words[k - 1].end >= 3 && masked.slice(words[k - 1].end, words[k].start).indexOf('<<<') >= 0) continue;
    // A word quoted whole ("--platform" in an exec-form array) reads as its content; so does the
    // literal word of a default or alternate value (`${FLAGS:---platform linux/amd64}`).
    const w = unquotedWord(masked, softTrimmed(masked, words[k]));
    const raw = masked.slice(w.start, w.end);
    // What follows reads assignments (NAME=…) and flags (-x, --x=…); other words are arguments.
    if (raw.charCodeAt(0) !== 45 /* - */ && raw.indexOf('=') < 0) continue;
    if (k > 0 && k + 1 < words.length && takesScript(raw, name, raw === '-c' ? shellBefore(masked, words, k) : '')) {
      // sh -c "GOOS=linux GOARCH=arm go build", docker exec node sh -c "…", su -c "…", gcloud
      // compute ssh --command "…", nix-shell --run "…": the argument is a script of its own.
      // (A shell run here, `sh -c "…"` itself, gets the environment: exports, the command's own `GOOS=darwin sh -c`.)
      const local = raw === '-c' && SHELL_NAME.test(name);
      scanQuotedScript(text, masked, base, words[k + 1], sink, urlVars, local ? withOwn(env, oses, arches) : undefined);
      k++;
      continue;
    }
    // docker buildx bake --set '*.platform=linux/amd64,linux/arm64' (also bake-action's `set:`
    // lines), --set probe.args.GOARCH=loong64 (a build argument of the target).
    if (bakeSet(text, masked, base, w, raw, sink, oses, arches)) continue;
    // --env=GOARCH=arm, --build-arg=PLATFORMS=…: an assignment carried by a flag, also quoted
    // whole (`--env="GOARCH=arm"`, the same argument to the shell).
    // (Only where that quote closes the word: not `--env="GOARCH=arm x`, a string left open.)
    let carried = CARRIED_ASSIGNMENT.exec(raw);
    if (carried && carried[1] && raw.indexOf(carried[1], carried[0].length) !== raw.length - 1) carried = null;
    const assign = ASSIGNMENT.exec(carried ? raw.slice(carried[0].length) : raw);
    if (assign && carried) {
      const quote = carried[1];
      const u = unquote(masked, { start: w.start + carried[0].length + assign[0].length, end: w.end - quote.length });
      if (roleOf(assign[1])) readAssigned(text, masked, base, assign[1], u.s, u.e, sink, oses, arches);
      // (A build argument of any name whose value is wholly platforms: `--build-arg=ARCH=linux/arm`.)
      else if (CARRYING_FLAG.test(carried[0].slice(0, carried[0].length - 1 - quote.length))) loosePlatformValue(text, masked, base, assign[1], u.s, u.e, w.start, sink);
      continue;
    }
    if (assign) {
      const varName = assign[1];
      // (A list of what is not built, `REMOVED_PLATFORMS=(linux/arm linux/arm/v7)`: its items are
      // not read; a download URL it holds still is, below.)
      const leftOut = leftOutName(varName);
      const role = roleOf(varName);
      const valueStart = w.start + assign[0].length;
      if (w.array) {
        if (leftOut) continue;
        if (role === 'platform') {
          const listId = sink.newList();
          // (Read item by item, the array is one list: one item in another runtime's spelling makes it foreign.)
          if (w.array.some((item) => {
            const u = unquote(masked, item);
            return isForeignPlatform(masked.slice(u.s, u.e));
          })) sink.foreignLists.add(listId);
          for (const item of w.array) {
            const index = ARRAY_INDEX.exec(masked.slice(item.start, Math.min(item.end, item.start + 40)));
            const u = unquote(masked, index ? { start: item.start + index[0].length, end: item.end } : item);
            // An associative array's value per key (`[alpine]="linux/amd64,linux/arm64"`) is a list of
            // its own; a fix empties it and keeps the key.
            const own = index !== null && !/^\[\s*\d+\s*\]/.test(index[0]);
            // Keyed by platform (`[linux/arm]=arm32v7/alpine:3.20`, the base image of each): the key is one.
            if (own) {
              const key = unquote(masked, { start: item.start + 1, end: item.start + index[0].indexOf(']') });
              if (PLATFORM_KEY.test(masked.slice(key.s, key.e))) readPlatformList(sink, { text, masked, maskBase: base, start: base + key.s, end: base + key.e, role, context: `${varName} array key`, canonical: varCanonical(varName, nesting.dockerNamed) });
            }
            const removeWhole = w.array.length > 1 && !own ? wordRemoval(text, base + item.start, base + item.end) : undefined;
            readPlatformList(sink, { text, masked, maskBase: base, start: base + u.s, end: base + u.e, role, context: `${varName} array`, canonical: varCanonical(varName, nesting.dockerNamed), ...(removeWhole ? { removeWhole } : {}) }, own ? sink.newList() : listId);
          }
        } else if (!role && !inHostCase(text, masked, base, w.start) && platformArray(text, masked, base, w.array)) {
          // `SUPPORTED_ARCHS=(linux/amd64 linux/arm64 linux/arm)`: items that are each wholly a
          // platform are one list, as the same words in a string are (isPlatformListValue).
          const listId = sink.newList();
          for (const item of w.array) {
            const u = unquote(masked, item);
            const removeWhole = w.array.length > 1 ? wordRemoval(text, base + item.start, base + item.end) : undefined;
            readPlatformList(sink, { text, masked, maskBase: base, start: base + u.s, end: base + u.e, role: 'platform', context: `${varName} array`, strictness: 'loose', ...(removeWhole ? { removeWhole } : {}) }, listId);
          }
        } else scanArrayFlags(text, masked, base, w.array, sink);
        continue;
      }
      const u = unquote(masked, { start: valueStart, end: w.end });
      const valueText = masked.slice(u.s, u.e);
      // (A value may go on after another such variable: `K8S_BIN="${BASE}/${VERSION}/bin"`.)
      // (Or a Kubernetes registry, set by a statement of its own: `REGISTRY=registry.k8s.io docker
      // pull "${REGISTRY}/…"` expands the shell's REGISTRY, and sets it for that command alone.)
      const kept = urlVariable(afterUrlVariable(text.slice(base + u.s, base + u.e), valueText, urlVars) ?? valueText) ?? (nameIndex >= words.length ? registryVariable(text.slice(base + u.s, base + u.e)) : undefined);
      if (kept !== undefined) urlVars.set(varName, kept);
      // (Set to another literal value: no download URL. An expansion may still hold one.)
      else if (!/[$`]/.test(text.slice(base + u.s, base + u.e))) urlVars.delete(varName);
      if (leftOut) continue;
      // `ARCH=arm` alone, then `docker build --platform "linux/${ARCH}"`: an arch built for that os.
      const flagOs = nameIndex >= words.length ? nesting.archVars?.get(varName) : undefined;
      if (flagOs && flagArch(text, masked, base, varName, u.s, u.e, w.start, flagOs, sink)) continue;
      if (role) {
        if (isNote(role, valueText)) continue;
        // A script's own variable (`goArch=arm`, not the GOARCH that go reads) in a branch of a
        // case on the machine's name maps the host to Go's name for it, as a sed map does.
        // A typo of a Go name is none of the host's names, though (`goarch=amd46`): it is reported.
        if (hasLower(varName) && !hostMappingTypo(role, valueText) && inHostCase(text, masked, base, w.start)) continue;
        // (`GOARCH=arm64/v8 go build`: Go's own, which go refuses; a script's GOARCH may hold a
        // variant for a --platform to come, pypa's `GOARCH="arm64/v8"`.)
        const names = readAssigned(text, masked, base, varName, u.s, u.e, sink, oses, arches, varName === 'GOARCH' && k < nameIndex && name === 'go');
        if (role === 'variant' && names && names.length > 0) {
          variant = names[0];
          variantKey = GO_VARIANT_KEYS.has(varName.toLowerCase()) ? varName.toLowerCase() : undefined;
        }
        // (`GOARCH="${GOARCH}"`, `--build-arg TARGETARCH=$TARGETARCH`: the value in force, which goes on to the command.)
        else if ((role === 'os' || role === 'arch') && names?.length === 0 && valueText.includes(POISON)) {
          const written = text.slice(base + u.s, base + u.e);
          // (A recipe's `GOOS=$(GOOS)`: the Makefile's own value, which make writes in.)
          const made = role === 'os' ? env?.makeOsName : env?.makeArchName;
          if (made !== undefined && made !== UNKNOWN_MAKE_VALUE && isMakeReference(written, varName)) (madeOf ??= {})[role] = true;
          else if (made === UNKNOWN_MAKE_VALUE || !isSelfReference(written, varName)) (templated ??= {})[role] = true;
        }
        continue;
      }
      // (A variable of any name: a statement's own assignment, or one a command takes as such, not
      // a word of another command's arguments: `git tag -m "X=linux/arm"` is a message.)
      // A variable of any name the script gives whole to a --platform flag (`ARCH=linux/arm64`,
      // then `docker buildx build --platform "$ARCH"`): its value is a platform list, typos too.
      if (nesting.platformVars?.has(varName) && k < nameIndex && !inHostCase(text, masked, base, w.start)) {
        readPlatformList(sink, { text, masked, maskBase: base, start: base + u.s, end: base + u.e, role: 'platform', context: `${varName}, a --platform value`, canonical: 'slash', ...(nesting.platformVars.get(varName) ? { bareArch: true } : {}) });
        continue;
      }
      // (A variable named for text holds text, as a YAML key of that name does: `MSG=linux/arm`,
      // Ansible's `debug: msg="linux/arm"`.)
      // (Or one a flag carries to the command as an assignment: `--build-arg ARCH=linux/arm`.)
      if ((value ? words.length === 1 : k < nameIndex || ASSIGNING_COMMANDS.has(name) || (k > nameIndex && carriedBy(masked, words, k, nameIndex, name))) && loosePlatformValue(text, masked, base, varName, u.s, u.e, w.start, sink)) continue;
      // (Not text for a person: `NOTE="use --platform linux/arm for old boards"`, `MSG="GOARCH=arm is gone"`.)
      if (isProse(varName, valueText)) continue;
      // BUILD_ARGS="--platform linux/arm64 --push", then `docker buildx build $BUILD_ARGS`.
      if (valueText.indexOf('--platform') >= 0 || (valueText.indexOf('--set') >= 0 && valueText.indexOf('platform') >= 0)) {
        flagsInValue(text, masked, base, u.s, u.e, varName, sink);
        continue;
      }
      if (assignmentsInValue(text, masked, base, u.s, u.e, sink)) continue;
    }
    const bareArch = nesting.dockerFlags === true || (CONTAINERD_TOOLS.has(name) && !afterContainerCommand(masked, words, nameIndex, k));
    const flagEnd = foreignFlags ? -1 : platformFlag(text, masked, base, words, k, w, raw, sink, TERRAFORM_TOOLS.has(name) ? 'os_arch' : 'slash', bareArch);
    if (flagEnd >= 0) {
      k = flagEnd;
      continue;
    }
    if (raw === '-p' && k > nameIndex && k + 1 < words.length && (promu ??= promuCrossbuild(text, masked, base, words, nameIndex))) {
      // promu crossbuild -p linux/amd64 -p linux/arm: the short form of its --platforms (Prometheus' Makefile.common).
      const u = unquote(masked, words[++k]);
      readPlatformList(sink, { text, masked, maskBase: base, start: base + u.s, end: base + u.e, role: 'platform', context: 'promu crossbuild -p', canonical: 'slash' });
      continue;
    }
    if (name === 'gox' && /^--?(os|arch)(=|$)/.test(raw)) {
      // gox -os="linux darwin" -arch="amd64 arm": a cross product.
      const eqAt = raw.indexOf('=');
      const vw = eqAt > 0 ? { start: w.start + eqAt + 1, end: w.end } : words[++k];
      if (!vw) continue;
      const u = unquote(masked, vw);
      const names = readPlatformList(sink, { text, masked, maskBase: base, start: base + u.s, end: base + u.e, role: raw.includes('os') ? 'os' : 'arch', context: 'gox' });
      // One by one: spreading a list of 200,000 names as arguments overflows the stack.
      const list = raw.includes('os') ? oses : arches;
      for (const n of names) list.push(n);
      continue;
    }
    if (name === 'xgo' && /^--?targets(=|$)/.test(raw)) {
      // xgo --targets=linux/amd64,linux/arm-7,windows/*: a list of its platforms.
      const eqAt = raw.indexOf('=');
      const vw = eqAt > 0 ? { start: w.start + eqAt + 1, end: w.end } : words[++k];
      if (!vw) continue;
      const u = unquote(masked, vw);
      readPlatformList(sink, { text, masked, maskBase: base, start: base + u.s, end: base + u.e, role: 'platform', context: 'xgo --targets', canonical: 'slash' });
      continue;
    }
    // docker manifest annotate --os linux --arch arm64, podman (buildah) manifest add|annotate --arch …,
    // skopeo copy --override-os linux --override-arch arm64 (and --arch=arm64: pflag takes both)
    const manifest = MANIFEST_FLAG.exec(raw);
    // (`--os --arch arm`: a flag with no value before the next.)
    if (manifest && manifest[3] !== '=' && k + 1 < words.length && masked.charCodeAt(words[k + 1].start) === 45) continue;
    if (manifest && (manifest[3] === '=' || k + 1 < words.length) && (manifest[1] ? name === 'skopeo' : platformFlags(masked, words, nameIndex, name))) {
      const v = manifest[3] === '=' ? { start: w.start + manifest[0].length, end: w.end } : words[++k];
      const u = unquote(masked, v);
      // The literal default of a template (`--arch "${TARGETARCH:-arm}"`, `${{ inputs.arch || 'arm64' }}`) is the value.
      const { s, e } = maskTrimmed(masked, u.s, u.e);
      if (!/[\u0001-\u0003]/.test(masked.slice(s, e)) && e > s) {
        const t = token(text, base + s, base + e);
        if (manifest[2] === 'os') oses.push(t);
        else if (manifest[2] === 'arch') {
          arches.push(t);
          (containerArches ??= new Set()).add(t);
        } else {
          variant = t;
          variantKey = undefined;
        }
      }
      continue;
    }
  }
  if (madeOf && env) env = { ...env, ...(madeOf.os && oses.length === 0 ? { osName: env.makeOsName } : {}), ...(madeOf.arch && arches.length === 0 ? { archName: env.makeArchName } : {}) };
  let sets: GoEnv | undefined;
  if ((nameIndex >= words.length || ps) && variant === undefined && (oses.length === 0) !== (arches.length === 0) && oses.length <= 1 && arches.length <= 1) {
    // A statement that sets one of the two: held. The value it replaces was never built with.
    judgeReplaced(sink, oses.length > 0, arches.length > 0, pending);
    const archWith = pending?.os ?? env?.os;
    const archWithName = archWith ? undefined : env?.osName;
    sets = oses.length > 0 ? { ...pending, os: oses[0] } : { ...pending, arch: arches[0], ...(archWith ? { archWith } : {}), ...(archWithName ? { archWithName } : {}) };
  } else usePending(sink, oses, arches, pending, env, variant, templated, variantKey);
  if (containerArches) containerAliases(sink.mentions, flagMentionsStart, containerArches);

  // A comparison (`[[ "$name" == kubernetes-node-linux-arm.tar.gz ]]`) or a case pattern names no download.
  if (!TEST_COMMANDS.has(name) && !isCasePattern(masked, words)) {
    scanUrls(text, masked, base, cmdStart, cmdEnd, sink, urlVars);
    scanArchiveNames(text, masked, base, cmdStart, cmdEnd, sink, urlVars);
  }
  const wrapped = WRAPPERS.has(name) ? wrappedPackageManager(masked, words, nameIndex) : undefined;
  if (wrapped) scanPackageWords(text, masked, base, words.slice(wrapped.index), wrapped.name, sink);
  else scanPackageWords(text, masked, base, words, packageManager(text, base, words, nameIndex) ?? name, sink);

  // An image pulled or run for a platform: registry.k8s.io/kube-proxy with --platform linux/arm64.
  let image: string | undefined;
  for (let k = flagMentionsStart; k < sink.mentions.length && image === undefined; k++) {
    const m = sink.mentions[k];
    if (m.kind === 'whole' && m.context.includes('platform')) image = findImage(text, masked, base, words, urlVars) ?? '';
  }
  if (image) {
    for (let k = flagMentionsStart; k < sink.mentions.length; k++) {
      const m = sink.mentions[k];
      if (m.kind === 'whole' && m.context.includes('platform')) (m as WholeMention).artifact = { kind: 'image', name: image };
    }
  }
  return sets;
}

/**
 * `podman pull --arch aarch64`, `skopeo copy --override-arch x86_64`: the container tools take
 * the runtimes' arch aliases (containers/image normalises them), so such a value names its Go
 * arch, in another spelling (non-canonical-platform), as `linux/aarch64` in a --platform does.
 * An arm alias (`armv7`) stays as written: the flag takes no variant, so there is no respelling.
 */
function containerAliases(mentions: readonly Mention[], from: number, arches: ReadonlySet<Token>): void {
  for (let k = from; k < mentions.length; k++) {
    const m = mentions[k];
    if (m.kind !== 'pair' || !m.arch || !arches.has(m.arch)) continue;
    // (An arch name read already, a matrix axis's, is kept.)
    if (m.archName !== undefined) m.containerArch = true;
    else Object.assign(m, containerArchFields(m.arch.text));
  }
}

/**
 * Whether the command takes a platform as --os, --arch and --variant: `docker manifest annotate`,
 * `podman manifest add`, podman's and buildah's build, from, pull, run and create, and setup-envtest.
 */
function platformFlags(masked: string, words: readonly Word[], nameIndex: number, name: string): boolean {
  // controller-runtime's setup-envtest fetches the Kubernetes control plane for --os and --arch.
  if (name === 'setup-envtest' || name.endsWith('/setup-envtest')) return true;
  if (name !== 'docker' && name !== 'podman' && name !== 'buildah') return false;
  if (words.some((x) => MANIFEST_EDIT.test(wordText(masked, x)))) return true;
  return name !== 'docker' && nameIndex + 1 < words.length && PODMAN_PLATFORMED.test(wordText(masked, words[nameIndex + 1]));
}

/** PowerShell's environment drive, `$env:NAME` (any case; `$$env:NAME` in a make recipe), opening a statement; its `$env` is masked. */
const PS_ENV = /^\$\$?env:([A-Za-z_][A-Za-z0-9_]*)/i;

/**
 * `$env:GOOS = "linux"`, `$env:GOARCH="arm"`: a PowerShell assignment of a platform-ish variable,
 * read as the shell's `GOARCH=arm` is. False when the command is no such statement.
 */
function powershellAssignment(text: string, masked: string, base: number, words: readonly Word[], sink: MentionSink, oses: Token[], arches: Token[]): boolean {
  const first = words[0];
  // (`\$env:GOARCH` in a script given in double quotes, `pwsh -Command "\$env:GOARCH = 'arm'"`.)
  const lead = text.charCodeAt(base + first.start) === 92 /* \ */ ? first.start + 1 : first.start;
  if (masked.charCodeAt(lead) !== 1 || text.charCodeAt(base + lead) !== 36 /* $ */) return false;
  const m = PS_ENV.exec(text.slice(base + lead, base + Math.min(first.end, lead + 80)));
  if (!m) return false;
  // The value: after `=` in the same word, or the word after a lone `=` (or one that opens with it).
  let at = lead + m[0].length;
  let k = 0;
  while (at === words[k].end && k + 1 < words.length) at = words[++k].start;
  if (masked[at] !== '=') return false;
  at++;
  if (at === words[k].end) {
    if (k + 1 >= words.length) return true;
    at = words[++k].start;
  }
  if (k + 1 !== words.length) return true; // `$env:GOOS = $os + "x"`: an expression, not a literal
  const u = unquote(masked, { start: at, end: words[k].end });
  if (roleOf(m[1]) !== 'variant') readAssigned(text, masked, base, m[1], u.s, u.e, sink, oses, arches);
  return true;
}

/**
 * A `--platform` flag at words[k] (`w`, its unquoted word, reads `raw`): its value after `=` or
 * in the next word is read as a platform list. Returns the index of the last word the flag
 * took, or -1 when the word is no platform flag.
 */
function platformFlag(text: string, masked: string, base: number, words: Word[], k: number, w: Word, raw: string, sink: MentionSink, canonical: 'slash' | 'os_arch' = 'slash', bareArch = false): number {
  const flag = PLATFORM_FLAG.exec(raw);
  if (!flag) return -1;
  let value: Word;
  if (raw[flag[0].length] === '=') value = { start: w.start + flag[0].length + 1, end: w.end };
  else if (k + 1 < words.length) value = words[++k];
  else return k;
  // (Empty strings around it, `""linux/arm""`: an escaped quote in `sh -c "…"`, see quotedScript.)
  while (value.end - value.start >= 4 && /^(?:""|'')$/.test(masked.slice(value.start, value.start + 2)) && masked.slice(value.end - 2, value.end) === masked.slice(value.start, value.start + 2)) value = { ...value, start: value.start + 2, end: value.end - 2 };
  if (!readsFlagValue(flag[0], masked.slice(value.start, value.end))) return k;
  if (joinedQuotes(text, masked, base, value, sink, `${flag[0]} flag`, canonical)) return k;
  const u = unquote(masked, value);
  // Terraform's platforms are its registry's, which are Go's names: linux_x86_64 is none.
  readPlatformList(sink, { text, masked, maskBase: base, start: base + u.s, end: base + u.e, role: 'platform', context: `${flag[0]} flag`, canonical, goNames: canonical === 'os_arch', ...(bareArch ? { bareArch } : {}) });
  return k;
}

/** A variable given whole as a `--platform` value: `--platform "$ARCH"`, `--platform=${TARGET}`. */
const PLATFORM_FLAG_VARIABLE = /--platforms?(?:=|[ \t]+)(["']?)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))\1(?=[\s;|&)\\]|$)/g;

/** A Dockerfile's FROM before its `--platform` flag. */
const FROM_BEFORE = /^[ \t]*FROM[ \t]+(?:--[\w-]+=\S*[ \t]+)*$/i;

/** A container tool named on a line before a `--platform` (see containerFlag). */
const CONTAINERD_TOOL_WORD = /(?:^|[\s;&|(`'"])(?:docker|podman|buildah|nerdctl|earthly)\s/;

/**
 * Whether the `--platform` that `before` (its line up to the flag) leads to is a container tool's,
 * which reads an arch alone as that arch on linux (see CONTAINERD_TOOLS): not after the image of
 * `run`, `create` or `exec`, whose words are the container's command's (only flags may come
 * between the subcommand and it: `docker run --rm --platform "$A" img`).
 */
function containerFlag(before: string): boolean {
  const m = CONTAINERD_TOOL_WORD.exec(before);
  if (!m) return false;
  const words = before.slice(m.index + m[0].length).split(/\s+/).filter((w) => w !== '');
  const sub = words.findIndex((w) => !w.startsWith('-'));
  if (sub < 0 || !CONTAINER_COMMANDS.has(words[sub])) return true;
  // (A flag's value is no image: `docker run -v a:b --platform "$A" img`; see afterContainerCommand.)
  for (let j = sub + 1; j < words.length; j++) {
    if (!words[j].startsWith('-')) return false;
    if (takesValue(words[j])) j++;
  }
  return true;
}

/** Whether a flag of `run`, `create` or `exec` written without `=` takes the next word as its value: not those known to take none, nor runs of short ones (`-it`). */
function takesValue(flag: string): boolean {
  return flag.indexOf('=') < 0 && !VALUELESS_FLAGS.has(flag) && !/^-[A-Za-z]{2,}$/.test(flag);
}

/** A `--platform` value, one word (quoted or not), whose items may hold a variable after an os: `--platform "linux/${ARCH}"`, `--platform=linux/$a,windows/$a`. */
const PLATFORM_FLAG_WORD = /--platforms?(?:=|[ \t]+)(["']?)([^\s"'`;|&<>()]{1,400})\1(?=[\s;|&)\\]|$)/g;

/** An item of it that is a variable after a literal os, with a variant maybe: `linux/${ARCH}`, `linux/$A/v7`. */
const ARCH_VARIABLE_ITEM = /^([a-z0-9]+)\/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))(?:\/v[0-9]{1,2})?$/;

/** make's reference to a variable given whole to a recipe's `--platform`: `--platform $(IMAGE_ARCH)`. */
const PLATFORM_FLAG_MAKE_VARIABLE = /--platforms?(?:=|[ \t]+)(["']?)\$(?:\(([A-Za-z_][A-Za-z0-9_]*)\)|\{([A-Za-z_][A-Za-z0-9_]*)\})\1(?=[\s;|&)\\]|$)/g;

/** A recipe's `--platform` value, one word, whose items may hold make's reference after an os: `--platform linux/$(ARCH)`. */
const PLATFORM_FLAG_MAKE_WORD = /--platforms?(?:=|[ \t]+)(["']?)([^\s"'`;|&<>]{1,400})\1(?=[\s;|&)\\]|$)/g;

/** An item of it that is make's reference after a literal os, with a variant maybe: `linux/$(ARCH)`, `linux/${ARCH}/v7`. */
const MAKE_ARCH_VARIABLE_ITEM = /^([a-z0-9]+)\/\$(?:\(([A-Za-z_][A-Za-z0-9_]*)\)|\{([A-Za-z_][A-Za-z0-9_]*)\})(?:\/v[0-9]{1,2})?$/;

/**
 * The variables text[start, end) gives to a `--platform` flag, or undefined (most scripts: one
 * search). Given whole, each with whether a container tool's flag takes it (`docker run --platform
 * "$A"`), which reads an arch alone (`A=arm`) as a platform. Given after a literal os (`--platform
 * "linux/${ARCH}"`), each with the oses it is given after: the variable holds an arch built for
 * them. A Makefile's own variables in its recipes (`$(ARCH)`, `make`) are read the same way. Not
 * a use in echo text or a comment, nor the flag of a tool that is not Docker's (pip's, gcloud's),
 * nor a variable set more than once (see reassigned).
 */
export function flagVariables(text: string, start: number, end: number, make = false, dockerfile = false): FlagVariables | undefined {
  const region = start === 0 && end === text.length ? text : text.slice(start, end);
  if (region.indexOf('--platform') < 0) return undefined;
  let whole: Map<string, boolean> | undefined;
  let arch: Map<string, string[]> | undefined;
  let named: Set<string> | undefined;
  const given = make ? PLATFORM_FLAG_MAKE_VARIABLE : PLATFORM_FLAG_VARIABLE;
  const flagWord = make ? PLATFORM_FLAG_MAKE_WORD : PLATFORM_FLAG_WORD;
  const archItem = make ? MAKE_ARCH_VARIABLE_ITEM : ARCH_VARIABLE_ITEM;
  /** The line up to a use at `at`, when the use is a flag of a tool that takes Docker's platforms (not echo text, a comment, pip's or gcloud's). */
  const lineOf = (at: number): string | undefined => {
    // (Its last MAX_FLAG_LOOKBACK characters: a line of thousands of flags is read in linear time.)
    const before = region.slice(Math.max(region.lastIndexOf('\n', at) + 1, at - MAX_FLAG_LOOKBACK), at);
    return runsDockerFlag(before) ? before : undefined;
  };
  given.lastIndex = 0;
  for (let m = given.exec(region); m; m = given.exec(region)) {
    const name = m[2] ?? m[3];
    // (A platform-ish name is read as such already; one named for platforms, in Docker's spelling then.)
    const role = roleOf(name);
    if (role !== undefined && role !== 'platform') continue;
    const before = lineOf(m.index);
    if (before === undefined) continue;
    // (A Dockerfile's `FROM --platform=$BASE_PLATFORM` is BuildKit's, a container tool's.)
    const container = containerFlag(before) || (dockerfile && FROM_BEFORE.test(before));
    if (role === 'platform') {
      // (Only where a container tool takes it: a name of npm's, conda's or pip's is theirs, given to
      // their own --platform. Docker's and BuildKit's own, `$BUILDPLATFORM`, are read so already.)
      if (container && !DOCKER_OR_KUBE_NAMED.test(name)) (named ??= new Set()).add(name);
      continue;
    }
    const bare = container;
    (whole ??= new Map()).set(name, bare || whole.get(name) === true);
  }
  flagWord.lastIndex = 0;
  for (let m = flagWord.exec(region); m; m = flagWord.exec(region)) {
    if (m[2].indexOf('/$') < 0) continue;
    // (Each item of a list: `linux/$A,windows/$A`.)
    for (const item of m[2].split(',')) {
      const i = archItem.exec(item);
      if (!i) continue;
      const name = i[2] ?? i[3];
      if (!isGoOs(i[1]) || !archVariable(name) || lineOf(m.index) === undefined) continue;
      // (Built for each os it is given after: `windows/$(ARCH)` and `linux/$(ARCH)`.)
      const oses = (arch ??= new Map()).get(name);
      if (!oses) arch.set(name, [i[1]]);
      else if (!oses.includes(i[1]) && oses.length < MAX_FLAG_OSES) oses.push(i[1]);
    }
  }
  // A variable set more than once (`ARCH=arm`, later `ARCH=arm64`; a loop over it, `read`) holds
  // what the script or make last gave it before the flag, which is not read here.
  if (whole || arch || named) {
    const set = make ? makeAssignments(region) : shellAssignments(region);
    for (const map of [whole, arch]) if (map) for (const name of [...map.keys()]) if (setTwice(set, name)) map.delete(name);
    if (named) for (const name of [...named]) if (setTwice(set, name)) named.delete(name);
  }
  if (!whole?.size && !arch?.size && !named?.size) return undefined;
  return { ...(whole?.size ? { whole } : {}), ...(arch?.size ? { arch } : {}), ...(named?.size ? { named } : {}), key: JSON.stringify([[...(whole ?? [])], [...(arch ?? [])], [...(named ?? [])]]) };
}

/** How much of a line before a `--platform` flag tells whose flag it is (a tool's name, echo text, a comment). */
const MAX_FLAG_LOOKBACK = 1000;

/** The oses one variable is read with at most (`--platform linux/$A`, `--platform windows/$A`, …). */
const MAX_FLAG_OSES = 4;

/**
 * Where a script sets its variables, read once for all of them (a script may give hundreds to
 * `--platform` flags): `NAME=` statements (`export`, `readonly`, …) per name, but not those that
 * set it to itself (`--build-arg ARCH=$ARCH`, `ARCH="${ARCH}"`); and the names a loop runs over,
 * `read` reads into or `unset` unsets, which hold what the script last gave them too. In a
 * Makefile, `NAME ?=`, `NAME :=`, … at the start of a line outside conditionals (whose branches
 * are alternatives; a target's own value is for that target).
 */
export interface Assignments {
  readonly counts: ReadonlyMap<string, number>;
  readonly other?: ReadonlySet<string>;
}

/** Whether `name` is set more than once (see Assignments): what a flag reads there is not told. */
function setTwice(set: Assignments, name: string): boolean {
  return (set.counts.get(name) ?? 0) > 1 || set.other?.has(name) === true;
}

/** Whether `name` is set at all (see Assignments): an environment's value of it is not what a script's `--platform` reads. */
export function setAtAll(set: Assignments, name: string): boolean {
  return (set.counts.get(name) ?? 0) > 0 || set.other?.has(name) === true;
}

/** A shell assignment, with the variable its value starts with: `ARCH=arm`, `ARCH="${ARCH}"`. */
const SHELL_ASSIGNMENT = /(?<![\w$({.-])([A-Za-z_][A-Za-z0-9_]*)=(?!=)["']?(?:\$\{?([A-Za-z_][A-Za-z0-9_]*))?/g;
/** A loop over a variable, and `unset` of one. */
const LOOP_VARIABLE = /(?<=^|[\s;&|(])for[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]/g;
const UNSET_VARIABLE = /(?<=^|[\s;&|(])unset[ \t]+(?:-v[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)\b/g;
/** `read` and what follows it in its statement (the names it reads into start in its first 200 characters). */
const READ_STATEMENT = /(?<=^|[\s;&|(])read\b([^\n;|&]{0,264})/g;
/** A word of it, after a blank: `-r`, `ARCH`. */
const READ_WORD = /[ \t]([^\s;|&]+)(?=[\s;|&]|$)/g;

/** A script's Assignments. */
export function shellAssignments(text: string): Assignments {
  const counts = new Map<string, number>();
  if (text.indexOf('=') >= 0) {
    SHELL_ASSIGNMENT.lastIndex = 0;
    for (let m = SHELL_ASSIGNMENT.exec(text); m; m = SHELL_ASSIGNMENT.exec(text)) if (m[2] !== m[1]) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  let other: Set<string> | undefined;
  for (const re of [LOOP_VARIABLE, UNSET_VARIABLE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) (other ??= new Set()).add(m[1]);
  }
  if (text.indexOf('read') >= 0) {
    READ_STATEMENT.lastIndex = 0;
    for (let m = READ_STATEMENT.exec(text); m; m = READ_STATEMENT.exec(text)) {
      // (The rest of the statement, up to 200 characters before a name and the name after them;
      // the match is not consumed, so a `read` inside it is read too.)
      const rest = m[1];
      const at = m.index + 4;
      READ_STATEMENT.lastIndex = at;
      READ_WORD.lastIndex = 0;
      for (let w = READ_WORD.exec(rest); w && w.index <= 200; w = READ_WORD.exec(rest)) {
        // (A word cut by the window's end is not known to end there.)
        if (w.index + w[0].length === rest.length && at + rest.length < text.length && !/[\s;|&]/.test(text[at + rest.length])) break;
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(w[1])) (other ??= new Set()).add(w[1]);
      }
    }
  }
  return other ? { counts, other } : { counts };
}

const MAKE_CONDITIONAL_OPEN = /^[ \t]*(?:ifeq|ifneq|ifdef|ifndef)\b/;
const MAKE_CONDITIONAL_CLOSE = /^[ \t]*endif\b/;
/** make's assignment at the start of a line: `ARCH ?= arm`, `export ARCH := arm`. */
const MAKE_ASSIGNMENT = /^[ \t]*(?:(?:export|override|private)[ \t]+)*([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?::{1,3}|\?|\+|!)?=/;

/** A Makefile's Assignments. */
function makeAssignments(text: string): Assignments {
  const counts = new Map<string, number>();
  let depth = 0;
  for (let at = 0; at < text.length; ) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    const line = text.slice(at, Math.min(nl, at + 200));
    at = nl + 1;
    if (line.indexOf('=') < 0 && line.indexOf('if') < 0) continue;
    if (MAKE_CONDITIONAL_OPEN.test(line)) depth++;
    else if (MAKE_CONDITIONAL_CLOSE.test(line)) depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const m = MAKE_ASSIGNMENT.exec(line);
      if (m) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
    }
  }
  return { counts };
}

/**
 * The value masked[vs, ve) of a statement `NAME=value` whose NAME a `--platform` flag takes after
 * the oses `os` (see flagVariables): one literal word, an arch built for them in a container
 * tool's spelling (`x86_64` is an alias there, as in a loop's list: see containerLoop). Not in a
 * branch on the host (`case "$(uname -m)" in aarch64) ARCH=arm64`), which names the machine found.
 * False when the value is none such, to be read as any assignment.
 */
export function flagArch(text: string, masked: string, base: number, name: string, vs: number, ve: number, at: number, os: readonly string[], sink: MentionSink): boolean {
  // (Its own default, `ARCH=${ARCH:-arm}`: the value when none is given.)
  const own = SELF_DEFAULT.exec(text.slice(base + vs, base + ve));
  if (own && own[1] === name) {
    vs += own[0].length - 1 - own[2].length;
    ve = vs + own[2].length;
  }
  if (!flagArchValue(masked.slice(vs, ve), name) || inHostCase(text, masked, base, at)) return false;
  emitFlagArch(text, masked, base, base + vs, base + ve, name, os, sink);
  return true;
}

/** A variable's own default as its value: `${ARCH:-arm64}`, `${ARCH:=arm64}`. */
const SELF_DEFAULT = /^\$\{([A-Za-z_][A-Za-z0-9_]*):?[-=]([A-Za-z0-9_.-]{1,40}(?:\/[A-Za-z0-9.]{1,10})?)\}$/;

/** Whether `value`, the value of NAME given after an os to a `--platform`, is one literal word read as an arch (see flagArch). */
export function flagArchValue(value: string, name: string): boolean {
  // (Or Go's name of an arch with a variant: `ARCH=arm/v7`, then `--platform linux/${ARCH}`; one
  // Go does not have, `arm64/v7`, is judged as `linux/arm64/v7` is.)
  return (/^[A-Za-z0-9_.-]{1,40}$/.test(value) || ARCH_VARIANT.test(value)) && (roleOf(name) !== undefined || looksLikeName(value.split('/')[0], 'arch'));
}

/** The arch in text[start, end) (masked from maskBase) of variable `name`, given to a container tool's `--platform` after `os` (see flagArch). */
export function emitFlagArch(text: string, masked: string, maskBase: number, start: number, end: number, name: string, oses: readonly string[], sink: MentionSink): void {
  const from = sink.mentions.length;
  const context = `${name}, a --platform arch`;
  for (const t of readPlatformList(sink, { text, masked, maskBase, start, end, role: 'arch', context })) {
    // (Each os judges it: linux/arm is removed, windows/arm no Go port.)
    for (const os of oses) emitPairs(sink, [], [t], undefined, context, undefined, { os });
  }
  containerLoop(sink.mentions, from);
}

/**
 * Whether a variable given after an os (`--platform linux/$NAME`) is read for its assignments as
 * that flag's arch: one named for nothing (`I`, `BASE`) or for an arch, but not GOARCH, which the
 * contract reads as Go's wherever it is assigned.
 */
function archVariable(name: string): boolean {
  const role = roleOf(name);
  return role === undefined || (role === 'arch' && name.toUpperCase() !== 'GOARCH');
}

/** The subcommands whose first argument is an image or a container; the words after it are that command's (`docker run img crane copy --platform arm`). */
const CONTAINER_COMMANDS: ReadonlySet<string> = new Set(['run', 'exec', 'create']);

/** Flags of those subcommands that take no value: the word after one is the image. */
const VALUELESS_FLAGS: ReadonlySet<string> = new Set(['--rm', '-d', '--detach', '-i', '--interactive', '-t', '--tty', '--privileged', '--init', '--read-only', '-q', '--quiet', '-P', '--publish-all', '--no-healthcheck', '--oom-kill-disable', '--replace']);

/**
 * Whether words[k] of a docker, podman or nerdctl command comes after the image of its `run` or
 * `create` (the container of its `exec`): an argument of the command run there, not the tool's own
 * flag. A flag without `=` takes the next word as its value, but for those known to take none and
 * runs of short ones (`-it`).
 */
function afterContainerCommand(masked: string, words: readonly Word[], nameIndex: number, k: number): boolean {
  let i = nameIndex + 1;
  while (i < k && masked.charCodeAt(words[i].start) === 45 /* - */) i++;
  if (i < k && wordText(masked, words[i]) === 'container') i++;
  if (i >= k || !CONTAINER_COMMANDS.has(wordText(masked, words[i]))) return false;
  for (let j = i + 1; j < k; j++) {
    const w = wordText(masked, words[j]);
    if (w.charCodeAt(0) !== 45) return true;
    if (takesValue(w)) j++;
  }
  return false;
}

/**
 * The tools whose `--platform` containerd's platforms.Parse reads, which takes an arch alone
 * (`docker run --platform arm64`) as that arch on the daemon's os; Earthly, a BuildKit client,
 * too. crane and ko read `arm64` as an os: not these.
 */
const CONTAINERD_TOOLS: ReadonlySet<string> = new Set(['docker', 'podman', 'buildah', 'nerdctl', 'earthly']);

/** Terraform and the tools around it: `terraform providers lock -platform=linux_amd64` takes Terraform's spelling, os_arch. */
export const TERRAFORM_TOOLS: ReadonlySet<string> = new Set(['terraform', 'tofu', 'terragrunt', 'atmos']);
/** Node's package tools and builders, whose `--platform` is Node's (`linux-x64`) or esbuild's (`node`). */
const NODE_FLAG_TOOLS = ['npm', 'npx', 'yarn', 'pnpm', 'bun', 'node-gyp', 'node-pre-gyp', 'prebuildify', 'prebuild', 'esbuild'];

/** Python and conda package tools: their `--platform` is a wheel tag or a conda subdir (`linux_x86_64`, `linux-aarch64`). */
export const PYTHON_PACKAGE_TOOLS: ReadonlySet<string> = new Set(['pip', 'pip3', 'pipx', 'conda', 'mamba', 'micromamba', 'conda-lock', 'pixi', 'rattler-build']);

/**
 * JavaScript's and the app builders' tools, whose `--platform` is theirs (`electron-builder
 * --platform win32/x64`, `flutter … --platform android/arm64`), and the package runners a script of
 * a package.json passes its flags through (`npx electron-builder`, `yarn dist --platform darwin/x64`).
 */
const APP_BUILDER_TOOLS: ReadonlySet<string> = new Set(['electron-builder', 'electron-packager', 'electron-forge', 'flutter', 'cordova', 'ionic', 'cap', 'react-native', 'expo', 'eas', 'tauri', 'pkg', 'nexe', 'npx', 'npm', 'yarn', 'pnpm', 'pnpx', 'bunx', 'bun', 'node', 'deno']);

/**
 * Tools named on a line before a `--platform` that is not Docker's (flagVariables reads lines, not
 * commands): Python's and conda's package tags (pythonPackageTool), Terraform's, gcloud's
 * (`managed`), and Node's package tools' and builders' (`npm run build -- --platform=linux-x64`,
 * sharp's and prebuild's; esbuild's `--platform=node`).
 */
const FOREIGN_FLAG_TOOL = new RegExp(`(?:^|[\\s;&|(\`'"/])(?:${[...PYTHON_PACKAGE_TOOLS, ...TERRAFORM_TOOLS, 'uv', 'python[0-9.]*', 'gcloud', ...NODE_FLAG_TOOLS].join('|')})[ \\t]`);

/** Whether the command is a Python or conda package tool (`pip download`, `python3 -m pip`, `uv pip`, `conda create`). */
function pythonPackageTool(masked: string, words: readonly Word[], nameIndex: number, name: string): boolean {
  if (PYTHON_PACKAGE_TOOLS.has(name)) return true;
  if (name !== 'uv' && !/^python[0-9.]*$/.test(name)) return false;
  for (let k = nameIndex + 1; k < Math.min(words.length, nameIndex + 3); k++) if (wordText(masked, words[k]) === 'pip') return true;
  return false;
}

/** A quote inside a word, beside a character of it: the shell joins the pieces (`linux/"arm"`, `"linux"/arm`). */
const JOINED_QUOTE = /[^\s"',]["']|["'][^\s"',]/;

/**
 * A flag's value of one platform written in quoted pieces (`--platform=linux/"arm"`): the shell
 * joins them into linux/arm, a mention of the whole word. False when the value is no such word.
 */
function joinedQuotes(text: string, masked: string, base: number, value: Word, sink: MentionSink, context: string, canonical: 'slash' | 'os_arch' = 'slash'): boolean {
  if (value.end - value.start < 4 || !JOINED_QUOTE.test(masked.slice(value.start + 1, value.end - 1))) return false;
  const bare = masked.slice(value.start, value.end).replace(/["']/g, '');
  if (/[\s,]/.test(bare) || bare.includes(POISON)) return false;
  const platform = parsePlatform(bare, 'strict');
  if (!platform) return false;
  sink.add({ kind: 'whole', token: token(text, value.start + base, value.end + base), platform, strict: true, canonical, ...(canonical === 'os_arch' ? { goNames: true } : {}), listId: sink.newList(), context });
  return true;
}

/** A command kept in an array (`local -ra build_cmd=(docker buildx build "--platform=linux/amd64" …)`): its `--platform` flags. */
function scanArrayFlags(text: string, masked: string, base: number, items: Word[], sink: MentionSink): void {
  const oses: Token[] = [];
  const arches: Token[] = [];
  for (let k = 0; k < items.length; k++) {
    const w = unquotedWord(masked, items[k]);
    const raw = masked.slice(w.start, w.end);
    if (raw.charCodeAt(0) === 45 /* - */) {
      k = Math.max(k, platformFlag(text, masked, base, items, k, w, raw, sink));
      continue;
    }
    // The values of `--set` (bake) and of `--build-arg`/`-e`: `T.platform=…`, `T.args.GOARCH=…`, `GOARCH=…`.
    if (bakeSet(text, masked, base, w, raw, sink, oses, arches)) continue;
    const assign = ASSIGNMENT.exec(raw);
    if (assign && roleOf(assign[1]) !== 'variant') readAssigned(text, masked, base, assign[1], w.start + assign[0].length, w.end, sink, oses, arches);
  }
  if (oses.length > 0 || arches.length > 0) emitPairs(sink, oses.slice(0, 1), arches.slice(0, 1), undefined, 'GOOS/GOARCH');
}

function findImage(text: string, masked: string, base: number, words: Word[], urlVars: ReadonlyMap<string, string>): string | undefined {
  for (const w of words) {
    // (`"${REGISTRY}/kube-proxy:v1.31.1"`, REGISTRY set to registry.k8s.io above, as written: masked, it is no word.)
    const image = kubeImageName(wordText(masked, w)) ?? (urlVars.size > 0 ? kubeImageAfter(wordText(text, { start: base + w.start, end: base + w.end }), urlVars) : undefined);
    if (image !== undefined) return image;
  }
  return undefined;
}

/** Blanks the brackets and commas of a JSON array outside its strings, keeping offsets. */
function unjson(masked: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < masked.length; i++) {
    const c = masked[i];
    if (c === '"' && masked[i - 1] !== '\\') quoted = !quoted;
    out += !quoted && (c === '[' || c === ']' || c === ',') ? ' ' : c;
  }
  return out;
}

/**
 * Whether an os or arch value assigned in a branch on the host is a typo of a Go name: one word,
 * neither a Go name nor an alias, but near one (isNameTypo: `linxu`, `amd46`; not
 * `unsupported`, which a default branch may set).
 */
function hostMappingTypo(role: string, value: string): boolean {
  if (role !== 'os' && role !== 'arch') return false;
  const word = value.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!/^[a-z0-9]{2,12}$/.test(word)) return false;
  return isNameTypo(word, role);
}

/** Verbs and negations that only prose has, and `more` of them (an alternation). */
function proseWords(more: string): string {
  return `is|are|was|were|been|not|will|would|must|should|cannot|can't|doesn't|don't|isn't|aren't|won't|instead|${more}`;
}

/** The end of a word of prose: a blank, a quote, punctuation or the end. */
const WORD_END = `(?=[\\s"'.,;:!?)]|$)`;

/**
 * A word of prose, never of a command line or a platform list (`is`, `not`, `the`): a platform-ish
 * value with one is a sentence for a person, `fail "PLATFORMS=linux/arm is not allowed"`. (Not a
 * word a shell reads, such as `for` or `in`, nor one in a path or a flag.)
 */
const PROSE_WORD = new RegExp(`(?:^|[\\s"'(])(?:${proseWords('the|please|deprecated|unsupported')})${WORD_END}`, 'i');

/**
 * Assignments that a sentence goes on from, where a command line would have its command:
 * `GOARCH=arm is gone`, `GOOS=windows GOARCH=arm64 is not supported yet`.
 */
const PROSE_AFTER_ASSIGNMENTS = new RegExp(`^\\s*(?:[A-Za-z_][A-Za-z0-9_]*=\\S*\\s+)+(?:${proseWords('has|have|only')})${WORD_END}`, 'i');

/**
 * A variable named for what is not built (`REMOVED_PLATFORMS`, `deny`, `skipArches`,
 * `known_bad_targets`, `EXCLUDED_PLATFORMS`): a verify script's guard list, whose items are
 * compared, not built, as a matrix's `exclude:` entries are not. By a whole part of the name.
 */
export function leftOutName(name: string): boolean {
  if (name.length > MAX_NAME || !LEFT_OUT_PART.test(name)) return false;
  for (const part of name.split(/[_.-]+|(?<=[a-z0-9])(?=[A-Z])/)) if (LEFT_OUT_WORDS.has(part.toLowerCase())) return true;
  return false;
}

const LEFT_OUT_WORDS: ReadonlySet<string> = new Set(['removed', 'remove', 'deny', 'denied', 'denylist', 'blocklist', 'blacklist', 'blocked', 'banned', 'forbidden', 'disallowed', 'exclude', 'excluded', 'excludes', 'exclusions', 'skip', 'skipped', 'skips', 'ignore', 'ignored', 'ignores', 'unsupported', 'dropped', 'deprecated', 'bad', 'broken', 'invalid']);
/** The same words anywhere in a name, to skip the split for most names. */
const LEFT_OUT_PART = /removed?|deny|denied|block|black|banned|forbidden|disallowed|exclu|skip|ignore|unsupported|dropped|deprecated|bad|broken|invalid/i;

/** A name for text for a person, by its last part: `MSG`, `ERROR_MESSAGE`, `HELP_TEXT`, `RELEASE_NOTES`, `usage` (not `NOTES_CMD`). */
const TEXT_NAME = /(?:^|[_-])(?:msg|message|notes?|help|text|desc|description|usage|hint|title|summary|comment|reason|banner)$/i;

/** Whether a variable or key is named for text for a person (see TEXT_NAME). */
export function isTextName(name: string): boolean {
  return TEXT_NAME.test(name);
}

/** A name for a file's or folder's path, by its last part: `OUT_DIR`, `BIN_DIR`, `dir`, `OUTPUT_PATH`, `DEST`. */
const PATH_NAME = /(?:^|[_-])(?:dir|dirs|directory|path|paths|folder|dest|destination|out|outdir|output|prefix|subdir|file|filename|location)$/i;

/**
 * Whether variable `name`, set to a platform, holds text for a person or a path (`OUT_DIR=linux/arm`,
 * a folder): it is named so and the file gives it to no `--platform` flag (`ARG BASE_NOTE=linux/arm/v7`,
 * then `FROM --platform=$BASE_NOTE`, is a platform whatever its name).
 */
export function holdsText(text: string, name: string): boolean {
  // (A name too long for a pattern is judged as any other.)
  if (name.length > MAX_NAME || !(TEXT_NAME.test(name) || PATH_NAME.test(name))) return false;
  if (text !== flagUseText) {
    flagUseText = text;
    flagUses.clear();
  }
  let used = flagUses.get(name);
  if (used === undefined) {
    used = false;
    if (text.indexOf('-platform') >= 0) {
      const use = new RegExp(`--platforms?(?:=|[ \\t]+)["']?[^\\s"']{0,200}\\$[{(]?${name.replace(REGEX_SPECIAL, '\\$&')}(?![A-Za-z0-9_])`, 'g');
      // (Not in a comment, echo text, a pattern or a label: `# --platform $NOTE`, `LABEL usage="--platform $NOTE"`.)
      for (let m = use.exec(text); m && !used; m = use.exec(text)) {
        const before = text.slice(Math.max(text.lastIndexOf('\n', m.index) + 1, m.index - MAX_FLAG_LOOKBACK), m.index);
        used = !textAtUse(before);
      }
    }
    if (flagUses.size >= FLAG_USE_MEMO) flagUses.clear();
    flagUses.set(name, used);
  }
  return !used;
}

/**
 * Whether a `--platform` whose value follows `before` (its line up to the value) is run as Docker's
 * flag: not in echo text or a comment, nor the flag of another tool (pip's, Terraform's, gcloud's).
 */
export function runsDockerFlag(before: string): boolean {
  // (Echo text: the last statement's words, or a quoted string that an echo before it opens;
  // `echo building && docker build --platform linux/$ARCH` builds.)
  return !((ECHO_BEFORE.test(before) && openQuote(before)) || FOREIGN_FLAG_TOOL.test(before) || textAtUse(before));
}

/**
 * Whether a use of a variable after a `--platform` flag, its line up to it `before`, is text: in a
 * comment, a text command's words (`echo`, `die "usage: --platform $NOTE"`), a pattern of sed and
 * the like (inPattern), or a Dockerfile's LABEL.
 */
function textAtUse(before: string): boolean {
  return COMMENT_BEFORE.test(before) || LABEL_BEFORE.test(before) || PROSE_COMMANDS.has(lastCommand(before)) || inPattern(before);
}

/** Whether `before` ends inside a quoted string (`echo "a && b --platform`): its quotes, unescaped, are left open. */
function openQuote(before: string): boolean {
  let quote = 0;
  for (let i = 0; i < before.length; i++) {
    const c = before.charCodeAt(i);
    if (c === 92 /* \ */ && quote !== 39) i++;
    else if (quote === 0 && (c === 34 || c === 39)) quote = c;
    else if (c === quote) quote = 0;
  }
  return quote !== 0;
}

/** The command of the last statement of `before`: `die` in `[ -n "$X" ] || die "usage: --platform $NOTE`. */
function lastCommand(before: string): string {
  // (An escaped `\;` is an argument, `echo a \; b`: no statement ends there.)
  const plain = before.indexOf('\\') >= 0 ? before.replace(/\\[;&|]/g, '__') : before;
  const and = plain.lastIndexOf('&&');
  const from = Math.max(plain.lastIndexOf(';') + 1, and >= 0 ? and + 2 : 0, plain.lastIndexOf('|') + 1);
  // (A recipe line's `@`, `-` and `+` are make's: `@echo …` is an echo.)
  return /^\s*[@+-]*([^\s;&|]*)/.exec(plain.slice(from))![1];
}
/** A Dockerfile's LABEL before a use: its values are text. */
const LABEL_BEFORE = /^\s*LABEL\s/i;
/** The characters a name is escaped of in a pattern (make's names may hold `.`). */
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;
/** Names longer than this are in no pattern made of them (a pattern has a size limit). */
const MAX_NAME = 256;

/** The text whose variables given to a `--platform` flagUses holds (see holdsText). */
let flagUseText = '';
const flagUses = new Map<string, boolean>();
const FLAG_USE_MEMO = 256;

/**
 * Whether `name=value` holds text for a person, not settings for a command line to come (see
 * assignmentsInValue and flagsInValue): a variable named for text (`NOTE="use --platform
 * linux/arm for old boards"`), or a sentence that opens with assignments (`GOARCH=arm is gone`).
 */
export function isProse(name: string, value: string): boolean {
  return TEXT_NAME.test(name) || PROSE_AFTER_ASSIGNMENTS.test(value);
}

/** GOOS="${GOOS:-not set}": a GOOS or GOARCH value of several words is a note for a person; either takes one name. */
function isNote(role: string, value: string): boolean {
  // (Any platform-ish value that is a sentence: `"PLATFORMS=linux/arm is not allowed"`.)
  if (role !== 'variant' && PROSE_WORD.test(value) && /\S\s+\S/.test(value)) return true;
  if ((role !== 'os' && role !== 'arch') || !/\S\s+\S/.test(value)) return false;
  // `GOARCH="arm64 riscv64"` is a list of Go names (a script loops over it), not a note; so is
  // one with a typo or an alias among its names (`GOOS="linux windows lnux"`, `GOARCH="amd64 ppc64el"`).
  // (Masked parts, `${GOOS:-` around a default's words, part the words as blanks do.)
  const words = value.split(/[\s\u0001-\u0004]+/).filter((w) => w !== '');
  const known = (w: string) => (role === 'os' ? isGoOs(w) : isGoArch(w));
  return !(words.some(known) && words.every((w) => looksLikeName(w, role)));
}

function inSpans(spans: readonly number[], at: number): boolean {
  for (let k = 0; k < spans.length; k += 2) if (at >= spans[k] && at < spans[k + 1]) return true;
  return false;
}

const DEFAULT_VALUE = /\$\{([A-Za-z_][A-Za-z0-9_]*):?[-=]([^}$`\n]*)\}/g;

/**
 * `${PLATFORMS:-linux/amd64,linux/arm/v7}`: the literal default of a platform-ish variable, wherever
 * it stands but in the echo text of `commands`. A GOOS or GOARCH default of more than one word
 * (`${GOOS:-not set}`) is a note for a person, not a name.
 */
/** `NAME=` (or `NAME="`) just before an expansion: the expansion is the assignment's value. */
const ASSIGNED_BEFORE = /(?:^|[\s;&|(])(?:--?[A-Za-z0-9-]+=)?([A-Za-z_][A-Za-z0-9_]*)=["']?\$?$/;

function scanDefaults(text: string, masked: string, start: number, end: number, sink: MentionSink, commands: readonly Command[], commandsFrom: number): void {
  const region = text.slice(start, end);
  if (region.indexOf('${') < 0) return;
  let prose: number[] | undefined;
  /** Where the commands' own mentions start (a flag that read a default, `--arch "${TARGETARCH:-aarch64}"`). */
  let read: Set<number> | undefined;
  const readByCommand = (at: number) => {
    if (!read) {
      read = new Set();
      for (let k = commandsFrom; k < sink.mentions.length; k++) {
        const m = sink.mentions[k];
        if (m.kind === 'whole') read.add(m.token.start);
        else {
          if (m.os) read.add(m.os.start);
          if (m.arch) read.add(m.arch.start);
        }
      }
    }
    return read.has(at);
  };
  DEFAULT_VALUE.lastIndex = 0;
  for (let m = DEFAULT_VALUE.exec(region); m; m = DEFAULT_VALUE.exec(region)) {
    const role = roleOf(m[1]);
    if (!role || role === 'variant' || isNote(role, m[2])) continue;
    if (inSpans((prose ??= proseSpans(masked, commands)), m.index)) continue;
    // GOOS=darwin GOARCH=${GOARCH:-arm}: the assignment's value, read with its command (and paired
    // with the GOOS there), not again alone.
    const assigned = ASSIGNED_BEFORE.exec(region.slice(Math.max(0, m.index - 64), m.index));
    if (assigned && roleOf(assigned[1]) !== undefined) continue;
    const vs = start + m.index + m[0].length - 1 - m[2].length;
    if (readByCommand(vs)) continue;
    const names = readPlatformList(sink, { text, masked, maskBase: start, start: vs, end: vs + m[2].length, role, context: m[1], canonical: varCanonical(m[1], nesting.dockerNamed) });
    if (role === 'os') emitPairs(sink, names.slice(0, 1), [], undefined, m[1]);
    else if (role === 'arch') emitPairs(sink, [], names.slice(0, 1), undefined, m[1]);
  }
}
