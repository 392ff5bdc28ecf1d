import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentsCutAt } from '../../server/src/features/textDocument';
import { DocumentAnalyses } from '../../server/src/features/documents';
import { parseSettings } from '../../server/src/features/settings';
import { builtinModel } from '../../server/src/model/load';
import { lintText } from '../../server/src/lint';

const { settings } = parseSettings({});
const model = builtinModel();
const uri = 'file:///w/.woodpecker/docker.yaml';
const steps = Array.from({ length: 40 }, (_, i) => `  step-${i}:\n    image: alpine\n    commands:\n      - echo ${i} && make build\n`).join('');
const text = `variables:\n  - &plugin 'docker.io/woodpeckerci/plugin-docker-buildx:6'\n  - &platforms_release 'linux/amd64,linux/arm/v7,linux/riscv64'\n\nsteps:\n${steps}  publish:\n    image: *plugin\n    settings:\n      platforms: *platforms_release\n`;

const codes = (t: string) => lintText(t, 'yaml', model, settings.lint).map((f) => `${t.slice(0, f.start).split('\n').length}:${f.code}`);

describe('YAML anchors used as platform values (platforms: *name)', () => {
  it('checks the anchored list where it is written, in another block than the alias', () => {
    assert.deepEqual(codes(text), ['3:removed-platform', '3:unsupported-platform']);
    assert.deepEqual(codes(text.replace('platforms: *platforms_release', 'tags: *platforms_release')), [], 'an alias under another key');
  });

  it('gives a fresh scan\'s findings after keystrokes, also those that make or break the alias', () => {
    const documents = documentsCutAt(256);
    const analyses = new DocumentAnalyses(() => undefined);
    const doc = documents.create(uri, 'yaml', 1, text);
    analyses.findings(doc, model, settings);
    let version = 1;
    const type = (d: TextDocument, find: string, at: number, insert: string) => {
      const offset = d.getText().indexOf(find) + at;
      const p = d.positionAt(offset);
      documents.update(d, [{ range: { start: p, end: p }, text: insert }], ++version);
    };
    const fresh = () => new DocumentAnalyses(() => undefined).findings(documents.create(uri, 'yaml', 1, doc.getText()), model, settings);
    for (const [find, at, insert] of [
      ['echo 17', 5, 'x'],
      ['platforms: *platforms_release', 'platforms: *platforms_'.length, 'x'],
      ['echo 30', 5, 'y'],
      ['platforms: *platforms_xrelease', 'platforms: *platforms_'.length, ''],
    ] as const) {
      if (insert === '') {
        const offset = doc.getText().indexOf(find) + at;
        documents.update(doc, [{ range: { start: doc.positionAt(offset), end: doc.positionAt(offset + 1) }, text: '' }], ++version);
      } else type(doc, find, at, insert);
      assert.deepEqual(analyses.findings(doc, model, settings), fresh(), `after typing at ${find}`);
    }
    assert.equal(analyses.findings(doc, model, settings).length, 2);
  });
});

/**
 * Opens a workflow, then replaces each `find` (its first character kept) with `replace`, comparing
 * the incremental findings with a fresh scan's after each; the number of findings at the end.
 */
function replaceAndCompare(uri: string, text: string, edits: readonly (readonly [string, string])[], languageId = 'github-workflow'): number {
  const documents = documentsCutAt(256);
  const analyses = new DocumentAnalyses(() => undefined);
  const doc = documents.create(uri, languageId, 1, text);
  analyses.findings(doc, model, settings);
  let version = 1;
  const fresh = () => new DocumentAnalyses(() => undefined).findings(documents.create(uri, languageId, 1, doc.getText()), model, settings);
  for (const [find, replace] of edits) {
    const offset = doc.getText().indexOf(find) + 1;
    assert.ok(offset > 0, find);
    documents.update(doc, [{ range: { start: doc.positionAt(offset), end: doc.positionAt(offset + find.length - 1) }, text: replace.slice(1) }], ++version);
    assert.deepEqual(analyses.findings(doc, model, settings), fresh(), `after ${replace}`);
  }
  return analyses.findings(doc, model, settings).length;
}

