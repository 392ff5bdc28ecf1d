import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { LspClient, fileUri } from '../support/lspClient';

// The npm package as a user gets it: `npm pack` (what a registry serves), unpacked in a folder
// with no node_modules anywhere above it, and both of its commands run from there.

const repo = resolve(__dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let dir: string;
let pkg: string;
let files: string[];

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8s-platforms-pack-'));
  // The build ran before the tests (pretest): pack what is there, without building again.
  const out = execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: repo, encoding: 'utf8' });
  const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  files = packed.files.map((f) => f.path).sort();
  execFileSync('tar', ['xzf', join(dir, packed.filename), '-C', dir]);
  pkg = join(dir, 'package');
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('the npm package', () => {
  it('holds the bundles, the model, the grammar and the docs, and no sources, tests or maps', () => {
    for (const f of ['bin/k8s-platforms.js', 'bin/k8s-platforms-language-server.js', 'dist/cli.js', 'dist/server.js', 'dist/server-main.js', 'dist/vendor/yaml.js', 'dist/vendor/zod.js', 'dist/client.js', 'data/platforms.json', 'README.md', 'LICENSE']) {
      assert.ok(files.includes(f), `${f} is in the package: ${files.join(' ')}`);
    }
    const stray = files.filter((f) => /^(test|bench|server|client|docs|\.ci)\/|\.map$|\.ts$/.test(f));
    assert.deepEqual(stray, []);
  });

  it('needs nothing installed beside it: every library is bundled', () => {
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
    assert.equal(manifest.dependencies, undefined);
  });

  it('is packed with a manifest without scripts (they build from sources it does not hold), and the checkout keeps its own', () => {
    const copy = mkdtempSync(join(tmpdir(), 'k8s-platforms-manifest-'));
    try {
      const original = readFileSync(join(repo, 'package.json'), 'utf8');
      writeFileSync(join(copy, 'package.json'), original);
      const run = (command: string) => execFileSync(process.execPath, [join(repo, 'pack-manifest.mjs'), command], { cwd: copy });
      run('strip');
      const packed = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8'));
      assert.equal(packed.scripts, undefined);
      assert.deepEqual({ ...packed, scripts: undefined }, { ...JSON.parse(original), scripts: undefined });
      // (A pack that failed after the strip: the next strip starts from the checkout's manifest.)
      run('strip');
      run('restore');
      assert.equal(readFileSync(join(copy, 'package.json'), 'utf8'), original);
      // npm runs the two around a pack.
      const scripts = JSON.parse(original).scripts as Record<string, string>;
      assert.match(scripts.prepack, /&& node pack-manifest\.mjs strip$/);
      assert.equal(scripts.postpack, 'node pack-manifest.mjs restore');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('lints with the k8s-platforms command', () => {
    const file = join(dir, 'build.yml');
    writeFileSync(file, 'platforms: linux/amd64,linux/arm\n');
    const r = spawnSync(process.execPath, [join(pkg, 'bin/k8s-platforms.js'), 'lint', '--format', 'json', file], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const findings = JSON.parse(r.stdout) as { code: string; line: number; column: number }[];
    assert.deepEqual(
      findings.map((f) => [f.code, f.line, f.column]),
      [['removed-platform', 1, 24]],
    );
  });

  it('serves diagnostics with the k8s-platforms-language-server command', async () => {
    const client = await LspClient.start({ bundle: join(pkg, 'bin/k8s-platforms-language-server.js'), cwd: dir, rootDir: dir });
    try {
      const uri = fileUri(join(dir, '.github/workflows/build.yml'));
      client.open(uri, 'yaml', 'jobs:\n  b:\n    steps:\n      - with:\n          platforms: linux/amd64,linux/riscv64\n');
      const diagnostics = await client.diagnosticsFor(uri, 1);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
        [['unsupported-platform', 4, 33]],
      );
    } finally {
      await client.stop();
    }
  });
});
