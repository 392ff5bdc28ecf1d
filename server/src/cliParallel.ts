import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { FileResult, LintJob } from './cli';
import type { Target } from './cliWalk';
import type { ModelData } from './model/schema';

/** Fewer files than this are linted in the main thread: starting a worker costs more. */
export const PARALLEL_THRESHOLD = 200;
/** Threads at most by default: beyond, reading files and merging results are the bound. */
export const MAX_WORKERS = 4;

/**
 * The size (MiB) a worker's young generation starts at, per semi-space. V8 starts it at 1 MiB and
 * grows it to its 16 MiB only as objects survive, so a worker ran a minor GC every megabyte or
 * two of garbage; linting allocates some 80 bytes for each byte read. Over the benchmark's 2,000
 * files, two workers ran 218 minor GCs (490 ms) before, 90 (320 ms) with this, and the run took
 * 2.78 s against 2.83 s (medians of 6). Flags are process-wide and read when an isolate is made:
 * set before the workers start, this sizes theirs and leaves the main thread's as it is.
 */
export const WORKER_SEMI_SPACE_MB = 16;

/**
 * Threads by default: one per core but one, at most MAX_WORKERS; on two cores, none (the main
 * thread lints). Each thread compiles the hot code with TurboFan on its own, on V8's compiler
 * threads, and those need a core too. On this project's 2-core machine, over the benchmark's
 * 2,000 files (5 alternating runs each, 2026-12-03): one thread 2.88 s wall and 3.7 s CPU (median),
 * two 3.31 s and 5.6 s.
 */
export function defaultThreads(cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores - 1, MAX_WORKERS));
}

/** Files a worker is handed at once, at least. */
const MIN_BATCH = 4;

/** Threads per core at most, whatever `--jobs` asks: more only wait for a core, each with its own heap. */
export const MAX_THREADS_PER_CORE = 2;

/**
 * The threads a run uses for `jobs` asked: no more than there are `batches` of its files to hand
 * out, nor than MAX_THREADS_PER_CORE per core. `--jobs 100000` over 20,000 files started a
 * thread for each and ran out of memory (4.3 GB).
 */
export function threadsFor(jobs: number, batches: number, cores = availableParallelism()): number {
  return Math.max(1, Math.min(jobs, batches, MAX_THREADS_PER_CORE * Math.max(1, cores)));
}

/** What the main thread sends a worker, and what it answers. */
export interface WorkerInit {
  k8sPlatformsLintWorker: true;
  job: LintJob;
  /** A custom model's data (validated already); null for the built-in model. */
  model: ModelData | null;
}
export interface WorkerRequest {
  base: number;
  targets: Target[];
}
export interface WorkerAnswer {
  base: number;
  results: FileResult[];
}

/**
 * Lints the targets in `jobs` worker threads (default: defaultThreads), and hands the results to
 * `take` in the order of the targets, as soon as each one's predecessors are in. A worker that
 * fails has its batch linted here instead, so a run never loses a file; with one thread, or few
 * files, everything is linted here.
 */
export async function lintInParallel(
  walk: Iterable<Target>,
  job: LintJob,
  /** A custom model's data, for the workers; null for the built-in model. */
  model: ModelData | null,
  entry: string,
  take: (r: FileResult) => void,
  lintHere: (t: Target) => FileResult,
  /** Worker threads; default defaultThreads(). */
  jobs?: number,
): Promise<void> {
  const targets = [...walk];
  const count = jobs ?? defaultThreads();
  if (targets.length < PARALLEL_THRESHOLD || count < 2) {
    for (const t of targets) take(lintHere(t));
    return;
  }
  const results: (FileResult | undefined)[] = new Array(targets.length);
  let flushed = 0;
  const flush = () => {
    while (flushed < targets.length && results[flushed] !== undefined) {
      take(results[flushed]!);
      results[flushed] = undefined;
      flushed++;
    }
  };
  // (The batch is sized for the threads started, not for those asked: `--jobs 100000` made batches
  // of the smallest size for four threads.)
  const threads = threadsFor(count, Math.ceil(targets.length / MIN_BATCH));
  const batch = Math.max(MIN_BATCH, Math.min(64, Math.ceil(targets.length / (threads * 8))));
  let next = 0;
  const init: WorkerInit = { k8sPlatformsLintWorker: true, job, model };
  if (!process.execArgv.some((f) => /^--(min|max)-semi-space-size\b/.test(f))) setFlagsFromString(`--min-semi-space-size=${WORKER_SEMI_SPACE_MB}`);

  await new Promise<void>((resolve) => {
    let live = 0;
    const done = () => {
      if (live === 0 && flushed === targets.length) resolve();
    };
    /** Lints what no worker is left to lint. */
    const finishHere = (from: number, to: number) => {
      for (let i = from; i < to; i++) results[i] = lintHere(targets[i]);
      flush();
    };
    const start = () => {
      const w = new Worker(entry, { workerData: init, stdout: false, stderr: false });
      live++;
      let inFlight: { base: number; end: number } | undefined;
      let gone = false;
      const send = () => {
        if (next >= targets.length) {
          inFlight = undefined;
          gone = true;
          live--;
          void w.terminate();
          done();
          return;
        }
        const base = next;
        const end = Math.min(targets.length, base + batch);
        next = end;
        inFlight = { base, end };
        w.postMessage({ base, targets: targets.slice(base, end) } satisfies WorkerRequest);
      };
      const fail = () => {
        if (gone) return;
        gone = true;
        live--;
        if (inFlight) finishHere(inFlight.base, inFlight.end);
        inFlight = undefined;
        // The last worker gone: the rest is linted here.
        if (live === 0 && next < targets.length) {
          const from = next;
          next = targets.length;
          finishHere(from, targets.length);
        }
        done();
      };
      w.on('message', (a: WorkerAnswer) => {
        a.results.forEach((r, k) => (results[a.base + k] = r));
        flush();
        send();
      });
      w.on('error', fail);
      w.on('exit', fail);
      send();
    };
    for (let i = 0; i < threads; i++) start();
  });
}
