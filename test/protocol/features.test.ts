import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, Diagnostic, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, applyEdits, editorCapabilities, editsFor, positionOf } from '../support/lspClient';

const base = 'file:///virtual/project';
let version = 0;

let client: LspClient;
before(async () => (client = await LspClient.start({ capabilities: editorCapabilities({ documentChanges: true }) })));
after(async () => client.stop());

/** Opens a document and waits for its diagnostics, as an editor shows them. */
async function open(path: string, languageId: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = `${base}/${path}?v=${++version}`;
  client.open(uri, languageId, text, 1);
  return { uri, diagnostics: await client.diagnosticsFor(uri, 1) };
}

function labels(items: CompletionItem[]): string[] {
  return items.map((i) => i.label);
}

/** Items in the order an editor shows them (by sortText). */
function sorted(items: CompletionItem[]): CompletionItem[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

function tierOf(item: CompletionItem): number {
  const m = /^Tier (\d)/.exec(item.detail ?? '');
  return m ? Number(m[1]) : 9;
}

function assertTierOrder(items: CompletionItem[]): void {
  const tiers = sorted(items).map(tierOf);
  assert.deepEqual(tiers, [...tiers].sort((a, b) => a - b), 'tier 1 first, then tier 2, then the rest');
}

function edit(item: CompletionItem): TextEdit {
  assert.ok(item.textEdit && 'range' in item.textEdit, `${item.label} has a textEdit with a range`);
  return item.textEdit as TextEdit;
}

function markdown(h: { contents: unknown } | null): string {
  assert.ok(h, 'a hover');
  const c = h.contents as MarkupContent;
  assert.equal(c.kind, 'markdown');
  return c.value;
}

const WORKFLOW = `name: release
on: push
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/build-push-action@v6
        with:
          platforms: linux/amd64,li
      - uses: docker/build-push-action@v6
        with:
          platforms:
            - linux/amd64
            - 
  binaries:
    strategy:
      matrix:
        goos: [linux, windows]
        goarch: [amd64, ]
    steps:
      - run: GOOS=linux GOARCH= go build ./...
`;

describe('completion in each context, in its spelling, tier 1 first', () => {
  it('workflow platforms: list (comma list): whole platforms replacing the partial item', async () => {
    const { uri } = await open('.github/workflows/release.yml', 'yaml', WORKFLOW);
    const pos = positionOf(WORKFLOW, 'linux/amd64,li', 'linux/amd64,li'.length);
    const items = sorted(await client.completion(uri, pos));
    assert.ok(!labels(items).includes('linux/amd64'), 'already in the list: not offered again');
    assert.equal(items[0].label, 'linux/arm64');
    assert.equal(items[0].detail, 'Tier 2 (expected to build)');
    assert.match((items[0].documentation as MarkupContent).value, /tier 2/);
    assert.ok(labels(items).includes('linux/arm64'));
    assert.ok(labels(items).includes('windows/amd64'));
    assert.ok(!labels(items).some((l) => l.startsWith('linux/arm/') || l === 'linux/arm'), 'removed platforms left out');
    assert.ok(labels(items).every((l) => /^[a-z]+\/[a-z0-9]+$/.test(l)), 'slash spelling');
    assert.equal(tierOf(items[1]), 2);
    assertTierOrder(items);
    const e = edit(items[0]);
    assert.deepEqual(e.range, { start: { line: pos.line, character: pos.character - 2 }, end: pos }, 'replaces exactly `li`');
    assert.equal(applyEdits(WORKFLOW, [e]).includes('platforms: linux/amd64,linux/arm64\n'), true);
  });

  it('workflow block list item under platforms:', async () => {
    const { uri } = await open('.github/workflows/block.yml', 'yaml', WORKFLOW);
    const pos = positionOf(WORKFLOW, '            - \n', '            - '.length);
    const items = sorted(await client.completion(uri, pos));
    assert.equal(items[0].label, 'linux/arm64', 'linux/amd64 is the item above');
    assert.ok(!labels(items).includes('linux/arm'));
    assert.deepEqual(edit(items[0]).range, { start: pos, end: pos });
  });

  it('matrix goarch: arches Go builds for every sibling goos value (the matrix makes each pair), Kubernetes tiers first', async () => {
    const { uri } = await open('.github/workflows/matrix.yml', 'yaml', WORKFLOW);
    const pos = positionOf(WORKFLOW, 'goarch: [amd64, ', 'goarch: [amd64, '.length);
    const items = sorted(await client.completion(uri, pos));
    const l = labels(items);
    assert.equal(l[0], 'arm64', 'amd64 is already in the list');
    assert.equal(items[0].detail, 'Tier 2 (expected to build)');
    assert.deepEqual(l, ['arm64', '386']);
    // windows/ppc64le, windows/s390x, windows/riscv64 are no Go ports: the matrix would build them (an error).
    for (const a of ['ppc64le', 's390x', 'riscv64']) assert.ok(!l.includes(a), a);
    assert.ok(!l.includes('arm'), 'linux/arm is removed and windows/arm is not a Go port');
    assertTierOrder(items);

    // With one goos, every arch Go builds for it, Kubernetes tiers first.
    const linux = WORKFLOW.replace('goos: [linux, windows]', 'goos: [linux]');
    const { uri: u } = await open('.github/workflows/matrix-linux.yml', 'yaml', linux);
    const one = labels(sorted(await client.completion(u, positionOf(linux, 'goarch: [amd64, ', 'goarch: [amd64, '.length))));
    for (const a of ['arm64', '386', 'ppc64le', 's390x', 'riscv64']) assert.ok(one.includes(a), a);
    assert.ok(one.indexOf('s390x') < one.indexOf('riscv64'), 'tier 2 before Go-only');
    assert.ok(!one.includes('arm') && !one.includes('wasm'), one.join(' '));
  });

  it('in an exclude or ignore entry, which names what is not built, removed platforms are offered too (QA 122)', async () => {
    const text = 'builds:\n  - goos: [linux, darwin]\n    goarch: [amd64, arm64, arm]\n    ignore:\n      - goos: li\n        goarch: arm\n';
    const { uri } = await open('completion/.goreleaser.yaml', 'yaml', text);
    assert.ok(labels(sorted(await client.completion(uri, positionOf(text, 'goos: li', 'goos: li'.length)))).includes('linux'));
    const flow = 'builds:\n  - goos: [linux]\n    goarch: [amd64, arm]\n    ignore: [{goos: linux, goarch: ar}]\n';
    const f = await open('completion/flow/.goreleaser.yaml', 'yaml', flow);
    assert.ok(labels(sorted(await client.completion(f.uri, positionOf(flow, 'goarch: ar}', 'goarch: ar'.length)))).includes('arm'));
    // (Elsewhere it is still left out: `goarch: [amd64, ar` beside goos linux.)
    assert.ok(!labels(sorted(await client.completion(f.uri, positionOf(flow, 'goarch: [amd64, ar', 'goarch: [amd64, ar'.length)))).includes('arm'));
  });

  it('run: GOARCH= inside a workflow uses the GOOS of the same command', async () => {
    const { uri } = await open('.github/workflows/run.yml', 'yaml', WORKFLOW);
    const pos = positionOf(WORKFLOW, 'GOARCH= go', 'GOARCH='.length);
    const l = labels(sorted(await client.completion(uri, pos)));
    assert.equal(l[0], 'amd64');
    assert.ok(l.includes('loong64'), 'every arch Go builds for linux');
    assert.ok(!l.includes('arm'));
  });

  it('run: GOARCH= and a script item take the GOOS of the env around them: the step, the job, the file', async () => {
    const t = [
      'env:',
      '  GOOS: darwin',
      'jobs:',
      '  win:',
      '    runs-on: windows-latest',
      '    env:',
      '      GOOS: windows',
      '    steps:',
      '      - run: GOARCH= go build',
      '      - env:',
      '          GOOS: freebsd',
      '        run: |',
      '          go vet ./...',
      '          GOARCH= go build',
      '  mac:',
      '    steps:',
      '      - run: GOARCH= go build',
      '',
    ].join('\n');
    const { uri } = await open('.github/workflows/env-around.yml', 'yaml', t);
    const at = async (line: number) => labels(sorted(await client.completion(uri, { line, character: t.split('\n')[line].indexOf('GOARCH=') + 'GOARCH='.length })));
    const job = await at(8);
    assert.deepEqual([...job].sort(), ['386', 'amd64', 'arm64'], 'windows builds these');
    const step = await at(13);
    assert.ok(step.includes('riscv64') && step.includes('arm64') && !step.includes('s390x'), `freebsd's: ${step.join(' ')}`);
    const file = await at(16);
    assert.deepEqual([...file].sort(), ['amd64', 'arm64'], 'darwin builds these');
  });

  it('GOARCH= completion takes the GOOS in force in CI configs: Azure variable lists and matrix legs, GitLab extends, CircleCI executors and an earlier export', async () => {
    const cases: [string, string, string[]][] = [
      ['azure-pipelines.yml', 'jobs:\n  - job: b\n    variables:\n      - name: GOOS\n        value: windows\n    strategy:\n      matrix:\n        leg1:\n          GOARCH: |\n', ['386', 'amd64', 'arm64']],
      ['azure-pipelines.yml', 'variables:\n  - name: GOOS\n    value: darwin\njobs:\n  - job: b\n    steps:\n      - script: GOARCH=| go build\n', ['amd64', 'arm64']],
      ['.gitlab-ci.yml', 'b:\n  script:\n    - export GOOS=windows\n    - GOARCH=| go build\n', ['386', 'amd64', 'arm64']],
      ['.gitlab-ci.yml', '.base:\n  variables:\n    GOOS: darwin\nb:\n  extends: .base\n  script:\n    - GOARCH=| go build\n', ['amd64', 'arm64']],
      ['.gitlab-ci.yml', 'variables:\n  GOOS:\n    value: darwin\n  GOARCH:\n    value: |\n    description: target arch\n', ['amd64', 'arm64']],
      ['action.yml', 'name: b\ninputs:\n  goos:\n    default: darwin\n  goarch:\n    description: target arch\n    default: |\nruns:\n  using: composite\n  steps: []\n', ['amd64', 'arm64']],
      ['.circleci/config.yml', 'executors:\n  win:\n    machine: true\n    environment:\n      GOOS: windows\njobs:\n  b:\n    executor: win\n    environment:\n      GOARCH: |\n', ['386', 'amd64', 'arm64']],
      ['.circleci/config.yml', 'executors:\n  mac:\n    macos: {xcode: 15.4.0}\n    environment:\n      GOOS: darwin\njobs:\n  b:\n    executor:\n      name: mac\n    steps:\n      - run: GOARCH=| go build\n', ['amd64', 'arm64']],
    ];
    let n = 0;
    for (const [name, marked, expected] of cases) {
      const text = marked.replace('|', '');
      const at = marked.indexOf('|');
      const line = marked.slice(0, at).split('\n').length - 1;
      const character = at - marked.lastIndexOf('\n', at - 1) - 1;
      const { uri } = await open(`in-force-${n++}/${name}`, 'yaml', text);
      assert.deepEqual([...labels(sorted(await client.completion(uri, { line, character })))].sort(), expected, marked);
    }
  });

  it('GOARCH in a name/value list offers what the GOOS item of the same list builds', async () => {
    const t = 'spec:\n  containers:\n    - env:\n        - name: GOOS\n          value: windows\n        - name: CGO_ENABLED\n          value: "0"\n        - name: GOARCH\n          value: \n';
    const { uri } = await open('k8s/pod.yaml', 'yaml', t);
    const items = sorted(await client.completion(uri, { line: 8, character: 17 }));
    assert.deepEqual([...labels(items)].sort(), ['386', 'amd64', 'arm64']);
    assert.ok(items.every((i) => /Tier 2/.test(i.detail ?? '')), 'windows/amd64 is tier 2');
    // Azure's compact layout: the dashes stand at the key's own column.
    const azure = 'variables:\n- name: GOOS\n  value: darwin\n- name: GOARCH\n  value: \n';
    const { uri: au } = await open('azure-list/azure-pipelines.yml', 'yaml', azure);
    assert.deepEqual([...labels(sorted(await client.completion(au, { line: 4, character: 9 })))].sort(), ['amd64', 'arm64']);
  });

  it('the default of a shell expansion (${PLATFORMS:-…}) is a platform list, from its first item', async () => {
    for (const [text, ch] of [['PLATFORMS=${PLATFORMS:-}\n', 23], ['PLATFORMS=${PLATFORMS:-linux/}\n', 29]] as const) {
      const { uri } = await open(`default-${ch}/build.sh`, 'shellscript', text);
      const items = sorted(await client.completion(uri, { line: 0, character: ch }));
      assert.equal(labels(items)[0], 'linux/amd64', text);
      assert.equal(edit(items[0]).range.start.character, 23, 'replaces from after the dash');
    }
  });

  it('--arch and --os of podman build, docker manifest annotate and skopeo\'s --override-*: the arches of the command\'s --os, the oses of its --arch', async () => {
    const cases: [string, string[] | 'none'][] = [
      ['podman build --os windows --arch | -t app .\n', ['386', 'amd64', 'arm64']],
      ['buildah bud --arch=| --os darwin .\n', ['amd64', 'arm64']],
      ['docker manifest annotate app:1 app:1-arm64 --os linux --arch "|"\n', ['386', 'amd64', 'arm64', 'loong64', 'mips', 'mips64', 'mips64le', 'mipsle', 'ppc64', 'ppc64le', 'riscv64', 's390x']],
      ['podman manifest add app:1 docker://app:1-arm64 --arch arm64 --os |\n', ['android', 'darwin', 'freebsd', 'ios', 'linux', 'netbsd', 'openbsd', 'windows']],
      ['skopeo copy --override-os windows --override-arch | docker://a:1 docker://b:1\n', ['386', 'amd64', 'arm64']],
      ['skopeo --override-arch=arm64 inspect --override-os | docker://a:1\n', ['android', 'darwin', 'freebsd', 'ios', 'linux', 'netbsd', 'openbsd', 'windows']],
      ['docker build --arch |\n', 'none'],
      ['podman push --arch |\n', 'none'],
      ['skopeo copy --arch |\n', 'none'],
      ['podman build --override-arch |\n', 'none'],
    ];
    let n = 0;
    for (const [marked, expected] of cases) {
      const at = marked.indexOf('|');
      const text = marked.slice(0, at) + marked.slice(at + 1);
      const { uri } = await open(`os-arch-${n++}/build.sh`, 'shellscript', text);
      const got = labels(sorted(await client.completion(uri, { line: 0, character: at })));
      if (expected === 'none') assert.deepEqual(got, [], marked);
      else assert.deepEqual([...got].sort(), expected, marked);
    }
  });

  it('a CircleCI parameter (<< parameters.image >>) above is no here-document: completion below still works', async () => {
    const t = 'version: 2.1\njobs:\n  build:\n    docker:\n      - image: << parameters.image >>\n    steps:\n      - run: docker buildx build --platform linux/arm64,linux/\n';
    const { uri } = await open('.circleci/config.yml', 'yaml', t);
    const got = labels(sorted(await client.completion(uri, { line: 6, character: t.split('\n')[6].length })));
    assert.deepEqual([...got].sort(), ['linux/386', 'linux/amd64', 'linux/ppc64le', 'linux/s390x']);
  });

  it('typing an alias (linux/x86) keeps the canonical item: its filterText is the alias spelling', async () => {
    const t = 'jobs:\n  a:\n    steps:\n      - with:\n          platforms: linux/arm64,linux/x86\n';
    const { uri } = await open('.github/workflows/alias.yml', 'yaml', t);
    const pos = positionOf(t, 'linux/x86', 'linux/x86'.length);
    const items = sorted(await client.completion(uri, pos));
    const amd64 = items.find((i) => i.label === 'linux/amd64');
    assert.ok(amd64);
    assert.equal(amd64.filterText, 'linux/x86_64');
    assert.equal(applyEdits(t, [edit(amd64)]).split('\n')[4], '          platforms: linux/arm64,linux/amd64');
    // (Others filter by their label: no filterText, which Neovim 0.7 reads as "not the textEdit's start" (QA 265).)
    assert.ok(items.some((i) => i.label === 'linux/s390x'), 'others are offered');
    assert.equal(items.find((i) => i.label === 'linux/s390x')?.filterText, undefined, 'others filter by their label');
  });

  it('typed in another spelling or with a typo, items keep a filterText that holds what was typed, in order, as editors filter', async () => {
    const inOrder = (typed: string, word: string) => word.toLowerCase().startsWith(typed.toLowerCase());
    const cases: [string, string, string | undefined][] = [
      // typed, the item looked at, its filterText (undefined: the editor filters it away)
      ['linux-', 'linux/amd64', 'linux-amd64'],
      ['linux_a', 'linux/arm64', 'linux_arm64'],
      ['linux_a', 'linux/s390x', undefined],
      ['amd64/', 'linux/amd64', 'amd64/linux'],
      ['amd64/', 'linux/arm64', undefined],
      ['x86_64-li', 'linux/amd64', 'x86_64-linux'],
      // A typo: no item holds it; every item is kept, what was typed before its label.
      ['aarch46/li', 'linux/arm64', 'aarch46/lilinux/arm64'],
      ['aarch46/li', 'linux/s390x', 'aarch46/lilinux/s390x'],
      // Kept by editors that keep only the items starting with what was typed (Neovim, Helix) (QA 131).
      ['lnux/', 'linux/amd64', 'lnux/linux/amd64'],
      ['linux/am64', 'linux/arm64', 'linux/am64linux/arm64'],
    ];
    let n = 0;
    for (const [typed, label, filter] of cases) {
      const t = `FROM --platform=${typed} alpine\n`;
      const { uri } = await open(`spelled-${n++}/Dockerfile`, 'dockerfile', t);
      const items = sorted(await client.completion(uri, { line: 0, character: '--platform='.length + 5 + typed.length }));
      const item = items.find((i) => i.label === label);
      assert.ok(item, `${typed}: ${label} offered`);
      const text = item.filterText ?? item.label;
      if (filter === undefined) assert.ok(!inOrder(typed, text), `${typed}: ${label} is filtered away (${text})`);
      else {
        assert.equal(text, filter, typed);
        assert.ok(inOrder(typed, text));
      }
      // Accepting it replaces the whole token.
      assert.equal(applyEdits(t, [edit(item)]), `FROM --platform=${label} alpine\n`);
    }
  });

  it('GOARCH= with no GOOS: arm is left out (GOARCH=arm alone is judged as linux/arm, removed); Go-only arches come after the tiers', async () => {
    const t = 'build:\n\tGOARCH= go build ./cmd\n';
    const { uri } = await open('lone/Makefile', 'makefile', t);
    const items = sorted(await client.completion(uri, positionOf(t, 'GOARCH= go', 'GOARCH='.length)));
    assert.ok(!items.some((i) => i.label === 'arm'));
    const riscv = items.find((i) => i.label === 'riscv64');
    assert.ok(riscv);
    assert.equal(riscv.detail, 'Go only: in no Kubernetes tier');
    assert.ok(items.indexOf(riscv) > items.findIndex((i) => i.label === 's390x'), 'after the tiered arches');
    // Accepting an offered arch never gives an error.
    const accepted = t.replace('GOARCH=', `GOARCH=${items[0].label}`);
    const { diagnostics } = await open('lone2/Makefile', 'makefile', accepted);
    assert.deepEqual(diagnostics, []);
  });

  const MAKEFILE = 'build:\n\tGOOS=linux GOARCH= go build -o out/ ./cmd\n\tGOOS= GOARCH=arm64 go build ./cmd\n';

  it('Makefile recipe GOARCH=: arches valid for GOOS=linux, detail with the tier, empty range at the cursor', async () => {
    const { uri } = await open('Makefile', 'makefile', MAKEFILE);
    const pos = positionOf(MAKEFILE, 'GOARCH= go', 'GOARCH='.length);
    const items = sorted(await client.completion(uri, pos));
    const l = labels(items);
    assert.deepEqual(l.slice(0, 5), ['amd64', 'arm64', '386', 'ppc64le', 's390x']);
    assert.equal(items[1].detail, 'Tier 2 (expected to build)');
    assert.ok(!l.includes('arm'));
    const riscv = items.find((i) => i.label === 'riscv64');
    assert.ok(riscv);
    assert.match(riscv.detail ?? '', /no Kubernetes tier/);
    assert.deepEqual(edit(items[0]).range, { start: pos, end: pos });
    assertTierOrder(items);
  });

  it('Makefile recipe GOARCH= under a target with its own GOOS (win: GOOS = windows): that GOOS\'s arches, as the recipe is judged (QA 129 B3)', async () => {
    const t = 'export GOOS := darwin\nwin: GOOS = windows\nwin:\n\tGOARCH= go build\nmac:\n\tGOARCH= go build\n';
    const { uri } = await open('target-vars/Makefile', 'makefile', t);
    assert.deepEqual(labels(sorted(await client.completion(uri, { line: 3, character: 8 }))), ['amd64', 'arm64', '386']);
    assert.deepEqual(labels(sorted(await client.completion(uri, { line: 5, character: 8 }))), ['amd64', 'arm64']);
    // Not exported (no `export` there, none for all): make gives the recipe no GOOS; linux's arches (QA 132 B1).
    const u = 'win: GOOS = windows\nwin:\n\tGOARCH= go build\n';
    const plain = await open('target-vars-plain/Makefile', 'makefile', u);
    assert.ok(labels(sorted(await client.completion(plain.uri, { line: 2, character: 8 }))).includes('s390x'));
  });

  it('a line of a make define X_PLATFORMS body: the platforms not on its other lines (QA 129 B1)', async () => {
    const t = 'define X_PLATFORMS\nlinux/amd64\nlinux/\nlinux/arm64 linux/s390x\nendef\ndefine HELP_TEXT\nlinux/\nendef\n';
    const { uri } = await open('define-body/Makefile', 'makefile', t);
    const items = sorted(await client.completion(uri, { line: 2, character: 6 }));
    assert.deepEqual(labels(items), ['linux/386', 'linux/ppc64le']);
    assert.equal(applyEdits(t, [edit(items[0])]).split('\n')[2], 'linux/386');
    // A define of text, not of platforms: nothing.
    assert.deepEqual(labels(sorted(await client.completion(uri, { line: 6, character: 6 }))), []);
  });

  it('a list over continuation lines leaves out the platforms of the lines after the cursor too, in a Makefile and a script (QA 281 B3)', async () => {
    const mk = 'PLATFORMS := linux/amd64 \\\n\tlinux/ \\\n\tlinux/s390x\n';
    const m = await open('continued/Makefile', 'makefile', mk);
    const items = sorted(await client.completion(m.uri, { line: 1, character: 7 }));
    assert.deepEqual(labels(items), ['linux/arm64', 'linux/386', 'linux/ppc64le']);
    const sh = '#!/bin/sh\nPLATFORMS="linux/amd64 \\\n  linux/ \\\n  linux/arm64 linux/s390x"\necho linux/386\n';
    const s = await open('continued/build.sh', 'shellscript', sh);
    // (The line after the list's last is not read: linux/386 there is no item of it.)
    assert.deepEqual(labels(sorted(await client.completion(s.uri, { line: 2, character: 8 }))), ['linux/386', 'linux/ppc64le']);
  });

  it('Makefile GOOS=: bare operating systems valid with GOARCH=arm64', async () => {
    const { uri } = await open('sub/Makefile', 'makefile', MAKEFILE);
    const pos = positionOf(MAKEFILE, 'GOOS= ', 'GOOS='.length);
    const items = sorted(await client.completion(uri, pos));
    const l = labels(items);
    assert.equal(l[0], 'linux');
    assert.deepEqual(new Set(l.slice(1, 3)), new Set(['darwin', 'windows']));
    assert.ok(l.includes('freebsd'));
    assert.ok(!l.includes('aix') && !l.includes('solaris'), 'aix and solaris have no arm64 port');
    assert.match((items[0].documentation as MarkupContent).value, /linux\/arm64/);
  });

  it('Dockerfile FROM --platform=: slash platforms replacing the typed prefix', async () => {
    const text = 'FROM --platform=lin golang:1.23 AS build\n';
    const { uri } = await open('Dockerfile', 'dockerfile', text);
    const pos = positionOf(text, '=lin', 4);
    const items = sorted(await client.completion(uri, pos));
    assert.equal(items[0].label, 'linux/amd64');
    assert.deepEqual(edit(items[0]).range, { start: { line: 0, character: 16 }, end: { line: 0, character: 19 } });
    assert.equal(applyEdits(text, [edit(items[0])]), 'FROM --platform=linux/amd64 golang:1.23 AS build\n');
  });

  it('shell --platform list after linux/: only linux platforms', async () => {
    const text = '#!/bin/sh\ndocker buildx build --platform linux/amd64,linux/ -t img .\n';
    const { uri } = await open('build.sh', 'shellscript', text);
    const pos = positionOf(text, 'linux/ -t', 'linux/'.length);
    const items = sorted(await client.completion(uri, pos));
    assert.deepEqual(labels(items), ['linux/arm64', 'linux/386', 'linux/ppc64le', 'linux/s390x']);
    assert.deepEqual(edit(items[0]).range, { start: { line: 1, character: pos.character - 6 }, end: pos });
  });

  it('shell --platform with a space-separated value', async () => {
    const text = 'docker build --platform  .\n';
    const { uri } = await open('b2.sh', 'shellscript', text);
    const l = labels(sorted(await client.completion(uri, { line: 0, character: 24 })));
    assert.equal(l[0], 'linux/amd64');
  });

  it('goreleaser targets use its os_arch spelling', async () => {
    const text = 'builds:\n  - id: cli\n    targets:\n      - linux_amd64\n      - \n';
    const { uri } = await open('.goreleaser.yaml', 'yaml', text);
    const items = sorted(await client.completion(uri, positionOf(text, '      - \n', 8)));
    assert.equal(items[0].label, 'linux_arm64', 'linux_amd64 is the item above');
    assert.ok(labels(items).includes('darwin_arm64'));
  });

  // More contexts of PRODUCT.md §4: `|` marks the cursor; the first item shows the spelling.
  const contexts: { name: string; path: string; languageId: string; text: string; first: string; absent?: string; has?: string }[] = [
    { name: 'args list: the item after --platform', path: 'k8s/job.yaml', languageId: 'yaml', text: 'args:\n  - --platform\n  - |\n', first: 'linux/amd64' },
    { name: 'JSON-style args', path: 'k8s/job2.yaml', languageId: 'yaml', text: 'args: ["--platform", "|"]\n', first: 'linux/amd64' },
    { name: 'KUBE_BUILD_PLATFORMS in a workflow env (space list)', path: '.github/workflows/env.yml', languageId: 'yaml', text: 'env:\n  KUBE_BUILD_PLATFORMS: "linux/amd64 |"\n', first: 'linux/arm64', absent: 'linux/arm' },
    { name: 'export KUBE_BUILD_PLATFORMS in shell', path: 'hack/build.sh', languageId: 'shellscript', text: 'export KUBE_BUILD_PLATFORMS="linux/amd64 li|"\n', first: 'linux/arm64', absent: 'linux/amd64' },
    { name: 'Makefile PLATFORMS ?= (space list)', path: 'images/Makefile', languageId: 'makefile', text: 'PLATFORMS ?= linux/amd64 |\n', first: 'linux/arm64', absent: 'linux/amd64' },
    { name: 'a default variant already in the list counts as its platform', path: 'images/c/Makefile', languageId: 'makefile', text: 'PLATFORMS ?= linux/arm64/v8 |\n', first: 'linux/amd64', absent: 'linux/arm64' },
    { name: 'an alias already in the list counts as its platform', path: 'images/b/Makefile', languageId: 'makefile', text: 'PLATFORMS ?= linux/x86_64 linux/aarch64 |\n', first: 'linux/386', absent: 'linux/amd64' },
    { name: 'shell GOARCH= under an export GOOS=darwin line', path: 'hack/cross.sh', languageId: 'shellscript', text: 'export GOOS=darwin\nexport CGO_ENABLED=0\nexport GOARCH=|\n', first: 'amd64', has: 'arm64', absent: 's390x' },
    // (The GOOS in force, as the diagnostics read it: not a here-document's text, a define's body, nor a make variable a recipe does not see.)
    { name: 'shell GOARCH= under a here-document that writes GOOS=windows', path: 'hack/env.sh', languageId: 'shellscript', text: 'export GOOS=linux\ncat <<EOT > b.env\nGOOS=windows\nEOT\nGOARCH=| go build\n', first: 'amd64', has: 'riscv64', absent: 'arm' },
    { name: 'Makefile recipe GOARCH= under a define that holds GOOS=windows', path: 'def/Makefile', languageId: 'makefile', text: 'define HELP\nGOOS=windows\nendef\nb:\n\tGOARCH=| go build\n', first: 'amd64', has: 'riscv64', absent: 'arm' },
    { name: 'Makefile recipe GOARCH= under a GOOS = windows that is not exported', path: 'unexp/Makefile', languageId: 'makefile', text: 'GOOS = windows\nb:\n\tGOARCH=| go build\n', first: 'amd64', has: 'riscv64', absent: 'arm' },
    { name: 'Makefile recipe GOARCH= under an exported GOOS = windows', path: 'exp/Makefile', languageId: 'makefile', text: 'export GOOS = windows\nb:\n\tGOARCH=| go build\n', first: 'amd64', has: '386', absent: 's390x' },
    { name: 'Makefile recipe GOARCH= under GOOS = windows and export GOOS', path: 'exp2/Makefile', languageId: 'makefile', text: 'GOOS = windows\nexport GOOS\nb:\n\tGOARCH=| go build\n', first: 'amd64', has: '386', absent: 's390x' },
    { name: "workflow run: GOARCH= with its step's env: GOOS: windows below it", path: '.github/workflows/step-env.yml', languageId: 'yaml', text: 'jobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: GOARCH=| go build\n        env:\n          GOOS: windows\n', first: 'amd64', has: '386', absent: 's390x' },
    { name: "workflow run: GOARCH= with its step's flow env {GOOS: windows} above it", path: '.github/workflows/step-env2.yml', languageId: 'yaml', text: 'jobs:\n  b:\n    runs-on: ubuntu-latest\n    env:\n      GOOS: darwin\n    steps:\n      - env: {GOOS: windows}\n        run: GOARCH=| go build\n', first: 'amd64', has: '386', absent: 's390x' },
    { name: 'Makefile recipe GOARCH= under export override GOOS = darwin', path: 'ovr/Makefile', languageId: 'makefile', text: 'export override GOOS = darwin\nb:\n\tGOARCH=| go build\n', first: 'amd64', has: 'arm64', absent: 's390x' },
    { name: 'Makefile recipe GOARCH= under .EXPORT_ALL_VARIABLES and unexport GOOS', path: 'unx/Makefile', languageId: 'makefile', text: '.EXPORT_ALL_VARIABLES:\nGOOS = windows\nunexport GOOS\nb:\n\tGOARCH=| go build\n', first: 'amd64', has: 'riscv64', absent: 'arm' },
    // (What the scanner pairs the value with, as diagnostics judge it: the same command's prefix does not outlive it, typeset -x exports, before_script's export holds in script.)
    { name: 'shell GOARCH= after a command that had GOOS=darwin as its prefix', path: 'pre/b.sh', languageId: 'shellscript', text: 'GOOS=darwin go build; GOARCH=| go build\n', first: 'amd64', has: 's390x' },
    { name: 'shell GOARCH= under typeset -x GOOS=darwin', path: 'ts/b.sh', languageId: 'shellscript', text: 'typeset -x GOOS=darwin\nGOARCH=| go build\n', first: 'amd64', has: 'arm64', absent: 's390x' },
    { name: 'shell GOARCH= in an elif branch that exports GOOS=linux, after a branch that exports windows', path: 'br/b.sh', languageId: 'shellscript', text: 'if a; then\n  export GOOS=windows\n  export GOARCH=amd64\nelif b; then\n  export GOOS=linux\n  export GOARCH=|\nfi\n', first: 'amd64', has: 's390x' },
    { name: "GitLab script GOARCH= under before_script's export GOOS=darwin", path: 'bs/.gitlab-ci.yml', languageId: 'yaml', text: 'b:\n  before_script:\n    - export GOOS=darwin\n  script:\n    - GOARCH=| go build\n', first: 'amd64', has: 'arm64', absent: 's390x' },
    // (And a value set for later commands is paired with theirs: QA 134.)
    { name: 'shell export GOOS= above an echo and a GOARCH=386 build', path: 'later/b.sh', languageId: 'shellscript', text: 'export GOOS=|\necho hi\nGOARCH=386 go build\n', first: 'linux', has: 'windows', absent: 'darwin' },
    { name: "Makefile export GOOS := above a recipe's GOARCH=386 build", path: 'later/Makefile', languageId: 'makefile', text: 'export GOOS := |\nb:\n\tGOARCH=386 go build\n', first: 'linux', has: 'windows', absent: 'darwin' },
    { name: "workflow job env GOOS: over a step's GOARCH=386 build", path: '.github/workflows/later.yml', languageId: 'yaml', text: 'jobs:\n  b:\n    runs-on: ubuntu-latest\n    env:\n      GOOS: |\n    steps:\n      - run: GOARCH=386 go build\n', first: 'linux', has: 'windows', absent: 'darwin' },
    { name: 'GOOS= beside GOARCH=armv7 (arm: linux/arm was removed)', path: 'armv7/b.sh', languageId: 'shellscript', text: 'GOOS=| GOARCH=armv7 go build\n', first: 'android', has: 'freebsd', absent: 'linux' },
    { name: 'goreleaser goarch beside goos [linux, darwin]: 386 builds for linux', path: 'gr1/.goreleaser.yml', languageId: 'yaml', text: 'builds:\n  - goos: [linux, darwin]\n    goarch: [amd64, |]\n', first: 'arm64', has: '386' },
    { name: "goreleaser goarch list at its key's indent, under a goos list of windows", path: 'gr2/.goreleaser.yml', languageId: 'yaml', text: 'builds:\n  - goos:\n    - windows\n    goarch:\n    - |\n', first: 'amd64', has: '386', absent: 's390x' },
    { name: "a matrix exclude entry's goarch beside goos: darwin offers 386, the pair to exclude (QA 134 B6)", path: '.github/workflows/excl.yml', languageId: 'yaml', text: 'jobs:\n  b:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        goos: [linux, darwin]\n        goarch: [amd64, "386"]\n        exclude:\n          - goos: darwin\n            goarch: |\n', first: 'amd64', has: '386' },
    { name: 'a matrix goarch item beside goos [linux, darwin] whose exclude leaves darwin/386 out offers 386 (QA 134 B5)', path: '.github/workflows/excl2.yml', languageId: 'yaml', text: 'jobs:\n  b:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        goos: [linux, darwin]\n        goarch: [amd64, |]\n        exclude:\n          - goos: darwin\n            goarch: "386"\n', first: 'arm64', has: '386', absent: 's390x' },
    { name: 'a matrix goos item beside goarch [amd64, "386"] whose exclude leaves darwin/386 out offers darwin', path: '.github/workflows/excl3.yml', languageId: 'yaml', text: 'jobs:\n  b:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        goos: [linux, |]\n        goarch: [amd64, "386"]\n        exclude: [{goos: darwin, goarch: "386"}]\n', first: 'darwin', has: 'windows', absent: 'ios' },
    { name: "workflow job flow env {GOOS: } over a step's GOARCH=386 build", path: '.github/workflows/flowenv.yml', languageId: 'yaml', text: 'jobs:\n  b:\n    runs-on: ubuntu-latest\n    env: {GOOS: |}\n    steps:\n      - run: GOARCH=386 go build\n', first: 'linux', absent: 'darwin' },
    { name: 'goreleaser goarch replacing amd64 beside s390x, goos [linux, darwin]: darwin keeps a pair (QA 135 N2)', path: 'gr3/.goreleaser.yml', languageId: 'yaml', text: 'builds:\n  - goos: [linux, darwin]\n    goarch: [amd64|, s390x]\n', first: 'amd64', has: 'arm64', absent: '386' },
    { name: 'Makefile GOARCH := under GOOS := windows', path: 'win/Makefile', languageId: 'makefile', text: 'GOOS := windows\nGOARCH := |\n', first: 'amd64', has: '386', absent: 's390x' },
    { name: 'Dockerfile ARG GOARCH= under ENV GOOS=linux', path: 'cross/Dockerfile', languageId: 'dockerfile', text: 'FROM golang\nENV GOOS=linux\nARG GOARCH=|\n', first: 'amd64', has: 'riscv64', absent: 'arm' },
    { name: 'docker pull --platform before a Kubernetes image: the platforms the image is published for (QA 137 B6)', path: 'pull/a.sh', languageId: 'shellscript', text: 'docker pull --platform | registry.k8s.io/kube-proxy:v1.31.0\n', first: 'linux/amd64', has: 'linux/s390x', absent: 'windows/amd64' },
    { name: 'Dockerfile FROM --platform= a Kubernetes image: the platforms the image is published for', path: 'pull/Dockerfile', languageId: 'dockerfile', text: 'FROM --platform=| registry.k8s.io/kubectl:v1.31.0 AS kubectl\n', first: 'linux/amd64', has: 'linux/386', absent: 'darwin/arm64' },
    { name: 'docker run --platform before an image the model has no table for: every platform', path: 'pull/b.sh', languageId: 'shellscript', text: 'docker run --platform | registry.k8s.io/pause:3.10\n', first: 'linux/amd64', has: 'windows/amd64' },
    { name: "GitLab default: before_script's export GOOS= over a job's GOARCH=386 build (QA 135 N1)", path: 'dflt/.gitlab-ci.yml', languageId: 'yaml', text: 'default:\n  before_script:\n    - export GOOS=|\nbuild:\n  script:\n    - GOARCH=386 go build\n', first: 'linux', has: 'windows', absent: 'darwin' },
    { name: "workflow top-level env GOOS: over a job step's GOARCH=386 build", path: '.github/workflows/top-env.yml', languageId: 'yaml', text: 'env:\n  GOOS: |\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: GOARCH=386 go build\n', first: 'linux', has: 'windows', absent: 'darwin' },
    { name: "Makefile export GOOS := over a recipe's GOARCH=386 build blocks below", path: 'blocks/Makefile', languageId: 'makefile', text: 'export GOOS := |\n\nVERSION := 1.0\n\nbuild:\n\tGOARCH=386 go build\n', first: 'linux', has: 'windows', absent: 'darwin' },
    { name: 'GOARCH= beside a GOOS typo one edit from linux: the arches linux takes (QA 134 B7)', path: 'typo/b.sh', languageId: 'shellscript', text: 'GOOS=lnux GOARCH=| go build\n', first: 'amd64', has: 's390x', absent: 'wasm' },
    { name: "Makefile GOARCH := beside a target's export GOOS = windows whose recipe sets GOARCH itself: s390x too (QA 134 B8)", path: 'b8/Makefile', languageId: 'makefile', text: 'GOARCH := |\nwin: export GOOS = windows\nwin:\n\tGOARCH=amd64 go build\n', first: 'amd64', has: 's390x' },
    { name: 'Dockerfile ARG TARGETPLATFORM=', path: 'images/Dockerfile', languageId: 'dockerfile', text: 'ARG TARGETPLATFORM=|\n', first: 'linux/amd64' },
    { name: 'workflow env GOARCH with sibling GOOS: darwin', path: '.github/workflows/go.yml', languageId: 'yaml', text: 'env:\n  GOOS: darwin\n  GOARCH: |\n', first: 'amd64', has: 'arm64', absent: 's390x' },
    { name: "GitLab job's GOARCH beside a merge key's GOOS: darwin", path: '.gitlab-ci.yml', languageId: 'yaml', text: '.vars: &mac\n  GOOS: darwin\nbuild:\n  variables:\n    <<: *mac\n    GOARCH: |\n', first: 'amd64', has: 'arm64', absent: 's390x' },
    { name: "GitLab job's GOARCH under an extended job's GOOS: darwin", path: '.gitlab-ci.yml', languageId: 'yaml', text: '.mac:\n  variables:\n    GOOS: darwin\nbuild:\n  extends: [.base, .mac]\n  variables:\n    GOARCH: |\n', first: 'amd64', has: 'arm64', absent: 's390x' },
    { name: "GitLab job's GOARCH under the global variables' GOOS: darwin", path: '.gitlab-ci.yml', languageId: 'yaml', text: 'variables:\n  GOOS: darwin\nbuild:\n  variables:\n    GOARCH: |\n  script: [go build]\n', first: 'amd64', has: 'arm64', absent: 's390x' },
    { name: 'goreleaser goarch block list, goos linux', path: '.goreleaser.yml', languageId: 'yaml', text: 'builds:\n  - goos:\n      - linux\n    goarch:\n      - |\n', first: 'amd64', has: 'riscv64', absent: 'arm' },
    { name: 'goreleaser goos block list', path: 'x/.goreleaser.yml', languageId: 'yaml', text: 'builds:\n  - goos:\n      - |\n', first: 'linux', has: 'freebsd' },
    { name: 'Tekton-style name/value list', path: 'tekton/task.yaml', languageId: 'yaml', text: 'params:\n  - name: PLATFORMS\n    default: |\n', first: 'linux/amd64' },
    { name: 'GitLab script line', path: '.gitlab-ci.yml', languageId: 'yaml', text: 'build:\n  script:\n    - GOOS=windows GOARCH=| go build\n', first: 'amd64', has: '386', absent: 's390x' },
    { name: 'Drone platform mapping: arch under os: windows', path: 'drone/.drone.yml', languageId: 'yaml', text: 'kind: pipeline\nplatform:\n  os: windows\n  arch: |\n', first: 'amd64', has: '386', absent: 's390x' },
    { name: 'krew plugin manifest: arch under os: darwin in a selector', path: 'krew/plugins/ctx.yaml', languageId: 'yaml', text: 'spec:\n  platforms:\n  - selector:\n      matchLabels:\n        os: darwin\n        arch: |\n', first: 'amd64', has: 'arm64', absent: 's390x' },
    { name: 'Helm plugin platformCommand: arch under os: darwin', path: 'helm-x/plugin.yaml', languageId: 'yaml', text: 'name: x\nplatformCommand:\n  - os: darwin\n    arch: |\n', first: 'amd64', has: 'arm64', absent: 's390x' },
    { name: 'Helm plugin platformHooks install entry: arch under os: windows', path: 'helm-y/plugin.yaml', languageId: 'yaml', text: 'name: y\nplatformHooks:\n  install:\n    - os: windows\n      arch: |\n', first: 'amd64', has: '386', absent: 's390x' },
    { name: 'OCI platform object (manifest-tool spec): os', path: 'spec/manifest.yaml', languageId: 'yaml', text: 'manifests:\n  - image: x\n    platform:\n      architecture: arm64\n      os: |\n', first: 'linux', has: 'darwin' },
    { name: 'a YAML scalar written linux/', path: 'values.yaml', languageId: 'yaml', text: 'nodePlatform: linux/|\n', first: 'linux/amd64', absent: 'darwin/amd64' },
    { name: 'flow mapping in a matrix include: goarch beside goos: windows', path: '.github/workflows/flow.yml', languageId: 'yaml', text: 'jobs:\n  b:\n    strategy:\n      matrix:\n        include:\n          - { goos: windows, goarch: | }\n', first: 'amd64', has: '386', absent: 's390x' },
    { name: 'flow mapping still being typed: goos beside goarch: s390x', path: '.github/workflows/flow2.yml', languageId: 'yaml', text: 'jobs:\n  b:\n    strategy:\n      matrix:\n        include:\n          - { goarch: s390x, goos: |\n', first: 'linux', absent: 'windows' },
    { name: 'Taskfile env flow mapping: GOARCH list beside GOOS: darwin', path: 'Taskfile.yml', languageId: 'yaml', text: 'tasks:\n  build:\n    env: { GOOS: darwin, GOARCH: [amd64, |] }\n', first: 'arm64', absent: 's390x' },
    { name: 'a quoted list in a flow mapping (with: {platforms: "…"}): its items are not offered again', path: '.github/workflows/flow3.yml', languageId: 'yaml', text: 'jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with: {context: ".", platforms: "linux/amd64,linux/x86_64|,linux/arm64", push: true}\n', first: 'linux/386', absent: 'linux/arm64' },
    { name: 'flow platform mapping: os beside architecture', path: 'spec/flow.yaml', languageId: 'yaml', text: 'manifests:\n  - { image: x, platform: { architecture: ppc64le, os: | } }\n', first: 'linux', absent: 'windows' },
  ];
  for (const c of contexts) {
    it(c.name, async () => {
      const at = c.text.indexOf('|');
      const text = c.text.replace('|', '');
      const { uri } = await open(c.path, c.languageId, text);
      const lines = text.slice(0, at).split('\n');
      const items = sorted(await client.completion(uri, { line: lines.length - 1, character: lines[lines.length - 1].length }));
      assert.equal(items[0]?.label, c.first, labels(items).join(' '));
      if (c.has) assert.ok(labels(items).includes(c.has), `${c.has} offered`);
      if (c.absent) assert.ok(!labels(items).includes(c.absent), `${c.absent} not offered`);
      assertTierOrder(items);
    });
  }

  it('no Go platforms offered in the targets of a zig or rust build', async () => {
    const text = 'builds:\n  - builder: zig\n    targets:\n      - x86_64-linux\n      - \n  - builder: go\n    targets:\n      - linux_amd64\n      - \n';
    const { uri } = await open('zig/.goreleaser.yaml', 'yaml', text);
    assert.deepEqual(await client.completion(uri, { line: 4, character: 8 }), []);
    assert.equal(sorted(await client.completion(uri, { line: 8, character: 8 }))[0]?.label, 'linux_arm64');
  });

  it('nothing outside platform contexts, nor in comments', async () => {
    const text = 'name: build\n# platforms: linux/\nimage: nginx\n';
    const { uri } = await open('x.yaml', 'yaml', text);
    assert.deepEqual(await client.completion(uri, { line: 0, character: 11 }), []);
    assert.deepEqual(await client.completion(uri, positionOf(text, 'linux/', 6)), []);
    const sh = 'echo "build for linux/"\nuname -m # linux/\n';
    const { uri: u2 } = await open('echo.sh', 'shellscript', sh);
    assert.deepEqual(await client.completion(u2, positionOf(sh, 'linux/', 6)), []);
  });
});

describe('hover', () => {
  it('is on the token, not past its end: the comma or the line end after a platform gets none, in any list (QA 281)', async () => {
    const text = 'jobs:\n  b:\n    steps:\n      - with:\n          platforms: linux/amd64,linux/arm/v7\n    strategy:\n      matrix:\n        goarch: [arm64]\n';
    const { uri } = await open('.github/workflows/end.yml', 'github-actions-workflow', text);
    assert.ok(await client.hover(uri, positionOf(text, 'linux/amd64', 10)), 'on its last character');
    for (const [needle, delta] of [['linux/amd64', 11], ['linux/arm/v7', 12], ['arm64]', 5]] as const) {
      assert.equal(await client.hover(uri, positionOf(text, needle, delta)), null, `past ${needle}`);
    }
  });

  it('a goreleaser arch built in several goarm variants shows a card for each, and the goos it makes no Go pair with is not claimed (QA 281 B2)', async () => {
    const text = 'version: 2\nbuilds:\n  - goos:\n      - windows\n      - linux\n    goarch:\n      - amd64\n      - arm\n    goarm:\n      - 6\n      - 7\n';
    const { uri, diagnostics } = await open('.goreleaser.yml', 'yaml', text);
    assert.deepEqual(diagnostics.map((d) => d.code), ['removed-platform']);
    const md = markdown(await client.hover(uri, positionOf(text, '- arm', 3)));
    const heads = md.split('\n').filter((l) => l.startsWith('**')).map((l) => /^\*\*([^*]+)\*\*/.exec(l)?.[1]);
    assert.deepEqual(heads, ['linux/arm/v6', 'linux/arm/v7']);
    // Alone, the goos with no Go port for arm is what the hover says (its diagnostic too).
    const alone = 'builds:\n  - goos: [windows]\n    goarch: [arm, amd64]\n';
    const w = await open('.goreleaser.yml', 'yaml', alone);
    assert.match(markdown(await client.hover(w.uri, positionOf(alone, 'arm,', 1))), /^\*\*windows\/arm\*\* is not a valid Go platform/);
    // A port Go dropped (darwin/386) beside one it builds: only the one built is shown.
    const dropped = 'builds:\n  - goos: [darwin, linux]\n    goarch: [386, amd64]\n';
    const g = await open('.goreleaser.yml', 'yaml', dropped);
    assert.match(markdown(await client.hover(g.uri, positionOf(dropped, '386', 1))), /^\*\*linux\/386\*\* \(`386-linux`\): Kubernetes \*\*tier 2\*\*[^]*$/);
    assert.doesNotMatch(markdown(await client.hover(g.uri, positionOf(dropped, '386', 1))), /darwin\/386/);
  });
  it('a release archive named for a platform it is not published for says so, as its diagnostic and explain do (QA 298 B4)', async () => {
    const text = 'curl -LO https://dl.k8s.io/v1.31.0/kubernetes-server-darwin-amd64.tar.gz\ncurl -LO https://dl.k8s.io/v1.31.0/kubernetes-server-linux-amd64.tar.gz\n';
    const { uri } = await open('hover/archive.sh', 'shellscript', text);
    assert.match(markdown(await client.hover(uri, positionOf(text, 'kubernetes-server-darwin', 3))), /\n\nkubernetes-server is not listed for darwin\/amd64 in the Kubernetes release artifacts\.$/);
    assert.doesNotMatch(markdown(await client.hover(uri, positionOf(text, 'kubernetes-server-linux', 3))), /not listed/);
  });
  it('a GOARCH written as an alias with its variant names that variant, as its diagnostic does (QA 298 B5)', async () => {
    const text = 'GOOS=linux GOARCH=armv6 go build\n';
    const { uri } = await open('hover/alias.sh', 'shellscript', text);
    assert.match(markdown(await client.hover(uri, positionOf(text, 'armv6', 1))), /^\*\*armv6\*\* is not a Go architecture \(GOARCH\): Go writes it `GOARCH=arm GOARM=6`\.\n\n\*\*linux\/arm\/v6\*\*/);
  });
  it('a Kubernetes package being installed is hovered as a package too: the deb and rpm architectures (QA 145 N6)', async () => {
    const text = '#!/bin/sh\nsudo apt-get install -y \\\n  kubeadm=1.31.0-1.1 \\\n  kubernetes-cni\ndnf install -y kubelet-1.31.0\napt-mark hold kubeadm\n';
    const { uri } = await open('hover/packages.sh', 'shellscript', text);
    const kubeadm = await client.hover(uri, positionOf(text, 'kubeadm', 1));
    const md = markdown(kubeadm);
    // Tier 1 first, as everywhere.
    // (The source lists packages by architecture and names none: the package itself is not said to be published, QA 267 D1.)
    assert.match(md, /^\*\*kubeadm\*\*: installed as a package from pkgs\.k8s\.io, where the Kubernetes release publishes deb and rpm packages for linux\/amd64 \(deb `amd64`, rpm `x86_64`\), linux\/arm64 \(deb `arm64`, rpm `aarch64`\), .*\(the release artifacts list them by architecture, not by package\); Kubernetes release binary for linux\/amd64/);
    // The name only, not its version.
    assert.deepEqual(kubeadm!.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 9 } });
    assert.match(markdown(await client.hover(uri, positionOf(text, 'kubernetes-cni', 1))), /^\*\*kubernetes-cni\*\*: installed as a package from pkgs\.k8s\.io, where the Kubernetes release publishes deb and rpm packages for linux\/amd64 [^;]*$/);
    assert.match(markdown(await client.hover(uri, positionOf(text, 'kubelet', 1))), /^\*\*kubelet\*\*: installed as a package from pkgs\.k8s\.io, where/);
    assert.equal(await client.hover(uri, positionOf(text, '1.31.0-1.1', 1)), null);
    const zypper = '#!/bin/sh\nzypper in -y kubectl\n';
    const z = await open('hover/zypper.sh', 'shellscript', zypper);
    assert.match(markdown(await client.hover(z.uri, positionOf(zypper, 'kubectl', 1))), /^\*\*kubectl\*\*: installed as a package from pkgs\.k8s\.io, where/);
    // Not an install: a comment, echoed text (QA 148 N7).
    for (const line of ['# apt-get install -y kubectl', 'echo apt-get install -y kubectl']) {
      const t = `#!/bin/sh\n${line}\n`;
      const o = await open('hover/not-installed.sh', 'shellscript', t);
      const h = await client.hover(o.uri, positionOf(t, 'kubectl', 1));
      assert.ok(h === null || !markdown(h).includes('packages'), line);
    }
    // Not installed there: the release binary alone.
    assert.match(markdown(await client.hover(uri, positionOf(text, 'kubeadm', 1, 1))), /^\*\*kubeadm\*\*: Kubernetes release binary for /);
  });
  it('linux/s390x in a platforms list: tier 2 and the server images, range = the token', async () => {
    const text = 'jobs:\n  a:\n    steps:\n      - with:\n          platforms: linux/amd64,linux/s390x\n';
    const { uri } = await open('.github/workflows/h.yml', 'yaml', text);
    const pos = positionOf(text, 'linux/s390x', 3);
    const h = await client.hover(uri, pos);
    const md = markdown(h);
    assert.match(md, /linux\/s390x/);
    assert.match(md, /tier 2/);
    // What tier 2 promises: every criterion of the source document, not only the first, and its
    // paragraph after them as a paragraph, not a criterion (QA 276 B1).
    assert.match(md, /^- Official binary releases are provided/m);
    assert.match(md, /^- Automated testing is not or only partially set up\.\n\nIt may be possible that single features are not available/m);
    assert.match(md, /kube-apiserver/);
    assert.match(md, /kube-proxy/);
    assert.deepEqual(h!.range, { start: { line: 4, character: 33 }, end: { line: 4, character: 44 } });
  });

  it('a GOOS or GOARCH offered with no other half around it is documented as its hover reads it once written (QA 137 B4, B5)', async () => {
    for (const [name, value] of [['GOOS', 'aix'], ['GOOS', 'linux'], ['GOARCH', 'riscv64'], ['GOARCH', 's390x']]) {
      const { uri } = await open(`lone/${value}.sh`, 'shellscript', `${name}= go build\n`);
      const item = (await client.completion(uri, { line: 0, character: name.length + 1 })).find((i) => i.label === value);
      assert.ok(item, `${value} offered`);
      const written = `${name}=${value} go build\n`;
      const { uri: w } = await open(`lone/${value}-written.sh`, 'shellscript', written);
      assert.equal((item.documentation as MarkupContent).value, markdown(await client.hover(w, positionOf(written, value, 1))), value);
    }
  });

  it('an exported GOARCH=386 that a later GOOS=darwin build pairs with: darwin/386, as its diagnostic says (QA 134 H1)', async () => {
    const text = 'export GOARCH=386\necho hi\nGOOS=darwin go build\n';
    const { uri, diagnostics } = await open('hover/later.sh', 'shellscript', text);
    assert.deepEqual(diagnostics.map((d) => d.code), ['unknown-platform']);
    const md = markdown(await client.hover(uri, positionOf(text, '386', 1)));
    assert.match(md, /darwin\/386/);
    assert.doesNotMatch(md, /linux\/386/);
  });

  it('GOARCH=s390x beside GOOS=$X: no linux/s390x claimed, the GOOS is not known here', async () => {
    const text = 'GOOS=$X GOARCH=s390x go build\n';
    const { uri } = await open('hover/unknown-os.sh', 'shellscript', text);
    const md = markdown(await client.hover(uri, positionOf(text, 's390x', 1)));
    assert.match(md, /not known here/);
    assert.doesNotMatch(md, /read as linux/);
  });

  it('GOARCH=arm after GOOS=linux: the pair is removed, with the reason', async () => {
    const text = 'build:\n\tGOOS=linux GOARCH=arm go build\n';
    const { uri, diagnostics } = await open('hover/Makefile', 'makefile', text);
    assert.equal(diagnostics[0]?.code, 'removed-platform');
    const md = markdown(await client.hover(uri, positionOf(text, '=arm', 2)));
    assert.match(md, /removed/);
    assert.match(md, /linux\/arm/);
  });

  it('a lone GOARCH=arm: the hover is linux/arm, removed, with the reason and every link, as its diagnostic judges it', async () => {
    const text = 'export GOARCH=arm\nGOARCH=arm64 go build\n';
    const { uri, diagnostics } = await open('hover/lone-arm.sh', 'shellscript', text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['removed-platform', 0]]);
    const md = markdown(await client.hover(uri, positionOf(text, '=arm', 2)));
    assert.match(md, /^\*\*arm\*\* \(GOARCH\): the Kubernetes platform with this arch, linux\/arm, was removed/);
    assert.match(md, /Reason: Due to relocation problems/);
    for (const n of ['115742', '116492', '115738', '115675']) assert.ok(md.includes(n), n);
    // A lone arch of a tier: that platform's hover too, tier promise and artifacts (QA 114).
    const arm64 = markdown(await client.hover(uri, positionOf(text, 'arm64', 2)));
    assert.match(arm64, /^\*\*arm64\*\* \(GOARCH\): Kubernetes platforms linux\/arm64 \(tier 2\), .*\. With no GOOS set, it is read as linux\/arm64:/);
    assert.match(arm64, /\*\*linux\/arm64\*\*/);
    assert.match(arm64, /kubelet/);
  });

  it("the new readings hover as their diagnostics judge them: an environment's ARCH given after linux/, arm/v7 without an os, a bare arch in build-push-action's platforms", async () => {
    const text = 'env:\n  ARCH: arm\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: docker run --platform arm/v7 img && docker buildx build --platform linux/$ARCH .\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: amd64,s390x\n';
    const { uri, diagnostics } = await open('.github/workflows/hover-new.yml', 'yaml', text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['removed-platform', 1], ['removed-platform', 6]]);
    assert.match(markdown(await client.hover(uri, positionOf(text, 'arm\n', 1))), /linux\/arm\b.*removed/s);
    assert.match(markdown(await client.hover(uri, positionOf(text, 'arm/v7', 2))), /linux\/arm\/v7.*removed/s);
    assert.match(markdown(await client.hover(uri, positionOf(text, 's390x', 2))), /linux\/s390x/);
  });

  it('a lone GOARCH or GOOS Go does not have: the hover says what its diagnostic says', async () => {
    const text = 'GOARCH=amd46 go build ./...\npodman pull --os lnux alpine\n';
    const { uri, diagnostics } = await open('hover/lone.sh', 'shellscript', text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['unknown-platform', 0], ['unknown-platform', 1]]);
    assert.equal(markdown(await client.hover(uri, positionOf(text, 'amd46', 2))), '**amd46** is not a Go architecture (GOARCH); did you mean amd64?');
    assert.match(markdown(await client.hover(uri, positionOf(text, 'lnux', 2))), /^\*\*lnux\*\* is not a Go operating system \(GOOS\); did you mean linux/);
  });

  it('darwin/universal, which the diagnostics accept beside darwin, is a macOS universal binary on hover, not an invalid platform; a Kubernetes download of it is not listed (QA 129 B4)', async () => {
    const text = 'GOOS=darwin GOARCH=universal ./package.sh\ncurl -LO https://dl.k8s.io/release/v1.31.0/bin/darwin/universal/kubectl\n';
    const { uri, diagnostics } = await open('hover/universal.sh', 'shellscript', text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['unknown-platform', 1]]);
    assert.match(markdown(await client.hover(uri, positionOf(text, 'universal', 2))), /^\*\*darwin\/universal\*\*: a macOS universal binary/);
    assert.match(diagnostics[0].message, /a macOS universal binary, which the Kubernetes release artifacts do not list; it is listed for darwin\/amd64\.$/);
  });

  it('a token its context refuses: the hover says what its diagnostic says first, and no other verdict', async () => {
    const text = 'terraform providers lock -platform=linux_x86_64\n';
    const { uri, diagnostics } = await open('hover/lock.sh', 'shellscript', text);
    assert.deepEqual(diagnostics.map((d) => d.code), ['unknown-platform']);
    // The name alone would be linux/amd64's card; terraform takes Go's names only.
    assert.match(markdown(await client.hover(uri, positionOf(text, 'x86', 0))), /^\*\*linux_x86_64\*\* is not a valid Go platform; did you mean linux_amd64\?/);
    // On the half of a pair that is wrong, the pair its message names in bold (QA 206).
    const pair = 'GOOS=darwin GOARCH=386 go build\n';
    const p = await open('hover/pair.sh', 'shellscript', pair);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['unknown-platform']);
    assert.match(markdown(await client.hover(p.uri, positionOf(pair, '386', 1))), /^\*\*darwin\/386\*\* is not a valid Go platform \(a port Go removed in Go 1\.15\); did you mean darwin\/amd64, darwin\/arm64\?/);
    const gitlab = 'b:\n  parallel:\n    matrix:\n      - ARCH: [x86_64, armhf]\n  script:\n    - |\n      case "$ARCH" in\n        x86_64) GOARCH=amd64 ;;\n        *) GOARCH="$ARCH" ;;\n      esac\n      GOOS=linux GOARCH=$GOARCH go build\n';
    const g = await open('hover/.gitlab-ci.yml', 'yaml', gitlab);
    assert.deepEqual(g.diagnostics.map((d) => d.code), ['removed-platform']);
    const md = markdown(await client.hover(g.uri, positionOf(gitlab, 'armhf', 1)));
    assert.match(md, /linux\/arm\) was removed/);
    assert.doesNotMatch(md, /is not a Go architecture/);
  });

  it('arch: arm of a Drone platform mapping: the pair is removed, with the reason', async () => {
    const text = 'kind: pipeline\nplatform:\n  os: linux\n  arch: arm\n';
    const { uri, diagnostics } = await open('hover/.drone.yml', 'yaml', text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['removed-platform', 3, 8]]);
    assert.match(markdown(await client.hover(uri, positionOf(text, ': arm', 2))), /linux\/arm.*removed/s);
  });

  it('an arch with a variant Go lacks in a loop (QA 214 B5): the whole word bold, no tier card of the arch without it', async () => {
    const text = 'for a in amd64 amd64/v5; do docker build --platform linux/$a .; done\n';
    const { uri, diagnostics } = await open('hover/variant.sh', 'shellscript', text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.character, d.range.end.character]), [['unknown-platform', 15, 23]]);
    const md = markdown(await client.hover(uri, positionOf(text, 'v5')));
    assert.match(md, /^\*\*amd64\/v5\*\* \(linux\/amd64\/v5\) is not a valid Go platform: amd64 has no variant v5 \(its variants: v1 to v4\)/);
    assert.doesNotMatch(md, /tier 1/);
  });

  it('an OCI platform object: the hover names the variant the finding names; aarch64 there is read as container runtimes read it', async () => {
    const text = 'manifests:\n  - image: x\n    platform:\n      architecture: arm\n      os: linux\n      variant: v7\n  - image: y\n    platform:\n      architecture: aarch64\n      os: linux\n';
    const { uri, diagnostics } = await open('hover/manifest.yaml', 'yaml', text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [
      ['removed-platform', 'linux/arm/v7 was removed from the Kubernetes release (due to relocation problems on linking, breaking the build-master job); remove it.'],
      ['non-canonical-platform', 'aarch64 is not the canonical spelling here; write arm64.'],
    ]);
    assert.match(markdown(await client.hover(uri, { line: 3, character: 21 })), /linux\/arm\/v7.*removed/s);
    assert.match(markdown(await client.hover(uri, { line: 8, character: 21 })), /linux\/arm64.*tier 2/s);
  });

  it('an alias spelling explains the canonical platform', async () => {
    const text = 'FROM --platform=linux/aarch64 alpine\n';
    const { uri } = await open('hover/Dockerfile', 'dockerfile', text);
    assert.match(markdown(await client.hover(uri, positionOf(text, 'aarch64'))), /linux\/arm64.*tier 2/s);
  });

  it("a container tool's --arch alias (podman --arch aarch64): a hint, a hover on arm64 and a fix to arm64; GOARCH=aarch64 stays an error", async () => {
    const text = 'podman pull --os linux --arch aarch64 registry.k8s.io/pause:3.10\nGOARCH=aarch64 go build\n';
    const { uri, diagnostics } = await open('hover/arch-alias.sh', 'shellscript', text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['non-canonical-platform', 0, 30], ['unknown-platform', 1, 7]]);
    assert.match(markdown(await client.hover(uri, positionOf(text, 'aarch64', 2))), /linux\/arm64.*tier 2/s);
    const fix = (await client.codeActions(uri, diagnostics[0].range, [diagnostics[0]], ['quickfix'])).find((a) => a.isPreferred);
    assert.equal(applyEdits(text, editsFor(fix!.edit, uri)).split('\n')[0], 'podman pull --os linux --arch arm64 registry.k8s.io/pause:3.10');
  });

  it('artifact names: an image and an archive show where they are published', async () => {
    const text = 'image: registry.k8s.io/kube-proxy:v1.31.0\nurl: https://dl.k8s.io/v1.31.0/kubernetes-node-linux-386.tar.gz\n';
    const { uri } = await open('hover/a.yaml', 'yaml', text);
    const proxy = await client.hover(uri, positionOf(text, 'kube-proxy', 3));
    assert.match(markdown(proxy), /kube-proxy.*linux\/amd64/s);
    assert.deepEqual(proxy!.range, { start: { line: 0, character: 23 }, end: { line: 0, character: 33 } });
    assert.match(markdown(await client.hover(uri, positionOf(text, 'kubernetes-node', 12))), /kubernetes-node.*archive/s);
    const free = 'x: https://dl.k8s.io/v1.31.0/kubernetes-src.tar.gz\n';
    const { uri: fu } = await open('hover/free.yaml', 'yaml', free);
    assert.match(markdown(await client.hover(fu, positionOf(free, 'kubernetes-src', 3))), /kubernetes-src\.tar\.gz.*its name holds no platform, and the release artifacts list it under none/s);
    // The platform part of the archive name is a platform mention.
    assert.match(markdown(await client.hover(uri, positionOf(text, 'linux-386', 2))), /linux\/386/);
    // kubernetes-test.tar.gz is an archive of its own, not kubernetes-test-OS-ARCH.tar.gz.
    const test = 'x: https://dl.k8s.io/v1.31.0/kubernetes-test.tar.gz\n';
    const { uri: tu } = await open('hover/test-archive.yaml', 'yaml', test);
    const md = markdown(await client.hover(tu, positionOf(test, 'kubernetes-test', 3)));
    assert.match(md, /kubernetes-test\.tar\.gz.*its name holds no platform/s);
    assert.doesNotMatch(md, /linux\/amd64/);
  });

  it('an artifact name in a comment or as a variable name gets no hover; as a command it does (QA 152 B3)', async () => {
    const text = '#!/bin/sh\n# install kubectl first\nconformance=1\nsystemctl restart kubelet  # kubelet too\n';
    const { uri } = await open('hover/words.sh', 'shellscript', text);
    assert.equal(await client.hover(uri, positionOf(text, 'kubectl first', 2)), null);
    assert.equal(await client.hover(uri, positionOf(text, 'conformance', 2)), null);
    assert.match(markdown(await client.hover(uri, positionOf(text, 'kubelet  #', 2))), /^\*\*kubelet\*\*: Kubernetes release binary for /);
    assert.equal(await client.hover(uri, positionOf(text, 'kubelet too', 2)), null);
  });

  it('an unknown platform: the hover suggests what the diagnostic does, never a removed platform', async () => {
    const text = 'FROM --platform=linx/arm alpine\n';
    const { uri, diagnostics } = await open('hover/typo/Dockerfile', 'dockerfile', text);
    const md = markdown(await client.hover(uri, positionOf(text, 'linx/arm', 2)));
    assert.match(md, /did you mean linux\/arm64/);
    assert.doesNotMatch(md, /linux\/arm[,?]/);
    assert.match(diagnostics[0].message, /did you mean linux\/arm64/);
  });

  it('a no-break space inside a platform: the diagnostic and the hover show the platform as written, and name the character', async () => {
    const text = 'FROM --platform=linux\u00a0/arm64 alpine\n';
    const { uri, diagnostics } = await open('hover/nbsp/Dockerfile', 'dockerfile', text);
    assert.deepEqual(diagnostics.map((d) => d.code), ['unknown-platform']);
    assert.ok(diagnostics[0].message.startsWith('linux\u00a0/arm64 is not a valid Go platform (it has the character U+00A0'), diagnostics[0].message);
    const md = markdown(await client.hover(uri, positionOf(text, '/arm64')));
    assert.ok(md.includes('linux\u00a0/arm64'), md);
    assert.ok(!/[\ufdd0-\ufdef]/.test(md + diagnostics[0].message), 'no stand-in character shown');
  });

  it('no hover on plain words', async () => {
    const text = 'name: hello world\n';
    const { uri } = await open('hover/plain.yaml', 'yaml', text);
    assert.equal(await client.hover(uri, { line: 0, character: 8 }), null);
  });

  it('a platform an exclude or ignore entry names, or that an exclude leaves out: its card all the same, never in a comment (QA 121)', async () => {
    const text = 'builds:\n  - goos: [linux, darwin]\n    goarch: [amd64, arm64]\n    ignore:\n      - goos: darwin\n        goarch: arm64\n# - {goos: windows}\n';
    const { uri, diagnostics } = await open('hover/.goreleaser.yaml', 'yaml', text);
    assert.deepEqual(diagnostics, []);
    assert.match(markdown(await client.hover(uri, positionOf(text, 'darwin\n', 2))), /^\*\*darwin\*\* \(GOOS\)/);
    assert.match(markdown(await client.hover(uri, positionOf(text, 'arm64\n#', 2))), /^\*\*arm64\*\* \(GOARCH\)/);
    assert.equal(await client.hover(uri, positionOf(text, 'windows', 2)), null);
    const workflow = 'jobs:\n  a:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        platform: [linux/amd64, linux/arm/v7]\n        exclude:\n          - platform: linux/arm/v7\n    steps:\n      - run: docker buildx build --platform ${{ matrix.platform }} .\n';
    const wf = await open('hover/.github/workflows/x.yml', 'github-actions-workflow', workflow);
    assert.deepEqual(wf.diagnostics, []);
    assert.match(markdown(await client.hover(wf.uri, positionOf(workflow, 'linux/arm/v7]', 3))), /\*\*linux\/arm\/v7\*\*.*removed/s);
    assert.match(markdown(await client.hover(wf.uri, positionOf(workflow, 'linux/arm/v7\n', 3))), /\*\*linux\/arm\/v7\*\*.*removed/s);
    // A matrix's os and arch keys, as its job uses them (QA 123).
    const split = 'jobs:\n  b:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        os: [linux, windows]\n        arch: [amd64, s390x]\n        exclude:\n          - { os: windows, arch: s390x }\n    steps:\n      - run: GOOS=${{ matrix.os }} GOARCH=${{ matrix.arch }} go build\n';
    const sp = await open('hover/.github/workflows/split.yml', 'github-actions-workflow', split);
    assert.deepEqual(sp.diagnostics, []);
    assert.match(markdown(await client.hover(sp.uri, positionOf(split, 'windows, arch', 2))), /^\*\*windows\*\* \(GOOS\)/);
    assert.match(markdown(await client.hover(sp.uri, positionOf(split, 's390x }', 2))), /^\*\*s390x\*\* \(GOARCH\)/);
  });
});

