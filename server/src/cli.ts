import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Ignore } from 'ignore';
import { DEFAULT_LIMITS, detectFileKind, judge, scanText, type FileKind, type ScanLimits } from './lint';
import { builtinModel, formatModelError, loadModelFile } from './model/load';
import { CODES, type Code, type Finding, type LintSettings, type Severity } from './rules/finding';
import { explainInput } from './explain';
import { plainText } from './features/markup';
import { toSarif, type SarifInput, type SarifInvocation } from './sarif';
import { lineHashes } from './lineHash';
import { toGithubAnnotations, toGitlabCodeQuality } from './ciFormats';
import { version } from '../../package.json';
import { MAX_WORKERS, lintInParallel, type WorkerAnswer, type WorkerInit, type WorkerRequest } from './cliParallel';
import { TierModel } from './model/query';

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
const SKIP_DIRS = new Set(['.git', 'node_modules', 'vendor', '.hg', '.svn']);

const USAGE = `Usage: k8s-platforms lint [options] [paths…]
       k8s-platforms explain [--markdown] [--model FILE] <platform>

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
  --jobs N                   threads for long runs (default: one per core, at most ${MAX_WORKERS}; 1: none)
  --exclude PATTERN          leave out paths matching a .gitignore-style pattern, relative to the
                             current folder (repeatable): --exclude 'testdata/' --exclude '*.sh'
  --no-ignore                lint files .gitignore leaves out too
  --stdin-filename NAME      the name of the text read from stdin (the path -): its kind comes
                             from it, and findings are reported at it
  --help                     show this help
  --version                  show the version

Folders are walked without .git, node_modules and vendor, and without what .gitignore files
(and .git/info/exclude) leave out; paths named on the command line are always linted.
Exit status: 1 when an error-severity finding was reported, 2 on bad usage, 0 otherwise.
`;

class UsageError extends Error {}

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

/**
 * --exclude patterns in .gitignore syntax, relative to `cwd`: `./dist/` as a user writes it is
 * `dist/`, and a path under `cwd` written whole (`$PWD/testdata`) is anchored there (`/testdata`).
 */
function excludeRules(patterns: readonly string[], cwd: string): Ignore | undefined {
  if (patterns.length === 0) return undefined;
  return ignore().add(
    patterns.map((x) => {
      if (!path.isAbsolute(x)) return x.replace(/^\.\//, '');
      const rel = path.relative(cwd, x);
      if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return x;
      return `/${rel.split(path.sep).join('/')}${x.endsWith('/') ? '/' : ''}`;
    }),
  );
}

function parseLintArgs(args: string[]): LintOptions {
  const opts: LintOptions = { format: 'text', settings: { requiredTier: 3, severity: {} }, maxFileSize: DEFAULT_MAX_FILE_SIZE, limits: {}, paths: [], filter: { gitignore: true }, excludes: [] };
  const excludes: string[] = [];
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
        break;
      case '--required-tier': {
        const v = value();
        if (!/^[123]$/.test(v)) throw new UsageError(`--required-tier must be 1, 2 or 3, not ${v}`);
        opts.settings.requiredTier = Number(v) as 1 | 2 | 3;
        break;
      }
      case '--severity': {
        const v = value();
        const m = /^([a-z-]+)=(error|warning|info|hint|off)$/.exec(v);
        if (!m || !(CODES as readonly string[]).includes(m[1])) {
          throw new UsageError(`--severity takes CODE=LEVEL with CODE one of ${CODES.join(', ')} and LEVEL error, warning, info, hint or off; got ${v}`);
        }
        severity[m[1] as Code] = m[2] as Severity | 'off';
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
        excludes.push(v);
        break;
      }
      case '--stdin-filename': {
        const v = value();
        if (v.trim() === '') throw new UsageError('--stdin-filename needs a file name, like Dockerfile or .github/workflows/ci.yml');
        opts.stdinFilename = v;
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
  opts.excludes = excludes;
  if (opts.paths.length === 0) opts.paths.push('.');
  return opts;
}

/** A file to lint, found by walking the paths given. */
export interface Target {
  abs: string;
  display: string;
  kind?: FileKind;
  explicit: boolean;
  /** The text of `-`, read from stdin before the walk (a worker thread is sent it). */
  stdin?: Uint8Array;
}

/** A new set of gitignore rules; the library is loaded on first use, so linting one file does not load it. */
function ignore(): Ignore {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('ignore') as typeof import('ignore'))();
}

/** What the walk leaves out, besides .git, node_modules and vendor. */
export interface WalkFilter {
  /** Read .gitignore files (and .git/info/exclude): what git ignores is not linted. */
  gitignore: boolean;
  /** --exclude patterns, gitignore syntax, relative to the folder the CLI runs in. */
  exclude?: Ignore;
}

/** The rules of one .gitignore, and the folder they are relative to. */
interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

/** A .gitignore is a few KB; a bigger one is not read (its rules would cost more than the lint). */
const MAX_IGNORE_FILE = 1024 * 1024;

function readIgnoreFile(file: string, base: string, note?: (msg: string) => void): IgnoreLayer | undefined {
  try {
    // A FIFO named .gitignore would block the read forever.
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st?.isFile()) return undefined;
    if (st.size > MAX_IGNORE_FILE) {
      note?.(`${file}: not read: ${st.size} bytes is over the ${MAX_IGNORE_FILE}-byte limit for an ignore file`);
      return undefined;
    }
    return { base, rules: ignore().add(fs.readFileSync(file, 'utf8')) };
  } catch {
    return undefined; // unreadable: nothing ignored by it
  }
}

