/**
 * A small shell lexer: enough of POSIX sh / bash to find commands, their words, array assignments,
 * comments and here-documents, with offsets. It never executes or expands anything.
 */

export interface Word {
  start: number;
  end: number;
  /** `NAME=(` … `)`: the items of a bash array assignment. */
  array?: Word[];
}

export interface Command {
  words: Word[];
  /** The body of the command's first here-document (`mapfile -t P <<EOF`), when it has one. */
  heredoc?: { start: number; end: number };
}

export interface Heredoc {
  start: number;
  end: number;
  /**
   * The body is a script: the here-document feeds a shell (`bash <<EOF`, `ssh host sh -s <<EOF`,
   * `cat <<EOF | sudo bash`) or is written to a script's file (`cat > provision.sh <<EOF`), not
   * another file or a message.
   */
  script: boolean;
  /**
   * The body is a Dockerfile: the input of `docker build -f -` (or `docker build … -`, podman's,
   * buildah's), or written to a `Dockerfile*` or `Containerfile` (`cat > Dockerfile.cross <<EOF`).
   */
  dockerfile?: boolean;
}

/** How far feedsShell looks: words back from `<<`, characters on after it. */
const FEEDS_SHELL_WORDS = 24;
const FEEDS_SHELL_CHARS = 240;

/** Shells a here-document can be a script for. */
export const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash']);
/** The rest of the line after `<<EOF` pipes the here-document into a shell. */
export const PIPED_TO_SHELL = /^[^\n|]*\|[ \t]*(?:sudo[ \t]+(?:-[A-Za-z]+[ \t]+)*)?(?:\/(?:usr\/)?bin\/)?(?:ba|z|da|k|a)?sh\b/;

export interface Lexed {
  commands: Command[];
  heredocs: Heredoc[];
}

/** ASCII characters with no meaning of their own to the lexer: they only make up words. */
const ORDINARY = new Uint8Array(128);
for (let c = 0; c < 128; c++) ORDINARY[c] = 1;
for (const c of '\\\n \t\r\f\v#\'";&|()<>') ORDINARY[c.charCodeAt(0)] = 0;

/** Whether a character after a line continuation goes on with the word before it. */
function continuesWord(c: number): boolean {
  return c >= 0x80 || ORDINARY[c] === 1 || c === 34 /* " */ || c === 39 /* ' */;
}

/** A file descriptor's number glued before a redirection (`2>`), or `{fd}` (bash). */
const DESCRIPTOR = /^(?:\d{1,2}|\{[A-Za-z_][A-Za-z0-9_]*\})$/;

/**
 * Where a redirection that starts with the `<` or `>` at `at` ends: after its operator (`>`, `>>`,
 * `>|`, `>&`, `<&`, `<>`) and the word it names (a descriptor, `-`, a file). At `<(` or `>(`, a
 * process substitution, only the operator is passed.
 */
function redirectionEnd(masked: string, at: number): number {
  const n = masked.length;
  let k = at + 1;
  const c = masked.charCodeAt(k);
  if (c === masked.charCodeAt(at) || c === 124 /* | */ || c === 38 /* & */ || (c === 62 && masked.charCodeAt(at) === 60)) k++;
  if (masked.charCodeAt(k) === 40 /* ( */) return at + 1;
  while (k < n && (masked.charCodeAt(k) === 32 || masked.charCodeAt(k) === 9)) k++;
  if (masked.charCodeAt(k) === 40 /* ( */) return at + 1;
  while (k < n) {
    const d = masked.charCodeAt(k);
    if (d === 34 || d === 39) {
      const close = masked.indexOf(masked[k], k + 1);
      if (close < 0) return n;
      k = close + 1;
      continue;
    }
    if (d === 32 || d === 9 || d === 10 || d === 13 || d === 59 || d === 38 || d === 124 || d === 40 || d === 41 || d === 60 || d === 62) break;
    k++;
  }
  return k;
}

/**
 * Lexes masked[0, length) (offsets relative to it). With `foldNewlines`, a newline is a space (a
 * Dockerfile instruction, a folded YAML scalar: 'yaml', where one followed by an empty line is
 * kept, as YAML keeps it); otherwise it ends a command.
 */
