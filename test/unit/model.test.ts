import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtinModel, formatModelError, loadModelFile, parseModel } from '../../server/src/model/load';

const builtinText = readFileSync(resolve(__dirname, '../../data/platforms.json'), 'utf8');

describe('the built-in model, transcribed from the seed', () => {
  const m = builtinModel();
  it('has the tier table', () => {
    assert.equal(m.tierOf({ os: 'linux', arch: 'amd64' }), 1);
    for (const p of ['linux/arm64', 'linux/386', 'linux/ppc64le', 'linux/s390x', 'darwin/amd64', 'darwin/arm64', 'windows/amd64', 'windows/arm64', 'windows/386']) {
      const [os, arch] = p.split('/');
      assert.equal(m.tierOf({ os, arch }), 2, p);
    }
    assert.equal(m.tierInfo(3)?.name, 'demonstrated to work');
  });
  it('keeps linux/arm in the tier table and in the removed list; removal wins', () => {
    assert.equal(m.platform({ os: 'linux', arch: 'arm' })?.tier, 2);
    assert.equal(m.tierOf({ os: 'linux', arch: 'arm' }), undefined);
    assert.equal(m.removed({ os: 'linux', arch: 'arm' })?.resources.length, 4);
  });
  it('lists artifacts exactly as the seed does', () => {
    assert.equal(m.artifactAvailable({ kind: 'binary', name: 'kubectl', form: 'binary' }, { os: 'darwin', arch: 'arm64' }), false);
    assert.equal(m.artifactAvailable({ kind: 'binary', name: 'kubectl', form: 'exe' }, { os: 'windows', arch: '386' }), true);
    assert.equal(m.artifactAvailable({ kind: 'binary', name: 'kube-apiserver', form: 'docker_tag' }, { os: 'linux', arch: 's390x' }), true);
    assert.equal(m.artifactAvailable({ kind: 'archive', name: 'kubernetes-node' }, { os: 'linux', arch: '386' }), false);
    assert.equal(m.artifactAvailable({ kind: 'image', name: 'kube-proxy' }, { os: 'linux', arch: '386' }), true);
    assert.equal(m.artifactAvailable({ kind: 'package', format: 'deb' }, { os: 'linux', arch: 's390x' }), true);
    assert.equal(m.artifactAvailable({ kind: 'package', format: 'rpm' }, { os: 'linux', arch: '386' }), false);
  });
});

