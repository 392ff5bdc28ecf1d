import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, type FileKind } from '../../server/src/lint';
import { builtinModel } from '../../server/src/model/load';

const model = builtinModel();
const defaults = { requiredTier: 3 as const, severity: {} };
const removedOff = { requiredTier: 3 as const, severity: { 'removed-platform': 'off' as const } };

function codes(text: string, kind: FileKind, settings = defaults): string[] {
  return lintText(text, kind, model, settings).map((f) => `${text.slice(0, f.start).split('\n').length}:${f.start - text.lastIndexOf('\n', f.start - 1)} ${f.code} ${text.slice(f.start, f.end)}`);
}

describe('a repeated platform beside other codes', () => {
  it('a repeat in a goos/goarch list gets duplicate-platform beside the code of its pairs, as a list item does', () => {
    const goreleaser = 'builds:\n  - goos: [linux]\n    goarch: [amd64, riscv64, riscv64]\n';
    assert.deepEqual(codes(goreleaser, 'goreleaser'), ['3:21 unsupported-platform riscv64', '3:30 unsupported-platform riscv64', '3:30 duplicate-platform riscv64']);
    const list = 'PLATFORMS := linux/riscv64 linux/riscv64\n';
    assert.deepEqual(codes(list, 'makefile'), ['1:14 unsupported-platform linux/riscv64', '1:28 unsupported-platform linux/riscv64', '1:28 duplicate-platform linux/riscv64']);
  });

  it('an arch with its variant in a loop a --platform reads repeats the same variant only (arm64/v8 is arm64)', () => {
    const loop = 'for a in amd64/v2 amd64/v3 arm64 arm64/v8 amd64/v2; do\n  docker buildx build --platform "linux/${a}" .\ndone\n';
    assert.deepEqual(codes(loop, 'shell'), ['1:34 duplicate-platform arm64/v8', '1:43 duplicate-platform amd64/v2']);
    const messages = lintText(loop, 'shell', model, defaults).map((f) => f.message);
    assert.deepEqual(messages, ['arm64/v8 is already in this list as arm64; remove the repeat.', 'amd64/v2 is already in this list; remove the repeat.']);
  });

  it('a removed platform listed twice is removed each time, and no duplicate', () => {
    assert.deepEqual(codes('builds:\n  - goos: [linux]\n    goarch: [arm, arm]\n', 'goreleaser'), ['3:14 removed-platform arm', '3:19 removed-platform arm']);
    assert.deepEqual(codes('PLATFORMS := linux/arm/v7 linux/arm/v7\n', 'makefile'), ['1:14 removed-platform linux/arm/v7', '1:27 removed-platform linux/arm/v7']);
  });

  it('with removed-platform off, the repeat and the spelling of a removed platform are still reported', () => {
    assert.deepEqual(codes('PLATFORMS := linux/arm/v7 linux/arm/v7\n', 'makefile', removedOff), ['1:27 duplicate-platform linux/arm/v7']);
    assert.deepEqual(codes('builds:\n  - goos: [linux]\n    goarch: [arm, arm]\n', 'goreleaser', removedOff), ['3:19 duplicate-platform arm']);
    const docker = 'jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: linux/amd64,linux/armhf\n';
    assert.deepEqual(codes(docker, 'github-workflow', removedOff), ['6:34 non-canonical-platform linux/armhf']);
  });
});

describe('a name in capitals in a goos/goarch list', () => {
  const fixes = (text: string) => lintText(text, 'goreleaser', model, defaults).map((f) => `${text.slice(f.start, f.end)} → ${f.data.listed ? 'remove' : (f.data.replacements ?? []).join(',')}`);

  it('is fixed to its lower case unless the list holds that name as Go writes it', () => {
    assert.deepEqual(fixes('builds:\n  - goos: [Linux, DARWIN]\n    goarch: [amd64]\n'), ['Linux → linux', 'DARWIN → darwin']);
    assert.deepEqual(fixes('builds:\n  - goos: [linux, Linux]\n    goarch: [amd64]\n'), ['Linux → remove']);
    // Neither is linux: the first is fixed, the second (a repeat of it) removed, not both.
    assert.deepEqual(fixes('builds:\n  - goos: [Linux, LINUX]\n    goarch: [amd64]\n'), ['Linux → linux', 'LINUX → remove']);
  });

  it('a typo is removed when the list holds its name in any case', () => {
    assert.deepEqual(fixes('builds:\n  - goos: [linux]\n    goarch: [AMD64, amd46]\n'), ['AMD64 → amd64', 'amd46 → remove']);
  });

  it('a typo in capitals is a typo, and a word no edit from a name is a placeholder', () => {
    const codes = (text: string) => lintText(text, 'shell', model, defaults).map((f) => `${f.code} ${text.slice(f.start, f.end)}`);
    assert.deepEqual(codes('GOOS=linux GOARCH=AMD46 go build\n'), ['unknown-platform AMD46']);
    assert.deepEqual(codes('GOOS=LINX GOARCH=amd64 go build\n'), ['unknown-platform LINX']);
    assert.deepEqual(codes('GOOS=OS GOARCH=ARCH go build\ndocker build --platform linux/ARCH .\n'), []);
  });
});
