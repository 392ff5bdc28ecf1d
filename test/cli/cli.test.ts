import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, symlinkSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { sarifShare } from '../../server/src/sarif';
import { runCli } from '../../server/src/cli';

const repo = resolve(__dirname, '../..');
const bin = join(repo, 'bin/k8s-platforms.js');

/** Runs the built CLI as a user would. */
function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI function in-process with captured streams. */
async function call(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd });
  return { code, stdout, stderr };
}

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8s-platforms-cli-'));
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  writeFileSync(join(dir, '.github/workflows/build.yml'), 'jobs:\n  b:\n    steps:\n      - with:\n          platforms: linux/amd64,linux/arm/v7\n');
  mkdirSync(join(dir, 'clean'));
  writeFileSync(join(dir, 'clean/Makefile'), 'PLATFORMS := linux/amd64 linux/arm64\n');
  mkdirSync(join(dir, 'warn'));
  writeFileSync(join(dir, 'warn/Dockerfile'), 'FROM --platform=linux/riscv64 alpine\n');
  mkdirSync(join(dir, 'node_modules/x'), { recursive: true });
  writeFileSync(join(dir, 'node_modules/x/Makefile'), 'PLATFORMS := linux/arm\n');
  mkdirSync(join(dir, 'vendor'));
  writeFileSync(join(dir, 'vendor/build.sh'), 'GOARCH=arm go build\n');
  mkdirSync(join(dir, 'odd'));
  writeFileSync(join(dir, 'odd/bin.sh'), Buffer.from([0x47, 0x4f, 0x00, 0x01, 0x02]));
  writeFileSync(join(dir, 'odd/big.sh'), `GOARCH=arm\n${'#'.repeat(2000)}\n`);
  symlinkSync(join(dir, 'nowhere.sh'), join(dir, 'odd/dangling.sh'));
  symlinkSync(join(dir, 'odd'), join(dir, 'odd/loop'));
  writeFileSync(join(dir, 'odd/README.md'), 'GOARCH=arm is prose here\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('k8s-platforms lint', () => {
  it('prints path:line:col: severity code message and exits 1 on errors', () => {
    const r = cli(['lint', '.github'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^\.github\/workflows\/build\.yml:5:34: error removed-platform linux\/arm\/v7 was removed/m);
  });
  it('a path that starts with :: gets ./ before it in text output: no line is a GitHub workflow command (QA 151 B2)', () => {
    const u = mkdtempSync(join(tmpdir(), 'k8s-platforms-inject-'));
    try {
      for (const name of ['::error file=README.md,line=1::x.Dockerfile', ' ::stop-commands::y.Dockerfile']) writeFileSync(join(u, name), 'FROM --platform=linux/arm alpine\n');
      const r = cli(['lint', '.'], u);
      assert.equal(r.code, 1);
      const lines = r.stdout.trimEnd().split('\n');
      assert.deepEqual(lines.map((l) => l.slice(0, l.indexOf('.Dockerfile:'))).sort(), ['./ ::stop-commands::y', './::error file=README.md,line=1::x']);
      assert.ok(lines.every((l) => !/^\s*::/.test(l)), r.stdout);
    } finally {
      rmSync(u, { recursive: true, force: true });
    }
  });
  it('exits 0 when only warnings are found, and 0 on a clean tree', () => {
    assert.equal(cli(['lint', 'warn'], dir).code, 0);
    const clean = cli(['lint', 'clean'], dir);
    assert.equal(clean.code, 0);
    assert.equal(clean.stdout, '');
    // A CI log tells a clean run from one that linted nothing (QA 228 D2).
    assert.equal(clean.stderr, 'k8s-platforms: no findings in 1 file linted\n');
    assert.match(cli(['lint', 'clean', 'warn'], dir).stderr, /^k8s-platforms: 1 finding in 1 file \(0 errors\)\n$/);
    // After an error that left nothing to lint, the error is the last line (QA 229 D4); beside a linted file, the count follows it.
    assert.equal(cli(['lint', 'missing.yml'], dir).stderr, 'k8s-platforms: missing.yml: no such file or folder\n');
    assert.match(cli(['lint', 'missing.yml', 'clean'], dir).stderr, /no such file or folder\nk8s-platforms: no findings in 1 file linted\n$/);
  });
  it('walks folders, skipping .git, node_modules and vendor, noting binary, big and broken files on stderr', () => {
    const r = cli(['lint', '--format', 'json', '--max-file-size', '1000', '.'], dir);
    const files = new Set((JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file));
    assert.deepEqual([...files].sort(), ['.github/workflows/build.yml', 'warn/Dockerfile']);
    assert.match(r.stderr, /odd\/bin\.sh: skipped: binary file/);
    assert.match(r.stderr, /odd\/big\.sh: skipped: \d+ bytes is over the 1000-byte limit/);
    assert.match(r.stderr, /odd\/dangling\.sh: skipped: dangling symbolic link/);
    assert.match(r.stderr, /odd\/loop: skipped: symbolic link loop/);
    assert.doesNotMatch(r.stderr, /README/);
    assert.equal(r.code, 1);
  });
  it('--format json prints findings with 1-based positions and an exclusive endColumn', () => {
    const r = cli(['lint', '--format', 'json', '.github'], dir);
    assert.deepEqual(JSON.parse(r.stdout), [
      {
        file: '.github/workflows/build.yml',
        line: 5,
        column: 34,
        endLine: 5,
        endColumn: 46,
        severity: 'error',
        code: 'removed-platform',
        message: JSON.parse(r.stdout)[0].message,
      },
    ]);
    assert.equal(cli(['lint', '--format', 'json', 'clean'], dir).stdout.trim(), '[]');
  });
  it('--format sarif writes SARIF 2.1.0 with the fields code scanning needs', () => {
    const r = cli(['lint', '--format', 'sarif', '.'], dir);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'k8s-platforms');
    const ruleIds = run.tool.driver.rules.map((x: { id: string }) => x.id);
    assert.ok(ruleIds.includes('removed-platform') && ruleIds.includes('non-canonical-platform'));
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'removed-platform');
    assert.equal(result.level, 'error');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'removed-platform');
    assert.ok(result.message.text.length > 0);
    const loc = result.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uri, '.github/workflows/build.yml');
    assert.deepEqual(loc.region, { startLine: 5, startColumn: 34, endLine: 5, endColumn: 46 });
    assert.ok(result.partialFingerprints.primaryLocationLineHash);
    const warn = run.results.find((x: { ruleId: string }) => x.ruleId === 'unsupported-platform');
    assert.equal(warn.level, 'warning');
  });
  it('SARIF: line hashes as upload-sarif computes them, URIs that keep # and ? in the path, %SRCROOT% defined', async () => {
    const u = mkdtempSync(join(tmpdir(), 'k8s-platforms-sarif-'));
    try {
      mkdirSync(join(u, 'C#'));
      mkdirSync(join(u, 'q?x'));
      const body = 'FROM --platform=linux/arm/v7 golang:1.22\n';
      writeFileSync(join(u, 'C#/Dockerfile'), body);
      writeFileSync(join(u, 'q?x/Dockerfile'), `# moved down a line\n${body}`);
      const run = JSON.parse((await call(['lint', '--format', 'sarif', '.'], u)).stdout).runs[0];
      const results = run.results as { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; partialFingerprints: { primaryLocationLineHash: string } }[];
      assert.deepEqual(
        results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri),
        ['C%23/Dockerfile', 'q%3Fx/Dockerfile'],
      );
      assert.deepEqual(results.map((r) => r.locations[0].physicalLocation.region.startLine), [1, 2]);
      // The same line, moved: the same identity, in upload-sarif's `hex:n` form.
      const [a, b] = results.map((r) => r.partialFingerprints.primaryLocationLineHash);
      assert.match(a, /^[0-9a-f]{1,16}:1$/);
      assert.equal(a, b);
      assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `${require('node:url').pathToFileURL(u).href}/`);
      // A file outside the folder the CLI runs in is named by its absolute URI, not by `../` from %SRCROOT%.
      const outside = JSON.parse((await call(['lint', '--format', 'sarif', '../C#/Dockerfile'], join(u, 'q?x'))).stdout).runs[0].results[0];
      assert.deepEqual(outside.locations[0].physicalLocation.artifactLocation, { uri: require('node:url').pathToFileURL(join(u, 'C#/Dockerfile')).href });
      assert.deepEqual(run.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
      // What was skipped is in the log too, for the tool status page.
      writeFileSync(join(u, 'bin.sh'), Buffer.from([0x41, 0, 0x42]));
      const skipped = JSON.parse((await call(['lint', '--format', 'sarif', '.', 'missing'], u)).stdout).runs[0].invocations[0];
      assert.equal(skipped.executionSuccessful, false);
      assert.deepEqual(skipped.toolExecutionNotifications, [
        { level: 'note', message: { text: 'bin.sh: skipped: binary file' } },
        { level: 'error', message: { text: 'missing: no such file or folder' } },
      ]);
      // JSON output keeps its eight keys.
      const json = JSON.parse((await call(['lint', '--format', 'json', '.'], u)).stdout);
      assert.deepEqual(Object.keys(json[0]).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
    } finally {
      rmSync(u, { recursive: true, force: true });
    }
  });

  it('SARIF: paths are from the repository root when the CLI runs in a folder of it, as code scanning reads them', async () => {
    const u = mkdtempSync(join(tmpdir(), 'k8s-platforms-sarif-root-'));
    try {
      mkdirSync(join(u, '.git'));
      mkdirSync(join(u, 'deploy', 'ci'), { recursive: true });
      writeFileSync(join(u, 'deploy', 'ci', 'build.sh'), 'GOOS=linux GOARCH=arm go build\n');
      const run = JSON.parse((await call(['lint', '--format', 'sarif', '.'], join(u, 'deploy'))).stdout).runs[0];
      assert.deepEqual(run.results[0].locations[0].physicalLocation.artifactLocation, { uri: 'deploy/ci/build.sh', uriBaseId: '%SRCROOT%' });
      assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, require('node:url').pathToFileURL(u + sep).href);
      // The text output stays relative to where it ran.
      assert.match((await call(['lint', '.'], join(u, 'deploy'))).stdout, /^ci\/build\.sh:1:19: error removed-platform/);
    } finally {
      rmSync(u, { recursive: true, force: true });
    }
  });

  it('SARIF keeps the most severe when it must cut: errors, warnings, information, hints, each in the order found', () => {
    const f = (severity: 'error' | 'warning' | 'info' | 'hint', n: number) => ({ severity, n });
    const all = [f('hint', 1), f('info', 2), f('warning', 3), f('hint', 4), f('info', 5), f('error', 6)];
    assert.equal(sarifShare(all, 6), undefined);
    assert.deepEqual(sarifShare(all, 4)!.map((x) => x.n), [2, 3, 5, 6]);
    assert.deepEqual(sarifShare(all, 3)!.map((x) => x.n), [2, 3, 6]);
    assert.deepEqual(sarifShare(all, 5)!.map((x) => x.n), [1, 2, 3, 5, 6]);
  });

  it('SARIF: a run holds 25,000 results at most, the most severe, and says how many it left out (code scanning rejects more)', async () => {
    const u = mkdtempSync(join(tmpdir(), 'k8s-platforms-sarif-cap-'));
    try {
      // 25,010 warnings, then three errors: the errors are kept, and the first 24,997 warnings.
      writeFileSync(join(u, 'a.sh'), 'GOOS=linux GOARCH=riscv64 go build\n'.repeat(25_010));
      writeFileSync(join(u, 'b.sh'), 'GOOS=linux GOARCH=arm go build\n'.repeat(3));
      const r = await call(['lint', '--format', 'sarif', '.'], u);
      assert.equal(r.code, 1);
      const run = JSON.parse(r.stdout).runs[0];
      assert.equal(run.results.length, 25_000);
      assert.equal(run.results.filter((x: { level: string }) => x.level === 'error').length, 3);
      assert.equal(run.results[24_996].locations[0].physicalLocation.region.startLine, 24_997);
      const said = '13 of 25013 findings left out of the SARIF log: code scanning rejects a run of more than 25000 results; the most severe are kept';
      assert.deepEqual(run.invocations[0].toolExecutionNotifications, [{ level: 'warning', message: { text: said } }]);
      assert.match(r.stderr, new RegExp(said));
      // Other formats keep every finding.
      assert.equal(JSON.parse((await call(['lint', '--format', 'json', '.'], u)).stdout).length, 25_013);
    } finally {
      rmSync(u, { recursive: true, force: true });
    }
  });
  it('--format github writes workflow commands, GitHub Actions annotations on the lines, escaped', async () => {
    const u = mkdtempSync(join(tmpdir(), 'k8s-platforms-github-'));
    try {
      mkdirSync(join(u, 'a,b:c'));
      writeFileSync(join(u, 'a,b:c/Dockerfile'), 'FROM --platform=linux/arm/v7 golang\nFROM --platform=linux/riscv64 x\nFROM --platform=linux/x86_64 y\n');
      const r = await call(['lint', '--format', 'github', '.'], u);
      assert.equal(r.code, 1);
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines.length, 3);
      assert.match(lines[0], /^::error file=a%2Cb%3Ac\/Dockerfile,line=1,endLine=1,col=17,endColumn=29,title=k8s-platforms removed-platform::linux\/arm\/v7 was removed/);
      assert.match(lines[1], /^::warning file=a%2Cb%3Ac\/Dockerfile,line=2,.*title=k8s-platforms unsupported-platform::/);
      assert.match(lines[2], /^::notice .*title=k8s-platforms non-canonical-platform::/);
      mkdirSync(join(u, 'clean'));
      writeFileSync(join(u, 'clean/Makefile'), 'PLATFORMS := linux/amd64\n');
      assert.equal((await call(['lint', '--format', 'github', 'clean'], u)).stdout, '');
      // In a repository, paths are the repository's, wherever the job runs (working-directory: …).
      mkdirSync(join(u, '.git'));
      const sub = await call(['lint', '--format', 'github', '.', '../clean'], join(u, 'a,b:c'));
      assert.match(sub.stdout, /^::error file=a%2Cb%3Ac\/Dockerfile,line=1,/);
      const gitlab = (cwd: string, paths: string[]) => call(['lint', '--format', 'gitlab', ...paths], cwd).then((r) => JSON.parse(r.stdout));
      const fromRoot = await gitlab(u, ['.']);
      const fromSub = await gitlab(join(u, 'a,b:c'), ['.']);
      assert.deepEqual(fromSub, fromRoot);
      assert.equal(fromRoot[0].location.path, 'a,b:c/Dockerfile');
    } finally {
      rmSync(u, { recursive: true, force: true });
    }
  });
  it('--format gitlab writes a Code Quality report whose fingerprints outlive lines added above, and lines changed or removed below (QA 151 B1)', async () => {
    const u = mkdtempSync(join(tmpdir(), 'k8s-platforms-gitlab-'));
    try {
      const body = 'PLATFORMS := linux/arm linux/amd64 linux/amd64\n';
      writeFileSync(join(u, 'Makefile'), body);
      const before = JSON.parse((await call(['lint', '--format', 'gitlab', '.'], u)).stdout);
      assert.deepEqual(
        before.map((x: { check_name: string; severity: string; location: { path: string; lines: { begin: number } } }) => `${x.check_name} ${x.severity} ${x.location.path}:${x.location.lines.begin}`),
        ['removed-platform major Makefile:1', 'duplicate-platform minor Makefile:1'],
      );
      assert.ok(before.every((x: { fingerprint: string; description: string }) => /^[0-9a-f]{32}$/.test(x.fingerprint) && x.description.length > 0));
      writeFileSync(join(u, 'Makefile'), `# platforms we build\n${body}`);
      const after = JSON.parse((await call(['lint', '--format', 'gitlab', '.'], u)).stdout);
      assert.deepEqual(after.map((x: { fingerprint: string }) => x.fingerprint), before.map((x: { fingerprint: string }) => x.fingerprint));
      assert.equal(after[0].location.lines.begin, 2);
      // GitLab matches fingerprints exactly: the lines after the finding's (which GitHub's line
      // hash takes in), its indentation and its line ending are no part of it.
      for (const changed of [`${body}name: build-all\n`, `# platforms we build\n${body.replace(':=', '  :=')}\r\nother := 1\r\n`, body.trimEnd()]) {
        writeFileSync(join(u, 'Makefile'), changed);
        const again = JSON.parse((await call(['lint', '--format', 'gitlab', '.'], u)).stdout);
        assert.deepEqual(again.map((x: { fingerprint: string }) => x.fingerprint), before.map((x: { fingerprint: string }) => x.fingerprint), JSON.stringify(changed));
      }
      // A change to the finding's own line makes it another issue.
      writeFileSync(join(u, 'Makefile'), body.replace('PLATFORMS', 'ALL_PLATFORMS'));
      const edited = JSON.parse((await call(['lint', '--format', 'gitlab', '.'], u)).stdout);
      assert.notEqual(edited[0].fingerprint, before[0].fingerprint);
      // The same finding twice on one line is two issues.
      writeFileSync(join(u, 'Makefile'), 'PLATFORMS := linux/arm linux/arm\n');
      const twice = JSON.parse((await call(['lint', '--format', 'gitlab', '--severity', 'duplicate-platform=off', '.'], u)).stdout);
      assert.equal(new Set(twice.map((x: { fingerprint: string }) => x.fingerprint)).size, twice.length);
    } finally {
      rmSync(u, { recursive: true, force: true });
    }
  });
  it('--severity and --required-tier change what is reported', () => {
    const off = cli(['lint', '--format', 'json', '--severity', 'removed-platform=off', '.github'], dir);
    assert.equal(off.stdout.trim(), '[]');
    assert.equal(off.code, 0);
    const warn = cli(['lint', '--severity', 'removed-platform=warning', '.github'], dir);
    assert.equal(warn.code, 0);
    assert.match(warn.stdout, /warning removed-platform/);
    // `information` (the LSP's name, which the editor setting takes) is info.
    const information = cli(['lint', '--severity', 'removed-platform=information', '.github'], dir);
    assert.equal(information.code, 0);
    assert.match(information.stdout, /: info removed-platform/);
    const tier = cli(['lint', '--format', 'json', '--required-tier', '1', 'clean'], dir);
    assert.deepEqual(JSON.parse(tier.stdout).map((f: { code: string }) => f.code), ['below-required-tier']);
  });
  it('exits 2 on bad usage with a message', () => {
    for (const args of [['lint', '--format', 'xml'], ['lint', '--required-tier', '4'], ['lint', '--severity', 'nope=error'], ['lint', '--bogus'], ['frobnicate'], []]) {
      const r = cli(args, dir);
      assert.equal(r.code, 2, args.join(' '));
    }
    const bad = cli(['lint', '--format', 'xml'], dir).stderr;
    assert.match(bad, /--format must be text, json, sarif, github or gitlab/);
    // The message and where to read more, not the whole help.
    assert.match(bad, /k8s-platforms --help for the options/);
    assert.equal(bad.trimEnd().split('\n').length, 2, bad);
  });
  it('a bad --severity says which part is wrong, as the editor setting does (QA 144 B4)', () => {
    const said = (v: string) => {
      const r = cli(['lint', '--severity', v, '.github'], dir);
      assert.equal(r.code, 2, v);
      return r.stderr.split('\n')[0];
    };
    assert.equal(said('removed-platfrom=off'), 'k8s-platforms: --severity removed-platfrom=off: removed-platfrom is not a diagnostic code; did you mean removed-platform?');
    assert.match(said('nope=error'), /nope is not a diagnostic code \(removed-platform, unknown-platform, .*non-canonical-platform\)$/);
    assert.equal(said('removed-platform=loud'), 'k8s-platforms: --severity removed-platform=loud: expected error, warning, info, hint or off, not loud');
    assert.match(said('removed-platform='), /expected error, warning, info, hint or off, not nothing$/);
    assert.match(said('removed-platform'), /--severity takes CODE=LEVEL \(as removed-platform=warning\), not removed-platform$/);
  });
  it('a path that does not exist is reported and gives exit 2; the rest is still linted', () => {
    const r = cli(['lint', 'missing-folder', '.github'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing-folder: no such file or folder/);
    assert.match(r.stdout, /removed-platform/);
  });
  it('an empty path is bad usage (exit 2), not the current folder: lint "$CHANGED" with nothing changed (QA 151 N2)', () => {
    for (const args of [['lint', ''], ['lint', '.github', ''], ['lint', '--', '']]) {
      const r = cli(args, dir);
      assert.equal(r.code, 2, JSON.stringify(args));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /a path is empty/);
    }
  });
  it('an empty --model is bad usage (exit 2), not the built-in model in silence; explain names its own usage (QA 153 N1, N7)', () => {
    for (const args of [['lint', '--model', '', '.'], ['lint', '--model=', '.'], ['explain', '--model=', 'linux/arm'], ['explain', 'linux/arm', '--model', '']]) {
      const r = cli(args, dir);
      assert.equal(r.code, 2, JSON.stringify(args));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /--model is empty: give a model file/);
      assert.match(r.stderr, args[0] === 'explain' ? /Usage: k8s-platforms explain PLATFORM/ : /Usage: k8s-platforms lint/);
    }
    const r = cli(['explain', 'linux/riscv64', '--model'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--model needs a value\nUsage: k8s-platforms explain PLATFORM/);
  });
  it('a custom model whose reason holds a newline still gives one line per finding in text output', () => {
    const model = JSON.parse(require('node:fs').readFileSync(join(repo, 'data/platforms.json'), 'utf8'));
    model.removed[0].reason = 'first line\nsecond line';
    writeFileSync(join(dir, 'newline-model.json'), JSON.stringify(model));
    const r = cli(['lint', '--model', 'newline-model.json', '.github'], dir);
    assert.equal(r.stdout.trimEnd().split('\n').length, 1, r.stdout);
    assert.match(r.stdout, /first line\\nsecond line/);
  });
  it('escape sequences in a custom model\'s text are escaped in --format github and in explain, as in the text format (QA 280 B4)', async () => {
    const model = JSON.parse(require('node:fs').readFileSync(join(repo, 'data/platforms.json'), 'utf8'));
    model.removed[0].reason = 'bad \u001b]0;title\u0007 \u001b[31m red';
    model.tiers[0].name = 'expected to work\u001b[2J';
    writeFileSync(join(dir, 'escape-model.json'), JSON.stringify(model));
    const github = await call(['lint', '--format', 'github', '--model', 'escape-model.json', '.github'], dir);
    assert.match(github.stdout, /^::error .*::linux\/arm\/v7 was removed from the Kubernetes release \(bad \\u001b\]0;title\\u0007 \\u001b\[31m red\)/);
    const explained = await call(['explain', '--model', 'escape-model.json', 'linux/amd64'], dir);
    assert.match(explained.stdout, /"expected to work\\u001b\[2J"/);
    for (const out of [github.stdout, explained.stdout]) assert.doesNotMatch(out, /[\u0000-\u0008\u000b-\u001f\u007f]/);
    assert.ok(explained.stdout.split('\n').length > 3, 'explain keeps its lines');
  });
  it('a bad --model is refused with the field named, and the built-in model stays in force', () => {
    writeFileSync(join(dir, 'bad-model.json'), JSON.stringify({ version: 1, tiers: [], platforms: [{ id: 'x', os: 'linux', arch: 'amd64', tier: 5 }] }));
    const r = cli(['lint', '--model', 'bad-model.json', '.github'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad-model\.json: .*platforms\[0\]\.tier: expected 1, 2 or 3/);
    assert.match(r.stdout, /removed-platform/);
    const missing = cli(['lint', '--model', 'nope.json', 'clean'], dir);
    assert.match(missing.stderr, /nope\.json: file not found/);
  });
  it('--model with a valid custom model changes the verdicts', () => {
    const model = JSON.parse(require('node:fs').readFileSync(join(repo, 'data/platforms.json'), 'utf8'));
    model.removed = [];
    writeFileSync(join(dir, 'model.json'), JSON.stringify(model));
    const r = cli(['lint', '--format', 'json', '--model', 'model.json', '.github'], dir);
    assert.deepEqual(JSON.parse(r.stdout), []);
    assert.equal(r.code, 0);
    // Written as the server's modelPath setting takes it (QA 141 N3): a file: URI, or ~/ for the home folder.
    const uri = cli(['lint', '--format', 'json', '--model', pathToFileURL(join(dir, 'model.json')).href, '.github'], dir);
    assert.equal(uri.stderr, '');
    assert.deepEqual(JSON.parse(uri.stdout), []);
    const home = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', '--model', '~/model.json', '.github'], { cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: dir } });
    assert.equal(home.stderr, '');
    assert.deepEqual(JSON.parse(home.stdout), []);
  });
  it('a scan over --max-scan-time stops and says so on stderr; what was scanned is still reported', () => {
    const lines: string[] = [];
    for (let i = 0; i < 60_000; i++) lines.push(`GOARCH=arm go build -o bin/${i} .`, '');
    writeFileSync(join(dir, 'odd/long.sh'), lines.join('\n'));
    const r = cli(['lint', '--max-scan-time', '1', 'odd/long.sh'], dir);
    const stopped = /odd\/long\.sh: scan stopped after 1 ms at line (\d+) of 119999: the rest of the file is not checked \(time limit\)/.exec(r.stderr);
    assert.ok(stopped, r.stderr);
    // The line where it stopped is a line of the file, and nothing from there on is reported.
    const at = Number(stopped[1]);
    assert.ok(at >= 1 && at <= 119_999, stopped[1]);
    const reported = r.stdout.split('\n').filter(Boolean).map((l) => Number(/:(\d+):\d+:/.exec(l)?.[1]));
    assert.ok(reported.every((l) => l < at), `findings at or after line ${at}`);
    const full = cli(['lint', '--format', 'json', 'odd/long.sh'], dir);
    assert.equal(JSON.parse(full.stdout).length, 60_000);
    assert.doesNotMatch(full.stderr, /time limit/);
    rmSync(join(dir, 'odd/long.sh'));
  });
  it('--max-scan-time stops inside one block too: a megabyte of a single list (QA 70)', () => {
    const items: string[] = [];
    for (let i = 0; i < 90_000; i++) items.push(i % 3 === 0 ? 'linux/arm' : i % 3 === 1 ? 'linux/amd64' : 'lnux/arm64');
    writeFileSync(join(dir, 'odd/one-list.yml'), `platforms: ${items.join(',')}\n`);
    // The whole list takes 150 ms to a second, as fast as the machine is; reading the file and
    // cutting it into blocks, some ms.
    const r = cli(['lint', '--format', 'json', '--max-scan-time', '30', 'odd/one-list.yml'], dir);
    assert.match(r.stderr, /odd\/one-list\.yml: scan stopped after 30 ms (inside the block )?at line 1 of 1: the rest of the file is not checked \(time limit\)/);
    const partial = JSON.parse(r.stdout).length;
    const full = cli(['lint', '--format', 'json', 'odd/one-list.yml'], dir);
    assert.doesNotMatch(full.stderr, /time limit/);
    assert.ok(partial < JSON.parse(full.stdout).length, `${partial} findings`);
    // Stopped inside the list, what was found before the time ran out is reported.
    if (/inside the block/.test(r.stderr)) assert.ok(partial > 0);
    rmSync(join(dir, 'odd/one-list.yml'));
  });
  it('--help and --version, after the command too; -- ends the options', async () => {
    assert.match(cli(['--help'], dir).stdout, /Usage: k8s-platforms lint/);
    assert.match(cli(['lint', '--help'], dir).stdout, /--format FORMAT +text \(default\), json, sarif .*github/);
    assert.match(cli(['--version'], dir).stdout, /^\d+\.\d+\.\d+\n$/);
    const lintVersion = cli(['lint', '--version'], dir);
    assert.equal(lintVersion.code, 0);
    assert.match(lintVersion.stdout, /^\d+\.\d+\.\d+\n$/);
    const odd = mkdtempSync(join(tmpdir(), 'k8s-platforms-dashes-'));
    try {
      writeFileSync(join(odd, '--help.Dockerfile'), 'FROM --platform=linux/riscv64 alpine\n');
      const r = await call(['lint', '--format', 'json', '--', '--help.Dockerfile'], odd);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).map((f: { file: string; code: string }) => `${f.file} ${f.code}`), ['--help.Dockerfile unsupported-platform']);
      assert.equal((await call(['explain', '--', 'linux/amd64'], odd)).code, 0);
    } finally {
      rmSync(odd, { recursive: true, force: true });
    }
  });
  it('a report that cannot be written (a full disk) is said once on stderr, and the run ends 2, not with a stack trace', { skip: require('node:fs').existsSync('/dev/full') ? false : 'no /dev/full here' }, () => {
    const full = require('node:fs').openSync('/dev/full', 'w');
    try {
      for (const format of ['text', 'sarif']) {
        const r = spawnSync(process.execPath, [bin, 'lint', '--format', format, 'warn'], { cwd: dir, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
        assert.equal(r.status, 2, format);
        assert.match(r.stderr, /^k8s-platforms: cannot write the output: ENOSPC/m);
        assert.doesNotMatch(r.stderr, /\n\s+at /);
      }
    } finally {
      require('node:fs').closeSync(full);
    }
  });
  it('notes that cannot be written (stderr on a full disk) leave the report whole and its status as it is', { skip: require('node:fs').existsSync('/dev/full') ? false : 'no /dev/full here' }, () => {
    const full = require('node:fs').openSync('/dev/full', 'w');
    try {
      for (const format of ['text', 'json']) {
        const r = spawnSync(process.execPath, [bin, 'lint', '--format', format, 'warn', 'missing-here'], { cwd: dir, stdio: ['ignore', 'pipe', full], encoding: 'utf8' });
        assert.equal(r.status, 2, `${format}: the missing path, not the notes, makes it 2`);
        const ok = spawnSync(process.execPath, [bin, 'lint', '--format', format, 'warn'], { cwd: dir, stdio: ['ignore', 'pipe', full], encoding: 'utf8' });
        assert.equal(ok.status, 0, format);
        assert.match(ok.stdout, /unsupported-platform/, format);
      }
    } finally {
      require('node:fs').closeSync(full);
    }
  });
  it('- reads stdin, of the kind and at the name --stdin-filename gives (as editors and pre-commit hooks pipe a buffer)', () => {
    const piped = (args: string[], input: string) => {
      const r = spawnSync(process.execPath, [bin, 'lint', ...args], { cwd: dir, input, encoding: 'utf8' });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const named = piped(['--format', 'json', '--stdin-filename', '.github/workflows/x.yml', '-'], 'jobs:\n  b:\n    steps:\n      - with:\n          platforms: linux/amd64,linux/arm/v7\n');
    assert.equal(named.code, 1);
    assert.deepEqual(JSON.parse(named.stdout).map((f: { file: string; line: number; column: number }) => `${f.file}:${f.line}:${f.column}`), ['.github/workflows/x.yml:5:34']);
    // A file: URI names its path (QA 154 N3: file:///x was shown as file:/x).
    const uri = piped(['--format', 'json', '--stdin-filename', pathToFileURL(join(dir, 'ci', 'build.sh')).href, '-'], 'GOOS=linux GOARCH=arm go build\n');
    assert.deepEqual(JSON.parse(uri.stdout).map((f: { file: string; line: number }) => `${f.file}:${f.line}`), ['ci/build.sh:1']);
    // Without a name, a shebang tells a shell script; nothing else is guessed.
    assert.match(piped(['-'], '#!/bin/sh\nGOOS=linux GOARCH=arm go build\n').stdout, /^<stdin>:2:19: error removed-platform/);
    // (After a byte order mark too: the editor shows the `#!` as the first line, and the server reads it so.)
    assert.match(piped(['-'], '\ufeff#!/bin/bash\nGOOS=linux GOARCH=arm go build\n').stdout, /^<stdin>:2:19: error removed-platform/);
    const unnamed = piped(['-'], 'FROM --platform=linux/arm/v7 alpine\n');
    assert.equal(unnamed.code, 0);
    assert.match(unnamed.stderr, /<stdin>: skipped: name its kind with --stdin-filename/);
    // Beside folders, and in SARIF with the line hash of the text piped.
    const both = piped(['--format', 'sarif', '--stdin-filename', 'Dockerfile', 'warn', '-'], 'FROM --platform=linux/arm/v7 alpine\n');
    const results = JSON.parse(both.stdout).runs[0].results;
    assert.deepEqual(results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri), ['warn/Dockerfile', 'Dockerfile']);
    assert.match(results[1].partialFingerprints.primaryLocationLineHash, /^[0-9a-f]+:1$/);
    assert.equal(piped(['--stdin-filename', 'Dockerfile', 'warn'], '').code, 2);
    // An endless writer is read only to the size limit.
    const endless = spawnSync('bash', ['-c', `head -c 50000000 /dev/zero | "${process.execPath}" "${bin}" lint --max-file-size 1000 --stdin-filename x.sh -`], { cwd: dir, encoding: 'utf8', timeout: 20000 });
    assert.equal(endless.status, 0, endless.stderr);
    assert.match(endless.stderr, /x\.sh: skipped: more than the 1000-byte limit/);
  });
  it('a reader that goes away early (lint . | head -1) ends the run quietly, with the exit status of the findings', () => {
    const many = mkdtempSync(join(tmpdir(), 'k8s-platforms-epipe-'));
    try {
      for (let i = 0; i < 300; i++) {
        mkdirSync(join(many, `d${i}`));
        writeFileSync(join(many, `d${i}/Dockerfile`), 'FROM --platform=linux/riscv64 alpine\n');
      }
      const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${bin}" lint . | head -1`], { cwd: many, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.doesNotMatch(r.stderr, /EPIPE|Error/);
      assert.match(r.stdout, /^d\d+\/Dockerfile:1:17: warning unsupported-platform/);
    } finally {
      rmSync(many, { recursive: true, force: true });
    }
  });
  it('unreadable files are skipped with a reason', { skip: process.getuid?.() === 0 ? 'root reads every file' : false }, () => {
    const p = join(dir, 'clean/locked.sh');
    writeFileSync(p, 'GOARCH=arm\n');
    chmodSync(p, 0);
    const r = cli(['lint', 'clean'], dir);
    assert.match(r.stderr, /locked\.sh: skipped: permission denied/);
    rmSync(p);
  });
});

