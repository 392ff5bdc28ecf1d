import {
  CodeActionKind,
  Command,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LSPErrorCodes,
  MarkupContent,
  MessageType,
  NotificationType,
  RequestType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type DiagnosticServerCancellationData,
  type Disposable,
  type DocumentDiagnosticReport,
  type InitializeError,
  type InitializeResult,
  type Position,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { version } from '../../package.json';
import { DocumentAnalyses } from './features/documents';
import { uriPath } from './features/uris';
import { isEditedDocument, openDocuments } from './features/textDocument';
import { DiagnosticsPusher, noteDiagnostic, toDiagnostics, type DiagnosticFields } from './features/diagnostics';
import { Configuration, readInitOptions, workspaceRoot, type WorkspaceFolderRef } from './features/configuration';
import { completeAt, TRIGGER_CHARACTERS } from './features/completion';
import { scannedPartners } from './lint';
import { hoverAt } from './features/hover';
import { markup, prefersMarkdown } from './features/markup';
import { codeActions, fixAllAction, isFixAllData, FIX_ALL_KIND, type EditStyle } from './features/codeActions';
import { guard, runSafe } from './features/safe';
import type { ServerRuntime } from './features/modelSource';
import { misspelledSection, settingsSection } from './features/settings';

export type { ServerRuntime } from './features/modelSource';

/** Sent by the VS Code client when the user grants (or withdraws) workspace trust. */
export const WorkspaceTrustNotification = new NotificationType<{ trusted: boolean }>('k8sPlatforms/workspaceTrust');
/** The tier model a document (or the window) is judged by, and where it comes from: the Platform Matrix view's data. */
export const ModelRequest = new RequestType<{ uri?: string } | null, { data: unknown; origin: string }, void>('k8sPlatforms/model');
/** Sent, to a client that asked for it (initializationOptions.modelNotifications), when settings or a model file changed. */
export const ModelChangedNotification = new NotificationType<Record<string, never>>('k8sPlatforms/modelChanged');

/** Documents from this long are rehearsed once after they are opened (see DocumentAnalyses.rehearse). */
const REHEARSE_FROM_LENGTH = 20_000;
const REHEARSALS = 3;
const REHEARSE_AFTER_MS = 20;
/** How many times a rehearsal waits REHEARSE_AFTER_MS for the output to drain before it runs anyway. */
const MAX_REHEARSAL_WAITS = 500;

/** Whether messages are still being written to stdout (the channel of `--stdio`). */
function outputPending(): boolean {
  return process.stdout.writableLength > 0;
}

/** How long diagnostics wait for the client's first answer to workspace/configuration. */
const FIRST_SETTINGS_TIMEOUT_MS = 3000;
/** How long a pull waits for the answer to a later workspace/configuration (after didChangeConfiguration). */
const SETTINGS_TIMEOUT_MS = 1000;
/** How long a settings request waits for the client's answer before the settings pushed or given at initialize apply. */
const CONFIGURATION_WAIT_MS = 3000;
/** A settings request that timed out (see CONFIGURATION_WAIT_MS). */
const LATE = Symbol('late');

interface ClientSupport {
  configuration: boolean;
  configurationRegistration: boolean;
  pull: boolean;
  edits: EditStyle;
  workspaceFolders: boolean;
  /** Whether hovers and completion documentation may be Markdown, or must be plain text. */
  hoverMarkdown: boolean;
  documentationMarkdown: boolean;
  /** Whether code actions may be sent as CodeAction literals; older clients take Commands only. */
  codeActionLiterals: boolean;
  /** Whether the client applies edits the server sends (workspace/applyEdit), as fixes sent as Commands need. */
  applyEdit: boolean;
  /** Whether the client asks codeAction/resolve for the edit of an action sent without one (with its data back). */
  resolvesEdits: boolean;
  /** The optional diagnostic fields sent: all but those the client says it does not take. */
  diagnosticFields: DiagnosticFields;
}

/**
 * The command a client without CodeAction literals runs to apply a fix: its arguments are the
 * edit and the document version it was made for (a command run after the document changed is refused).
 */
export const APPLY_FIX_COMMAND = 'k8s-platforms.applyFix';
interface FixVersion {
  uri: string;
  version: number;
}

/** The answer to a fix applied or resolved after the document changed: its offsets are another version's. */
function changedSinceOffered(): ResponseError<void> {
  return new ResponseError<void>(LSPErrorCodes.ContentModified, 'k8s-platforms: the document changed since this fix was offered; ask for the fixes again');
}

const SECTION = 'k8sPlatforms';

/** The folders of initialize or didChangeWorkspaceFolders, as far as they are well formed. */
function folderRefs(folders: unknown): WorkspaceFolderRef[] {
  if (!Array.isArray(folders)) return [];
  return folders.flatMap((f: unknown) => {
    const o = f as { uri?: unknown; name?: unknown } | null;
    return o && typeof o.uri === 'string' ? [{ uri: o.uri, ...(typeof o.name === 'string' ? { name: o.name } : {}) }] : [];
  });
}

/** The documents a WorkspaceEdit changes, undefined when it does more than edit text (creates, renames or deletes files). */
function editedUris(edit: object): string[] | undefined {
  const { changes, documentChanges } = edit as { changes?: unknown; documentChanges?: unknown };
  const uris: string[] = [];
  if (changes !== undefined) {
    if (typeof changes !== 'object' || changes === null) return undefined;
    uris.push(...Object.keys(changes));
  }
  if (documentChanges !== undefined) {
    if (!Array.isArray(documentChanges)) return undefined;
    for (const c of documentChanges as { textDocument?: { uri?: unknown } }[]) {
      if (typeof c?.textDocument?.uri !== 'string') return undefined;
      uris.push(c.textDocument.uri);
    }
  }
  return uris.length > 0 ? uris : undefined;
}

/** Whether a value is a Position of the LSP's shape (the numbers may still lie past the text). */
function isPosition(p: unknown): p is Position {
  const o = p as { line?: unknown; character?: unknown } | null | undefined;
  return typeof o === 'object' && o !== null && Number.isInteger(o.line) && Number.isInteger(o.character) && (o.line as number) >= 0 && (o.character as number) >= 0;
}

/**
 * InvalidParams for a request on a document whose params lack what the LSP requires (a client's
 * bug): an error that says what is missing, not an empty answer and a stack trace in the log.
 * `needs` names the field the method requires beside `textDocument.uri`.
 */
function badParams<D = void>(method: string, params: unknown, needs: 'position' | 'range' | undefined): ResponseError<D> | undefined {
  const o = params as { textDocument?: { uri?: unknown } | null; position?: unknown; range?: { start?: unknown; end?: unknown } | null } | null | undefined;
  let missing: string | undefined;
  if (typeof o?.textDocument?.uri !== 'string') missing = 'textDocument.uri, a string';
  else if (needs === 'position' && !isPosition(o.position)) missing = 'position, with a line and a character of 0 or more';
  else if (needs === 'range' && !(isPosition(o.range?.start) && isPosition(o.range?.end))) missing = 'range, with a start and an end position';
  return missing ? new ResponseError<D>(ErrorCodes.InvalidParams, `k8s-platforms: ${method} needs ${missing}`) : undefined;
}

/** Whether a position is on a line of the document and not past that line's end. */
function inDocument(doc: TextDocument, p: Position | undefined): boolean {
  if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0 || p.line >= doc.lineCount) return false;
  return p.character <= doc.getLineRange(p.line).end.character;
}

