/**
 * The built CLI on the files a stranger's repository holds: unreadable files and folders, FIFOs,
 * sockets, dangling and looping symbolic links, names that are not UTF-8, a folder named like a
 * file, odd encodings and line ends. Each is said on stderr and skipped, the run goes on, and the
 * exit code follows PRODUCT.md §7 (1 on error findings, 2 on bad usage, 0 otherwise).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canRunAsNobody, cli, findings, where } from './cli';

let dir: string;
let socket: Server;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'k8s-platforms-hostile-'));
  chmodSync(dir, 0o755); // so that `nobody` can walk it
  const file = (rel: string, content: string | Buffer, mode?: number) => {
    const p = join(dir, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, content);
    if (mode !== undefined) chmodSync(p, mode);
  };
  file('ok/Dockerfile', 'FROM --platform=linux/arm alpine\n');
  file('clean/build.sh', 'GOOS=linux GOARCH=amd64 go build\n');
  file('warn/Makefile', 'PLATFORMS := linux/amd64 linux/riscv64\n');
  // Unreadable for anyone but root.
  file('secret/Makefile', 'GOARCH := arm\n');
  chmodSync(join(dir, 'secret'), 0o000);
  file('locked.sh', 'GOARCH=arm go build\n', 0o000);
  file('locked.txt', 'GOARCH=arm\n', 0o000);
  // Special files named like files we check.
  spawnSync('mkfifo', [join(dir, 'pipe.sh')]);
  socket = createServer();
  await new Promise<void>((ok) => socket.listen(join(dir, 'sock.yml'), ok));
  // Links: dangling, looping, self, a loop back to a parent folder.
  symlinkSync(join(dir, 'nowhere.sh'), join(dir, 'dangling.sh'));
  symlinkSync('loop2.sh', join(dir, 'loop1.sh'));
  symlinkSync('loop1.sh', join(dir, 'loop2.sh'));
  symlinkSync('self.yml', join(dir, 'self.yml'));
  symlinkSync('..', join(dir, 'ok/up'));
  // A name that is not UTF-8 (byte 0xff), holding a finding.
  writeFileSync(Buffer.concat([Buffer.from(`${dir}/f`), Buffer.from([0xff]), Buffer.from('.sh')]), 'GOARCH=arm\n');
  // A folder named like a file.
  file('named.sh/inner.yml', 'platforms: linux/riscv64\n');
  // Encodings and line ends: positions as an editor shows them.
  file('bom/Dockerfile', '\ufeffFROM --platform=linux/arm alpine\n');
  file('cr/Dockerfile', 'FROM alpine\rFROM --platform=linux/arm alpine\r');
  file('crlf/Dockerfile', 'FROM alpine\r\nFROM --platform=linux/arm alpine\r\n');
  file('emoji/Makefile', 'PLATFORMS := 🚀 linux/arm\n');
  // Two bytes that are not UTF-8 decode to two U+FFFD, one column each, as an editor shows them.
  file('latin1/Makefile', Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nPLATFORMS := '), Buffer.from([0xff, 0xfe]), Buffer.from(' linux/arm\n')]));
  file('binary/build.sh', Buffer.from('GOARCH=arm\u0000\u0001\n'));
  // 6 KB each: `x: {{ {{ …` used to drive the yaml package to the stack limit, where V8 aborted.
  for (let i = 0; i < 20; i++) file(`bombs/b${i}.yml`, `x: ${'{{ '.repeat(2000)}\nplatforms: linux/arm\n`);
});

after(() => {
  socket?.close();
  if (dir) {
    spawnSync('chmod', ['-R', 'u+rwx', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The notes the CLI wrote on stderr, without its prefix. */
const notes = (stderr: string) =>
  stderr
    .split('\n')
    // (What was skipped, and the paths named that could not be read: those fail the run.)
    .filter((l) => l.startsWith('k8s-platforms: ') && (l.includes('skipped') || /: (permission denied|symbolic link loop)$/.test(l)))
    .map((l) => l.slice('k8s-platforms: '.length))
    .sort();

