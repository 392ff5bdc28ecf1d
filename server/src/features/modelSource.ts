import { builtinModel, fileProblem, formatModelError, loadModelFile } from '../model/load';
import { oneLine } from '../model/issueText';
import type { TierModel } from '../model/query';

/** The server's access to the machine: reading and watching the files a user may point it at. */
export interface ServerRuntime {
  readFile(path: string): { size: number; read: () => string };
  /** Calls `onChange` when the file at `path` changes, appears or goes; returns the way to stop. */
  watchFile(path: string, onChange: () => void): () => void;
  /** Told the length of a document before it is scanned (the entry point tunes V8 by it). */
  noteDocumentLength?(length: number, whole: boolean): void;
  /** How many messages from the client the connection has handled so far (for coalescing bursts of edits). */
  messagesHandled?(): number;
  /** Told after diagnostics are sent, when the server is about to be idle (the entry point collects garbage then). */
  published?(): void;
  /**
   * What the params of an `initialize` request lacked, which the entry point filled in for
   * vscode-languageserver to read (it reads `capabilities` before the server's handler runs).
   */
  initializeLacked?(params: unknown): string | undefined;
}

export interface ModelEvents {
  /** A model file in use was read again and gave another model (or fell back to the built-in one). */
  changed(): void;
  error(message: string): void;
  info(message: string): void;
}

interface ModelFile {
  model: TierModel;
  stopWatching?: () => void;
  /** Why the file is not used (file: field: problem; …), while it is not. */
  problem?: string;
  /** The text last read, if it was read. */
  text?: string;
  /** When an error about it was last shown (ms), and its problem. */
  shownAt?: number;
  shown?: string;
  /** Shows the error in force once the quiet time is over, if it is not the one shown. */
  showLater?: NodeJS.Timeout;
}

/**
 * How long after an error about a model file was shown another one about it is only logged: a
 * file edited with autosave is saved, and read, at every pause in typing.
 */
const QUIET_AFTER_ERROR_MS = 15_000;

/** What a person is told of a model file that is not used. */
function errorMessage(problem: string): string {
  return `k8s-platforms: cannot use the model file ${problem}. Using the built-in model.`;
}

/**
 * The tier models in use: the built-in one, and each `modelPath` file a workspace folder points
 * at, read once, watched, and read again when it changes. Folders naming the same file share it.
 * A bad file is reported once and the built-in model stands in for it.
 */
export class ModelStore {
  private readonly files = new Map<string, ModelFile>();

  constructor(
    private readonly runtime: ServerRuntime,
    private readonly events: ModelEvents,
  ) {}

  /** The model of the file at `path` (absolute), or the built-in model for ''. */
  get(path: string): TierModel {
    if (path === '') return builtinModel();
    let file = this.files.get(path);
    if (!file) {
      file = { model: builtinModel() };
      this.files.set(path, file);
      // (A path with a NUL names no file: its message says so, and there is nothing to watch.)
      if (!path.includes('\0')) {
        try {
          file.stopWatching = this.runtime.watchFile(path, () => this.reload(path));
        } catch (e) {
          this.events.info(`k8s-platforms: cannot watch ${oneLine(path)}: ${fileProblem(e)}`);
        }
      }
      this.read(path, file);
    }
    return file.model;
  }

  /** Why the model file at `path` is not used (the built-in model stands in), if it is not. */
  problem(path: string): string | undefined {
    return this.files.get(path)?.problem;
  }

  /** The model files in use. */
  get paths(): string[] {
    return [...this.files.keys()];
  }

  /** Reads the file at `path` again (after a change on disk), if it is in use. */
  reload(path: string): void {
    const file = this.files.get(path);
    if (!file) return;
    const previous = file.model;
    this.read(path, file);
    if (file.model !== previous) this.events.changed();
  }

  /** Forgets (and stops watching) the files not in `used`. */
  keep(used: ReadonlySet<string>): void {
    for (const [path, file] of this.files) {
      if (used.has(path)) continue;
      file.stopWatching?.();
      clearTimeout(file.showLater);
      this.files.delete(path);
    }
  }

  dispose(): void {
    this.keep(new Set());
  }

  private show(file: ModelFile, problem: string): void {
    this.events.error(errorMessage(problem));
    file.shownAt = Date.now();
    file.shown = problem;
  }

  private read(path: string, file: ModelFile): void {
    let text: string | undefined;
    const result = loadModelFile(path, (p) => {
      const entry = this.runtime.readFile(p);
      return { size: entry.size, read: () => (text = entry.read()) };
    });
    // The text read last time (a file event and the poll both saw one change): the same model, no change.
    if (text !== undefined && text === file.text) return;
    file.text = text;
    if (result.ok) {
      file.model = result.model;
      if (file.problem !== undefined) this.events.info(`k8s-platforms: model file ${path} loaded.`);
      file.problem = undefined;
      file.shown = undefined;
      return;
    }
    file.model = builtinModel();
    const problem = formatModelError(result.error);
    if (problem !== file.problem) {
      const now = Date.now();
      if (file.shownAt !== undefined && now - file.shownAt < QUIET_AFTER_ERROR_MS) {
        this.events.info(errorMessage(problem));
        file.showLater ??= setTimeout(() => {
          file.showLater = undefined;
          if (this.files.get(path) === file && file.problem !== undefined && file.problem !== file.shown) this.show(file, file.problem);
        }, QUIET_AFTER_ERROR_MS - (now - file.shownAt));
        file.showLater.unref?.();
      } else this.show(file, problem);
    }
    file.problem = problem;
  }
}
