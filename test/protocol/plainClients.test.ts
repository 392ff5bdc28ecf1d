import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Command, MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient, editorCapabilities, positionOf } from '../support/lspClient';
import { plainText } from '../../server/src/features/markup';

// Clients that show hovers and completion documentation as plain text (vim plugins, some Emacs
// set-ups) say so in their capabilities; they must get text without Markdown marks.

const uri = 'file:///virtual/plain/.github/workflows/ci.yml';
const text = 'jobs:\n  a:\n    steps:\n      - with:\n          platforms: linux/arm64,linux/arm/v7,\n';

describe('a client that takes plain text only', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({
      capabilities: {
        textDocument: {
          hover: { contentFormat: ['plaintext'] },
          completion: { completionItem: { documentationFormat: ['plaintext'] } },
        },
      },
    });
    client.open(uri, 'yaml', text, 1);
    await client.diagnosticsFor(uri, 1);
  });
  after(async () => client.stop());

  it('gets a plain-text hover: no emphasis, code marks or table rules, links written out', async () => {
    const hover = await client.hover(uri, positionOf(text, 'linux/arm64', 3));
    const contents = hover!.contents as MarkupContent;
    assert.equal(contents.kind, 'plaintext');
    assert.match(contents.value, /^linux\/arm64 \(arm64-linux\): Kubernetes tier 2/);
    assert.match(contents.value, /^images: .*kube-apiserver/m);
    assert.match(contents.value, /^packages: deb arm64, rpm aarch64$/m);
    assert.doesNotMatch(contents.value, /\*\*|`|\| --- \|/);
    const removed = (await client.hover(uri, positionOf(text, 'linux/arm/v7', 3)))!.contents as MarkupContent;
    assert.match(removed.value, /Resources: .*\(https:\/\/github\.com\//);
    assert.doesNotMatch(removed.value, /\]\(/);
  });

  it('gets plain-text completion documentation', async () => {
    const items = await client.completion(uri, positionOf(text, 'linux/arm/v7,', 'linux/arm/v7,'.length));
    assert.ok(items.length > 0);
    for (const item of items) {
      const doc = item.documentation as MarkupContent;
      assert.equal(doc.kind, 'plaintext', item.label);
      assert.doesNotMatch(doc.value, /\*\*|`/, item.label);
    }
  });
});

describe('the format a client is sent', () => {
  /** The kind of a hover and of a completion item's documentation, for the capabilities given. */
  async function kinds(capabilities: object): Promise<[string, string]> {
    const client = await LspClient.start({ capabilities });
    try {
      client.open(uri, 'yaml', text, 1);
      await client.diagnosticsFor(uri, 1);
      const hover = await client.hover(uri, positionOf(text, 'linux/arm64', 3));
      const items = await client.completion(uri, positionOf(text, 'linux/arm/v7,', 'linux/arm/v7,'.length));
      return [(hover!.contents as MarkupContent).kind, (items[0].documentation as MarkupContent).kind];
    } finally {
      await client.stop();
    }
  }
  it('is Markdown when the client lists it first, plain text when it lists plaintext first (the order is its preference)', async () => {
    const formats = (list: string[]) => ({ textDocument: { hover: { contentFormat: list }, completion: { completionItem: { documentationFormat: list } } } });
    assert.deepEqual(await kinds(formats(['markdown', 'plaintext'])), ['markdown', 'markdown']);
    assert.deepEqual(await kinds(formats(['plaintext', 'markdown'])), ['plaintext', 'plaintext']);
    assert.deepEqual(await kinds(formats(['markdown'])), ['markdown', 'markdown']);
  });
  it('is plain text when the client names no format: it has not said it shows Markdown', async () => {
    assert.deepEqual(await kinds({}), ['plaintext', 'plaintext']);
    assert.deepEqual(await kinds({ textDocument: { hover: {}, completion: { completionItem: {} } } }), ['plaintext', 'plaintext']);
  });
});

describe('plainText', () => {
  it('turns our Markdown into text', () => {
    const md = '**linux/s390x** (`s390x-linux`): tier **2**\n\n- a criterion\n\n| artifacts | published |\n| --- | --- |\n| images | a, b |\n| binaries | c | d |\n\nResources: [#1](https://x/1), [https://y](https://y)';
    assert.equal(plainText(md), 'linux/s390x (s390x-linux): tier 2\n\n- a criterion\n\nimages: a, b\nbinaries: c; d\n\nResources: #1 (https://x/1), https://y');
  });
});

