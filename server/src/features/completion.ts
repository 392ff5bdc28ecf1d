import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { scannedPartners, scanText, YAML_KINDS, type FileKind, type ScanResult } from '../lint';
import { yamlScalarText } from '../scanners/yamlQuote';
import type { TierModel } from '../model/query';
import { DEFAULT_SETTINGS, type LintSettings } from '../rules/finding';
import { explainPlatform } from '../explain';
import { editDistance } from '../platform/distance';
import { ARCH_ALIASES, GO_PAIRS, platformIdentity, resolveArch, type Platform } from '../platform/names';
import { spell } from '../rules/subject';
import { parsePlatform, type Spelling } from '../platform/parse';
import { completionSite, type CompletionSite, type Partners, type Published } from './completionContext';
import { inLeftOutEntry } from '../scanners/yaml';
import { rangeOf } from './diagnostics';
import { explainLone, explainName } from './hover';

/** Characters after which a platform value can start: `linux/`, `GOOS=`, `a,`, `--platform `, `- `. */
export const TRIGGER_CHARACTERS = ['/', '=', ',', ' ', '"', '[', '_', '-'];

interface Candidate {
  label: string;
  /** Kubernetes tier; undefined for values Go builds and Kubernetes does not. */
  tier: number | undefined;
  documentation: () => string;
}

const GO_PAIR_LIST = [...GO_PAIRS].map((p) => p.split('/') as [string, string]);
const GO_OS_NAMES: ReadonlySet<string> = new Set(GO_PAIR_LIST.map(([os]) => os));
const GO_ARCH_NAMES: ReadonlySet<string> = new Set(GO_PAIR_LIST.map(([, arch]) => arch));

function detail(model: TierModel, tier: number | undefined, requiredTier = 3): string {
  if (tier === undefined) return 'Go only: in no Kubernetes tier';
  const info = model.tierInfo(tier);
  // k8sPlatforms.requiredTier 1: a tier 2 item would be reported as soon as it is accepted.
  return `Tier ${tier}${info ? ` (${info.name})` : ''}${tier > requiredTier ? `, below the required tier ${requiredTier}` : ''}`;
}

/** Whole platforms: Kubernetes tiers only (tier 1 first), removed ones left out. */
function platformCandidates(model: TierModel, site: Extract<CompletionSite, { role: 'platform' }>): Candidate[] {
  let rows: { os: string; arch: string; tier: number | undefined }[] = model
    .supportedPlatforms()
    .filter((p) => site.os === undefined || p.os === site.os)
    .map((p) => ({ os: p.os, arch: p.arch, tier: p.tier }));
  // A release archive's name: only the platforms it is published for.
  const published = site.published;
  // Likewise an image pulled or built on (`docker pull --platform ‸ registry.k8s.io/kube-proxy`).
  if (published?.kind === 'archive' || (published?.kind === 'image' && model.isImage(published.name))) return rows.filter((p) => model.artifactAvailable({ kind: published.kind, name: published.name }, p)).map((p) => candidate(model, p, site.spelling));
  // `freebsd/`: Kubernetes builds nothing there, so offer what Go builds.
  if (rows.length === 0 && site.os !== undefined) {
    rows = GO_PAIR_LIST.filter(([os]) => os === site.os).map(([os, arch]) => ({ os, arch, tier: undefined }));
  }
  return rows.map((p) => candidate(model, p, site.spelling));
}

/** The variants offered after `os/arch/`, in Docker's slash spelling: arm64's v8, amd64's levels. */
const VARIANT_OFFERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['arm64', ['v8']],
  ['amd64', ['v1', 'v2', 'v3', 'v4']],
]);

/**
 * `linux/arm64/` typed: the variants of that platform (`linux/arm64/v8`), where it has some and is
 * not removed; undefined for any other text.
 */
function variantCandidates(model: TierModel, typed: string): Candidate[] | undefined {
  const m = /^([a-z0-9]+)\/([a-z0-9]+)\/[a-z0-9]*$/.exec(typed);
  if (!m || !GO_PAIRS.has(`${m[1]}/${m[2]}`)) return undefined;
  const base = { os: m[1], arch: m[2] };
  const variants = VARIANT_OFFERS.get(base.arch);
  if (!variants || model.removed(base)) return undefined;
  const tier = model.tierOf(base);
  return variants.map((variant) => ({ label: `${base.os}/${base.arch}/${variant}`, tier, documentation: () => explainPlatform(model, { ...base, variant }) }));
}

