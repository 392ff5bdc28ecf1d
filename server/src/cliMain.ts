import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runCli, runLintWorker } from './cli';
import type { WorkerInit } from './cliParallel';

if (!isMainThread && (workerData as WorkerInit | undefined)?.k8sPlatformsLintWorker && parentPort) {
  runLintWorker(parentPort, workerData as WorkerInit);
} else {
  // This file is also the workers' entry: a long run is shared among threads.
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), workerEntry: __filename }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`k8s-platforms: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
