import type { TierModel } from '../model/query';
import type { ModelData } from '../model/schema';
import { ModelStore, type ServerRuntime } from './modelSource';
import { DEFAULT_SERVER_SETTINGS, SETTING_KEYS, parseSettings, sameSettings, saysNothing, settingsSection, type ServerSettings } from './settings';
import { filePath, resolveModelPath, uriPath } from './uris';

/** What the client says at `initialize` (`initializationOptions`), beside its capabilities. */
export interface InitOptions {
  /** The `k8sPlatforms` section, for clients that do not answer `workspace/configuration`. */
  settings?: unknown;
  /** false in an untrusted workspace: `modelPath` is not read then. */
  workspaceTrusted?: boolean;
  /** The client wants k8sPlatforms/modelChanged when settings or a model file change (the VS Code extension's Platform Matrix). */
  modelNotifications?: boolean;
}

export interface ConfigurationEvents {
  /** Settings or model changed: documents must be judged again. */
  changed(): void;
  warn(message: string): void;
  error(message: string): void;
  info(message: string): void;
}

export interface WorkspaceFolderRef {
  uri: string;
  name?: string;
}

/** Reads `initializationOptions` in the shapes clients send: {settings}, {k8sPlatforms}, or the section itself. */
export function readInitOptions(raw: unknown): InitOptions {
  if (raw === null || typeof raw !== 'object') return {};
  const o = raw as Record<string, unknown>;
  // The section itself, as Helix sends it: its keys beside workspaceTrusted, which is not a setting.
  const { workspaceTrusted: _, modelNotifications: __, ...rest } = o;
  const bare = Object.keys(rest).some((k) => SETTING_KEYS.includes(k)) ? rest : undefined;
  const settings = o.settings ?? settingsSection(o) ?? bare;
  return {
    ...(settings !== undefined ? { settings: settingsSection(settings) ?? settings } : {}),
    ...(typeof o.workspaceTrusted === 'boolean' ? { workspaceTrusted: o.workspaceTrusted } : {}),
    ...(o.modelNotifications === true ? { modelNotifications: true } : {}),
  };
}

/**
 * Where settings come from: the window, or one workspace folder (VS Code's `resource` settings
 * may differ per folder of a multi-root workspace). Only the Configuration changes a scope.
 */
export interface SettingsScope {
  /** The folder's URI; undefined for the window. */
  readonly uri: string | undefined;
  readonly name: string | undefined;
  /** Comparable form of the folder's URI (see uriKey), for finding a document's folder. */
  readonly key: string;
  /** The folder a relative `modelPath` is read from. */
  readonly root: string | undefined;
  raw: unknown;
  settings: ServerSettings;
  /** The model file in use, absolute; '' for the built-in model. */
  modelPath: string;
  shownProblems: string;
}

/**
 * The settings and models in force, per scope: the window's, and each workspace folder's when the
 * client answers `workspace/configuration` per folder. A document takes the scope of the innermost
 * folder holding it, else the window's. Each settings snapshot is immutable: a request reads
 * `settingsFor` and `modelFor` once and uses them throughout, whatever arrives meanwhile.
 */
export class Configuration {
  private readonly window: SettingsScope;
  private folders: SettingsScope[] = [];
  private readonly byUri = new Map<string, SettingsScope>();
  private readonly models: ModelStore;
  private trusted: boolean;
  private fallbackRaw: unknown;
  /** The settings of initializationOptions: the fallback again once a pushed section is cleared. */
  private readonly initRaw: unknown;
  private toldUntrusted = false;
  /** The folders changed since settings were last applied: documents may have moved scope. */
  private foldersChanged = false;
  private applied = false;
  /** Bumped on every change of settings or model; part of pull-diagnostic result ids. */
  generation = 0;

  constructor(
    runtime: ServerRuntime,
    init: InitOptions,
    root: string | undefined,
    private readonly events: ConfigurationEvents,
  ) {
    this.trusted = init.workspaceTrusted !== false;
    this.fallbackRaw = init.settings;
    this.initRaw = init.settings;
    this.window = newScope(undefined, undefined, root);
    this.models = new ModelStore(runtime, {
      changed: () => {
        this.generation++;
        this.events.changed();
      },
      error: (m) => this.events.error(m),
      info: (m) => this.events.info(m),
    });
  }

