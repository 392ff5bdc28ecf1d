import { MentionSink, ScanTimeUp, hasUnicodeSpace, hideSpaces, inGoLists, shownSpaces, writtenName, type Mention, type PairMention, type Token, type WholeMention } from './scanners/mention';
import { yamlScalarText } from './scanners/yamlQuote';
import { ITEM_CUT, changesFacts, scanYaml, stepCut, yamlFileFacts, type JobFacts, type YamlFileFacts, type YamlFlavour } from './scanners/yaml';
import { scanMakefile } from './scanners/makefile';
import { scanDockerfile } from './scanners/dockerfile';
import { flagVariables, scanShell } from './scanners/shell';
import { NO_TOP_FIRST, SPLIT_CHARS, SPLIT_LINES, chunkLines, chunkYaml, lineKey, longBlock, splitTopLevel, type Chunk, type JobBlockFacts } from './scanners/chunks';
import { NO_MAKE, copyScanState, makeKey, newScanState, scanStateKey, type FlagVariables, type MakeGoEnv, type ScanState } from './scanners/state';
import type { TierModel } from './model/query';
import { DEFAULT_SEVERITY, type Code, type ExcludeEdit, type Finding, type FixData, type LintSettings, type RawFinding, type Severity } from './rules/finding';
import { subjectOf, type Subject } from './rules/subject';
import { platformIdentity } from './platform/names';
import { parseBareArch, parsePlatform } from './platform/parse';
import { findRemovedPlatform, removedEntry } from './rules/removedPlatform';
import { findUnknownArch, findUnknownPlatform, upperCaseName } from './rules/unknownPlatform';
import { findUnsupportedPlatform, unsupportedMessage } from './rules/unsupportedPlatform';
import { findArtifactUnavailable } from './rules/artifactUnavailable';
import { findBelowRequiredTier } from './rules/belowRequiredTier';
import { findDuplicatePlatforms, findRepeatedNames } from './rules/duplicatePlatform';
import { findNonCanonicalPlatform } from './rules/nonCanonicalPlatform';
import { findSuppressions, isSuppressed, MARK as SUPPRESSION_MARK } from './rules/suppression';
import { LineIndex, lastAtOrBefore } from './lineIndex';
import { createHash } from 'node:crypto';

export type FileKind = 'github-workflow' | 'goreleaser' | 'gitlab-ci' | 'yaml' | 'makefile' | 'dockerfile' | 'shell';

/** The kinds that are YAML files. */
export const YAML_KINDS: ReadonlySet<FileKind> = new Set(['yaml', 'github-workflow', 'goreleaser', 'gitlab-ci']);

/** Editor language ids, lower case (`Makefile`, `YAML` and `Shell Script` are matched as `makefile`, `yaml`, `shell script`). */
const LANGUAGE_KINDS: ReadonlyMap<string, FileKind> = new Map(Object.entries({
  'github-actions-workflow': 'github-workflow',
  yaml: 'yaml',
  makefile: 'makefile',
  make: 'makefile',
  dockerfile: 'dockerfile',
  containerfile: 'dockerfile',
  'yaml.gitlab': 'gitlab-ci',
  'yaml.github-actions': 'github-workflow',
  shellscript: 'shell',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  shell: 'shell',
  // Bats test files: bash, with `@test "name" {` blocks (the Bats extensions' language id).
  bats: 'shell',
  // Emacs eglot: the major mode's name without -mode.
  'makefile-gmake': 'makefile',
  'makefile-bsdmake': 'makefile',
  'makefile-automake': 'makefile',
  'makefile-makepp': 'makefile',
  'makefile-imake': 'makefile',
  'yaml-ts': 'yaml',
  'dockerfile-ts': 'dockerfile',
  'bash-ts': 'shell',
  // Zed: the language's name.
  'shell script': 'shell',
}));

/** Shell scripts by name, as VS Code's shellscript language has them: Alpine's and Arch's package builds, direnv's file. */
const SHELL_FILES = new Set(['APKBUILD', 'PKGBUILD', '.envrc']);

/** Extensions of source code and documents, which a name like `dockerfile_test.go` ends with. */
const CODE_EXTENSION = /\.(go|js|mjs|cjs|ts|tsx|py|rb|rs|java|kt|c|h|cc|cpp|cs|php|md|txt|json|toml|lock|orig|bak|swp|diff|patch|html|xml)$/i;

/**
 * The kind of a file, by path first (a workflow is a workflow whatever the editor calls it), then
 * by editor language id, then by a shebang line.
 */
