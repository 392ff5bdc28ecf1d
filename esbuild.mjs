// Bundles the language server, the VS Code client and the CLI into dist/, and generates the JSON
// Schema for model files from the zod schema (the one definition of the model).
import { build } from 'esbuild';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: !watch,
  sourcemap: true,
  logLevel: 'warning',
};

/**
 * zod and yaml are needed late or never (a user's model file, settings, unusual YAML): they are
 * bundled on their own in dist/vendor/ and required from there on first use, so starting the
 * server or the CLI does not compile them. One copy each, whichever way the sources import them.
 */
const VENDORED = ['zod', 'yaml', 'jsonc-parser'];
const lazyVendor = {
  name: 'lazy-vendor',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${VENDORED.join('|')})$`) }, (args) => ({ path: `./vendor/${args.path}.js`, external: true }));
  },
};

/** The yaml package's `require('process')`, answered with server/src/vendor/yamlProcess.ts (see there). */
const yamlProcess = {
  name: 'yaml-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?process$/ }, (args) =>
      /[\\/]node_modules[\\/]yaml[\\/]/.test(args.importer) ? { path: fileURLToPath(new URL('./server/src/vendor/yamlProcess.ts', import.meta.url)) } : undefined,
    );
  },
};

const entries = [
  { in: 'server/src/serverEntry.ts', out: 'dist/server.js' },
  { in: 'server/src/main.ts', out: 'dist/server-main.js', plugins: [lazyVendor] },
  { in: 'server/src/cliMain.ts', out: 'dist/cli.js', plugins: [lazyVendor] },
  ...VENDORED.map((name) => ({ in: `server/src/vendor/${name}.ts`, out: `dist/vendor/${name}.js`, plugins: name === 'yaml' ? [yamlProcess] : [] })),
  { in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
];

mkdirSync('dist', { recursive: true });
await Promise.all(
  entries
    .filter((e) => existsSync(e.in))
    .map((e) => build({ ...common, entryPoints: [e.in], outfile: e.out, external: e.external ?? [], plugins: e.plugins ?? [] })),
);

// JSON Schema for custom model files, from the zod schema.
await build({ ...common, minify: false, sourcemap: false, entryPoints: ['server/src/model/schemaJson.ts'], outfile: 'dist/.schema-gen.js' });
const require = createRequire(import.meta.url);
const { modelJsonSchema } = require('./dist/.schema-gen.js');
writeFileSync('dist/platforms.schema.json', JSON.stringify(modelJsonSchema(), null, 2) + '\n');

// V8's compiled code for the server, made by running it once on samples (see warm-code-cache.mjs).
// Without it the server only starts slower: a failure is said, and the build goes on.
if (!watch) {
  const { warmCodeCache } = await import('./warm-code-cache.mjs');
  try {
    await warmCodeCache('dist/server.js');
  } catch (e) {
    console.warn(`esbuild.mjs: no code cache for the server (${e.message}); it will compile its code at each start`);
  }
}
