import { isAbsolute, resolve } from 'node:path';
import type { TierModel } from '../model/query';
import { ModelSource, type ServerRuntime } from './modelSource';
import { DEFAULT_SERVER_SETTINGS, parseSettings, sameSettings, type ServerSettings } from './settings';
import { uriPath } from './documents';

/** What the client says at `initialize` (`initializationOptions`), beside its capabilities. */
export interface InitOptions {
  /** The `k8sPlatforms` section, for clients that do not answer `workspace/configuration`. */
  settings?: unknown;
  /** false in an untrusted workspace: `modelPath` is not read then. */
  workspaceTrusted?: boolean;
}

export interface ConfigurationEvents {
  /** Settings or model changed: documents must be judged again. */
  changed(): void;
  warn(message: string): void;
  error(message: string): void;
  info(message: string): void;
}

/** Reads `initializationOptions` in the shapes clients send: {settings}, {k8sPlatforms}, or the section itself. */
export function readInitOptions(raw: unknown): InitOptions {
  if (raw === null || typeof raw !== 'object') return {};
  const o = raw as Record<string, unknown>;
  const settings = o.settings ?? o.k8sPlatforms ?? (['enable', 'requiredTier', 'severity', 'modelPath', 'maxFileSize'].some((k) => k in o) ? o : undefined);
  return {
    ...(settings !== undefined ? { settings: (settings as Record<string, unknown>).k8sPlatforms ?? settings } : {}),
    ...(typeof o.workspaceTrusted === 'boolean' ? { workspaceTrusted: o.workspaceTrusted } : {}),
  };
}

/**
 * The settings and model in force. Each snapshot is immutable: a request reads `settings` and
 * `model` once and uses them throughout, whatever arrives meanwhile.
 */
export class Configuration {
  private current: ServerSettings = DEFAULT_SERVER_SETTINGS;
  private readonly models: ModelSource;
  private trusted: boolean;
  private fallbackRaw: unknown;
  private lastRaw: unknown;
  private shownProblems = '';
  private toldUntrusted = false;
  /** Bumped on every change of settings or model; part of pull-diagnostic result ids. */
  generation = 0;

  constructor(
    runtime: ServerRuntime,
    init: InitOptions,
    private readonly root: string | undefined,
    private readonly events: ConfigurationEvents,
  ) {
    this.trusted = init.workspaceTrusted !== false;
    this.fallbackRaw = init.settings;
    this.models = new ModelSource(runtime, {
      changed: () => {
        this.generation++;
        this.events.changed();
      },
      error: (m) => this.events.error(m),
      info: (m) => this.events.info(m),
    });
  }

  get settings(): ServerSettings {
    return this.current;
  }

  get model(): TierModel {
    return this.models.current;
  }

  get modelFile(): string {
    return this.models.watchedPath;
  }

  /** Settings pushed by a client that has no `workspace/configuration` (didChangeConfiguration). */
  setFallback(raw: unknown): void {
    if (raw !== undefined && raw !== null) this.fallbackRaw = raw;
  }

  setTrusted(trusted: boolean): void {
    if (trusted === this.trusted) return;
    this.trusted = trusted;
    this.apply(this.lastRaw);
  }

  reloadModel(): void {
    this.models.reload();
  }

  /** Applies the `k8sPlatforms` section (null or missing: the fallback, then the defaults). */
  apply(raw: unknown): void {
    this.lastRaw = raw;
    const section = raw !== null && typeof raw === 'object' ? raw : this.fallbackRaw;
    const { settings, problems } = parseSettings(section);
    const text = problems.join('; ');
    if (text !== this.shownProblems) {
      this.shownProblems = text;
      if (text !== '') this.events.warn(`k8s-platforms: bad settings ignored, defaults used instead: ${text}`);
    }
    const untrusted = settings.untrusted || !this.trusted;
    const effective: ServerSettings = untrusted && !settings.untrusted ? Object.freeze({ ...settings, untrusted: true }) : settings;
    let modelPath = '';
    if (effective.modelPath !== '') {
      if (untrusted) {
        if (!this.toldUntrusted) this.events.info(`k8s-platforms: the workspace is not trusted, so k8sPlatforms.modelPath (${effective.modelPath}) is not read; using the built-in model.`);
        this.toldUntrusted = true;
      } else {
        modelPath = this.resolvePath(effective.modelPath);
      }
    }
    const changed = !sameSettings(effective, this.current);
    if (changed) {
      this.current = effective;
      this.generation++;
    }
    // Loading a model reports its own change; the settings change is reported once after it.
    this.models.use(modelPath);
    if (changed) this.events.changed();
  }

  private resolvePath(p: string): string {
    const home = process.env.HOME ?? process.env.USERPROFILE;
    const expanded = p.startsWith('~/') && home ? `${home}${p.slice(1)}` : p;
    if (isAbsolute(expanded) || !this.root) return expanded;
    return resolve(this.root, expanded);
  }

  dispose(): void {
    this.models.dispose();
  }
}

/** The folder relative model paths are read from: the first workspace folder, else the root. */
export function workspaceRoot(params: { workspaceFolders?: { uri: string }[] | null; rootUri?: string | null; rootPath?: string | null }): string | undefined {
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  if (uri && uri.startsWith('file:')) {
    const path = uriPath(uri);
    return /^\/[A-Za-z]:/.test(path) ? path.slice(1) : path;
  }
  return params.rootPath ?? undefined;
}
