import { parseAllDocuments, isMap, isScalar, isSeq, isPair, type Node, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { MentionSink, emitPairs, readPlatformList, roleOf, token, type Role, type Token } from './mention';
import { parsePlatform } from '../platform/parse';
import { maskTemplates } from './template';
import { scanShell } from './shell';

/** What kind of YAML file: some keys mean more in some files (goreleaser defaults, workflow matrices). */
export type YamlFlavour = 'yaml' | 'github-workflow' | 'goreleaser' | 'gitlab-ci';

/** Keys whose values are text for a person. */
const PROSE_KEYS = new Set([
  'name', 'description', 'title', 'summary', 'help', 'message', 'msg', 'text', 'body', 'comment', 'comments',
  'note', 'notes', 'about', 'usage', 'footer', 'header', 'if', 'when', 'label', 'labels', 'annotations',
  'long_description', 'short_description', 'changelog', 'release_notes', 'release-notes', 'caption',
]);
const FLAG = /^--?(?:[a-z0-9]+-)*(?:platforms?|osarch)$/;
const WHOLE_SLASH = /^[A-Za-z0-9]+\/[A-Za-z0-9_]+(?:\/[A-Za-z0-9.]+)?$/;
const MATRIX_USE = /([A-Za-z_][A-Za-z0-9_]*|-(?:-[a-z0-9]+)*-platforms?)["']?\s*[:= ]\s*["']?\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}/g;
const GORELEASER_DEFAULT_GOOS = ['darwin', 'linux', 'windows'];
const GORELEASER_DEFAULT_GOARCH = ['386', 'amd64', 'arm64'];

interface Ctx {
  text: string;
  sink: MentionSink;
  flavour: YamlFlavour;
  path: string[];
  /** Matrix keys that act as GOOS/GOARCH/platform through `${{ matrix.key }}` in their job. */
  matrixRoles?: Map<string, Role>;
}

/**
 * Scans YAML in text[start, end): one or more documents. Where a document does not parse, its
 * lines are scanned one by one instead, so a broken file still gets platform checks.
 * `path` is where the region sits in a larger document (a job cut out of `jobs:`).
 */
export function scanYaml(text: string, start: number, end: number, sink: MentionSink, flavour: YamlFlavour, path: string[] = []): void {
  const src = text.slice(start, end);
  let docs;
  try {
    docs = parseAllDocuments(src, { prettyErrors: false, uniqueKeys: false, strict: false});
  } catch {
    scanYamlLines(text, start, end, sink);
    return;
  }
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    const range = doc.range ?? [0, src.length];
    if (doc.errors.length > 0) {
      scanYamlLines(text, start + range[0], start + range[2], sink);
      continue;
    }
    if (doc.contents) walk(doc.contents as Node, { text, sink, flavour, path }, start);
  }
}

function keyName(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return '';
}

/** Document offsets of a scalar's content: inside quotes, below a block scalar's header. */
function contentRange(node: Scalar, base: number, text: string): { s: number; e: number; literal: boolean } | undefined {
  const r = node.range;
  if (!r) return undefined;
  let s = base + r[0];
  let e = base + r[1];
  switch (node.type) {
    case 'QUOTE_DOUBLE':
    case 'QUOTE_SINGLE':
      return { s: s + 1, e: Math.max(s + 1, e - 1), literal: false };
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      const nl = text.indexOf('\n', s);
      s = nl < 0 || nl > e ? e : nl + 1;
      return { s, e, literal: node.type === 'BLOCK_LITERAL' };
    }
    default:
      return { s, e, literal: false };
  }
}

function walk(node: Node, ctx: Ctx, base: number): void {
  if (isMap(node)) walkMap(node, ctx, base);
  else if (isSeq(node)) walkSeq(node, ctx, base);
  else if (isScalar(node)) scanScalar(node, ctx, base, undefined);
}

