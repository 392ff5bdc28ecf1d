// The jsonc-parser bundle dist/vendor/jsonc-parser.js, required by the server and the CLI only to
// say where a model file's JSON is broken (esbuild.mjs).
export * from 'jsonc-parser/lib/esm/main.js';
