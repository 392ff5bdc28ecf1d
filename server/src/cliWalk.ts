import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Ignore } from 'ignore';
import { detectFileKind, type FileKind } from './lint';

// The files `k8s-platforms lint` checks: the walk of the paths given (what git ignores left out,
// links resolved to the files they name) and the reading of each file's text.

const SKIP_DIRS = new Set(['.git', 'node_modules', 'vendor', '.hg', '.svn']);

/** A file to lint, found by walking the paths given. */
export interface Target {
  abs: string;
  display: string;
  kind?: FileKind;
  explicit: boolean;
  /** The text of `-`, read from stdin before the walk (a worker thread is sent it). */
  stdin?: Uint8Array;
}

/**
 * A new set of gitignore rules; the library is loaded on first use, so linting one file does not
 * load it. Case matters, as it does to git on Linux (core.ignorecase unset): `config/` is not `Config/`.
 */
function ignore(): Ignore {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('ignore') as typeof import('ignore'))({ ignorecase: false });
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

/**
 * A .gitignore is a few KB. A bigger one, or one of thousands of rules, is not read: every path is
 * tried against every rule, and 30,000 rules cost 15 ms a path, more than the lint.
 */
const MAX_IGNORE_FILE = 256 * 1024;
const MAX_IGNORE_RULES = 5000;

function readIgnoreFile(file: string, base: string, note?: (msg: string) => void): IgnoreLayer | undefined {
  try {
    // A FIFO named .gitignore would block the read forever.
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st?.isFile()) return undefined;
    if (st.size > MAX_IGNORE_FILE) {
      note?.(`${file}: not read: ${st.size} bytes is over the ${MAX_IGNORE_FILE}-byte limit for an ignore file`);
      return undefined;
    }
    // (Git skips a byte order mark at the start, as Windows editors write it: the first rule is a rule.)
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    let rules = 0;
    for (const line of text.split('\n')) if (line.trim() !== '' && !line.startsWith('#')) rules++;
    if (rules > MAX_IGNORE_RULES) {
      note?.(`${file}: not read: ${rules} rules is over the limit of ${MAX_IGNORE_RULES} for an ignore file`);
      return undefined;
    }
    return { base, rules: ignore().add(asBytes(text)) };
  } catch {
    return undefined; // unreadable: nothing ignored by it
  }
}

/**
 * A pattern or path as git matches it, byte by byte: its UTF-8 bytes, one character each. `?`
 * matches one byte (`?.mk` leaves out `a.mk`, not `ü.mk`, whose ü is two), `*` any bytes.
 */
function asBytes(s: string): string {
  return NON_ASCII.test(s) ? Buffer.from(s, 'utf8').toString('latin1') : s;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** `abs` relative to `base` with `/` between folders, when it lies below `base`; undefined when it is `base` or outside it. */
function below(base: string, abs: string): string | undefined {
  const rel = path.relative(base, abs);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel.split(path.sep).join('/');
}

/**
 * A layer's rules on the path itself. The library's `test` also applies the rules to each parent
 * folder, and a folder one layer excludes can be re-included by a deeper one (`dist/` at the root,
 * `!dist/` in b/.gitignore: git walks b/dist and lists b/dist/Dockerfile). The walk decides the
 * folders as it enters them, so each path is tested alone, as the library's last step does
 * (`_rules.test(path, 'regex')` in ignore 7; its public `test` where that is missing).
 */
function testOwn(rules: Ignore, rel: string): { ignored: boolean; unignored: boolean } {
  const own = (rules as unknown as { _rules?: { test?: (path: string, mode: string) => { ignored: boolean; unignored: boolean } } })._rules;
  return typeof own?.test === 'function' ? own.test(rel, 'regex') : rules.test(rel);
}

/** Git's reading: the deepest .gitignore with a rule for the path decides, the last rule in it wins. */
function ignoredBy(layers: readonly IgnoreLayer[], abs: string, isDir: boolean): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const rel = below(layers[i].base, abs);
    if (rel === undefined) continue;
    let r: { ignored: boolean; unignored: boolean };
    try {
      r = testOwn(layers[i].rules, asBytes(rel + (isDir ? '/' : '')));
    } catch {
      continue; // a name the library will not take: no rule of this file for it
    }
    if (r.ignored) return true;
    if (r.unignored) return false;
  }
  return false;
}

/** Where a comment (` #…` or ` ;…`) starts in an unquoted git config value; its length when none. */
function commentStart(v: string): number {
  for (let i = 1; i < v.length; i++) if ((v[i] === '#' || v[i] === ';') && (v[i - 1] === ' ' || v[i - 1] === '\t')) return i - 1;
  return v.length;
}

