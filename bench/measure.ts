/**
 * One language server on one file, driven as an editor drives it: open, 50 single-character
 * edits spread over the file, hovers and completions at platform tokens, peak memory.
 */
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Position } from 'vscode-languageserver-protocol/node';
import { LspSession, type Publish, type ServerSpec } from './lsp';
import { percentile } from './stats';

export interface Timings {
  p50: number;
  p95: number;
  max: number;
  samples: number[];
}

export interface ServerFigures {
  server: string;
  initMs: number;
  openMs: number;
  change?: Timings;
  hover?: Timings;
  completion?: Timings;
  /** Peak resident set size (VmHWM) in MiB, read at the end of the session. */
  peakRssMiB: number;
  /** Resident set size right after the open file's diagnostics arrived, in MiB. */
  openRssMiB: number;
  /** Resident set size after the last edit's diagnostics, in MiB. */
  editsRssMiB: number;
  /** Publishes carried the document version (else: timed to the next publish). */
  versioned: boolean;
  /** Diagnostics published for the open file, and after the last edit. */
  openDiagnostics: number;
  finalDiagnostics: Diagnostic[];
  hoversAnswered: number;
  completionsAnswered: number;
  errors: string[];
}

export interface MeasureOptions {
  edits: number;
  hovers: number;
  completions: number;
  openTimeoutMs: number;
  stepTimeoutMs: number;
}

export const DEFAULT_MEASURE: MeasureOptions = { edits: 50, hovers: 30, completions: 30, openTimeoutMs: 180_000, stepTimeoutMs: 60_000 };

interface Edit {
  line: number;
  character: number;
}

const COMMENT = /^\s*#\s*\S/;
const NAME_VALUE = /^\s*(-\s+)?name:\s+\S/;
const GO_BUILD = /^\s+(GOOS=\S+ GOARCH=\S+ )?go build /;
const EDIT_KINDS = [COMMENT, NAME_VALUE, GO_BUILD];

/**
 * `count` edit points at lines spread evenly over the file, cycling through a comment, a `name:`
 * value and a `go build` line of a run: block; each inserts one character before the line's last.
 */
export function editPoints(lines: readonly string[], count: number): Edit[] {
  const out: Edit[] = [];
  for (let i = 0; i < count; i++) {
    const kind = EDIT_KINDS[i % EDIT_KINDS.length];
    const target = Math.floor(((i + 0.5) * lines.length) / count);
    let line = -1;
    for (let l = target; l < lines.length && line < 0; l++) if (kind.test(lines[l])) line = l;
    for (let l = target; l >= 0 && line < 0; l--) if (kind.test(lines[l])) line = l;
    if (line < 0) continue;
    out.push({ line, character: lines[line].length - 1 });
  }
  return out;
}

function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor(((i + 0.5) * items.length) / count)]);
}

/** Inside platform tokens (`linux/arm64` in a platforms list, a --platform value, a dl.k8s.io path). */
export function hoverPoints(lines: readonly string[], count: number): Position[] {
  const all: Position[] = [];
  const re = /\b(linux|darwin|windows)\/(amd64|arm64|ppc64le|s390x|386)\b/g;
  lines.forEach((text, line) => {
    for (const m of text.matchAll(re)) all.push({ line, character: m.index! + 3 });
  });
  return spread(all, count);
}

/** Right after `linux/` where a user types a platform: --platform values and platforms lists. */
export function completionPoints(lines: readonly string[], count: number): Position[] {
  const all: Position[] = [];
  lines.forEach((text, line) => {
    if (!/platform/.test(text) && !/^\s+linux\/\w+$/.test(text)) return;
    for (const m of text.matchAll(/\blinux\//g)) all.push({ line, character: m.index! + 6 });
  });
  return spread(all, count);
}

function timings(samples: number[]): Timings | undefined {
  if (samples.length === 0) return undefined;
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples), samples };
}

/** Whether a publish answers the document version `version` sent at `sentAt`. */
function answers(version: number, sentAt: number): (p: Publish) => boolean {
  return (p) => (p.version !== undefined && p.version !== null ? p.version >= version : p.at >= sentAt);
}

