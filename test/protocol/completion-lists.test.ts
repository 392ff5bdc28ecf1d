import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, editorCapabilities } from '../support/lspClient';

let client: LspClient;
before(async () => (client = await LspClient.start({ capabilities: editorCapabilities() })));
after(async () => client.stop());

let n = 0;
/** Completion at the `|` (or another `bar`) of a document typed as text (the bar is not part of it). */
async function completeAt(path: string, languageId: string, withBar: string, bar = '|'): Promise<string[]> {
  const at = withBar.indexOf(bar);
  const text = withBar.slice(0, at) + withBar.slice(at + bar.length);
  const before = text.slice(0, at).split('\n');
  const uri = `file:///virtual/lists/${++n}/${path}`;
  client.open(uri, languageId, text, 1);
  await client.diagnosticsFor(uri, 1);
  const items = await client.completion(uri, { line: before.length - 1, character: before[before.length - 1].length });
  return items.map((i) => i.label);
}

describe('completion in lists written one platform a line and in for loops', () => {
  it('a block scalar under platforms: (one platform a line) offers platforms, not linux/arm', async () => {
    const labels = await completeAt(
      '.github/workflows/images.yml',
      'yaml',
      'jobs:\n  a:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: |\n            linux/amd64\n            ‸\n            linux/s390x\n          push: true\n',
      '‸',
    );
    assert.ok(labels.includes('linux/arm64'), labels.join(' '));
    assert.ok(!labels.includes('linux/arm'));
    // The platforms on the block's other lines, above and below, are in the list already.
    assert.ok(!labels.includes('linux/amd64') && !labels.includes('linux/s390x'), labels.join(' '));
    assert.ok(labels.includes('linux/ppc64le'), labels.join(' '));
  });
  it("a block list under a name/value item's value: or default: offers what the name is (QA 114)", async () => {
    const tekton = await completeAt('.tekton/push.yaml', 'yaml', 'spec:\n  params:\n    - name: build-platforms\n      value:\n        - linux/amd64\n        - |\n');
    assert.ok(tekton.includes('linux/s390x') && !tekton.includes('linux/arm'), tekton.join(' '));
    const param = await completeAt('pipeline.yaml', 'yaml', 'spec:\n  params:\n    - name: PLATFORMS\n      type: array\n      default:\n        - |\n');
    assert.ok(param.includes('linux/arm64'), param.join(' '));
    const arches = await completeAt('job.yaml', 'yaml', 'spec:\n  env:\n    - name: GOARCH\n      value:\n        - |\n');
    assert.ok(arches.includes('s390x') && !arches.includes('linux/s390x'), arches.join(' '));
    // A list under another name is none.
    assert.deepEqual(await completeAt('job.yaml', 'yaml', 'spec:\n  env:\n    - name: FLAGS\n      value:\n        - |\n'), []);
  });
  it('a for loop over a platform variable offers platforms', async () => {
    const labels = await completeAt('hack/build.sh', 'shellscript', '#!/bin/sh\nfor platform in linux/amd64 |; do\n  echo "$platform"\ndone\n');
    assert.ok(labels.includes('linux/s390x'), labels.join(' '));
  });
  it('a for loop whose body uses its variable as a platform, an os or an arch offers those, whatever its name', async () => {
    // As the scanner reads the loop (QA 89: it reported linux/x here and offered nothing).
    const sh = (loop: string) => completeAt('hack/build.sh', 'shellscript', `#!/bin/sh\n${loop}\ndone\n`);
    assert.ok((await sh('for p in linux/amd64 linux/|; do\n  GOOS=${p%/*} GOARCH=${p#*/} go build ./...')).includes('linux/s390x'));
    assert.ok((await sh('for p in linux/amd64 |; do\n  docker buildx build --platform "$p" .')).includes('linux/arm64'));
    const arches = await sh('for a in amd64 |; do\n  GOOS=darwin GOARCH=$a go build ./...');
    assert.ok(arches.includes('arm64') && !arches.includes('s390x') && !arches.includes('amd64'), arches.join(' '));
    assert.ok((await sh('for o in linux |; do\n  GOOS="$o" go build ./...')).includes('windows'));
    const recipe = await completeAt('Makefile', 'makefile', 'img:\n\t@for p in linux/amd64 |; do \\\n\t\tdocker buildx build --platform $$p -t x . ; \\\n\tdone\n');
    assert.ok(recipe.includes('linux/arm64'), recipe.join(' '));
    // Given to another platform-ish variable: its values.
    assert.ok((await sh('for p in linux/amd64 |; do\n  KUBE_BUILD_PLATFORMS=$p make quick-release')).includes('linux/s390x'));
    // Given to a container tool's --platform after an os: the arches of that os, in the tool's spelling.
    const container = await sh('for a in amd64 |; do\n  docker buildx build --platform "linux/${a}" .');
    assert.ok(container.includes('arm64') && container.includes('s390x') && !container.includes('amd64') && !container.includes('arm'), container.join(' '));
    // A variable used otherwise, or only after its loop's done, is no platform.
    assert.deepEqual(await sh('for p in linux/amd64 |; do\n  echo "$p"\ndone\nGOOS=$p make'), []);
  });
  it("a Dockerfile stage's GOOS= offers every os: an earlier stage's ENV GOARCH is not in force after FROM", async () => {
    const stages = (between: string) => `FROM golang:1.23 AS s390x-tools\nENV GOARCH=s390x\nRUN go build ./...\n${between}RUN GOOS=| go build ./...\n`;
    const later = await completeAt('Dockerfile', 'dockerfile', stages('\nFROM golang:1.23 AS mac\n'));
    assert.ok(later.includes('darwin') && later.includes('windows'), later.join(' '));
    // In the same stage it is: only the oses that build s390x.
    assert.deepEqual(await completeAt('Dockerfile', 'dockerfile', stages('')), ['linux']);
  });
  it("setup-envtest's --os and --arch offer oses, and the arches of the os given (QA 94)", async () => {
    assert.ok((await completeAt('hack/envtest.sh', 'shellscript', 'setup-envtest use --os |\n')).includes('darwin'));
    assert.deepEqual((await completeAt('hack/envtest.sh', 'shellscript', 'bin/setup-envtest use --os=darwin --arch=|\n')).sort(), ['amd64', 'arm64']);
  });
  it('a variable a --platform takes offers what it takes there: platforms whole, arches after an os', async () => {
    const whole = await completeAt('hack/build.sh', 'shellscript', '#!/bin/sh\nTARGET_SET=|\ndocker buildx build --platform "$TARGET_SET" .\n');
    assert.ok(whole.includes('linux/arm64') && !whole.includes('linux/arm'), whole.join(' '));
    const arch = await completeAt('hack/build.sh', 'shellscript', '#!/bin/sh\nARCH=|\ndocker buildx build --platform "linux/${ARCH}" .\n');
    assert.ok(arch.includes('arm64') && arch.includes('s390x') && !arch.includes('arm') && !arch.includes('linux/arm64'), arch.join(' '));
    const make = await completeAt('Makefile', 'makefile', 'ARCH ?= |\n\nimage:\n\tdocker buildx build --platform linux/$(ARCH) .\n');
    assert.ok(make.includes('arm64') && !make.includes('arm'), make.join(' '));
    // A workflow's or a GitLab pipeline's environment that its scripts give to the flag.
    const env = await completeAt('.github/workflows/b.yml', 'yaml', 'env:\n  ARCH: |\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: docker buildx build --platform "linux/${ARCH}" .\n');
    assert.ok(env.includes('arm64') && !env.includes('arm') && !env.includes('linux/arm64'), env.join(' '));
    const variables = await completeAt('.gitlab-ci.yml', 'yaml', 'b:\n  variables:\n    TARGET_SET: |\n  script:\n    - docker buildx build --platform $TARGET_SET .\n');
    assert.ok(variables.includes('linux/arm64') && !variables.includes('linux/arm'), variables.join(' '));
    // A list of arches alone (ingress-nginx's PLATFORMS) goes on with arches, not platforms.
    const arches = await completeAt('Makefile', 'makefile', 'PLATFORMS ?= amd64 arm64 |\n');
    assert.ok(arches.includes('s390x') && !arches.includes('arm') && !arches.some((a) => a.includes('/')), arches.join(' '));
    // (Not where the scripts give it to nothing.)
    assert.deepEqual(await completeAt('.github/workflows/b.yml', 'yaml', 'env:\n  ARCH: |\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: echo "$ARCH"\n'), []);
  });
  it('a for loop over another variable offers nothing', async () => {
    assert.deepEqual(await completeAt('hack/build.sh', 'shellscript', '#!/bin/sh\nfor f in a.txt |; do\n  echo "$f"\ndone\n'), []);
  });
  it('linux/ as any YAML value offers arches, but not as a file path (path:, paths: items, working-directory:)', async () => {
    const workflow = (value: string) => `on:\n  push:\n    paths:\n      - docs/**\n${value}jobs: {}\n`;
    assert.ok((await completeAt('.github/workflows/a.yml', 'yaml', 'env:\n  DEFAULT: linux/|\n')).includes('linux/arm64'));
    assert.ok((await completeAt('.github/workflows/a.yml', 'yaml', 'variants:\n  - linux/amd64\n  - linux/|\n')).includes('linux/arm64'));
    assert.deepEqual(await completeAt('.github/workflows/a.yml', 'yaml', workflow('      - linux/|\n')), []);
    assert.deepEqual(await completeAt('.github/workflows/a.yml', 'yaml', 'steps:\n  - run: make\n    working-directory: linux/|\n'), []);
    assert.deepEqual(await completeAt('.github/workflows/a.yml', 'yaml', 'steps:\n  - uses: actions/upload-artifact@v4\n    with:\n      path: linux/|\n'), []);
  });
});

