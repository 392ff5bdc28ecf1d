import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { documentsCutAt, isEditedDocument, lineStarts, openDocuments, rehearseTyping } from '../../server/src/features/textDocument';

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

/** The server's documents, and the same cut into pieces of 1 and 3 units, so edits meet piece ends in every way. */
const configurations = [openDocuments, documentsCutAt(1), documentsCutAt(3)];

describe('open documents', () => {
  it('read like a fresh vscode-languageserver-textdocument document after any sequence of changes', () => {
    fc.assert(
      fc.property(text, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 8 }), fc.boolean(), fc.constantFrom(...configurations), (initial, steps, readBetween, documents) => {
        let ours = documents.create('file:///a.yml', 'yaml', 1, initial);
        // The reference applies each change to a document made fresh from the text before it, so
        // no line starts are carried over: what is compared is the incremental bookkeeping.
        let reference = initial;
        steps.forEach((changes, i) => {
          ours = documents.update(ours, changes, i + 2);
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
      fc.property(inside, fc.constantFrom(...configurations), ([initial, changes], documents) => {
        let ours = documents.create('file:///a.yml', 'yaml', 1, initial);
        let theirs = TextDocument.create('file:///a.yml', 'yaml', 1, initial);
        changes.forEach((c, i) => {
          // Insertions only: lines only grow, so every range stays inside the document.
          ours = documents.update(ours, [c], i + 2);
          theirs = TextDocument.update(theirs, [c], i + 2);
          assert.deepEqual(observe(ours), observe(theirs));
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('log the single-line edits since a version, which remake the text from the one before', () => {
    // Mostly typing on one line, as a person does, among the other changes.
    const typed = fc
      .record({ line: fc.integer({ min: 0, max: 6 }), from: fc.integer({ min: 0, max: 8 }), to: fc.integer({ min: 0, max: 8 }), text: fc.string({ unit: fc.constantFrom('a', ' ', 'é', '😀'), maxLength: 4 }) })
      .map(({ line, from, to, text }): TextDocumentContentChangeEvent => ({ range: { start: { line, character: from }, end: { line, character: to } }, text }));
    const edit = fc.oneof({ weight: 6, arbitrary: typed }, { weight: 1, arbitrary: change });
    let logged = 0;
    fc.assert(
      fc.property(text, fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { maxLength: 8 }), fc.constantFrom(...configurations), fc.boolean(), (initial, steps, documents, readBetween) => {
        const doc = documents.create('file:///a.yml', 'yaml', 1, initial);
        assert.ok(isEditedDocument(doc));
        let seen = initial;
        let seenVersion = 1;
        // Whether a change since the last read was no edit within one line of the text (a full text,
        // a line break, a range over lines or outside the text): those drop the log.
        let reference = initial;
        let unlogged = false;
        steps.forEach((changes, i) => {
          documents.update(doc, changes, i + 2);
          for (const c of changes) {
            const before = TextDocument.create('file:///a.yml', 'yaml', 1, reference);
            if (!('range' in c) || c.range.start.line !== c.range.end.line || /[\r\n]/.test(c.text) || c.range.start.line < 0 || c.range.start.line >= before.lineCount) unlogged = true;
            reference = TextDocument.update(before, [c], 1).getText();
          }
          if (!readBetween && i < steps.length - 1) return;
          const now = doc.getText();
          assert.equal(doc.length, now.length);
          const edits = doc.takeEditsSince(seenVersion);
          if (edits) {
            let t = seen;
            for (const e of edits) {
              const lineEnd = t.slice(e.lineStart).search(/\r|\n|$/) + e.lineStart;
              assert.ok(e.lineStart === 0 || /[\r\n]/.test(t[e.lineStart - 1]), 'starts a line');
              assert.equal(t.slice(e.lineStart, lineEnd), e.before);
              assert.ok(e.lineStart <= e.start && e.start <= e.end && e.end <= lineEnd);
              assert.ok(!/[\r\n]/.test(e.text));
              t = t.slice(0, e.start) + e.text + t.slice(e.end);
              assert.equal(t.slice(e.lineStart, e.lineStart + e.after.length), e.after);
              logged++;
            }
            assert.equal(t, now);
          } else assert.ok(unlogged, 'only a change that is no single-line edit drops the log');
          unlogged = false;
          seen = now;
          seenVersion = i + 2;
        });
      }),
      { numRuns: 2000 },
    );
    assert.ok(logged > 1000, `edits were logged (${logged})`);
  });

  it('apply a notification of many changes as the changes one by one: in the order VS Code sends (the last first), or any other', () => {
    // More than 64 changes, the number past which they are applied in one pass when each lies before the one ahead.
    const many = fc
      .tuple(fc.array(fc.string({ unit: fc.constantFrom('a', ' ', 'é', '😀'), maxLength: 6 }), { minLength: 70, maxLength: 110 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
      .chain(([lines, eol, last]) => {
        const initial = lines.join(eol) + (last ? eol : '');
        const pos = fc.record({ line: fc.integer({ min: 0, max: lines.length + 1 }), character: fc.integer({ min: 0, max: 8 }) });
        const edit = fc.record({ a: pos, b: pos, text: fc.string({ unit: fc.constantFrom('x', '  ', '\n', '\r\n', '#'), maxLength: 3 }) });
        const cmp = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line - q.line || p.character - q.character;
        return fc.tuple(
          fc.constant(initial),
          fc.array(edit, { minLength: 65, maxLength: 140 }).map((es) => es.map(({ a, b, text }) => ({ range: cmp(a, b) <= 0 ? { start: a, end: b } : { start: b, end: a }, text }))),
          fc.constantFrom('descending', 'indent', 'as drawn'),
        ).map(([initial, es, order]) => {
          if (order === 'as drawn') return [initial, es] as const;
          if (order === 'indent') {
            // One change per line, as Tab over a selection sends it.
            const n = initial.split(/\r?\n/).length;
            return [initial, Array.from({ length: n }, (_, k) => ({ range: { start: { line: n - 1 - k, character: 0 }, end: { line: n - 1 - k, character: 0 } }, text: '  ' }))] as const;
          }
          // Sorted the last first, overlapping ones dropped.
          const sorted = es.slice().sort((x, y) => cmp(y.range.start, x.range.start));
          const kept = sorted.filter((c, i) => i === 0 || cmp(c.range.end, sorted[i - 1].range.start) <= 0);
          return [initial, kept] as const;
        });
      });
    fc.assert(
      fc.property(many, fc.constantFrom(...configurations), ([initial, changes], documents) => {
        const ours = documents.update(documents.create('file:///m.yml', 'yaml', 1, initial), changes, 2);
        let reference = initial;
        for (const c of changes) reference = TextDocument.update(TextDocument.create('file:///m.yml', 'yaml', 1, reference), [c], 1).getText();
        assert.deepEqual(observe(ours), observe(TextDocument.create('file:///m.yml', 'yaml', 2, reference)));
      }),
      { numRuns: 300 },
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

  it('rehearse typing on a copy: the document keeps its text, line starts, version and edit log', () => {
    const text = Array.from({ length: 200 }, (_, i) => `  step-${i}: linux/amd64\r\n`).join('');
    const doc = documentsCutAt(64).create('file:///d.yml', 'yaml', 1, text);
    const at = { line: 5, character: 4 };
    openDocuments.update(doc, [{ range: { start: at, end: at }, text: 'x' }], 2);
    const expected = TextDocument.update(TextDocument.create('file:///d.yml', 'yaml', 1, text), [{ range: { start: at, end: at }, text: 'x' }], 2);
    rehearseTyping(doc, 12);
    assert.equal(doc.getText(), expected.getText());
    assert.equal(doc.version, 2);
    assert.equal(doc.lineCount, expected.lineCount);
    for (const line of [0, 5, 99, 199, 200]) assert.equal(doc.offsetAt({ line, character: 9 }), expected.offsetAt({ line, character: 9 }));
    for (const offset of [0, 100, 1000, text.length]) assert.deepEqual(doc.positionAt(offset), expected.positionAt(offset));
    assert.ok(isEditedDocument(doc));
    assert.deepEqual(
      doc.takeEditsSince(1)?.map((e) => [e.start, e.text]),
      [[expected.offsetAt(at), 'x']],
    );
  });
});
