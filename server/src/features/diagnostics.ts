import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity } from '../rules/finding';

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

/** One finding as an LSP diagnostic: the token's exact range, and the data its quick fixes need. */
export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  return {
    range: rangeOf(doc, f.start, f.end),
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.code,
    ...(f.href ? { codeDescription: { href: f.href } } : {}),
    message: f.message,
    data: { ...f.data, version: doc.version },
  };
}

export function toDiagnostics(doc: TextDocument, findings: readonly Finding[]): Diagnostic[] {
  return findings.map((f) => toDiagnostic(doc, f));
}

/**
 * Pushes diagnostics for documents that changed, coalescing the changes queued in one turn of
 * the event loop. A result is published only for the version it was computed for: when a newer
 * version has arrived meanwhile, the old result is dropped (the new one is on its way).
 */
export class DiagnosticsPusher {
  private readonly pending = new Set<string>();
  private scheduled = false;
  private gate: Promise<void> = Promise.resolve();

  constructor(
    private readonly current: (uri: string) => TextDocument | undefined,
    private readonly compute: (doc: TextDocument) => Diagnostic[],
    private readonly send: (uri: string, version: number | undefined, diagnostics: Diagnostic[]) => unknown,
    private readonly onError: (e: unknown) => void,
  ) {}

  /** Holds publishing until `ready` settles (the first settings from the client). */
  waitFor(ready: Promise<unknown>): void {
    this.gate = ready.then(
      () => undefined,
      () => undefined,
    );
  }

  schedule(uri: string): void {
    this.pending.add(uri);
    if (this.scheduled) return;
    this.scheduled = true;
    void this.gate.then(() => setImmediate(() => this.flush()));
  }

  clear(uri: string): void {
    this.pending.delete(uri);
    this.send(uri, undefined, []);
  }

  private flush(): void {
    this.scheduled = false;
    const uris = [...this.pending];
    this.pending.clear();
    for (const uri of uris) {
      try {
        const doc = this.current(uri);
        if (!doc) continue;
        const version = doc.version;
        const diagnostics = this.compute(doc);
        if (this.current(uri)?.version !== version) continue;
        this.send(uri, version, diagnostics);
      } catch (e) {
        this.onError(e);
      }
    }
  }
}
