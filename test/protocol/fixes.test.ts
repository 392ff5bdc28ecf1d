import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, applyEdits, editorCapabilities, editsFor, positionOf } from '../support/lspClient';

// Quick fixes and completion as an editor applies them: the fixed text must be what a user wants
// (a list still a list, a script still a script), and a finding's fixes must not fight.

const base = 'file:///virtual/fixes';
let n = 0;
let client: LspClient;
before(async () => (client = await LspClient.start({ capabilities: editorCapabilities({ documentChanges: true }) })));
after(async () => client.stop());

async function open(path: string, languageId: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = `${base}/${++n}/${path}`;
  client.open(uri, languageId, text, 1);
  return { uri, diagnostics: await client.diagnosticsFor(uri, 1) };
}

async function fixes(uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return client.codeActions(uri, d.range, [d], ['quickfix']);
}

/** The text after the preferred quick fix of the diagnostic with `code` on `token`. */
async function fixed(path: string, languageId: string, text: string, code: string, token: string): Promise<string> {
  const { uri, diagnostics } = await open(path, languageId, text);
  const d = diagnostics.find((x) => x.code === code && text.split('\n')[x.range.start.line].slice(x.range.start.character, x.range.end.character) === token);
  assert.ok(d, `${code} on ${token} in ${JSON.stringify(diagnostics.map((x) => x.code))}`);
  const preferred = (await fixes(uri, d)).filter((a) => a.isPreferred);
  assert.equal(preferred.length, 1, 'exactly one preferred fix');
  return applyEdits(text, editsFor(preferred[0].edit, uri));
}

/** Diagnostics of a text, opened fresh. */
async function codesOf(path: string, languageId: string, text: string): Promise<string[]> {
  return (await open(path, languageId, text)).diagnostics.map((d) => String(d.code));
}

describe('removing an item from a list continued with backslashes', () => {
  it('Makefile: the last item takes the ` \\` before it, so the next line stays its own', async () => {
    const text = 'PLATFORMS ?= linux/amd64 \\\n\tlinux/arm64 \\\n\tlinux/arm/v7\nIMAGE ?= registry.k8s.io/foo\n';
    assert.equal(await fixed('Makefile', 'makefile', text, 'removed-platform', 'linux/arm/v7'), 'PLATFORMS ?= linux/amd64 \\\n\tlinux/arm64\nIMAGE ?= registry.k8s.io/foo\n');
  });

  it('Makefile: a middle item takes its whole line; the first, the ` \\` and indent after it', async () => {
    const middle = 'PLATFORMS ?= linux/amd64 \\\n\tlinux/arm/v7 \\\n\tlinux/arm64\n';
    assert.equal(await fixed('Makefile', 'makefile', middle, 'removed-platform', 'linux/arm/v7'), 'PLATFORMS ?= linux/amd64 \\\n\tlinux/arm64\n');
    const first = 'PLATFORMS ?= linux/arm/v7 \\\n\tlinux/arm64 \\\n\tlinux/amd64\n';
    assert.equal(await fixed('Makefile', 'makefile', first, 'removed-platform', 'linux/arm/v7'), 'PLATFORMS ?= linux/arm64 \\\n\tlinux/amd64\n');
  });

  it('shell: a quoted list keeps its closing quote', async () => {
    const text = 'KUBE_BUILD_PLATFORMS="linux/amd64 \\\n  linux/arm64 \\\n  linux/arm"\necho "$KUBE_BUILD_PLATFORMS"\n';
    assert.equal(await fixed('hack/build.sh', 'shellscript', text, 'removed-platform', 'linux/arm'), 'KUBE_BUILD_PLATFORMS="linux/amd64 \\\n  linux/arm64"\necho "$KUBE_BUILD_PLATFORMS"\n');
  });

  it('shell and Makefile: an item in quotes of its own goes with its quotes, and its neighbours keep theirs', async () => {
    assert.equal(await fixed('build.sh', 'shellscript', "docker buildx build --platform linux/amd64,'linux/arm' .\n", 'removed-platform', 'linux/arm'), 'docker buildx build --platform linux/amd64 .\n');
    assert.equal(await fixed('build.sh', 'shellscript', "docker buildx build --platform 'linux/arm',linux/amd64 .\n", 'removed-platform', 'linux/arm'), 'docker buildx build --platform linux/amd64 .\n');
    assert.equal(await fixed('build.sh', 'shellscript', 'PLATFORMS="linux/amd64",\'linux/amd64\'\n', 'duplicate-platform', 'linux/amd64'), 'PLATFORMS="linux/amd64"\n');
    // The value's own quotes open its first item and close its last.
    assert.equal(await fixed('build.sh', 'shellscript', 'docker buildx build --platform "linux/amd64","linux/arm","linux/ppc64le" .\n', 'removed-platform', 'linux/arm'), 'docker buildx build --platform "linux/amd64","linux/ppc64le" .\n');
    assert.equal(await fixed('build.sh', 'shellscript', 'docker buildx build --platform "linux/amd64",linux/arm,"linux/s390x" .\n', 'removed-platform', 'linux/arm'), 'docker buildx build --platform "linux/amd64","linux/s390x" .\n');
    assert.equal(await fixed('build.sh', 'shellscript', "docker buildx build --platform 'linux/amd64','linux/s390x','linux/arm' .\n", 'removed-platform', 'linux/arm'), "docker buildx build --platform 'linux/amd64','linux/s390x' .\n");
    const make = "build:\n\tdocker buildx build --platform linux/amd64,linux/amd64,'linux/s390x' -t x .\n";
    assert.equal(await fixed('Makefile', 'makefile', make, 'duplicate-platform', 'linux/amd64'), "build:\n\tdocker buildx build --platform linux/amd64,'linux/s390x' -t x .\n");
  });

  it('a YAML quoted script: removing an item keeps the escaped quotes of the next one, and an escaped GOOS value is no typo', async () => {
    const single = "build:\n  script:\n    - 'docker buildx build --platform linux/arm64,linux/arm64,''linux/s390x'' .'\n";
    assert.equal(await fixed('.gitlab-ci.yml', 'yaml', single, 'duplicate-platform', 'linux/arm64'), "build:\n  script:\n    - 'docker buildx build --platform linux/arm64,''linux/s390x'' .'\n");
    assert.deepEqual(await codesOf('.gitlab-ci.yml', 'yaml', 'build:\n  script:\n    - "GOOS=\\"linux\\" GOARCH=\\"arm64\\" go build"\n'), []);
  });

  it('a package arch in the other format\'s name is respelt in this one', async () => {
    assert.equal(await fixed('install.sh', 'shellscript', 'apt-get install -y kubectl:x86_64\n', 'non-canonical-platform', 'x86_64'), 'apt-get install -y kubectl:amd64\n');
    assert.equal(await fixed('install.sh', 'shellscript', 'dnf install -y kubeadm.arm64\n', 'non-canonical-platform', 'arm64'), 'dnf install -y kubeadm.aarch64\n');
    assert.deepEqual(await codesOf('install.sh', 'shellscript', 'apt-get install -y kubectl:amd64 kubelet:arm64\ndnf install -y kubeadm.x86_64 kubeadm.ppc64le\n'), []);
  });

  it('fix-all on save in a workflow run block: the script stays one command', async () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          docker buildx build --platform "linux/amd64,linux/arm64 \\\n            linux/x86_64" .\n          echo done\n';
    const { uri } = await open('.github/workflows/ci.yml', 'yaml', text);
    const [all] = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    assert.ok(all);
    const out = applyEdits(text, editsFor(all.edit, uri));
    assert.equal(out.split('\n')[6], '          docker buildx build --platform "linux/amd64,linux/arm64" .');
    assert.deepEqual(await codesOf('.github/workflows/ci2.yml', 'yaml', out), []);
  });
});