export function lexShell(masked: string, foldNewlines: boolean | 'yaml'): Lexed {
  const commands: Command[] = [];
  const heredocs: Heredoc[] = [];
  // `words` is the command that reads the body (`mapfile -t P <<EOF`): the body is linked to it.
  const pendingHeredocs: { delim: string; script: boolean; dockerfile: boolean; words: Word[] }[] = [];
  let words: Word[] = [];
  let wordStart = -1;
  let array: Word[] | undefined;
  let arrayOwner: Word | undefined;
  const n = masked.length;

  const endWord = (at: number) => {
    if (wordStart < 0) return;
    const w: Word = { start: wordStart, end: at };
    wordStart = -1;
    if (array) array.push(w);
    else words.push(w);
  };
  const endCommand = () => {
    if (array) return;
    if (words.length > 0) commands.push({ words });
    words = [];
  };

  let i = 0;
  while (i < n) {
    const c = masked.charCodeAt(i);
    if (c >= 0x80 || ORDINARY[c] === 1) {
      // A run of characters that only make up words.
      if (wordStart < 0) wordStart = i;
      i++;
      while (i < n) {
        const d = masked.charCodeAt(i);
        if (d < 0x80 && ORDINARY[d] !== 1) break;
        i++;
      }
      continue;
    }
    if (c === 92 /* \\ */) {
      const next = masked.charCodeAt(i + 1);
      if (next === 10 || (next === 13 && masked.charCodeAt(i + 2) === 10)) {
        // A line continuation. Inside a word whose next line goes on with it (`--platform
        // linux/amd64,\` then `linux/arm64 \`), the shell joins the two halves into one word; the
        // word keeps the backslash and the newline, which list readers take as a separator.
        const after = i + (next === 10 ? 2 : 3);
        if (wordStart < 0 || !continuesWord(masked.charCodeAt(after))) endWord(i);
        i = after;
        continue;
      }
      if (wordStart < 0) wordStart = i;
      i += 2;
      continue;
    }
    if (c === 10 /* \n */) {
      endWord(i);
      if (!foldNewlines || (foldNewlines === 'yaml' && emptyLineAt(masked, i + 1))) endCommand();
      i++;
      if (pendingHeredocs.length > 0 && !foldNewlines) {
        for (const h of pendingHeredocs) {
          const bodyStart = i;
          let lineStart = i;
          let bodyEnd = n;
          i = n;
          while (lineStart < n) {
            let lineEnd = masked.indexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = n;
            if (masked.slice(lineStart, lineEnd).trim() === h.delim) {
              bodyEnd = lineStart;
              i = Math.min(n, lineEnd + 1);
              break;
            }
            lineStart = lineEnd + 1;
          }
          heredocs.push({ start: bodyStart, end: bodyEnd, script: h.script, ...(h.dockerfile ? { dockerfile: true } : {}) });
          for (let c = commands.length - 1; c >= 0; c--) {
            if (commands[c].words !== h.words) continue;
            commands[c].heredoc ??= { start: bodyStart, end: bodyEnd };
            break;
          }
        }
        pendingHeredocs.length = 0;
      }
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) {
      endWord(i);
      i++;
      continue;
    }
    if (c === 35 /* # */ && wordStart < 0) {
      const nl = masked.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      continue;
    }
    if (c === 39 /* ' */ || c === 34 /* " */) {
      if (wordStart < 0) wordStart = i;
      let k = i + 1;
      while (k < n && masked.charCodeAt(k) !== c) {
        if (c === 34 && masked.charCodeAt(k) === 92) k++;
        k++;
      }
      i = Math.min(n, k + 1);
      continue;
    }
    if (c === 38 /* & */ && masked.charCodeAt(i + 1) === 62 /* > */) {
      // `&>file`, `&>>file`: a redirection of both outputs, not a command sent to the background.
      endWord(i);
      i = redirectionEnd(masked, i + 1);
      continue;
    }
    if (c === 59 /* ; */ || c === 38 /* & */ || c === 124 /* | */) {
      endWord(i);
      endCommand();
      i++;
      continue;
    }
    if (c === 40 /* ( */) {
      if (array && arrayOwner && wordStart >= 0 && masked.charCodeAt(i - 1) === 61 /* = */ && ASSIGNMENT_WORD.test(masked.slice(wordStart, i))) {
        // `NAME=(` inside an array: the array was left open (a file mid-edit: `A=(linux/amd64`
        // over `B=(linux/amd64`), which bash rejects. It ends where the next assignment starts,
        // not with the next one's items.
        if (array.length > 0) arrayOwner.end = array[array.length - 1].end;
        array = undefined;
        arrayOwner = undefined;
        endCommand();
      }
      if (wordStart >= 0 && masked.charCodeAt(i - 1) === 61 /* = */ && !array) {
        // NAME=( … ): a bash array; its items may span lines.
        const owner: Word = { start: wordStart, end: i, array: [] };
        wordStart = -1;
        words.push(owner);
        array = owner.array;
        arrayOwner = owner;
        i++;
        continue;
      }
      endWord(i);
      endCommand();
      i++;
      continue;
    }
    if (c === 41 /* ) */) {
      endWord(i);
      if (array && arrayOwner) {
        arrayOwner.end = i + 1;
        array = undefined;
        arrayOwner = undefined;
      } else endCommand();
      i++;
      continue;
    }
    if (c === 60 /* < */ && masked.charCodeAt(i + 1) === 60 && masked.charCodeAt(i + 2) !== 60) {
      endWord(i);
      const m = /^<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(masked.slice(i, i + 80));
      if (m) {
        const script = feedsShell(masked, words, i + m[0].length);
        pendingHeredocs.push({ delim: m[2], script, dockerfile: !script && feedsBuild(masked, words, i + m[0].length), words });
        i += m[0].length;
        continue;
      }
      i += 2;
      continue;
    }
    if (c === 60 && masked.charCodeAt(i + 1) === 60 && masked.charCodeAt(i + 2) === 60) {
      // A here-string (`<<< "linux/arm"`): its word follows; no here-document starts here.
      endWord(i);
      i += 3;
      continue;
    }
    if (c === 60 || c === 62 /* > */) {
      // A redirection (`>&2`, `2>/dev/null`, `< in.txt`): its descriptor and its file are no words
      // of the command (`>&2 echo "…"` is echo's). `<(…)`, `>(…)`: a command of its own, as before.
      if (wordStart >= 0 && DESCRIPTOR.test(masked.slice(wordStart, i))) wordStart = -1;
      else endWord(i);
      i = redirectionEnd(masked, i);
      continue;
    }
    if (wordStart < 0) wordStart = i;
    i++;
  }
  endWord(n);
  // An array left open to the end (a file mid-edit, `URLS=(` over its items): its items are its word's.
  if (array && arrayOwner && array.length > 0) arrayOwner.end = array[array.length - 1].end;
  array = undefined;
  endCommand();
  return { commands, heredocs };
}

