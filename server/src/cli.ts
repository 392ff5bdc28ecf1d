import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_LIMITS, judge, scanText, type ScanLimits } from './lint';
import { displayPath, excludeRules, readStdinUpTo, readTarget, repositoryRoot, walk, type Target, type WalkFilter } from './cliWalk';
import { builtinModel, formatModelError, loadModelFile } from './model/load';
import { CODES, type Code, type Finding, type LintSettings, type Severity } from './rules/finding';
import { explainInput } from './explain';
import { plainText } from './features/markup';
import { MAX_SARIF_RESULTS, sarifShare, toSarif, type SarifInput, type SarifInvocation } from './sarif';
import { lineHashes } from './lineHash';
import { escapeControls, toGithubAnnotations, toGitlabCodeQuality } from './ciFormats';
import { version } from '../../package.json';
import { MAX_THREADS_PER_CORE, MAX_WORKERS, lintInParallel, type WorkerAnswer, type WorkerInit, type WorkerRequest } from './cliParallel';
import { TierModel } from './model/query';
import { filePath, resolveModelPath } from './features/uris';
import { notACode } from './features/settings';

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  cwd: string;
  /** The bytes of stdin, for the path `-`; the process's own stdin when absent. */
  readStdin?: () => Uint8Array;
  /**
   * A script that runs `runLintWorker` in a worker thread (the CLI bundle itself). With it, long
   * runs are shared among worker threads, one per core; without it, every file is linted here.
   */
  workerEntry?: string;
}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

const USAGE = `Usage: k8s-platforms lint [options] [paths…]
       k8s-platforms explain [--markdown] [--model FILE] <platform|artifact>

Checks platform strings (linux/amd64, GOOS=linux GOARCH=arm, kubernetes-server-linux-s390x.tar.gz)
in CI configs, Makefiles, Dockerfiles and shell scripts against the Kubernetes release tier model.

lint options:
  --format FORMAT            text (default), json, sarif (code scanning), github (annotations
                             in a GitHub Actions run) or gitlab (a Code Quality report)
  --model FILE               use a custom tier model file instead of the built-in one
  --required-tier N          report platforms below tier N (1, 2 or 3; default 3)
  --severity CODE=LEVEL      change a code's severity: error, warning, info, hint or off (repeatable)
  --max-file-size BYTES      skip larger files (default ${DEFAULT_MAX_FILE_SIZE})
  --max-scan-time MS         stop scanning a file after this long (default ${DEFAULT_LIMITS.maxScanTime})
  --jobs N                   threads for long runs (default: one per core but one, at most ${MAX_WORKERS}; 1: none;
                             never more than ${MAX_THREADS_PER_CORE} per core)
  --exclude PATTERN          leave out paths matching a .gitignore-style pattern, relative to the
                             current folder (repeatable): --exclude 'testdata/' --exclude '*.sh'
  --no-ignore                lint files .gitignore leaves out too
  --stdin-filename NAME      the name of the text read from stdin (the path -): its kind comes
                             from it, and findings are reported at it
  --                         the end of the options: what follows is paths
  --help                     show this help
  --version                  show the version

Folders are walked without .git, node_modules and vendor, and without what .gitignore files
(and .git/info/exclude) leave out; paths named on the command line are linted whatever those
and --exclude say (a file of a kind not checked, notes.txt, is skipped with a note).
Columns count UTF-16 code units, as SARIF and LSP do.
Exit status: 1 when an error-severity finding was reported, 2 on bad usage (also a path that
does not exist or cannot be read, or a model file that was refused; the rest is linted all the
same), 0 otherwise.
`;

class UsageError extends Error {
  constructor(
    message: string,
    /** The command's usage line, printed after the message. */
    readonly usage = LINT_USAGE,
  ) {
    super(message);
  }
}

const LINT_USAGE = 'Usage: k8s-platforms lint [options] [paths…]; k8s-platforms --help for the options.';
const EXPLAIN_USAGE = 'Usage: k8s-platforms explain PLATFORM [--markdown] [--model FILE]; k8s-platforms --help for more.';

const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab'] as const;

interface LintOptions {
  format: (typeof FORMATS)[number];
  modelPath?: string;
  settings: LintSettings;
  maxFileSize: number;
  limits: ScanLimits;
  paths: string[];
  /** Worker threads for long runs; undefined: one per core. */
  jobs?: number;
  filter: WalkFilter;
  /** The name `-` (stdin) goes by: its kind comes from it, and findings are reported at it. */
  stdinFilename?: string;
  /** --exclude patterns as given. */
  excludes: string[];
}