describe('removing a word of a shell array or for list', () => {
  it('an array on one line, an array over lines, a for list', async () => {
    assert.equal(await fixed('a.sh', 'shellscript', 'PLATFORMS=(linux/amd64 linux/arm linux/arm64)\n', 'removed-platform', 'linux/arm'), 'PLATFORMS=(linux/amd64 linux/arm64)\n');
    assert.equal(await fixed('b.sh', 'shellscript', 'PLATFORMS=(linux/amd64 linux/arm64 linux/amd64)\n', 'duplicate-platform', 'linux/amd64'), 'PLATFORMS=(linux/amd64 linux/arm64)\n');
    assert.equal(await fixed('c.sh', 'shellscript', 'PLATFORMS=(\n  linux/amd64\n  linux/arm\n  linux/arm64\n)\n', 'removed-platform', 'linux/arm'), 'PLATFORMS=(\n  linux/amd64\n  linux/arm64\n)\n');
    assert.equal(await fixed('d.sh', 'shellscript', 'for platform in linux/amd64 linux/arm64 linux/amd64; do\n  make "$platform"\ndone\n', 'duplicate-platform', 'linux/amd64'), 'for platform in linux/amd64 linux/arm64; do\n  make "$platform"\ndone\n');
    // Beside a default's braces, the comma between goes too (QA 71): no empty item is left.
    assert.equal(await fixed('e.sh', 'shellscript', 'PLATFORMS="${BASE_PLATFORMS:-linux/amd64},linux/arm"\n', 'removed-platform', 'linux/arm'), 'PLATFORMS="${BASE_PLATFORMS:-linux/amd64}"\n');
    assert.equal(await fixed('f.sh', 'shellscript', 'PLATFORMS="linux/arm,${BASE_PLATFORMS:-linux/amd64}"\n', 'removed-platform', 'linux/arm'), 'PLATFORMS="${BASE_PLATFORMS:-linux/amd64}"\n');
    // With its own quotes, and over a line continuation (QA 140 B1-B3): no quote, comma or `\` is left.
    assert.equal(await fixed('f2.sh', 'shellscript', `PLATFORMS="\${P:-linux/arm64},'linux/arm/v7'"\n`, 'removed-platform', 'linux/arm/v7'), 'PLATFORMS="${P:-linux/arm64}"\n');
    assert.equal(await fixed('f3.sh', 'shellscript', `PLATFORMS="'linux/arm/v7',\${P:-linux/arm64}"\n`, 'removed-platform', 'linux/arm/v7'), 'PLATFORMS="${P:-linux/arm64}"\n');
    assert.equal(await fixed('f4.sh', 'shellscript', 'PLATFORMS="linux/arm,\\\n  ${P:-linux/amd64}"\n', 'removed-platform', 'linux/arm'), 'PLATFORMS="${P:-linux/amd64}"\n');
    assert.equal(await fixed('f5.sh', 'shellscript', 'X_PLATFORMS="${A:-linux/amd64},\\\n  linux/arm/v7"\n', 'removed-platform', 'linux/arm/v7'), 'X_PLATFORMS="${A:-linux/amd64}"\n');
  });

  it('an item of a GOARCH list (shell, a default, a make variable); a lone GOARCH keeps its value', async () => {
    assert.equal(await fixed('g1/Makefile', 'makefile', 'GOARCH ?= amd64 arm arm64\n', 'removed-platform', 'arm'), 'GOARCH ?= amd64 arm64\n');
    const cases: [string, string, string][] = [
      ['g2.sh', 'GOOS=linux GOARCH="arm64 riscv64" ./build.sh\n', 'GOOS=linux GOARCH="arm64" ./build.sh\n'],
      ['g3.sh', 'GOARCH="${GOARCH:-amd64,riscv64,arm64}" ./build.sh\n', 'GOARCH="${GOARCH:-amd64,arm64}" ./build.sh\n'],
    ];
    for (const [path, text, want] of cases) {
      const { uri, diagnostics } = await open(path, 'shellscript', text);
      const d = diagnostics.find((x) => x.code === 'unsupported-platform');
      assert.ok(d, text);
      const remove = (await fixes(uri, d)).find((a) => a.title === 'Remove riscv64 from the list');
      assert.ok(remove, text);
      assert.equal(applyEdits(text, editsFor(remove.edit, uri)), want);
    }
    const { uri, diagnostics } = await open('g4.sh', 'shellscript', 'GOOS=linux GOARCH=riscv64 go build\n');
    assert.deepEqual((await fixes(uri, diagnostics[0])).map((a) => a.title), [], 'no list, no removal');
  });

  it('a variable given to --platform after an os offers no removal of its value (`ARCH=` would build linux/)', async () => {
    const script = 'ARCH=arm\nBASE=amd46\ndocker buildx build --platform "linux/${ARCH}" .\ndocker build --platform linux/$BASE .\n';
    const { uri, diagnostics } = await open('v.sh', 'shellscript', script);
    const removed = diagnostics.find((d) => d.code === 'removed-platform');
    assert.ok(removed && removed.range.start.line === 0, JSON.stringify(diagnostics));
    assert.deepEqual(await fixes(uri, removed), []);
    assert.equal(await fixed('v2.sh', 'shellscript', script, 'unknown-platform', 'amd46'), script.replace('amd46', 'amd64'));
    const { uri: mk, diagnostics: made } = await open('v/Makefile', 'makefile', 'ARCH ?= arm\n\nimage:\n\tdocker buildx build --platform linux/$(ARCH) .\n');
    assert.equal(made.length, 1);
    assert.deepEqual(await fixes(mk, made[0]), []);
    // A workflow's environment that a run step gives to the flag: `ARCH:` empty would be no arch either.
    const workflow = 'env:\n  ARCH: arm\n  BASE: amd46\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker buildx build --platform "linux/${ARCH}" .\n      - run: docker build --platform linux/$BASE .\n';
    const { uri: wf, diagnostics: found } = await open('.github/workflows/v.yml', 'yaml', workflow);
    const gone = found.find((d) => d.code === 'removed-platform');
    assert.ok(gone && gone.range.start.line === 1, JSON.stringify(found));
    assert.deepEqual(await fixes(wf, gone), []);
    assert.equal(await fixed('.github/workflows/v2.yml', 'yaml', workflow, 'unknown-platform', 'amd46'), workflow.replace('amd46', 'amd64'));
  });
  it('an arch alone or with its variant where containerd reads the value (a Docker action input, a Compose service) is removed from its list', async () => {
    const workflow = 'jobs:\n  b:\n    runs-on: x\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: amd64,arm64,arm\n';
    assert.equal(await fixed('.github/workflows/bare.yml', 'yaml', workflow, 'removed-platform', 'arm'), workflow.replace(',arm\n', '\n'));
    const compose = 'services:\n  b:\n    build:\n      platforms: [amd64, arm/v7]\n';
    assert.equal(await fixed('compose.yaml', 'yaml', compose, 'removed-platform', 'arm/v7'), compose.replace(', arm/v7', ''));
    // An alias alone is respelt alone: a list of arches (ingress-nginx's PLATFORMS, make's ARCH=$(PLATFORM)) stays one.
    assert.equal(await fixed('bare.sh', 'shellscript', 'docker run --platform x86_64 img\n', 'non-canonical-platform', 'x86_64'), 'docker run --platform amd64 img\n');
    assert.equal(await fixed('bare/Makefile', 'makefile', 'PLATFORMS ?= amd64 arm64 arm\n', 'removed-platform', 'arm'), 'PLATFORMS ?= amd64 arm64\n');
  });
  it('an array of one word offers no removal (it would leave the variable empty)', async () => {
    const { uri, diagnostics } = await open('e.sh', 'shellscript', 'PLATFORMS=(linux/arm)\n');
    assert.deepEqual(await fixes(uri, diagnostics[0]), []);
  });
});

