import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { libraryParsed, readYamlDocuments, readWithLibrary, type YNode, type YDocument } from '../../server/src/scanners/yamlTree';
import { lintText } from '../../server/src/lint';
import { builtinModel } from '../../server/src/model/load';

/** A structural picture of a tree: kinds, keys, scalar styles, values and content offsets. */
function picture(node: YNode | undefined): unknown {
  if (!node) return null;
  if (node.kind === 'scalar' && node.style === 'PLAIN' && node.value === '') return null;
  if (node.kind === 'scalar') {
    const value = node.style === 'BLOCK_LITERAL' || node.style === 'BLOCK_FOLDED' ? '<block>' : node.value;
    return [node.style, value, node.contentStart, node.contentEnd];
  }
  if (node.kind === 'map') return { map: node.items.map((p) => [p.key, picture(p.value)]) };
  return { seq: node.items.map(picture) };
}

function docs(d: YDocument[]): unknown {
  return d.filter((x) => x.root !== undefined || x.broken).map((x) => (x.broken ? 'broken' : picture(x.root)));
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(n) ? [p] : [];
  });
}

const samples: Record<string, string> = {
  nested: 'a:\n  b:\n    - c: 1\n      d: [x, "y", \'z\']\n    -\n      e: f\n  g: |\n    line one\n    line two\nh: >-\n  folded\n',
  'sequence at key indent': 'steps:\n- uses: a\n  with:\n    platforms: linux/amd64\n- run: echo\nnext: 1\n',
  'flow map': 'matrix: {goos: [linux, darwin], goarch: arm64}\n',
  anchors: 'base: &b\n  goos: linux\nother:\n  <<: *b\n  goarch: arm\n',
  'comments and quotes': '# c\nkey: "a: b # not a comment" # comment\nk2: \'it\'\'s\'\n',
  documents: '---\na: 1\n---\nb: [1, 2]\n...\n',
  'crlf': 'a:\r\n  - linux/amd64\r\n  - linux/arm64\r\n',
  'crlf block scalar': 'steps:\r\n  - run: |\r\n      GOARCH=arm go build\r\n    name: b\r\n',
  'empty values': 'a:\nb:\n  c:\nd: ~\n',
  'url keys': 'http://x: 1\nkey: http://example.com/a:b\n',
  // (Read by the fast reader since QA 225 B3: 4,000 of them took the package a second.)
  'aliases in flow collections': 'a: &p linux/amd64\nb: &q.1 [linux/arm64]\nc: {x: *p, y: [*p, *q.1], z: *p}\nd: [ *p , *p]\n',
  'template-only lines (Helm)':
    '{{- if .Values.enabled }}\nspec:\n  containers:\n    {{- if .Values.gateway }}\n    - name: b\n      args: ["--platform=linux/arm/v7"]\n    {{- end }}\n  labels:\n    {{- include "labels" . | nindent 4 }}\n  x: 1\n{{- end }}\n',
};

