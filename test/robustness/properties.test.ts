/**
 * Property tests of the engine over every file kind: whatever the text, a scan does not throw,
 * every range lies in the document and covers its token, normalising is idempotent, and a
 * document edited step by step with one block cache gets the findings of a fresh lint.
 * K8S_PLATFORMS_FUZZ_RUNS=N runs each property N times (see engine.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ChunkCache, judge, scanEdited, scanText, type FileKind, type ScanResult } from '../../server/src/lint';
import { documentsCutAt, isEditedDocument } from '../../server/src/features/textDocument';
import { parsePlatform } from '../../server/src/platform/parse';
import { formatPlatform } from '../../server/src/platform/names';
import type { LintSettings } from '../../server/src/rules/finding';
import { KINDS, MODEL, SETTINGS, STRICT, YAML_KINDS, checkScan, corpusFiles, fcParams, lintChecked, lintFresh, summary } from './engine';
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

/** Typing on one line of a document: at a line and column (wrapped to the text; -1 is its end), insert or delete. */
const typing = fc.record({
  line: fc.nat(),
  column: fc.oneof(fc.constant(-1), fc.nat(60)),
  deleted: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(6) }),
  text: fc.oneof(fc.constantFrom(...PLATFORM_WORDS), fc.constantFrom('a', ' ', ',', ':', '/', '-', '#', '"', '[', ']', '{', '}', '&x', '*x', '|', 'é', '😀', '${{', '}}', '')),
});

describe('a YAML document typed on one line at a time is scanned by its edited blocks as a fresh lint', () => {
  for (const kind of YAML_KINDS) {
    it(kind, () => {
      const own = corpus.filter((c) => c.kind === kind).map((c) => c.text);
      const any = own.length > 0 ? fc.oneof({ weight: 3, arbitrary: longTextFor(kind) }, { weight: 1, arbitrary: fc.constantFrom(...own) }) : longTextFor(kind);
      // Half of the texts without what rules the edited path out (lone CRs, suppression comments,
      // no-break and other Unicode spaces), which the generated texts are full of, so both paths
      // are taken often.
      const start = fc.tuple(any, fc.boolean()).map(([t, plain]) =>
        plain ? t.replace(/\r(?!\n)/g, '\n').replace(/k8s-platforms-ignore/g, 'k8s-platforms').replace(/[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g, ' ') : t,
      );
      let alone = 0;
      let whole = 0;
      fc.assert(
        fc.property(start, fc.array(fc.array(typing, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 12 }), fc.nat(40), (text, steps, piece) => {
          const documents = documentsCutAt(piece + 1);
          const doc = documents.create('file:///w.yml', kind, 1, text);
          assert.ok(isEditedDocument(doc));
          const cache = new ChunkCache();
          let scan: ScanResult = scanText(text, kind, cache);
          doc.takeEditsSince(1);
          steps.forEach((typed, i) => {
            const changes = typed.map((t) => {
              const line = t.line % doc.lineCount;
              const width = doc.getLineRange(line).end.character;
              const from = t.column < 0 ? width : t.column % (width + 1);
              return { range: { start: { line, character: from }, end: { line, character: Math.min(width, from + t.deleted) } }, text: t.text };
            });
            documents.update(doc, changes, i + 2);
            const edits = doc.takeEditsSince(i + 1);
            assert.ok(edits, 'single-line edits are logged');
            const edited = scanEdited(scan, edits, () => doc.getText(), cache);
            const now = doc.getText();
            if (edited) {
              alone++;
              const fresh = scanText(now, kind);
              const where = `version ${i + 2} (${kind}): ${JSON.stringify(now.length > 400 ? `${now.slice(0, 400)}…` : now)}`;
              assert.equal(edited.text, fresh.text, 'the text scanned (Unicode spaces as their stand-ins)');
              assert.equal(edited.length, now.length);
              assert.deepEqual(edited.starts, fresh.starts, `blocks start where a fresh scan's do, ${where}`);
              assert.deepEqual(edited.mentions, fresh.mentions, `mentions equal a fresh scan, ${where}`);
              assert.deepEqual(judge(edited, MODEL, STRICT), lintFresh(now, kind, STRICT), `findings equal a fresh lint, ${where}`);
              assert.deepEqual(edited.notes, fresh.notes);
              scan = edited;
            } else {
              whole++;
              scan = scanText(now, kind, cache);
            }
          });
          // The cache left by the edited scans serves a whole scan as a fresh one.
          const last = doc.getText();
          assert.deepEqual(judge(scanText(last, kind, cache), MODEL, STRICT), lintFresh(last, kind, STRICT));
        }),
        fcParams(0x6b380040 + KINDS.indexOf(kind), 100),
      );
      // Both paths are taken, each many times.
      assert.ok(alone > 150 && whole > 150, `${kind}: ${alone} edits scanned alone, ${whole} whole`);
    });
  }
});
