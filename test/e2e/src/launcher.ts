// Stands in for a VS Code executable for @vscode/test-electron's runTests: it takes the arguments
// runTests gives `code` (a folder, --extensionDevelopmentPath=, --extensionTestsPath=, and
// Electron switches it ignores), starts code-server with the smoke-test driver enabled, opens the
// workbench in Chromium with the extension-development payload in the URL, and exits with the
// exit code that the test run reports to the page through codeAutomationExit.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startCodeServer, type CodeServer } from './codeServer';
import { resultsDir, toolchainFromEnv } from './session';
import { launchChromium } from './workbench';

interface LaunchArgs {
  folder?: string;
  extensionDevelopmentPath: string[];
  extensionTestsPath?: string;
}

export function parseArgs(argv: string[]): LaunchArgs {
  const out: LaunchArgs = { extensionDevelopmentPath: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--extensionDevelopmentPath') out.extensionDevelopmentPath.push(resolve(value()));
    else if (flag === '--extensionTestsPath') out.extensionTestsPath = resolve(value());
    else if (flag === '--folder-uri') out.folder = new URL(value()).pathname;
    else if (!arg.startsWith('-')) out.folder = resolve(arg);
    // Everything else (--no-sandbox, --disable-updates, --user-data-dir=…, …) is Electron's or
    // profile folders: code-server gets its own isolated ones.
  }
  return out;
}

// code-server prefixes what the extension host writes to stdout with
// "[time] [address][token][ExtensionHostConnection] <pid> "; a chunk may hold several lines.
const hostOutput = /^\[[\d:]+\] \[[^\]]*\]\[[^\]]*\]\[ExtensionHostConnection\] <\d+>(<stderr>)? ?(.*)$/;
const logRecord = /^(\[[\d:]+\] |\[\d{4}-\d\d-\d\dT)/;
const hostNoise = /^(Launched Extension Host Process\.|Extension Host Process exited with code|\[reconnection-grace-time\])/;

function extensionHostPrinter(write: (text: string) => void, log: string[]): (chunk: string) => void {
  let partial = '';
  let inHostChunk = false;
  // code-server adds a newline after each chunk, which already ends in one: a blank line is only
  // printed when more of the same chunk follows it.
  let blanks = 0;
  return (chunk) => {
    log.push(chunk);
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const host = hostOutput.exec(line);
      if (host) {
        blanks = 0;
        inHostChunk = !hostNoise.test(host[2]);
        if (inHostChunk) write(host[2] + '\n');
      } else if (logRecord.test(line)) {
        inHostChunk = false;
      } else if (inHostChunk && line === '') {
        blanks++;
      } else if (inHostChunk) {
        write('\n'.repeat(blanks) + line + '\n');
        blanks = 0;
      }
    }
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args.extensionTestsPath) throw new Error('--extensionTestsPath is required');
  const log: string[] = [];
  let server: CodeServer | undefined;
  const browser = await launchChromium();
  try {
    server = await startCodeServer({
      toolchain: toolchainFromEnv(),
      vscodeOptions: ['enable-smoke-test-driver'],
      log: extensionHostPrinter((text) => process.stdout.write(text), log),
    });
    const remote = (path: string) => `vscode-remote://127.0.0.1:${server!.port}${path}`;
    const payload = [
      ...args.extensionDevelopmentPath.map((p) => ['extensionDevelopmentPath', remote(p)]),
      ['extensionTestsPath', remote(args.extensionTestsPath)],
    ];
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const exitCode = new Promise<number>((resolveExit) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    });
    page.on('pageerror', (e) => log.push(`[page error] ${e.message}\n`));
    const url = args.folder ? server.folderUrl(args.folder, { payload: JSON.stringify(payload) }) : `${server.url}/?payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    const timeoutMs = Number(process.env.E2E_SUITE_TIMEOUT_MS ?? 300_000);
    const code = await Promise.race([
      exitCode,
      new Promise<number>((r) => setTimeout(() => r(124), timeoutMs)),
    ]);
    if (code === 124) process.stderr.write(`The extension-host suite did not finish within ${timeoutMs} ms.\n`);
    if (code !== 0) {
      mkdirSync(resultsDir, { recursive: true });
      await page.screenshot({ path: join(resultsDir, 'extension-host-suite.png') }).catch(() => undefined);
    }
    return code;
  } finally {
    await browser.close().catch(() => undefined);
    await server?.stop();
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'extension-host-suite.code-server.log'), log.join(''));
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`code-server launcher: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
