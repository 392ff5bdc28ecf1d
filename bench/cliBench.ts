/**
 * The linter as CI runs it: a fresh `node dist/cli.js` per invocation, timed from spawn to exit.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { median } from './stats';
import type { Repository } from './generate';

export interface CliFigures {
  /** Median of `coldRuns` runs on one small file, spawn to exit. */
  coldStartMs: number;
  coldSamples: number[];
  /** Over the generated repository: median run. */
  repoMs: number;
  repoSamples: number[];
  repoFiles: number;
  repoBytes: number;
  /** Megabytes (10^6 bytes) per second. */
  mbPerSecond: number;
  filesPerSecond: number;
  findings: number;
  /** `node -e 0`, spawn to exit, median of `coldRuns`: the part of the cold start and of init that is Node's own. */
  nodeStartMs: number;
  /**
   * The same with NODE_EXTRA_CA_CERTS taken out of the environment, when it is set: Node 20 reads
   * that file's certificates at every start, before any script runs. Only said, never used in a target.
   */
  nodeStartWithoutExtraCertsMs?: number;
  /** CPU time (user + sys) of the median repository run, when /usr/bin/time is there: what load on the machine does not inflate. */
  repoCpuMs?: number;
  mbPerCpuSecond?: number;
  errors: string[];
}

interface Run {
  ms: number;
  cpuMs?: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

const TIME = '/usr/bin/time';

/** Spawns `node cli args…` (`node args…` when `cli` is empty); with `cpu`, under /usr/bin/time to learn its CPU time too. */
function run(cli: string, args: string[], cwd: string, timeoutMs: number, cpu = false, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  const timeFile = cpu && existsSync(TIME) ? join(mkdtempSync(join(tmpdir(), 'k8s-bench-')), 'time') : undefined;
  return new Promise<Run>((resolve, reject) => {
    const t0 = performance.now();
    const argv = [process.execPath, ...(cli ? [cli] : []), ...args];
    const child = timeFile
      ? spawn(TIME, ['-o', timeFile, '-f', '%U %S', ...argv], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cli} ${args.join(' ')}: still running after ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      let cpuMs: number | undefined;
      if (timeFile) {
        const [user, sys] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
        if (Number.isFinite(user) && Number.isFinite(sys)) cpuMs = (user + sys) * 1000;
        rmSync(dirname(timeFile), { recursive: true, force: true });
      }
      resolve({ ms, cpuMs, code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

/** Exit 0 (clean) and 1 (error findings) are both a completed lint; anything else is a failure. */
function check(r: Run, what: string): void {
  if (r.code !== 0 && r.code !== 1) throw new Error(`${what}: exit ${r.code}: ${r.stderr.slice(0, 500)}`);
}

/** Median of `runs` spawns of `node -e 0` with `env`, spawn to exit. */
async function nodeStart(runs: number, env: NodeJS.ProcessEnv): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await run('', ['-e', '0'], tmpdir(), 30_000, false, env);
    check(r, 'node -e 0');
    samples.push(r.ms);
  }
  return median(samples);
}

export async function measureCli(cli: string, smallFile: string, repo: Repository, coldRuns: number, repoRuns: number): Promise<CliFigures> {
  const figures: CliFigures = {
    coldStartMs: NaN,
    coldSamples: [],
    nodeStartMs: NaN,
    repoMs: NaN,
    repoSamples: [],
    repoFiles: repo.files,
    repoBytes: repo.bytes,
    mbPerSecond: NaN,
    filesPerSecond: NaN,
    findings: 0,
    errors: [],
  };
  try {
    for (let i = 0; i < coldRuns; i++) {
      const r = await run(cli, ['lint', smallFile], dirname(smallFile), 30_000);
      check(r, 'cold start');
      figures.coldSamples.push(r.ms);
    }
    figures.coldStartMs = median(figures.coldSamples);
    figures.nodeStartMs = await nodeStart(coldRuns, process.env);
    if (process.env.NODE_EXTRA_CA_CERTS) {
      const { NODE_EXTRA_CA_CERTS: _, ...without } = process.env;
      figures.nodeStartWithoutExtraCertsMs = await nodeStart(coldRuns, without);
    }
    const runs: Run[] = [];
    for (let i = 0; i < repoRuns; i++) {
      const r = await run(cli, ['lint', '--format', 'json', repo.dir], dirname(repo.dir), 300_000, true);
      check(r, 'repository');
      runs.push(r);
      figures.repoSamples.push(r.ms);
      figures.findings = (JSON.parse(r.stdout) as unknown[]).length;
    }
    figures.repoMs = median(figures.repoSamples);
    const mid = [...runs].sort((a, b) => a.ms - b.ms)[(runs.length - 1) >> 1];
    if (mid?.cpuMs !== undefined) {
      figures.repoCpuMs = mid.cpuMs;
      figures.mbPerCpuSecond = repo.bytes / 1e6 / (mid.cpuMs / 1000);
    }
    figures.mbPerSecond = repo.bytes / 1e6 / (figures.repoMs / 1000);
    figures.filesPerSecond = repo.files / (figures.repoMs / 1000);
  } catch (e) {
    figures.errors.push((e as Error).message);
  }
  return figures;
}
