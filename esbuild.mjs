// Bundles the language server, the VS Code client and the CLI into dist/, and generates the JSON
// Schema for model files from the zod schema (the one definition of the model).
import { build } from 'esbuild';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';

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

const entries = [
  { in: 'server/src/main.ts', out: 'dist/server.js' },
  { in: 'server/src/cliMain.ts', out: 'dist/cli.js' },
  { in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
];

mkdirSync('dist', { recursive: true });
await Promise.all(
  entries
    .filter((e) => existsSync(e.in))
    .map((e) => build({ ...common, entryPoints: [e.in], outfile: e.out, external: e.external ?? [] })),
);

// JSON Schema for custom model files, from the zod schema.
await build({ ...common, minify: false, sourcemap: false, entryPoints: ['server/src/model/schemaJson.ts'], outfile: 'dist/.schema-gen.js' });
const require = createRequire(import.meta.url);
const { modelJsonSchema } = require('./dist/.schema-gen.js');
writeFileSync('dist/platforms.schema.json', JSON.stringify(modelJsonSchema(), null, 2) + '\n');
