import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { chunkLines, chunkYaml, LONG_LINES, SPLIT_CHARS, splitBrokenChildren, type Chunk } from '../../server/src/scanners/chunks';
import { ChunkCache, judge, lintText, scanEdited, scanText, type FileKind } from '../../server/src/lint';
import { ITEM_CUT, STEPS_APART, stepCut, yamlFileFacts } from '../../server/src/scanners/yaml';
import type { Mention } from '../../server/src/scanners/mention';
import { libraryParsed } from '../../server/src/scanners/yamlTree';
import { builtinModel } from '../../server/src/model/load';
import type { LintSettings } from '../../server/src/rules/finding';
import { documentsCutAt, isEditedDocument } from '../../server/src/features/textDocument';

/**
 * chunkYaml as its rules read, line by line over `split('\n')`: the reference the regex-driven
 * implementation must agree with.
 */
function reference(text: string): Chunk[] {
  const lines: { start: number; text: string }[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    lines.push({ start: at, text: line });
    at += line.length + 1;
  }
  if (text.endsWith('\n')) lines.pop();
  // `]`, `}` and `,` go on a flow collection opened above.
  const isTop = (l: string) => (l.startsWith('---') ? l.length === 3 || /\s/.test(l[3]) : l !== '' && !' \t#-\r]},'.includes(l[0]));
  // A stray: a first word with no colon before two blanks or a tab, or a line with no colon, with
  // an indented line next; not the first line.
  const stray = (index: number) => {
    const l = lines[index].text;
    if (index === 0 || '"\'?%[{&*!|>@`.-'.includes(l[0])) return false;
    const key = /^([^:#\s][^:#]*?)\s*:(\s|$)/.exec(l.slice(0, 200));
    if (key ? !/[ \t]{2}|\t/.test(key[1].replace(/^["']|["']$/g, '')) : !/^[^\s:]+(?:\t|[ ][ \t])/.test(l) && (/^[^\s:]*:/.test(l) || l.includes(':'))) return false;
    const next = lines.slice(index + 1).find((n) => !/^[ \t]*(?:#|\r|$)/.test(n.text));
    return next !== undefined && /^[ \t]/.test(next.text);
  };
  const tops: { index: number; key: string | undefined }[] = [];
  lines.forEach((l, index) => {
    if (!isTop(l.text) || stray(index)) return;
    const m = l.text.startsWith('-') ? null : /^([^:#\s][^:#]*?)\s*:(\s|$)/.exec(l.text.slice(0, 200));
    tops.push({ index, key: m ? m[1].replace(/^["']|["']$/g, '') : undefined });
  });
  const startOf = (index: number) => (index < lines.length ? lines[index].start : text.length);
  if (tops.length === 0 || tops[0].index > 0) tops.unshift({ index: 0, key: undefined });
  const out: Chunk[] = [];
  tops.forEach((top, k) => {
    const endIndex = k + 1 < tops.length ? tops[k + 1].index : lines.length;
    const start = startOf(top.index);
    const end = k + 1 < tops.length ? startOf(endIndex) : text.length;
    let children = top.key !== undefined && !/platforms?$|^goos$|^goarch$|^targets?$|^matrix$|^(?:body|notes|details|changelog|release[-_]notes|annotations)$/i.test(top.key) && (text.slice(start, end).split('\n').length - 1 >= 200 || end - start >= SPLIT_CHARS) ? childrenOf(top.index, endIndex, top.key) : undefined;
    // Kept whole too: a block whose children are an os and an arch or an image and its platform, and a list with an item that is no mapping.
    if (children && children.length >= 2) {
      const own = children.map((c) => text.slice(c.start, text.indexOf('\n', c.start) < 0 ? text.length : text.indexOf('\n', c.start)).replace(/^ +/, ''));
      const keys = new Set(own.map((l) => /^([^:#\s][^:#]*?)\s*:(\s|$)/.exec(l.slice(0, 200))?.[1].replace(/^["']|["']$/g, '')));
      const lower = new Set([...keys].map((k) => k?.toLowerCase()));
      const paired = (lower.has('goos') && lower.has('goarch')) || (keys.has('image') && (keys.has('platform') || keys.has('platforms')));
      const firstItem = own.findIndex((l) => !l.startsWith('-'));
      const items = firstItem < 0 ? own : own.slice(0, firstItem);
      const scalar = items.some((l) => {
        const content = l.slice(1).replace(/^ +/, '');
        return content.startsWith('-') || !/^([^:#\s][^:#]*?)\s*:(\s|$)/.test(content.slice(0, 200));
      });
      if (paired || scalar) children = undefined;
    }
    if (children) out.push({ start, end: children[0].start, path: [] }, ...children.map((c, i) => ({ start: c.start, end: i + 1 < children.length ? children[i + 1].start : end, path: [top.key!] })));
    else out.push({ start, end, path: [] });
  });
  return out;

  function childrenOf(from: number, to: number, key: string): { start: number }[] | undefined {
    const header = lines[from].text;
    if (from + 1 >= to || header.length > 256 || !/:\s*(#.*)?\r?$/.test(header)) return undefined;
    if (/[&*!|>]/.test(header.slice(header.indexOf(':') + 1).replace(/#.*/, ''))) return undefined;
    const colOf = (l: string) => l.length - l.replace(/^ +/, '').length;
    const content = (i: number) => {
      const l = lines[i].text;
      const ch = l[colOf(l)];
      return ch !== undefined && ch !== '#' && ch !== '\r';
    };
    let first = from + 1;
    while (first < to && !content(first)) first++;
    if (first >= to) return undefined;
    const seq = lines[first].text[colOf(lines[first].text)] === '-';
    let starts = startsAt(colOf(lines[first].text));
    if (starts.length < 2) {
      // The first child deeper than the ones after it: the first line shallower than it (but
      // deeper than the key) sets the children's indent, if it starts a child and is no line of a
      // flow collection opened above it.
      const indent = colOf(lines[first].text);
      let i = first + 1;
      while (i < to && !(content(i) && colOf(lines[i].text) < indent && colOf(lines[i].text) > 0)) i++;
      if (i < to) {
        const l = lines[i].text;
        const own = l.slice(colOf(l));
        const item = /^-([ \t\r]|$)/.test(own);
        const between = text.slice(lines[first].start, lines[i].start - 1);
        const open = (between.match(/[[{]/g) ?? []).length - (between.match(/[\]}]/g) ?? []).length;
        if ((seq ? item : !item && /^([^:#\s][^:#]*?)\s*:(\s|$)/.test(own.slice(0, 200))) && open <= 0) starts = startsAt(colOf(l));
      }
    }
    void key;
    return starts.length >= 2 ? starts : undefined;

    function startsAt(indent: number): { start: number }[] {
    const starts: { start: number }[] = [];
    for (let i = from + 1; i < to; i++) {
      const l = lines[i].text;
      const col = l.length - l.replace(/^ +/, '').length;
      const ch = l[col];
      if (ch === undefined || ch === '#' || ch === '\r') continue;
      if (col === indent && (ch === ']' || ch === '}' || ch === ',')) continue;
      // A line at the keys' column that is no key, or a key with a value over an item at that column, starts no child.
      if (col === indent && !seq && ch !== '-') {
        const own = l.slice(col, col + 200);
        if (!/^([^:#\s][^:#]*?)\s*:(\s|$)/.test(own)) continue;
        const value = own.slice(own.indexOf(':') + 1).replace(/(^|\s)#.*$/, '').trim();
        const next = lines.slice(i + 1).find((n) => !/^[ ]*(?:#|\r?$)/.test(n.text));
        if (value !== '' && next && next.text.length - next.text.replace(/^ +/, '').length === indent && next.text.replace(/^ +/, '')[0] === '-') continue;
      }
      // (A line less indented than the children goes on the child above; so does a dash with no space after it, `-x` or `----`.)
      if (col === indent && (seq ? ch === '-' && /^[ \t\r]?$/.test(l[col + 1] ?? '') : ch !== '-')) starts.push({ start: lines[i].start });
    }
    return starts;
    }
  }
}

const indent = fc.constantFrom('', '', ' ', '  ', '  ', '    ', '      ', '\t', '  \t');
const body = fc.constantFrom('key: value', 'env   : 1', 'env\t: x', 'q  x: 1', 'q\tx', 'q', 'qq y', 'C#: 1', 'x:', 'q - run: make', 'list: [', ']', '}', ', b]', 'jobs:', 'build:', '- item', '- name: x', '# comment', '', '---', '--- # doc', '----', '...', '"quoted": 1', "'q': 2", 'platforms: linux/amd64', 'run: |', 'k: &a', 'x:y', '\r', 'a: b\r', '-');
const line = fc.tuple(indent, body).map(([i, b]) => i + b);
/** Documents long enough (over 200 lines in one block) for big blocks to be cut into children. */
const document = fc
  .tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom('jobs:', 'builds:', 'spec:  # c', 'platforms:', 'x: |'), fc.array(fc.tuple(fc.constantFrom('  ', '  - ', '    ', '  child:'), fc.array(line, { maxLength: 8 }), fc.constantFrom('      ', '      ', '      ', '  ')), { minLength: 20, maxLength: 80 }), fc.array(line, { maxLength: 10 }), fc.boolean(), fc.constantFrom('', '', ' ', '  ', '   '))
  .map(([before, header, children, after, finalNewline, slip]) => {
    const rows = [...before, header];
    // (Some children's lines at the children's own column: a list written at its key's column, strays typed there.)
    // (The first child indented deeper by `slip`: spaces typed before it.)
    for (const [lead, rest, deeper] of children) {
      rows.push((rows.length === before.length + 1 ? slip : '') + (lead === '  child:' ? lead : `${lead}child: 1`));
      for (const r of rest) rows.push(r === '' ? '' : `${deeper}${r}`);
      for (let k = 0; k < 4; k++) rows.push(`      filler${k}: x`);
    }
    rows.push(...after);
    return rows.join('\n') + (finalNewline ? '\n' : '');
  });

describe('chunkYaml', () => {
  it('cuts a document as its line-by-line rules say', () => {
    fc.assert(
      fc.property(fc.oneof(document, fc.array(line, { maxLength: 60 }).map((l) => l.join('\n'))), (text) => {
        assert.deepEqual(chunkYaml(text), reference(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('cuts a big jobs: block into its jobs and keeps small blocks whole', () => {
    const jobs = Array.from({ length: 60 }, (_, i) => `  job${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make`).join('\n');
    const text = `name: ci\non: push\njobs:\n${jobs}\n`;
    const chunks = chunkYaml(text);
    assert.deepEqual(
      chunks.slice(0, 4).map((c) => [text.slice(c.start, c.end).split('\n')[0], c.path]),
      [
        ['name: ci', []],
        ['on: push', []],
        ['jobs:', []],
        ['  job0:', ['jobs']],
      ],
    );
    assert.equal(chunks.length, 3 + 60);
    assert.equal(chunks.at(-1)!.end, text.length);
  });

  it('cuts a block of few lines but SPLIT_CHARS characters too: a keystroke in another job does not scan a generated line of thousands of platforms again (QA 236 B4)', () => {
    const line = Array.from({ length: 4000 }, (_, i) => ['linux/amd64', 'linux/arm', 'linux/amd46', 'linux/s390x'][i % 4]).join(',');
    const jobsAt = (list: string) => `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: ${list}\n  other:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n`;
    const text = jobsAt(line);
    assert.ok(text.length > SPLIT_CHARS && text.split('\n').length < 20);
    const chunks = chunkYaml(text);
    assert.deepEqual(
      chunks.map((c) => [text.slice(c.start, c.end).split('\n')[0], c.path]),
      [
        ['on: push', []],
        ['jobs:', []],
        ['  build:', ['jobs']],
        ['  other:', ['jobs']],
      ],
    );
    const MODEL = builtinModel();
    const SETTINGS: LintSettings = { requiredTier: 3, severity: {} };
    const cache = new ChunkCache();
    const kind: FileKind = 'github-workflow';
    const scan = scanText(text, kind, cache);
    const findings = judge(scan, MODEL, SETTINGS).length;
    assert.ok(findings >= 3000, String(findings));
    // A keystroke in the other job scans that job alone, and reads as a fresh scan does.
    const at = text.indexOf('echo hi') + 4;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const now = `${text.slice(0, at)}x${text.slice(at)}`;
    const edited = scanEdited(scan, [{ start: at, end: at, text: 'x', lineStart, before: '      - run: echo hi', after: '      - run: echox hi' }], () => now, cache);
    assert.ok(edited);
    assert.deepEqual(judge(edited, MODEL, SETTINGS), lintText(now, kind, MODEL, SETTINGS));
    // A keystroke that takes the jobs across that size, either way, is scanned with the whole text,
    // which cuts them otherwise than they were.
    const sized = (jobsLength: number) => {
      const fixed = jobsAt('').length - 'on: push\n'.length;
      return jobsAt(line.slice(0, jobsLength - fixed));
    };
    for (const [from, typed] of [[SPLIT_CHARS - 1, 'x'], [SPLIT_CHARS, '']] as const) {
      const before = sized(from);
      assert.equal(before.length - 'on: push\n'.length, from);
      const cutBefore = chunkYaml(before).length;
      const s0 = scanText(before, kind, cache);
      const pos = before.indexOf('echo hi') + 4;
      const after = typed ? `${before.slice(0, pos)}x${before.slice(pos)}` : `${before.slice(0, pos - 1)}${before.slice(pos)}`;
      const ls = before.lastIndexOf('\n', pos) + 1;
      const edit = typed
        ? { start: pos, end: pos, text: 'x', lineStart: ls, before: '      - run: echo hi', after: '      - run: echox hi' }
        : { start: pos - 1, end: pos, text: '', lineStart: ls, before: '      - run: echo hi', after: '      - run: ech hi' };
      assert.notEqual(chunkYaml(after).length, cutBefore);
      assert.equal(scanEdited(s0, [edit], () => after, cache), undefined);
    }
  });

  it('keeps a long env: whole where it sets an os or an arch (its keys pair wherever they sit), and cuts it otherwise or past 16 such keys', () => {
    const env = (keyAt: (i: number) => string | undefined) => `on: push\nenv:\n${Array.from({ length: 300 }, (_, i) => `  ${keyAt(i) ?? `V${i}: x`}`).join('\n')}\njobs: {}\n`;
    const envBlocks = (text: string) => chunkYaml(text).filter((c) => c.path[0] === 'env' || text.startsWith('env:', c.start)).length;
    assert.equal(envBlocks(env((i) => (i === 0 ? 'GOOS: darwin' : i === 299 ? 'targetArch: s390x' : undefined))), 1);
    assert.equal(envBlocks(env(() => undefined)), 301);
    assert.equal(envBlocks(env((i) => (i % 18 === 0 ? 'GOARCH: arm' : undefined))), 301);
    assert.equal(envBlocks(env((i) => (i % 20 === 0 ? 'GOARCH: arm' : undefined))), 1);
  });

  it('still cuts a block with a line less indented than its children: the line goes on the child above', () => {
    // A slip in re-indenting a goreleaser file of 10,000 lines made every keystroke scan it whole (0.5 to 1 s).
    const builds = Array.from({ length: 60 }, (_, i) => `  - id: b${i}\n    env:\n      - CGO_ENABLED=0\n    goarch: [amd64, arm64]`);
    builds.splice(30, 0, ' - CGO_ENABLED=0');
    const text = `version: 2\nbuilds:\n${builds.join('\n')}\n`;
    const chunks = chunkYaml(text);
    assert.equal(chunks.length, 2 + 60);
    const slipped = chunks.find((c) => text.slice(c.start, c.end).includes('\n - CGO_ENABLED=0\n'))!;
    assert.equal(text.slice(slipped.start, slipped.end).split('\n')[0], '  - id: b29');
  });
});

/** Mentions with their lists numbered in order of first use (a block's lists are numbered from a base of its own). */
function lists(mentions: readonly Mention[]): Mention[] {
  const ids = new Map<number, number>();
  return mentions.map((m) => (m.kind === 'whole' && m.listId !== undefined ? { ...m, listId: ids.get(m.listId) ?? (ids.set(m.listId, ids.size), ids.size - 1) } : m));
}

describe('plain YAML: a long list of mappings under a child key cut item by item (Prow jobs, QA 154)', () => {
  const MODEL = builtinModel();
  const SETTINGS: LintSettings = { requiredTier: 3, severity: {} };
  /** One Prow job: its first lines, then `body`, lines at the job's key column (4). */
  const job = (n: number, body: string[] = []) => [`  - name: pull-kubernetes-e2e-${n}`, '    decorate: true', '    spec:', '      containers:', '      - image: gcr.io/k8s-staging-test-infra/kubekins-e2e:v1', ...body].join('\n');
  const prow = (jobs: string[], repo = 'kubernetes/kubernetes', top = 'presubmits') => `${top}:\n  ${repo}:\n${jobs.join('\n')}\n`;
  const ids = Array.from({ length: 50 }, (_, n) => n);
  /** Findings and mentions without the cut: every item of the list in one block, as before. */
  const uncut = <T>(f: () => T): T => {
    const keyApart = ITEM_CUT.keyApart;
    ITEM_CUT.keyApart = () => false;
    try {
      return f();
    } finally {
      ITEM_CUT.keyApart = keyApart;
    }
  };

  it('cuts the one repository of `presubmits:` into its jobs, with the path of both keys', () => {
    const text = prow(ids.map((n) => job(n)));
    const chunks = chunkYaml(text, ITEM_CUT);
    assert.deepEqual(
      chunks.slice(0, 4).map((c) => [text.slice(c.start, c.end).split('\n')[0], c.path]),
      [
        ['presubmits:', []],
        ['  kubernetes/kubernetes:', ['presubmits']],
        ['  - name: pull-kubernetes-e2e-0', ['presubmits', 'kubernetes/kubernetes']],
        ['  - name: pull-kubernetes-e2e-1', ['presubmits', 'kubernetes/kubernetes']],
      ],
    );
    assert.equal(chunks.length, 2 + 50);
    // Without a cut (a CI file's flavour), and for a short list, the repository is one block.
    assert.equal(chunkYaml(text).length, 1);
    assert.equal(chunkYaml(prow(ids.slice(0, 20).map((n) => job(n))), ITEM_CUT).length, 1);
    // A keystroke scans one job again.
    const cache = new ChunkCache();
    const before = new Set(scanText(text, 'yaml', cache).results);
    const at = text.indexOf('e2e-30\n') + 6;
    const after = scanText(`${text.slice(0, at)}x${text.slice(at)}`, 'yaml', cache);
    assert.deepEqual(after.results.filter((r) => !before.has(r)).map((r) => r.body.split('\n')[0]), ['  - name: pull-kubernetes-e2e-30x']);
  });

  it('keeps the cut while an item’s dash is half typed (`-x name:`): that line goes on the item above, the library parses no more than it (QA 225 B2)', () => {
    const text = prow(ids.map((n) => (n === 30 ? job(n).replace('  - name', '  -x name') : job(n))));
    const chunks = chunkYaml(text, ITEM_CUT);
    assert.equal(chunks.length, 2 + 49);
    const above = chunks.find((c) => text.slice(c.start, c.end).startsWith('  - name: pull-kubernetes-e2e-29\n'))!;
    assert.match(text.slice(above.start, above.end), /\n  -x name: pull-kubernetes-e2e-30\n/);
    const before = libraryParsed.units;
    scanText(text, 'yaml');
    assert.ok(libraryParsed.units - before < text.length / 4, `${libraryParsed.units - before} of ${text.length} units parsed by the library`);
  });

  it('keeps the cut while a new item is a dash alone (an empty item being typed), each keystroke after it a two-job scan (QA 226 B5)', () => {
    const text = prow(ids.map((n) => (n === 30 ? `  -\n  # next\n${job(n)}` : job(n))));
    assert.equal(chunkYaml(text, ITEM_CUT).length, 2 + 51);
    // (A dash whose mapping starts on the next line is not cut apart: its keys are not at the items' column.)
    assert.equal(chunkYaml(prow(ids.map((n) => (n === 30 ? job(n).replace('  - name', '  -\n    name') : job(n)))), ITEM_CUT).length, 1);
    const cache = new ChunkCache();
    const before = new Set(scanText(text, 'yaml', cache).results);
    const at = text.indexOf('  -\n') + 3;
    const after = scanText(`${text.slice(0, at)}x${text.slice(at)}`, 'yaml', cache);
    assert.deepEqual(after.results.filter((r) => !before.has(r)).map((r) => r.body.split('\n')[0]), ['  - name: pull-kubernetes-e2e-29']);
  });

  it('keeps the list whole where its items are read together: words, a platform-ish name, an environment or matrix key', () => {
    const cut = (text: string) => chunkYaml(text, ITEM_CUT).length > 2;
    assert.ok(cut(prow(ids.map((n) => job(n)))));
    // `- name: GOARCH` pairs with a sibling item's `- name: GOOS`, at the first line or below it.
    assert.ok(!cut(prow(ids.map((n) => (n === 40 ? '  - name: GOARCH\n    value: arm64' : job(n))))));
    assert.ok(!cut(prow(ids.map((n) => (n === 40 ? '  - value: arm64\n    name: "GOARCH"  # the arch' : job(n))))));
    // However it is written (QA 155: a flow item, a quoted key, an anchor or a tag, the value on the next line).
    for (const item of ['  - {name: GOARCH, value: arm}', '  - {env_var: GOARCH, values: [arm, mips]}', '  - value: arm\n    "name": GOARCH', '  - name: &a GOARCH\n    value: arm', '  - name: !!str GOARCH\n    value: arm', '  - value: arm\n    name:\n      GOARCH', '  - name:\tGOARCH\n    value: arm']) {
      assert.ok(!cut(prow(ids.map((n) => (n === 40 ? item : job(n))))), item);
    }
    // An item that is a word, not a mapping.
    assert.ok(!cut(prow(ids.map((n) => (n === 40 ? '  - --platform=linux/amd64' : job(n))))));
    for (const [repo, top] of [['env', 'presubmits'], ['matrix', 'presubmits'], ['platforms', 'presubmits'], ['steps', 'presubmits'], ['kubernetes/kubernetes', 'env'], ['kubernetes/kubernetes', 'matrix'], ['kubernetes/kubernetes', 'description']]) {
      assert.ok(!cut(prow(ids.map((n) => job(n)), repo, top)), `${top}: ${repo}:`);
    }
    // Items whose keys are not at one column.
    assert.ok(!cut(prow(ids.map((n) => (n === 40 ? job(n).replace('  - name', '  -   name').replace(/\n    /g, '\n      ') : job(n))))));
  });

  it('finds what the whole list finds, whatever the jobs hold', () => {
    const bodies = [
      ['        env:', '        - name: GOOS', '          value: linux', '        - name: GOARCH', '          value: mips'],
      ['        args:', '        - --platform', '        - linux/arm/v7,linux/amd46'],
      ['        command: [make, release, KUBE_BUILD_PLATFORMS=linux/riscv64]'],
      ['    platforms: &plat [linux/amd64, linux/s390x, linux/x86_64]'],
      ['    platforms: *plat'],
      ['    goos: linux', '    goarch: [amd64, arm, mips, arm64, arm64]'],
      ['    annotations:', '      description: builds kubernetes-server-linux-ppc64le.tar.gz for windows/arm'],
      ['    <<: &defaults', '      platform: linux/arm'],
      ['    <<: *defaults'],
      ['      - run: GOOS=darwin GOARCH=386 go build', '    matrix:', '      include:', '        - {goos: linux, goarch: arm}', '        - {goos: linux, goarch: arm}'],
    ];
    /**
     * Lines that break the YAML (a key half typed, a stray at the items' column): the whole list then
     * reads worse than its items apart (its broken parts line by line, a goos lost to its goarch),
     * so only the cut's own scans are compared, fresh and after the keystroke that made them.
     */
    const broken = [['    labels:', '      preset-dind-enabled: "true"', '    la'], ['  q   decorate: true']];
    /** Items named for a platform, which pair with each other: the list is then read whole. */
    const named = [['  - name: GOARCH', '    value: "386"'], ['  - {name: GOOS, value: windows}'], ['  - value: darwin', '    "name": GOOS']];
    const keys = ['kubernetes/kubernetes', 'kubernetes-sigs/kind', 'env', 'steps'];
    const tops = ['presubmits', 'postsubmits', 'matrix'];
    fc.assert(
      fc.property(fc.array(fc.nat(bodies.length * 3 - 1), { minLength: 45, maxLength: 60 }), fc.nat(keys.length - 1), fc.nat(tops.length - 1), fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.tuple(fc.nat(named.length - 1), fc.nat(40)), weight: 1 }), fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.tuple(fc.nat(broken.length - 1), fc.nat(40)), weight: 1 }), (picks, k, t, name, slip) => {
        const jobs = picks.map((p, n) => job(n, bodies[p] ?? []));
        if (name) jobs.splice(name[1], 0, named[name[0]].join('\n'));
        const text = prow(jobs, keys[k], tops[t]);
        // (Cut where nothing keeps the list whole: a test of a cut that is never made could not fail.)
        assert.equal(chunkYaml(text, ITEM_CUT).length > 3, !name && k < 2 && t < 2);
        if (slip) {
          const job = jobs[slip[1]];
          const slipped = prow(jobs.map((j) => (j === job ? `${j}\n${broken[slip[0]].join('\n')}` : j)), keys[k], tops[t]);
          const cache = new ChunkCache();
          scanText(text, 'yaml', cache);
          assert.deepEqual(judge(scanText(slipped, 'yaml', cache), MODEL, SETTINGS), lintText(slipped, 'yaml', MODEL, SETTINGS));
          return;
        }
        assert.deepEqual(lintText(text, 'yaml', MODEL, SETTINGS), uncut(() => lintText(text, 'yaml', MODEL, SETTINGS)));
        assert.deepEqual(lists(scanText(text, 'yaml').mentions), uncut(() => lists(scanText(text, 'yaml').mentions)));
      }),
      { numRuns: 60 },
    );
  });
});

describe('a workflow\'s long job cut at its steps, each read with what the whole job gives it (QA 154 B4)', () => {
  const MODEL = builtinModel();
  const SETTINGS: LintSettings = { requiredTier: 3, severity: {} };
  const whole = <T>(f: () => T): T => {
    STEPS_APART.enabled = false;
    try {
      return f();
    } finally {
      STEPS_APART.enabled = true;
    }
  };
  const steps = [
    ['      - run: GOOS=linux GOARCH=${{ matrix.arch }} go build ./cmd/x'],
    ['      - run: docker buildx build --platform linux/${{ matrix.board }} .'],
    ['      - run: make PLATFORM=${{ matrix.target }}'],
    ['      - uses: docker/build-push-action@v6', '        with:', '          platforms: linux/amd64,linux/arm/v7,linux/amd64'],
    ['      - name: fetch', '        run: curl -LO $K8S_URL/v1.31.0/bin/linux/arm/kubectl'],
    ['      - run: curl -LO https://dl.k8s.io/release/v1.31.0/bin/windows/arm64/kubectl.exe'],
    ['      - name: cross', '        env:', '          GOOS: darwin', '        run: GOARCH=386 go build'],
    ['      - name: GOARCH', '        run: echo arm'],
    ['      - run: echo ${{ matrix.os }}-${{ matrix.arch }}'],
    ['      - run: |', '          for p in linux/s390x linux/riscv64; do', '            echo $p', '          done'],
    ['      - run: echo done'],
    ['      - run: sha256sum *.tar.gz && echo ok &>/dev/null'],
  ];
  const head = (env: string, tail: string) => [
    'name: ci',
    'on: push',
    ...(env ? ['env:', `  ${env}`] : []),
    'jobs:',
    '  small:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - run: GOOS=linux GOARCH=arm go build',
    '  build:',
    '    runs-on: ${{ matrix.os }}',
    '    strategy:',
    '      matrix:',
    '        os: [ubuntu-latest]',
    '        arch: [amd64, arm64, mips, s390x]',
    '        board: [amd64, arm64, riscv64]',
    '        target: [linux-amd64, linux-arm, windows-386]',
    '        exclude:',
    '          - arch: mips',
    ...(tail === 'jobenv' ? ['    env:', '      K8S_URL: https://dl.k8s.io/release'] : tail === 'jobgoos' ? ['    env:', '      GOOS: windows'] : []),
    '    steps:',
  ];
  const workflow = (picks: number[], env: string, tail: string) => [...head(env, tail), ...picks.flatMap((p) => steps[p % steps.length]), ...(tail === 'after' ? ['    outputs:', '      x: ${{ matrix.arch }}'] : tail === 'anchor' ? ['    container: &c {image: alpine}'] : [])].join('\n') + '\n';

  /** 120 steps of every kind but the one named GOARCH (which pairs with a sibling step named GOOS: no cut). */
  const ALL = Array.from({ length: 120 }, (_, n) => (n % steps.length === 7 ? 10 : n));

  it('cuts a long job at its steps, with the first part at `jobs:` and the steps under both keys', () => {
    const text = workflow(ALL, '', 'jobenv');
    const chunks = chunkYaml(text, undefined, stepCut(yamlFileFacts(text, 'github-workflow')));
    const build = chunks.findIndex((c) => text.startsWith('  build:', c.start));
    assert.deepEqual(chunks[build].path, ['jobs']);
    assert.ok(chunks[build].job);
    assert.deepEqual(chunks[build + 1].path, ['jobs', 'build', 'steps']);
    assert.equal(chunks.length - build, 1 + 120);
    // Not where a step pairs with the job's environment, a key follows the steps, or anchors are used; nor a short job.
    assert.ok(!chunkYaml(workflow([...ALL, 7], '', ''), undefined, stepCut(undefined)).some((c) => c.job), 'a step named GOARCH');
    for (const tail of ['jobgoos', 'after', 'anchor']) {
      const other = workflow(ALL, '', tail);
      assert.ok(!chunkYaml(other, undefined, stepCut(yamlFileFacts(other, 'github-workflow'))).some((c) => c.job), tail);
    }
    // (A command's glob or redirection is no alias or anchor.)
    assert.ok(chunkYaml(text, undefined, stepCut(yamlFileFacts(text, 'github-workflow'))).some((c) => text.startsWith('      - run: sha256sum', c.start) && c.job));
    const short = workflow(Array.from({ length: 30 }, (_, n) => n), '', '');
    assert.ok(!chunkYaml(short, undefined, stepCut(yamlFileFacts(short, 'github-workflow'))).some((c) => c.job));
  });

  it('finds what the whole job finds, whatever its steps hold', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(steps.length - 1), { minLength: 200, maxLength: 240 }), fc.constantFrom('', 'K8S_URL: https://dl.k8s.io/release', 'GOARCH: arm64'), fc.constantFrom('', 'jobenv', 'jobgoos', 'after'), (picks, env, tail) => {
        const text = workflow(picks.map((p) => (p === 7 ? 10 : p)), env, tail);
        // (Cut, unless the job's environment sets GOARCH or a key follows its steps.)
        assert.equal(chunkYaml(text, undefined, stepCut(yamlFileFacts(text, 'github-workflow'))).some((c) => c.job), tail === '' || tail === 'jobenv');
        assert.deepEqual(lintText(text, 'github-workflow', MODEL, SETTINGS), whole(() => lintText(text, 'github-workflow', MODEL, SETTINGS)));
        assert.deepEqual(lists(scanText(text, 'github-workflow').mentions), whole(() => lists(scanText(text, 'github-workflow').mentions)));
      }),
      { numRuns: 60 },
    );
  });

  it('reads a matrix of Go-named os and arch axes, cut or whole, and again when the step that uses them stops (QA 245, QA 246)', () => {
    const job = (use: string) =>
      ['name: ci', 'on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    strategy:', '      matrix:', '        os: [linux, freebsd]', '        arch: [amd64, arm]', '    steps:', `      - run: ${use}`, ...Array.from({ length: 220 }, (_, i) => `      - run: echo step ${i}`)].join('\n') + '\n';
    const removed = (text: string) => lintText(text, 'github-workflow', MODEL, SETTINGS).filter((f) => f.code === 'removed-platform').map((f) => text.slice(f.start, f.end));
    const text = job('make release OS=${{ matrix.os }} ARCH=${{ matrix.arch }}');
    assert.ok(chunkYaml(text, undefined, stepCut(yamlFileFacts(text, 'github-workflow'))).some((c) => c.job), 'cut at its steps');
    assert.deepEqual(removed(text), ['arm']);
    assert.deepEqual(lintText(text, 'github-workflow', MODEL, SETTINGS), whole(() => lintText(text, 'github-workflow', MODEL, SETTINGS)));
    // The step now only downloads another project's asset: no platform of the job's, in the blocks kept from before too.
    const next = job('curl -LO https://example.com/x-${{ matrix.os }}-${{ matrix.arch }}.tar.gz');
    const cache = new ChunkCache();
    scanText(text, 'github-workflow', cache);
    assert.deepEqual(judge(scanText(next, 'github-workflow', cache), MODEL, SETTINGS), lintText(next, 'github-workflow', MODEL, SETTINGS));
    assert.deepEqual(removed(next), []);
    assert.deepEqual(whole(() => removed(next)), []);
  });

  it('scans again the step a keystroke is in, and every block of the job when the keystroke changes what the job gives them', () => {
    const text = workflow(ALL, '', 'jobenv');
    const rescanned = (next: string): number => {
      const cache = new ChunkCache();
      const before = new Set(scanText(text, 'github-workflow', cache).results);
      const after = scanText(next, 'github-workflow', cache);
      assert.deepEqual(judge(after, MODEL, SETTINGS), lintText(next, 'github-workflow', MODEL, SETTINGS));
      return after.results.filter((r) => !before.has(r)).length;
    };
    const at = text.indexOf('echo done') + 4;
    assert.equal(rescanned(`${text.slice(0, at)}x${text.slice(at)}`), 1);
    // A keystroke in the job's first part (a matrix value) moves the tokens the roles hold, not what the steps read of them (QA 155: every step again).
    const arch = text.indexOf('arch: [amd64') + 'arch: [amd'.length;
    assert.equal(rescanned(`${text.slice(0, arch)}x${text.slice(arch)}`), 1);
    // Before the token of the os the matrix arch is built for (`GOOS=linux GOARCH=${{ matrix.arch }}` in a step):
    // that step, and the first part, which pairs the os with the arch axis.
    const first = text.indexOf('GOOS=linux GOARCH=${{ matrix.arch }}');
    assert.equal(rescanned(`${text.slice(0, first)} ${text.slice(first)}`), 2);
    // `matrix.board` no longer a platform (the only step that used it so now echoes it): the job's first part and its steps again.
    const board = text.indexOf('--platform linux/${{ matrix.board }}');
    assert.ok(rescanned(`${text.slice(0, board)}${text.slice(board + '--platform '.length)}`) > 100);
    // The job's download URL changed: its steps again.
    const url = text.indexOf('https://dl.k8s.io/release\n');
    assert.ok(rescanned(`${text.slice(0, url)}https://example.com/release\n${text.slice(url + 'https://dl.k8s.io/release\n'.length)}`) > 100);
  });
});

describe('splitBrokenChildren: a broken block cut where a line is indented wrong', () => {
  const cut = (text: string) => splitBrokenChildren(text, 0, text.length, 'build')!.slice(1).map((c) => text.slice(c.start, c.end).split('\n')[0].trim());
  it('a first child indented deeper than its siblings is a child of its own', () => {
    assert.deepEqual(cut('build:\n   runs-on: x\n  strategy:\n    matrix:\n      goarch: [arm]\n  steps:\n    - run: make\n'), ['runs-on: x', 'strategy:', 'steps:']);
  });
  it('a line deeper than a child but not as deep as its content is its sibling', () => {
    assert.deepEqual(cut('build:\n  strategy:\n    matrix:\n      goarch: [arm]\n   steps:\n    - run: make\n'), ['strategy:', 'steps:']);
  });
  it('keeps content, flow lines and comments with their child', () => {
    assert.deepEqual(cut('build:\n  env: [a,\n b]\n  run: |\n    x\n# c\n      y\n  next: 1\n'), ['env: [a,', 'run: |', 'next: 1']);
  });
});

describe('chunkYaml and flow collections', () => {
  it('keeps a flow collection that spans lines in one block: its closing bracket starts none', () => {
    const text = 'defaultBaseImage: distroless\ndefaultPlatforms: [\n  linux/amd64, linux/aarch64,\n  linux/arm64\n]\nbuilds:\n  - id: a\n';
    assert.deepEqual(
      chunkYaml(text).map((c) => text.slice(c.start, c.end).split('\n')[0]),
      ['defaultBaseImage: distroless', 'defaultPlatforms: [', 'builds:'],
    );
    const scan = scanText(text, 'yaml');
    const findings = scan.results.flatMap((r, i) => r.mentions.map((m) => (m.kind === 'whole' ? text.slice(m.token.start + scan.starts[i], m.token.end + scan.starts[i]) : m.kind)));
    assert.deepEqual(findings, ['linux/amd64', 'linux/aarch64', 'linux/arm64']);
  });
});

describe('the block cache', () => {
  const job = (n: number) => `  job-${n}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: GOOS=linux GOARCH=arm64 go build ./cmd/${n}\n`;
  const workflow = (order: number[]) => `name: ci\non: push\njobs:\n${order.map(job).join('')}`;
  const ids = Array.from({ length: 60 }, (_, n) => n);
  /** Which blocks of `next` were scanned again after `first` (a result not kept from before). */
  const rescanned = (first: string, next: string): string[] => {
    const cache = new ChunkCache();
    const before = new Set(scanText(first, 'github-workflow', cache).results);
    const after = scanText(next, 'github-workflow', cache);
    return after.starts.filter((_, i) => !before.has(after.results[i])).map((start) => next.slice(start, next.indexOf('\n', start)).trim());
  };

  it('scans again only the block a keystroke changed, before and after it', () => {
    const text = workflow(ids);
    const at = text.indexOf('cmd/30') + 4;
    assert.deepEqual(rescanned(text, `${text.slice(0, at)}x${text.slice(at)}`), ['job-30:']);
  });

  it('finds blocks that moved (jobs swapped, a job cut and pasted, all reversed)', () => {
    const swapped = [...ids];
    [swapped[5], swapped[50]] = [swapped[50], swapped[5]];
    // The blocks between keep their place in the order, though not their offsets.
    assert.deepEqual(rescanned(workflow(ids), workflow(swapped)), ['job-50:', 'job-5:']);
    // A map by text is made from the third block missing on: two are scanned again, not 52 or 60.
    const moved = ids.filter((n) => n !== 7).concat([7]);
    assert.deepEqual(rescanned(workflow(ids), workflow(moved)), ['job-8:', 'job-9:']);
    assert.deepEqual(rescanned(workflow(ids), workflow([...ids].reverse())), ['job-59:', 'job-58:']);
  });

  it('scans again only the job a character typed before an indent is in (a line that breaks the YAML)', () => {
    // Taken as a top-level line, it made a block of every job below it: 70 to 370 ms a keystroke at 1,900 lines.
    const text = workflow(ids);
    for (const line of ['      - run: GOOS=linux GOARCH=arm64 go build ./cmd/30', '    steps:\n      - run: GOOS=linux GOARCH=arm64 go build ./cmd/30']) {
      const at = text.indexOf(line);
      const typed = `${text.slice(0, at)}q${text.slice(at)}`;
      assert.deepEqual(rescanned(text, typed), ['job-30:']);
      const cache = new ChunkCache();
      scanText(text, 'github-workflow', cache);
      assert.deepEqual(scanText(typed, 'github-workflow', cache).mentions, scanText(typed, 'github-workflow').mentions);
    }
    // On a blank line between two steps.
    const blank = text.replace('./cmd/30\n', './cmd/30\nq\n');
    assert.deepEqual(rescanned(text.replace('./cmd/30\n', './cmd/30\n\n'), blank), ['job-30:']);
  });

  it('gives the findings of a fresh scan after the blocks move', () => {
    const cache = new ChunkCache();
    scanText(workflow(ids), 'github-workflow', cache);
    const reversed = workflow([...ids].reverse());
    assert.deepEqual(scanText(reversed, 'github-workflow', cache).mentions, scanText(reversed, 'github-workflow').mentions);
  });
});

describe('chunkLines: Dockerfiles', () => {
  const stage = (n: number) => [`FROM --platform=linux/amd64 alpine:3.20 AS s${n}`, ...Array.from({ length: 12 }, (_, k) => `RUN GOOS=linux GOARCH=arm64 go build ./cmd/${n}-${k} \\`.replace(/ \\$/, k % 3 ? ' \\' : '')), 'RUN true'];
  it('starts a block at a stage written without a blank line before it, once a block has 40 lines', () => {
    const text = Array.from({ length: 12 }, (_, n) => stage(n).join('\n')).join('\n') + '\n';
    const firsts = chunkLines(text, 'dockerfile').map((c) => text.slice(c.start, text.indexOf('\n', c.start)));
    assert.ok(firsts.length >= 3, `${firsts.length} blocks`);
    for (const f of firsts) assert.match(f, /^FROM /);
  });
  it('never inside a continued instruction or a here-document', () => {
    const lines: string[] = [];
    for (let n = 0; n < 12; n++) lines.push(...stage(n), 'RUN <<EOF', 'FROM inside a heredoc', 'EOF', 'RUN echo \\', 'FROM continued');
    const text = lines.join('\n');
    const firsts = chunkLines(text, 'dockerfile').map((c) => text.slice(c.start, text.indexOf('\n', c.start)));
    assert.ok(firsts.length >= 3);
    for (const f of firsts) assert.match(f, /^FROM --platform/);
  });
});

describe('chunkLines: a long run of lines without a blank line (QA 236 B2)', () => {
  const MODEL = builtinModel();
  const SETTINGS: LintSettings = { requiredTier: 3, severity: {} };
  const uncut = <T>(f: () => T): T => {
    const was = LONG_LINES.value;
    LONG_LINES.value = Number.MAX_SAFE_INTEGER;
    try {
      return f();
    } finally {
      LONG_LINES.value = was;
    }
  };
  /** Pieces of a dense script: commands, bodies not indented, here-documents, continued lines, exports read far below. */
  const SHELL = [
    ['GOOS=linux GOARCH=arm64 go build ./cmd/a'],
    ['export GOOS=windows'],
    ['export GOARCH=arm'],
    ['go build -o out/x ./cmd/x'],
    ['if [ -n "$CI" ]; then', 'GOARCH=mips go build ./cmd/b', 'fi'],
    ['build() {', 'GOOS=$1 GOARCH=$2 go build ./cmd/c', '}'],
    ['build linux s390x'],
    ['for p in linux/amd64 linux/arm/v7; do', 'docker buildx build --platform "$p" .', 'done'],
    ['case "$(uname -m)" in', 'x86_64) ARCH=amd64 ;;', 'armv7l) ARCH=arm ;;', 'esac'],
    ['curl -LO "https://dl.k8s.io/release/v1.31.0/bin/linux/${ARCH}/kubectl"'],
    ['cat <<EOF > platforms.txt', 'linux/riscv64', 'GOARCH=arm', 'EOF'],
    ['docker buildx build \\', '--platform linux/amd64,linux/ppc64le \\', '-t img .'],
    ['PLATFORMS="linux/amd64 linux/arm64 linux/arm64"'],
    ['echo "${PLATFORMS}" | tr " " "\\n" |', 'sort'],
    ['unset GOARCH'],
    ['echo done'],
    // (What stays open over lines: a string, an array, a command substitution, backticks; QA 239 B7.)
    ['MSG="multi', 'line GOARCH=arm string', 'end"'],
    ["NOTE='export GOOS=windows", "it'"],
    ['PLATFORMS=(', 'linux/amd64', 'linux/amd46', 'linux/amd64', ')'],
    ['X=$(', 'echo a', 'export GOOS=windows', ')'],
    ['Y=`', 'echo b', '`'],
    ['docker buildx build --platform "linux/amd64,', 'linux/amd64,', 'linux/s390x" .'],
    // (Quotes that nest or escape: `$'…\'…'`, a string in a command in a string; QA 240 B1.)
    ["echo $'it\\'s", "GOARCH=arm'"],
    ['V="$(echo "a', 'GOOS=windows b")"'],
    // (Go's variables set for one command only, or kept: `env`, `export` after them, a `;`; QA 272 B2.)
    ['GOOS=darwin GOARCH=arm64 go build -o out/darwin-arm64 ./cmd/d'],
    ['GOOS=linux GOARCH=$ARCH CGO_ENABLED=0 make build'],
    ['env GOOS=windows go build ./cmd/e'],
    ['GOARCH=arm go vet; export GOOS=freebsd'],
    ['CGO_ENABLED=0 export GOARCH=s390x'],
  ];
  const MAKE = [
    ['PLATFORMS ?= linux/amd64 linux/arm64'],
    ['GOOS ?= linux'],
    ['build-%:', '\tGOARCH=$* go build ./cmd/x'],
    ['ifeq ($(GOARCH),arm)', 'GOARM ?= 7', 'endif'],
    ['release:', '\tfor p in $(PLATFORMS); do docker buildx build --platform $$p .; done'],
    ['define BUILD', 'GOOS=darwin GOARCH=386 go build', 'endef'],
    ['ARCHES = amd64 \\', '  arm64 s390x'],
    ['.PHONY: all'],
    // (GOOS and GOARCH set far apart pair: a Makefile is not cut where it has no blank line; QA 239 B6.)
    ['GOARCH ?= ppc64le'],
    ['GOOS := darwin'],
  ];
  const script = (pieces: string[][], picks: number[]) => picks.flatMap((p) => pieces[p % pieces.length]).join('\n') + '\n';

  it('cuts a dense script at lines in column 0, never after one that opens a body or continues, nor in a here-document', () => {
    const text = script(SHELL, Array.from({ length: 400 }, (_, n) => n));
    const chunks = chunkLines(text, 'shell');
    assert.ok(chunks.length >= 8, `${chunks.length} blocks`);
    for (const c of chunks.slice(1)) {
      const before = text.slice(text.lastIndexOf('\n', c.start - 2) + 1, c.start - 1);
      assert.doesNotMatch(before, /(then|do|in|\{|\\|\|)$|<<EOF/, `cut after ${JSON.stringify(before)}`);
      assert.doesNotMatch(text.slice(c.start, c.start + 12), /^(linux\/riscv64|GOARCH=arm\n|EOF|--platform|sort|\}|fi|done|esac)/);
      assert.ok(c.end - c.start < 4000);
    }
  });

  it('finds what the whole run finds, whatever the script or Makefile holds', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(95), { minLength: 150, maxLength: 260 }), fc.boolean(), (picks, make) => {
        const [pieces, kind] = make ? [MAKE, 'makefile' as const] : [SHELL, 'shell' as const];
        const text = script(pieces, picks);
        const [cut, whole] = [chunkLines(text, kind).length, uncut(() => chunkLines(text, kind).length)];
        assert.ok(make ? cut === whole : cut > whole, `${cut} blocks, ${whole} uncut`);
        assert.deepEqual(lintText(text, kind, MODEL, SETTINGS), uncut(() => lintText(text, kind, MODEL, SETTINGS)));
      }),
      { numRuns: 60 },
    );
  });

  it('cuts a script of thousands of `GOOS=… GOARCH=… go build` lines: those assignments are their command\'s own (QA 272 B2)', () => {
    const text = Array.from({ length: 2000 }, (_, n) => `GOOS=${['linux', 'darwin', 'windows'][n % 3]} GOARCH=${['amd64', 'arm64', 'arm'][n % 3]} go build -o out/${n} ./cmd`).join('\n') + '\n';
    const chunks = chunkLines(text, 'shell');
    assert.ok(chunks.length >= 15, `${chunks.length} blocks`);
    assert.deepEqual(lintText(text, 'shell', MODEL, SETTINGS), uncut(() => lintText(text, 'shell', MODEL, SETTINGS)));
    // (Where the line keeps them for the commands after it, no cut after it.)
    for (const kept of ['export GOOS=windows', 'GOARCH=arm go vet; export GOOS=freebsd', 'env GOOS=windows go build', 'GOOS=linux GOARCH=arm']) {
      const dense = Array.from({ length: 300 }, () => kept).join('\n') + '\n';
      assert.equal(chunkLines(dense, 'shell').length, 1, kept);
    }
  });

  it('a keystroke in a 4,000-line script without blank lines scans one block of it again, not the whole', () => {
    const text = script(SHELL, Array.from({ length: 1400 }, (_, n) => n));
    const cache = new ChunkCache();
    const before = new Set(scanText(text, 'shell', cache).results);
    const at = text.indexOf('echo done', text.length / 2) + 4;
    const next = `${text.slice(0, at)}x${text.slice(at)}`;
    const after = scanText(next, 'shell', cache);
    assert.deepEqual(judge(after, MODEL, SETTINGS), lintText(next, 'shell', MODEL, SETTINGS));
    const again = after.results.filter((r) => !before.has(r));
    assert.equal(again.length, 1);
    assert.ok(again[0].body.split('\n').length < 200, `${again[0].body.split('\n').length} lines`);
  });
});

describe('stray lines and keystrokes on them', () => {
  const jobs = Array.from({ length: 30 }, (_, i) => `  job${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make x${i}\n      - run: echo ok\n      - run: make test\n`).join('');
  const workflow = (envLine: string) => `name: ci\non: [push]\njobs:\n${jobs}${envLine}\n  GOOS: darwin\n  GOARCH: s390x\n  PLATFORMS: linux/arm/v7,linux/riscv64\n`;
  const MODEL = builtinModel();
  const SETTINGS: LintSettings = { requiredTier: 3, severity: {} };
  const codes = (text: string) => lintText(text, 'github-workflow', MODEL, SETTINGS).map((f) => f.code);

  it('an aligned top-level key (env   :) after a big jobs: block is a key, not a stray (QA 92)', () => {
    const expected = codes(workflow('env:'));
    assert.equal(expected.length, 3);
    assert.deepEqual(codes(workflow('env   :')), expected);
    assert.deepEqual(codes(workflow('env\t:')), expected);
  });

  it('a colon deleted and typed again on a line at column 0 is scanned as a fresh scan would (QA 92: the block stayed folded)', () => {
    const documents = documentsCutAt(8);
    const text = workflow('env:');
    const doc = documents.create('file:///w/.github/workflows/ci.yml', 'github-workflow', 1, text);
    assert.ok(isEditedDocument(doc));
    const cache = new ChunkCache();
    let scan = scanText(text, 'github-workflow', cache);
    doc.takeEditsSince(1);
    const line = text.split('\n').indexOf('env:');
    const steps = [
      { range: { start: { line, character: 3 }, end: { line, character: 4 } }, text: '' },
      { range: { start: { line, character: 3 }, end: { line, character: 3 } }, text: ':' },
      { range: { start: { line, character: 3 }, end: { line, character: 3 } }, text: '  ' },
      { range: { start: { line, character: 1 }, end: { line, character: 1 } }, text: '  ' },
      { range: { start: { line, character: 1 }, end: { line, character: 3 } }, text: '' },
    ];
    let version = 1;
    for (const change of steps) {
      documents.update(doc, [change], ++version);
      const edits = doc.takeEditsSince(version - 1);
      const now = doc.getText();
      scan = (edits ? scanEdited(scan, edits, () => now, cache) : undefined) ?? scanText(now, 'github-workflow', cache);
      assert.deepEqual(judge(scan, MODEL, SETTINGS), lintText(now, 'github-workflow', MODEL, SETTINGS), JSON.stringify(now.split('\n')[line]));
    }
  });
});

describe('a keystroke on a top-level key line (QA 236 B5)', () => {
  const MODEL = builtinModel();
  const SETTINGS: LintSettings = { requiredTier: 3, severity: {} };
  /** Types `typed` at `character` of the line `line` of `text`, as an editor sends it; returns whether the edited blocks alone were scanned. */
  const type = (kind: FileKind, text: string, steps: { line: number; character: number; typed: string }[], kindKept = (_: string) => false) => {
    const documents = documentsCutAt(8);
    const doc = documents.create(kind === 'github-workflow' ? 'file:///w/.github/workflows/ci.yml' : 'file:///w/m.yaml', kind, 1, text);
    assert.ok(isEditedDocument(doc));
    const cache = new ChunkCache();
    let scan = scanText(text, kind, cache);
    doc.takeEditsSince(1);
    let version = 1;
    const alone: boolean[] = [];
    for (const { line, character, typed } of steps) {
      documents.update(doc, [{ range: { start: { line, character }, end: { line, character } }, text: typed }], ++version);
      const edits = doc.takeEditsSince(version - 1);
      const now = doc.getText();
      const edited = edits ? scanEdited(scan, edits, () => now, cache, undefined, kindKept(now)) : undefined;
      alone.push(edited !== undefined);
      scan = edited ?? scanText(now, kind, cache);
      const fresh = scanText(now, kind);
      assert.deepEqual(scan.starts, fresh.starts, JSON.stringify(now.split('\n')[line]));
      assert.deepEqual(judge(scan, MODEL, SETTINGS), lintText(now, kind, MODEL, SETTINGS), JSON.stringify(now.split('\n')[line]));
    }
    return alone;
  };
  const doc = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  platform: linux/${['amd64', 'arm', 's390x'][i % 3]}\n`;
  const stream = Array.from({ length: 60 }, (_, i) => doc(i)).join('---\n');

  it('in a stream of manifests: the block of that key again, where its value or its name changes', () => {
    const kindLine = stream.split('\n').indexOf('kind: ConfigMap', 20);
    const alone = type('yaml', stream, [
      { line: kindLine, character: 10, typed: 'x' },
      { line: kindLine, character: 4, typed: 'y' },
      { line: kindLine + 2, character: 8, typed: 'z' },
    ]);
    assert.deepEqual(alone, [true, true, true]);
  });

  it('the text scanned whole where the key decides how blocks are cut or what every block reads, and where the kind of file may change', () => {
    const keyLine = stream.split('\n').indexOf('data:', 30);
    // A key renamed (`dat:` to `data:`) that no block is cut or read by: that block alone.
    const renamed = type('yaml', stream.replace(/^data:/gm, 'dat:'), [{ line: keyLine, character: 3, typed: 'a' }]);
    assert.deepEqual(renamed, [true]);
    const workflow = ['name: ci', 'on: push', 'env:', '  GOOS: linux', 'concurrency:', '  group: ci', 'job:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - run: GOARCH=arm go build', ''].join('\n');
    const lines = workflow.split('\n');
    // `envx:` is no environment (the jobs build with no GOOS then), `job:` becomes `jobs:` (cut at its steps).
    assert.deepEqual(type('github-workflow', workflow, [{ line: lines.indexOf('env:'), character: 3, typed: 'x' }]), [false]);
    assert.deepEqual(type('github-workflow', workflow, [{ line: lines.indexOf('job:'), character: 3, typed: 's' }]), [false]);
    assert.deepEqual(type('github-workflow', workflow, [{ line: lines.indexOf('concurrency:'), character: 5, typed: 'q' }]), [true]);
    // The file's first line: only where the caller has seen that the kind stays.
    assert.deepEqual(type('github-workflow', workflow, [{ line: 0, character: 4, typed: 'x' }]), [false]);
    assert.deepEqual(type('github-workflow', workflow, [{ line: 0, character: 4, typed: 'x' }], () => true), [true]);
    // A block of 200 lines or more, blank ones too, is cut or kept whole by its key (QA 239 B8).
    const trailing = `name: x\ndocker_platforms:\n  - linux/amd64\n  - linux/amd64\n  - linux/amd46\n${'\n'.repeat(200)}`;
    assert.deepEqual(type('yaml', trailing, [{ line: 1, character: 15, typed: 'z' }]), [false]);
    // A key typed to become `image` beside a `platform` key: the document is read as one block.
    const pulled = 'imag: alpine\nplatform: linux/arm\nother: 1\n';
    assert.deepEqual(type('yaml', pulled, [{ line: 0, character: 4, typed: 'e' }], () => true), [false]);
  });
});

describe('limit notes say where, in lines', () => {
  it("a note names the line where the limit was hit, in a file of many blocks (QA 144)", () => {
    const deep = Array.from({ length: 230 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n');
    const text = `name: ci\non: push\nenv:\n  PLATFORMS: linux/amd64\njobs:\n  build:\n    runs-on: ubuntu-latest\ndeep:\n${deep}\n  leaf: linux/arm\n`;
    const scan = scanText(text, 'github-workflow', new ChunkCache());
    assert.equal(scan.notes.length, 1, scan.notes.join('\n'));
    // The value of k200 (k201 and below) is what is not checked: it starts at line 210.
    assert.equal(text.split('\n')[209].trim(), 'k201:');
    assert.match(scan.notes[0], /nested more than 200 levels deep: .* \(at line 210\)$/);
  });
  it('a shell substitution nested too deep is said with its line', () => {
    const text = ['#!/bin/sh', 'set -e', '', 'X=$(a $(b $(c $(d $(GOARCH=arm go build)))))', ''].join('\n');
    const scan = scanText(text, 'shell', new ChunkCache());
    assert.deepEqual(scan.notes.map((n) => /\(at line (\d+)\)$/.exec(n)?.[1]), ['4']);
  });
});

describe('a long list whose first item has a space typed before it (QA 157 N5)', () => {
  const MODEL = builtinModel();
  const SETTINGS: LintSettings = { requiredTier: 3, severity: {} };
  const build = (i: number) => `  - id: b${i}\n    goos: [linux, darwin]\n    goarch: [amd64, arm64, arm]\n    ldflags: [-s, -w]\n`;
  const text = `version: 2\nbuilds:\n${Array.from({ length: 60 }, (_, i) => build(i)).join('')}`;
  const slipped = text.replace('  - id: b0\n', '   - id: b0\n');
  const firsts = (t: string) => chunkYaml(t).map((c) => [t.slice(c.start, c.end).split('\n')[0], c.path.join('/')]);

  it('is still cut item by item: the first item goes on the key line\'s block, broken', () => {
    assert.deepEqual(firsts(slipped).slice(0, 4), [['version: 2', ''], ['builds:', ''], ['  - id: b1', 'builds'], ['  - id: b2', 'builds']]);
    assert.equal(chunkYaml(slipped).length, 2 + 59);
    // (Read whole, the broken block was repaired at every keystroke: 0.25 s a keystroke at 900 lines.)
    assert.equal(chunkYaml(text).length, 2 + 60);
  });

  it('a keystroke there scans the first block again, no other, and finds what a fresh scan finds', () => {
    const cache = new ChunkCache();
    const before = new Set(scanText(text, 'goreleaser', cache).results);
    const after = scanText(slipped, 'goreleaser', cache);
    assert.equal(after.results.filter((r) => !before.has(r)).length, 1);
    assert.deepEqual(lintText(slipped, 'goreleaser', MODEL, SETTINGS).filter((f) => f.code === 'removed-platform').length, 60);
    assert.deepEqual(judge(after, MODEL, SETTINGS), lintText(slipped, 'goreleaser', MODEL, SETTINGS));
  });

  it('so is a workflow\'s jobs: block, whose single child is cut too: a keystroke there scans one block again', () => {
    const job = (i: number) => `  job${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: GOOS=linux GOARCH=arm go build ./cmd/${i}\n`;
    const workflow = `on: push\njobs:\n${Array.from({ length: 60 }, (_, i) => job(i)).join('')}`;
    const typed = workflow.replace('  job0:', '   job0:');
    assert.deepEqual(chunkYaml(typed, undefined, stepCut(undefined)).map((c) => typed.slice(c.start, c.end).split('\n')[0]).slice(0, 3), ['on: push', 'jobs:', '  job1:']);
    const cache = new ChunkCache();
    const before = new Set(scanText(workflow, 'github-workflow', cache).results);
    const after = scanText(typed, 'github-workflow', cache);
    assert.equal(after.results.filter((r) => !before.has(r)).length, 1);
    assert.deepEqual(judge(after, MODEL, SETTINGS), lintText(typed, 'github-workflow', MODEL, SETTINGS));
    assert.equal(lintText(typed, 'github-workflow', MODEL, SETTINGS).length, 60);
  });

  it('a key line shallower than the first child inside a flow collection it opened starts no child', () => {
    const filler = Array.from({ length: 220 }, (_, i) => `      step${i}: x`).join('\n');
    const flow = `jobs:\n    only:\n      matrix: {os: [linux],\n  arch: arm}\n${filler}\n  other:\n      runs-on: x\n`;
    assert.deepEqual(firsts(flow), [['jobs:', '']]);
  });
});
