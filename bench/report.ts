/** The table of figures and the PASS/FAIL verdict on every target of issue 7. */
import { median } from './stats';
import type { CliFigures } from './cliBench';
import type { ServerFigures, Timings } from './measure';

export interface Accuracy {
  equal: boolean;
  incremental: number;
  fresh: number;
  note?: string;
}

export interface SizeResult {
  lines: number;
  bytes: number;
  ours?: ServerFigures;
  yamlLs?: ServerFigures;
  accuracy?: Accuracy;
}

export interface Target {
  target: string;
  status: 'PASS' | 'FAIL' | 'SKIP';
  detail: string;
}

export interface BenchResult {
  date: string;
  machine: { cpus: string; cores: number; memoryGiB: number; node: string; os: string; loadBefore: number[]; loadAfter?: number[] };
  quick: boolean;
  sizes: SizeResult[];
  /** init of every spawn of our server (the measured ones and the fresh ones of the accuracy check). */
  oursInitSamples: number[];
  cli?: CliFigures;
  targets: Target[];
}

/** A figure in a row of the table: its name, and how to read it from one server's figures. */
const FIGURES: { name: string; get: (f: ServerFigures) => number | undefined }[] = [
  { name: 'init', get: (f) => f.initMs },
  { name: 'open', get: (f) => f.openMs },
  { name: 'change p50', get: (f) => f.change?.p50 },
  { name: 'change p95', get: (f) => f.change?.p95 },
  { name: 'change max', get: (f) => f.change?.max },
  { name: 'hover p50', get: (f) => f.hover?.p50 },
  { name: 'hover p95', get: (f) => f.hover?.p95 },
  { name: 'completion p50', get: (f) => f.completion?.p50 },
  { name: 'completion p95', get: (f) => f.completion?.p95 },
  { name: 'peak RSS', get: (f) => f.peakRssMiB },
];

const HEAD = ['lines', 'server', 'init', 'open', 'chg p50', 'chg p95', 'chg max', 'hov p50', 'hov p95', 'cmp p50', 'cmp p95', 'RSS MiB'];

export function fmt(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '—';
  if (n < 10) return n.toFixed(2);
  if (n < 100) return n.toFixed(1);
  return n.toFixed(0);
}

function ratio(theirs: number | undefined, ours: number | undefined): number | undefined {
  if (theirs === undefined || ours === undefined || !Number.isFinite(theirs) || !Number.isFinite(ours) || ours <= 0) return undefined;
  return theirs / ours;
}

function fmtRatio(r: number | undefined): string {
  return r === undefined ? '—' : `${r < 10 ? r.toFixed(1) : r.toFixed(0)}×`;
}

function lineCount(n: number): string {
  return n >= 1000 ? `${n / 1000}k` : String(n);
}

