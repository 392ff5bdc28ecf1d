import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { CODES } from '../../server/src/rules/finding';
import { fieldSchemas, parseSettings, plainValue, saysNothing, settingsSection, type Fields } from '../../server/src/features/settings';
import { readInitOptions } from '../../server/src/features/configuration';

const repo = resolve(__dirname, '../..');
const NAMES = ['enable', 'requiredTier', 'severity', 'modelPath', 'maxFileSize', 'maxScanTime', 'untrusted', 'trace'] as const satisfies readonly (keyof Fields)[];
const LEVELS = ['error', 'warning', 'info', 'information', 'hint', 'off'];

/** Values settings have, and values they should not. */
const value = fc.oneof(
  fc.anything(),
  fc.constantFrom(1, 2, 3, '1', '2', '3', 0, 4, 2.5, -1, 5_242_880, Number.MAX_SAFE_INTEGER, 2 ** 60, NaN, Infinity, '', ' x ', true, false),
  fc.dictionary(fc.constantFrom(...CODES, 'no-such-code', '__proto__', 'constructor'), fc.constantFrom(...LEVELS, 'loud', 3, null, undefined)),
  fc.record({ server: fc.constantFrom('off', 'messages', 'verbose', 'loud', undefined, 1) }, { requiredKeys: [] }),
  fc.record({ server: fc.constantFrom('off', 'verbose'), other: fc.anything() }, { requiredKeys: [] }),
);

