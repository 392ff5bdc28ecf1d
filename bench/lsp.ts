/**
 * A minimal editor for the benchmark: spawns a language server, speaks LSP over its stdio, times
 * requests and records every publishDiagnostics with the moment it arrived.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ConfigurationItem,
  type Diagnostic,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export interface ServerSpec {
  /** Short name for tables: "ours", "yaml-ls". */
  name: string;
  command: string;
  args: string[];
  /** The answer to one workspace/configuration item. */
  configuration: (item: ConfigurationItem) => unknown;
  /** Sent with didChangeConfiguration after `initialized` (servers that pull re-read then). */
  settings: unknown;
  initializationOptions?: unknown;
}

export interface Publish {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
  at: number;
}

/** What an editor announces. No `textDocument.diagnostic`: the server must push diagnostics. */
const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false }, workspaceFolders: false },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false, willSave: false },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    hover: { dynamicRegistration: false, contentFormat: ['markdown', 'plaintext'] },
    completion: {
      dynamicRegistration: false,
      completionItem: { snippetSupport: false, documentationFormat: ['markdown', 'plaintext'] },
    },
  },
  window: { workDoneProgress: false },
};

export class TimeoutError extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what}: no answer in ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

export class LspSession {
  readonly publishes: Publish[] = [];
  initMs = NaN;
  private proc!: ChildProcess;
  private conn!: MessageConnection;
  private waiters: { test: (p: Publish) => boolean; resolve: (p: Publish) => void }[] = [];
  private exitError: Error | undefined;
  private failWaiters: ((e: Error) => void)[] = [];
  private stderrTail = '';
  private exited: Promise<void> = Promise.resolve();
  private markConfigured!: () => void;
  /** Resolves when the server first asks for its settings (workspace/configuration). */
  readonly configured = new Promise<void>((resolve) => (this.markConfigured = resolve));

  constructor(readonly spec: ServerSpec) {}

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** Spawns the server and initializes it; `initMs` is spawn → initialize answer. */
  async start(rootUri: string | null, timeoutMs = 30_000): Promise<void> {
    const t0 = performance.now();
    this.proc = spawn(this.spec.command, this.spec.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.proc.once('exit', () => resolve()));
    this.proc.once('exit', (code, signal) => {
      this.exitError = new Error(`${this.spec.name} exited (code ${code}, signal ${signal}); stderr: ${this.stderrTail.slice(-2000)}`);
      for (const fail of this.failWaiters) fail(this.exitError);
      this.failWaiters = [];
    });
    this.proc.stderr!.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString()).slice(-8000);
    });
    this.proc.stdin!.on('error', () => undefined);
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const publish: Publish = { uri: p.uri, version: p.version, diagnostics: p.diagnostics, at: performance.now() };
      this.publishes.push(publish);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(publish)) return true;
        w.resolve(publish);
        return false;
      });
    });
    this.conn.onRequest('workspace/configuration', (params: { items: ConfigurationItem[] }) => {
      setImmediate(this.markConfigured);
      return params.items.map((item) => this.spec.configuration(item));
    });
    this.conn.onRequest(() => null);
    this.conn.onNotification(() => undefined);
    this.conn.onError(() => undefined);
    this.conn.listen();
    await this.guard(
      this.conn.sendRequest('initialize', {
        processId: process.pid,
        clientInfo: { name: 'k8s-platforms-bench' },
        rootUri,
        workspaceFolders: null,
        capabilities: CAPABILITIES,
        initializationOptions: this.spec.initializationOptions,
      }),
      timeoutMs,
      'initialize',
    );
    this.initMs = performance.now() - t0;
    await this.conn.sendNotification('initialized', {});
    await this.conn.sendNotification('workspace/didChangeConfiguration', { settings: this.spec.settings });
  }

  /** Races `p` against a timeout and the server's death. */
  private guard<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
    if (this.exitError) return Promise.reject(this.exitError);
    const died = new Promise<never>((_, reject) => this.failWaiters.push(reject));
    return withTimeout(Promise.race([p, died]), ms, `${this.spec.name} ${what}`);
  }

  async notify(method: string, params: unknown): Promise<number> {
    const at = performance.now();
    await this.conn.sendNotification(method, params);
    return at;
  }

  /** Sends a request; resolves to its answer and the milliseconds it took. */
  async request<T>(method: string, params: unknown, timeoutMs = 60_000): Promise<{ result: T; ms: number }> {
    const t0 = performance.now();
    const result = (await this.guard(this.conn.sendRequest(method, params), timeoutMs, method)) as T;
    return { result, ms: performance.now() - t0 };
  }

  /**
   * The first publish for `uri` matching `test`, already received or yet to come. `after` is an
   * index into `publishes`: only publishes from there on count.
   */
  waitForPublish(uri: string, after: number, test: (p: Publish) => boolean, timeoutMs: number, what: string): Promise<Publish> {
    const found = this.publishes.slice(after).find((p) => p.uri === uri && test(p));
    if (found) return Promise.resolve(found);
    const p = new Promise<Publish>((resolve) => this.waiters.push({ test: (q) => q.uri === uri && test(q), resolve }));
    return this.guard(p, timeoutMs, what);
  }

  /** Resolves once no publish has arrived for `quietMs` (or after `maxMs`). */
  async settle(quietMs: number, maxMs: number): Promise<void> {
    const start = performance.now();
    for (;;) {
      const last = this.publishes.length ? this.publishes[this.publishes.length - 1].at : start;
      const now = performance.now();
      if (now - Math.max(last, start) >= quietMs || now - start >= maxMs) return;
      await new Promise((r) => setTimeout(r, Math.min(quietMs, 50)));
    }
  }

  didOpen(uri: string, languageId: string, version: number, text: string): Promise<number> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  didChange(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  /** Peak and current resident set size of the server process, in bytes (Linux /proc). */
  memory(): { peak: number; current: number } | undefined {
    try {
      const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
      return { peak: kb('VmHWM'), current: kb('VmRSS') };
    } catch {
      return undefined;
    }
  }

  /** shutdown + exit, then SIGKILL if the server lingers. Never throws. */
  async stop(graceMs = 3000): Promise<void> {
    if (!this.proc) return;
    if (!this.exitError) {
      try {
        await withTimeout(this.conn.sendRequest('shutdown'), graceMs, 'shutdown');
        await this.conn.sendNotification('exit');
      } catch {
        // Killed below.
      }
      await withTimeout(this.exited, graceMs, 'exit').catch(() => undefined);
    }
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      this.proc.kill('SIGKILL');
      await withTimeout(this.exited, graceMs, 'kill').catch(() => undefined);
    }
    this.conn.dispose();
  }

  /** Kills the process at once (for the exit handler of the harness). */
  kill(): void {
    if (this.proc && this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
  }
}