describe('one preferred fix per finding', () => {
  it('an alias that repeats an item: removing it is the fix; respelling it would only make the repeat plain', async () => {
    const text = 'jobs:\n  a:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: linux/amd64,linux/x86_64\n';
    const { uri, diagnostics } = await open('.github/workflows/alias.yml', 'yaml', text);
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['duplicate-platform', 'non-canonical-platform']);
    const actions = await client.codeActions(uri, diagnostics[0].range, diagnostics, ['quickfix']);
    assert.deepEqual(actions.map((a) => a.title), ['Remove linux/x86_64 from the list']);
    assert.equal(applyEdits(text, editsFor(actions[0].edit, uri)).split('\n')[5], '          platforms: linux/amd64');
  });

  it('unknown platforms: the preferred replacement keeps what was meant', async () => {
    const cases: [string, string, string][] = [
      ['GOOS=windows GOARCH=arm go build\n', 'arm', 'GOOS=windows GOARCH=arm64 go build\n'],
      ['GOOS=darwin GOARCH=arm go build\n', 'arm', 'GOOS=darwin GOARCH=arm64 go build\n'],
      ['docker buildx build --platform linux/arm64/v7 .\n', 'linux/arm64/v7', 'docker buildx build --platform linux/arm64 .\n'],
      ['docker buildx build --platform linux/ppc64le/v1 .\n', 'linux/ppc64le/v1', 'docker buildx build --platform linux/ppc64le .\n'],
    ];
    for (const [text, token, want] of cases) assert.equal(await fixed('u.sh', 'shellscript', text, 'unknown-platform', token), want, text);
  });

  it('linux/arm/v8, which its message says was most likely arm64/v8: that replacement is the fix, preferred over the removal from a list (QA 271)', async () => {
    assert.equal(await fixed('Dockerfile', 'dockerfile', 'FROM --platform=linux/arm/v8 alpine\n', 'removed-platform', 'linux/arm/v8'), 'FROM --platform=linux/arm64/v8 alpine\n');
    assert.equal(await fixed('a.sh', 'shellscript', 'ARCH=arm/v8\ndocker build --platform "linux/${ARCH}" .\n', 'removed-platform', 'arm/v8'), 'ARCH=arm64/v8\ndocker build --platform "linux/${ARCH}" .\n');
    // (In the spelling written: goreleaser's targets, an archive's dashes, a variant without its v; QA 275 B8.)
    for (const [written, want] of [['linux_arm_v8', 'linux_arm64_v8'], ['linux-arm-v8', 'linux-arm64-v8'], ['linux/arm/8', 'linux/arm64/8']]) {
      const yaml = `platforms:\n  - linux/amd64\n  - ${written}\n`;
      assert.equal(await fixed('s.yaml', 'yaml', yaml, 'removed-platform', written), yaml.replace(written, want), written);
    }
    const text = 'platforms: linux/amd64,linux/arm/v8\n';
    const { uri, diagnostics } = await open('p.yaml', 'yaml', text);
    const titles = (await fixes(uri, diagnostics[0])).map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`);
    assert.deepEqual(titles, ['Replace with linux/arm64/v8 (preferred)', 'Remove linux/arm/v8 from the list']);
    // (Where the list holds arm64 already, the replacement would make a repeat: the removal alone; QA 275 B7.)
    for (const held of ['linux/arm64', 'linux/arm64/v8']) {
      const listed = `platforms: ${held},linux/arm/v8\n`;
      const opened = await open('r.yaml', 'yaml', listed);
      const offered = (await fixes(opened.uri, opened.diagnostics.find((d) => d.code === 'removed-platform')!)).map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`);
      assert.deepEqual(offered, ['Remove linux/arm/v8 from the list (preferred)'], held);
    }
    // (A variant arm has, linux/arm/v7: the removal alone, as before.)
    assert.equal(await fixed('q.yaml', 'yaml', 'platforms: linux/amd64,linux/arm/v7\n', 'removed-platform', 'linux/arm/v7'), 'platforms: linux/amd64\n');
  });

  it('an os typo whose pair is no platform to build (GOOS=windos GOARCH=riscv64): the os meant is the fix, and the message says the arch must change too', async () => {
    const text = 'GOOS=windos GOARCH=riscv64 go build\n';
    const { uri, diagnostics } = await open('partial.sh', 'shellscript', text);
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /did you mean windows\? windows\/riscv64 is not a Go platform either\.$/);
    const actions = await fixes(uri, diagnostics[0]);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred ?? false]), [['Replace with windows', true]]);
  });

  it('a GOARCH whose GOOS is written in another block (global variables, a merge key, an extended job): replaced for that GOOS', async () => {
    const shapes = [
      'variables:\n  GOOS: darwin\nbuild:\n  variables:\n    GOARCH: arm\n  script: [go build]\n',
      '.vars: &mac\n  GOOS: darwin\nbuild:\n  variables:\n    <<: *mac\n    GOARCH: arm\n  script: [go build]\n',
      '.mac:\n  variables:\n    GOOS: darwin\nbuild:\n  extends: .mac\n  variables:\n    GOARCH: arm\n  script: [go build]\n',
    ];
    for (const text of shapes) {
      const out = await fixed('.gitlab-ci.yml', 'yaml', text, 'unknown-platform', 'arm');
      assert.equal(out, text.replace('GOARCH: arm', 'GOARCH: arm64'), text);
      assert.deepEqual(await codesOf('.gitlab-ci.yml', 'yaml', out), [], out);
    }
  });
});

describe('a workflow matrix that builds a pair Go does not know', () => {
  it('goos × goarch with darwin and arm: unknown-platform on arm, no respelling offered; an exclude entry silences it', async () => {
    const text = 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        goos: [darwin, windows]\n        goarch: [amd64, arm64, arm]\n';
    const { uri, diagnostics } = await open('.github/workflows/m.yml', 'yaml', text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['unknown-platform', 7, 31]]);
    // (Both pairs it makes are named: QA 224 B1.)
    assert.match(diagnostics[0].message, /^darwin\/arm and windows\/arm are not valid Go platforms, and this matrix builds them/);
    assert.deepEqual((await fixes(uri, diagnostics[0])).filter((a) => a.title.startsWith('Replace')), []);
    const excluded = `${text}        exclude:\n          - goarch: arm\n`;
    assert.deepEqual(await codesOf('.github/workflows/m2.yml', 'yaml', excluded), []);
  });

  it('goreleaser skips such pairs itself: nothing reported, unless a value builds nothing at all', async () => {
    // darwin/s390x is skipped; s390x still builds for linux.
    assert.deepEqual(await codesOf('.goreleaser.yaml', 'yaml', 'builds:\n  - goos: [linux, darwin]\n    goarch: [amd64, arm64, s390x]\n'), []);
    // Neither darwin nor windows (Go 1.26) builds arm: the value is a mistake.
    const text = 'builds:\n  - goos: [darwin, windows]\n    goarch: [amd64, arm64, arm]\n';
    const { uri, diagnostics } = await open('.goreleaser.yml', 'yaml', text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['unknown-platform', 2, 27]]);
    assert.match(diagnostics[0].message, /arm makes no valid pair .* goreleaser builds nothing for it/);
    assert.deepEqual((await fixes(uri, diagnostics[0])).filter((a) => a.title.startsWith('Replace')), []);
  });
});

describe('no completion in text for people', () => {
  const cases: [string, string, string, string][] = [
    ['echo argument', 'a.sh', 'shellscript', 'echo "use --platform=| to choose"\n'],
    ['printf argument', 'b.sh', 'shellscript', 'printf "set GOOS=linux GOARCH=|\\n"\n'],
    ['here-document', 'c.sh', 'shellscript', 'cat <<EOF\nBuild with --platform=|\nEOF\n'],
    ['echo in a run step', '.github/workflows/e.yml', 'yaml', 'jobs:\n  a:\n    steps:\n      - run: echo "pass --platform=|"\n'],
    ['@echo in a recipe', 'Makefile', 'makefile', 'image:\n\t@echo "make image --platform=|"\n'],
  ];
  for (const [what, path, languageId, marked] of cases) {
    it(what, async () => {
      const at = marked.indexOf('|');
      const text = marked.slice(0, at) + marked.slice(at + 1);
      const { uri } = await open(path, languageId, text);
      assert.deepEqual(await client.completion(uri, positionOf(text, text.slice(0, at), at)), []);
    });
  }

  it('but a command after the echo, and a Dockerfile RUN here-document, do complete', async () => {
    const sh = 'echo building && docker buildx build --platform=\n';
    const { uri } = await open('f.sh', 'shellscript', sh);
    assert.ok((await client.completion(uri, positionOf(sh, '--platform=', '--platform='.length))).some((i) => i.label === 'linux/amd64'));
    const df = 'FROM golang:1.23\nRUN <<EOT\nGOOS=linux GOARCH= go build ./cmd\nEOT\n';
    const { uri: u2 } = await open('Dockerfile', 'dockerfile', df);
    assert.ok((await client.completion(u2, positionOf(df, 'GOARCH=', 'GOARCH='.length))).some((i) => i.label === 'arm64'));
  });
});

describe('suppression comments', () => {
  it('a misspelled code silences nothing', async () => {
    assert.deepEqual(await codesOf('s.sh', 'shellscript', 'GOARCH=arm go build # k8s-platforms-ignore removed-platfrom\n'), ['removed-platform']);
    assert.deepEqual(await codesOf('t.sh', 'shellscript', 'GOARCH=arm go build # k8s-platforms-ignore removed-platform\n'), []);
  });
});

describe('completion in lists continued over lines, shell arrays, defaults and substituted versions', () => {
  const cases: [string, string, string, string, string][] = [
    ['a Makefile list continued with \\', 'Makefile', 'makefile', 'PLATFORMS ?= linux/amd64 \\\n\tlinux/arm64 \\\n\t|\n', 'linux/s390x'],
    ['a quoted shell list continued with \\', 'a.sh', 'shellscript', 'KUBE_BUILD_PLATFORMS="linux/amd64 \\\n  linux/|"\n', 'linux/arm64'],
    ['a buildx flag on a continuation line', 'b.sh', 'shellscript', 'docker buildx build \\\n  --platform linux/amd64,| \\\n  --push .\n', 'linux/arm64'],
    ['a shell array', 'c.sh', 'shellscript', 'PLATFORMS=(linux/amd64 |)\n', 'linux/arm64'],
    ['a shell array over lines', 'c2.sh', 'shellscript', 'readonly KUBE_SERVER_PLATFORMS=(\n  linux/amd64\n  linux/|\n)\n', 'linux/arm64'],
    ['the default of ${VAR:-…}', 'd.sh', 'shellscript', 'PLATFORMS="${PLATFORMS:-linux/amd64,|}"\n', 'linux/arm64'],
    ['an unquoted default of words (QA 71)', 'd2.sh', 'shellscript', 'PLATFORMS=${PLATFORMS:-linux/amd64 linux/|}\n', 'linux/arm64'],
    ['a quoted default in braces (QA 71)', 'd3.sh', 'shellscript', 'PLATFORMS=${PLATFORMS:-"linux/amd64 linux/|"}\n', 'linux/arm64'],
    ['a here-string read into an array (QA 71)', 'h.sh', 'shellscript', 'IFS=, read -ra KUBE_BUILD_PLATFORMS <<< "linux/amd64,linux/|"\n', 'linux/arm64'],
    ['a here-string given to mapfile (QA 71)', 'h2.sh', 'shellscript', 'mapfile -t PLATFORMS <<< "linux/amd64 |"\n', 'linux/arm64'],
    ['a flow list whose first item is beyond ASCII (QA 69)', 'g.yml', 'yaml', 'platforms: [|"🚀", linux/amd64]\n', 'linux/arm64'],
    ['a release URL whose version is $(curl …)', 'e.sh', 'shellscript', 'curl -LO "https://dl.k8s.io/release/$(curl -L -s https://dl.k8s.io/release/stable.txt)/bin/linux/|/kubectl"\n', 'arm64'],
    ['a release URL whose version is a workflow expression (QA 91)', '.github/workflows/e.yml', 'yaml', 'jobs:\n  a:\n    steps:\n      - run: curl -LO "https://dl.k8s.io/release/${{ env.KUBECTL_VERSION }}/bin/darwin/|/kubectl"\n', 'amd64'],
    ['the os of a release URL whose version is a workflow expression (QA 91)', '.github/workflows/e2.yml', 'yaml', 'jobs:\n  a:\n    steps:\n      - run: curl -LO "https://dl.k8s.io/release/${{ env.KUBECTL_VERSION }}/bin/|"\n', 'darwin'],
  ];
  for (const [what, path, languageId, marked, expected] of cases) {
    it(what, async () => {
      const at = marked.indexOf('|');
      const text = marked.slice(0, at) + marked.slice(at + 1);
      const { uri } = await open(path, languageId, text);
      const items = await client.completion(uri, positionOf(text, text.slice(0, at), at));
      assert.ok(items.some((i) => i.label === expected), `${expected} in ${JSON.stringify(items.map((i) => i.label))}`);
      assert.ok(!items.some((i) => i.label === 'linux/amd64'), 'an item already in the list is not offered again');
    });
  }

  it('but not after another flag of a continued command', async () => {
    const text = 'docker buildx build \\\n  --platform linux/amd64,linux/arm64 \\\n  --tag \n';
    const { uri } = await open('f.sh', 'shellscript', text);
    assert.deepEqual(await client.completion(uri, positionOf(text, '--tag ', '--tag '.length)), []);
  });
});