describe('a client without CodeAction literals', () => {
  it('gets each fix as a Command, and the server applies it with workspace/applyEdit when run', async () => {
    const client = await LspClient.start({ capabilities: { textDocument: { codeAction: {} }, workspace: { applyEdit: true } } });
    try {
      const init = client.initializeResult!.capabilities;
      assert.equal(init.codeActionProvider, true);
      assert.deepEqual(init.executeCommandProvider?.commands, ['k8s-platforms.applyFix']);
      const doc = 'file:///virtual/cmd/Makefile';
      const mk = 'PLATFORMS := linux/amd64 linux/arm/v7\n';
      client.open(doc, 'makefile', mk, 1);
      const [d] = await client.diagnosticsFor(doc, 1);
      const actions = (await client.codeActions(doc, d.range, [d])) as unknown as Command[];
      assert.ok(actions.length > 0);
      for (const a of actions) {
        assert.equal(a.command, 'k8s-platforms.applyFix');
        assert.equal(typeof a.title, 'string');
      }
      const applied: unknown[] = [];
      let answer: { applied: boolean } | null = null;
      client.conn.onRequest('workspace/applyEdit', (p: { edit: unknown }) => {
        applied.push(p.edit);
        return answer;
      });
      const remove = actions.find((a) => a.title.startsWith('Remove'))!;
      // A client that answers applyEdit with nothing (not an ApplyWorkspaceEditResult) did not apply it: logged, no crash.
      const errors = client.logs.filter((l) => l.type === 1).length;
      assert.equal(await client.conn.sendRequest('workspace/executeCommand', { command: remove.command, arguments: remove.arguments }), null);
      assert.deepEqual(client.logs.filter((l) => l.type === 1).slice(errors).map((l) => l.message), ['k8s-platforms: the client did not apply the fix']);
      applied.length = 0;
      answer = { applied: true };
      await client.conn.sendRequest('workspace/executeCommand', { command: remove.command, arguments: remove.arguments });
      assert.deepEqual(applied, [remove.arguments![0]]);
      const edits = (applied[0] as { changes: Record<string, { newText: string }[]> }).changes[doc];
      assert.equal(edits.length, 1);

      // A fix run after the document changed would land on other text: refused, nothing applied.
      const [d2] = await client.diagnosticsFor(doc, 1);
      const stale = ((await client.codeActions(doc, d2.range, [d2])) as unknown as Command[]).find((a) => a.title.startsWith('Remove'))!;
      client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc, version: 2 }, contentChanges: [{ text: `# a comment\n${mk}` }] });
      await client.diagnosticsFor(doc, 2);
      await assert.rejects(client.conn.sendRequest('workspace/executeCommand', { command: stale.command, arguments: stale.arguments }), /the document changed since this fix was offered/);
      assert.equal(applied.length, 1);

      // Only a fix as offered: an edit of another file, a version left out, or an edit that
      // creates files is refused, and nothing is passed on to the client (QA 152 N5).
      const [d3] = await client.diagnosticsFor(doc, 2);
      const fresh = ((await client.codeActions(doc, d3.range, [d3])) as unknown as Command[]).find((a) => a.title.startsWith('Remove'))!;
      const [edit3, made3] = fresh.arguments as [{ changes: Record<string, unknown> }, { uri: string; version: number }];
      for (const args of [
        [{ changes: { 'file:///etc/passwd': edit3.changes[doc] } }, made3],
        [edit3],
        [edit3, { uri: 'file:///etc/passwd', version: 2 }],
        [{ documentChanges: [{ kind: 'create', uri: 'file:///tmp/x' }] }, made3],
        [null, made3],
      ]) {
        await assert.rejects(client.conn.sendRequest('workspace/executeCommand', { command: fresh.command, arguments: args }), /takes a fix as a code action gave it/, JSON.stringify(args));
      }
      await assert.rejects(client.conn.sendRequest('workspace/executeCommand', { command: 'k8s-platforms.other', arguments: fresh.arguments }), /unknown command k8s-platforms\.other/);
      assert.equal(applied.length, 1);
      await client.conn.sendRequest('workspace/executeCommand', { command: fresh.command, arguments: fresh.arguments });
      assert.equal(applied.length, 2);
    } finally {
      await client.stop();
    }
  });

  it('nor fixes at all when it cannot apply an edit either', async () => {
    const client = await LspClient.start({ capabilities: { textDocument: { codeAction: {} } } });
    try {
      assert.equal(client.initializeResult!.capabilities.codeActionProvider, undefined);
      assert.equal(client.initializeResult!.capabilities.executeCommandProvider, undefined);
    } finally {
      await client.stop();
    }
  });

  it('a client that says nothing of code actions gets CodeAction literals', async () => {
    const client = await LspClient.start({ capabilities: {} });
    try {
      assert.deepEqual((client.initializeResult!.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.k8s-platforms']);
      const doc = 'file:///virtual/bare/Makefile';
      const mk = 'PLATFORMS := linux/amd64 linux/arm/v7\n';
      client.open(doc, 'makefile', mk, 1);
      const [d] = await client.diagnosticsFor(doc, 1);
      const actions = await client.codeActions(doc, d.range, [d]);
      assert.ok(actions.length > 0 && actions.every((a) => a.edit !== undefined && a.kind !== undefined));
    } finally {
      await client.stop();
    }
  });

  it('VS Code-like clients get CodeAction literals and no command provider', async () => {
    const client = await LspClient.start({ capabilities: editorCapabilities() });
    try {
      assert.equal(client.initializeResult!.capabilities.executeCommandProvider, undefined);
      assert.deepEqual((client.initializeResult!.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.k8s-platforms']);
    } finally {
      await client.stop();
    }
  });
});

describe('a client that takes no related information or code descriptions in diagnostics', () => {
  it('gets neither; a client that says nothing of them gets both', async () => {
    const text = 'platforms: linux/amd64,linux/arm/v7,linux/amd64\n';
    const fields = async (publishDiagnostics: Record<string, unknown> | undefined) => {
      const client = await LspClient.start(publishDiagnostics ? { capabilities: { textDocument: { publishDiagnostics } } } : {});
      try {
        const uri = 'file:///virtual/fields/.github/workflows/x.yml';
        client.open(uri, 'yaml', text, 1);
        const diagnostics = await client.diagnosticsFor(uri, 1);
        return diagnostics.map((d) => [d.code, d.codeDescription !== undefined, d.relatedInformation !== undefined]);
      } finally {
        await client.stop();
      }
    };
    assert.deepEqual(await fields({ relatedInformation: false, codeDescriptionSupport: false }), [
      ['removed-platform', false, false],
      ['duplicate-platform', false, false],
    ]);
    assert.deepEqual(await fields(undefined), [
      ['removed-platform', true, false],
      ['duplicate-platform', false, true],
    ]);
  });
});