export function detectFileKind(path: string, languageId?: string, firstLine?: string): FileKind | undefined {
  const p = path.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(p)) return 'github-workflow';
  // (And a project's other goreleaser configs: .goreleaser_ui_darwin.yaml, .goreleaser-nightly.yml, goreleaser.pro.yaml.)
  if (/^\.?goreleaser(?:[._-][\w.-]*)?\.ya?ml$/i.test(base)) return 'goreleaser';
  // (And the files a pipeline includes: GitLab's own templates' Go.gitlab-ci.yml, ci/build.gitlab-ci.yml,
  // .gitlab-ci-template.yml, .gitlab/ci/*.yml, .gitlab-ci/*.yml.)
  if (/^\.?gitlab-ci(?:[._-][\w.-]*)?\.ya?ml$/i.test(base) || /[._-]gitlab-ci\.ya?ml$/i.test(base) || /(^|\/)\.gitlab(?:\/ci|-ci)\/.+\.ya?ml$/i.test(p)) return 'gitlab-ci';
  // (A Map, not an object: `constructor` or `__proto__` as a language id names no kind.)
  const byLanguage = languageId ? LANGUAGE_KINDS.get(languageId.toLowerCase()) : undefined;
  // (A YAML file the editor knows as a pipeline: Neovim's `yaml.gitlab` for a file a pipeline includes.)
  if (/\.ya?ml$/i.test(base)) return byLanguage === 'github-workflow' || byLanguage === 'gitlab-ci' ? byLanguage : 'yaml';
  // build.make, rules.mak, lib.Makefile: make fragments included by a Makefile (kubernetes-csi's
  // release-tools, calico's lib.Makefile); Makefile.common but not makefile.go, source code.
  if (lower === 'makefile' || lower === 'gnumakefile' || /\.(mk|make|mak|makefile)$/i.test(base) || (/^makefile\./i.test(base) && !CODE_EXTENSION.test(base))) return 'makefile';
  // Dockerfile, Dockerfile.windows, app.Dockerfile, and Dockerfile-Windows or Dockerfile_ubi8-8.3
  // (not dockerfile_test.go or Dockerfile-parser.js: source code about Dockerfiles).
  // (And a template of one: Dockerfile.j2, pipeline.Dockerfile.j2, app.Containerfile.in.)
  // (Not dockerfile.go or Dockerfile.md either, nor a backup, Dockerfile.orig.)
  if (/^(docker|container)file$/i.test(base) || (/^(docker|container)file\./i.test(base) && !CODE_EXTENSION.test(base)) || /\.(docker|container)file(?:\.(?:j2|jinja2?|tmpl|tpl|template|in))?$/i.test(base)) return 'dockerfile';
  if (/\.(sh|bash|zsh|ksh|bats)$/i.test(base) || SHELL_FILES.has(base)) return 'shell';
  if (/^(docker|container)file[-_]/i.test(base) && !CODE_EXTENSION.test(base)) return 'dockerfile';
  // kubevirt-Dockerfile, base_Containerfile (capitalised: `update-dockerfile` is a script's name),
  // and a suffix in camel case, DockerfileWindows or Dockerfile2 (sonobuoy's).
  if (/[-_](Dockerfile|Containerfile)$/.test(base) || /^(Dockerfile|Containerfile)[A-Z0-9][A-Za-z0-9]*$/.test(base)) return 'dockerfile';
  if (byLanguage) return byLanguage;
  // (A byte order mark before `#!` is no part of it, as the editor shows the line.)
  const shebang = firstLine?.charCodeAt(0) === 0xfeff ? firstLine.slice(1) : firstLine;
  // (Alpine's ash and mksh too.)
  if (shebang !== undefined && /^#!.*\b(?:(?:ba|z|k|da|a|mk)?sh|bats)\b/.test(shebang)) return 'shell';
  // cloud-init's user-data, YAML by its first line (`user-data`, `meta-data` have no extension).
  if (shebang !== undefined && /^#cloud-config[ \t\r]*$/.test(shebang)) return 'yaml';
  // `#!/usr/bin/make -f`: a makefile run as a program (Debian's debian/rules); GNU make as gmake too.
  if (shebang !== undefined && /^#!(?:\S*\/env\s+(?:-S\s*)?)?\S*\bg?make\s+(?:\S+\s+)*?-[A-Za-z]*f\b/.test(shebang)) return 'makefile';
  return undefined;
}

/** A limit a block's scan hit: what, and the offset in the block where (-1: the block as a whole). */
export interface BlockNote {
  readonly message: string;
  readonly at: number;
}

/** A block's notes when it hit no limit, as nearly every block: one array for all. */
const NO_NOTES: readonly BlockNote[] = [];

/** One block of a document: its mentions and, once judged, its findings (offsets relative to the block). */
export interface ChunkResult {
  readonly body: string;
  readonly path: string;
  /** The keys above the block (`['jobs']`), which `path` joins. */
  readonly keys: readonly string[];
  readonly stateKey: string;
  /** For a block of a workflow job cut at its steps: what the job gives it (see StepCut). */
  readonly job?: JobFacts;
  readonly mentions: Mention[];
  readonly stateOut: ScanState;
  /** The block had more mentions than ScanLimits.maxMentions allows. */
  readonly truncated: boolean;
  /** Other limits the block's scan hit (YAML depth), each with where in the block (an offset, or -1). */
  readonly notes: readonly BlockNote[];
  judged?: { model: TierModel; settings: LintSettings; findings: Finding[] };
}

/** Facts about a scanned text that decide whether an edit of it can be scanned alone (see scanEdited). */
export interface TextMarks {
  /** It has a lone CR (scanned as a copy with lone CRs made LFs). */
  readonly loneCr: boolean;
  /** It starts with a byte order mark (scanned as a copy with a space there). */
  readonly bom: boolean;
  /** It has a no-break space or another space beyond ASCII (scanned as a copy with stand-ins: hideSpaces). */
  readonly spaces: boolean;
  /** It has a suppression comment. */
  readonly ignore: boolean;
  /** A YAML text with a merge conflict's markers (scanned as a copy with them made comments). */
  readonly conflict?: boolean;
  /** What every block of a YAML text is scanned with from the rest of it (anchors used as platform values, the top-level environment). */
  readonly yamlFile?: YamlFileFacts;
  /** What a Makefile's recipes were scanned with from the whole of it (ScanState.makeFinal), when it is not what they see read in order. */
  readonly makeFinal?: MakeGoEnv;
  /** The variables a script or a Makefile gives to `--platform` flags (ScanState.flagVars). */
  readonly flagVars?: FlagVariables;
}

/**
 * One edit of one line, as a document logged it: text[start, end) of the text before it was
 * replaced by `text`, which holds no line end; `before` and `after` are that line's text (without
 * its line end), which starts at `lineStart`.
 */
export interface LineEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly lineStart: number;
  readonly before: string;
  readonly after: string;
}

/** What one scan of a text produced; every feature reads it, nothing scans twice. */
export class ScanResult {
  private flat?: Mention[];
  private index?: LineIndex;
  private source: string | (() => string);

  constructor(
    /** The text scanned, or (for a scan of edits) how to get it: it is joined only when a feature reads it. */
    text: string | (() => string),
    readonly kind: FileKind,
    /**
     * Where each block starts, and its result, in the order of the text. Two arrays, not one of
     * pairs: a keystroke moves every later block, and makes two arrays rather than a pair per block.
     */
    readonly starts: readonly number[],
    readonly results: readonly ChunkResult[],
    /** Limits that were hit, for a person: "scan stopped after 5000 ms at line 81234 …". */
    readonly notes: readonly string[],
    readonly marks: TextMarks,
    /** The text's length. */
    readonly length: number = typeof text === 'string' ? text.length : 0,
  ) {
    this.source = text;
  }

  get text(): string {
    if (typeof this.source !== 'string') this.source = this.source();
    return this.source;
  }

  /** Every mention, with document offsets. */
  get mentions(): Mention[] {
    if (!this.flat) {
      const out: Mention[] = [];
      this.results.forEach((result, index) => {
        for (const m of result.mentions) out.push(shiftMention(m, this.starts[index], index * 2 ** 20));
      });
      this.flat = out;
    }
    return this.flat;
  }

  /** The mentions of the block around an offset, with document offsets. */
  mentionsNear(offset: number): Mention[] {
    if (this.results.length === 0) return [];
    const c = Math.max(0, lastAtOrBefore(this.starts, offset));
    const start = this.starts[c];
    return this.results[c].mentions.map((m) => shiftMention(m, start, 0));
  }

  get lines(): LineIndex {
    this.index ??= new LineIndex(this.text);
    return this.index;
  }
}

/**
 * Scan results of unchanged blocks, kept between versions of one document. A block is found again
 * by position first (same offset before the edit, same distance from the end after it, same place
 * in the order of blocks), checked with one comparison of its text in place; only then by its
 * text, which costs a map of every kept block by text, made when blocks are missing.
 *
 * Blocks are asked for in the order of the text, so each position is found by a cursor that only
 * moves forward over the last version's blocks: a keystroke allocates nothing here per block.
 */
export class ChunkCache {
  /** The last scan's blocks, in order: where each started, and its result. */
  private starts: readonly number[] = [];
  private results: readonly ChunkResult[] = [];
  private length = 0;
  /** The same results by text, made on first need in a scan. */
  private byBody: Map<string, ChunkResult[]> | undefined;
  private headCursor = 0;
  private tailCursor = 0;
  private misses = 0;
  /** A Makefile's environment its last scan read its recipes with (ScanState.makeFinal): the next scan's first guess. */
  makeFinal?: MakeGoEnv;

  /** The result for the block text[start, end), the `order`th of this scan, if an unchanged one was kept. */
  find(text: string, start: number, end: number, path: string, stateKey: string, order: number): ChunkResult | undefined {
    const length = end - start;
    // A slice shares the text's memory, and === on equal lengths is a memory compare: no hashing.
    const body = text.slice(start, end);
    const starts = this.starts;
    // Same offset as before (a block before the edit).
    let i = this.headCursor;
    while (i < starts.length && starts[i] < start) i++;
    this.headCursor = i;
    if (i < starts.length && starts[i] === start && same(this.results[i], body, length, path, stateKey)) return this.results[i];
    // Same distance from the end (a block after the edit).
    const before = start - (text.length - this.length);
    let j = this.tailCursor;
    while (j < starts.length && starts[j] < before) j++;
    this.tailCursor = j;
    if (j < starts.length && starts[j] === before && same(this.results[j], body, length, path, stateKey)) return this.results[j];
    // Same place in the order of blocks (a block between two that swapped).
    if (order < this.results.length && same(this.results[order], body, length, path, stateKey)) return this.results[order];
    // Anywhere else (a block moved, or repeated). A keystroke changes a block or two, which are
    // not found anywhere: the map of every block is made only when more are missing.
    if (this.results.length === 0 || ++this.misses <= MISSES_BEFORE_TEXT_LOOKUP) return undefined;
    if (!this.byBody) {
      this.byBody = new Map();
      // One result may serve many equal blocks (300,000 lines of `a:`): listed once.
      const listed = new Set<ChunkResult>();
      for (const r of this.results) {
        if (listed.has(r)) continue;
        listed.add(r);
        const list = this.byBody.get(r.body);
        if (!list) this.byBody.set(r.body, [r]);
        else list.push(r);
      }
    }
    return this.byBody.get(body)?.find((r) => r.path === path && r.stateKey === stateKey);
  }

  /**
   * Keeps the blocks of a scan (of a text of `length`) for the next version, and forgets the rest.
   * The arrays are the scan's own, shared: neither changes them afterwards.
   */
  keep(starts: readonly number[], results: readonly ChunkResult[], length: number): void {
    this.starts = starts;
    this.results = results;
    this.length = length;
    this.byBody = undefined;
    this.headCursor = 0;
    this.tailCursor = 0;
    this.misses = 0;
  }
}

/** Blocks of one scan looked up by position only; from the next miss on, by text as well. */
const MISSES_BEFORE_TEXT_LOOKUP = 2;

function same(r: ChunkResult, body: string, length: number, path: string, stateKey: string): boolean {
  return r.body.length === length && r.path === path && r.stateKey === stateKey && r.body === body;
}

function scanRegion(text: string, kind: FileKind, sink: MentionSink, chunk: Chunk, state: ScanState): void {
  switch (kind) {
    case 'makefile':
      return scanMakefile(text, chunk.start, chunk.end, sink, state);
    case 'dockerfile':
      return scanDockerfile(text, chunk.start, chunk.end, sink, state);
    case 'shell':
      return scanShell(text, chunk.start, chunk.end, sink, { mode: 'shell', urlVars: state.urlVars, exports: (state.shell ??= {}), ...(state.flagVars ? { flagVars: state.flagVars } : {}) });
    default:
      return scanYaml(text, chunk.start, chunk.end, sink, kind as YamlFlavour, chunk.path, state.yamlFile, chunk.job as JobFacts | undefined);
  }
}

/** A token moved by `by`, with all it says (a repeat, the list it is in, the entry it removes). */
function shift(t: Token, by: number): Token {
  return { ...t, start: t.start + by, end: t.end + by, ...(t.remove ? { remove: { start: t.remove.start + by, end: t.remove.end + by } } : {}) };
}

function shiftMention(m: Mention, by: number, listBase: number): Mention {
  if (by === 0 && listBase === 0) return m;
  if (m.kind === 'whole') {
    return {
      ...m,
      token: shift(m.token, by),
      ...(m.listId !== undefined ? { listId: m.listId + listBase } : {}),
      ...(m.removeRange ? { removeRange: { start: m.removeRange.start + by, end: m.removeRange.end + by } } : {}),
    };
  }
  return { ...m, ...(m.os ? { os: shift(m.os, by) } : {}), ...(m.arch ? { arch: shift(m.arch, by) } : {}), ...(m.variantToken ? { variantToken: shift(m.variantToken, by) } : {}), ...(m.exclude ? { exclude: { ...m.exclude, at: m.exclude.at + by } } : {}) };
}

/**
 * Finds every platform mention in a text of one kind, block by block. With a cache, blocks whose
 * text (and incoming state) did not change since the last scan are not scanned again.
 */
/**
 * A copy of a slice that does not keep the string it was cut from alive. V8 represents a slice as
 * a view of its parent; a cached block must not keep every old version of a document in memory.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Texts from this length on are clocked in CPU time as well as wall time: below it a scan takes
 * milliseconds, and only a stalled machine reaches the time limit.
 */
const CPU_CLOCKED = 64 * 1024;

/** Blocks up to this long are shared with an equal block earlier in the same text. */
const MAX_SHARED_BLOCK = 256;

/** A merge conflict's marker line (its first character is replaced: see scanText). */
const CONFLICT_MARKER = /^(?:<{7}|={7}|>{7}|\|{7})(?![<=>|])/m;
const CONFLICT_MARKER_ALL = /^(?:<(?=<{6}(?![<=>|]))|=(?=={6}(?![<=>|]))|>(?=>{6}(?![<=>|]))|\|(?=\|{6}(?![<=>|])))/gm;
const LONE_CR = /\r(?!\n)/;
const LONE_CR_ALL = /\r(?!\n)/g;

/**
 * What a YAML block is scanned with from the rest of its text (yamlFileFacts), as part of its key
 * in the cache. (A digest, not the list: a key is built and compared for every block, and a file
 * may alias thousands of names.)
 */
function yamlFactsKey(kind: FileKind, yamlFile: YamlFileFacts | undefined): string {
  if (!yamlFile) return `${kind}:`;
  return `${kind}:${createHash('sha1').update(JSON.stringify([[...(yamlFile.anchors ?? [])], [...(yamlFile.partners ?? [])], [...(yamlFile.osLists ?? [])], [...(yamlFile.archLists ?? [])], [...(yamlFile.mergePartners ?? [])], yamlFile.env ?? null, [...(yamlFile.merges ?? [])], [...(yamlFile.leftOut ?? [])], [...(yamlFile.leftOutLists ?? [])], [...(yamlFile.matrixAnchors ?? [])], [...(yamlFile.jobs ?? [])], [...(yamlFile.executors ?? [])], [...(yamlFile.circleParameters ?? [])], [...(yamlFile.urlVars ?? [])], yamlFile.defaultExports ?? null, yamlFile.flagVars?.key ?? null, yamlFile.compose ?? null, [...(yamlFile.images ?? [])]])).digest('base64')}`;
}

/** Bounds on one scan; a hit bound is said in ScanResult.notes. */
export interface ScanLimits {
  /** Platform mentions per block (a matrix expands to one per pair): beyond, the rest is dropped. */
  maxMentions?: number;
  /** Wall time of one scan in ms: the blocks after it are not scanned. */
  maxScanTime?: number;
}

export const DEFAULT_LIMITS: Required<ScanLimits> = { maxMentions: 100_000, maxScanTime: 10_000 };

export function scanText(original: string, kind: FileKind, cache?: ChunkCache, limits: ScanLimits = DEFAULT_LIMITS): ScanResult {
  // A lone CR ends a line (YAML 1.2, LSP, editors); the scanners split lines at LF. A copy with
  // lone CRs made LFs has the same length, so every offset stays right.
  const loneCr = original.indexOf('\r') >= 0 && LONE_CR.test(original);
  let text = loneCr ? original.replace(LONE_CR_ALL, '\n') : original;
  // A byte order mark is not part of the first word.
  if (text.charCodeAt(0) === 0xfeff) text = ` ${text.slice(1)}`;
  // A no-break space and the like are part of the word they are in (see hideSpaces).
  const spaces = hasUnicodeSpace(text);
  if (spaces) text = hideSpaces(text);
  const yaml = kind !== 'makefile' && kind !== 'dockerfile' && kind !== 'shell';
  // A merge conflict's markers (`<<<<<<< HEAD`, `=======`, `>>>>>>> topic`) are read as comments:
  // the lines of both sides stay in the YAML they belong to, which a stray line at column 0 would end.
  const conflict = yaml && text.indexOf('\n=======') >= 0 && CONFLICT_MARKER.test(text);
  if (conflict) text = text.replace(CONFLICT_MARKER_ALL, '#');
  const maxMentions = limits.maxMentions ?? DEFAULT_LIMITS.maxMentions;
  const maxScanTime = limits.maxScanTime ?? DEFAULT_LIMITS.maxScanTime;
  // CPU time, not wall time: the same file stops at the same place on a busy CI machine. The
  // clock is read before each block, and the CPU time (a system call) only once it is over. A
  // text too short to take seconds of CPU is not clocked at all: the system call costs more
  // than its scan on some machines (50 µs a call on this project's VM, 5% of a CLI run).
  const began = text.length >= CPU_CLOCKED ? cpuMs() : undefined;
  const wallBegan = performance.now();
  const overTime = began !== undefined ? () => performance.now() - wallBegan > maxScanTime && cpuMs() - began > maxScanTime : undefined;
  let notes: string[] = [];
  // A YAML block is scanned with the anchors the whole text uses as platform values and the
  // GOOS/GOARCH of its top-level environment: they are part of its key in the cache.
  const yamlFile = yaml ? yamlFileFacts(text, kind as YamlFlavour) : undefined;
  // (Plain YAML's long lists of mappings item by item: see ItemCut; a workflow's long jobs at their steps: StepCut.)
  const chunks: Chunk[] = yaml ? chunkYaml(text, kind === 'yaml' ? ITEM_CUT : undefined, kind === 'github-workflow' ? stepCut(yamlFile) : undefined, kind === 'gitlab-ci') : chunkLines(text, kind);
  let starts: number[] = [];
  let results: ChunkResult[] = [];
  // A script's or a Makefile's variables given to `--platform` flags anywhere in it: each block reads its assignments so.
  const flagVars = kind === 'shell' || kind === 'makefile' || kind === 'dockerfile' ? flagVariables(text, 0, text.length, kind === 'makefile', kind === 'dockerfile') : undefined;
  const fresh = () => {
    const s = newScanState();
    if (yamlFile) s.yamlFile = yamlFile;
    if (flagVars) s.flagVars = flagVars;
    return s;
  };
  let state = fresh();
  const scannedHere = new Map<string, ChunkResult>();
  // Siblings share their path array: it is joined once. YAML blocks carry no state.
  let pathOf: readonly string[] | undefined;
  let path = '';
  const yamlStateKey = yamlFactsKey(kind, yamlFile);
  /** The job of the blocks being read (see StepCut), and the state key of its blocks. */
  let jobOf: JobBlockFacts | undefined;
  let jobKey = yamlStateKey;
  const marks = (makeFinal: MakeGoEnv | undefined): TextMarks => ({ loneCr, bom: original.charCodeAt(0) === 0xfeff, spaces, ignore: text.includes(SUPPRESSION_MARK), ...(conflict ? { conflict } : {}), ...(yamlFile ? { yamlFile } : {}), ...(makeFinal ? { makeFinal } : {}), ...(flagVars ? { flagVars } : {}) });
  /** Reads every block in order into starts and results; 'timeUp' when the time ran out inside one. */
  const read = (reading: ChunkCache | undefined, makeFinal: MakeGoEnv | undefined): 'done' | 'stopped' | 'timeUp' => {
    if (makeFinal) state.makeFinal = makeFinal;
    for (let c = 0; c < chunks.length; c++) {
      const chunk = chunks[c];
      if (chunk.path !== pathOf) {
        pathOf = chunk.path;
        path = chunk.path.join('\u0000');
      }
      // (A job's key is made once for all its steps: one string, compared by reference in the cache.)
      if (chunk.job !== jobOf) {
        jobOf = chunk.job;
        jobKey = jobOf ? `${yamlStateKey}\u0002${jobOf.stepsKey}` : yamlStateKey;
      }
      const stateKey = !yaml ? `${kind}:${scanStateKey(state)}` : chunk.job && chunk.path.length === 1 ? `${yamlStateKey}\u0002${chunk.job.key}` : jobKey;
      let result = reading?.find(text, chunk.start, chunk.end, path, stateKey, results.length);
      // A short block equal to one already scanned in this text (300,000 lines of `a: b: c`) is
      // that block's result again: a hostile file of repeated lines costs one scan of each.
      const sameKey = result === undefined && chunk.end - chunk.start <= MAX_SHARED_BLOCK ? `${stateKey}\u0001${path}\u0001${text.slice(chunk.start, chunk.end)}` : undefined;
      if (sameKey !== undefined) result = scannedHere.get(sameKey);
      if (!result) {
        if (performance.now() - wallBegan > maxScanTime && (began === undefined || cpuMs() - began > maxScanTime)) {
          notes.push(`scan stopped after ${maxScanTime} ms at line ${lineNumberAt(text, chunk.start)} of ${lineCount(text)}: the rest of the file is not checked (time limit)`);
          return 'stopped';
        }
        // A block kept in the cache must not hold on to this version's whole text.
        const body = cache ? detach(text.slice(chunk.start, chunk.end)) : text.slice(chunk.start, chunk.end);
        const scanned = scanBlock(body, kind, path, chunk.path, stateKey, state, maxMentions, overTime, chunk.job as JobFacts | undefined);
        if (scanned.timeUp) {
          // Within one block (a megabyte of a single list): what it found so far is kept, the rest
          // of the file is not checked, and nothing of this scan is kept for the next.
          notes.push(`scan stopped after ${maxScanTime} ms inside the block at line ${lineNumberAt(text, chunk.start)} of ${lineCount(text)}: the rest of the file is not checked (time limit)`);
          starts.push(chunk.start);
          results.push(scanned);
          return 'timeUp';
        }
        result = scanned;
        if (sameKey !== undefined) scannedHere.set(sameKey, result);
      }
      noteBlock(notes, result, () => lineNumberAt(text, chunk.start), chunks.length, maxMentions);
      state = result.stateOut;
      starts.push(chunk.start);
      results.push(result);
    }
    return 'done';
  };
  // A Makefile is read in order, its recipes with the environment the lines above them make,
  // unless its last scan found that lines below a recipe change that: then with the whole file's
  // (makeFinal, what make gives every recipe: it reads every line before it runs one).
  let makeFinal = kind === 'makefile' ? cache?.makeFinal : undefined;
  let outcome = read(cache, makeFinal);
  if (outcome === 'done' && kind === 'makefile') {
    const final = state.make ?? NO_MAKE;
    if (makeFinal ? makeKey(final) !== makeKey(makeFinal) : state.lateChange) {
      // The recipes were read with other GOOS and GOARCH than the whole file gives them: again, with those.
      makeFinal = final;
      notes = [];
      starts = [];
      results = [];
      scannedHere.clear();
      state = fresh();
      outcome = read(undefined, makeFinal);
    }
  }
  if (outcome === 'timeUp') return new ScanResult(text, kind, starts, results, notes, marks(makeFinal));
  if (cache) {
    cache.keep(starts, results, text.length);
    if (kind === 'makefile') cache.makeFinal = makeFinal;
  }
  return new ScanResult(text, kind, starts, results, notes, marks(makeFinal));
}

function scanBlock(body: string, kind: FileKind, path: string, keys: readonly string[], stateKey: string, state: ScanState, maxMentions: number, overTime?: () => boolean, job?: JobFacts): ChunkResult & { timeUp?: true } {
  const sink = new MentionSink(maxMentions, overTime);
  const next = copyScanState(state);
  let timeUp = false;
  try {
    scanRegion(body, kind, sink, { start: 0, end: body.length, path: keys, ...(job ? { job } : {}) }, next);
  } catch (e) {
    if (!(e instanceof ScanTimeUp)) throw e;
    timeUp = true; // the block's mentions up to where its time ran out
  }
  const mentions = inGoLists(sink.mentions.some(halfWritten) ? sink.mentions.filter((m) => !halfWritten(m) || halfWrittenAlone(body, (m as WholeMention).token)) : sink.mentions);
  return { body, path, keys, stateKey, ...(job ? { job } : {}), mentions, stateOut: next, truncated: sink.truncated, notes: sink.notes.size === 0 ? NO_NOTES : Array.from(sink.notes, ([message, at]) => ({ message, at })), ...(timeUp ? { timeUp: true as const } : {}) };
}

/** A platform with one half left out (`linux/`, `/arm64`). */
function halfWritten(m: Mention): m is WholeMention {
  return m.kind === 'whole' && (m.platform.os === '' || m.platform.arch === '');
}

/**
 * Whether a platform with one half left out is all that is written there (`--platform=linux/,…`,
 * `FROM --platform=linux/ alpine`, `- /arm64`), not the literal part of a word a template or a
 * quote goes on with (`linux/"${ARCH}"`, `windows(10.0.20348)/amd64`): the characters on either
 * side end a word, a quote counting as one only where a word ends after it.
 */
function halfWrittenAlone(text: string, t: Token): boolean {
  const ends = (c: number) => Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13 || c === 44 || c === 59 || c === 93 || c === 125;
  const starts = (c: number) => Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13 || c === 44 || c === 61 || c === 91 || c === 123;
  const quote = (c: number) => c === 34 || c === 39;
  const after = text.charCodeAt(t.end);
  const before = t.start > 0 ? text.charCodeAt(t.start - 1) : NaN;
  const afterOk = ends(after) || (quote(after) && ends(text.charCodeAt(t.end + 1)));
  const beforeOk = starts(before) || (quote(before) && (t.start < 2 || starts(text.charCodeAt(t.start - 2))));
  return afterOk && beforeOk;
}

/** Blocks longer than this (some 3,000 lines) are not scanned again for a completion: its two scans would take 50 ms and more. */
const MAX_PROBED_BLOCK = 128 * 1024;

/**
 * What partnersAt writes in place of a value, twice, to see what the scanner pairs it with: two
 * Go names of one length (every offset stays the same), which make the same pairs, and which
 * lists seldom hold already (a repeated item is read as a duplicate).
 */
const PROBES = { os: ['illumos', 'solaris'], arch: ['mips64', 'mipsle'] } as const;

/**
 * The values of the other side that the scanner pairs with a GOOS (or GOARCH) value written at
 * text[start, end) of a scan, as diagnostics would judge it: `GOARCH=‸` after `export
 * GOOS=darwin` gives ['darwin'], and so does `export GOOS=‸` before `GOARCH=… go build`. The
 * block around it is scanned again from the state it was scanned with, once with each of two
 * values written there: a pair whose side changes with the value written is one that value takes
 * part in. [] when no pair has another side (no GOOS in force, or one the scanner cannot know);
 * undefined when the scanner makes no pair of the value at all.
 */
export function partnersAt(scan: ScanResult, start: number, end: number, role: 'os' | 'arch'): string[] | undefined {
  const probe = blockProbe(scan, start, end);
  const inBlock = probe ? pairedWith(probe.scan, role) : undefined;
  if ((inBlock !== undefined && inBlock.length > 0) || scan.results.length < 2 || scan.length > MAX_PROBED_TEXT) return inBlock;
  // No other side in its block: the pairs it makes elsewhere (a GitLab `default: before_script:`
  // export in the jobs' scripts, a workflow's top-level env in its jobs, a Makefile's export in a
  // recipe blocks below), in scans of the whole text.
  const text = scan.text;
  const whole = pairedWith((value) => scanText(`${text.slice(0, start)}${value}${text.slice(end)}`, scan.kind).mentions, role);
  return whole !== undefined && whole.length > 0 ? whole : inBlock;
}

/** What completion asks the scanner of a value at text[start, end): partnersAt, or with `value` partnersOf. */
export function scannedPartners(scan: ScanResult, start: number, end: number, role: 'os' | 'arch', value?: string): string[] | undefined {
  return value === undefined ? partnersAt(scan, start, end, role) : partnersOf(scan, start, end, role, value);
}

/** Texts up to this long are scanned whole for partnersAt when the block around the value pairs it with nothing. */
const MAX_PROBED_TEXT = 64 * 1024;

/** The other sides of the pairs whose `role` side is the value `scan` writes, told by writing two (see PROBES). */
function pairedWith(scan: (value: string) => Mention[], role: 'os' | 'arch'): string[] | undefined {
  const [a, b] = PROBES[role];
  const first = scan(a);
  const second = scan(b);
  if (first.length !== second.length) return undefined;
  const other = role === 'os' ? 'arch' : 'os';
  let found = false;
  const values = new Set<string>();
  for (let k = 0; k < first.length; k++) {
    if (pairSide(first[k], role) !== a || pairSide(second[k], role) !== b) continue;
    found = true;
    const value = pairSide(first[k], other);
    if (value !== undefined) values.add(value.toLowerCase());
  }
  return found ? [...values] : undefined;
}

/**
 * What the scanner pairs `value` with when it is written at text[start, end) of a scan, where the
 * block around it leaves pairs out of a cross product (a matrix's `exclude:`, a goreleaser build's
 * `ignore:`): the other side's values, which may be fewer than partnersAt's (`exclude: [{goos:
 * darwin, goarch: "386"}]` leaves darwin out for 386 only). Undefined where no pair is left out
 * there (partnersAt's answer holds for every value), or the scanner makes no pair of it.
 */
export function partnersOf(scan: ScanResult, start: number, end: number, role: 'os' | 'arch', value: string): string[] | undefined {
  const probe = blockProbe(scan, start, end);
  if (!probe || probe.text.length > MAX_PROBED_PER_VALUE || !LEFT_OUT.test(probe.text)) return undefined;
  const at = start - probe.from;
  const other = role === 'os' ? 'arch' : 'os';
  let found = false;
  const values = new Set<string>();
  for (const m of probe.scan(value)) {
    if (m.kind !== 'pair' || m[role]?.start !== at) continue;
    found = true;
    const v = pairSide(m, other);
    if (v !== undefined) values.add(v.toLowerCase());
  }
  return found ? [...values] : undefined;
}

/** Blocks longer than this are not scanned again for each value a completion offers (some twenty scans). */
const MAX_PROBED_PER_VALUE = 16 * 1024;

/** A key that leaves pairs out of a cross product. */
const LEFT_OUT = /\b(?:exclude|ignore)[ \t]*:/;

/** A pair's os (or arch) value, written or implied. */
function pairSide(m: Mention, role: 'os' | 'arch'): string | undefined {
  return m.kind !== 'pair' ? undefined : role === 'os' ? (m.os?.text ?? m.osName) : (m.archName ?? m.arch?.text);
}

/**
 * The block of a scan that holds text[start, end), and a scan of it again, from the state it was
 * scanned with, with another value written there (offsets in the block). Undefined past the
 * block, or for one too long to scan again for a keystroke.
 */
function blockProbe(scan: ScanResult, start: number, end: number): { from: number; text: string; scan: (value: string) => Mention[] } | undefined {
  if (scan.results.length === 0) return undefined;
  const c = Math.max(0, lastAtOrBefore(scan.starts, start));
  const from = scan.starts[c];
  const to = c + 1 < scan.starts.length ? scan.starts[c + 1] : scan.length;
  if (end > to || to - from > MAX_PROBED_BLOCK) return undefined;
  const block = scan.results[c];
  return {
    from,
    text: block.body,
    scan: (value) => {
      const state = c > 0 ? scan.results[c - 1].stateOut : newScanState();
      if (c === 0 && scan.marks.yamlFile) state.yamlFile = scan.marks.yamlFile;
      if (c === 0 && scan.marks.makeFinal) state.makeFinal = scan.marks.makeFinal;
      if (c === 0 && scan.marks.flagVars) state.flagVars = scan.marks.flagVars;
      const body = `${scan.text.slice(from, start)}${value}${scan.text.slice(end, to)}`;
      return scanBlock(body, scan.kind, block.path, block.keys, block.stateKey, state, DEFAULT_LIMITS.maxMentions, undefined, block.job).mentions;
    },
  };
}

/**
 * The limit notes of one block, said with where: the line of the file where the limit was hit, or
 * the line the block starts at (both counted only when there is a note, from the text before).
 */
function noteBlock(notes: string[], result: ChunkResult, line: () => number, blocks: number, maxMentions: number): void {
  if (result.notes.length === 0 && !result.truncated) return;
  const at = line();
  for (const n of result.notes) {
    // (A file of one block is the file: no line is said for the block as a whole there.)
    const where = n.at >= 0 ? ` (at line ${at + lineNumberAt(result.body, n.at) - 1})` : blocks > 1 ? ` (block at line ${at})` : '';
    notes.push(`${n.message}${where}`);
  }
  if (result.truncated) notes.push(`more than ${maxMentions} platform mentions in the block at line ${at}: the rest of that block is not checked (expansion limit)`);
}

/** The lines of `text`, as an editor counts them (a last line break ends a line, it starts none). */
function lineCount(text: string): number {
  return lineNumberAt(text, text.length) - (text.endsWith('\n') ? 1 : 0);
}

/** The 1-based line of `offset` in `text`, as a person counts lines (for notes, which are rare). */
function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * The scan of a YAML text made from `prev`'s text by single-line edits, made without the new text:
 * only the blocks the edits touch are scanned again, and the text is joined only if a feature
 * reads it. Undefined when an edit could change where blocks start (the caller scans the whole
 * text instead), which rules out edits that:
 * - touch a block's first line (its key decides how the block is cut), but for a short top-level
 *   block's key that decides nothing of it (keyLineKept; the text's first line only where the
 *   caller has seen the kind of file stay, `kindKept`), or a line's indent and first character
 *   (`-`, `#`, `]`: whether it starts a block), or `---` at column 0;
 * - are made to a line that is blank, or to a text with lone CRs, a byte order mark or a
 *   suppression comment (those are scanned as rewritten copies, or judged with the whole text);
 * - hold a NUL or a suppression comment.
 * Every other block of the text is unchanged, or moved by the lengths the edits added, and a
 * YAML block is scanned on its own (no state flows between YAML blocks), so the result equals
 * what scanText would make of the new text.
 */