function roleFor(key: string, ctx: Ctx): Role | undefined {
  const own = roleOf(key);
  if (own) return own;
  const inMatrix = ctx.path.length >= 2 && ctx.path[ctx.path.length - 1] === 'matrix';
  return inMatrix ? ctx.matrixRoles?.get(key) : undefined;
}

/** The name tokens of a GOOS/GOARCH-like value: a scalar (maybe a list) or a sequence of scalars. */
function nameTokens(node: unknown, ctx: Ctx, base: number): Token[] {
  const out: Token[] = [];
  const add = (n: Scalar) => {
    const r = contentRange(n, base, ctx.text);
    if (!r) return;
    const masked = maskTemplates(ctx.text, r.s, r.e, 'shell');
    out.push(...readPlatformList(ctx.sink, { text: ctx.text, masked, maskBase: r.s, start: r.s, end: r.e, role: 'os', context: '' }));
  };
  if (isScalar(node)) add(node);
  else if (isSeq(node)) for (const item of node.items) if (isScalar(item)) add(item);
  return out;
}

/** `{goos: darwin, goarch: arm}` entries of exclude/ignore/include lists, as plain strings. */
function entries(node: unknown, osKey: string, archKey: string): { os?: string; arch?: string; node: YAMLMap }[] {
  if (!isSeq(node)) return [];
  const out: { os?: string; arch?: string; node: YAMLMap }[] = [];
  for (const item of node.items) {
    if (!isMap(item)) continue;
    const os = item.get(osKey);
    const arch = item.get(archKey);
    out.push({
      ...(os !== undefined && os !== null ? { os: String(os) } : {}),
      ...(arch !== undefined && arch !== null ? { arch: String(arch) } : {}),
      node: item,
    });
  }
  return out;
}

function walkMap(node: YAMLMap, ctx: Ctx, base: number): void {
  const keys = new Map<string, { key: string; value: unknown }>();
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const key = keyName(pair.key);
    keys.set(key, { key, value: pair.value });
  }
  let osKey: string | undefined;
  let archKey: string | undefined;
  let variantKey: string | undefined;
  for (const key of keys.keys()) {
    const role = roleFor(key, ctx);
    if (role === 'os') osKey ??= key;
    else if (role === 'arch') archKey ??= key;
    else if (role === 'variant') variantKey ??= key;
  }
  const consumed = new Set<string>();
  // goreleaser's format_overrides and overrides select targets; they do not add any.
  const selector = ctx.path.includes('format_overrides') || ctx.path.includes('overrides');
  if (selector) {
    for (const k of [osKey, archKey, variantKey]) if (k !== undefined) consumed.add(k);
  } else if (osKey !== undefined || archKey !== undefined) {
    pairMapping(ctx, base, keys, osKey, archKey, variantKey);
    for (const k of [osKey, archKey, variantKey, 'exclude', 'ignore', 'include']) if (k !== undefined) consumed.add(k);
  }
  // Name/value lists: {name: KUBE_BUILD_PLATFORMS, value: "linux/amd64 linux/arm"}.
  const nameEntry = keys.get('name');
  if (nameEntry && isScalar(nameEntry.value)) {
    const role = roleOf(String(nameEntry.value.value));
    if (role === 'platform') {
      for (const k of ['value', 'default']) {
        const v = keys.get(k);
        if (v) {
          platformValue(v.value, ctx, base, String(nameEntry.value.value));
          consumed.add(k);
        }
      }
    }
  }
  const isJob = ctx.flavour === 'github-workflow' && ctx.path.length === 1 && ctx.path[0] === 'jobs';
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const key = keyName(pair.key);
    if (consumed.has(key)) continue;
    const value = pair.value as Node | null;
    if (value === null || value === undefined) continue;
    const role = roleFor(key, ctx);
    if (role === 'platform') {
      platformValue(value, ctx, base, key);
      continue;
    }
    if (role !== undefined) continue;
    const child: Ctx = { ...ctx, path: [...ctx.path, key] };
    if (isJob && isMap(value)) child.matrixRoles = matrixRoles(value, ctx.text, base);
    if (isScalar(value)) {
      if (!PROSE_KEYS.has(key.toLowerCase())) scanScalar(value, child, base, undefined);
      continue;
    }
    if (PROSE_KEYS.has(key.toLowerCase()) && key !== 'name') continue;
    walk(value, child, base);
  }
}