  /** The settings for a document. */
  settingsFor(uri: string): ServerSettings {
    return this.scopeOf(uri).settings;
  }

  /** The tier model for a document. */
  modelFor(uri: string): TierModel {
    return this.models.get(this.scopeOf(uri).modelPath);
  }

  /**
   * The model a document (or, without one, the window) is judged by, as data, and where it comes
   * from, said for a person: what the Platform Matrix view shows.
   */
  modelInForce(uri?: string): { data: ModelData; origin: string } {
    const scope = uri !== undefined ? this.scopeOf(uri) : this.window;
    const data = this.models.get(scope.modelPath).data;
    if (scope.modelPath === '') {
      const untrusted = scope.settings.modelPath !== '' && (scope.settings.untrusted || !this.trusted);
      return { data, origin: untrusted ? 'Built-in model (k8sPlatforms.modelPath is not read in an untrusted workspace)' : 'Built-in model' };
    }
    const problem = this.models.problem(scope.modelPath);
    return { data, origin: problem !== undefined ? `Built-in model (the model file is refused: ${problem})` : `Custom model: ${scope.modelPath}` };
  }

  /** The model files in use (absolute paths). */
  get modelFiles(): string[] {
    return this.models.paths;
  }

  /** The scopes to ask the client about, the window first; pass them back to `apply` with the answers. */
  scopes(): readonly SettingsScope[] {
    return [this.window, ...this.folders];
  }

  /** Sets the workspace folders that have settings of their own. Their settings are read by the next `apply`. */
  setFolders(folders: readonly WorkspaceFolderRef[]): void {
    const old = new Map(this.folders.map((f) => [f.key, f]));
    this.folders = [];
    for (const f of folders) {
      const key = uriKey(f.uri);
      if (this.folders.some((s) => s.key === key)) continue;
      this.folders.push(old.get(key) ?? newScope(f.uri, f.name, filePath(f.uri)));
    }
    if (this.applied && (this.folders.length !== old.size || this.folders.some((f) => old.get(f.key) !== f))) this.foldersChanged = true;
    this.byUri.clear();
  }

  /** The folders added to and removed from the workspace (didChangeWorkspaceFolders). */
  changeFolders(added: readonly WorkspaceFolderRef[], removed: readonly WorkspaceFolderRef[]): void {
    const gone = new Set(removed.map((f) => uriKey(f.uri)));
    const kept = this.folders.filter((f) => !gone.has(f.key)).map((f) => ({ uri: f.uri!, ...(f.name !== undefined ? { name: f.name } : {}) }));
    this.setFolders([...kept, ...added]);
  }

  /**
   * Settings pushed with didChangeConfiguration, in force where the client has no
   * `workspace/configuration` or answers it with nothing: undefined when the push said nothing of
   * our section (it is kept), null when it cleared it (`{k8sPlatforms: null}`, or the section
   * removed: initializationOptions' settings, else the defaults, from now on).
   */
  setFallback(raw: unknown): void {
    if (raw === null) this.fallbackRaw = this.initRaw;
    else if (raw !== undefined) this.fallbackRaw = raw;
  }

  setTrusted(trusted: boolean): void {
    if (trusted === this.trusted) return;
    this.trusted = trusted;
    const scopes = this.scopes();
    this.apply(scopes, scopes.map((s) => s.raw));
  }

  /** Reads a model file again after it changed on disk. */
  reloadModel(path: string): void {
    this.models.reload(path);
  }

  /**
   * Applies the `k8sPlatforms` sections the client answered, one per scope (null, missing or
   * empty: the fallback, then the defaults). Scopes gone since the question was asked are passed over.
   */
  apply(scopes: readonly SettingsScope[], sections: readonly unknown[] | undefined): void {
    this.applied = true;
    const current = new Set(this.scopes());
    /** A bad value every folder inherits from the window is told once, not once per folder. */
    const told = new Set<string>();
    let changed = false;
    scopes.forEach((scope, i) => {
      if (current.has(scope) && this.applyTo(scope, sections?.[i], told)) changed = true;
    });
    this.models.keep(new Set(this.scopes().map((s) => s.modelPath)));
    if (changed || this.foldersChanged) {
      this.foldersChanged = false;
      this.generation++;
      this.events.changed();
    }
  }