describe('completion in a YAML flow sequence written over lines', () => {
  const step = (lines: string) => `jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: [\n${lines}          ]\n`;
  /** The edit of `label` at the bar, and the labels offered. */
  async function offered(path: string, withBar: string, label: string): Promise<{ labels: string[]; newText?: string; replaced?: string }> {
    const at = withBar.indexOf('|');
    const text = withBar.slice(0, at) + withBar.slice(at + 1);
    const before = text.slice(0, at).split('\n');
    const uri = `file:///virtual/lists/${++n}/${path}`;
    client.open(uri, 'yaml', text, 1);
    await client.diagnosticsFor(uri, 1);
    const items = await client.completion(uri, { line: before.length - 1, character: before[before.length - 1].length });
    const edit = items.find((i) => i.label === label)?.textEdit;
    const row = text.split('\n')[before.length - 1];
    return { labels: items.map((i) => i.label), ...(edit && 'range' in edit ? { newText: edit.newText, replaced: row.slice(edit.range.start.character, edit.range.end.character) } : {}) };
  }

  it('a line of items offers platforms, not those above or below it; typed, the token is replaced', async () => {
    const last = await offered('.github/workflows/a.yml', step('            linux/amd64,\n            |\n'), 'linux/arm64');
    assert.equal(last.newText, 'linux/arm64', 'the last item needs no comma');
    assert.ok(!last.labels.includes('linux/amd64'), last.labels.join(' '));
    const typed = await offered('.github/workflows/a.yml', step('            linux/amd64, # the runner\n            # and\n            linux/|\n'), 'linux/arm64');
    assert.deepEqual([typed.newText, typed.replaced], ['linux/arm64', 'linux/']);
    assert.ok(typed.labels.every((l) => l.startsWith('linux/')) && !typed.labels.includes('linux/amd64'), typed.labels.join(' '));
  });

  it('an item on a line below gets a comma after the new one, else the two would be one scalar', async () => {
    const middle = await offered('.github/workflows/a.yml', step('            linux/amd64,\n            |\n\n            linux/s390x, # z\n            linux/386\n'), 'linux/arm64');
    assert.equal(middle.newText, 'linux/arm64,');
    assert.ok(!middle.labels.includes('linux/s390x') && !middle.labels.includes('linux/386') && !middle.labels.includes('linux/amd64'), middle.labels.join(' '));
  });

  it('matrix axes and goreleaser lists offer their names; after an item with no comma, nothing is offered', async () => {
    const arches = await offered('.github/workflows/a.yml', 'jobs:\n  b:\n    strategy:\n      matrix:\n        goarch: [amd64,\n          |]\n', 'arm64');
    assert.ok(arches.labels.includes('arm64') && !arches.labels.includes('amd64') && !arches.labels.includes('linux/arm64'), arches.labels.join(' '));
    const oses = await offered('.goreleaser.yml', 'builds:\n  - goos: [\n      linux,\n      |\n    ]\n    goarch: [amd64]\n', 'darwin');
    assert.ok(oses.labels.includes('darwin') && !oses.labels.includes('linux'), oses.labels.join(' '));
    assert.deepEqual((await offered('.github/workflows/a.yml', step('            linux/amd64\n            |\n'), 'linux/arm64')).labels, []);
    // A key of a mapping in the sequence is no item of it.
    assert.deepEqual((await offered('.github/workflows/a.yml', 'jobs:\n  b:\n    with:\n      platforms: [\n        linux/amd64,\n        name: |\n      ]\n', 'linux/arm64')).labels, []);
  });
});

describe('completion in a matrix axis the job writes after its os', () => {
  const job = (matrix: string, platforms: string) => `jobs:\n  build:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n${matrix}    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: ${platforms}\n`;
  it('a platform: axis used as linux/${{ matrix.platform }} offers arches, not linux/… (QA 93)', async () => {
    const labels = await completeAt('.github/workflows/a.yml', 'yaml', job('        platform: [amd64, |]\n', 'linux/${{ matrix.platform }}'));
    assert.ok(labels.includes('arm64') && !labels.some((l) => l.includes('/')), labels.join(' '));
  });
  it('a key of an axis of mappings offers what the job makes of it: arches after linux/ (QA 93)', async () => {
    const nested = await completeAt('.github/workflows/b.yml', 'yaml', job('        machine:\n          - platform: amd64\n            runner: ubuntu-latest\n          - platform: |\n', 'linux/${{ matrix.machine.platform }}'));
    assert.ok(nested.includes('arm64') && !nested.some((l) => l.includes('/')), nested.join(' '));
    const pair = await completeAt('.github/workflows/c.yml', 'yaml', job('        target:\n          - os: linux\n            arch: |\n', '${{ matrix.target.os }}/${{ matrix.target.arch }}'));
    assert.ok(pair.includes('s390x') && !pair.includes('arm'), pair.join(' '));
  });
  it('the same in flow mappings: on the axis line, in a block list, in an exclude entry (QA 94)', async () => {
    const target = '${{ matrix.target.os }}/${{ matrix.target.arch }}';
    const line = await completeAt('.github/workflows/d.yml', 'yaml', job('        machine: [{platform: amd64, runner: x}, {platform: |}]\n', 'linux/${{ matrix.machine.platform }}'));
    assert.ok(line.includes('arm64') && !line.some((l) => l.includes('/')), line.join(' '));
    assert.deepEqual((await completeAt('.github/workflows/e.yml', 'yaml', job('        target:\n          - {os: darwin, arch: |}\n', target))).sort(), ['amd64', 'arm64']);
    assert.deepEqual((await completeAt('.github/workflows/f.yml', 'yaml', job('        target: [{os: darwin, arch: |}]\n', target))).sort(), ['amd64', 'arm64']);
    assert.ok((await completeAt('.github/workflows/g.yml', 'yaml', job('        target: [{os: linux, arch: amd64}, {os: |}]\n', target))).includes('windows'));
    const excluded = await completeAt('.github/workflows/h.yml', 'yaml', job('        machine: [{platform: amd64}]\n        exclude:\n          - machine: {platform: |}\n', 'linux/${{ matrix.machine.platform }}'));
    assert.ok(excluded.includes('arm64') && !excluded.some((l) => l.includes('/')), excluded.join(' '));
  });
});

describe("completion of a step's env GOARCH with the GOOS of its job", () => {
  it('takes the job env around the step, over the workflow env (QA 91: it took the workflow one, or none)', async () => {
    const job = await completeAt('.github/workflows/a.yml', 'yaml', 'jobs:\n  a:\n    env:\n      GOOS: darwin\n    steps:\n      - env:\n          GOARCH: |\n');
    assert.deepEqual(job.sort(), ['amd64', 'arm64']);
    const over = await completeAt('.github/workflows/b.yml', 'yaml', 'env:\n  GOOS: darwin\njobs:\n  a:\n    env:\n      GOOS: linux\n    steps:\n      - env:\n          GOARCH: |\n');
    assert.ok(over.includes('s390x'), over.join(' '));
  });
});

describe('completion of an arch beside its GOOS in a list of mappings', () => {
  it('a GitLab matrix entry takes the GOOS of its own entry, not of the next or the one before', async () => {
    const matrix = (entry: string) => `build:\n  parallel:\n    matrix:\n      - GOOS: freebsd\n        GOARCH: amd64\n${entry}      - GOOS: [freebsd, openbsd]\n        GOARCH: riscv64\n`;
    // darwin and windows have no riscv64 or arm (Go 1.26), and darwin no 386: only what both build is offered.
    const labels = await completeAt('.gitlab-ci.yml', 'yaml', matrix('      - GOOS: [windows]\n        GOARCH: [amd64, arm64, |]\n'));
    assert.ok(labels.includes('386'), labels.join(' '));
    assert.ok(!labels.includes('riscv64') && !labels.includes('arm'), labels.join(' '));
    assert.deepEqual(await completeAt('.gitlab-ci.yml', 'yaml', matrix('      - GOOS: [darwin, windows]\n        GOARCH: [amd64, arm64, |]\n')), []);
    // The GOARCH key first, its GOOS after it in the same entry.
    const after = await completeAt('.gitlab-ci.yml', 'yaml', matrix('      - GOARCH: [amd64, |]\n        GOOS: [darwin]\n'));
    assert.ok(after.includes('arm64') && !after.includes('riscv64'), after.join(' '));
  });
  it('a workflow matrix axis takes the GOOS written beside it in a step env, a CircleCI command argument its executor\'s', async () => {
    // `GOOS: windows` beside `GOARCH: ${{ matrix.arch }}`: the axis is windows' (no riscv64, no s390x).
    const axis = await completeAt('.github/workflows/a.yml', 'yaml', 'on: push\njobs:\n  b:\n    strategy:\n      matrix:\n        arch: [arm64, |]\n    steps:\n      - env:\n          GOOS: windows\n          GOARCH: ${{ matrix.arch }}\n        run: go build\n');
    assert.ok(axis.includes('386') && !axis.includes('riscv64') && !axis.includes('s390x'), axis.join(' '));
    const circle = await completeAt('.circleci/config.yml', 'yaml', 'version: 2.1\nexecutors:\n  mac:\n    macos: {xcode: 15.4.0}\n    environment:\n      GOOS: darwin\njobs:\n  b:\n    executor: mac\n    steps:\n      - cross-build:\n          goarch: |\n');
    assert.deepEqual(circle.sort(), ['amd64', 'arm64']);
  });
});

