import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type Hover,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';

export const repo = resolve(__dirname, '../..');
export const serverBundle = resolve(repo, 'dist/server.js');
export const corpusRoot = resolve(repo, '../shared/corpus');

/** What an editor announces: workspace/configuration, pull diagnostics, versioned edits. */
export function editorCapabilities(opts: { configuration?: boolean; workspaceFolders?: boolean; pull?: boolean; refresh?: boolean; documentChanges?: boolean; resolveEdits?: boolean } = {}): ClientCapabilities {
  return {
    workspace: {
      configuration: opts.configuration ?? true,
      workspaceFolders: opts.workspaceFolders ?? true,
      didChangeConfiguration: { dynamicRegistration: true },
      workspaceEdit: { documentChanges: opts.documentChanges ?? false },
      ...(opts.refresh ? { diagnostics: { refreshSupport: true } } : {}),
    },
    textDocument: {
      synchronization: { dynamicRegistration: false },
      publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      ...(opts.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      hover: { contentFormat: ['markdown', 'plaintext'] },
      completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true, ...(opts.resolveEdits ? { resolveSupport: { properties: ['edit'] } } : {}) },
    },
  };
}

export interface StartOptions {
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** The `k8sPlatforms` section the client answers workspace/configuration with. */
  settings?: Record<string, unknown> | null;
  rootDir?: string;
  processId?: number | null;
  /** Node options before the server bundle (`--require` a preload). */
  nodeArgs?: string[];
  /** The server process's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** The server process's working folder (default: this process's). */
  cwd?: string;
  /** The server's entry point (default: dist/server.js). */
  bundle?: string;
  /** How long the client takes to answer the n-th workspace/configuration request (1-based), in ms; below 0, never. */
  configurationDelay?: (n: number) => number;
  /** The workspace folders announced at initialize (default: one, `rootDir`). */
  workspaceFolders?: { uri: string; name: string }[];
}

/** A test editor: the built server as a child process, spoken to over stdio as an editor does. */
let rawIds = 0;

