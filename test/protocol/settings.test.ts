import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, editorCapabilities, repo } from '../support/lspClient';

const WORKFLOW = 'jobs:\n  a:\n    steps:\n      - with:\n          platforms: linux/amd64,linux/arm64,linux/riscv64,linux/arm/v7\n';
const uri = (name: string) => `file:///virtual/settings/.github/workflows/${name}.yml`;
const codes = (ds: { code?: string | number }[]) => ds.map((d) => String(d.code));

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'k8s-platforms-lsp-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The built-in model with linux/riscv64 added to tier 2: a custom model file a user might write. */
function customModel(): string {
  const data = JSON.parse(readFileSync(join(repo, 'data/platforms.json'), 'utf8'));
  data.platforms.push({ ...data.platforms.find((p: { os: string; arch: string }) => p.os === 'linux' && p.arch === 's390x'), id: 'riscv64-linux', arch: 'riscv64' });
  return JSON.stringify(data);
}

describe('settings through workspace/configuration, re-applied without reopening', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ settings: {} })));
  after(async () => client.stop());

  it('requiredTier 1 adds below-required-tier for linux/arm64; severity off removes it', async () => {
    const u = uri('tier');
    client.open(u, 'yaml', WORKFLOW, 1);
    assert.deepEqual(codes(await client.diagnosticsFor(u, 1)), ['unsupported-platform', 'removed-platform']);
    const seen = client.publications(u);
    client.configure({ requiredTier: 1 });
    const next = await client.nextPublication(u, seen);
    assert.equal(next.version, 1);
    const below = next.diagnostics.filter((d) => d.code === 'below-required-tier');
    assert.equal(below.length, 1);
    assert.equal(below[0].severity, 2);
    assert.deepEqual(below[0].range, { start: { line: 4, character: 33 }, end: { line: 4, character: 44 } });

    client.configure({ requiredTier: 1, severity: { 'below-required-tier': 'off', 'unsupported-platform': 'error' } });
    const third = await client.nextPublication(u, seen + 1);
    assert.deepEqual(codes(third.diagnostics), ['unsupported-platform', 'removed-platform']);
    assert.equal(third.diagnostics[0].severity, 1);
  });

  it('a bad value: one warning naming the setting, defaults used', async () => {
    const u = uri('bad');
    const shown = client.shown.length;
    client.configure({ requiredTier: 7, maxFileSize: 'big' });
    client.open(u, 'yaml', WORKFLOW, 1);
    assert.deepEqual(codes(await client.diagnosticsFor(u, 1)), ['unsupported-platform', 'removed-platform']);
    const warning = await client.until('a warning', () => client.shown.slice(shown).find((m) => m.type === 2));
    assert.match(warning.message, /k8sPlatforms\.requiredTier/);
    assert.match(warning.message, /k8sPlatforms\.maxFileSize/);
    client.configure({ requiredTier: 7, maxFileSize: 'big' });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(client.shown.slice(shown).filter((m) => m.type === 2).length, 1, 'told once');
  });

  it('a key that is no setting: a warning naming it and the setting it looks like; the others apply', async () => {
    const u = uri('typo');
    client.configure({});
    client.open(u, 'yaml', WORKFLOW, 1);
    assert.equal((await client.diagnosticsFor(u, 1)).length, 2);
    const seen = client.publications(u);
    const shown = client.shown.length;
    client.configure({ requiredTierr: 1, severity: { 'removed-platform': 'warning' } });
    const diagnostics = (await client.nextPublication(u, seen)).diagnostics;
    assert.deepEqual(codes(diagnostics), ['unsupported-platform', 'removed-platform']);
    assert.equal(diagnostics[1].severity, 2, 'severity applies');
    const warning = await client.until('a warning', () => client.shown.slice(shown).find((m) => m.type === 2));
    assert.match(warning.message, /k8sPlatforms\.requiredTierr: not a setting; did you mean k8sPlatforms\.requiredTier\?/);
    // Back to the defaults, and settled, for the next test.
    client.configure({});
    assert.equal((await client.nextPublication(u, seen + 1)).diagnostics[1].severity, 1);
  });

  it('enable: false publishes nothing', async () => {
    const u = uri('off');
    client.configure({});
    client.open(u, 'yaml', WORKFLOW, 1);
    assert.equal((await client.diagnosticsFor(u, 1)).length, 2);
    const seen = client.publications(u);
    client.configure({ enable: false });
    assert.deepEqual((await client.nextPublication(u, seen)).diagnostics, []);
    assert.equal(await client.hover(u, { line: 4, character: 36 }), null);
  });
});

