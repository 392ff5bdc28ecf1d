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
  return new LanguageClient(SECTION, NAME, serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel(NAME);
  context.subscriptions.push(outputChannel);
  const current = createClient(context, outputChannel);
  client = current;
  const refreshMatrix = registerPlatformMatrix(context, () => client);
  // (The server says so when settings or a model file changed: an open Platform Matrix is drawn again.)
  context.subscriptions.push(current.onNotification(modelChangedNotification, refreshMatrix));

  context.subscriptions.push(
    vscode.commands.registerCommand(restartServerCommand, async () => {
      outputChannel.appendLine('Restarting the server.');
      await (current.isRunning() ? current.restart() : current.start());
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (!current.isRunning()) return;
      // The server re-reads its settings, now with the workspace's own modelPath.
      void current.sendNotification(workspaceTrustNotification, { trusted: true });
      void current.sendNotification('workspace/didChangeConfiguration', { settings: null });
    }),
  );

  try {
    await current.start();
  } catch (error) {
    outputChannel.appendLine(`The server did not start: ${(error as Error)?.message ?? String(error)}`);
    outputChannel.show(true);
  }
}

export async function deactivate(): Promise<void> {
  const stopping = client;
  client = undefined;
  // stop() also waits for a server that is still starting; a dead one has nothing to stop.
  await stopping?.stop().catch(() => undefined);
}
