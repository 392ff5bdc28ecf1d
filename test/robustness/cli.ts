/** Running the built CLI the way a user or a CI job does, with a deadline so a hang fails. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');
export const BIN = join(REPO, 'bin/k8s-platforms.js');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `k8s-platforms …` in `cwd`; `as` runs it as another user (`setpriv`), for files root can read. */
export function cli(args: string[], cwd: string, opts: { timeoutMs?: number; as?: 'nobody' } = {}): Run {
  const argv = [BIN, ...args];
  const [cmd, cmdArgs] =
    opts.as === 'nobody' ? ['setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, ...argv]] : [process.execPath, argv];
  const t0 = performance.now();
  const spawnOpts: SpawnSyncOptions = { cwd, encoding: 'utf8', timeout: opts.timeoutMs ?? 20_000, maxBuffer: 256 * 1024 * 1024 };
  const r = spawnSync(cmd, cmdArgs as string[], spawnOpts);
  return { code: r.status, signal: r.signal, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), ms: performance.now() - t0 };
}

/** Whether `setpriv` can drop to `nobody` here (root in CI; not on a developer's machine). */
export function canRunAsNobody(): boolean {
  if (process.getuid?.() !== 0) return false;
  const r = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, '-e', 'process.exit(process.getuid() === 0 ? 1 : 0)'], { timeout: 10_000 });
  return r.status === 0;
}

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

export function findings(run: Run): JsonFinding[] {
  try {
    return JSON.parse(run.stdout) as JsonFinding[];
  } catch {
    throw new Error(`not JSON (exit ${run.code}, signal ${run.signal}):\n${run.stdout.slice(0, 2000)}\nstderr:\n${run.stderr.slice(0, 2000)}`);
  }
}

/** `file:line:col code` of each finding, sorted. */
export function where(fs: JsonFinding[]): string[] {
  return fs.map((f) => `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.code}`).sort();
}
