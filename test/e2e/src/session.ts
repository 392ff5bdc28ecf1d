// One code-server with the packaged extension installed, one Chromium page on a copy of the fixture
// workspace: what the UI tests share. Failures leave a screenshot under test-results/.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startCodeServer, type CodeServer, type Toolchain } from './codeServer';
import { launchChromium, Workbench } from './workbench';

// The bundles in test/e2e/out/ sit at different depths: find the repo by its package.json.
function findRepoRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'k8s-platforms') return dir;
  }
  throw new Error(`no k8s-platforms package.json above ${__dirname}`);
}

export const repoRoot = process.env.E2E_REPO_ROOT ?? findRepoRoot();
export const fixtureWorkspace = join(repoRoot, 'test', 'e2e', 'fixtures', 'workspace');
export const resultsDir = join(repoRoot, 'test-results', 'e2e');

export function toolchainFromEnv(): Toolchain {
  const nodeBin = process.env.E2E_NODE_BIN;
  const codeServerEntry = process.env.E2E_CODE_SERVER_ENTRY;
  if (!nodeBin || !codeServerEntry) throw new Error('E2E_NODE_BIN and E2E_CODE_SERVER_ENTRY are set by test/e2e/run.mjs; run `npm run test:e2e`');
  return { nodeBin, codeServerEntry };
}

/** A copy of the fixture workspace in a folder named `agent`, so the tests may edit it. */
export function copyWorkspace(): { folder: string; remove(): void } {
  const parent = mkdtempSync(join(tmpdir(), 'k8s-platforms-ws-'));
  const folder = join(parent, 'agent');
  cpSync(fixtureWorkspace, folder, { recursive: true });
  return { folder, remove: () => rmSync(parent, { recursive: true, force: true }) };
}

export function safeName(title: string): string {
  return title.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 100);
}

export class Session {
  private constructor(
    readonly codeServer: CodeServer,
    readonly browser: Browser,
    readonly page: Page,
    readonly workbench: Workbench,
    readonly workspace: string,
    private readonly cleanup: () => void,
    readonly serverLog: string[],
  ) {}

  static async start(vsix: string): Promise<Session> {
    const serverLog: string[] = [];
    const codeServer = await startCodeServer({
      toolchain: toolchainFromEnv(),
      install: [vsix],
      log: (chunk) => serverLog.push(chunk),
    });
    const workspace = copyWorkspace();
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('pageerror', (e) => serverLog.push(`[page error] ${e.message}\n`));
      await page.goto(codeServer.folderUrl(workspace.folder));
      const workbench = new Workbench(page);
      const session = new Session(codeServer, browser, page, workbench, workspace.folder, workspace.remove, serverLog);
      await workbench.waitUntilReady().catch(async (error: Error) => {
        await session.screenshot('workbench-start');
        throw error;
      });
      return session;
    } catch (error) {
      await browser?.close().catch(() => undefined);
      await codeServer.stop();
      workspace.remove();
      throw error;
    }
  }

  /**
   * Resolves once the user settings.json on disk holds `value` for `id`; for a default value the
   * Settings editor may instead remove the entry, which counts too.
   */
  async userSettingWritten(id: string, value: unknown, isDefault = false, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        // settings.json is JSONC; the workbench writes it without comments, as plain JSON.
        const settings = JSON.parse(readFileSync(this.codeServer.userSettingsPath, 'utf8')) as Record<string, unknown>;
        if (settings[id] === value || (isDefault && !(id in settings))) return;
      } catch {
        // mid-write
      }
      if (Date.now() > deadline) throw new Error(`the Settings editor did not write ${id}: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `${safeName(name)}.png`);
    await this.page.screenshot({ path: file }).catch(() => undefined);
    writeFileSync(join(resultsDir, `${safeName(name)}.code-server.log`), this.serverLog.join(''));
    return file;
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.codeServer.stop();
    this.cleanup();
  }
}