export function scanEdited(prev: ScanResult, edits: readonly LineEdit[], text: () => string, cache: ChunkCache, limits: ScanLimits = DEFAULT_LIMITS, kindKept = false): ScanResult | undefined {
  if (!YAML_KINDS.has(prev.kind) || prev.notes.length > 0 || prev.marks.loneCr || prev.marks.bom || prev.marks.ignore || prev.marks.conflict) return undefined;
  const maxMentions = limits.maxMentions ?? DEFAULT_LIMITS.maxMentions;
  const starts = prev.starts.slice();
  const bodies = new Map<number, string>();
  /** A top-level key was renamed (on its block's first line): what the text gives every block must be read again. */
  let keyRenamed = false;
  let length = prev.length;
  // Unicode spaces are scanned as their stand-ins (hideSpaces), in the lines edited as in the rest.
  let spaces = prev.marks.spaces;
  for (const e of edits) {
    if (e.text.includes('\u0000') || e.after.includes(SUPPRESSION_MARK)) return undefined;
    if (!spaces && hasUnicodeSpace(e.after)) spaces = true;
    const before = spaces ? hideSpaces(e.before) : e.before;
    const after = spaces ? hideSpaces(e.after) : e.after;
    // An alias or an anchor may change which anchors are platform values, in any block.
    if (ANCHOR_OR_ALIAS.test(before) || ANCHOR_OR_ALIAS.test(after)) return undefined;
    // A line's indent and first character say whether it starts a block; at column 0, a `---` too.
    let indent = 0;
    while (indent < before.length && before.charCodeAt(indent) === 32) indent++;
    const kept = indent === 0 && before.charCodeAt(0) === 45 ? 4 : indent + 1;
    if (indent >= before.length || e.start - e.lineStart < kept || e.end < e.start) return undefined;
    // The block that holds the line: the last one that starts at or before it.
    const lo = lastAtOrBefore(starts, e.lineStart);
    const base = starts[lo];
    const body = bodies.get(lo) ?? prev.results[lo].body;
    if (base === e.lineStart) {
      // A top-level key's line, its block's first: edited where the blocks stay as they are.
      // (The text's first line also says what kind of file it is: the caller checks it is still this one.)
      if (indent > 0 || (e.lineStart === 0 && !kindKept) || !keyLineKept(prev, lo, body, before, after)) return undefined;
      if (lineKey(before, 0) !== lineKey(after, 0)) keyRenamed = true;
    } else if (indent === 0 && !NO_TOP_FIRST.includes(before[0])) {
      // A line at column 0 that starts no block is a stray (chunks.ts strayLine): what it holds after
      // its first character (a colon, the blanks after its first word) may make it start one.
      return undefined;
    }
    const at = e.lineStart - base;
    // The line must lie in the block as logged: a log that does not match the scanned text is not used.
    if (at + before.length > body.length || body.slice(at, at + before.length) !== before) return undefined;
    const eol = body.charCodeAt(at + before.length);
    if (at + before.length < body.length && eol !== 10 && eol !== 13) return undefined;
    bodies.set(lo, body.slice(0, at) + after + body.slice(at + before.length));
    const diff = after.length - before.length;
    for (let k = lo + 1; k < starts.length; k++) starts[k] += diff;
    length += diff;
  }
  const results = prev.results.slice();
  // A block of a job cut at its steps is scanned with what the whole job gives it, which an edit
  // may change; and an edit of a long job may make it one that is cut (StepCut): scanText then.
  for (const c of bodies.keys()) if (results[c].job || (prev.kind === 'github-workflow' && results[c].keys.length === 1 && results[c].keys[0] === 'jobs' && longBlock(results[c].body, 0, results[c].body.length))) return undefined;
  // A block's size decides as its lines do whether it is cut (SPLIT_CHARS): an edit that takes a
  // top-level block, or a child of one, across that size makes blocks a fresh scan cuts otherwise.
  for (const c of bodies.keys()) if (crossesCutSize(prev, starts, length, c, 0) || crossesCutSize(prev, starts, length, c, 1)) return undefined;
  // What every block is scanned with from the rest of the text (yamlFileFacts) must stay as it was.
  for (const [c, body] of bodies) if (changesFacts(prev.marks.yamlFile, results[c].keys, results[c].body, body)) return undefined;
  if (keyRenamed && yamlFactsKey(prev.kind, yamlFileFacts(text(), prev.kind as YamlFlavour)) !== yamlFactsKey(prev.kind, prev.marks.yamlFile)) return undefined;
  for (const [c, body] of bodies) {
    const old = results[c];
    const state = newScanState();
    if (prev.marks.yamlFile) state.yamlFile = prev.marks.yamlFile;
    results[c] = scanBlock(detach(body), prev.kind, old.path, old.keys, old.stateKey, state, maxMentions);
  }
  const notes: string[] = [];
  for (let c = 0; c < results.length; c++) noteBlock(notes, results[c], () => lineNumberAt(text(), starts[c]), starts.length, maxMentions);
  cache.keep(starts, results, length);
  const marks = spaces === prev.marks.spaces ? prev.marks : { ...prev.marks, spaces };
  return new ScanResult(spaces ? () => hideSpaces(text()) : text, prev.kind, starts, results, notes, marks, length);
}

