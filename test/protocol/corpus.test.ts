import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { corpusCases, expectLine } from '../support/corpus';
import { LspClient, corpusRoot, editorCapabilities, fileUri } from '../support/lspClient';

const cases = corpusCases(corpusRoot);

/** The language id an editor gives a file, by its path. */
function languageIdFor(rel: string): string {
  const p = rel.split('\\').join('/');
  const base = basename(p);
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(p)) return 'github-actions-workflow';
  if (/\.ya?ml$/i.test(base)) return 'yaml';
  if (/^(GNUmakefile|[Mm]akefile)$/.test(base) || /\.mk$/i.test(base)) return 'makefile';
  if (/^(Dockerfile|Containerfile)(\..+)?$/i.test(base)) return 'dockerfile';
  if (/\.(sh|bash|zsh|ksh)$/i.test(base)) return 'shellscript';
  return 'plaintext';
}

function asExpectLines(text: string, diagnostics: Diagnostic[]): string[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (l: number, c: number) => starts[l] + c;
  return diagnostics
    .map((d) => {
      assert.equal(d.source, 'k8s-platforms');
      assert.equal(d.range.start.line, d.range.end.line, 'a platform token is on one line');
      const token = text.slice(offset(d.range.start.line, d.range.start.character), offset(d.range.end.line, d.range.end.character));
      return expectLine(d.range.start.line, d.range.start.character, String(d.code), token);
    })
    .sort((a, b) => {
      const [la, ca] = a.split(' ')[0].split(':').map(Number);
      const [lb, cb] = b.split(' ')[0].split(':').map(Number);
      return la - lb || ca - cb || a.localeCompare(b);
    });
}

describe('every corpus case over LSP gives exactly its .expect', () => {
  it('finds the corpus', () => assert.ok(cases.length >= 10, `only ${cases.length} cases under ${corpusRoot}`));

  describe('pushed diagnostics (publishDiagnostics with the version)', () => {
    let client: LspClient;
    before(async () => (client = await LspClient.start({ capabilities: editorCapabilities({ configuration: true }) })));
    after(async () => client.stop());
    for (const c of cases) {
      it(c.rel, async () => {
        const text = readFileSync(c.file, 'utf8');
        const uri = fileUri(c.file);
        client.open(uri, languageIdFor(c.rel), text, 1);
        const diagnostics = await client.diagnosticsFor(uri, 1);
        assert.deepEqual(asExpectLines(text, diagnostics), c.expected);
        for (const d of diagnostics) {
          assert.ok(d.severity !== undefined && d.severity >= 1 && d.severity <= 4);
          assert.ok(d.data && typeof d.data === 'object', 'diagnostics carry data for their fixes');
        }
        client.close(uri);
      });
    }
  });

  describe('pulled diagnostics (textDocument/diagnostic), client without workspace/configuration', () => {
    let client: LspClient;
    before(async () => (client = await LspClient.start({ capabilities: editorCapabilities({ configuration: false, pull: true, refresh: true }) })));
    after(async () => client.stop());
    it('offers pull diagnostics and does not also push', async () => {
      assert.ok(client.initializeResult.capabilities.diagnosticProvider);
    });
    for (const c of cases) {
      it(c.rel, async () => {
        const text = readFileSync(c.file, 'utf8');
        const uri = fileUri(c.file);
        client.open(uri, languageIdFor(c.rel), text, 1);
        const report = await client.pull(uri);
        assert.equal(report.kind, 'full');
        assert.deepEqual(asExpectLines(text, report.kind === 'full' ? report.items : []), c.expected);
        client.close(uri);
      });
    }
    it('pushed nothing', () => assert.equal(client.published.size, 0));
  });

  describe('CRLF line endings', () => {
    let client: LspClient;
    before(async () => (client = await LspClient.start()));
    after(async () => client.stop());
    for (const c of cases.filter((x) => x.expected.length > 0)) {
      it(`${c.rel} with CRLF gives the same lines and columns`, async () => {
        const text = readFileSync(c.file, 'utf8').replace(/\r?\n/g, '\r\n');
        const uri = `${fileUri(c.file)}?crlf`;
        client.open(uri, languageIdFor(c.rel), text, 1);
        const diagnostics = await client.diagnosticsFor(uri, 1);
        assert.deepEqual(asExpectLines(text.replace(/\r\n/g, '\n'), diagnostics), c.expected);
        client.close(uri);
      });
    }
  });
});
