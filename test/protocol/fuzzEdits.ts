import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';

/**
 * The client side of the live fuzz (fuzz.test.ts): a seeded PRNG, the edits and settings a person
 * (or a broken client) makes, and text positions counted as the LSP counts them.
 */

/** mulberry32: small, seedable, good enough to pick edits. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}
export type Rng = ReturnType<typeof prng>;

// prettier-ignore
const FRAGMENTS = [
  'linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/arm64/v8', 'linux/386', 'linux/ppc64le', 'linux/s390x',
  'linux/riscv64', 'windows/amd64', 'windows/arm64', 'darwin/arm64', 'darwin/amd64', 'freebsd/amd64', 'darwin/386', 'lnux/amd64',
  'linux/amd46', 'linux//amd64', 'linux/x86_64', 'linux/aarch64', 'amd64-linux', 'arm-linux', 'linux-arm64', 'linux_amd64_v1', 'linux_arm',
  'x86_64', 'aarch64', 'armhf', 'i386', 'ppc64el', 'amd64', 'arm', 'linux', 'windows', 'GOOS=linux GOARCH=arm ', 'GOOS=darwin',
  'GOARCH=riscv64', 'GOARM=7', 'KUBE_BUILD_PLATFORMS="linux/amd64 linux/arm"', 'PLATFORMS ?= linux/amd64,linux/arm64',
  '--platform=linux/arm/v7', '--platform ', 'FROM --platform=linux/arm64 alpine\n', 'platforms: linux/amd64,linux/arm64,linux/amd64\n',
  'platform: ', 'platforms:\n  - linux/arm/v7\n', 'goos: [linux, windows]\n', 'goarch:\n  - amd64\n  - arm\n', 'goos:', 'goarch:',
  'exclude:\n  - goos: windows\n    goarch: arm\n', 'targets: [linux_arm64]', 'kubernetes-server-darwin-amd64.tar.gz',
  'kubernetes-node-linux-386.tar.gz', 'https://dl.k8s.io/release/v1.31.0/bin/darwin/arm64/kubelet',
  'https://dl.k8s.io/release/v1.31.0/bin/linux/arm/kubectl', 'deb [arch=armhf] https://pkgs.k8s.io/core:/stable:/v1.31/deb/ /',
  'kubelet:arm64', 'kubeadm.s390x', 'apt-get install -y kubelet:armhf', '# k8s-platforms-ignore\n',
  '# k8s-platforms-ignore removed-platform', '${{ matrix.platform }}', '${{', '}}', '${{ github.token }}', '$(PLATFORM)', '$(', ')',
  '${TARGETPLATFORM}', '$BUILDPLATFORM', '${PLATFORMS:-linux/amd64,linux/arm/v7}', '{{ .Os }}', '`uname -m`', '$(rm -rf /)', '\\\n',
  '\\\r\n', ' \\\n  ', '<<EOF\n', 'EOF\n', 'run: |\n', 'run: >\n', 'script:\n  - ', 'env:\n  - name: PLATFORMS\n    value: linux/arm/v7\n',
  'with:\n', 'steps:\n', 'matrix:\n', 'include:\n', '- ', ': ', ':', ',', ' ', '  ', '    ', '\t', '\n', '\n', '\n', '\r\n', '\r\n', '\r',
  '\n\n', '#', '"', "'", '`', '[', ']', '{', '}', '&anchor ', '*anchor', '<<: *anchor', '!!js/function "function(){}"', '!!binary',
  '---\n', '...\n', '? ', '|', '>', '%YAML 1.2\n', '=', ':=', '?=', '+=', 'export ', 'ifeq (', 'endif\n', 'ENV ', 'ARG ', 'RUN ',
  'case "$(uname -m)" in\n  x86_64) ARCH=amd64;;\nesac\n', 'é', 'ü', '日本語', 'ŝ', '😀', '🚀', '\u{10FFFF}', '\u200b', '\uFEFF', 'Ω', '\u00a0',
  '\u2028',
] as const;

/** What a person types, character by character. */
// prettier-ignore
export const TYPED = [
  'linux/arm64', 'linux/arm/v7', 'linux/amd64,linux/arm64,linux/s390x', 'windows/amd64', 'lnux/amd64', 'linux/riscv64',
  '\nplatforms: linux/amd64,linux/arm64', '\n          platforms: linux/amd64,linux/arm/v7', '\n        goos: [linux, darwin]',
  ' GOOS=linux GOARCH=arm64', '\n\tGOOS=windows GOARCH=386 go build', '\nFROM --platform=linux/arm64 alpine', ' --platform=linux/ppc64le',
  'kubernetes-server-darwin-arm64.tar.gz', '\n# k8s-platforms-ignore', '${{ matrix.platform }}', '$(PLATFORM)', '\r\n  - linux/arm64',
];