describe('a GOOS or GOARCH axis given by an alias (goarch: *arches)', () => {
  const jobs = Array.from({ length: 30 }, (_, i) => `  job-${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${i} && make build\n`).join('');
  const workflow = `x-arches: &arches [amd64, arm64, "386"]\njobs:\n${jobs}  mac:\n    runs-on: macos-latest\n    strategy:\n      matrix:\n        goos: [darwin]\n        goarch: *arches\n    steps:\n      - run: GOOS=\${{ matrix.goos }} GOARCH=\${{ matrix.goarch }} go build\n`;
  const wcodes = (t: string) => lintText(t, 'github-workflow', model, settings.lint).map((f) => `${t.slice(0, f.start).split('\n').length}:${f.code}:${t.slice(f.start, f.end)}`);

  it('crosses the anchored names with the literal names beside the alias, where they are written', () => {
    assert.deepEqual(wcodes(workflow), ['1:unknown-platform:386']);
    assert.deepEqual(wcodes(workflow.replace('goos: [darwin]', 'goos: [windows]')), []);
    // Beside names that are not literal, or with an exclude the pairs are not read against: alone, as before.
    assert.deepEqual(wcodes(workflow.replace('goos: [darwin]', 'goos: ${{ fromJSON(inputs.oses) }}')), []);
    assert.deepEqual(wcodes(workflow.replace('        goarch: *arches\n', '        goarch: *arches\n        exclude: [{goos: darwin, goarch: "386"}]\n')), []);
    // A GitLab entry, and an environment map, the alias first.
    const gitlab = '.arches: &arches [amd64, "386"]\nmac:\n  parallel:\n    matrix:\n      - GOARCH: *arches\n        GOOS:\n          - darwin\n  variables:\n    GOOS: windows\n    GOARCH: *one\n  script: [go build]\n.one: &one arm\n';
    assert.deepEqual(lintText(gitlab, 'gitlab-ci', model, settings.lint).map((f) => `${gitlab.slice(0, f.start).split('\n').length}:${f.code}`), ['1:unknown-platform', '12:unknown-platform']);
  });

  it('gives a fresh scan\'s findings after keystrokes beside the alias', () => {
    // (Inside the values and keys, not over a line's first character: each is scanned alone.)
    const found = replaceAndCompare('file:///w/.github/workflows/build.yml', workflow, [
      ['[darwin]', '[windows]'],
      ['echo 12', 'echo 13'],
      ['[windows]', '[darwin]'],
      ['[darwin]', '[darwin, linux]'],
      ['[darwin, linux]', '[darwin]'],
      ['matrix:', 'matrx:'],
      ['matrx:', 'matrix:'],
    ]);
    assert.equal(found, 1);
  });
});

