// The yaml bundle dist/vendor/yaml.js, required on first use by the server and the CLI (esbuild.mjs).
export * from 'yaml';
