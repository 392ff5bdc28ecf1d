import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli, type CliIo } from '../../server/src/cli';
import { PARALLEL_THRESHOLD, defaultThreads, threadsFor } from '../../server/src/cliParallel';

const repo = resolve(__dirname, '../..');
const bin = join(repo, 'bin/k8s-platforms.js');
const corpus = resolve(repo, '../shared/corpus');

/** Every corpus file that is not an .expect, with its path inside the corpus. */
function corpusFiles(dir = corpus, rel = ''): { rel: string; text: string }[] {
  const out: { rel: string; text: string }[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...corpusFiles(join(dir, e.name), r));
    else if (!e.name.endsWith('.expect') && !e.name.endsWith('.md')) out.push({ rel: r, text: readFileSync(join(dir, e.name), 'utf8') });
  }
  return out;
}

async function call(args: string[], cwd: string, extra: Partial<CliIo> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd, ...extra });
  return { code, stdout, stderr };
}

let dir: string;
before(() => {
  // Copies of the corpus, many times over, with a few files that are skipped with a note.
  dir = mkdtempSync(join(tmpdir(), 'k8s-platforms-parallel-'));
  const files = corpusFiles();
  let n = 0;
  for (let copy = 0; n < PARALLEL_THRESHOLD * 2; copy++) {
    for (const f of files) {
      const target = join(dir, `copy-${String(copy).padStart(3, '0')}`, f.rel);
      mkdirSync(resolve(target, '..'), { recursive: true });
      writeFileSync(target, f.text);
      n++;
    }
    writeFileSync(join(dir, `copy-${String(copy).padStart(3, '0')}`, 'binary.sh'), Buffer.from([0x23, 0x21, 0x00, 0x01]));
    // (A note of the walk's own, said before the files after it: threads walk everything first.)
    symlinkSync('nowhere', join(dir, `copy-${String(copy).padStart(3, '0')}`, 'dangling.sh'));
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('the CLI over many files, in worker threads', () => {
  it('prints what one thread prints, in the same order, with the same notes and exit code', async () => {
    const one = await call(['lint', '--format', 'json', '.'], dir);
    assert.ok(JSON.parse(one.stdout).length > PARALLEL_THRESHOLD, 'many findings to order');
    assert.match(one.stderr, /binary\.sh: skipped: binary file/);
    assert.match(one.stderr, /dangling\.sh: skipped: dangling symbolic link/);
    for (const format of ['json', 'text', 'sarif']) {
      const r = spawnSync(process.execPath, [bin, 'lint', '--format', format, '--jobs', '2', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
      const seq = await call(['lint', '--format', format, '.'], dir);
      assert.equal(r.status, seq.code, format);
      assert.equal(r.stdout, seq.stdout, format);
      assert.equal(r.stderr, seq.stderr, format);
    }
  });

  it('by default, one thread per core but one, at most four: none on two cores (V8 compiles on the other)', () => {
    assert.deepEqual([1, 2, 3, 4, 8, 64].map((cores) => defaultThreads(cores)), [1, 1, 2, 3, 4, 4]);
  });

  it('starts no more threads than there are batches, nor more than two per core, whatever --jobs asks', () => {
    // (--jobs 100000 over 20,000 files started a thread for each and ran out of memory.)
    assert.equal(threadsFor(100000, 313, 2), 4);
    assert.equal(threadsFor(3, 100, 2), 3);
    assert.equal(threadsFor(16, 2, 64), 2);
    assert.equal(threadsFor(5, 100, 0), 2);
  });

  it('takes --jobs: any number of threads gives the same output; 1 is none; 0 is refused', async () => {
    const seq = await call(['lint', '--format', 'json', '.'], dir);
    for (const jobs of ['1', '3']) {
      const r = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', '--jobs', jobs, '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
      assert.equal(r.stdout, seq.stdout, `--jobs ${jobs}`);
      assert.equal(r.status, seq.code);
    }
    const bad = spawnSync(process.execPath, [bin, 'lint', '--jobs', '0', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--jobs must be a positive number/);
  });

  it('really lints in the worker threads: one started per --jobs, each linting files', async () => {
    const seq = await call(['lint', '--format', 'json', '.'], dir);
    const marks = join(dir, '..', `worker-marks-${process.pid}`);
    const entry = join(dir, '..', `counting-worker-${process.pid}.js`);
    // The CLI bundle as the worker entry, with a line written per worker start and per batch.
    writeFileSync(
      entry,
      `const fs = require('node:fs');
      const { parentPort } = require('node:worker_threads');
      fs.appendFileSync(${JSON.stringify(marks)}, 'start\\n');
      parentPort.on('message', (r) => fs.appendFileSync(${JSON.stringify(marks)}, 'batch ' + r.targets.length + '\\n'));
      require(${JSON.stringify(join(repo, 'dist/cli.js'))});\n`,
    );
    try {
      const par = await call(['lint', '--format', 'json', '--jobs', '3', '.'], dir, { workerEntry: entry });
      assert.equal(par.stdout, seq.stdout);
      const lines = readFileSync(marks, 'utf8').trim().split('\n');
      assert.equal(lines.filter((l) => l === 'start').length, 3, 'three workers');
      const linted = lines.filter((l) => l.startsWith('batch ')).reduce((n, l) => n + Number(l.slice(6)), 0);
      assert.ok(linted >= PARALLEL_THRESHOLD, `the workers linted ${linted} files`);
    } finally {
      rmSync(entry, { force: true });
      rmSync(marks, { force: true });
    }
  });

  it('lints every file itself when the workers cannot start, losing none', async () => {
    const broken = join(dir, '..', `broken-worker-${process.pid}.js`);
    writeFileSync(broken, 'throw new Error("this worker fails at start");\n');
    try {
      const seq = await call(['lint', '--format', 'json', '.'], dir);
      const par = await call(['lint', '--format', 'json', '--jobs', '2', '.'], dir, { workerEntry: broken });
      assert.equal(par.stdout, seq.stdout);
      assert.equal(par.stderr, seq.stderr);
      assert.equal(par.code, seq.code);
    } finally {
      rmSync(broken, { force: true });
    }
  });

  it('uses a custom model in the workers too', async () => {
    // The built-in model with linux/s390x removed from tier 2 to none: its mentions become unsupported.
    const model = JSON.parse(readFileSync(join(repo, 'data/platforms.json'), 'utf8'));
    model.platforms = model.platforms.filter((p: { os: string; arch: string }) => !(p.os === 'linux' && p.arch === 's390x'));
    const file = join(dir, '..', `model-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(model));
    try {
      const r = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', '--jobs', '2', '--model', file, '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
      const seq = await call(['lint', '--format', 'json', '--model', file, '.'], dir);
      assert.equal(r.stdout, seq.stdout);
      const base = await call(['lint', '--format', 'json', '.'], dir);
      assert.notEqual(seq.stdout, base.stdout, 'the custom model changes the findings');
    } finally {
      rmSync(file, { force: true });
    }
  });
});