describe('a goos axis given by an alias of an anchored list (goos: *oses)', () => {
  const jobs = Array.from({ length: 30 }, (_, i) => `  job-${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${i} && make build\n`).join('');
  const workflow = `x-oses: &oses\n  - linux\n  - windows\njobs:\n${jobs}  cross:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        goos: *oses\n        goarch: [amd64, s390x]\n    steps:\n      - run: GOOS=\${{ matrix.goos }} GOARCH=\${{ matrix.goarch }} go build\n`;
  const at = (t: string, flavour: 'github-workflow' | 'goreleaser' | 'gitlab-ci') => lintText(t, flavour, model, settings.lint).map((f) => `${t.slice(0, f.start).split('\n').length}:${f.code}:${t.slice(f.start, f.end)}`);

  it('pairs the anchored names with the arches beside the alias, found on the arch', () => {
    const line = workflow.split('\n').findIndex((l) => l.includes('goarch: [amd64, s390x]')) + 1;
    assert.deepEqual(at(workflow, 'github-workflow'), [`${line}:unknown-platform:s390x`]);
    assert.deepEqual(at(workflow.replace('  - windows\n', '  - darwin\n'), 'github-workflow'), [`${line}:unknown-platform:s390x`]);
    assert.deepEqual(at(workflow.replace('  - windows\n', ''), 'github-workflow'), []);
    // An exclude entry leaves the pair out; a typo in the list keeps the names alone, judged where written.
    assert.deepEqual(at(workflow.replace('        goarch: [amd64, s390x]\n', '        goarch: [amd64, s390x]\n        exclude: [{goos: windows, goarch: s390x}]\n'), 'github-workflow'), []);
    assert.deepEqual(at(workflow.replace('  - windows\n', '  - windos\n'), 'github-workflow'), ['3:unknown-platform:windos']);
    // goreleaser: windows builds nothing for s390x, and linux does: no finding; darwin alone builds nothing for it.
    const goreleaser = 'x-oses: &oses [windows, darwin]\nbuilds:\n  - id: cli\n    goos: *oses\n    goarch: [amd64, s390x]\n';
    assert.deepEqual(at(goreleaser, 'goreleaser'), ['5:unknown-platform:s390x']);
    assert.deepEqual(at(goreleaser.replace('[windows, darwin]', '[windows, linux]'), 'goreleaser'), []);
    const gitlab = '.os: &os [windows]\nbuild:\n  parallel:\n    matrix:\n      - GOOS: *os\n        GOARCH: [amd64, s390x]\n  script: [go build]\n';
    assert.deepEqual(at(gitlab, 'gitlab-ci'), ['6:unknown-platform:s390x']);
  });

  it('gives a fresh scan\'s findings after keystrokes in the anchored list and beside the alias', () => {
    const found = replaceAndCompare('file:///w/.github/workflows/cross.yml', workflow, [
      ['- windows', '- linux'],
      ['echo 12', 'echo 13'],
      ['- linux\n  - linux', '- linux\n  - darwin'],
      ['[amd64, s390x]', '[amd64]'],
      ['[amd64]', '[amd64, s390x]'],
      ['*oses', '*osez'],
      ['*osez', '*oses'],
    ]);
    assert.equal(found, 1);
  });
});

describe('goreleaser builds read through anchors (goarch: *a, - <<: *base)', () => {
  const pad = Array.from({ length: 12 }, (_, i) => `  - id: pad-${i}\n    goos: [linux]\n    goarch: [amd64]\n    main: ./cmd/tool-${i}\n`).join('');
  const config = `version: 2\nbuilds:\n  - id: one\n    goos: [linux]\n    goarch: &a [amd64, arm]\n    ignore:\n      - goos: linux\n        goarch: arm\n${pad}  - id: two\n    goos: [linux]\n    goarch: *a\n  - &base\n    id: bsd\n    goos: [freebsd]\n    goarch: [amd64, s390x]\n${pad}  - <<: *base\n    id: lin\n    goos: [linux]\n`;
  it('gives a fresh scan\'s findings after keystrokes beside the alias and in the merging build', () => {
    const found = replaceAndCompare('file:///w/.goreleaser.yaml', config, [
      ['[linux]\n    goarch: *a', '[linu]\n    goarch: *a'],
      ['[linu]\n    goarch: *a', '[linux]\n    goarch: *a'],
      ['[linux]\n    goarch: *a', '[darwin]\n    goarch: *a'],
      ['id: lin\n    goos: [linux]', 'id: lin\n    goos: [windows]'],
      ['id: lin\n    goos: [windows]', 'id: lin\n    goos: [linux]'],
    ], 'yaml');
    assert.ok(found >= 1);
    // The shortest: the anchoring build ignores the pair the aliasing one builds (QA 116's repro).
    const small = 'builds:\n  - id: one\n    goos: [linux]\n    goarch: &a [amd64, arm]\n    ignore:\n      - goos: linux\n        goarch: arm\n  - id: two\n    goos: [linux]\n    goarch: *a\n';
    assert.equal(replaceAndCompare('file:///w/.goreleaser.yaml', small, [['[linux]\n    goarch: *a', '[linu]\n    goarch: *a'], ['[linu]\n    goarch: *a', '[linux]\n    goarch: *a']], 'yaml'), 1);
  });
});

