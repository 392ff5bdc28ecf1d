import type { ParsedPlatform, Spelling, Strictness } from '../platform/parse';
import { ARCH_VARIANT, isNameTypo, makePlatform, parseBareArch, parseMisnamed, parsePlatform } from '../platform/parse';
import { isGoArch, isGoOs, isPlaceholder, isValidVariant, platformIdentity, resolveArch } from '../platform/names';
import type { ArtifactRef } from '../model/query';
import type { GoNames } from './state';

/** The context of a workflow matrix's include entry that sets a key no axis has: GitHub adds it to every combination. */
export const INCLUDED_EVERYWHERE = 'matrix include everywhere';

/** A piece of the document: offsets are UTF-16 code units into the whole text, end exclusive. */
export interface Token {
  start: number;
  end: number;
  text: string;
  /** What to delete to drop the token from its list (an item of `goarch: [amd64, arm]`). */
  remove?: { start: number; end: number };
  /** `remove` drops the whole entry the token is a value of (a matrix's include entry), not an item of a list. */
  entry?: true;
  /** The earlier item of the same list this one repeats (`amd64` twice in `goarch: [amd64, arm64, amd64]`). */
  repeatOf?: string;
  /** For a name Go does not have (`amd46`): the names of its goos or goarch list as written, which its fix must not repeat. */
  inList?: readonly string[];
  /**
   * An arch written with its variant in one word (`ARCH=arm/v7` for `--platform linux/$ARCH`):
   * the variant; `text` is the arch alone, and the range covers both.
   */
  variant?: string;
  /** The variant of the arch, written apart in the same statement (a Dockerfile's `ENV GOARCH=arm GOARM=7`). */
  variantToken?: Token;
  /**
   * The value of BuildKit's TARGETARCH (`ARG TARGETARCH=aarch64`, `export TARGETARCH=ppc64el`):
   * containerd's arch names, whose aliases it normalises, so an alias names its arch in another
   * spelling (non-canonical-platform), not an arch Go lacks (QA 262).
   */
  containerArch?: true;
}

/** A platform written in one token: `linux/arm/v7`, `linux-386` in an archive name, `amd64-linux`. */
export interface WholeMention {
  kind: 'whole';
  token: Token;
  platform: ParsedPlatform;
  strict: boolean;
  /**
   * The spelling this context expects: slash in Docker lists, 'as-written' where any spelling goes
   * but names must be canonical, none where aliases are native (package arches, other projects' assets).
   */
  canonical?: Spelling | 'as-written';
  /** The tool takes Go's names only (goreleaser's `targets`): an alias (`linux_x86_64`) is no name of it. */
  goNames?: boolean;
  /** Mentions of one list share an id: duplicates are looked for within a list. */
  listId?: number;
  /** What to delete to remove this item from its list (item plus one separator). */
  removeRange?: { start: number; end: number };
  artifact?: ArtifactRef;
  context: string;
  /**
   * Joined with an arch word of another toolchain's (an alias, `linux-aarch64`, or a name Go has
   * not, `linux-x64`), where any toolchain's names may stand: see inGoLists.
   */
  otherArchWord?: 'alias' | 'misnamed';
}

/**
 * A platform split over two values: `GOOS=linux GOARCH=arm`, YAML `goos:`/`goarch:`, one cell of a
 * matrix cross product. Either side may be missing (`GOARCH=arm` alone).
 */
export interface PairMention {
  kind: 'pair';
  os?: Token;
  arch?: Token;
  /**
   * A value the file implies without writing it (goreleaser's default goos list); archName also
   * the arch of an arch token written with its variant (`arm/v7`, with variant `v7`).
   */
  osName?: string;
  archName?: string;
  variant?: string;
  /** The arch was given to a container tool's --arch (podman, buildah, skopeo), which takes the runtimes' aliases: no Go spelling to advise. */
  containerArch?: boolean;
  /**
   * The arch is a value of the file's own naming, read by what it names (`x86_64` in a matrix
   * `targetarch` axis that no command gives to GOARCH: file names, another toolchain's): no spelling to advise.
   */
  ownSpelling?: true;
  /** The arch is the value of the variable Go reads (a GitLab parallel matrix's `GOARCH` axis), not a name a script may map. */
  goVariable?: true;
  /** Every variant the pair is built in, when there are several (goreleaser's `goarm: ["6", "7"]`); `variant` is the first. */
  variants?: readonly string[];
  /**
   * Where `variant` is written apart from the arch (`GOAMD64=v9`, an item of goreleaser's
   * `goamd64: [v1, v9]`): a variant that is none of Go's is reported there.
   */
  variantToken?: Token;
  /** Part of a cross product: pairs that Go does not know are combinations nobody builds. */
  product: boolean;
  /** The missing side is set, to what is not known here (`GOOS=$X GOARCH=s390x`, an export in a function): for hover. */
  osUnknown?: true;
  archUnknown?: true;
  /** What the pair downloads: a release URL's binary whose arch is a shell default (`bin/linux/${ARCH:-arm}/kubectl`). */
  artifact?: ArtifactRef;
  /**
   * In a cross product that skips the pairs Go does not know (a goreleaser build), the side
   * whose value makes no valid pair with any other: `goarch: [amd64, mips]` for windows builds
   * nothing for mips.
   */
  dead?: 'os' | 'arch';
  /**
   * Where an entry that leaves this one pair out of its cross product goes (a workflow matrix's
   * `exclude`, a goreleaser build's `ignore`), when its os or arch value is also built with others:
   * removing the value would drop those too.
   */
  exclude?: ExcludeSpot;
  /** Which side's value is built with a valid pair of another value of the other side too (removing it drops those). */
  shared?: { os: boolean; arch: boolean };
  /**
   * The pairs (`os/arch`, lower case) that the include entries of the pair's matrix name whole:
   * GitHub adds them back after the exclude entries, so an exclude entry alone leaves none out.
   */
  includedBack?: ReadonlySet<string>;
  context: string;
}

/** Where to add an entry to a cross product's exclude (or ignore) list, and how it is written. */
export interface ExcludeSpot {
  /** Offset the entry's lines are inserted at (a line's start). */
  at: number;
  /** What goes before the entry: a line break at a text's unfinished last line, the list's key and its line when the mapping has no such list yet (`exclude:`). */
  header: string;
  /** The text's line break (`\r\n` in a CRLF file). */
  eol: string;
  /** The list's key: `exclude` (a workflow matrix), `ignore` (a goreleaser build). */
  list: string;
  /** The column of the entries' `-`. */
  indent: number;
  /** The list is a flow list (`exclude: [{…}]`), or goes in a flow mapping: the entry is `{os: …, arch: …}`, between `header` and `tail`. */
  flow?: true;
  tail?: string;
  osKey: string;
  archKey: string;
}

export type Mention = WholeMention | PairMention;

/** Collects mentions as a scanner finds them. */
export class MentionSink {
  readonly mentions: Mention[] = [];
  /** More mentions were found than the limit allows; the rest were dropped. */
  truncated = false;
  /** Other limits hit while scanning, for a person: each message, with where it was first hit (an offset, or -1). */
  readonly notes = new Map<string, number>();
  private nextList = 1;
  /** Lists in another tool's spelling (conda's `linux-aarch64` beside `osx-arm64`): no spelling advice there. */
  readonly foreignLists = new Set<number>();

  /**
   * `overTime`, asked every TIME_CHECK_EVERY mentions, says the scan's time is up: the block
   * stops there (ScanTimeUp is thrown; its mentions so far are kept). One block may be a megabyte
   * of a single list, which no check between blocks would stop.
   */
  constructor(
    private readonly maxMentions = Infinity,
    private readonly overTime?: () => boolean,
  ) {}

  note(message: string, at = -1): void {
    if (!this.notes.has(message)) this.notes.set(message, at);
  }

  newList(): number {
    return this.nextList++;
  }

  add(m: Mention): void {
    if (this.mentions.length >= this.maxMentions) {
      this.truncated = true;
      return;
    }
    this.mentions.push(m);
    if (this.overTime && this.mentions.length % TIME_CHECK_EVERY === 0 && this.overTime()) throw new ScanTimeUp();
  }
}

