import type { TextDocumentsConfiguration } from 'vscode-languageserver';
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

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

class OpenDocument implements TextDocument {
  private lineOffsets: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    private content: string,
  ) {}

  getText(range?: Range): string {
    if (!range) return this.content;
    return this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  get lineCount(): number {
    return this.offsets().length;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.content.length), 0);
    const starts = this.offsets();
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (starts[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    return { line, character: this.beforeEol(offset, starts[line]) - starts[line] };
  }

  offsetAt(position: Position): number {
    const starts = this.offsets();
    if (position.line >= starts.length) return this.content.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line];
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < starts.length ? starts[position.line + 1] : this.content.length;
    return this.beforeEol(Math.min(lineStart + position.character, next), lineStart);
  }

  getLineRange(line: number): Range {
    const starts = this.offsets();
    if (line >= starts.length) {
      const last = starts.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.content.length - starts[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const next = line + 1 < starts.length ? starts[line + 1] : this.content.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(next, starts[line]) - starts[line] } };
  }

  getEOLCharacters(line: number): string {
    const starts = this.offsets();
    if (line >= starts.length || line < 0) return '';
    const next = line + 1 < starts.length ? starts[line + 1] : this.content.length;
    return this.content.substring(this.beforeEol(next, starts[line]), next);
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
    for (const change of changes) {
      if ('range' in change && change.range !== undefined) this.splice(wellFormed(change.range), change.text);
      else {
        this.content = change.text;
        this.lineOffsets = undefined;
      }
    }
    this.version = version;
  }

  private splice(range: Range, text: string): void {
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    const content = this.content.substring(0, start) + text + this.content.substring(end);
    this.content = content;
    const starts = this.lineOffsets;
    if (starts === undefined) return;
    // A range past the last line is clamped to the end of the text, not to its own lines: count
    // the lines again (vscode-languageserver-textdocument writes past its array there).
    if (range.end.line >= starts.length) {
      this.lineOffsets = undefined;
      return;
    }
    const insertedEnd = start + text.length;
    // A CR and an LF that meet across the edit make one line end: count the lines again.
    if ((content.charCodeAt(start - 1) === 13 && content.charCodeAt(start) === 10) || (content.charCodeAt(insertedEnd - 1) === 13 && content.charCodeAt(insertedEnd) === 10)) {
      this.lineOffsets = undefined;
      return;
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
  }

  private offsets(): number[] {
    this.lineOffsets ??= lineStarts(this.content, 0, true);
    return this.lineOffsets;
  }

  private beforeEol(offset: number, lineStart: number): number {
    while (offset > lineStart && isEol(this.content.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

/** For `new TextDocuments(openDocuments)`: creates and updates the server's documents. */
export const openDocuments: TextDocumentsConfiguration<TextDocument> = {
  create: (uri, languageId, version, content) => new OpenDocument(uri, languageId, version, content),
  update: (doc, changes, version) => {
    if (!(doc instanceof OpenDocument)) throw new Error('openDocuments.update: the document was not created by openDocuments.create');
    doc.update(changes, version);
    return doc;
  },
};