describe('exclude and ignore entries that merge an anchored mapping (- <<: *armign)', () => {
  const pad = Array.from({ length: 12 }, (_, i) => `  - id: pad-${i}\n    goos: [linux]\n    goarch: [amd64]\n    main: ./cmd/tool-${i}\n`).join('');
  const config = `x-arm: &armign {goos: linux, goarch: arm}\nx-v6: &v6\n  goos: linux\n  goarch: arm\n  goarm: "6"\nbuilds:\n${pad}  - id: one\n    goos: [linux]\n    goarch: [amd64, arm]\n    ignore:\n      - <<: *armign\n        goos: darwin\n${pad}  - id: two\n    goos: [linux]\n    goarch: [arm]\n    goarm: ["6", "7"]\n    ignore:\n      - *v6\n`;
  const at = (t: string) => lintText(t, 'goreleaser', model, settings.lint).map((f) => `${t.slice(0, f.start).split('\n').length}:${f.code}:${t.slice(f.start, f.end)}`);
  const line = (t: string, s: string, from = 0) => t.split('\n').findIndex((l, i) => i >= from && l.includes(s)) + 1;
  it('reads the merged entry with its own keys over it, and judges no anchored entry where it is written', () => {
    const one = line(config, 'id: one');
    const two = line(config, 'id: two');
    // one ignores darwin/arm, so builds linux/arm; two ignores linux/arm/v6 only, so builds linux/arm/v7.
    assert.deepEqual(at(config), [`${one + 2}:removed-platform:arm`, `${two + 2}:removed-platform:arm`]);
    // The entry that leaves linux/arm out of one: nothing there.
    assert.deepEqual(at(config.replace('        goos: darwin\n', '')).filter((f) => f.startsWith(`${one + 2}:`)), []);
  });
  it('gives a fresh scan\'s findings after keystrokes in the anchored mapping and in the merging entry', () => {
    const found = replaceAndCompare('file:///w/.goreleaser.yaml', config, [
      ['{goos: linux, goarch: arm}', '{goos: linux, goarch: arm64}'],
      ['{goos: linux, goarch: arm64}', '{goos: linux, goarch: arm}'],
      ['        goos: darwin', '        goos: linux'],
      ['        goos: linux\n', '        goos: darwin\n'],
      ['  goarm: "6"', '  goarm: "7"'],
      ['  goarm: "7"', '  goarm: "6"'],
      ['<<: *armign', '<<: *armig'],
      ['<<: *armig', '<<: *armign'],
    ], 'yaml');
    assert.equal(found, 2);
    // An anchored ignore list whose entry merges another block's anchor (QA 120: the edit of its
    // goos left the live server's finding stale, the list alone reading nothing).
    const listed = `x-arm: &armign {goarch: arm}\nx-ign: &ign\n  - <<: *armign\n    goos: darwin\nbuilds:\n  - id: f\n    goos: [linux, darwin]\n    goarch: [amd64, arm]\n    ignore: *ign\n`;
    assert.equal(replaceAndCompare('file:///w/.goreleaser.yaml', listed, [
      // (The name alone: an edit of the whole line was rescanned whole.)
      [' darwin', ' linux'],
      ['goos: linux', 'goos: darwin'],
    ], 'yaml'), 1);
  });
});

