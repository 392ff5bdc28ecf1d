/**
 * `--profile`: our server runs from an unminified bundle under `node --cpu-prof`, and the bench
 * prints where its time went (self time per function) for each size.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { REPO } from './servers';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  fn: string;
  where: string;
  ms: number;
  share: number;
}

/** Bundles an entry (server/src/main.ts, server/src/cliMain.ts) without minifying, so profiles name the functions. */
export async function buildProfilingBundle(entry: string, outFile: string): Promise<void> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(REPO, entry)],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: false,
    sourcemap: false,
    logLevel: 'warning',
  });
}

export function profileArgs(dir: string, name: string): string[] {
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}`];
}

export function clearProfiles(dir: string): void {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) if (f.endsWith('.cpuprofile')) rmSync(join(dir, f));
}

/**
 * Where a line of an unminified esbuild bundle comes from: esbuild opens every module with a
 * `// path/to/module.ts` comment.
 */
function moduleLocator(bundle: string): (line: number) => string | undefined {
  if (!existsSync(bundle)) return () => undefined;
  const starts: { line: number; module: string }[] = [];
  readFileSync(bundle, 'utf8')
    .split('\n')
    .forEach((text, line) => {
      const m = /^\/\/ ((?:server|client|data|node_modules)\/\S+)$/.exec(text);
      if (m) starts.push({ line, module: m[1] });
    });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found: string | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid].line <= line) {
        found = starts[mid].module;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/** Self time per function (summed over every node of that function), largest first. */
export function topSelfTime(file: string, count: number, bundle?: string): SelfTime[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const locate = bundle ? moduleLocator(bundle) : () => undefined;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, { fn: string; where: string; us: number }>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const delta = profile.timeDeltas[i] ?? 0;
    if (!node || node.callFrame.functionName === '(idle)') return;
    total += delta;
    const f = node.callFrame;
    const file = f.url ? basename(f.url.replace(/^file:\/\//, '')) : '';
    const module = bundle && f.url.endsWith(basename(bundle)) ? locate(f.lineNumber) : undefined;
    const where = file ? `${module ?? file}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName}@${where}`;
    const entry = self.get(key) ?? { fn: f.functionName || '(anonymous)', where, us: 0 };
    entry.us += delta;
    self.set(key, entry);
  });
  return [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, count)
    .map((e) => ({ fn: e.fn, where: e.where, ms: e.us / 1000, share: total ? e.us / total : 0 }));
}

/** The top `count` functions by self time; `bundle` names the module each bundle line comes from. */
export function printProfile(file: string, count: number, bundle: string, out: (line: string) => void): void {
  if (!existsSync(file)) {
    out(`  (no profile at ${relative(process.cwd(), file)}: the server did not exit cleanly)`);
    return;
  }
  for (const t of topSelfTime(file, count, bundle)) {
    out(`  ${t.ms.toFixed(1).padStart(9)} ms ${(t.share * 100).toFixed(1).padStart(5)}%  ${t.fn}  ${t.where}`);
  }
}