describe('the fast YAML reader agrees with the yaml package', () => {
  for (const [name, text] of Object.entries(samples)) {
    it(name, () => {
      const fast = readYamlDocuments(text, 0, text.length);
      assert.deepEqual(docs(fast), docs(readWithLibrary(text, 0, text.length)));
    });
  }
  it('reads aliases in flow collections itself, the package not called (QA 225 B3)', () => {
    const text = samples['aliases in flow collections'];
    const before = libraryParsed.units;
    readYamlDocuments(text, 0, text.length);
    assert.equal(libraryParsed.units, before);
  });
  it('reads template-only lines as comments, so a Helm template keeps its structure', () => {
    const text = samples['template-only lines (Helm)'];
    assert.deepEqual(docs(readYamlDocuments(text, 0, text.length)), [
      { map: [['spec', { map: [['containers', { seq: [{ map: [['name', ['PLAIN', 'b', 88, 89]], ['args', { seq: [['QUOTE_DOUBLE', '--platform=linux/arm/v7', 104, 127]] }]] }] }], ['labels', null], ['x', ['PLAIN', '1', 202, 203]]] }]] },
    ]);
  });
  const roots = [resolve(__dirname, '../../../shared/corpus'), resolve(__dirname, '../fixtures/cases')];
  for (const file of roots.flatMap(yamlFiles)) {
    it(file.replace(/^.*\/(corpus|cases)\//, ''), () => {
      const text = readFileSync(file, 'utf8');
      const library = readWithLibrary(text, 0, text.length);
      const read = readYamlDocuments(text, 0, text.length);
      if (library.every((d) => !d.broken && !d.setAside)) assert.deepEqual(docs(read), docs(library));
      else {
        // A broken file (the corpus has some): what is set aside is whole lines (or what follows
        // an item's dash), and no more is broken than the package leaves broken.
        for (const d of read) for (const l of d.setAside ?? []) assert.ok(/^[ \t]*(?:-[ \t]+)?$/.test(text.slice(text.lastIndexOf('\n', l.start - 1) + 1, l.start)) && (l.end === text.length || text[l.end] === '\n' || text[l.end] === '\r'));
        assert.ok(read.filter((d) => d.broken).reduce((n, d) => n + d.end - d.start, 0) <= library.filter((d) => d.broken).reduce((n, d) => n + d.end - d.start, 0));
      }
    });
  }
});

