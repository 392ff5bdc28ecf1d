import { runCli, runLintWorker } from './cli';
import type { WorkerInit } from './cliParallel';

/**
 * The CLI's bundle, dist/cli-main.js. It is run with V8's code cache by dist/cli.js (`main`) and
 * by dist/cli-worker.js in the worker threads of a long run (`worker`); see codeCache.ts.
 */

/** The command line of this process. `workerEntry` is the script a worker thread starts from. */
export function main(workerEntry: string): void {
  // `lint . | head`: once the reader has gone (EPIPE), output is dropped, and the run goes on to
  // its own exit status; a closed pipe is not an error of the lint. Any other failure to write
  // (a full disk) is said once, and the run ends with status 2: its report is not whole.
  let writeFailed = false;
  const guarded = (stream: NodeJS.WriteStream, what: string) => {
    let closed = false;
    stream.on('error', (e: NodeJS.ErrnoException) => {
      closed = true;
      if (e.code === 'EPIPE' || writeFailed) return;
      writeFailed = true;
      process.exitCode = 2;
      if (stream !== process.stderr) process.stderr.write(`k8s-platforms: cannot write the ${what}: ${e.message}\n`);
    });
    return { isTTY: stream.isTTY, write: (s: string) => closed || stream.write(s) };
  };
  runCli(process.argv.slice(2), { stdout: guarded(process.stdout, 'output'), stderr: guarded(process.stderr, 'notes'), cwd: process.cwd(), workerEntry }).then(
    (code) => {
      process.exitCode = writeFailed ? 2 : code;
    },
    (e: unknown) => {
      process.stderr.write(`k8s-platforms: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}

/** A worker thread of a long run: lints the batches the main thread sends. */
export function worker(): void {
  // Required here: the main thread does not need it for a short run, and it takes some 5 ms to load.
  const { isMainThread, parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  if (isMainThread || !parentPort || !(workerData as WorkerInit | undefined)?.k8sPlatformsLintWorker) {
    throw new Error('dist/cli-worker.js runs only as a worker thread of the k8s-platforms CLI');
  }
  runLintWorker(parentPort, workerData as WorkerInit);
}
