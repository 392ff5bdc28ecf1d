import { builtinModel, formatModelError, loadModelFile } from '../model/load';
import type { TierModel } from '../model/query';

/** The server's access to the machine: reading and watching the one file a user may point it at. */
export interface ServerRuntime {
  readFile(path: string): { size: number; read: () => string };
  /** Calls `onChange` when the file at `path` changes, appears or goes; returns the way to stop. */
  watchFile(path: string, onChange: () => void): () => void;
  /** Told the length of a document before it is scanned (the entry point tunes V8 by it). */
  noteDocumentLength?(length: number): void;
}

export interface ModelEvents {
  /** The model in use changed (loaded, reloaded, or back to the built-in one). */
  changed(model: TierModel): void;
  error(message: string): void;
  info(message: string): void;
}

/**
 * The tier model in use: the built-in one, or the user's `modelPath` file, watched and reloaded.
 * A bad file is reported once and the built-in model keeps working.
 */
export class ModelSource {
  private model: TierModel = builtinModel();
  private path = '';
  private stopWatching: (() => void) | undefined;
  private lastError: string | undefined;

  constructor(
    private readonly runtime: ServerRuntime,
    private readonly events: ModelEvents,
  ) {}

  get current(): TierModel {
    return this.model;
  }

  get watchedPath(): string {
    return this.path;
  }

  /** Uses the file at `path` (absolute), or the built-in model for ''. */
  use(path: string): void {
    if (path === this.path) return;
    this.stopWatching?.();
    this.stopWatching = undefined;
    this.path = path;
    this.lastError = undefined;
    if (path !== '') {
      try {
        this.stopWatching = this.runtime.watchFile(path, () => this.reload());
      } catch (e) {
        this.events.info(`k8s-platforms: cannot watch ${path}: ${(e as Error).message}`);
      }
    }
    this.reload();
  }

  /** Reads the model file again (after a change on disk). */
  reload(): void {
    const previous = this.model;
    if (this.path === '') {
      this.model = builtinModel();
    } else {
      const result = loadModelFile(this.path, (p) => this.runtime.readFile(p));
      if (result.ok) {
        this.model = result.model;
        if (this.lastError !== undefined) this.events.info(`k8s-platforms: model file ${this.path} loaded.`);
        this.lastError = undefined;
      } else {
        this.model = builtinModel();
        const message = `k8s-platforms: cannot use the model file ${formatModelError(result.error)}. Using the built-in model.`;
        if (message !== this.lastError) this.events.error(message);
        this.lastError = message;
      }
    }
    if (this.model !== previous) this.events.changed(this.model);
  }

  dispose(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
  }
}
