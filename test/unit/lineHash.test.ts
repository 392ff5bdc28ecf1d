import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lineHashes } from '../../server/src/lineHash';

/** Every line's hash, in line order. */
function all(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/).length;
  const got = lineHashes(text, new Set(Array.from({ length: lines }, (_, i) => i + 1)));
  return Array.from({ length: lines }, (_, i) => got.get(i + 1) ?? 'missing');
}

// The values github/codeql-action's own tests expect of upload-sarif's fingerprinting
// (src/fingerprints.test.ts): what it computes from the file must equal what the log says.
test('primaryLocationLineHash: the values upload-sarif computes', () => {
  assert.deepEqual(all(''), ['c129715d7a2bc9a3:1']);
  assert.deepEqual(all(' a\nb\n  \t\tc\n d'), ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1']);
  assert.deepEqual(all(' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End'), [
    '8b7cf3e952e7aeb2:1',
    'b1ae1287ec4718d9:1',
    'bff680108adb0fcc:1',
    'c6805c5e1288b612:1',
    'b86d3392aea1be30:1',
    'e6ceba753e1a442:1',
  ]);
  const ended = ['e9496ae3ebfced30:1', 'fb7c023a8b9ccb3f:1', 'ce8ba1a563dcdaca:1', 'e20e36e16fcb0cc8:1', 'b3edc88f2938467e:1', 'c8e28b0b4002a3a0:1', 'c129715d7a2bc9a3:1'];
  assert.deepEqual(all(' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n'), ended);
  assert.deepEqual(all(' hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r'), ended);
  assert.deepEqual(all(' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n'), ended);
  assert.deepEqual(all(' hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n'), ended);
  assert.deepEqual(all('Lorem ipsum dolor sit amet.\n'.repeat(10)), [
    'a7f2ff13bc495cf2:1',
    'a7f2ff13bc495cf2:2',
    'a7f2ff13bc495cf2:3',
    'a7f2ff13bc495cf2:4',
    'a7f2ff13bc495cf2:5',
    'a7f2ff13bc495cf2:6',
    'a7f2ff1481e87703:1',
    'a9cf91f7bbf1862b:1',
    '55ec222b86bcae53:1',
    'cc97dc7b1d7d8f7b:1',
    'c129715d7a2bc9a3:1',
  ]);
});

test('primaryLocationLineHash: a line keeps its hash when lines are added above it', () => {
  const body = 'FROM --platform=linux/arm/v7 golang:1.22\nRUN make\n';
  const before = lineHashes(body, new Set([1])).get(1);
  const after = lineHashes(`# a comment\n${body}`, new Set([2])).get(2);
  assert.ok(before);
  assert.equal(after, before);
  // Only the lines asked for are kept.
  assert.deepEqual([...lineHashes(body, new Set([2])).keys()], [2]);
});

/** A line's hash straight from its definition: the 100 characters from its start, as a base-37 number modulo 2^64. */
function definition(text: string, line: number): string {
  const chars: number[] = [];
  let afterCr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || (afterCr && c === 0x0a)) {
      afterCr = false;
      continue;
    }
    afterCr = c === 0x0d;
    chars.push(afterCr ? 0x0a : c);
  }
  chars.push(0xffff);
  let start = 0;
  for (let l = 1; l < line; l++) start = chars.indexOf(0x0a, start) + 1;
  let h = 0n;
  for (let k = 0; k < 100; k++) h = (h * 37n + BigInt(chars[start + k] ?? 0)) & ((1n << 64n) - 1n);
  return h.toString(16);
}

test('primaryLocationLineHash: each line hashes the 100 characters from its start (property)', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'é', '😀', ' ', '\t', '\n', '\r', '\r\n', 'linux/arm64', '\uffff', '\u0000'), maxLength: 300 });
  fc.assert(
    fc.property(text, (t) => {
      const lines = t.split(/\r\n|\r|\n/).length;
      const got = lineHashes(t, new Set(Array.from({ length: lines }, (_, i) => i + 1)));
      for (let l = 1; l <= lines; l++) assert.equal(got.get(l)?.split(':')[0], definition(t, l), `line ${l}`);
    }),
  );
});
