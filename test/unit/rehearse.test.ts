import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { documentsCutAt } from '../../server/src/features/textDocument';
import { DocumentAnalyses } from '../../server/src/features/documents';
import { parseSettings } from '../../server/src/features/settings';
import { builtinModel } from '../../server/src/model/load';

const { settings } = parseSettings({});
const model = builtinModel();
const uri = 'file:///w/.github/workflows/release.yml';
const job = (i: number, platforms: string) => `  build-${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: ${platforms}\n`;
const workflow = (platforms: (i: number) => string) => `on: push\njobs:\n${Array.from({ length: 60 }, (_, i) => job(i, platforms(i))).join('')}`;

describe('rehearsing the incremental path (DocumentAnalyses.rehearse)', () => {
  it('judges the current version again from the block cache, with the findings of the first scan', () => {
    const analyses = new DocumentAnalyses(() => undefined);
    const doc = TextDocument.create(uri, 'yaml', 1, workflow((i) => (i % 7 === 0 ? 'linux/amd64,linux/arm/v7' : 'linux/amd64,linux/arm64')));
    const first = analyses.findings(doc, model, settings);
    assert.equal(first.length, 9);
    assert.deepEqual(analyses.rehearse(doc, model, settings), first);
    assert.deepEqual(analyses.rehearse(doc, model, settings), first);
  });

  it('leaves the cache right for the next edit, and does nothing for a version it has not scanned', () => {
    const analyses = new DocumentAnalyses(() => undefined);
    const doc = TextDocument.create(uri, 'yaml', 1, workflow(() => 'linux/amd64,linux/arm64'));
    assert.deepEqual(analyses.findings(doc, model, settings), []);
    analyses.rehearse(doc, model, settings);
    const at = doc.getText().indexOf('linux/arm64');
    const edited = TextDocument.update(doc, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + 'linux/arm64'.length) }, text: 'linux/riscv64' }], 2);
    assert.equal(analyses.rehearse(edited, model, settings), undefined, 'version 2 is not scanned yet');
    const after = analyses.findings(edited, model, settings);
    const fresh = new DocumentAnalyses(() => undefined).findings(edited, model, settings);
    assert.deepEqual(after, fresh);
    assert.deepEqual(after.map((f) => f.code), ['unsupported-platform']);
    assert.equal(analyses.rehearse(TextDocument.create('file:///w/other.yml', 'yaml', 1, 'a: 1\n'), model, settings), undefined, 'a document never analysed');
  });

  it('rehearses a keystroke on one line too, and the keystrokes after it are scanned without joining the text', () => {
    const documents = documentsCutAt(512);
    const analyses = new DocumentAnalyses(() => undefined);
    const doc = documents.create(uri, 'yaml', 1, workflow((i) => (i % 7 === 0 ? 'linux/amd64,linux/arm/v7' : 'linux/amd64,linux/arm64')));
    const first = analyses.findings(doc, model, settings);
    assert.deepEqual(analyses.rehearse(doc, model, settings), first);
    // Count the joins of the text from here on.
    let joins = 0;
    const getText = doc.getText.bind(doc);
    doc.getText = (range) => {
      if (!range) joins++;
      return getText(range);
    };
    const lines = getText().split('\n');
    // Publishing places the findings on lines (the line starts are counted once, on the text as opened).
    assert.ok(doc.lineCount > 300);
    joins = 0;
    let version = 1;
    const type = (line: number, text: string) => {
      documents.update(doc, [{ range: { start: { line, character: lines[line].length }, end: { line, character: lines[line].length } }, text }], ++version);
      lines[line] += text;
      return analyses.findings(doc, model, settings);
    };
    const at = lines.findIndex((l) => l.includes('platforms: linux/amd64,linux/arm64'));
    assert.deepEqual(type(at, ',linux/riscv64').map((f) => f.code).sort(), [...first.map((f) => f.code), 'unsupported-platform'].sort(), 'the new finding');
    type(lines.findIndex((l, i) => i > at && l.includes('runs-on:')), ' # x');
    assert.equal(joins, 0, 'typing at the end of lines joined no text');
    const fresh = new DocumentAnalyses(() => undefined).findings(TextDocument.create(uri, 'yaml', 1, lines.join('\n')), model, settings);
    assert.deepEqual(analyses.findings(doc, model, settings), fresh);
    // A line break is no single-line edit: the whole text is scanned, and equals a fresh scan too.
    documents.update(doc, [{ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, text: '\n' }], ++version);
    lines.splice(at, 0, '');
    assert.deepEqual(analyses.findings(doc, model, settings), new DocumentAnalyses(() => undefined).findings(TextDocument.create(uri, 'yaml', 1, lines.join('\n')), model, settings));
    assert.ok(joins > 0, 'a line break joined the text');
  });
});
