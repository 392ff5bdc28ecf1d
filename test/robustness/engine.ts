/**
 * What every robustness test of the engine checks, whatever the input: the invariants a scan and
 * its findings must keep, the one model and settings object (the block cache keys on identity),
 * and how many runs a property gets.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { detectFileKind, judge, lintText, scanText, type FileKind, type ScanResult } from '../../server/src/lint';
import { builtinModel } from '../../server/src/model/load';
import type { Finding, LintSettings } from '../../server/src/rules/finding';
import type { Mention, Token } from '../../server/src/scanners/mention';

export const MODEL = builtinModel();
/**
 * Settings are one object each for the whole suite: findings are cached per block while the
 * settings object is the same. SETTINGS are the defaults; STRICT turns on every code
 * (below-required-tier needs tier 1) and moves one severity, so the properties see every rule.
 */
export const SETTINGS: LintSettings = Object.freeze({ requiredTier: 3, severity: Object.freeze({}) });
export const STRICT: LintSettings = Object.freeze({ requiredTier: 1, severity: Object.freeze({ 'non-canonical-platform': 'info' as const }) });

export const KINDS: readonly FileKind[] = ['github-workflow', 'goreleaser', 'gitlab-ci', 'yaml', 'makefile', 'dockerfile', 'shell'];
export const YAML_KINDS: readonly FileKind[] = ['github-workflow', 'goreleaser', 'gitlab-ci', 'yaml'];

/**
 * Runs per property: a short default so `npm test` stays fast, K8S_PLATFORMS_FUZZ_RUNS for a long
 * fuzz (`K8S_PLATFORMS_FUZZ_RUNS=20000 npm test`). The seed is fixed so a failure reproduces; set
 * K8S_PLATFORMS_FUZZ_SEED to explore other inputs.
 */
export function runs(defaultRuns: number): number {
  const env = Number(process.env.K8S_PLATFORMS_FUZZ_RUNS);
  return Number.isInteger(env) && env > 0 ? env : defaultRuns;
}

export function seed(ownSeed: number): number {
  const env = Number(process.env.K8S_PLATFORMS_FUZZ_SEED);
  return Number.isInteger(env) ? env ^ ownSeed : ownSeed;
}

export function fcParams(ownSeed: number, defaultRuns: number): { seed: number; numRuns: number; endOnFailure: boolean } {
  return { seed: seed(ownSeed), numRuns: runs(defaultRuns), endOnFailure: process.env.K8S_PLATFORMS_FUZZ_SHRINK === undefined };
}

/** Every token of a mention: a whole mention's token, a pair's os and arch values. */
export function mentionTokens(m: Mention): Token[] {
  if (m.kind === 'whole') return [m.token];
  return [m.os, m.arch].filter((t): t is Token => t !== undefined);
}

function show(text: string, start: number, end: number): string {
  return JSON.stringify(text.slice(Math.max(0, start - 20), end + 20));
}

/**
 * The invariants of one scan and its findings:
 * - every mention token lies in the text and its text is text.slice(start, end), not empty;
 * - every finding range lies in the text, is not empty, and is exactly the token of a mention;
 * - every removal range of a finding lies in the text and covers the finding.
 */
export function checkScan(scan: ScanResult, findings: Finding[]): void {
  const { text } = scan;
  const tokens = new Set<string>();
  for (const m of scan.mentions) {
    for (const t of mentionTokens(m)) {
      assert.ok(Number.isInteger(t.start) && Number.isInteger(t.end), `token offsets are integers: ${JSON.stringify(t)}`);
      assert.ok(0 <= t.start && t.start < t.end && t.end <= text.length, `token ${JSON.stringify(t)} lies in a text of ${text.length}`);
      assert.equal(text.slice(t.start, t.end), t.text, `token text at ${t.start}-${t.end} in ${show(text, t.start, t.end)}`);
      tokens.add(`${t.start}:${t.end}`);
    }
  }
  for (const f of findings) {
    assert.ok(0 <= f.start && f.start < f.end && f.end <= text.length, `finding ${f.code} ${f.start}-${f.end} lies in a text of ${text.length}`);
    assert.ok(tokens.has(`${f.start}:${f.end}`), `finding ${f.code} ${f.start}-${f.end} ${show(text, f.start, f.end)} covers a mention token`);
    assert.ok(f.message.length > 0, 'a finding has a message');
    const r = f.data.remove;
    if (r) {
      assert.ok(0 <= r.start && r.start <= f.start && f.end <= r.end && r.end <= text.length, `removal range ${r.start}-${r.end} covers finding ${f.start}-${f.end}`);
    }
  }
}

/** Scans and judges a text, checks the invariants, returns the findings. Throws on any violation. */
export function lintChecked(text: string, kind: FileKind, settings: LintSettings = STRICT): Finding[] {
  const scan = scanText(text, kind);
  const findings = judge(scan, MODEL, settings);
  checkScan(scan, findings);
  return findings;
}

/** A finding as a line a person can read in an assertion message. */
export function describeFinding(text: string, f: Finding): string {
  return `${f.start}-${f.end} ${f.code} ${JSON.stringify(text.slice(f.start, f.end))}`;
}

export function summary(text: string, findings: Finding[]): string[] {
  return findings.map((f) => describeFinding(text, f));
}

/** Lints a text in one call, the way the CLI does. */
export function lintFresh(text: string, kind: FileKind, settings: LintSettings = STRICT): Finding[] {
  return lintText(text, kind, MODEL, settings);
}

/** The labelled corpus (PRODUCT.md's sample files), read at test time; read-only. */
export const CORPUS_ROOT = resolve(__dirname, '../../../shared/corpus');

export interface CorpusFile {
  rel: string;
  text: string;
  kind: FileKind;
}

export function corpusFiles(): CorpusFile[] {
  const out: CorpusFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!name.endsWith('.expect') && name !== 'README.md') {
        const text = readFileSync(p, 'utf8');
        const kind = detectFileKind(p, undefined, text.split('\n')[0]);
        if (kind) out.push({ rel: relative(CORPUS_ROOT, p), text, kind });
      }
    }
  };
  walk(CORPUS_ROOT);
  return out;
}

/** Milliseconds a function takes, and what it returned. */
export function timed<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}