/** How many mentions a sink collects between two looks at the clock. */
const TIME_CHECK_EVERY = 1024;

/** Thrown by MentionSink.add when the scan's time is up. */
export class ScanTimeUp extends Error {
  constructor() {
    super('scan time limit');
  }
}

export function token(text: string, start: number, end: number): Token {
  return { start, end, text: text.slice(start, end) };
}

/** Characters that templates were replaced with: POISON marks a templated value, SOFT a separator. */
export const POISON = '\u0001';
export const SOFT = '\u0002';
const POISON_CODE = 1;
const SOFT_CODE = 2;
/** In masked text, where one list ends and an alternative to it begins (make's `$(if c,A,B)`). */
export const ALTERNATIVE = '\u0003';
const ALTERNATIVE_CODE = 3;
/** In masked text, a separator written as a template (make's `$(comma)`): removed with an item, as a comma is. */
export const JOIN = '\u0004';

/**
 * The spaces JavaScript's `\s` matches beyond ASCII: a no-break space pasted from a web page, an
 * em or ideographic space, a byte order mark in mid-text. No shell, make, Dockerfile or YAML
 * parses words apart at one (`GOOS=linux<U+00A0>` sets GOOS to `linux` and the space), so a text
 * that has one is scanned as a copy with each made a noncharacter (U+FDD0 on), which `\s` does not
 * match: the word is judged with it in it, and named by what it was (shownSpaces).
 */