describe('completion leaves out what the list already holds', () => {
  it('items after the cursor count too', async () => {
    const text = 'jobs:\n  a:\n    steps:\n      - with:\n          platforms: linux/,linux/arm64, linux/s390x\n';
    const { uri } = await open('.github/workflows/after.yml', 'yaml', text);
    const items = await client.completion(uri, positionOf(text, 'linux/,', 'linux/'.length));
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('linux/amd64'));
    assert.ok(!labels.includes('linux/arm64') && !labels.includes('linux/s390x'), JSON.stringify(labels));
  });
});

describe('Go names are lower case', () => {
  it('GOOS=Linux and GOARCH=AMD64 are unknown, with the lower-case name as the fix', async () => {
    const text = 'GOOS=Linux GOARCH=amd64 go build\nGOOS=linux GOARCH=AMD64 go build\n';
    assert.equal(await fixed('case.sh', 'shellscript', text, 'unknown-platform', 'Linux'), text.replace('Linux', 'linux'));
    assert.equal(await fixed('case2.sh', 'shellscript', text, 'unknown-platform', 'AMD64'), text.replace('AMD64', 'amd64'));
  });
});

describe('removing an item of a YAML list', () => {
  const wf = (list: string) => `jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: ${list}\n`;
  it('a flow list written over lines: the item’s line goes, and the last item takes the comma before it', async () => {
    const middle = wf('[\n            linux/amd64,\n            linux/arm/v7,\n            linux/arm64\n          ]');
    assert.equal(await fixed('.github/workflows/f1.yml', 'yaml', middle, 'removed-platform', 'linux/arm/v7'), wf('[\n            linux/amd64,\n            linux/arm64\n          ]'));
    const last = wf('[\n            linux/amd64,\n            linux/arm/v7\n          ]');
    assert.equal(await fixed('.github/workflows/f2.yml', 'yaml', last, 'removed-platform', 'linux/arm/v7'), wf('[\n            linux/amd64\n          ]'));
  });

  it('a block list under any key (a matrix arch: list of platforms) can lose an item', async () => {
    const text = 'jobs:\n  b:\n    strategy:\n      matrix:\n        arch:\n          - linux/amd64\n          - linux/arm/v7\n          - linux/arm64\n';
    assert.equal(await fixed('.github/workflows/f3.yml', 'yaml', text, 'removed-platform', 'linux/arm/v7'), text.replace('          - linux/arm/v7\n', ''));
  });
});

describe('completion in package contexts of the Kubernetes packages', () => {
  // [what, path, languageId, text with | at the cursor, expected labels, labels that must not come]
  const cases: [string, string, string, string, string[], string[]][] = [
    ['an apt source line, arch list', 'a.sh', 'shellscript', 'echo "deb [arch=amd64,| signed-by=/etc/apt/keyrings/k.gpg] https://pkgs.k8s.io/core:/stable:/v1.31/deb/ /" | sudo tee /etc/apt/sources.list.d/kubernetes.list\n', ['arm64', 'ppc64el', 's390x'], ['amd64', 'x86_64', 'armhf', 'aarch64']],
    ['an apt source line whose repository is not written yet', 'b.sh', 'shellscript', 'deb [arch=|\n', ['amd64', 'arm64'], ['x86_64']],
    ['NAME:ARCH in apt-get install', 'c.sh', 'shellscript', 'sudo apt-get install -y kubelet:|\n', ['amd64', 'arm64', 'ppc64el', 's390x'], ['x86_64']],
    ['NAME.ARCH in dnf install', 'd.sh', 'shellscript', 'sudo dnf install -y kubeadm.|\n', ['x86_64', 'aarch64', 'ppc64le', 's390x'], ['amd64', 'arm64']],
    ['the arch segment of a pkgs.k8s.io rpm path', 'e.sh', 'shellscript', 'curl -LO https://pkgs.k8s.io/core:/stable:/v1.31/rpm/|\n', ['x86_64', 'aarch64'], ['amd64']],
    ['a crictl release asset (kubernetes-sigs)', 'j.sh', 'shellscript', 'curl -LO https://github.com/kubernetes-sigs/cri-tools/releases/download/v1.31.0/crictl-v1.31.0-linux-|.tar.gz\n', ['linux-amd64', 'linux-arm64'], ['linux/amd64', 'windows-amd64']],
    ['a kind release asset, os not typed yet', 'k.sh', 'shellscript', 'curl -Lo ./kind https://github.com/kubernetes-sigs/kind/releases/download/v0.24.0/kind-|\n', ['linux-amd64', 'darwin-arm64'], ['linux/amd64']],
    ['an apt source in a Dockerfile RUN', 'Dockerfile', 'dockerfile', 'RUN echo "deb [arch=|] https://pkgs.k8s.io/core:/stable:/v1.31/deb/ /" > /etc/apt/sources.list.d/k.list\n', ['amd64', 'arm64'], []],
  ];
  for (const [what, path, languageId, marked, expected, absent] of cases) {
    it(what, async () => {
      const at = marked.indexOf('|');
      const text = marked.slice(0, at) + marked.slice(at + 1);
      const { uri } = await open(path, languageId, text);
      const labels = (await client.completion(uri, positionOf(text, text.slice(0, at), at))).map((i) => i.label);
      for (const e of expected) assert.ok(labels.includes(e), `${e} in ${JSON.stringify(labels)}`);
      for (const a of absent) assert.ok(!labels.includes(a), `${a} not in ${JSON.stringify(labels)}`);
    });
  }

  it('an accepted item gives no finding', async () => {
    const text = 'sudo apt-get install -y kubelet:\n';
    const { uri } = await open('f.sh', 'shellscript', text);
    const items = await client.completion(uri, positionOf(text, 'kubelet:', 'kubelet:'.length));
    const item = items.find((i) => i.label === 'arm64')!;
    assert.ok(item.textEdit && 'range' in item.textEdit);
    const after = applyEdits(text, [item.textEdit]);
    assert.equal(after, 'sudo apt-get install -y kubelet:arm64\n');
    assert.deepEqual(await codesOf('f2.sh', 'shellscript', after), []);
  });

  it('but not in other repositories, nor outside a package manager', async () => {
    for (const [path, marked] of [
      ['g.sh', 'echo "deb [arch=| signed-by=/k.gpg] https://download.docker.com/linux/ubuntu jammy stable" > docker.list\n'],
      ['h.sh', 'cp kubelet:| /tmp\n'],
      ['i.sh', 'curl -LO https://example.com/core/rpm/|\n'],
      ['l.sh', 'curl -LO https://github.com/helm/helm/releases/download/v3.15.0/helm-v3.15.0-linux-|.tar.gz\n'],
    ]) {
      const at = marked.indexOf('|');
      const text = marked.slice(0, at) + marked.slice(at + 1);
      const { uri } = await open(path, 'shellscript', text);
      assert.deepEqual((await client.completion(uri, positionOf(text, text.slice(0, at), at))).map((i) => i.label), [], marked);
    }
  });
});

