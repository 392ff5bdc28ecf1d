// The extension through the vscode API, as another extension or a person's keystrokes reach it:
// activation, diagnostics, hover, completion, code actions, settings and the Platform Matrix.
import * as assert from 'node:assert/strict';
import { suite, suiteTeardown, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, extensionId, hoverText, openDocument, revertAll, summary, waitForDiagnostics, workspaceUri } from './helpers';

suite('k8s-platforms in the extension host', () => {
  teardown(revertAll);
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('k8sPlatforms').update('requiredTier', undefined, vscode.ConfigurationTarget.Global);
  });

  test('activates on a workflow file and contributes its commands', async () => {
    await openDocument('.github/workflows/release.yml');
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is installed`);
    const deadline = Date.now() + 20_000;
    while (!extension.isActive && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.ok(extension.isActive, 'activated by opening .github/workflows/release.yml');
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('k8sPlatforms.showPlatformMatrix'), 'Show Platform Matrix is registered');
  });

  const expected: Record<string, string[]> = {
    '.github/workflows/release.yml': ['15:58-15:70 removed-platform', '20:58-20:70 artifact-unavailable'],
    '.goreleaser.yaml': ['14:20-14:31 unknown-platform'],
    Makefile: ['4:20-4:23 removed-platform'],
    Dockerfile: ['10:17-10:29 artifact-unavailable', '10:17-10:29 removed-platform'],
    'hack/build.sh': ['4:44-4:55 unknown-platform'],
  };
  for (const [file, findings] of Object.entries(expected)) {
    test(`diagnoses ${file}`, async () => {
      const document = await openDocument(file);
      const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length >= findings.length);
      assert.deepEqual(diagnostics.map(summary).sort(), [...findings].sort());
      for (const d of diagnostics) {
        assert.equal(d.source, 'k8s-platforms');
        const severity = codeOf(d) === 'artifact-unavailable' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error;
        assert.equal(d.severity, severity, summary(d));
      }
      const removed = diagnostics.find((d) => codeOf(d) === 'removed-platform');
      if (removed) {
        assert.match(removed.message, /relocation problems on linking/);
        assert.equal(typeof removed.code === 'object' ? removed.code.target.toString() : '', 'https://github.com/kubernetes/kubernetes/pull/115742');
      }
    });
  }

  test('hover on linux/s390x shows tier 2 and the server images', async () => {
    const document = await openDocument('Dockerfile');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(5, 20));
    const text = hoverText(hovers);
    assert.match(text, /linux\/s390x/);
    assert.match(text, /[Tt]ier 2/);
    for (const image of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy']) {
      assert.ok(text.includes(image), `${image} in the hover:\n${text}`);
    }
  });

  test('completion in a platforms: list offers the linux platforms the list lacks, never linux/arm', async () => {
    const document = await openDocument('.github/workflows/release.yml');
    const line = document.lineAt(14);
    const start = line.text.indexOf('linux/arm/v7');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(14, start, 14, line.text.length), 'linux/');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const position = new vscode.Position(14, start + 'linux/'.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
    const items = list.items.filter((i) => typeof i.detail === 'string' && /tier/i.test(i.detail));
    const labels = items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    // linux/amd64, linux/arm64 and linux/s390x are already in the list.
    assert.deepEqual(labels, ['linux/386', 'linux/ppc64le']);
    const i386 = items.find((i) => i.label === 'linux/386')!;
    assert.match(String(i386.detail), /Tier 2/);
    const range = i386.range instanceof vscode.Range ? i386.range : i386.range?.replacing;
    assert.ok(range, 'replaces the partial token');
    assert.equal(document.getText(range), 'linux/');
  });

  test('the quick fix for an unknown platform replaces it with the suggestion', async () => {
    const document = await openDocument('.goreleaser.yaml');
    const [unknown] = await waitForDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'unknown-platform'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, unknown.range, vscode.CodeActionKind.QuickFix.value);
    const replace = actions.find((a) => a.title === 'Replace with linux/amd64');
    assert.ok(replace, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(replace.isPreferred, true);
    assert.ok(replace.edit && (await vscode.workspace.applyEdit(replace.edit)));
    assert.equal(document.lineAt(13).text.trim(), '- --platform=linux/amd64');
    await waitForDiagnostics(document.uri, (d) => !d.some((x) => codeOf(x) === 'unknown-platform'));
  });

  test('the fix-all source action canonicalises and removes repeats', async () => {
    const document = await openDocument('.github/workflows/release.yml');
    const line = document.lineAt(14);
    const start = line.text.indexOf('linux/arm/v7');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(14, start, 14, line.text.length), 'linux/x86_64');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'duplicate-platform'));
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, 'source.fixAll');
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.k8s-platforms');
    assert.ok(fixAll?.edit, `offered: ${actions.map((a) => `${a.kind?.value} ${a.title}`).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.equal(document.lineAt(14).text.trim(), 'platforms: linux/amd64,linux/arm64,linux/s390x');
  });

  test('k8sPlatforms.requiredTier applies without a restart', async () => {
    const document = await openDocument('Dockerfile');
    await waitForDiagnostics(document.uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'below-required-tier'));
    await vscode.workspace.getConfiguration('k8sPlatforms').update('requiredTier', 1, vscode.ConfigurationTarget.Global);
    const below = await waitForDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'below-required-tier'));
    assert.deepEqual(below.filter((d) => codeOf(d) === 'below-required-tier').map(summary), ['6:17-6:28 below-required-tier']);
    await vscode.workspace.getConfiguration('k8sPlatforms').update('requiredTier', undefined, vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(document.uri, (d) => !d.some((x) => codeOf(x) === 'below-required-tier'));
  });

  test('after Restart Server, a document opened then is diagnosed, and the one open before it still is (QA 274)', async () => {
    const before = await openDocument('Makefile');
    await waitForDiagnostics(before.uri, (d) => d.length > 0);
    await vscode.commands.executeCommand('k8sPlatforms.restartServer');
    // (A while after it, as a person opens the next file: the server's first refresh of pulled
    // diagnostics, which pulls every visible document again, is over by then.)
    await new Promise((r) => setTimeout(r, 3000));
    // Opened as a person opens a file (Quick Open, the explorer): its editor and document come at
    // once, so only the document's open event can start its pull (the library's event that its
    // restart() left disposed).
    const uri = workspaceUri('hack/after-restart.sh');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('docker buildx build --platform linux/amd64,linux/arm/v7 .\n'));
    await vscode.commands.executeCommand('vscode.open', uri, { preview: false });
    const document = await vscode.workspace.openTextDocument(uri);
    assert.deepEqual((await waitForDiagnostics(document.uri, (d) => d.length > 0)).map(summary), ['1:44-1:56 removed-platform']);
    // (Typed into, it is checked again.)
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 43, 0, 55), 'linux/amd46');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.deepEqual((await waitForDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'unknown-platform'))).map(summary), ['1:44-1:55 unknown-platform']);
    await openDocument('Makefile');
    assert.deepEqual((await waitForDiagnostics(before.uri, (d) => d.length > 0)).map(summary), ['4:20-4:23 removed-platform']);
  });

  test('Show Platform Matrix opens a webview', async () => {
    await vscode.commands.executeCommand('k8sPlatforms.showPlatformMatrix');
    // The tab model follows the window asynchronously.
    const deadline = Date.now() + 10_000;
    const active = () => vscode.window.tabGroups.activeTabGroup.activeTab;
    while (!(active()?.input instanceof vscode.TabInputWebview) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const tab = active();
    assert.ok(tab?.input instanceof vscode.TabInputWebview, 'a webview tab is active');
    assert.match(tab.input.viewType, /k8sPlatforms\.platformMatrix$/);
    assert.equal(tab.label, 'Kubernetes Platform Matrix');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
