import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { lineStarts, openDocuments } from '../../server/src/features/textDocument';

/** Text made of the pieces line ends are made of, so CR, LF and CRLF meet in every way. */
const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', 'é', '😀'), maxLength: 40 });
const position = fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 14 }) });
const change: fc.Arbitrary<TextDocumentContentChangeEvent> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text }) },
  { weight: 1, arbitrary: fc.record({ text }) },
);

type Doc = TextDocument;

/** Everything an LSP feature reads from a document, over every offset and position near its text. */
function observe(doc: Doc): unknown {
  const content = doc.getText();
  const positions = [];
  for (let offset = -1; offset <= content.length + 1; offset++) positions.push(doc.positionAt(offset));
  const offsets = [];
  const lines = [];
  for (let line = -1; line <= doc.lineCount + 1; line++) {
    lines.push([doc.getLineRange(line), doc.getEOLCharacters(line)]);
    for (let character = -1; character <= 6; character++) offsets.push(doc.offsetAt({ line, character }));
  }
  const ranges = [doc.getText({ start: { line: 0, character: 1 }, end: { line: 2, character: 3 } }), doc.getText({ start: { line: 1, character: 0 }, end: { line: 1, character: 99 } })];
  return { content, version: doc.version, lineCount: doc.lineCount, positions, offsets, lines, ranges };
}

describe('open documents', () => {
  it('read like a fresh vscode-languageserver-textdocument document after any sequence of changes', () => {
    fc.assert(
      fc.property(text, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 8 }), fc.boolean(), (initial, steps, readBetween) => {
        let ours = openDocuments.create('file:///a.yml', 'yaml', 1, initial);
        // The reference applies each change to a document made fresh from the text before it, so
        // no line starts are carried over: what is compared is the incremental bookkeeping.
        let reference = initial;
        steps.forEach((changes, i) => {
          ours = openDocuments.update(ours, changes, i + 2);
          for (const c of changes) reference = TextDocument.update(TextDocument.create('file:///a.yml', 'yaml', 1, reference), [c], 1).getText();
          // Reading between changes builds the line starts that later changes then update in place.
          if (readBetween || i === steps.length - 1) assert.deepEqual(observe(ours), observe(TextDocument.create('file:///a.yml', 'yaml', i + 2, reference)));
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('change like vscode-languageserver-textdocument while the changes stay inside the document', () => {
    const inside = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r\n', 'é'), minLength: 1, maxLength: 40 }).chain((initial) => {
      const lines = initial.split(/\r?\n/).length;
      const pos = fc.record({ line: fc.integer({ min: 0, max: lines - 1 }), character: fc.integer({ min: 0, max: 8 }) });
      return fc.tuple(fc.constant(initial), fc.array(fc.record({ at: pos, text: fc.string({ unit: fc.constantFrom('x', '\n', 'é'), maxLength: 4 }) }), { maxLength: 6 }).map((cs) => cs.map(({ at, text }) => ({ range: { start: at, end: at }, text }))));
    });
    fc.assert(
      fc.property(inside, ([initial, changes]) => {
        let ours = openDocuments.create('file:///a.yml', 'yaml', 1, initial);
        let theirs = TextDocument.create('file:///a.yml', 'yaml', 1, initial);
        changes.forEach((c, i) => {
          // Insertions only: lines only grow, so every range stays inside the document.
          ours = openDocuments.update(ours, [c], i + 2);
          theirs = TextDocument.update(theirs, [c], i + 2);
          assert.deepEqual(observe(ours), observe(theirs));
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('find line starts after LF, CRLF and a lone CR', () => {
    assert.deepEqual(lineStarts('a\nb\r\nc\rd', 0, true), [0, 2, 5, 7]);
    assert.deepEqual(lineStarts('a\nb', 10, false), [12]);
    assert.deepEqual(lineStarts('', 0, true), [0]);
    assert.deepEqual(lineStarts('\r\n\n\r', 0, true), [0, 2, 3, 4]);
  });

  it('update a document in place and keep its version', () => {
    const doc = openDocuments.create('file:///a.yml', 'yaml', 1, 'platforms: linux/amd64\n');
    const next = openDocuments.update(doc, [{ range: { start: { line: 0, character: 22 }, end: { line: 0, character: 22 } }, text: ',linux/arm64' }], 7);
    assert.equal(next, doc);
    assert.equal(next.version, 7);
    assert.equal(next.getText(), 'platforms: linux/amd64,linux/arm64\n');
    assert.throws(() => openDocuments.update(TextDocument.create('file:///b', 'yaml', 1, ''), [], 2), /not created by openDocuments/);
  });

  it('refuse a notification with a malformed change whole, before applying any of it', () => {
    const doc = openDocuments.create('file:///c.yml', 'yaml', 1, 'platforms: linux/amd64\n');
    const good = { range: { start: { line: 0, character: 22 }, end: { line: 0, character: 22 } }, text: ',linux/arm64' };
    const bad: unknown[] = [{ range: { start: { line: 'x', character: 0 }, end: { line: 0, character: 1 } }, text: 'a' }, { range: good.range }, null, { text: 5 }, { range: { start: { line: 0 } }, text: '' }];
    for (const b of bad) {
      assert.throws(() => openDocuments.update(doc, [good, b] as TextDocumentContentChangeEvent[], 2), /Malformed didChange: change 1/);
      assert.equal(doc.getText(), 'platforms: linux/amd64\n');
      assert.equal(doc.version, 1);
    }
    assert.throws(() => openDocuments.update(doc, {} as TextDocumentContentChangeEvent[], 2), /not a list/);
  });
});