describe('completion in a QEMU set-up step', () => {
  it('offers Linux platforms only: QEMU emulates Linux binaries', async () => {
    for (const [path, marked] of [
      ['.github/workflows/q1.yml', 'jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/setup-qemu-action@v3\n        with:\n          platforms: linux/amd64,|\n'],
      ['.github/workflows/q2.yml', 'jobs:\n  a:\n    steps:\n      - name: QEMU\n        with:\n          platforms: |\n        uses: docker/setup-qemu-action@v3\n      - uses: docker/setup-buildx-action@v3\n'],
    ]) {
      const at = marked.indexOf('|');
      const text = marked.slice(0, at) + marked.slice(at + 1);
      const { uri } = await open(path, 'yaml', text);
      const labels = (await client.completion(uri, positionOf(text, text.slice(0, at), at))).map((i) => i.label);
      assert.ok(labels.includes('linux/arm64'), JSON.stringify(labels));
      assert.ok(labels.every((l) => l.startsWith('linux/')), JSON.stringify(labels));
    }
  });

  it('while the platforms of a build step keep every os', async () => {
    const text = 'jobs:\n  a:\n    steps:\n      - uses: docker/setup-qemu-action@v3\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: \n';
    const { uri } = await open('.github/workflows/q3.yml', 'yaml', text);
    const labels = (await client.completion(uri, positionOf(text, 'platforms: ', 'platforms: '.length))).map((i) => i.label);
    assert.ok(labels.includes('windows/amd64'), JSON.stringify(labels));
  });
});

describe('completion in a name/value list', () => {
  it('the value of a platform-ish name completes, with more items after it', async () => {
    for (const [path, marked] of [
      ['tekton/p1.yaml', 'spec:\n  params:\n    - name: PLATFORMS\n      value: |\n    - name: OTHER\n      value: x\n'],
      ['tekton/p2.yaml', 'spec:\n  params:\n    - name: IMAGE\n      value: x\n    - name: PLATFORMS\n      default: |\n'],
    ]) {
      const at = marked.indexOf('|');
      const text = marked.slice(0, at) + marked.slice(at + 1);
      const { uri } = await open(path, 'yaml', text);
      const labels = (await client.completion(uri, positionOf(text, text.slice(0, at), at))).map((i) => i.label);
      assert.ok(labels.includes('linux/amd64'), `${marked}: ${JSON.stringify(labels)}`);
    }
  });

  it('but not the value of another name, whatever the items around it', async () => {
    const marked = 'spec:\n  params:\n    - name: PLATFORMS\n      value: linux/amd64\n    - name: IMAGE\n      value: |\n    - name: GOARCH\n      value: arm64\n';
    const at = marked.indexOf('|');
    const text = marked.slice(0, at) + marked.slice(at + 1);
    const { uri } = await open('tekton/p3.yaml', 'yaml', text);
    assert.deepEqual(await client.completion(uri, positionOf(text, text.slice(0, at), at)), []);
  });
});

describe("a removed platform in a branch of make's $(if …)", () => {
  it('the branch is emptied and the other keeps its place (the comma after the condition stays)', async () => {
    const text = 'PLATFORMS ?= $(if $(CI),linux/arm/v7,linux/amd64)\n';
    assert.equal(await fixed('Makefile', 'makefile', text, 'removed-platform', 'linux/arm/v7'), 'PLATFORMS ?= $(if $(CI),,linux/amd64)\n');
  });
});

describe("the arguments of make's $(call …) (QA 152 B2)", () => {
  it('are lists of their own: no duplicate across two, a removal inside one, none that would shift the next argument', async () => {
    assert.deepEqual(await codesOf('Makefile', 'makefile', 'RELEASE_PLATFORMS = $(call pick,linux/amd64,linux/amd64)\n'), []);
    assert.equal(await fixed('Makefile', 'makefile', 'PLATFORMS = $(call img,linux/amd64 linux/arm,v1.2)\n', 'removed-platform', 'linux/arm'), 'PLATFORMS = $(call img,linux/amd64,v1.2)\n');
    // The only item of an argument: removing it would leave the argument empty or move the next one into its place.
    const text = 'OUT_PLATFORMS = $(call img,linux/amd64,linux/arm,v1.2)\n';
    const { uri, diagnostics } = await open('Makefile', 'makefile', text);
    assert.deepEqual(diagnostics.map((d) => d.code), ['removed-platform']);
    assert.deepEqual((await fixes(uri, diagnostics[0]!)).filter((a) => a.title.startsWith('Remove')), []);
    const [all] = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    assert.ok(!all?.edit || applyEdits(text, editsFor(all.edit, uri)) === text);
  });
});

