// Starts code-server (a complete VS Code served to a browser) the way the tests need it: on a free
// loopback port, no auth, no telemetry or update checks, workspace trust off, and every folder it
// writes to (user data, extensions, HOME, XDG_*) inside one temporary folder that stop() removes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Toolchain {
  /** The Node 24 binary code-server was built for. */
  nodeBin: string;
  /** code-server's out/node/entry.js. */
  codeServerEntry: string;
}

export interface CodeServerOptions {
  toolchain: Toolchain;
  /** VSIX files to install before starting. */
  install?: string[];
  /** Extra VS Code server options, passed as --vscode-option NAME. */
  vscodeOptions?: string[];
  /** Where code-server's own log goes (stdout and stderr); defaults to this process's stderr. */
  log?: (chunk: string) => void;
  /** Seed the user settings.json with these before starting. */
  userSettings?: Record<string, unknown>;
}

export interface CodeServer {
  url: string;
  port: number;
  root: string;
  userDataDir: string;
  extensionsDir: string;
  /** The user settings.json that the workbench reads (and watches). */
  userSettingsPath: string;
  /** The workbench URL that opens a folder, with optional extra query parameters. */
  folderUrl(folder: string, query?: Record<string, string>): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function isolatedEnv(root: string): NodeJS.ProcessEnv {
  const home = join(root, 'home');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    XDG_RUNTIME_DIR: join(root, 'run'),
    TMPDIR: join(root, 'tmp'),
  };
  for (const key of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'XDG_RUNTIME_DIR', 'TMPDIR']) {
    mkdirSync(env[key]!, { recursive: true, mode: 0o700 });
  }
  // Variables that would point code-server at the developer's own setup, a parent VS Code or the
  // outer `npm run` (npm_config_*, which npm in an extension's task would read as its settings).
  for (const key of Object.keys(env)) {
    if (/^(VSCODE_|ELECTRON_RUN_AS_NODE$|PASSWORD$|HASHED_PASSWORD$|CODE_SERVER_|NODE_OPTIONS$|npm_|NODE$|INIT_CWD$)/.test(key)) delete env[key];
  }
  // No extension gallery: nothing here installs from one, and the machine may have no network.
  env.EXTENSIONS_GALLERY = '{}';
  return env;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms`);
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const root = mkdtempSync(join(tmpdir(), 'k8s-platforms-e2e-'));
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  const userSettingsPath = join(userDataDir, 'User', 'settings.json');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const env = isolatedEnv(root);
  const log = options.log ?? ((chunk: string) => process.stderr.write(chunk));
  const { nodeBin, codeServerEntry } = options.toolchain;
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'security.workspace.trust.enabled': false,
    'editor.hover.delay': 100,
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.suggestOnTriggerCharacters': false,
    'editor.minimap.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.layoutControl.enabled': false,
    'files.autoSave': 'off',
    'chat.disableAIFeatures': true,
    ...options.userSettings,
  };
  writeFileSync(userSettingsPath, JSON.stringify(settings, null, 2));

  for (const vsix of options.install ?? []) {
    const result = spawnSync(nodeBin, [codeServerEntry, ...common, '--install-extension', vsix, '--force'], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    log(result.stdout + result.stderr);
    if (result.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (exit ${result.status})`);
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [
    codeServerEntry,
    ...common,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(options.vscodeOptions ?? []).flatMap((o) => ['--vscode-option', o]),
  ];
  const child = spawn(nodeBin, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.on('data', (d: Buffer) => log(d.toString()));
  child.stderr!.on('data', (d: Buffer) => log(d.toString()));
  await waitForHealth(url, child, 60_000);

  let stopped = false;
  return {
    url,
    port,
    root,
    userDataDir,
    extensionsDir,
    userSettingsPath,
    folderUrl(folder, query = {}) {
      const params = new URLSearchParams({ folder, ...query });
      return `${url}/?${params.toString()}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        // code-server starts its own children (extension host, pty host, the language server): end
        // the whole process group it leads, which this process created and nothing else is in.
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          child.kill('SIGTERM');
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
