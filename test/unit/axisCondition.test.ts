/**
 * A step's `if:` as it restricts a matrix os axis (see yaml.ts, axisCondition): which of the
 * axis's values the arches the step writes are built for.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axisCondition, runsFor, type StepWhen } from '../../server/src/scanners/yaml';
import { lintText } from '../../server/src/lint';
import { builtinModel } from '../../server/src/model/load';

const AXIS = ['linux', 'darwin', 'windows', 'freebsd'];
/** The axis's values a condition runs a step for (all of them: no restriction). */
function values(condition: string): string[] {
  const when: StepWhen | undefined = axisCondition(condition, 'goos');
  return AXIS.filter((v) => runsFor(when, v));
}

describe('a step condition over a matrix axis', () => {
  it('reads equalities and inequalities, either way round, in any case', () => {
    assert.deepEqual(values("matrix.goos == 'linux'"), ['linux']);
    assert.deepEqual(values("${{ 'Darwin' == matrix.goos }}"), ['darwin']);
    assert.deepEqual(values('"matrix.GOOS != \'windows\'"'), ['linux', 'darwin', 'freebsd']);
    assert.deepEqual(values("matrix.goos == 'linux' || matrix.goos == \"freebsd\""), ['linux', 'freebsd']);
  });

  it('reads || over && as GitHub does, and calls and groups that do not name the axis as true', () => {
    assert.deepEqual(values("${{ matrix.goos != 'linux' && github.event_name == 'push' }}"), ['darwin', 'windows', 'freebsd']);
    assert.deepEqual(values("matrix.goos != 'linux' && matrix.goos != 'darwin'"), ['windows', 'freebsd']);
    assert.deepEqual(values("matrix.goos == 'linux' && matrix.goos == 'darwin'"), []);
    assert.deepEqual(values("${{ !cancelled() && success() && matrix.goos == 'linux' && startsWith(github.ref, 'refs/tags/') }}"), ['linux']);
    assert.deepEqual(values("always() && (github.event_name == 'push' || inputs.all) && matrix.goos == 'darwin'"), ['darwin']);
    assert.deepEqual(values("matrix.goos == 'darwin' && github.ref == 'refs/heads/(x)'"), ['darwin']);
    assert.deepEqual(values("matrix.goos == 'darwin' && github.event_name == 'push' || matrix.goos == 'freebsd'"), ['darwin', 'freebsd']);
  });

  it('runs for every value where `${{ }}` holds part of the condition: GitHub reads it as a string (QA 259)', () => {
    assert.equal(axisCondition("${{ matrix.goos != 'darwin' }} && success()", 'goos'), undefined);
    assert.equal(axisCondition("${{ matrix.goos == 'linux' }} || ${{ github.event_name == 'push' }}", 'goos'), undefined);
    assert.deepEqual(values("${{ matrix.goos == '${{' }}"), []);
  });

  it('runs for every value where a disjunct does not name the axis, or the condition does not', () => {
    assert.equal(axisCondition("runner.os == 'Linux'", 'goos'), undefined);
    assert.equal(axisCondition("matrix.goos_version == '1'", 'goos'), undefined);
    assert.equal(axisCondition("matrix.goos == 'darwin' && github.event_name == 'push' || github.event_name == 'workflow_dispatch'", 'goos'), undefined);
    assert.equal(axisCondition("matrix.goos == 'linux' || runner.os == 'Linux'", 'goos'), undefined);
  });

  it('reads negations and parentheses, however deep, as GitHub does (QA 256 P5)', () => {
    assert.deepEqual(values("(matrix.goos == 'darwin')"), ['darwin']);
    assert.deepEqual(values("${{ ((matrix.goos != 'windows')) }}"), ['linux', 'darwin', 'freebsd']);
    assert.deepEqual(values("!(matrix.goos == 'linux')"), ['darwin', 'windows', 'freebsd']);
    assert.deepEqual(values("(matrix.goos == 'linux' || matrix.goos == 'darwin') && always()"), ['linux', 'darwin']);
    assert.deepEqual(values("!(matrix.goos == 'linux' || matrix.goos == 'darwin') && github.event_name == 'push'"), ['windows', 'freebsd']);
    assert.deepEqual(values("!success() && (matrix.goos == 'freebsd' || (github.ref == 'x' && matrix.goos == 'linux'))"), ['linux', 'freebsd']);
    // (Either way, where the rest may be true: every value.)
    assert.equal(axisCondition("matrix.goos != 'linux' || success()", 'goos'), undefined);
    assert.equal(axisCondition("!(matrix.goos == 'linux' && github.event_name == 'push')", 'goos'), undefined);
    assert.deepEqual(values(`${'('.repeat(40)}matrix.goos == 'linux'${')'.repeat(40)}`), ['linux']);
  });

  it('reads numbers, indexes and quoted scalars beside the axis, and the axis indexed by name (QA 258 N1, N4, N5)', () => {
    assert.deepEqual(values("matrix.goos == 'darwin' && github.run_attempt != 10"), ['darwin']);
    assert.deepEqual(values("matrix.goos == 'darwin' && (inputs.retries > 1.5 || inputs.level == -1 || inputs.mask == 0x1F)"), ['darwin']);
    assert.deepEqual(values("github.event.commits[0].message != 'skip' && matrix.goos == 'linux'"), ['linux']);
    assert.deepEqual(values("'(matrix.goos == ''darwin'')'"), ['darwin']);
    assert.deepEqual(values("matrix['goos'] == 'linux'"), ['linux']);
    assert.deepEqual(values('${{ matrix["GOOS"] != \'linux\' }}'), ['darwin', 'windows', 'freebsd']);
  });

  it('runs for no value where the condition names the axis in another way, or is no expression', () => {
    assert.deepEqual(values("contains(matrix.goos, 'lin')"), []);
    assert.deepEqual(values("contains(fromJSON('[\"linux\"]'), matrix.goos)"), []);
    assert.deepEqual(values('matrix.goos'), []);
    assert.deepEqual(values("!matrix.goos && success()"), []);
    assert.deepEqual(values('matrix.goos == matrix.other'), []);
    assert.deepEqual(values('matrix.goos == 1'), []);
    assert.deepEqual(values("matrix.goos < 'm'"), []);
    assert.deepEqual(values("(matrix.goos == 'linux'"), []);
    assert.deepEqual(values("matrix.goos == 'linux')"), []);
    assert.deepEqual(values("matrix.goos == 'linux' &&"), []);
    // (Deeper than any condition is written: not read.)
    assert.deepEqual(values(`${'('.repeat(100)}matrix.goos == 'linux'${')'.repeat(100)}`), []);
    assert.deepEqual(values(`${'!'.repeat(100_000)}(matrix.goos == 'linux')`), []);
  });
});

