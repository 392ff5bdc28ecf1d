/**
 * Property tests of the engine over every file kind: whatever the text, a scan does not throw,
 * every range lies in the document and covers its token, normalising is idempotent, and a
 * document edited step by step with one block cache gets the findings of a fresh lint.
 * K8S_PLATFORMS_FUZZ_RUNS=N runs each property N times (see engine.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ChunkCache, judge, scanText, type FileKind } from '../../server/src/lint';
import { parsePlatform } from '../../server/src/platform/parse';
import { formatPlatform } from '../../server/src/platform/names';
import type { LintSettings } from '../../server/src/rules/finding';
import { KINDS, MODEL, SETTINGS, STRICT, checkScan, corpusFiles, fcParams, lintChecked, lintFresh, summary } from './engine';
import { PLATFORM_WORDS, anyText, edit, longTextFor, textFor, versions, type Edit } from './generators';

const corpus = corpusFiles();

describe('a scan never throws and keeps its ranges right', () => {
  for (const kind of KINDS) {
    it(`${kind}: generated files`, () => {
      fc.assert(
        fc.property(textFor(kind), (text) => {
          lintChecked(text, kind);
        }),
        fcParams(0x6b380001 + KINDS.indexOf(kind), 300),
      );
    });
  }

  it('any Unicode text (astral characters, lone surrogates, NUL, CR) in every kind', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...KINDS), (text, kind) => {
        lintChecked(text, kind);
      }),
      fcParams(0x6b380010, 300),
    );
  });

  it(`mutations of the ${corpus.length} corpus files`, () => {
    assert.ok(corpus.length >= 10, `the corpus is read from ../shared/corpus (found ${corpus.length} files)`);
    fc.assert(
      fc.property(fc.nat(corpus.length - 1), fc.array(edit, { minLength: 1, maxLength: 12 }), (i, edits) => {
        const { text, kind } = corpus[i];
        const all = versions(text, edits);
        lintChecked(all[all.length - 1], kind);
      }),
      fcParams(0x6b380011, 300),
    );
  });
});

describe('normalising a platform is idempotent', () => {
  const candidate = fc.oneof(
    fc.constantFrom(...PLATFORM_WORDS),
    fc.string({ unit: fc.constantFrom('linux', 'darwin', 'windows', 'amd64', 'arm', 'arm64', '386', 'x86_64', 'aarch64', 'armhf', 'v7', '7', 'v8', '/', '-', '_', 'LINUX', 'AMD64', 'ppc64el', 'i686', 'x', '.'), maxLength: 8 }),
    fc.string({ unit: 'grapheme-ascii', maxLength: 20 }),
  );

  it('parse, format, parse again: the same platform', () => {
    fc.assert(
      fc.property(candidate, fc.constantFrom('strict' as const, 'loose' as const), (text, strictness) => {
        const p = parsePlatform(text, strictness);
        if (!p) return;
        const canonical = formatPlatform(p);
        const again = parsePlatform(canonical, 'strict');
        if (p.validOs && p.validArch) {
          assert.ok(again, `${JSON.stringify(text)} -> ${canonical} parses again`);
        }
        if (again) {
          assert.equal(formatPlatform(again), canonical, `${JSON.stringify(text)} -> ${canonical} -> ${formatPlatform(again)}`);
          assert.equal(again.alias, false, `${canonical} is canonical: no alias left`);
          if (p.valid) assert.equal(again.valid, true, `${canonical} stays valid`);
          assert.equal(formatPlatform(parsePlatform(formatPlatform(again), 'strict')!), canonical);
        }
      }),
      fcParams(0x6b380020, 300),
    );
  });

  it('every platform the scanners find normalises idempotently', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS).chain((kind) => fc.tuple(fc.constant(kind), textFor(kind))), ([kind, text]) => {
        for (const m of scanText(text, kind).mentions) {
          if (m.kind !== 'whole') continue;
          const canonical = formatPlatform(m.platform);
          const again = parsePlatform(canonical, 'strict');
          if (m.platform.validOs && m.platform.validArch) assert.ok(again, `${m.token.text} -> ${canonical} parses again`);
          if (again) assert.equal(formatPlatform(again), canonical, `${m.token.text} -> ${canonical}`);
        }
      }),
      fcParams(0x6b380021, 200),
    );
  });
});

/**
 * Lints each version of a document with one block cache, the way the language server does, and
 * compares every version's scan and findings with a fresh lint of the same text.
 */
function editedLikeAnEditor(kind: FileKind, start: string, edits: readonly Edit[], settingsFlips: readonly boolean[]): void {
  const cache = new ChunkCache();
  const all = versions(start, edits);
  all.forEach((text, v) => {
    const settings: LintSettings = settingsFlips[v % settingsFlips.length] ? SETTINGS : STRICT;
    const scan = scanText(text, kind, cache);
    const cached = judge(scan, MODEL, settings);
    const fresh = scanText(text, kind);
    const freshFindings = judge(fresh, MODEL, settings);
    checkScan(scan, cached);
    const where = `version ${v} of ${all.length - 1} (${kind}): ${JSON.stringify(text.length > 400 ? `${text.slice(0, 400)}…` : text)}`;
    assert.deepEqual(summary(text, cached), summary(text, freshFindings), `findings after edits equal a fresh lint, ${where}`);
    assert.deepEqual(cached, freshFindings, `finding details after edits equal a fresh lint, ${where}`);
    assert.deepEqual(scan.mentions, fresh.mentions, `mentions after edits equal a fresh scan, ${where}`);
  });
  // And as the brief states it: after the whole sequence, the cached scan equals lintText.
  const last = all[all.length - 1];
  assert.deepEqual(judge(scanText(last, kind, cache), MODEL, STRICT), lintFresh(last, kind, STRICT));
}

describe('findings after incremental edits with one block cache equal a fresh lint', () => {
  for (const kind of KINDS) {
    it(kind, () => {
      const own = corpus.filter((c) => c.kind === kind).map((c) => c.text);
      const start = own.length > 0 ? fc.oneof({ weight: 3, arbitrary: longTextFor(kind) }, { weight: 1, arbitrary: fc.constantFrom(...own) }) : longTextFor(kind);
      fc.assert(
        fc.property(start, fc.array(edit, { minLength: 1, maxLength: 10 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }), (text, edits, flips) => {
          editedLikeAnEditor(kind, text, edits, flips);
        }),
        fcParams(0x6b380030 + KINDS.indexOf(kind), 100),
      );
    });
  }
});