/** Git's reading: the deepest .gitignore with a rule for the path decides, the last rule in it wins. */
function ignoredBy(layers: readonly IgnoreLayer[], abs: string, isDir: boolean): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const rel = path.relative(layers[i].base, abs);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    let r: { ignored: boolean; unignored: boolean };
    try {
      r = layers[i].rules.test(rel.split(path.sep).join('/') + (isDir ? '/' : ''));
    } catch {
      continue; // a name the library will not take: no rule of this file for it
    }
    if (r.ignored) return true;
    if (r.unignored) return false;
  }
  return false;
}

/**
 * The rules that apply inside `dir` from outside it: its repository's .git/info/exclude, and the
 * .gitignore files from the repository's root down to `dir`'s parent. None outside a repository.
 */
function ancestorLayers(dir: string): IgnoreLayer[] {
  const chain: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    chain.push(d);
    if (fs.existsSync(path.join(d, '.git'))) break;
    if (path.dirname(d) === d) return [];
  }
  chain.reverse();
  const layers: IgnoreLayer[] = [];
  const exclude = readIgnoreFile(path.join(chain[0], '.git/info/exclude'), chain[0]);
  if (exclude) layers.push(exclude);
  // `dir`'s own .gitignore is read as the walk enters it.
  for (const d of chain.slice(0, -1)) {
    const layer = readIgnoreFile(path.join(d, '.gitignore'), d);
    if (layer) layers.push(layer);
  }
  return layers;
}

/** What one walk shares among its folders. */
interface WalkState {
  cwd: string;
  filter: WalkFilter;
  note: (msg: string) => void;
  seenDirs: Set<string>;
  // A file named twice (`lint dir dir/a.yml`) is checked once.
  seenFiles: Set<string>;
  /** The real paths of the folders named: a link to a place inside them is not followed, that place is walked as itself. */
  roots: string[];
  /** Links to files, settled once every file has been seen (see `walk`). */
  links: { abs: string; real: string }[];
  ignored: Set<string>;
}

