/**
 * The `process` module as the yaml package sees it in dist/vendor/yaml.js (esbuild.mjs). Its
 * parser and composer read `process.env.LOG_TOKENS` and `LOG_STREAM`, switches for debugging
 * the package, once per token: each read is a call into the C++ environment (some 100 ns), and
 * they took 13% of the time a broken 134-line workflow takes to read (the package parses it two
 * or three times to set its broken line aside). Here they are never set; the package's warnings
 * still go to the real process.
 */
export const env: Readonly<Record<string, string | undefined>> = Object.freeze({});

export function emitWarning(warning: string | Error): void {
  process.emitWarning(warning);
}