/** The value of core.excludesFile in a git config file's text, when it sets one. */
function excludesFileIn(text: string): string | undefined {
  let section = '';
  let value: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"[^"]*")?\s*\]\s*(.*)$/.exec(line);
    const entry = header ? header[2] : line;
    if (header) section = header[1].toLowerCase();
    if (section !== 'core') continue;
    const kv = /^excludesfile\s*=\s*(.*)$/i.exec(entry);
    if (!kv) continue;
    const v = kv[1];
    const close = v.indexOf('"', 1);
    value = v.startsWith('"') ? v.slice(1, close < 0 ? undefined : close) : v.slice(0, commentStart(v)).trim();
  }
  return value;
}

/**
 * The rules every folder of the repository at `root` starts from, as git reads them: the
 * excludes file of its configuration (core.excludesFile, in the system, global or repository
 * config; ~/.config/git/ignore when none sets it), then .git/info/exclude.
 */
function repositoryLayers(root: string): IgnoreLayer[] {
  const home = os.homedir();
  const xdg = process.env.XDG_CONFIG_HOME || path.join(home, '.config');
  let file: string | undefined;
  for (const config of ['/etc/gitconfig', path.join(xdg, 'git/config'), path.join(home, '.gitconfig'), path.join(root, '.git/config')]) {
    try {
      const st = fs.statSync(config, { throwIfNoEntry: false });
      if (!st?.isFile() || st.size > MAX_IGNORE_FILE) continue;
      file = excludesFileIn(fs.readFileSync(config, 'utf8')) ?? file;
    } catch {
      /* unreadable: it sets nothing */
    }
  }
  file ??= path.join(xdg, 'git/ignore');
  if (file.startsWith('~/')) file = path.join(home, file.slice(2));
  const layers: IgnoreLayer[] = [];
  const global = file === '' ? undefined : readIgnoreFile(path.resolve(root, file), root);
  if (global) layers.push(global);
  const exclude = readIgnoreFile(path.join(root, '.git/info/exclude'), root);
  if (exclude) layers.push(exclude);
  return layers;
}

/**
 * The rules that apply inside `dir` from outside it: its repository's excludes (see
 * repositoryLayers), and the .gitignore files from the repository's root down to `dir`'s parent.
 * None outside a repository.
 */
function ancestorLayers(dir: string): IgnoreLayer[] {
  const root = repositoryRoot(dir);
  if (root === undefined) return [];
  const chain: string[] = [];
  for (let d = dir; d !== root; d = path.dirname(d)) chain.push(d);
  chain.push(root);
  chain.reverse();
  const layers = repositoryLayers(root);
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
  /** A path named that cannot be read: the run fails, as for a missing one (see `walk`). */
  missing: (p: string, why?: string) => void;
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
 * Walks files and folders; every skip is reported through `note`, nothing stops the walk, and a
 * path named that does not exist or cannot be read through `missing`. Paths named are read
 * whatever they are; inside folders, symbolic links are not followed out of the
 * folders named (a repository's link to /etc is not its file), and a link to a file in them gives
 * way to the file, so a finding is reported where the file really is.
 */
export function* walk(paths: string[], cwd: string, note: (msg: string) => void, missing: (p: string, why?: string) => void, filter: WalkFilter, stdin?: Target): Generator<Target> {
  const roots: string[] = [];
  for (const p of paths) {
    try {
      const real = fs.realpathSync(path.resolve(cwd, p));
      if (fs.statSync(real).isDirectory()) roots.push(real);
    } catch {
      /* reported below */
    }
  }
  const state: WalkState = { cwd, filter, note, missing, seenDirs: new Set(), seenFiles: new Set(), roots, links: [], ignored: new Set() };
  let stdinTaken = false;
  let deferred: { abs: string; real: string }[] | undefined;
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
        // A path named that leads nowhere is a path that does not exist: the run says so and fails.
        missing(p, dangling ? 'dangling symbolic link' : undefined);
      }
      // So is one that cannot be read: a link loop, a folder on the way the user may not enter.
      else missing(p, skipReason(e));
      continue;
    }
    if (st.isDirectory()) {
      let real: string | undefined;
      try {
        real = fs.realpathSync(abs);
      } catch {
        /* walkDir says why */
      }
      let layers = filter.gitignore ? ancestorLayers(real ?? abs) : [];
      // A folder named is linted though git ignores it (`lint dist`) or --exclude names it too;
      // the rules inside it still hold.
      if (ignoredBy(layers, real ?? abs, true)) layers = [];
      let exclude = filter.exclude && [{ base: cwd, rules: filter.exclude }];
      if (exclude && ignoredBy(exclude, abs, true)) exclude = undefined;
      yield* walkDir(abs, state, new Set(), layers, exclude ?? [], real);
      continue;
    }
    let real = abs;
    try {
      real = fs.realpathSync(abs);
    } catch {
      /* read and reported as it is */
    }
    if (state.seenFiles.has(real)) continue;
    // A link named beside a folder that holds its file gives way to the file as the walk of the
    // folder names it (`lint linked.sh linkdir`: linkdir/a.sh), in whichever order the two are named.
    if (real !== abs && insideRoots(roots, real)) {
      (deferred ??= []).push({ abs, real });
      continue;
    }
    state.seenFiles.add(real);
    yield { abs, display: displayPath(abs, cwd), explicit: true };
  }
  // Such a link whose file the walk left out (ignored there, or in no folder walked yet) is linted as named.
  for (const d of deferred ?? []) {
    if (state.seenFiles.has(d.real)) continue;
    state.seenFiles.add(d.real);
    yield { abs: d.abs, display: displayPath(d.abs, cwd), explicit: true };
  }
  // A link to a file of the walk was passed over for the file; only when the file's own name
  // says nothing (`Containerfile -> docker/base`) is it linted, at its real path, as the link names it.
  const linked = new Set<string>();
  for (const link of state.links) {
    if (linked.has(link.real) || state.ignored.has(link.real) || detectFileKind(link.real)) continue;
    // (Nor a file the walk lints by its shebang: `build.sh -> scripts/build`, a bash script.)
    if (state.seenFiles.has(link.real) && shebangCandidate(path.basename(link.real)) && detectFileKind(link.real, undefined, firstLineOf(link.real))) continue;
    const kind = detectFileKind(link.abs);
    if (!kind) continue;
    linked.add(link.real);
    yield { abs: link.real, display: displayPath(link.real, cwd), kind, explicit: false };
  }
}