function candidate(model: TierModel, p: { os: string; arch: string; tier: number | undefined }, spelling: Spelling): Candidate {
  const platform: Platform = { os: p.os, arch: p.arch };
  return { label: spell(platform, spelling), tier: p.tier, documentation: () => explainPlatform(model, platform) };
}

/** The best tier of the platforms a name takes part in, among `pairs`; removed pairs do not count. */
function bestTier(model: TierModel, pairs: Platform[]): number | undefined {
  let best: number | undefined;
  for (const p of pairs) {
    const t = model.tierOf(p);
    if (t !== undefined && (best === undefined || t < best)) best = t;
  }
  return best;
}

/**
 * GOOS or GOARCH values: those Go takes with every sibling value (all of them when there is none:
 * a matrix or a build makes every pair of its values, so an arch offered beside `goos: [linux,
 * darwin]` must build on both), Kubernetes tiers first, then the other Go values. A value that
 * would make a removed platform is left out. `own`: the siblings a value is paired with when it is
 * written, where those differ by value (an `exclude:` entry leaves darwin out for 386 only).
 */
function nameCandidates(model: TierModel, role: 'os' | 'arch', siblings: string[], leftOut = false, skipsInvalid = false, listed: readonly string[] = [], own?: (name: string) => string[] | undefined, lone = false): Candidate[] {
  const names = role === 'os' ? GO_OS_NAMES : GO_ARCH_NAMES;
  // Siblings Go knows (an arch by its Go name: `armv7` is arm); a templated or misspelt one says
  // nothing about what builds.
  const otherNames = role === 'os' ? GO_ARCH_NAMES : GO_OS_NAMES;
  const known = (siblings: string[]) => {
    const named = role === 'os' ? siblings.map((s) => resolveArch(s)?.arch ?? s) : siblings;
    // (A typo one edit from a single Go name is read as that name, as its diagnostic's "did you mean" does: `GOOS=lnux` is linux.)
    return [...new Set(named.map((s) => (otherNames.has(s) ? s : meant(s, otherNames))).filter((s): s is string => s !== undefined))];
  };
  const others = known(siblings);
  /** The pairs `name` makes with `others`, or undefined where it may not be written. */
  const pairsOf = (name: string, others: string[]): Platform[] | undefined => {
    const pairOf = (other: string): Platform => (role === 'os' ? { os: name, arch: other } : { os: other, arch: name });
    if (others.length === 0) return GO_PAIR_LIST.filter(([os, arch]) => (role === 'os' ? os : arch) === name).map(([os, arch]) => ({ os, arch }));
    const pairs = others.map(pairOf).filter((p) => GO_PAIRS.has(`${p.os}/${p.arch}`));
    // (An exclude or ignore entry names what is not built: a removed platform, or a pair Go does
    // not know that the matrix makes, is what it is for.)
    if (leftOut) return pairs;
    // (A goreleaser build skips the pairs Go does not know: a name valid with one sibling builds.)
    if (pairs.length < (skipsInvalid ? 1 : others.length) || pairs.some((p) => model.removed(p))) return undefined;
    // (Nor may it leave a sibling with no valid pair at all: each must still build with a value of the list.)
    if (skipsInvalid && pairs.length < others.length && !others.every((o) => [name, ...listed].some((v) => GO_PAIRS.has(role === 'os' ? `${v}/${o}` : `${o}/${v}`)))) return undefined;
    return pairs;
  };
  const out: Candidate[] = [];
  for (const name of names) {
    let pairs = pairsOf(name, others);
    if (!pairs && own) {
      const written = own(name);
      if (written) pairs = pairsOf(name, known(written));
    }
    if (!pairs) continue;
    const tier = bestTier(model, pairs);
    // `GOARCH=arm` with no GOOS is judged as linux/arm, removed: not offered either.
    if (!leftOut && tier === undefined && pairs.some((p) => model.removed(p))) continue;
    const single = pairs.length === 1 ? pairs[0] : undefined;
    out.push({
      label: name,
      tier,
      // (A value with no other half around it is documented as its hover reads it: a GOARCH as linux's.)
      documentation: () => (lone ? explainLone(model, role, name) : single ? explainPlatform(model, single) : explainName(model, role, name)),
    });
  }
  return out;
}