function insideRoots(roots: readonly string[], real: string): boolean {
  return roots.some((r) => real === r || real.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
}

/**
 * Walks files and folders; every skip is reported through `note`, nothing stops the walk. Paths
 * named are read whatever they are; inside folders, symbolic links are not followed out of the
 * folders named (a repository's link to /etc is not its file), and a link to a file in them gives
 * way to the file, so a finding is reported where the file really is.
 */
export function* walk(paths: string[], cwd: string, note: (msg: string) => void, missing: (p: string) => void, filter: WalkFilter, stdin?: Target): Generator<Target> {
  const roots: string[] = [];
  for (const p of paths) {
    try {
      const real = fs.realpathSync(path.resolve(cwd, p));
      if (fs.statSync(real).isDirectory()) roots.push(real);
    } catch {
      /* reported below */
    }
  }
  const state: WalkState = { cwd, filter, note, seenDirs: new Set(), seenFiles: new Set(), roots, links: [], ignored: new Set() };
  let stdinTaken = false;
  for (const p of paths) {
    if (p === '-') {
      if (stdin && !stdinTaken) yield stdin;
      stdinTaken = true;
      continue;
    }
    const abs = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        let dangling = false;
        try {
          dangling = fs.lstatSync(abs).isSymbolicLink();
        } catch {
          /* not there at all */
        }
        if (dangling) note(`${p}: skipped: dangling symbolic link`);
        else missing(p);
      } else note(`${p}: skipped: ${(e as Error).message}`);
      continue;
    }
    if (st.isDirectory()) {
      let real = abs;
      try {
        real = fs.realpathSync(abs);
      } catch {
        /* walkDir says why */
      }
      let layers = filter.gitignore ? ancestorLayers(real) : [];
      // A folder named is linted though git ignores it (`lint dist`); the rules inside it still hold.
      if (ignoredBy(layers, real, true)) layers = [];
      yield* walkDir(abs, state, new Set(), layers);
      continue;
    }
    let real = abs;
    try {
      real = fs.realpathSync(abs);
    } catch {
      /* read and reported as it is */
    }
    if (state.seenFiles.has(real)) continue;
    state.seenFiles.add(real);
    yield { abs, display: displayPath(abs, cwd), explicit: true };
  }
  // A link to a file of the walk was passed over for the file; only when the file's own name
  // says nothing (`Containerfile -> docker/base`) is it linted, at its real path, as the link names it.
  const linked = new Set<string>();
  for (const link of state.links) {
    if (linked.has(link.real) || state.ignored.has(link.real) || detectFileKind(link.real)) continue;
    const kind = detectFileKind(link.abs);
    if (!kind) continue;
    linked.add(link.real);
    yield { abs: link.real, display: displayPath(link.real, cwd), kind, explicit: false };
  }
}

