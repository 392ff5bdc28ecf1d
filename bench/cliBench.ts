/**
 * The linter as CI runs it: a fresh `node dist/cli.js` per invocation, timed from spawn to exit.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { dirname } from 'node:path';
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
  errors: string[];
}

interface Run {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cli: string, args: string[], cwd: string, timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
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
      resolve({ ms: performance.now() - t0, code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

/** Exit 0 (clean) and 1 (error findings) are both a completed lint; anything else is a failure. */
function check(r: Run, what: string): void {
  if (r.code !== 0 && r.code !== 1) throw new Error(`${what}: exit ${r.code}: ${r.stderr.slice(0, 500)}`);
}

export async function measureCli(cli: string, smallFile: string, repo: Repository, coldRuns: number, repoRuns: number): Promise<CliFigures> {
  const figures: CliFigures = {
    coldStartMs: NaN,
    coldSamples: [],
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
    for (let i = 0; i < repoRuns; i++) {
      const r = await run(cli, ['lint', '--format', 'json', repo.dir], dirname(repo.dir), 300_000);
      check(r, 'repository');
      figures.repoSamples.push(r.ms);
      figures.findings = (JSON.parse(r.stdout) as unknown[]).length;
    }
    figures.repoMs = median(figures.repoSamples);
    figures.mbPerSecond = repo.bytes / 1e6 / (figures.repoMs / 1000);
    figures.filesPerSecond = repo.files / (figures.repoMs / 1000);
  } catch (e) {
    figures.errors.push((e as Error).message);
  }
  return figures;
}