describe('loading a user model', () => {
  it('accepts the built-in file', () => {
    assert.equal(parseModel(builtinText, 'platforms.json').ok, true);
  });
  it('refuses invalid JSON with the file name', () => {
    const r = parseModel('{ "version": 1,', 'mine.json');
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(formatModelError(r.error), /^mine\.json: not valid JSON/);
  });
  it('says on which line and column a model file stops being JSON, in one line', () => {
    const problem = (text: string) => {
      const r = parseModel(text, 'mine.json');
      return r.ok ? 'accepted' : r.error.problems.join(' | ');
    };
    assert.equal(problem('{\n  "version": 1,\n  "tiers": [\n    {"tier": 1}\n    {"tier": 2}\n  ]\n}'), 'not valid JSON: line 5, column 5: expected a comma');
    assert.equal(problem('{\n  "version": 1, // the first\n}'), 'not valid JSON: line 2, column 17: comments are not JSON');
    assert.equal(problem('\ufeff{"version": 1,}'), 'not valid JSON: line 1, column 15: expected a property name in double quotes');
    assert.equal(problem('{\r\n"a": tru}'), 'not valid JSON: line 2, column 6: unexpected character');
    assert.equal(problem('   '), 'not valid JSON: line 1, column 4: expected a value');
    // At the control character itself, not at the string's opening quote.
    assert.equal(problem('{"source": "a\tb"}'), 'not valid JSON: line 1, column 14: a control character in a string');
    // The whole text is never quoted back, whatever JSON.parse would say.
    assert.doesNotMatch(problem('{\n"a": }'), /\n/);
  });
  it('names the path of each bad field', () => {
    const data = JSON.parse(builtinText);
    data.platforms[3].tier = 7;
    data.removed[0].resources = ['not a url'];
    const r = parseModel(JSON.stringify(data), 'mine.json');
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.ok(r.error.problems.includes('platforms[3].tier: expected 1, 2 or 3, not 7'), r.error.problems.join(' | '));
      assert.ok(r.error.problems.some((p) => p.startsWith('removed[0].resources[0]:')), r.error.problems.join(' | '));
    }
  });
  it('refuses unknown fields and wrong types', () => {
    const data = JSON.parse(builtinText);
    data.tierz = [];
    data.platforms[0].os = 5;
    const r = parseModel(JSON.stringify(data), 'mine.json');
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.ok(r.error.problems.some((p) => p.includes('tierz')), r.error.problems.join(' | '));
      assert.ok(r.error.problems.some((p) => p.startsWith('platforms[0].os:')), r.error.problems.join(' | '));
    }
  });
  it('refuses artifact names a hover would read as Markdown or a file never holds (QA 293 B12)', () => {
    const data = JSON.parse(builtinText);
    data.archives.items[0].name = 'kube_*evil*[x](javascript:alert(1))';
    data.images.images[0].name = 'kube proxy';
    data.packages.arches[0].deb = '`arm64`';
    const r = parseModel(JSON.stringify(data), 'mine.json');
    assert.equal(r.ok, false);
    if (!r.ok) {
      for (const field of ['archives.items[0].name', 'images.images[0].name', 'packages.arches[0].deb']) {
        assert.ok(r.error.problems.some((p) => p.startsWith(`${field}: expected a name of letters, digits`)), `${field}: ${r.error.problems.join(' | ')}`);
      }
    }
  });
  it('refuses a model that contradicts itself: rows listed twice, ids that name another platform, unknown tiers', () => {
    const problems = (edit: (d: any) => void): string[] => {
      const data = JSON.parse(builtinText);
      edit(data);
      const r = parseModel(JSON.stringify(data), 'mine.json');
      return r.ok ? [] : r.error.problems;
    };
    assert.deepEqual(
      problems((d) => d.platforms.push({ id: 'amd64-linux', os: 'linux', arch: 'amd64', tier: 2 })),
      ['platforms[11]: platform linux/amd64 is listed twice (first at platforms[0])'],
    );
    assert.deepEqual(problems((d) => (d.platforms[0].id = 'arm64-darwin')), ['platforms[0].id: expected amd64-linux (arch-os) for linux/amd64, not arm64-darwin']);
    assert.deepEqual(problems((d) => (d.platforms[0].os = 'Linux')), ['platforms[0].os: expected lower-case letters and digits, as Go spells it (linux, amd64), not "Linux"']);
    assert.deepEqual(
      problems((d) => {
        d.tiers = d.tiers.slice(0, 2);
        d.platforms[1].tier = 3;
      }),
      ['platforms[1].tier: tier 3 is not in tiers'],
    );
    // A model missing whole tables is refused for that alone, without a throw.
    assert.ok(problems((d) => delete d.images).some((p) => p.startsWith('images:')));
    assert.deepEqual(problems((d) => d.tiers.push({ ...d.tiers[0] })), ['tiers[3]: tier 1 is listed twice (first at tiers[0])']);
    assert.deepEqual(problems((d) => d.images.images[0].platforms.push(d.images.images[0].platforms[0])), [
      `images.images[0].platforms[${JSON.parse(builtinText).images.images[0].platforms.length}]: platform ${JSON.parse(builtinText).images.images[0].platforms[0]} is listed twice (first at images.images[0].platforms[0])`,
    ]);
    assert.deepEqual(problems((d) => d.packages.arches.push({ rpm: 'armv7hl', deb: 'arm64', platform: 'linux/arm' })), ['packages.arches[4]: deb arch arm64 is listed twice (first at packages.arches[0])']);
    // A platform Go does not build would never apply: refused where it is named.
    assert.deepEqual(problems((d) => d.images.images[0].platforms.push('linux/amd46')), [
      `images.images[0].platforms[${JSON.parse(builtinText).images.images[0].platforms.length}]: linux/amd46 is not a Go platform (go tool dist list, go1.26)`,
    ]);
    assert.deepEqual(problems((d) => d.platforms.push({ id: 'amd46-linux', os: 'linux', arch: 'amd46', tier: 3 })), ['platforms[11]: linux/amd46 is not a Go platform (go tool dist list, go1.26)']);
    // A tier scoped to an artifact the model does not have would never apply (QA 29).
    assert.deepEqual(problems((d) => (d.platforms[1].artifactTiers = { kubectl: 1, kubectll: 1, 'kube-proxy': 1, 'kubernetes-client': 1 })), ['platforms[1].artifactTiers.kubectll: kubectll is no image, binary or archive of this model']);
    // Or one it does not publish for that platform (QA 46): kubelet is no darwin binary.
    const darwin = JSON.parse(builtinText).platforms.findIndex((p: { id: string }) => p.id === 'amd64-darwin');
    assert.deepEqual(problems((d) => (d.platforms[darwin].artifactTiers = { kubectl: 1, kubelet: 1 })), [`platforms[${darwin}].artifactTiers.kubelet: kubelet is not published for darwin/amd64 in this model`]);
    // Two archives may share a name (kubernetes-test, portable and per platform), not a file.
    assert.deepEqual(problems((d) => d.archives.items.push({ ...d.archives.items[0] })), ['archives.items[8]: archive file kubernetes-client-{os}-{arch}.tar.gz is listed twice (first at archives.items[0])']);
    // An archive listed for platforms names each one's file (QA 81).
    assert.deepEqual(problems((d) => (d.archives.items[0].file = 'kubernetes-client.tar.gz')), ["archives.items[0].file: kubernetes-client.tar.gz lists platforms but has no {os} and {arch} to name each one's file"]);
  });
  it('names every fault at once: bad fields and contradictions together, in a model malformed anywhere', () => {
    const data = JSON.parse(builtinText);
    data.platforms[1].tier = 7;
    data.images.images[0].platforms[0] = 'linux/amd46';
    data.platforms.push({ id: 'amd64-linux', os: 'linux', arch: 'amd64', tier: 2 });
    const r = parseModel(JSON.stringify(data), 'mine.json');
    assert.deepEqual(r.ok ? [] : r.error.problems, [
      'platforms[1].tier: expected 1, 2 or 3, not 7',
      'platforms[11]: platform linux/amd64 is listed twice (first at platforms[0])',
      'images.images[0].platforms[0]: linux/amd46 is not a Go platform (go tool dist list, go1.26)',
    ]);
    // Rows and tables of any shape: refused with their field errors, never a throw in the checks.
    for (const text of [
      '{"version": 1, "tiers": "x", "platforms": [null, 5, {"os": 1}, {"os": "linux", "arch": "amd64"}, {"os": "linux", "arch": "amd64"}]}',
      '{"version": 1, "images": {"images": [{"name": 1, "platforms": [2, "linux/amd46", null]}]}, "binaries": {"items": [{"platforms": 5}]}, "archives": [], "packages": {"arches": [[]]}}',
      '[1, 2]',
      '"text"',
    ]) {
      const bad = parseModel(text, 'odd.json');
      assert.equal(bad.ok, false, text);
      if (!bad.ok) assert.ok(bad.error.problems.length > 0, text);
    }
    const dup = parseModel('{"version": 1, "platforms": [{"os": "linux", "arch": "amd64"}, {"os": "linux", "arch": "amd64"}]}', 'odd.json');
    assert.ok(!dup.ok && dup.error.problems.includes('platforms[1]: platform linux/amd64 is listed twice (first at platforms[0])'), JSON.stringify(dup));
  });
  it('says a wrong type or a missing field in plain words, with the value given (QA 141 N6)', () => {
    const data = JSON.parse(builtinText);
    data.platforms[0].os = 5;
    data.platforms[2].tier = '1';
    delete data.images;
    const r = parseModel(JSON.stringify(data), 'mine.json');
    assert.deepEqual(r.ok ? [] : r.error.problems, ['platforms[0].os: expected a string, not 5', 'platforms[2].tier: expected 1, 2 or 3, not "1"', 'images: missing (expected an object)']);
    // No tiers table: that is said once, not once more for each platform's tier.
    const noTiers = JSON.parse(builtinText);
    delete noTiers.tiers;
    const t = parseModel(JSON.stringify(noTiers), 'mine.json');
    assert.deepEqual(t.ok ? [] : t.error.problems, ['tiers: missing (expected a list)']);
    // One fault in every row is said once, with a count of the rows.
    const many = JSON.parse(builtinText);
    for (const p of many.platforms) p.tier = 9;
    const m = parseModel(JSON.stringify(many), 'mine.json');
    assert.deepEqual(m.ok ? [] : m.error.problems, [`platforms[0].tier: expected 1, 2 or 3, not 9; the same in ${many.platforms.length - 1} more rows`]);
    // Many different faults: the first ones and a count, for a one-line notification.
    const odd = JSON.parse(builtinText);
    const rows: Record<string, unknown>[] = [...odd.platforms, ...odd.tiers];
    rows.forEach((row, i) => (row[`field${i}`] = i));
    const o = parseModel(JSON.stringify(odd), 'mine.json');
    assert.ok(!o.ok);
    if (!o.ok) {
      assert.equal(o.error.problems.length, 12, o.error.problems.join(' | '));
      assert.equal(o.error.problems[0], `tiers[0]: unknown field "field${odd.platforms.length}"`);
      assert.equal(o.error.problems[11], `and ${rows.length - 11} more problems`);
    }
  });

  it('says each problem on one line of some 240 characters at most, whatever the file holds (QA 142 B2-B4)', () => {
    const data = JSON.parse(builtinText);
    data.platforms[0].os = 'x'.repeat(5000);
    data.platforms[1]['te\nir'] = 1;
    const r = parseModel(JSON.stringify(data), 'mine.json');
    assert.ok(!r.ok);
    if (!r.ok) {
      for (const p of r.error.problems) assert.ok(p.length <= 240 && !/[\n\r]/.test(p), p);
      assert.ok(r.error.problems.some((p) => p.includes('te\\nir')), r.error.problems.join(' | '));
      assert.doesNotMatch(formatModelError({ file: 'a\nb.json', problems: r.error.problems }), /\n/);
    }
    // A key given twice in every row: said once, with a count.
    const twice = builtinText.replace(/"tier": (\d)/g, '"tier": $1, "tier": $1');
    const t = parseModel(twice, 'mine.json');
    assert.ok(!t.ok);
    if (!t.ok) {
      assert.equal(t.error.problems.length, 2, t.error.problems.join(' | '));
      assert.match(t.error.problems[0], /^tiers\[0\]: "tier" is given twice \(line \d+, column \d+\); JSON keeps only the last; the same in \d+ more rows$/);
      assert.match(t.error.problems[1], /^platforms\[0\]: "tier" is given twice .*; the same in \d+ more rows$/);
    }
  });

  it('refuses a key given twice in one object: JSON.parse would keep the last without a word (QA 141 N1)', () => {
    const lines = builtinText.split('\n');
    const at = lines.findIndex((l) => /"tier": 1,/.test(l));
    lines[at] = lines[at].replace('"tier": 1,', '"tier": 1, "tier": 3,');
    const column = lines[at].indexOf('"tier": 3') + 1;
    const text = lines.join('\n').replace(/\}\s*$/, ', "platforms": []\n}\n');
    const r = parseModel(text, 'mine.json');
    assert.ok(!r.ok);
    if (!r.ok) {
      const last = text.split('\n').length - 2;
      const path = JSON.parse(builtinText).tiers.some((t: { tier: number }) => t.tier === 1) ? 'tiers' : '';
      assert.equal(r.error.problems.length, 2, r.error.problems.join(' | '));
      assert.match(r.error.problems[0], new RegExp(`^${path}\\[\\d+\\]: "tier" is given twice \\(line ${at + 1}, column ${column}\\); JSON keeps only the last$`));
      assert.equal(r.error.problems[1], `(root): "platforms" is given twice (line ${last}, column 3); JSON keeps only the last`);
    }
    // The same key in two objects is no repeat.
    assert.ok(parseModel(builtinText, 'mine.json').ok);
    // A value nested thousands deep is named without JSON.stringify's overflow (QA 144 B1), and
    // a number JSON cannot hold is not "null" (B5).
    const lists = parseModel(`{"version": 1, "platforms": ${'['.repeat(8000)}${']'.repeat(8000)}}`, 'deep.json');
    assert.ok(!lists.ok && lists.error.problems.includes('platforms[0]: expected an object, not a list'), JSON.stringify(lists).slice(0, 400));
    const huge = parseModel('{"version": 1e400}', 'inf.json');
    assert.ok(!huge.ok && huge.error.problems[0] === 'version: expected 1, not Infinity', JSON.stringify(huge).slice(0, 400));
    // Nested 100,000 deep (JSON.parse takes it): refused, with no overflow of the call stack, and a
    // key given twice down there is found.
    const deep = 100_000;
    const nested = `{"version": 1, "x": ${'['.repeat(deep)}{"a": 1, "a": 2}${']'.repeat(deep)}}`;
    const d = parseModel(nested, 'deep.json');
    assert.ok(!d.ok);
    if (!d.ok) assert.match(d.error.problems[0], /^x\[0\]\[0\]\[0\]\[0\]\[0\]…\[0\]\[0\]\[0\]\[0\]: "a" is given twice \(line 1, column \d+\); JSON keeps only the last$/);
    // Thousands of repeats down there: the first thousand are said (each was a copy of the whole
    // path, and a hostile file of 80,000 took seconds).
    const many = parseModel(`{"version": 1, "x": ${'['.repeat(deep)}{${'"a": 1, '.repeat(80_000)}"a": 2}${']'.repeat(deep)}}`, 'deep.json');
    assert.ok(!many.ok && /: "a" is given twice .*; the same in 999 more rows$/.test(many.error.problems[0]), JSON.stringify(many).slice(0, 300));
  });

  it('reports a missing file, a folder and a huge file, never throwing', () => {
    const missing = loadModelFile('/nope.json', () => {
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    });
    assert.equal(missing.ok, false);
    if (!missing.ok) assert.deepEqual(missing.error.problems, ['file not found']);
    const folder = loadModelFile('/tmp', () => {
      throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    });
    if (!folder.ok) assert.deepEqual(folder.error.problems, ['is a folder, not a file']);
    else assert.fail('folder accepted');
    const huge = loadModelFile('/big.json', () => ({ size: 50 * 1024 * 1024, read: () => assert.fail('must not read') }));
    assert.equal(huge.ok, false);
  });
  it('says why a file cannot be read in words, not in Node\'s (QA 280 B7): permission, a loop, a NUL in the path', () => {
    const problem = (code: string) => {
      const r = loadModelFile('/m.json', () => {
        throw Object.assign(new Error(`${code}: open '/m.json'`), { code });
      });
      return r.ok ? assert.fail('accepted') : r.error.problems[0];
    };
    assert.equal(problem('EACCES'), 'permission denied');
    assert.equal(problem('ELOOP'), 'too many symbolic links (a loop?)');
    assert.equal(problem('EIO'), "EIO: open '/m.json'");
    const nul = loadModelFile('/w/\0', () => assert.fail('must not read'));
    assert.ok(!nul.ok && nul.error.problems[0] === 'the path has a NUL character, which no file name has');
    assert.equal(formatModelError(nul.error).includes('\0'), false, 'the path is shown escaped');
  });
  it('a bad user model leaves the built-in model untouched', () => {
    parseModel('{}', 'x.json');
    assert.equal(builtinModel().tierOf({ os: 'linux', arch: 'amd64' }), 1);
  });
});

