import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node';
import { LspClient, editorCapabilities, repo, serverBundle } from '../support/lspClient';

const JOB = (i: number) => `  build-${i}:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/build-push-action@v6
        with:
          platforms: linux/amd64,linux/arm64${i % 50 === 0 ? ',linux/riscv64' : ''}
      - run: GOOS=linux GOARCH=${i % 70 === 0 ? 'arm' : 'amd64'} go build ./cmd/tool-${i}
`;

/** A big workflow: `jobs` jobs of eight lines, some with findings. */
function bigWorkflow(jobs: number): string {
  const parts = ['name: big\non: push\njobs:\n'];
  for (let i = 0; i < jobs; i++) parts.push(JOB(i));
  return parts.join('');
}

function summary(ds: Diagnostic[]): string[] {
  return ds.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.severity}`);
}

describe('big and odd files', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => client.stop());

  it('a 10 MB file is skipped with one log line and empty diagnostics, fast, and the server keeps answering', async () => {
    const line = '          platforms: linux/amd64,linux/arm/v7\n';
    const text = 'jobs:\n  a:\n    steps:\n      - with:\n' + line.repeat(Math.ceil((10 * 1024 * 1024) / line.length));
    const uri = 'file:///virtual/big/.github/workflows/huge.yml';
    const t0 = Date.now();
    client.open(uri, 'yaml', text, 1);
    // One note at the start says why nothing is checked, where the user looks (the Problems view).
    const [note, ...more] = await client.diagnosticsFor(uri, 1, 10_000);
    assert.deepEqual(more, []);
    assert.equal(note.code, undefined);
    assert.equal(note.severity, 3);
    assert.deepEqual(note.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(note.message, /^Not checked: \d+ bytes is over the k8sPlatforms\.maxFileSize limit of 5242880 bytes\.$/);
    assert.equal(await client.hover(uri, { line: 4, character: 25 }), null);
    assert.ok(Date.now() - t0 < 5000, `answered in ${Date.now() - t0} ms`);
    const told = client.logs.filter((l) => l.message.includes('huge.yml'));
    assert.equal(told.length, 1, JSON.stringify(told));
    assert.match(told[0].message, /maxFileSize/);
    // An edit keeps it skipped without telling again.
    client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#\n' }]);
    assert.deepEqual((await client.diagnosticsFor(uri, 2, 10_000)).map((d) => d.message.slice(0, 12)), ['Not checked:']);
    assert.equal(client.logs.filter((l) => l.message.includes('huge.yml')).length, 1);
    client.close(uri);

    const small = 'jobs:\n  a:\n    steps:\n      - with:\n' + line;
    const other = 'file:///virtual/big/.github/workflows/small.yml';
    client.open(other, 'yaml', small, 1);
    assert.deepEqual((await client.diagnosticsFor(other, 1)).map((d) => d.code), ['removed-platform']);
  });

  it('a file with NUL bytes is skipped', async () => {
    const uri = 'file:///virtual/big/bin.sh';
    client.open(uri, 'shellscript', 'docker build --platform linux/arm/v7 .\n\u0000\u0001', 1);
    assert.deepEqual((await client.diagnosticsFor(uri, 1)).map((d) => [d.code, d.message]), [[undefined, 'Not checked: it contains NUL bytes (a binary file?).']]);
    // The NUL deleted: checked, and the note is gone.
    client.change(uri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } }, text: '' }]);
    assert.deepEqual((await client.diagnosticsFor(uri, 2)).map((d) => d.code), ['removed-platform']);
  });

  it('a document of an unknown kind gets no diagnostics', async () => {
    const uri = 'file:///virtual/big/notes.txt';
    client.open(uri, 'plaintext', 'platforms: linux/arm/v7\n', 1);
    assert.deepEqual(await client.diagnosticsFor(uri, 1), []);
  });

  it('edits typed at the end of a big file give the same diagnostics as opening the result', async () => {
    let text = bigWorkflow(1500);
    assert.ok(text.split('\n').length > 10_000);
    const uri = 'file:///virtual/big/.github/workflows/typed.yml';
    client.open(uri, 'yaml', text, 1);
    await client.diagnosticsFor(uri, 1, 10_000);
    const typed = '  extra:\n    steps:\n      - with:\n          platforms: linux/amd64,linux/x64,linux/arm64,linux/amd64\n';
    let version = 1;
    const times: number[] = [];
    for (const ch of typed) {
      const lines = text.split('\n');
      const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
      text += ch;
      version++;
      const t0 = Date.now();
      client.change(uri, version, [{ range: { start: end, end }, text: ch }]);
      // Every version is answered: publishing is immediate, no debounce.
      await client.diagnosticsFor(uri, version, 10_000);
      times.push(Date.now() - t0);
    }
    const typedDiagnostics = await client.diagnosticsFor(uri, version);
    const fresh = 'file:///virtual/big/.github/workflows/fresh.yml';
    client.open(fresh, 'yaml', text, 1);
    const freshDiagnostics = await client.diagnosticsFor(fresh, 1, 10_000);
    assert.deepEqual(summary(typedDiagnostics), summary(freshDiagnostics));
    assert.ok(summary(typedDiagnostics).some((s) => s.includes('unknown-platform')), 'the typed line is checked');
    times.sort((a, b) => a - b);
    assert.ok(times[Math.floor(times.length / 2)] < 100, `median change → diagnostics ${times[Math.floor(times.length / 2)]} ms`);
  });

  it('keys typed on top-level lines, the file\'s first among them, give the diagnostics of a fresh open; a first line that makes the file another kind is read as that kind (QA 236 B5)', async () => {
    const doc = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  platform: linux/${['amd64', 'arm', 's390x'][i % 3]}\n`;
    let text = Array.from({ length: 300 }, (_, i) => doc(i)).join('---\n');
    const uri = 'file:///virtual/stream/manifests.yaml';
    client.open(uri, 'yaml', text, 1);
    await client.diagnosticsFor(uri, 1, 10_000);
    let version = 1;
    const lines = text.split('\n');
    const steps = [
      { line: 0, character: 3, text: 'x' },
      { line: 0, character: 10, text: 'y' },
      { line: lines.indexOf('kind: ConfigMap', 100), character: 2, text: 'q' },
      { line: lines.indexOf('data:', 200), character: 4, text: 'e' },
    ];
    for (const { line, character, text: typed } of steps) {
      const now = text.split('\n');
      now[line] = now[line].slice(0, character) + typed + now[line].slice(character);
      text = now.join('\n');
      client.change(uri, ++version, [{ range: { start: { line, character }, end: { line, character } }, text: typed }]);
      const typedDiagnostics = await client.diagnosticsFor(uri, version, 10_000);
      const fresh = `file:///virtual/stream/fresh-${version}.yaml`;
      client.open(fresh, 'yaml', text, 1);
      assert.deepEqual(summary(typedDiagnostics), summary(await client.diagnosticsFor(fresh, 1, 10_000)), `after typing on ${JSON.stringify(now[line])}`);
      client.close(fresh);
    }
    // cloud-init's user-data is YAML by its first line: typed out of it, the file is no longer checked.
    const userData = 'file:///virtual/stream/user-data';
    client.open(userData, 'plaintext', '#cloud-config\nplatform: linux/arm\n', 1);
    assert.equal((await client.diagnosticsFor(userData, 1)).length, 1);
    client.change(userData, 2, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: 'x' }]);
    assert.deepEqual(await client.diagnosticsFor(userData, 2), []);
    client.change(userData, 3, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, text: '' }]);
    assert.equal((await client.diagnosticsFor(userData, 3)).length, 1);
  });

  it('a document of a million characters or more, rehearsed in idle time after it opens, then edited: the diagnostics of a fresh open', async () => {
    let text = bigWorkflow(4800);
    assert.ok(text.length >= 1_000_000, `${text.length} characters`);
    const uri = 'file:///virtual/big/.github/workflows/rehearsed.yml';
    client.open(uri, 'yaml', text, 1);
    await client.diagnosticsFor(uri, 1, 20_000);
    // The rehearsal runs 20 ms after the first diagnostics; give it time to finish.
    await new Promise((r) => setTimeout(r, 500));
    const at = text.indexOf('linux/amd64,linux/arm64', text.length >> 1);
    const pos = (offset: number) => {
      const before = text.slice(0, offset).split('\n');
      return { line: before.length - 1, character: before[before.length - 1].length };
    };
    client.change(uri, 2, [{ range: { start: pos(at), end: pos(at + 'linux/amd64'.length) }, text: 'linux/s390y' }]);
    text = text.slice(0, at) + 'linux/s390y' + text.slice(at + 'linux/amd64'.length);
    const edited = await client.diagnosticsFor(uri, 2, 20_000);
    const fresh = 'file:///virtual/big/.github/workflows/rehearsed-fresh.yml';
    client.open(fresh, 'yaml', text, 1);
    assert.deepEqual(summary(edited), summary(await client.diagnosticsFor(fresh, 1, 20_000)));
    assert.ok(summary(edited).some((d) => d.includes('unknown-platform')), 'the edit is checked');
    client.close(uri);
    client.close(fresh);
  });

  it('a burst of changes: versions are published in order and the last one is the text as typed', async () => {
    const uri = 'file:///virtual/big/burst/Makefile';
    let text = 'build:\n';
    client.open(uri, 'makefile', text, 1);
    await client.diagnosticsFor(uri, 1);
    const before = client.publications(uri);
    const add = '\tGOOS=linux GOARCH=arm go build\n';
    for (let v = 2; v <= 30; v++) {
      const line = text.split('\n').length - 1;
      client.change(uri, v, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: add }]);
      text += add;
    }
    const last = await client.diagnosticsFor(uri, 30);
    assert.equal(last.length, 29);
    const versions = client.published.get(uri)!.slice(before).map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'never an older version after a newer one');
    for (const p of client.published.get(uri)!.slice(before)) assert.equal(p.diagnostics.length, p.version! - 1, `v${p.version} publishes its own findings`);
  });

  it('500 edits sent without waiting, then a hover: the burst is checked a few times, not 500; the hover is answered and the last version published', async () => {
    // 500 jobs with three findings each: one check takes milliseconds, 500 of them seconds.
    const uri = 'file:///virtual/big/burst/.github/workflows/burst.yml';
    const text = bigWorkflow(500).replace(/linux\/amd64,linux\/arm64/g, 'linux/amd64,linux/arm64,linux/arm/v7');
    client.open(uri, 'yaml', text, 1);
    const first = await client.diagnosticsFor(uri, 1, 20_000);
    const before = client.publications(uri);
    // In one write, as a fast typist's editor sends them to a busy server: how many the server sees
    // at a time must not depend on how fast this test process runs on a loaded machine.
    const edits = [];
    for (let v = 2; v <= 501; v++) {
      edits.push({ method: 'textDocument/didChange', params: { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'x' }] } });
    }
    client.burst(edits);
    const hover = await client.hover(uri, { line: 8, character: 23 });
    assert.ok(hover, 'a hover on linux/amd64');
    const last = await client.diagnosticsFor(uri, 501, 20_000);
    assert.equal(last.length, first.length);
    const published = client.publications(uri) - before;
    assert.ok(published <= 25, `${published} publications for 500 edits`);
  });

  it('a code action request without a context, or with diagnostics or an only that are not lists, asks for no quick fix (and logs no error)', async () => {
    const uri = 'file:///virtual/big/no-context/Makefile';
    client.open(uri, 'makefile', 'PLATFORMS = linux/arm\n', 1);
    await client.diagnosticsFor(uri, 1);
    const errors = client.logs.filter((l) => l.type === 1).length;
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 20 } };
    for (const context of [undefined, { diagnostics: null }, { diagnostics: [null, 7] }, { diagnostics: null, only: 5 }]) {
      const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, ...(context ? { context } : {}) })) as { kind?: string }[];
      assert.ok(Array.isArray(actions) && actions.every((a) => a.kind !== 'quickfix'), JSON.stringify(actions));
    }
    assert.ok((await client.hover(uri, { line: 0, character: 14 })) !== null);
    assert.equal(client.logs.filter((l) => l.type === 1).length, errors, JSON.stringify(client.logs.slice(-3)));
  });
});