describe('completion in Makefiles', () => {
  it('a make variable takes a space-separated list; a recipe line is shell, where a value ends at a space', async () => {
    const variable = await completeAt('Makefile', 'makefile', 'PLATFORMS := linux/amd64 |\n');
    assert.ok(variable.includes('linux/arm64'), variable.join(' '));
    // After the word GOARCH and after `go`: not an assignment value, nothing to offer.
    assert.deepEqual(await completeAt('Makefile', 'makefile', 'build:\n\tGOOS=linux GOARCH|=amd64 go build ./...\n'), []);
    assert.deepEqual(await completeAt('Makefile', 'makefile', 'build:\n\tGOOS=linux GOARCH=amd64 go| build ./...\n'), []);
    const arch = await completeAt('Makefile', 'makefile', 'build:\n\tGOOS=linux GOARCH=| go build ./...\n');
    assert.ok(arch.includes('amd64') && arch.includes('arm64'), arch.join(' '));
  });
});

/** Completion at the `|`: each item's label and the text its edit replaces. */
async function completeEdits(path: string, languageId: string, withBar: string): Promise<{ labels: string[]; replaced: string[] }> {
  const at = withBar.indexOf('|');
  const text = withBar.slice(0, at) + withBar.slice(at + 1);
  const before = text.slice(0, at).split('\n');
  const uri = `file:///virtual/lists/${++n}/${path}`;
  client.open(uri, languageId, text, 1);
  await client.diagnosticsFor(uri, 1);
  const items = await client.completion(uri, { line: before.length - 1, character: before[before.length - 1].length });
  const lines = text.split('\n');
  const replaced = items.map((i) => {
    const r = (i.textEdit as { range: { start: { line: number; character: number }; end: { line: number; character: number } } }).range;
    assert.equal(r.start.line, r.end.line);
    return lines[r.start.line].slice(r.start.character, r.end.character);
  });
  return { labels: items.map((i) => i.label), replaced };
}

describe('completion in Kubernetes release URLs and archive names', () => {
  it('the arch segment of a dl.k8s.io URL offers the arches the named binary is published for, and replaces that segment only', async () => {
    const run = (line: string) => `jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${line}\n`;
    const kubelet = await completeEdits('.github/workflows/tools.yml', 'yaml', run('curl -LO https://dl.k8s.io/release/v1.31.0/bin/linux/|/kubelet'));
    assert.deepEqual(kubelet.labels, ['amd64', 'arm64', 'ppc64le', 's390x']);
    assert.deepEqual(new Set(kubelet.replaced), new Set(['']));
    // kubectl is also published for linux/386; the typed segment `amd64` is what an item replaces.
    const kubectl = await completeEdits('.github/workflows/tools.yml', 'yaml', run('curl -LO https://dl.k8s.io/release/v1.31.0/bin/linux/am|d64/kubectl'));
    assert.deepEqual(kubectl.labels, ['amd64', 'arm64', '386', 'ppc64le', 's390x']);
    assert.deepEqual(new Set(kubectl.replaced), new Set(['amd64']));
  });
  it('the os segment offers the oses that have the binary in the arch written after it; darwin has no arm64 binaries', async () => {
    const exe = await completeEdits('Dockerfile', 'dockerfile', 'FROM alpine\nADD https://dl.k8s.io/v1.31.0/bin/|/amd64/kubectl.exe /kubectl.exe\n');
    assert.deepEqual(exe.labels, ['windows']);
    const any = await completeEdits('hack/get.sh', 'shellscript', '#!/bin/sh\ncurl -LO https://dl.k8s.io/release/v1.31.0/bin/|\n');
    assert.deepEqual(any.labels, ['linux', 'darwin', 'windows']);
    const darwin = await completeEdits('hack/get.sh', 'shellscript', '#!/bin/sh\ngsutil cp gs://kubernetes-release/release/v1.31.0/bin/darwin/| .\n');
    assert.deepEqual(darwin.labels, ['amd64']);
    const bucket = await completeEdits('hack/get.sh', 'shellscript', '#!/bin/sh\ncurl -LO https://storage.googleapis.com/kubernetes-release/release/v1.31.0/bin/linux/|/kubelet\n');
    assert.deepEqual(bucket.labels, ['amd64', 'arm64', 'ppc64le', 's390x']);
  });
  it('a URL of another host or bucket, or one in a comment, offers nothing', async () => {
    assert.deepEqual((await completeEdits('hack/get.sh', 'shellscript', '#!/bin/sh\ncurl -LO https://example.com/release/v1/bin/linux/|\n')).labels, []);
    assert.deepEqual((await completeEdits('hack/get.sh', 'shellscript', '#!/bin/sh\ngsutil cp gs://my-bucket/release/v1/bin/linux/| .\n')).labels, []);
    assert.deepEqual((await completeEdits('hack/get.sh', 'shellscript', '#!/bin/sh\ncurl -LO https://storage.googleapis.com/my-bucket/release/v1/bin/linux/|\n')).labels, []);
    assert.deepEqual((await completeEdits('hack/get.sh', 'shellscript', '#!/bin/sh\n# curl -LO https://dl.k8s.io/release/v1/bin/linux/|\n')).labels, []);
  });
  it('a release archive name offers the platforms that archive is published for', async () => {
    // With no os written yet, the whole platform in the archive's spelling: a bare os would leave a name no release has.
    assert.deepEqual((await completeEdits('hack/get.sh', 'shellscript', '#!/bin/sh\ncurl -LO https://dl.k8s.io/v1.31.0/kubernetes-server-|\n')).labels, ['linux-amd64', 'linux-arm64', 'linux-ppc64le', 'linux-s390x']);
    const whole = await completeEdits('hack/get.sh', 'shellscript', '#!/bin/sh\ncurl -LO https://dl.k8s.io/v1.31.0/kubernetes-client-|.tar.gz\n');
    assert.deepEqual(whole.labels, ['linux-amd64', 'linux-arm64', 'linux-386', 'linux-ppc64le', 'linux-s390x', 'darwin-amd64', 'windows-amd64', 'windows-386']);
    const client = await completeEdits('hack/get.sh', 'shellscript', '#!/bin/sh\ncurl -LO https://dl.k8s.io/v1.31.0/kubernetes-client-windows-|.tar.gz\n');
    assert.deepEqual(client.labels, ['amd64', '386']);
    assert.deepEqual((await completeEdits('Makefile', 'makefile', 'get:\n\ttar xf kubernetes-node-|-amd64.tar.gz\n')).labels, ['linux', 'windows']);
  });
});

describe('positions an editor does not send', () => {
  it('past the end of a line or the document: no completion and no hover, and the server keeps answering', async () => {
    const uri = `file:///virtual/lists/${++n}/.github/workflows/a.yml`;
    const text = 'jobs:\n  a:\n    steps:\n      - run: docker buildx build --platform linux/\n';
    client.open(uri, 'yaml', text, 1);
    await client.diagnosticsFor(uri, 1);
    const line = 3;
    const end = text.split('\n')[line].length;
    assert.ok((await client.completion(uri, { line, character: end })).length > 0, 'at the end of the line');
    for (const position of [{ line, character: end + 1 }, { line: 99, character: 0 }, { line: 0, character: 2 ** 53 }]) {
      assert.deepEqual(await client.completion(uri, position), [], JSON.stringify(position));
      assert.equal(await client.hover(uri, position), null, JSON.stringify(position));
    }
  });

  it('params not of the LSP shape: InvalidParams that says what is missing, and no error in the log', async () => {
    const uri = `file:///virtual/lists/${++n}/Dockerfile`;
    client.open(uri, 'dockerfile', 'FROM --platform=linux/arm alpine\n', 1);
    await client.diagnosticsFor(uri, 1);
    const logged = client.logs.length;
    const at = { line: 0, character: 20 };
    const cases: [string, unknown, string][] = [
      ['textDocument/hover', {}, 'textDocument/hover needs textDocument.uri, a string'],
      ['textDocument/hover', { textDocument: { uri } }, 'textDocument/hover needs position, with a line and a character of 0 or more'],
      ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 0 } }, 'textDocument/hover needs position'],
      ['textDocument/completion', { textDocument: {}, position: at }, 'textDocument/completion needs textDocument.uri'],
      ['textDocument/completion', { textDocument: { uri }, position: { line: '0', character: 1.5 } }, 'textDocument/completion needs position'],
      ['textDocument/codeAction', { textDocument: { uri }, context: { diagnostics: [] } }, 'textDocument/codeAction needs range, with a start and an end position'],
      ['textDocument/diagnostic', { textDocument: 5 }, 'textDocument/diagnostic needs textDocument.uri'],
    ];
    for (const [method, params, message] of cases) {
      await assert.rejects(client.conn.sendRequest(method, params), (e: { code?: number; message?: string }) => e.code === -32602 && e.message?.startsWith(`k8s-platforms: ${message}`) === true, `${method} ${JSON.stringify(params)}`);
    }
    // `"params": null` was an InternalError: vscode-languageserver read a field of it first (QA 157 N1).
    for (const [method, message] of [
      ['textDocument/hover', 'textDocument/hover needs textDocument.uri, a string'],
      ['textDocument/completion', 'textDocument/completion needs textDocument.uri'],
      ['textDocument/codeAction', 'textDocument/codeAction needs textDocument.uri'],
      ['workspace/executeCommand', 'unknown command'],
    ]) {
      const { error } = await client.rawRequest(method, null);
      assert.equal(error?.code, -32602, `${method}: ${JSON.stringify(error)}`);
      assert.ok(error.message.startsWith(`k8s-platforms: ${message}`), error.message);
    }
    // Well-formed params still get answers.
    assert.ok(await client.hover(uri, at));
    assert.deepEqual(client.logs.slice(logged).filter((l) => l.type === 1), []);
  });

  it('a malformed didOpen opens nothing and says why; a malformed codeAction/resolve is answered (QA 157 N2)', async () => {
    const uri = `file:///virtual/lists/${++n}/Dockerfile`;
    const logged = client.logs.length;
    client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 5 } });
    assert.deepEqual(await client.rawRequest('codeAction/resolve', null), { result: {} });
    assert.equal(await client.hover(uri, { line: 0, character: 0 }), null);
    const errors = client.logs.slice(logged).filter((l) => l.type === 1).map((l) => l.message);
    assert.deepEqual(errors, ['k8s-platforms: malformed didOpen: textDocument.text is not a string; the document is not opened']);
  });
});

