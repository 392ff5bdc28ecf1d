import { join } from 'node:path';
import { runBundle } from './codeCache';

// dist/cli-worker.js: where each worker thread of a long CLI run starts (see cliParallel.ts).
const { exports } = runBundle(join(__dirname, 'cli-main.js'), join(__dirname, 'cli-main.cache'));
(exports as typeof import('./cliMain')).worker();
