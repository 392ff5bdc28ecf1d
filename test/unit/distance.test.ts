import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { editDistance } from '../../server/src/platform/distance';

/** The textbook table, for comparison: optimal string alignment (edits and neighbour swaps). */
function reference(a0: string, b0: string): number {
  // By character: an emoji is one, as a user types it.
  const a = Array.from(a0);
  const b = Array.from(b0);
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

describe('editDistance', () => {
  it('counts edits and neighbour swaps', () => {
    assert.equal(editDistance('amd46', 'amd64'), 1);
    assert.equal(editDistance('lnux', 'linux'), 1);
    assert.equal(editDistance('s390x', 's390x'), 0);
    assert.equal(editDistance('arm', 'arm64'), 2);
    assert.equal(editDistance('', 'ppc64le'), 7, 'lengths far apart: the difference');
  });

  it('counts a character outside the BMP (two UTF-16 units) as one, as a BMP one is', () => {
    assert.equal(editDistance('\u{1F600}linux', 'linux'), 1);
    assert.equal(editDistance('\u{2000B}linux', 'linux'), editDistance('\u65E5linux', 'linux'));
    assert.equal(editDistance('lin\u{1F600}\u{1F600}x', 'linux'), 2);
    assert.equal(editDistance('a\u{1F600}b', 'a\u{1F601}b'), 1);
    assert.equal(editDistance('\uE000\u{1F600}', '\u{1F600}\uE000'), 1, 'a private-use character is no stand-in for one outside the BMP');
    assert.equal(editDistance('\uE000x', '\u{1F600}x'), 1);
  });

  it('equals the textbook table for names of similar length, and is the length difference beyond 3', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'r', 'm', '6', '4', 'x', 'l', 'i', '\u{1F600}', '\u{1F680}'), maxLength: 90 });
    fc.assert(
      fc.property(name, name, (a, b) => {
        const [n, m] = [Array.from(a).length, Array.from(b).length];
        const want = Math.abs(n - m) > 3 ? Math.abs(n - m) : reference(a, b);
        assert.equal(editDistance(a, b), want);
      }),
      { numRuns: 3000 },
    );
  });
});