describe('what an accepted item replaces', () => {
  const text = 'jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: linux/amd64,linux/s390x\n';
  const line = 5;
  const afterComma = '          platforms: linux/amd64,'.length;
  it('at the start of an item, an item is inserted and the item after the cursor kept', async () => {
    const uri = `file:///virtual/lists/${++n}/.github/workflows/images.yml`;
    client.open(uri, 'yaml', text, 1);
    await client.diagnosticsFor(uri, 1);
    const items = await client.completion(uri, { line, character: afterComma });
    const edit = items.find((i) => i.label === 'linux/arm64')?.textEdit;
    assert.ok(edit && 'range' in edit, JSON.stringify(edit));
    assert.deepEqual(edit.range, { start: { line, character: afterComma }, end: { line, character: afterComma } });
  });
  it('a letter typed before an item is replaced, and the item kept', async () => {
    const uri = `file:///virtual/lists/${++n}/.github/workflows/images.yml`;
    client.open(uri, 'yaml', text.replace(',linux/s390x', ',llinux/s390x'), 1);
    await client.diagnosticsFor(uri, 1);
    const items = await client.completion(uri, { line, character: afterComma + 1 });
    const edit = items.find((i) => i.label === 'linux/arm64')?.textEdit;
    assert.ok(edit && 'range' in edit, JSON.stringify(edit));
    assert.deepEqual(edit.range, { start: { line, character: afterComma }, end: { line, character: afterComma + 1 } });
    // A new item, with the list's separator before the one kept: not linux/arm64linux/s390x.
    assert.equal(edit.newText, 'linux/arm64,');
  });
  it('inside a token, the whole token is replaced, also for a client that takes InsertReplaceEdit (QA 274: VS Code\'s default insert mode left `linux/amd64r`)', async () => {
    const typo = text.replace('linux/s390x', 'linux/s390y');
    const at = afterComma + 'linux/s3'.length;
    for (const insertReplaceSupport of [false, true]) {
      const c = await LspClient.start({ capabilities: { ...editorCapabilities(), textDocument: { ...editorCapabilities().textDocument, completion: { completionItem: { insertReplaceSupport } } } } });
      try {
        const uri = `file:///virtual/lists/${++n}/.github/workflows/images.yml`;
        c.open(uri, 'yaml', typo, 1);
        await c.diagnosticsFor(uri, 1);
        const edit = (await c.completion(uri, { line, character: at })).find((i) => i.label === 'linux/s390x')?.textEdit;
        const whole = { start: { line, character: afterComma }, end: { line, character: afterComma + 'linux/s390y'.length } };
        assert.deepEqual(edit, { newText: 'linux/s390x', range: whole });
        // At an item's start: a new item before it, with the list's separator, whatever the client's
        // setting (inserted, the label would glue to the item; replacing, it would drop it: QA 145 B1).
        const before = (await c.completion(uri, { line, character: afterComma })).find((i) => i.label === 'linux/arm64')?.textEdit;
        assert.deepEqual(before, { newText: 'linux/arm64,', range: { start: whole.start, end: whole.start } });
      } finally {
        await c.stop();
      }
    }
  });
});

