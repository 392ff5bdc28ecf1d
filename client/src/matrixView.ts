// "Kubernetes Platforms: Show Platform Matrix": one webview panel showing the tier model that the
// server judges against. The built-in model is bundled into the client (it is data, not server
// code); a custom k8sPlatforms.modelPath is shown instead when the workspace is trusted and the
// file reads as a model.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import * as vscode from 'vscode';
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

// Relative paths resolve against the first workspace folder: the view belongs to no document (the
// server resolves a document's against the innermost workspace folder that holds it).
function resolveModelPath(setting: string): string {
  const expanded = setting.startsWith('~/') ? homedir() + setting.slice(1) : setting;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (isAbsolute(expanded) || !root || root.scheme !== 'file') return expanded;
  return resolve(root.fsPath, expanded);
}

async function loadModel(): Promise<LoadedModel> {
  const builtIn = { model: builtInModel as MatrixModel, origin: 'Built-in model' };
  const setting = vscode.workspace.getConfiguration('k8sPlatforms').get<string>('modelPath', '').trim();
  if (setting === '') return builtIn;
  if (!vscode.workspace.isTrusted) {
    return { ...builtIn, origin: `Built-in model (k8sPlatforms.modelPath is not read in an untrusted workspace)` };
  }
  const file = resolveModelPath(setting);
  try {
    const data: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (looksLikeModel(data)) return { model: data, origin: `Custom model: ${file}` };
    return { ...builtIn, origin: `Built-in model (${file} is not a platform model)` };
  } catch (error) {
    return { ...builtIn, origin: `Built-in model (${file} could not be read: ${(error as Error).message})` };
  }
}

class PlatformMatrixPanel {
  private static current: PlatformMatrixPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(private readonly panel: vscode.WebviewPanel) {
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
    vscode.workspace.onDidChangeConfiguration(
      (e) => {
        if (e.affectsConfiguration('k8sPlatforms.modelPath')) void this.render();
      },
      undefined,
      this.disposables,
    );
  }

  static async show(): Promise<void> {
    if (PlatformMatrixPanel.current) {
      PlatformMatrixPanel.current.panel.reveal();
      await PlatformMatrixPanel.current.render();
      return;
    }
    const panel = vscode.window.createWebviewPanel('k8sPlatforms.platformMatrix', 'Kubernetes Platform Matrix', vscode.ViewColumn.Active, {
      enableScripts: false,
      enableForms: false,
      localResourceRoots: [],
    });
    PlatformMatrixPanel.current = new PlatformMatrixPanel(panel);
    await PlatformMatrixPanel.current.render();
  }

  private async render(): Promise<void> {
    const { model, origin } = await loadModel();
    const nonce = randomBytes(16).toString('base64');
    this.panel.webview.html = renderMatrixHtml(model, { cspSource: this.panel.webview.cspSource, nonce, origin });
  }

  private dispose(): void {
    PlatformMatrixPanel.current = undefined;
    this.disposables.forEach((d) => d.dispose());
  }
}

/** Registers the Show Platform Matrix command; called once from activate(). */
export function registerPlatformMatrix(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(showPlatformMatrixCommand, () => PlatformMatrixPanel.show()));
}
