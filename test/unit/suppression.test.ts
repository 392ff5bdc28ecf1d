import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CODES, type Code } from '../../server/src/rules/finding';
import { findSuppressions, isSuppressed, type Suppression } from '../../server/src/rules/suppression';
import { editDistance } from '../../server/src/platform/distance';
import { lintText } from '../../server/src/lint';
import { builtinModel } from '../../server/src/model/load';

/**
 * The straightforward reading of the rule, as it was written before it was made linear: every
 * mark read on its own, every stack of comments walked again for each comment in it.
 */
function reference(text: string): Suppression[] {
  const MARK = 'k8s-platforms-ignore';
  const lineEndAt = (from: number) => {
    const e = text.indexOf('\n', from);
    return e < 0 ? text.length : e;
  };
  const out: Suppression[] = [];
  for (let i = text.indexOf(MARK); i >= 0; i = text.indexOf(MARK, i + MARK.length)) {
    const lineStart = text.lastIndexOf('\n', i - 1) + 1;
    const before = text.slice(lineStart, i);
    const hash = before.lastIndexOf('#');
    if (hash < 0 || !/^[ \t]*$/.test(before.slice(hash + 1))) continue;
    const lineEnd = lineEndAt(i);
    const rest = text.slice(i + MARK.length, lineEnd);
    if (rest !== '' && !/^[\s:,]/.test(rest)) continue;
    const words = rest.split(/[\s,]+/).map((w) => w.replace(/^[:(]+|[:;.)]+$/g, ''));
    const listed = words.filter((w): w is Code => (CODES as readonly string[]).includes(w));
    const misspelled = words.some((w) => (w !== MARK && /^[a-z0-9]+(?:-[a-z0-9]+){2,}$/.test(w)) || (w.length >= 4 && w.includes('-') && CODES.some((c) => c.startsWith(w))) || (w.length >= 8 && w.includes('-') && CODES.some((c) => Math.abs(c.length - w.length) <= 3 && editDistance(w, c) <= 3)));
    const codes: Set<Code> | 'all' = listed.length === 0 && !misspelled ? 'all' : new Set(listed);
    // On a line of its own: blanks, a recipe's `@` or `-`, more `#` before it.
    if (!/^\s*(?:[@+-]+\s*)?#*$/.test(before.slice(0, hash))) {
      out.push({ start: lineStart, end: lineEnd, codes });
      continue;
    }
    let next = lineEnd + 1;
    while (next < text.length) {
      const e = lineEndAt(next);
      if (!/^\s*(?:[@+-]+\s*)?#.*k8s-platforms-ignore/.test(text.slice(next, e))) break;
      next = e + 1;
    }
    if (next <= text.length) out.push({ start: next, end: lineEndAt(next), codes });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** What a list of suppressions silences, per offset and code: the behaviour, not the list's shape. */
function silenced(text: string, list: Suppression[]): string[] {
  const out: string[] = [];
  for (let o = 0; o <= text.length; o++) for (const c of CODES) if (isSuppressed(list, o, c)) out.push(`${o}:${c}`);
  return out;
}

describe('suppression comments', () => {
  it('silence what the straightforward reading silences, on random texts made of comment pieces', () => {
    const piece = fc.constantFrom('# k8s-platforms-ignore', '#k8s-platforms-ignore', '# k8s-platforms-ignore removed-platform', ' # k8s-platforms-ignore: duplicate-platform,unknown-platform', '# k8s-platforms-ignored', '# see k8s-platforms-ignore', 'x: linux/arm', '  ', '\t', '\n', '\r\n', '#', ' removed-platform', ' removed-platfrom', ' no-such-code', ' built-in', 'a # b', 'GOARCH=arm', ' \\', '\t@', '-', '##', ' \\\r\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        assert.deepEqual(silenced(text, findSuppressions(text)), silenced(text, reference(text)));
      }),
      { numRuns: 2000 },
    );
  });

  it('a stack of comments silences the line after it, with each comment’s codes', () => {
    const text = '# k8s-platforms-ignore removed-platform\n# k8s-platforms-ignore duplicate-platform\nplatforms: linux/arm\nnext: 1\n';
    const list = findSuppressions(text);
    const line = text.indexOf('platforms:');
    assert.ok(isSuppressed(list, line + 11, 'removed-platform'));
    assert.ok(isSuppressed(list, line + 11, 'duplicate-platform'));
    assert.ok(!isSuppressed(list, line + 11, 'unknown-platform'));
    assert.ok(!isSuppressed(list, text.indexOf('next'), 'removed-platform'));
  });

  it('a misspelled code, or one typed as far as its first hyphen, silences nothing; prose after the mark silences every code', () => {
    const typo = 'x: linux/arm # k8s-platforms-ignore removed-platfrom\n';
    assert.ok(!isSuppressed(findSuppressions(typo), 3, 'removed-platform'));
    assert.ok(!isSuppressed(findSuppressions(typo), 3, 'unknown-platform'));
    const both = 'x: linux/arm # k8s-platforms-ignore removed-platfrom, duplicate-platform\n';
    assert.ok(isSuppressed(findSuppressions(both), 3, 'duplicate-platform'));
    assert.ok(!isSuppressed(findSuppressions(both), 3, 'removed-platform'));
    const unknown = 'x: linux/arm # k8s-platforms-ignore no-such-code\n';
    assert.ok(!isSuppressed(findSuppressions(unknown), 3, 'removed-platform'));
    // A code being typed: past its first hyphen it names a code to come, not every code.
    const typing = 'x: linux/arm,linux/amd64,linux/amd64 # k8s-platforms-ignore removed-pl\n';
    assert.ok(!isSuppressed(findSuppressions(typing), 3, 'duplicate-platform'));
    const prose = 'x: linux/arm # k8s-platforms-ignore: upstream still builds it with a built-in list\n';
    assert.ok(isSuppressed(findSuppressions(prose), 3, 'removed-platform'));
  });

  it('one line of 50,000 marks, and 100,000 stacked comment lines, are read in linear time', () => {
    // Each used to cost time in the square of its size (32,000 stacked lines: 38 s).
    const oneLine = 'x: 1 # k8s-platforms-ignore '.repeat(50_000);
    const t0 = performance.now();
    assert.equal(findSuppressions(oneLine).length, 1);
    const stacked = '# k8s-platforms-ignore\n'.repeat(100_000) + 'GOARCH=arm\n';
    const list = findSuppressions(stacked);
    const ms = performance.now() - t0;
    assert.equal(list.length, 100_000);
    const target = stacked.indexOf('GOARCH');
    assert.ok(list.every((s) => s.start === target));
    assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
  });
});

describe('a suppression comment with a reason after its code', () => {
  it('silences the code however it is punctuated: `removed-platform: reason`, `(removed-platform)` (QA 261)', () => {
    const text = (comment: string) => `platforms: linux/arm/v7,linux/riscv64 # k8s-platforms-ignore ${comment}\n`;
    const codes = (t: string) => lintText(t, 'yaml', builtinModel(), { requiredTier: 3, severity: {} }).map((f) => f.code);
    assert.deepEqual(codes(text('')), []);
    for (const comment of ['removed-platform', 'removed-platform: legacy gateways still run it', '(removed-platform)', 'removed-platform; see #12', 'removed-platform.']) {
      assert.deepEqual(codes(text(comment)), ['unsupported-platform'], comment);
    }
  });
});

describe('a comment that silences one code of a cross product value that says several', () => {
  const text = (codes: string) => `on: push\njobs:\n  b:\n    strategy:\n      matrix:\n        goos: [linux, darwin]\n        # k8s-platforms-ignore${codes}\n        goarch: [amd64, arm]\n    runs-on: ubuntu-latest\n`;
  const said = (t: string) => lintText(t, 'github-workflow', builtinModel(), { requiredTier: 3, severity: {} }).map((f) => `${f.code} ${f.message.replace(/ \((?!a port Go).*/, '')}`);
  it('leaves the other (darwin/arm beside a silenced linux/arm), and says only what is not silenced', () => {
    assert.deepEqual(said(text('')), []);
    assert.deepEqual(said(text(' removed-platform')), ['unknown-platform darwin/arm is not a valid Go platform (a port Go removed in Go 1.15), and this matrix builds it']);
    const unknown = lintText(text(' unknown-platform'), 'github-workflow', builtinModel(), { requiredTier: 3, severity: {} });
    assert.deepEqual(unknown.map((f) => f.code), ['removed-platform']);
    assert.doesNotMatch(unknown[0].message, /darwin/);
    // (Nothing silenced: one finding that says both.)
    assert.match(said(text('-not'))[0], /^removed-platform linux\/arm was removed/);
    assert.match(lintText(text('-not'), 'github-workflow', builtinModel(), { requiredTier: 3, severity: {} })[0].message, /darwin\/arm is not a valid Go platform/);
  });
});
