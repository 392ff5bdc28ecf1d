import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
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
});
