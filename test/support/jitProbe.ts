/**
 * Run as a child process with --allow-natives-syntax: starts as the language server does, makes a
 * function hot before and after a big document is noted (whole, then a keystroke's blocks, then
 * after OPTIMISE_FOR_MS), and prints whether V8 optimised it.
 */
import { isOptimising, noteDocumentLength, OPTIMISE_FOR_MS, OPTIMISE_FROM_LENGTH, startWithoutOptimiser } from '../../server/src/jit';

const status = new Function('f', 'return %GetOptimizationStatus(f)') as (f: unknown) => number;
const OPTIMISED = 1 << 4;

let heated = 0;
function heat(): boolean {
  // A fresh function each time (its own source: V8 shares the code of equal ones), so the first
  // one's state does not carry over.
  const hot = new Function('n', `let s = ${heated++}; for (let i = 0; i < n; i++) s += i % 7; return s;`) as (n: number) => number;
  for (let k = 0; k < 3000; k++) hot(1000);
  return (status(hot) & OPTIMISED) !== 0;
}

startWithoutOptimiser();
const atStart = { optimising: isOptimising(), optimised: heat() };
noteDocumentLength(OPTIMISE_FROM_LENGTH - 1);
const belowThreshold = { optimising: isOptimising(), optimised: heat() };
noteDocumentLength(OPTIMISE_FROM_LENGTH);
const big = { optimising: isOptimising(), optimised: heat() };
// Keystrokes in the big document: the compiler stays on, until OPTIMISE_FOR_MS after the whole scan.
noteDocumentLength(OPTIMISE_FROM_LENGTH, false);
const keystroke = { optimising: isOptimising(), optimised: heat() };
setTimeout(() => {
  const after = { optimising: isOptimising(), optimised: heat() };
  // A keystroke does not turn it on again; a big document scanned whole does.
  noteDocumentLength(OPTIMISE_FROM_LENGTH, false);
  const laterKeystroke = { optimising: isOptimising(), optimised: heat() };
  noteDocumentLength(OPTIMISE_FROM_LENGTH, true);
  const reopened = { optimising: isOptimising(), optimised: heat() };
  process.stdout.write(JSON.stringify({ atStart, belowThreshold, big, keystroke, after, laterKeystroke, reopened }));
}, OPTIMISE_FOR_MS + 200);
