// The VS Code side: starts the language server (dist/server.js) over node IPC and hands it the
// documents of PRODUCT.md §4. Every check, hover and fix lives in the server; the client adds
// only a restart command and the Platform Matrix page.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR } from './documentSelector';
import { registerPlatformMatrix } from './matrixView';

const SECTION = 'k8sPlatforms';
const NAME = 'Kubernetes Platforms';
export const restartServerCommand = 'k8sPlatforms.restartServer';
/** Understood by the server: trust granted after start, so `modelPath` may now be read. */
const workspaceTrustNotification = 'k8sPlatforms/workspaceTrust';
/** Sent by the server (asked for with initializationOptions.modelNotifications) when settings or a model file changed. */
const modelChangedNotification = 'k8sPlatforms/modelChanged';

let client: LanguageClient | undefined;

// The section as a plain object: what the server gets at start, before it asks for settings.
function settingsSnapshot(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    enable: config.get('enable'),
    requiredTier: config.get('requiredTier'),
    severity: config.get('severity'),
    modelPath: config.get('modelPath'),
    maxFileSize: config.get('maxFileSize'),
    maxScanTime: config.get('maxScanTime'),
    trace: { server: config.get('trace.server') },
  };
}

/**
 * vscode-languageclient's client, with the exit of a server that was asked to stop (a restart, the
 * window closing) logged as information: the library logs every exit as an error (QA 274).
 */
class Client extends LanguageClient {
  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    if (message === 'Server process exited with code 0.') this.info(message);
    else super.error(message, data, showNotification);
  }
}

function createClient(context: vscode.ExtensionContext, outputChannel: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: SECTION },
    // A function, so a restart sends the trust and settings of that moment.
    initializationOptions: () => ({ workspaceTrusted: vscode.workspace.isTrusted, settings: settingsSnapshot(), modelNotifications: true }),
    outputChannel,
  };
  // The id makes the client honour `k8sPlatforms.trace.server`.
  return new Client(SECTION, NAME, serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel(NAME);
  context.subscriptions.push(outputChannel);
  const refreshMatrix = registerPlatformMatrix(context, () => client);
  /** The running client's listener of model changes, replaced with the client. */
  let listener: vscode.Disposable | undefined;
  context.subscriptions.push({ dispose: () => listener?.dispose() });

  const start = async (): Promise<void> => {
    const next = createClient(context, outputChannel);
    client = next;
    listener?.dispose();
    // (The server says so when settings or a model file changed: an open Platform Matrix is drawn again.)
    listener = next.onNotification(modelChangedNotification, refreshMatrix);
    try {
      await next.start();
    } catch (error) {
      outputChannel.appendLine(`The server did not start: ${(error as Error)?.message ?? String(error)}`);
      outputChannel.show(true);
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(restartServerCommand, async () => {
      outputChannel.appendLine('Restarting the server.');
      // A new client, not the old one's restart(): vscode-languageclient 9 disposes, when it
      // stops, the open-document event its pulled diagnostics listen to, so no document opened
      // after a restart was ever checked (QA 274).
      const old = client;
      client = undefined;
      await old?.dispose().catch(() => undefined);
      await start();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      const current = client;
      if (!current?.isRunning()) return;
      // The server re-reads its settings, now with the workspace's own modelPath.
      void current.sendNotification(workspaceTrustNotification, { trusted: true });
      void current.sendNotification('workspace/didChangeConfiguration', { settings: null });
    }),
  );

  await start();
}

export async function deactivate(): Promise<void> {
  const stopping = client;
  client = undefined;
  // stop() also waits for a server that is still starting; a dead one has nothing to stop.
  await stopping?.stop().catch(() => undefined);
}