function clientSupport(c: ClientCapabilities): ClientSupport {
  return {
    configuration: c.workspace?.configuration === true,
    configurationRegistration: c.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    // Pulled only by a client the server can ask to pull again: one without refresh support would
    // keep showing the old findings after a settings or model change. Every client takes pushes.
    pull: c.textDocument?.diagnostic !== undefined && c.workspace?.diagnostics?.refreshSupport === true,
    edits: { documentChanges: c.workspace?.workspaceEdit?.documentChanges === true },
    workspaceFolders: c.workspace?.workspaceFolders === true,
    hoverMarkdown: prefersMarkdown(c.textDocument?.hover?.contentFormat),
    documentationMarkdown: prefersMarkdown(c.textDocument?.completion?.completionItem?.documentationFormat),
    // A client that says nothing of code actions (a script, a test harness) gets literals, as it
    // did before; one that describes its code action support without literals gets Commands.
    codeActionLiterals: c.textDocument?.codeAction === undefined || c.textDocument.codeAction.codeActionLiteralSupport !== undefined,
    applyEdit: c.workspace?.applyEdit === true,
    resolvesEdits: c.textDocument?.codeAction?.codeActionLiteralSupport !== undefined && c.textDocument.codeAction.dataSupport === true && c.textDocument.codeAction.resolveSupport?.properties?.includes('edit') === true,
    // Left out only when the client says no (`false`): a client that says nothing gets them, as
    // a script or a test harness that reads the href of a removed platform expects.
    diagnosticFields: {
      codeDescription: c.textDocument?.publishDiagnostics?.codeDescriptionSupport !== false,
      relatedInformation: c.textDocument?.publishDiagnostics?.relatedInformation !== false,
    },
  };
}

