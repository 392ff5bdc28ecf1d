import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCache, writeCache } from '../../server/src/codeCache';
import { LspClient, repo } from '../support/lspClient';

/**
 * dist/server.js runs the server's bundle with the V8 code cache the build made (see
 * server/src/codeCache.ts). The cache must be used when it fits, and be ignored, with the server
 * working the same, when it does not: another bundle, damaged bytes, other V8 flags, no file.
 */

const WORKFLOW = `jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/build-push-action@v6
        with:
          platforms: linux/amd64,linux/arm/v7,linux/x86_64
`;
const EXPECTED = ['7:34 removed-platform', '7:47 duplicate-platform', '7:47 non-canonical-platform'];

/** Starts the server in `dist`, lints the workflow, and returns what became of the cache. */
async function run(dist: string, nodeArgs: string[] = []): Promise<{ outcome: string; findings: string[] }> {
  const client = await LspClient.start({ bundle: join(dist, 'server.js'), nodeArgs, env: { ...process.env, K8S_PLATFORMS_CODE_CACHE: 'report' } });
  try {
    const uri = 'file:///cache-test/.github/workflows/build.yml';
    client.open(uri, 'yaml', WORKFLOW);
    const diagnostics = await client.diagnosticsFor(uri, 1, 10_000);
    const findings = diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`).sort();
    const outcome = /code cache (\w+)/.exec(client.stderr)?.[1] ?? `none in: ${client.stderr}`;
    return { outcome, findings };
  } finally {
    await client.stop();
  }
}

describe('the server started from its code cache', () => {
  let dir: string;
  const copy = (name: string) => {
    const to = join(dir, name);
    cpSync(join(repo, 'dist'), to, { recursive: true, filter: (src) => !src.endsWith('.map') });
    return to;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'k8s-code-cache-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the cache the build made, with the same findings as without it', async () => {
    assert.ok(existsSync(join(repo, 'dist/server-main.cache')), 'npm run build writes dist/server-main.cache');
    const used = await run(join(repo, 'dist'));
    assert.deepEqual(used, { outcome: 'used', findings: EXPECTED });
  });

  it('ignores a cache made from another bundle', async () => {
    const dist = copy('stale');
    appendFileSync(join(dist, 'server-main.js'), '\n// edited after the build\n');
    assert.deepEqual(await run(dist), { outcome: 'stale', findings: EXPECTED });
  });

  it('ignores a damaged or truncated cache, and a missing one', async () => {
    const damaged = copy('damaged');
    const bytes = readFileSync(join(damaged, 'server-main.cache'));
    bytes[bytes.length - 100] ^= 0xff;
    writeFileSync(join(damaged, 'server-main.cache'), bytes);
    assert.deepEqual(await run(damaged), { outcome: 'corrupt', findings: EXPECTED });

    const truncated = copy('truncated');
    writeFileSync(join(truncated, 'server-main.cache'), bytes.subarray(0, 150));
    assert.deepEqual(await run(truncated), { outcome: 'corrupt', findings: EXPECTED });

    const missing = copy('missing');
    rmSync(join(missing, 'server-main.cache'));
    assert.deepEqual(await run(missing), { outcome: 'absent', findings: EXPECTED });
  });

  it("stack traces of a copy elsewhere name the package's file, not the build machine's path (QA 146 B1)", async () => {
    const dist = copy('installed');
    // A client that takes fixes as Commands and fails the server's applyEdit: the error the server
    // gets back is logged with its stack.
    const client = await LspClient.start({ bundle: join(dist, 'server.js'), env: { ...process.env, K8S_PLATFORMS_CODE_CACHE: 'report' }, capabilities: { textDocument: { codeAction: {} }, workspace: { applyEdit: true } } });
    try {
      const doc = 'file:///virtual/cache/Makefile';
      client.open(doc, 'makefile', 'PLATFORMS := linux/amd64 linux/arm/v7\n', 1);
      const [d] = await client.diagnosticsFor(doc, 1);
      const fix = ((await client.codeActions(doc, d.range, [d])) as unknown as { command: string; arguments: unknown[] }[])[0]!;
      client.conn.onRequest('workspace/applyEdit', () => {
        throw new Error('the editor failed');
      });
      assert.equal(await client.conn.sendRequest('workspace/executeCommand', { command: fix.command, arguments: fix.arguments }), null);
      const logged = await client.until('the logged error', () => client.logs.find((l) => /\n\s+at /.test(l.message)));
      assert.match(client.stderr, /code cache used/);
      assert.match(logged.message, /k8s-platforms\/dist\/server-main\.js:\d+:\d+/);
      assert.doesNotMatch(logged.message, new RegExp(join(repo, 'dist').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
    } finally {
      await client.stop();
    }
  });

  it('is rejected by V8 when the server runs with other compiler flags', async () => {
    assert.deepEqual(await run(join(repo, 'dist'), ['--turbofan']), { outcome: 'rejected', findings: EXPECTED });
  });
});

describe('code cache files', () => {
  it('hold the data for the source they were made from, and nothing for any other or when damaged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-code-cache-file-'));
    try {
      const file = join(dir, 'x.cache');
      const data = Buffer.from('some compiled code');
      writeCache(file, 'source one', data);
      assert.deepEqual(readCache(file, 'source one'), { data, outcome: 'used' });
      assert.deepEqual(readCache(file, 'source two'), { outcome: 'stale' });
      assert.deepEqual(readCache(join(dir, 'none.cache'), 'source one'), { outcome: 'absent' });
      const bytes = readFileSync(file);
      bytes[bytes.length - 1] ^= 1;
      writeFileSync(file, bytes);
      assert.deepEqual(readCache(file, 'source one'), { outcome: 'corrupt' });
      writeFileSync(file, 'not a cache at all');
      assert.deepEqual(readCache(file, 'source one'), { outcome: 'corrupt' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
