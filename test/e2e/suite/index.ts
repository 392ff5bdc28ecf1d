// Entry of the extension-host suite (extensionTestsPath): mocha inside the extension host, the same
// in code-server and in a desktop VS Code. Reports go to stdout, which both hosts pass on.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // The extension host forwards console.log to the window, not to stdout; the test runner reads stdout.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    process.stdout.write(format(...args) + '\n');
  };
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  if (process.env.E2E_GREP) mocha.grep(process.env.E2E_GREP);
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
