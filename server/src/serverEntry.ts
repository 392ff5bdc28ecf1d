import { join } from 'node:path';
import { runBundle } from './codeCache';
import { startWithoutOptimiser } from './jit';

// dist/server.js: what editors start. The compiler flags are set before the server's code is
// compiled, so that V8 finds them equal to those the code cache was made with (see jit.ts).
startWithoutOptimiser();
runBundle(join(__dirname, 'server-main.js'), join(__dirname, 'server-main.cache'));
