import type { TextDocument } from 'vscode-languageserver-textdocument';
import { uriPath } from './uris';
import { ChunkCache, detectFileKind, idleEdit, judge, scanEdited, scanText, type FileKind, type ScanResult } from '../lint';
import { isEditedDocument, rehearseTyping } from './textDocument';
import type { Finding } from '../rules/finding';
import type { TierModel } from '../model/query';
import type { ServerSettings } from './settings';

/** Keystrokes on one line that a rehearsal makes (each scans one block again). */
const IDLE_EDITS = 12;

/**
 * What one rehearsal may cost. A document whose blocks are big (one list of 10,000 items, a
 * goreleaser build of 300 × 300 names) costs more per keystroke than a rehearsal can warm up, and
 * a rehearsal of it held the server for seconds after its first diagnostics: past this, it stops.
 */
const REHEARSAL_BUDGET_MS = 100;

/** What the server knows about one version of one document; every feature reads the same one. */
export type Analysis =
  | { state: 'unchecked'; doc: TextDocument }
  | { state: 'skipped'; doc: TextDocument; reason: string }
  | { state: 'scanned'; doc: TextDocument; scan: ScanResult };

interface Entry {
  cache: ChunkCache;
  version?: number;
  maxFileSize?: number;
  maxScanTime?: number;
  /** The limit notes last told, so a note is logged when it changes, not on every keystroke. */
  toldNotes?: string;
  analysis?: Analysis;
  judged?: { model: TierModel; settings: ServerSettings; findings: Finding[] };
  /** A skip is told once per document and cause, not on every keystroke. */
  toldSkip?: 'size' | 'binary';
  /** At least the UTF-8 size of the text last scanned (3 bytes a unit, when that is under the limit). */
  bytes?: number;
  /** A rehearsal of this document cost more than REHEARSAL_BUDGET_MS: it is not rehearsed again. */
  rehearsalTooDear?: boolean;
}

/** Why a document of `size` bytes (at least) is not checked: too big, or binary. Undefined when it is checked. */
export function skipReason(text: string, size: number, maxFileSize: number): { reason: string; why: 'size' | 'binary' } | undefined {
  if (size > maxFileSize) return { reason: `${size} bytes is over the k8sPlatforms.maxFileSize limit of ${maxFileSize} bytes`, why: 'size' };
  if (text.includes('\u0000')) return { reason: 'it contains NUL bytes (a binary file?)', why: 'binary' };
  return undefined;
}

/** A scan's limit notes as the diagnostic says them: the first, and how many more the log has. */
export function partialNote(notes: readonly string[]): string {
  return `Checked only in part: ${withSetting(notes[0])}${notes.length > 1 ? `; and ${notes.length - 1} more (see the log)` : ''}.`;
}

/** A time limit's note names the setting that sets it. */
function withSetting(note: string): string {
  return note.replace(/time limit/g, 'k8sPlatforms.maxScanTime');
}

function byteLength(text: string, limit: number): number {
  // Cheap bound first: UTF-8 takes at most 3 bytes per UTF-16 unit.
  if (text.length * 3 <= limit) return text.length;
  return Buffer.byteLength(text, 'utf8');
}

/**
 * One scan per document version, with a per-document block cache so an edit rescans only the
 * YAML block it touched; findings cached per (version, model, settings).
 */
