import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, editorCapabilities, fileUri, repo } from '../support/lspClient';

// Settings per workspace folder: VS Code's `resource` settings may differ per folder of a
// multi-root workspace, and the server asks for each folder (workspace/configuration scopeUri).

const WORKFLOW = 'jobs:\n  a:\n    steps:\n      - with:\n          platforms: linux/amd64,linux/arm64,linux/riscv64,linux/arm/v7\n';
const codes = (ds: { code?: string | number }[]) => ds.map((d) => String(d.code));

/** The built-in model with linux/riscv64 added to tier 2. */
function customModel(): string {
  const data = JSON.parse(readFileSync(join(repo, 'data/platforms.json'), 'utf8'));
  data.platforms.push({ ...data.platforms.find((p: { os: string; arch: string }) => p.os === 'linux' && p.arch === 's390x'), id: 'riscv64-linux', arch: 'riscv64' });
  return JSON.stringify(data);
}

let dir: string;
let a: string;
let b: string;
let c: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8s-platforms-folders-'));
  a = join(dir, 'alpha');
  b = join(dir, 'beta');
  c = join(dir, 'gamma');
  for (const d of [a, b, c, join(a, 'nested')]) mkdirSync(join(d, '.github/workflows'), { recursive: true });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const workflowIn = (folder: string, name: string) => fileUri(join(folder, '.github/workflows', `${name}.yml`));
const folder = (path: string, name: string) => ({ uri: fileUri(path), name });

