import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient, positionOf } from '../support/lspClient';
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

describe('a client that takes Markdown', () => {
  it('gets Markdown, also when it names plain text first among others', async () => {
    const client = await LspClient.start({ capabilities: { textDocument: { hover: { contentFormat: ['plaintext', 'markdown'] } } } });
    try {
      client.open(uri, 'yaml', text, 1);
      await client.diagnosticsFor(uri, 1);
      const hover = await client.hover(uri, positionOf(text, 'linux/arm64', 3));
      assert.equal((hover!.contents as MarkupContent).kind, 'markdown');
    } finally {
      await client.stop();
    }
  });
});

describe('plainText', () => {
  it('turns our Markdown into text', () => {
    const md = '**linux/s390x** (`s390x-linux`): tier **2**\n\n- a criterion\n\n| artifacts | published |\n| --- | --- |\n| images | a, b |\n| binaries | c | d |\n\nResources: [#1](https://x/1), [https://y](https://y)';
    assert.equal(plainText(md), 'linux/s390x (s390x-linux): tier 2\n\n- a criterion\n\nimages: a, b\nbinaries: c; d\n\nResources: #1 (https://x/1), https://y');
  });
});