describe('completion under requiredTier', () => {
  it('requiredTier 1: completion items below it say so in their detail', async () => {
    const client = await LspClient.start({ settings: { requiredTier: 1 } });
    try {
      const text = 'jobs:\n  a:\n    steps:\n      - with:\n          platforms: linux/\n';
      const u = uri('tier-completion');
      client.open(u, 'yaml', text, 1);
      await client.diagnosticsFor(u, 1);
      const items = await client.completion(u, { line: 4, character: 27 });
      assert.equal(items.find((i) => i.label === 'linux/amd64')?.detail, 'Tier 1 (expected to work)');
      assert.equal(items.find((i) => i.label === 'linux/arm64')?.detail, 'Tier 2 (expected to build), below the required tier 1');
    } finally {
      await client.stop();
    }
  });
});

describe('the first settings', () => {
  it('a document opened while a newer settings request is unanswered is judged by that answer, not the defaults', async () => {
    // VS Code and Neovim send didChangeConfiguration right after initialized, so the server asks
    // twice; the answer to the first request is then stale, and diagnostics must wait for the second.
    const client = await LspClient.start({ settings: { requiredTier: 1 }, configurationDelay: (n) => (n === 2 ? 400 : 0) });
    try {
      client.configure({ requiredTier: 1 });
      await client.until('the second settings request', () => (client.configurationRequests >= 2 ? true : undefined));
      const u = uri('first');
      client.open(u, 'yaml', WORKFLOW, 1);
      const first = await client.nextPublication(u, 0);
      assert.equal(first.version, 1);
      assert.deepEqual(codes(first.diagnostics), ['below-required-tier', 'unsupported-platform', 'removed-platform']);
    } finally {
      await client.stop();
    }
  });
});

describe('a client that does not answer workspace/configuration', () => {
  it('gets what it pushed applied after a while, and its answer when one comes (QA 284 B1)', async () => {
    const client = await LspClient.start({ settings: {}, configurationDelay: (n) => (n >= 2 ? -1 : 0) });
    try {
      const u = uri('unanswered');
      client.open(u, 'yaml', WORKFLOW, 1);
      const first = await client.nextPublication(u, 0);
      assert.deepEqual(codes(first.diagnostics), ['unsupported-platform', 'removed-platform']);
      // The push asks again, and that request is never answered: the pushed settings apply.
      client.configure({ requiredTier: 1 });
      const pushed = await client.nextPublication(u, 1, 8000);
      assert.deepEqual(codes(pushed.diagnostics), ['below-required-tier', 'unsupported-platform', 'removed-platform']);
      assert.ok(client.logs.some((l) => /workspace\/configuration not answered in 3000 ms/.test(l.message)), JSON.stringify(client.logs));
    } finally {
      await client.stop();
    }
  });
});

