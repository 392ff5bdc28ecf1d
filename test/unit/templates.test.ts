// Templated values are never reported (PRODUCT.md §4): the placeholders of the template languages
// CI files are written in, beside the literal platforms and typos next to them, which still are.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintText, type FileKind } from '../../server/src/lint';
import { builtinModel } from '../../server/src/model/load';
import { maskTemplates } from '../../server/src/scanners/template';

const settings = { requiredTier: 3 as const, severity: {} };

function found(text: string, kind: FileKind): string[] {
  return lintText(text, kind, builtinModel(), settings).map((f) => `${f.code} ${text.slice(f.start, f.end)}`);
}

const PLACEHOLDERS: [string, string][] = [
  ['Concourse', '((target_arch))'],
  ['Concourse, a credential manager', '((vault:build.arch))'],
  ['Concourse, a local var', '((.:arch))'],
  ['Azure runtime expression', '$[variables.arch]'],
  ['Azure runtime expression with brackets', "$[ variables['target.arch'] ]"],
  ['Jinja statement', '{% if arm %}arm64{% else %}amd64{% endif %}'],
  ['ERB', '<%= arch %>'],
  ['Ruby interpolation', '#{arch}'],
  ['autoconf', '@GOARCH@'],
  ['batch, Azure classic', '%ARCH%'],
  ['angle placeholder', '<arch>'],
  ['double-underscore placeholder', '__ARCH__'],
];

describe('placeholders of template languages', () => {
  for (const [name, value] of PLACEHOLDERS) {
    it(`${name}: ${value} as a GOARCH value is not reported`, () => {
      assert.deepEqual(found(`env:\n  GOOS: linux\n  GOARCH: "${value}"\n`, 'yaml'), []);
      assert.deepEqual(found(`build:\n\tGOOS=linux GOARCH='${value}' go build ./...\n`, 'makefile'), []);
    });
  }

  it('an upper-case word that is no Go name in any case is a placeholder; a name in upper case is still reported', () => {
    assert.deepEqual(found('platforms: linux/ARCH,OS/ARCH,linux_TARGET,linux/TODO\n', 'yaml'), []);
    assert.deepEqual(found('env:\n  GOOS: linux\n  GOARCH: XXX\n', 'yaml'), []);
    // As if templated: the partner of a placeholder is judged alone, as with GOOS=$(OS).
    assert.deepEqual(found('build:\n\tGOOS=OS GOARCH=riscv64 go build\n', 'makefile'), ['unsupported-platform riscv64']);
    assert.deepEqual(found('build:\n\tGOOS=LINUX GOARCH=amd64 go build\n', 'makefile'), ['unknown-platform LINUX']);
    assert.deepEqual(found('platforms: linux/AMD64,linux/ARM\n', 'yaml'), ['non-canonical-platform linux/AMD64', 'removed-platform linux/ARM']);
  });

  it('the literal parts beside a placeholder are still checked', () => {
    assert.deepEqual(found('platforms: linux/amd64,((extra_platform)),linux/arm/v7\n', 'yaml'), ['removed-platform linux/arm/v7']);
    assert.deepEqual(found('platforms: $[variables.base],linux/riscv64\n', 'yaml'), ['unsupported-platform linux/riscv64']);
    assert.deepEqual(found('env:\n  GOOS: "{# host #}linux"\n  GOARCH: amd46\n', 'yaml'), ['unknown-platform amd46']);
  });

  it('shell arithmetic, redirections, make pattern rules and mail addresses are left as they were', () => {
    assert.deepEqual(found('(( n++ )); GOOS=linux GOARCH=arm go build <main.go >out\n', 'shell'), ['removed-platform arm']);
    assert.deepEqual(found('%.o: %.c\n\tGOOS=linux GOARCH=arm go build # by me@example.com\n', 'makefile'), ['removed-platform arm']);
    assert.deepEqual(found('PLATFORMS ?= linux/amd64 %EXTRA% @MORE@ linux/arm # ops@example.com\n', 'makefile'), ['removed-platform linux/arm']);
  });

  it('masking keeps every offset: the result is as long as the region, lines where they were', () => {
    const piece = fc.constantFrom('((a))', '((', '))', '$[', ']', '[', '{%', '%}', '{#', '#}', '<%', '%>', '#{', '}', '@A@', '@', '%A%', '%', '<a>', '<', '>', '${', '$(', '{{', '}}', 'linux/arm', ' ', '\n', 'x');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.constantFrom<'shell' | 'make'>('shell', 'make'), (parts, mode) => {
        const text = parts.join('');
        const masked = maskTemplates(text, 0, text.length, mode);
        assert.equal(masked.length, text.length);
        for (let i = 0; i < text.length; i++) assert.equal(masked[i] === '\n', text[i] === '\n', `newline at ${i}`);
      }),
      { numRuns: 500 },
    );
  });
});

