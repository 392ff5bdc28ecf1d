/**
 * Linting hostile and odd files with a time bound. The bounds are generous (slow CI machines
 * pass) but a hang or a quadratic blow-up on the sizes tested takes minutes, so it fails. Time is
 * the smaller of wall and CPU time: a busy machine slows the wall clock, not the CPU time a scan
 * needs.
 */
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { judge, scanText, type FileKind, type ScanResult } from '../../server/src/lint';
import type { Finding } from '../../server/src/rules/finding';
import { MODEL, SETTINGS, checkScan } from './engine';

export interface Linted {
  scan: ScanResult;
  findings: Finding[];
  ms: number;
}

/** Lints with the default settings, checks the scan invariants and the time bound. */
export function lint(t: TestContext, text: string, kind: FileKind, budgetMs: number): Linted {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const scan = scanText(text, kind);
  const findings = judge(scan, MODEL, SETTINGS);
  const wall = performance.now() - t0;
  const cpuUsed = process.cpuUsage(cpu0);
  const cpu = (cpuUsed.user + cpuUsed.system) / 1000;
  const ms = Math.min(wall, cpu);
  if (text.length >= 100_000 || wall > 500) t.diagnostic(`${kind}: ${text.length.toLocaleString('en')} UTF-16 units, ${findings.length} findings, ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU${scan.notes.length > 0 ? `; notes: ${scan.notes.join(' | ')}` : ''}`);
  assert.ok(ms < budgetMs, `${kind} scan of ${text.length} units took ${wall.toFixed(0)} ms wall / ${cpu.toFixed(0)} ms CPU, over the ${budgetMs} ms bound`);
  checkScan(scan, findings);
  return { scan, findings, ms };
}

/** The findings as `code token@offset`, the shape most outcomes below are stated in. */
export function brief(text: string, findings: Finding[]): string[] {
  return findings.map((f) => `${f.code} ${text.slice(f.start, f.end)}@${f.start}`);
}

export function codeCounts(findings: Finding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.code] = (out[f.code] ?? 0) + 1;
  return out;
}

/** One line per kind that holds a removed platform, `linux/arm` or `arm` (the token reported). */
export const ARM_LINE: Record<FileKind, { line: string; token: string }> = {
  'github-workflow': { line: 'platforms: linux/amd64,linux/arm', token: 'linux/arm' },
  goreleaser: { line: 'platforms: linux/amd64,linux/arm', token: 'linux/arm' },
  'gitlab-ci': { line: 'platforms: linux/amd64,linux/arm', token: 'linux/arm' },
  yaml: { line: 'platforms: linux/amd64,linux/arm', token: 'linux/arm' },
  makefile: { line: 'PLATFORMS := linux/amd64 linux/arm', token: 'linux/arm' },
  dockerfile: { line: 'FROM --platform=linux/arm alpine', token: 'linux/arm' },
  shell: { line: 'docker buildx build --platform linux/amd64,linux/arm .', token: 'linux/arm' },
};

/** Asserts exactly one finding, removed-platform on the last `token` in the text. */
export function assertOneRemoved(text: string, findings: Finding[], token = 'linux/arm'): void {
  const at = text.lastIndexOf(token);
  assert.deepEqual(brief(text, findings), [`removed-platform ${token}@${at}`]);
}

