/**
 * Run as a child process: fills the young generation as keystrokes would, and prints what the
 * check after a publish did.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { afterPublish, collectsDirectly } from '../../server/src/idleGc';

function young(): { used: number; capacity: number } {
  const s = getHeapSpaceStatistics().find((x) => x.space_name === 'new_space')!;
  return { used: s.space_used_size, capacity: s.space_used_size + s.space_available_size };
}

/**
 * Waits until the check after a publish has run: it is queued with setImmediate, and immediates run
 * in the order they were queued. (A 20 ms timer raced it: on a loaded machine the timer could be due
 * before the event loop first turned, and then ran first.)
 */
const idle = () => new Promise<void>((resolve) => setImmediate(resolve));
/** One object in a hundred is kept, as a server keeps the scan of each version; the rest is garbage. */
const kept: { a: number }[] = [];
const held: { garbage?: unknown } = {};
function allocate(bytes: number): void {
  for (let i = 0; i < bytes / 64; i++) {
    const o = { a: i, b: i + 1, c: i + 2 };
    if (i % 100 === 0) kept.push(o);
    else held.garbage = o;
  }
}

(async () => {
  const out: Record<string, unknown> = {};
  // Nearly full (70%, below V8's own trigger of 80%): the check after a publish collects it, and
  // what is kept survives.
  while (young().used < 0.7 * young().capacity) allocate(16 * 1024);
  const before = young().used;
  const keptBefore = kept.length;
  const sum = () => kept.reduce((t, o) => t + o.a, 0);
  const sumBefore = sum();
  afterPublish();
  await idle();
  out.collected = young().used < before;
  out.keptSurvives = kept.length === keptBefore && sum() === sumBefore;
  out.direct = collectsDirectly();
  process.stdout.write(JSON.stringify(out));
  held.garbage = undefined;
})();
