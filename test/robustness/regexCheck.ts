/**
 * Child process of regex.test.ts: judges the regexes named on stdin (JSON) and prints one verdict
 * per line. Run apart so that a catastrophic regex, which no timer can interrupt, only costs a
 * killed child; the line it printed before starting says which regex it was.
 */
import { readFileSync } from 'node:fs';
import { judgeBounded, judgeRegex, type FoundRegex } from './regexes';

export interface CheckRequest {
  found: FoundRegex;
  /** The engine never matches it against more than this many characters. */
  bound?: number;
  /** Length of the small subjects (the large ones are 4×). */
  small: number;
}

const requests = JSON.parse(readFileSync(0, 'utf8')) as CheckRequest[];
for (const r of requests) {
  process.stderr.write(`checking ${r.found.where} /${r.found.source}/\n`);
  const verdict = r.bound !== undefined ? judgeBounded(r.found, r.bound, 20) : judgeRegex(r.found, r.small);
  process.stdout.write(`${JSON.stringify(verdict)}\n`);
}