/**
 * `known` is the folder's real path when the caller has it: a folder entered by its entry in a
 * real folder is that folder's real path plus its name, no system call needed (resolving every
 * folder again took 5% of a CLI run on a VM where a call costs 50 µs).
 */
function* walkDir(dir: string, state: WalkState, ancestors: Set<string>, layers: readonly IgnoreLayer[], exclude: readonly IgnoreLayer[], known?: string): Generator<Target> {
  const { cwd, note, seenFiles } = state;
  let real: string;
  try {
    real = known ?? fs.realpathSync(dir);
  } catch (e) {
    note(`${displayPath(dir, cwd)}: skipped: ${skipReason(e)}`);
    return;
  }
  if (state.seenDirs.has(real)) return; // a folder named twice is walked once, quietly
  state.seenDirs.add(real);
  const inside = new Set(ancestors).add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    // (A folder named that cannot be read fails the run; one met on the way is skipped.)
    if (ancestors.size === 0) state.missing(displayPath(dir, cwd), skipReason(e));
    else note(`${displayPath(dir, cwd)}: skipped: ${skipReason(e)}`);
    return;
  }
  // A repository inside the walk (a submodule, a checkout in a checkout) has its own rules, as git
  // keeps them: the outer .gitignore files stop at its root.
  if (state.filter.gitignore && ancestors.size > 0 && entries.some((e) => e.name === '.git')) {
    layers = repositoryLayers(dir);
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
      if (ignoredBy(exclude, abs, isDir) || ignoredBy(layers, abs, isDir)) {
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
      yield* walkDir(abs, state, inside, layers, exclude, path.join(real, entry.name));
    } else if (isFile) {
      const key = path.join(real, entry.name);
      if (seenFiles.has(key)) continue;
      seenFiles.add(key);
      const kind = detectFileKind(abs);
      // Files of other kinds are not ours to check, except shell scripts known by their shebang.
      if (kind || shebangCandidate(entry.name)) yield { abs, display: displayPath(abs, cwd), ...(kind ? { kind } : {}), explicit: false };
    } else if (detectFileKind(abs)) {
      // A FIFO, socket or device named like a file we check: said, not opened (a FIFO would block).
      note(`${displayPath(abs, cwd)}: skipped: not a regular file`);
    }
  }
}

/** Whether a file of no kind by name may be a script known by its shebang: it has no extension. */
function shebangCandidate(name: string): boolean {
  return !/\.[A-Za-z0-9]+$/.test(name);
}

/** The first line of a file (up to 200 bytes), '' when it cannot be read. */
function firstLineOf(file: string): string {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const bytes = Buffer.alloc(200);
    const n = fs.readSync(fd, bytes, 0, 200, 0);
    return bytes.subarray(0, n).toString('utf8').split('\n')[0];
  } catch {
    return '';
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The root of the git repository `dir` is in (the nearest folder above it, or itself, holding
 * `.git`), or undefined outside one.
 */
export function repositoryRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** A path as output shows it: relative to the folder the CLI runs in, with `/` between folders. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return (rel === '' ? path.basename(abs) : rel).split(path.sep).join('/');
}

