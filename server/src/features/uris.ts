import { isAbsolute, resolve } from 'node:path';

/** The path part of a document URI, for telling file kinds by name (`.github/workflows/x.yml`). */
export function uriPath(uri: string): string {
  const m = /^[a-z][a-z0-9+.-]*:(?:\/\/[^/]*)?([^?#]*)/i.exec(uri);
  const path = m ? m[1] : uri;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The file system path of a file: URI (undefined for other schemes). */
export function filePath(uri: string): string | undefined {
  if (!/^file:/i.test(uri)) return undefined;
  const path = uriPath(uri);
  return /^\/[A-Za-z]:/.test(path) ? path.slice(1) : path;
}

/** `${workspaceFolder}` and `${userHome}` in a path setting. */
const PATH_VARIABLE = /\$\{(workspaceFolder|userHome)\}/g;

/** A model path as a user writes it, in settings or to the CLI: a file: URI, `~/…`, `${workspaceFolder}/…`, or relative to `root`. */
export function resolveModelPath(p: string, root: string | undefined): string {
  // A file: URI (`file:///home/me/model.json`), as some clients write paths. One with no path
  // (`file://model.json` names a host) is read as written, and so not found, with a message.
  const fromUri = filePath(p);
  let path = fromUri || p;
  const home = process.env.HOME ?? process.env.USERPROFILE;
  if (path.startsWith('~/') && home) path = `${home}${path.slice(1)}`;
  // VS Code's variables as users write them in path settings: `${workspaceFolder}/ci/model.json`.
  // (With no folder or home to put there, the path stays as written, and is not found.)
  path = path.replace(PATH_VARIABLE, (all, name: string) => (name === 'userHome' ? home : root) ?? all);
  // (`file:model.json`, a relative URI, is relative to the folder as a plain path is.)
  // Absolute and normalised (`a//b`, `a/./b`, `a/../b`), as file events name it; with no folder to
  // be relative to, relative to the server's own (the messages then say where that was).
  if (isAbsolute(path) || !root) return resolve(path);
  return resolve(root, path);
}
