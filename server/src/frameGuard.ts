import { Transform, type TransformCallback } from 'node:stream';

/** Longest header block read; the LSP's is one or two short lines. */
const MAX_HEADER = 8192;
/** Most bytes, and longest time, a header with two Content-Lengths waits for to tell which is its body's. */
const MAX_AWAITED = 2 ** 20;
const WAIT_MS = 200;
/** Longest body passed on: a JavaScript string cannot hold more (V8's limit is 2^29 - 24). */
export const MAX_BODY = 2 ** 29 - 24;
const EMPTY = Buffer.alloc(0);
/** Where a header may start again after bytes that were not a message. */
const HEADER_START = /content-(?:length|type)\s*:/i;
/** The blank line that ends a header block (the LSP says CRLF; a bare LF is taken too). */
const HEADER_END = /\r?\n\r?\n/;

/**
 * A header block read: the body's length and its Content-Type, or why it is no LSP header.
 * `header`: the block is a header whose Content-Length is wrong, and no other header starts in it.
 */
type Header = { length: number; type?: string } | { error: string; header?: true; lengths?: readonly number[] };

/**
 * Reads one header block (without its blank line). The LSP's: `Content-Length: N` (a decimal
 * byte count, required), `Content-Type: …` (optional), each `Name: value`, in any order.
 */
export function parseHeader(block: string): Header {
  let length: number | undefined;
  /** The lengths of a header that gives more than one. */
  let lengths: number[] | undefined;
  let type: string | undefined;
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return { error: `a header line without "Name:" (${JSON.stringify(line.slice(0, 60))})` };
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-type') type = value;
    if (name !== 'content-length') continue;
    const n = /^\d{1,16}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n)) return { error: `Content-Length ${JSON.stringify(value.slice(0, 40))} is not a byte count`, header: true };
    if (length === undefined) length = n;
    else if (length !== n && !(lengths ??= [length]).includes(n)) lengths.push(n);
  }
  if (lengths) return { error: `${lengths.length === 2 ? 'two' : lengths.length} Content-Lengths (${lengths.slice(0, 3).join(', ')}${lengths.length > 3 ? ', …' : ''})`, header: true, lengths };
  return length === undefined ? { error: 'a header without Content-Length' } : { length, type };
}

/**
 * The bytes an editor sends, cut into LSP messages before vscode-jsonrpc reads them. vscode-jsonrpc
 * trusts the header: `Content-Length: -5`, `1.5`, `abc`, a header without one, or a line that is
 * no header left its reader waiting for bytes that never come, so that every later message went
 * unanswered, silently. Here a header that is not the LSP's is reported (through `report`, once
 * until a message is read again) and skipped, with the bytes after it up to the next
 * `Content-Length:` or `Content-Type:`, and the messages after it are read as usual; a header that
 * starts again inside a bad one is read from there. A Content-Length longer than a string can hold,
 * or one whose body does not start as a JSON-RPC message does (`{`, `[`), is not trusted either:
 * waiting for that many bytes would swallow every later message. Well-formed input passes through
 * unchanged, but for the header's line ends (CRLF).
 */
export class FrameGuard extends Transform {
  /** Header bytes read so far, not yet a whole header. */
  private pending: Buffer = EMPTY;
  /** Body bytes still to pass on. */
  private body = 0;
  /** Bytes were dropped and said so since the last message read (see tell). */
  private quiet = false;
  /** A header read whose body has not started yet: passed on once the body starts as JSON does. */
  private awaiting: { length: number; type?: string } | undefined;
  /** After a bad header: bytes are dropped until a header starts. */
  private lost = false;
  /** The wait for the rest of a body in doubt (see waitFor), and whether it is over. */
  private waiting: NodeJS.Timeout | undefined;
  private waited = false;

