import { MentionSink, type Mention, type Token } from './scanners/mention';
import { scanYaml, type YamlFlavour } from './scanners/yaml';
import { scanMakefile } from './scanners/makefile';
import { scanDockerfile } from './scanners/dockerfile';
import { scanShell } from './scanners/shell';
import { chunkYaml, type Chunk } from './scanners/chunks';
import type { TierModel } from './model/query';
import { DEFAULT_SEVERITY, type Code, type Finding, type LintSettings, type RawFinding } from './rules/finding';
import { subjectOf, type Subject } from './rules/subject';
import { findRemovedPlatform, removedEntry } from './rules/removedPlatform';
import { findUnknownPlatform } from './rules/unknownPlatform';
import { findUnsupportedPlatform } from './rules/unsupportedPlatform';
import { findArtifactUnavailable } from './rules/artifactUnavailable';
import { findBelowRequiredTier } from './rules/belowRequiredTier';
import { findDuplicatePlatforms } from './rules/duplicatePlatform';
import { findNonCanonicalPlatform } from './rules/nonCanonicalPlatform';
import { findSuppressions, isSuppressed } from './rules/suppression';
import { LineIndex } from './lineIndex';

export type FileKind = 'github-workflow' | 'goreleaser' | 'gitlab-ci' | 'yaml' | 'makefile' | 'dockerfile' | 'shell';

const LANGUAGE_KINDS: Record<string, FileKind> = {
  'github-actions-workflow': 'github-workflow',
  yaml: 'yaml',
  makefile: 'makefile',
  dockerfile: 'dockerfile',
  shellscript: 'shell',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
};

/**
 * The kind of a file, by path first (a workflow is a workflow whatever the editor calls it), then
 * by editor language id, then by a shebang line.
 */
export function detectFileKind(path: string, languageId?: string, firstLine?: string): FileKind | undefined {
  const p = path.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(p)) return 'github-workflow';
  if (/^\.?goreleaser\.ya?ml$/i.test(base)) return 'goreleaser';
  if (/^\.gitlab-ci\.ya?ml$/i.test(base) || /(^|\/)\.gitlab\/ci\/.+\.ya?ml$/i.test(p)) return 'gitlab-ci';
  if (/\.ya?ml$/i.test(base)) return languageId === 'github-actions-workflow' ? 'github-workflow' : 'yaml';
  if (lower === 'makefile' || lower === 'gnumakefile' || /\.mk$/i.test(base) || /^makefile\./i.test(base)) return 'makefile';
  if (/^(docker|container)file$/i.test(base) || /^(docker|container)file\./i.test(base) || /\.(docker|container)file$/i.test(base)) return 'dockerfile';
  if (/\.(sh|bash|zsh|ksh)$/i.test(base)) return 'shell';
  if (languageId && LANGUAGE_KINDS[languageId]) return LANGUAGE_KINDS[languageId];
  if (firstLine !== undefined && /^#!.*\b(ba|z|k|da)?sh\b/.test(firstLine)) return 'shell';
  return undefined;
}

/** What one scan of a text produced; every feature reads it, nothing scans twice. */
export interface ScanResult {
  text: string;
  kind: FileKind;
  mentions: Mention[];
  lines: LineIndex;
}

/** Scan results of unchanged blocks, kept between versions of one document. */
export class ChunkCache {
  private entries = new Map<string, Mention[]>();
  private next = new Map<string, Mention[]>();

  get(key: string): Mention[] | undefined {
    const hit = this.entries.get(key) ?? this.next.get(key);
    if (hit) this.next.set(key, hit);
    return hit;
  }

  set(key: string, mentions: Mention[]): void {
    this.next.set(key, mentions);
  }

  /** Forgets blocks the last scan did not use. */
  sweep(): void {
    this.entries = this.next;
    this.next = new Map();
  }
}

function scanRegion(text: string, kind: FileKind, sink: MentionSink, chunk: Chunk): void {
  switch (kind) {
    case 'makefile':
      return scanMakefile(text, chunk.start, chunk.end, sink);
    case 'dockerfile':
      return scanDockerfile(text, chunk.start, chunk.end, sink);
    case 'shell':
      return scanShell(text, chunk.start, chunk.end, sink, { mode: 'shell' });
    default:
      return scanYaml(text, chunk.start, chunk.end, sink, kind as YamlFlavour, chunk.path);
  }
}

function shift(t: Token, by: number): Token {
  return { start: t.start + by, end: t.end + by, text: t.text };
}