/** A word that assigns to a variable, up to its `=`: `PLATFORMS=`, `EXTRA+=`. */
const ASSIGNMENT_WORD = /^[A-Za-z_][A-Za-z0-9_]*\+?=$/;

/** Whether the line at `from` holds nothing but blanks. */
function emptyLineAt(masked: string, from: number): boolean {
  for (let k = from; k < masked.length; k++) {
    const c = masked.charCodeAt(k);
    if (c === 10) return true;
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return false;
}

/** ssh's options that take an argument (`-i key`, `-p 22`, `-o Opt=v`). */
const SSH_ARG_OPTIONS = new Set('BbcDEeFIiJLlmOopQRSWw'.split(''));

/**
 * Where the remote command starts among the words of `ssh [options] host [command…]` (its options
 * from `from` on): the index of its first word, words.length when there is none, -1 when no host
 * is named.
 */
export function sshCommandAt(masked: string, words: readonly Word[], from: number): number {
  for (let j = from; j < words.length; j++) {
    const w = masked.slice(words[j].start, words[j].end);
    if (/^-[A-Za-z]+$/.test(w)) {
      if (SSH_ARG_OPTIONS.has(w[w.length - 1])) j++;
      continue;
    }
    return j + 1;
  }
  return -1;
}

/**
 * `ssh [options] host` with no command: the remote login shell reads the here-document as its
 * script. With a command (`ssh host cat > file`), the here-document is that command's data.
 */
function sshReadsScript(masked: string, words: Word[], from: number): boolean {
  return sshCommandAt(masked, words, from) === words.length;
}

/**
 * Whether a here-document feeds a shell: the command before `<<` runs one that reads its script
 * from stdin (`bash`, `sudo sh -e`, `ssh host bash -s -- args`; not `bash build.sh` or `sh -c
 * '…'`, whose input is data), or the line pipes it into one.
 */
function feedsShell(masked: string, words: Word[], after: number): boolean {
  return runsInShell(masked, words, after) || writesScript(masked, words, after);
}

/** A Dockerfile's name (quotes and folders aside): `Dockerfile`, `Dockerfile.cross`, `app.Dockerfile`, `Containerfile`. */
const DOCKERFILE_NAME = /(?:^|\/)(?:(?:Docker|Container)file(?:\.[\w.-]+)?|[\w.-]+\.(?:Docker|Container)file)$/i;
/** Image builders that take a Dockerfile on stdin (`-f -`, or `-` as the context). */
const BUILDERS = new Set(['docker', 'podman', 'buildah', 'nerdctl']);

/**
 * Whether the here-document is a Dockerfile: the stdin of an image build (`docker build -f - .`,
 * `docker buildx build -t x - <<EOF`, `podman build -f - .`) or written to a Dockerfile's file
 * (`cat > Dockerfile.cross <<EOF`, `| tee build/Dockerfile`).
 */
function feedsBuild(masked: string, words: Word[], after: number): boolean {
  const parts = heredocLine(masked, words, after).split(/[ \t]+/);
  let builder = false;
  for (let k = 0; k < parts.length; k++) {
    const w = parts[k];
    if (BUILDERS.has(w.slice(w.lastIndexOf('/') + 1))) builder = true;
    else if (builder && (w === 'build' || w === 'bud')) {
      // Its stdin is the Dockerfile: `-f -`, `--file -`, `--file=-`, or `-` for the context.
      for (let j = k + 1; j < parts.length && !/^[|;&]/.test(parts[j]); j++) {
        const a = parts[j];
        if (a === '-' || a === '--file=-' || a === '-f-' || ((a === '-f' || a === '--file') && parts[j + 1] === '-')) return true;
      }
      builder = false;
    }
    const target = outputFile(parts, k);
    if (target !== undefined && DOCKERFILE_NAME.test(target.replace(/["']/g, ''))) return true;
  }
  return false;
}

/** The command line around a `<<`: its last few words before it and the rest of its line after it (bounded). */
function heredocLine(masked: string, words: Word[], after: number): string {
  const from = words.length === 0 ? after : words[Math.max(0, words.length - FEEDS_SHELL_WORDS)].start;
  const rest = masked.slice(after, after + FEEDS_SHELL_CHARS);
  const nl = rest.indexOf('\n');
  return `${masked.slice(from, after)} ${nl < 0 ? rest : rest.slice(0, nl)}`;
}

/** The file word `k` of a command line's words writes to: `tee [-a] FILE`, `> FILE`, `>FILE`. */
function outputFile(parts: readonly string[], k: number): string | undefined {
  const w = parts[k];
  if (w === 'tee' || w.endsWith('/tee')) {
    let j = k + 1;
    while (j < parts.length && parts[j].charCodeAt(0) === 45 /* - */) j++;
    return parts[j];
  }
  const r = REDIRECT.exec(w);
  return r ? (r[0].length < w.length ? w.slice(r[0].length) : parts[k + 1]) : undefined;
}

/** A shell script's file name (quotes aside). */
const SCRIPT_FILE = /\.(?:ba|z|k)?sh$/;
/** A redirection of output, and the file name after it when in the same word: `>x.sh`, `1>>x.sh`. */
const REDIRECT = /^[0-9]?>>?\|?/;

/**
 * Whether the here-document is written to a shell script's file (`cat > provision.sh <<EOF`,
 * `cat <<EOF | sudo tee /usr/local/bin/setup.sh`): its text is a script to be run.
 */
function writesScript(masked: string, words: Word[], after: number): boolean {
  const segment = heredocLine(masked, words, after);
  if (segment.indexOf('sh') < 0) return false;
  const parts = segment.split(/[ \t]+/);
  for (let k = 0; k < parts.length; k++) {
    const target = outputFile(parts, k);
    if (target !== undefined && SCRIPT_FILE.test(target.replace(/["']/g, ''))) return true;
  }
  return false;
}

/** Whether the here-document is the input of a shell (`bash <<EOF`, `ssh host sh -s`, `| sudo bash`). */
function runsInShell(masked: string, words: Word[], after: number): boolean {
  // The last few words and the line's next characters: a line of 20,000 `<<` must not cost
  // its length for each.
  for (let k = words.length - 1; k >= Math.max(0, words.length - FEEDS_SHELL_WORDS); k--) {
    const name = masked.slice(words[k].start, words[k].end);
    const command = name.slice(name.lastIndexOf('/') + 1);
    if (command === 'ssh') return sshReadsScript(masked, words, k + 1);
    if (!SHELLS.has(command)) continue;
    // Its options up to the first operand; `-s` or `--` say the operands are arguments.
    let stdin = true;
    for (let j = k + 1; j < words.length; j++) {
      const w = masked.slice(words[j].start, words[j].end);
      if (w === '--' || (/^-[A-Za-z]+$/.test(w) && w.includes('s'))) break;
      if (w.charCodeAt(0) !== 45 /* - */ || w === '-c') {
        stdin = false;
        break;
      }
    }
    if (stdin) return true;
    break;
  }
  const rest = masked.slice(after, after + FEEDS_SHELL_CHARS);
  const nl = rest.indexOf('\n');
  return PIPED_TO_SHELL.test(nl < 0 ? rest : rest.slice(0, nl));
}
