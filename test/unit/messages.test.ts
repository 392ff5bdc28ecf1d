import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, type FileKind } from '../../server/src/lint';
import { builtinModel } from '../../server/src/model/load';
import { TierModel } from '../../server/src/model/query';
import { unsupportedMessage } from '../../server/src/rules/unsupportedPlatform';
import { explainInput } from '../../server/src/explain';

const model = builtinModel();
const settings = { requiredTier: 3 as const, severity: {} };
const PLATFORMS = ['linux/amd64', 'linux/386', 'linux/arm64', 'darwin/amd64', 'darwin/arm64', 'windows/amd64', 'windows/arm64', 'windows/386', 'linux/s390x'];
const SUFFIX: Record<string, string> = { binary: '', exe: '.exe', tar: '.tar', docker_tag: '.docker_tag', sha256: '.sha256', sha512: '.sha512' };

describe('artifact-unavailable messages', () => {
  it('say where a binary in another form is listed when no platform lists the named form', () => {
    const text = 'curl -fsSLO https://dl.k8s.io/release/v1.31.0/bin/windows/amd64/kube-scheduler.exe\n';
    const [f] = lintText(text, 'shell', model, settings);
    assert.equal(f?.code, 'artifact-unavailable');
    assert.match(f.message, /not listed for windows\/amd64 in the Kubernetes release artifacts; no platform lists it in this form \(kube-scheduler is listed for linux\/amd64, /);
  });

  it('are not added to an unknown platform, whether its names are Go names or not', () => {
    const text = ['darwin/386/kubectl', 'windows/arm/kubectl.exe', 'windows/amd46/kubectl.exe', 'darwin/arm64/kubectl'].map((p) => `curl -LO https://dl.k8s.io/release/v1.31.0/bin/${p}\n`).join('');
    const codes = lintText(text, 'shell', model, settings).map((f) => `${text.slice(f.start, f.end)} ${f.code}`);
    assert.deepEqual(codes, ['darwin/386 unknown-platform', 'windows/arm unknown-platform', 'windows/amd46 unknown-platform', 'darwin/arm64 artifact-unavailable']);
  });

  it('name the windows platforms that have a binary as .exe', () => {
    const [f] = lintText('curl -LO https://dl.k8s.io/release/v1.31.0/bin/darwin/arm64/kubectl\n', 'shell', model, settings);
    assert.match(f?.message ?? '', /; it is listed for darwin\/amd64, .*linux\/s390x, and as kubectl\.exe for windows\/386, windows\/amd64\.$/);
  });

  it('never end in an empty list, for every binary, form and platform of the model', () => {
    const lines: string[] = [];
    for (const b of model.data.binaries.items) {
      for (const form of Object.keys(SUFFIX)) {
        for (const p of PLATFORMS) lines.push(`curl -fsSLO https://dl.k8s.io/release/v1.31.0/bin/${p}/${b.name}${SUFFIX[form]}`);
      }
    }
    const findings = lintText(`${lines.join('\n')}\n`, 'shell', model, settings).filter((f) => f.code === 'artifact-unavailable');
    assert.ok(findings.length > 100, `only ${findings.length} findings`);
    for (const f of findings) {
      assert.doesNotMatch(f.message, /(for|lists it|exist for) ?\.$|, \.$|\(\)/, f.message);
      assert.match(f.message, /in the Kubernetes release artifacts; /);
    }
  });
});

describe('unsupported-platform of an os or an arch alone (QA 295, QA 296)', () => {
  it('names the platform it most likely makes, where Go has it', () => {
    const text = 'for a in amd64 riscv64; do export GOARCH=$a; go build; done\nfor o in linux freebsd; do export GOOS=$o; go build; done\nfor a in amd64 wasm; do export GOARCH=$a; go build; done\n';
    assert.deepEqual(lintText(text, 'shell', model, settings).map((f) => `${f.code} ${f.message}`), [
      'unsupported-platform GOARCH riscv64 is a valid Go architecture, but no Kubernetes platform has it (linux/riscv64 is in no tier); Kubernetes does not build or test it.',
      'unsupported-platform GOOS freebsd is a valid Go operating system, but no Kubernetes platform has it (freebsd/amd64 is in no tier); Kubernetes does not build or test it.',
      'unsupported-platform GOARCH wasm is a valid Go architecture, but no Kubernetes platform has it (js/wasm is in no tier); Kubernetes does not build or test it.',
    ]);
  });
});

describe('did you mean: platforms that build, never a removed one', () => {
  const replacements = (text: string) => lintText(`${text}\n`, 'shell', model, settings).map((f) => [f.message.replace(/^.*did you mean /, ''), f.data.replacements]);
  it('a typo nearest linux/arm gets the platforms next to it', () => {
    // (386 is as far from arn as arm64 is, but has none of its characters: no suggestion.)
    assert.deepEqual(replacements('docker build --platform linux/arn .'), [['linux/arm64?', ['linux/arm64']]]);
    assert.deepEqual(replacements('GOOS=linux GOARCH=arn go build'), [['arm64?', ['arm64']]]);
    assert.deepEqual(replacements('GOARCH=arn go build'), [['arm64?', ['arm64']]]);
  });
  it('a name that shares no character with the written one is no suggestion (GOOS=xy)', () => {
    assert.deepEqual(replacements('GOOS=xy GOARCH=amd64 go build'), [['xy is not a Go operating system (GOOS); check the spelling.', []]]);
    assert.deepEqual(replacements('GOOS=lnux GOARCH=s390x go build').map(([, r]) => r), [['linux']]);
  });
  it('a name being typed, one letter of it too, gets the names it begins (QA 265: linux/s offered linux/mips, three edits off)', () => {
    assert.deepEqual(replacements('GOOS=l GOARCH=s390x go build').map(([, r]) => r), [['linux']]);
    assert.deepEqual(replacements('docker build --platform linux/s .').map(([, r]) => r), [['linux/s390x']]);
    assert.deepEqual(replacements('docker build --platform linux/a .').map(([, r]) => r), [['linux/amd64', 'linux/arm64']]);
    // (No name begins with q, and none is near it: still none.)
    assert.deepEqual(replacements('GOOS=q GOARCH=amd64 go build').map(([, r]) => r), [[]]);
  });
  it('fullwidth letters, as an input method types them, are measured as the letters they stand for', () => {
    assert.deepEqual(replacements('docker build --platform \uff4c\uff49\uff4e\uff55\uff58/amd64 .').map(([, r]) => r), [['linux/amd64']]);
    assert.deepEqual(replacements('GOOS=linux GOARCH=\uff41\uff52\uff4d64 go build').map(([, r]) => r), [['arm64']]);
  });
  it('an arch is offered only where it makes a valid pair with the GOOS', () => {
    assert.deepEqual(replacements('GOOS=darwin GOARCH=arn go build'), [['arm64?', ['arm64']]]);
  });
  it('an os typo is offered the os, whatever the arch; the message says when the pair it makes is no platform to build', () => {
    assert.deepEqual(replacements('GOOS=lnux GOARCH=arm64 go build'), [['linux?', ['linux']]]);
    assert.deepEqual(replacements('GOOS=lnux GOARCH=arm go build'), [['linux? linux/arm would be a removed platform.', ['linux']]]);
    assert.deepEqual(replacements('GOOS=windos GOARCH=riscv64 go build'), [['windows? windows/riscv64 is not a Go platform either.', ['windows']]]);
  });
  it('a name being typed is offered the names it begins (QA 73: `wi` was offered aix, two edits off)', () => {
    assert.deepEqual(replacements('GOOS=wi GOARCH=amd64 go build'), [['windows?', ['windows']]]);
    assert.deepEqual(replacements('GOOS=dar GOARCH=arm64 go build'), [['darwin?', ['darwin']]]);
    assert.deepEqual(replacements('docker build --platform linux/amd .').map(([, r]) => r), [['linux/amd64']]);
  });
});

describe('a matrix that builds a pair Go does not know', () => {
  it('a workflow matrix is told to exclude it; a GitLab matrix, which has no exclude, to split its entry', () => {
    const gha = 'jobs:\n  b:\n    strategy:\n      matrix:\n        goos: [linux, darwin]\n        goarch: [amd64, s390x]\n';
    const [w] = lintText(gha, 'github-workflow', model, settings).filter((f) => f.code === 'unknown-platform');
    assert.match(w?.message ?? '', /darwin\/s390x is not a valid Go platform, and this matrix builds it \(add an exclude entry for it\)/);
    // A value that makes no valid pair at all (s390x beside darwin alone) is to go (QA 229 D2).
    const [alone] = lintText(gha.replace('[linux, darwin]', '[darwin]'), 'github-workflow', model, settings);
    assert.match(alone?.message ?? '', /darwin\/s390x is not a valid Go platform, and this matrix builds it \(s390x makes no valid pair with the other axis: remove it from the list\)/);
    const gitlab = 'build:\n  parallel:\n    matrix:\n      - GOOS: darwin\n        GOARCH: [amd64, s390x]\n  script:\n    - go build\n';
    const [g] = lintText(gitlab, 'gitlab-ci', model, settings);
    assert.equal(g?.code, 'unknown-platform');
    assert.match(g.message, /and this matrix builds it \(split the entry so that it leaves the pair out\)/);
  });
});

describe('removed-platform messages of goreleaser builds', () => {
  it('name the goarm variant also when goamd64 or goarm64 is written before goarm', () => {
    for (const before of ['goamd64: [v1]', 'goarm64: [v8.0]', 'go386: [sse2]']) {
      const text = `builds:\n  - goos: [linux]\n    goarch: [amd64, arm]\n    ${before}\n    goarm: ["7"]\n`;
      const [f] = lintText(text, 'goreleaser', model, settings);
      assert.equal(f?.code, 'removed-platform', before);
      assert.match(f.message, /^linux\/arm\/v7 was removed/, before);
    }
  });

  it('name every goarm variant built, leaving out those an ignore entry leaves out', () => {
    const cases: [string, string | undefined][] = [
      ['goarm: ["6", "7"]', 'linux/arm/v6 and linux/arm/v7 were removed from the Kubernetes release ('],
      ['goarm: [5, 6, 7]', 'linux/arm/v5, linux/arm/v6 and linux/arm/v7 were removed'],
      ['goarm: ["6", "7"]\n    ignore:\n      - goos: linux\n        goarch: arm\n        goarm: "6"', 'linux/arm/v7 was removed'],
      ['goarm: ["7"]', 'linux/arm/v7 was removed'],
      ['goarm: ["6", "7", "6"]', 'linux/arm/v6 and linux/arm/v7 were removed'],
      ['goarm: ["6", "9"]', 'linux/arm/v6 was removed'],
    ];
    for (const [variants, message] of cases) {
      const text = `builds:\n  - goos: [linux]\n    goarch: [amd64, arm]\n    ${variants}\n`;
      const found = lintText(text, 'goreleaser', model, settings);
      assert.equal(found.length, 1, variants);
      assert.equal(found[0]!.code, 'removed-platform', variants);
      assert.ok(found[0]!.message.startsWith(message!), `${variants}: ${found[0]!.message}`);
      assert.match(found[0]!.message, /; remove (it|them)\.$/);
    }
  });
});

describe('removed-platform messages of a GOARCH written as an alias', () => {
  it('name the variant the alias stands for, and say what Go writes instead', () => {
    const cases: [string, FileKind, RegExp][] = [
      ['GOOS=linux GOARCH=armv7 go build\n', 'shell', /^linux\/arm\/v7 was removed .*; remove it\. armv7 is not a Go architecture either: Go writes it GOARCH=arm GOARM=7\.$/],
      ['ENV GOOS=linux GOARCH=armhf\n', 'dockerfile', /^linux\/arm\/v7 was removed .*\. armhf is not a Go architecture either: Go writes it GOARCH=arm GOARM=7\.$/],
      ['builds:\n  - goos: [linux]\n    goarch: [armel]\n', 'goreleaser', /^linux\/arm\/v6 was removed .*\. armel is not a Go architecture either: Go writes it GOARCH=arm GOARM=6\.$/],
      ['GOARCH=armv6 go build\n', 'shell', /\. armv6 is not a Go architecture either: Go writes it GOARCH=arm GOARM=6\.$/],
      // (GitLab's parallel matrix sets GOARCH itself, as the job's variable: QA 294 B2.)
      ['build:\n  parallel:\n    matrix:\n      - GOOS: linux\n        GOARCH: [amd64, armv6]\n  script:\n    - go build\n', 'gitlab-ci', /^linux\/arm\/v6 was removed .*\. armv6 is not a Go architecture either: Go writes it GOARCH=arm GOARM=6\.$/],
    ];
    for (const [text, kind, message] of cases) {
      const found = lintText(text, kind, model, settings);
      assert.deepEqual(found.map((f) => f.code), ['removed-platform'], text);
      assert.match(found[0]!.message, message, text);
    }
  });

  it("add nothing where Go's own name is written", () => {
    for (const text of ['GOOS=linux GOARCH=arm GOARM=7 go build\n', 'GOOS=linux GOARCH=ARM go build\n', 'docker build --platform linux/armv7 .\n']) {
      for (const f of lintText(text, 'shell', model, settings)) assert.doesNotMatch(f.message, /not a Go architecture either/, text);
    }
    // (Nor where a matrix's arch may go to a case that maps it, or to a container tool.)
    const matrix = 'jobs:\n  b:\n    strategy:\n      matrix:\n        goos: [linux]\n        goarch: [amd64, armv7]\n';
    const found = lintText(matrix, 'github-workflow', model, settings);
    assert.deepEqual(found.map((f) => f.code), ['removed-platform']);
    assert.doesNotMatch(found[0]!.message, /not a Go architecture either/);
  });
});

describe('removed-platform messages of an arm variant that only arm64 has (QA 161 D2, QA 165 D2)', () => {
  it('linux/arm/v8 is removed, and the message asks whether linux/arm64/v8 was meant; a variant arm has says nothing of it', () => {
    const v8 = lintText('docker buildx build --platform linux/amd64,linux/arm/v7,linux/arm/v8 .\n', 'shell', model, settings);
    assert.deepEqual(v8.map((f) => f.code), ['removed-platform', 'removed-platform']);
    assert.doesNotMatch(v8[0]!.message, /arm64/);
    assert.match(v8[1]!.message, /^linux\/arm\/v8 was removed .*; remove it\. Arm has no v8: was linux\/arm64\/v8 meant\?$/);
    // (GOARM=9 beside GOARCH=arm is a typo of GOARM, no arm64 meant.)
    assert.doesNotMatch(lintText('GOOS=linux GOARCH=arm GOARM=9 go build\n', 'shell', model, settings)[0]?.message ?? '', /arm64/);
    // (No variant arm64 has not either: nothing to ask.)
    const v3 = lintText('docker buildx build --platform linux/arm/v3 .\n', 'shell', model, settings);
    assert.doesNotMatch(v3[0]?.message ?? '', /meant/);
  });

  it('an alias given to a container tool\'s --arch gets no Go spelling advice; one given to GOARCH does (QA 168 D8)', () => {
    const [buildah] = lintText('buildah from --arch=armhf alpine\n', 'shell', model, settings);
    assert.equal(buildah?.code, 'removed-platform');
    assert.doesNotMatch(buildah.message, /Go architecture|GOARM/);
    const [go] = lintText('GOARCH=armhf go build\n', 'shell', model, settings);
    assert.match(go?.message ?? '', /armhf is not a Go architecture either: Go writes it GOARCH=arm GOARM=7\.$/);
  });

  it('unsupported-platform on a value of a cross product names every pair it builds that no tier holds (QA 166 B3)', () => {
    const text = 'builds:\n  - goos: [freebsd, linux]\n    goarch: [amd64, arm64, riscv64]\n';
    const found = lintText(text, 'goreleaser', model, settings).map((f) => [text.slice(f.start, f.end), f.code, f.message]);
    assert.deepEqual(found, [
      ['freebsd', 'unsupported-platform', 'freebsd/amd64, freebsd/arm64 and freebsd/riscv64 are valid Go platforms but in no Kubernetes tier; Kubernetes does not build or test them.'],
      // (freebsd/riscv64 is said on freebsd, the value no tier has any platform for.)
      ['riscv64', 'unsupported-platform', 'linux/riscv64 is a valid Go platform but in no Kubernetes tier; Kubernetes does not build or test it.'],
    ]);
    // The same in a workflow matrix; a long list names the first seven and counts the rest.
    const matrix = 'jobs:\n  b:\n    strategy:\n      matrix:\n        goos: [openbsd]\n        goarch: [amd64, arm64, 386, arm, riscv64, ppc64]\n    steps:\n      - run: GOOS=${{ matrix.goos }} GOARCH=${{ matrix.goarch }} go build\n';
    const [os] = lintText(matrix, 'github-workflow', model, settings).filter((f) => matrix.slice(f.start, f.end) === 'openbsd');
    assert.equal(os?.message, 'openbsd/amd64, openbsd/arm64, openbsd/386, openbsd/arm, openbsd/riscv64 and openbsd/ppc64 are valid Go platforms but in no Kubernetes tier; Kubernetes does not build or test them.');
    // Each arm variant a goreleaser build makes too (QA 168 B1: caddy's freebsd build, goarm 6 and 7).
    const goarm = 'builds:\n  - goos: [freebsd]\n    goarch: [arm]\n    goarm: ["6", "7"]\n';
    assert.deepEqual(lintText(goarm, 'goreleaser', model, settings).map((f) => f.message), ['freebsd/arm/v6 and freebsd/arm/v7 are valid Go platforms but in no Kubernetes tier; Kubernetes does not build or test them.']);
    const ten = Array.from({ length: 10 }, (_, k) => `p${k}`);
    assert.match(unsupportedMessage(ten), /^p0, p1, p2, p3, p4, p5, p6 and 3 more are valid Go platforms/);
  });
});

describe('a platform with one half left out', () => {
  it('is unknown-platform, offering the platforms of the half written, best tier first, then in the order of the tier table as completion has them', () => {
    const [os] = lintText('FROM --platform=linux/ alpine\n', 'dockerfile', model, settings);
    assert.equal(os?.code, 'unknown-platform');
    assert.equal(os.message, 'linux/ is not a valid Go platform; did you mean linux/amd64, linux/arm64, linux/386?');
    assert.deepEqual(os.data.replacements, ['linux/amd64', 'linux/arm64', 'linux/386']);
    const [arch] = lintText('docker buildx build --platform /arm64 .\n', 'shell', model, settings);
    assert.deepEqual(arch?.data.replacements, ['linux/arm64', 'darwin/arm64', 'windows/arm64']);
  });

  it('is none where a template or a quote goes on with the word', () => {
    for (const text of ['docker buildx build --platform linux/"${ARCH}" .\n', "docker buildx build --platform=linux/'amd64' .\n", 'docker buildx build --platform linux/$(ARCH) .\n']) {
      assert.deepEqual(lintText(text, 'shell', model, settings), [], text);
    }
  });
});

describe('fixes written as the context spells platforms', () => {
  it("an unknown-platform fix takes the context's spelling: --platform amd64-linx gets linux/amd64", () => {
    const [f] = lintText('docker buildx build --platform amd64-linx .\n', 'shell', model, settings);
    assert.equal(f?.code, 'unknown-platform');
    assert.equal(f.data.replacements?.[0], 'linux/amd64');
  });
  it("keep a Konflux host type after the os, in unknown-platform's and non-canonical-platform's fixes", () => {
    const text = 'spec:\n  params:\n    - name: build-platforms\n      value:\n        - linux-mlarge/arm46\n        - linux-m2xlarge/x86_64\n';
    const findings = lintText(text, 'yaml', model, settings);
    const unknown = findings.find((f) => f.code === 'unknown-platform');
    const alias = findings.find((f) => f.code === 'non-canonical-platform');
    assert.equal(unknown?.data.replacements?.[0], 'linux-mlarge/arm64');
    assert.deepEqual(alias?.data.replacements, ['linux-m2xlarge/amd64']);
  });
});

describe('typos on top of other spellings', () => {
  const first = (text: string) => lintText(text, 'shell', model, settings)[0];
  it('offer the platform meant, read the right way round, for an arch-first platform with a typo', () => {
    for (const [written, meant] of [['aarch46/linux', 'linux/arm64'], ['amd64/lnux', 'linux/amd64'], ['x86_46/linux', 'linux/amd64'], ['i686x/linux', 'linux/386']]) {
      const f = first(`docker buildx build --platform ${written} .\n`);
      assert.equal(f?.code, 'unknown-platform', written);
      assert.equal((f?.data as { replacements: string[] }).replacements[0], meant, written);
    }
  });
  it('offer the alias meant in a joined spelling, in that spelling', () => {
    const f = first('terraform providers lock -platform=linux_x86_46\n');
    assert.equal((f?.data as { replacements: string[] }).replacements[0], 'linux_amd64');
    assert.equal((first('docker buildx build --platform linux-aarch46 .\n')?.data as { replacements: string[] }).replacements[0], 'linux/arm64');
  });
});

describe('a macOS universal binary', () => {
  it('is darwin\'s alone', () => {
    assert.equal(lintText('GOOS=darwin GOARCH=universal go build\n', 'shell', model, settings).length, 0);
    const [f] = lintText('GOOS=windows GOARCH=universal go build\n', 'shell', model, settings);
    assert.equal(f?.code, 'unknown-platform');
    assert.match(f.message, /only darwin has, not windows\.$/);
    assert.equal(lintText('curl -LO https://dl.k8s.io/release/v1.31.0/bin/darwin/universal/kubectl\n', 'shell', model, settings)[0]?.code, 'unknown-platform');
  });
});

describe('removed-platform messages name the variant built', () => {
  /** Each finding as the text it covers and the platform its message names. */
  const named = (text: string, kind: FileKind) => lintText(text, kind, model, settings).map((f) => `${text.slice(f.start, f.end)} ${f.message.replace(/ was removed.*$/, '')}`);
  it('a Dockerfile ENV that sets GOARM beside GOARCH, as a RUN line does', () => {
    const text = 'FROM golang AS a\nENV GOOS=linux GOARCH=arm GOARM=7\nRUN GOOS=linux GOARCH=arm GOARM=6 go build .\nFROM golang AS b\nENV GOOS=linux GOARCH=arm\n';
    assert.deepEqual(named(text, 'dockerfile'), ['arm linux/arm/v7', 'arm linux/arm/v6', 'arm linux/arm']);
  });
  it("a Dockerfile's variant variable is its own arch's only, and one Go lacks is reported where it is written (QA 208 R1, B5)", () => {
    const text = 'FROM golang AS a\nENV GOOS=linux GOARCH=amd64 GOARM=7\nENV GOOS=linux GOARCH=arm64 GOARM=7\nENV GOOS=linux GOARCH=amd64 GOAMD64=v5\nENV GOOS=linux GOARCH=amd64 GOAMD64=v3\n';
    assert.deepEqual(
      lintText(text, 'dockerfile', model, settings).map((f) => `${text.slice(f.start, f.end)} ${f.code} ${f.message}`),
      ['v5 unknown-platform linux/amd64/v5 is not a valid Go platform: amd64 has no variant v5 (its variants: v1 to v4); did you mean linux/amd64?'],
    );
  });
  it("a variable's own default with a variant, a GOARCH with one, and arch lists with variants or templated items (QA 208 B3, B4, B6)", () => {
    assert.deepEqual(named('ARCH=${ARCH:-arm/v7}\ndocker buildx build --platform linux/$ARCH .\n', 'shell'), ['arm/v7 linux/arm/v7']);
    assert.deepEqual(named('GOARCH="arm/v7"\ndocker buildx build --platform linux/$GOARCH .\n', 'shell'), ['arm/v7 arm (linux/arm/v7)']);
    assert.deepEqual(named('FROM alpine\nARG PLATFORMS="amd64 arm/v7 arm64"\nARG B_PLATFORMS="amd64 arm ${EXTRA_ARCHES}"\n', 'dockerfile'), ['arm/v7 linux/arm/v7', 'arm linux/arm']);
    assert.deepEqual(named('PLATFORMS ?= amd64 $(EXTRA) arm\n', 'makefile'), ['arm linux/arm']);
  });
  it('a removed platform with a variant arm does not have still names an artifact not listed for it (QA 208 R2)', () => {
    const text = 'docker pull --platform linux/arm/v9 registry.k8s.io/kube-proxy:v1.31.0\n';
    assert.deepEqual(lintText(text, 'shell', model, settings).map((f) => f.code), ['removed-platform', 'artifact-unavailable']);
  });
  it('an arch written with its variant in a variable a --platform takes after an os, on the whole word', () => {
    const text = 'ARCH=arm/v7\ndocker buildx build --platform "linux/${ARCH}" .\nfor a in amd64 arm/v6; do docker build --platform linux/$a .; done\n';
    assert.deepEqual(named(text, 'shell'), ['arm/v7 linux/arm/v7', 'arm/v6 linux/arm/v6']);
  });
});

describe('an arch with a variant Go lacks, written in one word (QA 208 B2)', () => {
  /** Each finding as the text it covers, its code, message and replacements. */
  const found = (text: string, kind: FileKind) => lintText(text, kind, model, settings).map((f) => `${text.slice(f.start, f.end)} ${f.code} ${f.message.replace(/ was removed.*?;[^.]*\./, ' was removed.')} [${(f.data.replacements ?? []).join(',')}]`);
  it('in a list of arches alone (Makefile, Dockerfile, shell), offered back as the arch alone', () => {
    assert.deepEqual(found('PLATFORMS ?= amd64 arm64/v7 amd64/v9\n', 'makefile'), [
      'arm64/v7 unknown-platform arm64/v7 (linux/arm64/v7) is not a valid Go platform: arm64 has no variant v7 (its variants: v8); did you mean arm64? [arm64]',
      'amd64/v9 unknown-platform amd64/v9 (linux/amd64/v9) is not a valid Go platform: amd64 has no variant v9 (its variants: v1 to v4); did you mean amd64? It is in this list already: remove amd64/v9. []',
    ]);
    assert.deepEqual(found('FROM alpine\nARG C_PLATFORMS=amd64,arm64/v7\n', 'dockerfile'), ['arm64/v7 unknown-platform arm64/v7 (linux/arm64/v7) is not a valid Go platform: arm64 has no variant v7 (its variants: v8); did you mean arm64? [arm64]']);
  });
  it('in a variable or a loop a --platform reads after an os, and a matrix axis', () => {
    assert.deepEqual(found('A=amd64/v5\ndocker build --platform "linux/${A}" .\n', 'shell'), ['amd64/v5 unknown-platform amd64/v5 (linux/amd64/v5) is not a valid Go platform: amd64 has no variant v5 (its variants: v1 to v4); did you mean amd64? [amd64]']);
    assert.deepEqual(found('for a in amd64 amd64/v5 arm64/v7; do docker build --platform linux/$a .; done\n', 'shell'), [
      'amd64/v5 unknown-platform amd64/v5 (linux/amd64/v5) is not a valid Go platform: amd64 has no variant v5 (its variants: v1 to v4); did you mean amd64? It is in this list already: remove amd64/v5. []',
      'arm64/v7 unknown-platform arm64/v7 (linux/arm64/v7) is not a valid Go platform: arm64 has no variant v7 (its variants: v8); did you mean arm64? [arm64]',
    ]);
    assert.deepEqual(found('ARCH=arm/v8\ndocker build --platform "linux/${ARCH}" .\n', 'shell'), ['arm/v8 removed-platform linux/arm/v8 was removed. Arm has no v8: was arm64/v8 meant? [arm64/v8]']);
    const workflow = 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        arch: [amd64, amd64/v5]\n    steps:\n      - run: docker build --platform linux/${{ matrix.arch }} .\n';
    assert.deepEqual(found(workflow, 'github-workflow'), ['amd64/v5 unknown-platform amd64/v5 (linux/amd64/v5) is not a valid Go platform: amd64 has no variant v5 (its variants: v1 to v4); did you mean amd64? It is in this list already: remove amd64/v5. []']);
  });
  it('in a list that holds the suggestion written otherwise, names that item (QA 294 B3)', () => {
    const release = 'builds:\n  - targets:\n      - linux_amd64_v1\n      - linux_amd64_v5\n';
    assert.deepEqual(found(release, 'goreleaser'), ['linux_amd64_v5 unknown-platform linux_amd64_v5 is not a valid Go platform: amd64 has no variant v5 (its variants: v1 to v4); did you mean linux_amd64? It is in this list already, as linux_amd64_v1: remove linux_amd64_v5. []']);
    assert.deepEqual(found('docker buildx build --platform linux/x86_64,linux/amd46 .\n', 'shell').slice(1), ['linux/amd46 unknown-platform linux/amd46 is not a valid Go platform; did you mean linux/amd64? It is in this list already, as linux/x86_64: remove linux/amd46. []']);
  });
  it('of arm64, v8 alone where an image is named; Go’s finer levels where a Go build is (QA 231 B1)', () => {
    assert.deepEqual(found('FROM --platform=linux/arm64/v9 alpine\n', 'dockerfile'), ['linux/arm64/v9 unknown-platform linux/arm64/v9 is not a valid Go platform: arm64 has no variant v9 (its variants: v8); did you mean linux/arm64? [linux/arm64]']);
    assert.deepEqual(found('A=arm64/v8.2\ndocker build --platform "linux/${A}" .\n', 'shell'), ['arm64/v8.2 unknown-platform arm64/v8.2 (linux/arm64/v8.2) is not a valid Go platform: arm64 has no variant v8.2 (its variants: v8); did you mean arm64? [arm64]']);
    assert.deepEqual(found('GOARCH=arm64 GOARM64=v9.0 go build ./...\n', 'shell'), []);
    assert.deepEqual(found('builds:\n  - goos: [linux]\n    goarch: [arm64]\n    goarm64: [v8.0, v9.0]\n  - targets: [linux_arm64_v9.0]\n', 'goreleaser'), []);
  });
  it('given to go itself, the arch alone is what GOARCH takes', () => {
    assert.deepEqual(found('GOARCH=arm64/v7 go build ./...\n', 'shell'), ['arm64/v7 unknown-platform arm64/v7 is an arch with its variant, not a Go architecture (GOARCH); write arm64. [arm64]']);
  });
});

describe('QA 214 of the variant words', () => {
  const found = (text: string, kind: FileKind) => lintText(text, kind, model, settings).map((f) => `${text.slice(f.start, f.end)} ${f.code} ${f.message.replace(/ was removed.*?;[^.]*\./, ' was removed.')} [${(f.data.replacements ?? []).join(',')}]`);
  it('R1: a GOARCH set alone with a variant Go lacks is still reported, as linux\'s', () => {
    const line = 'arm64/v7 unknown-platform arm64/v7 (linux/arm64/v7) is not a valid Go platform: arm64 has no variant v7 (its variants: v8); did you mean arm64? [arm64]';
    assert.deepEqual(found('GOARCH=arm64/v7\n', 'shell'), [line]);
    assert.deepEqual(found('GOARCH ?= arm64/v7\n', 'makefile'), [line]);
    assert.deepEqual(found('FROM golang\nENV GOARCH=arm64/v7\n', 'dockerfile'), [line]);
    assert.deepEqual(found('GOARCH=amd64/v3\n', 'shell'), []);
  });
  it('B4: a matrix axis offers the arch alone, or says the list holds it', () => {
    const workflow = 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        arch: [arm64, amd64/v5, arm64/v7]\n    steps:\n      - run: docker build --platform linux/${{ matrix.arch }} .\n';
    assert.deepEqual(found(workflow, 'github-workflow'), [
      'amd64/v5 unknown-platform amd64/v5 (linux/amd64/v5) is not a valid Go platform: amd64 has no variant v5 (its variants: v1 to v4); did you mean amd64? [amd64]',
      'arm64/v7 unknown-platform arm64/v7 (linux/arm64/v7) is not a valid Go platform: arm64 has no variant v7 (its variants: v8); did you mean arm64? It is in this list already: remove arm64/v7. []',
    ]);
  });
  it('B6: arm64 is asked after as the word is written', () => {
    assert.deepEqual(found('PLATFORMS ?= amd64 arm/v8\n', 'makefile'), ['arm/v8 removed-platform linux/arm/v8 was removed. Arm has no v8: was arm64/v8 meant? [arm64/v8]']);
  });
  it("B3: a container's -e carries an assignment as --env does; another command's -e does not, nor docker build's (QA 215 B9)", () => {
    const text = 'docker run -e X=linux/riscv64 img\nsed -e X=linux/riscv64 f\ndocker build -e X=linux/riscv64 .\npodman --remote exec -e X=linux/riscv64 c sh\n';
    assert.deepEqual(lintText(text, 'shell', model, settings).map((f) => `${text.slice(0, f.start).split('\n').length} ${f.code}`), ['1 unsupported-platform', '4 unsupported-platform']);
  });
});

describe('checksums of a binary windows publishes as .exe (QA 212 B3)', () => {
  it('name the checksum published, of the .exe', () => {
    const text = ['windows/amd64/kube-proxy.sha512', 'windows/amd64/kubectl.sha256', 'windows/amd64/kubectl.exe.sha256', 'linux/amd64/kubectl.sha256'].map((p) => `curl -LO https://dl.k8s.io/release/v1.31.0/bin/${p}\n`).join('');
    assert.deepEqual(lintText(text, 'shell', model, settings).map((f) => `${text.slice(f.start, f.end)} ${f.message}`), [
      'windows/amd64 The sha512 file of kube-proxy is not listed for windows/amd64 in the Kubernetes release artifacts; there it is published as kube-proxy.exe.sha512.',
      'windows/amd64 The sha256 file of kubectl is not listed for windows/amd64 in the Kubernetes release artifacts; there it is published as kubectl.exe.sha256.',
    ]);
  });
});

describe('a name longer than any platform (QA 212 B1)', () => {
  it('is no name, as a platform read whole of that length is none: no message quotes it back', () => {
    assert.deepEqual(lintText(`GOOS=linux GOARCH=${'a'.repeat(100_000)}\nFROM=1\n`, 'shell', model, settings), []);
    assert.deepEqual(lintText(`GOOS=linux GOARCH=${'amd6'.repeat(16)}\n`, 'shell', model, settings).map((f) => f.code), ['unknown-platform']);
  });
});

describe('a second matrix axis of a side (QA 215 B8)', () => {
  it('is judged alone when another axis of that side feeds --platform', () => {
    const text = 'on: push\njobs:\n  c:\n    strategy:\n      matrix:\n        arch: [amd64]\n        goarch: [arm64/v7, amd46, arm64]\n        os: [linux]\n        goos: [lnux]\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build --platform=${{ matrix.os }}/${{ matrix.arch }} .\n';
    assert.deepEqual(lintText(text, 'github-workflow', model, settings).map((f) => `${text.slice(f.start, f.end)} ${f.code}`).sort(), ['amd46 unknown-platform', 'arm64/v7 unknown-platform', 'lnux unknown-platform']);
  });
});

describe('a variable built on one that ends in a slash', () => {
  it('joins the two with one slash wherever a variable is read (scanUrls, a value built on it, a file named after it)', () => {
    const text = 'GCS=https://storage.googleapis.com/\nK8S=${GCS}/kubernetes-release/release/v1.31.1\ncurl -LO "${K8S}/bin/linux/arm/kubectl"\n';
    assert.deepEqual(lintText(text, 'shell', model, settings).map((f) => `${text.slice(0, f.start).split('\n').length} ${f.code}`), ['3 removed-platform', '3 artifact-unavailable']);
  });
});

/** A workflow of one job with these matrix axes (lines at 8 spaces) and one run step. */
function matrixJob(axes: string, run: string): string {
  return `on: push\njobs:\n  b:\n    strategy:\n      matrix:\n${axes}    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`;
}

/** Each workflow's one finding, as `token code platform`. */
function assertFindings(cases: readonly [string, string][]): void {
  for (const [text, want] of cases) assert.deepEqual(lintText(text, 'github-workflow', model, settings).map((f) => `${text.slice(f.start, f.end)} ${f.code} ${f.message.split(' ')[0]}`), [want], text);
}

describe('a second arch axis of a matrix with an os axis (QA 221 B1, D1)', () => {
  it('is paired with the os axis, and judged alone when the job does not use that axis', () => {
    const unused = matrixJob('        goos: [linux]\n        arch: [amd64]\n        goarch: [arm, amd46, arm64, arm64]\n', 'GOARCH=${{ matrix.goarch }} docker build --platform=linux/${{ matrix.arch }} .');
    assert.deepEqual(lintText(unused, 'github-workflow', model, settings).map((f) => `${unused.slice(f.start, f.end)} ${f.code}`), ['arm removed-platform', 'amd46 unknown-platform', 'arm64 duplicate-platform']);
    // (The replacement a quick fix offers, for the typo of the second axis: its arch alone.)
    assert.deepEqual(lintText(unused, 'github-workflow', model, settings).find((f) => f.code === 'unknown-platform')?.data, { replacements: ['amd64'] });
    const windows = matrixJob('        goos: [windows]\n        goarch: [amd64]\n        arch: [arm, 386]\n', 'GOOS=${{ matrix.goos }} GOARCH=${{ matrix.arch }} go build');
    assert.deepEqual(lintText(windows, 'github-workflow', model, settings).map((f) => `${windows.slice(f.start, f.end)} ${f.code} ${f.message.split(' is ')[0]}`), ['arm unknown-platform windows/arm']);
  });
});

describe('an arch axis only a matrix’s include entries set (QA 222 B1)', () => {
  it('goes into the combinations each entry matches, paired as the job uses it', () => {
    const cases: [string, string][] = [
      // Written after a literal os: linux/arm.
      [matrixJob('        goarch: [amd64]\n        include:\n          - arch: arm\n', 'docker buildx build --platform linux/${{ matrix.arch }} .'), 'arm removed-platform linux/arm'],
      // Beside an os axis, in the combinations of the os the entry names.
      [matrixJob('        goos: [linux, windows]\n        include:\n          - goos: linux\n            arch: arm\n', 'GOOS=${{ matrix.goos }} GOARCH=${{ matrix.arch }} go build'), 'arm removed-platform linux/arm'],
      // An entry that names no value of the axes: in every combination.
      [matrixJob('        goos: [windows]\n        goarch: [amd64]\n        include:\n          - arch: arm\n', 'GOOS=${{ matrix.goos }} GOARCH=${{ matrix.arch }} go build'), 'arm unknown-platform windows/arm'],
    ];
    assertFindings(cases);
  });
});

describe('a value of a cross product wrong in two ways (QA 224 B1, QA 260 B2)', () => {
  it('gets one finding, of its most severe code, whose message names every wrong pair', () => {
    const text = 'on: push\njobs:\n  b:\n    strategy:\n      matrix:\n        goos: [linux, darwin, windows]\n        goarch: [amd64, riscv64]\n    runs-on: ubuntu-latest\n    steps:\n      - run: GOOS=${{ matrix.goos }} GOARCH=${{ matrix.goarch }} go build\n';
    assert.deepEqual(lintText(text, 'github-workflow', model, settings).map((f) => `${text.slice(f.start, f.end)} ${f.code} ${f.message}`), [
      'riscv64 unknown-platform darwin/riscv64 and windows/riscv64 are not valid Go platforms, and this matrix builds them (add an exclude entry for each); did you mean darwin/amd64, darwin/arm64, windows/amd64, windows/arm64? linux/riscv64 is a valid Go platform but in no Kubernetes tier; Kubernetes does not build or test it.',
    ]);
    // With one of them left out, the other still says so; with both, linux/riscv64 alone is left.
    const one = text.replace('    runs-on', '        exclude:\n          - goos: darwin\n            goarch: riscv64\n    runs-on');
    assert.deepEqual(lintText(one, 'github-workflow', model, settings).map((f) => `${f.code} ${f.message.split(' ')[0]}`), ['unknown-platform windows/riscv64']);
    assert.match(lintText(one, 'github-workflow', model, settings)[0].message, / linux\/riscv64 is a valid Go platform but in no Kubernetes tier/);
    const both = one.replace('    runs-on', '          - goos: windows\n            goarch: riscv64\n    runs-on');
    assert.deepEqual(lintText(both, 'github-workflow', model, settings).map((f) => `${f.code} ${f.message.split(' ')[0]}`), ['unsupported-platform linux/riscv64']);
    // A code turned off leaves the other.
    assert.deepEqual(lintText(text, 'github-workflow', model, { ...settings, severity: { 'unknown-platform': 'off' } }).map((f) => f.code), ['unsupported-platform']);
    // removed before unknown: `arm` of goos [linux, darwin] is linux/arm's removed-platform, darwin/arm said in it.
    const arm = text.replace('riscv64]', 'arm]').replace('linux, darwin, windows', 'linux, darwin');
    assert.deepEqual(lintText(arm, 'github-workflow', model, settings).map((f) => `${arm.slice(f.start, f.end)} ${f.code}`), ['arm removed-platform']);
    assert.match(lintText(arm, 'github-workflow', model, settings)[0].message, /^linux\/arm was removed .*; remove it\. darwin\/arm is not a valid Go platform \(a port Go removed in Go 1\.15\), and this matrix builds it/);
  });
  it('says which pairs an include entry adds back, which no exclude entry alone leaves out (QA 229 B4)', () => {
    const text = 'on: push\njobs:\n  b:\n    strategy:\n      matrix:\n        goos: [linux, darwin, windows]\n        goarch: [amd64, riscv64]\n        include:\n          - {goos: darwin, goarch: riscv64, extra: x}\n    runs-on: ubuntu-latest\n    steps:\n      - run: GOOS=${{ matrix.goos }} GOARCH=${{ matrix.goarch }} go build\n';
    const first = (t: string) => lintText(t, 'github-workflow', model, settings)[0]?.message ?? '';
    assert.match(first(text), /builds them \(add an exclude entry for each, and remove the include entry that names darwin\/riscv64: GitHub adds back what an include entry names\);/);
    const both = text.replace('    runs-on', '          - {goos: windows, goarch: riscv64}\n    runs-on');
    assert.match(first(both), /builds them \(add an exclude entry for each, and remove the include entries that name them: GitHub/);
    const one = text.replace('darwin, windows', 'darwin');
    assert.match(first(one), /^darwin\/riscv64 is not a valid Go platform, and this matrix builds it \(add an exclude entry for it, and remove the include entry that names it: GitHub adds back what an include entry names\);/);
  });
});

describe('a templated platform after another in a list (QA 226 B7)', () => {
  it('is read past the first item’s template and its blanks', () => {
    const cases: [string, string][] = [
      [matrixJob('        goarch: [amd64]\n        arch: [arm]\n', 'docker buildx build --platform linux/${{ matrix.goarch }},linux/${{ matrix.arch }} .'), 'arm removed-platform linux/arm'],
      [matrixJob('        goarch: [amd64]\n        include:\n          - arch: arm\n', 'docker buildx build --platform "linux/${{ matrix.goarch }}, linux/${{matrix.arch}}" .'), 'arm removed-platform linux/arm'],
      [matrixJob('        a: [amd64]\n        b: [arm64]\n        c: [mips]\n', 'docker buildx build --platform linux/${{ matrix.a }},linux/${{ matrix.b }},linux/${{ matrix.c }} .'), 'mips unsupported-platform linux/mips'],
      // Separated by blanks, as KUBE_BUILD_PLATFORMS and a Makefile's PLATFORMS are (QA 229 B2).
      [matrixJob('        a: [amd64]\n        c: [loong64]\n', 'make release KUBE_BUILD_PLATFORMS="linux/${{ matrix.a }} linux/${{ matrix.c }}"'), 'loong64 unsupported-platform linux/loong64'],
      [matrixJob('        a: [amd64]\n        c: [loong64]\n', 'make release KUBE_BUILD_PLATFORMS="linux/amd64 linux/${{ matrix.c }}"'), 'loong64 unsupported-platform linux/loong64'],
    ];
    assertFindings(cases);
    // Text for a person stays text.
    const echo = matrixJob('        a: [amd64]\n        c: [loong64]\n', 'echo "building linux/${{ matrix.a }} linux/${{ matrix.c }}"');
    assert.deepEqual(lintText(echo, 'github-workflow', model, settings), []);
  });
  it('is read on a line of its own in a block scalar under `platforms:` (QA 229 B1)', () => {
    const job = (platforms: string) => `on: push\njobs:\n  b:\n    strategy:\n      matrix:\n        a: [amd64]\n        b: [riscv64]\n        p: [linux/amd64, foo/bar]\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v5\n        with:\n          platforms: ${platforms}\n`;
    assertFindings([
      [job('|\n            linux/${{ matrix.a }}\n            linux/${{ matrix.b }}'), 'riscv64 unsupported-platform linux/riscv64'],
      [job('>-  # comma-separated\n            linux/arm64,\n\n            linux/${{ matrix.b }}'), 'riscv64 unsupported-platform linux/riscv64'],
      // (A value taken whole: only a platform goes there, QA 229 B6.)
      [job('|\n            ${{ matrix.p }}'), 'foo/bar unknown-platform foo/bar'],
    ]);
    // A script's line is the script's: a `run: |` block that echoes one is text.
    const run = matrixJob('        b: [riscv64]\n', '|\n          echo building\n            linux/${{ matrix.b }}');
    assert.deepEqual(lintText(run, 'github-workflow', model, settings), []);
  });
});

describe('two words of no Go name where only a platform goes (QA 227 B1)', () => {
  it('is an unknown platform in a Docker flag, and in a list of platforms beside a valid one', () => {
    const found = (text: string, kind: Parameters<typeof lintText>[1]) => lintText(text, kind, model, settings).map((f) => `${text.slice(f.start, f.end)} ${f.code}`);
    assert.deepEqual(found('FROM --platform=unsupported/unsupported alpine\nFROM --platform=foo/bar alpine\n', 'dockerfile'), ['unsupported/unsupported unknown-platform', 'foo/bar unknown-platform']);
    assert.deepEqual(found('docker buildx build --platform linux/amd64,foo/bar .\n', 'shell'), ['foo/bar unknown-platform']);
    assert.deepEqual(found('services:\n  a:\n    build:\n      platforms:\n        - linux/amd64\n        - unsupported/unsupported\n', 'yaml'), ['unsupported/unsupported unknown-platform']);
    // Any YAML sequence of platforms, block or flow, as a comma list is (QA 229 B5).
    assert.deepEqual(found('build:\n  platforms:\n    - linux/amd64\n    - unsupported/unsupported\nlist:\n  platforms: [linux/amd64, foo/bar]\n', 'yaml'), ['unsupported/unsupported unknown-platform', 'foo/bar unknown-platform']);
  });
  it('is no platform where other things are named so (`centos/7`, `ubuntu/focal`) or a tool of its own takes the flag', () => {
    const found = (text: string, kind: Parameters<typeof lintText>[1]) => lintText(text, kind, model, settings).map((f) => `${text.slice(f.start, f.end)} ${f.code}`);
    assert.deepEqual(found('x:\n  platforms: [ubuntu/focal, debian/bookworm]\ny:\n  platforms: [linux/amd64, centos/7]\n', 'yaml'), []);
    assert.deepEqual(found('mytool --platform foo/bar\n', 'shell'), []);
    // App builders' and package runners' own --platform (QA 229 B7); Docker's beside them is read.
    assert.deepEqual(found('npx electron-builder --platform win32/x64\nyarn dist --platform darwin/x64\nflutter build bundle --platform android/arm64\ndocker build --platform win/x64 .\n', 'shell'), ['win/x64 unknown-platform']);
  });
  it('is an unknown platform in a matrix axis a Docker `--platform` takes whole, whatever the axis is named (QA 229 B6)', () => {
    assertFindings([[matrixJob('        plat: [linux/amd64, foo/bar]\n', 'docker buildx build --platform ${{ matrix.plat }} .'), 'foo/bar unknown-platform foo/bar']]);
    // With no valid platform beside it, or an axis the job uses otherwise, it names something else.
    assert.deepEqual(lintText(matrixJob('        plat: [ubuntu/focal, centos/7]\n', 'docker buildx build --platform ${{ matrix.plat }} .'), 'github-workflow', model, settings), []);
    assert.deepEqual(lintText(matrixJob('        image: [linux/amd64, foo/bar]\n', 'docker pull ${{ matrix.image }}'), 'github-workflow', model, settings), []);
    // Nor where nothing runs the flag: a comment, echo text, a step's name (QA 234 B1); nor another key of the axis's name (B2).
    for (const run of ['|\n          # docker build --platform ${{ matrix.plat }} .\n          ./test.sh "${{ matrix.plat }}"', 'echo "run with --platform ${{ matrix.plat }}"', 'gcloud run deploy app --platform ${{ matrix.plat }}']) {
      assert.deepEqual(lintText(matrixJob('        plat: [linux/amd64, ubuntu/focal]\n', run), 'github-workflow', model, settings), [], run);
    }
    const named = matrixJob('        plat: [linux/amd64, ubuntu/focal]\n', './test.sh').replace('      - run:', '      - name: docker build --platform ${{ matrix.plat }}\n        run:');
    assert.deepEqual(lintText(named, 'github-workflow', model, settings), []);
    const env = matrixJob('        plat: [linux/amd64, linux/arm64]\n', 'docker build --platform ${{ matrix.plat }} .') + '        env:\n          plat: "linux/amd64 prod/eu"\n';
    assert.deepEqual(lintText(env, 'github-workflow', model, settings), []);
    const gitlab = 'test:\n  parallel:\n    matrix:\n      - DISTRO: [linux/amd64, ubuntu/focal]\n  script:\n    - echo "docker build --platform $DISTRO"\n';
    assert.deepEqual(lintText(gitlab, 'gitlab-ci', model, settings), []);
  });
});

describe('a variable holding a download host alone (QA 217 B1)', () => {
  it('downloads a Kubernetes project’s files by the path written after it', () => {
    const text = [
      'GH=https://github.com',
      'curl -LO "${GH}/kubernetes-sigs/cri-tools/releases/download/v1.31.1/crictl-v1.31.1-linux-arm.tar.gz"',
      'curl -LO "${GH}/helm/helm/releases/download/v3.16.0/helm-v3.16.0-linux-arm.tar.gz"',
      'GCS=https://storage.googleapis.com/',
      'curl -LO "${GCS}kubernetes-release/release/v1.31.1/bin/linux/arm/kubectl"',
      'curl -LO "${GCS}other-bucket/bin/linux/arm/kubectl"',
      // (A slash written after a value that ends in one, QA 221 B2.)
      'curl -LO "${GCS}/kubernetes-release/release/v1.31.1/bin/linux/arm/kubectl"',
      // Another project's file of that name, as when the URL is written out.
      'curl -LO "${GH}/myorg/mirror/releases/download/v1/kubernetes-server-linux-arm.tar.gz"',
      'curl -LO "https://github.com/myorg/mirror/releases/download/v1/kubernetes-server-linux-arm.tar.gz"',
      // Another host of GitHub's is not github.com.
      'API=https://api.github.com',
      'curl -LO "${API}/myorg/mirror/releases/download/v1/kubernetes-server-linux-arm.tar.gz"',
    ].join('\n');
    assert.deepEqual(lintText(text, 'shell', model, settings).map((f) => `${text.slice(0, f.start).split('\n').length} ${f.code}`), ['2 removed-platform', '5 removed-platform', '5 artifact-unavailable', '7 removed-platform', '7 artifact-unavailable']);
  });
});

describe("BuildKit's TARGETARCH set to an alias (QA 262)", () => {
  it('names its arch in another spelling (a hint to write the canonical one), not an arch Go lacks; a typo and a removed arch are still said', () => {
    const said = (text: string, kind: 'shell' | 'dockerfile') => lintText(text, kind, model, settings).map((f) => `${text.slice(f.start, f.end)} ${f.code} ${f.message}`);
    assert.deepEqual(said('FROM alpine\nARG TARGETARCH=aarch64\n', 'dockerfile'), ['aarch64 non-canonical-platform aarch64 is not the canonical spelling here; write arm64.']);
    assert.deepEqual(said('export TARGETARCH=ppc64el\n', 'shell'), ['ppc64el non-canonical-platform ppc64el is not the canonical spelling here; write ppc64le.']);
    assert.deepEqual(said('FROM alpine\nARG TARGETARCH=amd46\n', 'dockerfile').map((s) => s.split(' ').slice(0, 2).join(' ')), ['amd46 unknown-platform']);
    assert.deepEqual(said('export TARGETARCH=arm\n', 'shell').map((s) => s.split(' ').slice(0, 2).join(' ')), ['arm removed-platform']);
    // (GOARCH is Go's: an alias there is no Go name.)
    assert.deepEqual(said('export GOARCH=aarch64\n', 'shell').map((s) => s.split(' ').slice(0, 2).join(' ')), ['aarch64 unknown-platform']);
  });
});

describe('a pair Go builds with a variant its arch has not (QA 273)', () => {
  const found = (text: string, kind: FileKind) => lintText(text, kind, model, settings).map((f) => f.message);
  it('is said to be the variant, with the arch\'s variants, in lint and explain alike', () => {
    assert.deepEqual(found('platforms: linux/amd64/v5,linux/arm64/v9,linux/386/v1\n', 'yaml'), [
      'linux/amd64/v5 is not a valid Go platform: amd64 has no variant v5 (its variants: v1 to v4); did you mean linux/amd64?',
      'linux/arm64/v9 is not a valid Go platform: arm64 has no variant v9 (its variants: v8); did you mean linux/arm64?',
      'linux/386/v1 is not a valid Go platform: 386 has no variant v1 (its variants: sse2 and softfloat); did you mean linux/386?',
    ]);
    // (Go's own levels of arm64 in a goreleaser target: v9.0 is one, v10.0 is not.)
    assert.deepEqual(found('builds:\n  - targets: [linux_arm64_v9.0, linux_arm64_v10.0]\n', 'goreleaser'), [
      'linux_arm64_v10.0 is not a valid Go platform: arm64 has no variant v10.0 (its variants: v8.x and v9.x); did you mean linux_arm64?',
    ]);
    const explained = explainInput(model, 'linux/amd64/v5');
    assert.equal(explained.ok ? '' : explained.message, 'linux/amd64/v5 is not a valid Go platform: amd64 has no variant v5 (its variants: v1 to v4); did you mean linux/amd64?');
  });
  it('explain says of a platform Go has not what its diagnostic and hover say: the port Go dropped, the same suggestions (QA 298 B4)', () => {
    for (const [input, want] of [
      ['darwin/386', 'darwin/386 is not a valid Go platform (a port Go removed in Go 1.15); did you mean darwin/amd64, darwin/arm64?'],
      ['windows/arm', 'windows/arm is not a valid Go platform (a port Go removed in Go 1.26); did you mean windows/arm64, windows/amd64, windows/386?'],
    ]) {
      const e = explainInput(model, input);
      assert.equal(e.ok ? '' : e.message, want);
      assert.deepEqual(found(`platforms: ${input}\n`, 'yaml'), [want]);
    }
  });
  it('is not said of a Windows version or a word after the pair', () => {
    assert.deepEqual(found('platforms: linux/amd64/1809\n', 'yaml'), ['linux/amd64/1809 is not a valid Go platform; did you mean linux/amd64?']);
  });
});

describe('a release file named with an alias (QA 276 B2)', () => {
  it('says no file of the release is named so, where a URL or an archive names it; elsewhere the plain hint', () => {
    const said = (text: string) => lintText(text, 'shell', model, settings).map((f) => `${text.slice(f.start, f.end)} ${f.code} ${f.message}`);
    assert.deepEqual(said('curl -LO https://dl.k8s.io/release/v1.31.2/bin/linux/x86_64/kubectl\n'), ['linux/x86_64 non-canonical-platform linux/x86_64 is not the canonical spelling here; write linux/amd64 (no file of the release is named with linux/x86_64).']);
    assert.deepEqual(said('curl -LO https://dl.k8s.io/v1.31.2/kubernetes-client-linux-aarch64.tar.gz\n'), ['linux-aarch64 non-canonical-platform linux-aarch64 is not the canonical spelling here; write linux-arm64 (no file of the release is named with linux-aarch64).']);
    assert.deepEqual(said('curl -LO https://github.com/kubernetes-sigs/kind/releases/download/v0.24.0/kind-linux-x86_64\n'), ['linux-x86_64 non-canonical-platform linux-x86_64 is not the canonical spelling here; write linux-amd64 (no file of the release is named with linux-x86_64).']);
    assert.deepEqual(said('docker buildx build --platform linux/x86_64 .\n'), ['linux/x86_64 non-canonical-platform linux/x86_64 is not the canonical spelling here; write linux/amd64.']);
  });
});

describe('unknown-platform of a port Go dropped', () => {
  it('says which Go release removed it, whole or split, and nothing of a pair Go never had (QA 285 O2)', () => {
    const text = 'FROM --platform=darwin/386 a\nFROM --platform=darwin/arm/v7 b\nFROM --platform=windows/s390x c\nRUN GOOS=darwin GOARCH=386 go build\nFROM --platform=windows/arm d\n';
    const messages = lintText(text, 'dockerfile', model, settings).map((f) => `${text.slice(f.start, f.end)}: ${f.message}`);
    assert.deepEqual(
      messages.map((m) => m.replace(/;.*$/, '')),
      [
        'darwin/386: darwin/386 is not a valid Go platform (a port Go removed in Go 1.15)',
        'darwin/arm/v7: darwin/arm/v7 is not a valid Go platform (a port Go removed in Go 1.15)',
        'windows/s390x: windows/s390x is not a valid Go platform',
        '386: darwin/386 is not a valid Go platform (a port Go removed in Go 1.15)',
        // (QA 287 C1: data/go-dist-list.json is Go 1.26's.)
        'windows/arm: windows/arm is not a valid Go platform (a port Go removed in Go 1.26)',
      ],
    );
  });
});

describe('removed-platform of a runtime alias given to GOARCH', () => {
  it('says Go has no such arch, and its variant, in a variable of a Makefile, a Dockerfile or a workflow as in a command (QA 286 B2)', () => {
    const cases: [string, FileKind][] = [
      ['GOARCH ?= armv7\n', 'makefile'],
      ['x:\n\tGOARCH=armv7 go build\n', 'makefile'],
      ['FROM golang\nENV GOARCH=armv7\n', 'dockerfile'],
      ['env:\n  GOARCH: armv7\n', 'github-workflow'],
    ];
    for (const [text, kind] of cases) {
      const [f] = lintText(text, kind, model, settings);
      assert.equal(f?.code, 'removed-platform', text);
      assert.match(f.message, /^arm \(linux\/arm\/v7\) was removed from the Kubernetes release \(.*\); remove it\. armv7 is not a Go architecture either: Go writes it GOARCH=arm GOARM=7\.$/, text);
    }
  });
});

describe('explain of a platform no artifact table lists (QA 289 O3)', () => {
  it('grounds the silence in the source document for the built-in model, in the model for a custom one', () => {
    const data = structuredClone(builtinModel().data);
    data.platforms.push({ id: 'riscv64-linux', os: 'linux', arch: 'riscv64', tier: 3 });
    const custom = new TierModel(data);
    const told = explainInput(custom, 'linux/riscv64');
    assert.ok(told.ok);
    assert.match(told.ok ? told.markdown : '', /the artifact tables do not; the model says nothing more\.\)$/);
    assert.doesNotMatch(told.ok ? told.markdown : '', /source document/);
    const builtIn = explainInput(builtinModel(), 'darwin/arm64');
    assert.match(builtIn.ok ? builtIn.markdown : '', /the artifact tables do not; the source document says nothing more\.\)$/);
  });
});

