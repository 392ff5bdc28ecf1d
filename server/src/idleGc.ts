import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Young-generation collections (scavenges) in idle time, not in the middle of a keystroke.
 *
 * V8 collects its young generation when an allocation finds it full, or in a task of the event
 * loop (that is, on the next message) once it is 80% full. A keystroke allocates some 100 to 300
 * KiB (the block scanned again, the diagnostics sent), so every tenth keystroke or so paid for a
 * scavenge: 0.5 to 1 ms at 1,000 lines, 3 to 5 ms when V8 grew the generation, against a keystroke
 * of about 1 ms. After diagnostics are sent, the server is idle until the next change: if the
 * young generation could not take two more keystrokes, it is collected then.
 *
 * In Node the collection is asked for directly: V8's `gc` function, which the `--expose-gc` flag
 * puts in contexts made after it is set (a scavenge where little survives: 0.3 to 0.7 ms). Where
 * that is not done (Electron, whose flags are left alone, and the build's run that makes the code
 * cache, which V8 accepts only under the flags it was made with), the generation is filled with
 * short-lived arrays instead, which makes V8 collect it at once; what is live survives either way.
 * Filling costs more (some 13 µs for each fresh page touched: 3 to 6 ms), and a keystroke sent
 * right after a publish, as a fast typist's or the benchmark's, waited for it.
 */

/** Young-generation use after the last check, and what a keystroke allocates (a decaying maximum). */
let usedBefore = 0;
let perKeystroke = 0;
let scheduled = false;

/** At least this much free room after a check: room for the biggest keystroke seen, twice. */
const MIN_ROOM = 256 * 1024;

/** The most the filler allocates. */
const MAX_FILL = 1536 * 1024;

/** How full V8 lets the young generation get before it schedules a collection of its own. */
const TASK_TRIGGER = 0.8;

/** Filler arrays of 8,192 small integers (32 or 64 KiB): below V8's large-object size. */
const FILLER_LENGTH = 8192;

/** Where the filler is held (one array at a time), where no compiler can prove it unused. */
const held: { filler?: number[] } = {};

function youngGeneration(): { used: number; available: number } | undefined {
  for (const s of getHeapSpaceStatistics()) if (s.space_name === 'new_space') return { used: s.space_used_size, available: s.space_available_size };
  return undefined;
}

/** Diagnostics were sent: once the event loop is idle, collects the young generation if it is nearly full. */
export function afterPublish(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(collectIfShort);
}

function collectIfShort(): void {
  scheduled = false;
  const young = youngGeneration();
  if (!young) return;
  const grown = young.used - usedBefore;
  const capacity = young.used + young.available;
  perKeystroke = keystrokeEstimate(perKeystroke, grown, capacity);
  usedBefore = young.used;
  const gc = collector();
  // After an open (growth no keystroke makes), what it allocated is collected at once, while the
  // user reads: the first keystrokes would otherwise pay for a generation full of its survivors.
  const opened = gc !== null && grown >= capacity / 4;
  if (!opened && !needsCollection(young.used, young.available, perKeystroke, gc !== null)) return;
  if (gc) {
    gc({ type: 'minor' });
    usedBefore = youngGeneration()?.used ?? 0;
  } else collectYoung(young.available);
}

/** Whether collections are asked of V8 directly, not made by filling the generation (for tests). */
export function collectsDirectly(): boolean {
  return collector() !== null;
}

type Collector = (options: { type: 'minor' }) => void;
let gcFunction: Collector | null | undefined;

/** V8's `gc`, when this process may have it (made once, on first need); null where it is not asked for. */
function collector(): Collector | null {
  if (gcFunction !== undefined) return gcFunction;
  gcFunction = null;
  const own = (globalThis as { gc?: Collector }).gc;
  if (typeof own === 'function') return (gcFunction = own);
  if (process.versions.electron !== undefined || process.env.K8S_PLATFORMS_CODE_CACHE === 'write') return null;
  try {
    setFlagsFromString('--expose-gc');
    const made: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
    if (typeof made === 'function') gcFunction = made as Collector;
  } catch {
    gcFunction = null;
  }
  return gcFunction;
}

/**
 * What a keystroke allocates, from the last estimate and what the young generation grew by since
 * the last check. A collection in between makes it smaller, and growth of more than a quarter of
 * its room (the open of a document) is no keystroke's: neither is counted.
 */
export function keystrokeEstimate(last: number, grown: number, capacity: number): number {
  return grown > 0 && grown < capacity / 4 ? Math.max(grown, last * 0.75) : last;
}

/**
 * Whether a young generation so full could not take two more keystrokes before V8 collects it on
 * its own and, when it must be filled to be collected (`direct` false), is small enough to fill:
 * the filler's first touch of fresh pages costs some 13 µs a page on this project's VM (a 16 MiB
 * generation left 3 MiB to fill, 6 ms), more than the collection it moves out of a keystroke.
 */
export function needsCollection(used: number, available: number, perKeystroke: number, direct = false): boolean {
  const room = TASK_TRIGGER * (used + available) - used;
  return room < Math.max(MIN_ROOM, 2 * perKeystroke) && (direct || available <= MAX_FILL);
}

/**
 * Fills the young generation with arrays kept by nothing until V8 collects it (its use drops):
 * the allocation that finds it full makes it collect.
 */
function collectYoung(available: number): void {
  // An array takes 4 or 8 bytes an element (with or without compressed pointers): enough for either.
  const most = Math.ceil(available / (FILLER_LENGTH * 4)) + 4;
  let used = youngGeneration()?.used ?? 0;
  for (let k = 0; k < most; k++) {
    held.filler = new Array<number>(FILLER_LENGTH).fill(k);
    const now = youngGeneration()?.used ?? 0;
    if (now < used) break;
    used = now;
  }
  held.filler = undefined;
  usedBefore = youngGeneration()?.used ?? 0;
}
