import { watchFile, unwatchFile, statSync, readFileSync, type Stats } from 'node:fs';
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type ConnectionOptions } from 'vscode-languageserver/node';
import { FrameGuard } from './frameGuard';
import { oneLine } from './model/issueText';
import { startServer, type ServerRuntime } from './server';
import { noteDocumentLength, startWithoutOptimiser } from './jit';
import { afterPublish } from './idleGc';

// dist/server.js (serverEntry.ts) has set the flags already, before compiling this bundle; this
// call gives this bundle's copy of jit.ts the same state, so that it turns the compiler on later.
startWithoutOptimiser();

// `k8s-platforms-language-server` with no transport flag speaks over stdio, as editors expect.
if (!process.argv.slice(2).some((a) => /^--(stdio|node-ipc|socket|pipe)\b/.test(a))) process.argv.push('--stdio');

const runtime: ServerRuntime = {
  readFile: (path) => {
    const st = statSync(path);
    // Reading a FIFO or a device would block the server: only regular files are models.
    if (st.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (!st.isFile()) throw new Error('not a regular file');
    return { size: st.size, read: () => readFileSync(path, 'utf8') };
  },
  noteDocumentLength,
  published: afterPublish,
  initializeLacked: (params) => (typeof params === 'object' && params !== null && lackingCapabilities.has(params) ? 'capabilities, an object (the ClientCapabilities)' : undefined),
  watchFile: (path, onChange) => {
    // Node gives a file that is not there as all zeros. When it comes back, `before` is the file
    // as it was last seen there, not the zeros: a file moved away and back (`mv m.json m.bak`,
    // `mv m.bak m.json`) is equal to it, yet was read as missing in between.
    let gone = false;
    const listener = (now: Stats, before: Stats) => {
      const missing = now.ino === 0 && now.mtimeMs === 0 && now.nlink === 0;
      if (missing !== gone || now.mtimeMs !== before.mtimeMs || now.size !== before.size || now.ino !== before.ino) onChange();
      gone = missing;
    };
    watchFile(path, { interval: 500, persistent: false }, listener);
    return () => unwatchFile(path, listener);
  },
};

/** Requests whose params the LSP requires to be an object (see nullParamsAsEmpty). */
const PARAMS_REQUIRED = /^(?:textDocument\/|workspace\/executeCommand$|codeAction\/resolve$|completionItem\/resolve$)/;

/**
 * A request sent with `"params": null` where the LSP requires an object (`textDocument/hover`):
 * handed on with an empty object, so the server's own check answers InvalidParams naming the
 * missing field, instead of a TypeError from inside vscode-languageserver (InternalError).
 */
function nullParamsAsEmpty<M>(message: M): M {
  // (A body that is no object, `null` or `5`: vscode-jsonrpc logs it as neither request nor notification.)
  if (typeof message !== 'object' || message === null) return message;
  const m = message as { id?: unknown; method?: unknown; params?: unknown };
  if (m.method === 'initialize' && m.id !== undefined) return withCapabilities(message);
  return m.params === null && m.id !== undefined && typeof m.method === 'string' && PARAMS_REQUIRED.test(m.method) ? { ...message, params: {} } : message;
}

/** The params of `initialize` requests that came without capabilities (see withCapabilities). */
const lackingCapabilities = new WeakSet<object>();

/**
 * An `initialize` whose params have no `capabilities` object (a client's bug): handed on with
 * empty ones, which vscode-languageserver reads before the server's handler runs (a TypeError,
 * answered as InternalError, otherwise). The server answers InvalidParams naming the field.
 */
function withCapabilities<M>(message: M): M {
  const params = (message as { params?: unknown }).params;
  const p = typeof params === 'object' && params !== null && !Array.isArray(params) ? (params as { capabilities?: unknown }) : {};
  if (typeof p.capabilities === 'object' && p.capabilities !== null && !Array.isArray(p.capabilities)) return message;
  const filled = { ...p, capabilities: {} };
  lackingCapabilities.add(filled);
  return { ...message, params: filled };
}

// Counted as the connection hands each message over: the diagnostics pusher waits for a turn of
// the event loop that handles none, so a burst of queued edits is checked once.
let handled = 0;
runtime.messagesHandled = () => handled;
/** Whether the client asked for `shutdown`: the exit status when stdin ends (0 after it, else 1), as vscode-languageserver has it. */
let shutdownAsked = false;
const options: ConnectionOptions = {
  messageStrategy: {
    handleMessage(message, next) {
      handled++;
      if ((message as { method?: unknown }).method === 'shutdown') shutdownAsked = true;
      next(nullParamsAsEmpty(message));
    },
  },
};
// Over stdio the editor's bytes are cut into messages by FrameGuard first, which skips what is no
// LSP message instead of leaving vscode-jsonrpc's reader stuck on it. The other channels (node-ipc,
// socket, pipe) are vscode-languageserver's own.
const stdio = process.argv.includes('--stdio');
const dropped = (why: string) => process.stderr.write(`k8s-platforms-language-server: ${why}\n`);
const connection = stdio ? createConnection(ProposedFeatures.all, guardedReader(), new StreamMessageWriter(process.stdout), options) : createConnection(ProposedFeatures.all, options);

/**
 * stdin as LSP messages: FrameGuard's frames, read by vscode-jsonrpc, whose reader skips a body
 * that is no JSON (`{"jsonrpc":"2.0",,}`) and goes on; that is said on stderr too, as FrameGuard
 * says what it skips.
 */
function guardedReader(): StreamMessageReader {
  const reader = new StreamMessageReader(process.stdin.pipe(new FrameGuard(dropped)));
  reader.onError((e) => dropped(`dropped a message whose body is no JSON (${oneLine(e instanceof Error ? e.message : String(e))})`));
  // What vscode-languageserver does for a stream it is given, not for a reader: the editor gone
  // (its end of the pipe closed), the server exits.
  const gone = () => process.exit(shutdownAsked ? 0 : 1);
  process.stdin.on('end', gone);
  process.stdin.on('close', gone);
  return reader;
}
if (stdio) {
  // What vscode-languageserver does for its own stdio: console output goes to the editor's log,
  // never into stdout, which is the protocol's.
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
}
// A promise nobody awaited must not take the server down with it.
process.on('unhandledRejection', (e) => connection.console.error(`k8s-platforms: ${(e as Error)?.stack ?? String(e)}`));
startServer(connection, runtime);
