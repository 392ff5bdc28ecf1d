import type { TextDocumentsConfiguration } from 'vscode-languageserver';
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { LineEdit } from '../lint';
import { lastAtOrBefore } from '../lineIndex';

/**
 * The server's open documents: vscode-languageserver-textdocument's behaviour (the same offsets,
 * positions and line ends, checked against it by a property test), with the line starts found
 * by `indexOf` instead of a loop over every character. That loop ran on every open and on every
 * full-text change: 11 ms at 10,000 lines and 16 ms at 50,000, before any diagnostic could be
 * placed.
 */

/** Offsets where lines start in `text` (shifted by `base`); a line ends at LF, CRLF or a lone CR. */
export function lineStarts(text: string, base: number, atLineStart: boolean): number[] {
  const out: number[] = atLineStart ? [base] : [];
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(base + i + 1);
    return out;
  }
  const eol = /\r\n|\r|\n/g;
  for (let m = eol.exec(text); m; m = eol.exec(text)) out.push(base + m.index + m[0].length);
  return out;
}

function isEol(c: number): boolean {
  return c === 13 || c === 10;
}

function isPosition(p: unknown): boolean {
  const q = p as Position | null;
  return typeof q === 'object' && q !== null && Number.isInteger(q.line) && Number.isInteger(q.character);
}

function isRange(r: unknown): r is Range {
  const q = r as Range | null;
  return typeof q === 'object' && q !== null && isPosition(q.start) && isPosition(q.end);
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

/** A document's text is kept in pieces of about this many UTF-16 units (see OpenDocument). */
const PIECE = 16 * 1024;

/** Single-line edits logged since the last read; more than this and the log is dropped. */
const MAX_LOGGED_EDITS = 64;

/** Cuts a text into pieces of `piece` units: views of it, not copies. */
function cut(text: string, piece: number): string[] {
  if (text.length <= 2 * piece) return [text];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += piece) out.push(text.slice(i, Math.min(i + piece, text.length)));
  return out;
}

/** What the scanner's incremental path needs of a document besides its text (see lint.ts scanEdited). */
export interface EditedDocument {
  /** The text's length in UTF-16 units, without joining its pieces. */
  readonly length: number;
  /**
   * The single-line edits made since `version`, in order, and only if every change since then was
   * one; undefined otherwise. Starts a new log from the current version.
   */
  takeEditsSince(version: number): readonly LineEdit[] | undefined;
}

export function isEditedDocument(doc: unknown): doc is TextDocument & EditedDocument {
  return doc instanceof OpenDocument;
}

/**
 * An open document. Its text is kept in pieces of some 16 K characters, joined only when a
 * feature asks for the whole text: an edit copies one piece, not the text. A copy of a 3.5 MB
 * text (100,000 lines) took 17 ms on this project's VM, nearly all of it page faults on the fresh
 * memory, and every keystroke made one.
 */