export class DocumentAnalyses {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly onSkip: (uri: string, reason: string) => void,
    /** Before a scan: the document's length, and whether all of it is scanned (not a keystroke's blocks). */
    private readonly beforeScan: (length: number, whole: boolean) => void = () => undefined,
  ) {}

  private entry(uri: string): Entry {
    let e = this.entries.get(uri);
    if (!e) {
      e = { cache: new ChunkCache() };
      this.entries.set(uri, e);
    }
    return e;
  }

  analyse(doc: TextDocument, settings: ServerSettings): Analysis {
    const e = this.entry(doc.uri);
    if (e.analysis && e.version === doc.version && e.maxFileSize === settings.maxFileSize && e.maxScanTime === settings.maxScanTime && e.analysis.doc === doc) return e.analysis;
    const edited = e.analysis?.doc === doc && e.maxFileSize === settings.maxFileSize && e.maxScanTime === settings.maxScanTime ? this.scanEdits(doc, e) : undefined;
    e.version = doc.version;
    e.maxFileSize = settings.maxFileSize;
    e.maxScanTime = settings.maxScanTime;
    e.judged = undefined;
    e.analysis = edited ?? this.compute(doc, e, settings);
    return e.analysis;
  }

  /**
   * The scan of a document the client changed by typing on single lines since its last scan:
   * only the blocks it touched are scanned, and its text is not joined (see scanEdited).
   */
  private scanEdits(doc: TextDocument, e: Entry): Analysis | undefined {
    if (!isEditedDocument(doc) || e.version === undefined) return undefined;
    // Taken on every new version, so the log starts again from the version scanned now.
    const edits = doc.takeEditsSince(e.version);
    const a = e.analysis;
    if (!edits || a?.state !== 'scanned' || e.bytes === undefined || e.maxFileSize === undefined) return undefined;
    let bytes = e.bytes;
    for (const edit of edits) bytes += Buffer.byteLength(edit.after, 'utf8') - Buffer.byteLength(edit.before, 'utf8');
    if (bytes > e.maxFileSize) return undefined;
    // The text is joined only when a feature reads it, from the document, which must still be this version.
    const version = doc.version;
    const text = () => {
      if (doc.version !== version) throw new Error(`k8s-platforms: the text of version ${version} of ${doc.uri} was asked for after version ${doc.version} came`);
      return doc.getText();
    };
    // An edit of the first line may change what kind of file it is (`#!/bin/sh`, `#cloud-config`): the scan is then made afresh.
    let first: (typeof edits)[number] | undefined;
    for (const edit of edits) if (edit.lineStart === 0) first = edit;
    const kindKept = first !== undefined && fileKind(doc, first.after) === a.scan.kind;
    const scan = scanEdited(a.scan, edits, text, e.cache, { maxScanTime: e.maxScanTime }, kindKept);
    if (!scan || scan.notes.length > 0) return undefined;
    e.bytes = bytes;
    this.beforeScan(doc.length, false);
    return { state: 'scanned', doc, scan };
  }

  private compute(doc: TextDocument, e: Entry, settings: ServerSettings): Analysis {
    if (isEditedDocument(doc)) doc.takeEditsSince(doc.version);
    const text = doc.getText();
    const kind = fileKind(doc, text);
    if (!kind) return { state: 'unchecked', doc };
    const size = byteLength(text, settings.maxFileSize);
    const skip = skipReason(text, size, settings.maxFileSize);
    if (skip) {
      e.cache = new ChunkCache();
      if (e.toldSkip !== skip.why) {
        e.toldSkip = skip.why;
        this.onSkip(doc.uri, `not checked: ${skip.reason}`);
      }
      return { state: 'skipped', doc, reason: skip.reason };
    }
    e.toldSkip = undefined;
    e.bytes = text.length * 3 <= settings.maxFileSize ? text.length * 3 : size;
    this.beforeScan(text.length, true);
    const scan = scanText(text, kind, e.cache, { maxScanTime: settings.maxScanTime });
    const notes = scan.notes.join('; ');
    if (notes !== (e.toldNotes ?? '')) {
      e.toldNotes = notes;
      if (notes !== '') this.onSkip(doc.uri, `checked only in part: ${withSetting(notes)}`);
    }
    return { state: 'scanned', doc, scan };
  }

  /**
   * What a person must know of a document's check beside its findings, said in the editor as a
   * diagnostic of its own (the log is read by few): that it is not checked, and why, or that it
   * is checked only in part. Undefined when it is checked whole, or not a kind of file we check.
   */
  note(doc: TextDocument, settings: ServerSettings): string | undefined {
    if (!settings.enable) return undefined;
    const a = this.analyse(doc, settings);
    if (a.state === 'skipped') return `Not checked: ${a.reason}.`;
    if (a.state === 'scanned' && a.scan.notes.length > 0) return partialNote(a.scan.notes);
    return undefined;
  }

  /** The findings of a document version under a model and settings; [] when it is not checked. */
  findings(doc: TextDocument, model: TierModel, settings: ServerSettings): Finding[] {
    const a = this.analyse(doc, settings);
    if (a.state !== 'scanned' || !settings.enable) return [];
    const e = this.entry(doc.uri);
    if (e.judged && e.judged.model === model && e.judged.settings === settings) return e.judged.findings;
    const findings = judge(a.scan, model, settings.lint);
    e.judged = { model, settings, findings };
    return findings;
  }

  /**
   * Scans and judges the current version again, as a keystroke would with nothing changed: every
   * block comes from the cache. Run in idle time after a big document is opened, it gets the
   * code of the incremental path compiled before the first keystroke, not during it.
   */
  rehearse(doc: TextDocument, model: TierModel, settings: ServerSettings): Finding[] | undefined {
    const e = this.entries.get(doc.uri);
    const a = e?.analysis;
    if (!e || a?.state !== 'scanned' || a.doc !== doc || e.version !== doc.version || e.rehearsalTooDear) return undefined;
    const started = performance.now();
    const over = () => performance.now() - started > REHEARSAL_BUDGET_MS;
    rehearseTyping(doc, IDLE_EDITS);
    const scan = scanText(doc.getText(), a.scan.kind, e.cache, { maxScanTime: settings.maxScanTime });
    const findings = judge(scan, model, settings.lint);
    // And the path of a keystroke on one line, in blocks spread over the text: one block scanned
    // again, the rest moved. V8 optimises a function after many calls, not after one.
    let last = scan;
    for (let k = 0; k < IDLE_EDITS && !over(); k++) {
      const idle = idleEdit(last, Math.floor((k * last.results.length) / IDLE_EDITS));
      const edited = idle ? scanEdited(last, [idle], () => doc.getText(), e.cache) : undefined;
      if (!edited) break;
      judge(edited, model, settings.lint);
      last = edited;
    }
    // (Undefined ends the rehearsals of this document, as a change does.)
    if (over()) {
      e.rehearsalTooDear = true;
      return undefined;
    }
    return findings;
  }

  close(uri: string): void {
    this.entries.delete(uri);
  }
}

function fileKind(doc: TextDocument, text: string): FileKind | undefined {
  const nl = text.indexOf('\n');
  const firstLine = (nl < 0 ? text.slice(0, 200) : text.slice(0, Math.min(nl, 200))).replace(/\r$/, '');
  return detectFileKind(uriPath(doc.uri), doc.languageId, firstLine);
}