describe('a matrix axis the job writes after its os (platforms: linux/${{ matrix.arch }})', () => {
  const text = `jobs:
  images:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        arch: [amd64, arm/v7, amd46]
    steps:
      - uses: docker/build-push-action@v6
        with:
          platforms: linux/\${{ matrix.arch }}
`;
  let uri: string;
  let diagnostics: Diagnostic[];
  before(async () => ({ uri, diagnostics } = await open('.github/workflows/axis.yml', 'github-actions-workflow', text)));

  it('finds the values as platforms of that os, on the values', () => {
    const line = text.split('\n')[5];
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line, line.slice(d.range.start.character, d.range.end.character)]),
      [['removed-platform', 5, 'arm/v7'], ['unknown-platform', 5, 'amd46']],
    );
    assert.match(diagnostics[0].message, /^linux\/arm\/v7 was removed/);
  });

  it('hover on arm/v7 names linux/arm/v7 and why it was removed', async () => {
    assert.match(markdown(await client.hover(uri, positionOf(text, 'arm/v7', 2))), /linux\/arm\/v7.*removed/s);
  });

  it('the fix for amd46: amd64 is in the axis already (the job writes linux/ before it), so the removal is the fix, not a respelling into a repeat', async () => {
    const d = diagnostics.find((x) => x.code === 'unknown-platform')!;
    const actions = await client.codeActions(uri, d.range, [d], ['quickfix']);
    assert.deepEqual(actions.filter((a) => a.title.startsWith('Replace')).map((a) => a.title), []);
    const preferred = actions.find((a) => a.isPreferred);
    assert.equal(preferred?.title, 'Remove amd46 from the list');
    assert.equal(applyEdits(text, editsFor(preferred!.edit, uri)).split('\n')[5], '        arch: [amd64, arm/v7]');
  });

  it('the fix for arm/v7 removes it from the axis', async () => {
    const d = diagnostics.find((x) => x.code === 'removed-platform')!;
    const actions = (await client.codeActions(uri, d.range, [d], ['quickfix'])).filter((a) => a.kind === 'quickfix');
    assert.equal(actions.length, 1);
    assert.equal(applyEdits(text, editsFor(actions[0].edit, uri)).split('\n')[5], '        arch: [amd64, amd46]');
  });

  it('completion in the axis offers the arches of that os, in the axis spelling', async () => {
    const l = labels(sorted(await client.completion(uri, positionOf(text, 'arch: [amd64, ', 'arch: [amd64, '.length))));
    assert.equal(l[0], 'arm64');
    assert.ok(!l.includes('amd64'), 'already in the list');
    assert.ok(!l.includes('arm'), 'linux/arm is removed');
    for (const a of ['386', 'ppc64le', 's390x']) assert.ok(l.includes(a), a);
    assert.ok(l.every((x) => !x.includes('/')), l.join(' '));
  });

  it("Docker's other arch names in the axis get the hint and its fix writes the canonical arch", async () => {
    const t = text.replace('[amd64, arm/v7, amd46]', '[x86_64, arm64]');
    const { uri: u, diagnostics: ds } = await open('.github/workflows/axis-alias.yml', 'github-actions-workflow', t);
    assert.deepEqual(ds.map((d) => [d.code, d.message]), [['non-canonical-platform', 'x86_64 is not the canonical spelling here; write amd64.']]);
    const fix = (await client.codeActions(u, ds[0].range, ds, ['quickfix'])).find((a) => a.isPreferred);
    assert.equal(applyEdits(t, editsFor(fix!.edit, u)).split('\n')[5], '        arch: [amd64, arm64]');
  });

  it('completion in an arch axis offers what builds with the os the job pairs it with, never wasm for linux', async () => {
    const t = `jobs:
  a:
    strategy:
      matrix:
        os: [linux, darwin]
        arch: [amd64, ]
        goarch: [amd64, ]
        include:
          - {image: agent, arch: }
    steps:
      - run: docker build --platform \${{ matrix.os }}/\${{ matrix.arch }} .
      - run: GOOS=linux GOARCH=\${{ matrix.goarch }} go build
`;
    const { uri: u } = await open('.github/workflows/os-axis.yml', 'github-actions-workflow', t);
    const both = labels(sorted(await client.completion(u, positionOf(t, 'arch: [amd64, ', 'arch: [amd64, '.length))));
    assert.deepEqual(both, ['arm64'], 'amd64 is there; arm64 is the other arch linux and darwin share');
    const linux = labels(sorted(await client.completion(u, positionOf(t, 'goarch: [amd64, ', 'goarch: [amd64, '.length))));
    assert.ok(linux.includes('s390x') && !linux.includes('wasm') && !linux.includes('arm'), linux.join(' '));
    const flow = labels(sorted(await client.completion(u, positionOf(t, 'arch: }', 'arch: '.length))));
    assert.ok(flow.includes('amd64') && flow.includes('arm64'), flow.join(' '));
  });

  it('completion in an include entry and an os axis; none where the job does not use the key in a platform', async () => {
    const t = `jobs:
  build:
    runs-on: \${{ matrix.runner }}
    strategy:
      matrix:
        goos: [linux]
        os: [darwin, ]
        runner: [ubuntu-latest, ]
        include:
          - image: agent
            arch: 
          - arch: amd64
    steps:
      - run: docker buildx build --platform linux/\${{ matrix.arch }} .
      - run: GOOS=\${{ matrix.os }} go build
  other:
    strategy:
      matrix:
        arch: [amd64, ]
    steps:
      - run: echo \${{ matrix.arch }}
`;
    const { uri: u } = await open('.github/workflows/include.yml', 'github-actions-workflow', t);
    const include = labels(sorted(await client.completion(u, positionOf(t, '            arch: ', '            arch: '.length))));
    assert.equal(include[0], 'amd64');
    assert.ok(!include.includes('arm'));
    const os = labels(sorted(await client.completion(u, positionOf(t, 'os: [darwin, ', 'os: [darwin, '.length))));
    assert.ok(os.includes('linux') && os.includes('windows') && !os.includes('darwin'), os.join(' '));
    assert.deepEqual(labels(await client.completion(u, positionOf(t, 'runner: [ubuntu-latest, ', 'runner: [ubuntu-latest, '.length))), []);
    assert.deepEqual(labels(await client.completion(u, positionOf(t, 'arch: [amd64, ', 'arch: [amd64, '.length))), [], 'the other job only echoes its arch');
  });
});