/** The one name of `names` a typo is an edit from (`lnux`: linux), if there is exactly one. */
function meant(typo: string, names: ReadonlySet<string>): string | undefined {
  if (typo.length < 3 || !/^[a-z0-9]+$/.test(typo)) return undefined;
  let found: string | undefined;
  for (const n of names) {
    if (Math.abs(n.length - typo.length) > 1 || editDistance(typo, n) !== 1) continue;
    if (found !== undefined) return undefined;
    found = n;
  }
  return found;
}

/**
 * The os or arch names of a release URL or archive name: only platforms of a tier that the release
 * publishes the artifact for (any binary, when the URL names none the model knows).
 */
function publishedCandidates(model: TierModel, role: 'os' | 'arch', siblings: string[], published: Published): Candidate[] {
  const has = (p: Platform): boolean => {
    if (published.kind === 'archive' || published.kind === 'image') return model.artifactAvailable({ kind: published.kind, name: published.name }, p);
    if (published.name !== undefined && model.isBinary(published.name)) return model.artifactAvailable({ kind: 'binary', name: published.name, form: published.form }, p);
    return model.artifactsFor(p).binaries.length > 0;
  };
  const byName = new Map<string, Platform[]>();
  for (const row of model.supportedPlatforms()) {
    const p: Platform = { os: row.os, arch: row.arch };
    if (siblings.length > 0 && !siblings.includes(role === 'arch' ? p.os : p.arch)) continue;
    if (!has(p)) continue;
    const name = role === 'os' ? p.os : p.arch;
    byName.set(name, [...(byName.get(name) ?? []), p]);
  }
  return [...byName].map(([name, pairs]) => ({
    label: name,
    tier: bestTier(model, pairs),
    documentation: () => (pairs.length === 1 ? explainPlatform(model, pairs[0]) : explainName(model, role, name)),
  }));
}

/** Package architecture names of the platforms that have Kubernetes packages, in the format's spelling. */
function packageCandidates(model: TierModel, format: 'deb' | 'rpm'): Candidate[] {
  const out: Candidate[] = [];
  for (const row of model.supportedPlatforms()) {
    const platform: Platform = { os: row.os, arch: row.arch };
    const names = model.artifactsFor(platform).packages;
    if (names) out.push({ label: names[format], tier: row.tier, documentation: () => explainPlatform(model, platform) });
  }
  return out;
}

/** Table order of the model, so tier 1 comes first and ties keep the source document's order. */
function order(model: TierModel, role: CompletionSite['role']): (c: Candidate) => number {
  const rows = model.supportedPlatforms();
  return (c) => {
    const i = rows.findIndex((p) => (role === 'os' ? p.os === c.label : role === 'arch' ? p.arch === c.label : false));
    return i < 0 ? rows.length : i;
  };
}

function sortCandidates(model: TierModel, role: CompletionSite['role'], list: Candidate[]): Candidate[] {
  const rank = order(model, role);
  return list
    .map((c, i) => ({ c, i, r: rank(c) }))
    .sort((a, b) => (a.c.tier ?? 9) - (b.c.tier ?? 9) || (a.c.tier === undefined ? a.c.label.localeCompare(b.c.label) : a.r - b.r || a.i - b.i))
    .map((x) => x.c);
}

/**
 * What the editor filters an item by: its label, or, when the user is typing an alias of its arch
 * (`linux/x86` for linux/amd64, `aarch` for arm64), the label in that spelling, so the item stays.
 */
function filterFor(label: string, typed: string): string | undefined {
  const f = aliasFilter(label, typed);
  if (typed === '' || inOrder(typed, f)) return f;
  // Typed in another spelling (`linux-`, `linux_a`, arch first: `amd64/`): the label respelled so.
  const m = /^([A-Za-z0-9_]+)([/-])/.exec(typed) ?? /^([A-Za-z0-9]+)(_)/.exec(typed);
  const p = m ? parsePlatform(label, 'loose') : undefined;
  if (m && p) {
    const archFirst = resolveArch(m[1].toLowerCase()) !== undefined && parsePlatform(`linux/${m[1]}`, 'loose') !== undefined && !/^(?:linux|windows|darwin|freebsd)$/i.test(m[1]);
    // (Arch first in the alias typed, `x86_64-li`: x86_64-linux.)
    const arch = archFirst && resolveArch(m[1].toLowerCase())?.arch === p.arch ? m[1] : p.arch;
    const respelled = archFirst ? `${arch}${m[2]}${p.os}` : aliasFilter(`${p.os}${m[2]}${p.arch}${p.variant ? `${m[2]}${p.variant}` : ''}`, typed);
    if (inOrder(typed, respelled)) return respelled;
  }
  return undefined;
}

