// Neovim's built-in LSP client against the built server (dist/server.js over stdio): the checks
// themselves are in neovim.lua, run inside a headless Neovim, so they go through the same client
// code a Neovim user's config does.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '../..');
const server = join(repo, 'dist/server.js');
const script = join(__dirname, 'neovim.lua');
const workflow = join(repo, '../shared/corpus/gha-buildx/.github/workflows/release.yml');
const TIMEOUT_MS = 60_000;

function neovimVersion(): string | undefined {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.split('\n')[0] : undefined;
}

describe('Neovim, through its built-in LSP client', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'k8s-platforms-nvim-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the removed and duplicate platforms of a workflow and the tier of linux/s390x on hover', async (t) => {
    const version = neovimVersion();
    if (!version) {
      const why = 'nvim is not installed: apt-get install -y neovim to run this test (.ci/run does, and requires it)';
      // .ci/run sets this: there a missing editor is a failure, not a skip.
      assert.notEqual(process.env.K8S_PLATFORMS_EDITOR_TESTS, 'required', why);
      t.skip(why);
      return;
    }
    assert.ok(existsSync(server), `${server} is missing: run npm run build first`);
    assert.ok(existsSync(workflow), `${workflow} is missing: the shared corpus sits next to the repository`);

    // A copy, so Neovim sees a writable file in a folder of its own with the workflow's path.
    const file = join(dir, '.github/workflows/release.yml');
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    copyFileSync(workflow, file);

    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const child = execFile(
        'nvim',
        ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${script}`],
        {
          cwd: dir,
          timeout: TIMEOUT_MS,
          // Neovim's own state (LSP log, shada) goes to the temp folder, not the user's home.
          env: { ...process.env, K8S_SERVER: server, K8S_FILE: file, K8S_NODE: process.execPath, XDG_STATE_HOME: dir, XDG_CACHE_HOME: dir, XDG_DATA_HOME: dir },
        },
        (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
      );
      child.stdin?.end();
    });
    assert.equal(result.code, 0, `${version} failed (exit ${result.code}):\n${result.stderr}${result.stdout}`);
    assert.match(result.stdout, /neovim\.lua: ok/);
  });
});