describe('settings for clients without workspace/configuration', () => {
  it('initializationOptions.settings apply, and didChangeConfiguration settings replace them', async () => {
    const client = await LspClient.start({
      capabilities: editorCapabilities({ configuration: false }),
      initializationOptions: { settings: { requiredTier: 2 } },
    });
    try {
      const u = uri('init');
      client.open(u, 'yaml', WORKFLOW.replace('linux/arm64', 'windows/arm64'), 1);
      assert.deepEqual(codes(await client.diagnosticsFor(u, 1)), ['unsupported-platform', 'removed-platform']);
      const seen = client.publications(u);
      client.configure({ requiredTier: 1 });
      const next = await client.nextPublication(u, seen);
      assert.ok(codes(next.diagnostics).includes('below-required-tier'));
      assert.equal(client.configurationRequests, 0);
    } finally {
      await client.stop();
    }
  });

  it("a client that asks for settings but has none for us (null, or {}) uses initializationOptions, as Neovim's init_options (QA 146 N1)", async () => {
    for (const settings of [null, {}]) {
      const client = await LspClient.start({ capabilities: editorCapabilities({ configuration: true }), settings, initializationOptions: { settings: { requiredTier: 1 } } });
      try {
        const u = uri(`init-fallback-${JSON.stringify(settings)}`);
        client.open(u, 'yaml', WORKFLOW, 1);
        assert.ok(codes(await client.diagnosticsFor(u, 1)).includes('below-required-tier'), JSON.stringify(settings));
        assert.ok(client.configurationRequests > 0);
      } finally {
        await client.stop();
      }
    }
  });

  it('a pushed {k8sPlatforms: null} clears the settings pushed before: the defaults apply again', async () => {
    for (const configuration of [false, true]) {
      // With workspace/configuration, the client answers null for the section, as after clearing it.
      const client = await LspClient.start({ capabilities: editorCapabilities({ configuration }), settings: null });
      try {
        const u = uri(`cleared-${configuration}`);
        client.open(u, 'yaml', WORKFLOW, 1);
        await client.diagnosticsFor(u, 1);
        let seen = client.publications(u);
        void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { k8sPlatforms: { requiredTier: 1 } } });
        let next = await client.nextPublication(u, seen);
        assert.ok(codes(next.diagnostics).includes('below-required-tier'), `configuration: ${configuration}`);
        seen = client.publications(u);
        client.configure(null);
        next = await client.nextPublication(u, seen);
        assert.ok(!codes(next.diagnostics).includes('below-required-tier'), `configuration: ${configuration}`);
      } finally {
        await client.stop();
      }
    }
  });

  it('a push client that sends its settings without our section after pushing it (the user removed it): initializationOptions apply again; before any push, they stay', async () => {
    const client = await LspClient.start({ capabilities: editorCapabilities({ configuration: false }), initializationOptions: { settings: { requiredTier: 1 } } });
    try {
      const u = uri('push-removed');
      client.open(u, 'yaml', WORKFLOW, 1);
      assert.ok(codes(await client.diagnosticsFor(u, 1)).includes('below-required-tier'));
      // (Older Neovim pushes its empty settings table after initialize.)
      void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await client.hover(u, { line: 0, character: 0 });
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(codes(client.published.get(u)!.at(-1)!.diagnostics).includes('below-required-tier'), 'initializationOptions kept');
      let seen = client.publications(u);
      void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { k8sPlatforms: { requiredTier: 1, severity: { 'removed-platform': 'off' } } } });
      let next = await client.nextPublication(u, seen);
      assert.ok(!codes(next.diagnostics).includes('removed-platform'));
      seen = client.publications(u);
      void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { editor: { tabSize: 2 } } });
      next = await client.nextPublication(u, seen);
      assert.ok(codes(next.diagnostics).includes('removed-platform'), 'the pushed severity is gone');
      assert.ok(codes(next.diagnostics).includes('below-required-tier'), "initializationOptions' requiredTier again");
    } finally {
      await client.stop();
    }
  });

  it('a section with a misspelled name (k8s-platforms, K8sPlatforms, k8sPlatform) is told once, pushed or in initializationOptions (QA 153 B3)', async () => {
    const client = await LspClient.start({ capabilities: editorCapabilities({ configuration: false }), initializationOptions: { K8sPlatforms: { requiredTier: 1 } } });
    try {
      const u = uri('misspelled');
      client.open(u, 'yaml', WORKFLOW, 1);
      assert.ok(!codes(await client.diagnosticsFor(u, 1)).includes('below-required-tier'), 'the defaults apply');
      for (const key of ['k8s-platforms', 'k8sPlatform', 'k8s-platforms']) void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { [key]: { requiredTier: 1 }, editor: {} } });
      // Our own section, spelt right, beside a look-alike: nothing to tell.
      void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { k8sPlatforms: {}, 'k8s-platform': { requiredTier: 1 } } });
      await client.hover(u, { line: 0, character: 0 });
      await new Promise((r) => setTimeout(r, 300));
      const told = client.shown.filter((m) => m.message.includes('are not read')).map((m) => m.message);
      assert.deepEqual(told, [
        'k8s-platforms: the settings under "K8sPlatforms" (initializationOptions) are not read: the section is named k8sPlatforms.',
        'k8s-platforms: the settings under "k8s-platforms" (didChangeConfiguration) are not read: the section is named k8sPlatforms.',
        'k8s-platforms: the settings under "k8sPlatform" (didChangeConfiguration) are not read: the section is named k8sPlatforms.',
      ]);
    } finally {
      await client.stop();
    }
  });

  it('a client that pushes its settings and answers workspace/configuration (eglot, Neovim): removing our section from both brings the defaults back (QA 153 B1)', async () => {
    for (const removed of [{}, { yaml: { validate: true } }]) {
      const client = await LspClient.start({ capabilities: editorCapabilities({ configuration: true, workspaceFolders: false }), settings: { requiredTier: 1 } });
      try {
        // (Eglot and Neovim push their settings right after initialize.)
        void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { k8sPlatforms: { requiredTier: 1 } } });
        const u = uri(`both-removed-${Object.keys(removed).length}`);
        client.open(u, 'yaml', WORKFLOW, 1);
        assert.ok(codes(await client.diagnosticsFor(u, 1)).includes('below-required-tier'));
        // The user deletes the section: the client pushes the rest of its settings, and answers null.
        const seen = client.publications(u);
        client.settings = null;
        void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: removed });
        const next = await client.nextPublication(u, seen);
        assert.ok(!codes(next.diagnostics).includes('below-required-tier'), `pushed ${JSON.stringify(removed)}`);
      } finally {
        await client.stop();
      }
    }
  });


  it('a pull client with refresh support is asked to pull again after a change', async () => {
    const client = await LspClient.start({ capabilities: editorCapabilities({ pull: true, refresh: true }), settings: {} });
    try {
      const u = uri('pull');
      client.open(u, 'yaml', WORKFLOW, 1);
      const first = await client.pull(u);
      assert.equal(first.kind, 'full');
      const again = await client.pull(u, first.resultId);
      assert.equal(again.kind, 'unchanged', 'same version and settings: unchanged');
      client.configure({ requiredTier: 1 });
      await client.until('a refresh request', () => (client.refreshRequests > 0 ? true : undefined));
      const after = await client.pull(u, first.resultId);
      assert.equal(after.kind, 'full');
      assert.ok(after.kind === 'full' && codes(after.items).includes('below-required-tier'));
      assert.equal(client.published.size, 0);
    } finally {
      await client.stop();
    }
  });

  it('a pull sent right after didChangeConfiguration answers for the new settings, not the old ones, though their answer comes late (QA 163 D4)', async () => {
    // The second settings request (after the change) is answered 300 ms late.
    const client = await LspClient.start({ capabilities: editorCapabilities({ pull: true, refresh: true }), settings: {}, configurationDelay: (n) => (n >= 2 ? 300 : 0) });
    try {
      const u = uri('pull-right-after');
      client.open(u, 'yaml', WORKFLOW, 1);
      const first = await client.pull(u);
      assert.ok(first.kind === 'full' && !codes(first.items).includes('below-required-tier'));
      client.configure({ requiredTier: 1 });
      const after = await client.pull(u, first.resultId);
      assert.ok(after.kind === 'full' && codes(after.items).includes('below-required-tier'), JSON.stringify(after));
    } finally {
      await client.stop();
    }
  });
  it('a client that can pull but cannot be asked to pull again gets pushes, and a new push after a change', async () => {
    const client = await LspClient.start({ capabilities: editorCapabilities({ pull: true }), settings: {} });
    try {
      assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined, 'no pull provider without refresh support');
      const u = uri('pull-no-refresh');
      client.open(u, 'yaml', WORKFLOW, 1);
      const first = await client.diagnosticsFor(u, 1);
      assert.ok(!codes(first).includes('below-required-tier'));
      const seen = client.publications(u);
      client.configure({ requiredTier: 1 });
      const next = await client.nextPublication(u, seen);
      assert.ok(codes(next.diagnostics).includes('below-required-tier'));
      assert.equal(client.refreshRequests, 0);
    } finally {
      await client.stop();
    }
  });
});