describe('a line that breaks a document on its own is set aside', () => {
  const lines = (d: YDocument[]) => d.map((x) => x.setAside ?? []);
  it('without the yaml package when the line is no YAML even alone (a value typed past its end)', () => {
    const job = 'build:\n  parallel:\n    matrix:\n' + '      - GOOS: [linux]\n        GOARCH: [amd64, arm64]\n'.repeat(50) + '  script: [make]\n';
    const at = job.indexOf('arm64]') + 6;
    // The document starts after a line of its own: offsets are the text's, not the slice's.
    const text = 'x: 1\n' + job.slice(0, at) + 'z' + job.slice(at);
    const before = libraryParsed.units;
    const read = readYamlDocuments(text, 5, text.length);
    const lineStart = text.lastIndexOf('\n', at + 5) + 1;
    assert.deepEqual(lines(read), [[{ start: lineStart, end: text.indexOf('\n', lineStart) }]]);
    assert.ok(libraryParsed.units - before < 40, `the package was given ${libraryParsed.units - before} units, the line alone is 36`);
    assert.equal(read[0].broken, false);
    // What the package finds, set aside and reads: the same line, the same tree.
    assert.deepEqual(lines(readWithLibrary(text, 5, text.length)), lines(read));
    assert.deepEqual(docs(read), docs(readWithLibrary(text, 5, text.length)));
  });
  it('without the yaml package when a list or a quote is left open above a line no deeper', () => {
    const job = 'build:\n  parallel:\n    matrix:\n' + '      - GOOS: [linux]\n        GOARCH: [amd64, arm64]\n        X: "a"\n'.repeat(50);
    for (const [from, to] of [['arm64]', 'arm64'], ['X: "a"', 'X: "a']]) {
      const at = job.indexOf(from, 2000);
      const text = job.slice(0, at) + to + job.slice(at + from.length);
      const before = libraryParsed.units;
      const read = readYamlDocuments(text, 0, text.length);
      const lineStart = text.lastIndexOf('\n', at) + 1;
      assert.deepEqual(lines(read), [[{ start: lineStart, end: text.indexOf('\n', lineStart) }]], to);
      assert.ok(libraryParsed.units - before < 40, to);
    }
    // A list that goes on over deeper lines is valid YAML: nothing is set aside.
    const text = 'a:\n  b: [x,\n    y]\n  c: 1\n';
    assert.deepEqual(lines(readYamlDocuments(text, 0, text.length)), [[]]);
  });
  it("without the yaml package when it is an item's first line: what follows the dash, the item kept", () => {
    const job = 'build:\n  parallel:\n    matrix:\n' + '      - GOOS: linux\n        GOARCH: [amd64, arm]\n'.repeat(50) + '  script: [make]\n';
    const at = job.indexOf('linux', 1000) + 5;
    const removed = (text: string) => lintText(text, 'gitlab-ci', builtinModel(), { requiredTier: 3, severity: {} }).filter((f) => f.code === 'removed-platform').length;
    for (const typed of ['z:', 'z: :', 'z: x: y']) {
      const text = job.slice(0, at) + typed + job.slice(at);
      const before = libraryParsed.units;
      const read = readYamlDocuments(text, 0, text.length);
      const lineStart = text.lastIndexOf('\n', at) + 1;
      assert.deepEqual(lines(read), [[{ start: lineStart + '      - '.length, end: text.indexOf('\n', lineStart) }]], typed);
      assert.ok(libraryParsed.units - before < 40, typed);
      assert.equal(read[0].broken, false);
      // Still 50 entries: the broken one keeps its GOARCH, no other entry takes it.
      const tree = JSON.stringify(docs(read));
      assert.equal(tree.split('"GOARCH"').length - 1, 50, typed);
      assert.equal(tree.split('"GOOS"').length - 1, 49, typed);
      // Every entry's arm is still found, the broken one's too.
      assert.equal(removed(text), 50, typed);
    }
  });
  it('a key with no value typed at the column of a list\'s items, between two, with one parse of the package (QA 154 B4)', () => {
    // It held nothing, but was no leaf: five more parses of the whole job a keystroke, then read as broken.
    const steps = '      - run: GOOS=linux GOARCH=arm go build\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: linux/amd64,linux/arm/v7\n'.repeat(100);
    const job = `jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
    const at = job.indexOf('      - uses', 3000);
    for (const typed of ['ab:', 'ab:  # a comment']) {
      const text = `${job.slice(0, at)}      ${typed}\n${job.slice(at)}`;
      const before = libraryParsed.units;
      const read = readYamlDocuments(text, 0, text.length);
      assert.ok(libraryParsed.units - before <= text.length + 200, `the package was given ${libraryParsed.units - before} units for a text of ${text.length}`);
      assert.deepEqual(lines(read), [[{ start: at, end: at + 6 + typed.length }]], typed);
      assert.equal(read[0].broken, false);
      // Every step is found, as without the line.
      const codes = (t: string) => lintText(t, 'github-workflow', builtinModel(), { requiredTier: 3, severity: {} }).map((f) => f.code).join();
      assert.equal(codes(text), codes(job), typed);
    }
    // A key that holds deeper lines is not set aside for them.
    const holds = 'a:\n  b: 1\nc:\n  - x\n d: 2\n';
    assert.deepEqual(lines(readYamlDocuments(holds, 0, holds.length)).flat().map((l) => holds.slice(l.start, l.end)).includes('c:'), false);
  });
  it('by the yaml package when the line parses alone (a key typed too far right)', () => {
    const text = 'jobs:\n  build:\n    runs-on: x\n     strategy: y\n    steps: []\n';
    const before = libraryParsed.units;
    const read = readYamlDocuments(text, 0, text.length);
    assert.ok(libraryParsed.units - before >= text.length);
    assert.deepEqual(lines(read), lines(readWithLibrary(text, 0, text.length)));
    assert.deepEqual(docs(read), docs(readWithLibrary(text, 0, text.length)));
  });
  it('not at all when the document is valid YAML the fast reader does not take', () => {
    // A plain scalar over two lines: each parses alone, and the whole is valid.
    const text = 'a:\n  description: one\n    two\n  platforms: [linux/amd64]\n';
    const read = readYamlDocuments(text, 0, text.length);
    assert.deepEqual(lines(read), [[]]);
    assert.deepEqual(docs(read), docs(readWithLibrary(text, 0, text.length)));
  });
});