function* walkDir(dir: string, state: WalkState, ancestors: Set<string>, layers: readonly IgnoreLayer[]): Generator<Target> {
  const { cwd, note, seenFiles } = state;
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch (e) {
    note(`${displayPath(dir, cwd)}: skipped: ${(e as Error).message}`);
    return;
  }
  if (state.seenDirs.has(real)) return; // a folder named twice is walked once, quietly
  state.seenDirs.add(real);
  const inside = new Set(ancestors).add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    note(`${displayPath(dir, cwd)}: skipped: ${(e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
    return;
  }
  if (state.filter.gitignore && entries.some((e) => e.name === '.gitignore')) {
    const layer = readIgnoreFile(path.join(dir, '.gitignore'), dir, (m) => note(m.replace(path.join(dir, '.gitignore'), displayPath(path.join(dir, '.gitignore'), cwd))));
    if (layer) layers = [...layers, layer];
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const abs = path.join(dir, entry.name);
    // A name that is not UTF-8 is read back with U+FFFD in it, and no file has that name.
    if (entry.name.includes('\ufffd') && fs.lstatSync(abs, { throwIfNoEntry: false }) === undefined) {
      note(`${displayPath(abs, cwd)}: skipped: file name is not valid UTF-8`);
      continue;
    }
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    let target: string | undefined;
    if (entry.isSymbolicLink()) {
      try {
        const st = fs.statSync(abs);
        isDir = st.isDirectory();
        isFile = st.isFile();
        target = fs.realpathSync(abs);
      } catch (e) {
        note(`${displayPath(abs, cwd)}: skipped: ${(e as NodeJS.ErrnoException).code === 'ELOOP' ? 'symbolic link loop' : 'dangling symbolic link'}`);
        continue;
      }
    }
    if (isDir && SKIP_DIRS.has(entry.name)) continue;
    if (isDir || isFile) {
      const excluded = state.filter.exclude && ignoredBy([{ base: cwd, rules: state.filter.exclude }], abs, isDir);
      if (excluded || ignoredBy(layers, abs, isDir)) {
        if (isFile) state.ignored.add(target ?? path.join(real, entry.name));
        continue;
      }
    }
    if (target !== undefined && (isDir || isFile)) {
      if (!insideRoots(state.roots, target)) {
        note(`${displayPath(abs, cwd)}: skipped: symbolic link to ${isDir ? 'a folder' : 'a file'} outside the folders linted`);
      } else if (isDir && inside.has(target)) {
        note(`${displayPath(abs, cwd)}: skipped: symbolic link loop`);
      } else if (isFile) {
        state.links.push({ abs, real: target });
      }
      // A link to a folder of the walk: that folder is walked as itself.
      continue;
    }
    if (isDir) {
      yield* walkDir(abs, state, inside, layers);
    } else if (isFile) {
      const key = path.join(real, entry.name);
      if (seenFiles.has(key)) continue;
      seenFiles.add(key);
      const kind = detectFileKind(abs);
      // Files of other kinds are not ours to check, except shell scripts known by their shebang.
      if (kind || !/\.[A-Za-z0-9]+$/.test(entry.name)) yield { abs, display: displayPath(abs, cwd), ...(kind ? { kind } : {}), explicit: false };
    } else if (detectFileKind(abs)) {
      // A FIFO, socket or device named like a file we check: said, not opened (a FIFO would block).
      note(`${displayPath(abs, cwd)}: skipped: not a regular file`);
    }
  }
}

function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return (rel === '' ? path.basename(abs) : rel).split(path.sep).join('/');
}

/** What linting one file gives: its notes for stderr, its findings as JSON, its error count. */
export interface FileResult {
  notes: string[];
  findings: SarifInput[];
  errors: number;
}

/** What a file is checked with; the same in the main thread and in workers. */
export interface LintJob {
  maxFileSize: number;
  limits: ScanLimits;
  settings: LintSettings;
  /** For SARIF: each finding gets the hash of its line that GitHub code scanning matches alerts by. */
  lineHashes?: boolean;
}

/** Reads, scans and judges one file. Never throws for a bad file: a skip is a note. */
export function lintTarget(t: Target, job: LintJob, model: TierModel): FileResult {
  const notes: string[] = [];
  const read = readTarget(t, job.maxFileSize, (m) => notes.push(m));
  if (!read) return { notes, findings: [], errors: 0 };
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
  return { notes, findings: json, errors };
}

/** A path for a line of text output: a control character in a file name (a newline) is escaped, so one finding stays one line. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

function readTarget(t: Target, maxFileSize: number, note: (msg: string) => void): { text: string; kind: FileKind; bytes: Buffer } | undefined {
  let fd: number | undefined;
  try {
    let bytes: Buffer;
    if (t.stdin) {
      bytes = Buffer.from(t.stdin.buffer, t.stdin.byteOffset, t.stdin.byteLength);
      if (bytes.length > maxFileSize) {
        note(`${t.display}: skipped: ${bytes.length} bytes is over the ${maxFileSize}-byte limit (--max-file-size)`);
        return undefined;
      }
    } else {
      const st = fs.statSync(t.abs);
      // Opening a FIFO or a terminal waits for a writer that may never come.
      if (!st.isFile()) {
        note(`${t.display}: skipped: not a regular file`);
        return undefined;
      }
      if (st.size > maxFileSize) {
        note(`${t.display}: skipped: ${st.size} bytes is over the ${maxFileSize}-byte limit (--max-file-size)`);
        return undefined;
      }
      fd = fs.openSync(t.abs, 'r');
      const buf = Buffer.alloc(st.size);
      const n = fs.readSync(fd, buf, 0, st.size, 0);
      bytes = buf.subarray(0, n);
    }
    const n = bytes.length;
    // UTF-16 with a byte order mark (Windows editors write it) is text, NUL bytes and all.
    const utf16 = n >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
    if (!utf16 && bytes.includes(0)) {
      if (t.explicit || t.kind) note(`${t.display}: skipped: binary file`);
      return undefined;
    }
    const text = utf16 ? decodeUtf16(bytes) : bytes.toString('utf8');
    if (utf16 && text.includes('\u0000')) {
      if (t.explicit || t.kind) note(`${t.display}: skipped: binary file`);
      return undefined;
    }
    const firstLine = text.slice(0, 200).split('\n')[0];
    const kind = t.kind ?? detectFileKind(t.abs, undefined, firstLine);
    if (!kind) {
      if (t.stdin && !t.abs) note(`${t.display}: skipped: name its kind with --stdin-filename (Dockerfile, Makefile, build.sh, ci.yaml)`);
      else if (t.explicit) note(`${t.display}: skipped: not a kind of file k8s-platforms checks`);
      return undefined;
    }
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, kind, bytes };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    note(`${t.display}: skipped: ${code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a folder' : (e as Error).message}`);
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** UTF-16 text after its byte order mark (kept, as UTF-8 text keeps it: it is dropped later), little or big endian. */
function decodeUtf16(bytes: Buffer): string {
  const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
  if (even[0] === 0xff) return even.toString('utf16le');
  const swapped = Buffer.from(even);
  swapped.swap16();
  return swapped.toString('utf16le');
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
  const say = (level: 'note' | 'error', msg: string) => {
    notes.push({ level, text: msg });
    io.stderr.write(`k8s-platforms: ${printable(msg)}\n`);
  };
  const note = (msg: string) => say('note', msg);
  const { model, refused } = readModel(opts.modelPath, io.cwd, (msg) => say('error', msg));
  let usageProblem = refused;
  const missing = (p: string) => {
    say('error', `${p}: no such file or folder`);
    usageProblem = true;
  };
  const progress = io.stderr.isTTY === true && opts.format === 'text';
  const job: LintJob = { maxFileSize: opts.maxFileSize, limits: opts.limits, settings: opts.settings, lineHashes: opts.format === 'sarif' || opts.format === 'gitlab' };
  const results: SarifInput[][] = [];
  let errors = 0;
  let count = 0;
  const take = (r: FileResult) => {
    count++;
    if (progress && count % 200 === 0) io.stderr.write(`\rk8s-platforms: ${count} files…`);
    for (const n of r.notes) note(n);
    if (r.findings.length > 0) results.push(r.findings);
    errors += r.errors;
  };
  // stdin is read whole before the walk, by the main thread, once.
  let stdin: Target | undefined;
  if (opts.paths.includes('-')) {
    let bytes: Uint8Array = new Uint8Array();
    try {
      bytes = io.readStdin ? io.readStdin() : fs.readFileSync(0);
    } catch (e) {
      note(`-: skipped: stdin could not be read: ${(e as Error).message}`);
    }
    const name = opts.stdinFilename;
    stdin = { abs: name ? path.resolve(io.cwd, name) : '', display: name ? displayPath(path.resolve(io.cwd, name), io.cwd) : '<stdin>', explicit: true, stdin: bytes };
  } else if (opts.stdinFilename) {
    throw new UsageError('--stdin-filename names the text read from stdin: give the path - too');
  }
  const targets = walk(opts.paths, io.cwd, note, missing, { ...opts.filter, exclude: excludeRules(opts.excludes, io.cwd) }, stdin);
  if (io.workerEntry && opts.jobs !== 1) {
    await lintInParallel(targets, job, model === builtinModel() ? null : model.data, io.workerEntry, take, (t) => lintTarget(t, job, model), opts.jobs);
  } else for (const t of targets) take(lintTarget(t, job, model));
  if (progress && count >= 200) io.stderr.write(`\r\u001b[K`);
  switch (opts.format) {
    case 'json':
      io.stdout.write(`${JSON.stringify(results.flat(), null, 2)}\n`);
      break;
    case 'sarif':
      io.stdout.write(`${JSON.stringify(toSarif(results.flat(), model, version, io.cwd, { notes, successful: !usageProblem }), null, 2)}\n`);
      break;
    case 'github':
      io.stdout.write(toGithubAnnotations(results.flat()));
      break;
    case 'gitlab':
      io.stdout.write(`${JSON.stringify(toGitlabCodeQuality(results.flat()), null, 2)}\n`);
      break;
    default:
      for (const r of results) {
        for (const x of r) io.stdout.write(`${printable(x.file)}:${x.line}:${x.column}: ${x.severity} ${x.code} ${x.message}\n`);
      }
      if (results.length > 0) {
        const total = results.reduce((n, r) => n + r.length, 0);
        io.stderr.write(`k8s-platforms: ${total} finding${total === 1 ? '' : 's'} in ${results.length} file${results.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'})\n`);
      }
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
      if (modelPath === undefined || i >= end) throw new UsageError('--model needs a value');
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else rest.push(arg);
  }
  rest.push(...args.slice(end + 1));
  if (rest.length !== 1) throw new UsageError('explain takes one platform, like linux/s390x, with --markdown and --model FILE at most');
  // As lint does: a refused model is said, the built-in one explains, and the exit status is 2.
  const { model, refused } = readModel(modelPath, io.cwd, (msg) => io.stderr.write(`k8s-platforms: ${msg}\n`));
  const result = explainInput(model, rest[0]);
  if (!result.ok) {
    io.stderr.write(`k8s-platforms: ${result.message}\n`);
    return 2;
  }
  io.stdout.write(`${markdown ? result.markdown : plainText(result.markdown)}\n`);
  return refused ? 2 : 0;
}

/** The model of `--model FILE`, or the built-in one; a refused file is said on stderr, and the built-in model used. */
function readModel(modelPath: string | undefined, cwd: string, say: (msg: string) => void): { model: TierModel; refused: boolean } {
  if (!modelPath) return { model: builtinModel(), refused: false };
  const loaded = loadModelFile(path.resolve(cwd, modelPath), (p) => {
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
      io.stderr.write(`k8s-platforms: ${e.message}\n\n${USAGE}`);
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