const UNICODE_SPACES = '\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const UNICODE_SPACE = /[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;
const UNICODE_SPACE_ALL = /[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g;
const STAND_IN_ALL = /[\ufdd0-\ufde2]/g;

/** Whether `text` has a space hideSpaces rewrites. */
export function hasUnicodeSpace(text: string): boolean {
  return UNICODE_SPACE.test(text);
}

/** `text` with each Unicode space made its stand-in (same length: every offset stays right). */
export function hideSpaces(text: string): string {
  return text.replace(UNICODE_SPACE_ALL, (c) => String.fromCharCode(0xfdd0 + UNICODE_SPACES.indexOf(c)));
}

/** `text` with each stand-in made the space it stands for again. */
export function shownSpaces(text: string): string {
  return text.replace(STAND_IN_ALL, (c) => UNICODE_SPACES[c.charCodeAt(0) - 0xfdd0] ?? c);
}

const SEPARATOR = /[\s,;'"()[\]{}\u0002-\u0004]/;
/** SEPARATOR by character code below 128, where lists are split one character at a time. */
const SEPARATOR_CODES = Uint8Array.from({ length: 128 }, (_, c) => (SEPARATOR.test(String.fromCharCode(c)) ? 1 : 0));

/** Whether masked[k] is a SEPARATOR (false past the end). */
function separatorAt(masked: string, k: number): boolean {
  const c = masked.charCodeAt(k);
  return c < 128 ? SEPARATOR_CODES[c] === 1 : c > 0 && SEPARATOR.test(masked[k]);
}

/**
 * Whether masked[k] ends a list item. A backslash ending a line continues the list on the next
 * (Makefiles, shell): a separator, so removing the last item takes the ` \` before it and never
 * leaves one to swallow the next line.
 */
function listSeparatorAt(masked: string, k: number): boolean {
  return separatorAt(masked, k) || (masked.charCodeAt(k) === 92 /* backslash */ && (masked[k + 1] === '\n' || (masked[k + 1] === '\r' && masked[k + 2] === '\n')));
}

/** Whether masked[from, to) holds the character `code`. */
function holds(masked: string, from: number, to: number, code: number): boolean {
  for (let k = from; k < to; k++) if (masked.charCodeAt(k) === code) return true;
  return false;
}

export interface ListItem {
  start: number;
  end: number;
  removeStart: number;
  removeEnd: number;
  /** Its variant alone is templated (`linux/arm/v${GOARM}`): kept when splitList is asked to (partlyTemplated). */
  templatedVariant?: true;
  /** One half is templated, the other written (`lnux/${ARCH}`, `${OS}/amd46`): kept when splitList is asked to (partlyTemplated). */
  templatedHalf?: 'os' | 'arch';
}

/** Blanks, commas and line continuations only: what goes with an item removed (never a quote or a bracket). */
function separatorsOnly(s: string): boolean {
  return /^(?:[ \t,;]|\\\r?\n)+$/.test(s);
}

/**
 * Splits a list value (`linux/amd64,linux/arm64`, `"linux/amd64 linux/arm64"`) into items, with
 * document offsets. `masked` is the text with templates masked, its index 0 at document offset
 * `maskBase`; items that contain a template are dropped, but with `partlyTemplated` a platform
 * whose variant or one half alone is templated (see ListItem).
 */
export function splitList(masked: string, maskBase: number, start: number, end: number, partlyTemplated = false): ListItem[] {
  const items: ListItem[] = [];
  let i = start - maskBase;
  const stop = end - maskBase;
  while (i < stop) {
    while (i < stop && listSeparatorAt(masked, i)) i++;
    const s = i;
    while (i < stop && !listSeparatorAt(masked, i)) i++;
    if (i > s) items.push({ start: s + maskBase, end: i + maskBase, removeStart: s + maskBase, removeEnd: i + maskBase });
  }
  // (An only item is removed with the list, never on its own: its range is itself.)
  if (items.length > 1) setRemoveRanges(masked, maskBase, items);
  // (Most lists have no template: the items are returned as they are.)
  if (!items.some((it) => holds(masked, it.start - maskBase, it.end - maskBase, POISON_CODE))) return items;
  return items.filter((it) => {
    const m = masked.slice(it.start - maskBase, it.end - maskBase);
    if (!m.includes(POISON)) return true;
    if (!partlyTemplated) return false;
    if (TEMPLATED_VARIANT.test(m)) it.templatedVariant = true;
    else if (TEMPLATED_ARCH.test(m)) it.templatedHalf = 'os';
    else if (TEMPLATED_OS.test(m)) it.templatedHalf = 'arch';
    else return false;
    return true;
  });
}

/** What removing each of several items of a list takes with it: the separators to the next item, or from the one before. */
function setRemoveRanges(masked: string, maskBase: number, items: ListItem[]): void {
  // An item in quotes of its own (`linux/amd64,'linux/arm'`) goes with them: its unit.
  const us: number[] = [];
  const ue: number[] = [];
  for (const it of items) {
    const q = masked[it.start - maskBase - 1];
    // (Also where the value's own quotes are its first item's opening and its last item's closing
    // quote: `"linux/amd64","linux/arm"` unquoted is `linux/amd64","linux/arm`.)
    const quoted = (q === "'" || q === '"') && it.start - maskBase > 0 && masked[it.end - maskBase] === q;
    us.push(quoted ? it.start - 1 : it.start);
    ue.push(quoted ? it.end + 1 : it.end);
  }
  // Removing an item takes the separators to the next item (the last: from the one before), but
  // never across a default's wrapper: in `${1:-linux/amd64,linux/arm/v7} linux/arm64` the brace stays.
  const joined = (k: number) => !holds(masked, ue[k] - maskBase, us[k + 1] - maskBase, SOFT_CODE);
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    if (k + 1 < items.length && joined(k)) {
      it.removeStart = us[k];
      it.removeEnd = us[k + 1];
      // The last item of a line, after another on it (a list over lines): the separators before
      // it go, and the line break stays (`linux/arm64 linux/arm` over `linux/s390x`).
      if (k > 0 && joined(k - 1) && holds(masked, ue[k] - maskBase, us[k + 1] - maskBase, 10) && !holds(masked, ue[k - 1] - maskBase, us[k] - maskBase, 10)) {
        it.removeStart = ue[k - 1];
        it.removeEnd = ue[k];
      }
    } else if (k > 0 && joined(k - 1)) {
      it.removeStart = ue[k - 1];
      it.removeEnd = ue[k];
    } else {
      // Next to a default's wrapper (`${P:-linux/amd64},linux/arm`): the separators between the
      // brace and the item go with it, so no empty item is left.
      const after = k + 1 < items.length ? masked.slice(ue[k] - maskBase, us[k + 1] - maskBase) : '';
      const trail = after.slice(0, Math.max(0, after.indexOf(SOFT)));
      const before = k > 0 ? masked.slice(ue[k - 1] - maskBase, us[k] - maskBase) : '';
      const lead = before.slice(before.lastIndexOf(SOFT) + 1);
      // (With the item's own quotes: `${P:-linux/arm64},'linux/arm/v7'` leaves no `'`.)
      if (trail !== '' && separatorsOnly(trail)) {
        it.removeStart = us[k];
        it.removeEnd = ue[k] + trail.length;
      } else if (lead !== '' && before.includes(SOFT) && separatorsOnly(lead)) {
        it.removeStart = us[k] - lead.length;
        it.removeEnd = ue[k];
      }
    }
  }
}

/** A platform whose arch (its os) alone is templated: the os (the arch) is written, masked. */
const TEMPLATED_ARCH = /^[A-Za-z0-9]+\/\u0001+$/;
const TEMPLATED_OS = /^\u0001+\/[A-Za-z0-9]+$/;

/** A platform whose variant alone is templated (`linux/arm/v${GOARM}`, `linux/arm/v{{ .Arm }}`), masked. */
const TEMPLATED_VARIANT = /^[A-Za-z0-9]+\/[A-Za-z0-9]+\/v?\u0001+$/;

/**
 * Keys whose values are file paths (a workflow's `paths:` filters, `working-directory:`, an upload's
 * `path:`, a build's `context:` and `file:`): `linux/arm` there is a folder, not a platform. Their
 * values are still read for URLs and archive names.
 */
const PATH_KEYS = new Set([
  'path', 'paths', 'paths-ignore', 'working-directory', 'working_directory', 'working_dir', 'workdir', 'workingdir',
  'context', 'file', 'files', 'dockerfile', 'directory', 'dir', 'cwd', 'chdir', 'folder', 'src', 'dest', 'destination',
]);

export function isPathKey(key: string | undefined): boolean {
  return key !== undefined && (PATH_KEYS.has(key) || PATH_KEYS.has(key.toLowerCase()));
}
/** The role a key or variable gives its value. */
export type Role = 'platform' | 'os' | 'arch' | 'variant';

/** A Kubernetes image pulled for the platforms of the mentions from `from` to `to`: each names it. */
export function pulledImage(sink: MentionSink, from: number, image: string | undefined, to = sink.mentions.length): void {
  if (!image) return;
  for (let m = from; m < to; m++) {
    const mention = sink.mentions[m];
    if (mention.kind === 'whole') mention.artifact = { kind: 'image', name: image };
  }
}

/** Names asked about already (null: no role), at most ROLE_MEMO of them. */
const roles = new Map<string, Role | null>();
const ROLE_MEMO = 4096;

/**
 * Platform-ish names: GOOS, GOARCH, goarm, and anything ending in platform(s) (PLATFORMS,
 * KUBE_BUILD_PLATFORMS, defaultPlatforms, TARGETPLATFORM), plus goreleaser's `targets`.
 */
export function roleOf(name: string): Role | undefined {
  // (Asked for every key of every mapping and every variable: a file repeats few names many times.)
  let role = roles.get(name);
  if (role === undefined) {
    role = nameRole(name) ?? null;
    if (roles.size >= ROLE_MEMO) roles.clear();
    roles.set(name, role);
  }
  return role ?? undefined;
}

function nameRole(name: string): Role | undefined {
  const n = name.toLowerCase();
  switch (n) {
    case 'goos':
    case 'targetos':
      return 'os';
    case 'goarch':
    case 'targetarch':
      return 'arch';
    case 'goarm':
    case 'goamd64':
    case 'goarm64':
    case 'targetvariant':
      return 'variant';
    case 'targets':
    case 'target':
    case 'osarch':
      return 'platform';
  }
  // …platforms and …platform (KUBE_BUILD_PLATFORMS, docker-platform), and a list of platforms
  // named for its use (ingress-nginx's `platforms-test`, `platforms-publish` inputs).
  // Lists of os-arch pairs named for them: ALL_OS_ARCH, TARGET_OSARCHES; lists of targets named
  // for their use (X_TARGETS, CROSS_TARGETS). Make's per-OS variables too: ALL_OS_ARCH.linux.
  return /(?:platforms?|(?:^|[_-]|go)os[_-]?arch(?:e?s)?|[_-]targets)(?:[._](?:linux|windows|darwin|freebsd))?$|^platforms[-_]/.test(n) ? 'platform' : undefined;
}

/**
 * Whether the mapping at `path` (the keys down to it, its own key last) is a platform written as
 * a mapping: under `platform:` (Drone, an OCI platform object), a krew plugin manifest's
 * `platforms` entry's `selector: {matchLabels: {os: linux, arch: arm64}}`, or a Helm plugin's
 * `platformCommand` and `platformHooks: {install: […]}` entries (`{os: linux, arch: arm64, command:
 * …}`, which Helm matches against Go's runtime.GOOS and GOARCH), or an item of a list under
 * `platforms:` (jib's build file).
 */
export function isPlatformMappingPath(path: readonly string[]): boolean {
  const n = path.length;
  if (n === 0) return false;
  if (n >= 3 && path[n - 1] === 'matchLabels' && path[n - 2] === 'selector' && path[n - 3] === 'platforms') return true;
  if (path[n - 1] === 'platformCommand' || (n >= 2 && path[n - 2] === 'platformHooks')) return true;
  // (Also an item of a `platforms:` list: jib's `platforms: [{architecture: arm64, os: linux}]`.)
  const key = path[n - 1].toLowerCase();
  return key === 'platform' || key === 'platforms';
}

/**
 * The role of a key of a platform written as a mapping, under a `platform:` key: Drone's
 * `platform: {os: linux, arch: arm64}`, an OCI platform object `{os, architecture, variant}`.
 */
export function platformMappingRole(key: string): Role | undefined {
  // Asked of every key of every mapping: no lower-casing unless the first letter and the length
  // can match (name, uses and with are 4 long too).
  const c = key.charCodeAt(0) | 32;
  if (c !== 111 /* o */ && c !== 97 /* a */ && c !== 118 /* v */) return undefined;
  if (key.length !== 2 && key.length !== 4 && key.length !== 7 && key.length !== 12) return undefined;
  const n = key.toLowerCase();
  if (n === 'os') return 'os';
  if (n === 'arch' || n === 'architecture') return 'arch';
  if (n === 'variant') return 'variant';
  return undefined;
}

/** A goreleaser `builder` other than Go's (`zig`, `rust`): its targets are that toolchain's triples. */
export function isForeignBuilder(builder: string | undefined): boolean {
  const b = builder?.toLowerCase();
  return b !== undefined && b !== '' && b !== 'go' && b !== 'prebuilt';
}

export interface ValueOptions {
  text: string;
  masked: string;
  maskBase: number;
  start: number;
  end: number;
  role: Role;
  context: string;
  canonical?: Spelling | 'as-written';
  strictness?: Strictness;
  /** What to delete to drop the value when it is one item among others (a word of a shell array or `for` list). */
  removeWhole?: { start: number; end: number };
  /**
   * For os and arch roles: a whole platform is read as one (a Tekton param named GOARCH whose
   * values are `linux/s390x`). Off where the value is Go's own variable (`GOARCH=linux/arm64` fails).
   */
  wholePlatforms?: boolean;
  /** The tool takes Go's names only (goreleaser's `targets`, Terraform's `-platform`): an alias is no name of it. */
  goNames?: boolean;
  /** Docker's and BuildKit's `--platform`: an arch alone is that arch on linux (see parseBareArch). */
  bareArch?: boolean;
  /** Whether the value is an item of a list (a YAML sequence) another item of which is a valid platform. */
  listsPlatform?: () => boolean;
  /** Only a platform goes in the value, whatever it is named for: a matrix axis Docker's `--platform` takes whole. */
  platformSlot?: boolean;
  /** Go's own GOARCH, given to a go command (`GOARCH=arm64/v8 go build`): the arch alone, with no variant after it. */
  goArchOnly?: boolean;
}

/**
 * What to delete to drop one word of a list of words (a shell array, a `for` list), offsets in
 * `text`: its line when it stands alone on it (a multi-line array), else the word and the blanks
 * after it, or before it when it ends its line or list (`(a b)` → `(a)`).
 */
export function wordRemoval(text: string, s: number, e: number): { start: number; end: number } {
  const ls = text.lastIndexOf('\n', s - 1) + 1;
  let le = text.indexOf('\n', e);
  if (le < 0) le = text.length;
  if (/^[ \t]*$/.test(text.slice(ls, s)) && /^[ \t]*\\?\r?$/.test(text.slice(e, le))) return { start: ls, end: Math.min(le + 1, text.length) };
  let after = e;
  while (after < le && (text[after] === ' ' || text[after] === '\t')) after++;
  if (after > e && after < le && !/[)\\;\r]/.test(text[after])) return { start: s, end: after };
  let before = s;
  while (before > ls && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
  return { start: before, end: e };
}

/**
 * Another toolchain's platform names that are no Go platform: conda's subdirs (a list holding one,
 * `platforms: [linux-64, linux-aarch64, osx-arm64]` of conda-lock, conda-forge's `noarch_platforms`,
 * is in conda's spelling, where `linux-aarch64` is the right name) and the runtime identifiers of
 * Node, .NET and VS Code (`targets=(darwin-x64 linux-x64 win-x64)`, `win32-x64`, `linux-musl-x64`),
 * where `linux-x64` is.
 */
const FOREIGN_PLATFORM = /^(?:(?:linux|osx|win)[-_](?:64|32)|(?:osx|win|win32)[-_](?:arm64|x64|x86|ia32|arm)|linux-musl-[a-z0-9]+|noarch)$/;

/** Whether `name` is such a name (the length first: most list items are longer than `linux-musl-arm64`). */
export function isForeignPlatform(name: string): boolean {
  return name.length <= 16 && FOREIGN_PLATFORM.test(name);
}

/**
 * Reads a platform-ish value into mentions: every list item that is a platform. For os and arch
 * roles, returns the name tokens instead (the caller pairs them).
 */
export function readPlatformList(sink: MentionSink, o: ValueOptions, listId = sink.newList()): Token[] {
  // csi-release-tools' table of builds (`linux amd64 amd64; linux arm arm/v7 -armv7`): each row's pair.
  if (o.role === 'platform') {
    const rows = buildRows(o);
    if (rows) {
      for (const r of rows) emitPairs(sink, [r.os], [r.arch], r.variant, o.context);
      return [];
    }
  }
  // Alternatives (`$(if c,linux/amd64 linux/arm64,linux/amd64)`) are lists of their own.
  let to = alternativeAt(o.masked, o.maskBase, o.start, o.end);
  if (to === o.end) return readList(sink, o, listId);
  const names: Token[] = [];
  for (let from = o.start, id = listId; ; id = sink.newList()) {
    for (const t of readList(sink, { ...o, start: from, end: to }, id)) names.push(t);
    if (to === o.end) return names;
    from = to + 1;
    to = alternativeAt(o.masked, o.maskBase, from, o.end);
  }
}

/** A variable's name as scripts and CI files write their settings: capitals, digits and underscores. */
export const UPPER_NAME = /^[A-Z][A-Z0-9_]*$/;

/** A word of a build row: anything but blanks and quotes. */
const ROW_WORD = /[^\s"']+/g;

/** One row of a table of builds (see buildRowsOf): where its os and arch words are in the value, and buildx's variant. */
interface BuildRow {
  os: { start: number; text: string };
  arch: { start: number; text: string };
  variant?: string;
}

/**
 * The rows of a value that is a table of builds, as kubernetes-csi's release tools write their
 * BUILD_PLATFORMS (`linux amd64 amd64; linux arm arm/v7 -armv7; windows amd64 amd64 .exe
 * nanoserver:1809`): rows separated by `;`, each `GOOS GOARCH` first, then buildx's platform for
 * the arch (its variant), the binaries' suffix and base images. Undefined when the value is no such
 * table: no `;`, or a row that does not start with an os and an arch of Go's (or a typo of one);
 * a row with a templated name (POISON, in a masked value) is left out.
 */
export function buildRowsOf(value: string): BuildRow[] | undefined {
  if (value.indexOf(';') < 0 && !oneBuildRow(value)) return undefined;
  const rows: BuildRow[] = [];
  let named = false;
  let at = 0;
  for (const row of value.split(';')) {
    const base = at;
    at += row.length + 1;
    const words = [...row.matchAll(ROW_WORD)].slice(0, 3);
    if (words.length === 0) continue;
    if (words.length < 2) return undefined;
    const [os, arch, buildx] = words.map((w) => w[0]);
    if (os.indexOf(POISON) >= 0 || arch.indexOf(POISON) >= 0 || os.indexOf('$') >= 0 || arch.indexOf('$') >= 0) continue;
    const o = os.toLowerCase();
    const a = arch.toLowerCase();
    if (!(isGoOs(o) || isNameTypo(o, 'os')) || !(isGoArch(a) || isNameTypo(a, 'arch'))) return undefined;
    if (isGoOs(o) && isGoArch(a)) named = true;
    // (buildx's `arm/v7` for GOARCH arm: that variant.)
    const slash = buildx?.indexOf('/') ?? -1;
    const variant = slash > 0 && buildx!.slice(0, slash).toLowerCase() === a ? parsePlatform(`linux/${buildx}`, 'strict')?.variant : undefined;
    rows.push({ os: { start: base + words[0].index!, text: os }, arch: { start: base + words[1].index!, text: arch }, ...(variant ? { variant } : {}) });
  }
  return named ? rows : undefined;
}

/**
 * A table of one build with no `;` (`linux arm arm -arm`): Go's os and arch, then buildx's arch
 * (the same, or with its variant), then the suffix or nothing. Not a list of names (`linux amd64`).
 */
function oneBuildRow(value: string): boolean {
  // (Every platform-ish value is asked: a long one, a list, is no row and is not split.)
  if (value.length > MAX_ROW) return false;
  const words = value.trim().split(/\s+/);
  if (words.length < 3 || words.length > 5) return false;
  const [os, arch, buildx, suffix] = words;
  return isGoOs(os) && isGoArch(arch) && (buildx === arch || buildx.startsWith(`${arch}/`)) && (suffix === undefined || /^[-.]/.test(suffix));
}

/** The longest table of one build oneBuildRow reads (`windows amd64 amd64 .exe nanoserver:ltsc2022` is 46). */
const MAX_ROW = 120;

/** The rows of a platform-ish value that is a table of builds (see buildRowsOf), as tokens of the text. */
function buildRows(o: ValueOptions): { os: Token; arch: Token; variant?: string }[] | undefined {
  const rows = buildRowsOf(o.masked.slice(o.start - o.maskBase, o.end - o.maskBase));
  return rows?.map((r) => ({
    os: token(o.text, o.start + r.os.start, o.start + r.os.start + r.os.text.length),
    arch: token(o.text, o.start + r.arch.start, o.start + r.arch.start + r.arch.text.length),
    ...(r.variant ? { variant: r.variant } : {}),
  }));
}

/** Where the first ALTERNATIVE of masked text[from, end) is, or end. */
function alternativeAt(masked: string, maskBase: number, from: number, end: number): number {
  for (let k = from; k < end; k++) if (masked.charCodeAt(k - maskBase) === ALTERNATIVE_CODE) return k;
  return end;
}

function readList(sink: MentionSink, o: ValueOptions, listId: number): Token[] {
  const names: Token[] = [];
  const items = splitList(o.masked, o.maskBase, o.start, o.end, o.role === 'platform');
  // Removing the only item would leave `--platform=` or `platforms:` empty: no list, no removal.
  // Beside a templated item (`$(IMAGE_PLATFORMS),linux/arm/v7`) the list keeps that one.
  const removable = items.length > 1 || (items.length === 1 && splitAll(o.masked, o.maskBase, o.start, o.end) > 1);
  const whole = items.length === 1 ? o.removeWhole : undefined;
  let foreign = sink.foreignLists.has(listId);
  if (!foreign && items.length > 1 && items.some((it) => isForeignPlatform(o.masked.slice(it.start - o.maskBase, it.end - o.maskBase)))) {
    foreign = true;
    sink.foreignLists.add(listId);
  }
  const canonical = foreign ? undefined : (o.canonical ?? 'as-written');
  const strict = (o.strictness ?? 'strict') === 'strict';
  /** Where a word no platform of Go's spelling may still be one: an arch alone (bareArch), a runtime's arch name (parseMisnamed). */
  const open = strict && !foreign;
  /** The items as written, for the fix of a typo among them (see nameTypo). */
  let written: string[] | undefined;
  /** Whether an item is a valid platform: the list is one of platforms (see SLASH_WORDS). */
  let listsPlatform: boolean | undefined;
  // A context named for platforms, where another toolchain's words may still name one (win/x64).
  // (Not the --platform flag of a tool not Docker's: `electron-builder --platform win32/x64` is its own.)
  const platformNamed = o.platformSlot === true || (PLATFORM_NAMED.test(o.context) && (o.bareArch === true || !o.context.endsWith(' flag')));
  /**
   * A value any toolchain's names may fill: not one where a Docker or Kubernetes spelling is
   * expected (a `--platform` flag, `KUBE_BUILD_PLATFORMS`, `DOCKER_DEFAULT_PLATFORM`, BuildKit's
   * `TARGETPLATFORM`), nor a Go tool's (goNames).
   */
  const anyToolchains = o.role === 'platform' && !o.bareArch && !o.platformSlot && !o.goNames && o.canonical !== 'slash' && !DOCKER_OR_KUBE_NAMED.test(o.context);
  for (const item of items) {
    // TARGET_PLATFORM=--platform=linux/arm/v7: a variable that holds the flag; its value counts.
    const flag = o.role === 'platform' && o.text.charCodeAt(item.start) === 45 /* - */ ? PLATFORM_FLAG.exec(o.text.slice(item.start, Math.min(item.end, item.start + 40))) : null;
    const skip = flag && o.text[item.start + flag[0].length] === '=' ? flag[0].length + 1 : 0;
    let t = token(o.text, item.start + skip, item.end);
    // crane's `windows/amd64:10.0.17763.6414`: the os version after the colon is no part of the platform.
    const osVersion = o.role === 'platform' && t.text.indexOf(':') > 0 ? OS_VERSION_SUFFIX.exec(t.text) : null;
    if (osVersion) t = token(o.text, t.start, t.start + osVersion[1].length);
    // A build's fields after os/arch in a list of a script's own (not Docker's: it takes none): the
    // build is named by them too, so two builds of one platform are no repeat.
    const fields = o.role === 'platform' && canonical !== 'slash' && !item.templatedVariant && !osVersion && t.text.indexOf('/') !== t.text.lastIndexOf('/') ? BUILD_FIELDS.exec(t.text) : null;
    if (fields) t = token(o.text, t.start, t.start + fields[1].length);
    // `windows/amd64.exe` (GitLab's fleeting plugins' OS_ARCHS): the binary's suffix, which the
    // Makefile takes off before it sets GOARCH, is no part of the platform.
    else if (o.role === 'platform' && !osVersion && EXE_SUFFIX.test(t.text)) t = token(o.text, t.start, t.end - 4);
    if (o.role === 'os' || o.role === 'arch' || o.role === 'variant') {
      // A placeholder (`__ARCH__`, `ARCH`, a lone `-`) is no name, and no typo of one: as if templated.
      if (noName(t.text) || isPlaceholder(t.text) || SENTINELS.has(t.text.toLowerCase())) continue;
      // A whole platform where a name was expected (a Tekton param GOARCH: linux/s390x): judged as
      // a platform, typos (linux/amd46) with their suggestions.
      if (o.wholePlatforms && o.role !== 'variant' && t.text.indexOf('/') > 0) {
        const p = parsePlatform(t.text, 'strict');
        if (p && p.spelling === 'slash') {
          sink.add({ kind: 'whole', token: t, platform: p, strict: true, canonical: 'as-written', listId, ...(removable ? { removeRange: { start: item.removeStart, end: item.removeEnd } } : {}), context: o.context });
          continue;
        }
      }
      // An arch with its variant where a GOARCH is read (`GOARCH="arm/v7"`, a script's own variable
      // for `--platform linux/$GOARCH`): the arch it names, as in `linux/arm/v7`, with that variant;
      // the finding covers the word. (A variant Go lacks too, `arm64/v7`: that platform is no valid one.)
      if (o.role === 'arch' && !o.goArchOnly && t.text.indexOf('/') > 0) {
        const slash = t.text.indexOf('/');
        const arch = t.text.slice(0, slash);
        const variant = parsePlatform(`linux/${t.text}`, 'strict')?.variant;
        if (isGoArch(arch) && variant !== undefined && (isValidVariant(arch, variant) || ARCH_VARIANT.test(t.text))) t = { start: t.start, end: t.end, text: arch, variant };
      }
      // An item of a list of names (`GOARCH="arm64 riscv64"`) can be removed as a platform's can.
      names.push(removable && items.length > 1 ? { ...t, remove: { start: item.removeStart, end: item.removeEnd } } : t);
      continue;
    }
    // `lnux/${ARCH}`, `${TARGETOS}/amd46`: the half written is judged when it is a typo of a name.
    if (item.templatedHalf) {
      if (strict) halfTypo(sink, o.text, item, o.context);
      continue;
    }
    // `linux/arm/v${GOARM}`: the variant is templated, the pair is not (linux/arm is removed, any variant).
    const direct = item.templatedVariant ? templatedVariantPlatform(t.text) : (parsePlatform(t.text, o.strictness ?? 'strict') ?? (open && o.bareArch ? parseBareArch(t.text) : undefined));
    const misnamed = !direct && !item.templatedVariant && open && platformNamed ? parseMisnamed(t.text) : undefined;
    const parsed = direct ?? misnamed;
    // `--platform=foo/bar`, `platforms: [linux/amd64, unsupported/unsupported]`: where only a
    // platform goes, two words of no Go name are still a platform, one Docker refuses. (Elsewhere,
    // `centos/7` and `ubuntu/focal` name other things.)
    if (!parsed && open && SLASH_WORDS.test(t.text) && (o.bareArch || (platformNamed && (listsPlatform ??= o.listsPlatform?.() === true || items.some((it) => parsePlatform(o.text.slice(it.start, it.end), 'strict')?.valid === true))))) {
      const [os, arch] = t.text.split('/');
      sink.add({ kind: 'whole', token: t, platform: { ...makePlatform(os!, arch!, undefined, 'slash'), valid: false }, strict: true, ...(canonical ? { canonical } : {}), listId, ...(removable ? { removeRange: { start: item.removeStart, end: item.removeEnd } } : whole ? { removeRange: whole } : {}), context: o.context });
      continue;
    }
    if (!parsed) {
      // `--platform amd46` where Docker takes an arch alone: a typo of a Go name, judged as
      // `GOARCH=amd46` is, and as in a goarch list its fix repeats no other item.
      const role = open && o.bareArch && BARE_WORD.test(t.text) ? (isNameTypo(t.text, 'arch') ? 'arch' : isNameTypo(t.text, 'os') ? 'os' : undefined) : undefined;
      if (role) {
        written ??= items.map((it) => o.text.slice(it.start, it.end));
        nameTypo(sink, { ...t, inList: written, ...(removable ? { remove: { start: item.removeStart, end: item.removeEnd } } : {}) }, role, o.context);
      }
      continue;
    }
    // (Two os versions of one platform are two images, no repeat; two builds with their fields, two builds.)
    const otherArchWord = !anyToolchains ? undefined : misnamed ? 'misnamed' : parsed.alias && JOINED.has(parsed.spelling) ? 'alias' : undefined;
    const platform = osVersion ? { ...parsed, qualifier: o.text.slice(t.end + 1, item.end) } : fields ? { ...parsed, qualifier: o.text.slice(t.end, item.end) } : parsed;
    sink.add({
      kind: 'whole',
      token: t,
      platform,
      strict: (o.strictness ?? 'strict') === 'strict',
      ...(canonical ? { canonical } : {}),
      ...(o.goNames ? { goNames: true } : {}),
      listId,
      ...(removable ? { removeRange: { start: item.removeStart, end: item.removeEnd } } : whole ? { removeRange: whole } : {}),
      context: o.context,
      ...(otherArchWord ? { otherArchWord } : {}),
    });
  }
  return names;
}

/** The spellings every toolchain joins its names in: Go's archive names, conda's subdirs, Node's and .NET's targets, Java's bundles. */
const JOINED: ReadonlySet<Spelling> = new Set(['os-arch', 'os_arch']);

/** The arches whose Go names no other toolchain joins to an os (theirs are x64, x86_64 and 64; ia32, x86, i686 and 32). */
const GO_ONLY_ARCH: ReadonlySet<string> = new Set(['amd64', '386']);

/** Variables named for Kubernetes' build or for Docker and BuildKit: their values are in Docker's spelling, whatever they hold. */
export const DOCKER_OR_KUBE_NAMED = /^(?:KUBE_|DOCKER_|BUILDX_|(?:TARGET|BUILD)PLATFORMS?\b)/i;

/**
 * How a platform-ish variable's value is spelled: Docker's slash platforms where the name says
 * so (DOCKER_OR_KUBE_NAMED) or where the file gives the variable whole to a container tool's
 * `--platform` (`named`, see FlagVariables: `PLATFORM=linux-aarch64`, then `docker build
 * --platform "$PLATFORM"`, which Docker refuses); as written otherwise, a toolchain's own.
 */
export function varCanonical(name: string, named: ReadonlySet<string> | undefined): 'slash' | 'as-written' {
  return DOCKER_OR_KUBE_NAMED.test(name) || named?.has(name) === true ? 'slash' : 'as-written';
}

/**
 * The mentions of a block, with its otherArchWord ones read as their toolchain's where no list of
 * Go's backs them.
 *
 * `linux-aarch64` is conda's subdir and Java's bundle name, `linux-x64` Node's, .NET's and Java's,
 * `linux-armv7l` Node's and conda's: in a variable or key named for platforms (miniforge's
 * `TARGET_PLATFORM`, sharp's matrix `platform:`) such a word is that toolchain's own name. A name
 * Go has not (`x64`) is then no platform of ours to judge; an alias still names its platform, whose
 * tier is said (linux/arm/v7 is removed, whoever builds it), but it is no misspelling. Where the
 * list writes amd64 or 386 as Go does (`PLATFORMS="linux-amd64 linux-x64"`), or an item as Go and
 * Docker do (`linux/arm64`), it is theirs: a Go build or Docker takes those words, and fails.
 */
export function inGoLists(mentions: Mention[]): Mention[] {
  if (!mentions.some((m) => m.kind === 'whole' && m.otherArchWord !== undefined)) return mentions;
  const goLists = new Set<number>();
  for (const m of mentions) if (m.kind === 'whole' && m.otherArchWord === undefined && m.listId !== undefined && (m.platform.spelling === 'slash' || GO_ONLY_ARCH.has(m.platform.raw.arch))) goLists.add(m.listId);
  const out: Mention[] = [];
  for (const m of mentions) {
    if (m.kind !== 'whole' || m.otherArchWord === undefined || (m.listId !== undefined && goLists.has(m.listId))) out.push(m);
    else if (m.otherArchWord === 'alias') out.push({ ...m, canonical: undefined });
  }
  return out;
}

/**
 * The written half of a platform whose other half is templated (`lnux/${ARCH}`): a typo of a Go
 * os or arch (isNameTypo) is a name alone, which its rule reports. A
 * right name says nothing alone (its pair is templated), nor a word that is no name at all.
 */
function halfTypo(sink: MentionSink, text: string, item: ListItem, context: string): void {
  const slash = text.indexOf('/', item.start);
  if (slash < 0 || slash >= item.end) return;
  const role = item.templatedHalf!;
  const t = role === 'os' ? token(text, item.start, slash) : token(text, slash + 1, item.end);
  if (isNameTypo(t.text, role)) nameTypo(sink, t, role, context);
}

/** A word alone where a platform may be an arch alone (`--platform amd46`). */
const BARE_WORD = /^[A-Za-z0-9_-]+$/;

/** A typo of a Go os or arch name written alone, a name its rule reports (`unknown-platform`, with Go's names to fix it). */
function nameTypo(sink: MentionSink, t: Token, role: 'os' | 'arch', context: string): void {
  sink.add({ kind: 'pair', ...(role === 'os' ? { os: t } : { arch: t }), product: false, context });
}

/** A context named for platforms (`PLATFORMS`, `platforms:`, `--platform`), not for targets (which Node's and .NET's are too): see parseMisnamed. */
const PLATFORM_NAMED = /platform/i;

/** Two words of letters and digits (`unsupported/unsupported`, `foo/bar`), each starting with a letter. */
const SLASH_WORDS = /^[a-z][a-z0-9]{0,15}\/[a-z][a-z0-9]{0,15}$/;

/** A Windows platform with the suffix of its binary. */
const EXE_SUFFIX = /^windows\/[A-Za-z0-9/_-]+\.exe$/i;

/**
 * A platform with fields of a build after it (okteto's `linux/amd64/okteto-Linux-x86_64/netgo`:
 * the binary's name, then its tags): a third part no variant is spelt like, with a `-` or `_`,
 * or a Windows binary's name (`windows/amd64/app.exe`).
 */
const BUILD_FIELDS = /^([A-Za-z0-9]+\/[A-Za-z0-9_]+)\/(?:[^/]*[^A-Za-z0-9./][^/]*|[^/]+\.exe)(?:\/[^]*)?$/i;

/** A platform with an os version after a colon (go-containerregistry's `os/arch[/variant][:osversion]`). */
const OS_VERSION_SUFFIX = /^([A-Za-z0-9]+\/[A-Za-z0-9/._-]+):\d+(?:\.\d+){0,3}$/;

/** The os/arch pair of a platform whose variant is templated, when both are Go's names. */
function templatedVariantPlatform(text: string): ParsedPlatform | undefined {
  const p = parsePlatform(text.slice(0, text.lastIndexOf('/')), 'strict');
  return p && p.validOs && p.validArch ? p : undefined;
}

/** A macOS universal binary's arch (hugoreleaser's `goarch: universal`, wails' `darwin/universal`): both of darwin's arches, no typo. */
export const UNIVERSAL = 'universal';
/** The arches a macOS universal binary holds. */
export const UNIVERSAL_ARCHES: readonly string[] = ['amd64', 'arm64'];

/**
 * Values a script sets GOOS or GOARCH to when it cannot tell (`goos="unknown"` before testing the
 * host, `*) GOARCH=none ;;`): markers it tests for, not names, and no typo of one.
 */
const SENTINELS: ReadonlySet<string> = new Set(['unknown', 'none', 'unsupported', 'undefined', 'unset', 'null', 'nil', 'invalid', 'n/a', 'na', 'tbd', 'todo', 'placeholder', 'empty']);

/** A GOOS or GOARCH value that is no name, right or wrong: `__ARCH__`, `__arch`, `-`, `$`. */
function noName(text: string): boolean {
  // (A word longer than any platform read whole, GOARCH=aaaa… of 100,000 characters: no name, as parsePlatform has it.)
  if (text.length > MAX_NAME) return true;
  const c = text.charCodeAt(0);
  // Most values start with a lower-case letter or a digit (linux, 386): one comparison each.
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return text.endsWith('__');
  return NO_NAME.test(text);
}
const NO_NAME = /^__|__$|^[^\p{L}\p{N}]*$/u;
/** The longest word read as a name (a platform read whole is at most 64 characters). */
const MAX_NAME = 64;

/** Lists up to this long give each of their names what the list holds (markRepeats). */
const SHORT_LIST = 64;

/**
 * Marks the items of a goos or goarch list that repeat an earlier one (same name, any case; with
 * `nameOf`, the same name it gives: a container tool's `x86_64` repeats `amd64`).
 */
export function markRepeats(tokens: Token[], nameOf?: (name: string) => string): Token[] {
  if (tokens.length < 2) return tokens;
  const seen = new Map<string, Token>();
  // What the list holds, for the fix of a name in it that is wrong (`goarch: [amd64, amd46]`, or
  // `GOARCH ?= amd64 arm64 riscv64` under `GOOS ?= darwin`): no second amd64. A name Go does not
  // have carries it; so does every name of a short list (a list of 300,000 names each carrying
  // all of them took minutes to scan).
  const written = tokens.map((t) => t.text);
  // (What the list holds as written, an arch with its variant whole: `amd64/v5` is no `amd64`.)
  const listed = tokens.some((t) => t.variant !== undefined) ? tokens.map(writtenName) : written;
  const all = tokens.length <= SHORT_LIST;
  return tokens.map((t, k) => {
    const name = written[k].toLowerCase();
    const named = nameOf ? nameOf(name) : name;
    // (An arch with its variant is that variant's: `amd64/v3` repeats no `amd64/v2`, `arm64/v8` repeats `arm64`.)
    const key = t.variant === undefined ? named : platformIdentity({ os: '', arch: named, variant: t.variant }).slice(1);
    const first = seen.get(key);
    const inList = all || (!isGoOs(name) && !isGoArch(name)) ? { inList: listed } : undefined;
    // A name as Go writes it after the same name in capitals (`[Linux, linux]`) is the list's
    // name, not a repeat of a name Go does not take: the later items repeat it.
    if (!first || (written[k] === name && first.text !== name && first.text.toLowerCase() === name && (isGoOs(name) || isGoArch(name)))) {
      seen.set(key, t);
      return inList ? { ...t, ...inList } : t;
    }
    return { ...t, repeatOf: writtenName(first), ...inList };
  });
}

/** A name as written, with the variant written after it (`arm/v7`). */
export function writtenName(t: Token): string {
  return t.variant === undefined ? t.text : `${t.text}/${t.variant}`;
}

/**
 * A flag whose value is a platform list (`--platform`, `--platforms=`, gox `-osarch`, kaniko's
 * `--custom-platform` and its other spelling `--customPlatform`), before its `=` or its end.
 */
export const PLATFORM_FLAG = /^--?(?:[a-z0-9]+-)*(?:platforms?|[a-z][a-z0-9]*Platforms?|osarch)(?==|$)/;

/**
 * Whether a value given to the platform flag `flag` is read: always for `--platform`,
 * `--platforms` and `-osarch`; for a flag of another name (`--artifact-platform`,
 * `--custom-platform`) when it is written as Docker's platforms are, with a slash. Flutter's
 * `--target-platform android-arm,android-x64` and conda's `--target-platform=linux-64` are their tools' names.
 */
export function readsFlagValue(flag: string, value: string): boolean {
  return PLAIN_PLATFORM_FLAG.test(flag) || value.indexOf('/') >= 0;
}

const PLAIN_PLATFORM_FLAG = /^--?(?:platforms?|osarch)$/;

/** Products larger than this are reduced to the pairs that can change a verdict. */
const FULL_PRODUCT = 256;

/** A pair's fields for an arch in containerd's names (see Token.containerArch): the Go arch an alias names, no variant (`armv7` stays as written). */
export function containerArchFields(written: string): { containerArch: true; archName?: string } {
  const lower = written.toLowerCase();
  const resolved = isGoArch(lower) ? undefined : resolveArch(lower);
  return resolved && resolved.variant === undefined ? { containerArch: true, archName: resolved.arch } : { containerArch: true };
}

/**
 * Emits os/arch (and variant) name lists as pair mentions: one pair, or a cross product. A large
 * product (a matrix of 1,000 × 1,000 values) is reduced without changing any finding: a verdict
 * depends on the names of a pair, so each os token meets one arch token per distinct valid arch
 * name and vice versa, and an invalid name is judged on its own.
 */
export function emitPairs(
  sink: MentionSink,
  oses: Token[],
  arches: Token[],
  /** The variant: a name, its token where it is written apart (`GOARM=7`), or what each pair is built in. */
  variant: string | Token | undefined | ((os: string | undefined, arch: string | undefined) => string | readonly string[] | undefined),
  context: string,
  excluded: (os: string | undefined, arch: string | undefined) => boolean = () => false,
  /** The side with no token, named by the file elsewhere (a workflow's top-level `env:`). */
  implied?: { os?: string; arch?: string },
): void {
  const product = oses.length > 1 || arches.length > 1;
  const add = (os: Token | undefined, arch: Token | undefined) => {
    if (!os && !arch) return;
    if (excluded(os?.text ?? implied?.os, arch?.text ?? implied?.arch)) return;
    const apart = typeof variant === 'object' ? variant : arch?.variantToken;
    const v = (typeof variant === 'function' ? variant(os?.text ?? implied?.os, arch?.text ?? implied?.arch) : typeof variant === 'object' ? variant.text : variant) ?? arch?.variant ?? apart?.text;
    sink.add({
      kind: 'pair',
      ...(os ? { os } : implied?.os ? { osName: implied.os } : {}),
      ...(arch ? { arch } : implied?.arch ? { archName: implied.arch } : {}),
      ...(arch?.containerArch ? containerArchFields(arch.text) : {}),
      ...variantFields(v),
      ...(apart?.text ? { variantToken: apart } : {}),
      product,
      context,
    });
  };
  if (oses.length * arches.length <= FULL_PRODUCT) {
    const osList: (Token | undefined)[] = oses.length > 0 ? oses : [undefined];
    const archList: (Token | undefined)[] = arches.length > 0 ? arches : [undefined];
    for (const os of osList) for (const arch of archList) add(os, arch);
    return;
  }
  const osReps = representatives(oses, (n) => isGoOs(n));
  const archReps = representatives(arches, (n) => resolveArch(n) !== undefined);
  for (const os of oses) {
    const partners = isGoOs(os.text.toLowerCase()) && archReps.length > 0 ? archReps : [undefined];
    for (const arch of partners) add(os, arch);
  }
  for (const arch of arches) {
    const partners = resolveArch(arch.text.toLowerCase()) !== undefined && osReps.length > 0 ? osReps : [undefined];
    for (const os of partners) add(os, arch);
  }
}

/** A pair's variant fields for the variant or variants it is built in (see PairMention.variants). */
export function variantFields(v: string | readonly string[] | undefined): { variant?: string; variants?: readonly string[] } {
  if (typeof v === 'string') return v ? { variant: v } : {};
  if (!v?.[0]) return {};
  return v.length > 1 ? { variant: v[0], variants: v } : { variant: v[0] };
}

/**
 * One GOOS or GOARCH value, with the other half of its pair where the file writes it (`other`),
 * else alone: a loop's word, a parameter's choice, an anchored value.
 */
export function emitName(sink: MentionSink, role: 'os' | 'arch', name: Token, context: string, other?: Token): void {
  const os = role === 'os' ? name : other;
  const arch = role === 'arch' ? name : other;
  emitPairs(sink, os ? [os] : [], arch ? [arch] : [], undefined, context);
}

/** The first token of every distinct valid name. */
function representatives(tokens: Token[], valid: (name: string) => boolean): Token[] {
  const seen = new Map<string, Token>();
  for (const t of tokens) {
    const n = t.text.toLowerCase();
    if (!seen.has(n) && valid(n)) seen.set(n, t);
  }
  return [...seen.values()];
}


/**
 * Whether a variable named for platforms names no other os (`WINDOWS_PLATFORMS`, `DARWIN_…`:
 * their arches are that os's) and no emulator (`EMULATE_PLATFORMS`, `QEMU_PLATFORMS`: what
 * binfmt installs, no build).
 */
function linuxBuildName(name: string): boolean {
  return name.toLowerCase().split(/[_-]+/).every((part) => part === 'linux' || (!isGoOs(part) && !OTHER_OS_WORDS.has(part) && !/^(?:emulat|qemu|binfmt)/.test(part)));
}

const OTHER_OS_WORDS: ReadonlySet<string> = new Set(['win', 'mac', 'macos', 'osx', 'bsd']);

/**
 * Whether the value masked[start, end) of a variable named for platforms (`PLATFORMS ?= amd64 arm
 * arm64`, ingress-nginx's, a build's arches) is a list of Go's arches alone: each word one of Go's
 * names or a typo of one, one a name at least. Not a list of oses (`PLATFORMS=darwin linux
 * windows`), nor one with another scheme's names (Debian's `armhf i386 ppc64el` in kube-cross's
 * KUBE_DYNAMIC_CROSSPLATFORMS name its cross compilers' packages). Such a list is read as
 * containerd reads an arch alone (see parseBareArch): linux's.
 */
export function isBareArchList(name: string, masked: string, maskBase: number, start: number, end: number): boolean {
  if (!/PLATFORMS$/i.test(name) || !linuxBuildName(name)) return false;
  // (Templated items, `$(EXTRA_ARCHES)`, are none of the list's names; an arch may carry its variant, `arm/v7`.)
  const words = masked
    .slice(start - maskBase, end - maskBase)
    .split(/[\s,"']+/)
    .filter((w) => w !== '' && w.indexOf(POISON) < 0)
    .map((w) => (ARCH_VARIANT.test(w) ? w.slice(0, w.indexOf('/')) : w));
  return words.some((w) => isGoArch(w)) && words.every((w) => BARE_WORD.test(w) && (isGoArch(w) || isNameTypo(w, 'arch')));
}

/**
 * A value every literal item of which is a slash platform of known names (`linux/amd64,linux/arm64`)
 * is a platform list whatever the variable is called: `KICBASE_ARCH ?= linux/amd64,linux/arm64`,
 * `PLATFORM_MATRIX=$PLATFORM_MATRIX,linux/arm64`.
 */
export function isPlatformListValue(masked: string, maskBase: number, start: number, end: number, text: string): boolean {
  const items = splitList(masked, maskBase, start, end);
  if (items.length === 0) return false;
  return items.every((it) => {
    const t = text.slice(it.start, it.end);
    return t.includes('/') && parsePlatform(t, 'loose') !== undefined;
  });
}

/** How many items a list has, templated ones included. */
function splitAll(masked: string, maskBase: number, start: number, end: number): number {
  let n = 0;
  let inItem = false;
  for (let i = start - maskBase; i < end - maskBase; i++) {
    const sep = separatorAt(masked, i);
    if (!sep && !inItem) n++;
    inItem = !sep;
  }
  return n;
}

/**
 * GOOS and GOARCH set one statement at a time in a scope where they stay set (a Dockerfile stage, a
 * make target, a Makefile's variables): each value pairs with the other half in effect (`ENV
 * GOOS=darwin`, then `ENV GOARCH=386` and `ENV GOARCH=arm` build darwin/386 and darwin/arm). A
 * value that never met the other half is judged alone when it is replaced or the scope ends.
 */
export class ScopeEnv {
  private os: Token | undefined;
  private arch: Token | undefined;
  private osContext = '';
  private archContext = '';
  private osPaired = false;
  private archPaired = false;
  /** A half the scope's commands set themselves (a make recipe's `GOARCH=amd64 go build`): not taken from the parent. */
  private here: { os?: true; arch?: true } = {};

  /**
   * `parent`: the scope this one inherits from (a make target's from the Makefile's variables).
   * `inherited`: values it starts with that were set elsewhere, as names (a Dockerfile stage's
   * ENV from an earlier block of the file, or from the stage it is built `FROM`).
   */
  constructor(
    private readonly sink: MentionSink,
    private readonly parent?: ScopeEnv,
    private inherited: GoNames = {},
  ) {}

  /** Starts over (after end()) with values set elsewhere; or takes one more such value. */
  inherit(names: GoNames, more = false): void {
    this.inherited = more ? { ...this.inherited, ...names } : names;
  }

  /** The GOOS and GOARCH in force as names, own or inherited (for a scope that goes on elsewhere). */
  names(): GoNames {
    const os = this.currentOs?.text ?? this.inherited.os;
    const arch = this.currentArch?.text ?? this.inherited.arch;
    return { ...(os !== undefined ? { os } : {}), ...(arch !== undefined ? { arch } : {}) };
  }

  private get currentOs(): Token | undefined {
    return this.os ?? this.parent?.currentOs;
  }

  private get currentArch(): Token | undefined {
    return this.arch ?? this.parent?.currentArch;
  }

  /** The GOOS (or GOARCH) set in this scope or the one it inherits from. */
  inForce(role: 'os' | 'arch'): Token | undefined {
    return role === 'os' ? this.currentOs : this.currentArch;
  }

  /** The GOOS and GOARCH in force, as a script run here sees them (undefined: neither is set). */
  goEnv(): { os?: Token; arch?: Token; osName?: string; archName?: string } | undefined {
    const os = this.currentOs;
    const arch = this.currentArch;
    // (An inherited value that is no Go name, a typo reported where it is set, makes no pair wrong.)
    const osName = !os && isGoOs(this.inherited.os ?? '') ? this.inherited.os : undefined;
    const archName = !arch && isGoArch(this.inherited.arch ?? '') ? this.inherited.arch : undefined;
    return os || arch || osName || archName ? { ...(os ? { os } : {}), ...(arch ? { arch } : {}), ...(osName ? { osName } : {}), ...(archName ? { archName } : {}) } : undefined;
  }

  /** A statement sets `os`, `arch` or both. */
  set(os: Token | undefined, arch: Token | undefined, context: string): void {
    if (os) {
      if (this.os && !this.osPaired) emitPairs(this.sink, [this.os], [], undefined, this.osContext);
      this.os = os;
      this.osContext = context;
      this.osPaired = false;
    }
    if (arch) {
      if (this.arch && !this.archPaired) emitPairs(this.sink, [], [this.arch], undefined, this.archContext);
      this.arch = arch;
      this.archContext = context;
      this.archPaired = false;
    }
    // Both halves of this scope's own pair up now. A half paired with the scope it inherits from
    // waits for the scope's end: a target's `GOOS := windows` is followed by its own `GOARCH :=
    // amd64`, and never builds windows with the Makefile's `GOARCH ?= s390x`.
    if (this.os && this.arch && ((os && !this.osPaired) || (arch && !this.archPaired))) {
      emitPairs(this.sink, [this.os], [this.arch], undefined, context);
      this.osPaired = this.archPaired = true;
    }
  }

  /** The scope's commands set this half themselves: its own other half does not pair with the parent's. */
  setHere(role: 'os' | 'arch'): void {
    this.here[role] = true;
  }

  /** The scope ends: a half that never met the other is judged with the inherited one, or alone. */
  end(): void {
    // (The inherited half is named, not its token: a wrong pair is this scope's, reported on what it sets.
    // One that is no Go name, a typo reported where it is written, is left out: `GOOS ?= lnux` does not
    // make a target's `GOARCH=amd64` wrong.)
    const parentArch = this.arch || this.here.arch || !isGoArch(this.parent?.currentArch?.text ?? '') ? undefined : this.parent?.currentArch;
    const parentOs = this.os || this.here.os || !isGoOs(this.parent?.currentOs?.text ?? '') ? undefined : this.parent?.currentOs;
    const arch = parentArch?.text ?? (!this.arch && isGoArch(this.inherited.arch ?? '') ? this.inherited.arch : undefined);
    const os = parentOs?.text ?? (!this.os && isGoOs(this.inherited.os ?? '') ? this.inherited.os : undefined);
    if (this.os && !this.osPaired) emitPairs(this.sink, [this.os], [], undefined, this.osContext, undefined, arch ? { arch } : undefined);
    if (this.arch && !this.archPaired) emitPairs(this.sink, [], [this.arch], undefined, this.archContext, undefined, os ? { os } : undefined);
    this.os = this.arch = undefined;
    this.osPaired = this.archPaired = false;
    this.inherited = {};
    this.here = {};
  }
}