describe('a removed platform in a cross product', () => {
  it('a workflow matrix: an exclude entry leaves out linux/arm alone (preferred); removing arm, which freebsd/arm needs too, says so', async () => {
    const text = 'on: push\njobs:\n  go:\n    strategy:\n      matrix:\n        goos: [linux, freebsd]\n        goarch: [amd64, arm]\n    runs-on: ubuntu-latest\n    steps:\n      - run: go build\n';
    const after = await fixed('.github/workflows/go.yml', 'yaml', text, 'removed-platform', 'arm');
    assert.equal(after, text.replace('goarch: [amd64, arm]\n', 'goarch: [amd64, arm]\n        exclude:\n          - goos: linux\n            goarch: arm\n'));
    assert.deepEqual(await codesOf('.github/workflows/go.yml', 'yaml', after), ['unsupported-platform']);
    const { uri, diagnostics } = await open('.github/workflows/go.yml', 'yaml', text);
    const titles = (await fixes(uri, diagnostics.find((d) => d.code === 'removed-platform')!)).map((a) => a.title);
    assert.deepEqual(titles, ['Exclude linux/arm from the matrix', 'Remove arm from the list (for every combination)']);
  });
  it('an exclude entry that leaves the value wrong with another os (darwin/arm, which Go does not build) is offered, not preferred (QA 163 B1)', async () => {
    const text = 'on: push\njobs:\n  go:\n    strategy:\n      matrix:\n        goos: [linux, darwin, freebsd]\n        goarch: [amd64, arm]\n    runs-on: ubuntu-latest\n';
    const { uri, diagnostics } = await open('.github/workflows/go.yml', 'yaml', text);
    const d = diagnostics.find((x) => x.code === 'removed-platform')!;
    const actions = await fixes(uri, d);
    // (darwin/arm is said in the same finding, QA 260 B2: one finding a value; its entry too.)
    assert.match(d.message, /; remove it\. darwin\/arm is not a valid Go platform \(a port Go removed in Go 1\.15\), and this matrix builds it/);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred === true]), [
      ['Exclude linux/arm and darwin/arm from the matrix', true],
      ['Exclude linux/arm from the matrix', false],
      ['Exclude darwin/arm from the matrix', false],
      ['Remove arm from the list (for every combination)', false],
    ]);
    // Both left out: freebsd/arm, in no tier, is what the value still builds.
    assert.deepEqual(await codesOf('.github/workflows/go.yml', 'yaml', applyEdits(text, editsFor(actions[0]!.edit!, uri))), ['unsupported-platform']);
    // linux/arm alone: darwin/arm, the error said beside the removed platform, is left.
    const after = applyEdits(text, editsFor(actions[1]!.edit!, uri));
    assert.deepEqual(await codesOf('.github/workflows/go.yml', 'yaml', after), ['unsupported-platform', 'unknown-platform']);
    // Without darwin the entry is the whole fix, and preferred.
    const whole = await open('.github/workflows/whole.yml', 'yaml', text.replace('linux, darwin, freebsd', 'linux, freebsd'));
    const w = whole.diagnostics.find((x) => x.code === 'removed-platform')!;
    assert.equal((await fixes(whole.uri, w)).find((a) => a.title.startsWith('Exclude'))?.isPreferred, true);
  });
  it('a pair Go has not that the matrix builds (windows/arm, darwin/riscv64): an exclude entry for it; where the value makes several, all at once (preferred) or each alone (QA 222 B2, QA 226 B1)', async () => {
    const text = 'on: push\njobs:\n  go:\n    strategy:\n      matrix:\n        goos: [linux, windows]\n        goarch: [amd64, arm64, arm]\n    runs-on: ubuntu-latest\n';
    // (windows/arm is said in linux/arm's removed-platform: one finding a value, QA 260 B2. arm
    // builds no other valid pair, so removing it is the fix.)
    const { uri: u1, diagnostics: d1 } = await open('.github/workflows/go.yml', 'yaml', text);
    const armFixes = await fixes(u1, d1.find((d) => d.code === 'removed-platform')!);
    assert.deepEqual(armFixes.map((a) => [a.title, a.isPreferred === true]), [['Remove arm from the list', true]]);
    const after = await fixed('.github/workflows/go.yml', 'yaml', text, 'removed-platform', 'arm');
    assert.equal(after, text.replace('goarch: [amd64, arm64, arm]\n', 'goarch: [amd64, arm64]\n'));
    assert.deepEqual(await codesOf('.github/workflows/go.yml', 'yaml', after), []);
    const two = 'on: push\njobs:\n  go:\n    strategy:\n      matrix:\n        goos: [linux, darwin, windows]\n        goarch: [amd64, riscv64]\n    runs-on: ubuntu-latest\n';
    const { uri, diagnostics } = await open('.github/workflows/two.yml', 'yaml', two);
    const actions = await fixes(uri, diagnostics.find((d) => d.code === 'unknown-platform')!);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred === true]), [
      ['Exclude darwin/riscv64 and windows/riscv64 from the matrix', true],
      ['Exclude darwin/riscv64 from the matrix', false],
      ['Exclude windows/riscv64 from the matrix', false],
    ]);
    const both = applyEdits(two, editsFor(actions[0]!.edit!, uri));
    assert.equal(both, two.replace('riscv64]\n', 'riscv64]\n        exclude:\n          - goos: darwin\n            goarch: riscv64\n          - goos: windows\n            goarch: riscv64\n'));
    assert.deepEqual(await codesOf('.github/workflows/go.yml', 'yaml', both), ['unsupported-platform']);
    const once = applyEdits(two, editsFor(actions[1]!.edit!, uri));
    const left = await open('.github/workflows/once.yml', 'yaml', once);
    assert.deepEqual(left.diagnostics.map((d) => [d.code, d.message.split(' ')[0]]), [['unknown-platform', 'windows/riscv64']]);
    assert.match(left.diagnostics[0]!.message, / linux\/riscv64 is a valid Go platform but in no Kubernetes tier/);
    const last = await fixes(left.uri, left.diagnostics[0]!);
    assert.deepEqual(last.map((a) => [a.title, a.isPreferred === true]), [['Exclude windows/riscv64 from the matrix', true]]);
    assert.deepEqual(await codesOf('.github/workflows/go.yml', 'yaml', applyEdits(once, editsFor(last[0]!.edit!, left.uri))), ['unsupported-platform']);
  });
  it('a value that makes no valid pair with the other axis (plan9 beside arches only linux builds): one finding at it, and its removal preferred (QA 229 D2)', async () => {
    const text = 'on: push\njobs:\n  go:\n    strategy:\n      matrix:\n        goos: [linux, plan9]\n        goarch: [arm64, ppc64le, s390x]\n    runs-on: ubuntu-latest\n';
    const { uri, diagnostics } = await open('.github/workflows/plan9.yml', 'yaml', text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.message.replace(/;.*/, '')]), [
      ['unknown-platform', 5, 22, 'plan9/arm64, plan9/ppc64le and plan9/s390x are not valid Go platforms, and this matrix builds them (plan9 makes no valid pair with the other axis: remove it from the list)'],
    ]);
    const actions = await fixes(uri, diagnostics[0]!);
    assert.deepEqual(actions.filter((a) => a.isPreferred).map((a) => a.title), ['Remove plan9 from the list']);
    assert.ok(actions.some((a) => a.title === 'Exclude plan9/arm64, plan9/ppc64le and plan9/s390x from the matrix'));
    const removed = applyEdits(text, editsFor(actions.find((a) => a.isPreferred)!.edit!, uri));
    assert.equal(removed, text.replace('[linux, plan9]', '[linux]'));
    assert.deepEqual(await codesOf('.github/workflows/go.yml', 'yaml', removed), []);
    // A value made wrong by one os of several keeps the blame (riscv64 of darwin and windows, above).
  });
  it('no exclude entry for a pair an include entry adds back, nor for a value only include entries add (QA 226 B2, B3)', async () => {
    const readded = 'on: push\njobs:\n  go:\n    strategy:\n      matrix:\n        goos: [linux, darwin]\n        goarch: [amd64, riscv64]\n        include:\n          - goos: darwin\n            goarch: riscv64\n            extra: x\n    runs-on: ubuntu-latest\n';
    const a = await open('.github/workflows/readded.yml', 'yaml', readded);
    const d = a.diagnostics.find((x) => x.code === 'unknown-platform' && x.range.start.line === 6)!;
    assert.deepEqual((await fixes(a.uri, d)).filter((x) => x.title.startsWith('Exclude')), []);
    // Without the include entry, the exclude entry is the fix.
    const plain = await open('.github/workflows/plain.yml', 'yaml', readded.replace(/        include:[^]*(?=    runs-on)/, ''));
    assert.deepEqual((await fixes(plain.uri, plain.diagnostics.find((x) => x.code === 'unknown-platform')!)).map((x) => x.title), ['Exclude darwin/riscv64 from the matrix']);
    // The value's other pair keeps its own, at the end of a job that is not the file's first (QA 229 B3).
    const other = 'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n  build:\n    strategy:\n      matrix:\n        goos: [linux, darwin, windows]\n        goarch: [amd64, riscv64]\n        include:\n          - goos: darwin\n            goarch: riscv64\n            extra: x\n';
    const c = await open('.github/workflows/other.yml', 'yaml', other);
    const own = (await fixes(c.uri, c.diagnostics.find((x) => x.code === 'unknown-platform' && x.range.start.line === 8)!)).filter((x) => x.title.startsWith('Exclude'));
    assert.deepEqual(own.map((x) => [x.title, x.isPreferred === true]), [['Exclude windows/riscv64 from the matrix', false]]);
    assert.equal(applyEdits(other, editsFor(own[0]!.edit!, c.uri)), `${other}        exclude:\n          - goos: windows\n            goarch: riscv64\n`);
    const everywhere = 'on: push\njobs:\n  go:\n    strategy:\n      matrix:\n        goos: [linux, windows]\n        include:\n          - arch: arm\n    runs-on: ubuntu-latest\n    steps:\n      - run: GOOS=${{ matrix.goos }} GOARCH=${{ matrix.arch }} go build\n';
    const b = await open('.github/workflows/everywhere.yml', 'yaml', everywhere);
    const u = b.diagnostics.find((x) => x.code === 'removed-platform')!;
    assert.match(u.message, /; remove it\. windows\/arm is not a valid Go platform \(a port Go removed in Go 1\.26\), and this matrix builds it \(an include entry adds its value to every combination; name in the entry the combinations it is for\)/);
    assert.deepEqual((await fixes(b.uri, u)).filter((x) => x.title.startsWith('Exclude')), []);
  });
  it('a flow exclude list, an empty one, a key with no list yet and a flow matrix get their entries too, in their own style (QA 226 B6)', async () => {
    const job = (matrix: string) => `on: push\njobs:\n  go:\n    strategy:\n${matrix}    runs-on: ubuntu-latest\n`;
    const axes = '      matrix:\n        goos: [linux, darwin, windows]\n        goarch: [amd64, riscv64]\n';
    const both = '{goos: darwin, goarch: riscv64}, {goos: windows, goarch: riscv64}';
    const cases: [string, string][] = [
      [job(`${axes}        exclude: [{goos: linux, goarch: amd64}]\n`), job(`${axes}        exclude: [{goos: linux, goarch: amd64}, ${both}]\n`)],
      [job(`${axes}        exclude: []\n`), job(`${axes}        exclude: [${both}]\n`)],
      [job(`${axes}        exclude:  # none yet\n`), job(`${axes}        exclude:  # none yet\n          - goos: darwin\n            goarch: riscv64\n          - goos: windows\n            goarch: riscv64\n`)],
      [job('      matrix: {goos: [linux, darwin, windows], goarch: [amd64, riscv64]}\n'), job(`      matrix: {goos: [linux, darwin, windows], goarch: [amd64, riscv64], exclude: [${both}]}\n`)],
    ];
    for (const [text, want] of cases) {
      const { uri, diagnostics } = await open('.github/workflows/flow.yml', 'yaml', text);
      const all = (await fixes(uri, diagnostics.find((d) => d.code === 'unknown-platform')!))[0]!;
      assert.deepEqual([all.title, all.isPreferred], ['Exclude darwin/riscv64 and windows/riscv64 from the matrix', true], text);
      const after = applyEdits(text, editsFor(all.edit!, uri));
      assert.equal(after, want);
      assert.deepEqual(await codesOf('.github/workflows/flow.yml', 'yaml', after), ['unsupported-platform'], after);
    }
  });
  it('an exclude list the matrix has gets the entry at its end, at its own indentation', async () => {
    const text = 'jobs:\n  go:\n    strategy:\n      matrix:\n        goos: [linux, freebsd]\n        goarch: [amd64, arm]\n        exclude:\n        - goos: freebsd\n          goarch: amd64\n    runs-on: ubuntu-latest\n';
    assert.equal(
      await fixed('.github/workflows/go.yml', 'yaml', text, 'removed-platform', 'arm'),
      text.replace('          goarch: amd64\n', '          goarch: amd64\n        - goos: linux\n          goarch: arm\n'),
    );
  });
  it('a goreleaser build: an ignore entry; in a CRLF file, with CRLF; at a last line with no line break, after one', async () => {
    const text = 'version: 2\nbuilds:\n  - id: cli\n    goos: [linux, freebsd]\n    goarch: [amd64, arm]\n    ldflags: -s -w\n';
    assert.equal(await fixed('.goreleaser.yaml', 'yaml', text, 'removed-platform', 'arm'), text.replace('    ldflags: -s -w\n', '    ldflags: -s -w\n    ignore:\n      - goos: linux\n        goarch: arm\n'));
    const crlf = text.replace(/\n/g, '\r\n');
    assert.equal(await fixed('.goreleaser.yaml', 'yaml', crlf, 'removed-platform', 'arm'), `${crlf}    ignore:\r\n      - goos: linux\r\n        goarch: arm\r\n`);
    const unfinished = text.slice(0, -1);
    const after = await fixed('.goreleaser.yaml', 'yaml', unfinished, 'removed-platform', 'arm');
    assert.equal(after, `${unfinished}\n    ignore:\n      - goos: linux\n        goarch: arm\n`);
    assert.deepEqual(await codesOf('.goreleaser.yaml', 'yaml', after), ['unsupported-platform']);
  });
  it('a value built in no other valid pair is removed from its list, as before (arm beside darwin and windows, which Go does not build it for)', async () => {
    const text = 'builds:\n  - goos: [linux]\n    goarch: [amd64, arm]\n';
    assert.equal(await fixed('.goreleaser.yaml', 'yaml', text, 'removed-platform', 'arm'), 'builds:\n  - goos: [linux]\n    goarch: [amd64]\n');
    const defaults = 'builds:\n  - id: cli\n    goarch: [amd64, arm]\n';
    assert.equal(await fixed('.goreleaser.yaml', 'yaml', defaults, 'removed-platform', 'arm'), 'builds:\n  - id: cli\n    goarch: [amd64]\n');
  });
  it('where no entry can be added (an anchored exclude, which another job may share), removing the value is offered, not preferred, and says what it drops; an empty or flow one, a key with no list and a flow matrix take the entry (QA 226 B6)', async () => {
    const job = (matrix: string) => `jobs:\n  go:\n    strategy:\n      matrix:\n${matrix}    runs-on: ubuntu-latest\n`;
    const axes = '        goos: [linux, freebsd]\n        goarch: [amd64, arm]\n';
    const titles = async (text: string) => {
      const { uri, diagnostics } = await open('.github/workflows/go.yml', 'yaml', text);
      const d = diagnostics.find((x) => x.code === 'removed-platform');
      assert.ok(d, text);
      return (await fixes(uri, d)).map((a) => [a.title, a.isPreferred === true]);
    };
    assert.deepEqual(await titles(job(`${axes}        exclude: &skip\n          - goos: freebsd\n            goarch: amd64\n`)), [['Remove arm from the list (for every combination)', false]]);
    for (const text of [job(`${axes}        exclude: []\n`), job(`${axes}        exclude:\n`), 'jobs:\n  go:\n    strategy:\n      matrix: {goos: [linux, freebsd], goarch: [amd64, arm]}\n']) {
      assert.deepEqual(await titles(text), [['Exclude linux/arm from the matrix', true], ['Remove arm from the list (for every combination)', false]], text);
    }
  });
  it('a GitLab parallel matrix entry, which has no exclude: removing a value built with others says so and is not preferred; one built alone is (QA 136 B1)', async () => {
    const text = 'build:\n  parallel:\n    matrix:\n      - GOOS: [linux, freebsd]\n        GOARCH: [amd64, arm]\n      - GOOS: linux\n        GOARCH: [amd64, arm]\n  script:\n    - GOOS=$GOOS GOARCH=$GOARCH go build\n';
    const { uri, diagnostics } = await open('.gitlab-ci.yml', 'yaml', text);
    const removed = diagnostics.filter((x) => x.code === 'removed-platform');
    assert.deepEqual(removed.map((d) => d.range.start.line), [4, 6]);
    const shared = await fixes(uri, removed[0]);
    assert.deepEqual(shared.map((a) => [a.title, a.isPreferred === true]), [['Remove arm from the list (for every combination)', false]]);
    // (Beside one GOOS, arm is built in linux/arm alone: removing it drops nothing else.)
    const alone = await fixes(uri, removed[1]);
    assert.deepEqual(alone.map((a) => [a.title, a.isPreferred === true]), [['Remove arm from the list', true]]);
    const unsupported = diagnostics.find((x) => x.code === 'unsupported-platform' && x.range.start.line === 3)!;
    assert.equal((await fixes(uri, unsupported))[0]?.title, 'Remove freebsd from the list (for every combination)');
  });
});