/**
 * Whether the block at `level` (0: top-level, 1: a child of one) that holds block `c`, with all the
 * blocks it was cut into, is SPLIT_CHARS long before the edit (prev) and not after (`starts`,
 * `length`), or the other way.
 */
function crossesCutSize(prev: ScanResult, starts: readonly number[], length: number, c: number, level: number): boolean {
  const results = prev.results;
  if (results[c].keys.length < level) return false;
  // Each block starts a line: past SPLIT_LINES blocks, the block has the lines to be cut whatever
  // its size, and the walk stops (a keystroke in a job of 5,000 steps reads a few of them).
  let first = c;
  while (first > 0 && results[first].keys.length > level) if (c - --first > SPLIT_LINES) return false;
  let next = c + 1;
  while (next < results.length && results[next].keys.length > level) if (++next - c > SPLIT_LINES) return false;
  const before = (next < results.length ? prev.starts[next] : prev.length) - prev.starts[first];
  const after = (next < starts.length ? starts[next] : length) - starts[first];
  return (before >= SPLIT_CHARS) !== (after >= SPLIT_CHARS);
}

/**
 * Whether an edit of the first line of block `c`, a top-level key's line, leaves every block where
 * it starts: the block is a short one of its own (not cut into its children, which the key decides),
 * and the line is a key before and after (no stray, see chunks.ts strayLine) that is none of those
 * whose blocks are cut or read otherwise: a workflow's `jobs:` (cut at its steps), a document's own
 * os and arch or image and platform (read as one block, see topLevelPair).
 */