/**
 * Whether an editor keeps an item of this filterText for what was typed: the strictest of them
 * (Neovim's, Helix's) keep those that start with it, case aside; VS Code's fuzzy match keeps more.
 */
function inOrder(typed: string, word: string): boolean {
  return word.toLowerCase().startsWith(typed.toLowerCase());
}

/** The label with its arch in the alias the typed text starts (`linux/aarch` filters `linux/aarch64`). */
function aliasFilter(label: string, typed: string): string {
  const m = /^(?:([A-Za-z0-9]+)([/_-]))?([A-Za-z0-9_-]+)$/.exec(typed);
  if (!m) return label;
  const archTyped = m[3].toLowerCase();
  // The label's arch: after the os and its separator when the typed text has them (`linux/amd64`).
  const archStart = m[1] !== undefined ? label.indexOf(m[2]) + 1 : 0;
  if (m[1] !== undefined && archStart === 0) return label;
  const next = label.slice(archStart).search(/[/_-]/);
  const archEnd = next < 0 ? label.length : archStart + next;
  const arch = label.slice(archStart, archEnd);
  if (arch.startsWith(archTyped)) return label;
  for (const [alias, to] of ARCH_ALIASES) {
    if (to.arch === arch && !to.variant && alias.startsWith(archTyped)) return `${label.slice(0, archStart)}${alias}${label.slice(archEnd)}`;
  }
  return label;
}

/** A list item as the platform it names (linux/x86_64 is linux/amd64), as duplicate-platform tells them apart. */
function itemIdentity(item: string): string {
  const p = parsePlatform(item, 'loose');
  return p ? platformIdentity(p) : item;
}

/** How many continuation lines (a backslash at the end) after the token's are read for the list's later items. */
const MAX_CONTINUED_LINES = 200;

/**
 * The list items written after the token on its line (`linux/|,linux/arm64`), and on the lines a
 * backslash at the end goes on to (a Makefile's or a script's list over several lines): offered
 * again, they would repeat. In a make function's argument, up to the argument's end.
 */
