import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { LspClient, editorCapabilities, serverBundle } from '../support/lspClient';

/** A workflow of about 4 MB (under the 5 MiB default limit): its first scan takes a second or more. */
function hugeWorkflow(): string {
  const parts = ['name: huge\non: push\njobs:\n'];
  for (let i = 0; i < 20_000; i++) {
    parts.push(`  build-${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: linux/amd64,linux/arm64,linux/amd64\n`);
  }
  return parts.join('');
}

/** Resolves with the process's exit code, or 'hung' after `ms`. */
function exitWithin(client: LspClient, ms: number): Promise<number | null | 'hung'> {
  return Promise.race([client.exited, new Promise<'hung'>((done) => setTimeout(() => done('hung'), ms))]);
}

/** The error a request was answered with; fails when it was answered with a result. */
async function errorOf(request: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    const result = await request;
    assert.fail(`expected an error response, got the result ${JSON.stringify(result)?.slice(0, 200)}`);
  } catch (e) {
    if (!(e instanceof ResponseError)) throw e;
    return e;
  }
}

/** The server spawned bare, with a connection that answers settings and registrations as an editor does, not yet initialized. */
function bareServer(): { proc: ChildProcess; conn: ProtocolConnection; published: string[] } {
  const proc = spawn(process.execPath, [serverBundle, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const published: string[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => void published.push(p.uri));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  return { proc, conn, published };
}

/** shutdown and exit, as an editor closes: the server's exit code, or 'hung' after 5 s. */
async function shutdownAndExit(proc: ChildProcess, conn: ProtocolConnection): Promise<number | null | 'hung'> {
  assert.equal(await conn.sendRequest('shutdown'), null);
  await conn.sendNotification('exit');
  return Promise.race([new Promise<number | null>((r) => proc.once('exit', r)), new Promise<'hung'>((r) => setTimeout(() => r('hung'), 5000))]);
}

const small = 'file:///virtual/lifecycle/Dockerfile';
const smallText = 'FROM --platform=linux/arm/v7 alpine\n';


describe('the server started by hand (QA 228 D9)', () => {
  it('answers --version and --help and exits, as the CLI does, without waiting on stdin', () => {
    const run = (arg: string) => spawnSync(process.execPath, [serverBundle, arg], { encoding: 'utf8', timeout: 10_000, input: '' });
    const version = run('--version');
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const help = run('--help');
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^k8s-platforms-language-server \[--stdio/);
    assert.match(help.stdout, /--version/);
  });
});
describe('lifecycle', () => {
  it('exit without shutdown ends the process with code 1', async () => {
    const client = await LspClient.start();
    client.open(small, 'dockerfile', smallText, 1);
    await client.diagnosticsFor(small, 1);
    await client.conn.sendNotification('exit');
    const code = await exitWithin(client, 5000);
    if (code === 'hung') client.proc.kill();
    assert.equal(code, 1);
    client.conn.dispose();
  });

  it('closing stdin without shutdown exits with code 1, after shutdown with 0', async () => {
    const abrupt = await LspClient.start();
    abrupt.proc.stdin!.end();
    assert.equal(await exitWithin(abrupt, 5000), 1);
    abrupt.conn.dispose();

    const orderly = await LspClient.start();
    await orderly.conn.sendRequest('shutdown');
    orderly.proc.stdin!.end();
    assert.equal(await exitWithin(orderly, 5000), 0);
    orderly.conn.dispose();
  });

  it('requests after shutdown get an InvalidRequest error; exit still ends the process with 0', async () => {
    const client = await LspClient.start();
    try {
      client.open(small, 'dockerfile', smallText, 1);
      const [d] = await client.diagnosticsFor(small, 1);
      assert.ok(await client.hover(small, d.range.start), 'a hover before shutdown');
      assert.equal(await client.conn.sendRequest('shutdown'), null);

      const after = [client.hover(small, d.range.start), client.completion(small, { line: 0, character: 16 }), client.codeActions(small, d.range, [d]), client.conn.sendRequest('shutdown')];
      for (const answer of await Promise.allSettled(after.map(errorOf))) {
        assert.equal(answer.status, 'fulfilled', answer.status === 'rejected' ? String(answer.reason) : '');
        const e = (answer as PromiseFulfilledResult<ResponseError<unknown>>).value;
        assert.equal(e.code, ErrorCodes.InvalidRequest, e.message);
        assert.match(e.message, /shut ?down/i);
      }
      await client.conn.sendNotification('exit');
      assert.equal(await exitWithin(client, 5000), 0);
    } finally {
      if (client.proc.exitCode === null) client.proc.kill();
      client.conn.dispose();
    }
  });

  it('after shutdown, a document opened or changed gets no diagnostics', async () => {
    const client = await LspClient.start();
    try {
      client.open(small, 'dockerfile', smallText, 1);
      await client.diagnosticsFor(small, 1);
      assert.equal(await client.conn.sendRequest('shutdown'), null);
      const late = small.replace('Dockerfile', 'late/Dockerfile');
      client.open(late, 'dockerfile', smallText, 1);
      client.change(small, 2, [{ text: `${smallText}# edited\n` }]);
      // A request answered after both notifications: they have been handled by then.
      await errorOf(client.hover(small, { line: 0, character: 0 }));
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(client.publications(late), 0);
      assert.ok(!client.published.get(small)!.some((p) => p.version === 2));
      await client.conn.sendNotification('exit');
      assert.equal(await exitWithin(client, 5000), 0);
    } finally {
      if (client.proc.exitCode === null) client.proc.kill();
      client.conn.dispose();
    }
  });

  it('a second initialize is refused; the first one’s state stays', async () => {
    const client = await LspClient.start();
    try {
      client.open(small, 'dockerfile', smallText, 1);
      await client.diagnosticsFor(small, 1);
      const e = await errorOf(client.conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} }));
      assert.equal(e.code, ErrorCodes.InvalidRequest);
      assert.match(e.message, /already initialized/);
      const [d] = client.published.get(small)![0].diagnostics;
      assert.ok(await client.hover(small, d.range.start), 'the document opened before is still known');
    } finally {
      await client.stop();
    }
  });

  it('a message whose body is no object (null, a number, a string, an array) is logged and skipped; the server goes on (QA 225 B1)', async () => {
    const client = await LspClient.start();
    try {
      for (const body of ['null', '5', '"str"', 'true', '[]', '{}']) client.proc.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      client.open(small, 'dockerfile', smallText, 1);
      const [d] = await client.diagnosticsFor(small, 1);
      assert.ok(await client.hover(small, d.range.start), 'the server answers after them');
      assert.equal(client.proc.exitCode, null);
    } finally {
      await client.stop();
    }
  });

  it('bytes that are no LSP message (Content-Length -5, 1.5 or abc, no Content-Length, a line that is no header) are reported on stderr and skipped; the messages after them are answered (QA 236 D6)', async () => {
    const client = await LspClient.start();
    try {
      const junks = ['Content-Length: -5\r\n\r\n{}', 'Content-Length: 1.5\r\n\r\n{}', 'Content-Length: abc\r\n\r\n{}', 'Foo: bar\r\n\r\n{}', 'hello\r\n\r\n'];
      for (const [i, junk] of junks.entries()) {
        client.proc.stdin!.write(junk);
        client.open(small, 'dockerfile', smallText, i + 1);
        const [d] = await client.diagnosticsFor(small, i + 1);
        assert.ok(await client.hover(small, d.range.start), `answered after ${JSON.stringify(junk)}`);
        client.close(small);
      }
      assert.equal(client.stderr.match(/dropped input that is no LSP message/g)?.length, 5, client.stderr);
      assert.match(client.stderr, /Content-Length "-5" is not a byte count/);
      assert.equal(client.proc.exitCode, null);
    } finally {
      await client.stop();
    }
  });

  it('a message whose body is no JSON ({"jsonrpc":"2.0",,,}) is named on stderr and skipped; the messages after it are answered (QA 280 B3)', async () => {
    const client = await LspClient.start();
    try {
      const body = '{"jsonrpc":"2.0",,,}';
      client.proc.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      client.open(small, 'dockerfile', smallText, 1);
      const [d] = await client.diagnosticsFor(small, 1);
      assert.ok(await client.hover(small, d.range.start));
      assert.match(client.stderr, /dropped a message whose body is no JSON \(/);
      assert.equal(client.proc.exitCode, null);
    } finally {
      await client.stop();
    }
  });

  it('an initialize without capabilities is refused with InvalidParams naming them; a right one after it initializes (QA 167 B1)', async () => {
    const { proc, conn } = bareServer();
    try {
      for (const params of [{ processId: null, rootUri: null }, { processId: null, rootUri: null, capabilities: null }, { processId: null, capabilities: [] }, null]) {
        const e = await errorOf(conn.sendRequest('initialize', params));
        assert.equal(e.code, ErrorCodes.InvalidParams, JSON.stringify(params));
        assert.match(e.message, /^k8s-platforms: initialize needs capabilities/);
      }
      const result = (await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: editorCapabilities(), workspaceFolders: null })) as { capabilities: { hoverProvider?: unknown } };
      assert.ok(result.capabilities.hoverProvider);
      assert.equal(await shutdownAndExit(proc, conn), 0);
    } finally {
      if (proc.exitCode === null) proc.kill();
      conn.dispose();
    }
  });

  it('before initialize: requests get ServerNotInitialized (-32002), a document opened is dropped, and the server then initializes as usual', async () => {
    const { proc, conn, published } = bareServer();
    try {
      const early = [
        conn.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 17 } }),
        conn.sendRequest('textDocument/completion', { textDocument: { uri: small }, position: { line: 0, character: 16 } }),
        conn.sendRequest('textDocument/codeAction', { textDocument: { uri: small }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [] } }),
        conn.sendRequest('shutdown'),
      ];
      for (const e of await Promise.all(early.map(errorOf))) {
        assert.equal(e.code, ErrorCodes.ServerNotInitialized, e.message);
        assert.match(e.message, /not initialized/);
      }
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: small, languageId: 'dockerfile', version: 1, text: smallText } });
      await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: editorCapabilities(), workspaceFolders: null });
      await conn.sendNotification('initialized', {});
      // The document opened too early is unknown: no hover on it, no diagnostics for it.
      assert.equal(await conn.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 17 } }), null);
      const later = 'file:///virtual/lifecycle/later/Dockerfile';
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: later, languageId: 'dockerfile', version: 1, text: smallText } });
      const until = Date.now() + 5000;
      while (!published.includes(later) && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(published, [later]);
      assert.equal(await shutdownAndExit(proc, conn), 0);
    } finally {
      if (proc.exitCode === null) proc.kill();
      conn.dispose();
    }
  });

  it('a pull request after shutdown gets an InvalidRequest error too', async () => {
    const client = await LspClient.start({ capabilities: editorCapabilities({ pull: true, refresh: true }) });
    try {
      client.open(small, 'dockerfile', smallText, 1);
      const report = await client.pull(small);
      assert.equal(report.kind, 'full');
      await client.conn.sendRequest('shutdown');
      assert.equal((await errorOf(client.pull(small))).code, ErrorCodes.InvalidRequest);
    } finally {
      await client.conn.sendNotification('exit').catch(() => undefined);
      if ((await exitWithin(client, 5000)) === 'hung') client.proc.kill();
      client.conn.dispose();
    }
  });
});

