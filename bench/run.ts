/**
 * `npm run bench`: our language server and yaml-language-server on the same generated workflows,
 * the CLI on a generated repository, and a PASS/FAIL line for every target of issue 7.
 *
 *   npm run bench [-- --quick] [--json FILE] [--sizes 1000,10000] [--no-yaml-ls] [--profile] [--strict]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { generateWorkflow, SEED, SIZES, writeRepository, writeWorkflows, DEFAULT_OUT } from './generate';
import { activeSessions, DEFAULT_MEASURE, editedText, freshDiagnostics, measureServer, sameDiagnostics, type MeasureOptions } from './measure';
import { CLI_BUNDLE, oursSpec, SERVER_BUNDLE, yamlLsSpec } from './servers';
import { measureCli } from './cliBench';
import { answerSummary, cliSummary, fmt, memorySummary, judgeTargets, table, targetLines, type BenchResult, type SizeResult } from './report';
import { buildProfilingBundle, clearProfiles, printProfile, profileArgs } from './profile';

interface Options {
  quick: boolean;
  json?: string;
  sizes: number[];
  yamlLs: boolean;
  profile: boolean;
  strict: boolean;
  cliOnly: boolean;
}

const USAGE = `Usage: npm run bench -- [options]
  --quick            only the 10,000-line workflow, and the CLI measured once (not three times)
  --json FILE        also write every figure as JSON to FILE
  --sizes N,N        workflow sizes in lines (default ${SIZES.join(',')})
  --no-yaml-ls       skip yaml-language-server
  --profile          run our server from an unminified bundle under --cpu-prof; print top self time
  --cli-only         measure only the CLI
  --strict           exit 1 when a target fails`;

function parseArgs(argv: string[]): Options {
  const o: Options = { quick: false, sizes: [...SIZES], yamlLs: true, profile: false, strict: false, cliOnly: false };
  let sizesGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') o.quick = true;
    else if (a === '--json') o.json = resolve(value());
    else if (a.startsWith('--json=')) o.json = resolve(a.slice(7));
    else if (a === '--sizes') {
      o.sizes = value().split(',').map(Number);
      sizesGiven = true;
    } else if (a === '--no-yaml-ls') o.yamlLs = false;
    else if (a === '--profile') o.profile = true;
    else if (a === '--strict') o.strict = true;
    else if (a === '--cli-only') o.cliOnly = true;
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  if (o.quick && !sizesGiven) o.sizes = [10_000];
  if (o.cliOnly) o.sizes = [];
  if (o.sizes.some((n) => !Number.isInteger(n) || n < 10)) throw new Error('--sizes takes line counts, e.g. 1000,10000');
  return o;
}

const log = (s: string) => process.stderr.write(`${s}\n`);

function killAll(): void {
  for (const s of activeSessions) s.kill();
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const out = DEFAULT_OUT;
  const haveServer = existsSync(SERVER_BUNDLE);
  if (!haveServer) log(`bench: ${SERVER_BUNDLE} is missing (run npm run build); measuring yaml-language-server only.`);

  const profileDir = join(out, 'profiles');
  let ours = oursSpec();
  if (opts.profile && haveServer) {
    const bundle = join(out, 'server-profile.js');
    await buildProfilingBundle('server/src/main.ts', bundle);
    clearProfiles(profileDir);
    mkdirSync(profileDir, { recursive: true });
    ours = { ...oursSpec(), args: [bundle, '--stdio'] };
  }

  log(`bench: generating workflows (${opts.sizes.join(', ')} lines) in ${out}`);
  const files = writeWorkflows(out, opts.sizes);
  const measure: MeasureOptions = DEFAULT_MEASURE;
  const result: BenchResult = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      os: `${type()} ${release()}`,
      loadBefore: loadavg(),
    },
    quick: opts.quick,
    sizes: [],
    oursInitSamples: [],
    targets: [],
  };

  for (const [i, lines] of opts.sizes.entries()) {
    const { path, text } = files[i];
    const size: SizeResult = { lines, bytes: Buffer.byteLength(text) };
    result.sizes.push(size);
    log(`bench: ${lines} lines (${(size.bytes / 1e6).toFixed(2)} MB)`);
    if (haveServer) {
      const spec = opts.profile ? { ...ours, args: [...profileArgs(profileDir, `ours-${lines}.cpuprofile`), ...ours.args] } : ours;
      size.ours = await measureServer(spec, path, text, measure);
      result.oursInitSamples.push(size.ours.initMs);
      log(`  ours:    open ${fmt(size.ours.openMs)} ms, change p50 ${fmt(size.ours.change?.p50)} ms, hover p50 ${fmt(size.ours.hover?.p50)} ms, completion p50 ${fmt(size.ours.completion?.p50)} ms, RSS ${fmt(size.ours.openRssMiB)} MiB after open, ${fmt(size.ours.editsRssMiB)} after edits, peak ${fmt(size.ours.peakRssMiB)} MiB`);
      for (const e of size.ours.errors) log(`  ours error: ${e}`);
      if (!size.ours.versioned && Number.isFinite(size.ours.openMs)) log('  ours: publishDiagnostics carried no version; timed to the next publish');
      if (size.ours.change?.samples.length === measure.edits) {
        try {
          const fresh = await freshDiagnostics(oursSpec(), path, editedText(text, measure.edits), measure.openTimeoutMs);
          result.oursInitSamples.push(fresh.initMs);
          size.accuracy = { equal: sameDiagnostics(size.ours.finalDiagnostics, fresh.diagnostics), incremental: size.ours.finalDiagnostics.length, fresh: fresh.diagnostics.length };
        } catch (e) {
          size.accuracy = { equal: false, incremental: size.ours.finalDiagnostics.length, fresh: NaN, note: (e as Error).message };
        }
      }
    }
    if (opts.yamlLs) {
      size.yamlLs = await measureServer(yamlLsSpec(files.map((f) => f.path)), path, text, measure);
      log(`  yaml-ls: open ${fmt(size.yamlLs.openMs)} ms, change p50 ${fmt(size.yamlLs.change?.p50)} ms, hover p50 ${fmt(size.yamlLs.hover?.p50)} ms, completion p50 ${fmt(size.yamlLs.completion?.p50)} ms, RSS ${fmt(size.yamlLs.openRssMiB)} MiB after open, ${fmt(size.yamlLs.editsRssMiB)} after edits, peak ${fmt(size.yamlLs.peakRssMiB)} MiB`);
      for (const e of size.yamlLs.errors) log(`  yaml-ls error: ${e}`);
    }
  }

  let cliProfile: { file: string; bundle: string } | undefined;
  if (existsSync(CLI_BUNDLE)) {
    const small = join(out, 'cli', '.github', 'workflows', 'small.yml');
    mkdirSync(dirname(small), { recursive: true });
    writeFileSync(small, generateWorkflow(60, SEED));
    // The repository the CLI target is set on, also with --quick: a smaller one would measure
    // mostly start-up and warm-up, not throughput.
    const repoFiles = 2000;
    log(`bench: CLI (repository of ${repoFiles} files)`);
    const repo = writeRepository(join(out, 'repo'), repoFiles);
    result.cli = await measureCli(CLI_BUNDLE, small, repo, opts.quick ? 5 : 10, opts.quick ? 1 : 3);
    if (opts.profile) {
      const bundle = join(out, 'cli-profile.js');
      await buildProfilingBundle('server/src/cliMain.ts', bundle);
      mkdirSync(profileDir, { recursive: true });
      const r = spawnSync(process.execPath, [...profileArgs(profileDir, 'cli-repo.cpuprofile'), bundle, 'lint', '--format', 'json', '--jobs', '1', repo.dir], {
        cwd: dirname(repo.dir),
        stdio: 'ignore',
        timeout: 300_000,
      });
      if (r.status !== 0 && r.status !== 1) log(`bench: profiled CLI run failed (exit ${r.status})`);
      cliProfile = { file: join(profileDir, 'cli-repo.cpuprofile'), bundle };
    }
  } else {
    log(`bench: ${CLI_BUNDLE} is missing; CLI not measured.`);
  }

  result.targets = judgeTargets(result);
  const m = result.machine;
  m.loadAfter = loadavg();
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`\nk8s-platforms bench, ${result.date}, ${m.cores} × ${m.cpus}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}`);
  console.log(`load average before ${load(m.loadBefore)}, after ${load(m.loadAfter)} (other processes on the machine make the figures noisy)`);
  console.log(`GitHub workflows; times in ms (spawn→initialize answer, didOpen/didChange→publishDiagnostics of that version, request→answer); ${measure.edits} edits, ${measure.hovers} hovers, ${measure.completions} completions per size; ratio = yaml-ls / ours\n`);
  console.log(table(result));
  console.log(answerSummary(result));
  console.log(memorySummary(result));
  if (result.cli) console.log(`\n${cliSummary(result.cli)}`);
  console.log(`\n${targetLines(result.targets)}`);
  const failed = result.targets.filter((t) => t.status === 'FAIL').length;
  console.log(`\n${result.targets.filter((t) => t.status === 'PASS').length} passed, ${failed} failed, ${result.targets.filter((t) => t.status === 'SKIP').length} skipped`);

  if (opts.profile && haveServer) {
    for (const s of result.sizes) {
      console.log(`\nTop self time of our server, ${s.lines} lines (whole session: start, open, edits, hovers, completions; line numbers in bench/.out/server-profile.js):`);
      printProfile(join(profileDir, `ours-${s.lines}.cpuprofile`), 15, join(out, 'server-profile.js'), (l) => console.log(l));
    }
  }
  if (cliProfile) {
    console.log(`\nTop self time of the CLI over the repository (line numbers in bench/.out/cli-profile.js):`);
    printProfile(cliProfile.file, 15, cliProfile.bundle, (l) => console.log(l));
  }
  if (opts.json) {
    mkdirSync(dirname(opts.json), { recursive: true });
    writeFileSync(opts.json, JSON.stringify(result, (k, v: unknown) => (k === 'finalDiagnostics' && Array.isArray(v) ? v.length : v), 2) + '\n');
    log(`bench: figures written to ${opts.json}`);
  }
  return opts.strict && failed > 0 ? 1 : 0;
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    killAll();
    log(`bench: ${(e as Error)?.stack ?? String(e)}`);
    process.exitCode = 2;
  },
);
