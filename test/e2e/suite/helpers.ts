// Helpers of the extension-host suite: everything goes through the public vscode API.
import * as vscode from 'vscode';

export const extensionId = 'k8s-platforms.k8s-platforms';

export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite runs with the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

export async function openDocument(relativePath: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'k8s-platforms');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Waits until the diagnostics of `uri` satisfy `check`; fails with what they were. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  check: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const diagnostics = ours(uri);
    if (check(diagnostics)) return diagnostics;
    if (Date.now() > deadline) {
      const shown = diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`);
      throw new Error(`diagnostics of ${uri.path} did not settle as expected; they are:\n${shown.join('\n') || '(none)'}`);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 500);
      const listener = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === uri.toString())) {
          clearTimeout(timer);
          listener.dispose();
          resolve();
        }
      });
      setTimeout(() => listener.dispose(), 600);
    });
  }
}

export function summary(d: vscode.Diagnostic): string {
  return `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${codeOf(d)}`;
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/**
 * Reverts every dirty document. Showing one can lose a race with an editor the workbench opens
 * meanwhile (a settings write opens settings.json): it is tried again, and a document that is no
 * longer dirty by then is left alone.
 */
export async function revertAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    for (let attempt = 1; document.isDirty; attempt++) {
      try {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
        break;
      } catch (e) {
        if (attempt >= 5 || !/another editor opened in the meantime/.test(String(e))) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }
}