export class LspClient {
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  readonly shown: { type: number; message: string }[] = [];
  readonly logs: { type: number; message: string }[] = [];
  settings: Record<string, unknown> | null;
  configurationRequests = 0;
  /** How long the client takes to answer the n-th workspace/configuration request (1-based), in ms. */
  configurationDelay: (n: number) => number = () => 0;
  /** Settings of one workspace folder (by its URI), answered instead of `settings` when the server asks for that folder. */
  readonly folderSettings = new Map<string, Record<string, unknown> | null>();
  /** The items of every workspace/configuration request, in order. */
  readonly configurationItems: { scopeUri?: string; section?: string }[][] = [];
  refreshRequests = 0;
  stderr = '';
  initializeResult!: InitializeResult;
  private waiters: (() => void)[] = [];
  readonly exited: Promise<number | null>;

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: ProtocolConnection,
    settings: Record<string, unknown> | null,
  ) {
    this.settings = settings;
    this.exited = new Promise((done) => proc.on('exit', (code) => done(code)));
    proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = this.published.get(p.uri) ?? [];
      list.push(p);
      this.published.set(p.uri, list);
      this.wake();
    });
    conn.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      this.shown.push(p);
      this.wake();
    });
    conn.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.logs.push(p);
      this.wake();
    });
    conn.onRequest('workspace/configuration', async (p: { items: { scopeUri?: string; section?: string }[] }) => {
      const n = ++this.configurationRequests;
      this.configurationItems.push(p.items);
      this.wake();
      const answer = p.items.map((item) => (item.scopeUri !== undefined && this.folderSettings.has(item.scopeUri) ? this.folderSettings.get(item.scopeUri)! : this.settings));
      const delay = this.configurationDelay(n);
      // (Below 0: never answered, as a client that said it would and does not.)
      if (delay < 0) return new Promise<never>(() => undefined);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      return answer;
    });
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshRequests++;
      this.wake();
      return null;
    });
    conn.listen();
  }

  static async start(opts: StartOptions = {}): Promise<LspClient> {
    const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), opts.bundle ?? serverBundle, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(opts.env ? { env: opts.env } : {}),
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
    });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new LspClient(proc, conn, opts.settings === undefined ? {} : opts.settings);
    if (opts.configurationDelay) client.configurationDelay = opts.configurationDelay;
    const root = opts.rootDir ?? repo;
    client.initializeResult = await conn.sendRequest('initialize', {
      processId: opts.processId === undefined ? process.pid : opts.processId,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: opts.workspaceFolders ?? [{ uri: pathToFileURL(root).href, name: 'root' }],
      capabilities: opts.capabilities ?? editorCapabilities(),
      ...(opts.initializationOptions !== undefined ? { initializationOptions: opts.initializationOptions } : {}),
    });
    await conn.sendNotification('initialized', {});
    return client;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when `check` holds, re-checked on every message from the server. */
  async until<T>(what: string, check: () => T | undefined, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((done) => {
        const timer = setTimeout(done, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          done();
        });
      });
    }
  }

  /** The diagnostics published for a document version. */
  diagnosticsFor(uri: string, version: number, timeoutMs = 5000): Promise<Diagnostic[]> {
    return this.until(`diagnostics of ${uri} v${version}`, () => this.published.get(uri)?.find((p) => p.version === version)?.diagnostics, timeoutMs);
  }

  /** The next publication for a document after the `after`-th one. */
  nextPublication(uri: string, after: number, timeoutMs = 5000): Promise<PublishDiagnosticsParams> {
    return this.until(`publication ${after + 1} of ${uri}`, () => this.published.get(uri)?.[after], timeoutMs);
  }

  publications(uri: string): number {
    return this.published.get(uri)?.length ?? 0;
  }

  open(uri: string, languageId: string, text: string, version = 1): void {
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): void {
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  /**
   * Writes notifications to the server's stdin in one write, framed as the protocol frames them:
   * a burst the server receives at once, however slowly this process runs beside it.
   * Call it only while the connection is not writing (after an awaited answer).
   */
  burst(notifications: { method: string; params: unknown }[]): void {
    const frames = notifications.map(({ method, params }) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method, params }), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    this.proc.stdin!.write(Buffer.concat(frames));
  }

  /**
   * Sends a request as raw bytes, params as given (`null` included, which the connection's
   * sendRequest cannot send), and resolves with the answer's `result` or `error` as read from the
   * server's output. The connection drops that answer (it sent no request with the id).
   */
  rawRequest(method: string, params: unknown, timeoutMs = 5000): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
    const id = `raw-${++rawIds}`;
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id, method, params }), 'utf8');
    let seen = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(() => reject(new Error(`no answer to ${method} in ${timeoutMs} ms`))), timeoutMs);
      const onData = (d: Buffer) => {
        seen += d.toString('utf8');
        for (const m of seen.matchAll(/Content-Length: (\d+)\r\n\r\n/g)) {
          const start = m.index! + m[0].length;
          const text = Buffer.from(seen.slice(start), 'utf8').subarray(0, Number(m[1])).toString('utf8');
          if (Buffer.byteLength(text) < Number(m[1])) break;
          const message = JSON.parse(text) as { id?: unknown; result?: unknown; error?: { code: number; message: string } };
          if (message.id === id) return finish(() => resolve('error' in message ? { error: message.error } : { result: message.result }));
        }
      };
      const finish = (then: () => void) => {
        clearTimeout(timer);
        this.proc.stdout!.off('data', onData);
        then();
      };
      this.proc.stdout!.on('data', onData);
      this.proc.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    });
  }

  close(uri: string): void {
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Changes the settings the client answers with and tells the server, as an editor does. */
  configure(settings: Record<string, unknown> | null): void {
    this.settings = settings;
    void this.conn.sendNotification('workspace/didChangeConfiguration', { settings: { k8sPlatforms: settings } });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const r = (await this.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as CompletionList | CompletionItem[] | null;
    if (!r) return [];
    return Array.isArray(r) ? r : r.items;
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  resolveCodeAction(action: CodeAction): Promise<CodeAction> {
    return this.conn.sendRequest('codeAction/resolve', action);
  }

  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
  }

  /** shutdown + exit; resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (this.proc.exitCode !== null) return this.proc.exitCode;
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      // Already gone: the exit code tells.
    }
    const code = await Promise.race([this.exited, new Promise<'hung'>((done) => setTimeout(() => done('hung'), 3000))]);
    if (code === 'hung') {
      this.proc.kill();
      throw new Error('server did not exit after shutdown/exit');
    }
    this.conn.dispose();
    return code;
  }
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

/** Applies LSP text edits (in the document's positions) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (p: Position) => Math.min(starts[p.line] + p.character, text.length);
  const sorted = edits.map((e) => ({ s: offset(e.range.start), e: offset(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].e > sorted[i - 1].s) throw new Error('overlapping edits');
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}

/** The edits of a workspace edit for one document, whichever shape the server chose. */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  if (edit.changes) return edit.changes[uri] ?? [];
  const out: TextEdit[] = [];
  for (const c of edit.documentChanges ?? []) {
    if ('textDocument' in c && c.textDocument.uri === uri) out.push(...(c.edits as TextEdit[]));
  }
  return out;
}

/** Position of the n-th (0-based) occurrence of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} not in text`);
  }
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/**
 * How many findings a publication stands for: the diagnostics shown, plus those a note says are
 * not shown (over the server's cap of a file). Other notes (not checked, checked only in part)
 * are no findings.
 */
export function findingCount(diagnostics: readonly Diagnostic[]): number {
  let count = 0;
  for (const d of diagnostics) {
    if (d.code !== undefined) count++;
    else {
      const hidden = /^Not showing ([\d,]+) further findings/.exec(d.message);
      if (hidden) count += Number(hidden[1].replace(/,/g, ''));
    }
  }
  return count;
}