describe('code actions, applied to the text', () => {
  const text = `jobs:
  a:
    steps:
      - uses: docker/build-push-action@v6
        with:
          platforms: linux/x64,linux/amd64,linux/arm64,linux/x86_64,linux/arm64,linux/arm/v7
`;
  let uri: string;
  let diagnostics: Diagnostic[];
  before(async () => ({ uri, diagnostics } = await open('.github/workflows/fix.yml', 'github-actions-workflow', text)));

  const diag = (code: string, nth = 0) => {
    const d = diagnostics.filter((x) => x.code === code)[nth];
    assert.ok(d, `a ${code} diagnostic`);
    return d;
  };

  it('unknown linux/x64, whose suggestion linux/amd64 is listed already: its removal is the fix, attached to its diagnostic, not a respelling into a repeat', async () => {
    const d = diag('unknown-platform');
    const actions = (await client.codeActions(uri, d.range, [d])).filter((a) => a.kind === 'quickfix');
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Remove linux/x64 from the list', true]]);
    assert.deepEqual(actions[0].diagnostics, [d]);
    assert.match(d.message, /did you mean linux\/amd64\? It is in this list already: remove linux\/x64\.$/);
    assert.match(applyEdits(text, editsFor(actions[0].edit, uri)), /platforms: linux\/amd64,linux\/arm64,/);
    // Versioned edits: the client supports documentChanges.
    assert.deepEqual(actions[0].edit?.documentChanges?.[0] && 'textDocument' in actions[0].edit.documentChanges[0] ? actions[0].edit.documentChanges[0].textDocument : undefined, { uri, version: 1 });
  });

  it('removing the last item of a line of a list over lines keeps the line break (a define body, a continued make list) (QA 130 B7)', async () => {
    const t = 'define X_PLATFORMS\nlinux/amd64\nlinux/arm64 linux/arm\nlinux/s390x\nendef\nPLATFORMS := linux/amd64 linux/arm \\\n\tlinux/s390x\n';
    const { uri: u, diagnostics: ds } = await open('remove-eol/Makefile', 'makefile', t);
    assert.deepEqual(ds.map((d) => [d.code, d.range.start.line]), [['removed-platform', 2], ['removed-platform', 5]]);
    for (const [d, line, want] of [[ds[0], 2, 'linux/arm64'], [ds[1], 5, 'PLATFORMS := linux/amd64 \\']] as const) {
      const fix = (await client.codeActions(u, d.range, [d], ['quickfix'])).find((a) => a.title.startsWith('Remove'));
      assert.ok(fix, `a removal of line ${line}`);
      const after = applyEdits(t, editsFor(fix.edit, u)).split('\n');
      assert.equal(after[line], want);
      assert.equal(after.length, t.split('\n').length, 'no line joined');
    }
  });

  it('an unknown platform whose suggestion is not listed yet keeps the replacement preferred', async () => {
    const t = 'FROM --platform=linux/amd46 alpine\n';
    const { uri: u, diagnostics: ds } = await open('fix-amd46/Dockerfile', 'dockerfile', t);
    const actions = await client.codeActions(u, ds[0].range, [ds[0]]);
    assert.deepEqual(actions.filter((a) => a.isPreferred).map((a) => a.title), ['Replace with linux/amd64']);
    const list = 'docker buildx build --platform linux/arm64,linux/amd46 .\n';
    const l = await open('fix-amd46/build.sh', 'shellscript', list);
    const la = await client.codeActions(l.uri, l.diagnostics[0].range, [l.diagnostics[0]]);
    assert.deepEqual(la.filter((a) => a.isPreferred).map((a) => a.title), ['Replace with linux/amd64']);
  });

  it('duplicate → "Remove … from the list"', async () => {
    const d = diag('duplicate-platform', 1);
    const actions = (await client.codeActions(uri, d.range, [d], ['quickfix'])).filter((a) => a.kind === 'quickfix');
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, 'Remove linux/arm64 from the list');
    assert.equal(applyEdits(text, editsFor(actions[0].edit, uri)).split('\n')[5], '          platforms: linux/x64,linux/amd64,linux/arm64,linux/x86_64,linux/arm/v7');
  });

  it('the hint on an alias that is also a repeat (linux/x86_64 after linux/amd64) offers the removal, not a respelling into a plain repeat', async () => {
    const hint = diag('non-canonical-platform');
    const line = text.split('\n')[5];
    assert.equal(line.slice(hint.range.start.character, hint.range.end.character), 'linux/x86_64');
    const actions = (await client.codeActions(uri, hint.range, [hint], ['quickfix'])).filter((a) => a.kind === 'quickfix');
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Remove linux/x86_64 from the list', true]]);
    assert.deepEqual(actions[0].diagnostics, [hint]);
    assert.equal(applyEdits(text, editsFor(actions[0].edit, uri)).split('\n')[5], '          platforms: linux/x64,linux/amd64,linux/arm64,linux/arm64,linux/arm/v7');
  });

  it('a duplicate points at the first listing as related information, in the same document', async () => {
    const spelled = diag('duplicate-platform', 0);
    const repeat = diag('duplicate-platform', 1);
    const line = text.split('\n')[5];
    const at = (s: string) => ({ start: { line: 5, character: line.indexOf(s) }, end: { line: 5, character: line.indexOf(s) + s.length } });
    // linux/x86_64 repeats linux/amd64; the second linux/arm64 repeats the first.
    assert.deepEqual(spelled.relatedInformation, [{ location: { uri, range: at('linux/amd64') }, message: 'first listed here' }]);
    assert.deepEqual(repeat.relatedInformation, [{ location: { uri, range: at('linux/arm64') }, message: 'first listed here' }]);
    assert.equal(diag('unknown-platform').relatedInformation, undefined);
  });

  it('a platform that is the only value (FROM --platform=, a one-item list) gets no removal: it would leave the value empty', async () => {
    const t = 'FROM --platform=linux/arm/v7 alpine\n';
    const { uri: u, diagnostics: ds } = await open('single/Dockerfile', 'dockerfile', t);
    assert.deepEqual(ds.map((d) => d.code), ['removed-platform']);
    assert.deepEqual((await client.codeActions(u, ds[0].range, [ds[0]], ['quickfix'])).filter((a) => a.kind === 'quickfix'), []);
    const w = 'jobs:\n  a:\n    steps:\n      - with:\n          platforms:\n            - linux/arm/v7\n      - with:\n          platforms: [linux/amd64, linux/arm/v7]\n';
    const { uri: wu, diagnostics: wd } = await open('.github/workflows/single.yml', 'yaml', w);
    assert.deepEqual(wd.map((d) => `${d.code}@${d.range.start.line}`), ['removed-platform@5', 'removed-platform@7']);
    assert.equal((await client.codeActions(wu, wd[0].range, [wd[0]], ['quickfix'])).length, 0);
    const two = await client.codeActions(wu, wd[1].range, [wd[1]], ['quickfix']);
    assert.equal(applyEdits(w, editsFor(two[0].edit, wu)).split('\n')[7], '          platforms: [linux/amd64]');
  });

  it('a removed or unsupported value of a goarch/goos list → removed from that list', async () => {
    const t = 'builds:\n  - goos: [linux, freebsd]\n    goarch:\n      - amd64\n      - arm\n      - arm64\n';
    const { uri: u, diagnostics: ds } = await open('.goreleaser.yaml', 'yaml', t);
    const removed = ds.find((d) => d.code === 'removed-platform')!;
    const unsupported = ds.find((d) => d.code === 'unsupported-platform')!;
    // freebsd/arm is built from the same arm: an ignore entry leaves out linux/arm alone (preferred).
    const [ignoreArm, dropArm] = await client.codeActions(u, removed.range, [removed], ['quickfix']);
    assert.equal(ignoreArm.title, 'Ignore linux/arm in the build');
    assert.equal(applyEdits(t, editsFor(ignoreArm.edit, u)), `${t}    ignore:\n      - goos: linux\n        goarch: arm\n`);
    assert.equal(dropArm.title, 'Remove arm from the list (for every combination)');
    assert.equal(applyEdits(t, editsFor(dropArm.edit, u)), 'builds:\n  - goos: [linux, freebsd]\n    goarch:\n      - amd64\n      - arm64\n');
    const [dropFreebsd] = await client.codeActions(u, unsupported.range, [unsupported], ['quickfix']);
    assert.equal(applyEdits(t, editsFor(dropFreebsd.edit, u)).split('\n')[1], '  - goos: [linux]');
    const single = 'build:\n\tGOOS=linux GOARCH=arm go build\n';
    const { uri: su, diagnostics: sd } = await open('pair/Makefile', 'makefile', single);
    assert.deepEqual((await client.codeActions(su, sd[0].range, [sd[0]], ['quickfix'])).filter((a) => a.kind === 'quickfix'), [], 'a lone GOARCH= value is not a list');
  });

  it('removed linux/arm/v7 (last item) → removed with its separator', async () => {
    const d = diag('removed-platform');
    const actions = (await client.codeActions(uri, d.range, [d])).filter((a) => a.kind === 'quickfix');
    assert.equal(actions[0].title, 'Remove linux/arm/v7 from the list');
    assert.equal(applyEdits(text, editsFor(actions[0].edit, uri)).split('\n')[5], '          platforms: linux/x64,linux/amd64,linux/arm64,linux/x86_64,linux/arm64');
  });

  it('source.fixAll.k8s-platforms removes repeats but does not guess replacements', async () => {
    const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.k8s-platforms');
    const out = applyEdits(text, editsFor(actions[0].edit, uri));
    assert.equal(out.split('\n')[5], '          platforms: linux/x64,linux/amd64,linux/arm64,linux/arm/v7');
  });

  it('fixAll removes a run of repeats at the end of a list in one go', async () => {
    const w = 'jobs:\n  a:\n    steps:\n      - with:\n          platforms: linux/amd64, linux/arm64, linux/arm64, linux/arm64\n';
    const { uri: u, diagnostics: ds } = await open('.github/workflows/repeats.yml', 'yaml', w);
    assert.deepEqual(ds.map((d) => d.code), ['duplicate-platform', 'duplicate-platform']);
    const all = await client.codeActions(u, ds[0].range, [], ['source.fixAll']);
    assert.equal(applyEdits(w, editsFor(all[0].edit, u)).split('\n')[4], '          platforms: linux/amd64, linux/arm64');
  });

  it('fixAll canonicalises aliases in a Docker list', async () => {
    const t = 'FROM --platform=linux/x86_64 golang AS build\nFROM --platform=linux/aarch64 alpine\n';
    const { uri: u, diagnostics: ds } = await open('fix/Dockerfile', 'dockerfile', t);
    assert.deepEqual(ds.map((d) => d.code), ['non-canonical-platform', 'non-canonical-platform']);
    const quick = await client.codeActions(u, ds[0].range, [ds[0]], ['quickfix']);
    assert.equal(quick[0].title, 'Replace with linux/amd64');
    const all = await client.codeActions(u, ds[0].range, [], ['source.fixAll.k8s-platforms']);
    assert.equal(applyEdits(t, editsFor(all[0].edit, u)), 'FROM --platform=linux/amd64 golang AS build\nFROM --platform=linux/arm64 alpine\n');
  });

  it('a diagnostic from an older version gets no action', async () => {
    const t = 'FROM --platform=linux/x86_64 golang\n';
    const { uri: u, diagnostics: ds } = await open('stale/Dockerfile', 'dockerfile', t);
    client.change(u, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# hi\n' }]);
    await client.diagnosticsFor(u, 2);
    assert.deepEqual(await client.codeActions(u, ds[0].range, [ds[0]], ['quickfix']), []);
  });
});