  /** `maxBody`: the longest body passed on; a longer Content-Length is no header (a test sets it small). */
  constructor(
    private readonly report: (message: string) => void,
    private readonly maxBody = MAX_BODY,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.waiting) {
      clearTimeout(this.waiting);
      this.waiting = undefined;
    }
    this.cut(chunk);
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.waiting) clearTimeout(this.waiting);
    this.waiting = undefined;
    done();
  }

  private cut(chunk: Buffer): void {
    let rest = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = EMPTY;
    while (rest.length > 0) {
      if (this.awaiting) {
        // A body starts as a JSON-RPC message does, with `{` (or `[`, a batch): else the length
        // was not this message's (`Content-Length: 100000000`, then messages), and is not trusted.
        const { length, type } = this.awaiting;
        let k = 0;
        while (k < rest.length && k < length && (rest[k] === 0x20 || rest[k] === 0x0a || rest[k] === 0x0d || rest[k] === 0x09)) k++;
        if (k === rest.length && k < length) {
          this.pending = rest;
          break;
        }
        this.awaiting = undefined;
        if (k < length && rest[k] !== 0x7b && rest[k] !== 0x5b) {
          this.dropped(`a Content-Length of ${length} before what is no JSON message`);
          continue;
        }
        this.push(headerBytes(length, type));
        this.body = length;
        this.quiet = false;
        continue;
      }
      if (this.body > 0) {
        const n = Math.min(rest.length, this.body);
        this.push(n === rest.length ? rest : rest.subarray(0, n));
        this.body -= n;
        rest = rest.subarray(n);
        continue;
      }
      if (this.lost) {
        const text = rest.toString('latin1');
        const at = HEADER_START.exec(text);
        if (!at) {
          // The name of a header may be cut by the chunk's end: the last bytes wait for the next chunk.
          this.pending = rest.subarray(Math.max(0, rest.length - 32));
          break;
        }
        this.lost = false;
        rest = rest.subarray(at.index);
        continue;
      }
      // Blank lines between messages are no message.
      if (rest[0] === 0x0d || rest[0] === 0x0a) {
        let i = 0;
        while (i < rest.length && (rest[i] === 0x0d || rest[i] === 0x0a)) i++;
        rest = rest.subarray(i);
        continue;
      }
      const head = rest.toString('latin1', 0, Math.min(rest.length, MAX_HEADER + 4));
      const end = HEADER_END.exec(head);
      if (!end || end.index > MAX_HEADER) {
        if (!end && head.length <= MAX_HEADER) {
          this.pending = rest;
          break;
        }
        this.dropped(`a header longer than ${MAX_HEADER} bytes`);
        rest = rest.subarray(1);
        continue;
      }
      const block = head.slice(0, end.index);
      const parsed = parseHeader(block);
      // (A body longer than a string can hold is no message an editor sends: its length is not trusted either.)
      const header = 'error' in parsed || parsed.length <= this.maxBody ? parsed : { error: `a Content-Length of ${parsed.length} bytes, more than the server can read (${this.maxBody})`, header: true as const };
      if ('error' in header) {
        // Two lengths: the one whose body is JSON (a header half sent, then a whole one; or two in
        // one). Until the longer body is all here, that cannot be told (up to MAX_AWAITED bytes).
        const after = end.index + end[0].length;
        // (The last first: a header half sent comes before the whole one.)
        const lengths = header.lengths ?? [];
        let fits: number | undefined;
        for (let k = lengths.length - 1; k >= 0 && fits === undefined; k--) if (plausibleBody(rest, after, lengths[k])) fits = lengths[k];
        if (fits === undefined && !this.waited && header.lengths?.some((n) => after + n > rest.length && n <= MAX_AWAITED)) {
          this.pending = rest;
          this.waitFor();
          break;
        }
        this.tell(header.error);
        if (fits !== undefined) {
          rest = rest.subarray(after);
          this.push(headerBytes(fits));
          this.body = fits;
          this.quiet = false;
          continue;
        }
        // A header that starts again inside the block is read from there, the last one as
        // vscode-jsonrpc reads it (`Content-Length: abc`, then a whole header).
        const again = header.lengths ? 0 : lastHeaderStart(block);
        if (again > 0) rest = rest.subarray(again);
        else {
          // A wrong Content-Length: its body, of unknown length, is skipped up to the next header.
          // Anything else: a header may start inside the block ("junk" glued to "Content-Length: 5").
          this.lost = true;
          rest = rest.subarray(header.header ? end.index + end[0].length : 1);
        }
        continue;
      }
      rest = rest.subarray(end.index + end[0].length);
      if (header.length === 0) this.push(headerBytes(0));
      else this.awaiting = header;
    }
  }

  /**
   * Waits WAIT_MS for the rest of a body that two Content-Lengths leave in doubt; then decides with
   * what came (a client that sent all it had waits for the answers: the wait must end).
   */
  private waitFor(): void {
    this.waiting = setTimeout(() => {
      this.waiting = undefined;
      this.waited = true;
      try {
        this.cut(EMPTY);
      } finally {
        this.waited = false;
      }
    }, WAIT_MS);
    this.waiting.unref();
  }

  private dropped(why: string): void {
    this.tell(why);
    this.lost = true;
  }

  /**
   * Reports bytes dropped, once until a message is read again: a flood of bad headers (a thousand
   * `Content-Length:` lines) is one line on stderr, not one per header.
   */
  private tell(why: string): void {
    if (!this.quiet) this.report(`dropped input that is no LSP message: ${why}; reading on from the next header`);
    this.quiet = true;
  }
}

/** The header passed on before a body of `length` bytes, with its CRLF line ends. */
function headerBytes(length: number, type?: string): Buffer {
  return Buffer.from(`Content-Length: ${length}\r\n${type !== undefined ? `Content-Type: ${type}\r\n` : ''}\r\n`, 'latin1');
}

/** Whether `length` bytes from `at` in `bytes` are there and are a JSON value, as a message's body is. */
function plausibleBody(bytes: Buffer, at: number, length: number): boolean {
  const end = at + length;
  if (length === 0 || end > bytes.length) return false;
  try {
    JSON.parse(bytes.toString('utf8', at, end));
    return true;
  } catch {
    return false;
  }
}

/** Where the last header line in a header block starts after its first character; 0 if none does. */
function lastHeaderStart(block: string): number {
  let last = 0;
  const all = new RegExp(HEADER_START.source, 'gi');
  for (let m = all.exec(block); m; m = all.exec(block)) if (m.index > 0) last = m.index;
  return last;
}