/** The table: per size, a row for each server and one for the ratio theirs/ours (ms unless said). */
export function table(result: BenchResult): string {
  const rows: string[][] = [HEAD];
  for (const s of result.sizes) {
    const cells = (f: ServerFigures | undefined) => FIGURES.map((fig) => fmt(f ? fig.get(f) : undefined));
    if (s.ours) rows.push([lineCount(s.lines), 'ours', ...cells(s.ours)]);
    if (s.yamlLs) rows.push([lineCount(s.lines), 'yaml-ls', ...cells(s.yamlLs)]);
    if (s.ours && s.yamlLs) {
      const o = s.ours;
      const y = s.yamlLs;
      rows.push([lineCount(s.lines), 'ratio', ...FIGURES.map((fig) => fmtRatio(ratio(fig.get(y), fig.get(o))))]);
    }
  }
  const widths = HEAD.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** How many hovers and completions came back non-empty: a fast empty answer is not the same work. */
export function answerSummary(result: BenchResult): string {
  const one = (f: ServerFigures | undefined) =>
    f ? `${f.server} hover ${f.hoversAnswered}/${f.hover?.samples.length ?? 0}, completion ${f.completionsAnswered}/${f.completion?.samples.length ?? 0}` : '';
  return `Non-empty answers: ${result.sizes.map((s) => `${lineCount(s.lines)}: ${[one(s.ours), one(s.yamlLs)].filter(Boolean).join('; ')}`).join(' | ')}`;
}

/** Where the peak comes from: RSS after open, after the 50 edits, and the peak (MiB). */
export function memorySummary(result: BenchResult): string {
  const one = (f: ServerFigures | undefined) => (f ? `${f.server} ${fmt(f.openRssMiB)} → ${fmt(f.editsRssMiB)} → ${fmt(f.peakRssMiB)}` : '');
  return `RSS MiB after open → after edits → peak: ${result.sizes.map((s) => `${lineCount(s.lines)}: ${[one(s.ours), one(s.yamlLs)].filter(Boolean).join('; ')}`).join(' | ')}`;
}

export function cliSummary(cli: CliFigures): string {
  const lines = [
    `CLI cold start (one small file, spawn to exit): median ${fmt(cli.coldStartMs)} ms over ${cli.coldSamples.length} runs (min ${fmt(Math.min(...cli.coldSamples))}, max ${fmt(Math.max(...cli.coldSamples))})`,
    `CLI over the generated repository: ${cli.repoFiles} files, ${(cli.repoBytes / 1e6).toFixed(1)} MB in ${fmt(cli.repoMs)} ms (median of ${cli.repoSamples.length}): ${fmt(cli.mbPerSecond)} MB/s, ${fmt(cli.filesPerSecond)} files/s, ${cli.findings} findings${
      cli.repoCpuMs !== undefined ? ` (CPU time ${fmt(cli.repoCpuMs)} ms: ${fmt(cli.mbPerCpuSecond)} MB per CPU-second)` : ''
    }`,
  ];
  if (Number.isFinite(cli.nodeStartMs))
    lines.push(
      `Node's own start (node -e 0, spawn to exit, median): ${fmt(cli.nodeStartMs)} ms${
        cli.nodeStartWithoutExtraCertsMs !== undefined
          ? `; ${fmt(cli.nodeStartWithoutExtraCertsMs)} ms without NODE_EXTRA_CA_CERTS, which this environment sets (Node 20 loads those certificates at every start; the figures above keep the environment as it is)`
          : ''
      }`,
    );
  for (const e of cli.errors) lines.push(`CLI error: ${e}`);
  return lines.join('\n');
}

const CHANGE_P50: Record<number, number> = { 1_000: 2, 10_000: 5, 50_000: 15, 100_000: 30 };
const OPEN: Record<number, number> = { 10_000: 100, 50_000: 400 };
const ALL_SIZES = [1_000, 10_000, 50_000, 100_000];

/** Every target of the issue, judged on what was measured; a size not run is SKIP, a size that failed to measure is FAIL. */
export function judgeTargets(result: BenchResult): Target[] {
  const out: Target[] = [];
  const bySize = new Map(result.sizes.map((s) => [s.lines, s]));
  const skip = (target: string) => out.push({ target, status: 'SKIP', detail: result.quick ? 'not run with --quick' : 'not run' });
  const verdict = (target: string, value: number | undefined, limit: number, unit: string, extra = '') => {
    if (value === undefined || !Number.isFinite(value)) out.push({ target, status: 'FAIL', detail: 'not measured (see errors above)' });
    else out.push({ target, status: value <= limit ? 'PASS' : 'FAIL', detail: `${fmt(value)} ${unit}${value > limit ? ` (${fmt(value / limit)}× the limit)` : ''}${extra}` });
  };

  for (const lines of ALL_SIZES) {
    const s = bySize.get(lines);
    const name = `change→diagnostics p50 ≤ ${CHANGE_P50[lines]} ms at ${lines.toLocaleString('en')} lines`;
    if (!s) skip(name);
    else verdict(name, s.ours?.change?.p50, CHANGE_P50[lines], 'ms');
  }
  for (const lines of ALL_SIZES) {
    const s = bySize.get(lines);
    const name = `change→diagnostics p95 ≤ 2 × p50 at ${lines.toLocaleString('en')} lines`;
    if (!s) skip(name);
    else {
      const c: Timings | undefined = s.ours?.change;
      verdict(name, c ? c.p95 / c.p50 : undefined, 2, '× p50', c ? ` (p95 ${fmt(c.p95)} ms, p50 ${fmt(c.p50)} ms)` : '');
    }
  }
  for (const lines of [10_000, 50_000]) {
    const s = bySize.get(lines);
    const name = `open→diagnostics ≤ ${OPEN[lines]} ms at ${lines.toLocaleString('en')} lines`;
    if (!s) skip(name);
    else verdict(name, s.ours?.openMs, OPEN[lines], 'ms');
  }
  for (const [what, get] of [
    ['hover', (f: ServerFigures) => f.hover?.p50],
    ['completion', (f: ServerFigures) => f.completion?.p50],
  ] as const) {
    const values = result.sizes.map((s) => ({ lines: s.lines, v: s.ours ? get(s.ours) : undefined }));
    if (values.length === 0) {
      skip(`${what} p50 ≤ 2 ms at every size`);
      continue;
    }
    const worst = Math.max(...values.map((x) => x.v ?? Infinity));
    const detail = values.map((x) => `${lineCount(x.lines)} ${fmt(x.v)} ms`).join(', ');
    out.push({ target: `${what} p50 ≤ 2 ms at every size`, status: values.length > 0 && worst <= 2 ? 'PASS' : 'FAIL', detail });
  }
  const init = median(result.oursInitSamples);
  if (result.sizes.length === 0) skip('init ≤ 120 ms');
  else verdict('init ≤ 120 ms', init, 120, 'ms', ` (median of ${result.oursInitSamples.length} spawns, max ${fmt(Math.max(...result.oursInitSamples))} ms)`);
  const at50k = bySize.get(50_000);
  if (!at50k) skip('peak RSS ≤ 120 MiB at 50,000 lines');
  else verdict('peak RSS ≤ 120 MiB at 50,000 lines', at50k.ours?.peakRssMiB, 120, 'MiB');
  if (!result.cli) {
    skip('CLI cold start ≤ 150 ms');
    skip('CLI ≥ 10 MB/s over the generated repository');
  } else {
    verdict('CLI cold start ≤ 150 ms', result.cli.coldStartMs, 150, 'ms');
    const mbs = result.cli.mbPerSecond;
    out.push({
      target: 'CLI ≥ 10 MB/s over the generated repository',
      status: Number.isFinite(mbs) && mbs >= 10 ? 'PASS' : 'FAIL',
      detail: Number.isFinite(mbs) ? `${fmt(mbs)} MB/s, ${fmt(result.cli.filesPerSecond)} files/s` : 'not measured',
    });
  }
  for (const fig of FIGURES) {
    const ratios = result.sizes
      .filter((s) => s.ours && s.yamlLs)
      .map((s) => ({ lines: s.lines, r: ratio(fig.get(s.yamlLs!), fig.get(s.ours!)) }));
    const target = `${fig.name} ≥ 10× better than yaml-language-server`;
    if (ratios.length === 0) {
      skip(target);
      continue;
    }
    const pass = ratios.every((x) => x.r !== undefined && x.r >= 10);
    out.push({ target, status: pass ? 'PASS' : 'FAIL', detail: ratios.map((x) => `${lineCount(x.lines)} ${fmtRatio(x.r)}`).join(', ') });
  }
  const checked = result.sizes.filter((s) => s.accuracy);
  out.push({
    target: 'incremental diagnostics equal a fresh server’s on the final text',
    status: checked.length === 0 ? 'SKIP' : checked.every((s) => s.accuracy!.equal) ? 'PASS' : 'FAIL',
    detail: checked
      .map((s) => `${lineCount(s.lines)} ${s.accuracy!.equal ? 'equal' : 'DIFFER'} (${s.accuracy!.incremental} vs ${s.accuracy!.fresh}${s.accuracy!.note ? `; ${s.accuracy!.note}` : ''})`)
      .join(', '),
  });
  return out;
}

export function targetLines(targets: readonly Target[]): string {
  return targets.map((t) => `${t.status.padEnd(4)}  ${t.target}: ${t.detail}`).join('\n');
}