/** Roles of matrix keys in one job, from how the job uses them: `GOOS: ${{ matrix.os }}`. */
function matrixRoles(job: YAMLMap, text: string, base: number): Map<string, Role> {
  const roles = new Map<string, Role>();
  const r = job.range;
  if (!r) return roles;
  const src = text.slice(base + r[0], base + r[2]);
  if (src.indexOf('matrix.') < 0) return roles;
  MATRIX_USE.lastIndex = 0;
  for (let m = MATRIX_USE.exec(src); m; m = MATRIX_USE.exec(src)) {
    const role = m[1].startsWith('-') ? 'platform' : roleOf(m[1]);
    if (role && !roles.has(m[2])) roles.set(m[2], role);
  }
  return roles;
}

/**
 * A mapping with GOOS/GOARCH-like keys: one pair, or the cross product of lists (workflow matrices,
 * goreleaser builds, GitLab parallel matrices), minus exclude/ignore entries, plus include entries.
 */
function pairMapping(
  ctx: Ctx,
  base: number,
  keys: Map<string, { key: string; value: unknown }>,
  osKey: string | undefined,
  archKey: string | undefined,
  variantKey: string | undefined,
): void {
  const context = ctx.path.includes('matrix') ? 'matrix' : osKey && archKey ? `${osKey}/${archKey}` : (osKey ?? archKey ?? '');
  const oses = osKey ? nameTokens(keys.get(osKey)?.value, ctx, base) : [];
  const arches = archKey ? nameTokens(keys.get(archKey)?.value, ctx, base) : [];
  const variantValue = variantKey ? keys.get(variantKey)?.value : undefined;
  const variantNode = isSeq(variantValue) ? variantValue.items[0] : variantValue;
  const variant = isScalar(variantNode) ? String(variantNode.value) : undefined;
  const ok = osKey ?? 'goos';
  const ak = archKey ?? 'goarch';
  const excluded = [...entries(keys.get('exclude')?.value, ok, ak), ...entries(keys.get('ignore')?.value, ok, ak)];
  const isExcluded = (os: string | undefined, arch: string | undefined) =>
    excluded.some((x) => (x.os === undefined || x.os === os) && (x.arch === undefined || x.arch === arch) && (x.os !== undefined || x.arch !== undefined));
  const goreleaserBuild = ctx.flavour === 'goreleaser' && ctx.path[0] === 'builds';
  if (goreleaserBuild && (oses.length === 0 || arches.length === 0)) {
    // goreleaser builds every default goos × goarch that is not set.
    const osNames = oses.length > 0 ? oses.map((t) => t.text) : GORELEASER_DEFAULT_GOOS;
    const archNames = arches.length > 0 ? arches.map((t) => t.text) : GORELEASER_DEFAULT_GOARCH;
    for (const os of osNames) {
      for (const arch of archNames) {
        if (isExcluded(os, arch)) continue;
        const osTok = oses.find((t) => t.text === os);
        const archTok = arches.find((t) => t.text === arch);
        ctx.sink.add({
          kind: 'pair',
          ...(osTok ? { os: osTok } : { osName: os }),
          ...(archTok ? { arch: archTok } : { archName: arch }),
          ...(variant ? { variant } : {}),
          product: true,
          context: 'goreleaser build',
        });
      }
    }
  } else {
    emitPairs(ctx.sink, oses, arches, variant, context, isExcluded);
  }
  // include: explicit combinations; a lone value new to the matrix is a combination of its own.
  const include = keys.get('include')?.value;
  if (isSeq(include)) {
    for (const item of include.items) {
      if (!isMap(item)) continue;
      const ios = item.get(ok, true);
      const iarch = item.get(ak, true);
      const osT = ios ? nameTokens(ios, ctx, base) : [];
      const archT = iarch ? nameTokens(iarch, ctx, base) : [];
      const known = (ts: Token[], base_: Token[]) => ts.every((t) => base_.some((b) => b.text === t.text));
      if (osT.length > 0 && archT.length > 0) emitPairs(ctx.sink, osT.slice(0, 1), archT.slice(0, 1), undefined, 'matrix include');
      else if (osT.length > 0 && !known(osT, oses)) emitPairs(ctx.sink, osT.slice(0, 1), [], undefined, 'matrix include');
      else if (archT.length > 0 && !known(archT, arches)) emitPairs(ctx.sink, [], archT.slice(0, 1), undefined, 'matrix include');
      for (const p of item.items) {
        const k = keyName(p.key);
        if (k === ok || k === ak || !p.value) continue;
        if (roleOf(k) === 'platform') platformValue(p.value, { ...ctx, path: [...ctx.path, 'include'] }, base, k);
      }
    }
  }
}

