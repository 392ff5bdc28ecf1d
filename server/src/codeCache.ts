import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * Runs a CommonJS bundle of ours with V8's compiled code for it, when the build left some.
 *
 * Node compiles a script's functions the first time each runs: for the server that is some 10 ms
 * of its start and 10 ms of the first scan of a document. The build starts the server once on
 * sample documents of every kind and keeps what V8 compiled (`script.createCachedData()`) in
 * FILE.cache; later starts hand it back to V8 instead of compiling again.
 *
 * The cache is used only for the exact bundle it was made from (a SHA-256 of the source is in
 * its header) and only when its own bytes are intact (a SHA-256 of them too: V8 does not check
 * them in release builds). V8 itself rejects a cache from another V8 version or other flags. In
 * every other case, and in Electron, the bundle is compiled as `require` would.
 *
 * K8S_PLATFORMS_CODE_CACHE: `off` ignores the cache, `report` says on stderr what became of it,
 * `write` (the build) writes it when the process exits.
 */

const MAGIC = 'k8s-platforms code cache 1\n';
const HEADER = MAGIC.length + 2 * 65;

export type CacheOutcome = 'used' | 'absent' | 'stale' | 'corrupt' | 'rejected' | 'off';

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The cache's payload, if `file` holds one made from `source` and intact. */
export function readCache(file: string, source: string): { data?: Buffer; outcome: CacheOutcome } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return { outcome: 'absent' };
  }
  const header = bytes.subarray(0, HEADER).toString('latin1');
  if (bytes.length <= HEADER || !header.startsWith(MAGIC)) return { outcome: 'corrupt' };
  const [sourceHash, dataHash] = header.slice(MAGIC.length).split('\n');
  if (sourceHash !== sha256(source)) return { outcome: 'stale' };
  const data = bytes.subarray(HEADER);
  if (dataHash !== sha256(data)) return { outcome: 'corrupt' };
  return { data, outcome: 'used' };
}

/** Writes the cache for `source` atomically: a reader sees the old file or the new one. */
export function writeCache(file: string, source: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat([Buffer.from(`${MAGIC}${sha256(source)}\n${sha256(data)}\n`, 'latin1'), data]));
  renameSync(tmp, file);
}

/** The name stack traces give the bundle when its code comes from the cache: `k8s-platforms/dist/server-main.js`. */
const CACHED_NAME = (file: string): string => `k8s-platforms/${basename(dirname(file))}/${basename(file)}`;

/** Runs the bundle at `file` as the main code of this process; returns what became of the cache. */
export function runBundle(file: string, cacheFile: string): CacheOutcome {
  const mode = process.env.K8S_PLATFORMS_CODE_CACHE;
  const req = createRequire(file);
  if (process.versions.electron !== undefined) {
    req(file);
    return 'off';
  }
  const source = readFileSync(file, 'utf8');
  const cache = mode === 'off' || mode === 'write' ? { outcome: 'off' as const } : readCache(cacheFile, source);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n});`, {
    // V8 keeps the name a cache was made with, whatever name it is used under: the build's is
    // the package's own, not the build machine's path, for the stack traces of every install.
    filename: mode === 'write' ? CACHED_NAME(file) : file,
    cachedData: cache.data,
  });
  const outcome: CacheOutcome = cache.data && script.cachedDataRejected ? 'rejected' : cache.outcome;
  if (mode === 'report') process.stderr.write(`k8s-platforms: code cache ${outcome} (${cacheFile})\n`);
  if (mode === 'write') process.once('exit', () => writeCache(cacheFile, source, script.createCachedData()));
  const module = { exports: {}, filename: file, id: file, loaded: false, require: req };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, req, module, file, dirname(file));
  module.loaded = true;
  return outcome;
}