describe('tiers scoped to an artifact (artifactTiers)', () => {
  it('decide the tier of that artifact on the platform, and of nothing else', async () => {
    const { lintText } = await import('../../server/src/lint');
    const data = JSON.parse(builtinText);
    const row = data.platforms.find((p: { id: string }) => p.id === 'arm64-linux');
    row.artifactTiers = { kubectl: 1 };
    const r = parseModel(JSON.stringify(data), 'scoped.json');
    assert.ok(r.ok);
    const text = 'curl -LO https://dl.k8s.io/release/v1.31.0/bin/linux/arm64/kubectl\ncurl -LO https://dl.k8s.io/release/v1.31.0/bin/linux/arm64/kubelet\ndocker buildx build --platform linux/arm64 .\n';
    const below = (model: typeof r.model) => lintText(text, 'shell', model, { requiredTier: 1, severity: {} }).filter((f) => f.code === 'below-required-tier').map((f) => text.slice(0, f.start).split('\n').length);
    assert.deepEqual(below(r.model), [2, 3], 'kubectl is tier 1 on linux/arm64; kubelet and the platform itself are tier 2');
    assert.deepEqual(below(builtinModel()), [1, 2, 3]);
  });

  it("say so in the message when the artifact's tier is not the platform's", async () => {
    const { lintText } = await import('../../server/src/lint');
    const data = JSON.parse(builtinText);
    data.platforms.find((p: { id: string }) => p.id === 'arm64-linux').artifactTiers = { kubelet: 3 };
    const r = parseModel(JSON.stringify(data), 'scoped.json');
    assert.ok(r.ok);
    const text = 'curl -LO https://dl.k8s.io/release/v1.31.0/bin/linux/arm64/kubelet\ncurl -LO https://dl.k8s.io/release/v1.31.0/bin/linux/arm64/kubectl\n';
    const messages = lintText(text, 'shell', r.model, { requiredTier: 1, severity: {} }).filter((f) => f.code === 'below-required-tier').map((f) => f.message);
    assert.equal(messages.length, 2);
    assert.match(messages[0], /^kubelet on linux\/arm64 is tier 3 \(.*\), below the required tier 1 \(.*\); linux\/arm64 itself is tier 2\.$/);
    assert.match(messages[1], /^linux\/arm64 is tier 2 \(.*\), below the required tier 1 \(.*\)\.$/);
  });
});