describe('pull result ids', () => {
  it('a document closed and opened again at the same version with another text is never reported unchanged', async () => {
    const client = await LspClient.start({ capabilities: editorCapabilities({ pull: true, refresh: true }), settings: {} });
    try {
      const u = uri('reopened');
      client.open(u, 'yaml', WORKFLOW, 1);
      const first = await client.pull(u);
      assert.equal(first.kind, 'full');
      client.close(u);
      client.open(u, 'yaml', 'jobs:\n  b:\n    steps:\n      - with:\n          platforms: linux/amd64\n', 1);
      // A client that kept the old id (VS Code forgets it on close; others may not).
      const again = await client.pull(u, first.resultId);
      assert.equal(again.kind, 'full', 'another text: a full report');
      assert.deepEqual(again.kind === 'full' ? again.items : undefined, []);
      assert.notEqual(again.resultId, first.resultId);
    } finally {
      await client.stop();
    }
  });
});

describe('modelPath', () => {
  it('a bad model file: one error naming the file and the field; the built-in model keeps working; fixing the file reloads it', async () => {
    const file = join(dir, 'bad-model.json');
    writeFileSync(file, JSON.stringify({ tiers: 'none' }));
    const client = await LspClient.start({ settings: { modelPath: file } });
    // (Only a client that asks for them gets k8sPlatforms/modelChanged notifications.)
    const told: unknown[] = [];
    client.conn.onNotification('k8sPlatforms/modelChanged', (p: unknown) => told.push(p));
    try {
      const u = uri('model');
      client.open(u, 'yaml', WORKFLOW, 1);
      assert.deepEqual(codes(await client.diagnosticsFor(u, 1)), ['unsupported-platform', 'removed-platform']);
      const error = await client.until('an error message', () => client.shown.find((m) => m.type === 1));
      assert.ok(error.message.includes(file), error.message);
      assert.match(error.message, /tiers/);

      const seen = client.publications(u);
      writeFileSync(file, customModel());
      const next = await client.nextPublication(u, seen, 10_000);
      assert.deepEqual(codes(next.diagnostics), ['removed-platform'], 'linux/riscv64 is tier 2 in the custom model');
      assert.equal(client.shown.filter((m) => m.type === 1).length, 1);
      assert.deepEqual(told, []);
    } finally {
      await client.stop();
    }
  });

  it('k8sPlatforms/model answers the model in force and where it comes from; k8sPlatforms/modelChanged says when it changes (QA 153 B2)', async () => {
    const file = join(dir, 'matrix-model.json');
    const bad = JSON.parse(customModel());
    bad.platforms.find((p: { arch: string }) => p.arch === 's390x').tier = '1';
    writeFileSync(file, JSON.stringify(bad));
    const client = await LspClient.start({ settings: { modelPath: pathToFileURL(file).href }, initializationOptions: { modelNotifications: true } });
    const changes: unknown[] = [];
    client.conn.onNotification('k8sPlatforms/modelChanged', (p: unknown) => changes.push(p));
    type Answer = { data: { platforms: { os: string; arch: string; tier: number }[] }; origin: string };
    const ask = (params: unknown) => client.conn.sendRequest<Answer>('k8sPlatforms/model', params);
    const tierOf = (a: Answer, arch: string) => a.data.platforms.find((p) => p.os === 'linux' && p.arch === arch)?.tier;
    try {
      // A refused file (given as a file: URI): the built-in model, and why.
      let answer = await ask({});
      assert.match(answer.origin, /^Built-in model \(the model file is refused: .*matrix-model\.json: platforms\[\d+\]\.tier/, answer.origin);
      assert.equal(tierOf(answer, 's390x'), 2);
      assert.equal(tierOf(answer, 'riscv64'), undefined);
      assert.equal((await ask({ uri: uri('matrix') })).origin, answer.origin, "a document's scope is the window's here");
      // Fixed on disk: the server reads it again, says so, and answers the custom model.
      assert.ok(changes.length > 0, 'the first settings were told as a change');
      changes.length = 0;
      writeFileSync(file, customModel());
      await client.until('k8sPlatforms/modelChanged', () => changes.length > 0 || undefined, 10_000);
      answer = await ask(null);
      assert.equal(answer.origin, `Custom model: ${file}`);
      assert.equal(tierOf(answer, 'riscv64'), 2);
      await assert.rejects(ask({ uri: 42 }), /uri\?: string/);
    } finally {
      await client.stop();
    }
  });

  it('one change on disk, told by a file event and seen by the poll, is one change; malformed file and folder events change nothing and log no error (QA 153 N5, N8)', async () => {
    const file = join(dir, 'once-model.json');
    writeFileSync(file, customModel());
    // (Written with a doubled slash: file events name the file normalised.)
    const client = await LspClient.start({ settings: { modelPath: file.replace(/\/([^/]*)$/, '//$1') }, initializationOptions: { modelNotifications: true } });
    const changes: unknown[] = [];
    client.conn.onNotification('k8sPlatforms/modelChanged', (p: unknown) => changes.push(p));
    try {
      const u = uri('once');
      client.open(u, 'yaml', WORKFLOW, 1);
      assert.deepEqual(codes(await client.diagnosticsFor(u, 1)), ['removed-platform'], 'linux/riscv64 is tier 2 in the custom model');
      for (const params of [{}, null, { changes: 5 }, { changes: [null, { uri: 7 }] }, []]) void client.conn.sendNotification('workspace/didChangeWatchedFiles', params);
      for (const params of [{ event: null }, {}]) void client.conn.sendNotification('workspace/didChangeWorkspaceFolders', params);
      await client.hover(u, { line: 0, character: 0 });
      changes.length = 0;
      const seen = client.publications(u);
      writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(join(repo, 'data/platforms.json'), 'utf8'))));
      void client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 2 }] });
      const next = await client.nextPublication(u, seen, 10_000);
      assert.deepEqual(codes(next.diagnostics), ['unsupported-platform', 'removed-platform'], 'the built-in model again');
      // The poll (every 500 ms) sees the same change: nothing more.
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(changes.length, 1, 'one modelChanged');
      assert.equal(client.publications(u), seen + 1, 'one publication');
      assert.deepEqual(client.logs.filter((l) => /failed|TypeError/.test(l.message)), []);
    } finally {
      await client.stop();
    }
  });

  it('a model file moved away and back, with no file events from the client: read again each time', async () => {
    const file = join(dir, 'moved-model.json');
    writeFileSync(file, customModel());
    const client = await LspClient.start({ settings: { modelPath: file } });
    try {
      const u = uri('moved');
      client.open(u, 'yaml', WORKFLOW, 1);
      assert.deepEqual(codes(await client.diagnosticsFor(u, 1)), ['removed-platform'], 'linux/riscv64 is tier 2 in the custom model');
      let seen = client.publications(u);
      renameSync(file, `${file}.bak`);
      let next = await client.nextPublication(u, seen, 10_000);
      assert.deepEqual(codes(next.diagnostics), ['unsupported-platform', 'removed-platform'], 'the built-in model stands in');
      assert.match((await client.until('an error message', () => client.shown.find((m) => m.type === 1))).message, /moved-model\.json/);
      seen = client.publications(u);
      // The same file (inode, size and time) as before it went: the poll must still see it come back.
      renameSync(`${file}.bak`, file);
      next = await client.nextPublication(u, seen, 10_000);
      assert.deepEqual(codes(next.diagnostics), ['removed-platform']);
    } finally {
      await client.stop();
    }
  });

  it('a relative modelPath is read from the workspace folder', async () => {
    writeFileSync(join(dir, 'model.json'), customModel());
    const client = await LspClient.start({ settings: { modelPath: 'model.json' }, rootDir: dir });
    try {
      const u = uri('relative');
      client.open(u, 'yaml', WORKFLOW, 1);
      assert.deepEqual(codes(await client.diagnosticsFor(u, 1)), ['removed-platform']);
    } finally {
      await client.stop();
    }
  });

  it('a file: URI as modelPath is read as the file it names', async () => {
    const file = join(dir, 'uri model.json');
    writeFileSync(file, customModel());
    const client = await LspClient.start({ settings: { modelPath: pathToFileURL(file).href }, rootDir: dir });
    try {
      const u = uri('file-uri');
      client.open(u, 'yaml', WORKFLOW, 1);
      assert.deepEqual(codes(await client.diagnosticsFor(u, 1)), ['removed-platform'], 'linux/riscv64 is tier 2 in the custom model');
      assert.deepEqual(client.shown.filter((m) => m.type === 1), []);
    } finally {
      await client.stop();
    }
  });

  it('is not read in an untrusted workspace', async () => {
    const file = join(dir, 'trusted-only.json');
    writeFileSync(file, customModel());
    const client = await LspClient.start({ settings: { modelPath: file }, initializationOptions: { workspaceTrusted: false } });
    try {
      const u = uri('untrusted');
      client.open(u, 'yaml', WORKFLOW, 1);
      assert.deepEqual(codes(await client.diagnosticsFor(u, 1)), ['unsupported-platform', 'removed-platform']);
      const seen = client.publications(u);
      // Trust granted: the client tells the server, which reads the file now.
      void client.conn.sendNotification('k8sPlatforms/workspaceTrust', { trusted: true });
      const next = await client.nextPublication(u, seen);
      assert.deepEqual(codes(next.diagnostics), ['removed-platform']);
    } finally {
      await client.stop();
    }
  });
});