export interface FuzzDoc {
  uri: string;
  languageId: string;
  text: string;
  version: number;
  /**
   * Texts of versions not yet covered by a publication, to check each publication's ranges; one
   * map per time the document was open (closing it starts the versions over).
   */
  texts: Map<number, string>[];
  /** How many publications have been checked. */
  seen: number;
  lastPublished: number;
  closes: number;
  unversioned: number;
  initialLength: number;
  original: string;
}

/** Offsets where each line starts, line ends as the LSP counts them: \n, \r\n and a lone \r. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** The end of a line's content, before its line end. */
function lineEnd(text: string, starts: number[], line: number): number {
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  if (end > starts[line] && text.charCodeAt(end - 1) === 10) end--;
  if (end > starts[line] && text.charCodeAt(end - 1) === 13) end--;
  return end;
}

export function positionAt(starts: number[], offset: number): Position {
  // A plain search, apart from the server's binary one: the fuzz's texts are short.
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

/** The offset of a position that lies inside the text (not past a line's end), else undefined. */
export function offsetOf(text: string, starts: number[], p: Position): number | undefined {
  if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0 || p.line >= starts.length) return undefined;
  const offset = starts[p.line] + p.character;
  return offset <= lineEnd(text, starts, p.line) ? offset : undefined;
}

export function rangeInside(text: string, starts: number[], r: Range): boolean {
  const s = offsetOf(text, starts, r.start);
  const e = offsetOf(text, starts, r.end);
  return s !== undefined && e !== undefined && s <= e;
}

/** An offset an editor could put a cursor at: never inside a surrogate pair or a CRLF. */
export function cursor(text: string, rng: Rng): number {
  let o = rng.int(text.length + 1);
  const before = text.charCodeAt(o - 1);
  const at = text.charCodeAt(o);
  if ((before >= 0xd800 && before <= 0xdbff && at >= 0xdc00 && at <= 0xdfff) || (before === 13 && at === 10)) o--;
  return o;
}

export function fragment(rng: Rng, docs: readonly string[]): string {
  const r = rng.next();
  if (r < 0.12) {
    // A piece of a corpus file, as pasted.
    const src = rng.pick(docs);
    const at = rng.int(src.length);
    return src.slice(at, at + 1 + rng.int(400));
  }
  if (r < 0.15) return String.fromCharCode(32 + rng.int(95)).repeat(1 + rng.int(3));
  // A NUL byte makes the document binary (not checked) until it is deleted again.
  if (r < 0.1505) return '\u0000';
  if (r < 0.2) return rng.pick(FRAGMENTS) + rng.pick(FRAGMENTS);
  return rng.pick(FRAGMENTS);
}