  private applyTo(scope: SettingsScope, raw: unknown, told: Set<string>): boolean {
    scope.raw = raw;
    // (A section that says nothing leaves the user's to initializationOptions, as Neovim's
    // init_options. A string or a number says something, wrongly: it is named, as a list is, and
    // the defaults apply.)
    const section = saysNothing(raw) ? this.fallbackRaw : raw;
    const { settings, problems } = parseSettings(section);
    const text = problems.join('; ');
    if (text !== scope.shownProblems && text !== '' && !told.has(text)) {
      const where = scope.name !== undefined ? ` for the folder ${scope.name}` : '';
      // (Only the settings named are left out: the rest apply.)
      this.events.warn(`k8s-platforms: ${problems.length === 1 ? 'a setting' : `${problems.length} settings`}${where} left at the default: ${text}`);
    }
    scope.shownProblems = text;
    if (text !== '') told.add(text);
    const untrusted = settings.untrusted || !this.trusted;
    const effective: ServerSettings = untrusted && !settings.untrusted ? Object.freeze({ ...settings, untrusted: true }) : settings;
    let modelPath = '';
    if (effective.modelPath !== '') {
      if (untrusted) {
        if (!this.toldUntrusted) this.events.info(`k8s-platforms: the workspace is not trusted, so k8sPlatforms.modelPath (${effective.modelPath}) is not read; using the built-in model.`);
        this.toldUntrusted = true;
      } else {
        modelPath = resolveModelPath(effective.modelPath, scope.root);
        // Read now, so a bad file is told when the setting changes, not at the next keystroke.
        this.models.get(modelPath);
      }
    }
    let changed = false;
    if (!sameSettings(effective, scope.settings)) {
      scope.settings = effective;
      changed = true;
    }
    if (modelPath !== scope.modelPath) {
      scope.modelPath = modelPath;
      changed = true;
    }
    return changed;
  }

  private scopeOf(uri: string): SettingsScope {
    if (this.folders.length === 0) return this.window;
    let scope = this.byUri.get(uri);
    if (scope) return scope;
    const key = uriKey(uri);
    scope = this.window;
    for (const f of this.folders) {
      if ((key.startsWith(f.key) && (key.length === f.key.length || key[f.key.length] === '/' || f.key.endsWith('/'))) && (scope === this.window || f.key.length > scope.key.length)) scope = f;
    }
    if (this.byUri.size >= 10_000) this.byUri.clear();
    this.byUri.set(uri, scope);
    return scope;
  }

  dispose(): void {
    this.models.dispose();
  }
}

function newScope(uri: string | undefined, name: string | undefined, root: string | undefined): SettingsScope {
  return { uri, name, key: uri === undefined ? '' : uriKey(uri), root, raw: undefined, settings: DEFAULT_SERVER_SETTINGS, modelPath: '', shownProblems: '' };
}

/**
 * A URI in a form two spellings of one place share: scheme and authority in lower case, the path
 * decoded, a Windows drive letter in lower case, no trailing slash (`file:///C%3A/src/` and
 * `file:///c:/src` are one folder).
 */
function uriKey(uri: string): string {
  const m = /^([a-z][a-z0-9+.-]*):(?:\/\/([^/?#]*))?/i.exec(uri);
  const scheme = m ? m[1].toLowerCase() : '';
  const authority = m?.[2]?.toLowerCase() ?? '';
  let path = uriPath(uri).replace(/^\/([A-Za-z]):/, (_, d: string) => `/${d.toLowerCase()}:`);
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return `${scheme}://${authority}${path}`;
}

/** The folder relative model paths are read from outside every workspace folder: the first folder, else the root. */
export function workspaceRoot(params: { workspaceFolders?: { uri: string }[] | null; rootUri?: string | null; rootPath?: string | null }): string | undefined {
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  if (uri) {
    const path = filePath(uri);
    if (path !== undefined) return path;
  }
  return params.rootPath ?? undefined;
}