/**
 * --exclude patterns in .gitignore syntax, relative to `cwd`. A path written from the current
 * folder is anchored there, as .gitignore's `/testdata` is: `./testdata`, `$PWD/testdata` and
 * `/testdata` name that folder, not every `testdata` below. `outside` holds the patterns that point
 * out of `cwd` (`../x`), which would match nothing.
 */
export function excludeRules(patterns: readonly string[], cwd: string): { rules?: Ignore; outside: string[] } {
  if (patterns.length === 0) return { outside: [] };
  const outside: string[] = [];
  const rules = ignore().add(
    patterns.map((x) => {
      const negated = x.startsWith('!');
      const body = negated ? x.slice(1) : x;
      let out = body;
      if (path.isAbsolute(body) || body.startsWith('./') || body.startsWith('../') || body === '.' || body === '..') {
        const abs = path.resolve(cwd, body);
        const rel = below(cwd, abs);
        // (`/testdata`, copied from a .gitignore, is anchored at the current folder as there.)
        if (rel === undefined && path.isAbsolute(body) && abs !== path.resolve(cwd)) return asBytes(x);
        if (rel === undefined) outside.push(x);
        out = `/${rel ?? ''}${body.endsWith('/') ? '/' : ''}`;
      }
      return asBytes(negated ? `!${out}` : out);
    }),
  );
  return { rules, outside };
}

/**
 * At most `limit` bytes of stdin, read until its end or the limit. A pipe whose writer never stops
 * (`cat /dev/zero | lint -`) costs `limit` bytes, not all memory. A descriptor left non-blocking
 * by the parent (EAGAIN) is waited on.
 */
export function readStdinUpTo(limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const wait = new Int32Array(new SharedArrayBuffer(4));
  while (total < limit) {
    const buf = Buffer.allocUnsafe(Math.min(64 * 1024, limit - total));
    let n: number;
    try {
      n = fs.readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(wait, 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}

/**
 * A file's text and kind, or undefined with a note saying why not (not a regular file, too big,
 * binary, of no kind we check), or through `failed` for a file named that cannot be read. UTF-8 or
 * UTF-16 with a byte order mark; `bytes` are as read.
 */
export function readTarget(t: Target, maxFileSize: number, note: (msg: string) => void, failed: (msg: string) => void): { text: string; kind: FileKind; bytes: Buffer } | undefined {
  let fd: number | undefined;
  try {
    let bytes: Buffer;
    if (t.stdin) {
      bytes = Buffer.from(t.stdin.buffer, t.stdin.byteOffset, t.stdin.byteLength);
      if (bytes.length > maxFileSize) {
        // stdin is read only to one byte past the limit: its whole size is not known.
        note(`${t.display}: skipped: more than the ${maxFileSize}-byte limit (--max-file-size)`);
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
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    // (A script's `#!` after a byte order mark is its first line all the same, as the editor has it.)
    const firstLine = body.slice(0, 200).split('\n')[0];
    const kind = t.kind ?? detectFileKind(t.abs, undefined, firstLine);
    if (!kind) {
      if (t.stdin && !t.abs) note(`${t.display}: skipped: name its kind with --stdin-filename (Dockerfile, Makefile, build.sh, ci.yaml)`);
      else if (t.explicit) note(`${t.display}: skipped: not a kind of file k8s-platforms checks`);
      return undefined;
    }
    return { text: body, kind, bytes };
  } catch (e) {
    // A file named on the command line that cannot be read fails the run, as a missing one does;
    // not one whose name says it is of no kind checked (`notes.txt`), which a read would skip.
    if (t.explicit && !t.stdin && (t.kind ?? detectFileKind(t.abs)) === undefined && !shebangCandidate(path.basename(t.abs))) note(`${t.display}: skipped: not a kind of file k8s-platforms checks`);
    else if (t.explicit && !t.stdin) failed(`${t.display}: ${skipReason(e)}`);
    else note(`${t.display}: skipped: ${skipReason(e)}`);
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Why a file or folder could not be read, in the walk's words (not Node's, with its absolute path). */
function skipReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'symbolic link loop';
  if (code === 'EISDIR') return 'is a folder';
  if (code === 'ENOTDIR') return 'not a folder';
  return (e as Error).message;
}

/** UTF-16 text after its byte order mark (kept, as UTF-8 text keeps it: it is dropped later), little or big endian. */
function decodeUtf16(bytes: Buffer): string {
  const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
  if (even[0] === 0xff) return even.toString('utf16le');
  const swapped = Buffer.from(even);
  swapped.swap16();
  return swapped.toString('utf16le');
}