describe('settings', () => {
  it('reads every value it reads without zod exactly as the zod schema does', () => {
    const fields = fieldSchemas();
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), value, (name, v) => {
        const plain = plainValue(name, v);
        if (plain === undefined) return;
        const parsed = fields[name].safeParse(v);
        assert.ok(parsed.success, `${name}: ${JSON.stringify(v)} read without zod, refused by the schema`);
        assert.deepStrictEqual(plain.value, parsed.data, name);
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads the values a settings UI writes without loading zod, and loads it for a bad one', () => {
    const probe = (settings: unknown) => {
      const script = `
        const Module = require('node:module');
        const load = Module._load;
        let zod = false;
        Module._load = function (request, ...rest) { if (request === 'zod') zod = true; return load.call(this, request, ...rest); };
        const { parseSettings } = require('./server/src/features/settings.ts');
        const { problems } = parseSettings(${JSON.stringify(settings)});
        process.stdout.write(JSON.stringify({ zod, problems }));`;
      const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: repo, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as { zod: boolean; problems: string[] };
    };
    const good = probe({ enable: true, requiredTier: 2, severity: { 'removed-platform': 'warning', 'non-canonical-platform': 'off' }, modelPath: '', maxFileSize: 1000, maxScanTime: 500, trace: { server: 'off' } });
    assert.deepEqual(good, { zod: false, problems: [] });
    const bad = probe({ requiredTier: 7 });
    assert.equal(bad.zod, true);
    assert.match(bad.problems[0], /^k8sPlatforms\.requiredTier: /);
  });

  it('names a setting among the problems exactly when neither reading accepts its value', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...NAMES, 'other'), value), (section) => {
        const { settings, problems } = parseSettings(section);
        // Each value alone: the whole is the sum of the fields.
        for (const name of NAMES) {
          const v = section[name];
          if (v === undefined || v === null) continue;
          const plain = plainValue(name, v);
          const parsed = fieldSchemas()[name].safeParse(v);
          // (Where the schema drops a `__proto__` key without a word, it is told: QA 272 B6.)
          const dropped = name === 'severity' && typeof v === 'object' && Object.hasOwn(v, '__proto__');
          assert.equal((plain !== undefined || parsed.success) && !dropped, !problems.some((p) => p.startsWith(`k8sPlatforms.${name}`)), name);
        }
        assert.equal(typeof settings.enable, 'boolean');
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('severity, entry by entry', () => {
  it('a misspelled code or an unknown level is named and left out; the other entries apply', () => {
    const { settings, problems } = parseSettings({ severity: { 'unknown-platform': 'hint', 'bogus-code': 'off', 'removed-platform': 'loud' } });
    assert.deepEqual(settings.lint.severity, { 'unknown-platform': 'hint' });
    assert.equal(problems.length, 2);
    // (Codes near none are told together, after the entries told one by one.)
    assert.match(problems[0], /^k8sPlatforms\.severity\.removed-platform: expected error, warning, info, hint or off, not "loud"$/);
    assert.match(problems[1], /^k8sPlatforms\.severity\.bogus-code: not a diagnostic code \(removed-platform, /);
  });

  it('thousands of unknown codes or settings make a few lines, not one per key (QA 280 B2)', () => {
    const severity: Record<string, string> = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`c${i}`, 'off']));
    for (let i = 0; i < 20; i++) severity[`removed-platfor${i}`] = 'off';
    const section = { severity, ...Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`enable${i}`, true])) };
    const { settings, problems } = parseSettings(section);
    assert.deepEqual(settings.lint.severity, {});
    assert.equal(problems.length, 12, problems.join('\n'));
    assert.equal(problems.filter((p) => /did you mean/.test(p)).length, 10);
    assert.ok(problems.some((p) => /^k8sPlatforms\.severity\.c0, k8sPlatforms\.severity\.c1, .* and 50,010 more: not diagnostic codes \(removed-platform, /.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /^k8sPlatforms\.enable5, .* and 1,990 more: not settings \(the settings: /.test(p)), problems.join('\n'));
    assert.ok(problems.every((p) => p.length < 400));
  });

  it('a code one or two edits from a code is told with the code meant', () => {
    const { settings, problems } = parseSettings({ severity: { 'unknwon-platform': 'off', 'Duplicate-Platform': 'off' } });
    assert.deepEqual(settings.lint.severity, {});
    assert.deepEqual(problems, [
      'k8sPlatforms.severity.unknwon-platform: not a diagnostic code; did you mean unknown-platform?',
      'k8sPlatforms.severity.Duplicate-Platform: not a diagnostic code; did you mean duplicate-platform?',
    ]);
  });

  it('a `__proto__` key, as JSON.parse makes it (an own key), is told as any other that is no code, and changes nothing (QA 272 B6)', () => {
    const { settings, problems } = parseSettings(JSON.parse('{"severity": {"__proto__": {"unknown-platform": "off"}, "removed-platform": "warning"}}'));
    assert.deepEqual(settings.lint.severity, { 'removed-platform': 'warning' });
    assert.equal(Object.getPrototypeOf(settings.lint.severity), Object.prototype);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^k8sPlatforms\.severity\.__proto__: not a diagnostic code/);
  });

  it('each bad value is named in its message: one bad value put in place of another is told again (QA 141 N5)', () => {
    const said = [4, 0, 1.5, '4'].map((v) => parseSettings({ requiredTier: v }).problems[0]);
    assert.equal(new Set(said).size, 4, said.join('\n'));
    assert.match(said[2], /, not 1\.5$/);
    // A list or an object in place of a number is named too (cut short).
    const shapes = [[1], [2], { t: 1 }].map((v) => parseSettings({ requiredTier: v }).problems[0]);
    assert.equal(new Set(shapes).size, 3, shapes.join('\n'));
    const levels = ['Error', 'warn', 'none'].map((l) => parseSettings({ severity: { 'removed-platform': l } }).problems[0]);
    assert.equal(new Set(levels).size, 3, levels.join('\n'));
    // A value of the wrong type, in our words rather than zod's.
    assert.deepEqual(parseSettings({ modelPath: 5, enable: 'yes' }).problems, ['k8sPlatforms.enable: expected true or false, not "yes"', 'k8sPlatforms.modelPath: expected a string, not 5']);
    // Keys that are no setting: those near one one by one, the others together, the settings said
    // once; a key's newline escaped and a long key cut (QA 144 B2, B6).
    const keys: Record<string, number> = { requiredTierr: 1, 'a\nb': 1 };
    for (let i = 0; i < 50; i++) keys[`bogus${i}`] = 1;
    keys['x'.repeat(5000)] = 1;
    const told = parseSettings(keys).problems;
    assert.equal(told.length, 2, told.join('\n'));
    assert.equal(told[0], 'k8sPlatforms.requiredTierr: not a setting; did you mean k8sPlatforms.requiredTier?');
    assert.match(told[1], /^k8sPlatforms\.a\\nb, k8sPlatforms\.bogus0, .* and 47 more: not settings \(the settings: enable, /);
    assert.ok(told.every((t) => t.length <= 240 && !t.includes('\n')));
    // zod's other wordings in ours.
    assert.deepEqual(parseSettings({ trace: { server: 'loud' } }).problems, ['k8sPlatforms.trace.server: expected "off", "messages" or "verbose", not "loud"']);
    assert.deepEqual(parseSettings({ maxFileSize: -5 }).problems, ['k8sPlatforms.maxFileSize: expected a number more than 0, not -5']);
    // A number written as digits is that number, as requiredTier's "2" is (QA 280 B6); other strings are named.
    assert.deepEqual([parseSettings({ maxFileSize: '1000', maxScanTime: '250', requiredTier: '2' })].map((r) => [r.problems, r.settings.maxFileSize, r.settings.maxScanTime, r.settings.lint.requiredTier]), [[[], 1000, 250, 2]]);
    assert.deepEqual(parseSettings({ maxFileSize: '1e3' }).problems, ['k8sPlatforms.maxFileSize: expected a number, not "1e3"']);
    assert.deepEqual(parseSettings({ maxScanTime: '0' }).problems, ['k8sPlatforms.maxScanTime: expected a number more than 0, not "0"']);
    // A long value is cut short.
    assert.ok(parseSettings({ requiredTier: 'x'.repeat(500) }).problems[0].length < 120);
  });

  it('requiredTier out of range says which values are allowed', () => {
    assert.deepEqual(parseSettings({ requiredTier: 7 }).problems, ['k8sPlatforms.requiredTier: must be 1, 2 or 3, not 7']);
    // A section that is no object at all is named too; nothing at all is the defaults.
    assert.deepEqual(parseSettings('strict').problems, ['k8sPlatforms: expected an object of settings, not "strict"']);
    assert.deepEqual(parseSettings([1]).problems, ['k8sPlatforms: expected an object of settings, not a list']);
    assert.deepEqual(parseSettings(null).problems, []);
    assert.deepEqual(parseSettings(false).problems, [], 'Lisp nil');
    assert.deepEqual(parseSettings([]).problems, [], 'Lisp nil');
    assert.deepEqual(parseSettings(undefined).problems, []);
    assert.deepEqual(parseSettings(42).problems, ['k8sPlatforms: expected an object of settings, not 42']);
    assert.deepEqual(parseSettings(true).problems, ['k8sPlatforms: expected an object of settings, not true']);
    // What says nothing leaves the user's settings to initializationOptions; anything else is read (and named when wrong).
    for (const nothing of [undefined, null, false, [], {}]) assert.ok(saysNothing(nothing), JSON.stringify(nothing));
    for (const something of ['x', 0, true, [1], { enable: false }]) assert.ok(!saysNothing(something), JSON.stringify(something));
  });
});