/**
 * Wires the LSP connection to the features: documents in, diagnostics, hovers, completions and
 * code actions out. The same server runs over stdio, node IPC, or in-process in a test.
 */
export function startServer(connection: Connection, runtime: ServerRuntime): void {
  const logError = (m: string) => connection.console.error(m);
  const documents = new TextDocuments(openDocuments);
  const analyses = new DocumentAnalyses(
    (uri, message) => connection.console.info(`k8s-platforms: ${uriPath(uri)}: ${message}.`),
    (length, whole) => runtime.noteDocumentLength?.(length, whole),
  );
  let support: ClientSupport = clientSupport({});
  let config: Configuration | undefined;
  let ready: Promise<void> = Promise.resolve();
  /** Reads the client's settings once it is initialized; diagnostics wait for it (or a timeout). */
  let firstSettings: () => void = () => undefined;
  let shutDown = false;
  let initialized = false;

  /**
   * Why a request is not served: it came before `initialize` (the LSP says ServerNotInitialized)
   * or after `shutdown` (InvalidRequest), or the client cancelled it while it waited in the queue.
   * Handlers run to the end once started, so this is where a cancellation can save work: before
   * the scan.
   */
  const refusal = <E>(token: CancellationToken): ResponseError<E> | undefined => {
    if (!initialized) return new ResponseError<E>(ErrorCodes.ServerNotInitialized, 'k8s-platforms: the server is not initialized yet');
    if (shutDown) return new ResponseError<E>(ErrorCodes.InvalidRequest, 'k8s-platforms: the server is shut down');
    return cancelled<E>(token);
  };
  /** `wait` done, or the request cancelled, whichever comes first. */
  const untilCancelled = (wait: Promise<void>, token: CancellationToken): Promise<void> => {
    if (token.isCancellationRequested) return Promise.resolve();
    let stop: Disposable | undefined;
    return Promise.race([wait, new Promise<void>((resolve) => (stop = token.onCancellationRequested(() => resolve())))]).finally(() => stop?.dispose());
  };
  const cancelled = <E>(token: CancellationToken): ResponseError<E> | undefined =>
    token.isCancellationRequested ? new ResponseError<E>(LSPErrorCodes.RequestCancelled, 'k8s-platforms: request cancelled') : undefined;

  const findingsOf = (doc: TextDocument) => analyses.findings(doc, config!.modelFor(doc.uri), config!.settingsFor(doc.uri));
  /** A document's diagnostics: its findings, and a note when it is not checked or checked only in part. */
  const diagnosticsOf = (doc: TextDocument) => {
    const diagnostics = toDiagnostics(doc, findingsOf(doc), support.diagnosticFields);
    const note = analyses.note(doc, config!.settingsFor(doc.uri));
    if (note) diagnostics.push(noteDiagnostic(note));
    return diagnostics;
  };
  /** The scan of a document for hover and completion, when it is checked at all. */
  const scanOf = (uri: string) => {
    const doc = documents.get(uri);
    if (!doc || !config) return undefined;
    const settings = config.settingsFor(uri);
    if (!settings.enable) return undefined;
    const a = analyses.analyse(doc, settings);
    return a.state === 'scanned' ? { doc, scan: a.scan, model: config.modelFor(uri), settings } : undefined;
  };

  /** Documents whose incremental path was rehearsed since they were opened. */
  const rehearsed = new Set<string>();
  const rehearseSoon = (uri: string) => {
    const doc = documents.get(uri);
    if (!doc || rehearsed.has(uri) || (isEditedDocument(doc) ? doc.length : doc.getText().length) < REHEARSE_FROM_LENGTH) return;
    rehearsed.add(uri);
    // One rehearsal per turn of the event loop: a keystroke that comes meanwhile goes first, and
    // ends the rehearsals (the document changed).
    let left = REHEARSALS;
    let waited = 0;
    const once = () =>
      guard(logError, 'rehearse', () => {
        if (documents.get(uri) !== doc || !config) return;
        // Not before the client has the diagnostics: thousands of them are written to the pipe
        // as the client reads, and a rehearsal meanwhile would hold the rest back.
        if (outputPending() && waited++ < MAX_REHEARSAL_WAITS) {
          setTimeout(once, REHEARSE_AFTER_MS).unref?.();
          return;
        }
        const findings = analyses.rehearse(doc, config.modelFor(uri), config.settingsFor(uri));
        // Undefined: the document changed since (documents are updated in place).
        if (!findings) return;
        toDiagnostics(doc, findings, support.diagnosticFields);
        if (--left > 0) setTimeout(once, 0).unref?.();
      });
    setTimeout(once, REHEARSE_AFTER_MS).unref?.();
  };

  const pusher = new DiagnosticsPusher(
    (uri) => documents.get(uri),
    (doc) => diagnosticsOf(doc),
    (uri, version, diagnostics) => {
      // After shutdown the client expects nothing but the answer to `exit`.
      if (shutDown) return undefined;
      rehearseSoon(uri);
      const sent = connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics }).catch(() => undefined);
      runtime.published?.();
      return sent;
    },
    (e) => logError(`k8s-platforms: diagnostics failed: ${(e as Error)?.stack ?? String(e)}`),
    runtime.messagesHandled?.bind(runtime),
    outputPending,
  );

  const revalidateAll = () => {
    if (support.pull) {
      // Typed void, but it is a request: a client that fails it must not leave a rejection behind.
      Promise.resolve(connection.languages.diagnostics.refresh() as unknown).catch((e: unknown) => logError(`k8s-platforms: diagnostic refresh failed: ${String(e)}`));
      return;
    }
    for (const doc of documents.all()) pusher.schedule(doc.uri);
  };

  let settingsRequest = 0;
  let latestRead: Promise<void> = Promise.resolve();
  /** Settings requests not answered yet. */
  let readsPending = 0;
  const readSettings = (): void => {
    readsPending++;
    latestRead = runSafe(logError, 'reading settings', undefined, refreshSettings).finally(() => readsPending--);
  };
  /**
   * Resolves once the newest settings request is answered. Clients send didChangeConfiguration
   * right after `initialized`, so the answer to the first request is often stale, and ignored.
   */
  const settingsRead = async (): Promise<void> => {
    for (let read = latestRead; ; read = latestRead) {
      await read;
      if (read === latestRead) return;
    }
  };
  const refreshSettings = async (): Promise<void> => {
    if (!config) return;
    const c = config;
    const request = ++settingsRequest;
    const scopes = c.scopes();
    // An older answer arriving after a newer one must not win.
    const apply = (sections: unknown[] | undefined) => {
      if (request === settingsRequest) c.apply(scopes, sections);
    };
    if (!support.configuration) return apply(undefined);
    // One request for the window and every folder: an editor answers each from its own settings.
    const answer = connection.workspace.getConfiguration(scopes.map((s) => (s.uri !== undefined ? { scopeUri: s.uri, section: SECTION } : { section: SECTION }))).then(
      (a: unknown) => (Array.isArray(a) ? a : undefined),
      (e: unknown) => {
        connection.console.warn(`k8s-platforms: workspace/configuration failed: ${(e as Error)?.message ?? String(e)}`);
        return undefined;
      },
    );
    // A client that does not answer (it said it would): what it pushed, else initializationOptions'
    // settings, apply after a while, and its answer when it comes (QA 284 B1: a push was lost).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<typeof LATE>((resolve) => (timer = setTimeout(() => resolve(LATE), CONFIGURATION_WAIT_MS)).unref?.());
    const first = await Promise.race([answer, late]);
    clearTimeout(timer);
    if (first !== LATE) return apply(first);
    connection.console.warn(`k8s-platforms: workspace/configuration not answered in ${CONFIGURATION_WAIT_MS} ms; using the settings pushed or given at initialize until it is.`);
    apply(undefined);
    void answer.then((sections) => sections !== undefined && apply(sections));
  };

  /** A key of initializationOptions that looks like our section misspelled, told once initialized. */
  let misspelledInit: string | undefined;
  /** The misspelled sections told of (each once). */
  const toldMisspelled = new Set<string>();
  const warnMisspelled = (key: string, where: string) => {
    if (toldMisspelled.has(key) || toldMisspelled.size >= 20) return;
    toldMisspelled.add(key);
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `k8s-platforms: the settings under ${JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key)} (${where}) are not read: the section is named k8sPlatforms.` });
  };

  connection.onInitialize((params): InitializeResult | ResponseError<InitializeError> => {
    // The LSP sends initialize once; a second one must not reset the settings and documents.
    if (initialized) return new ResponseError<InitializeError>(ErrorCodes.InvalidRequest, 'k8s-platforms: the server is already initialized', { retry: false });
    // (Not initialized: a client may send a right one after.)
    const lacked = runtime.initializeLacked?.(params);
    if (lacked !== undefined) return new ResponseError<InitializeError>(ErrorCodes.InvalidParams, `k8s-platforms: initialize needs ${lacked}`, { retry: true });
    initialized = true;
    support = clientSupport(params.capabilities);
    const init = readInitOptions(params.initializationOptions);
    misspelledInit = init.settings === undefined ? misspelledSection(params.initializationOptions) : undefined;
    config = new Configuration(runtime, init, workspaceRoot(params), {
      changed: () => {
        revalidateAll();
        if (init.modelNotifications) void connection.sendNotification(ModelChangedNotification, {});
      },
      // Notifications, not requests: nothing to answer, nothing to wait for.
      warn: (message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }),
      error: (message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message }),
      info: (m) => connection.console.info(m),
    });
    // Settings per folder need a client that answers for a folder (scopeUri).
    if (support.configuration) config.setFolders(folderRefs(params.workspaceFolders));
    let settle: () => void = () => undefined;
    ready = new Promise<void>((resolve) => (settle = resolve));
    const timer = setTimeout(settle, FIRST_SETTINGS_TIMEOUT_MS);
    pusher.waitFor(ready.then(() => clearTimeout(timer)));
    firstSettings = () => {
      readSettings();
      void settingsRead().then(settle);
    };
    return {
      capabilities: {
        // Said, not left to the default: a client that offers utf-8 first (Neovim, Helix) knows
        // that every position of ours counts UTF-16 code units, as the CLI's columns do.
        positionEncoding: 'utf-16',
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
        // CodeActionOptions only for clients that take CodeAction literals (the LSP says so);
        // the others get each fix as a Command that the server applies with workspace/applyEdit,
        // and no fixes at all when they cannot apply an edit.
        ...(support.codeActionLiterals
          ? { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: support.resolvesEdits } }
          : support.applyEdit
            ? { codeActionProvider: true, executeCommandProvider: { commands: [APPLY_FIX_COMMAND] } }
            : {}),
        ...(support.pull ? { diagnosticProvider: { identifier: 'k8s-platforms', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'k8s-platforms-language-server', version },
    };
  });

  connection.onInitialized(() => {
    guard(logError, 'initialized', () => {
      if (misspelledInit !== undefined) warnMisspelled(misspelledInit, 'initializationOptions');
      if (support.configurationRegistration) {
        connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch((e: unknown) => logError(`k8s-platforms: cannot register for configuration changes: ${String(e)}`));
      }
      if (support.workspaceFolders && support.configuration) {
        connection.workspace.onDidChangeWorkspaceFolders((e) =>
          guard(logError, 'didChangeWorkspaceFolders', () => {
            // (A malformed notification changes nothing.)
            const event = e as { added?: unknown; removed?: unknown } | null | undefined;
            config?.changeFolders(folderRefs(event?.added), folderRefs(event?.removed));
            readSettings();
          }),
        );
      }
      firstSettings();
    });
  });

  /** Whether a didChangeConfiguration pushed our section (see below). */
  let pushedSection = false;
  connection.onDidChangeConfiguration((params) => {
    guard(logError, 'didChangeConfiguration', () => {
      // A client may send no params, or settings that are not an object: nothing pushed, then.
      const settings: unknown = (params as { settings?: unknown } | null | undefined)?.settings;
      const pushed = settingsSection(settings);
      const misspelled = pushed === undefined ? misspelledSection(settings) : undefined;
      if (misspelled !== undefined) warnMisspelled(misspelled, 'didChangeConfiguration');
      // A client that pushes its settings (Neovim, eglot, Helix; also those that answer
      // workspace/configuration) sends them whole: after it pushed our section, an object without
      // it means the user removed it: back to initializationOptions' settings, else the defaults.
      // (Null says only "changed"; an object without it before any push leaves initializationOptions' settings.)
      const cleared = pushed === undefined && pushedSection && settings !== null && typeof settings === 'object';
      if (pushed !== undefined) pushedSection = true;
      config?.setFallback(cleared ? null : pushed);
      readSettings();
    });
  });

  connection.onNotification(WorkspaceTrustNotification, (params) => {
    guard(logError, 'workspaceTrust', () => config?.setTrusted((params as { trusted?: unknown } | null)?.trusted === true));
  });

  connection.onDidChangeWatchedFiles((params) => {
    guard(logError, 'didChangeWatchedFiles', () => {
      const files = config?.modelFiles ?? [];
      // (A malformed notification, with no list of changes or changes without a URI, changes nothing.)
      const changes: unknown = (params as { changes?: unknown } | null | undefined)?.changes;
      if (!Array.isArray(changes)) return;
      const paths = new Set(changes.flatMap((c: unknown) => (typeof (c as { uri?: unknown } | null)?.uri === 'string' ? [uriPath((c as { uri: string }).uri)] : [])));
      for (const file of files) if (paths.has(file)) config?.reloadModel(file);
    });
  });

  documents.onDidChangeContent((e) =>
    guard(logError, 'didChange', () => {
      if (!support.pull) pusher.schedule(e.document.uri);
    }),
  );
  documents.onDidClose((e) =>
    guard(logError, 'didClose', () => {
      analyses.close(e.document.uri);
      rehearsed.delete(e.document.uri);
      if (!support.pull) pusher.clear(e.document.uri);
    }),
  );

  /** One id per opened document (a reopened one is a new object), for pull result ids. */
  const openIds = new WeakMap<TextDocument, number>();
  let opens = 0;
  connection.languages.diagnostics.on(async (params, token) => {
    const refused = refusal<DiagnosticServerCancellationData>(token) ?? badParams<DiagnosticServerCancellationData>('textDocument/diagnostic', params, undefined);
    if (refused) return refused;
    const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
    // (Cancelled while it waits for the first settings: answered at once, not when they come.)
    await untilCancelled(ready, token);
    // A pull right after didChangeConfiguration answers for the settings being read, not the old
    // ones: a client that pulls on its own, not on the refresh that follows, keeps no stale
    // result. (A client that does not answer gets the old settings after SETTINGS_TIMEOUT_MS.)
    if (readsPending > 0) await untilCancelled(Promise.race([settingsRead(), new Promise<void>((resolve) => setTimeout(resolve, SETTINGS_TIMEOUT_MS).unref?.())]), token);
    return (
      cancelled<DiagnosticServerCancellationData>(token) ??
      runSafe(logError, 'textDocument/diagnostic', empty, () => {
        const doc = documents.get(params.textDocument.uri);
        if (!doc || !config) return empty;
        // The same version number after a close and reopen is another text: the id says which open.
        let opened = openIds.get(doc);
        if (opened === undefined) openIds.set(doc, (opened = ++opens));
        const resultId = `${opened}:${doc.version}:${config.generation}`;
        if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
        const items = diagnosticsOf(doc);
        rehearseSoon(doc.uri);
        return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
      })
    );
  });

  connection.onHover(
    (params, token) =>
      refusal(token) ??
      badParams('textDocument/hover', params, 'position') ??
      runSafe(logError, 'hover', null, () => {
        const s = scanOf(params.textDocument.uri);
        const hover = s && inDocument(s.doc, params.position) ? hoverAt(s.doc, s.scan, s.model, s.doc.offsetAt(params.position), findingsOf(s.doc)) : null;
        if (hover && !support.hoverMarkdown && MarkupContent.is(hover.contents)) hover.contents = markup(hover.contents.value, false);
        return hover;
      }),
  );

  connection.onCompletion(
    (params, token) =>
      refusal(token) ??
      badParams('textDocument/completion', params, 'position') ??
      runSafe(logError, 'completion', null, () => {
        const s = scanOf(params.textDocument.uri);
        // An item's edit range must hold the position: past a line's end there is no answer.
        const list = s && inDocument(s.doc, params.position) ? completeAt(s.doc, s.scan.text, s.scan.kind, s.model, s.doc.offsetAt(params.position), s.settings.lint, (start, end, role, value) => scannedPartners(s.scan, start, end, role, value)) : null;
        if (list && !support.documentationMarkdown) {
          for (const item of list.items) if (MarkupContent.is(item.documentation)) item.documentation = markup(item.documentation.value, false);
        }
        return list;
      }),
  );

  connection.onCodeAction(
    (params, token) =>
      refusal(token) ??
      badParams('textDocument/codeAction', params, 'range') ??
      runSafe(logError, 'codeAction', [], () => {
        const doc = documents.get(params.textDocument.uri);
        if (!doc || !config) return [];
        const actions = codeActions(doc, findingsOf(doc), params, support.edits, support.resolvesEdits);
        if (support.codeActionLiterals) return actions;
        if (!support.applyEdit) return [];
        // The version the fix was made for goes with it: run after an edit, it would land elsewhere.
        const made: FixVersion = { uri: doc.uri, version: doc.version };
        return actions.flatMap((a) => (a.edit ? [Command.create(a.title, APPLY_FIX_COMMAND, a.edit, made)] : []));
      }),
  );

  // The fix-all's edit, for the version it was offered for (see codeActions).
  connection.onCodeActionResolve(
    (action, token) =>
      refusal(token) ??
      runSafe(logError, 'codeAction/resolve', action, () => {
        if (!isFixAllData(action?.data)) return action;
        const doc = documents.get(action.data.uri);
        if (!doc || !config || doc.version !== action.data.version) return changedSinceOffered();
        const edit = fixAllAction(doc, findingsOf(doc), support.edits)?.edit;
        return edit ? { ...action, edit } : action;
      }),
  );

  connection.onExecuteCommand(
    (params, token) =>
      refusal(token) ??
      runSafe(logError, 'executeCommand', null, async () => {
        if (params.command !== APPLY_FIX_COMMAND) return new ResponseError<void>(ErrorCodes.InvalidParams, `k8s-platforms: unknown command ${String(params.command)}`);
        const edit = params.arguments?.[0] as WorkspaceEdit | undefined;
        const made = params.arguments?.[1] as Partial<FixVersion> | undefined;
        // Only a fix as this server offered it: an edit of the one open document it was made for,
        // at the version it was made for (not any edit of any file a client passes on).
        const uris = typeof edit === 'object' && edit !== null ? editedUris(edit) : undefined;
        if (!edit || !uris || typeof made?.uri !== 'string' || !uris.every((u) => u === made.uri)) {
          return new ResponseError<void>(ErrorCodes.InvalidParams, `k8s-platforms: ${APPLY_FIX_COMMAND} takes a fix as a code action gave it: the edit of one document, and that document's uri and version`);
        }
        const now = documents.get(made.uri);
        if (!now || now.version !== made.version) return changedSinceOffered();
        const result = await connection.workspace.applyEdit({ label: 'k8s-platforms fix', edit });
        // (A client that answers nothing did not apply it either.)
        if (!result?.applied) logError(`k8s-platforms: the client did not apply the fix${result?.failureReason ? `: ${result.failureReason}` : ''}`);
        return null;
      }),
  );

  connection.onRequest(ModelRequest, (params, token) =>
    refusal(token) ??
    runSafe(logError, 'k8sPlatforms/model', null, async () => {
      const uri: unknown = (params as { uri?: unknown } | null | undefined)?.uri;
      if (uri !== undefined && uri !== null && typeof uri !== 'string') return new ResponseError<void>(ErrorCodes.InvalidParams, 'k8s-platforms: k8sPlatforms/model takes {uri?: string}');
      // (The settings being read decide which model file is in force.)
      await untilCancelled(settingsRead(), token);
      return cancelled<void>(token) ?? config!.modelInForce(typeof uri === 'string' ? uri : undefined);
    }),
  );

  connection.onShutdown(() => {
    if (!initialized) return new ResponseError<void>(ErrorCodes.ServerNotInitialized, 'k8s-platforms: the server is not initialized yet');
    if (shutDown) return new ResponseError<void>(ErrorCodes.InvalidRequest, 'k8s-platforms: the server is already shut down');
    shutDown = true;
    config?.dispose();
  });

  // Notifications before `initialize` are dropped (the LSP says so; `exit` aside): a document
  // opened then is not known, and its changes and close find nothing. (`listen` also marks the
  // connection incremental; the initialize answer says so itself.)
  const onDidOpen = connection.onDidOpenTextDocument.bind(connection);
  const gated: Connection = Object.create(connection);
  gated.onDidOpenTextDocument = (handler) =>
    onDidOpen((params) => {
      if (!initialized) return;
      // (A malformed notification opens nothing: a document without its text cannot be checked.)
      const doc = (params as { textDocument?: { uri?: unknown; text?: unknown } } | null)?.textDocument;
      if (typeof doc?.uri !== 'string' || typeof doc.text !== 'string') {
        logError(`k8s-platforms: malformed didOpen: ${typeof doc?.uri !== 'string' ? 'textDocument.uri' : 'textDocument.text'} is not a string; the document is not opened`);
        return;
      }
      handler(params);
    });
  documents.listen(gated);
  connection.listen();
}