describe('a whole platform where GOOS or GOARCH wants a name', () => {
  it('a Tekton param named GOARCH holds platforms: judged as platforms, typos with suggestions', () => {
    const text = 'spec:\n  params:\n    - name: GOARCH\n      value: [linux/amd64, linux/arm, linux/amd46]\n';
    assert.deepEqual(found(text, 'yaml'), ['removed-platform linux/arm', 'unknown-platform linux/amd46']);
  });
  it("Go's own variable does not take one: GOARCH=linux/arm64 is reported, with the arch to write", () => {
    const fix = (text: string, kind: FileKind) => lintText(text, kind, builtinModel(), settings).map((f) => [f.code, f.message, f.data.replacements?.[0]]);
    assert.deepEqual(fix('build:\n\tGOOS=linux GOARCH=linux/arm64 go build\n', 'makefile'), [['unknown-platform', 'linux/arm64 is a platform, not a Go architecture (GOARCH); write arm64.', 'arm64']]);
    assert.deepEqual(fix('spec:\n  containers:\n    - env:\n        - name: GOARCH\n          value: linux/arm64\n', 'yaml'), [['unknown-platform', 'linux/arm64 is a platform, not a Go architecture (GOARCH); write arm64 (and GOOS=linux).', 'arm64']]);
    // (GOOS as well, where it said "check the spelling": QA 297 B2.)
    // (Its fix sets the other half too where a second assignment may follow the word, as the message says: QA 298 B2.)
    assert.deepEqual(fix('build:\n\tGOOS=linux/arm64 go build\n', 'makefile'), [['unknown-platform', 'linux/arm64 is a platform, not a Go operating system (GOOS); write linux (and GOARCH=arm64).', 'linux GOARCH=arm64']]);
    assert.deepEqual(fix('GOARCH=windows/386 go build\n', 'shell'), [['unknown-platform', 'windows/386 is a platform, not a Go architecture (GOARCH); write 386 (and GOOS=windows).', '386 GOOS=windows']]);
    assert.deepEqual(fix('GOOS ?= linux/arm64\n', 'makefile'), [['unknown-platform', 'linux/arm64 is a platform, not a Go operating system (GOOS); write linux (and GOARCH=arm64).', 'linux']]);
    assert.deepEqual(fix('env:\n  GOOS: linux/arm64\n', 'yaml'), [['unknown-platform', 'linux/arm64 is a platform, not a Go operating system (GOOS); write linux (and GOARCH=arm64).', 'linux']]);
    assert.deepEqual(fix('GOOS=linux/amd64 GOARCH=arm64 go build\n', 'shell'), [['unknown-platform', 'linux/amd64 is a platform, not a Go operating system (GOOS); write linux.', 'linux']]);
  });
});

describe('the literal default of an expansion', () => {
  it('a positional parameter has one too: ${1:-…} and ${2-…} are checked like ${PLATFORMS:-…}', () => {
    assert.deepEqual(found('PLATFORMS="${1:-linux/amd64,linux/arm/v7}"\nGOARCH="${2-arm}"\n', 'shell'), ['removed-platform linux/arm/v7', 'removed-platform arm']);
  });
  it("removing its item never takes the expansion's closing brace", () => {
    const text = 'PLATFORMS="${1:-linux/amd64,linux/arm/v7} linux/arm64"\n';
    const [f] = lintText(text, 'shell', builtinModel(), settings);
    const remove = f.data.remove;
    assert.ok(remove, 'removable');
    assert.equal(text.slice(0, remove.start) + text.slice(remove.end), 'PLATFORMS="${1:-linux/amd64} linux/arm64"\n');
  });
  it('a template that writes a template ({{ "{{ .version }}" }}) is masked to its outer }}', () => {
    assert.deepEqual(found('url: https://dl.k8s.io/release/{{ "{{ .version }}" }}/bin/linux/arm/kubelet\n', 'yaml'), ['removed-platform linux/arm', 'artifact-unavailable linux/arm']);
  });
});
