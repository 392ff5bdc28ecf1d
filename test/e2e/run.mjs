// `npm run test:e2e`: the extension in a real VS Code (code-server) driven by Chromium.
//   1. system packages (Debian chromium; libkrb5-dev and fonts for code-server), installed if missing
//   2. this folder's own dependencies (playwright-core, mocha, @vscode/test-electron), npm ci
//   3. Node 24 and code-server, cached outside the repo (scripts/toolchain.mjs)
//   4. the VSIX (`npm run package`), and the tests bundled with esbuild into out/
//   5. the UI tests (mocha + Playwright, the installed VSIX), then the extension-host suite
//      (mocha inside the extension host, via @vscode/test-electron's runTests, the extension from source)
// Flags: --update-screenshots (rewrite docs/*.png), --ui-only, --suite-only, --skip-package (reuse the VSIX).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureToolchain } from './scripts/toolchain.mjs';

const e2eDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(e2eDir, '..', '..');
const flags = new Set(process.argv.slice(2));
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const say = (text) => console.log(`e2e [${elapsed()}] ${text}`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: repoRoot, ...options });
  return result.status ?? 1;
}

function must(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) {
    console.error(`e2e: ${command} ${args.join(' ')} failed with exit code ${status}`);
    process.exit(status);
  }
}

function ensureSystemPackages() {
  const installed = (p) => spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' }).stdout?.includes('install ok installed') === true;
  const wanted = ['libkrb5-dev', 'fonts-dejavu-core', ...(process.env.E2E_CHROMIUM ? [] : ['chromium'])];
  const missing = wanted.filter((p) => !installed(p));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.error(`e2e: missing system packages: ${missing.join(' ')}. Install them (Debian: sudo apt-get install -y ${missing.join(' ')}) and rerun.`);
    process.exit(1);
  }
  say(`installing ${missing.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  must('apt-get', ['update', '-qq'], { env });
  must('apt-get', ['install', '-y', '-qq', ...missing, 'build-essential', 'python3'], { env });
}

// npm ci only when the installed tree does not match the lockfile.
function ensureOwnDependencies() {
  const installed = join(e2eDir, 'node_modules', '.package-lock.json');
  const lock = readFileSync(join(e2eDir, 'package-lock.json'), 'utf8');
  const current = existsSync(installed) ? readFileSync(installed, 'utf8') : '';
  const packagesOf = (text) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text || '{"packages":{}}').packages).filter(([k]) => k !== '').map(([k, v]) => [k, v.version])));
  if (current && packagesOf(current) === packagesOf(lock)) return;
  say('installing test/e2e dependencies (npm ci)');
  must('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: e2eDir });
}

function packageVsix() {
  const { name, version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const vsix = join(repoRoot, `${name}-${version}.vsix`);
  if (process.env.E2E_VSIX) return process.env.E2E_VSIX;
  if (!flags.has('--skip-package') || !existsSync(vsix)) {
    say('packaging the extension (npm run package)');
    must('npm', ['run', '--silent', 'package']);
  }
  if (!existsSync(vsix)) {
    console.error(`e2e: npm run package did not produce ${vsix}`);
    process.exit(1);
  }
  return vsix;
}

async function bundleTests() {
  const { build } = await import('esbuild');
  const out = join(e2eDir, 'out');
  rmSync(out, { recursive: true, force: true });
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', logLevel: 'warning' };
  const external = ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron'];
  const ui = readdirSync(join(e2eDir, 'src', 'ui')).filter((f) => f.endsWith('.test.ts')).map((f) => join(e2eDir, 'src', 'ui', f));
  const suite = readdirSync(join(e2eDir, 'suite')).filter((f) => f.endsWith('.ts')).map((f) => join(e2eDir, 'suite', f));
  await build({ ...common, external, entryPoints: ui, outdir: join(out, 'ui') });
  await build({ ...common, external, entryPoints: [join(e2eDir, 'src', 'launcher.ts'), join(e2eDir, 'src', 'runSuite.ts')], outdir: out });
  // The suite runs inside the extension host: one file per test file, mocha resolved from test/e2e.
  await build({ ...common, bundle: false, entryPoints: suite, outdir: join(out, 'suite') });
}

ensureSystemPackages();
ensureOwnDependencies();
say('Node 24 and code-server (cached)');
const toolchain = ensureToolchain((text) => say(text.replace(/^e2e: /, '')));
say(`code-server ${toolchain.codeServerVersion} with VS Code ${toolchain.vscodeVersion}`);
const vsix = flags.has('--suite-only') ? '' : packageVsix();
if (flags.has('--suite-only')) must('npm', ['run', '--silent', 'build']);
must(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(e2eDir, 'tsconfig.json')]);
await bundleTests();

const env = {
  ...process.env,
  E2E_REPO_ROOT: repoRoot,
  E2E_NODE_BIN: toolchain.nodeBin,
  E2E_CODE_SERVER_ENTRY: toolchain.codeServerEntry,
  E2E_VSIX: vsix,
  E2E_UPDATE_SCREENSHOTS: flags.has('--update-screenshots') ? '1' : process.env.E2E_UPDATE_SCREENSHOTS ?? '',
};
const mocha = join(e2eDir, 'node_modules', 'mocha', 'bin', 'mocha.js');
// Runs one mocha run, passing its output through and reading its "N passing" / "N failing" lines.
function runCounted(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      text += chunk.toString();
    });
    child.on('close', (code) => {
      const count = (word) => Number([...text.matchAll(new RegExp(`^\\s*(\\d+) ${word}`, 'gm'))].pop()?.[1] ?? 0);
      resolve({ status: code ?? 1, passed: count('passing'), failed: count('failing') });
    });
  });
}

const runs = [];
if (!flags.has('--suite-only')) {
  say(`UI tests: ${vsix} installed into code-server, driven in Chromium`);
  runs.push(await runCounted([mocha, '--reporter', 'spec', '--exit', '--timeout', '120000', join(e2eDir, 'out', 'ui', '*.test.js')]));
}
if (!flags.has('--ui-only')) {
  say('extension-host suite: mocha in the extension host, through runTests and code-server');
  runs.push(await runCounted([join(e2eDir, 'out', 'runSuite.js')]));
}
const failedRuns = runs.filter((r) => r.status !== 0).length;
const passed = runs.reduce((n, r) => n + r.passed, 0);
// A run that died before mocha counted anything still counts as one failure.
const failed = runs.reduce((n, r) => n + (r.status !== 0 ? Math.max(r.failed, 1) : r.failed), 0);
say(failedRuns ? `FAILED (${failedRuns} of the e2e runs failed; screenshots and logs in test-results/e2e/)` : 'passed');
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failedRuns ? 1 : 0);
