// "Kubernetes Platforms: Show Platform Matrix": one webview panel showing the tier model that the
// server judges against, as the server has it (k8sPlatforms/model): the built-in model, or the
// custom k8sPlatforms.modelPath it read, or the built-in one with why a custom one is not used.
// The page is drawn again when the server says settings or a model file changed.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import builtInModel from '../../data/platforms.json';
import { renderMatrixHtml, type MatrixModel } from './matrixHtml';

export const showPlatformMatrixCommand = 'k8sPlatforms.showPlatformMatrix';

interface LoadedModel {
  model: MatrixModel;
  origin: string;
}

function looksLikeModel(data: unknown): data is MatrixModel {
  const m = data as Partial<MatrixModel> | null;
  return (
    typeof m === 'object' && m !== null &&
    Array.isArray(m.tiers) && Array.isArray(m.platforms) && Array.isArray(m.removed) &&
    Array.isArray(m.images?.images) && Array.isArray(m.binaries?.items) &&
    Array.isArray(m.archives?.items) && Array.isArray(m.packages?.arches)
  );
}

/** Resolves once a starting client has started or failed to (at most STARTING_WAIT_MS). */
function started(server: LanguageClient): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    };
    const timer = setTimeout(done, STARTING_WAIT_MS);
    const listener = server.onDidChangeState((e) => {
      if (e.newState !== State.Starting) done();
    });
  });
}

const STARTING_WAIT_MS = 10_000;

/** Asks the server for the model a document (or the window) is judged by; the bundled built-in model when it cannot answer. */
async function loadModel(server: LanguageClient | undefined, uri: string | undefined): Promise<LoadedModel> {
  const builtIn = builtInModel as MatrixModel;
  if (server?.state === State.Starting) await started(server);
  if (!server?.isRunning()) return { model: builtIn, origin: 'Built-in model (the language server is not running)' };
  try {
    const answer = await server.sendRequest<{ data?: unknown; origin?: unknown } | null>('k8sPlatforms/model', uri !== undefined ? { uri } : {});
    if (looksLikeModel(answer?.data) && typeof answer.origin === 'string') return { model: answer.data, origin: answer.origin };
    return { model: builtIn, origin: 'Built-in model (the language server gave no model)' };
  } catch (error) {
    return { model: builtIn, origin: `Built-in model (the language server could not be asked: ${(error as Error).message})` };
  }
}

class PlatformMatrixPanel {
  private static current: PlatformMatrixPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly server: () => LanguageClient | undefined,
    /** The document the view was asked from (its folder's model), if any. */
    private uri: string | undefined,
  ) {
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
  }

  /** Draws the open view again (the server said settings or a model file changed). */
  static refresh(): void {
    void PlatformMatrixPanel.current?.render();
  }

  static async show(server: () => LanguageClient | undefined): Promise<void> {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    if (PlatformMatrixPanel.current) {
      PlatformMatrixPanel.current.uri = uri ?? PlatformMatrixPanel.current.uri;
      PlatformMatrixPanel.current.panel.reveal();
      await PlatformMatrixPanel.current.render();
      return;
    }
    const panel = vscode.window.createWebviewPanel('k8sPlatforms.platformMatrix', 'Kubernetes Platform Matrix', vscode.ViewColumn.Active, {
      enableScripts: false,
      enableForms: false,
      localResourceRoots: [],
    });
    PlatformMatrixPanel.current = new PlatformMatrixPanel(panel, server, uri);
    await PlatformMatrixPanel.current.render();
  }

  private async render(): Promise<void> {
    const { model, origin } = await loadModel(this.server(), this.uri);
    if (PlatformMatrixPanel.current !== this) return;
    const nonce = randomBytes(16).toString('base64');
    this.panel.webview.html = renderMatrixHtml(model, { cspSource: this.panel.webview.cspSource, nonce, origin });
  }

  private dispose(): void {
    PlatformMatrixPanel.current = undefined;
    this.disposables.forEach((d) => d.dispose());
  }
}

/**
 * Registers the Show Platform Matrix command; called once from activate() with the way to reach
 * the language client. Returns what to call when the server says the model may have changed.
 */
export function registerPlatformMatrix(context: vscode.ExtensionContext, server: () => LanguageClient | undefined): () => void {
  context.subscriptions.push(vscode.commands.registerCommand(showPlatformMatrixCommand, () => PlatformMatrixPanel.show(server)));
  return () => PlatformMatrixPanel.refresh();
}
