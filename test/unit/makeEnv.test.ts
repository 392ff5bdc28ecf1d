/**
 * A Makefile's recipes see the GOOS and GOARCH the whole file sets and exports (make reads every
 * line before it runs a recipe), also when the lines that set them come after the recipe, and also
 * in an editor, where each version is scanned with the blocks of the one before.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkCache, judge, lintText, scanText } from '../../server/src/lint';
import { builtinModel } from '../../server/src/model/load';
import type { LintSettings } from '../../server/src/rules/finding';

const MODEL = builtinModel();
const SETTINGS: LintSettings = { requiredTier: 3, severity: {} };

const RECIPES = `build-x86:
\tGOARCH=386 go build -o out/tool-386 ./cmd/tool

build-s390x:
\tGOARCH=s390x go build -o out/tool-s390x ./cmd/tool
`;

/** `LINE:COL CODE` of each finding, and the platform its message starts with. */
function shown(text: string, findings: ReturnType<typeof lintText>): string[] {
  return findings.map((f) => {
    const before = text.slice(0, f.start);
    const line = before.split('\n').length;
    return `${line}:${f.start - before.lastIndexOf('\n')} ${f.code} ${f.message.split(' ')[0]}`;
  });
}

function lint(text: string): string[] {
  return shown(text, lintText(text, 'makefile', MODEL, SETTINGS));
}

describe('a Makefile read whole', () => {
  it('applies an export below a recipe to it, and an unexport below one keeps GOOS from it', () => {
    assert.deepEqual(lint(`${RECIPES}\nexport GOOS := darwin\n`), ['2:9 unknown-platform darwin/386', '5:9 unknown-platform darwin/s390x']);
    assert.deepEqual(lint(`export GOOS := darwin\n\n${RECIPES}\nunexport GOOS\n`), []);
    // The value the file ends with, not the one above the recipe.
    assert.deepEqual(lint(`export GOOS := linux\n\n${RECIPES}\nGOOS := windows\n`), ['7:9 unknown-platform windows/s390x']);
  });

  it("applies a target's own variable written below its rule", () => {
    assert.deepEqual(lint(`${RECIPES}\nbuild-x86: export GOOS = darwin\n`), ['2:9 unknown-platform darwin/386']);
  });

  it('gives each version edited in an editor what a fresh lint gives', () => {
    const versions = [
      `${RECIPES}\nexport GOOS := darwin\n`,
      `${RECIPES}\nexport GOOS := windows\n`,
      `${RECIPES}\nexport GOOS := windows\nunexport GOOS\n`,
      `${RECIPES}\n`,
      `export GOOS := darwin\n\n${RECIPES}`,
      `export GOOS := darwin\n\n${RECIPES}\nGOOS := linux\n`,
      `GOOS := linux\n\n${RECIPES}\nexport GOOS\n`,
      `export GOOS := darwin\n\n${RECIPES}`,
    ];
    const expected = [
      ['2:9 unknown-platform darwin/386', '5:9 unknown-platform darwin/s390x'],
      ['5:9 unknown-platform windows/s390x'],
      [],
      [],
      ['4:9 unknown-platform darwin/386', '7:9 unknown-platform darwin/s390x'],
      [],
      [],
      ['4:9 unknown-platform darwin/386', '7:9 unknown-platform darwin/s390x'],
    ];
    const cache = new ChunkCache();
    versions.forEach((text, i) => {
      const cached = shown(text, judge(scanText(text, 'makefile', cache), MODEL, SETTINGS));
      assert.deepEqual(cached, lint(text), `version ${i + 1} with the cache equals a fresh lint`);
      assert.deepEqual(cached, expected[i], `version ${i + 1}`);
    });
  });
});