describe('explain of a release file named with its platform (QA 289 O2)', () => {
  const md = (input: string) => {
    const e = explainInput(builtinModel(), input);
    return e.ok ? e.markdown : `error: ${e.message}`;
  };
  it('tells the archive and the platform it names, as the hover on that name does', () => {
    const node = md('kubernetes-node-linux-arm64.tar.gz');
    assert.match(node, /^\*\*kubernetes-node\*\*: Kubernetes release archive for linux\/amd64, linux\/arm64/);
    assert.match(node, /\*\*linux\/arm64\*\* \(`arm64-linux`\): Kubernetes \*\*tier/);
    assert.doesNotMatch(node, /is not listed/);
    assert.match(md('kubernetes-client-windows-amd64.tar.gz.sha512'), /\*\*windows\/amd64\*\*/);
  });
  it('says an archive is not listed for the platform it names', () => {
    assert.match(md('kubernetes-server-darwin-arm64.tar.gz'), /\n\nkubernetes-server is not listed for darwin\/arm64 in the Kubernetes release artifacts\.\n\n\*\*darwin\/arm64\*\*/);
  });
  it('names the platform that is wrong, and an archive with no platform as one', () => {
    assert.equal(md('kubernetes-node-lnux-amd64.tar.gz'), 'error: kubernetes-node-lnux-amd64.tar.gz names lnux-amd64: lnux-amd64 is not a valid Go platform; did you mean linux/amd64?');
    assert.match(md('kubernetes.tar.gz'), /its name holds no platform/);
    assert.match(md('kubectl.exe'), /^\*\*kubectl\*\*: Kubernetes release image/);
  });
});