function shiftMention(m: Mention, by: number, listBase: number): Mention {
  if (by === 0 && listBase === 0) return m;
  if (m.kind === 'whole') {
    return {
      ...m,
      token: shift(m.token, by),
      ...(m.listId !== undefined ? { listId: m.listId + listBase } : {}),
      ...(m.removeRange ? { removeRange: { start: m.removeRange.start + by, end: m.removeRange.end + by } } : {}),
    };
  }
  return { ...m, ...(m.os ? { os: shift(m.os, by) } : {}), ...(m.arch ? { arch: shift(m.arch, by) } : {}) };
}

/**
 * Finds every platform mention in a text of one kind. YAML is scanned block by block; with a
 * cache, blocks whose text did not change since the last scan are not scanned again.
 */
export function scanText(text: string, kind: FileKind, cache?: ChunkCache): ScanResult {
  const lines = new LineIndex(text);
  const yaml = kind !== 'makefile' && kind !== 'dockerfile' && kind !== 'shell';
  const chunks: Chunk[] = yaml ? chunkYaml(text) : [{ start: 0, end: text.length, path: [] }];
  const mentions: Mention[] = [];
  chunks.forEach((chunk, index) => {
    const listBase = index * 2 ** 20;
    const body = text.slice(chunk.start, chunk.end);
    const key = chunk.path.length > 0 ? `${chunk.path.join('\u0000')}\u0001${body}` : body;
    let found = cache?.get(key);
    if (!found) {
      const sink = new MentionSink();
      scanRegion(body, kind, sink, { start: 0, end: body.length, path: chunk.path });
      found = sink.mentions;
      cache?.set(key, found);
    }
    for (const m of found) mentions.push(shiftMention(m, chunk.start, listBase));
  });
  cache?.sweep();
  return { text, kind, mentions, lines };
}

const PRIORITY: Record<Code, number> = {
  'removed-platform': 0,
  'unknown-platform': 1,
  'unsupported-platform': 2,
  'artifact-unavailable': 3,
  'below-required-tier': 4,
  'duplicate-platform': 5,
  'non-canonical-platform': 6,
};

/** Judges the mentions of a scan against the model: the findings, sorted, suppressions applied. */
export function judge(scan: ScanResult, model: TierModel, settings: LintSettings): Finding[] {
  const subjects: Subject[] = scan.mentions.map(subjectOf);
  const raw: { f: RawFinding; pair: boolean }[] = [];
  const removedSubjects = new Set<Subject>(subjects.filter((s) => removedEntry(s, model) !== undefined));
  const duplicates = findDuplicatePlatforms(subjects, (s) => removedSubjects.has(s));
  for (const f of duplicates.values()) raw.push({ f, pair: false });
  for (const s of subjects) {
    const pair = s.mention.kind === 'pair';
    const removed = findRemovedPlatform(s, model);
    if (removed) raw.push({ f: removed, pair });
    else {
      const f = findUnknownPlatform(s, model) ?? findUnsupportedPlatform(s, model) ?? findBelowRequiredTier(s, model, settings.requiredTier);
      if (f) raw.push({ f, pair });
      // A repeat is to be removed, not respelled.
      const nc = duplicates.has(s) ? undefined : findNonCanonicalPlatform(s);
      if (nc) raw.push({ f: nc, pair });
    }
    const a = findArtifactUnavailable(s, model);
    if (a) raw.push({ f: a, pair });
  }

  const suppressions = scan.text.includes('k8s-platforms-ignore') ? findSuppressions(scan.text, (o) => scan.lines.lineOf(o)) : undefined;
  // One finding per token and code; a value shared by several pairs of a cross product gets the
  // most severe code only.
  const byToken = new Map<string, Finding>();
  for (const { f, pair } of raw) {
    const level = settings.severity[f.code] ?? DEFAULT_SEVERITY[f.code];
    if (level === 'off') continue;
    if (suppressions && isSuppressed(suppressions, scan.lines.lineOf(f.token.start), f.code)) continue;
    const key = pair ? `${f.token.start}:${f.token.end}` : `${f.token.start}:${f.token.end}:${f.code}`;
    const prev = byToken.get(key);
    if (prev && PRIORITY[prev.code] <= PRIORITY[f.code]) continue;
    byToken.set(key, {
      start: f.token.start,
      end: f.token.end,
      code: f.code,
      severity: level,
      message: f.message,
      ...(f.href ? { href: f.href } : {}),
      data: f.data,
    });
  }
  return [...byToken.values()].sort((a, b) => a.start - b.start || PRIORITY[a.code] - PRIORITY[b.code]);
}

/** The engine in one call: text in, findings out. */
export function lintText(text: string, kind: FileKind, model: TierModel, settings: LintSettings): Finding[] {
  return judge(scanText(text, kind), model, settings);
}