describe('goreleaser anchors while typing', () => {
  it('an edit beside goarch: *a rejudges the anchored list in the other build, as a fresh server does (QA 116: a stale removed-platform)', async () => {
    const text = 'builds:\n  - id: one\n    goos: [linux]\n    goarch: &a [amd64, arm]\n    ignore:\n      - goos: linux\n        goarch: arm\n  - id: two\n    goos: [linux]\n    goarch: *a\n';
    const { uri, diagnostics } = await open('stale/.goreleaser.yaml', 'yaml', text);
    assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.code}`), ['3:removed-platform']);
    // `linux` → `linu` in build two: it no longer builds linux/arm; one's own ignore leaves that out.
    const at = text.indexOf('linux]\n    goarch: *a') + 4;
    const line = text.slice(0, at).split('\n').length - 1;
    const character = at - (text.lastIndexOf('\n', at - 1) + 1);
    client.change(uri, 2, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' }]);
    const live = await client.diagnosticsFor(uri, 2);
    const fresh = await open('fresh/.goreleaser.yaml', 'yaml', text.slice(0, at) + text.slice(at + 1));
    assert.deepEqual(live.map((d) => `${d.range.start.line}:${d.code}`), fresh.diagnostics.map((d) => `${d.range.start.line}:${d.code}`));
    assert.deepEqual(live.map((d) => `${d.range.start.line}:${d.code}`), ['8:unknown-platform']);
  });
});

describe("a pipeline's machine while typing (Drone's platform, Travis's os, Azure's pool)", () => {
  const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.code}`);
  /**
   * Opens `text`, whose machine is Windows and whose GOARCH at `line` is arm (windows/arm, unknown),
   * edits the machine's `windows` into `other`, and checks what is published equals a fresh
   * server's on the edited text: linux/arm, removed.
   */
  const switchMachine = async (path: string, text: string, other: string, line: number) => {
    const { uri, diagnostics } = await open(path, 'yaml', text);
    assert.deepEqual(codes(diagnostics), [`${line}:unknown-platform`]);
    const at = text.indexOf('windows');
    const l = text.slice(0, at).split('\n').length - 1;
    const character = at - (text.lastIndexOf('\n', at - 1) + 1);
    client.change(uri, 2, [{ range: { start: { line: l, character }, end: { line: l, character: character + 'windows'.length } }, text: other }]);
    const live = await client.diagnosticsFor(uri, 2);
    const fresh = await open(`fresh-${path}`, 'yaml', text.replace('windows', other));
    assert.deepEqual(codes(live), codes(fresh.diagnostics));
    assert.deepEqual(codes(live), [`${line}:removed-platform`]);
  };

  it("an edit of platform's os rejudges the GOARCH of the steps below, as a fresh server does", async () => {
    await switchMachine('drone/.drone.yml', 'kind: pipeline\nname: win\n\nplatform:\n  os: windows\n  arch: amd64\n\nsteps:\n  - name: build\n    image: golang\n    environment:\n      GOARCH: arm\n    commands: [go build]\n', 'linux', 11);
  });

  it("an edit of Travis's top-level os rejudges the jobs' GOARCH, as a fresh server does", async () => {
    await switchMachine('travis/.travis.yml', 'language: go\nos: windows\nenv:\n  - GOARCH=arm\nscript:\n  - go build ./...\n', 'linux', 3);
  });

  it("an edit of an Azure pipeline's top-level pool rejudges its steps' GOARCH, as a fresh server does", async () => {
    await switchMachine('azure/azure-pipelines.yml', 'pool:\n  vmImage: windows-latest\nsteps:\n  - script: go build ./...\n    env:\n      GOARCH: arm\n', 'ubuntu', 5);
  });

  it("a GOARCH typed in a step of a pipeline on Windows is windows's, as a fresh server says", async () => {
    const text = 'kind: pipeline\nname: win\n\nplatform:\n  os: windows\n  arch: amd64\n\nsteps:\n  - name: build\n    image: golang\n    environment:\n      CGO_ENABLED: "0"\n    commands: [go build]\n';
    const { uri, diagnostics } = await open('drone-typed/.drone.yml', 'yaml', text);
    assert.deepEqual(diagnostics, []);
    const at = text.indexOf('      CGO_ENABLED');
    const line = text.slice(0, at).split('\n').length - 1;
    client.change(uri, 2, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '      GOARCH: arm\n' }]);
    const live = await client.diagnosticsFor(uri, 2);
    assert.deepEqual(codes(live), [`${line}:unknown-platform`]);
    const fresh = await open('fresh-drone-typed/.drone.yml', 'yaml', text.slice(0, at) + '      GOARCH: arm\n' + text.slice(at));
    assert.deepEqual(codes(live), codes(fresh.diagnostics));
  });
});

