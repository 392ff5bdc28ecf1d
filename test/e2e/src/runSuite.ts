// Runs the extension-host suite (test/e2e/suite) with @vscode/test-electron's runTests. Here the
// "VS Code executable" is bin/code-server-test, which serves the workbench with code-server and
// opens it in Chromium; set E2E_VSCODE_EXECUTABLE to a desktop `code` and the same suite runs there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { copyWorkspace, repoRoot } from './session';

async function main(): Promise<number> {
  const workspace = copyWorkspace();
  const profile = mkdtempSync(join(tmpdir(), 'k8s-platforms-profile-'));
  try {
    await runTests({
      vscodeExecutablePath: process.env.E2E_VSCODE_EXECUTABLE ?? join(repoRoot, 'test', 'e2e', 'bin', 'code-server-test'),
      extensionDevelopmentPath: process.env.E2E_EXTENSION_PATH ?? repoRoot,
      extensionTestsPath: join(repoRoot, 'test', 'e2e', 'out', 'suite', 'index.js'),
      launchArgs: [workspace.folder, '--disable-extensions', `--user-data-dir=${join(profile, 'user-data')}`, `--extensions-dir=${join(profile, 'extensions')}`],
      extensionTestsEnv: process.env.E2E_GREP ? { E2E_GREP: process.env.E2E_GREP } : {},
    });
    return 0;
  } catch (error) {
    process.stderr.write(`extension-host suite: ${(error as Error).message}\n`);
    return 1;
  } finally {
    workspace.remove();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
