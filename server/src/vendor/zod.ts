// The zod bundle dist/vendor/zod.js, required on first use by the server and the CLI (esbuild.mjs).
export * from 'zod';