describe('keys that are no setting, and dotted names', () => {
  it('a key that is no setting is named, with the setting it looks like; the others apply', () => {
    const { settings, problems } = parseSettings({ requiredTierr: 1, enable: false, frobnicate: true });
    assert.equal(settings.enable, false);
    assert.equal(settings.lint.requiredTier, 3);
    assert.deepEqual(problems, [
      'k8sPlatforms.requiredTierr: not a setting; did you mean k8sPlatforms.requiredTier?',
      'k8sPlatforms.frobnicate: not a setting (the settings: enable, requiredTier, severity, modelPath, maxFileSize, maxScanTime, trace)',
    ]);
  });
  it('VS Code’s dotted names, flat or under k8sPlatforms, are read as the nested section', () => {
    const flat = settingsSection({ 'k8sPlatforms.requiredTier': 1, 'k8sPlatforms.trace.server': 'verbose', 'editor.tabSize': 2 });
    const { settings, problems } = parseSettings(flat);
    assert.equal(settings.lint.requiredTier, 1);
    assert.equal(settings.lint.requiredTier, 1);
    // editor.tabSize is another tool's setting, not a typo of ours.
    assert.deepEqual(problems, []);
    assert.deepEqual(parseSettings(settingsSection({ k8sPlatforms: { enable: false }, 'k8sPlatforms.requiredTier': 2 })).settings.lint.requiredTier, 2);
    assert.deepEqual(settingsSection({ k8sPlatforms: { enable: false } }), { enable: false });
    assert.equal(settingsSection({ yaml: {} }), undefined);
    assert.equal(settingsSection(null), undefined);
  });
  it('a dotted name through __proto__, prototype or constructor reaches no prototype, and is named as no setting', () => {
    for (const raw of ['{"k8sPlatforms.__proto__.polluted": 1}', '{"__proto__.polluted": 1}', '{"k8sPlatforms.constructor.prototype.polluted": 1}', '{"trace.__proto__.polluted": 1}']) {
      const { problems } = parseSettings(settingsSection(JSON.parse(raw)) ?? JSON.parse(raw));
      assert.equal(({} as Record<string, unknown>).polluted, undefined, raw);
      assert.equal(problems.length, 1, raw);
      assert.match(problems[0], /not a setting/, raw);
    }
  });
  it('initializationOptions in every shape give the same section, without workspaceTrusted taken for a setting', () => {
    for (const raw of [{ settings: { k8sPlatforms: { requiredTier: 1 } } }, { settings: { requiredTier: 1 } }, { k8sPlatforms: { requiredTier: 1 } }, { requiredTier: 1, workspaceTrusted: true }, { settings: { 'k8sPlatforms.requiredTier': 1 } }]) {
      const { settings, problems } = parseSettings(readInitOptions(raw).settings);
      assert.equal(settings.lint.requiredTier, 1, JSON.stringify(raw));
      assert.deepEqual(problems, [], JSON.stringify(raw));
    }
  });
});
