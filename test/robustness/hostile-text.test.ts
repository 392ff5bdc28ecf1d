/**
 * Odd but ordinary files through the engine, each with a defined outcome and a time bound: empty,
 * NUL bytes, invalid UTF-8, a BOM, CRLF and lone CR, tabs, astral characters before a platform,
 * and a list of 50,000 findings.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FileKind } from '../../server/src/lint';
import type { Finding } from '../../server/src/rules/finding';
import { KINDS, YAML_KINDS, summary } from './engine';
import { ARM_LINE, assertOneRemoved, brief, lint } from './hostile';

describe('odd but ordinary files', () => {
  it('empty and blank texts: no findings, no notes, in every kind', (t) => {
    for (const kind of KINDS) {
      for (const text of ['', '\n', '\r\n', '   ', '\t\n\t', '\n'.repeat(1000), '#', '---', '\ufeff']) {
        const r = lint(t, text, kind, 2000);
        assert.deepEqual(r.findings, [], `${kind} ${JSON.stringify(text.slice(0, 10))}`);
        assert.deepEqual(r.scan.notes, []);
      }
    }
  });

  it('NUL bytes: the scan goes on; a platform on a line without NUL is still found', (t) => {
    // The CLI and the server skip files with NUL bytes (binary); the engine itself must cope.
    for (const kind of KINDS) {
      const { line } = ARM_LINE[kind];
      const text = `x\u0000y\u0000\n${line}\n\u0000\u0000\u0000\n`;
      assertOneRemoved(text, lint(t, text, kind, 2000).findings);
      lint(t, '\u0000'.repeat(100_000), kind, 2000);
      lint(t, `${line}\u0000`.repeat(1000), kind, 2000);
    }
  });

  it('invalid UTF-8 decoded as text (U+FFFD): positions stay right, before or on the line of a platform', (t) => {
    const replaced = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0xf0, 0x9f, 0x98, 0x41]).toString('utf8');
    assert.ok(replaced.includes('\ufffd'));
    for (const kind of KINDS) {
      const { line } = ARM_LINE[kind];
      const before = `# ${replaced}\n${line}\n`;
      assertOneRemoved(before, lint(t, before, kind, 2000).findings);
    }
    const same: [FileKind, string][] = [
      ['yaml', `platforms: [${replaced}, linux/arm]\n`],
      ['github-workflow', `x: ${replaced}\nplatforms: ${replaced} linux/arm\n`],
      ['makefile', `PLATFORMS := ${replaced} linux/arm\n`],
      ['shell', `echo ${replaced}; GOOS=linux GOARCH=arm go build\n`],
      ['dockerfile', `ENV NOTE=${replaced} PLATFORMS=linux/arm\n`],
    ];
    for (const [kind, text] of same) {
      const token = kind === 'shell' ? 'arm' : 'linux/arm';
      assertOneRemoved(text, lint(t, text, kind, 2000).findings, token);
    }
  });

  it('a BOM at the start: the engine keeps UTF-16 offsets (the BOM is one unit); the CLI strips it (cli-files.test.ts)', (t) => {
    for (const kind of KINDS) {
      const { line } = ARM_LINE[kind];
      const plain = `# first\n${line}\n`;
      const withBom = `\ufeff${plain}`;
      const a = lint(t, plain, kind, 2000).findings;
      const b = lint(t, withBom, kind, 2000).findings;
      assert.deepEqual(
        b.map((f) => [f.start - 1, f.end - 1, f.code]),
        a.map((f) => [f.start, f.end, f.code]),
        `${kind}: the same findings, one unit later`,
      );
    }
  });

  it('CRLF line ends: the same findings on the same lines and columns as LF', (t) => {
    const texts: Record<FileKind, string> = {
      'github-workflow': 'on: push\njobs:\n  b:\n    strategy:\n      matrix:\n        goos: [linux, lnux]\n        goarch: [arm, amd64]\n    steps:\n      - run: |\n          GOOS=linux GOARCH=arm go build\n          docker buildx build --platform linux/amd64,linux/riscv64 .\n      - with:\n          platforms: linux/amd64,linux/arm/v7,linux/amd64\n',
      goreleaser: 'builds:\n  - goos: [linux, darwin]\n    goarch: [arm, arm64]\n    ignore:\n      - goos: darwin\n        goarch: arm\n',
      'gitlab-ci': 'build:\n  parallel:\n    matrix:\n      - GOOS: [linux, freebsd]\n        GOARCH: [amd64, arm]\n  script:\n    - GOOS=linux GOARCH=arm go build\n',
      yaml: 'a:\n  platforms:\n    - linux/amd64\n    - linux/arm\n    - linux/x86_64\nb: >\n  folded linux/arm\nc: linux/riscv64\n',
      makefile: 'PLATFORMS ?= linux/amd64 \\\n  linux/arm \\\n  linux/riscv64\nbuild:\n\tGOOS=linux GOARCH=arm go build \\\n\t  -o bin/x\n',
      dockerfile: 'FROM --platform=linux/arm alpine\nRUN GOOS=linux \\\n    GOARCH=arm go build\nRUN <<EOF\nGOARCH=arm go build\nEOF\n',
      shell: '#!/bin/sh\nGOOS=linux GOARCH=arm go build\ncat <<EOF\nhttps://dl.k8s.io/release/v1.31.0/bin/linux/arm/kubectl\nEOF\ndocker buildx build \\\n  --platform linux/amd64,linux/arm .\n',
    };
    for (const kind of KINDS) {
      const lf = texts[kind];
      const crlf = lf.replace(/\n/g, '\r\n');
      const at = (text: string, eol: string, f: Finding) => {
        const before = text.slice(0, f.start).split(eol);
        return `${before.length}:${before[before.length - 1].length + 1} ${f.code} ${text.slice(f.start, f.end)}`;
      };
      const a = lint(t, lf, kind, 2000).findings.map((f) => at(lf, '\n', f));
      const b = lint(t, crlf, kind, 2000).findings.map((f) => at(crlf, '\r\n', f));
      assert.ok(a.length > 0, `${kind}: the sample has findings`);
      assert.deepEqual(b, a, kind);
    }
    // YAML that does not parse is read line by line (a stray quote typed into a quoted flag; QA 57).
    const broken = 'dockers:\n  - build_flag_templates:\n      - "--platform="linux/arm/v7"\n      - "--platform=linux/x86"_64"\n';
    for (const kind of ['goreleaser', 'yaml'] as FileKind[]) {
      const crlf = broken.replace(/\n/g, '\r\n');
      const a = lint(t, broken, kind, 2000).findings.map((f) => `${f.code} ${broken.slice(f.start, f.end)}`);
      const b = lint(t, crlf, kind, 2000).findings.map((f) => `${f.code} ${crlf.slice(f.start, f.end)}`);
      assert.ok(a.length > 0, `${kind}: the broken sample has findings`);
      assert.deepEqual(b, a, `${kind}, broken`);
    }
  });

  it('lone CR line ends in shell, Makefiles and Dockerfiles (one line to those tools): scanned without error, ranges right', (t) => {
    for (const kind of ['shell', 'makefile', 'dockerfile'] as FileKind[]) {
      const text = `# a\r${ARM_LINE[kind].line}\rX=1\r`.repeat(200);
      lint(t, text, kind, 2000);
    }
  });

  it(
    'lone CR line ends in YAML (a line break in YAML 1.2 §5.4): the same findings as with LF',
    {},
    (t) => {
      for (const kind of YAML_KINDS) {
        const lf = `a: 1\n# x\n${ARM_LINE[kind].line}\nb: 2\n`;
        const cr = lf.replace(/\n/g, '\r');
        const a = lint(t, lf, kind, 2000).findings.map((f) => [f.start, f.end, f.code]);
        const b = lint(t, cr, kind, 2000).findings.map((f) => [f.start, f.end, f.code]);
        assert.deepEqual(b, a, kind);
      }
    },
  );

  it('tabs between words and in indentation: findings on the right tokens', (t) => {
    const cases: [FileKind, string, string][] = [
      ['yaml', 'platforms:\tlinux/arm\n', 'linux/arm'],
      ['yaml', 'a:\n\tplatforms: linux/arm\n', 'linux/arm'],
      ['github-workflow', 'jobs:\n  b:\n    steps:\n      - run:\tGOARCH=arm\tgo build\n', 'arm'],
      ['shell', '\tGOOS=linux\tGOARCH=arm\tgo build\n', 'arm'],
      ['shell', 'docker\tbuildx\tbuild\t--platform\tlinux/arm\t.\n', 'linux/arm'],
      ['makefile', 'PLATFORMS\t:=\tlinux/amd64\tlinux/arm\n', 'linux/arm'],
      ['makefile', 'build:\n\tGOOS=linux\tGOARCH=arm go build\n', 'arm'],
      ['dockerfile', 'FROM\t--platform=linux/arm\talpine\n', 'linux/arm'],
      ['dockerfile', 'ENV\tGOOS=linux\tGOARCH=arm\n', 'arm'],
    ];
    for (const [kind, text, token] of cases) assertOneRemoved(text, lint(t, text, kind, 2000).findings, token);
  });

  it('non-ASCII and astral characters before a platform on the same line: offsets in UTF-16 units', (t) => {
    const junk = '🚀é中\ud83c\udff3\ufe0f\u200d\ud83c\udf08'; // rocket (2 units), é, 中, a ZWJ flag sequence (6 units)
    const cases: [FileKind, string, string][] = [
      ['yaml', `platforms: [${junk}, linux/arm] # ${junk}\n`, 'linux/arm'],
      ['yaml', `x: "${junk}"\nplatforms: "${junk} linux/arm"\n`, 'linux/arm'],
      ['github-workflow', `jobs:\n  b:\n    steps:\n      - run: echo ${junk}; GOOS=linux GOARCH=arm go build\n`, 'arm'],
      ['goreleaser', `builds:\n  - goos: [${junk}, linux]\n    goarch: [arm]\n`, 'arm'],
      ['shell', `echo ${junk}; docker buildx build --platform linux/amd64,linux/arm .\n`, 'linux/arm'],
      ['shell', `X=${junk} GOARCH=arm go build # ${junk}\n`, 'arm'],
      ['makefile', `PLATFORMS := ${junk} linux/arm\n`, 'linux/arm'],
      ['dockerfile', `ENV NOTE=${junk} PLATFORMS=linux/arm\n`, 'linux/arm'],
    ];
    for (const [kind, text, token] of cases) {
      const findings = lint(t, text, kind, 2000).findings;
      const removed = findings.filter((f) => f.code === 'removed-platform');
      assert.deepEqual(brief(text, removed), [`removed-platform ${token}@${text.lastIndexOf(token)}`], `${kind}: ${text}`);
    }
  });
});

describe('many findings', () => {
  it('variable names of 40,000 characters, set to a platform and given to --platform: no pattern too large for the engine, the platform still reported', (t) => {
    // (QA 191 B2: a name built into a pattern made `Regular expression too large`, which stopped the CLI.)
    const note = `${'A'.repeat(40_000)}_NOTE`;
    const list = `L${'B'.repeat(40_000)}`;
    const cases: [string, FileKind][] = [
      [`ARG ${note}=linux/arm/v7\nFROM --platform=$${note} alpine\n`, 'dockerfile'],
      [`${note}=linux/arm/v7\ndocker buildx build --platform "$${note}" .\n${list}=(amd64 arm)\nfor a in "$\{${list}[@]}"; do GOOS=linux GOARCH=$a go build; done\n`, 'shell'],
      [`${note} := linux/arm/v7\nimg:\n\tdocker buildx build --platform $(${note}) .\n`, 'makefile'],
    ];
    for (const [text, kind] of cases) {
      const r = lint(t, text, kind, 5000);
      assert.ok(r.findings.some((f) => f.code === 'removed-platform'), kind);
    }
  });

  it('50,000 removed platforms in one list: every one reported, with a removal range inside the text', (t) => {
    const text = `platforms:\n${'  - linux/arm\n'.repeat(50_000)}`;
    const r = lint(t, text, 'yaml', 10_000);
    assert.equal(r.findings.length, 50_000);
    assert.ok(r.findings.every((f) => f.code === 'removed-platform'));
    assert.deepEqual(summary(text, r.findings.slice(0, 1)), ['15-24 removed-platform "linux/arm"']);
    assert.deepEqual(r.findings[0].data.remove, { start: 11, end: 25 }, 'the whole `  - linux/arm` line');
  });
});
