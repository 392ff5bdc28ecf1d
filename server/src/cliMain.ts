import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runCli, runLintWorker } from './cli';
import type { WorkerInit } from './cliParallel';

if (!isMainThread && (workerData as WorkerInit | undefined)?.k8sPlatformsLintWorker && parentPort) {
  runLintWorker(parentPort, workerData as WorkerInit);
} else {
  // `lint . | head`: once the reader has gone (EPIPE), output is dropped, and the run goes on to
  // its own exit status; a closed pipe is not an error of the lint. Any other failure to write
  // the report (a full disk) is said once, and the run ends with status 2: its report is not
  // whole. The notes on stderr are not the report: losing them changes no status.
  let writeFailed = false;
  const guarded = (stream: NodeJS.WriteStream, what: string) => {
    let closed = false;
    stream.on('error', (e: NodeJS.ErrnoException) => {
      closed = true;
      if (e.code === 'EPIPE' || writeFailed || stream === process.stderr) return;
      writeFailed = true;
      process.exitCode = 2;
      process.stderr.write(`k8s-platforms: cannot write the ${what}: ${e.message}\n`);
    });
    return { isTTY: stream.isTTY, write: (s: string) => closed || stream.write(s) };
  };
  // This file is also the workers' entry: a long run is shared among threads.
  runCli(process.argv.slice(2), { stdout: guarded(process.stdout, 'output'), stderr: guarded(process.stderr, 'notes'), cwd: process.cwd(), workerEntry: __filename }).then(
    (code) => {
      process.exitCode = writeFailed ? 2 : code;
    },
    (e: unknown) => {
      process.stderr.write(`k8s-platforms: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