describe('the pairs a matrix os axis makes with a step arch', () => {
  const settings = { requiredTier: 3 as const, severity: {} };
  const workflow = (step: string) =>
    `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      GOOS: \${{ matrix.goos }}\n    strategy:\n      matrix:\n        goos: [linux, darwin]\n    steps:\n${step}`;

  it('are said at the arch, with the arches of the os it does not build for to write instead (the quick fix)', () => {
    const text = workflow("      - run: GOARCH=386 go build ./...\n");
    const findings = lintText(text, 'github-workflow', builtinModel(), settings);
    assert.deepEqual(findings.map((f) => [f.code, text.slice(f.start, f.end)]), [['unknown-platform', '386']]);
    assert.deepEqual(findings[0].data.replacements, ['amd64', 'arm64']);
  });

  it('are made from a flow env of many keys, its GOOS far along the line (QA 256 P6)', () => {
    const keys = Array.from({ length: 8 }, (_, i) => `KEY_${i}: value-${i}`).join(', ');
    const text = `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        goos: [linux, darwin]\n    steps:\n      - env: {${keys}, GOOS: "\${{ matrix.goos }}", GOARCH: "386"}\n        run: go build ./...\n`;
    const findings = lintText(text, 'github-workflow', builtinModel(), settings);
    assert.deepEqual(findings.map((f) => [f.code, text.slice(f.start, f.end)]), [['unknown-platform', '386']]);
  });

  it('are made from the axis named in another case or indexed by name, as GitHub reads `matrix.GOOS` and `matrix[\'goos\']` (QA 259 B2)', () => {
    const axis = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        goos: [linux, darwin]\n    steps:\n';
    for (const step of [
      '      - run: GOOS=${{ matrix.GOOS }} GOARCH=386 go build ./...\n',
      '      - env:\n          GOOS: ${{ matrix.Goos }}\n          GOARCH: "386"\n        run: go build ./...\n',
      "      - env:\n          GOOS: ${{ matrix['goos'] }}\n          GOARCH: \"386\"\n        run: go build ./...\n",
      '      - run: GOOS=${{ matrix["goos"] }} GOARCH=386 go build ./...\n',
    ]) {
      const text = axis + step;
      const findings = lintText(text, 'github-workflow', builtinModel(), settings);
      assert.deepEqual(findings.map((f) => [f.code, text.slice(f.start, f.end)]), [['unknown-platform', '386']], step);
      assert.match(findings[0].message, /darwin\/386/);
    }
  });

  it('are made through an alias of an anchored env that gives GOOS the axis: another step\'s, another job\'s (QA 259 B3)', () => {
    const head = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        goos: [linux, darwin]\n    steps:\n';
    const steps = head + '      - env: &e\n          GOOS: ${{ matrix.goos }}\n        run: GOARCH=arm64 go build ./...\n      - env: *e\n        run: GOARCH=s390x go build ./...\n';
    const findings = lintText(steps, 'github-workflow', builtinModel(), settings);
    assert.deepEqual(findings.map((f) => [f.code, steps.slice(f.start, f.end), f.start]), [['unknown-platform', 's390x', steps.indexOf('s390x')]]);
    assert.match(findings[0].message, /darwin\/s390x/);
    // Another job's env, aliased as this job's: its own matrix's values, with its own steps' arches.
    const jobs = head.replace('goos: [linux, darwin]', 'goos: [linux]').replace('    steps:\n', '    env: &goenv\n      GOOS: ${{ matrix.goos }}\n      CGO_ENABLED: "0"\n    steps:\n      - run: GOARCH=s390x go build ./...\n') + '  b:\n    runs-on: windows-latest\n    strategy:\n      matrix:\n        goos: [windows]\n    env: *goenv\n    steps:\n      - run: GOARCH=s390x go build ./...\n';
    const said = lintText(jobs, 'github-workflow', builtinModel(), settings);
    assert.deepEqual(said.map((f) => [f.code, jobs.slice(f.start, f.end), f.start]), [['unknown-platform', 's390x', jobs.lastIndexOf('s390x')]]);
    assert.match(said[0].message, /windows\/s390x/);
    // The anchored map's own GOARCH pairs with the aliasing job's axis, said where it is written.
    const own = jobs.replace('      CGO_ENABLED: "0"\n', '      GOARCH: "386"\n').replace(/      - run: GOARCH=s390x go build \.\/\.\.\.\n/g, '      - run: go build ./...\n').replace('goos: [windows]', 'goos: [darwin]');
    assert.deepEqual(lintText(own, 'github-workflow', builtinModel(), settings).map((f) => [f.code, own.slice(f.start, f.end)]), [['unknown-platform', '386']]);
    // An alias of an env with a written GOOS is that os, no axis: linux/s390x is valid.
    const written = steps.replace('GOOS: ${{ matrix.goos }}', 'GOOS: linux');
    assert.deepEqual(lintText(written, 'github-workflow', builtinModel(), settings), []);
  });

  it('are made with an os an include entry adds, a job of its own (QA 259)', () => {
    const text = workflow('      - run: GOARCH=386 go build ./...\n').replace('goos: [linux, darwin]', 'goos: [linux, windows]\n        include:\n          - goos: darwin');
    const findings = lintText(text, 'github-workflow', builtinModel(), settings);
    assert.deepEqual(findings.map((f) => [f.code, text.slice(f.start, f.end)]), [['unknown-platform', '386']]);
    assert.match(findings[0].message, /darwin\/386/);
  });

  it('are made with an os the exclude entries leave out and an include entry adds back, as GitHub applies include last (QA 259 B1)', () => {
    const text = workflow('      - run: GOARCH=s390x go build ./...\n').replace('goos: [linux, darwin]', 'goos: [linux, windows]\n        exclude:\n          - goos: windows\n        include:\n          - goos: windows\n            experimental: true');
    const findings = lintText(text, 'github-workflow', builtinModel(), settings);
    assert.deepEqual(findings.map((f) => [f.code, text.slice(f.start, f.end)]), [['unknown-platform', 's390x']]);
    assert.match(findings[0].message, /windows\/s390x/);
    // Without the include entry, windows is left out: nothing.
    assert.deepEqual(lintText(text.replace(/        include:[^]*?experimental: true\n/, ''), 'github-workflow', builtinModel(), settings), []);
  });

  it('follow the step condition', () => {
    const linuxOnly = workflow("      - if: matrix.goos == 'linux'\n        run: GOARCH=386 go build ./...\n");
    assert.deepEqual(lintText(linuxOnly, 'github-workflow', builtinModel(), settings), []);
    // In parentheses too (QA 256 P5: the step's pairs were dropped, darwin/386 unsaid).
    const darwinOnly = workflow("      - if: (matrix.goos == 'darwin')\n        run: GOARCH=386 go build ./...\n");
    const findings = lintText(darwinOnly, 'github-workflow', builtinModel(), settings);
    assert.deepEqual(findings.map((f) => [f.code, darwinOnly.slice(f.start, f.end)]), [['unknown-platform', '386']]);
    assert.match(findings[0].message, /darwin\/386/);
    // (`${{ }}` around part of it: GitHub runs the step for every value.)
    const always = workflow("      - if: \${{ matrix.goos == 'linux' }} && success()\n        run: GOARCH=386 go build ./...\n");
    assert.deepEqual(lintText(always, 'github-workflow', builtinModel(), settings).map((f) => always.slice(f.start, f.end)), ['386']);
  });

  it('follow a block scalar condition: `|-` is the expression, `|` and `>` keep a line break after `${{ }}`, a string to GitHub (QA 259 B4)', () => {
    const block = (indicator: string, body: string) => workflow(`      - if: ${indicator}\n          ${body}\n        run: GOARCH=386 go build ./...\n`);
    const said = (text: string) => lintText(text, 'github-workflow', builtinModel(), settings).map((f) => text.slice(f.start, f.end));
    assert.deepEqual(said(block('|-', "\${{ matrix.goos == 'linux' }}")), []);
    assert.deepEqual(said(block('>-', "\${{ matrix.goos == 'linux' }}")), []);
    assert.deepEqual(said(block('|', "\${{ matrix.goos == 'linux' }}")), ['386']);
    assert.deepEqual(said(block('>', "\${{ matrix.goos == 'linux' }}")), ['386']);
    // (No `${{ }}`: the whole text is the expression, its line break whitespace.)
    assert.deepEqual(said(block('|', "matrix.goos == 'linux'")), []);
  });
});
