// Neovim's built-in LSP client against the built server (dist/server.js over stdio): the checks
// themselves are in neovim.lua, run inside a headless Neovim, so they go through the same client
// code a Neovim user's config does.
import { describe, it, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

const repo = resolve(__dirname, '../..');
const server = join(repo, 'dist/server.js');
const script = join(__dirname, 'neovim.lua');
const workflow = join(repo, '../shared/corpus/gha-buildx/.github/workflows/release.yml');
const TIMEOUT_MS = 60_000;
const bin = join(repo, 'bin/k8s-platforms-language-server.js');
const readmeDriver = join(__dirname, 'neovim-readme.lua');

/** The README's Lua block that follows the line starting with `heading`. */
function readmeSnippet(heading: string): string {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const at = readme.indexOf(`\n${heading}`);
  assert.ok(at >= 0, `the README has no section starting with ${heading}`);
  const open = readme.indexOf('```lua\n', at);
  const close = readme.indexOf('\n```', open + 7);
  assert.ok(open >= 0 && close > open, `the README has no Lua block after ${heading}`);
  return readme.slice(open + 7, close + 1);
}

function neovimVersion(): string | undefined {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.split('\n')[0] : undefined;
}

/** Neovim's version, or undefined when the test is skipped for want of it. */
function neovimOrSkip(t: TestContext): string | undefined {
  const version = neovimVersion();
  if (version) return version;
  const why = 'nvim is not installed: apt-get install -y neovim to run this test (.ci/run does, and requires it)';
  // .ci/run sets this: there a missing editor is a failure, not a skip.
  assert.notEqual(process.env.K8S_PLATFORMS_EDITOR_TESTS, 'required', why);
  t.skip(why);
  return undefined;
}

/** Runs a headless Neovim with `args` in `cwd`: its exit code and output. */
function runNeovim(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = execFile('nvim', ['--headless', '--clean', ...args], { cwd, timeout: TIMEOUT_MS, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

describe('Neovim, through its built-in LSP client', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'k8s-platforms-nvim-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the removed and duplicate platforms of a workflow and the tier of linux/s390x on hover', async (t) => {
    const version = neovimOrSkip(t);
    if (!version) return;
    assert.ok(existsSync(server), `${server} is missing: run npm run build first`);
    assert.ok(existsSync(workflow), `${workflow} is missing: the shared corpus sits next to the repository`);

    // A copy, so Neovim sees a writable file in a folder of its own with the workflow's path.
    const file = join(dir, '.github/workflows/release.yml');
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    copyFileSync(workflow, file);

    // Neovim's own state (LSP log, shada) goes to the temp folder, not the user's home.
    const result = await runNeovim(['-u', 'NONE', '-c', `luafile ${script}`], dir, { K8S_SERVER: server, K8S_FILE: file, K8S_NODE: process.execPath, XDG_STATE_HOME: dir, XDG_CACHE_HOME: dir, XDG_DATA_HOME: dir });
    assert.equal(result.code, 0, `${version} failed (exit ${result.code}):\n${result.stderr}${result.stdout}`);
    assert.match(result.stdout, /neovim\.lua: ok/);
  });

  it("runs the README's Neovim 0.7 snippet as written: one client for a workflow and a Makefile, its settings from init_options", async (t) => {
    const version = neovimOrSkip(t);
    if (!version) return;
    assert.ok(existsSync(server), `${server} is missing: run npm run build first`);
    const snippet = readmeSnippet('Neovim 0.7');
    // Copied as written but for the tier, so that the settings are seen to arrive: tier 1 makes
    // linux/s390x (tier 2) below-required-tier, which the default (3) does not.
    assert.match(snippet, /requiredTier = 3/);
    const project = join(dir, 'readme07');
    mkdirSync(join(project, '.github/workflows'), { recursive: true });
    mkdirSync(join(project, 'bin'));
    writeFileSync(join(project, 'init.lua'), snippet.replace('requiredTier = 3', 'requiredTier = 1'));
    writeFileSync(join(project, '.github/workflows/build.yml'), 'jobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker buildx build --platform linux/amd64,linux/s390x,linux/arm/v7 .\n');
    writeFileSync(join(project, 'Makefile'), 'PLATFORMS ?= linux/amd64 linux/arm\n');
    symlinkSync(bin, join(project, 'bin/k8s-platforms-language-server'));

    const result = await runNeovim(['-u', 'init.lua', '-c', 'filetype on', '-c', `luafile ${readmeDriver}`], project, {
      // The bin's `#!/usr/bin/env node` finds this Node first.
      PATH: [join(project, 'bin'), dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
      K8S_FILES: '.github/workflows/build.yml,Makefile',
      XDG_STATE_HOME: project,
      XDG_CACHE_HOME: project,
      XDG_DATA_HOME: project,
    });
    const report = `${version} (exit ${result.code}):\n${result.stderr}${result.stdout}`;
    assert.equal(result.code, 0, report);
    const lines = result.stdout.split('\n').filter((l) => l !== '' && !l.startsWith('neovim-readme.lua'));
    assert.deepEqual(
      lines.sort(),
      [
        '.github/workflows/build.yml 5:57 below-required-tier',
        '.github/workflows/build.yml 5:69 removed-platform',
        'Makefile 1:26 removed-platform',
        'clients 1',
      ],
      report,
    );
  });
});