describe('an environment anchored whole and merged by jobs that set the other half (<<: *arm-vars, GOOS: linux)', () => {
  const pad = Array.from({ length: 12 }, (_, i) => `pad-${i}:\n  variables:\n    GOOS: linux\n    GOARCH: amd64\n  script: [make build-${i}]\n`).join('');
  const config = `.tmpl:\n  variables: &arm-vars\n    GOOS: freebsd\n    GOARCH: arm\n\n${pad}build-reuse:\n  variables:\n    <<: *arm-vars\n    GOOS: linux\n  script: [go build .]\n`;
  it('judges the anchored GOARCH with each merging job\'s GOOS, where it is written, and again after keystrokes', () => {
    const at = (t: string) => lintText(t, 'gitlab-ci', model, settings.lint).map((f) => `${t.slice(0, f.start).split('\n').length}:${f.code}:${t.slice(f.start, f.end)}`);
    assert.deepEqual(at(config), ['3:unsupported-platform:freebsd', '4:removed-platform:arm']);
    // (darwin/arm is no Go platform: found once, on the job's own GOOS, not again on the template.)
    assert.deepEqual(at(config.replace('    GOOS: linux\n  script: [go', '    GOOS: darwin\n  script: [go')), ['3:unsupported-platform:freebsd', '69:unknown-platform:darwin']);
    const found = replaceAndCompare('file:///w/.gitlab-ci.yml', config, [
      ['    <<: *arm-vars\n    GOOS: linux', '    <<: *arm-vars\n    GOOS: darwin'],
      ['    <<: *arm-vars\n    GOOS: darwin', '    <<: *arm-vars\n    GOOS: linux'],
      ['    GOARCH: arm\n', '    GOARCH: arm64\n'],
      ['    GOARCH: arm64\n', '    GOARCH: arm\n'],
    ], 'yaml');
    assert.equal(found, 2);
  });
});

describe('a goreleaser build that merges an anchored one and sets its own ignore (- <<: *defaults, ignore: […])', () => {
  const pad = Array.from({ length: 12 }, (_, i) => `  - id: pad-${i}\n    goos: [linux]\n    goarch: [amd64]\n    main: ./cmd/tool-${i}\n`).join('');
  const config = `builds:\n  - &defaults\n    id: a\n    goos: [darwin]\n    goarch: [amd64, arm]\n    ignore:\n      - goos: linux\n        goarch: arm\n${pad}  - <<: *defaults\n    id: c\n    goos: [linux]\n    ignore:\n      - goos: linux\n        goarch: amd64\n`;
  it('judges the pairs it builds where the anchored names are written, and again after keystrokes in its ignore', () => {
    const at = (t: string) => lintText(t, 'goreleaser', model, settings.lint).map((f) => `${t.slice(0, f.start).split('\n').length}:${f.code}:${t.slice(f.start, f.end)}`);
    // c builds linux/arm: its own ignore replaces the one it merges. (And a builds nothing for arm: darwin/arm is no Go platform.)
    assert.deepEqual(at(config), ['5:removed-platform:arm']);
    assert.deepEqual(at(config.replace('        goarch: amd64\n', '        goarch: arm\n')), ['5:unknown-platform:arm']);
    const found = replaceAndCompare('file:///w/.goreleaser.yaml', config, [
      [' amd64\n', ' arm\n'],
      ['goarch: arm\n', 'goarch: amd64\n'],
    ], 'yaml');
    assert.equal(found, 1);
  });
});

describe('a matrix anchored under a hidden key and given to jobs by its alias (parallel: matrix: *platforms)', () => {
  const pad = Array.from({ length: 12 }, (_, i) => `pad-${i}:\n  variables:\n    GOOS: linux\n    GOARCH: amd64\n  script: [make build-${i}]\n`).join('');
  const config = `.platforms: &platforms\n  - GOOS: [linux, darwin]\n    GOARCH: [amd64, riscv64]\n\n${pad}build:\n  parallel:\n    matrix: *platforms\n  script: [go build .]\n`;
  it('reads the anchored entries as the matrix they are, where they are written, and again after keystrokes', () => {
    const at = (t: string) => lintText(t, 'gitlab-ci', model, settings.lint).map((f) => `${t.slice(0, f.start).split('\n').length}:${f.code}:${t.slice(f.start, f.end)}`);
    // The matrix builds darwin/riscv64, no Go platform, and linux/riscv64, in no tier: as the same entries written under matrix: say.
    assert.deepEqual(at(config), ['3:unknown-platform:riscv64']);
    assert.deepEqual(at(config.replace('matrix: *platforms', 'matrix:\n      - GOOS: [linux, darwin]\n        GOARCH: [amd64, riscv64]')), ['3:unsupported-platform:riscv64', '69:unknown-platform:riscv64']);
    // Given to something else, the anchored list is no matrix.
    assert.deepEqual(at(config.replace('    matrix: *platforms', '    other: *platforms')), ['3:unsupported-platform:riscv64']);
    const found = replaceAndCompare('file:///w/.gitlab-ci.yml', config, [
      ['[linux, darwin]', '[linux]'],
      ['[linux]', '[linux, darwin]'],
      ['matrix: *platforms', 'matrix: *platform'],
      ['matrix: *platform\n', 'matrix: *platforms\n'],
    ], 'yaml');
    assert.equal(found, 1);
  });
});