describe('an item accepted before an item (QA 145 B1)', () => {
  /** The line of `withBar` with the item `label` accepted at the bar. */
  async function accepted(path: string, languageId: string, withBar: string, label: string): Promise<string> {
    const at = withBar.indexOf('‸');
    const text = withBar.slice(0, at) + withBar.slice(at + 1);
    const lines = text.slice(0, at).split('\n');
    const line = lines.length - 1;
    const uri = `file:///virtual/lists/${++n}/${path}`;
    client.open(uri, languageId, text, 1);
    await client.diagnosticsFor(uri, 1);
    const items = await client.completion(uri, { line, character: lines[line].length });
    const edit = items.find((i) => i.label === label)?.textEdit;
    assert.ok(edit && 'range' in edit, `${label} at ${JSON.stringify(withBar)}: ${JSON.stringify(edit)} of ${items.map((i) => i.label).join(' ')}`);
    const row = text.split('\n')[line];
    assert.equal(edit.range.start.line, line);
    return row.slice(0, edit.range.start.character) + edit.newText + row.slice(edit.range.end.character);
  }
  /** Each case's line with its item accepted, as expected: [path, languageId, withBar, label, line]. */
  async function acceptedAs(cases: [string, string, string, string, string][]): Promise<void> {
    for (const [path, lang, text, label, line] of cases) assert.equal(await accepted(path, lang, text, label), line, text);
  }
  const step = (value: string) => `jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: ${value}\n`;
  it('in a comma list, a new item with the separator the list uses; the item after the cursor is not offered again', async () => {
    assert.equal(await accepted('.github/workflows/a.yml', 'yaml', step('linux/amd64, ‸linux/s390x'), 'linux/arm64'), '          platforms: linux/amd64, linux/arm64, linux/s390x');
    assert.equal(await accepted('.github/workflows/a.yml', 'yaml', step('‸linux/s390x,linux/amd64'), 'linux/arm64'), '          platforms: linux/arm64,linux/s390x,linux/amd64');
    assert.equal(await accepted('b.sh', 'shellscript', '#!/bin/sh\ndocker buildx build --platform=linux/amd64,‸linux/s390x .\n', 'linux/arm64'), 'docker buildx build --platform=linux/amd64,linux/arm64,linux/s390x .');
    assert.equal(await accepted('b.sh', 'shellscript', '#!/bin/sh\ndocker buildx build --platform "‸linux/amd64,linux/arm64" .\n', 'linux/386'), 'docker buildx build --platform "linux/386,linux/amd64,linux/arm64" .');
    assert.equal(await accepted('.github/workflows/a.yml', 'yaml', 'jobs:\n  b:\n    strategy:\n      matrix:\n        goos: [‸darwin]\n        goarch: [amd64]\n', 'windows'), '        goos: [windows, darwin]');
    // (Only one comma copied from `,,`.)
    assert.equal(await accepted('Makefile', 'makefile', 'PLATFORMS ?= linux/amd64,,‸linux/s390x\n', 'linux/arm64'), 'PLATFORMS ?= linux/amd64,,linux/arm64,linux/s390x');
    const labels = await completeAt('.github/workflows/a.yml', 'yaml', step('linux/amd64,‸linux/s390x'), '‸');
    assert.ok(labels.includes('linux/arm64') && !labels.includes('linux/s390x'), labels.join(' '));
  });
  it('anywhere else the item is replaced: lone values, a list\'s first word, block sequences, quoted items, templates (QA 147 B1-B3, QA 148 B1)', async () => {
    const cases: [string, string, string, string, string][] = [
      ['Makefile', 'makefile', 'build:\n\tGOOS=‸linux go build ./...\n', 'darwin', '\tGOOS=darwin go build ./...'],
      ['Makefile', 'makefile', 'build:\n\tGOOS=l‸linux go build ./...\n', 'darwin', '\tGOOS=darwin go build ./...'],
      ['Makefile', 'makefile', 'build:\n\tGOOS=linux GOARCH=‸amd64 go build\n', 'arm64', '\tGOOS=linux GOARCH=arm64 go build'],
      ['Dockerfile', 'dockerfile', 'FROM --platform=‸linux/amd64 alpine\n', 'linux/arm64', 'FROM --platform=linux/arm64 alpine'],
      ['Dockerfile', 'dockerfile', 'FROM --platform=l‸linux/amd64 alpine\n', 'linux/arm64', 'FROM --platform=linux/arm64 alpine'],
      ['compose.yaml', 'yaml', 'services:\n  a:\n    platform: ‸linux/amd64\n', 'linux/arm64', '    platform: linux/arm64'],
      ['.github/workflows/a.yml', 'yaml', step('‸linux/s390x'), 'linux/arm64', '          platforms: linux/arm64'],
      // A word after the flag is another argument: `--platform linux/s390x linux/amd64` would make it one.
      ['b.sh', 'shellscript', '#!/bin/sh\ndocker buildx build --platform ‸linux/amd64 .\n', 'linux/s390x', 'docker buildx build --platform linux/s390x .'],
      ['Makefile', 'makefile', 'PLATFORMS ?= ‸linux/amd64 \\\n\tlinux/s390x\n', 'linux/arm64', 'PLATFORMS ?= linux/arm64 \\'],
      ['.goreleaser.yaml', 'yaml', 'builds:\n  - goos:\n      - linux\n    goarch:\n      - amd64\n      - ‸arm64\n', 's390x', '      - s390x'],
      ['.github/workflows/a.yml', 'yaml', 'jobs:\n  b:\n    strategy:\n      matrix:\n        platform: [ "linux/amd64", "‸linux/arm64" ]\n', 'linux/s390x', '        platform: [ "linux/amd64", "linux/s390x" ]'],
      ['b.sh', 'shellscript', '#!/bin/sh\nPLATFORMS=("linux/amd64" "‸linux/arm64")\n', 'linux/386', 'PLATFORMS=("linux/amd64" "linux/386")'],
      // A template or a quoted value right after the cursor: replaced, not glued to.
      ['Dockerfile', 'dockerfile', 'FROM --platform=‸$BUILDPLATFORM alpine\n', 'linux/arm64', 'FROM --platform=linux/arm64 alpine'],
      ['Dockerfile', 'dockerfile', 'FROM --platform=‸"linux/amd64" alpine\n', 'linux/arm64', 'FROM --platform=linux/arm64 alpine'],
      ['Dockerfile', 'dockerfile', 'RUN GOOS=linux GOARCH=‸$TARGETARCH go build\n', 'arm64', 'RUN GOOS=linux GOARCH=arm64 go build'],
      // Taken whole: GitHub expressions, nested defaults, backticks (QA 148 B1).
      ['.github/workflows/a.yml', 'yaml', step('‸${{ matrix.platform }}'), 'linux/s390x', '          platforms: linux/s390x'],
      ['.github/workflows/a.yml', 'yaml', step("‸${{ format('{0}/{1}', matrix.os, matrix.arch) }}"), 'linux/s390x', '          platforms: linux/s390x'],
      ['Dockerfile', 'dockerfile', 'FROM --platform=‸${BUILDPLATFORM:-${X}} alpine\n', 'linux/arm64', 'FROM --platform=linux/arm64 alpine'],
      ['b.sh', 'shellscript', '#!/bin/sh\ndocker buildx build --platform ‸`cat plats` .\n', 'linux/s390x', 'docker buildx build --platform linux/s390x .'],
      // In a comma list, a template is an item: the new one goes before it.
      ['.github/workflows/a.yml', 'yaml', step('linux/amd64,‸${{ env.EXTRA }}'), 'linux/s390x', '          platforms: linux/amd64,linux/s390x,${{ env.EXTRA }}'],
      // A quote that closes the string the cursor is in is no value after it.
      ['.github/workflows/a.yml', 'yaml', 'jobs:\n  b:\n    container:\n      args: ["--platform", "linux/amd64,‸", "--push"]\n', 'linux/arm64', '      args: ["--platform", "linux/amd64,linux/arm64", "--push"]'],
    ];
    await acceptedAs(cases);
  });
  it("in a YAML flow mapping a comma parts keys: the value is replaced, not given a neighbour (QA 148 B2)", async () => {
    assert.equal(await accepted('.goreleaser.yaml', 'yaml', 'builds:\n  - goos: [linux]\n    goarch: [amd64]\n    ignore: [{goos: ‸linux, goarch: amd64}]\n', 'windows'), '    ignore: [{goos: windows, goarch: amd64}]');
    assert.equal(await accepted('.github/workflows/a.yml', 'yaml', 'jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with: {platforms: ‸linux/amd64, push: true}\n', 'linux/s390x'), '        with: {platforms: linux/s390x, push: true}');
  });
  it('the last item typed in a comma list on a command line ends the list: no comma after it (QA 149 B1)', async () => {
    assert.equal(await accepted('b.sh', 'shellscript', '#!/bin/sh\ndocker buildx build --platform linux/amd64,linux/ar‸ -t img .\n', 'linux/arm64'), 'docker buildx build --platform linux/amd64,linux/arm64 -t img .');
    assert.equal(await accepted('Dockerfile', 'dockerfile', 'FROM --platform=linux/amd64,linux/s3‸ alpine\n', 'linux/s390x'), 'FROM --platform=linux/amd64,linux/s390x alpine');
  });
  it('nothing is offered where no item fits: after a closing quote, at a blank touching an item in YAML or a quoted comma list (QA 149 B2, B3)', async () => {
    for (const [path, lang, text] of [
      ['.github/workflows/a.yml', 'yaml', 'jobs:\n  b:\n    strategy:\n      matrix:\n        platform: ["linux/amd64", "linux/arm64"‸]\n'],
      ['.goreleaser.yaml', 'yaml', 'builds:\n  - goos: [linux]\n    goarch: [ amd64 ‸]\n'],
      ['.goreleaser.yaml', 'yaml', 'builds:\n  - goos: [linux]\n    goarch: [amd64 ‸, arm64]\n'],
      ['b.sh', 'shellscript', '#!/bin/sh\ndocker buildx build --platform "linux/amd64 ‸,linux/arm64" .\n'],
    ]) assert.deepEqual(await completeAt(path, lang, text, '‸'), [], text);
    // A blank after an item is where the next one goes in a list of words.
    assert.ok((await completeAt('b.sh', 'shellscript', '#!/bin/sh\nPLATFORMS="linux/amd64 ‸"\n', '‸')).includes('linux/arm64'));
    assert.ok((await completeAt('Makefile', 'makefile', 'PLATFORMS ?= linux/amd64 ‸\n', '‸')).includes('linux/arm64'));
  });
  it('a letter typed before a template or a quoted item: replaced with it, or a new item before it in a list (QA 149 B4)', async () => {
    assert.equal(await accepted('.github/workflows/a.yml', 'yaml', step('l‸${{ matrix.platform }}'), 'linux/s390x'), '          platforms: linux/s390x');
    assert.equal(await accepted('Dockerfile', 'dockerfile', 'FROM --platform=l‸$BUILDPLATFORM alpine\n', 'linux/arm64'), 'FROM --platform=linux/arm64 alpine');
    assert.equal(await accepted('.goreleaser.yaml', 'yaml', "builds:\n  - goos: [linux]\n    goarch: [s‸'amd64', arm64]\n", 's390x'), "    goarch: [s390x, 'amd64', arm64]");
  });
  it('lists that go on over lines: a comma before the next line, a line of its own in a block scalar (QA 150 B1-B3)', async () => {
    assert.equal(await accepted('Makefile', 'makefile', 'PLATFORMS = linux/amd64,\\\n\ts‸linux/arm64\n', 'linux/s390x'), '\tlinux/s390x,linux/arm64');
    assert.equal(await accepted('b.sh', 'shellscript', '#!/bin/sh\ndocker buildx build --platform linux/amd64,\\\n  ‸linux/arm64 .\n', 'linux/s390x'), '  linux/s390x,linux/arm64 .');
    assert.equal(await accepted('Makefile', 'makefile', 'PLATFORMS = linux/amd64,‸\\\n\tlinux/arm64\n', 'linux/s390x'), 'PLATFORMS = linux/amd64,linux/s390x,\\');
    // (The cursor in the indentation of the continued line: the same.)
    assert.equal(await accepted('Makefile', 'makefile', 'PLATFORMS = linux/amd64,\\\n‸\tlinux/arm64\n', 'linux/s390x'), 'linux/s390x,\tlinux/arm64');
    const folded = (v: string) => `jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: ${v}\n`;
    assert.equal(await accepted('.github/workflows/a.yml', 'yaml', folded('>-\n            linux/amd64,‸\n            linux/arm64'), 'linux/s390x'), '            linux/amd64,linux/s390x,');
    assert.equal(await accepted('.github/workflows/a.yml', 'yaml', folded('>-\n            linux/amd64,\n            ‸linux/arm64'), 'linux/s390x'), '            linux/s390x,linux/arm64');
    // A list of lines: the new item on a line of its own, above the one the cursor was before.
    const lines = folded('|\n            linux/amd64\n            s‸linux/arm64');
    const at = lines.indexOf('‸');
    const uri = `file:///virtual/lists/${++n}/.github/workflows/a.yml`;
    const text = lines.replace('‸', '');
    client.open(uri, 'yaml', text, 1);
    await client.diagnosticsFor(uri, 1);
    const before = text.slice(0, at).split('\n');
    const edit = (await client.completion(uri, { line: before.length - 1, character: before[before.length - 1].length })).find((i) => i.label === 'linux/s390x')?.textEdit;
    assert.deepEqual(edit, { range: { start: { line: 7, character: 12 }, end: { line: 7, character: 13 } }, newText: 'linux/s390x\n            ' });
    // In a block scalar's indentation, nothing: written there, the item would join the line's.
    assert.deepEqual(await completeAt('.github/workflows/a.yml', 'yaml', folded('|\n            linux/amd64\n    ‸        linux/arm64'), '‸'), []);
  });
  it('between a comma and the blank before the next item, a new item and a comma (QA 148 B3)', async () => {
    assert.equal(await accepted('.goreleaser.yaml', 'yaml', 'builds:\n  - goos: [linux]\n    goarch: [amd64,‸ arm64]\n', 's390x'), '    goarch: [amd64,s390x, arm64]');
    assert.equal(await accepted('.github/workflows/a.yml', 'yaml', 'jobs:\n  b:\n    strategy:\n      matrix:\n        platform: [‸ linux/amd64]\n', 'linux/s390x'), '        platform: [linux/s390x, linux/amd64]');
    assert.equal(await accepted('b.sh', 'shellscript', '#!/bin/sh\ndocker buildx build --platform "linux/amd64,‸ linux/arm64" .\n', 'linux/s390x'), 'docker buildx build --platform "linux/amd64,linux/s390x, linux/arm64" .');
  });
  it('a flag\'s or an assignment\'s word in a YAML script ends at a blank, as in a shell script: no comma before the next argument (QA 261 B1)', async () => {
    await acceptedAs([
      ['.github/workflows/a.yml', 'yaml', 'jobs:\n  b:\n    steps:\n      - run: docker buildx build --platform linux/amd64,‸ .\n', 'linux/s390x', '      - run: docker buildx build --platform linux/amd64,linux/s390x .'],
      ['.github/workflows/a.yml', 'yaml', 'jobs:\n  b:\n    steps:\n      - run: |\n          docker buildx build --platform=linux/amd64,‸ --push .\n', 'linux/s390x', '          docker buildx build --platform=linux/amd64,linux/s390x --push .'],
      ['.gitlab-ci.yml', 'yaml', 'build:\n  script:\n    - make release KUBE_BUILD_PLATFORMS=linux/amd64,‸ -j4\n', 'linux/s390x', '    - make release KUBE_BUILD_PLATFORMS=linux/amd64,linux/s390x -j4'],
      // (An empty first item, the flag's value: offered, with the comma kept after it, QA 270.)
      ['.github/workflows/a.yml', 'yaml', 'jobs:\n  b:\n    steps:\n      - run: docker buildx build --platform ‸,linux/arm64 .\n', 'linux/s390x', '      - run: docker buildx build --platform linux/s390x,linux/arm64 .'],
      ['.gitlab-ci.yml', 'yaml', 'build:\n  script:\n    - docker buildx build --platform ‸,linux/arm64 .\n', 'linux/s390x', '    - docker buildx build --platform linux/s390x,linux/arm64 .'],
      // (Quoted, the blank is in the word: a new item, and a comma, as above.)
      ['.github/workflows/a.yml', 'yaml', 'jobs:\n  b:\n    steps:\n      - run: docker buildx build --platform "linux/amd64,‸ linux/arm64" .\n', 'linux/s390x', '      - run: docker buildx build --platform "linux/amd64,linux/s390x, linux/arm64" .'],
    ]);
  });
  it('in a list of words, before an item with an item before it, a new item goes in with the blanks: the item after the cursor is kept (QA 270)', async () => {
    await acceptedAs([
      ['b.sh', 'shellscript', '#!/bin/sh\nPLATFORMS="linux/amd64 ‸linux/s390x"\n', 'linux/arm64', 'PLATFORMS="linux/amd64 linux/arm64 linux/s390x"'],
      ['Makefile', 'makefile', 'ALL_PLATFORMS := linux/amd64 linux/arm64 ‸linux/ppc64le linux/s390x\n', 'linux/386', 'ALL_PLATFORMS := linux/amd64 linux/arm64 linux/386 linux/ppc64le linux/s390x'],
      ['b.sh', 'shellscript', '#!/bin/sh\nKUBE_BUILD_PLATFORMS="linux/amd64 l‸linux/arm64" make cross\n', 'linux/s390x', 'KUBE_BUILD_PLATFORMS="linux/amd64 linux/s390x linux/arm64" make cross'],
    ]);
  });
  it('typed against a word that makes no item with it, nor a typo of one, the word is kept after a blank; a typo is replaced whole (QA 270)', async () => {
    await acceptedAs([
      ['Dockerfile', 'dockerfile', 'FROM --platform=linux/‸golang:1.23 AS b\n', 'linux/s390x', 'FROM --platform=linux/s390x golang:1.23 AS b'],
      ['run.sh', 'shellscript', '#!/bin/sh\ndocker run --platform=linux/‸alpine true\n', 'linux/s390x', 'docker run --platform=linux/s390x alpine true'],
      ['Dockerfile', 'dockerfile', 'FROM --platform=linux/am‸d46 alpine\n', 'linux/amd64', 'FROM --platform=linux/amd64 alpine'],
    ]);
  });
  it('nothing typed, right before a word that is no platform (an image), the item goes in front of it with a blank: the word is kept (QA 265 P2)', async () => {
    await acceptedAs([
      ['Dockerfile', 'dockerfile', 'FROM --platform=‸golang:1.22 AS build\n', 'linux/s390x', 'FROM --platform=linux/s390x golang:1.22 AS build'],
      ['run.sh', 'shellscript', '#!/bin/sh\ndocker run --platform ‸alpine:3 true\n', 'linux/s390x', 'docker run --platform linux/s390x alpine:3 true'],
      // (A name the context knows, or the start of one, is replaced as before: `GOOS=‸linux`, `GOOS=‸lin`.)
      ['run.sh', 'shellscript', '#!/bin/sh\nGOOS=‸linux go build\n', 'windows', 'GOOS=windows go build'],
      ['run.sh', 'shellscript', '#!/bin/sh\nGOOS=‸lin go build\n', 'linux', 'GOOS=linux go build'],
    ]);
  });
  it('a step\'s name: and an input\'s description: are prose, where nothing is offered, as the scanner reads nothing there (QA 261 B2)', async () => {
    assert.deepEqual(await completeAt('.github/workflows/a.yml', 'yaml', 'jobs:\n  b:\n    steps:\n      - name: GOOS=‸\n        run: make\n', '‸'), []);
    assert.deepEqual(await completeAt('.github/workflows/a.yml', 'yaml', 'jobs:\n  b:\n    steps:\n      - name: Build for --platform=‸\n        run: make\n', '‸'), []);
    assert.deepEqual(await completeAt('action.yml', 'yaml', "inputs:\n  goos:\n    description: 'Sets GOOS=‸'\n    default: linux\n", '‸'), []);
    assert.deepEqual(await completeAt('action.yml', 'yaml', 'inputs:\n  goos:\n    description: |\n      Sets GOOS=‸ for the build.\n', '‸'), []);
    // (The value beside it is no prose: its default offers oses.)
    assert.ok((await completeAt('action.yml', 'yaml', "inputs:\n  goos:\n    description: 'Sets GOOS'\n    default: ‸\n", '‸')).includes('linux'));
    assert.ok((await completeAt('.github/workflows/a.yml', 'yaml', 'jobs:\n  b:\n    steps:\n      - name: build\n        run: GOOS=‸ go build\n', '‸')).includes('linux'));
  });
});

