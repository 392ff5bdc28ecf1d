// Emacs with eglot against the built server, started as `k8s-platforms-language-server --stdio`
// from PATH with the README's eglot configuration: emacs.el runs inside a batch Emacs, waits for
// the Flymake diagnostics eglot makes of the server's and asks for hovers, and prints them; this
// file checks the lines. Eglot is built into Emacs 29+; on Debian 12 (Emacs 28) it is the
// elpa-eglot package, which .ci/run installs with emacs-nox.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

const repo = resolve(__dirname, '../..');
const server = join(repo, 'dist/server.js');
const bin = join(repo, 'bin/k8s-platforms-language-server.js');
const script = join(__dirname, 'emacs.el');
const TIMEOUT_MS = 30_000;

const MAKEFILE = 'PLATFORMS := linux/amd64 linux/arm linux/s390x\n\nbuild:\n\t@echo $(PLATFORMS)\n';
const WORKFLOW = [
  'name: release',
  'on: push',
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: docker/build-push-action@v6',
  '        with:',
  '          platforms: linux/amd64,linux/arm/v7,linux/s390x',
  '',
].join('\n');

function emacsVersion(): string | undefined {
  const probe = spawnSync('emacs', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.split('\n')[0] : undefined;
}

interface Output {
  servers: Map<string, string>;
  diagnostics: Map<string, string[]>;
  configuration: string[];
  hovers: Map<string, { at: string; text: string }>;
}

function parse(stdout: string): Output {
  const out: Output = { servers: new Map(), diagnostics: new Map(), configuration: [], hovers: new Map() };
  for (const line of stdout.split('\n')) {
    let m: RegExpMatchArray | null;
    if ((m = /^server (\S+) (\d+)$/.exec(line))) out.servers.set(m[1], m[2]);
    else if ((m = /^diagnostic (\S+) (.+)$/.exec(line))) out.diagnostics.set(m[1], [...(out.diagnostics.get(m[1]) ?? []), m[2]]);
    else if ((m = /^configuration (.+)$/.exec(line))) out.configuration.push(m[1]);
    else if ((m = /^hover (\S+) (\d+:\d+) (.*)$/.exec(line))) out.hovers.set(m[1], { at: m[2], text: m[3].replace(/\\n/g, '\n') });
  }
  return out;
}

describe('Emacs, through eglot', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'k8s-platforms-emacs-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('shows removed and below-tier platforms in a Makefile and a workflow, with hovers, settings from workspace/configuration', async (t) => {
    const version = emacsVersion();
    if (!version) {
      const why = 'emacs is not installed: apt-get install -y emacs-nox elpa-eglot to run this test (.ci/run does, and requires it)';
      // .ci/run sets this: there a missing editor is a failure, not a skip.
      assert.notEqual(process.env.K8S_PLATFORMS_EDITOR_TESTS, 'required', why);
      t.skip(why);
      return;
    }
    assert.ok(existsSync(server), `${server} is missing: run npm run build first`);

    // A project (eglot's root is the version-control root: an empty .git is enough) with a
    // Makefile and a workflow, and the server's bin on PATH under the name the README uses.
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'home'));
    writeFileSync(join(dir, 'Makefile'), MAKEFILE);
    writeFileSync(join(dir, '.github/workflows/release.yml'), WORKFLOW);
    symlinkSync(bin, join(dir, 'bin/k8s-platforms-language-server'));

    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const child = execFile(
        'emacs',
        ['--batch', '-Q', '-l', script, 'Makefile', '.github/workflows/release.yml', '--eval', '(k8s-run-safely)'],
        {
          cwd: dir,
          timeout: TIMEOUT_MS,
          env: {
            ...process.env,
            // The bin's `#!/usr/bin/env node` finds this Node first.
            PATH: [join(dir, 'bin'), dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
            HOME: join(dir, 'home'),
            K8S_WAIT_FOR: 'removed-platform below-required-tier',
            K8S_HOVER: 'Makefile=linux/arm;release.yml=linux/s390x',
          },
        },
        (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
      );
      child.stdin?.end();
    });
    const report = `${version} (exit ${result.code}):\n${result.stderr}${result.stdout}`;
    assert.equal(result.code, 0, `${version} failed ${report}`);
    assert.match(result.stdout, /^emacs\.el: ok$/m, report);
    const out = parse(result.stdout);

    // One server for both files: the README's mode list puts makefile-gmake-mode and yaml-mode together.
    assert.ok(out.servers.get('Makefile'), report);
    assert.equal(out.servers.get('release.yml'), out.servers.get('Makefile'), report);

    // Flymake's positions, 1-based like the CLI's: linux/arm at 1:26, linux/s390x at 1:36.
    assert.deepEqual(
      out.diagnostics.get('Makefile'),
      ['1:26 removed-platform eglot-error k8s-platforms', '1:36 below-required-tier eglot-warning k8s-platforms'],
      report,
    );
    assert.deepEqual(
      out.diagnostics.get('release.yml'),
      ['9:34 removed-platform eglot-error k8s-platforms', '9:47 below-required-tier eglot-warning k8s-platforms'],
      report,
    );

    // requiredTier 1 (the server's default is 3) came from eglot-workspace-configuration: the
    // server asked for its section and eglot answered it.
    assert.ok(out.configuration.length > 0, `the server never asked workspace/configuration\n${report}`);
    for (const answer of out.configuration) assert.equal(answer, 'k8sPlatforms {"requiredTier":1}', report);

    const arm = out.hovers.get('Makefile');
    assert.ok(arm, `no hover line for linux/arm\n${report}`);
    assert.equal(arm.at, '1:30', report);
    assert.match(arm.text, /linux\/arm/, report);
    assert.match(arm.text, /removed/i, report);
    const s390x = out.hovers.get('release.yml');
    assert.ok(s390x, `no hover line for linux/s390x\n${report}`);
    assert.equal(s390x.at, '9:52', report);
    assert.match(s390x.text, /linux\/s390x/, report);
    assert.match(s390x.text, /tier 2/i, report);
  });
});
