import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runCli, runLintWorker } from './cli';
import type { WorkerInit } from './cliParallel';

if (!isMainThread && (workerData as WorkerInit | undefined)?.k8sPlatformsLintWorker && parentPort) {
  runLintWorker(parentPort, workerData as WorkerInit);
} else {
  // `lint . | head`: once the reader has gone (EPIPE), output is dropped, and the run goes on to
  // its own exit status; a closed pipe is not an error of the lint.
  const quietOnClose = (stream: NodeJS.WriteStream) => {
    let closed = false;
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      closed = true;
    });
    return { isTTY: stream.isTTY, write: (s: string) => closed || stream.write(s) };
  };
  // This file is also the workers' entry: a long run is shared among threads.
  runCli(process.argv.slice(2), { stdout: quietOnClose(process.stdout), stderr: quietOnClose(process.stderr), cwd: process.cwd(), workerEntry: __filename }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`k8s-platforms: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