/** A value under a platform-ish key: a scalar list, a sequence of them, or {value/default: …}. */
function platformValue(node: unknown, ctx: Ctx, base: number, key: string, listId?: number): void {
  if (isScalar(node)) {
    const r = contentRange(node, base, ctx.text);
    if (!r) return;
    const masked = maskTemplates(ctx.text, r.s, r.e, 'shell');
    readPlatformList(ctx.sink, { text: ctx.text, masked, maskBase: r.s, start: r.s, end: r.e, role: 'platform', context: key }, listId);
    return;
  }
  if (isSeq(node)) {
    const id = listId ?? ctx.sink.newList();
    for (const item of node.items) {
      if (!isScalar(item)) continue;
      const before = ctx.sink.mentions.length;
      platformValue(item, ctx, base, key, id);
      if (ctx.sink.mentions.length === before + 1 && item.range) {
        const m = ctx.sink.mentions[before];
        if (m.kind === 'whole') m.removeRange = seqItemRange(ctx.text, base + item.range[0], base + item.range[1], node.flow === true);
      }
    }
    return;
  }
  if (isMap(node)) {
    for (const k of ['value', 'default']) {
      const v = node.get(k, true);
      if (v) platformValue(v, ctx, base, key);
    }
  }
}

/** What to delete to drop one sequence item: its whole line in a block list, item and comma in a flow list. */
function seqItemRange(text: string, s: number, e: number, flow: boolean): { start: number; end: number } {
  if (flow) {
    let k = e;
    while (k < text.length && /[ \t]/.test(text[k])) k++;
    if (text[k] === ',') {
      k++;
      while (k < text.length && /[ \t]/.test(text[k])) k++;
      return { start: s, end: k };
    }
    let b = s;
    while (b > 0 && /[ \t]/.test(text[b - 1])) b--;
    if (text[b - 1] === ',') return { start: b - 1, end: e };
    return { start: s, end: e };
  }
  const lineStart = text.lastIndexOf('\n', s - 1) + 1;
  const before = text.slice(lineStart, s);
  if (!/^\s*-\s*$/.test(before)) return { start: s, end: e };
  const nl = text.indexOf('\n', e);
  return { start: lineStart, end: nl < 0 ? text.length : nl + 1 };
}

function walkSeq(node: YAMLSeq, ctx: Ctx, base: number): void {
  const listId = ctx.sink.newList();
  // Name/value entries that split a pair over two items: [{name: GOOS, value: linux}, {name: GOARCH, value: arm}].
  const oses: Token[] = [];
  const arches: Token[] = [];
  for (const item of node.items) {
    if (!isMap(item)) continue;
    const n = item.get('name');
    const role = typeof n === 'string' ? roleOf(n) : undefined;
    if (role !== 'os' && role !== 'arch') continue;
    const v = item.get('value', true) ?? item.get('default', true);
    const names = nameTokens(v, ctx, base).slice(0, 1);
    (role === 'os' ? oses : arches).push(...names);
  }
  if (oses.length > 0 || arches.length > 0) emitPairs(ctx.sink, oses.slice(0, 1), arches.slice(0, 1), undefined, 'env');

  for (let k = 0; k < node.items.length; k++) {
    const item = node.items[k] as Node;
    if (!isScalar(item)) {
      if (item) walk(item, ctx, base);
      continue;
    }
    const raw = String(item.value ?? '');
    if (FLAG.test(raw) && k + 1 < node.items.length && isScalar(node.items[k + 1])) {
      // ["--platform", "linux/amd64"]: the flag's value is the next argument.
      platformValue(node.items[k + 1], ctx, base, raw);
      k++;
      continue;
    }
    scanScalar(item, ctx, base, listId);
  }
}