describe('variants after os/arch/ (QA 145 N2)', () => {
  const step = (value: string) => `jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: ${value}\n`;
  it("offers arm64's v8 and amd64's levels, not whole platforms in place of what was typed", async () => {
    assert.deepEqual(await completeAt('.github/workflows/a.yml', 'yaml', step('linux/amd64,linux/arm64/‸'), '‸'), ['linux/arm64/v8']);
    assert.deepEqual(await completeAt('.github/workflows/a.yml', 'yaml', step('linux/amd64/‸'), '‸'), ['linux/amd64/v1', 'linux/amd64/v2', 'linux/amd64/v3', 'linux/amd64/v4']);
    assert.deepEqual(await completeAt('Dockerfile', 'dockerfile', 'FROM --platform=linux/arm64/v‸ alpine\n', '‸'), ['linux/arm64/v8']);
    // A removed platform's variants are not offered, as removed platforms are not.
    assert.ok(!(await completeAt('.github/workflows/a.yml', 'yaml', step('linux/arm/‸'), '‸')).some((l) => l.startsWith('linux/arm/')));
  });
});

describe('completion after a templated item (QA 145 B2)', () => {
  it('a list whose earlier item a template makes offers platforms in Makefiles, scripts and Dockerfiles', async () => {
    // GitHub expressions and goreleaser templates too (QA 148 B4).
    const gha = await completeAt('.github/workflows/a.yml', 'yaml', 'jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: ${{ matrix.p }},‸linux/arm64\n', '‸');
    assert.ok(gha.includes('linux/s390x') && !gha.includes('linux/arm64'), gha.join(' '));
    assert.ok((await completeAt('.goreleaser.yaml', 'yaml', 'builds:\n  - goos: ["{{ .Env.OS }}", l‸]\n', '‸')).includes('linux'));
    for (const [path, lang, text] of [
      ['Makefile', 'makefile', 'build:\n\tdocker buildx build --platform=$(PLATFORMS),linux/‸ .\n'],
      ['Makefile', 'makefile', 'PLATFORMS := $(BASE_PLATFORMS),linux/‸\n'],
      ['b.sh', 'shellscript', '#!/bin/sh\ndocker buildx build --platform=${PLATFORMS},linux/‸ .\n'],
      ['b.sh', 'shellscript', '#!/bin/sh\nPLATFORMS="$BASE linux/‸"\n'],
      ['b.sh', 'shellscript', '#!/bin/sh\nPLATFORMS=${PLATFORMS:-linux/amd64},linux/‸\n'],
      ['Dockerfile', 'dockerfile', 'ARG PLATFORMS=${BASE},linux/‸\n'],
    ]) {
      const labels = await completeAt(path, lang, text, '‸');
      assert.ok(labels.includes('linux/arm64') && labels.includes('linux/s390x'), `${text}: ${labels.join(' ')}`);
    }
  });
  it('a template still open is no list: nothing is offered in it', async () => {
    assert.deepEqual(await completeAt('b.sh', 'shellscript', '#!/bin/sh\nPLATFORMS="$(echo linux/‸"\n', '‸'), []);
  });
});