describe('a Compose service that takes a Kubernetes image by a merge key or an alias (QA 187 B2)', () => {
  const services = Array.from({ length: 30 }, (_, i) => `  web-${i}:\n    image: nginx:1.27\n    ports: ["${8000 + i}:80"]\n`).join('');
  const compose = `x-kube-proxy: &kube-proxy\n  image: registry.k8s.io/kube-proxy:v1.31.2\n  restart: always\n\nservices:\n${services}  proxy:\n    <<: *kube-proxy\n    platform: windows/amd64\n  controller:\n    image: &cm registry.k8s.io/kube-controller-manager:v1.31.2\n  controller-windows:\n    image: *cm\n    platform: windows/amd64\n`;
  const at = (t: string) => lintText(t, 'yaml', model, settings.lint).map((f) => `${t.slice(0, f.start).split('\n').length}:${f.code}:${t.slice(f.start, f.end)}`);
  const proxyLine = compose.split('\n').findIndex((l) => l.includes('<<: *kube-proxy')) + 2;
  const controllerLine = compose.split('\n').findIndex((l) => l.includes('image: *cm')) + 2;

  it('judges the platform with the merged or aliased image, and not with one the service sets itself', () => {
    assert.deepEqual(at(compose), [`${proxyLine}:artifact-unavailable:windows/amd64`, `${controllerLine}:artifact-unavailable:windows/amd64`]);
    assert.deepEqual(at(compose.replace('  proxy:\n    <<: *kube-proxy\n', '  proxy:\n    <<: *kube-proxy\n    image: ghcr.io/x/shim:1\n')), [`${controllerLine + 1}:artifact-unavailable:windows/amd64`], 'its own image wins over the merged one');
    assert.deepEqual(at(compose.replace('registry.k8s.io/kube-proxy', 'docker.io/library/haproxy')), [`${controllerLine}:artifact-unavailable:windows/amd64`], 'no Kubernetes image anchored');
  });

  it('gives a fresh scan\'s findings after keystrokes in the anchored image, the merge key and the alias', () => {
    const n = replaceAndCompare('file:///w/docker-compose.yml', compose, [
      ['kube-proxy:v1.31.2', 'kube-prixy:v1.31.2'],
      ['kube-prixy:v1.31.2', 'kube-proxy:v1.31.2'],
      ['<<: *kube-proxy', '<<: *kube-proxz'],
      ['<<: *kube-proxz', '<<: *kube-proxy'],
      ['image: *cm', 'image: *cn'],
      ['image: *cn', 'image: *cm'],
      ['&cm registry', '&cn registry'],
      ['&cn registry', '&cm registry'],
    ], 'yaml');
    assert.equal(n, 2);
  });
});

describe('a Compose image anchor written twice (QA 200 B6)', () => {
  const services = Array.from({ length: 30 }, (_, i) => `  web-${i}:\n    image: nginx:1.27\n`).join('');
  const compose = `x-kp: &kp\n  image: registry.k8s.io/kube-proxy:v1.31.2\nservices:\n${services}  proxy:\n    <<: *kp\n    platform: windows/amd64\n${services.replace(/web-/g, 'api-')}x-other: hello\n`;
  it('gives a fresh scan\'s findings when another block anchors the same name, and again when it stops', () => {
    assert.equal(replaceAndCompare('file:///w/compose.yaml', compose, [['x-other: hello', 'x-other: &kp hello']], 'yaml'), 0, 'which image *kp names is not read');
    const n = replaceAndCompare('file:///w/compose.yaml', compose, [
      ['x-other: hello', 'x-other: &kp hello'],
      ['x-other: &kp hello', 'x-other: hello'],
    ], 'yaml');
    assert.equal(n, 1);
  });
});
