import { join } from 'node:path';
import { runBundle } from './codeCache';

// dist/cli.js: what the `k8s-platforms` command runs. The CLI's code is in dist/cli-main.js,
// run with the code cache the build made (see codeCache.ts).
const { exports } = runBundle(join(__dirname, 'cli-main.js'), join(__dirname, 'cli-main.cache'));
(exports as typeof import('./cliMain')).main(join(__dirname, 'cli-worker.js'));