describe('a removed platform in an entry of a matrix include list', () => {
  const job = (matrix: string) => `on: push\njobs:\n  go:\n    strategy:\n      matrix:\n${matrix}    runs-on: ubuntu-latest\n    steps:\n      - run: go build\n`;
  const titlesOf = async (text: string) => {
    const { uri, diagnostics } = await open('.github/workflows/go.yml', 'yaml', text);
    const d = diagnostics.find((x) => x.code === 'removed-platform');
    assert.ok(d, text);
    return (await fixes(uri, d)).map((a) => [a.title, a.isPreferred === true]);
  };

  it('an entry of its own is removed whole, its other keys and a comment after its last value with it', async () => {
    const entry = '          - goos: linux\n            goarch: arm  # Raspberry Pi\n            goarm: "7"\n';
    const text = job(`        goos: [linux, darwin]\n        goarch: [amd64, arm64]\n        include:\n${entry}          - goos: windows\n            goarch: amd64\n`);
    assert.deepEqual(await titlesOf(text), [['Remove the matrix entry for linux/arm', true]]);
    const after = await fixed('.github/workflows/go.yml', 'yaml', text, 'removed-platform', 'arm');
    assert.equal(after, text.replace(entry, ''));
    assert.deepEqual(await codesOf('.github/workflows/go.yml', 'yaml', after), []);
  });

  it('the last entry, and an entry of a flow list, with its comma', async () => {
    const last = job('        include:\n          - goos: windows\n            goarch: amd64\n          - goos: linux\n            goarch: arm\n');
    assert.equal(await fixed('.github/workflows/go.yml', 'yaml', last, 'removed-platform', 'arm'), last.replace('          - goos: linux\n            goarch: arm\n', ''));
    const flow = job('        include: [{goos: linux, goarch: arm}, {goos: windows, goarch: amd64}]\n');
    assert.equal(await fixed('.github/workflows/go.yml', 'yaml', flow, 'removed-platform', 'arm'), job('        include: [{goos: windows, goarch: amd64}]\n'));
  });

  it('no removal where it would empty the list, change another job (an anchored list), or keep the platform (an entry that refines a combination the axes make)', async () => {
    for (const matrix of [
      '        include:\n          - goos: linux\n            goarch: arm\n',
      '        include: &extra\n          - goos: linux\n            goarch: arm\n          - goos: windows\n            goarch: amd64\n',
    ]) {
      assert.deepEqual(await titlesOf(job(matrix)), [], matrix);
    }
    const refining = job('        goos: [linux]\n        goarch: [amd64, arm]\n        include:\n          - goos: linux\n            goarch: arm\n            cc: arm-linux-gnueabihf-gcc\n          - goos: windows\n            goarch: amd64\n');
    const { uri, diagnostics } = await open('.github/workflows/go.yml', 'yaml', refining);
    for (const d of diagnostics.filter((x) => x.code === 'removed-platform')) {
      for (const a of await fixes(uri, d)) assert.doesNotMatch(a.title, /matrix entry/);
    }
  });
});

describe('an entry or item written with a tag, an anchor, or its value on a line after its dash', () => {
  const job = (matrix: string) => `on: push\njobs:\n  go:\n    strategy:\n      matrix:\n${matrix}    runs-on: ubuntu-latest\n    steps:\n      - run: go build\n`;
  const arm64 = '          - goos: linux\n            goarch: arm64\n';

  it('the entry goes with its dash line, a comment or a tag on it', async () => {
    for (const entry of ['          -\n            goos: linux\n            goarch: arm\n', '          - # raspberry pi\n            goos: linux\n            goarch: arm\n', '          - !!map\n            goos: linux\n            goarch: arm\n']) {
      const text = job(`        include:\n${entry}${arm64}`);
      assert.equal(await fixed('.github/workflows/go.yml', 'yaml', text, 'removed-platform', 'arm'), job(`        include:\n${arm64}`), entry);
    }
  });

  it('a buildx entry that names its platform whole (- platform: linux/arm/v7 beside its runner) is removed whole', async () => {
    const entry = '          - platform: linux/arm/v7\n            runner: ubuntu-24.04-arm\n';
    const text = job(`        include:\n          - platform: linux/amd64\n            runner: ubuntu-latest\n${entry}`);
    assert.equal(await fixed('.github/workflows/go.yml', 'yaml', text, 'removed-platform', 'linux/arm/v7'), text.replace(entry, ''));
    const { uri, diagnostics } = await open('.github/workflows/go.yml', 'yaml', text);
    assert.deepEqual((await fixes(uri, diagnostics.find((d) => d.code === 'removed-platform')!)).map((a) => a.title), ['Remove the matrix entry for linux/arm/v7']);
  });

  it('a list item on the line after its dash goes with the dash', async () => {
    const text = job('        platform:\n          - linux/amd64\n          -\n            linux/arm/v7\n          - linux/arm64\n');
    assert.equal(await fixed('.github/workflows/go.yml', 'yaml', text, 'removed-platform', 'linux/arm/v7'), job('        platform:\n          - linux/amd64\n          - linux/arm64\n'));
  });

  it('an anchored entry or item is not removed (an alias elsewhere would name nothing), by a quick fix or fix-all', async () => {
    for (const text of [
      job(`        include:\n          - &pi\n            goos: linux\n            goarch: arm\n${arm64}`),
      job('        platform:\n          - linux/amd64\n          - &old linux/arm/v7\n          - linux/arm64\n'),
      job('        platform: [linux/amd64, &old linux/arm/v7, linux/arm64]\n'),
      job('        platform: [linux/amd64, &old !!str linux/arm/v7, linux/arm64]\n'),
      job('        platform: [linux/amd64, &old\n          linux/arm/v7, linux/arm64]\n'),
    ]) {
      const { uri, diagnostics } = await open('.github/workflows/go.yml', 'yaml', text);
      const d = diagnostics.find((x) => x.code === 'removed-platform');
      assert.ok(d, text);
      assert.deepEqual((await fixes(uri, d)).map((a) => a.title), [], text);
    }
    const repeat = job('        platform:\n          - linux/amd64\n          - &again linux/amd64\n');
    const { uri, diagnostics } = await open('.github/workflows/go.yml', 'yaml', repeat);
    assert.deepEqual(diagnostics.map((d) => d.code), ['duplicate-platform']);
    assert.deepEqual(await client.codeActions(uri, diagnostics[0].range, [], ['source.fixAll.k8s-platforms']), []);
  });
});

