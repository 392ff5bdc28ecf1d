/**
 * Every regular expression in server/src, run against adversarial subjects (long runs of the
 * characters it matches, alternations, its own words pumped, seeded random pumps, each with a
 * failing tail) at 5,000 and 20,000 characters: time that grows more than 10× for 4× the input is
 * super-linear. A regex the engine only applies to short slices is checked at that length instead.
 * The checks run in a child process with a deadline, so a catastrophic regex fails the test
 * instead of hanging it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { collectRegexes, type FoundRegex, type Verdict } from './regexes';
import type { CheckRequest } from './regexCheck';

/** Regexes applied only to slices of bounded length: where the bound comes from. */
const BOUNDED: { file: string; source: string; bound: number; why: string }[] = [
  { file: 'scanners/chunks.ts', source: '^([^:#\\s][^:#]*?)\\s*:(\\s|$)', bound: 200, why: 'chunkYaml matches text.slice(i, Math.min(nl, i + 200))' },
  { file: 'scanners/chunks.ts', source: ':\\s*(#.*)?\\r?$', bound: 256, why: 'splitChildren skips headers longer than MAX_HEADER (256)' },
  { file: 'scanners/yaml.ts', source: '([A-Za-z_][A-Za-z0-9_]*|-(?:-[a-z0-9]+)*-platforms?)["\']?[ \\t]*([:= ])[ \\t]*["\']?$', bound: 80, why: 'matrixRoles matches at most the 80 characters before each ${{ matrix.x }}' },
  { file: 'lint.ts', source: '(^|\\/)\\.gitlab(?:\\/ci|-ci)\\/.+\\.ya?ml$', bound: 4096, why: 'a file path (PATH_MAX)' },
  { file: 'features/hover.ts', source: '([A-Za-z_][\\w-]*)["\']?[ \\t]*:[ \\t]*(?:\\[[^\\]\\[{}:]*)?["\']?$', bound: 400, why: 'leftOutName reads no line whose text before the word is over 400 characters' },
  ...[
    '--?(?:[a-z0-9]+-)*(?:[a-z][a-z0-9]*)?(?:platforms?|osarch)\\b',
    '([A-Za-z_][A-Za-z0-9_]*)(\\s*)(?:\\?|::?|\\+|!)?=',
    '^(\\s*(?:-\\s+)*)["\']?([A-Za-z_][\\w./-]*|<<)["\']?\\s*:(?:\\s+(.*))?$',
    '#.*$',
    '^(\\s*)-\\s+(.*)$',
    '["\'\\s]|#.*$',
    '(?:^|[\\s;&|(@+-])for\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+in\\s+([^;]*)$',
    '^\\s+$|^\\s+[^:#]*[\\s,]$',
  ].map((source) => ({
    file: 'features/completionContext.ts',
    source,
    bound: 1025,
    why: 'completionSite does not look into a line over MAX_LINE (1024) characters and cuts the lines around it there (40 KB lines took 6 to 8 s before)',
  })),
  { file: 'explain.ts', source: '(\\.(sha256|sha512|sig|cert|pem|docker_tag|tar|gz|tgz|zip|exe))+$', bound: 120, why: "hover's artifactAt gives up on words over 120 characters, explainInput on inputs over 120" },
];

/** Reported to their owners when found; none is left. */
const KNOWN: { file: string; source: string; owner: string }[] = [];

const fileOf = (r: FoundRegex) => r.where.slice(0, r.where.lastIndexOf(':'));
const matches = (r: FoundRegex, e: { file: string; source: string }) => fileOf(r) === e.file && r.source === e.source;

const found = collectRegexes();
const requests: CheckRequest[] = found.map((r) => {
  const bounded = BOUNDED.find((b) => matches(r, b));
  const known = KNOWN.some((k) => matches(r, k));
  return { found: r, small: known ? 2000 : 5000, ...(bounded ? { bound: bounded.bound } : {}) };
});

/** Runs the checks in a child process; a regex that never finishes is named by the child's last line. */
function check(reqs: CheckRequest[]): { verdicts: Verdict[]; hung?: string; ms: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(__dirname, 'regexCheck.ts')], {
    input: JSON.stringify(reqs),
    encoding: 'utf8',
    timeout: 240_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const verdicts = r.stdout.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Verdict);
  const lastStarted = r.stderr.trim().split('\n').pop();
  return { verdicts, ...(verdicts.length < reqs.length ? { hung: `${lastStarted} (child ${r.signal ?? `exit ${r.status}`}: ${r.error?.message ?? r.stderr.slice(-500)})` } : {}), ms: performance.now() - t0 };
}

describe('no regular expression in the engine is super-linear', () => {
  const result = check(requests);

  it('finds the regexes of every source file, and the lists above name only regexes that exist', (t) => {
    t.diagnostic(`${found.length} regexes in ${new Set(found.map(fileOf)).size} files, ${result.verdicts.reduce((n, v) => n + v.attacks, 0)} adversarial subject families, checked in ${(result.ms / 1000).toFixed(1)} s`);
    assert.ok(found.length > 100, `found ${found.length}`);
    for (const f of ['scanners/yamlTree.ts', 'scanners/shell.ts', 'scanners/artifacts.ts', 'platform/parse.ts', 'cli.ts']) {
      assert.ok(found.some((r) => fileOf(r) === f), `regexes of ${f} found`);
    }
    for (const e of [...BOUNDED, ...KNOWN]) assert.ok(found.some((r) => matches(r, e)), `listed regex still in ${e.file}: /${e.source}/`);
    assert.equal(result.hung, undefined, `every check finished; the last one started was ${result.hung}`);
  });

  for (const [i, r] of found.entries()) {
    const known = KNOWN.find((k) => matches(r, k));
    const bounded = BOUNDED.find((b) => matches(r, b));
    const title = `${r.where} /${r.source.length > 70 ? `${r.source.slice(0, 70)}…` : r.source}/${r.flags}${bounded ? ` (≤ ${bounded.bound} chars: ${bounded.why})` : ''}${r.dynamic ? ` (${r.dynamic})` : ''}`;
    it(title, known ? { todo: `super-linear, for the ${known.owner}` } : {}, () => {
      const v = result.verdicts[i];
      assert.ok(v, 'checked');
      assert.ok(
        !v.superLinear,
        bounded
          ? `${v.largeMs.toFixed(1)} ms on ${bounded.bound} characters of ${v.attack}`
          : `super-linear: ${v.attack} took ${v.smallMs.toFixed(1)} ms at ${requests[i].small} characters and ${v.largeMs.toFixed(1)} ms at ${requests[i].small * 4} (${v.ratio.toFixed(1)}×)`,
      );
    });
  }
});
