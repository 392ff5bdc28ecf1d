import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkCache, judge, lintText, scanEdited, scanText, type FileKind } from '../../server/src/lint';
import { builtinModel } from '../../server/src/model/load';
import { fileEnv } from '../../server/src/scanners/yaml';
import { documentsCutAt, isEditedDocument } from '../../server/src/features/textDocument';
import type { LintSettings } from '../../server/src/rules/finding';

const MODEL = builtinModel();
const SETTINGS: LintSettings = { requiredTier: 3, severity: {} };

const GITLAB = `variables:
  GOOS: darwin
  CGO_ENABLED: "0"

build:
  variables:
    GOARCH: arm
  script:
    - go build ./...

test:
  script:
    - GOARCH=386 go test ./...
`;

/** `LINE:COL CODE PLATFORM` of each finding (the platform is its message's first word). */
function findings(text: string, kind: FileKind): string[] {
  return lintText(text, kind, MODEL, SETTINGS).map((f) => {
    const before = text.slice(0, f.start);
    const line = before.split('\n').length;
    return `${line}:${f.start - before.lastIndexOf('\n')} ${f.code} ${f.message.split(' ')[0]}`;
  });
}

/**
 * `text` opened as the server opens it and scanned, then `length` characters at `line`:`character`
 * (0-based) typed over with `replacement`: the text now and its scan as the server makes it (the
 * block edited scanned alone where it can be), with the document and the cache for more edits.
 * `cut`: the document's edit log is cut at that many lines (see documentsCutAt).
 */
function editOnce(uri: string, kind: FileKind, text: string, line: number, character: number, length: number, replacement: string, cut = 8) {
  const documents = documentsCutAt(cut);
  const doc = documents.create(uri, kind, 1, text);
  assert.ok(isEditedDocument(doc));
  const cache = new ChunkCache();
  const first = scanText(text, kind, cache);
  doc.takeEditsSince(1);
  documents.update(doc, [{ range: { start: { line, character }, end: { line, character: character + length } }, text: replacement }], 2);
  const edits = doc.takeEditsSince(1);
  assert.ok(edits);
  const now = doc.getText();
  const scan = scanEdited(first, edits, () => now, cache) ?? scanText(now, kind, cache);
  return { documents, doc, cache, now, scan };
}

describe("a file's top-level environment", () => {
  it('is read from the first level of env:, variables: or environment:, literal valid names only', () => {
    assert.deepEqual(fileEnv(GITLAB), { osName: 'darwin' });
    assert.deepEqual(fileEnv('env:\n  "GOOS": windows # all jobs\n  GOARCH: \'arm64\'\njobs: {}\n'), { osName: 'windows', archName: 'arm64' });
    assert.deepEqual(fileEnv('environment:\r\n  GOARCH: s390x\r\n'), { archName: 's390x' });
    // Templated, a typo (reported where it is written), deeper than the first level, not top-level.
    assert.equal(fileEnv('env:\n  GOOS: ${{ matrix.os }}\n  GOARCH: amd46\n'), undefined);
    assert.equal(fileEnv('env:\n  X:\n    GOOS: windows\n  Y: 1\n'), undefined);
    assert.equal(fileEnv('build:\n  env:\n    GOOS: windows\n'), undefined);
    // Two documents, each with its own: neither is taken for the other's jobs.
    assert.equal(fileEnv('env:\n  GOOS: windows\n---\nenv:\n  GOOS: darwin\n'), undefined);
  });

  it("pairs a job's lone GOARCH in another block with its GOOS", () => {
    assert.deepEqual(findings(GITLAB, 'gitlab-ci'), ['7:13 unknown-platform darwin/arm', '13:14 unknown-platform darwin/386']);
    // Without it, GOARCH alone builds for linux.
    assert.deepEqual(findings(GITLAB.replace('  GOOS: darwin\n', ''), 'gitlab-ci'), ['6:13 removed-platform arm']);
  });

  it('an edit of it makes every block be judged again, as a fresh scan would', () => {
    // GOOS: darwin → GOOS: linux, typed over the value.
    const { documents, doc, cache, now, scan } = editOnce('file:///w/.gitlab-ci.yml', 'gitlab-ci', GITLAB, 1, 8, 6, 'linux');
    assert.ok(isEditedDocument(doc));
    assert.deepEqual(judge(scan, MODEL, SETTINGS), lintText(now, 'gitlab-ci', MODEL, SETTINGS));
    assert.deepEqual(findings(now, 'gitlab-ci'), ['7:13 removed-platform linux/arm']);
    // An edit elsewhere in it that leaves GOOS and GOARCH alone is still scanned alone.
    documents.update(doc, [{ range: { start: { line: 2, character: 16 }, end: { line: 2, character: 17 } }, text: '1' }], 3);
    const other = doc.takeEditsSince(2);
    assert.ok(other);
    const alone = scanEdited(scan, other, () => doc.getText(), cache);
    assert.ok(alone, 'CGO_ENABLED edited: the environment is the same');
    assert.deepEqual(judge(alone, MODEL, SETTINGS), lintText(doc.getText(), 'gitlab-ci', MODEL, SETTINGS));
  });
});

