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
 * a document is first scanned, and stays on.
 *
 * Flags are left alone in Electron (VS Code runs the server in its own runtime, where changing
 * them after start is untested) and when the server was started with a compiler flag of its own.
 */
export const OPTIMISE_FROM_LENGTH = 1_000_000;

const COMPILER_FLAG = /^--(no-)?(opt|turbofan|maglev|sparkplug|jitless)\b/;

let optimising = true;

/** Called once by the language server's entry point, before any document is read. */
export function startWithoutOptimiser(): void {
  if (!optimising || process.versions.electron !== undefined || process.execArgv.some((a) => COMPILER_FLAG.test(a))) return;
  // An unknown flag is reported on stderr and ignored; stdout, the LSP channel, is not touched.
  setFlagsFromString('--no-turbofan');
  optimising = false;
}

/** A document of `length` UTF-16 units is about to be scanned. */
export function noteDocumentLength(length: number): void {
  if (optimising || length < OPTIMISE_FROM_LENGTH) return;
  optimising = true;
  setFlagsFromString('--turbofan');
}

/** Whether the optimising compiler is on (for tests). */
export function isOptimising(): boolean {
  return optimising;
}