describe('hover on a platform no scan reads', () => {
  it("answers on an exclude entry's value, a flow item, an ignore entry; not on prose, echo text or a comment (QA 291 B1)", async () => {
    const text = [
      'name: release linux/arm', // 0: prose
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    strategy:',
      '      matrix:',
      '        platform: [linux/amd64, linux/arm64]',
      '        exclude:',
      '          - platform: linux/arm/v7', // 9: a value left out
      '          - {platform: "linux/s390x", go: "1.22"}', // 10: a flow mapping's value
      '    steps:',
      '      - run: echo "linux/arm is no longer supported"', // 12: echo text
      '      - name: Build for linux/ppc64le and more', // 13: prose
      '        run: make # linux/riscv64', // 14: a comment
      '',
    ].join('\n');
    const { uri } = await open('.github/workflows/hover-prose.yml', 'github-actions-workflow', text);
    const at = (needle: string) => positionOf(text, needle, 3);
    const said = async (needle: string) => {
      const h = await client.hover(uri, at(needle));
      return h === null ? null : typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value.split('\n')[0] : String(h.contents);
    };
    assert.match((await said('linux/arm/v7')) ?? '', /linux\/arm\/v7/);
    assert.match((await said('linux/s390x')) ?? '', /linux\/s390x/);
    assert.equal(await said('linux/arm\n'), null);
    assert.equal(await said('linux/arm is'), null);
    assert.equal(await said('linux/ppc64le'), null);
    assert.equal(await said('linux/riscv64'), null);
  });
});