describe('cancellation ($/cancelRequest)', () => {
  it('a completion and a fix-all cancelled right after sending, while the server scans a 4 MB file, are answered RequestCancelled; later requests are answered', async () => {
    const client = await LspClient.start();
    try {
      client.open(small, 'dockerfile', smallText, 1);
      await client.diagnosticsFor(small, 1);
      const uri = 'file:///virtual/lifecycle/.github/workflows/huge.yml';
      const text = hugeWorkflow();
      const t0 = Date.now();
      client.open(uri, 'yaml', text, 1);
      // Keeps the server busy with the first scan while the requests and their cancellations arrive.
      const hover = client.hover(uri, { line: 8, character: 24 });

      const completionToken = new CancellationTokenSource();
      const completion = client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 8, character: 22 } }, completionToken.token);
      completionToken.cancel();
      const fixAllToken = new CancellationTokenSource();
      const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const fixAll = client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [], only: ['source.fixAll'] } }, fixAllToken.token);
      fixAllToken.cancel();
      const later = client.hover(small, { line: 0, character: 20 });

      assert.equal((await errorOf(completion)).code, LSPErrorCodes.RequestCancelled);
      assert.equal((await errorOf(fixAll)).code, LSPErrorCodes.RequestCancelled);
      assert.ok(await later, 'the request after the cancelled ones is answered');
      assert.ok(await hover, 'the request that was not cancelled is answered');
      const ms = Date.now() - t0;
      // Generous: the machine is shared; the point is that nothing waits on a cancelled request.
      assert.ok(ms < 30_000, `answered in ${ms} ms`);

      // Not cancelled: the same requests are answered with results.
      const items = await client.completion(uri, { line: 8, character: 22 });
      assert.ok(items.length > 0);
      const actions = await client.codeActions(uri, whole, [], ['source.fixAll']);
      assert.equal(actions.length, 1);
    } finally {
      await client.stop();
    }
  });

  it('a pull cancelled while the server waits for the first settings is answered at once, not when they come (QA 146 B2)', async () => {
    // The client takes 10 s to answer; the server waits 3 s for the first settings at most.
    const client = await LspClient.start({ capabilities: editorCapabilities({ pull: true, refresh: true }), configurationDelay: (n) => (n === 1 ? 10_000 : 0) });
    try {
      client.open(small, 'dockerfile', smallText, 1);
      const token = new CancellationTokenSource();
      const t0 = Date.now();
      const pull = client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: small } }, token.token);
      setTimeout(() => token.cancel(), 50);
      assert.equal((await errorOf(pull)).code, LSPErrorCodes.RequestCancelled);
      const ms = Date.now() - t0;
      assert.ok(ms < 2500, `answered in ${ms} ms: it waited for the settings`);
      // Not cancelled, a pull is answered once the settings are in (or the wait is over), with results.
      const report = (await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: small } })) as { kind: string; items: unknown[] };
      assert.equal(report.kind, 'full');
    } finally {
      await client.stop();
    }
  });

  it('a cancellation for a request already answered, or for no request at all, changes nothing', async () => {
    const client = await LspClient.start();
    try {
      client.open(small, 'dockerfile', smallText, 1);
      await client.diagnosticsFor(small, 1);
      const token = new CancellationTokenSource();
      const hover = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 20 } }, token.token);
      assert.ok(hover);
      token.cancel();
      await client.conn.sendNotification('$/cancelRequest', { id: 987_654 });
      await client.conn.sendNotification('$/cancelRequest', { id: 'no-such-request' });
      assert.ok(await client.hover(small, { line: 0, character: 20 }));
      assert.equal(client.logs.filter((l) => l.type === 1).length, 0, JSON.stringify(client.logs));
    } finally {
      await client.stop();
    }
  });
});
