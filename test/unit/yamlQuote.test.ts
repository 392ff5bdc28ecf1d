import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { yamlScalarText } from '../../server/src/scanners/yamlQuote';

/** The name written over the first `i386` of `text`. */
const over = (text: string, name = '386') => {
  const at = text.indexOf('i386');
  return yamlScalarText(text, at, at + 4, name);
};

describe('a name written over a YAML plain scalar (QA 298 B1)', () => {
  it('is quoted where the span is a whole value and YAML would read the name as a number', () => {
    assert.equal(over('value: i386\n'), '"386"');
    assert.equal(over('- i386 # the arch\n'), '"386"');
    assert.equal(over('goarch: [amd64, i386]\n'), '"386"');
    assert.equal(over('env: {GOARCH: i386}\n'), '"386"');
    assert.equal(over('value: i386\r\n'), '"386"');
  });
  it('is left as it is inside a longer scalar, in quotes, or when it is no number', () => {
    assert.equal(over('run: GOARCH=i386 go build\n'), '386');
    assert.equal(over('x: a, i386\n'), '386');
    assert.equal(over('value: "i386"\n'), '386');
    assert.equal(over('value: i386\n', 'arm64'), 'arm64');
  });
  it('reads a bounded window of a long line: a flow list opened far before it is not seen, and nothing is read whole', () => {
    const far = `goarch: [${'amd64, '.repeat(100)}i386]\n`;
    assert.equal(over(far), '386');
    const near = `goarch: [amd64, i386, ${'amd64, '.repeat(100_000)}arm64]\n`;
    assert.equal(over(near), '"386"');
  });
});
