import { join } from 'node:path';
import { version } from '../../package.json';
import { runBundle } from './codeCache';
import { startWithoutOptimiser } from './jit';

const USAGE = `k8s-platforms-language-server [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]

The k8s-platforms language server: an editor starts it and speaks LSP to it, over stdin and
stdout unless another channel is named. See the README for Neovim, Emacs, Helix and other editors.

  --version   show the version
  --help      show this help
`;

// dist/server.js: what editors start. `--version` and `--help` are answered before any of the
// server is loaded; the compiler flags are set before the server's code is compiled, so that V8
// finds them equal to those the code cache was made with (see jit.ts).
const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) process.stdout.write(`${version}\n`);
else if (args.includes('--help') || args.includes('-h')) process.stdout.write(USAGE);
else {
  // Started by hand in a terminal, it says what it waits for (on stderr: stdout is the protocol's).
  if (process.stdin.isTTY && !args.some((a) => /^--(node-ipc|socket|pipe)\b/.test(a))) process.stderr.write('k8s-platforms-language-server: waiting for an editor to speak LSP on stdin (--help for more)\n');
  startWithoutOptimiser();
  runBundle(join(__dirname, 'server-main.js'), join(__dirname, 'server-main.cache'));
}
