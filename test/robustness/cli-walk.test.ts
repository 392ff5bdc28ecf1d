/**
 * The CLI on a folder of 100,000 files, and its progress line: on a terminal, long text runs show
 * `k8s-platforms: N files…` on stderr; never in --format json or sarif, never when stderr is not
 * a terminal. The terminal is a real pseudo-terminal (`script` from util-linux) where there is one.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../server/src/cli';
import { BIN, cli, findings } from './cli';

const FILES = 100_000;
const PROGRESS = /k8s-platforms: \d+ files…/;
let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8s-platforms-walk-'));
  mkdirSync(join(dir, 'many'));
  // One file in 10,000 has an error: ten findings in all.
  for (let i = 0; i < FILES; i++) {
    writeFileSync(join(dir, 'many', `f${String(i).padStart(6, '0')}.sh`), i % 10_000 === 9_999 ? 'GOARCH=arm go build\n' : 'GOARCH=amd64 go build\n');
  }
  mkdirSync(join(dir, 'some'));
  for (let i = 0; i < 450; i++) writeFileSync(join(dir, 'some', `f${i}.sh`), i === 449 ? 'GOARCH=arm\n' : 'GOARCH=amd64\n');
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** Runs the CLI with a pseudo-terminal for stdin, stdout and stderr; returns what the terminal showed. */
function onTerminal(args: string[]): { code: number | null; screen: string } {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('script', ['-qfec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, screen: r.stdout };
}

describe('the CLI on many files', () => {
  it(`a folder of ${FILES.toLocaleString('en')} files: every one checked, the ten findings reported, in reasonable time, without progress when stderr is a pipe`, (t) => {
    const r = cli(['lint', '--format', 'json', 'many'], dir, { timeoutMs: 120_000 });
    t.diagnostic(`${FILES} files linted in ${r.ms.toFixed(0)} ms`);
    assert.equal(r.signal, null, `finished within the deadline (${r.ms.toFixed(0)} ms)`);
    const fs = findings(r);
    assert.deepEqual(
      fs.map((f) => `${f.file}:${f.line}:${f.column} ${f.code}`),
      Array.from({ length: 10 }, (_, k) => `many/f${String(k * 10_000 + 9_999).padStart(6, '0')}.sh:1:8 removed-platform`),
    );
    assert.equal(r.stderr, '', 'nothing skipped, no progress on a pipe');
    assert.equal(r.code, 1);
    assert.ok(r.ms < 60_000, `${r.ms.toFixed(0)} ms`);
  });

  it('text output on a pipe: no progress line on stderr', () => {
    const r = cli(['lint', 'some'], dir);
    assert.doesNotMatch(r.stderr, PROGRESS);
    assert.equal(r.stderr, 'k8s-platforms: 1 finding in 1 file (1 error)\n');
    assert.equal(r.code, 1);
  });

  it('on a terminal, text output: progress every 200 files on stderr, erased at the end', { skip: !hasScript && 'needs script (util-linux)' }, () => {
    const r = onTerminal(['lint', 'some']);
    assert.equal(r.code, 1);
    assert.ok(r.screen.includes('\rk8s-platforms: 200 files…\rk8s-platforms: 400 files…\r\u001b[K'), JSON.stringify(r.screen.slice(0, 300)));
    assert.match(r.screen, /some\/f449\.sh:1:8: error removed-platform/);
  });

  for (const format of ['json', 'sarif']) {
    it(`on a terminal, --format ${format}: no progress anywhere, the output parses`, { skip: !hasScript && 'needs script (util-linux)' }, () => {
      const r = onTerminal(['lint', '--format', format, 'some']);
      assert.equal(r.code, 1);
      assert.doesNotMatch(r.screen, PROGRESS);
      assert.doesNotMatch(r.screen, /\u001b\[K/);
      // The terminal writes \r\n for \n; nothing else is mixed into the output.
      assert.doesNotThrow(() => JSON.parse(r.screen.replace(/\r\n/g, '\n')));
    });
  }

  it('runCli with a terminal for stderr: progress goes to stderr only, never into stdout', async () => {
    for (const format of ['text', 'json', 'sarif']) {
      let stdout = '';
      let stderr = '';
      const code = await runCli(['lint', '--format', format, 'some'], {
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: (s: string) => (stderr += s), isTTY: true },
        cwd: dir,
      });
      assert.equal(code, 1);
      assert.doesNotMatch(stdout, PROGRESS, format);
      assert.doesNotMatch(stdout, /\r/, format);
      if (format === 'text') assert.match(stderr, /^\rk8s-platforms: 200 files…\rk8s-platforms: 400 files…\r\u001b\[K/);
      else {
        assert.doesNotMatch(stderr, PROGRESS, format);
        JSON.parse(stdout);
      }
    }
  });
});