/** Any other scalar: a whole slash platform counts; its text is scanned as shell for flags, URLs, assignments. */
function scanScalar(node: Scalar, ctx: Ctx, base: number, listId: number | undefined): void {
  const r = contentRange(node, base, ctx.text);
  if (!r || r.e <= r.s) return;
  if (typeof node.value !== 'string') return;
  const value = node.value.trim();
  if (WHOLE_SLASH.test(value)) {
    const platform = parsePlatform(value, 'loose');
    if (platform) {
      const s = r.s + ctx.text.slice(r.s, r.e).indexOf(value);
      ctx.sink.add({
        kind: 'whole',
        token: token(ctx.text, s, s + value.length),
        platform,
        strict: false,
        canonical: 'as-written',
        ...(listId !== undefined ? { listId } : {}),
        context: 'platform value',
      });
      return;
    }
  }
  scanShell(ctx.text, r.s, r.e, ctx.sink, { mode: 'shell', foldNewlines: !r.literal });
}

const LINE_KEY = /^(\s*(?:-\s+)?)([A-Za-z0-9_.-]+)(\s*:\s+|\s*:$)/;

/** Broken YAML: each line on its own, as `key: value` where it looks like one. */
export function scanYamlLines(text: string, start: number, end: number, sink: MentionSink): void {
  let i = start;
  while (i < end) {
    let nl = text.indexOf('\n', i);
    if (nl < 0 || nl > end) nl = end;
    const line = text.slice(i, nl);
    if (!/^\s*#/.test(line) && line.trim() !== '') {
      let e = nl;
      const hash = line.search(/\s#/);
      if (hash >= 0) e = i + hash;
      const m = LINE_KEY.exec(line);
      let vs = i;
      let role: Role | undefined;
      if (m) {
        vs = i + m[0].length;
        role = roleOf(m[2]);
        if (PROSE_KEYS.has(m[2].toLowerCase())) {
          i = nl + 1;
          continue;
        }
      } else {
        const dash = /^\s*-\s+/.exec(line);
        if (dash) vs = i + dash[0].length;
      }
      if (role === 'platform') {
        const masked = maskTemplates(text, vs, e, 'shell');
        readPlatformList(sink, { text, masked, maskBase: vs, start: vs, end: e, role, context: m ? m[2] : '' });
      } else if (role === 'os' || role === 'arch') {
        const masked = maskTemplates(text, vs, e, 'shell');
        const names = readPlatformList(sink, { text, masked, maskBase: vs, start: vs, end: e, role, context: '' });
        emitPairs(sink, role === 'os' ? names.slice(0, 1) : [], role === 'arch' ? names.slice(0, 1) : [], undefined, m ? m[2] : '');
      } else {
        const value = text.slice(vs, e).trim().replace(/^["']|["']$/g, '');
        const platform = WHOLE_SLASH.test(value) ? parsePlatform(value, 'loose') : undefined;
        if (platform) {
          const s = text.indexOf(value, vs);
          sink.add({ kind: 'whole', token: token(text, s, s + value.length), platform, strict: false, canonical: 'as-written', context: 'platform value' });
        } else scanShell(text, vs, e, sink, { mode: 'shell', foldNewlines: true });
      }
    }
    i = nl + 1;
  }
}
