/**
 * Run as a child process with --allow-natives-syntax: starts as the language server does, makes a
 * function hot before and after a big document is noted, and prints whether V8 optimised it.
 */
import { isOptimising, noteDocumentLength, OPTIMISE_FROM_LENGTH, startWithoutOptimiser } from '../../server/src/jit';

const status = new Function('f', 'return %GetOptimizationStatus(f)') as (f: unknown) => number;
const OPTIMISED = 1 << 4;

function heat(): boolean {
  // A fresh function each time, so the first one's state does not carry over.
  const hot = new Function('n', 'let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s;') as (n: number) => number;
  for (let k = 0; k < 3000; k++) hot(1000);
  return (status(hot) & OPTIMISED) !== 0;
}

startWithoutOptimiser();
const atStart = { optimising: isOptimising(), optimised: heat() };
noteDocumentLength(OPTIMISE_FROM_LENGTH - 1);
const belowThreshold = { optimising: isOptimising(), optimised: heat() };
noteDocumentLength(OPTIMISE_FROM_LENGTH);
const big = { optimising: isOptimising(), optimised: heat() };
process.stdout.write(JSON.stringify({ atStart, belowThreshold, big }));
