import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, applyEdits, editorCapabilities, editsFor } from '../support/lspClient';

/** Found by the live fuzz (fuzz.test.ts): fix-all once sent overlapping edits, which an editor refuses whole. */

let client: LspClient;
before(async () => (client = await LspClient.start()));
after(async () => client.stop());

async function fixAll(path: string, text: string): Promise<TextEdit[]> {
  const uri = `file:///virtual/fixall/${path}`;
  client.open(uri, 'yaml', text, 1);
  await client.diagnosticsFor(uri, 1);
  const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
  assert.ok(actions.length <= 1);
  return editsFor(actions[0]?.edit, uri);
}

function assertApart(edits: TextEdit[]): void {
  const sorted = [...edits].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  for (let i = 1; i < sorted.length; i++) {
    const [p, e] = [sorted[i - 1].range.end, sorted[i].range.start];
    assert.ok(p.line < e.line || (p.line === e.line && p.character <= e.character), `overlapping edits ${JSON.stringify(sorted)}`);
  }
}

const workflow = (lists: string[]) => `jobs:\n  a:\n    steps:\n${lists.map((l) => `      - with:\n          platforms: ${l}\n`).join('')}`;

describe('fix-all on lists with repeats', () => {
  it('a run of repeats at the end after other repeats: one edit per run, none overlapping', async () => {
    const text = workflow(['linux/amd64,linux/arm64,linux/amd64,linux/arm64,linux/amd64']);
    const edits = await fixAll('.github/workflows/runs.yml', text);
    assertApart(edits);
    assert.equal(applyEdits(text, edits).split('\n')[4], '          platforms: linux/amd64,linux/arm64');
  });

  it('the text the fuzz found: repeats after a garbled item', async () => {
    const text = workflow(['linux/amd64,linux/arm64,linux/arm/v7,linux/s390platforms: linux/amd64,linux/arm64,linux/amd64']);
    const edits = await fixAll('.github/workflows/garbled.yml', text);
    assertApart(edits);
    assert.doesNotThrow(() => applyEdits(text, edits));
  });

  it('every list of two to five items over three platforms, comma and comma-space: the repeats go, first ones stay, in order', async () => {
    const names = ['linux/amd64', 'linux/arm64', 'linux/s390x'];
    const lists: string[][] = [];
    const grow = (prefix: string[]) => {
      if (prefix.length >= 2) lists.push(prefix);
      if (prefix.length < 5) for (const n of names) grow([...prefix, n]);
    };
    grow([]);
    for (const sep of [',', ', ']) {
      const text = workflow(lists.map((l) => l.join(sep)));
      const edits = await fixAll(`.github/workflows/all-${sep.length}.yml`, text);
      assertApart(edits);
      const fixed = applyEdits(text, edits).split('\n');
      lists.forEach((l, i) => {
        const want = `          platforms: ${[...new Set(l)].join(sep)}`;
        assert.equal(fixed[4 + 2 * i], want, `from ${l.join(sep)}`);
      });
    }
  });

  it('a run of repeats that ends a list of lines takes the line end before it, as one fix at a time does (QA 29)', async () => {
    const make = 'PLATFORMS ?= linux/arm64 \\\n\tlinux/amd64 \\\n\tlinux/amd64 \\\n\tlinux/amd64\nall:\n';
    const makeEdits = await fixAll('Makefile', make);
    assertApart(makeEdits);
    assert.equal(applyEdits(make, makeEdits), 'PLATFORMS ?= linux/arm64 \\\n\tlinux/amd64\nall:\n');
    const block = 'jobs:\n  a:\n    steps:\n      - with:\n          platforms: |\n            linux/amd64\n            linux/amd64\n            linux/amd64\n      - run: echo\n';
    const blockEdits = await fixAll('.github/workflows/block.yml', block);
    assertApart(blockEdits);
    assert.equal(applyEdits(block, blockEdits), 'jobs:\n  a:\n    steps:\n      - with:\n          platforms: |\n            linux/amd64\n      - run: echo\n');
  });
});

describe('fix-all for a client that resolves code action edits (QA 136 S1)', () => {
  let resolving: LspClient;
  before(async () => (resolving = await LspClient.start({ capabilities: editorCapabilities({ resolveEdits: true }) })));
  after(async () => resolving.stop());

  it('asked for every kind (a cursor move), the fix-all comes without its edit, and codeAction/resolve makes it for that version', async () => {
    assert.equal((resolving.initializeResult as { capabilities: { codeActionProvider: { resolveProvider: boolean } } }).capabilities.codeActionProvider.resolveProvider, true);
    const uri = 'file:///virtual/fixall-resolve/.github/workflows/a.yml';
    const text = workflow(['linux/amd64,linux/x86_64,linux/arm64,linux/arm64']);
    resolving.open(uri, 'yaml', text, 1);
    await resolving.diagnosticsFor(uri, 1);
    const at = { start: { line: 4, character: 30 }, end: { line: 4, character: 30 } };
    const all = (await resolving.codeActions(uri, at, [])).find((a) => a.kind === 'source.fixAll.k8s-platforms')!;
    assert.ok(all && all.edit === undefined && all.data !== undefined, JSON.stringify(all));
    const resolved = await resolving.resolveCodeAction(all);
    assert.equal(applyEdits(text, editsFor(resolved.edit, uri)).split('\n')[4], '          platforms: linux/amd64,linux/arm64');
    // Asked for the fix-all kind itself (on save), it comes whole, as before.
    const onSave = await resolving.codeActions(uri, at, [], ['source.fixAll']);
    assert.deepEqual(editsFor(onSave[0].edit, uri), editsFor(resolved.edit, uri));
    // After an edit, the action offered before is refused, not applied to another text.
    resolving.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x\n' }]);
    await resolving.diagnosticsFor(uri, 2);
    await assert.rejects(resolving.resolveCodeAction(all), /changed since this fix was offered/);
  });
});

describe('the kinds a client asks for', () => {
  it('the empty kind asks for every kind, as VS Code reads it: the quick fixes and the fix-all (QA 157 N4)', async () => {
    const uri = 'file:///virtual/fixall/kinds/.github/workflows/ci.yml';
    const text = workflow(['linux/amd64,linux/arm/v7,linux/amd64']);
    client.open(uri, 'yaml', text, 1);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    const line = { start: { line: 4, character: 0 }, end: { line: 4, character: 60 } };
    const kinds = async (only?: string[]) => (await client.codeActions(uri, line, diagnostics, only)).map((a) => a.kind).sort();
    const every = await kinds();
    assert.ok(every.includes('quickfix') && every.includes('source.fixAll.k8s-platforms'), JSON.stringify(every));
    assert.deepEqual(await kinds(['']), every);
    assert.deepEqual(await kinds(['quickfix']), every.filter((k) => k === 'quickfix'));
    assert.deepEqual(await kinds(['source']), ['source.fixAll.k8s-platforms']);
  });
});