/** One content change on the client's copy: insert, delete or replace, ranges from the copy itself. */
export function randomChange(doc: FuzzDoc, rng: Rng, corpus: readonly string[]): TextDocumentContentChangeEvent {
  const text = doc.text;
  if (rng.chance(0.02)) {
    // A whole-document change, as some clients send: mostly a revert to the original, now and then
    // another file pasted over all or the lines reversed.
    const r = rng.next();
    const next = r < 0.7 ? doc.original : r < 0.9 ? rng.pick(corpus) : text.split(/\r?\n/).reverse().join('\n');
    doc.text = next;
    return { text: next };
  }
  const starts = lineStarts(text);
  // Documents stay near their first size: small ones mostly grow, big ones mostly shrink.
  const ratio = text.length / doc.initialLength;
  const insertOnly = ratio < 0.6 ? 0.75 : ratio > 2 ? 0.2 : 0.45;
  const start = cursor(text, rng);
  let end = start;
  let insert = '';
  if (rng.chance(insertOnly)) {
    insert = fragment(rng, corpus);
  } else {
    const span = ratio > 1.5 && rng.chance(0.2) ? rng.int(2000) : 1 + rng.int(rng.chance(0.5) ? 4 : 40);
    end = Math.min(text.length, start + span);
    const probe = text.charCodeAt(end - 1);
    const after = text.charCodeAt(end);
    if ((probe >= 0xd800 && probe <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) || (probe === 13 && after === 10)) end++;
    if (rng.chance(0.5)) insert = fragment(rng, corpus);
  }
  const range = { start: editorPosition(text, start, starts), end: editorPosition(text, end, starts) };
  doc.text = text.slice(0, start) + insert + text.slice(end);
  return { range, text: insert };
}

/**
 * The position of an offset, for an edit: one an editor can send, which means that offset and
 * no other under the LSP's rules (never between a CR and its LF).
 */
export function editorPosition(text: string, offset: number, starts = lineStarts(text)): Position {
  const p = positionAt(starts, offset);
  if (offsetOf(text, starts, p) !== offset) throw new Error(`fuzz client bug: offset ${offset} has no position of its own (${JSON.stringify(p)})`);
  return p;
}

/** What a request may answer: a position the client typed at, or now and then an odd one. */
export function randomPosition(doc: FuzzDoc, rng: Rng): Position {
  const starts = lineStarts(doc.text);
  if (rng.chance(0.03)) return { line: rng.int(starts.length + 3), character: rng.int(200) };
  return positionAt(starts, cursor(doc.text, rng));
}

const LEVELS = ['error', 'warning', 'info', 'information', 'hint', 'off'];
const CODES = ['removed-platform', 'unknown-platform', 'unsupported-platform', 'artifact-unavailable', 'below-required-tier', 'duplicate-platform', 'non-canonical-platform'];

/** Settings a user (or a broken client) might send, valid or not. */
export function randomSettings(rng: Rng): unknown {
  if (rng.chance(0.04)) return rng.pick([42, 'k8s', [], true]);
  const s: Record<string, unknown> = {};
  if (rng.chance(0.6)) s.requiredTier = rng.pick([1, 2, 3, 1, 2, 3, '2', 'x', 0, 4, null, 2.5]);
  if (rng.chance(0.4)) {
    const sev: Record<string, unknown> = {};
    for (const code of CODES) if (rng.chance(0.3)) sev[code] = rng.chance(0.9) ? rng.pick(LEVELS) : rng.pick(['loud', 3, null]);
    if (rng.chance(0.05)) sev['no-such-code'] = 'error';
    s.severity = rng.chance(0.05) ? 'all' : sev;
  }
  if (rng.chance(0.3)) s.enable = rng.chance(0.1) ? 'yes' : rng.chance(0.7);
  if (rng.chance(0.1)) s.maxFileSize = rng.pick([3000, 10_000, -1, 'big', 5 * 1024 * 1024]);
  if (rng.chance(0.05)) s.modelPath = rng.pick(['', '/nonexistent/k8s-platforms-fuzz-model.json']);
  if (rng.chance(0.05)) s.untrusted = rng.chance(0.5);
  if (rng.chance(0.05)) s.trace = { server: rng.pick(['off', 'verbose', 'loud']) };
  return s;
}