describe('the CLI on a hostile tree', () => {
  const expectedFindings = [
    'bom/Dockerfile:1:17-1:26 removed-platform',
    'cr/Dockerfile:2:17-2:26 removed-platform',
    'crlf/Dockerfile:2:17-2:26 removed-platform',
    'emoji/Makefile:1:17-1:26 removed-platform',
    'latin1/Makefile:2:17-2:26 removed-platform',
    'named.sh/inner.yml:1:12-1:25 unsupported-platform',
    'ok/Dockerfile:1:17-1:26 removed-platform',
    'warn/Makefile:1:26-1:39 unsupported-platform',
    ...Array.from({ length: 20 }, (_, i) => `bombs/b${i}.yml:2:12-2:21 removed-platform`),
  ].sort();
  const rootNotes = [
    'binary/build.sh: skipped: binary file',
    'dangling.sh: skipped: dangling symbolic link',
    'f\ufffd.sh: skipped: file name is not valid UTF-8',
    'loop1.sh: skipped: symbolic link loop',
    'loop2.sh: skipped: symbolic link loop',
    'ok/up: skipped: symbolic link loop',
    'pipe.sh: skipped: not a regular file',
    'self.yml: skipped: symbolic link loop',
    'sock.yml: skipped: not a regular file',
  ];

  it('walks it: every odd entry said once on stderr, every readable file checked, exit 1 for the errors', () => {
    const r = cli(['lint', '--format', 'json', '.'], dir);
    assert.equal(r.signal, null, `no hang or crash (${r.ms.toFixed(0)} ms)`);
    // As root the locked file and folder are readable: their findings count too.
    assert.deepEqual(where(findings(r)), [...expectedFindings, 'locked.sh:1:8-1:11 removed-platform', 'secret/Makefile:1:11-1:14 removed-platform'].sort());
    assert.deepEqual(notes(r.stderr), rootNotes);
    assert.equal(r.code, 1);
  });

  it('as a user who cannot read some of it: permission denied said for the file and the folder, the rest checked', { skip: !canRunAsNobody() && 'needs root and setpriv' }, () => {
    const r = cli(['lint', '--format', 'json', '.'], dir, { as: 'nobody' });
    assert.equal(r.signal, null);
    assert.deepEqual(where(findings(r)), expectedFindings);
    assert.deepEqual(notes(r.stderr), [...rootNotes, 'locked.sh: skipped: permission denied', 'secret: skipped: permission denied'].sort());
    assert.equal(r.code, 1);
  });

  it('as that user, a file and a folder named that cannot be read fail the run (2), as a missing path does, the rest checked (QA 228 D3)', { skip: !canRunAsNobody() && 'needs root and setpriv' }, () => {
    const r = cli(['lint', 'locked.sh', 'secret', 'locked.txt', 'clean', 'warn'], dir, { as: 'nobody' });
    // (A file whose name says it is of no kind checked is skipped, read or not, QA 234 D3.)
    assert.deepEqual(notes(r.stderr).sort(), ['locked.sh: permission denied', 'locked.txt: skipped: not a kind of file k8s-platforms checks', 'secret: permission denied']);
    assert.match(r.stdout, /^warn\/Makefile:1:26: warning unsupported-platform /);
    assert.equal(r.code, 2);
    // Code scanning is told the run did not succeed.
    const sarif = JSON.parse(cli(['lint', '--format', 'sarif', 'locked.sh'], dir, { as: 'nobody' }).stdout);
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
  });

  it('paths given one by one: each odd one said and skipped, no hang on the FIFO; a missing one, a link to nothing or a link loop is bad usage (2)', () => {
    const args = ['lint', 'pipe.sh', 'sock.yml', 'named.sh', 'binary/build.sh', 'clean/build.sh'];
    const r = cli(args, dir, { timeoutMs: 15_000 });
    assert.equal(r.signal, null, 'finished: reading pipe.sh must not wait for a writer');
    assert.deepEqual(notes(r.stderr), ['binary/build.sh: skipped: binary file', 'pipe.sh: skipped: not a regular file', 'sock.yml: skipped: not a regular file'].sort());
    assert.match(r.stdout, /^named\.sh\/inner\.yml:1:12: warning unsupported-platform/m);
    assert.equal(r.code, 0, 'warnings only');
    // In the walk's words, not Node's (ELOOP, with the absolute path).
    const loops = cli(['lint', 'loop1.sh', 'self.yml', 'named.sh'], dir, { timeoutMs: 15_000 });
    assert.deepEqual(notes(loops.stderr), ['loop1.sh: symbolic link loop', 'self.yml: symbolic link loop']);
    assert.match(loops.stdout, /^named\.sh\/inner\.yml:1:12: warning unsupported-platform/m, 'the run went on');
    assert.equal(loops.code, 2);
    const missing = cli(['lint', 'pipe.sh', 'no-such-file.sh', 'ok'], dir);
    assert.match(missing.stderr, /no-such-file\.sh: no such file or folder/);
    assert.match(missing.stdout, /^ok\/Dockerfile:1:17: error removed-platform/m, 'the run went on');
    assert.equal(missing.code, 2);
    // A CI job that names a file by a link to nothing checks nothing: it must not pass.
    const dangling = cli(['lint', 'dangling.sh', 'ok'], dir);
    assert.match(dangling.stderr, /dangling\.sh: dangling symbolic link/);
    assert.match(dangling.stdout, /^ok\/Dockerfile:1:17: error removed-platform/m, 'the run went on');
    assert.equal(dangling.code, 2);
  });

  it('a FIFO as --model is refused with a message, the built-in model is used', () => {
    const r = cli(['lint', '--model', 'pipe.sh', 'ok'], dir, { timeoutMs: 15_000 });
    assert.equal(r.signal, null);
    assert.match(r.stderr, /model refused, using the built-in model: pipe\.sh: not a regular file/);
    assert.match(r.stdout, /^ok\/Dockerfile:1:17: error removed-platform/m);
    assert.equal(r.code, 2);
  });

  it('20 files of deeply nested YAML flow collections: the run completes (it used to abort with a V8 out-of-memory error)', () => {
    const r = cli(['lint', '--format', 'json', 'bombs'], dir, { timeoutMs: 60_000 });
    assert.equal(r.signal, null, r.stderr.slice(0, 500));
    assert.equal(findings(r).length, 20);
    assert.ok(findings(r).every((f) => f.code === 'removed-platform' && f.line === 2));
    assert.equal(r.code, 1);
  });

  it('SARIF and text agree with JSON on the positions of the odd encodings', () => {
    const sarif = JSON.parse(cli(['lint', '--format', 'sarif', 'bom', 'cr', 'emoji', 'latin1'], dir).stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endColumn: number } } }[] }[] }[];
    };
    const got = sarif.runs[0].results.map((x) => {
      const l = x.locations[0].physicalLocation;
      return `${l.artifactLocation.uri}:${l.region.startLine}:${l.region.startColumn}-${l.region.endColumn} ${x.ruleId}`;
    });
    assert.deepEqual(got.sort(), ['bom/Dockerfile:1:17-26 removed-platform', 'cr/Dockerfile:2:17-26 removed-platform', 'emoji/Makefile:1:17-26 removed-platform', 'latin1/Makefile:2:17-26 removed-platform']);
    const text = cli(['lint', 'bom', 'cr'], dir).stdout;
    assert.match(text, /^bom\/Dockerfile:1:17: error removed-platform/m);
    assert.match(text, /^cr\/Dockerfile:2:17: error removed-platform/m);
  });
});