describe('files named more than once, and UTF-16', () => {
  it('a file named twice, or inside a folder also named, is checked once; a folder named twice is no loop', async () => {
    const twice = mkdtempSync(join(tmpdir(), 'k8s-platforms-twice-'));
    try {
      mkdirSync(join(twice, 'dir'));
      writeFileSync(join(twice, 'dir/a.yml'), 'platforms: linux/amd64,linux/arm\n');
      symlinkSync(join(twice, 'dir'), join(twice, 'link'));
      const r = await call(['lint', '--format', 'json', 'dir', 'dir/a.yml', 'dir', 'link', 'link/a.yml'], twice);
      assert.equal(JSON.parse(r.stdout).length, 1, r.stdout);
      assert.doesNotMatch(r.stderr, /loop/);
      const text = await call(['lint', 'dir', 'dir/a.yml', 'link'], twice);
      assert.equal(text.stdout.trim().split('\n').length, 1, text.stdout);
      assert.doesNotMatch(text.stderr, /loop/);
    } finally {
      rmSync(twice, { recursive: true, force: true });
    }
  });

  it('UTF-16 files with a byte order mark are read as text, little and big endian, at the right columns', async () => {
    const u = mkdtempSync(join(tmpdir(), 'k8s-platforms-utf16-'));
    try {
      const text = '\ufeffjobs:\n  b:\n    steps:\n      - with:\n          platforms: linux/amd64,linux/arm\n';
      writeFileSync(join(u, 'le.yml'), Buffer.from(text, 'utf16le'));
      const be = Buffer.from(text, 'utf16le');
      be.swap16();
      writeFileSync(join(u, 'be.yml'), be);
      const r = await call(['lint', '--format', 'json', '.'], u);
      const found = (JSON.parse(r.stdout) as { file: string; line: number; column: number; code: string }[]).map((f) => `${f.file}:${f.line}:${f.column} ${f.code}`);
      assert.deepEqual(found.sort(), ['be.yml:5:34 removed-platform', 'le.yml:5:34 removed-platform']);
    } finally {
      rmSync(u, { recursive: true, force: true });
    }
  });

  it('a file name holding a newline stays on one line of text output, escaped', async () => {
    const u = mkdtempSync(join(tmpdir(), 'k8s-platforms-newline-'));
    try {
      mkdirSync(join(u, 'a\nb'));
      writeFileSync(join(u, 'a\nb/Makefile'), 'PLATFORMS := linux/amd64 linux/arm\n');
      const r = await call(['lint', '.'], u);
      assert.equal(r.stdout, 'a\\nb/Makefile:1:26: error removed-platform ' + r.stdout.split(' removed-platform ')[1]);
      assert.equal(r.stdout.split('\n').length, 2, r.stdout);
      const json = await call(['lint', '--format', 'json', '.'], u);
      assert.equal(JSON.parse(json.stdout)[0].file, 'a\nb/Makefile');
    } finally {
      rmSync(u, { recursive: true, force: true });
    }
  });

  it('a link to a file of the walk gives way to the file; links out of the folders named are not followed', async () => {
    const u = mkdtempSync(join(tmpdir(), 'k8s-platforms-links-'));
    const outside = mkdtempSync(join(tmpdir(), 'k8s-platforms-outside-'));
    try {
      mkdirSync(join(u, 'repo/docker'), { recursive: true });
      writeFileSync(join(u, 'repo/docker/Dockerfile'), 'FROM --platform=linux/riscv64 alpine\n');
      // Sorts before docker/: the finding must still be at the real file.
      symlinkSync('docker/Dockerfile', join(u, 'repo/Dockerfile'));
      symlinkSync('docker', join(u, 'repo/a-docker'));
      // A link whose target's name says nothing: linted at the target, as the link names it.
      writeFileSync(join(u, 'repo/docker/base'), 'FROM --platform=linux/arm alpine\n');
      symlinkSync('docker/base', join(u, 'repo/Containerfile'));
      // A link to a script the walk lints by its shebang: the script, once (QA 154 B3).
      mkdirSync(join(u, 'repo/scripts'));
      writeFileSync(join(u, 'repo/scripts/build'), '#!/bin/bash\ndocker buildx build --platform linux/s390x,linux/mips64le .\n');
      symlinkSync('scripts/build', join(u, 'repo/build.sh'));
      writeFileSync(join(outside, 'Dockerfile'), 'FROM --platform=linux/mips64le alpine\n');
      symlinkSync(outside, join(u, 'repo/outside'));
      symlinkSync(join(outside, 'Dockerfile'), join(u, 'repo/other.Dockerfile'));
      const r = await call(['lint', '--format', 'json', 'repo'], u);
      const found = (JSON.parse(r.stdout) as { file: string; code: string }[]).map((f) => `${f.file} ${f.code}`);
      assert.deepEqual(found, ['repo/docker/Dockerfile unsupported-platform', 'repo/scripts/build unsupported-platform', 'repo/docker/base removed-platform']);
      assert.match(r.stderr, /repo\/outside: skipped: symbolic link to a folder outside the folders linted/);
      assert.match(r.stderr, /repo\/other\.Dockerfile: skipped: symbolic link to a file outside the folders linted/);
      // Named, a link is read wherever it leads.
      const named = await call(['lint', '--format', 'json', 'repo/outside', 'repo/other.Dockerfile'], u);
      assert.equal(JSON.parse(named.stdout).length, 1, named.stdout);
      // Named beside the folder of its file, a link gives way to the file in either order (QA 58).
      for (const args of [['repo/Dockerfile', 'repo/docker'], ['repo/docker', 'repo/Dockerfile']]) {
        const both = await call(['lint', '--format', 'json', ...args], u);
        assert.deepEqual((JSON.parse(both.stdout) as { file: string }[]).map((f) => f.file), ['repo/docker/Dockerfile'], args.join(' '));
      }
      // The file is reported at the path the walk gives it, a path named or walked (QA 70):
      // through the link to the folder, not at the real path no argument names.
      for (const args of [['repo/Dockerfile', 'repo/a-docker'], ['repo/a-docker', 'repo/Dockerfile']]) {
        const both = await call(['lint', '--format', 'json', ...args], u);
        assert.deepEqual((JSON.parse(both.stdout) as { file: string }[]).map((f) => f.file), ['repo/a-docker/Dockerfile'], args.join(' '));
      }
    } finally {
      rmSync(u, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('what .gitignore leaves out is not linted; --exclude leaves out more, --no-ignore brings it back', async () => {
    const u = mkdtempSync(join(tmpdir(), 'k8s-platforms-ignore-'));
    try {
      mkdirSync(join(u, '.git/info'), { recursive: true });
      writeFileSync(join(u, '.gitignore'), 'dist/\n*.local.mk\n!keep.local.mk\n');
      writeFileSync(join(u, '.git/info/exclude'), 'scratch.sh\n');
      const bad = 'PLATFORMS := linux/arm\n';
      writeFileSync(join(u, 'Makefile'), bad);
      mkdirSync(join(u, 'dist'));
      writeFileSync(join(u, 'dist/config.mk'), bad);
      writeFileSync(join(u, 'a.local.mk'), bad);
      writeFileSync(join(u, 'keep.local.mk'), bad);
      writeFileSync(join(u, 'scratch.sh'), 'GOARCH=arm go build\n');
      mkdirSync(join(u, 'sub/testdata'), { recursive: true });
      writeFileSync(join(u, 'sub/.gitignore'), '/gen.mk\n');
      writeFileSync(join(u, 'sub/gen.mk'), bad);
      writeFileSync(join(u, 'sub/testdata/x.mk'), bad);
      const files = async (args: string[], cwd = u) => {
        const r = await call(['lint', '--format', 'json', ...args], cwd);
        return [...new Set((JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file))].sort();
      };
      assert.deepEqual(await files(['.']), ['Makefile', 'keep.local.mk', 'sub/testdata/x.mk']);
      // Case matters, as to git: DIST/ is not dist/.
      mkdirSync(join(u, 'DIST'));
      writeFileSync(join(u, 'DIST/x.mk'), bad);
      assert.deepEqual(await files(['.']), ['DIST/x.mk', 'Makefile', 'keep.local.mk', 'sub/testdata/x.mk']);
      rmSync(join(u, 'DIST'), { recursive: true });
      // From inside: the repository's rules above the folder still apply.
      assert.deepEqual(await files(['.'], join(u, 'sub')), ['testdata/x.mk']);
      assert.deepEqual(await files(['--exclude', 'testdata/', '--exclude', './keep.local.mk', '.']), ['Makefile']);
      // A path written from the current folder is anchored there: ./testdata is not sub/testdata.
      assert.deepEqual(await files(['--exclude', './testdata', '.'], join(u, 'sub')), []);
      assert.deepEqual(await files(['--exclude', './testdata', '.']), ['Makefile', 'keep.local.mk', 'sub/testdata/x.mk']);
      assert.deepEqual(await files(['--exclude', './Makefile', '--exclude', '!./keep.local.mk', '.']), ['keep.local.mk', 'sub/testdata/x.mk']);
      // A folder named is linted though --exclude names it too.
      assert.deepEqual(await files(['--exclude', 'testdata/', 'sub/testdata']), ['sub/testdata/x.mk']);
      // A pattern that leads out of the current folder would match nothing: bad usage.
      const outside = await call(['lint', '--exclude', '../elsewhere', '.'], join(u, 'sub'));
      assert.equal(outside.code, 2);
      assert.match(outside.stderr, /--exclude \.\.\/elsewhere: patterns are relative to the current folder/);
      // A path written whole, as $PWD/… gives it, is anchored at the current folder.
      assert.deepEqual(await files(['--exclude', join(u, 'sub/testdata/'), '--exclude', join(u, 'Makefile'), '.']), ['keep.local.mk']);
      // As is one copied from a .gitignore: /sub/testdata is that folder, /testdata none here (QA 228 B3).
      assert.deepEqual(await files(['--exclude', '/sub/testdata', '--exclude', '/Makefile', '.']), ['keep.local.mk']);
      assert.deepEqual(await files(['--exclude', '/testdata', '.']), ['Makefile', 'keep.local.mk', 'sub/testdata/x.mk']);
      assert.deepEqual(await files(['--no-ignore', '.']), ['Makefile', 'a.local.mk', 'dist/config.mk', 'keep.local.mk', 'scratch.sh', 'sub/gen.mk', 'sub/testdata/x.mk']);
      // A file or folder named is linted, ignored or not.
      assert.deepEqual(await files(['dist/config.mk']), ['dist/config.mk']);
      assert.deepEqual(await files(['dist']), ['dist/config.mk']);
      assert.deepEqual(await files(['.'], join(u, 'dist')), ['config.mk']);
      assert.equal((await call(['lint', '--exclude', '', '.'], u)).code, 2);
      // A .gitignore that is a FIFO (a read would wait forever) or a folder is passed over.
      mkdirSync(join(u, 'odd/.gitignore'), { recursive: true });
      mkdirSync(join(u, 'fifo'));
      spawnSync('mkfifo', [join(u, 'fifo/.gitignore')]);
      writeFileSync(join(u, 'fifo/x.mk'), bad);
      assert.deepEqual(await files(['fifo', 'odd']), ['fifo/x.mk']);
      // One of thousands of rules is not read (every path is tried against every rule), with a note.
      mkdirSync(join(u, 'huge'));
      writeFileSync(join(u, 'huge/.gitignore'), Array.from({ length: 6000 }, (_, i) => `gen${i}/**/*.tmp\n`).join('') + 'x.mk\n');
      writeFileSync(join(u, 'huge/x.mk'), bad);
      const huge = await call(['lint', '--format', 'json', 'huge'], u);
      assert.deepEqual(JSON.parse(huge.stdout).map((f: { file: string }) => f.file), ['huge/x.mk']);
      assert.match(huge.stderr, /huge\/\.gitignore: not read: 6001 rules is over the limit of 5000/);
      // git matches bytes: `?` is one byte, so `?.mk` leaves out a.mk and keeps ü.mk (two bytes);
      // a name written beyond ASCII matches itself (QA 70).
      mkdirSync(join(u, 'bytes'));
      writeFileSync(join(u, 'bytes/.gitignore'), '?.mk\nñ?.mk\n');
      for (const f of ['a.mk', 'ü.mk', 'ab.mk', 'ñx.mk', 'ñü.mk']) writeFileSync(join(u, 'bytes', f), bad);
      assert.deepEqual(await files(['bytes']), ['bytes/ab.mk', 'bytes/ñü.mk', 'bytes/ü.mk']);
    } finally {
      rmSync(u, { recursive: true, force: true });
    }
  });

  it('--max-file-size 0 is bad usage, as the setting refuses it', async () => {
    const r = await call(['lint', '--max-file-size', '0', '.'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--max-file-size must be a positive number of bytes/);
  });
});

describe('k8s-platforms explain', () => {
  it('shows tier, status and artifacts of a platform in any spelling', async () => {
    const r = await call(['explain', 's390x-linux'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /linux\/s390x.*tier 2/);
    assert.match(r.stdout, /kube-apiserver/);
    assert.match(r.stdout, /kubernetes-\{client,node,server,test\}-linux-s390x\.tar\.gz/);
  });
  it('says of an arm variant arm64 has that arm64 was most likely meant, as the diagnostic does (QA 267 D3)', async () => {
    const r = await call(['explain', 'linux/arm/v8'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /removed/);
    assert.match(r.stdout, /^Arm has no v8: was linux\/arm64\/v8 meant\?$/m);
    assert.doesNotMatch((await call(['explain', 'linux/arm/v7'], dir)).stdout, /Arm has no/);
  });
  it('prints plain text, or the hover Markdown with --markdown', async () => {
    const plain = await call(['explain', 'linux/arm64'], dir);
    assert.match(plain.stdout, /^linux\/arm64 \(arm64-linux\): Kubernetes tier 2/);
    assert.match(plain.stdout, /^packages: deb arm64, rpm aarch64$/m);
    assert.doesNotMatch(plain.stdout, /\*\*|`|\| --- \|/);
    const md = await call(['explain', '--markdown', 'linux/arm64'], dir);
    assert.match(md.stdout, /^\*\*linux\/arm64\*\* \(`arm64-linux`\)/);
    assert.match(md.stdout, /^\| --- \| --- \|$/m);
    assert.equal((await call(['explain', '--json', 'linux/arm64'], dir)).code, 2);
  });

  it('explains by a custom model with --model; a refused one is said, the built-in model explains, exit 2', async () => {
    const model = JSON.parse(require('node:fs').readFileSync(join(repo, 'data/platforms.json'), 'utf8'));
    const s390x = model.platforms.find((p: { id: string }) => p.id === 's390x-linux');
    model.platforms.push({ ...s390x, id: 'riscv64-linux', arch: 'riscv64', tier: 3 });
    writeFileSync(join(dir, 'riscv-model.json'), JSON.stringify(model));
    assert.match((await call(['explain', 'linux/riscv64'], dir)).stdout, /in no Kubernetes tier/);
    const custom = await call(['explain', '--model', 'riscv-model.json', 'linux/riscv64'], dir);
    assert.equal(custom.code, 0);
    assert.match(custom.stdout, /^linux\/riscv64 \(riscv64-linux\): Kubernetes tier 3/);
    assert.match((await call(['explain', '--model=riscv-model.json', '--markdown', 'linux/riscv64'], dir)).stdout, /tier \*\*3\*\*|tier 3/);
    const refused = await call(['explain', '--model', 'nope.json', 'linux/riscv64'], dir);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /nope\.json: file not found/);
    assert.match(refused.stdout, /in no Kubernetes tier/);
    assert.equal((await call(['explain', '--model'], dir)).code, 2);
  });
  it('shows the removal of linux/arm with its reason and links', async () => {
    const r = await call(['explain', 'linux/arm/v7'], dir);
    assert.match(r.stdout, /removed/);
    assert.match(r.stdout, /relocation problems on linking/);
    assert.match(r.stdout, /github\.com\/kubernetes\/kubernetes\/pull\/115742/);
  });
  it('says plainly where the tables disagree (darwin/arm64 has no binaries listed)', async () => {
    const r = await call(['explain', 'darwin/arm64'], dir);
    assert.match(r.stdout, /tier 2/);
    assert.match(r.stdout, /No release artifacts are listed/);
  });
  it('suggests for a typo and exits 2', async () => {
    const r = await call(['explain', 'linux/amd46'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /did you mean linux\/amd64/);
  });
});