/** Measures one server on one file; every step is bounded by a timeout, the server always stopped. */
export async function measureServer(spec: ServerSpec, path: string, text: string, opts: MeasureOptions = DEFAULT_MEASURE): Promise<ServerFigures> {
  const uri = pathToFileURL(path).href;
  const session = new LspSession(spec);
  const figures: ServerFigures = {
    server: spec.name,
    initMs: NaN,
    openMs: NaN,
    peakRssMiB: NaN,
    openRssMiB: NaN,
    editsRssMiB: NaN,
    versioned: false,
    openDiagnostics: 0,
    finalDiagnostics: [],
    hoversAnswered: 0,
    completionsAnswered: 0,
    errors: [],
  };
  activeSessions.add(session);
  try {
    await session.start(null);
    figures.initMs = session.initMs;
    // An editor answers the settings pull before the user gets to open a file.
    await Promise.race([session.configured, new Promise((r) => setTimeout(r, 3000))]);

    const lines = text.split('\n');
    let version = 1;
    let mark = session.publishes.length;
    const openAt = await session.didOpen(uri, 'yaml', version, text);
    const opened = await session.waitForPublish(uri, mark, answers(version, openAt), opts.openTimeoutMs, 'open→diagnostics');
    figures.openMs = opened.at - openAt;
    figures.versioned = opened.version !== undefined && opened.version !== null;
    figures.openDiagnostics = opened.diagnostics.length;
    figures.finalDiagnostics = opened.diagnostics;
    await session.settle(300, 30_000);
    figures.openRssMiB = (session.memory()?.current ?? NaN) / 2 ** 20;

    const changes: number[] = [];
    try {
      for (const edit of editPoints(lines, opts.edits)) {
        version++;
        const l = lines[edit.line];
        lines[edit.line] = l.slice(0, edit.character) + 'x' + l.slice(edit.character);
        const position = { line: edit.line, character: edit.character };
        mark = session.publishes.length;
        const sentAt = await session.didChange(uri, version, [{ range: { start: position, end: position }, text: 'x' }]);
        const p = await session.waitForPublish(uri, mark, answers(version, sentAt), opts.stepTimeoutMs, `change→diagnostics (version ${version})`);
        changes.push(p.at - sentAt);
        figures.finalDiagnostics = p.diagnostics;
      }
    } catch (e) {
      figures.errors.push((e as Error).message);
    }
    figures.change = timings(changes);
    figures.editsRssMiB = (session.memory()?.current ?? NaN) / 2 ** 20;

    const textDocument = { uri };
    const hovers: number[] = [];
    const completions: number[] = [];
    try {
      for (const position of hoverPoints(lines, opts.hovers)) {
        const { result, ms } = await session.request<unknown>('textDocument/hover', { textDocument, position }, opts.stepTimeoutMs);
        hovers.push(ms);
        if (result) figures.hoversAnswered++;
      }
      for (const position of completionPoints(lines, opts.completions)) {
        const { result, ms } = await session.request<unknown>('textDocument/completion', { textDocument, position, context: { triggerKind: 1 } }, opts.stepTimeoutMs);
        completions.push(ms);
        const items = Array.isArray(result) ? result : (result as { items?: unknown[] } | null)?.items;
        if (items && items.length > 0) figures.completionsAnswered++;
      }
    } catch (e) {
      figures.errors.push((e as Error).message);
    }
    figures.hover = timings(hovers);
    figures.completion = timings(completions);
    figures.peakRssMiB = (session.memory()?.peak ?? NaN) / 2 ** 20;
  } catch (e) {
    figures.errors.push((e as Error).message);
  } finally {
    await session.stop();
    activeSessions.delete(session);
  }
  return figures;
}

/** Diagnostics as a fresh server publishes them for `text`, for comparing with incremental ones. */
export async function freshDiagnostics(spec: ServerSpec, path: string, text: string, timeoutMs: number): Promise<{ diagnostics: Diagnostic[]; initMs: number }> {
  const uri = pathToFileURL(path).href;
  const session = new LspSession(spec);
  activeSessions.add(session);
  try {
    await session.start(null);
    await Promise.race([session.configured, new Promise((r) => setTimeout(r, 3000))]);
    const mark = session.publishes.length;
    const at = await session.didOpen(uri, 'yaml', 1, text);
    const p = await session.waitForPublish(uri, mark, answers(1, at), timeoutMs, 'fresh open→diagnostics');
    return { diagnostics: p.diagnostics, initMs: session.initMs };
  } finally {
    await session.stop();
    activeSessions.delete(session);
  }
}

/** The text after `editPoints` edits, as the incremental run left it. */
export function editedText(text: string, edits: number): string {
  const lines = text.split('\n');
  for (const e of editPoints(lines, edits)) lines[e.line] = lines[e.line].slice(0, e.character) + 'x' + lines[e.line].slice(e.character);
  return lines.join('\n');
}

/** Diagnostics in a comparable form: what a user sees, without per-version data. */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  const key = (d: Diagnostic) => JSON.stringify([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.severity, d.code, d.source, d.message]);
  const ka = a.map(key).sort();
  const kb = b.map(key).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

/** Sessions still running, killed if the harness exits early. */
export const activeSessions = new Set<LspSession>();