describe('lifecycle', () => {
  it('shutdown then exit ends the process with code 0', async () => {
    const client = await LspClient.start();
    assert.equal(await client.stop(), 0);
  });

  it('closing stdin ends the process', async () => {
    const client = await LspClient.start();
    client.proc.stdin!.end();
    const code = await Promise.race([client.exited, new Promise((r) => setTimeout(() => r('hung'), 5000))]);
    assert.notEqual(code, 'hung');
  });

  it('exits when the editor process (initialize processId) dies', async () => {
    const editor = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const client = await LspClient.start({ processId: editor.pid! });
    editor.kill();
    const code = await Promise.race([client.exited, new Promise((r) => setTimeout(() => r('hung'), 8000))]);
    assert.notEqual(code, 'hung', 'the server noticed its editor is gone');
  });

  it('speaks over node IPC, as the VS Code client starts it', async () => {
    const proc = fork(serverBundle, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const conn = createProtocolConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    const published: { uri: string; diagnostics: Diagnostic[] }[] = [];
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => void published.push(p));
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    conn.listen();
    try {
      await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: editorCapabilities() });
      await conn.sendNotification('initialized', {});
      const uri = 'file:///virtual/ipc/Dockerfile';
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM --platform=linux/arm/v7 alpine\n' } });
      const deadline = Date.now() + 5000;
      while (!published.some((p) => p.uri === uri) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(published.find((p) => p.uri === uri)?.diagnostics.map((d) => d.code), ['removed-platform']);
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
    } finally {
      conn.dispose();
      if (proc.exitCode === null) proc.kill();
    }
  });

  it('the k8s-platforms-language-server bin starts the server over stdio', async () => {
    const proc = spawn(process.execPath, [join(repo, 'bin/k8s-platforms-language-server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    conn.listen();
    try {
      const result: InitializeResult = await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: editorCapabilities() });
      assert.equal(result.serverInfo?.name, 'k8s-platforms-language-server');
      assert.deepEqual(result.capabilities.textDocumentSync, { openClose: true, change: 2 });
      assert.equal(result.capabilities.positionEncoding, 'utf-16');
      assert.ok(result.capabilities.hoverProvider);
      assert.ok(result.capabilities.completionProvider?.triggerCharacters?.includes('/'));
      assert.deepEqual(result.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.k8s-platforms'], resolveProvider: false });
      assert.equal(result.capabilities.diagnosticProvider, undefined, 'no pull diagnostics for a client that does not announce them');
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
    } finally {
      conn.dispose();
    }
  });
});