describe('keys that name other things as often as platforms', () => {
  const step = (uses: string, line: string) => `jobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${uses}\n        with:\n          ${line}\n`;
  it('`target:` of docker/build-push-action (a build stage) and `TARGET ?=` offer nothing until a platform is written', async () => {
    assert.deepEqual(await completeAt('.github/workflows/a.yml', 'yaml', step('docker/build-push-action@v6', 'target: d|')), []);
    assert.deepEqual(await completeAt('Makefile', 'makefile', 'TARGET ?= |\n'), []);
    const platform = await completeAt('Makefile', 'makefile', 'TARGET ?= linux/|\n');
    assert.ok(platform.includes('linux/arm64'), platform.join(' '));
  });
  it("QEMU's list of bare arches offers nothing; written as platforms, it offers Linux ones", async () => {
    assert.deepEqual(await completeAt('.github/workflows/a.yml', 'yaml', step('docker/setup-qemu-action@v3', 'platforms: arm64,|')), []);
    const platforms = await completeAt('.github/workflows/a.yml', 'yaml', step('docker/setup-qemu-action@v3', 'platforms: linux/arm64,|'));
    assert.ok(platforms.includes('linux/s390x') && platforms.every((l) => l.startsWith('linux/')), platforms.join(' '));
  });
});

describe('completion in the strings of GitHub expressions and in make functions', () => {
  const step = (line: string) => `jobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          ${line}\n`;
  it('a string the expression may evaluate to is a list of its own', async () => {
    for (const value of ["${{ inputs.p || 'linux/amd64,‸' }}", "${{ inputs.c && 'linux/amd64,‸' || 'linux/s390x' }}", "${{ inputs.c && ('linux/amd64,‸') }}"]) {
      const labels = await completeAt('.github/workflows/a.yml', 'yaml', step(`platforms: ${value}`), '‸');
      assert.ok(labels.includes('linux/arm64') && labels.includes('linux/s390x'), `${value}: ${labels.join(' ')}`);
      assert.ok(!labels.includes('linux/amd64') && !labels.includes('linux/arm'), `${value}: ${labels.join(' ')}`);
    }
  });
  it('a string compared or given to a function, and the code of the expression, offer nothing', async () => {
    for (const value of ["${{ startsWith(inputs.p, 'linux/‸') }}", "${{ format('{0}', 'linux/‸') }}", "${{ inputs.p == 'linux/‸' }}", '${{ inputs.‸', "${{ inputs.p || 'linux/amd64' || matrix.‸"]) {
      assert.deepEqual(await completeAt('.github/workflows/a.yml', 'yaml', step(`platforms: ${value}`), '‸'), [], value);
    }
    assert.deepEqual(await completeAt('.github/workflows/a.yml', 'yaml', step("tags: ${{ inputs.p || 'linux/‸' }}"), '‸'), []);
    // In a script, after --platform.
    const run = await completeAt('.github/workflows/a.yml', 'yaml', "jobs:\n  b:\n    steps:\n      - run: docker buildx build --platform ${{ inputs.c && 'linux/‸' || 'linux/amd64' }} .\n", '‸');
    assert.ok(run.includes('linux/arm64'), run.join(' '));
  });
  it("a branch of make's $(if …), $(or …) and a list joined with $(comma) or by subst offer platforms", async () => {
    const cases: [string, string[]][] = [
      ['PLATFORMS ?= $(if $(CI),linux/amd64,|)\n', ['linux/amd64', 'linux/arm64']],
      ['PLATFORMS ?= $(if $(CI),linux/amd64,linux/s390x,|)\n', ['linux/amd64', 'linux/arm64']],
      ['PLATFORMS ?= ${or ${P},linux/amd64 |}\n', ['linux/arm64']],
      ['comma := ,\nPLATFORMS ?= linux/amd64$(comma)|\n', ['linux/arm64']],
      ['image:\n\tdocker buildx build --platform $(subst $(space),$(comma),linux/amd64 |) .\n', ['linux/arm64']],
    ];
    for (const [text, offered] of cases) {
      const labels = await completeAt('Makefile', 'makefile', text);
      assert.ok(offered.every((l) => labels.includes(l)), `${text}: ${labels.join(' ')}`);
      assert.ok(!labels.includes('linux/arm'), text);
    }
    // The else branch after linux/s390x holds it already; the one after linux/amd64 does not.
    assert.ok(!(await completeAt('Makefile', 'makefile', 'PLATFORMS ?= $(if $(CI),linux/amd64,linux/s390x,|)\n')).includes('linux/s390x'));
    // A target's GOARCH completes with the target's own GOOS (round 104).
    const win = await completeAt('Makefile', 'makefile', 'build-win: GOOS = windows\nbuild-win: GOARCH = |\nbuild-win:\n\tgo build\n');
    assert.ok(win.includes('amd64') && win.includes('arm64') && !win.includes('riscv64') && !win.includes('loong64'), win.join(' '));
    const mac = await completeAt('Makefile', 'makefile', 'build-mac: GOARCH = |\nbuild-mac: export GOOS = darwin\n');
    assert.ok(mac.includes('arm64') && !mac.includes('386'), mac.join(' '));
    // A condition, and the arguments of other functions, are not lists of platforms.
    assert.deepEqual(await completeAt('Makefile', 'makefile', 'PLATFORMS ?= $(if |\n'), []);
    assert.deepEqual(await completeAt('Makefile', 'makefile', 'PLATFORMS ?= $(filter-out linux/amd64,|)\n'), []);
    // The other branch's items are no repeats of this one's.
    assert.ok((await completeAt('Makefile', 'makefile', 'PLATFORMS ?= $(if $(CI),linux/|,linux/amd64)\n')).includes('linux/amd64'));
    assert.ok(!(await completeAt('Makefile', 'makefile', 'PLATFORMS ?= $(if $(CI),linux/| linux/amd64,linux/s390x)\n')).includes('linux/amd64'));
  });
});