const CIRCLECI = `version: 2.1
executors:
  mac:
    macos:
      xcode: 15.4.0
    environment:
      GOOS: darwin
  linux-arm:
    machine:
      image: ubuntu-2204:current
    resource_class: arm.medium
  win:
    machine:
      image: windows-server-2022-gui:current
    environment:
      GOOS: windows
jobs:
  build-386:
    executor: mac
    environment:
      GOARCH: "386"
    steps:
      - run: go build ./...
  build-win:
    executor:
      name: win
    steps:
      - run: GOARCH=arm go build ./...
  build-arm:
    executor: linux-arm
    steps:
      - run: GOARCH=riscv64 go build ./...
`;

describe("a CircleCI executor's environment", () => {
  it('is the environment of the jobs that run on it (executor: name, or name: under executor:)', () => {
    assert.deepEqual(findings(CIRCLECI, 'yaml'), ['21:16 unknown-platform darwin/386', '28:21 unknown-platform windows/arm', '32:21 unsupported-platform GOARCH']);
  });

  it('an edit of it makes every block be judged again, as a fresh scan would', () => {
    // GOOS: windows → GOOS: linux.
    const { now, scan } = editOnce('file:///w/.circleci/config.yml', 'yaml', CIRCLECI, 15, 12, 7, 'linux');
    assert.deepEqual(judge(scan, MODEL, SETTINGS), lintText(now, 'yaml', MODEL, SETTINGS));
    assert.deepEqual(findings(now, 'yaml'), ['21:16 unknown-platform darwin/386', '28:21 removed-platform linux/arm', '32:21 unsupported-platform GOARCH']);
  });
});

const ENV_FLAG = `env:
  ARCH: arm
  REGISTRY: example.com
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: docker buildx build --platform linux/$ARCH -t $REGISTRY/x .
  other:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`;

describe("a workflow's environment given to --platform by a run step", () => {
  it('is read where it is set, and an edit of its use, of a script or of another key makes every block be judged again', () => {
    assert.deepEqual(findings(ENV_FLAG, 'github-workflow'), ['2:9 removed-platform linux/arm']);
    /** The text after replacing `from` by `to` at `line` (0-based), scanned as the server does it, must be judged as a fresh scan judges it. */
    const edits: [number, string, string, string[]][] = [
      // The use changed to another variable: ARCH is no flag's any more.
      [8, '$ARCH', '$ARXH', []],
      // A script sets it too: the flag reads that.
      [12, 'make test', 'ARCH=arm64 make', []],
      // Another job's environment sets it too: which one the flag reads is not told.
      [11, 'steps:', 'env: {ARCH: arm64}', []],
      // A line that has nothing to do with it: still read.
      [2, 'example.com', 'example.org', ['2:9 removed-platform linux/arm']],
    ];
    for (const [line, from, to, want] of edits) {
      const { now, scan } = editOnce('file:///w/.github/workflows/env.yml', 'github-workflow', ENV_FLAG, line, ENV_FLAG.split('\n')[line].indexOf(from), from.length, to, 4);
      assert.deepEqual(judge(scan, MODEL, SETTINGS), lintText(now, 'github-workflow', MODEL, SETTINGS), `${from} → ${to}`);
      assert.deepEqual(findings(now, 'github-workflow'), want, `${from} → ${to}`);
    }
  });
});