function keyLineKept(prev: ScanResult, c: number, body: string, before: string, after: string): boolean {
  if (prev.results[c].keys.length > 0 || (c + 1 < prev.results.length && prev.results[c + 1].keys.length > 0) || splitTopLevel(body, 0, body.length)) return false;
  const keys = [lineKey(before, 0), lineKey(after, 0)];
  return keys.every((k) => k !== undefined && !/[ \t]{2}|\t/.test(k) && !BLOCK_DECIDING_KEY.test(k));
}

/** Top-level keys whose line decides how the text is cut into blocks (see keyLineKept). */
const BLOCK_DECIDING_KEY = /^(?:jobs|goos|goarch|image|platforms?)$/i;

/** What may be a YAML anchor (`&name`) or alias (`*name`) on a line; not the shell's `&&`. */
const ANCHOR_OR_ALIAS = /(^|[\s:[,{-])[*&][^\s&*]/;

/**
 * An edit that changes nothing, on a line scanEdited would scan alone: the second line of a block
 * from the `from`th on. Language servers rehearse the edited path with it.
 */
export function idleEdit(scan: ScanResult, from: number): LineEdit | undefined {
  for (let c = from; c < scan.results.length; c++) {
    const start = scan.starts[c];
    const body = scan.results[c].body;
    const nl = body.indexOf('\n');
    if (nl < 0) continue;
    let end = body.indexOf('\n', nl + 1);
    if (end < 0) end = body.length;
    if (body.charCodeAt(end - 1) === 13) end--;
    const line = body.slice(nl + 1, end);
    if (line.trim().length < 4) continue;
    const at = start + nl + 1;
    return { start: at + line.length, end: at + line.length, text: '', lineStart: at, before: line, after: line };
  }
  return undefined;
}

const PRIORITY: Record<Code, number> = {
  'removed-platform': 0,
  'unknown-platform': 1,
  'unsupported-platform': 2,
  'artifact-unavailable': 3,
  'below-required-tier': 4,
  'duplicate-platform': 5,
  'non-canonical-platform': 6,
};

/**
 * A list's names as written and in lower case, made once per list: each typo of a list of
 * thousands asks (the list is shared by its items' tokens).
 */
function namesOf(list: readonly string[]): { written: ReadonlySet<string>; lower: ReadonlySet<string> } {
  let sets = LIST_NAMES.get(list);
  if (!sets) LIST_NAMES.set(list, (sets = { written: new Set(list), lower: new Set(list.map((n) => n.toLowerCase())) }));
  return sets;
}
const LIST_NAMES = new WeakMap<readonly string[], { written: ReadonlySet<string>; lower: ReadonlySet<string> }>();

/**
 * The fixes of a wrong name in a goos or goarch list (its token's inList), so that its preferred
 * fix makes no repeat. A typo's fix repeats an item in any case (`[AMD64, amd46]`); a name in
 * capitals the name as Go writes it: `[Linux, DARWIN]` holds neither linux nor darwin. A repeat of
 * an earlier item in any case (`[Linux, LINUX]`, `[amd46, AMD46]`) is removed: the earlier one's
 * fix makes the name, and both fixes together no repeat.
 */
function inListed(f: RawFinding): void {
  const names = namesOf(f.token.inList!);
  const cased = f.token.text.toLowerCase();
  const repeat = f.token.repeatOf !== undefined;
  const suggested = f.data.replacements?.length ?? 0;
  f.data = listedReplacements(f.data, (r) => repeat || names.written.has(r) || (cased !== r && names.lower.has(r)), f.token.remove);
  sayListed(f, suggested);
}

/** A typo whose one fix is its removal, as its list holds what it would be: the message says why. */
function sayListed(f: RawFinding, suggested: number, writtenAs?: string): void {
  if (!f.data.listed) return;
  const as = writtenAs !== undefined && f.message.indexOf(`did you mean ${writtenAs}?`) < 0 ? `, as ${writtenAs}` : '';
  f.message += ` ${suggested > 1 ? 'They are' : 'It is'} in this list already${as}: remove ${writtenName(f.token)}.`;
}

/** Judges the mentions of one block: findings with offsets relative to the block, unsuppressed. */
function judgeMentions(mentions: Mention[], model: TierModel, settings: LintSettings): Finding[] {
  // (Most blocks mention none. An empty array has another map than a filled one: optimised code
  // that met only one kind is thrown away at the other, and this function is a big one to compile.)
  if (mentions.length === 0) return [];
  const subjects: Subject[] = mentions.map(subjectOf);
  const raw: { f: RawFinding; pair: boolean; product?: boolean }[] = [];
  // With removed-platform off, a removed platform is judged as any other (a repeat of it is a repeat).
  const removedOn = (settings.severity['removed-platform'] ?? DEFAULT_SEVERITY['removed-platform']) !== 'off';
  const removedSubjects = new Set<Subject>(removedOn ? subjects.filter((s) => removedEntry(s, model) !== undefined) : []);
  const duplicates = findDuplicatePlatforms(subjects, (s) => removedSubjects.has(s));
  for (const f of duplicates.values()) raw.push({ f, pair: false });
  let items: Map<number, Map<string, string>> | undefined;
  /** The item of a platform's list that a replacement repeats, as the duplicate rule reads it, as written (undefined: none, or no such list). */
  const heldBy = (m: Mention): ((replacement: string) => string | undefined) | undefined => {
    if (m.kind !== 'whole' || m.listId === undefined) return undefined;
    const listed = (items ??= listItems(subjects)).get(m.listId);
    return listed && ((r) => listed.get(identityOf(r, m.platform.osImplied === true)));
  };
  for (const s of subjects) {
    const pair = s.mention.kind === 'pair';
    const removed = removedSubjects.has(s) ? findRemovedPlatform(s, model) : undefined;
    // (A pair of a cross product: its token makes other pairs, whose verdicts are said beside its own.)
    const product = pair && (s.mention as PairMention).product;
    if (removed) {
      // (Its fix, arm64 meant for `linux/arm/v8`, not where the list holds that platform: the repeat
      // it would make is no fix, the removal is; QA 275 B7.)
      const meant = removed.data.replacements?.[0];
      const held = meant !== undefined ? heldBy(s.mention) : undefined;
      if (meant !== undefined && (held ? held(meant) !== undefined : removed.token.inList !== undefined && namesOf(removed.token.inList).lower.has(meant))) removed.data = { ...removed.data, replacements: [] };
      raw.push({ f: removed, pair, product });
    } else {
      const f = findUnknownPlatform(s, model) ?? findUnsupportedPlatform(s, model) ?? findBelowRequiredTier(s, model, settings.requiredTier);
      // A typo in a list: the replacements its list does not hold come first (the preferred fix
      // must not make a repeat), and when it holds them all, the fix is the typo's removal.
      if (f?.code === 'unknown-platform' && f.data.replacements?.length) {
        const m = s.mention;
        if (m.kind === 'whole' && m.listId !== undefined) {
          const suggested = f.data.replacements.length;
          // (Listed as the duplicate rule has it: a replacement that would be flagged as a repeat.)
          const held = heldBy(m);
          const only = suggested === 1 ? f.data.replacements[0] : undefined;
          if (held) f.data = listedReplacements(f.data, (r) => held(r) !== undefined, m.removeRange);
          // (Named where it is written otherwise: the linux_amd64 suggested for `linux_amd64_v5` is the list's `linux_amd64_v1`.)
          sayListed(f, suggested, only !== undefined ? held?.(only) : undefined);
        } else if (f.token.inList) inListed(f);
      }
      if (f) raw.push({ f, pair, product });
      // GOOS=lnux GOARCH=amd46, GOOS=Linux GOARCH=amd46: the other name is wrong too.
      if (f?.code === 'unknown-platform' && pair) {
        const m = s.mention as PairMention;
        // (GOOS=Windows GOARCH=AMD64, %PROCESSOR_ARCHITECTURE%'s spelling: both in the wrong case.)
        const other = f.token === m.os ? (findUnknownArch(s, model) ?? (m.archName === undefined ? upperCaseName(m.arch, 'arch') : undefined)) : f.token === m.arch ? upperCaseName(m.os, 'os') : undefined;
        // (An item of its list too: `goos: [Linux, LINUX]` beside `goarch: [amd46]`.)
        if (other?.token.inList && other.data.replacements?.length) inListed(other);
        if (other) raw.push({ f: other, pair });
      }
      // An alias that is also a repeat (linux/x86_64 after linux/amd64) gets both codes: each holds.
      const nc = findNonCanonicalPlatform(s);
      if (nc) raw.push({ f: nc, pair });
    }
    const a = findArtifactUnavailable(s, model);
    if (a) raw.push({ f: a, pair });
    if (pair) for (const r of findRepeatedNames(s)) raw.push({ f: r, pair });
  }
  // One finding per token and code; a value shared by several pairs of a cross product gets the
  // most severe code only. A repeat in a goos/goarch list gets the duplicate code beside an
  // unsupported or unavailable one (as an item of a platform list does), not beside removed (a
  // removed name is removed each time) or unknown (`Linux` after `linux` is no name, not a repeat).
  let pairCodes: Map<string, Code[]> | undefined;
  /** The platforms each finding's message names, where the findings of a token merge (see RawFinding.named). */
  let named: Map<Finding, string[]> | undefined;
  const byToken = new Map<string, Finding>();
  /**
   * A token's other verdicts, by `start:end:code`: the pairs of a cross product it makes that are
   * wrong in another way than its most severe (`riscv64` of goos [linux, darwin]: darwin/riscv64 is
   * no Go platform, linux/riscv64 in no tier). Each is said in the message of the token's one
   * finding (see withOtherVerdicts): excluding one pair leaves the other.
   */
  let also: Map<string, Finding> | undefined;
  const toFinding = (f: RawFinding, level: Severity): Finding => ({
    start: f.token.start,
    end: f.token.end,
    code: f.code,
    severity: level,
    message: f.message,
    ...(f.href ? { href: f.href } : {}),
    data: f.data,
    ...(f.first ? { first: f.first } : {}),
  });
  /** Keeps `finding` (of `f`, or displaced) among the token's other verdicts, its names merged into one of that code there already. */
  const keepAlso = (key: string, finding: Finding, names: readonly string[] | undefined) => {
    const had = (also ??= new Map()).get(key);
    if (!had) {
      also.set(key, finding);
      if (names) (named ??= new Map()).set(finding, [...names]);
      return;
    }
    const list = named?.get(had);
    if (list && names) for (const n of names) if (!list.includes(n)) list.push(n);
    if (names) excludeToo(had, finding.data);
  };
  /** Each pair's exclude entry, for a finding whose message names several (see FixData.excludes). */
  let excludes: Map<Finding, (ExcludeEdit & { platform: string })[]> | undefined;
  const excludeToo = (into: Finding, data: FixData) => {
    if (!data.exclude || data.platform === undefined) return;
    let list = excludes?.get(into);
    if (!list) {
      list = into.data.exclude && into.data.platform !== undefined ? [{ ...into.data.exclude, platform: into.data.platform }] : [];
      (excludes ??= new Map()).set(into, list);
    }
    if (!list.some((e) => e.platform === data.platform)) list.push({ ...data.exclude, platform: data.platform });
  };
  /** How a message names several platforms, per finding (see RawFinding.namedMessage). */
  let namedMessages: Map<Finding, (named: readonly string[]) => string> | undefined;
  /** The findings kept of cross products' pairs (see `also`). */
  let ofProducts: Set<Finding> | undefined;
  for (const { f, pair, product } of raw) {
    const level = settings.severity[f.code] ?? DEFAULT_SEVERITY[f.code];
    if (level === 'off') continue;
    const at = `${f.token.start}:${f.token.end}`;
    // (A pair's artifact, a release URL's binary for a defaulted arch, is said beside the rest, as a URL's is.)
    let key = pair && f.code !== 'artifact-unavailable' ? at : `${at}:${f.code}`;
    if (pair && f.code === 'duplicate-platform') {
      pairCodes ??= codesByToken(raw);
      const others = pairCodes.get(at) ?? [];
      if (others.includes('removed-platform') || others.includes('unknown-platform')) continue;
      if (others.some((c) => PRIORITY[c] < PRIORITY['duplicate-platform'])) key = `${at}:${f.code}`;
    }
    const prev = byToken.get(key);
    // (Each pair of a cross product the value builds that no tier holds is named: `- freebsd` beside amd64 and arm64.)
    if (prev && f.named && prev.code === f.code) {
      const names = named?.get(prev);
      if (names) for (const n of f.named) if (!names.includes(n)) names.push(n);
      if (names) excludeToo(prev, f.data);
    }
    const verdicts = product === true && prev !== undefined && prev.code !== f.code && ofProducts?.has(prev) === true && VERDICTS.has(prev.code) && VERDICTS.has(f.code);
    if (prev && PRIORITY[prev.code] <= PRIORITY[f.code]) {
      if (verdicts) {
        const finding = toFinding(f, level);
        keepAlso(`${at}:${f.code}`, finding, f.named);
        if (f.namedMessage) (namedMessages ??= new Map()).set(finding, f.namedMessage);
      }
      continue;
    }
    if (verdicts) keepAlso(`${at}:${prev!.code}`, prev!, named?.get(prev!));
    const finding = toFinding(f, level);
    byToken.set(key, finding);
    if (product && VERDICTS.has(f.code)) (ofProducts ??= new Set()).add(finding);
    if (f.named && pair) (named ??= new Map()).set(finding, [...f.named]);
    if (f.namedMessage) (namedMessages ??= new Map()).set(finding, f.namedMessage);
  }
  for (const [f, names] of named ?? []) {
    if (f.code === 'unsupported-platform') f.message = unsupportedMessage(names);
    else if (names.length > 1 && namedMessages?.has(f)) f.message = namedMessages.get(f)!(names);
    // An exclude entry leaves out one of the pairs the message names (darwin/riscv64 of darwin/riscv64 and windows/riscv64).
    if (names.length > 1 && f.data.exclude) f.data = { ...f.data, incomplete: true };
    // (Each is offered, and all at once: the one fix a look-free editor applies.)
    const each = excludes?.get(f);
    // (Or the one another pair has, where this one's has none: darwin/riscv64 an include entry adds back, windows/riscv64 beside it.)
    if (names.length > 1 && each && (each.length > 1 || (each.length === 1 && !f.data.exclude))) f.data = { ...f.data, excludes: each, ...(each.length === names.length ? { excludesAll: true as const } : {}) };
  }
  const out = also ? withOtherVerdicts(byToken, also) : [...byToken.values()];
  // An exclude entry that leaves the value's other pairs wrong (`arm` of goos [linux, darwin,
  // freebsd]: darwin/arm is no Go platform, said by a finding of its own) fixes only part of what is wrong with the token.
  for (const f of out) {
    if (!f.data.exclude || f.data.incomplete) continue;
    const wrongToo = raw.some(({ f: r, pair }) => pair && r.code === 'unknown-platform' && r.code !== f.code && r.token.start === f.start && r.token.end === f.end && (settings.severity[r.code] ?? DEFAULT_SEVERITY[r.code]) !== 'off');
    if (wrongToo) f.data = { ...f.data, incomplete: true };
  }
  return out;
}

/** The codes that say what is wrong with a platform a pair makes; a token of a cross product may make several, said in one finding (see judge's `also`). */
const VERDICTS: ReadonlySet<Code> = new Set(['removed-platform', 'unknown-platform', 'unsupported-platform', 'below-required-tier']);

/**
 * The findings of `byToken`, each with the other verdicts on its token (`also`, keyed
 * `start:end:code`) kept as its alsoSaid, most severe first: a value of a cross product is one
 * finding however many pairs it joins (the corpus's convention), of its most severe code, and
 * its message names every pair that is wrong (`arm` of goos [linux, darwin]: linux/arm removed,
 * darwin/arm no Go platform), so that leaving one pair out does not show the next.
 */
function withOtherVerdicts(byToken: ReadonlyMap<string, Finding>, also: ReadonlyMap<string, Finding>): Finding[] {
  const others = new Map<string, Finding[]>();
  for (const f of also.values()) {
    const at = `${f.start}:${f.end}`;
    const list = others.get(at);
    if (list) list.push(f);
    else others.set(at, [f]);
  }
  const out: Finding[] = [];
  for (const f of byToken.values()) {
    out.push(f);
    const at = `${f.start}:${f.end}`;
    const list = others.get(at);
    if (!list || !VERDICTS.has(f.code)) continue;
    others.delete(at);
    // (Said in its message by judge, which leaves out what a comment silences.)
    f.alsoSaid = list.sort((a, b) => PRIORITY[a.code] - PRIORITY[b.code]);
    // Its fixes leave out every pair that is an error, each alone or all at once (linux/arm and
    // darwin/arm; not freebsd/arm, in no tier, which a build may mean to make).
    const errors = [f, ...list].filter((x) => x.code === 'removed-platform' || x.code === 'unknown-platform');
    const seen = new Set<string>();
    const excludes = errors.flatMap(excludeEntries).filter((e) => !seen.has(e.platform) && seen.add(e.platform));
    if (excludes.length > 1) {
      const all = errors.every((x) => (x.data.excludes ? x.data.excludesAll === true : x.data.exclude !== undefined && !x.data.incomplete));
      f.data = { ...f.data, excludes, ...(all ? { excludesAll: true as const } : {}) };
    }
  }
  for (const list of others.values()) out.push(...list);
  return out;
}

/** The exclude entries a finding's fixes offer, each with the platform it leaves out. */
function excludeEntries(f: Finding): (ExcludeEdit & { platform: string })[] {
  if (f.data.excludes) return f.data.excludes;
  return f.data.exclude && f.data.platform !== undefined ? [{ ...f.data.exclude, platform: f.data.platform }] : [];
}

/** The codes of the pair findings on each token (`start:end`). */
function codesByToken(raw: readonly { f: RawFinding; pair: boolean }[]): Map<string, Code[]> {
  const out = new Map<string, Code[]>();
  for (const { f, pair } of raw) {
    if (!pair || f.code === 'duplicate-platform') continue;
    const at = `${f.token.start}:${f.token.end}`;
    const codes = out.get(at);
    if (!codes) out.set(at, [f.code]);
    else if (!codes.includes(f.code)) codes.push(f.code);
  }
  return out;
}

/** The platforms of each list, by the identity the duplicate rule compares (platformIdentity). */
function listItems(subjects: readonly Subject[]): Map<number, Map<string, string>> {
  const out = new Map<number, Map<string, string>>();
  for (const s of subjects) {
    const m = s.mention;
    if (m.kind !== 'whole' || m.listId === undefined || !s.valid || !s.platform) continue;
    let held = out.get(m.listId);
    if (!held) out.set(m.listId, (held = new Map()));
    // (With its qualifier, as the duplicate rule keys it: linux-mlarge/arm64 is no repeat of linux/arm64.)
    const key = `${platformIdentity(s.platform)}\u0000${m.platform.qualifier ?? ''}`;
    if (!held.has(key)) held.set(key, m.token.text);
  }
  return out;
}

/**
 * A typo's fix data with the replacements its list holds (`listed`) put last; when it holds every
 * one, the typo's removal (`remove`) is the one fix, marked `listed`: a respelling would only make
 * a repeat (as for an alias that is a repeat).
 */
function listedReplacements(data: Finding['data'], listed: (replacement: string) => boolean, remove: { start: number; end: number } | undefined): Finding['data'] {
  const all = data.replacements ?? [];
  const fresh = all.filter((r) => !listed(r));
  if (fresh.length === 0) return remove ? { ...data, replacements: [], remove, listed: true } : data;
  if (fresh.length === all.length) return data;
  return { ...data, replacements: [...fresh, ...all.filter((r) => listed(r))] };
}

/** The identity of a replacement, as spelled for its context (`linux/amd64`, `linux-amd64`; an arch alone, `amd64`, in a list of arches). */
function identityOf(replacement: string, bare: boolean): string {
  // (Strict: a Konflux host type, linux-mlarge/arm64, is read with its qualifier.)
  const p = bare ? parseBareArch(replacement) : (parsePlatform(replacement, 'loose') ?? parsePlatform(replacement, 'strict'));
  return p ? `${platformIdentity(p)}\u0000${p.qualifier ?? ''}` : replacement;
}

function shiftFinding(f: Finding, by: number): Finding {
  if (by === 0) return f;
  const { remove, exclude, excludes } = f.data;
  const first = f.first;
  return {
    ...f,
    start: f.start + by,
    end: f.end + by,
    ...(f.alsoSaid ? { alsoSaid: f.alsoSaid.map((o) => shiftFinding(o, by)) } : {}),
    ...(remove || exclude || excludes
      ? {
          data: {
            ...f.data,
            ...(remove ? { remove: { start: remove.start + by, end: remove.end + by } } : {}),
            ...(exclude ? { exclude: { ...exclude, at: exclude.at + by } } : {}),
            ...(excludes ? { excludes: excludes.map((e) => ({ ...e, at: e.at + by })) } : {}),
          },
        }
      : {}),
    ...(first ? { first: { start: first.start + by, end: first.end + by } } : {}),
  };
}

/**
 * Judges a scan against the model: the findings, sorted, suppressions applied. Blocks judged
 * before with the same model and settings objects are not judged again.
 */
export function judge(scan: ScanResult, model: TierModel, settings: LintSettings): Finding[] {
  const suppressions = scan.marks.ignore ? findSuppressions(scan.text) : undefined;
  const conflicts = scan.marks.conflict ? conflictsOf(scan.text) : undefined;
  const yaml = YAML_KINDS.has(scan.kind);
  const out: Finding[] = [];
  // Indexed loops: in bytecode, for…of allocates an iterator per loop and a result per step, and
  // this runs over every block on every keystroke.
  const { starts, results } = scan;
  /** Findings a block makes on a token of another (a job's first part, on an os its steps pair with its matrix), by `start:end:code`. */
  let elsewhere: Map<string, Finding> | undefined;
  for (let c = 0; c < results.length; c++) {
    const start = starts[c];
    const end = c + 1 < starts.length ? starts[c + 1] : scan.length;
    const result = results[c];
    let judged = result.judged;
    if (!judged || judged.model !== model || judged.settings !== settings) {
      judged = { model, settings, findings: judgeMentions(result.mentions, model, settings) };
      result.judged = judged;
    }
    const findings = judged.findings;
    for (let k = 0; k < findings.length; k++) {
      let g = shiftFinding(findings[k], start);
      if (g.alsoSaid) {
        // A cross product's value: one finding, whose message says its other verdicts too; a
        // comment that silences its code leaves the next (`# k8s-platforms-ignore removed-platform`
        // on `arm` of goos [linux, darwin]: darwin/arm's unknown-platform), and one it says is left out.
        const said = [g, ...g.alsoSaid].filter((o) => !suppressions || !isSuppressed(suppressions, o.start, o.code));
        if (said.length === 0) continue;
        const { alsoSaid: _said, ...first } = said[0];
        g = { ...first, message: said.map((o) => o.message).join(' ') };
      } else if (suppressions && isSuppressed(suppressions, g.start, g.code)) continue;
      if (conflicts && g.code === 'duplicate-platform' && repeatsOtherSide(scan.text, conflicts, g)) continue;
      let f = scan.marks.spaces ? { ...g, message: shownSpaces(g.message) } : g;
      // (`GOOS=linux/arm64 go build`: the fix sets both, `GOOS=linux GOARCH=arm64`, as the message says.)
      if (f.data.alsoSet && assignedWord(scan.text, scan.kind, f.start, f.end)) f = { ...f, data: { ...f.data, replacements: [...f.data.replacements!.map((r) => `${r} ${f.data.alsoSet}`), ...f.data.replacements!] } };
      // (`value: i386` fixed to a YAML integer: `"386"`, see yamlScalarText.)
      if (yaml && f.data.replacements?.some(startsWithDigit)) f = { ...f, data: { ...f.data, replacements: f.data.replacements.map((r) => yamlScalarText(scan.text, f.start, f.end, r)) } };
      if (f.start < start || f.start >= end) (elsewhere ??= new Map()).set(`${f.start}:${f.end}:${f.code}`, f);
      out.push(f);
    }
  }
  // Read whole, a job's first part and its step are one block, whose findings on one token are one
  // per code: the first part's (it names the pairs the matrix makes) is kept, the step's repeat of it
  // dropped. (Rare: looked for only where a block made a finding elsewhere.)
  const kept = elsewhere
    ? out.filter((f) => {
        const made = elsewhere!.get(`${f.start}:${f.end}:${f.code}`);
        return made === undefined || made === f || results[lastAtOrBefore(starts, f.start)].job === undefined;
      })
    : out;
  return kept.sort((a, b) => a.start - b.start || PRIORITY[a.code] - PRIORITY[b.code]);
}

/**
 * Whether text[start, end) is the value of a shell word `GOOS=…` or `GOARCH=…`, unquoted and ended
 * by a blank, where a second assignment may follow it: a command's (`GOOS=linux/arm64 go build`),
 * `export`'s, a Dockerfile's `ENV`; not a make variable's (`GOOS ?= …`, `export GOOS=…` outside a
 * recipe), nor YAML's own `GOOS: …`.
 */
function assignedWord(text: string, kind: FileKind, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (!/(?:^|[\s;&|(])GO(?:OS|ARCH)=$/.test(text.slice(Math.max(lineStart, start - 80), start))) return false;
  if (!/^(?:[ \t;\n]|\r\n|$)/.test(text.slice(end, end + 2))) return false;
  // (A Makefile's recipe line starts with a tab; any other line is make's own.)
  return kind !== 'makefile' || text[lineStart] === '\t';
}

/** A replacement a YAML reader may take for a number (`386`): only those are asked whether they need quotes. */
function startsWithDigit(r: string): boolean {
  const c = r.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/**
 * The merge conflicts of a text whose markers were made comments (see scanText): where each starts
 * (its `<<<<<<<` line), and its sides, [start, end) of each, in the order of the text.
 */
function conflictsOf(text: string): { starts: number[]; sides: [number, number][][] } {
  const starts: number[] = [];
  const sides: [number, number][][] = [];
  let open: [number, number][] | undefined;
  let from = 0;
  for (const m of text.matchAll(CONFLICT_COMMENT)) {
    const at = m.index!;
    const next = text.indexOf('\n', at);
    const lineEnd = next < 0 ? text.length : next + 1;
    if (m[1] === '<') {
      starts.push(at);
      open = [];
      sides.push(open);
      from = lineEnd;
    } else if (open) {
      open.push([from, at]);
      from = lineEnd;
      if (m[1] === '>') open = undefined;
    }
  }
  return { starts, sides };
}

/** A marker line made a comment (see scanText), by the character its marker is made of. */
const CONFLICT_COMMENT = /^#([<=>|])\1{5}(?![<=>|])/gm;

/**
 * Whether a repeated platform is written on one side of a merge conflict and its twin on the other:
 * the sides are alternatives (one of them stays), not one list.
 */
function repeatsOtherSide(text: string, conflicts: ReturnType<typeof conflictsOf>, f: Finding): boolean {
  const c = lastAtOrBefore(conflicts.starts, f.start);
  if (conflicts.starts.length === 0 || conflicts.starts[c] > f.start) return false;
  const sides = conflicts.sides[c];
  const mine = sides.findIndex(([s, e]) => f.start >= s && f.end <= e);
  if (mine < 0) return false;
  // Where the first is known (a platform list's repeat): on another side of this conflict.
  const first = f.first;
  if (first) return sides.some(([s, e], k) => k !== mine && first.start >= s && first.end <= e);
  // A goos or goarch list's repeat names no first: one written before it on its own side, or in
  // the lines before the conflict, is its first; else one on another side.
  const word = text.slice(f.start, f.end);
  const item = new RegExp(`(?:^|[\\s,[{"'-])${word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?=[\\s,\\]}"']|$)`, 'i');
  const conflictStart = conflicts.starts[c];
  if (item.test(text.slice(sides[mine][0], f.start)) || item.test(text.slice(Math.max(0, conflictStart - LIST_LOOKBACK), conflictStart))) return false;
  return sides.some(([s, e], k) => k !== mine && item.test(text.slice(s, e)));
}

/** How far before a conflict (characters) a repeated goos or goarch name looks for its first. */
const LIST_LOOKBACK = 2000;

/** The engine in one call: text in, findings out. */
export function lintText(text: string, kind: FileKind, model: TierModel, settings: LintSettings, limits?: ScanLimits): Finding[] {
  return judge(scanText(text, kind, undefined, limits), model, settings);
}
