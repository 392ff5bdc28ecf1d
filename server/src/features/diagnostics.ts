import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { mostSevere, type Finding, type Severity } from '../rules/finding';

export const SOURCE = 'k8s-platforms';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function rangeOf(doc: TextDocument, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

/** The optional fields of a diagnostic that the client takes (it may say it takes neither). */
export interface DiagnosticFields {
  codeDescription: boolean;
  relatedInformation: boolean;
}

const EVERY_FIELD: DiagnosticFields = { codeDescription: true, relatedInformation: true };

/** One finding as an LSP diagnostic: the token's exact range, and the data its quick fixes need. */
export function toDiagnostic(doc: TextDocument, f: Finding, fields: DiagnosticFields = EVERY_FIELD): Diagnostic {
  return {
    range: rangeOf(doc, f.start, f.end),
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.code,
    ...(f.href && fields.codeDescription ? { codeDescription: { href: f.href } } : {}),
    message: f.message,
    ...(f.first && fields.relatedInformation ? { relatedInformation: [{ location: { uri: doc.uri, range: rangeOf(doc, f.first.start, f.first.end) }, message: 'first listed here' }] } : {}),
    data: { ...f.data, version: doc.version },
  };
}

/**
 * At most this many findings of a document are published, as VS Code shows at most 1,000
 * diagnostics of a file anyway (its extension host drops the rest). A generated list of 20,000
 * platforms made 22,000 diagnostics, 10 MB of JSON a keystroke, and held the server most of a
 * second each time; the CLI still lists every finding.
 */
export const MAX_DIAGNOSTICS = 1000;

/**
 * The document's findings as diagnostics. Over MAX_DIAGNOSTICS, the most severe are kept (errors,
 * then warnings, … each in document order, as VS Code picks them), in document order, and one
 * Information diagnostic at the first finding left out says how many are not shown.
 */
export function toDiagnostics(doc: TextDocument, findings: readonly Finding[], fields: DiagnosticFields = EVERY_FIELD): Diagnostic[] {
  if (findings.length <= MAX_DIAGNOSTICS) return findings.map((f) => toDiagnostic(doc, f, fields));
  const keep = mostSevere(findings, MAX_DIAGNOSTICS);
  const diagnostics: Diagnostic[] = [];
  let firstLeftOut: Finding | undefined;
  findings.forEach((f, k) => {
    if (keep[k]) diagnostics.push(toDiagnostic(doc, f, fields));
    else firstLeftOut ??= f;
  });
  const omitted = findings.length - diagnostics.length;
  if (firstLeftOut) {
    diagnostics.push({
      range: rangeOf(doc, firstLeftOut.start, firstLeftOut.end),
      severity: DiagnosticSeverity.Information,
      source: SOURCE,
      message: `Not showing ${omitted.toLocaleString('en-US')} further findings: at most ${MAX_DIAGNOSTICS.toLocaleString('en-US')} of a file are shown (\`k8s-platforms lint\` lists them all).`,
    });
  }
  return diagnostics;
}

/** A note on the whole document (not checked, checked only in part), at its start, with no code. */
export function noteDiagnostic(message: string): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: SOURCE, message };
}

/** However busy the client keeps the server, diagnostics wait no longer than this for its queue to empty. */
const MAX_SETTLE_MS = 100;
/** How long diagnostics wait at most for the client to read those sent before, and how often they look. */
const MAX_WRITE_WAIT_MS = 1000;
const WRITE_POLL_MS = 2;

/**
 * Pushes diagnostics for documents that changed, coalescing the changes the client has queued:
 * with `handled` (how many messages the connection has handled so far), publishing waits until a
 * turn of the event loop passes with no message handled, so a burst of edits is checked once, and
 * a hover queued behind the burst is answered first (vscode-jsonrpc handles one message a turn).
 * A result is published only for the version it was computed for: when a newer version has
 * arrived meanwhile, the old result is dropped (the new one is on its way).
 */
export class DiagnosticsPusher {
  private readonly pending = new Set<string>();
  private scheduled = false;
  private since = 0;
  private gate: Promise<void> = Promise.resolve();

  constructor(
    private readonly current: (uri: string) => TextDocument | undefined,
    private readonly compute: (doc: TextDocument) => Diagnostic[],
    private readonly send: (uri: string, version: number | undefined, diagnostics: Diagnostic[]) => unknown,
    private readonly onError: (e: unknown) => void,
    private readonly handled?: () => number,
    /** Whether diagnostics sent before are still being written to the client (a pipe it has not read yet). */
    private readonly writing?: () => boolean,
  ) {}

  /** Since when publishing has waited for the client to read what was sent before (undefined: not waiting). */
  private waitingSince: number | undefined;

  /** Holds publishing until `ready` settles (the first settings from the client). */
  waitFor(ready: Promise<unknown>): void {
    this.gate = ready.then(
      () => undefined,
      () => undefined,
    );
  }

  schedule(uri: string): void {
    this.pending.add(uri);
    this.arm();
  }

  /** Flushes once the client's queue is quiet (see the class comment). */
  private arm(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.since = performance.now();
    const handled = this.handled;
    if (!handled) {
      void this.gate.then(() => setImmediate(() => this.flush()));
      return;
    }
    // One turn to see where the queue stands, then a turn at a time until one handles nothing.
    const settle = (seen: number): void => {
      setImmediate(() => {
        const now = handled();
        if (now === seen || performance.now() - this.since > MAX_SETTLE_MS) this.flush();
        else settle(now);
      });
    };
    void this.gate.then(() => setImmediate(() => settle(handled())));
  }

  clear(uri: string): void {
    this.pending.delete(uri);
    this.send(uri, undefined, []);
  }

  /**
   * Publishes for one pending document, then arms again for the next: a request that comes
   * meanwhile (a hover in a small file while thirty big ones opened with the session are checked)
   * is answered between two documents, not after all of them.
   */
  private flush(): void {
    this.scheduled = false;
    if (this.pending.size === 0) return;
    // Thousands of diagnostics make megabytes a publication. While the client still reads the
    // last one, keystrokes only queue versions it would parse and throw away (a 50,000-line
    // Makefile of 8,000 findings typed into at 60 ms a key had its last key's diagnostics 2 s
    // late): the latest is checked once the pipe is empty, or after MAX_WRITE_WAIT_MS whatever.
    if (this.writing?.()) {
      const now = performance.now();
      this.waitingSince ??= now;
      if (now - this.waitingSince < MAX_WRITE_WAIT_MS) {
        this.scheduled = true;
        setTimeout(() => this.flush(), WRITE_POLL_MS);
        return;
      }
    }
    this.waitingSince = undefined;
    // (Not empty: checked above, and nothing has taken from it since.)
    const uri = this.pending.values().next().value as string;
    this.pending.delete(uri);
    try {
      const doc = this.current(uri);
      if (doc) {
        const version = doc.version;
        const diagnostics = this.compute(doc);
        if (this.current(uri)?.version === version) this.send(uri, version, diagnostics);
      }
    } catch (e) {
      this.onError(e);
    }
    if (this.pending.size > 0) this.arm();
  }
}
