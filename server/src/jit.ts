import { setFlagsFromString } from 'node:v8';

/**
 * V8's optimising compiler (TurboFan), turned on only once a document is big enough to need it.
 *
 * A keystroke in a document of up to some 25,000 lines costs one to four milliseconds of
 * bytecode. The optimising compiler saves little of that, and its compile jobs run on a second
 * thread that competes for the CPU with the server's own thread and the editor's. Measured with
 * the benchmark's driver on 2 cores: at 1,000 lines the change p95 was 2.9 to 3.7 ms with it and
 * 2.0 ms without (p50 about 1 ms either way), at 10,000 lines 5.8 to 7.5 ms against 4.3 to 4.5
 * ms, the first scan of 10,000 lines took 123 ms against 107 to 112, and memory was 4 to 8 MiB
 * higher. On bigger documents it pays: at 50,000 lines the first scan takes about 260 ms with it
 * and 400 without. From 1,000,000 characters (some 28,000 lines) on, it is turned on before such
 * a document is scanned whole, and off again OPTIMISE_FOR_MS after that scan: the scan and the
 * keystrokes rehearsed after it (server.ts) have made the code a keystroke runs hot and compiled
 * by then. Left on, it went on compiling the paths of the first keystrokes, on the thread that
 * competes with the server's and the editor's: at 50,000 lines a keystroke in five took 3 to 12
 * ms (change p95 4.0 to 5.7 ms, p50 1.2 to 1.4 ms). Off 250 ms after the scan: p95 2.0 to 3.3
 * ms, p50 1.3 to 1.8 ms, and the same at 100,000 lines; off after 600 ms, as bad as left on.
 *
 * Flags are left alone in Electron (VS Code runs the server in its own runtime, where changing
 * them after start is untested) and when the server was started with a compiler flag of its own.
 */
export const OPTIMISE_FROM_LENGTH = 1_000_000;
/** How long after a big document's whole scan the optimising compiler stays on. */
export const OPTIMISE_FOR_MS = 250;

const COMPILER_FLAG = /^--(no-)?(opt|turbofan|maglev|sparkplug|jitless)\b/;

let optimising = true;
/** Whether the flags are this module's to change (startWithoutOptimiser turned the compiler off). */
let managed = false;
let stopTimer: NodeJS.Timeout | undefined;

/** Called once by the language server's entry point, before any document is read. */
export function startWithoutOptimiser(): void {
  if (managed || process.versions.electron !== undefined || process.execArgv.some((a) => COMPILER_FLAG.test(a))) return;
  // An unknown flag is reported on stderr and ignored; stdout, the LSP channel, is not touched.
  setFlagsFromString('--no-turbofan');
  optimising = false;
  managed = true;
}

/**
 * A document of `length` UTF-16 units is about to be scanned: `whole` when all of it is (it was
 * opened, or the settings changed), not when a keystroke's blocks are.
 */
export function noteDocumentLength(length: number, whole = true): void {
  if (!managed || !whole || length < OPTIMISE_FROM_LENGTH) return;
  if (!optimising) {
    optimising = true;
    setFlagsFromString('--turbofan');
  }
  clearTimeout(stopTimer);
  // The time counts from the end of the scan: the callback of setImmediate runs after it.
  setImmediate(() => {
    clearTimeout(stopTimer);
    stopTimer = setTimeout(stopOptimising, OPTIMISE_FOR_MS);
    stopTimer.unref?.();
  });
}

function stopOptimising(): void {
  if (!optimising) return;
  optimising = false;
  setFlagsFromString('--no-turbofan');
}

/** Whether the optimising compiler is on (for tests). */
export function isOptimising(): boolean {
  return optimising;
}