describe('artifact-unavailable of a package arch', () => {
  it('lists the arches packages exist for tier 1 first, as the hover does (QA 287 C4)', () => {
    const text = 'echo "deb [arch=armhf] https://pkgs.k8s.io/core:/stable:/v1.31/deb/ /" | sudo tee /etc/apt/sources.list.d/kubernetes.list\nsudo dnf install -y kubelet.i686\n';
    const said = lintText(text, 'shell', model, settings).filter((f) => f.code === 'artifact-unavailable').map((f) => f.message.replace(/^.*; /, ''));
    assert.deepEqual(said, ['they exist for amd64, arm64, ppc64el, s390x.', 'they exist for x86_64, aarch64, ppc64le, s390x.']);
  });
});

describe('the arches offered for a name far from every arch of its os (QA 291 B3)', () => {
  it('are in the order of the tier table, as completion offers them: no nearer for being shorter', () => {
    const said = (text: string) => lintText(text, 'shell', model, settings).map((f) => f.message.replace(/^.*did you mean /, ''));
    assert.deepEqual(said('GOOS=windows GOARCH=ppc64le go build\n'), ['windows/amd64, windows/arm64, windows/386?']);
    // (A near one still goes first: arm64 for arm.)
    assert.deepEqual(said('GOOS=windows GOARCH=arm go build\n'), ['windows/arm64, windows/amd64, windows/386?']);
  });
});

describe('removed-platform of a package arch', () => {
  it('names the arch as written, then the platform, as artifact-unavailable does (QA 290)', () => {
    const text = 'echo "deb [arch=armhf] https://pkgs.k8s.io/core:/stable:/v1.31/deb/ /" | sudo tee /etc/apt/sources.list.d/kubernetes.list\nsudo dnf install -y kubelet.armv7hl\n';
    const said = lintText(text, 'shell', model, settings).filter((f) => f.code === 'removed-platform').map((f) => f.message.replace(/ was removed.*$/, ''));
    assert.deepEqual(said, ['armhf (linux/arm/v7)', 'armv7hl (linux/arm/v7)']);
  });
});

describe('explain of what is no platform (QA 293 B9, B13)', () => {
  it('takes the portable archive as one for every platform, and names a long or odd argument shortly', () => {
    const e = explainInput(builtinModel(), 'kubernetes-test-portable.tar.gz');
    assert.match(e.ok ? e.markdown : e.message, /^\*\*kubernetes-test\*\*: Kubernetes release archive for .*, and portable$/);
    const long = explainInput(builtinModel(), 'x'.repeat(5000));
    assert.ok(!long.ok && long.message.length < 300, long.ok ? '' : long.message.slice(0, 80));
  });
});