describe('settings per workspace folder', () => {
  it('each folder is judged by its own settings; a document outside every folder by the window’s', async () => {
    const client = await LspClient.start({ settings: {}, workspaceFolders: [folder(a, 'alpha'), folder(b, 'beta')] });
    try {
      client.folderSettings.set(fileUri(a), { requiredTier: 1 });
      client.folderSettings.set(fileUri(b), { severity: { 'removed-platform': 'off' } });
      client.configure({});
      const inA = workflowIn(a, 'x');
      const inB = workflowIn(b, 'x');
      const outside = 'file:///elsewhere/.github/workflows/x.yml';
      // Opened once the new answers are in: the first settings may be the old ones.
      await client.until('the folders asked for', () => (client.configurationRequests >= 2 ? true : undefined));
      client.open(inA, 'yaml', WORKFLOW);
      client.open(inB, 'yaml', WORKFLOW);
      client.open(outside, 'yaml', WORKFLOW);
      assert.deepEqual(codes(await client.diagnosticsFor(inA, 1)), ['below-required-tier', 'unsupported-platform', 'removed-platform']);
      assert.deepEqual(codes(await client.diagnosticsFor(inB, 1)), ['unsupported-platform']);
      assert.deepEqual(codes(await client.diagnosticsFor(outside, 1)), ['unsupported-platform', 'removed-platform']);
      const items = client.configurationItems.at(-1)!;
      assert.deepEqual(
        items.map((i) => i.scopeUri),
        [undefined, fileUri(a), fileUri(b)],
        'one request: the window, then each folder',
      );
      assert.ok(items.every((i) => i.section === 'k8sPlatforms'));
    } finally {
      await client.stop();
    }
  });

  it('the innermost folder wins for a folder inside another', async () => {
    const nested = join(a, 'nested');
    const client = await LspClient.start({ settings: {}, workspaceFolders: [folder(a, 'alpha'), folder(nested, 'nested')] });
    try {
      client.folderSettings.set(fileUri(a), { requiredTier: 1 });
      client.folderSettings.set(fileUri(nested), { enable: false });
      client.configure({});
      await client.until('the folders asked for', () => (client.configurationRequests >= 2 ? true : undefined));
      const inNested = workflowIn(nested, 'x');
      const inA = workflowIn(a, 'x');
      client.open(inNested, 'yaml', WORKFLOW);
      client.open(inA, 'yaml', WORKFLOW);
      assert.deepEqual(codes(await client.diagnosticsFor(inA, 1)), ['below-required-tier', 'unsupported-platform', 'removed-platform']);
      assert.deepEqual(codes(await client.diagnosticsFor(inNested, 1)), []);
      assert.equal(await client.hover(inNested, { line: 4, character: 23 }), null, 'a folder with enable: false gets no hover either');
    } finally {
      await client.stop();
    }
  });

  it('a relative modelPath is read from the document’s own folder', async () => {
    writeFileSync(join(a, 'model.json'), customModel());
    const client = await LspClient.start({ settings: {}, workspaceFolders: [folder(b, 'beta'), folder(a, 'alpha')] });
    try {
      client.folderSettings.set(fileUri(a), { modelPath: 'model.json' });
      client.configure({});
      await client.until('the folders asked for', () => (client.configurationRequests >= 2 ? true : undefined));
      const inA = workflowIn(a, 'model');
      const inB = workflowIn(b, 'model');
      client.open(inA, 'yaml', WORKFLOW);
      client.open(inB, 'yaml', WORKFLOW);
      assert.deepEqual(codes(await client.diagnosticsFor(inA, 1)), ['removed-platform'], 'linux/riscv64 is tier 2 in alpha’s model');
      assert.deepEqual(codes(await client.diagnosticsFor(inB, 1)), ['unsupported-platform', 'removed-platform']);
      assert.equal(client.shown.filter((m) => m.type === 1).length, 0, 'no error: beta has no model file');
    } finally {
      await client.stop();
    }
  });

  it('a bad value every folder inherits is told once; a folder’s own bad value names the folder', async () => {
    const client = await LspClient.start({ settings: { requiredTier: 7 }, workspaceFolders: [folder(a, 'alpha'), folder(b, 'beta')] });
    try {
      const u = workflowIn(a, 'bad');
      client.open(u, 'yaml', WORKFLOW);
      await client.diagnosticsFor(u, 1);
      const warnings = () => client.shown.filter((m) => m.type === 2).map((m) => m.message);
      await client.until('a warning', () => (warnings().length > 0 ? true : undefined));
      assert.equal(warnings().length, 1, warnings().join('\n'));
      assert.match(warnings()[0], /k8sPlatforms\.requiredTier/);
      assert.doesNotMatch(warnings()[0], /folder/);

      client.folderSettings.set(fileUri(b), { requiredTier: 1, severity: { 'removed-platform': 'loud' } });
      client.configure({});
      await client.until('the folder’s warning', () => (warnings().length > 1 ? true : undefined));
      assert.match(warnings()[1], /for the folder beta/);
      assert.match(warnings()[1], /k8sPlatforms\.severity\.removed-platform/);
    } finally {
      await client.stop();
    }
  });

  it('a folder added later gets its settings, and its open documents are judged again', async () => {
    const client = await LspClient.start({ settings: {}, workspaceFolders: [folder(a, 'alpha')] });
    try {
      const inC = workflowIn(c, 'added');
      client.open(inC, 'yaml', WORKFLOW);
      assert.deepEqual(codes(await client.diagnosticsFor(inC, 1)), ['unsupported-platform', 'removed-platform']);
      const seen = client.publications(inC);
      client.folderSettings.set(fileUri(c), { requiredTier: 1 });
      void client.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folder(c, 'gamma')], removed: [] } });
      const next = await client.nextPublication(inC, seen);
      assert.deepEqual(codes(next.diagnostics), ['below-required-tier', 'unsupported-platform', 'removed-platform']);
      assert.deepEqual(client.configurationItems.at(-1)!.map((i) => i.scopeUri), [undefined, fileUri(a), fileUri(c)]);

      // Removed again: back to the window's settings.
      const seen2 = client.publications(inC);
      void client.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder(c, 'gamma')] } });
      const last = await client.nextPublication(inC, seen2);
      assert.deepEqual(codes(last.diagnostics), ['unsupported-platform', 'removed-platform']);
    } finally {
      await client.stop();
    }
  });

  it('a client that cannot answer per folder gets one configuration for all', async () => {
    const client = await LspClient.start({
      capabilities: editorCapabilities({ configuration: false }),
      initializationOptions: { settings: { requiredTier: 1 } },
      workspaceFolders: [folder(a, 'alpha'), folder(b, 'beta')],
    });
    try {
      const inB = workflowIn(b, 'one');
      client.open(inB, 'yaml', WORKFLOW);
      assert.deepEqual(codes(await client.diagnosticsFor(inB, 1)), ['below-required-tier', 'unsupported-platform', 'removed-platform']);
      assert.equal(client.configurationRequests, 0);
    } finally {
      await client.stop();
    }
  });

  it('folder URIs spelled another way (drive letter case, escaped colon, trailing slash) still match', async () => {
    const client = await LspClient.start({ settings: {}, workspaceFolders: [{ uri: 'file:///C%3A/src/proj/', name: 'proj' }] });
    try {
      client.folderSettings.set('file:///C%3A/src/proj/', { requiredTier: 1 });
      client.configure({});
      await client.until('the folders asked for', () => (client.configurationRequests >= 2 ? true : undefined));
      const u = 'file:///c:/src/proj/.github/workflows/w.yml';
      const sibling = 'file:///c:/src/project2/.github/workflows/w.yml';
      client.open(u, 'yaml', WORKFLOW);
      client.open(sibling, 'yaml', WORKFLOW);
      assert.ok(codes(await client.diagnosticsFor(u, 1)).includes('below-required-tier'));
      assert.ok(!codes(await client.diagnosticsFor(sibling, 1)).includes('below-required-tier'), 'proj2 is not inside proj');
    } finally {
      await client.stop();
    }
  });
});