describe('didChangeConfiguration that is not an editor’s', () => {
  it('a pushed k8sPlatforms section that is no object: a warning naming it, and the defaults apply', async () => {
    const client = await LspClient.start({ capabilities: editorCapabilities({ configuration: false }), initializationOptions: { settings: { requiredTier: 1 } } });
    try {
      const u = uri('not-an-object');
      client.open(u, 'yaml', WORKFLOW, 1);
      assert.ok(codes(await client.diagnosticsFor(u, 1)).includes('below-required-tier'));
      const shown = client.shown.length;
      const seen = client.publications(u);
      void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { k8sPlatforms: 'strict' } });
      const warning = await client.until('a warning', () => client.shown.slice(shown).find((m) => m.type === 2));
      assert.match(warning.message, /k8sPlatforms: expected an object of settings, not "strict"/);
      const next = await client.nextPublication(u, seen);
      assert.ok(!codes(next.diagnostics).includes('below-required-tier'), 'the defaults apply');
    } finally {
      await client.stop();
    }
  });

  it('a k8sPlatforms section answered as a string or a number: a warning naming it, as a list gets, and the defaults apply (QA 167 B2)', async () => {
    for (const bad of ['garbage', 42]) {
      const client = await LspClient.start({ settings: bad as unknown as Record<string, unknown>, initializationOptions: { settings: { requiredTier: 1 } } });
      try {
        const u = uri(`scalar-${typeof bad}`);
        client.open(u, 'yaml', WORKFLOW, 1);
        const warning = await client.until('a warning', () => client.shown.find((m) => m.type === 2));
        assert.match(warning.message, new RegExp(`k8sPlatforms: expected an object of settings, not ${JSON.stringify(bad)}`));
        // (Not the settings of initializationOptions either: the answer said something, wrongly.)
        assert.ok(!codes(await client.diagnosticsFor(u, 1)).includes('below-required-tier'), 'the defaults apply');
      } finally {
        await client.stop();
      }
    }
  });

  it('no params, or settings that are not an object: no error logged, and the server keeps answering', async () => {
    const client = await LspClient.start({ capabilities: editorCapabilities({ configuration: false }), initializationOptions: { settings: { requiredTier: 1 } } });
    try {
      const u = uri('odd-config');
      client.open(u, 'yaml', WORKFLOW, 1);
      const before = codes(await client.diagnosticsFor(u, 1));
      assert.ok(before.includes('below-required-tier'));
      for (const params of [null, {}, { settings: 'x' }, { settings: 5 }, { settings: null }]) {
        await client.conn.sendNotification('workspace/didChangeConfiguration', params);
      }
      const h = await client.hover(u, { line: 0, character: 0 });
      assert.equal(h, null);
      assert.deepEqual(client.logs.filter((l) => /failed|TypeError/.test(l.message)), []);
    } finally {
      await client.stop();
    }
  });
});