function itemsAfter(text: string, end: number, inArgument = false): string[] {
  const out: string[] = [];
  let from = end;
  for (let k = 0; k <= MAX_CONTINUED_LINES && from <= text.length; k++) {
    const nl = text.indexOf('\n', from);
    let lineEnd = nl < 0 ? text.length : nl;
    let stopped = false;
    if (inArgument) {
      const stop = text.slice(from, lineEnd).search(/[,)}]/);
      if (stop >= 0) (lineEnd = from + stop), (stopped = true);
    }
    // (Past a word with a character beyond ASCII too: `["🚀", linux_amd64]` lists linux_amd64.)
    const tail = /^(?:[A-Za-z0-9_./,\t "'-]|[^\x00-\x7f])*/.exec(text.slice(from, Math.min(lineEnd, from + 1024)))![0];
    for (const w of tail.split(/[\s,"']+/)) if (w !== '') out.push(w);
    if (stopped || nl < 0 || !/\\[ \t]*\r?$/.test(text.slice(Math.max(from, nl - 4), nl))) break;
    from = nl + 1;
  }
  return out;
}

/**
 * The separator to write after a new item put before the item at [start, end) of a comma list
 * (`a,|b` → `a,NEW,b`, `a, |b`, `|a, b`, YAML's `[|a]`), copied from the list: the comma and the
 * blanks before the item, else those after it. Undefined in any other list or value (a lone value,
 * a list of words or of lines, a quoted item): there the item is replaced, which never breaks one.
 */
function listSeparator(text: string, start: number, end: number, kind: FileKind, isItem?: (word: string) => boolean): string | undefined {
  if (YAML_KINDS.has(kind) && innermostOpen(text, start) === '{') return undefined;
  const k = blanksBefore(text, start);
  if (text[k - 1] === ',') return `,${text.slice(k, start)}`;
  const after = /^,[ \t]*/.exec(text.slice(end, end + 40));
  if (after) return after[0];
  if (text[k - 1] === '[' && YAML_KINDS.has(kind)) return ', ';
  // A list of items separated by blanks, an item before them (`ALL_PLATFORMS := linux/amd64
  // ‸linux/ppc64le`, `"linux/amd64 ‸linux/arm64"`, a loop's words): the blanks (QA 270: the item
  // after the cursor was replaced).
  if (isItem && k < start) {
    let w = k;
    while (w > 0 && !/[\s"'=,:([{]/.test(text[w - 1])) w--;
    if (w < k && isItem(text.slice(w, k))) return text.slice(k, start);
  }
  // The first item of a line that goes on a list ended by a comma on the line before (a
  // backslash continuation, a folded YAML scalar): a comma, the item staying on its line.
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (k === lineStart && /,[ \t]*\\?\r?\n$/.test(text.slice(Math.max(0, lineStart - 40), lineStart))) return ',';
  // A list of lines in a YAML block scalar (`platforms: |`), the line before an item: the new item on a line of its own.
  if (k === lineStart && YAML_KINDS.has(kind) && lineStart > 0) {
    const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    const prev = text.slice(prevStart, lineStart - 1).replace(/\r$/, '');
    if (/^[ \t]*[A-Za-z0-9][\w./-]*$/.test(prev) && parsePlatform(prev.trim(), 'loose') !== undefined) return `\n${text.slice(lineStart, start)}`;
  }
  return undefined;
}

/**
 * After the last item of a line (`linux/amd64,‸\` or a folded YAML scalar's `linux/amd64,‸`)
 * whose list goes on at the next line's first item: the comma the new item needs after it.
 */
function continuesOnNextLine(text: string, site: CompletionSite, offset: number): boolean {
  // In a YAML flow sequence over lines, any item on a line below (blank lines and comments
  // between): `[⏎  linux/amd64,⏎  ‸⏎  linux/s390x⏎]`, where the new item would run into it.
  if (site.flowLines) return /^[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n){0,20}[ \t]*[^\s,\]#]/.test(text.slice(offset, offset + 1000));
  const m = /^[ \t]*\\?\r?\n[ \t]*([^\s,\\"']+)/.exec(text.slice(offset, offset + 200));
  return m !== null && wholeName(site, m[1]) && text[blanksBefore(text, site.start) - 1] === ',';
}

/**
 * A flag's or an assignment's unquoted word ends at `offset` (`--platform linux/amd64,‸`,
 * `PLATFORMS=linux/amd64,‸`): a shell word, even in a YAML `run:` or `script:`, which a blank ends
 * (QA 261 B1: a comma was put after the item, before ` .`).
 */
function shellWordBefore(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const wordStart = (at: number) => {
    while (at > lineStart && !WORD_END.test(text[at - 1])) at--;
    return at;
  };
  const s = wordStart(offset);
  // (A quoted word goes on past a blank.)
  if (s > lineStart && (text[s - 1] === '"' || text[s - 1] === "'")) return false;
  if (ASSIGNED_WORD.test(text.slice(s, offset))) return true;
  // The word before it a flag: `--platform linux/amd64,‸`.
  let e = s;
  while (e > lineStart && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  return e < s && FLAG_WORD.test(text.slice(wordStart(e), e));
}

/** What ends a shell word, looking back from the cursor. */
const WORD_END = /[\s"';&|(]/;
/** A flag's value or an assignment written in the word: `--platform=…`, `PLATFORMS=…`. */
const ASSIGNED_WORD = /^(?:--?[A-Za-z][\w-]*|[A-Za-z_][A-Za-z0-9_]*)=/;
/** A flag alone: `--platform`. */
const FLAG_WORD = /^--?[A-Za-z][\w-]*$/;

/** Where the blanks (spaces, tabs) that end at `at` start. */
function blanksBefore(text: string, at: number): number {
  while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  return at;
}

/**
 * What is written right after the cursor that no token takes, a template or a quoted value
 * (`FROM --platform=‸$BUILDPLATFORM`, `‸${{ matrix.platform }}`, `‸"linux/amd64"`): its length,
 * 0 when there is none. A template is taken whole, nested ones too (`${A:-${B}}`); a quote that
 * closes a string the cursor is in (`"linux/amd64,‸", "--push"`) starts no value.
 */
function gluedAfter(text: string, offset: number): number {
  const eol = text.indexOf('\n', offset);
  const limit = Math.min(eol < 0 ? text.length : eol, offset + 300);
  const c = text[offset];
  const closer = (open: string, close: string, from: number): number => {
    let depth = 0;
    for (let k = from; k < limit; k++) {
      if (text[k] === open) depth++;
      else if (text[k] === close && --depth === 0) return k + 1 - offset;
    }
    return 0;
  };
  if (text.startsWith('${{', offset) || text.startsWith('{{', offset)) {
    const close = text.indexOf('}}', offset + 2);
    return close >= 0 && close + 2 <= limit ? close + 2 - offset : 0;
  }
  if (text.startsWith('${', offset)) return closer('{', '}', offset + 1);
  if (text.startsWith('$(', offset)) return closer('(', ')', offset + 1);
  if (c === '$') return /^\$[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(offset, limit))?.[0].length ?? 0;
  if (c !== '"' && c !== "'" && c !== '`') return 0;
  const close = text.indexOf(c, offset + 1);
  if (close < 0 || close >= limit) return 0;
  if (c !== '`' && openQuote(text, offset) === c) return 0;
  return close + 1 - offset;
}

/** The quote of a string open at `offset` on its line (`"linux/amd64,‸`), if any. */
function openQuote(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let open: string | undefined;
  for (let k = lineStart; k < offset; k++) {
    const c = text[k];
    if (open) {
      if (c === open && (open === "'" || text[k - 1] !== '\\')) open = undefined;
    } else if (c === '"' || c === "'") open = c;
  }
  return open;
}

/**
 * Where no item can go without breaking what is written: right after a closing quote
 * (`["linux/arm64"‸]`), and at a blank that touches an item with no comma between, in a YAML
 * flow sequence (`[ amd64 ‸]`: YAML would read the two as one value), a YAML value with commas, or
 * a quoted comma list (`"linux/amd64 ‸,linux/arm64"`). (A plain YAML value without a comma may be a
 * list of words: KUBE_BUILD_PLATFORMS.)
 */
function nothingFits(text: string, kind: FileKind, site: CompletionSite, offset: number): boolean {
  if (site.start !== offset || site.end !== offset) return false;
  const prev = text[offset - 1];
  const quote = openQuote(text, offset);
  if ((prev === '"' || prev === "'") && quote === undefined) return true;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const eol = text.indexOf('\n', offset);
  const lead = text.slice(Math.max(lineStart, offset - 200), offset);
  const tail = text.slice(offset, Math.min(eol < 0 ? text.length : eol, offset + 200));
  // In a YAML line's indentation, before its item: written there, the item would join it.
  if (YAML_KINDS.has(kind) && /^[ \t]*$/.test(lead) && /^[ \t]+[^\s#]/.test(tail)) return true;
  // (A YAML value with a comma on its line is a comma list: `platforms: linux/amd64 ‸,linux/arm64`;
  // not a flag's value in a script, `run: docker buildx build --platform ‸,linux/arm64`, QA 270.)
  const value = (s: string) => s.slice(s.lastIndexOf(': ') + 1);
  const commaList =
    quote !== undefined
      ? lead.slice(lead.lastIndexOf(quote)).includes(',') || tail.split(quote)[0].includes(',')
      : YAML_KINDS.has(kind) && !shellWordBefore(text, offset) && (innermostOpen(text, offset) === '[' || value(lead).includes(',') || tail.includes(','));
  if (!commaList) return false;
  return /[^\s,[{:|>-][ \t]+$/.test(lead) || (/^[ \t]+[^\s\]}),#]/.test(tail) && !/[,[][ \t]*$/.test(lead));
}

/** The innermost bracket open at `offset` on its line, quoted text aside: `[`, `{`, or undefined. */
function innermostOpen(text: string, offset: number): '[' | '{' | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const open: ('[' | '{')[] = [];
  let quote = '';
  for (let k = lineStart; k < offset; k++) {
    const c = text[k];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') open.push(c);
    else if (c === ']' || c === '}') open.pop();
  }
  return open[open.length - 1];
}

/** Whether `rest` is a whole name of the site's kind: a platform, a GOOS, a GOARCH (or an alias of one). */
function wholeName(site: CompletionSite, rest: string): boolean {
  if (site.role === 'platform') return parsePlatform(rest, 'loose') !== undefined;
  if (site.role === 'os') return GO_OS_NAMES.has(rest.toLowerCase());
  if (site.role === 'arch') return resolveArch(rest.toLowerCase()) !== undefined;
  return false;
}

/**
 * Whether `offset` is in an entry of a YAML exclude or ignore list (`- goos: li‸` under `ignore:`,
 * `exclude: [{goos: li‸`), which names a pair that is not built, removed ones included.
 */
function leftOutEntry(text: string, kind: FileKind, offset: number): boolean {
  if (kind !== 'yaml' && kind !== 'github-workflow' && kind !== 'goreleaser' && kind !== 'gitlab-ci') return false;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  // A flow entry on the key's line.
  const key = Math.max(prefix.lastIndexOf('exclude'), prefix.lastIndexOf('ignore'));
  if (key >= 0) {
    const rest = prefix.slice(key).replace(/^(?:exclude|ignore)[ \t]*:[ \t]*/, '');
    if (rest.startsWith('[') && rest.lastIndexOf('{') > rest.lastIndexOf('}')) return true;
  }
  // A block entry: `- goos: li‸` under `ignore:`, or `goarch: ar‸` below it.
  let col = 0;
  while (prefix.charCodeAt(col) === 32) col++;
  return inLeftOutEntry(text, lineStart, col);
}

/**
 * Completion at `offset`: platform values in the spelling of their context. An item replaces the
 * token the cursor is in (`linux/am‸d46`), whatever the client's setting: one range, never an
 * InsertReplaceEdit, whose insert range would leave the token's rest glued to the item in VS
 * Code's default insert mode (`linux/a‸r` became `linux/amd64r`, QA 274). Before a whole item
 * (`linux/amd64,‸linux/s390x`, nothing typed of it), the item is a new one put before it in a
 * comma list, with the list's separator, and replaces it anywhere else (`GOOS=‸linux`,
 * `FROM --platform=‸linux/amd64`): see listSeparator.
 */
export function completeAt(doc: TextDocument, text: string, kind: FileKind, model: TierModel, offset: number, settings: LintSettings = DEFAULT_SETTINGS, partners?: Partners): CompletionList | null {
  // (Without a scan of the text at hand, one is made when a GOOS or GOARCH value asks for it.)
  let scan: ScanResult | undefined;
  const paired: Partners = partners ?? ((start, end, role, value) => scannedPartners((scan ??= scanText(text, kind)), start, end, role, value));
  const site = completionSite(text, kind, offset, paired);
  if (!site || nothingFits(text, kind, site, offset)) return null;
  // Items below the required tier say so, unless below-required-tier is turned off.
  const requiredTier = settings.severity['below-required-tier'] === 'off' ? 3 : settings.requiredTier;
  // The other items of the list the value is written in, before and after it.
  const listed = site.present ? [...site.present, ...itemsAfter(text, site.end, site.inArgument)] : [];
  const listedNames = () => listed.map((i) => i.replace(/["']/g, '').toLowerCase());
  // A GOOS or GOARCH with no other half around it (goreleaser's default goos aside).
  const lone = (others: readonly string[]) => others.length === 0 && kind !== 'goreleaser';
  const candidates =
    site.role === 'platform'
      ? (site.spelling === 'slash' && !site.published ? variantCandidates(model, text.slice(site.start, offset)) : undefined) ?? platformCandidates(model, site)
      : site.role === 'package'
        ? packageCandidates(model, site.format)
        : site.published
        ? publishedCandidates(model, site.role, site.role === 'os' ? site.arches : site.oses, site.published)
        : site.role === 'os'
          ? nameCandidates(model, 'os', site.arches, leftOutEntry(text, kind, offset), kind === 'goreleaser', listedNames(), (name) => paired(site.start, site.end, 'os', name), lone(site.arches))
          : // A GOARCH without a GOOS builds for linux (as it is judged), except in goreleaser, whose default goos is three.
            nameCandidates(model, 'arch', lone(site.oses) ? ['linux'] : site.oses, leftOutEntry(text, kind, offset), kind === 'goreleaser', listedNames(), (name) => paired(site.start, site.end, 'arch', name), lone(site.oses));
  const typed = text.slice(site.start, offset);
  // The cursor before a whole item: nothing typed of the token yet (`linux/amd64,‸linux/s390x`,
  // `GOOS=‸linux`), or a letter typed before a name (`l‸linux/s390x`, `GOOS=l‸linux`). In a comma
  // list, the item is a new one put before it, with the list's separator; anywhere else the item
  // is replaced. (No insert and replace ranges to choose from: inserted, the label would glue to it.)
  // (So is a template or a quoted value right after the cursor: `FROM --platform=‸$BUILDPLATFORM`,
  // `--platform=linux/amd64,‸${EXTRA}`.)
  const rest = text.slice(offset, site.end);
  const glued = rest === '' ? gluedAfter(text, offset) : 0;
  // Nothing typed, in a shell word right before a word that names nothing here, no item's start
  // (`FROM --platform=‸golang:1.22`, `--platform ‸golang`): the next argument, kept; the item goes
  // in front of it, a blank between (QA 265 P2: the image's name was replaced).
  // (So is a word glued to what was typed that makes no item with it, nor one two edits off, a typo's
  // rest: `FROM --platform=linux/‸golang:1.23` keeps `golang`, `linux/am‸d46` is replaced whole.)
  const word = (typed + rest).toLowerCase();
  const inFront =
    rest !== '' &&
    !wholeName(site, rest) &&
    shellWordBefore(text, offset) &&
    !candidates.some((c) => {
      const label = c.label.toLowerCase();
      return label.startsWith(word) || (typed !== '' && editDistance(word, label) <= 2);
    });
  const before = !inFront && ((rest !== '' && (typed === '' || wholeName(site, rest))) || glued > 0);
  // Between a comma and the blank before the next item of the same list (`[amd64,‸ arm64]`, in
  // YAML, in quotes, in the indentation of a continued line; in a shell word a blank ends the
  // list): a new item, and a comma.
  const gap =
    typed === '' &&
    rest === '' &&
    glued === 0 &&
    /^[ \t]+[^\s\]}),#]/.test(text.slice(offset, offset + 40)) &&
    ((YAML_KINDS.has(kind) && !shellWordBefore(text, offset)) || openQuote(text, offset) !== undefined || /^[ \t]*$/.test(text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset))) &&
    listSeparator(text, site.start, offset, kind)?.startsWith(',') === true;
  const separator = gap || (rest === '' && glued === 0 && continuesOnNextLine(text, site, offset)) ? ',' : before ? listSeparator(text, site.start, glued > 0 ? offset + glued : site.end, kind, (word) => wholeName(site, word)) : undefined;
  const after = separator ?? (inFront ? ' ' : '');
  if (separator !== undefined && rest !== '') listed.push(rest);
  const replaced = separator !== undefined || inFront ? offset : glued > 0 ? offset + glued : rest === '' ? offset : site.end;
  const range = rangeOf(doc, site.start, replaced);
  // (A YAML value that a name would make a number, `value: 386`, is written quoted: see yamlScalarText.)
  const yamlValue = YAML_KINDS.has(kind) && after === '';
  // x86_64 written is amd64 present: not offered again.
  const identity = site.role === 'platform' ? itemIdentity : site.role === 'arch' ? (item: string) => resolveArch(item.toLowerCase())?.arch ?? item.toLowerCase() : (item: string) => item.toLowerCase();
  const written = new Set(listed.map(identity));
  const fresh = sortCandidates(model, site.role, candidates.filter((c) => !written.has(identity(c.label))));
  // Editors keep the items whose filterText holds what was typed, in order. When none does (a
  // typo: `aarch46/li`), each is given what was typed before its label, so that all are shown,
  // in the server's order (sortText): the typed token is what the item replaces.
  const filters = fresh.map((c) => filterFor(c.label, typed));
  const typo = typed !== '' && filters.every((f) => f === undefined);
  // (A filterText that is the label is left out, as LSP lets it be: Neovim 0.7 takes the column an
  // item replaces from its textEdit only when it has none, else from the word before the
  // cursor, which stops at a `/`: `linux/‸` became `linux/linux/arm64`.)
  const items: CompletionItem[] = fresh.map((c, i) => {
    const filterText = typo ? `${typed}${c.label}` : filters[i] ?? c.label;
    return {
      label: c.label,
      kind: CompletionItemKind.EnumMember,
      detail: detail(model, c.tier, requiredTier),
      documentation: { kind: MarkupKind.Markdown, value: c.documentation() },
      sortText: String(i).padStart(4, '0'),
      ...(filterText !== c.label ? { filterText } : {}),
      textEdit: { range, newText: (yamlValue ? yamlScalarText(text, site.start, replaced, c.label) : c.label) + after },
    };
  });
  return { isIncomplete: false, items };
}