class OpenDocument implements TextDocument, EditedDocument {
  private lineOffsets: number[] | undefined;
  private pieces: string[] = [];
  /** Where each piece starts in the text. */
  private pieceStarts: number[] = [];
  private size = 0;
  /** The whole text, once joined; undefined after an edit until asked for again. */
  private flat: string | undefined;
  private edits: LineEdit[] = [];
  private editsFrom: number;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    content: string,
    private readonly piece: number = PIECE,
  ) {
    this.setContent(content);
    this.editsFrom = version;
  }

  get length(): number {
    return this.size;
  }

  /** A copy, which shares the pieces (strings do not change) and is changed apart. */
  copy(): OpenDocument {
    const c = new OpenDocument(this.uri, this.languageId, this.version, '', this.piece);
    c.pieces = this.pieces.slice();
    c.pieceStarts = this.pieceStarts.slice();
    c.size = this.size;
    c.flat = this.flat;
    c.lineOffsets = this.offsets().slice();
    return c;
  }

  takeEditsSince(version: number): readonly LineEdit[] | undefined {
    const edits = this.editsFrom === version ? this.edits : undefined;
    this.edits = [];
    this.editsFrom = this.version;
    return edits;
  }

  getText(range?: Range): string {
    if (!range) {
      if (this.flat === undefined) this.setContent(this.pieces.join(''));
      return this.flat!;
    }
    return this.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  private setContent(text: string): void {
    this.flat = text;
    this.size = text.length;
    this.pieces = cut(text, this.piece);
    this.pieceStarts = this.pieces.map((_, i) => i * this.piece);
  }

  /** The piece that holds offset i (0 ≤ i < size). */
  private pieceAt(i: number): number {
    return lastAtOrBefore(this.pieceStarts, i);
  }

  private charCodeAt(i: number): number {
    if (this.flat !== undefined) return this.flat.charCodeAt(i);
    if (i < 0 || i >= this.size) return NaN;
    const p = this.pieceAt(i);
    return this.pieces[p].charCodeAt(i - this.pieceStarts[p]);
  }

  private substring(start: number, end: number): string {
    if (this.flat !== undefined) return this.flat.substring(start, end);
    start = Math.max(0, Math.min(start, this.size));
    end = Math.max(0, Math.min(end, this.size));
    if (start > end) [start, end] = [end, start];
    if (start === end) return '';
    let p = this.pieceAt(start);
    let out = '';
    for (let at = start; at < end; p++) {
      const base = this.pieceStarts[p];
      const piece = this.pieces[p];
      const to = Math.min(end - base, piece.length);
      out += piece.slice(at - base, to);
      at = base + to;
    }
    return out;
  }

  get lineCount(): number {
    return this.offsets().length;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.size), 0);
    const starts = this.offsets();
    const line = lastAtOrBefore(starts, offset);
    return { line, character: this.beforeEol(offset, starts[line]) - starts[line] };
  }

  offsetAt(position: Position): number {
    const starts = this.offsets();
    if (position.line >= starts.length) return this.size;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line];
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < starts.length ? starts[position.line + 1] : this.size;
    return this.beforeEol(Math.min(lineStart + position.character, next), lineStart);
  }

  getLineRange(line: number): Range {
    const starts = this.offsets();
    if (line >= starts.length) {
      const last = starts.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.size - starts[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const next = line + 1 < starts.length ? starts[line + 1] : this.size;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(next, starts[line]) - starts[line] } };
  }

  getEOLCharacters(line: number): string {
    const starts = this.offsets();
    if (line >= starts.length || line < 0) return '';
    const next = line + 1 < starts.length ? starts[line + 1] : this.size;
    return this.substring(this.beforeEol(next, starts[line]), next);
  }

  /**
   * Applies the changes of one didChange notification, in order. A notification with a malformed
   * change is refused whole, before any of its changes is applied: half of it would leave a text
   * the client never had.
   */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    if (!Array.isArray(changes)) throw new Error('Malformed didChange: contentChanges is not a list');
    changes.forEach((change, i) => {
      if (change === null || typeof change !== 'object' || typeof change.text !== 'string') throw new Error(`Malformed didChange: change ${i} has no text`);
      if ('range' in change && change.range !== undefined && !isRange(change.range)) throw new Error(`Malformed didChange: change ${i} has a malformed range`);
    });
    if (changes.length > MAX_LOGGED_EDITS && this.spliceAll(changes)) {
      this.version = version;
      this.edits = [];
      this.editsFrom = version;
      return;
    }
    let log: LineEdit[] | undefined = this.edits;
    for (const change of changes) {
      if ('range' in change && change.range !== undefined) {
        const edit = this.splice(wellFormed(change.range), change.text, log !== undefined && log.length < MAX_LOGGED_EDITS);
        if (edit) log?.push(edit);
        else log = undefined;
      } else {
        this.setContent(change.text);
        this.lineOffsets = undefined;
        log = undefined;
      }
    }
    this.version = version;
    if (!log) {
      this.edits = [];
      this.editsFrom = version;
    }
  }

  /**
   * Applies many ranged changes at once, when each lies wholly before the one ahead of it (VS
   * Code's order for an edit at many cursors, or on every line of a selection: the last first).
   * Applied one by one, each moved every later line start: 10,000 lines indented took 2 s.
   * Returns false, having changed nothing, when they are not in that order, or when a position
   * lies past its line's end (clamped, it would mean another place once the line has changed).
   */
  private spliceAll(changes: readonly TextDocumentContentChangeEvent[]): boolean {
    const starts: number[] = [];
    const ends: number[] = [];
    const exact = (p: Position, at: number): boolean => {
      const q = this.positionAt(at);
      return q.line === p.line && q.character === p.character;
    };
    for (let i = 0; i < changes.length; i++) {
      const change = changes[i];
      if (!('range' in change) || change.range === undefined) return false;
      const range = wellFormed(change.range);
      const start = this.offsetAt(range.start);
      const end = this.offsetAt(range.end);
      if (!exact(range.start, start) || !exact(range.end, end) || (i > 0 && end > starts[i - 1])) return false;
      starts.push(start);
      ends.push(end);
    }
    // From the start of the text: the last change first (at one offset, it goes before the ones applied earlier).
    const text = this.getText();
    let out = '';
    let at = 0;
    for (let i = changes.length - 1; i >= 0; i--) {
      out += text.substring(at, starts[i]) + changes[i].text;
      at = ends[i];
    }
    out += text.substring(at);
    this.setContent(out);
    this.lineOffsets = undefined;
    return true;
  }

  /** Applies one ranged change; returns it as a LineEdit when asked to and when it is one. */
  private splice(range: Range, text: string, logIt: boolean): LineEdit | undefined {
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    const line = range.start.line;
    const starts0 = this.lineOffsets!;
    let edit: LineEdit | undefined;
    if (logIt && line === range.end.line && line >= 0 && line < starts0.length && !/[\r\n]/.test(text)) {
      const lineStart = starts0[line];
      const before = this.substring(lineStart, this.beforeEol(line + 1 < starts0.length ? starts0[line + 1] : this.size, lineStart));
      const after = before.slice(0, start - lineStart) + text + before.slice(end - lineStart);
      edit = { start, end, text, lineStart, before, after };
    }
    this.replace(start, end, text);
    const starts = this.lineOffsets;
    if (starts === undefined) return edit;
    // A range past the last line is clamped to the end of the text, not to its own lines: count
    // the lines again (vscode-languageserver-textdocument writes past its array there).
    if (range.end.line >= starts.length) {
      this.lineOffsets = undefined;
      return edit;
    }
    const insertedEnd = start + text.length;
    // A CR and an LF that meet across the edit make one line end: count the lines again.
    if ((this.charCodeAt(start - 1) === 13 && this.charCodeAt(start) === 10) || (this.charCodeAt(insertedEnd - 1) === 13 && this.charCodeAt(insertedEnd) === 10)) {
      this.lineOffsets = undefined;
      return edit;
    }
    const startLine = Math.max(range.start.line, 0);
    const endLine = Math.max(range.end.line, 0);
    const added = lineStarts(text, start, false);
    if (endLine - startLine === added.length) {
      for (let i = 0; i < added.length; i++) starts[i + startLine + 1] = added[i];
    } else if (added.length < 10_000) {
      starts.splice(startLine + 1, endLine - startLine, ...added);
    } else {
      this.lineOffsets = starts.slice(0, startLine + 1).concat(added, starts.slice(endLine + 1));
    }
    const diff = text.length - (end - start);
    if (diff !== 0) {
      const shifted = this.lineOffsets!;
      for (let i = startLine + 1 + added.length; i < shifted.length; i++) shifted[i] += diff;
    }
    return edit;
  }

  /** Replaces text[start, end) in the pieces: one piece is copied (a few, if the range spans them). */
  private replace(start: number, end: number, text: string): void {
    if (this.pieces.length === 1) {
      const whole = this.pieces[0];
      this.setContent(whole.substring(0, start) + text + whole.substring(end));
      if (this.size > 2 * this.piece) this.flat = undefined;
      return;
    }
    const first = this.pieceAt(Math.min(start, this.size - 1));
    // The piece that holds the range's last character (or its end, for an insertion at a piece's start).
    const last = end > start ? this.pieceAt(end - 1) : first;
    const base = this.pieceStarts[first];
    const lastPiece = this.pieces[last];
    const lastBase = this.pieceStarts[last];
    const joined = this.pieces[first].slice(0, start - base) + text + lastPiece.slice(end - lastBase);
    const made = joined.length > 2 * this.piece ? cut(joined, this.piece) : joined.length > 0 ? [joined] : [];
    this.pieces.splice(first, last - first + 1, ...made);
    const madeStarts: number[] = [];
    for (let i = 0, at = base; i < made.length; at += made[i].length, i++) madeStarts.push(at);
    this.pieceStarts.splice(first, last - first + 1, ...madeStarts);
    const diff = text.length - (end - start);
    if (diff !== 0) for (let i = first + made.length; i < this.pieceStarts.length; i++) this.pieceStarts[i] += diff;
    this.size += diff;
    this.flat = undefined;
    if (this.pieces.length === 0) this.setContent('');
  }

  private offsets(): number[] {
    this.lineOffsets ??= lineStarts(this.getText(), 0, true);
    return this.lineOffsets;
  }

  private beforeEol(offset: number, lineStart: number): number {
    while (offset > lineStart && isEol(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

/**
 * Types a character at the end of `count` lines spread over a copy of a document, and takes each
 * edit as the scanner does. Run in idle time after a big document is opened, it gets a
 * keystroke's own code compiled (one piece copied, every later line start moved) before the
 * first keystroke: the first one of 50,000 lines otherwise took 2 ms more, in bytecode.
 */
export function rehearseTyping(doc: TextDocument, count: number): void {
  if (!(doc instanceof OpenDocument)) return;
  const copy = doc.copy();
  const lines = copy.lineCount;
  for (let k = 0; k < count; k++) {
    const line = Math.floor(((k + 0.5) * lines) / count);
    const end = copy.getLineRange(line).end;
    copy.update([{ range: { start: end, end }, text: 'x' }], copy.version + 1);
    copy.takeEditsSince(copy.version - 1);
    copy.positionAt(copy.offsetAt(end));
  }
}

/** Documents kept in pieces of `piece` units (tests cut small texts into many pieces). */
export function documentsCutAt(piece: number): TextDocumentsConfiguration<TextDocument> {
  return {
    create: (uri, languageId, version, content) => new OpenDocument(uri, languageId, version, content, piece),
    update: (doc, changes, version) => {
      if (!(doc instanceof OpenDocument)) throw new Error('openDocuments.update: the document was not created by openDocuments.create');
      doc.update(changes, version);
      return doc;
    },
  };
}

/** For `new TextDocuments(openDocuments)`: creates and updates the server's documents. */
export const openDocuments: TextDocumentsConfiguration<TextDocument> = documentsCutAt(PIECE);