describe('respelling an alias whose platform the list names again (QA 145 N4)', () => {
  const step = (list: string) => `jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          platforms: ${list}\n`;
  it('the preferred fix of the alias respells it and removes the repeat after it: no duplicate is left', async () => {
    const text = step('linux/aarch64,linux/amd64,linux/arm64');
    assert.deepEqual(await codesOf('.github/workflows/a.yml', 'yaml', text), ['non-canonical-platform', 'duplicate-platform']);
    const after = await fixed('.github/workflows/a.yml', 'yaml', text, 'non-canonical-platform', 'linux/aarch64');
    assert.equal(after, step('linux/arm64,linux/amd64'));
    assert.deepEqual(await codesOf('.github/workflows/a.yml', 'yaml', after), []);
  });
  it('every later repeat goes with it, in one edit that leaves a clean list (QA 147 N1)', async () => {
    for (const [list, clean] of [
      ['linux/aarch64,linux/arm64,linux/arm64', 'linux/arm64'],
      ['linux/aarch64,linux/amd64,linux/arm64,linux/s390x,linux/arm64/v8', 'linux/arm64,linux/amd64,linux/s390x'],
      ['linux/aarch64, linux/arm64, linux/amd64, linux/arm64', 'linux/arm64, linux/amd64'],
    ]) {
      const after = await fixed('.github/workflows/a.yml', 'yaml', step(list), 'non-canonical-platform', 'linux/aarch64');
      assert.equal(after, step(clean), list);
      assert.deepEqual(await codesOf('.github/workflows/a.yml', 'yaml', after), [], list);
    }
  });
  it('with the canonical one first, the alias is the repeat and goes', async () => {
    assert.equal(await fixed('.github/workflows/a.yml', 'yaml', step('linux/arm64,linux/amd64,linux/aarch64'), 'non-canonical-platform', 'linux/aarch64'), step('linux/arm64,linux/amd64'));
  });
  it('an alias named once is respelled alone', async () => {
    assert.equal(await fixed('.github/workflows/a.yml', 'yaml', step('linux/aarch64,linux/amd64'), 'non-canonical-platform', 'linux/aarch64'), step('linux/arm64,linux/amd64'));
  });
});

describe('an arch written with its variant (arm/v7) where a --platform reads it', () => {
  it('the fix removes the whole word from the loop, and a hover inside its variant names linux/arm/v7', async () => {
    const text = 'for a in amd64 arm/v7 arm64; do\n  docker buildx build --platform "linux/${a}" .\ndone\n';
    assert.equal(await fixed('hack/images.sh', 'shellscript', text, 'removed-platform', 'arm/v7'), 'for a in amd64 arm64; do\n  docker buildx build --platform "linux/${a}" .\ndone\n');
    const { uri } = await open('hack/images.sh', 'shellscript', text);
    const hover = await client.hover(uri, positionOf(text, 'v7', 1));
    const md = (hover?.contents as { value: string }).value;
    assert.match(md, /^\*\*linux\/arm\/v7\*\*.*removed/);
    assert.deepEqual(hover?.range, { start: { line: 0, character: 15 }, end: { line: 0, character: 21 } });
  });

  it('two variants of one arch are no repeat: no finding, so no fix removes amd64/v3', async () => {
    assert.deepEqual(await codesOf('hack/v.sh', 'shellscript', 'for a in amd64/v2 amd64/v3; do docker buildx build --platform linux/$a .; done\n'), []);
  });
});

describe('quick fixes for a range when the client sends no diagnostics (QA 284 B2)', () => {
  it('are those of the findings the range touches; a diagnostic sent that is not current gets none', async () => {
    const text = 'FROM --platform=linux/amd46 golang\nRUN echo ok\n';
    const { uri, diagnostics } = await open('range/Dockerfile', 'dockerfile', text);
    const [d] = diagnostics;
    assert.equal(d.code, 'unknown-platform');
    // The LSP computes code actions for the range; the diagnostics are a hint.
    const byRange = await client.codeActions(uri, { start: positionOf(text, 'amd46', 1), end: positionOf(text, 'amd46', 1) }, [], ['quickfix']);
    assert.deepEqual(byRange.map((a) => a.title), (await fixes(uri, d)).map((a) => a.title));
    assert.ok(byRange.length > 0 && byRange[0].title.startsWith('Replace with linux/amd64'), JSON.stringify(byRange.map((a) => a.title)));
    assert.equal(byRange[0].diagnostics?.[0]?.code, 'unknown-platform');
    // Nothing there: nothing.
    assert.deepEqual(await client.codeActions(uri, { start: { line: 1, character: 5 }, end: { line: 1, character: 5 } }, [], ['quickfix']), []);
    // A diagnostic of another version (a range that is no finding now) is not replaced by the range's findings.
    const stale = { ...d, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } } };
    assert.deepEqual(await client.codeActions(uri, d.range, [stale], ['quickfix']), []);
  });
});

describe('a fix or a completion that writes a name YAML reads as a number (QA 298 B1)', () => {
  it('writes it quoted where it is a whole plain value, as written elsewhere', async () => {
    const pod = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: build\n      env:\n        - name: GOARCH\n          value: i386\n';
    assert.equal(await fixed('k8s/pod.yaml', 'yaml', pod, 'unknown-platform', 'i386'), pod.replace('value: i386', 'value: "386"'));
    const matrix = 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        goos: [linux]\n        goarch: [amd64, i386]\n';
    assert.equal(await fixed('.github/workflows/m.yml', 'yaml', matrix, 'unknown-platform', 'i386'), matrix.replace('i386]', '"386"]'));
    // (Quoted already, or a word of a script: as it is.)
    const quoted = pod.replace('value: i386', 'value: "i386"');
    assert.equal(await fixed('k8s/pod2.yaml', 'yaml', quoted, 'unknown-platform', 'i386'), pod.replace('value: i386', 'value: "386"'));
    const script = 'build:\n  script:\n    - GOOS=linux GOARCH=i386 go build\n';
    assert.equal(await fixed('.gitlab-ci.yml', 'yaml', script, 'unknown-platform', 'i386'), script.replace('i386', '386'));
  });
  it('completion of an env value offers 386 written "386"', async () => {
    const text = 'spec:\n  containers:\n    - env:\n        - name: GOOS\n          value: linux\n        - name: GOARCH\n          value: 3';
    const uri = `${base}/${++n}/k8s/pod.yaml`;
    client.open(uri, 'yaml', text, 1);
    await client.diagnosticsFor(uri, 1);
    const items = await client.completion(uri, { line: 6, character: 18 });
    const item = items.find((i) => i.label === '386');
    assert.ok(item, JSON.stringify(items.map((i) => i.label)));
    assert.equal(item.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : undefined, '"386"');
  });
});

describe('a whole platform assigned to GOOS or GOARCH (QA 298 B2)', () => {
  it('its fix sets both halves where a second assignment may follow, as the message says', async () => {
    assert.equal(await fixed('b.sh', 'shellscript', 'GOOS=linux/arm64 go build ./...\n', 'unknown-platform', 'linux/arm64'), 'GOOS=linux GOARCH=arm64 go build ./...\n');
    assert.equal(await fixed('c.sh', 'shellscript', 'GOARCH=windows/386 go build ./...\n', 'unknown-platform', 'windows/386'), 'GOARCH=386 GOOS=windows go build ./...\n');
    assert.equal(await fixed('d/Makefile', 'makefile', 'GOOS ?= linux/arm64\n', 'unknown-platform', 'linux/arm64'), 'GOOS ?= linux\n');
  });
});