function parseLintArgs(args: string[]): LintOptions {
  const opts: LintOptions = { format: 'text', settings: { requiredTier: 3, severity: {} }, maxFileSize: DEFAULT_MAX_FILE_SIZE, limits: {}, paths: [], filter: { gitignore: true }, excludes: [] };
  const severity: Partial<Record<Code, Severity | 'off'>> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    // `--` ends the options: what follows is paths, even those that start with a dash.
    if (arg === '--') {
      opts.paths.push(...args.slice(i + 1));
      break;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--format': {
        const f = value();
        if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be text, json, sarif, github or gitlab, not ${f}`);
        opts.format = f as LintOptions['format'];
        break;
      }
      case '--model':
        opts.modelPath = value();
        // (`--model "$MODEL"` with the variable unset: no model, rather than the built-in one in silence.)
        if (opts.modelPath === '') throw new UsageError('--model is empty: give a model file');
        break;
      case '--required-tier': {
        const v = value();
        if (!/^[123]$/.test(v)) throw new UsageError(`--required-tier must be 1, 2 or 3, not ${v}`);
        opts.settings.requiredTier = Number(v) as 1 | 2 | 3;
        break;
      }
      case '--severity': {
        const v = value();
        // (`information` is the LSP's name of info, which the editor setting takes too.)
        // Each fault is told as the editor setting's is: the code misspelled, or the level.
        const eq = v.indexOf('=');
        if (eq < 0) throw new UsageError(`--severity takes CODE=LEVEL (as removed-platform=warning), not ${v}`);
        const code = v.slice(0, eq);
        const level = v.slice(eq + 1);
        if (!(CODES as readonly string[]).includes(code)) throw new UsageError(`--severity ${v}: ${code} is ${notACode(code)}`);
        if (!/^(error|warning|info|information|hint|off)$/.test(level)) {
          throw new UsageError(`--severity ${v}: expected error, warning, info, hint or off, not ${level === '' ? 'nothing' : level}`);
        }
        severity[code as Code] = level === 'information' ? 'info' : (level as Severity | 'off');
        break;
      }
      case '--max-file-size': {
        const v = value();
        // 0 would skip every file, as the server's setting refuses it: a positive number, as there.
        if (!/^\d+$/.test(v) || Number(v) === 0) throw new UsageError(`--max-file-size must be a positive number of bytes, not ${v}`);
        opts.maxFileSize = Number(v);
        break;
      }
      case '--max-scan-time': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) === 0) throw new UsageError(`--max-scan-time must be a positive number of milliseconds, not ${v}`);
        opts.limits = { ...opts.limits, maxScanTime: Number(v) };
        break;
      }
      case '--jobs':
      case '-j': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) === 0) throw new UsageError(`--jobs must be a positive number of threads, not ${v}`);
        opts.jobs = Number(v);
        break;
      }
      case '--exclude': {
        const v = value();
        if (v.trim() === '' || v.trim().startsWith('#')) throw new UsageError(`--exclude needs a pattern, like 'testdata/' or '*.sh', not ${JSON.stringify(v)}`);
        opts.excludes.push(v);
        break;
      }
      case '--stdin-filename': {
        const v = value();
        if (v.trim() === '') throw new UsageError('--stdin-filename needs a file name, like Dockerfile or .github/workflows/ci.yml');
        // (A file: URI, as an editor's formatter integration may pass it, names its path.)
        opts.stdinFilename = filePath(v) || v;
        break;
      }
      case '--no-ignore':
        if (eq > 0) throw new UsageError('--no-ignore takes no value');
        opts.filter.gitignore = false;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        opts.paths.push(arg);
    }
  }
  opts.settings.severity = severity;
  if (opts.stdinFilename !== undefined && !opts.paths.includes('-')) throw new UsageError('--stdin-filename names the text read from stdin: give the path - too');
  // (An empty path is a mistake, `lint "$CHANGED_FILES"` with nothing changed: not the current folder.)
  if (opts.paths.includes('')) throw new UsageError('a path is empty: give a file or folder, or none for the current folder');
  if (opts.paths.length === 0) opts.paths.push('.');
  return opts;
}

/** What linting one file gives: its notes for stderr, its findings as JSON, its error count. */
export interface FileResult {
  notes: string[];
  findings: SarifInput[];
  errors: number;
  /** Not read (see readTarget: a note says why). */
  skipped?: true;
  /** Why a file named on the command line could not be read: said as an error, and the exit status is 2. */
  failed?: string;
}

/** What a file is checked with; the same in the main thread and in workers. */
export interface LintJob {
  maxFileSize: number;
  limits: ScanLimits;
  settings: LintSettings;
  /** For SARIF: each finding gets the hash of its line that GitHub code scanning matches alerts by. */
  lineHashes?: boolean;
  /** For GitLab: each finding gets the text of its own line, which its fingerprint is made of. */
  lineTexts?: boolean;
}

/** Reads, scans and judges one file. Never throws for a bad file: a skip is a note. */
export function lintTarget(t: Target, job: LintJob, model: TierModel): FileResult {
  const notes: string[] = [];
  let failed: string | undefined;
  const read = readTarget(t, job.maxFileSize, (m) => notes.push(m), (m) => (failed = m));
  if (!read) return { notes, findings: [], errors: 0, skipped: true, ...(failed !== undefined ? { failed } : {}) };
  const scan = scanText(read.text, read.kind, undefined, job.limits);
  for (const n of scan.notes) notes.push(`${t.display}: ${n}`);
  const findings = judge(scan, model, job.settings);
  let errors = 0;
  for (const f of findings) if (f.severity === 'error') errors++;
  if (findings.length === 0) return { notes, findings: [], errors };
  const json: SarifInput[] = toJson(t.display, findings, scan.lines);
  if (job.lineHashes) {
    // Of the file as upload-sarif reads it: its bytes as UTF-8, a byte order mark and all.
    const hashes = lineHashes(read.bytes.toString('utf8'), new Set(json.map((f) => f.line)));
    for (const f of json) f.lineHash = hashes.get(f.line);
  }
  if (job.lineTexts) {
    // (Blanks left out, as in GitHub's hash: an issue re-indented is the same issue.)
    for (const f of json) f.lineText = scan.lines.text.slice(scan.lines.offset(f.line - 1, 0), scan.lines.offset(f.line, 0)).replace(/\s+/g, '');
  }
  return { notes, findings: json, errors };
}

/**
 * A path as a line of text output starts with it. One that starts with `::` (a file named
 * `::error file=x::…`) gets `./` before it: GitHub Actions reads a log line that starts so as a
 * workflow command, and a pull request could plant annotations, or stop commands, by a file's name.
 */
function textPath(file: string): string {
  const shown = printable(file);
  return /^\s*::/.test(shown) ? `./${shown}` : shown;
}

/** Text for a line of output: a control character in a file name or a custom model's message (a newline) is escaped, so one finding stays one line. */
function printable(text: string): string {
  return escapeControls(text);
}

/** One finding of `--format json`: 1-based line and column, endColumn one past the token. */
export type JsonFinding = SarifInput;

function toJson(file: string, findings: Finding[], lines: ReturnType<typeof scanText>['lines']): JsonFinding[] {
  return findings.map((x) => {
    const s = lines.position(x.start);
    const e = lines.position(x.end);
    return {
      file,
      line: s.line + 1,
      column: s.character + 1,
      endLine: e.line + 1,
      endColumn: e.character + 1,
      severity: x.severity,
      code: x.code,
      message: x.message,
    };
  });
}

async function runLint(args: string[], io: CliIo): Promise<number> {
  const opts = parseLintArgs(args);
  // Every note is also kept for SARIF, whose log says what was skipped and why.
  const notes: SarifInvocation['notes'][number][] = [];
  const say = (level: 'note' | 'warning' | 'error', msg: string) => {
    notes.push({ level, text: msg });
    io.stderr.write(`k8s-platforms: ${printable(msg)}\n`);
  };
  const note = (msg: string) => say('note', msg);
  const { model, refused } = readModel(opts.modelPath, io.cwd, (msg) => say('error', msg));
  let usageProblem = refused;
  const missing = (p: string, why = 'no such file or folder') => {
    say('error', `${p}: ${why}`);
    usageProblem = true;
  };
  const progress = io.stderr.isTTY === true && opts.format === 'text';
  const job: LintJob = { maxFileSize: opts.maxFileSize, limits: opts.limits, settings: opts.settings, lineHashes: opts.format === 'sarif', lineTexts: opts.format === 'gitlab' };
  const results: SarifInput[][] = [];
  let errors = 0;
  let count = 0;
  let linted = 0;
  const take = (r: FileResult) => {
    count++;
    if (!r.skipped) linted++;
    if (progress && count % 200 === 0) io.stderr.write(`\rk8s-platforms: ${count} files…`);
    for (const n of r.notes) note(n);
    if (r.failed !== undefined) {
      say('error', r.failed);
      usageProblem = true;
    }
    if (r.findings.length > 0) results.push(r.findings);
    errors += r.errors;
  };
  const exclude = excludeRules(opts.excludes, io.cwd);
  if (exclude.outside.length > 0) throw new UsageError(`--exclude ${exclude.outside.join(', ')}: patterns are relative to the current folder, and this leads out of it`);
  // stdin is read before the walk, by the main thread, once, and only to one byte past the size
  // limit: that is enough to know the text is over it (`cat /dev/zero | lint -` ends).
  let stdin: Target | undefined;
  if (opts.paths.includes('-')) {
    let bytes: Uint8Array = new Uint8Array();
    try {
      bytes = io.readStdin ? io.readStdin() : readStdinUpTo(opts.maxFileSize + 1);
    } catch (e) {
      note(`-: skipped: stdin could not be read: ${(e as Error).message}`);
    }
    const named = opts.stdinFilename === undefined ? '' : path.resolve(io.cwd, opts.stdinFilename);
    stdin = { abs: named, display: named ? displayPath(named, io.cwd) : '<stdin>', explicit: true, stdin: bytes };
  }
  // What the walk says (a dangling link, a folder not read) is said where one thread says it: after
  // the files walked before it. Threads get the whole walk first, so there it waits for its turn.
  let held: (() => void)[] | undefined;
  const walkNote = (msg: string) => (held ? held.push(() => note(msg)) : note(msg));
  const walkMissing = (p: string, why?: string) => (held ? held.push(() => missing(p, why)) : missing(p, why));
  const targets = walk(opts.paths, io.cwd, walkNote, walkMissing, { ...opts.filter, exclude: exclude.rules }, stdin);
  if (io.workerEntry && opts.jobs !== 1) {
    held = [];
    const walked: Target[] = [];
    const saidBefore: (() => void)[][] = [];
    for (const t of targets) {
      saidBefore.push(held);
      held = [];
      walked.push(t);
    }
    const saidAfter = held;
    held = undefined;
    let k = 0;
    const inTurn = (r: FileResult) => {
      for (const say of saidBefore[k++]) say();
      take(r);
    };
    await lintInParallel(walked, job, model === builtinModel() ? null : model.data, io.workerEntry, inTurn, (t) => lintTarget(t, job, model), opts.jobs);
    for (const say of saidAfter) say();
  } else for (const t of targets) take(lintTarget(t, job, model));
  if (progress && count >= 200) io.stderr.write(`\r\u001b[K`);
  switch (opts.format) {
    case 'json':
      io.stdout.write(`${JSON.stringify(results.flat(), null, 2)}\n`);
      break;
    case 'sarif': {
      const all = results.flat();
      const kept = sarifShare(all);
      if (kept) say('warning', `${all.length - kept.length} of ${all.length} findings left out of the SARIF log: code scanning rejects a run of more than ${MAX_SARIF_RESULTS} results; the most severe are kept`);
      // Code scanning reads a result's path from the repository's root, wherever the CLI ran (as --format github does).
      const root = repositoryRoot(io.cwd) ?? io.cwd;
      io.stdout.write(`${JSON.stringify(toSarif(fromRepositoryRoot(kept ?? all, io.cwd), model, version, root, { notes, successful: !usageProblem }), null, 2)}\n`);
      break;
    }
    case 'github':
      io.stdout.write(toGithubAnnotations(fromRepositoryRoot(results.flat(), io.cwd)));
      break;
    case 'gitlab':
      io.stdout.write(`${JSON.stringify(toGitlabCodeQuality(fromRepositoryRoot(results.flat(), io.cwd)), null, 2)}\n`);
      break;
    default:
      for (const r of results) {
        for (const x of r) io.stdout.write(`${textPath(x.file)}:${x.line}:${x.column}: ${x.severity} ${x.code} ${printable(x.message)}\n`);
      }
      if (results.length > 0) {
        const total = results.reduce((n, r) => n + r.length, 0);
        io.stderr.write(`k8s-platforms: ${total} finding${total === 1 ? '' : 's'} in ${results.length} file${results.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'})\n`);
      }
      // (Not after an error that left nothing to lint, `lint missing.yml`: that error is the run's last word.)
      else if (linted > 0 || !usageProblem) io.stderr.write(`k8s-platforms: no findings in ${linted} file${linted === 1 ? '' : 's'} linted\n`);
  }
  if (usageProblem) return 2;
  return errors > 0 ? 1 : 0;
}

function runExplain(args: string[], io: CliIo): number {
  // Plain text for a terminal; --markdown for a page or a PR comment (the hover's own text).
  const end = args.includes('--') ? args.indexOf('--') : args.length;
  let markdown = false;
  let modelPath: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < end; i++) {
    const arg = args[i];
    if (arg === '--markdown') markdown = true;
    else if (arg === '--model' || arg.startsWith('--model=')) {
      modelPath = arg === '--model' ? args[++i] : arg.slice('--model='.length);
      if (modelPath === undefined || i >= end) throw new UsageError('--model needs a value', EXPLAIN_USAGE);
      if (modelPath === '') throw new UsageError('--model is empty: give a model file', EXPLAIN_USAGE);
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`, EXPLAIN_USAGE);
    else rest.push(arg);
  }
  rest.push(...args.slice(end + 1));
  if (rest.length !== 1) throw new UsageError('explain takes one platform, like linux/s390x, with --markdown and --model FILE at most', EXPLAIN_USAGE);
  // As lint does: a refused model is said, the built-in one explains, and the exit status is 2.
  const { model, refused } = readModel(modelPath, io.cwd, (msg) => io.stderr.write(`k8s-platforms: ${msg}\n`));
  const result = explainInput(model, rest[0]);
  if (!result.ok) {
    // (The argument as asked, a control character in it escaped.)
    io.stderr.write(`k8s-platforms: ${printable(result.message)}\n`);
    return 2;
  }
  // (Its lines as they are; any other control character a custom model's text holds is escaped, as lint's lines are.)
  io.stdout.write(`${escapeControls(markdown ? result.markdown : plainText(result.markdown), '\n\t')}\n`);
  return refused ? 2 : 0;
}

/**
 * Findings with paths relative to the root of the repository the CLI runs in, as GitHub
 * annotations and GitLab Code Quality reports place them (a job run in a subfolder must not point
 * at files that do not exist); relative to `cwd` outside a repository. `<stdin>` stays as it is.
 */
function fromRepositoryRoot(findings: SarifInput[], cwd: string): SarifInput[] {
  const root = repositoryRoot(cwd);
  if (root === undefined || root === path.resolve(cwd)) return findings;
  return findings.map((f) => (f.file === '<stdin>' ? f : { ...f, file: displayPath(path.resolve(cwd, f.file), root) }));
}

/** The model of `--model FILE`, or the built-in one; a refused file is said on stderr, and the built-in model used. */
function readModel(modelPath: string | undefined, cwd: string, say: (msg: string) => void): { model: TierModel; refused: boolean } {
  if (!modelPath) return { model: builtinModel(), refused: false };
  const loaded = loadModelFile(resolveModelPath(modelPath, cwd), (p) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (!st.isFile()) throw new Error('not a regular file');
    return { size: st.size, read: () => fs.readFileSync(p, 'utf8') };
  });
  if (loaded.ok) return { model: loaded.model, refused: false };
  say(`model refused, using the built-in model: ${formatModelError({ ...loaded.error, file: modelPath })}`);
  return { model: builtinModel(), refused: true };
}

/** `k8s-platforms …` as a function: argv without node and script; returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.stdout.write(`${version}\n`);
      return 0;
    }
    // Before the first `--` only: after it, `--help` is a file name.
    const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
    if (options.includes('--help') || options.includes('-h')) {
      io.stdout.write(USAGE);
      return 0;
    }
    if (options.includes('--version')) {
      io.stdout.write(`${version}\n`);
      return 0;
    }
    if (command === 'lint') return await runLint(rest, io);
    if (command === 'explain') return runExplain(rest, io);
    throw new UsageError(`unknown command ${command}`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`k8s-platforms: ${e.message}\n${e.usage}\n`);
      return 2;
    }
    throw e;
  }
}

/** A lint worker thread (see cliParallel.ts): lints the batches it is sent, answers each. */
export function runLintWorker(port: { on(e: 'message', f: (r: WorkerRequest) => void): unknown; postMessage(a: WorkerAnswer): void }, init: WorkerInit): void {
  const model = init.model ? new TierModel(init.model) : builtinModel();
  port.on('message', (r) => port.postMessage({ base: r.base, results: r.targets.map((t) => lintTarget(t, init.job, model)) }));
}