describe('completion in quoted scripts, shell here-documents and ENV key value (QA 100, QA 102)', () => {
  it("GOARCH= in sh -c \"…\" offers the arches of the GOOS set beside it, in every kind", async () => {
    assert.deepEqual(await completeAt('build.sh', 'shellscript', 'sh -c "GOOS=darwin GOARCH=| go build"\n'), ['amd64', 'arm64']);
    assert.deepEqual(await completeAt('Makefile', 'makefile', 'b:\n\tsh -c "GOOS=darwin GOARCH=|"\n'), ['amd64', 'arm64']);
    assert.deepEqual(await completeAt('.github/workflows/x.yml', 'yaml', 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: sh -c "GOOS=darwin GOARCH=|"\n'), ['amd64', 'arm64']);
    const oses = await completeAt('build.sh', 'shellscript', "bash -c 'GOOS=|'\n");
    assert.ok(oses.includes('linux') && oses.includes('windows'), oses.join(' '));
  });
  it('a here-document fed to a shell is a script; one written to a file is not', async () => {
    const arches = await completeAt('build.sh', 'shellscript', 'bash <<EOF\nGOOS=linux GOARCH=|\nEOF\n');
    assert.ok(arches.includes('s390x'), arches.join(' '));
    assert.ok((await completeAt('build.sh', 'shellscript', 'cat <<EOF | sudo sh -e\nGOOS=‸\nEOF\n', '‸')).includes('darwin'));
    assert.deepEqual(await completeAt('build.sh', 'shellscript', 'cat > notes.txt <<EOF\nGOOS=|\nEOF\n'), []);
  });
  it("terraform's -platform offers Terraform's spelling, os_arch (QA 103)", async () => {
    const labels = await completeAt('lock.sh', 'shellscript', 'terraform providers lock -platform=‸\n', '‸');
    assert.ok(labels.includes('linux_amd64') && labels.includes('darwin_arm64') && !labels.includes('linux/amd64'), labels.join(' '));
    assert.ok((await completeAt('b.sh', 'shellscript', 'docker buildx build --platform=‸\n', '‸')).includes('linux/amd64'));
  });
  it("a Dockerfile's ENV GOARCH value written after a blank", async () => {
    const arches = await completeAt('Dockerfile', 'dockerfile', 'FROM golang:1.23\nENV GOARCH |\n');
    assert.ok(arches.includes('arm64') && arches.includes('s390x'), arches.join(' '));
    assert.ok((await completeAt('Dockerfile', 'dockerfile', 'FROM golang:1.23\nENV GOOS |\n')).includes('windows'));
    assert.deepEqual(await completeAt('Dockerfile', 'dockerfile', 'FROM golang:1.23\nENV VERSION |\n'), []);
    // The os set in that form above pairs with the arch being written, as the scanner pairs them.
    assert.deepEqual(await completeAt('Dockerfile', 'dockerfile', 'FROM golang:1.23\nENV GOOS darwin\nRUN GOARCH=| go build\n'), ['amd64', 'arm64']);
    assert.deepEqual(await completeAt('Dockerfile', 'dockerfile', 'FROM golang:1.23\nENV GOOS darwin\nENV GOARCH |\n'), ['amd64', 'arm64']);
  });
});

describe('completion after an anchor and after an escaped quote (QA 103)', () => {
  it('a list given an anchor (`goarch: &arches`) offers as the list without one', async () => {
    const matrix = (axis: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix:\n${axis}\n`;
    const block = await completeAt('.github/workflows/x.yml', 'yaml', matrix('        goarch: &arches\n          - amd64\n          - ‸'), '‸');
    assert.ok(block.includes('arm64') && !block.includes('amd64'), block.join(' '));
    const flow = await completeAt('.github/workflows/x.yml', 'yaml', matrix('        goos: &oses [linux, ‸'), '‸');
    assert.ok(flow.includes('darwin') && !flow.includes('linux'), flow.join(' '));
    const gitlab = await completeAt('.gitlab-ci.yml', 'yaml', 'build:\n  parallel:\n    matrix:\n      - GOOS: &os [‸', '‸');
    assert.ok(gitlab.includes('windows'), gitlab.join(' '));
    // An alias is no list being written.
    assert.deepEqual(await completeAt('.github/workflows/x.yml', 'yaml', matrix('        goarch: *arches‸'), '‸'), []);
  });
  it('GOARCH=\\" in sh -c "…" offers as GOARCH=" does', async () => {
    const arches = await completeAt('build.sh', 'shellscript', 'sh -c "GOOS=darwin GOARCH=\\"‸\\" go build"\n', '‸');
    assert.deepEqual(arches, ['amd64', 'arm64']);
    const platforms = await completeAt('build.sh', 'shellscript', 'bash -c "docker buildx build --platform=\\"linux/amd64,‸\\" ."\n', '‸');
    assert.ok(platforms.includes('linux/arm64') && !platforms.includes('linux/amd64'), platforms.join(' '));
  });
});

describe('completion of arches for an os given beside them in another way', () => {
  it('in a matrix include entry, the os its target_os key gives (as the job uses it): darwin builds amd64 and arm64 only', async () => {
    const labels = await completeAt(
      '.github/workflows/ci.yml',
      'yaml',
      'on: push\njobs:\n  b:\n    runs-on: ${{ matrix.os }}\n    strategy:\n      matrix:\n        include:\n          - os: macos-14\n            target_os: darwin\n            target_arch: ‸\n    env:\n      GOOS: ${{ matrix.target_os }}\n      GOARCH: ${{ matrix.target_arch }}\n    steps:\n      - run: go build\n',
      '‸',
    );
    assert.deepEqual([...labels].sort(), ['amd64', 'arm64']);
  });
  it('after an inline merge that gives the build its goos (<<: {goos: [windows]})', async () => {
    const labels = await completeAt('.goreleaser.yaml', 'yaml', 'version: 2\nbuilds:\n  - <<: {goos: [windows]}\n    goarch: [amd64, ‸]\n', '‸');
    assert.ok(labels.includes('arm64') && labels.includes('386'), labels.join(' '));
    assert.ok(!labels.includes('s390x') && !labels.includes('riscv64') && !labels.includes('amd64'), labels.join(' '));
  });
  it('beside goos given by an alias of an anchored list (goos: *o over &o [windows]), as the scanner reads it (QA 115)', async () => {
    const labels = await completeAt('.goreleaser.yaml', 'yaml', 'builds:\n  - goos: &o [windows]\n    goarch: [amd64]\n  - goos: *o\n    goarch:\n      - ‸\n', '‸');
    assert.ok(labels.includes('arm64') && labels.includes('386'), labels.join(' '));
    assert.ok(!labels.includes('s390x') && !labels.includes('ppc64le'), labels.join(' '));
  });
});

describe('completion in lists the scanner reads while an item is half typed (QA 291 B4)', () => {
  it("a Tekton task's tekton.dev/platforms annotation, a key with a slash", async () => {
    const first = await completeAt('task.yaml', 'yaml', 'apiVersion: tekton.dev/v1beta1\nkind: Task\nmetadata:\n  name: build\n  annotations:\n    tekton.dev/platforms: "li|,linux/arm64"\nspec:\n  steps: []\n');
    assert.ok(first.includes('linux/amd64') && !first.includes('linux/arm64') && !first.includes('linux/arm'), first.join(' '));
    const last = await completeAt('task.yaml', 'yaml', 'metadata:\n  annotations:\n    tekton.dev/platforms: "linux/amd64,li|"\n');
    assert.ok(last.includes('linux/s390x') && !last.includes('linux/amd64'), last.join(' '));
  });
  it("a CircleCI parameter's enum, by the parameter's name", async () => {
    const labels = await completeAt('.circleci/config.yml', 'yaml', 'version: 2.1\njobs:\n  b:\n    parameters:\n      platform:\n        type: enum\n        enum: [li|, linux/arm64]\n        default: linux/arm64\n    steps:\n      - run: docker buildx build --platform << parameters.platform >> .\n');
    assert.ok(labels.includes('linux/amd64') && !labels.includes('linux/arm64'), labels.join(' '));
    assert.deepEqual(await completeAt('.circleci/config.yml', 'yaml', 'version: 2.1\njobs:\n  b:\n    parameters:\n      flavour:\n        type: enum\n        enum: [li|]\n'), []);
  });
  it("make's $(foreach) over platforms, by its variable's use: a --platform, GOOS and GOARCH cut out of each", async () => {
    const flag = await completeAt('Makefile', 'makefile', 'images:\n\t$(foreach p,linux/amd64 linux/| freebsd/amd64,docker buildx build --platform $(p) .;)\n');
    assert.ok(flag.includes('linux/arm64') && !flag.includes('linux/amd64'), flag.join(' '));
    const cut = await completeAt('Makefile', 'makefile', 'cross:\n\t$(foreach p,linux/| freebsd/amd64,GOOS=$(word 1,$(subst /, ,$p)) GOARCH=$(word 2,$(subst /, ,$p)) go build;)\n');
    assert.ok(cut.includes('linux/s390x'), cut.join(' '));
    // (Arches cut by a command are no platforms: nothing is offered for them.)
    assert.deepEqual(await completeAt('Makefile', 'makefile', 'cross:\n\t$(foreach a,x86_64 aa|,GOARCH=$(shell echo $(a) | sed s/x86_64/amd64/) go build;)\n'), []);
  });
});

describe('no completion where the scanner reads no platform (QA 298 B3)', () => {
  it('text and guard lists: a make define named for help, a MSG value, a removed_platforms array, an EXCLUDED_PLATFORMS value, a file path', async () => {
    const none: [string, string, string][] = [
      ['Makefile', 'makefile', 'define HELP_TEXT\nbuild for linux with GOARCH=a|\nendef\n'],
      ['Makefile', 'makefile', 'define HELP_TEXT\n  make image --platform=linux/|\nendef\n'],
      ['notes.sh', 'shellscript', 'MSG="GOOS=linux GOARCH=a|"\n'],
      ['guard.sh', 'shellscript', 'removed_platforms=(linux/a|)\n'],
      ['guard.sh', 'shellscript', 'DENY_LIST=(\n  linux/arm\n  linux/|\n)\n'],
      ['Makefile', 'makefile', 'EXCLUDED_PLATFORMS := linux/|\n'],
      ['unpack.sh', 'shellscript', 'tar xzf _output/release-tars/kubernetes-server-linux-|.tar.gz\n'],
    ];
    for (const [path, languageId, text] of none) assert.deepEqual(await completeAt(path, languageId, text), [], text);
    // (Where it is read, it is offered: a build list, a platform-ish value, a release URL's archive.)
    const some: [string, string, string][] = [
      ['Makefile', 'makefile', 'define BUILD_PLATFORMS\nlinux/amd64\nlinux/|\nendef\n'],
      ['b.sh', 'shellscript', 'BUILD_CMD="cd /src && env GOOS=linux GOARCH=a|"\n'],
      ['c.sh', 'shellscript', 'curl -LO https://dl.k8s.io/v1.31.0/kubernetes-server-linux-|.tar.gz\n'],
    ];
    for (const [path, languageId, text] of some) assert.ok((await completeAt(path, languageId, text)).length > 0, text);
  });
});
