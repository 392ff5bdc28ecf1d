import { get, isTemplateLine, newRepairs, readYamlDocuments, scalarText, type Repairs, type YMap, type YNode, type YPair, type YScalar, type YSeq } from './yamlTree';
import { INCLUDED_EVERYWHERE, UPPER_NAME, buildRowsOf, isBareArchList, isForeignPlatform, MentionSink, emitName, emitPairs, markRepeats, type Mention, type PairMention, isForeignBuilder, isPathKey, isPlatformMappingPath, PLATFORM_FLAG, platformMappingRole, readsFlagValue, pulledImage, readPlatformList, roleOf, token, type Role, type Token, UNIVERSAL, variantFields } from './mention';
import { looksLikeName, makePlatform, parsePlatform, type ParsedPlatform, type Spelling } from '../platform/parse';
import { GO_VARIANT_KEYS, VARIANT_KEY, goVariant, isGoArch, isGoOs, isValidPair, isValidVariant, resolveArch } from '../platform/names';
import { maskTemplates } from './template';
import { KUBE_REGISTRIES, afterUrlVariable, kubeImageName, registryVariable, scanArchiveNames, scanPackageName, scanUrls, urlVariable } from './artifacts';
import { PYTHON_PACKAGE_TOOLS, TERRAFORM_TOOLS, emitFlagArch, flagArchValue, flagVariables, impliedNames, isTextName, runsDockerFlag, scanShell, setAtAll, settleCarried, shellAssignments, type GoEnv, type ShellExports, type ShellOptions } from './shell';
import type { FlagVariables } from './state';
import { lineKey, splitBrokenChildren, type ItemCut, type JobBlockFacts, type StepCut } from './chunks';
import { lastAtOrBefore } from '../lineIndex';

/** What kind of YAML file: some keys mean more in some files (goreleaser defaults, workflow matrices). */
export type YamlFlavour = 'yaml' | 'github-workflow' | 'goreleaser' | 'gitlab-ci';

/** Keys whose values are text for a person. */
const PROSE_KEYS = new Set([
  'name', 'description', 'title', 'summary', 'help', 'message', 'msg', 'text', 'body', 'comment', 'comments',
  'note', 'notes', 'about', 'usage', 'footer', 'header', 'if', 'when', 'condition', 'label', 'labels', 'annotations',
  'long_description', 'short_description', 'changelog', 'release_notes', 'release-notes', 'caption',
  'hint', 'hints', 'tip', 'tips', 'details', 'explanation', 'reason', 'readme', 'subject',
  'commit-message', 'commit_message', 'commitmessage', 'pr-title', 'pr-body', 'pr_title', 'pr_body',
]);
/** A key naming a document (a ConfigMap's `README.md: |`, `NOTES.txt`): its value is prose. */
const DOCUMENT_KEY = /\.(?:md|markdown|txt|rst|adoc)$/i;
const FLAG = /^--?(?:[a-z0-9]+-)*(?:platforms?|[a-z][a-z0-9]*Platforms?|osarch)$/;
const WHOLE_SLASH = /^[A-Za-z0-9]+\/[A-Za-z0-9_]+(?:\/[A-Za-z0-9.]+)?$/;
/** Docker's actions whose `platforms` input is a list of Docker platforms. */
const DOCKER_ACTION = /^docker\/(?:build-push|setup-buildx)-action@/i;
const SETUP_BUILDX = /^docker\/setup-buildx-action@/i;
/** Docker's actions whose `target` input is a build stage or a bake target. */
const STAGE_ACTION = /^docker\/(?:build-push|bake)-action@/i;
const MATRIX_KEY = /^(?:[\w-]+[-_])?matrix$/i;
/** `${{ matrix.arch }}` (or `${{ matrix['arch'] }}`), or a key of an axis of mappings: `${{ matrix.machine.platform }}` (key `machine.platform`). */
const MATRIX_REF = /\$\{\{\s*matrix(?:\.|\[\s*['"])([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?)(?:['"]\s*\])?\s*\}\}/g;
/** A Buildkite step's `{{matrix.arch}}`. */
const BUILDKITE_MATRIX_REF = /\{\{[ \t]*matrix\.([A-Za-z0-9_-]+)[ \t]*\}\}/g;
const MATRIX_TARGET = /([A-Za-z_][A-Za-z0-9_]*|-(?:-[a-z0-9]+)*-platforms?)["']?[ \t]*([:= ])[ \t]*["']?$/;
const GORELEASER_DEFAULT_GOOS = ['darwin', 'linux', 'windows'];
const GORELEASER_DEFAULT_GOARCH = ['386', 'amd64', 'arm64'];

/** Deeper than this, a document is not walked: nobody writes platforms 200 levels down. */
const MAX_DEPTH = 200;

interface Ctx {
  text: string;
  sink: MentionSink;
  flavour: YamlFlavour;
  path: readonly string[];
  depth: number;
  /** Matrix keys that act as GOOS/GOARCH/platform through `${{ matrix.key }}` in their job. */
  matrixRoles: MatrixRoles | undefined;
  /**
   * The `exclude` entries beside this map, for a CircleCI matrix, where they sit next to its
   * `parameters` instead of among the values: `matrix: {parameters: {goos: …}, exclude: […]}`.
   */
  siblingExclude: YNode | undefined;
  /** GOOS and GOARCH set by the `env:` of an enclosing job or step (not the file's own). */
  env?: GoEnv;
  /** Anchors of the file whose alias is the value of a platform-ish key (see platformAnchors): name → that key. */
  anchors?: ReadonlyMap<string, string>;
  /** The other half of the pairs anchored os or arch lists are built in (see anchorPartners). */
  partners?: ReadonlyMap<string, AnchorPartners>;
  /** Anchored lists of Go os names aliased as a goos axis (see anchoredOsLists): name → names. */
  osLists?: ReadonlyMap<string, readonly string[]>;
  /** In goreleaser, anchored lists of Go arch names aliased as a goarch axis (the same): name → names. */
  archLists?: ReadonlyMap<string, readonly string[]>;
  /** In goreleaser, the names the builds that merge an anchored build set beside what they take of it (see buildMergePartners). */
  mergePartners?: ReadonlyMap<string, MergePartners>;
  /** Anchored mappings' os and arch names, for merge keys (see mergedAnchors). */
  merges?: ReadonlyMap<string, MergedNames>;
  /** Anchors whose alias is an exclude or ignore list (see leftOutAnchors): what they hold is not built. */
  leftOut?: ReadonlySet<string>;
  /** Anchors whose alias is a matrix (see matrixAnchors). */
  matrixAnchors?: ReadonlySet<string>;
  /** The entries of those lists, where they are literal mappings (see anchoredLeftOutLists). */
  leftOutLists?: ReadonlyMap<string, LeftOutAnchor>;
  /** GitLab jobs' GOOS and GOARCH, for `extends:` (see jobVariables). */
  jobs?: ReadonlyMap<string, GoEnv>;
  /** CircleCI executors' GOOS and GOARCH, for the jobs that run on them (see executorVariables). */
  executors?: ReadonlyMap<string, GoEnv>;
  /** CircleCI job parameters used as GOOS or GOARCH (see circleParameterRoles), for the matrices that set them. */
  circleParameters?: ReadonlyMap<string, Role>;
  /** The region holds GitLab `!reference` tags, whose paths are no values. */
  references?: boolean;
  /** Download URLs set by the environment maps around (`K8S_BASE: https://dl.k8s.io/release`), for the scripts that expand them: name → URL. */
  urlVars?: ReadonlyMap<string, string>;
  /** A GitLab job's before_script and script run in one shell: the variables the one sets are the other's (see walkMap). */
  shellVars?: Map<string, string>;
  /** What such a job's before_script exports of GOOS and GOARCH, for its script. */
  shellExports?: ShellExports;
  /** What a GitLab file's `default: before_script:` exports, for the jobs that run it (see defaultExports). */
  defaultExports?: ShellExports;
  /** Under a prose key (`body:` of an issue form): a scalar counts only when it is wholly a platform. */
  prose?: boolean;
  /** A matrix axis whose values a `--platform` flag takes whole: only a platform goes there (see ValueOptions). */
  platformSlot?: boolean;
  /** In the first part of a job cut at its steps (at `jobs:`): the job's matrix roles, read over the whole job. */
  jobRoles?: MatrixRoles;
  /** The environment variables the file's scripts give to `--platform` flags (see envFlagVariables). */
  flagVars?: FlagVariables;
  /** The inputs of docker/build-push-action or setup-buildx-action (`with:`): their `platforms` is containerd's (see containerdValue). */
  dockerInputs?: boolean;
  /** In an environment map (`env:`, `variables:`): the mapping that holds it, a job or a step, whose scripts it is set for (see envFlagValue). */
  envOwner?: YMap;
  /** The file is a Compose file (see composeText): its services' `platform:` is containerd's. */
  compose?: boolean;
  /** The images anchored in the file, by anchor name (see anchoredImages). */
  images?: ReadonlyMap<string, string>;
}

/**
 * The context one level down: under `key` in a map, or (no key) in a sequence, whose items share
 * the sequence's path. Written out field by field: a spread is a slow generic copy in bytecode,
 * and this runs for every map and sequence of a file.
 */
function below(ctx: Ctx, key?: string): Ctx {
  let path = ctx.path;
  if (key !== undefined) {
    const copy = ctx.path.slice();
    copy.push(key);
    path = copy;
  }
  return { text: ctx.text, sink: ctx.sink, flavour: ctx.flavour, path, depth: ctx.depth + 1, matrixRoles: ctx.matrixRoles, siblingExclude: undefined, env: ctx.env, anchors: ctx.anchors, partners: ctx.partners, osLists: ctx.osLists, archLists: ctx.archLists, mergePartners: ctx.mergePartners, merges: ctx.merges, leftOut: ctx.leftOut, leftOutLists: ctx.leftOutLists, matrixAnchors: ctx.matrixAnchors, jobs: ctx.jobs, executors: ctx.executors, circleParameters: ctx.circleParameters, references: ctx.references, urlVars: ctx.urlVars, prose: ctx.prose, defaultExports: ctx.defaultExports, flagVars: ctx.flagVars, compose: ctx.compose, images: ctx.images };
}

/**
 * Scans YAML in text[start, end): one or more documents. Where a document does not parse, its
 * lines are scanned one by one instead, so a broken file still gets platform checks.
 * `path` is where the region sits in a larger document (a job cut out of `jobs:`).
 */
export function scanYaml(text: string, start: number, end: number, sink: MentionSink, flavour: YamlFlavour, path: readonly string[] = [], file?: YamlFileFacts, job?: JobFacts): void {
  scanDocuments(text, start, end, sink, flavour, path, 0, undefined, job ? { ...file, job } : file);
  templateLineUrls(text, start, end, sink);
}

/**
 * The download URLs given to the actions of a template-only line, which the YAML reader takes for
 * a comment: krew-release-bot's `{{addURIAndSha "https://github.com/kubernetes-sigs/…/kubectl-x_linux_arm.tar.gz" .TagName}}`.
 */
function templateLineUrls(text: string, start: number, end: number, sink: MentionSink): void {
  // (Looked for in the region only: a file of many blocks and no URL is read once, not once a block.)
  const region = text.slice(start, end);
  if (region.indexOf('{{') < 0) return;
  for (let r = region.indexOf('"http'); r >= 0; r = region.indexOf('"http', r + 1)) {
    const at = start + r;
    const ls = text.lastIndexOf('\n', at) + 1;
    let le = text.indexOf('\n', at);
    if (le < 0 || le > end) le = end;
    let k = Math.max(ls, start);
    while (k < le && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    if (isTemplateLine(text, k, le)) {
      const masked = maskTemplates(text, k, le, 'shell');
      scanUrls(text, masked, k, 0, masked.length, sink, new Map());
    }
    r = le - start;
  }
}

/**
 * Whether `text` may hold an alias: a `*` where a node can start (the text's or a line's start,
 * after a blank, `[`, `{`, `,` or `:`). False rules out every fact an alias gives, at the cost of
 * one indexOf per `*`: a workflow's `${platform%/*}` or `'**'` is none, and each of those facts'
 * regexes would otherwise read the whole text.
 */
function mayHaveAlias(text: string): boolean {
  for (let i = text.indexOf('*'); i >= 0; i = text.indexOf('*', i + 1)) {
    const c = i === 0 ? 10 : text.charCodeAt(i - 1);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 91 || c === 123 || c === 44 || c === 58) return true;
  }
  return false;
}

/** `platforms: *release_platforms`: a platform-ish key whose value is an alias (its key, its anchor's name). */
const PLATFORM_ALIAS = /^[ \t]*(?:-[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*:[ \t]+\*([^\s,\[\]{}#]+)[ \t]*(?:#.*)?$/gm;

/**
 * The anchors of a YAML text whose alias is the value of a platform-ish key (`platforms:
 * *platforms_release`), by name, with that key: the anchored value (`- &platforms_release
 * 'linux/arm/v6,linux/amd64'` under `variables:`) is a platform list where it is written, in
 * whichever block. Undefined when there is none (most files: one cheap test).
 */
export function platformAnchors(text: string): Map<string, string> | undefined {
  if (!mayHaveAlias(text) || !/:[ \t]+\*[^\s]/.test(text)) return undefined;
  let out: Map<string, string> | undefined;
  PLATFORM_ALIAS.lastIndex = 0;
  for (let m = PLATFORM_ALIAS.exec(text); m; m = PLATFORM_ALIAS.exec(text)) {
    if (roleOf(m[1]) !== undefined && roleOf(m[1]) !== 'variant' && !out?.has(m[2])) (out ??= new Map()).set(m[2], m[1]);
  }
  if (!out) return undefined;
  // A name anchored twice (`&defaults` in two places) binds each alias to the anchor before it;
  // which one a platform key gets is not read here, so neither is checked.
  const anchored = new Map<string, number>();
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m; m = ANCHOR.exec(text)) if (out.has(m[1])) anchored.set(m[1], (anchored.get(m[1]) ?? 0) + 1);
  for (const [name, n] of anchored) if (n > 1) out.delete(name);
  return out.size > 0 ? out : undefined;
}

/** The other half of the pairs an anchored os or arch list is built in, where its alias is a matrix axis or an environment's value. */
export interface AnchorPartners {
  /** The os names beside the alias of an arch list (`goos: [darwin]` beside `goarch: *arches`), or the arch names beside an os list's. */
  readonly names: readonly string[];
  /** What builds the pairs, as the inline form's mentions name it (`matrix`, `GOOS/GOARCH`). */
  readonly context: string;
  /** For a merge key's build with an ignore list of its own: what that list leaves out. */
  readonly leftOut?: readonly Entry[];
}

/**
 * The anchors of a text aliased as a GOOS or GOARCH value (`goarch: *arches`) beside literal Go
 * names of the other half (`goos: [darwin]` in the same matrix, `GOOS: darwin` in the same GitLab
 * matrix entry or environment map), by name: the anchored names are judged where they are
 * written, in pairs with those (darwin/386 is no platform). Only matrices and environment maps,
 * with no `exclude:` or `include:` beside the alias (what they leave out is not read here);
 * undefined when there is none.
 */
export function anchorPartners(text: string, anchors: ReadonlyMap<string, string> | undefined, flavour: YamlFlavour, osLists: ReadonlyMap<string, readonly string[]> | undefined): Map<string, AnchorPartners> | undefined {
  if (!anchors) return undefined;
  let out: Map<string, AnchorPartners> | undefined;
  PLATFORM_ALIAS.lastIndex = 0;
  for (let m = PLATFORM_ALIAS.exec(text); m; m = PLATFORM_ALIAS.exec(text)) {
    const role = roleOf(m[1]);
    if ((role !== 'os' && role !== 'arch') || anchors.get(m[2]) === undefined || roleOf(anchors.get(m[2])!) !== role) continue;
    // (An os list is read where its alias is, as the names of the axis: see anchoredOsLists.)
    if (role === 'os' && osLists?.has(m[2])) continue;
    const site = besideAlias(text, m.index, m.index + m[0].indexOf(m[1]) - m.index, role, flavour);
    if (!site) continue;
    const had = out?.get(m[2]);
    const names = had ? [...new Set([...had.names, ...site.names])] : site.names;
    (out ??= new Map()).set(m[2], { names, context: had?.context ?? site.context });
  }
  return out;
}

/** The names a goreleaser build that merges an anchored one pairs with the anchored one's goarch (`oses`) or goos (`arches`). */
export interface MergePartners {
  readonly oses?: readonly string[];
  readonly arches?: readonly string[];
  /**
   * The merging builds with an ignore list of their own, which replaces the anchored build's
   * (`- <<: *defaults` with `goos: [linux]` and `ignore: [{goos: linux, goarch: amd64}]`): the
   * names each sets (none: the anchored build's), and what its list leaves out.
   */
  readonly ignoring?: readonly { readonly oses?: readonly string[]; readonly arches?: readonly string[]; readonly leftOut: readonly Entry[] }[];
}

/**
 * The builds of a goreleaser config that merge an anchored build (`- <<: *base`) and set one half
 * themselves (`goos: [linux]`, no goarch): they build the anchored build's goarch with their goos,
 * judged where that goarch is written (linux/arm found on the `arm` of `- &base` with
 * `goos: [freebsd]`). By anchor name; only literal names, and no build with its own ignore or
 * targets (besideAlias). Undefined when there is none.
 */
export function buildMergePartners(text: string): Map<string, MergePartners> | undefined {
  if (!mayHaveAlias(text) || !MERGE_ALIAS.test(text)) return undefined;
  let out: Map<string, MergePartners> | undefined;
  MERGE_ALIAS_LINE.lastIndex = 0;
  // (Each is read for some hundred lines around it: a config of thousands of merged builds, a
  // generated one, is read for its first MAX_MERGING only, not on every keystroke whole.)
  let n = 0;
  for (let m = MERGE_ALIAS_LINE.exec(text); m && n < MAX_MERGING; m = MERGE_ALIAS_LINE.exec(text), n++) {
    const col = m[0].indexOf('<<');
    const had = out?.get(m[1]);
    let oses = had?.oses;
    let arches = had?.arches;
    // (Or an environment that merges an anchored one and sets its own half: GitLab's `variables:`
    // with `<<: *arm-vars` and `GOOS: linux`.)
    const os = besideAlias(text, m.index, col, 'arch', 'goreleaser', true);
    const arch = besideAlias(text, m.index, col, 'os', 'goreleaser', true);
    let ignoring = had?.ignoring;
    const own = os?.leftOut ?? arch?.leftOut;
    if (own) {
      // (A build with its own ignore: its pairs are its own, apart from the others'.)
      ignoring = [...(ignoring ?? []), { ...(os && os.names.length > 0 ? { oses: os.names } : {}), ...(arch && arch.names.length > 0 ? { arches: arch.names } : {}), leftOut: own }];
    } else {
      if (os && (os.context === 'goreleaser build' || os.context.endsWith('/<<'))) oses = [...new Set([...(oses ?? []), ...os.names])];
      if (arch && (arch.context === 'goreleaser build' || arch.context.startsWith('<</'))) arches = [...new Set([...(arches ?? []), ...arch.names])];
    }
    if (oses || arches || ignoring) (out ??= new Map()).set(m[1], { ...(oses ? { oses } : {}), ...(arches ? { arches } : {}), ...(ignoring ? { ignoring } : {}) });
  }
  return out;
}

/** How many merging builds buildMergePartners reads. */
const MAX_MERGING = 100;

/** A merge key that takes in one alias, on its line: `- <<: *base`. */
const MERGE_ALIAS_LINE = /^[ \t]*(?:-[ \t]+)?<<[ \t]*:[ \t]+\*([^\s,[\]{}#]+)[ \t]*(?:#.*)?$/gm;

/**
 * The anchored lists of Go os names (`x-oses: &oses [linux, windows]`, or over a block list) whose
 * alias is a goos axis (`goos: *oses` in a goreleaser build or a matrix): the axis's names, paired
 * there with its arches as its own would be, so that windows/s390x is found on `s390x`. Literal
 * names only, every one Go's. Undefined when there is none. With `role` 'arch', the same of arch
 * lists (`goarch: &a [s390x]` in one goreleaser build, `goarch: *a` beside `goos: [darwin]` in
 * another: darwin/s390x is found on `darwin`).
 */
export function anchoredOsLists(text: string, anchors: ReadonlyMap<string, string> | undefined, role: 'os' | 'arch' = 'os'): Map<string, readonly string[]> | undefined {
  if (!anchors) return undefined;
  // Where each such anchor is written (one pass over the text); platformAnchors left out names anchored twice.
  let at: Map<string, number> | undefined;
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m; m = ANCHOR.exec(text)) {
    const key = anchors.get(m[1]);
    if (key !== undefined && roleOf(key) === role) (at ??= new Map()).set(m[1], m.index + m[0].length);
  }
  if (!at) return undefined;
  let out: Map<string, readonly string[]> | undefined;
  for (const [name, from] of at) {
    const names = anchoredNamesList(text, from, role === 'os' ? isGoOs : isGoArch);
    if (names) (out ??= new Map()).set(name, names);
  }
  return out;
}

/** The literal items of the list anchored at text[at] (a flow list on the anchor's line, or a block list below it), when every one passes `valid`. */
function anchoredNamesList(text: string, at: number, valid: (n: string) => boolean): string[] | undefined {
  let nl = text.indexOf('\n', at);
  if (nl < 0) nl = text.length;
  let rest = text.slice(at, nl);
  const hash = rest.search(/[ \t]#/);
  rest = (hash < 0 ? rest : rest.slice(0, hash)).trim();
  let items: string[] = [];
  if (rest.startsWith('[')) {
    if (!rest.endsWith(']')) return undefined;
    items = rest.slice(1, -1).split(',');
  } else if (rest === '') {
    // A block list: its items, `- linux`, up to the first line that is none.
    for (const line of linesFrom(text, nl + 1, 200)) {
      const item = BLOCK_ITEM.exec(line);
      if (!item) break;
      items.push(item[1]);
    }
  } else return undefined;
  return literalNames(items, valid);
}

/** A block list's item line with its value: `  - linux`, `- "darwin"  # mac`. */
const BLOCK_ITEM = /^[ \t]*-[ \t]+([^\s#]+)[ \t]*(?:#.*)?\r?$/;

/** The lines of text from `from` with content (not blank, not a comment), at most `max`. */
function* linesFrom(text: string, from: number, max: number): Generator<string> {
  for (let i = from, n = 0; i < text.length && n < max; n++) {
    let nl = text.indexOf('\n', i);
    if (nl < 0) nl = text.length;
    const line = text.slice(i, nl);
    i = nl + 1;
    if (/^[ \t]*(?:#.*)?\r?$/.test(line)) continue;
    yield line;
  }
}

/** A line with content (not blank, not a comment) and its indent. */
interface ContentLine {
  start: number;
  text: string;
  indent: number;
}

/** The lines with content above the line that starts at `at`, nearest first, at most `max` lines looked at. */
function* contentLinesAbove(text: string, at: number, max: number): Generator<ContentLine> {
  for (let s = at, n = 0; s > 0 && n < max; n++) {
    const start = text.lastIndexOf('\n', s - 2) + 1;
    s = start;
    const nl = text.indexOf('\n', start);
    const line = nl < 0 ? text.slice(start) : text.slice(start, nl);
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    if (indent === line.length || line[indent] === '#' || line[indent] === '\r') continue;
    yield { start, text: line, indent };
  }
}

/**
 * Whether the `parameters:` key at `at` (its column `col`) is a CircleCI matrix's, with no
 * `exclude:` beside it. Bounded as besideAlias is.
 */
function circleMatrixWithoutExclude(text: string, at: number, col: number, lineAt: (s: number) => string, lead: (line: string) => number): boolean {
  let holder: number | undefined;
  for (const line of contentLinesAbove(text, at, 200)) {
    if (line.indent < col) {
      holder = line.start;
      break;
    }
  }
  if (holder === undefined) return false;
  const holderLine = lineAt(holder);
  const key = SITE_KEY.exec(holderLine.slice(lead(holderLine)).replace(/^-[ \t]+/, ''));
  if (!key || key[2] !== 'matrix') return false;
  for (let s = holder + holderLine.length + 1, n = 0; s < text.length && n < 400; n++) {
    const line = lineAt(s);
    s += line.length + 1;
    const l = lead(line);
    if (l === line.length || line[l] === '#' || line[l] === '\r') continue;
    if (l < col) break;
    if (l === col && /^exclude[ \t]*:/.test(line.slice(l))) return false;
  }
  return true;
}

/** A key at the start of a line (after a dash): `goos: [darwin]`, `- GOOS: darwin`, `matrix:`. */
const SITE_KEY = /^(?:-[ \t]+)?(["']?)([A-Za-z_][\w.-]*)\1[ \t]*:(?=[ \t\r]|$)/;

/** What follows a SITE_KEY match on its line, its comment and blanks taken off. */
function siteValue(line: string, m: RegExpExecArray): string {
  const rest = line.slice(m.index + m[0].length);
  const hash = rest.search(/[ \t]#/);
  return (hash < 0 ? rest : rest.slice(0, hash)).trim();
}

/**
 * The literal names of the other half beside an alias line (`at`: its start; `col`: its key's
 * column), and the context they are built in; undefined when the mapping sets none, sets one not
 * literally (a template, an alias), holds `exclude:` or `include:`, or is not a matrix's or an
 * environment's. Bounded: a mapping is read for 200 lines each way.
 */
function besideAlias(text: string, at: number, col: number, role: 'os' | 'arch', flavour: YamlFlavour, merge = false): AnchorPartners | undefined {
  const lineAt = (s: number) => {
    const nl = text.indexOf('\n', s);
    return nl < 0 ? text.slice(s) : text.slice(s, nl);
  };
  const lead = (line: string) => {
    let k = 0;
    while (line.charCodeAt(k) === 32) k++;
    return k;
  };
  /** The column of the key after a line's dash (`- GOOS:` → 2), or -1. */
  const afterDash = (line: string, l: number) => {
    if (line[l] !== '-' || (line[l + 1] !== ' ' && line[l + 1] !== '\t')) return -1;
    let k = l + 1;
    while (line[k] === ' ' || line[k] === '\t') k++;
    return k;
  };
  // Up to the mapping's first line: an entry's dash line, or the line below its parent's.
  let first = at;
  let parent: number | undefined;
  const aliasLine = lineAt(at);
  if (afterDash(aliasLine, lead(aliasLine)) < 0) {
    for (const { start, text: line, indent: l } of contentLinesAbove(text, at, 200)) {
      if (l > col) continue;
      if (l === col) {
        // A sibling key, or its block list written at its own indent.
        if (line[l] !== '-') first = start;
        continue;
      }
      if (afterDash(line, l) === col) first = start;
      else parent = start;
      break;
    }
    if (parent === undefined && afterDash(lineAt(first), lead(lineAt(first))) < 0) return undefined;
  }
  // The parent: the key that holds the mapping (a dash entry's list's key, at or left of its dash).
  if (parent === undefined) {
    const dash = lead(lineAt(first));
    const entry = afterDash(lineAt(first), dash) >= 0;
    for (const { start, text: line, indent: l } of contentLinesAbove(text, first, 200)) {
      if (entry ? l < dash || (l === dash && line[l] !== '-') : l < col) {
        parent = start;
        break;
      }
    }
  }
  if (parent === undefined) return undefined;
  const parentLine = lineAt(parent);
  const pl = lead(parentLine);
  const dashed = afterDash(parentLine, pl);
  const parentRest = parentLine.slice(dashed >= 0 ? dashed : pl);
  const parentKey = SITE_KEY.exec(parentRest);
  if (!parentKey) return undefined;
  const parentValue = siteValue(parentRest, parentKey);
  if (parentValue !== '' && !parentValue.startsWith('&')) return undefined;
  let matrix = MATRIX_KEY.test(parentKey[2]);
  // A CircleCI matrix's `parameters:` (its `exclude:` beside them leaves pairs out: not read here).
  if (parentKey[2] === 'parameters') matrix = circleMatrixWithoutExclude(text, parent, dashed >= 0 ? dashed : pl, lineAt, lead);
  // A goreleaser build (`goarch: *arches` beside `goos: [linux]`): its pairs, but those Go does not build (goreleaser skips them).
  const build = flavour === 'goreleaser' && parentKey[2] === 'builds' && dashed < 0 && pl === 0;
  if (!matrix && !build && !ENV_MAP_KEYS.has(parentKey[2])) return undefined;
  // The mapping's keys, from its first line down.
  let names: string[] | undefined;
  let otherKey: string | undefined;
  let list: string[] | undefined;
  /** A merging build's own ignore key (see MergePartners.ignoring). */
  let ignoreAt: { at: number; col: number } | undefined;
  for (let s = first, n = 0; s < text.length && n < 400; n++) {
    const line = lineAt(s);
    const lineStart = s;
    s += line.length + 1;
    const l = lead(line);
    if (l === line.length || line[l] === '#' || line[l] === '\r') continue;
    const dash = afterDash(line, l);
    let keyAt = -1;
    if (lineStart === first && dash === col) keyAt = col;
    else if (l === col && line[l] !== '-') keyAt = col;
    else if (l > col || (l === col && list)) {
      // A block list under the key above: `goos:` over `- darwin`.
      if (list && dash >= 0) {
        const hash = line.search(/[ \t]#/);
        list.push((hash < 0 ? line.slice(dash) : line.slice(dash, hash)).trim());
      }
      else if (list) return undefined;
      continue;
    } else break;
    list = undefined;
    const rest = line.slice(keyAt);
    const e = SITE_KEY.exec(rest);
    if (!e) continue;
    const key = e[2];
    // (A goreleaser build's `ignore:` leaves pairs out, its `targets:` replaces goos and goarch.)
    if (build && merge && key === 'ignore' && ignoreAt === undefined) {
      ignoreAt = { at: lineStart, col: keyAt };
      continue;
    }
    if (key === 'exclude' || key === 'include' || (build && (key === 'ignore' || key === 'targets'))) return undefined;
    const r = roleOf(key);
    // (A merge key's line: a mapping that sets the half the merged one would give takes none of it.)
    if (merge && r === role) return undefined;
    if (r === undefined || r === role || (r !== 'os' && r !== 'arch')) continue;
    if (names) return undefined;
    otherKey = key;
    const value = siteValue(rest, e);
    if (value === '') names = list = [];
    else if (value.startsWith('[') && value.endsWith(']')) names = value.slice(1, -1).split(',').map((v) => v.trim());
    else names = [value];
  }
  if (ignoreAt) {
    // (Its entries, when every one is a literal mapping; its names, when it sets any.)
    const leftOut = leftOutEntries(text, ignoreAt.at, ignoreAt.col);
    const literal = names && names.length > 0 ? literalNames(names, role === 'arch' ? isGoOs : isGoArch) : [];
    return leftOut && literal ? { names: literal, context: 'goreleaser build', leftOut } : undefined;
  }
  if (!names || names.length === 0) return undefined;
  const valid = role === 'arch' ? isGoOs : isGoArch;
  const literal = literalNames(names, valid);
  if (!literal) return undefined;
  const aliasKey = merge ? '<<' : (SITE_KEY.exec(aliasLine.slice(col))?.[2] ?? '');
  const context = build ? 'goreleaser build' : matrix ? (flavour === 'github-workflow' ? 'matrix' : 'matrix without exclude') : role === 'arch' ? `${otherKey}/${aliasKey}` : `${aliasKey}/${otherKey}`;
  return { names: literal, context };
}

/** What every block of a YAML text is scanned with from the rest of the text. */
export interface YamlFileFacts {
  /** Anchors whose alias is the value of a platform-ish key (see platformAnchors): name → that key. */
  readonly anchors?: ReadonlyMap<string, string>;
  /** Those of them aliased as a GOOS or GOARCH axis or value beside literal names of the other half (see anchorPartners). */
  readonly partners?: ReadonlyMap<string, AnchorPartners>;
  /** Anchored lists of os names aliased as a goos axis (see anchoredOsLists). */
  readonly osLists?: ReadonlyMap<string, readonly string[]>;
  /** In goreleaser, anchored lists of arch names aliased as a goarch axis (see anchoredOsLists). */
  readonly archLists?: ReadonlyMap<string, readonly string[]>;
  /** In goreleaser, what the builds that merge an anchored build pair its names with (see buildMergePartners). */
  readonly mergePartners?: ReadonlyMap<string, MergePartners>;
  /** GOOS and GOARCH of the file's top-level environment (see fileEnv), which its jobs inherit. */
  readonly env?: GoEnv;
  /** The os and arch names of anchored mappings that a merge key takes in (see mergedAnchors): name → names. */
  readonly merges?: ReadonlyMap<string, MergedNames>;
  /** Anchors whose alias is an exclude or ignore list (see leftOutAnchors). */
  readonly leftOut?: ReadonlySet<string>;
  /** The entries of those lists, where they are literal mappings (see anchoredLeftOutLists). */
  readonly leftOutLists?: ReadonlyMap<string, LeftOutAnchor>;
  /** Anchors whose alias is a matrix (see matrixAnchors). */
  readonly matrixAnchors?: ReadonlySet<string>;
  /** GitLab jobs' GOOS and GOARCH, for the jobs that extend them (see jobVariables): job name → names. */
  readonly jobs?: ReadonlyMap<string, GoEnv>;
  /** CircleCI executors' GOOS and GOARCH, for the jobs that run on them (see executorVariables): executor name → names. */
  readonly executors?: ReadonlyMap<string, GoEnv>;
  /** CircleCI job parameters used as GOOS or GOARCH (see circleParameterRoles). */
  readonly circleParameters?: ReadonlyMap<string, Role>;
  /** Download URLs the file's top-level environment sets (see fileUrlVars): name → URL. */
  readonly urlVars?: ReadonlyMap<string, string>;
  /** What a GitLab file's `default: before_script:` exports (see defaultExports). */
  readonly defaultExports?: ShellExports;
  /** For a block of a workflow job cut at its steps: what the whole job gives it (see jobFacts). */
  readonly job?: JobFacts;
  /** The environment variables the file's scripts give to `--platform` flags (see envFlagVariables). */
  readonly flagVars?: FlagVariables;
  /** Every variable they give to one, before those set elsewhere are left out: an edit that sets one anywhere changes flagVars (see changesFacts). */
  readonly flagNames?: readonly string[];
  /** The text is a Compose file (see composeText). */
  readonly compose?: true;
  /** The images its anchors give a merge key or an alias (see anchoredImages). */
  readonly images?: ReadonlyMap<string, string>;
}

/** What a workflow job cut at its steps gives its blocks (StepCut in chunks.ts). */
export interface JobFacts extends JobBlockFacts {
  /** The matrix keys the job's commands use as platforms, read over the whole job (matrixRoles). */
  readonly roles: MatrixRoles;
  /** The download URLs in force in its steps: the file's, and its own environment's. */
  readonly urlVars?: ReadonlyMap<string, string>;
}

/** The os and arch names a mapping sets (`GOOS: windows`, `goos: [darwin]`), which a merge key `<<: *it` brings into another. */
export interface MergedNames {
  readonly oses?: readonly string[];
  readonly arches?: readonly string[];
  /** The anchors an anchored mapping merges in turn (`<<: *a0`), whose names it takes in where it sets none. */
  readonly merges?: readonly string[];
  /** The mapping has an exclude or ignore list (`ignore:` over `- {goos: windows, goarch: arm}`), which a mapping that merges it takes in where it has none. */
  readonly leavesOut?: true;
  /** Its entries, when every one is a literal mapping (else what the list leaves out is not read here). */
  readonly leftOut?: readonly Entry[];
  /** The mapping has goreleaser's `targets:`, which replace the goos and goarch of a build that merges it. */
  readonly targets?: true;
}

/** The facts of a YAML text (undefined when it has none: most files, at the cost of two cheap tests). */
export function yamlFileFacts(text: string, flavour: YamlFlavour): YamlFileFacts | undefined {
  const anchors = platformAnchors(text);
  const osLists = anchoredOsLists(text, anchors);
  // (Elsewhere an anchored arch list beside an alias is judged where it is written: see anchorPartners.)
  const archLists = flavour === 'goreleaser' ? anchoredOsLists(text, anchors, 'arch') : undefined;
  const mergePartners = buildMergePartners(text);
  const partners = anchorPartners(text, anchors, flavour, osLists);
  const env = fileEnv(text);
  const merges = mergedAnchors(text);
  const jobs = flavour === 'gitlab-ci' && EXTENDS.test(text) ? jobVariables(text) : undefined;
  const executors = flavour === 'yaml' ? executorVariables(text) : undefined;
  const urlVars = fileUrlVars(text);
  const leftOut = leftOutAnchors(text);
  const leftOutLists = leftOut ? anchoredLeftOutLists(text, leftOut) : undefined;
  const circleParameters = flavour === 'yaml' ? circleParameterRoles(text) : undefined;
  const matrices = matrixAnchors(text);
  const exported = flavour === 'gitlab-ci' ? defaultExports(text) : undefined;
  const given = flavour !== 'goreleaser' ? envFlagFacts(text) : undefined;
  const flagVars = given?.vars;
  const compose = flavour === 'yaml' && composeText(text);
  const images = anchoredImages(text);
  return anchors || mergePartners || env || merges || jobs || executors || urlVars || leftOut || circleParameters || matrices || exported || given || compose || images
    ? { ...(compose ? { compose } : {}), ...(images ? { images } : {}), ...(given ? { flagNames: given.names } : {}), ...(flagVars ? { flagVars } : {}), ...(exported ? { defaultExports: exported } : {}), ...(matrices ? { matrixAnchors: matrices } : {}), ...(anchors ? { anchors } : {}), ...(partners ? { partners } : {}), ...(osLists ? { osLists } : {}), ...(archLists ? { archLists } : {}), ...(mergePartners ? { mergePartners } : {}), ...(env ? { env } : {}), ...(merges ? { merges } : {}), ...(leftOut ? { leftOut } : {}), ...(leftOutLists ? { leftOutLists } : {}), ...(jobs ? { jobs } : {}), ...(executors ? { executors } : {}), ...(circleParameters ? { circleParameters } : {}), ...(urlVars ? { urlVars } : {}) }
    : undefined;
}

/**
 * The variables the scripts of a YAML text (`run:`, `script:`) give to `--platform` flags, for an
 * environment map that sets them (`env: {ARCH: arm}`, then `docker buildx build --platform
 * linux/$ARCH`; GitLab's `variables:`): as a script's own assignments are read (flagVariables).
 * Not a variable a script sets too (`ARCH=arm64`, `echo "ARCH=…" >> $GITHUB_ENV`), which is what
 * the flag reads there, nor one set as a key more than once in the file (two jobs' values, a
 * matrix axis of that name): which value a use reads is not told here. Undefined when there is
 * none (most files: one search).
 */
export function envFlagVariables(text: string): FlagVariables | undefined {
  return envFlagFacts(text)?.vars;
}

/**
 * Whether a YAML text is a Compose file: `services:` at its top, beside none but Compose's other
 * top-level keys (`volumes:`, `networks:`, `x-…` extensions), and one of those or a key only
 * Compose gives a service (`build:`, `ports:`, `depends_on:`, …). A Helm chart's values or an
 * app's config may hold `services:` of their own, whose `platform:` is not Docker's.
 */
function composeText(text: string): boolean {
  if (!COMPOSE_SERVICES.test(text)) return false;
  let other = false;
  TOP_LEVEL_KEY.lastIndex = 0;
  for (let m = TOP_LEVEL_KEY.exec(text); m; m = TOP_LEVEL_KEY.exec(text)) {
    const key = m[1] ?? m[2] ?? m[3];
    if (!COMPOSE_TOP_KEYS.has(key) && !key.startsWith('x-')) return false;
    if (key !== 'services') other = true;
  }
  return other || COMPOSE_SERVICE_KEY.test(text);
}

const COMPOSE_SERVICES = /(?:^|\n)services[ \t]*:[ \t]*(?:#[^\n]*)?\r?\n/;
/** A key at the left margin: `services:`, `"x-common":`. */
const TOP_LEVEL_KEY = /^(?:"([^"\n]{0,200})"|'([^'\n]{0,200})'|([^\s#'"\-:{}[\],&*!|>%@`][^:\n]{0,200}?))[ \t]*:(?=[ \t\r\n]|$)/gm;
const COMPOSE_TOP_KEYS: ReadonlySet<string> = new Set(['version', 'name', 'services', 'volumes', 'networks', 'configs', 'secrets', 'include', 'models']);
/** A key of a service that only Compose writes so (at the indent of a service's keys or deeper). */
const COMPOSE_SERVICE_KEY = /^[ \t]{2,16}(?:build|ports|depends_on|container_name|env_file|restart|healthcheck|extends|pull_policy)[ \t]*:/m;

/** envFlagVariables, with the names of every variable the scripts give to `--platform` (those a script or a second key sets too among them); undefined when there is none. */
function envFlagFacts(text: string): { vars?: FlagVariables; names: string[] } | undefined {
  const found = flagVariables(text, 0, text.length);
  if (!found) return undefined;
  const names = [...new Set([...(found.whole?.keys() ?? []), ...(found.arch?.keys() ?? []), ...(found.named ?? [])])].sort();
  const set = shellAssignments(text);
  const keys = keyCounts(text);
  const kept = (name: string) => !setAtAll(set, name) && keys.get(name) === 1;
  const whole = found.whole ? new Map([...found.whole].filter(([name]) => kept(name))) : undefined;
  const arch = found.arch ? new Map([...found.arch].filter(([name]) => kept(name))) : undefined;
  const named = found.named ? new Set([...found.named].filter(kept)) : undefined;
  if (!whole?.size && !arch?.size && !named?.size) return { names };
  return { vars: { ...(whole?.size ? { whole } : {}), ...(arch?.size ? { arch } : {}), ...(named?.size ? { named } : {}), key: JSON.stringify([[...(whole ?? [])], [...(arch ?? [])], [...(named ?? [])]]) }, names };
}

/**
 * Whether the variable `key` named for platforms, set in an environment map, is given whole to
 * Docker's `--platform` by the scripts it is set for (`env: {BASE_PLATFORM: linux-aarch64}` and
 * `docker build --platform $BASE_PLATFORM`): the file's own environment's by any job's, a job's or a
 * step's by its own (see envFlagValue).
 */
function givenToDocker(key: string, ctx: Ctx): boolean {
  const owner = ctx.envOwner;
  if (!ctx.flagVars?.named?.has(key) || !owner) return false;
  const everyJob = ctx.path.length === 1 || (ctx.flavour === 'gitlab-ci' && ctx.path.length === 2 && ctx.path[0].startsWith('.'));
  return everyJob || flagVariables(ctx.text, owner.start, owner.end)?.named?.has(key) === true;
}

/** A mapping's key that is a variable's name, plain or quoted: `ARCH: arm`, `- ARCH: [a, b]`, `{ARCH: arm}`. */
const NAME_KEY = /(?:^|[\n{,])[ \t]*(?:-[ \t]+)*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1[ \t]*:(?=[ \t\r\n]|$)/g;

/** How many times each variable's name is written as a mapping's key in a YAML text, read once for all of them. */
function keyCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  NAME_KEY.lastIndex = 0;
  for (let m = NAME_KEY.exec(text); m; m = NAME_KEY.exec(text)) {
    counts.set(m[2], (counts.get(m[2]) ?? 0) + 1);
  }
  return counts;
}

/**
 * What a GitLab file's `default:` section's `before_script:` exports of GOOS and GOARCH (`- export
 * GOOS=windows`), read as a job's before_script is: the script of every job that runs it (see
 * runsDefault) starts with it. Undefined when it exports neither.
 */
export function defaultExports(text: string): ShellExports | undefined {
  if (text.indexOf('before_script') < 0 || !/GO(?:OS|ARCH)/.test(text)) return undefined;
  // (At the text's start after a byte order mark, scanned as a space.)
  const first = /^ ?default:/.test(text.slice(0, 9));
  const at = first ? 0 : text.indexOf('\ndefault:') + 1;
  if (at === 0 && !first) return undefined;
  // (The section runs to the next line at the left margin.)
  let end = at;
  for (;;) {
    end = text.indexOf('\n', end);
    if (end < 0) {
      end = text.length;
      break;
    }
    end++;
    const c = text.charCodeAt(end);
    if (end < text.length && c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 35) break;
  }
  const root = readYamlDocuments(text, at, end)[0]?.root;
  const section = root?.kind === 'map' ? get(root, 'default') : undefined;
  const script = section?.kind === 'map' ? get(section, 'before_script') : undefined;
  if (script?.kind !== 'seq') return undefined;
  const carry: NonNullable<ShellOptions['carry']> = { exports: {} };
  const sink = new MentionSink();
  for (const item of script.items) {
    if (item?.kind !== 'scalar' || item.style === 'ALIAS') continue;
    const r = contentRange(item);
    scanShell(text, r.s, r.e, sink, { mode: 'shell', foldNewlines: r.literal ? false : 'yaml', carry });
  }
  const out = carry.exports;
  return out && (out.os !== undefined || out.arch !== undefined) ? { ...out } : undefined;
}

/**
 * Whether a GitLab job (`job`, at the top of the file) runs the default before_script: it has
 * none of its own, extends no other (whose before_script it might take), and does not leave the
 * default's out (`inherit: default: false`, or a list of what it takes without it).
 */
function runsDefault(job: YMap, ctx: Ctx): boolean {
  if (ctx.flavour !== 'gitlab-ci' || ctx.path.length !== 1 || ctx.path[0] === 'default' || get(job, 'before_script') !== undefined || get(job, 'extends') !== undefined) return false;
  return inherits(job, 'default', 'before_script');
}

/**
 * Whether a GitLab job takes `name` of the file's `default:` section or `variables:` (`what`), as
 * its `inherit:` says: all of them unless `false`, or those a list names.
 */
function inherits(job: YMap, what: 'default' | 'variables', name: string): boolean {
  const inherit = get(job, 'inherit');
  const taken = inherit?.kind === 'map' ? get(inherit, what) : undefined;
  if (taken?.kind === 'scalar') return taken.value.trim() !== 'false';
  if (taken?.kind === 'seq') return taken.items.some((i) => i?.kind === 'scalar' && i.value.trim() === name);
  return true;
}

/**
 * The anchors whose alias is a matrix (GitLab's `parallel: matrix: *m`, a workflow's `matrix: *m`):
 * what they hold is a matrix wherever it is written (`.vars: &m` over entries of GOOS and GOARCH
 * lists), each entry a product. Undefined when the text has none (two cheap tests).
 */
function matrixAnchors(text: string): Set<string> | undefined {
  if (!mayHaveAlias(text) || text.indexOf('matrix') < 0) return undefined;
  let out: Set<string> | undefined;
  MATRIX_ALIAS.lastIndex = 0;
  for (let m = MATRIX_ALIAS.exec(text); m; m = MATRIX_ALIAS.exec(text)) {
    if (m[1] !== undefined) (out ??= new Set()).add(m[1]);
    else for (const a of m[2].matchAll(ALIAS_NAME)) (out ??= new Set()).add(a[1]);
  }
  // An entry of a block list under matrix: `matrix:` over `- *windows`.
  ALIAS_ITEM.lastIndex = 0;
  for (let m = ALIAS_ITEM.exec(text); m; m = ALIAS_ITEM.exec(text)) {
    if (MATRIX_KEY.test(ownerKey(text, m.index, m[1].length) ?? '')) (out ??= new Set()).add(m[2]);
  }
  return out;
}

/** A matrix given by an alias, or a flow list of entries among which aliases (`matrix: [*e, {GOOS: linux}]`): group 1 or 2. */
const MATRIX_ALIAS = /\bmatrix[ \t]*:[ \t]*(?:\*([^\s#,[\]{}]+)|\[([^[\]\r\n]*)\])/g;

/**
 * The anchors whose alias is an exclude or ignore list, or an entry of one written on its line
 * (`ignore: *ign`, `exclude: [*a, *b]`): what they hold is left out of a build, not built, wherever
 * it is written (`x-ign: &ign` over entries). Undefined when the text has none (one cheap test).
 */
export function leftOutAnchors(text: string): Set<string> | undefined {
  // (A block with a glob in a script is edited often; one with an exclude or ignore key, rarely.)
  if (!mayHaveAlias(text) || !LEFT_OUT_WORD.test(text)) return undefined;
  let out: Set<string> | undefined;
  LEFT_OUT_ALIAS.lastIndex = 0;
  for (let m = LEFT_OUT_ALIAS.exec(text); m; m = LEFT_OUT_ALIAS.exec(text)) {
    for (const a of m[1].matchAll(ALIAS_NAME)) (out ??= new Set()).add(a[1]);
  }
  // An entry of a block list under exclude or ignore: `ignore:` over `- *darwin386`.
  ALIAS_ITEM.lastIndex = 0;
  for (let m = ALIAS_ITEM.exec(text); m; m = ALIAS_ITEM.exec(text)) {
    if (LEFT_OUT_KEYS.has(ownerKey(text, m.index, m[1].length) ?? '')) (out ??= new Set()).add(m[2]);
  }
  // An entry that merges one in: `- <<: *armign` (or `<<: *armign` under `- goos: darwin`).
  if (text.indexOf('<<') < 0) return out;
  // (Or of a list anchored and given to one by its alias, `x-ign: &ign` over `- <<: *v6`: read
  // until no name is added, a few rounds at most.)
  const merges: { aliases: string; owner: string | undefined }[] = [];
  MERGE_ENTRY_LINE.lastIndex = 0;
  for (let m = MERGE_ENTRY_LINE.exec(text); m; m = MERGE_ENTRY_LINE.exec(text)) {
    const item = m[2] !== undefined ? { at: m.index, col: m[1].length } : itemAbove(text, m.index, m[1].length);
    if (item) merges.push({ aliases: m[3], owner: ownerLine(text, item.at, item.col) });
  }
  for (let round = 0, added = true; added && round < 4; round++) {
    added = false;
    for (const { aliases, owner } of merges) {
      const key = owner !== undefined ? OWNER_KEY.exec(owner) : null;
      const anchor = owner !== undefined ? OWNER_ANCHOR.exec(owner) : null;
      if (!(key && LEFT_OUT_KEYS.has(key[1])) && !(anchor && out?.has(anchor[1]))) continue;
      for (const a of aliases.matchAll(ALIAS_NAME)) {
        if (out?.has(a[1])) continue;
        (out ??= new Set()).add(a[1]);
        added = true;
      }
    }
  }
  return out;
}

/** An owner line's key (`ignore:`) and its anchor (`x-ign: &ign`). */
const OWNER_KEY = /^["']?([\w.-]+)["']?[ \t]*:/;
const OWNER_ANCHOR = /:[ \t]*&([^\s,[\]{}]+)[ \t]*(?:#.*)?\r?$/;

/** A merge key's line: `- <<: *armign`, `<<: [*a, *b]`. */
const MERGE_ENTRY_LINE = /^([ \t]*)(-[ \t]+)?<<[ \t]*:[ \t]*(\*[^\s#,[\]{}]+|\[[^[\]\r\n]*\])/gm;

/** The block list item whose mapping has the key at `col` on the line at `at`: the first line above it that starts left of it, if that is an item (`- goos: darwin`). */
function itemAbove(text: string, at: number, col: number): { at: number; col: number } | undefined {
  for (const { start, text: line, indent } of contentLinesAbove(text, at, 200)) {
    if (indent >= col) continue;
    return line[indent] === '-' ? { at: start, col: indent } : undefined;
  }
  return undefined;
}

/**
 * What is anchored under `names` (see leftOutAnchors), by name: a list's entries, where every one
 * is a literal mapping or an alias of a mapping read here (`x-ignore: &ign` over `- goos: linux`
 * and `goarch: arm`, or a flow list on its line), which an ignore list given by its alias
 * (`ignore: *ign`) leaves out as if written there; or a mapping's entry (`x-arm: &armign {goos:
 * linux, goarch: arm}`, `- &armign {…}` in another build's ignore), which an entry that merges it
 * (`- <<: *armign` with `goos: darwin`) or is its alias (`- *armign`) takes in.
 * A name anchored twice is left out (which one an alias gets is not read here).
 */
export function anchoredLeftOutLists(text: string, names: ReadonlySet<string>): Map<string, LeftOutAnchor> | undefined {
  let at: Map<string, number> | undefined;
  const twice = new Set<string>();
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m; m = ANCHOR.exec(text)) {
    if (!names.has(m[1])) continue;
    if (at?.has(m[1])) twice.add(m[1]);
    else (at ??= new Map()).set(m[1], m.index + m[0].indexOf('&'));
  }
  if (!at) return undefined;
  // The mappings first: a list's entries may merge them in.
  const lists: [string, YSeq][] = [];
  let out: Map<string, LeftOutAnchor> | undefined;
  for (const [name, index] of at) {
    if (twice.has(name)) continue;
    const node = anchoredNode(text, index, name);
    if (node?.kind === 'seq') lists.push([name, node]);
    else if (node?.kind === 'map' && !node.items.some((p) => p.key === '<<' || (p.value?.kind === 'scalar' && p.value.style === 'ALIAS'))) (out ??= new Map()).set(name, entryOf(node, roleKey(node, 'os') ?? 'goos', roleKey(node, 'arch') ?? 'goarch'));
  }
  for (const [name, list] of lists) {
    const entries = literalEntries(list, text, out);
    if (entries) (out ??= new Map()).set(name, entries);
  }
  return out;
}

/** What an exclude or ignore alias names (see anchoredLeftOutLists): a list's entries, or one mapping's. */
export type LeftOutAnchor = readonly Entry[] | Entry;

/**
 * The node anchored `&name` at `index`: its line and what is indented under it (at most 200
 * lines) read as YAML, and the node found in it that the anchor is written before.
 */
function anchoredNode(text: string, index: number, name: string): YNode | undefined {
  const region = anchoredRegion(text, index);
  return region && findAnchored(readYamlDocuments(text, region.start, region.end)[0]?.root, text, name, 0);
}

/** The anchor at `index`'s line and what is indented under it (at most 200 lines), or undefined. */
function anchoredRegion(text: string, index: number): { start: number; end: number } | undefined {
  const lineStart = text.lastIndexOf('\n', index) + 1;
  let col = lineStart;
  while (text.charCodeAt(col) === 32) col++;
  // (A key's block list may start at the key's column: `x-ignore: &ign` over `- goos: linux`.)
  const end = indentedEnd(text, lineStart, col - lineStart, text[col] !== '-');
  return end === undefined ? undefined : { start: lineStart, end };
}

/**
 * The end of what is indented under the line at `at` (its content at column `col`): the deeper
 * lines, and with `items` a block list's items at `col` too; undefined past 200 lines.
 */
function indentedEnd(text: string, at: number, col: number, items: boolean): number | undefined {
  let end = text.indexOf('\n', at);
  for (let n = 0; end >= 0; n++) {
    if (n === 200) return undefined;
    const next = text.indexOf('\n', end + 1);
    const line = text.slice(end + 1, next < 0 ? text.length : next);
    let l = 0;
    while (line.charCodeAt(l) === 32 || line.charCodeAt(l) === 9) l++;
    if (l < line.length && line[l] !== '#' && line[l] !== '\r' && (l < col || (l === col && (!items || line[l] !== '-')))) break;
    end = next;
  }
  return end < 0 ? text.length : end;
}

/** Whether the line at `at` (its content at column `col`) is in an entry of a block exclude or ignore list: `- goos: darwin` under `ignore:`, or a key below it. */
export function inLeftOutEntry(text: string, at: number, col: number): boolean {
  const item = text[at + col] === '-' ? { at, col } : itemAbove(text, at, col);
  return item !== undefined && LEFT_OUT_KEYS.has(ownerKey(text, item.at, item.col) ?? '');
}

/**
 * The text of what is anchored under `names` in a block, by name: an edit of it (`goos: darwin`
 * in an entry that merges another block's anchor, which the block alone does not read) may change
 * what anchoredLeftOutLists reads in the whole text.
 */
function anchoredTexts(text: string, names: ReadonlySet<string>): [string, string][] {
  const out: [string, string][] = [];
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m; m = ANCHOR.exec(text)) {
    if (!names.has(m[1])) continue;
    const region = anchoredRegion(text, m.index + m[0].indexOf('&'));
    out.push([m[1], region ? text.slice(region.start, region.end) : '']);
  }
  return out;
}

function findAnchored(node: YNode | undefined, text: string, name: string, depth: number): YNode | undefined {
  if (!node || node.kind === 'scalar' || depth > 8) return undefined;
  if (anchorBefore(text, node.start) === name) return node;
  for (const x of node.kind === 'map' ? node.items.map((p) => p.value) : node.items) {
    const found = findAnchored(x, text, name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** A block list item that is an alias alone: `- *darwin386`. */
const ALIAS_ITEM = /^([ \t]*)-[ \t]+\*([^\s#,[\]{}]+)[ \t]*(?:#[^\n]*)?$/gm;
const LEFT_OUT_KEYS: ReadonlySet<string> = new Set(['exclude', 'ignore']);
const LEFT_OUT_WORD = /exclude|ignore/;

/** The key of the block list whose item's line starts at `at` (its dash at column `col`), looked for a few lines up. */
function ownerKey(text: string, at: number, col: number): string | undefined {
  const line = ownerLine(text, at, col);
  const key = line !== undefined ? /^["']?([\w.-]+)["']?[ \t]*:[ \t]*(?:#.*)?\r?$/.exec(line) : null;
  return key ? key[1] : undefined;
}

/** The line, from its first character, that the block list item on the line at `at` (its dash at column `col`) is under. */
function ownerLine(text: string, at: number, col: number): string | undefined {
  let end = at - 1;
  for (let n = 0; n < 200 && end > 0; n++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    let lead = 0;
    while (line.charCodeAt(lead) === 32 || line.charCodeAt(lead) === 9) lead++;
    if (lead === line.length || line[lead] === '#') continue;
    if (lead > col || (lead === col && line[lead] === '-')) continue;
    return line.slice(lead);
  }
  return undefined;
}

/** An exclude or ignore key whose value is an alias or a flow list of them: `ignore: *ign`, `exclude: [*a, *b]`. */
const LEFT_OUT_ALIAS = /\b(?:exclude|ignore)[ \t]*:[ \t]*(\*[^\s#,[\]{}]+|\[[^[\]\r\n]*\])/g;

/**
 * Whether an exclude or ignore value is an alias, or a list with an alias for an entry (`ignore:
 * *ign`, `- *ig`), or an entry that merges one in (`- <<: *armign`), that `anchored` does not read.
 */
function aliasedEntries(node: YNode | undefined, text: string, anchored: ReadonlyMap<string, LeftOutAnchor> | undefined): boolean {
  if (node?.kind === 'scalar') return node.style === 'ALIAS';
  return node?.kind === 'seq' && node.items.some((x) => (x?.kind === 'scalar' && x.style === 'ALIAS' && !aliasedEntry(x, text, anchored)) || (x?.kind === 'map' && x.items.some((p) => p.key === '<<' && !mergedEntry(p.value, text, anchored))));
}

/**
 * The CircleCI job parameters a text's jobs use as GOOS or GOARCH (`GOARCH=<< parameters.arch >>`),
 * by name: a workflow's matrix that sets them (`matrix: {parameters: {os: [linux], arch: [arm]}}`,
 * in another block) is a cross product of platforms. Undefined when none (most texts: two tests).
 */
export function circleParameterRoles(text: string): Map<string, Role> | undefined {
  if (text.indexOf('parameters.') < 0 || text.indexOf('<<') < 0) return undefined;
  let out: Map<string, Role> | undefined;
  for (const [k, r] of matrixRoles(text, 0, text.length, undefined, CIRCLE_PARAMETER_REF)) if (r === 'os' || r === 'arch') (out ??= new Map()).set(k, r);
  return out;
}

/** A CircleCI job's use of a parameter: `<< parameters.arch >>`. */
const CIRCLE_PARAMETER_REF = /<<[ \t]*parameters\.([A-Za-z0-9_-]+)[ \t]*>>/g;

/** A GitLab job's `extends:` key. */
const EXTENDS = /^[ \t]+extends[ \t]*:/m;
/** A top-level key line with nothing after it: a GitLab job (`.go-windows:`, `build:`). */
const JOB_LINE = /^([^\s#&*!|>'"-][^\r\n:#]*|"[^"\r\n]*"[ \t]*|'[^'\r\n]*'[ \t]*):[ \t]*(?:&[^\s#]+[ \t]*)?(?:#[^\n]*)?\r?$/gm;
/** A job's `variables:` key line, with nothing after it. */
const VARIABLES_LINE = /^([ \t]+)variables[ \t]*:[ \t]*(?:&[^\s#]+[ \t]*)?(?:#[^\n]*)?\r?$/;
/** A job's `extends:` and what it names, on its line: `.a`, `[.a, .b]`, `".a"`. */
const EXTENDS_LINE = /^[ \t]+extends[ \t]*:[ \t]*(.*?)[ \t]*(?:#.*)?\r?$/;

/**
 * The GOOS and GOARCH that GitLab jobs (hidden templates above all: `.go-windows:`) set in their
 * `variables:`, by job name, for the jobs that name them in `extends:` (a template sits in another
 * block). Literal Go names only. Empty when no job sets one (an edit may make one).
 */
export function jobVariables(text: string): Map<string, GoEnv> {
  const out = new Map<string, GoEnv>();
  if (text.indexOf('GOOS') < 0 && text.indexOf('GOARCH') < 0) return out;
  const jobs = jobDefinitions(text);
  // A job's own variables over those of the jobs it extends, the later over the earlier, down a
  // chain (.b extends .a). Each job is resolved once; a cycle or a chain too deep ends in nothing.
  const resolved = new Map<string, GoEnv | undefined>();
  const resolve = (name: string, depth: number): GoEnv | undefined => {
    if (resolved.has(name)) return resolved.get(name);
    const job = jobs.get(name);
    if (!job || depth > MAX_EXTENDS) return undefined;
    resolved.set(name, undefined);
    let env: GoEnv | undefined;
    for (const parent of job.extends) {
      const from = resolve(parent, depth + 1);
      if (from) env = { ...env, ...from };
    }
    if (job.env) env = { ...env, ...job.env };
    resolved.set(name, env);
    return env;
  };
  for (const name of jobs.keys()) {
    const env = resolve(name, 0);
    if (env?.osName || env?.archName) out.set(name, env);
  }
  return out;
}

/** Each job's own GOOS and GOARCH variables and the jobs it extends, by name (what jobVariables is made of). */
export function jobDefinitions(text: string): Map<string, { env?: GoEnv; extends: string[] }> {
  const jobs = new Map<string, { env?: GoEnv; extends: string[] }>();
  JOB_LINE.lastIndex = 0;
  for (let m = JOB_LINE.exec(text); m; m = JOB_LINE.exec(text)) jobs.set(m[1].trim().replace(/^["']|["']$/g, ''), variablesOf(text, m.index + m[0].length + 1));
  return jobs;
}

/** CircleCI's top-level `executors:` key, with nothing after it. */
const EXECUTORS_LINE = /^executors[ \t]*:[ \t]*(?:#[^\n]*)?\r?$/m;
/** An executor's `environment:` key line, with nothing after it. */
const ENVIRONMENT_LINE = /^([ \t]+)environment[ \t]*:[ \t]*(?:&[^\s#]+[ \t]*)?(?:#[^\n]*)?\r?$/;
/** A key with nothing after it: an executor's name (`mac:`, `"win":`). */
const NAME_LINE = /^[ \t]+["']?([^\s"'#:]+)["']?[ \t]*:[ \t]*(?:&[^\s#]+[ \t]*)?(?:#.*)?\r?$/;

/**
 * The GOOS and GOARCH that CircleCI executors set in their `environment:`, by executor name, for
 * the jobs that run on them (`executor: mac`, or `name: mac` under `executor:`). Undefined when
 * there are none.
 */
export function executorVariables(text: string): Map<string, GoEnv> | undefined {
  if (text.indexOf('executor') < 0 || (text.indexOf('GOOS') < 0 && text.indexOf('GOARCH') < 0)) return undefined;
  const top = EXECUTORS_LINE.exec(text);
  if (!top) return undefined;
  const out = new Map<string, GoEnv>();
  let indent = -1;
  for (let i = top.index + top[0].length + 1, n = 0; i > 0 && i < text.length && n < 2000; n++) {
    let nl = text.indexOf('\n', i);
    if (nl < 0) nl = text.length;
    const line = text.slice(i, nl);
    let lead = 0;
    while (line.charCodeAt(lead) === 32 || line.charCodeAt(lead) === 9) lead++;
    if (!(lead === line.length || line[lead] === '#' || line[lead] === '\r')) {
      if (lead === 0) break;
      if (indent < 0) indent = lead;
      const name = lead === indent ? NAME_LINE.exec(line) : null;
      const env = name ? variablesOf(text, nl + 1, ENVIRONMENT_LINE).env : undefined;
      if (name && env) out.set(name[1], env);
    }
    i = nl + 1;
  }
  return out.size > 0 ? out : undefined;
}

/** How many `extends:` levels are followed (GitLab's own limit is 11; a cycle stops here too). */
const MAX_EXTENDS = 11;

/** The GOOS and GOARCH names of the `variables:` at the first level of the job whose body starts at `from`, and the jobs it extends. */
function variablesOf(text: string, from: number, envLine = VARIABLES_LINE): { env?: GoEnv; extends: string[] } {
  let indent = -1;
  let env: GoEnv | undefined;
  const parents: string[] = [];
  let inExtends = false;
  for (let i = from, n = 0; i > 0 && i < text.length && n < 400; n++) {
    let nl = text.indexOf('\n', i);
    if (nl < 0) nl = text.length;
    const line = text.slice(i, nl);
    const next = nl + 1;
    let lead = 0;
    while (line.charCodeAt(lead) === 32 || line.charCodeAt(lead) === 9) lead++;
    if (lead === line.length || line[lead] === '#' || line[lead] === '\r') {
      i = next;
      continue;
    }
    if (lead === 0 || lead < indent) break;
    if (indent < 0) indent = lead;
    if (inExtends && (lead > indent || line[lead] === '-')) {
      // extends: over a block list (its dashes may stand at the key's own indent).
      const item = /^[ \t]*-[ \t]+["']?([^\s"'#]+)/.exec(line);
      if (item) parents.push(item[1]);
    } else if (lead === indent) {
      inExtends = false;
      const ext = EXTENDS_LINE.exec(line);
      if (ext) {
        inExtends = ext[1] === '';
        for (const p of ext[1].replace(/[[\]"']/g, '').split(',')) if (p.trim() !== '') parents.push(p.trim());
      } else if (envLine.test(line)) env = namesEnv(anchoredNames(text, next, indent));
    }
    i = next;
  }
  return { ...(env ? { env } : {}), extends: parents };
}

/**
 * Whether an edit of one block (`keys`: its path; `before` and `after`: its text) may change the
 * facts of the text it is in (`facts`), which every block is scanned with: the top-level
 * environment, the os and arch of anchored mappings (in a text with merge keys), GitLab jobs'
 * variables and extends (in a text whose jobs extend others). Such an edit is not scanned alone.
 */
export function changesFacts(facts: YamlFileFacts | undefined, keys: readonly string[], before: string, after: string): boolean {
  // (A use of a variable by a `--platform`, or where one is set: what an environment's value of it is.)
  if (flagFactsChange(facts, before, after)) return true;
  // (A job's use of its parameters as GOOS or GOARCH: what a matrix that sets them builds.)
  if ((facts?.circleParameters || after.indexOf('parameters.') >= 0) && JSON.stringify([...(circleParameterRoles(before) ?? [])]) !== JSON.stringify([...(circleParameterRoles(after) ?? [])])) return true;
  // (An alias given to exclude or ignore: the list it names is left out where it is written.)
  if ((facts?.leftOut || after.indexOf('*') >= 0) && JSON.stringify([...(leftOutAnchors(before) ?? [])]) !== JSON.stringify([...(leftOutAnchors(after) ?? [])])) return true;
  // (And what such a list holds, where it is anchored.)
  // (Its text, where the block alone cannot read it: an entry that merges an anchor of another block.)
  if (facts?.leftOut && JSON.stringify(anchoredTexts(before, facts.leftOut)) !== JSON.stringify(anchoredTexts(after, facts.leftOut))) return true;
  if (keys.length > 0 ? ENV_MAP_KEYS.has(keys[0]) : ENV_MAP_KEYS.has(lineKey(after, 0) ?? '') && (!sameEnv(fileEnv(before), fileEnv(after)) || JSON.stringify([...(fileUrlVars(before) ?? [])]) !== JSON.stringify([...(fileUrlVars(after) ?? [])]))) return true;
  // (A Drone pipeline's `platform:`, Travis's `os:`, Azure's `pool:`: the os its jobs build for where no GOOS is set, see fileEnv.)
  const top = keys.length > 0 ? keys[0] : lineKey(after, 0);
  if ((top === 'platform' || top === 'os' || top === 'pool') && pipelineOs(before) !== pipelineOs(after)) return true;
  // (GitLab's default before_script: what the jobs that run it export.)
  if (top === 'default' && (facts?.defaultExports || /GO(?:OS|ARCH)/.test(after)) && JSON.stringify(defaultExports(before) ?? null) !== JSON.stringify(defaultExports(after) ?? null)) return true;
  // (An executor's environment: what the jobs on it build for.)
  if (top === 'executors' && (facts?.executors || /GO(?:OS|ARCH)/.test(after))) return true;
  if (facts?.merges && JSON.stringify([...anchoredMaps(before)]) !== JSON.stringify([...anchoredMaps(after)])) return true;
  // (An anchored image: what a service that merges it or an `image:` that aliases it pulls. An edit
  // of an anchor's or an alias's line, which may take one out, rescans the file already: scanEdited.)
  if (JSON.stringify([...(anchoredImages(before) ?? [])]) !== JSON.stringify([...(anchoredImages(after) ?? [])])) return true;
  // (What an anchored os or arch list is paired with: the names beside its alias.)
  if (facts?.anchors) {
    // (And an anchored os list: the names of the goos axes that alias it.)
    const listsBefore = anchoredOsLists(before, facts.anchors);
    const listsAfter = anchoredOsLists(after, facts.anchors);
    if (JSON.stringify([...(listsBefore ?? [])]) !== JSON.stringify([...(listsAfter ?? [])])) return true;
    if (JSON.stringify([...(anchoredOsLists(before, facts.anchors, 'arch') ?? [])]) !== JSON.stringify([...(anchoredOsLists(after, facts.anchors, 'arch') ?? [])])) return true;
    // (Read as goreleaser's, which reads its builds' too: a superset of every flavour's.)
    if (JSON.stringify([...(anchorPartners(before, facts.anchors, 'goreleaser', listsBefore) ?? [])]) !== JSON.stringify([...(anchorPartners(after, facts.anchors, 'goreleaser', listsAfter) ?? [])])) return true;
  }
  // (A goreleaser build that merges another: the names it pairs the other's with.)
  if ((facts?.mergePartners || MERGE_ALIAS.test(after)) && JSON.stringify([...(buildMergePartners(before) ?? [])]) !== JSON.stringify([...(buildMergePartners(after) ?? [])])) return true;
  // (A job cut into blocks of its own children: any GOOS, GOARCH or extends in them may be its.)
  if (!facts?.jobs) return false;
  return keys.length === 0 ? JSON.stringify([...jobDefinitions(before)]) !== JSON.stringify([...jobDefinitions(after)]) : /GO(?:OS|ARCH)|extends/.test(before) || /GO(?:OS|ARCH)|extends/.test(after);
}

/**
 * Whether an edit of a block, `before` to `after`, may change the file's envFlagVariables: the
 * variables its `--platform` flags take (with the block's own reading of them), or where one of
 * those the file gives to a flag is set (a key, a script's assignment).
 */
function flagFactsChange(facts: YamlFileFacts | undefined, before: string, after: string): boolean {
  if (before.indexOf('--platform') >= 0 || after.indexOf('--platform') >= 0) {
    if ((flagVariables(before, 0, before.length)?.key ?? '') !== (flagVariables(after, 0, after.length)?.key ?? '')) return true;
  }
  const names = facts?.flagNames;
  if (!names?.length) return false;
  // (Most files give a flag a name or two, which most edits do not touch.)
  if (names.length <= 16 && names.every((name) => before.indexOf(name) < 0 && after.indexOf(name) < 0)) return false;
  // (Read once for every name the file gives to a flag, which may be hundreds.)
  const keysBefore = keyCounts(before);
  const keysAfter = keyCounts(after);
  const setBefore = shellAssignments(before);
  const setAfter = shellAssignments(after);
  for (const name of names) {
    if ((keysBefore.get(name) ?? 0) !== (keysAfter.get(name) ?? 0) || setAtAll(setBefore, name) !== setAtAll(setAfter, name)) return true;
  }
  return false;
}

function sameEnv(a: GoEnv | undefined, b: GoEnv | undefined): boolean {
  return a?.osName === b?.osName && a?.archName === b?.archName;
}

/** A merge key that takes in an alias: `<<: *win`, `<<: [*a, *b]`. */
export const MERGE_ALIAS = /<<[ \t]*:[ \t]*\[?[ \t]*\*/;
/** A line that ends in an anchor, whose node is the block below: `x-env: &env`, `- &defaults`. */
const ANCHOR_LINE = /^([ \t]*)(?:-[ \t]+)?(?:[^\s#&*][^\r\n#:]*:[ \t]+)?&([^\s,[\]{}]+)[ \t]*(?:#[^\n]*)?\r?$/gm;
/** A merge key's line: `<<: *a0`, `<<: [*m0, *m1]`, with the aliases it names; and one alias of them. */
const MERGE_LINE = /^<<[ \t]*:[ \t]*(\[[^\]\r\n]*\]|\*[^\s#]+)/;
const ALIAS_NAME = /\*([^\s,[\]{}]+)/g;
/** An os or arch key of such a block with its value: `GOOS: windows`, `goos: [darwin]`, `goarch:` over a block list. */
const MERGED_ENTRY = /^(["']?)(GOOS|GOARCH|goos|goarch)\1[ \t]*:[ \t]*(.*?)[ \t]*(?:#.*)?\r?$/;
const LITERAL_NAME = /^(["']?)([a-z0-9]+)\1$/;

/** The names of a list's items (`darwin`, `"386"`), when there are some and every one is a literal name that passes `valid`. */
function literalNames(items: readonly string[], valid: (name: string) => boolean): string[] | undefined {
  const names = items.map((v) => LITERAL_NAME.exec(v.trim())?.[2]);
  return names.length > 0 && names.every((v): v is string => v !== undefined && valid(v)) ? names : undefined;
}
/** The same of a platform object: `os: linux`, `arch: arm`. */
const PLAIN_ENTRY = /^(["']?)(os|arch)\1[ \t]*:[ \t]*(.*?)[ \t]*(?:#.*)?\r?$/;

/**
 * The os and arch names of the anchored block mappings of a text that merge keys take in
 * (`.vars: &win` over `GOOS: windows`, then `variables: {<<: *win, GOARCH: arm}` in another block),
 * by anchor name. Literal Go names only; a name anchored twice is left out (which one a merge
 * gets is not read here). Undefined when the text merges no alias (most files: one cheap test);
 * empty when it does but no anchored mapping sets an os or arch (an edit may make one).
 */
export function mergedAnchors(text: string): Map<string, MergedNames> | undefined {
  return mayHaveAlias(text) && (MERGE_ALIAS.test(text) || ENV_ALIAS.test(text)) ? anchoredMaps(text) : undefined;
}

/** An environment map given whole by an alias: `variables: *windows-vars`, `env: *e`. */
const ENV_ALIAS = /(?:env|variables|environment)[ \t]*:[ \t]*\*/;

/** The os and arch names of the anchored block mappings of a text (or of one block of it), by anchor name. */
export function anchoredMaps(text: string): Map<string, MergedNames> {
  const out = new Map<string, MergedNames>();
  const seen = new Set<string>();
  /** A name's first anchoring; a second one takes the name out (which one a merge gets is not read). */
  const first = (name: string): boolean => {
    if (seen.has(name)) {
      out.delete(name);
      return false;
    }
    seen.add(name);
    return true;
  };
  // The anchors each anchored mapping merges in turn (`.a1: &a1` over `<<: *a0`), by name.
  let merging: Map<string, string[]> | undefined;
  ANCHOR_LINE.lastIndex = 0;
  for (let m = ANCHOR_LINE.exec(text); m; m = ANCHOR_LINE.exec(text)) {
    const name = m[2];
    if (!first(name)) continue;
    const merges: string[] = [];
    const names = anchoredNames(text, m.index + m[0].length + 1, m[1].length, true, merges);
    // (With the anchors it merges, also when they give it no name: an edit of those is a change of this block's facts.)
    if (names || merges.length > 0) out.set(name, merges.length > 0 ? { ...names, merges } : names!);
    if (merges.length > 0) (merging ??= new Map()).set(name, merges);
  }
  // A flow mapping anchored on its line: `.darwin: &darwin {GOOS: darwin}`.
  if (text.indexOf('{') < 0) {
    if (merging) mergeInto(out, merging);
    return out;
  }
  FLOW_ANCHOR_LINE.lastIndex = 0;
  for (let m = FLOW_ANCHOR_LINE.exec(text); m; m = FLOW_ANCHOR_LINE.exec(text)) {
    const name = m[1];
    if (!first(name)) continue;
    const names = flowNames(m[2]);
    if (names) out.set(name, names);
  }
  // One with braces in it: `x-ignore: &i {ignore: [{goos: linux, goarch: arm}]}`, `&base {goos: [darwin], env: {…}}`.
  {
    FLOW_NESTED_ANCHOR_LINE.lastIndex = 0;
    for (let m = FLOW_NESTED_ANCHOR_LINE.exec(text); m; m = FLOW_NESTED_ANCHOR_LINE.exec(text)) {
      const name = m[1];
      if (seen.has(name) || !first(name)) continue;
      const open = m.index + m[0].length - 1;
      let close = text.indexOf('\n', open);
      if (close < 0) close = text.length;
      const root = readYamlDocuments(text, open, close)[0]?.root;
      if (root?.kind !== 'map') continue;
      const list = get(root, 'ignore') ?? get(root, 'exclude');
      const entries = list ? literalEntries(list) : undefined;
      // (And its os and arch names, `{goos: [darwin], …}`, literal ones only.)
      const axis = (role: 'os' | 'arch'): string[] | undefined => {
        const v = root.items.find((p) => (role === 'os' ? FLOW_OS_KEYS : FLOW_ARCH_KEYS).has(p.key))?.value;
        const items = v?.kind === 'seq' ? v.items.map((x) => (x?.kind === 'scalar' && x.style !== 'ALIAS' ? x.value : '')) : v?.kind === 'scalar' && v.style !== 'ALIAS' ? [v.value] : undefined;
        return items && literalNames(items, role === 'os' ? isGoOs : isGoArch);
      };
      const oses = axis('os');
      const arches = axis('arch');
      const targets = get(root, 'targets') !== undefined;
      if (list || oses || arches || targets) out.set(name, { ...(oses ? { oses } : {}), ...(arches ? { arches } : {}), ...(list ? { leavesOut: true } : {}), ...(entries ? { leftOut: entries } : {}), ...(targets ? { targets: true } : {}) });
    }
  }
  if (merging) mergeInto(out, merging);
  return out;
}

/** A line whose value is an anchored flow mapping with braces in it (which FLOW_ANCHOR_LINE leaves), up to its brace: `x-ignore: &i {`. */
const FLOW_NESTED_ANCHOR_LINE = /^[ \t]*(?:-[ \t]+)?(?:[^\s#&*{][^\r\n#:{]*:[ \t]+)?&([^\s,[\]{}]+)[ \t]+\{/gm;

/** The os and arch names a flow mapping's entries (its text inside the braces) set: `GOOS: darwin`, `goos: [darwin, linux]`, `os: linux`. */
export function flowNames(entries: string): MergedNames | undefined {
  let oses: string[] | undefined;
  let arches: string[] | undefined;
  FLOW_ENTRY.lastIndex = 0;
  for (let e = FLOW_ENTRY.exec(entries); e; e = FLOW_ENTRY.exec(entries)) {
    const key = e[1].replace(/^(["'])(.*)\1$/, '$2');
    const role = FLOW_OS_KEYS.has(key) ? 'os' : FLOW_ARCH_KEYS.has(key) ? 'arch' : undefined;
    if (!role) continue;
    const values = literalNames(e[2].startsWith('[') ? e[2].slice(1, -1).split(',') : [e[2]], role === 'os' ? isGoOs : isGoArch);
    if (!values) continue;
    if (role === 'os') oses ??= values;
    else arches ??= values;
  }
  return oses || arches ? { ...(oses ? { oses } : {}), ...(arches ? { arches } : {}) } : undefined;
}

/** A flow mapping's entry: its key, and a value that is a word or a flow list (`goos: [darwin, linux]`). */
const FLOW_ENTRY = /(?:^|,)[ \t]*([\w"'-]+)[ \t]*:[ \t]*(\[[^[\]\r\n]*\]|[^,\s\]]+)/g;

/**
 * The names an anchored mapping takes in from the anchors it merges (`.a1: &a1` over `<<: *a0`):
 * its own keys first, then those of each merged mapping in order, as YAML reads a merge. A chain
 * is followed a few links deep.
 */
function mergeInto(out: Map<string, MergedNames>, merging: ReadonlyMap<string, string[]>): void {
  for (let round = 0; round < 4; round++) {
    let changed = false;
    for (const [name, merges] of merging) {
      const own = out.get(name);
      let oses = own?.oses;
      let arches = own?.arches;
      let leavesOut = own?.leavesOut;
      let leftOut = own?.leftOut;
      for (const m of merges) {
        const got = out.get(m);
        oses ??= got?.oses;
        arches ??= got?.arches;
        if (!leavesOut && got?.leavesOut) {
          leavesOut = true;
          leftOut = got.leftOut;
        }
      }
      const targets = own?.targets ?? merges.some((m) => out.get(m)?.targets) ? true : undefined;
      if (oses !== own?.oses || arches !== own?.arches || leavesOut !== own?.leavesOut || targets !== own?.targets) {
        out.set(name, { ...(oses ? { oses } : {}), ...(arches ? { arches } : {}), merges, ...(leavesOut ? { leavesOut } : {}), ...(leftOut ? { leftOut } : {}), ...(targets ? { targets } : {}) });
        changed = true;
      }
    }
    if (!changed) return;
  }
}

/** A line whose value is an anchored flow mapping on it: `.darwin: &darwin {GOOS: darwin}`, `- &l {os: linux}`. */
const FLOW_ANCHOR_LINE = /^[ \t]*(?:-[ \t]+)?(?:[^\s#&*{][^\r\n#:{]*:[ \t]+)?&([^\s,[\]{}]+)[ \t]+\{([^{}\r\n]*)\}/gm;
const FLOW_OS_KEYS: ReadonlySet<string> = new Set(['GOOS', 'goos', 'os']);
const FLOW_ARCH_KEYS: ReadonlySet<string> = new Set(['GOARCH', 'goarch', 'arch']);

/** The os and arch names set at the first level of the block mapping from `from`, deeper than `base`. */
function anchoredNames(text: string, from: number, base: number, plainKeys = false, merges?: string[]): MergedNames | undefined {
  let indent = -1;
  let oses: string[] | undefined;
  let arches: string[] | undefined;
  let leavesOut: true | undefined;
  let leftOut: Entry[] | undefined;
  let targets: true | undefined;
  let list: string[] | undefined;
  // Azure's list of variables (`- name: GOOS` over `value: windows`): the item being read.
  let item: { name?: string; value?: string } | undefined;
  const endItem = () => {
    if (item?.value !== undefined && (item.name === 'GOOS' || item.name === 'GOARCH')) {
      if (item.name === 'GOOS') oses ??= [item.value];
      else arches ??= [item.value];
    }
    item = undefined;
  };
  for (let i = from, n = 0; i > 0 && i < text.length && n < 200; n++) {
    let nl = text.indexOf('\n', i);
    if (nl < 0) nl = text.length;
    const line = text.slice(i, nl);
    i = nl + 1;
    let lead = 0;
    while (line.charCodeAt(lead) === 32 || line.charCodeAt(lead) === 9) lead++;
    if (lead === line.length || line[lead] === '#' || line[lead] === '\r') continue;
    // A block list may stand at its key's own indent (`variables:` then `- name: GOOS`).
    if (lead < base || (lead === base && (line[lead] !== '-' || (indent >= 0 && indent !== base)))) break;
    if (indent < 0) indent = lead;
    if (lead > indent) {
      if (item) {
        nameValue(item, line.slice(lead));
        continue;
      }
      // A block list under the key above: `goos:` then `- darwin`; or GitLab's `GOOS:` then `value: windows`.
      const entry = /^-[ \t]+(\S+)/.exec(line.slice(lead));
      if (list && entry) list.push(entry[1]);
      else if (list && list.length === 0) {
        const defined = DEFINED_VALUE.exec(line.slice(lead));
        if (defined) list.push(defined[1]);
      }
      continue;
    }
    if (lead < indent) break;
    list = undefined;
    endItem();
    if (line[lead] === '-') {
      item = {};
      nameValue(item, line.slice(lead + 1).trimStart());
      continue;
    }
    // The anchors it merges in turn: `<<: *a0`, `<<: [*m0, *m1]`.
    if (merges && line.startsWith('<<', lead)) {
      const merge = MERGE_LINE.exec(line.slice(lead));
      if (merge) for (const a of merge[1].matchAll(ALIAS_NAME)) merges.push(a[1]);
      continue;
    }
    // (An anchored mapping merged into a platform object: Drone's `os:` and `arch:` too.)
    const e = MERGED_ENTRY.exec(line.slice(lead)) ?? (plainKeys ? PLAIN_ENTRY.exec(line.slice(lead)) : null);
    if (!e) {
      if (!leavesOut && LEFT_OUT_KEY.test(line.slice(lead))) {
        leavesOut = true;
        leftOut = leftOutEntries(text, i - 1 - line.length, lead);
      } else if (/^targets[ \t]*:/.test(line.slice(lead))) targets = true;
      continue;
    }
    const os = e[2] === 'GOOS' || e[2] === 'goos' || e[2] === 'os';
    // (A value anchored in turn, `goos: &o [darwin]`, is its list all the same.)
    const value = e[3].charCodeAt(0) === 38 /* & */ ? e[3].replace(/^&[^\s,[\]{}]+[ \t]*/, '') : e[3];
    const flowValue = value.startsWith('{') ? FLOW_VALUE.exec(value) : undefined;
    const values: string[] = value === '' ? (list = []) : flowValue ? [flowValue[1]] : value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1).split(',').map((v) => v.trim()) : [value];
    if (os) oses ??= values;
    else arches ??= values;
  }
  endItem();
  const o = oses && literalNames(oses, isGoOs);
  const a = arches && literalNames(arches, isGoArch);
  return o || a || leavesOut || targets ? { ...(o ? { oses: o } : {}), ...(a ? { arches: a } : {}), ...(leavesOut ? { leavesOut } : {}), ...(leftOut ? { leftOut } : {}), ...(targets ? { targets } : {}) } : undefined;
}

/**
 * The entries of the exclude or ignore list whose key's line starts at `at` (at column `col`):
 * `ignore:` over `- goos: windows` and `goarch: arm`, or a flow list on the key's line. Undefined
 * when an entry is no literal mapping (an alias, a template) or the list is not read (over 200 lines).
 */
function leftOutEntries(text: string, at: number, col: number): Entry[] | undefined {
  const end = indentedEnd(text, at, col, true);
  if (end === undefined) return undefined;
  const root = readYamlDocuments(text, at, end)[0]?.root;
  return literalEntries(root?.kind === 'map' ? root.items[0]?.value : undefined);
}

/**
 * The entries of an exclude or ignore list, when every one is a literal mapping (no alias in it),
 * or one that `anchored` reads (an alias of a mapping, a merge of one: see anchoredLeftOutLists).
 */
function literalEntries(list: YNode | undefined, text?: string, anchored?: ReadonlyMap<string, LeftOutAnchor>): Entry[] | undefined {
  if (list?.kind !== 'seq') return undefined;
  for (const x of list.items) {
    if (text !== undefined && x?.kind === 'scalar' && aliasedEntry(x, text, anchored)) continue;
    if (x?.kind !== 'map') return undefined;
    for (const p of x.items) {
      if (p.key === '<<' && text !== undefined && mergedEntry(p.value, text, anchored)) continue;
      if (p.key === '<<' || (p.value?.kind === 'scalar' && p.value.style === 'ALIAS')) return undefined;
    }
  }
  const first = list.items.find((x): x is YMap => x?.kind === 'map');
  return entries(list, (first && roleKey(first, 'os')) ?? 'goos', (first && roleKey(first, 'arch')) ?? 'goarch', text, anchored);
}

/** The first key of a mapping with the role (`goos`, `os`, `platform_os` for 'os'). */
function roleKey(node: YMap, role: Role): string | undefined {
  return node.items.find((p) => roleOf(p.key) === role)?.key;
}

/** An exclude or ignore key of a mapping (`ignore:`, `exclude: [...]`). */
const LEFT_OUT_KEY = /^(?:exclude|ignore)[ \t]*:/;

/** GitLab's variable written out as a mapping: `value: windows` under `GOOS:`, `{value: windows, description: …}`. */
const DEFINED_VALUE = /^value[ \t]*:[ \t]*(["']?[a-z0-9]+["']?)[ \t]*(?:#.*)?\r?$/;
const FLOW_VALUE = /^\{.*?\bvalue[ \t]*:[ \t]*(["']?[a-z0-9]+["']?)[ \t]*[,}]/;

/** A `name:` or `value:` of an item of a list of variables, with its value (quotes and a comment taken off). */
const NAME_VALUE = /^(name|value)[ \t]*:[ \t]*(["']?)([^"'#\s]*)\2[ \t]*(?:#.*)?\r?$/;

function nameValue(item: { name?: string; value?: string }, entry: string): void {
  const m = NAME_VALUE.exec(entry);
  if (m) item[m[1] as 'name' | 'value'] = m[3];
}

/** A document marker line. */
const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/gm;

/** How many YAML documents a text holds, at most 2: a `---` before any content opens the first. */
function documents(text: string): number {
  DOCUMENT_START.lastIndex = 0;
  for (let m = DOCUMENT_START.exec(text); m; m = DOCUMENT_START.exec(text)) {
    if (/^[ \t]*[^\s#%]/m.test(text.slice(0, m.index))) return 2;
  }
  return 1;
}

/** A top-level environment map's key line: a workflow's `env:`, GitLab's and Azure's `variables:`, Drone's `environment:`. */
const TOP_ENV = /^(?:env|variables|environment)[ \t]*:[ \t]*(?:#.*)?\r?$/gm;
/**
 * GOOS and GOARCH set by the file's top-level environment map (`env: {GOOS: windows}` of a
 * workflow, GitLab's global `variables:`), for the jobs in other blocks: a job that sets only
 * GOARCH builds for that GOOS. Names, not tokens: they are written in another block, and are
 * judged there (a typo there is not taken for the jobs). Undefined when there is none, or more
 * than one such map, or the text is a stream of documents (each its own pipeline: a Drone file).
 */
export function fileEnv(text: string): GoEnv | undefined {
  const named = text.indexOf('GOOS') >= 0 || text.indexOf('GOARCH') >= 0;
  // (A pipeline's machine is read without them: a GOARCH typed later in a step builds for it.)
  if (!named && text.indexOf('platform') < 0 && text.indexOf('vmImage') < 0 && !text.startsWith('os') && text.indexOf('\nos') < 0) return undefined;
  TOP_ENV.lastIndex = 0;
  const top = named ? TOP_ENV.exec(text) : null;
  if ((top && TOP_ENV.exec(text)) || documents(text) > 1) return undefined;
  const env = top ? namesEnv(anchoredNames(text, text.indexOf('\n', top.index) + 1, 0)) : undefined;
  if (env?.osName !== undefined) return env;
  // A Drone pipeline's machine (`platform: {os: windows}`): what its steps build for where no GOOS is set.
  const host = pipelineOs(text);
  return host ? { ...env, osName: host } : env;
}

/**
 * The os of a pipeline's machine, when the file says windows or darwin at its top level: a Drone
 * pipeline's `platform:` (`os: windows`), Azure's `pool:` (`vmImage: macOS-14`), Travis's `os:
 * windows` or `os: osx` (one os, not a list).
 */
function pipelineOs(text: string): string | undefined {
  const drone = text.indexOf('platform') < 0 ? undefined : DRONE_PLATFORM_OS.exec(text)?.[1];
  if (drone !== undefined) return drone;
  // (Azure's pool of a pipeline of one job: `pool:` over `vmImage: windows-latest`.)
  const image = text.indexOf('vmImage') < 0 ? undefined : AZURE_TOP_POOL.exec(text)?.[1];
  if (image !== undefined) return labelOs(image);
  if (!text.startsWith('os') && text.indexOf('\nos') < 0) return undefined;
  const travis = TOP_OS.exec(text)?.[1];
  return travis === undefined ? undefined : TRAVIS_OS[travis];
}

/** An Azure pipeline's top-level `pool:` and its `vmImage` (one of its first three keys). */
const AZURE_TOP_POOL = /^pool[ \t]*:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]+[A-Za-z_]+[ \t]*:[^\n]*\n){0,2}[ \t]+vmImage[ \t]*:[ \t]*["']?([A-Za-z0-9._-]+)/m;

/** Travis's machine for every job: a top-level `os: windows` (or `osx`, see TRAVIS_OS). */
const TOP_OS = /^os[ \t]*:[ \t]*["']?(windows|osx)["']?[ \t]*(?:#[^\n]*)?\r?$/m;

/** A Drone pipeline's top-level `platform:` whose `os:` (one of its first three keys) is windows or darwin. */
const DRONE_PLATFORM_OS = /^platform[ \t]*:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]+[a-z_]+[ \t]*:[^\n]*\n){0,2}[ \t]+os[ \t]*:[ \t]*["']?(windows|darwin)["']?[ \t]*(?:#[^\n]*)?\r?$/m;

/** A variable of an environment map set to a plain value: `  K8S_BASE: "https://dl.k8s.io/release"`. */
const URL_VARIABLE = /^[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*:[ \t]*(["']?)([a-z]+:\/\/[^\s"'#$]+)\2[ \t]*(?:#.*)?\r?$/;

/**
 * The download URLs set by the file's top-level environment maps (GitLab's global `variables:`,
 * a workflow's `env:`): `K8S_BASE: https://dl.k8s.io/release`, for the scripts of the jobs in
 * other blocks that expand them (`curl -LO "${K8S_BASE}/v1.31.0/bin/linux/arm/kubectl"`).
 * And the Kubernetes registries they set (`REGISTRY: registry.k8s.io`), for the images named after
 * them. Undefined when there are none, or the text is a stream of documents.
 */
export function fileUrlVars(text: string): Map<string, string> | undefined {
  if ((text.indexOf('://') < 0 || (!KNOWN_HOST_TEXT.test(text) && text.indexOf('kubernetes-') < 0)) && !REGISTRY_TEXT.test(text)) return undefined;
  TOP_ENV.lastIndex = 0;
  let out: Map<string, string> | undefined;
  /** The variable whose expanded form's lines these are. */
  let expanded: string | undefined;
  for (let top = TOP_ENV.exec(text); top; top = TOP_ENV.exec(text)) {
    for (let i = text.indexOf('\n', top.index) + 1, n = 0; i > 0 && i < text.length && n < 2000; n++) {
      let nl = text.indexOf('\n', i);
      if (nl < 0) nl = text.length;
      const line = text.slice(i, nl);
      i = nl + 1;
      const c = line.charCodeAt(0);
      if (c !== 32 && c !== 9 && line.trim() !== '' && line[0] !== '#') break;
      const m = URL_VARIABLE.exec(line) ?? VARIABLE_AFTER_VARIABLE.exec(line) ?? REGISTRY_VARIABLE.exec(line);
      // GitLab's expanded form: `K8S_BASE:` then `value: https://dl.k8s.io/release` (and a `description:`).
      const name = m && m[1] === 'value' && expanded !== undefined ? expanded : m?.[1];
      const url = m ? (urlVariable(m[3][0] === '$' ? (afterUrlVariable(m[3], m[3], out) ?? '') : m[3]) ?? registryVariable(m[3])) : undefined;
      if (url !== undefined && name !== undefined) (out ??= new Map()).set(name, url);
      const bare = BARE_VARIABLE.exec(line);
      if (bare) expanded = bare[1];
      else if (!/^[ \t]{3,}/.test(line)) expanded = undefined;
    }
  }
  return out && documents(text) === 1 ? out : undefined;
}

/** A variable set to a Kubernetes registry (`REGISTRY: registry.k8s.io`), for the images named after it (see registryVariable). */
const REGISTRY_VARIABLE = new RegExp(`^[ \\t]+([A-Za-z_][A-Za-z0-9_]*)[ \\t]*:[ \\t]*(["']?)((?:${KUBE_REGISTRIES})\\/?)\\2[ \\t]*(?:#.*)?\\r?$`);
const REGISTRY_TEXT = new RegExp(KUBE_REGISTRIES);

/** A variable set to another one and more (`K8S_BIN: ${K8S_BASE}/v1.31.0/bin`). */
const VARIABLE_AFTER_VARIABLE = /^[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*:[ \t]*(["']?)(\$[^\s"'#]+)\2[ \t]*(?:#.*)?\r?$/;

/** A variable in GitLab's expanded form, its `value:` on the lines below: `  K8S_BASE:`. */
const BARE_VARIABLE = /^[ \t]{1,2}([A-Za-z_][A-Za-z0-9_]*)[ \t]*:[ \t]*(?:#.*)?\r?$/;

/** A part of the hosts downloadPrefix knows (a cheap test before a file's lines are read). */
const KNOWN_HOST_TEXT = /k8s\.io|googleapis\.com|github\.com/;

/** The download URLs an environment map sets (`variables: {K8S_BASE: https://dl.k8s.io/release}`), over those set around it. */
function urlVarsOf(node: YMap, ctx: Ctx): ReadonlyMap<string, string> | undefined {
  let out = ctx.urlVars;
  for (const item of node.items) {
    const m = item.value;
    if (m?.kind !== 'map' || !ENV_MAP_KEYS.has(item.key)) continue;
    for (const p of m.items) {
      // (GitLab's expanded form: `K8S_BASE: {value: https://dl.k8s.io/release, description: …}`.)
      const v = p.value?.kind === 'map' ? get(p.value, 'value') : p.value;
      if (v?.kind !== 'scalar' || v.style === 'ALIAS') continue;
      const value = v.value.trim();
      // (Set to another value here, a mirror's URL, it is no download URL in this job or step.)
      // (Or a Kubernetes registry, for the images named after it: see registryVariable.)
      const url = value.indexOf('://') >= 0 ? urlVariable(value) : value.charCodeAt(0) === 36 ? urlVariable(afterUrlVariable(value, value, out) ?? '') : registryVariable(value);
      if (url === undefined && !out?.has(p.key)) continue;
      if (out === ctx.urlVars) out = new Map(ctx.urlVars);
      if (url === undefined) (out as Map<string, string>).delete(p.key);
      else (out as Map<string, string>).set(p.key, url);
    }
  }
  return out;
}

/** The os and arch a mapping sets alone (one name each), as an environment's names. */
function namesEnv(names: MergedNames | undefined): GoEnv | undefined {
  const os = names?.oses?.length === 1 ? names.oses[0] : undefined;
  const arch = names?.arches?.length === 1 ? names.arches[0] : undefined;
  return os || arch ? { ...(os ? { osName: os } : {}), ...(arch ? { archName: arch } : {}) } : undefined;
}

/** `env` with the names `from` sets over what it had (a token of its, or a name). */
function inherit(env: GoEnv | undefined, from: GoEnv | undefined): GoEnv | undefined {
  if (from?.osName) env = { ...env, os: undefined, osName: from.osName };
  if (from?.archName) env = { ...env, arch: undefined, archName: from.archName };
  return env;
}

/** An anchor: `&name` after a space, a line start, `-`, `:`, `[` or `,`. */
const ANCHOR = /(?:^|[\s:[,-])&([^\s,[\]{}]+)/gm;

/**
 * The platform-ish key a node is used under through its anchor (`- &platforms_release 'linux/…'`,
 * or `seq: &release` over `- linux/amd64` items, aliased as `platforms: *platforms_release`).
 */
function anchoredKey(node: YNode, ctx: Ctx): { key: string; name: string } | undefined {
  if (!ctx.anchors) return undefined;
  const name = anchorBefore(ctx.text, node.start);
  const key = name === undefined ? undefined : ctx.anchors.get(name);
  return key === undefined ? undefined : { key, name: name! };
}

/**
 * An anchored value used under a platform-ish key elsewhere, judged where it is written: a
 * platform list, or a GOOS or GOARCH value (`legacy: &legacy-arch arm`, then `GOARCH:
 * *legacy-arch`), each name alone: the other half is where the alias is. Where the alias sits
 * beside literal names of the other half (`goos: [darwin]` beside `goarch: *arches` in a matrix),
 * each name is paired with those, as the matrix builds it.
 */
function anchoredValue(node: YNode, ctx: Ctx, anchor: { key: string; name: string }): void {
  const { key } = anchor;
  const role = roleOf(key);
  if (role !== 'os' && role !== 'arch') {
    platformValue(node, ctx, key);
    return;
  }
  const tokens = nameTokens(node, ctx);
  const partners = ctx.partners?.get(anchor.name);
  if (!partners) {
    for (const t of tokens) emitName(ctx.sink, role, t, key);
    return;
  }
  const marked = markRepeats(tokens);
  for (const other of partners.names) {
    if (role === 'arch') emitPairs(ctx.sink, [], marked, undefined, partners.context, undefined, { os: other });
    else emitPairs(ctx.sink, marked, [], undefined, partners.context, undefined, { arch: other });
  }
}

/** The name of the anchor (`&name`) written just before text[at] (a block collection's, on the line above), if any. */
function anchorBefore(text: string, at: number): string | undefined {
  let k = at;
  while (k > 0 && /\s/.test(text[k - 1])) k--;
  const end = k;
  while (k > 0 && !/[\s&]/.test(text[k - 1])) k--;
  return k > 0 && text[k - 1] === '&' && k < end ? text.slice(k, end) : undefined;
}

/**
 * The image a mapping with a `platform:` names: `image: registry.k8s.io/kube-proxy:v1.31.0`, or in
 * Helm's split form `image: {registry, repository, tag}` beside it, or `repository:` (and
 * `registry:`) beside it inside such an image mapping.
 */
function imageRef(node: YMap, ctx: Ctx): string {
  const image = get(node, 'image');
  // (Compose's `image: *img`, and a service that takes its image by a merge key: `<<: *kube-proxy`.)
  if (image?.kind === 'scalar' && image.style === 'ALIAS') return ctx.images?.get(aliasName(image, ctx.text)) ?? '';
  if (image?.kind === 'scalar') return scalarText(image) ?? '';
  if (!image && ctx.images) {
    const merged = mergedImage(node, ctx.images, ctx.text);
    if (merged !== undefined) return merged;
  }
  // Ansible's docker_image and docker_image_pull modules name the image `name:` (a Kubernetes image only, below).
  if (!image) {
    const name = scalarText(get(node, 'name'));
    if (name !== undefined && name.indexOf('/') > 0 && !/\s/.test(name)) return name;
  }
  const split = image?.kind === 'map' ? image : node;
  const repository = scalarText(get(split, 'repository'));
  if (!repository) return '';
  const registry = scalarText(get(split, 'registry'));
  return registry && !repository.startsWith(`${registry}/`) ? `${registry}/${repository}` : repository;
}

/** The image a mapping takes in by its merge key (`<<: *a`, `<<: [*a, *b]`: the first that gives one wins, as YAML merges). */
function mergedImage(node: YMap, images: ReadonlyMap<string, string>, text: string): string | undefined {
  const merge = get(node, '<<');
  const aliases = merge?.kind === 'seq' ? merge.items : merge ? [merge] : [];
  for (const a of aliases) {
    if (a?.kind !== 'scalar' || a.style !== 'ALIAS') continue;
    const found = images.get(MERGED_IMAGE + aliasName(a, text));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** An anchored value that may be an image: `image: &img registry.k8s.io/kube-proxy:v1.31.2`, `x-img: &x …`, `- &p …`. */
const ANCHORED_IMAGE = /^[ \t]*(?:-[ \t]+)?(?:[^\s#&*{[][^\r\n#:{]*:[ \t]+)?&([^\s,[\]{}]+)[ \t]+(["']?)([^\s"'#,[\]{}&*][^\s"'#,[\]{}]*\/[^\s"'#,[\]{}]*)\2[ \t]*(?:#.*)?\r?$/gm;
/** A value anchored as an entry of a flow mapping, that may be an image: `{s: &s registry.k8s.io/kube-scheduler:v1.31.0}`. */
const FLOW_ANCHORED_VALUE = /[{,][ \t]*(?:["']?[A-Za-z0-9_.-]+["']?[ \t]*:[ \t]*)&([^\s,[\]{}]+)[ \t]+(["']?)([^\s"'#,[\]{}&*][^\s"'#,[\]{}]*\/[^\s"'#,[\]{}]*)\2[ \t]*(?=[,}])/g;
/** The `image:` entry of a flow mapping's entries (the text inside its braces). */
const FLOW_IMAGE_ENTRY = /(?:^|,)[ \t]*(["']?)image\1[ \t]*:[ \t]*(["']?)([^\s"'#,[\]{}&*][^\s"'#,[\]{}]*)\2[ \t]*(?=,|$)/;
const FLOW_MERGE_ENTRY = /(?:^|,)[ \t]*<<[ \t]*:[ \t]*(\[[^\]]*\]|\*[^\s,[\]{}#]+)/;
/** A first-level entry of an anchored mapping: its `image:` (a plain or quoted value). */
const IMAGE_ENTRY = /^(["']?)image\1[ \t]*:[ \t]*(["']?)([^\s"'#,[\]{}&*][^\s"'#,[\]{}]*)\2[ \t]*(?:#.*)?\r?$/;
/** How many merges deep an anchored mapping's image is looked for (`&a` merges `*b`, which merges `*c`…). */
const MAX_IMAGE_MERGES = 8;

/**
 * The images of a text's anchors, for an alias or a merge key that gives one to a mapping with a
 * `platform:`: an anchored value by its name (`image: &img registry.k8s.io/kube-proxy:…`, `x-i:
 * &i …`, `{p: &p …}`, then `image: *img`), an anchored mapping's `image:` by MERGED_IMAGE and its
 * name (Compose's `x-kube: &kube` over `image: registry.k8s.io/kube-proxy:…`, then a service's
 * `<<: *kube` beside `platform: windows/amd64`). An anchored mapping without an image of its own
 * takes the first one the mappings it merges give, in their order. A name anchored twice is left
 * out (which one an alias gets is not read here), and so is a stream of documents (an alias names
 * an anchor of its own document). Undefined when no anchor gives an image (most files: two cheap
 * tests). Read whether or not an alias uses them: an edit that adds the alias changes no fact.
 */
export function anchoredImages(text: string): Map<string, string> | undefined {
  if (text.indexOf('&') < 0 || text.indexOf('image') < 0 || documents(text) > 1) return undefined;
  const twice = anchoredTwice(text);
  const values = new Map<string, string>();
  const mappings = new Map<string, { image?: string; merges: string[] }>();
  const value = (name: string, image: string | undefined): void => {
    if (image !== undefined && !twice.has(name)) values.set(name, image);
  };
  const mapping = (name: string, image: string | undefined, merges: string[]): void => {
    if (!twice.has(name)) mappings.set(name, { ...(image !== undefined ? { image } : {}), merges });
  };
  ANCHORED_IMAGE.lastIndex = 0;
  for (let m = ANCHORED_IMAGE.exec(text); m; m = ANCHORED_IMAGE.exec(text)) value(m[1], m[3]);
  ANCHOR_LINE.lastIndex = 0;
  for (let m = ANCHOR_LINE.exec(text); m; m = ANCHOR_LINE.exec(text)) {
    let image: string | undefined;
    const merges: string[] = [];
    const entries = firstLevelEntries(text, m.index + m[0].length + 1, m[1].length);
    for (const entry of entries) {
      image ??= IMAGE_ENTRY.exec(entry.text)?.[3];
      // (`<<: *a`, `<<: [*a, *b]`, or a block list of aliases below it.)
      const merge = MERGE_LINE.exec(entry.text);
      if (merge) for (const a of merge[1].matchAll(ALIAS_NAME)) merges.push(a[1]);
      else if (/^<<[ \t]*:[ \t]*(?:#.*)?\r?$/.test(entry.text)) merges.push(...blockAliases(text, entry.end + 1));
    }
    mapping(m[2], image, merges);
  }
  // (A flow mapping anchored on its line: `x-k: &k {image: registry.k8s.io/kube-proxy:v1.31.2}`;
  // a value anchored inside one: `x-images: {s: &s registry.k8s.io/kube-scheduler:v1.31.0}`.)
  if (text.indexOf('{') >= 0) {
    FLOW_ANCHOR_LINE.lastIndex = 0;
    for (let m = FLOW_ANCHOR_LINE.exec(text); m; m = FLOW_ANCHOR_LINE.exec(text)) {
      const merge = FLOW_MERGE_ENTRY.exec(m[2]);
      mapping(m[1], FLOW_IMAGE_ENTRY.exec(m[2])?.[3], merge ? Array.from(merge[1].matchAll(ALIAS_NAME), (a) => a[1]) : []);
    }
    FLOW_ANCHORED_VALUE.lastIndex = 0;
    for (let m = FLOW_ANCHORED_VALUE.exec(text); m; m = FLOW_ANCHORED_VALUE.exec(text)) value(m[1], m[3]);
  }
  const out = new Map<string, string>(values);
  /** The image of an anchored mapping, or of the first it merges that gives one (depth first, to MAX_IMAGE_MERGES). */
  const imageOf = (name: string, depth: number): string | undefined => {
    const m = mappings.get(name);
    if (!m || depth > MAX_IMAGE_MERGES) return undefined;
    if (m.image !== undefined) return m.image;
    for (const merged of m.merges) {
      const found = imageOf(merged, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  for (const name of mappings.keys()) {
    const image = imageOf(name, 0);
    if (image !== undefined) out.set(MERGED_IMAGE + name, image);
  }
  return out.size > 0 ? out : undefined;
}

/** The key of an anchored mapping's image in anchoredImages (no anchor's name starts so). */
const MERGED_IMAGE = '<<';

/** Every anchor's name written more than once in a text (`&a`, in any node). */
function anchoredTwice(text: string): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  ANY_ANCHOR.lastIndex = 0;
  for (let m = ANY_ANCHOR.exec(text); m; m = ANY_ANCHOR.exec(text)) {
    if (inComment(text, m.index)) continue;
    if (seen.has(m[1])) twice.add(m[1]);
    else seen.add(m[1]);
  }
  return twice;
}
/** An anchor where a node starts: at a line's start, after a key's colon or an item's dash, in a flow collection (not `a &k` in text). */
const ANY_ANCHOR = /(?:^[ \t]*|[:-][ \t]+|[[{,][ \t]*)&([^\s,[\]{}]+)/gm;

/** Whether text[at] is in a comment: a `#` at its line's start or after a blank before it. */
function inComment(text: string, at: number): boolean {
  const line = text.slice(text.lastIndexOf('\n', at - 1) + 1, at);
  return /(?:^|\s)#/.test(line);
}

/** The aliases of a block list below a merge key (`<<:` over `- *a0`), from the line after the key's, `from`. */
function blockAliases(text: string, from: number): string[] {
  const out: string[] = [];
  let i = from;
  for (let n = 0; i > 0 && i < text.length && n < 64; n++) {
    let e = text.indexOf('\n', i);
    if (e < 0) e = text.length;
    const m = /^[ \t]*-[ \t]+\*([^\s,[\]{}#]+)[ \t]*\r?$/.exec(text.slice(i, e));
    if (!m) break;
    out.push(m[1]);
    i = e + 1;
  }
  return out;
}

/** The entries (their text, from the key, and where their line ends) at the first level of the block mapping from `from`, deeper than `base`. */
function firstLevelEntries(text: string, from: number, base: number): { text: string; end: number }[] {
  const out: { text: string; end: number }[] = [];
  let indent = -1;
  for (let at = from; at < text.length; ) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    let i = at;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (i < end && text.charCodeAt(i) !== 35 && text.charCodeAt(i) !== 13) {
      const depth = i - at;
      if (depth <= base) break;
      if (indent < 0) indent = depth;
      if (depth < indent) break;
      if (depth === indent) out.push({ text: text.slice(i, end), end });
    }
    at = end + 1;
  }
  return out;
}

/** How many levels of children a broken block is cut into before it is read line by line. */
const MAX_BROKEN_LEVELS = 4;

/**
 * How much of a broken document its children may parse again, as a multiple of its length: a
 * file that breaks at every level must not cost a parse per level.
 */
const REPARSE_BUDGET = 2;

interface Reparse {
  chars: number;
  limit: number;
  /** What the block's reads have left of the parses that set lines aside. */
  repairs: Repairs;
}

/**
 * Whether `key` under `path` holds entries left out of a build (a matrix's `exclude`, Travis CI's
 * `jobs: exclude:`, a goreleaser build's `ignore`), whose values are never reported. A workflow's
 * `jobs:` holds jobs: a job may be called exclude.
 */
function leftOutKey(key: string, underJobs: boolean, flavour: YamlFlavour): boolean {
  if (key === 'exclude') return !(flavour === 'github-workflow' && underJobs);
  return key === 'ignore' && flavour === 'goreleaser';
}

/**
 * Plain YAML's cut of a long list into its items (see ItemCut in chunks.ts): the items of a list
 * of mappings under `key`, a child of the top-level `top`, read the same one by one unless either
 * key is one whose list the walk reads as a whole or in a context of its own: a platform-ish key,
 * an environment, a script, a matrix and its entries, prose, an inline patch.
 */
export const ITEM_CUT: ItemCut = {
  keyApart: (key, top) => keyApart(key) && keyApart(top),
  platformName,
};

/** Whether a list item's `name:` is platform-ish (`- name: GOARCH`): such items pair with each other, in one list. */
function platformName(name: string): boolean {
  return roleOf(name) !== undefined;
}

function keyApart(key: string): boolean {
  const lower = key.toLowerCase();
  return (
    roleOf(key) === undefined &&
    !ENV_MAP_KEYS.has(lower) && !ENV_LIST_KEYS.has(lower) && !SCRIPT_LIST_KEYS.has(lower) && !CONDA_KEYS.has(lower) &&
    !PROSE_KEYS.has(lower) && !PROSE_PARTS.has(lower) && !DISPLAY_NAME.test(key) && !DOCUMENT_KEY.test(key) &&
    !MATRIX_KEY.test(key) && !ITEM_LISTS.has(lower)
  );
}

/**
 * A workflow's long job cut at its steps (see StepCut in chunks.ts): each step reads the same
 * alone when the block starts with what the whole job gives it. Its matrix roles (from how every
 * step uses `${{ matrix.… }}`) and download URLs are read here, over the whole job; a job whose
 * environment sets GOOS or GOARCH (its steps pair with those tokens), that uses anchors, aliases
 * or merge keys (an alias names a node elsewhere), or whose first part does not parse (but for a
 * line set aside) is not cut.
 */
export function stepCut(file: YamlFileFacts | undefined): StepCut | undefined {
  if (!STEPS_APART.enabled) return undefined;
  return {
    facts: (text, start, itemsStart, end, key) => jobFacts(text, start, itemsStart, end, key, file),
    platformName,
  };
}

/** Whether jobs are cut at their steps at all (the tests compare a job read whole with it cut). */
export const STEPS_APART = { enabled: true };

/**
 * An anchor, an alias or a merge key where YAML reads one: first on a line or after an item's dash,
 * a key's colon or a flow indicator (not `sha256sum *.tar.gz` in a command).
 */
const ANCHOR_ALIAS_MERGE = /(?:^[ \t]*(?:-[ \t]+)*|:[ \t]+|[[{,][ \t]*)[&*][^\s&*,[\]{}]|<<[ \t]*:/m;

function jobFacts(text: string, start: number, itemsStart: number, end: number, key: string, file: YamlFileFacts | undefined): JobFacts | undefined {
  if (ANCHOR_ALIAS_MERGE.test(text.slice(start, end))) return undefined;
  const docs = readYamlDocuments(text, start, itemsStart);
  // (A line being typed in it, set aside, leaves the rest of it read: `ab` on a line of its matrix.)
  const root = docs.length === 1 && !docs[0].broken ? docs[0].root : undefined;
  const job = root?.kind === 'map' && root.items.length === 1 && root.items[0].key === key ? root.items[0].value : undefined;
  if (job?.kind !== 'map') return undefined;
  // The job's own map starts at its first key and ends with its last step's last line.
  let last = end;
  while (last > itemsStart) {
    const ls = text.lastIndexOf('\n', last - 2) + 1;
    const line = text.slice(ls, last).trim();
    if (line !== '' && !line.startsWith('#')) break;
    last = ls;
  }
  // (A comment after the last step that names a matrix key may or may not be the map's: not cut.)
  if (text.slice(last, end).includes('matrix.')) return undefined;
  // (As the walk of the whole job reads it: with the file's environment and download URLs.)
  const ctx: Ctx = { text, sink: new MentionSink(0), flavour: 'github-workflow', path: ['jobs', key], depth: 1, matrixRoles: undefined, siblingExclude: undefined, ...(file?.env ? { env: file.env } : {}), ...(file?.urlVars ? { urlVars: file.urlVars } : {}) };
  if (envOf(job, ctx) !== ctx.env) return undefined;
  // Nor one whose environment sets a variable its steps give to `--platform` (`env: {ARCH: arm}`
  // and `--platform linux/$ARCH`): its first part would not see the flag (see envFlagValue).
  if (envGivenToFlags(text, job, last)) return undefined;
  // (Its tokens as the job's block holds them: offsets from the job's start, where its first part starts.)
  const roles = axesWithArches(job, goNamedAxes(jobText(text, job.start, last), job, matrixRoles(text.slice(start, end), job.start - start, last - start)));
  const urlVars = urlVarsOf(job, ctx);
  const isToken = (v: unknown): v is Token => typeof (v as Token | undefined)?.text === 'string' && typeof (v as Token).start === 'number';
  const facts = (tokens: (t: Token) => unknown, names = false) =>
    JSON.stringify([roles, urlVars], (_, v) =>
      v instanceof Map
        ? { entries: [...v], props: Object.entries(v) }
        : v instanceof Set
          ? [...v]
          : // (Each name once: the arches of 4,000 steps beside an os axis are a few names, and this key is compared for each block.)
            names && Array.isArray(v) && v.length > 1 && v.every(isToken)
            ? [...new Set(v.map((t) => t.text))]
            : isToken(v)
              ? tokens(v)
              : v,
    );
  // (A step reads the roles' names; the job's first part, their tokens too: an os written in a step
  // pairs with a matrix axis there. A keystroke above a step moves its tokens, not what steps read.)
  return { key: facts((t) => t), stepsKey: facts((t) => t.text, true), roles, ...(urlVars ? { urlVars } : {}) };
}

/** Whether a job (its map, up to `end`) sets in its `env:` a variable its own scripts give to a `--platform` flag. */
function envGivenToFlags(text: string, job: YMap, end: number): boolean {
  const env = get(job, 'env');
  if (env?.kind !== 'map' || env.items.length === 0) return false;
  const own = flagVariables(text, job.start, end);
  if (!own) return false;
  return env.items.some((p) => own.whole?.has(p.key) === true || own.arch?.has(p.key) === true || own.named?.has(p.key) === true);
}

/** What a block of a job cut at its steps starts with: at `jobs:` the job's matrix roles; in its steps those and its download URLs. */
function jobContext(path: readonly string[], job: JobFacts): Partial<Ctx> {
  return path.length === 1 ? { jobRoles: job.roles } : { matrixRoles: job.roles, ...(job.urlVars ? { urlVars: job.urlVars } : {}) };
}

/** Other keys whose lists the walk reads in a context of their own (see keyApart). */
const ITEM_LISTS: ReadonlySet<string> = new Set(['include', 'exclude', 'ignore', 'adjustments', 'with', 'patch', 'patches', 'patchesstrategicmerge', 'parameters', 'setup', 'steps', 'jobs', 'services']);

/** Whether a path is a top-level `jobs:` (a workflow's job ids are names: see leftOutKey). */
function isJobs(path: readonly string[]): boolean {
  return path.length === 1 && path[0] === 'jobs';
}

/**
 * Whether a key with this value is a job's name, whatever it says (`annotations:`, `summary:`,
 * `release-notes:`): a map under a top-level `jobs:` (a workflow's, CircleCI's), or at the top of
 * a GitLab pipeline.
 */
function jobName(value: YNode, ctx: Ctx): boolean {
  return value.kind === 'map' && (isJobs(ctx.path) || (ctx.flavour === 'gitlab-ci' && ctx.path.length === 0 && ctx.depth === 0));
}

/** Whether a block at `path` sits inside entries left out of a build (a broken `exclude:` cut into its children). */
function inLeftOut(path: readonly string[], flavour: YamlFlavour): boolean {
  for (let k = 0; k < path.length; k++) if (leftOutKey(path[k], k === 1 && path[0] === 'jobs', flavour)) return true;
  return false;
}

function scanDocuments(text: string, start: number, end: number, sink: MentionSink, flavour: YamlFlavour, path: readonly string[], level: number, budget: Reparse | undefined, file: YamlFileFacts | undefined): void {
  if (path.length > 0 && inLeftOut(path, flavour)) return;
  const repairs = budget?.repairs ?? newRepairs();
  for (const doc of readYamlDocuments(text, start, end, repairs)) {
    if (doc.tooDeep) {
      sink.note('YAML nested too deep to parse safely: read line by line, without its structure (depth limit)', doc.start);
      scanYamlLines(text, doc.start, doc.end, sink, flavour, path);
    } else if (doc.broken) {
      scanBroken(text, doc.start, doc.end, sink, flavour, path, level, budget ?? { chars: 0, limit: REPARSE_BUDGET * (doc.end - doc.start), repairs }, file);
    } else {
      // (A document may be its broken line alone: nothing left to walk, the line still read.)
      // (What follows an item's dash may be all that was set aside: the line is read whole.)
      if (doc.setAside) {
        for (const line of doc.setAside) {
          const ls = Math.max(doc.start, text.lastIndexOf('\n', line.start - 1) + 1);
          scanYamlLines(text, ls, line.end, sink, flavour, [...path, ...keysAbove(text, doc.start, ls)], namedAbove(text, doc.start, ls));
        }
      }
      // (A block cut from an environment map of SPLIT_LINES lines or more is read as the map's
      // own: the file's `env:` for any job's flag; a job's or a step's, whose scripts the block
      // does not hold, as one whose flags are not known, so its values are read as any value.)
      if (doc.root) walk(doc.root, { text, sink, flavour, path, depth: 0, matrixRoles: undefined, siblingExclude: undefined, ...(file?.env ? { env: file.env } : {}), ...(file?.anchors ? { anchors: file.anchors } : {}), ...(file?.partners ? { partners: file.partners } : {}), ...(file?.osLists ? { osLists: file.osLists } : {}), ...(file?.archLists ? { archLists: file.archLists } : {}), ...(file?.mergePartners ? { mergePartners: file.mergePartners } : {}), ...(file?.merges ? { merges: file.merges } : {}), ...(file?.leftOut ? { leftOut: file.leftOut } : {}), ...(file?.leftOutLists ? { leftOutLists: file.leftOutLists } : {}), ...(file?.matrixAnchors ? { matrixAnchors: file.matrixAnchors } : {}), ...(file?.jobs ? { jobs: file.jobs } : {}), ...(file?.executors ? { executors: file.executors } : {}), ...(file?.circleParameters ? { circleParameters: file.circleParameters } : {}), ...(file?.urlVars ? { urlVars: file.urlVars } : {}), ...(file?.defaultExports ? { defaultExports: file.defaultExports } : {}), ...(file?.flagVars ? { flagVars: file.flagVars } : {}), ...(file?.compose ? { compose: true } : {}), ...(file?.images ? { images: file.images } : {}), ...(doc.root.kind === 'map' && path.length > 0 && ENV_MAP_KEYS.has(path[path.length - 1]) ? { envOwner: doc.root } : {}), ...(text.slice(doc.start, doc.end).includes('!reference') ? { references: true } : {}), ...(file?.job ? jobContext(path, file.job) : {}) });
    }
  }
}

/**
 * For a `value:` line (or another of NAMED_VALUE_KEYS) read on its own, the role of its sibling
 * `name:` above it in the same mapping (`- name: PLATFORMS` over `value: "linux/amd64,linux/arm`
 * set aside while broken), and the keys' column; undefined if there is none.
 */
function namedAbove(text: string, start: number, lineStart: number): { role: Role; col: number } | undefined {
  let e = text.indexOf('\n', lineStart);
  if (e < 0) e = text.length;
  const own = LINE_KEY.exec(text.slice(lineStart, Math.min(e, lineStart + 200)));
  if (!own || !NAMED_VALUE_KEYS.includes(own[2]) || own[1].indexOf('-') >= 0) return undefined;
  const col = own[1].length;
  e = lineStart - 1;
  for (let n = 0; n < SIBLING_LINES && e > start; n++) {
    const ls = text.lastIndexOf('\n', e - 1) + 1;
    const line = text.slice(ls, Math.min(e, ls + 200));
    e = ls - 1;
    const m = LINE_KEY.exec(line);
    if (!m) {
      // Blank and comment lines, and the lines of a block scalar deeper than the keys.
      if (line.trim() === '' || line.trimStart().startsWith('#') || line.length - line.trimStart().length > col) continue;
      return undefined;
    }
    if (m[1].length < col) return undefined;
    if (m[1].length > col) continue;
    if (m[2] === 'name') {
      const value = line.slice(m[0].length);
      const hash = value.search(/\s#/);
      const role = roleOf((hash >= 0 ? value.slice(0, hash) : value).trim().replace(/^(["'])(.*)\1$/, '$2'));
      return role ? { role, col } : undefined;
    }
    // The mapping's first key (`- type: string`): no `name:` above it is a sibling.
    if (m[1].indexOf('-') >= 0) return undefined;
  }
  return undefined;
}

/** Whether a line is a key with no value on it (`ignore:`, maybe with a comment): found by a scan, not a regex that backtracks. */
function bareKey(line: string): boolean {
  const hash = line.indexOf(' #');
  return (hash >= 0 ? line.slice(0, hash) : line).trimEnd().endsWith(':');
}

/**
 * The keys of the lines that hold the line at `at` by their indent, outermost first, looking
 * back to `start`: `builds:`, `ignore:` above a line set aside. A line indented with a tab is
 * taken as a sibling of the line above it.
 */
function keysAbove(text: string, start: number, at: number): string[] {
  const keys: string[] = [];
  let limit = -1;
  /** The line whose holder is looked for is an item (`- goos: freebsd`): a bare key at its own indent (`ignore:`) holds it. */
  let item = false;
  /** The indent of the line whose holder is looked for (a tab's: deeper than any key). */
  let below = 0;
  for (let e = at - 1; e > start; ) {
    const ls = Math.max(start, text.lastIndexOf('\n', e - 1) + 1);
    const line = text.slice(ls, e);
    e = ls - 1;
    let col = 0;
    while (col < line.length && line.charCodeAt(col) === 32) col++;
    if (col === line.length || line.charCodeAt(col) === 35 || line.charCodeAt(col) === 13 || line.charCodeAt(col) === 9) continue;
    if (limit < 0) {
      // The set-aside line's indent: its own when it is spaces, else its neighbour's, or one
      // deeper below a key with no value on its line (`platforms:` over `⇥- linux/amd46`: its item).
      let own = 0;
      while (text.charCodeAt(at + own) === 32) own++;
      const tab = text.charCodeAt(at + own) === 9;
      limit = tab ? (bareKey(line) ? col + 1 : col) : own;
      item = text.charCodeAt(at + own) === 45;
      below = tab ? Infinity : own;
    }
    let key = col <= limit ? lineKey(text, ls + col) : undefined;
    // An item whose key has no value (`- goos:` over `⇥- lnux`) holds the line by that key when the
    // line is deeper than the key itself.
    if (key === undefined && col <= limit && line.charCodeAt(col) === 45 && bareKey(line)) {
      const dashes = /^(?:-[ \t]+)+/.exec(line.slice(col));
      if (dashes && below > col + dashes[0].length) key = lineKey(text, ls + col + dashes[0].length);
    }
    if (col > limit || (col === limit && !(item && key !== undefined && bareKey(line)))) continue;
    limit = col;
    below = col;
    item = line.charCodeAt(col) === 45;
    if (key !== undefined) keys.unshift(key);
    if (col === 0) break;
  }
  return keys;
}

/**
 * A document with a syntax error: where it is a bare key over children (`steps:` over its
 * items, `jobs:` over its jobs), each child is read as YAML on its own, so only the child with
 * the error loses its structure and is read line by line. A `--platform` argument before a
 * broken line of a later step keeps its next-item value.
 */
function scanBroken(text: string, start: number, end: number, sink: MentionSink, flavour: YamlFlavour, path: readonly string[], level: number, budget: Reparse, file: YamlFileFacts | undefined): void {
  const header = firstContentLine(text, start, end);
  let keyAt = header;
  while (text.charCodeAt(keyAt) === 32) keyAt++;
  const key = lineKey(text, keyAt);
  // Platform lists are not cut: an item is judged with the others (a duplicate, the removal fix).
  const children = level < MAX_BROKEN_LEVELS && key !== undefined && roleOf(key) === undefined ? splitBrokenChildren(text, header, end, key) : undefined;
  if (!children) {
    scanYamlLines(text, start, end, sink, flavour, path);
    return;
  }
  // children[0] is the key line itself, with no value (splitChildren's condition), and comments.
  const childPath = [...path, key!];
  for (const child of children.slice(1)) {
    const length = child.end - child.start;
    // A sole child is the broken block without its key line: broken too, not worth a parse.
    if (children.length === 2) scanBroken(text, child.start, child.end, sink, flavour, childPath, level + 1, budget, file);
    else if (budget.chars + length > budget.limit) scanYamlLines(text, child.start, child.end, sink, flavour, childPath);
    else {
      budget.chars += length;
      scanDocuments(text, child.start, child.end, sink, flavour, childPath, level + 1, budget, file);
    }
  }
}

/** The start of the first line in [start, end) that is not blank, a comment or a `---` marker. */
function firstContentLine(text: string, start: number, end: number): number {
  let i = start;
  while (i < end) {
    let nl = text.indexOf('\n', i);
    if (nl < 0 || nl > end) nl = end;
    const line = text.slice(i, nl).trim();
    if (line !== '' && !line.startsWith('#') && !/^---(\s|$)/.test(line)) return i;
    i = nl + 1;
  }
  return start;
}

/** A whitespace escape of a double-quoted scalar: `"linux/amd64\nlinux/arm/v7"` is a list of two. */
const WHITESPACE_ESCAPE = /\\(?:[ntr ]|x(?:20|09|0[aAdD])|u00(?:20|09|0[aAdD]))/g;

/** A scalar's content with its templates masked, and a double-quoted one's whitespace escapes blanked (offsets kept). */
function maskScalar(text: string, node: YScalar, r: { s: number; e: number }): string {
  // In a single-quoted scalar an expression's quote is written twice (`'${{ a || ''linux/arm64'' }}'`):
  // read as one (and a blank), so its strings are what the expression may be.
  // (The scalar's own text is searched: `text.indexOf(…, r.s)` would read on to the document's end.)
  if (node.style === 'QUOTE_SINGLE') {
    const content = text.slice(r.s, r.e);
    if (content.includes("''") && content.includes('${{')) return maskTemplates(content.replace(/''/g, "' "), 0, r.e - r.s, 'shell');
  }
  const masked = maskTemplates(text, r.s, r.e, 'shell');
  return node.style === 'QUOTE_DOUBLE' && masked.indexOf('\\') >= 0 ? masked.replace(WHITESPACE_ESCAPE, (m) => ' '.repeat(m.length)) : masked;
}

/** Document offsets of a scalar's content: inside quotes, below a block scalar's header. */
function contentRange(node: YScalar): { s: number; e: number; literal: boolean } {
  return { s: node.contentStart, e: node.contentEnd, literal: node.style === 'BLOCK_LITERAL' };
}

function walk(node: YNode, ctx: Ctx): void {
  if (ctx.depth > MAX_DEPTH) {
    ctx.sink.note(`YAML nested more than ${MAX_DEPTH} levels deep: the part below is not checked (depth limit)`, node.start);
    return;
  }
  if (ctx.references && isReference(ctx.text, node.start)) return;
  if (node.kind === 'map') walkMap(node, ctx);
  else if (node.kind === 'seq') walkSeq(node, ctx);
  else scanScalar(node, ctx, undefined);
}

function roleFor(key: string, ctx: Ctx, value?: YNode): Role | undefined {
  // A workflow's job ids are names (`build-platforms:`), whatever they say.
  if (ctx.path.length === 1 && ctx.path[0] === 'jobs' && ctx.flavour === 'github-workflow') return undefined;
  // So are a GitLab pipeline's jobs (`build-platforms:`, a mapping) and templates (`.detect-platform:
  // &detect-platform`, script lines shared by `before_script: *detect-platform`) at its top level.
  if (ctx.flavour === 'gitlab-ci' && ctx.path.length === 0 && ctx.depth === 0 && (key.startsWith('.') || value?.kind === 'map')) return undefined;
  // An axis of mappings whose keys the job uses (`target: [{os: linux, arch: arm}]`): its mappings are
  // read as combinations. An axis the job uses in a target triple holds another toolchain's arches.
  if (ctx.matrixRoles && inMatrixAxis(ctx) && (ctx.matrixRoles.triple?.has(key) || nestedRoles(ctx.matrixRoles, key))) return undefined;
  // A key whose values the job runs on and uses as nothing else (`runs-on: ${{ matrix.platform.os }}`
  // over `platform: [{os: ubuntu-22.04, arch: amd64}]`, read as a platform mapping otherwise): runner labels.
  if (ctx.matrixRoles?.runner && runnerKey(ctx, ctx.matrixRoles, key)) return undefined;
  // So is a matrix key whose values are runner labels however the job uses them (`runs-on:` over
  // several lines, `${{ matrix.platform.os || 'ubuntu-latest' }}`): no GOOS.
  // (The matrix first: this runs for every key of every map, a label test on few.)
  if (value && (inMatrixAxis(ctx) || (ctx.path.length >= 2 && ctx.path[ctx.path.length - 2] === 'matrix')) && runnerLabels(value)) return undefined;
  const own = roleOf(key);
  // `platform: [amd64, arm/v7]` used as `linux/${{ matrix.platform }}`, `target: [amd64, arm]`
  // used as `GOARCH=${{ matrix.target }}`: an axis of arches (or oses), by the job's use.
  if (own === 'platform' && inMatrixAxis(ctx)) {
    const linked = ctx.matrixRoles?.get(key);
    if (linked === 'os' || linked === 'arch') return linked;
  }
  if (own) return own;
  // A platform written as a mapping (Drone, an OCI platform object in a manifest-tool spec).
  const mapped = platformMappingRole(key);
  if (mapped && inPlatformMapping(ctx)) return mapped;
  // A matrix key the job uses as GOOS or GOARCH (`GOARCH: ${{ matrix.target_arch }}`).
  return inMatrixAxis(ctx) ? ctx.matrixRoles?.get(key) : undefined;
}

/** GitHub's runner labels (`ubuntu-22.04`, `windows-latest`, `macos-14-large`, `self-hosted`): what a job runs on. */
const RUNNER_LABEL = /^(?:(?:ubuntu|windows|macos)-(?:latest|\d+(?:\.\d+)?)(?:-[a-z0-9]+)*|self-hosted)$/;

/** Whether a value is a runner label, or a list of them only. */
function runnerLabels(value: YNode): boolean {
  if (value.kind === 'scalar') return RUNNER_LABEL.test(value.value);
  return value.kind === 'seq' && value.items.length > 0 && value.items.every((v) => v?.kind === 'scalar' && RUNNER_LABEL.test(v.value));
}

/** Whether `key` of the map at ctx is an axis (or an axis's mapping's key) the job uses only as its runner. */
function runnerKey(ctx: Ctx, roles: MatrixRoles, key: string): boolean {
  const n = ctx.path.length;
  const ref = inMatrixAxis(ctx) ? key : n >= 2 && ctx.path[n - 2] === 'matrix' ? `${ctx.path[n - 1]}.${key}` : undefined;
  return ref !== undefined && roles.runner?.has(ref) === true && !roles.has(ref);
}

/**
 * Whether ctx is a map of matrix axes: the matrix itself, an entry of a matrix made only of
 * `include` entries, a CircleCI matrix's `parameters`, or a Buildkite matrix's `setup` and the
 * `with:` of an adjustment that adds a combination.
 */
function inMatrixAxis(ctx: Ctx): boolean {
  const n = ctx.path.length;
  if (n < 2) return false;
  const last = ctx.path[n - 1];
  if (last === 'with') return n >= 3 && ctx.path[n - 2] === 'adjustments' && ctx.path[n - 3] === 'matrix';
  return last === 'matrix' || ((last === 'include' || last === 'setup' || last === 'parameters') && ctx.path[n - 2] === 'matrix');
}

/**
 * The roles of the matrix keys of a Buildkite step (the map `node`, with a `matrix: setup:`), by
 * the use its command makes of them (`GOARCH={{matrix.arch}}`), or of a CircleCI job invocation
 * (its `matrix: parameters:`), by the use the document's jobs make of their parameters.
 */
function stepMatrixRoles(node: YMap, ctx: Ctx): MatrixRoles | undefined {
  const matrix = get(node, 'matrix');
  if (matrix?.kind !== 'map') return undefined;
  // A CircleCI job invocation's matrix: its parameters by the jobs' use of them.
  if (ctx.circleParameters && get(matrix, 'parameters') !== undefined) return new Map(ctx.circleParameters) as MatrixRoles;
  if (get(matrix, 'setup') === undefined) return undefined;
  const roles = matrixRoles(ctx.text, node.start, node.end, undefined, BUILDKITE_MATRIX_REF);
  return roles.size > 0 ? roles : undefined;
}

/**
 * The values of a matrix key that is GOOS or GOARCH only through its job's use (`GOARCH=${{
 * matrix.build-arch }}`) that are names: Go's, an alias, or a typo of one (`amd46`). Another word
 * (`build-arch: static`, tested for in the job before the build) is the job's own marker.
 */
function linkedNames(tokens: Token[], key: string, role: 'os' | 'arch', ctx: Ctx): Token[] {
  if (tokens.length === 0) return tokens;
  // Values a script maps through a case to Go's names (`ppc64el) GOARCH=ppc64le`) are not Go's.
  const labels = ctx.matrixRoles?.labels?.get(key);
  if (labels) tokens = tokens.filter((t) => !labels.has(t.text.toLowerCase()));
  // An arch axis written after its os (`linux/${{ matrix.platform }}`) may hold an arch with its variant: arm/v7.
  if (role === 'arch' && ctx.matrixRoles?.docker?.has(key)) return tokens.filter((t) => looksLikeName(archPart(t.text), 'arch') || ARCH_SHAPED.test(t.text));
  if (roleOf(key) === role || (platformMappingRole(key) !== undefined && inPlatformMapping(ctx))) return tokens;
  return tokens.filter((t) => looksLikeName(t.text, role) || (role === 'arch' && ARCH_SHAPED.test(t.text)));
}

/** Another toolchain's arch name (`x64`, `arm32v7`, `i686`): no marker of the job's own such as `static`. */
const ARCH_SHAPED = /^(?:x|i|arm|amd|aarch|ppc|s390|mips|riscv|loong|sparc|wasm)\d+(?:v\d+|le|el|hf|x)?$/i;

/**
 * The names Go does not know in a goreleaser format override, which picks archives rather than
 * makes builds: `goos: windwos` picks none, a mistake. Known names there are no build of theirs:
 * not judged. (Exclude and ignore entries are never judged at all.)
 */
function selectorTypos(entry: YMap, osKey: string | undefined, archKey: string | undefined, ctx: Ctx): void {
  if (osKey) {
    for (const t of linkedNames(nameTokens(get(entry, osKey), ctx), osKey, 'os', ctx)) {
      if (!isGoOs(t.text.toLowerCase())) emitName(ctx.sink, 'os', t, 'selector');
    }
  }
  if (archKey) {
    for (const t of linkedNames(nameTokens(get(entry, archKey), ctx), archKey, 'arch', ctx)) {
      if (resolveArch(archPart(t.text).toLowerCase()) === undefined) emitName(ctx.sink, 'arch', t, 'selector');
    }
  }
}

/** The arch of an arch value written with its variant (`arm/v7`), or the value. */
function archPart(value: string): string {
  const slash = value.indexOf('/');
  return slash < 0 || value.indexOf('/', slash + 1) >= 0 ? value : value.slice(0, slash);
}

/**
 * The pairs from `from` on whose arch is a Docker platform's (an axis used as `linux/${{
 * matrix.arch }}`): `arm/v7` is arm with variant v7, and Docker's names are its (`x86_64` is
 * amd64, `armv7` arm/v7), as in a Docker platform list. With `ownSpelling`, the axis's values
 * are read so but hold the file's own names (a `targetarch` axis): no hint to respell them.
 */
function dockerArches(mentions: Mention[], from: number, axis?: ReadonlySet<number>, ownSpelling = false): void {
  /** The first value of the axis that names each arch (and variant): `x86_64` after `amd64` repeats it. */
  const first = new Map<string, Token>();
  /** Each repeating value by where it starts (a value is in a pair with every os). */
  const repeats = new Map<number, string>();
  for (let k = from; k < mentions.length; k++) {
    const m = mentions[k];
    if (m.kind !== 'pair' || !m.arch) continue;
    // (The axis's values are the file's own names, not Docker's: no spelling to advise, see pairMapping.)
    if (ownSpelling && axis?.has(m.arch.start)) m.ownSpelling = true;
    const [arch, variant, ...rest] = m.arch.text.split('/');
    if (rest.length > 0) continue;
    const resolved = resolveArch(arch.toLowerCase());
    if (resolved || variant !== undefined) {
      m.archName = resolved?.arch ?? arch;
      const v = variant ?? resolved?.variant;
      if (v) m.variant = v;
    }
    // Repeats within the axis (by where its values start): include entries each make a combination of their own.
    if (!axis?.has(m.arch.start) || m.arch.repeatOf !== undefined || repeats.has(m.arch.start)) continue;
    const name = `${m.archName ?? arch.toLowerCase()}/${m.variant ?? ''}`;
    const earlier = first.get(name);
    if (earlier === undefined) first.set(name, m.arch);
    else if (earlier.start !== m.arch.start) repeats.set(m.arch.start, earlier.text);
  }
  if (repeats.size === 0) return;
  for (let k = from; k < mentions.length; k++) {
    const m = mentions[k];
    const of = m.kind === 'pair' && m.arch ? repeats.get(m.arch.start) : undefined;
    if (of !== undefined && m.kind === 'pair' && m.arch) m.arch = { ...m.arch, repeatOf: of };
  }
}

/** A pipe between words, as in a template's or a shell's pipeline: `.GOOS | default OS`. */
const PIPELINE = /\S[ \t]+\|[ \t]+\S/;

/** The name tokens of a GOOS/GOARCH-like value: a scalar (maybe a list) or a sequence of scalars. */
function nameTokens(node: YNode | undefined, ctx: Ctx, wholePlatforms = false): Token[] {
  const out: Token[] = [];
  const add = (n: YScalar) => {
    if (n.style === 'ALIAS') return;
    const r = contentRange(n);
    const masked = maskScalar(ctx.text, n, r);
    // A template that writes a template (wails' `GOOS: '{{.Opn}}.GOOS | default OS{{.Cls}}'`):
    // a pipeline, no names.
    if (PIPELINE.test(masked)) return;
    for (const t of readPlatformList(ctx.sink, { text: ctx.text, masked, maskBase: r.s, start: r.s, end: r.e, role: 'os', context: '', wholePlatforms })) out.push(t);
  };
  if (node?.kind === 'scalar') add(node);
  else if (node?.kind === 'seq') {
    for (const item of node.items) {
      if (item?.kind !== 'scalar') continue;
      const before = out.length;
      add(item);
      // One name per item of a list of two or more: it can be removed from the list.
      const remove = out.length === before + 1 && node.items.length > 1 ? seqItemRange(ctx.text, item.start, item.end, node.flow) : undefined;
      if (remove) out[before] = { ...out[before], remove };
    }
  }
  return out;
}

/**
 * Harness CI's `platform: {os: Linux, arch: Amd64}`: its own names (Linux, MacOS, Windows; Amd64,
 * Arm64), capitalised, for the machine a stage runs on. Go's names, which Drone's mapping uses, are
 * lower case.
 */
function harnessPlatform(node: YMap, osKey: string | undefined, archKey: string | undefined, ctx: Ctx): boolean {
  if (!inPlatformMapping(ctx)) return false;
  const capitalised = (key: string | undefined) => key !== undefined && roleOf(key) === undefined && /^[A-Z]/.test(scalarText(get(node, key)) ?? '');
  return capitalised(osKey) || capitalised(archKey);
}

function inPlatformMapping(ctx: Ctx): boolean {
  return isPlatformMappingPath(ctx.path);
}

/** A goreleaser build by another toolchain (`builder: zig`, `rust`): its targets are in its spelling. */
function foreignBuilder(build: YMap): boolean {
  return isForeignBuilder(scalarText(get(build, 'builder')));
}

/**
 * The targets of a zig or rust build: triples in the toolchain's own spelling (`aarch64-linux`,
 * `x86_64-unknown-linux-gnu`, `armv7-unknown-linux-gnueabihf`), each the platform it builds for,
 * never respelled. A triple whose arch or os Go has no name for is not judged.
 */
function tripleTargets(node: YNode, ctx: Ctx): void {
  // One list per C library or ABI (the parts after the os: `gnu`, `musl`, `gnueabihf`, none):
  // `x86_64-unknown-linux-gnu` and `x86_64-unknown-linux-musl` are two builds of one platform, no
  // repeat; the same triple twice is one.
  const lists = new Map<string, number>();
  const items = node.kind === 'seq' ? node.items : [node];
  for (const item of items) {
    if (item?.kind !== 'scalar' || item.style === 'ALIAS') continue;
    const r = contentRange(item);
    const t = token(ctx.text, r.s, r.e);
    const triple = parseTriple(t.text);
    if (!triple) continue;
    const { platform, abi } = triple;
    let listId = lists.get(abi);
    if (listId === undefined) lists.set(abi, (listId = ctx.sink.newList()));
    const removeRange = node.kind === 'seq' && node.items.length > 1 ? seqItemRange(ctx.text, item.start, item.end, node.flow) : undefined;
    ctx.sink.add({ kind: 'whole', token: t, platform, strict: true, listId, ...(removeRange ? { removeRange } : {}), context: 'toolchain target' });
  }
}

/** Arch names only the toolchains write (Go's names and the runtimes' aliases come from resolveArch). */
const TRIPLE_ARCH: ReadonlyMap<string, { arch: string; variant?: string }> = new Map([
  ['thumbv7neon', { arch: 'arm', variant: 'v7' }],
  ['i586', { arch: '386' }],
  ['riscv64gc', { arch: 'riscv64' }],
  ['powerpc64le', { arch: 'ppc64le' }],
  ['powerpc64', { arch: 'ppc64' }],
  ['loongarch64', { arch: 'loong64' }],
  ['mips64el', { arch: 'mips64le' }],
  ['mipsel', { arch: 'mipsle' }],
]);

/**
 * The triples' names of Go oses: zig writes macos, and rust's 32-bit Android targets end in
 * `androideabi` (`armv7-linux-androideabi`: Android's ABI, on its Linux kernel).
 */
const TRIPLE_OS: ReadonlyMap<string, string> = new Map([
  ['macos', 'darwin'],
  ['androideabi', 'android'],
]);

/**
 * `armv7-unknown-linux-gnueabihf`: the arch first, the os the last part that is Go's (or named in
 * TRIPLE_OS), and the C library or ABI the parts after it (`gnueabihf`; `` for `aarch64-linux`).
 */
function parseTriple(text: string): { platform: ParsedPlatform; abi: string } | undefined {
  const parts = text.toLowerCase().split('-');
  if (parts.length < 2 || parts.length > 5) return undefined;
  const arch = resolveArch(parts[0]) ?? TRIPLE_ARCH.get(parts[0]);
  if (!arch) return undefined;
  for (let k = parts.length - 1; k > 0; k--) {
    const os = TRIPLE_OS.get(parts[k]) ?? parts[k];
    if (isGoOs(os)) return { platform: makePlatform(os, arch.arch, arch.variant, 'arch-os'), abi: parts.slice(k + 1).join('-') };
  }
  return undefined;
}

/** Mentions from `from` on have one canonical spelling. */
function spellAll(sink: MentionSink, from: number, spelling: Spelling, goNames = false): void {
  for (let k = from; k < sink.mentions.length; k++) {
    const m = sink.mentions[k];
    if (m.kind !== 'whole') continue;
    m.canonical = spelling;
    if (goNames) m.goNames = true;
    // (The tool's names are Go's or Docker's: no other toolchain's word is read as its own there.)
    delete m.otherArchWord;
  }
}

/** Drops the mentions from `from` on that are no platform in a loose reading (`boards/arm/rp2040/configs`). */
function keepPlatformShaped(sink: MentionSink, from: number): void {
  let kept = from;
  for (let k = from; k < sink.mentions.length; k++) {
    const m = sink.mentions[k];
    if (m.kind === 'whole' && parsePlatform(m.token.text, 'loose') === undefined) continue;
    sink.mentions[kept++] = m;
  }
  sink.mentions.length = kept;
}

/** `{goos: darwin, goarch: arm}` entries of exclude/ignore/include lists, as plain strings. */
interface Entry {
  os?: string;
  arch?: string;
  /** Variant keys the entry names (goarm: "6"), lower-cased, with their values. */
  variants: [string, string][];
}

function entries(node: YNode | undefined, osKey: string, archKey: string, text?: string, anchored?: ReadonlyMap<string, LeftOutAnchor>): Entry[] {
  if (node?.kind !== 'seq') return [];
  const out: Entry[] = [];
  for (const item of node.items) {
    // (`- *armign`, the alias of an anchored mapping; `- <<: *armign` with `goos: darwin` over it.)
    const alone = text !== undefined ? aliasedEntry(item, text, anchored) : undefined;
    if (alone) out.push(alone);
    if (item?.kind !== 'map') continue;
    const own = entryOf(item, osKey, archKey);
    const merge = text !== undefined ? item.items.find((p) => p.key === '<<') : undefined;
    const base = merge && text !== undefined ? mergedEntry(merge.value, text, anchored) : undefined;
    out.push(base ? over(base, own) : own);
  }
  return out;
}

/** A mapping's entry: its os, arch and variant keys' values. */
function entryOf(item: YMap, osKey: string, archKey: string): Entry {
  const os = scalarText(get(item, osKey));
  const arch = scalarText(get(item, archKey));
  const variants: [string, string][] = [];
  for (const p of item.items) {
    const v = roleOf(p.key) === 'variant' || GO_VARIANT_KEYS.has(p.key.toLowerCase()) ? scalarText(p.value) : undefined;
    if (v !== undefined) variants.push([p.key.toLowerCase(), v]);
  }
  return { ...(os !== undefined ? { os } : {}), ...(arch !== undefined ? { arch } : {}), variants };
}

/** `own` over `base`: what a mapping sets wins over what it merges in. */
function over(base: Entry, own: Entry): Entry {
  const os = own.os ?? base.os;
  const arch = own.arch ?? base.arch;
  const variants = [...base.variants.filter(([k]) => !own.variants.some(([o]) => o === k)), ...own.variants];
  return { ...(os !== undefined ? { os } : {}), ...(arch !== undefined ? { arch } : {}), variants };
}

/** The anchored mapping's entry an alias names (`*armign` of `&armign {goos: linux, goarch: arm}`), when it is read. */
function aliasedEntry(node: YNode | undefined, text: string, anchored: ReadonlyMap<string, LeftOutAnchor> | undefined): Entry | undefined {
  if (node?.kind !== 'scalar' || node.style !== 'ALIAS') return undefined;
  const got = anchored?.get(aliasName(node, text));
  return got !== undefined && !isEntryList(got) ? got : undefined;
}

function isEntryList(x: LeftOutAnchor): x is readonly Entry[] {
  return Array.isArray(x);
}

/** What a merge key takes in (`<<: *a`; `<<: [*a, *b]`, the first's keys winning), when every mapping it names is read. */
function mergedEntry(value: YNode | undefined, text: string, anchored: ReadonlyMap<string, LeftOutAnchor> | undefined): Entry | undefined {
  const names = value?.kind === 'seq' ? value.items : [value];
  let out: Entry = { variants: [] };
  for (let k = names.length - 1; k >= 0; k--) {
    const got = aliasedEntry(names[k], text, anchored);
    if (!got) return undefined;
    out = over(out, got);
  }
  return out;
}

/**
 * Whether exclude entries that name a value leave it out of every combination of the matrix's
 * other dimensions (`dims`): `conditions` are the other keys of each entry that names it.
 */
function coveredWhole(conditions: Map<string, string | undefined>[] | undefined, dims: Map<string, (string | undefined)[]>): boolean {
  if (!conditions) return false;
  if (conditions.some((c) => c.size === 0)) return true;
  // Every combination of the dimensions the entries name must match one of them: an entry
  // that names them all is looked up, one that names fewer is tried.
  const named = [...new Set(conditions.flatMap((c) => [...c.keys()]))];
  if (named.some((d) => !dims.has(d))) return false;
  const whole = new Set<string>();
  const partial: Map<string, string | undefined>[] = [];
  for (const c of conditions) {
    if (c.size < named.length) partial.push(c);
    else if (named.every((d) => c.get(d) !== undefined)) whole.add(named.map((d) => c.get(d)).join('\u0000'));
  }
  let combinations = 1;
  for (const d of named) combinations *= Math.max(dims.get(d)!.length, 1);
  // Past the bounds (a hostile file), the value is taken as built: reported, not hidden.
  if (combinations > MAX_EXCLUDE_COMBINATIONS || combinations * (1 + partial.length * named.length) > MAX_EXCLUDE_WORK) return false;
  const pick = new Array<string | undefined>(named.length);
  const matched = (): boolean => {
    if (!pick.includes(undefined) && whole.has(pick.join('\u0000'))) return true;
    return partial.some((c) => named.every((d, j) => !c.has(d) || (c.get(d) !== undefined && c.get(d) === pick[j])));
  };
  const covered = (i: number): boolean => {
    if (i === named.length) return matched();
    for (const value of dims.get(named[i])!) {
      pick[i] = value;
      if (!covered(i + 1)) return false;
    }
    return true;
  };
  return covered(0);
}

/**
 * The exclude entries of a matrix that leave what they name out whole: `{image: agent, goarch:
 * riscv64}` still builds riscv64 for the other images, unless other entries leave it out for
 * those too. `own` tells the keys that name it (a platform axis; or os, arch and variant), `keys`
 * the matrix's axes.
 */
function wholeEntries(exclude: YNode | undefined, keys: Map<string, YNode | undefined>, own: (key: string) => boolean): YNode | undefined {
  if (exclude?.kind !== 'seq') return exclude;
  // The entries by the pair they name, with their other keys.
  const groups = new Map<string, { items: YNode[]; conditions: Map<string, string | undefined>[] }>();
  let partial = false;
  // (An alias for an entry, `- *ex`, is read whole where its anchor is: see entries.)
  const aliases: YNode[] = [];
  for (const entry of exclude.items) {
    if (entry?.kind === 'scalar' && entry.style === 'ALIAS') aliases.push(entry);
    if (entry?.kind !== 'map') continue;
    let pair = '';
    const others = new Map<string, string | undefined>();
    for (const p of entry.items) {
      // (So is what a merge key takes in: `- <<: *ex` with `goos: linux`.)
      if (p.key === '<<') pair += `<<\u0000${p.value?.start ?? ''}\u0000`;
      else if (own(p.key)) pair += `${p.key}\u0000${scalarText(p.value)}\u0000`;
      else others.set(p.key, scalarText(p.value));
    }
    if (others.size > 0) partial = true;
    const group = groups.get(pair);
    if (group) {
      group.items.push(entry);
      group.conditions.push(others);
    } else groups.set(pair, { items: [entry], conditions: [others] });
  }
  if (!partial) return exclude;
  const dims = new Map<string, (string | undefined)[]>();
  for (const [k, v] of keys) {
    if (own(k) || k === 'exclude' || k === 'include' || !v) continue;
    dims.set(k, v.kind === 'seq' ? v.items.map((i) => scalarText(i)) : [scalarText(v)]);
  }
  const items: YNode[] = [...aliases];
  for (const group of groups.values()) if (coveredWhole(group.conditions, dims)) items.push(...group.items);
  return { ...exclude, items };
}

/** Matrix combinations enumerated to decide whether exclude entries leave a value out whole. */
const MAX_EXCLUDE_COMBINATIONS = 4096;
/** Comparisons spent on it per value (combinations × entries that name fewer dimensions × dimensions). */
const MAX_EXCLUDE_WORK = 1_000_000;

/**
 * A matrix's list under a platform key without the values its `exclude` entries leave out whole
 * (a matrix is a cross product minus exclude): `platform: [linux/amd64, linux/arm/v7]` with
 * `exclude: [{platform: linux/arm/v7}]` builds no linux/arm/v7, and with `exclude: [{image: a,
 * platform: linux/arm/v7}]` still builds it for the other images. `matrix` is the map that holds
 * the list (a CircleCI matrix's `parameters` or a Buildkite matrix's `setup`, whose exclusions,
 * `exclude` or the skipping `adjustments`, are beside it: ctx.siblingExclude).
 */
function matrixBuilt(matrix: YMap, key: string, list: YNode, ctx: Ctx): YNode {
  // (siblingExclude is set only on a matrix's parameters or setup.)
  const exclude = ctx.path[ctx.path.length - 1] === 'matrix' ? get(matrix, 'exclude') : ctx.siblingExclude;
  if (list.kind !== 'seq' || exclude?.kind !== 'seq') return list;
  // The matrix's axes, as pairMapping reads a mapping's keys: the first value of each.
  const axes = new Map<string, YNode | undefined>();
  for (const p of matrix.items) if (!axes.has(p.key)) axes.set(p.key, p.value);
  // The values that the entries leaving something out whole name.
  const out = new Set<string>();
  const whole = wholeEntries(exclude, axes, (k) => k === key);
  if (whole?.kind === 'seq') {
    for (const entry of whole.items) {
      const v = entry?.kind === 'map' ? scalarText(get(entry, key)) : undefined;
      if (v !== undefined) out.add(v);
    }
  }
  // (An axis of mappings, `target: [{goos: linux, goarch: arm}]`: the mappings an entry names whole.)
  const mappings = ctx.path[ctx.path.length - 1] === 'matrix' ? excludedMappings(exclude, key) : [];
  if (out.size === 0 && mappings.length === 0) return list;
  const items = list.items.filter((item) => {
    if (item?.kind === 'map') return !mappings.some((e) => partOf(e, item));
    const v = item?.kind === 'scalar' ? scalarText(item) : undefined;
    return v === undefined || !out.has(v);
  });
  return items.length === list.items.length ? list : { ...list, items };
}


/**
 * The variants of the pairs a mapping made from `first` on, where a key writes them apart from the
 * arch (goreleaser's `goamd64: [v1, v9]`, a plain `variant: v9`): one that is none of Go's for the
 * arch is judged at its own token, in a pair of its own (the first built with that arch); the
 * pairs keep the variants that are Go's. A variant that holds nothing wrong keeps its pairs as
 * they are.
 */
function variantsApart(ctx: Ctx, keys: Map<string, YNode | undefined>, variantKey: string | undefined, first: number): void {
  const mentions = ctx.sink.mentions;
  const end = mentions.length;
  let judged: Set<number> | undefined;
  /** The tokens of each variant key's values, read once (a cross product holds many pairs of one arch). */
  const tokensOf = new Map<YNode | undefined, Token[]>();
  for (let k = first; k < end; k++) {
    const m = mentions[k];
    if (m.kind !== 'pair' || m.variant === undefined) continue;
    const written = (m.archName ?? m.arch?.text)?.toLowerCase();
    const arch = written === undefined ? undefined : (resolveArch(written)?.arch ?? written);
    if (arch === undefined || !isGoArch(arch)) continue;
    const variants = m.variants ?? [m.variant];
    const bad = variants.filter((v) => !isValidVariant(arch, goVariant(v)));
    if (bad.length === 0) continue;
    const own = VARIANT_KEY.get(arch)?.key;
    const node = valueOf(keys, own) ?? (variantKey !== undefined && !GO_VARIANT_KEYS.has(variantKey.toLowerCase()) ? keys.get(variantKey) : undefined);
    let tokens = tokensOf.get(node);
    if (!tokens) tokensOf.set(node, (tokens = variantTokens(node, ctx.text)));
    const { variant: _v, variants: _vs, ...plain } = m;
    const good = variants.filter((v) => !bad.includes(v));
    mentions[k] = { ...plain, ...variantFields(good) };
    for (const v of bad) {
      const t = tokens.find((x) => x.text === v);
      if (t && (judged ??= new Set()).has(t.start)) continue;
      if (t) judged!.add(t.start);
      mentions.push({ ...plain, variant: v, ...(t ? { variantToken: t } : {}) });
    }
  }
}

/** The value of a key of the mapping, whatever its case (`GOAMD64`, `goamd64`); the first that has one. */
function valueOf(keys: Map<string, YNode | undefined>, key: string | undefined): YNode | undefined {
  if (key === undefined) return undefined;
  for (const [k, node] of keys) if (node && k.toLowerCase() === key) return node;
  return undefined;
}

/** The tokens of a variant key's values: one scalar, or the items of a list. */
function variantTokens(node: YNode | undefined, text: string): Token[] {
  const out: Token[] = [];
  for (const n of node?.kind === 'seq' ? node.items : [node]) {
    if (n?.kind !== 'scalar' || n.style === 'ALIAS') continue;
    const { s, e } = contentRange(n);
    if (e > s) out.push(token(text, s, e));
  }
  return out;
}

/** More exclude or ignore entries than this are looked up by their names (see pairMapping). */
const MANY_ENTRIES = 32;


/** The keys of a parameter's allowed values: workflow_dispatch `options`, CircleCI's `enum`, Azure's `values`, Bitbucket's `allowed-values`. */
const CHOICE_KEYS = ['options', 'enum', 'values', 'allowed-values'];

/**
 * The choices of a GOOS or GOARCH parameter (`goarch: {type: choice, options: [amd64, arm]}`):
 * each is a value it may be run with, judged alone.
 */
function choices(param: YNode | undefined, role: 'os' | 'arch', key: string, ctx: Ctx): void {
  if (param?.kind !== 'map') return;
  for (const k of CHOICE_KEYS) {
    const list = get(param, k);
    if (!list) continue;
    for (const t of nameTokens(list, ctx)) emitName(ctx.sink, role, t, `${key} ${k}`);
    return;
  }
}

/**
 * A variable's value where it may be written out as a mapping: GitLab's `GOARCH: {value: arm64,
 * description: …}`, an input or parameter's `{type: string, default: arm64}`.
 */
function definedValue(node: YNode | undefined): YNode | undefined {
  return node?.kind === 'map' ? (get(node, 'value') ?? get(node, 'default')) : node;
}

/** The values of a variant key of the mapping (goarm: ["6", "7"]), undefined when it has none. */
function variantValues(keys: Map<string, YNode | undefined>, key: string): string[] | undefined {
  const node = valueOf(keys, key);
  if (!node) return undefined;
  if (node.kind === 'seq') return node.items.map((i) => scalarText(i)).filter((v): v is string => v !== undefined);
  const v = scalarText(node);
  return v === undefined ? undefined : [v];
}

/** GitLab's `!reference` tag before a node: `GOOS: !reference [.tmpl, variables, GOOS]`, also over a block list. */
const REFERENCE_BEFORE = /!reference[ \t]*(?:\r?\n[ \t]*)?$/;

/** Whether the node at `start` is a GitLab `!reference` (a path to another job's value, not a value). */
function isReference(text: string, start: number): boolean {
  return REFERENCE_BEFORE.test(text.slice(Math.max(0, start - 40), start));
}

/** The anchor an alias node names: `*win` → `win`. */
function aliasName(alias: YScalar, text: string): string {
  return text.slice(alias.start + 1, alias.end).trim();
}

/** The os and arch names a mapping takes in through its merge key (`<<: *win`, `<<: [*a, *b]`: the first that sets one wins). */
function mergedNames(node: YMap, ctx: Ctx): MergedNames | undefined {
  if (!ctx.merges) return undefined;
  const merge = get(node, '<<');
  if (!merge) return undefined;
  let oses: readonly string[] | undefined;
  let arches: readonly string[] | undefined;
  let leavesOut: true | undefined;
  let leftOut: readonly Entry[] | undefined;
  let targets: true | undefined;
  for (const a of merge.kind === 'seq' ? merge.items : [merge]) {
    if (a?.kind !== 'scalar' || a.style !== 'ALIAS') continue;
    const names = ctx.merges.get(aliasName(a, ctx.text));
    oses ??= names?.oses;
    arches ??= names?.arches;
    targets ??= names?.targets;
    if (!leavesOut && names?.leavesOut) {
      leavesOut = true;
      leftOut = names.leftOut;
    }
  }
  return oses || arches || leavesOut || targets ? { ...(oses ? { oses } : {}), ...(arches ? { arches } : {}), ...(leavesOut ? { leavesOut } : {}), ...(leftOut ? { leftOut } : {}), ...(targets ? { targets } : {}) } : undefined;
}

/**
 * A leg of an Azure Pipelines matrix (`strategy: {matrix: {arm: {GOARCH: arm}}}`): its keys are
 * variables, set over the job's, so a leg's GOARCH builds for the job's GOOS. (A workflow's matrix
 * values become no variables; its include and exclude entries are not legs.)
 */
function azureMatrixLeg(ctx: Ctx): boolean {
  const n = ctx.path.length;
  return n >= 3 && ctx.path[n - 2] === 'matrix' && ctx.path[n - 3] === 'strategy' && ctx.flavour !== 'github-workflow' && ctx.path[n - 1] !== 'include' && ctx.path[n - 1] !== 'exclude';
}

/**
 * The file's variables a GitLab job takes (`env`): none with `inherit: variables: false`, those
 * named with `inherit: variables: [GOOS]`, all otherwise.
 */
function inheritedVariables(job: YMap, env: GoEnv): GoEnv | undefined {
  if (get(job, 'inherit') === undefined) return env;
  const out: GoEnv = { ...env };
  if (!inherits(job, 'variables', 'GOOS')) out.os = out.osName = undefined;
  if (!inherits(job, 'variables', 'GOARCH')) out.arch = out.archName = undefined;
  return out.os || out.osName || out.arch || out.archName ? out : undefined;
}

/** Keys of maps that set a job's or step's environment variables. */
export const ENV_MAP_KEYS: ReadonlySet<string> = new Set(['env', 'variables', 'environment']);

/** The other keys of a side an environment is read with at most (`TARGETARCH` beside `GOARCH`: one or two in real files; each is paired with each of the other side's). */
const MAX_OTHER_KEYS = 8;

/** Whether the mapping walked is an environment map (not a goreleaser build's `env:`, a list of `KEY=value` strings there). */
function envMapOf(ctx: Ctx): boolean {
  return !(ctx.flavour === 'goreleaser' && ctx.path[0] === 'builds') && ENV_MAP_KEYS.has(ctx.path[ctx.path.length - 1] ?? '');
}

/**
 * GOOS and GOARCH set in the environment map of a job or step, over those set above it. The
 * file's own (top-level) environment sits in another block of the file and is not read: a block
 * is scanned on its own.
 */
function envOf(node: YMap, ctx: Ctx): GoEnv | undefined {
  if (ctx.path.length === 0) return ctx.env;
  let env = ctx.env;
  // A GitLab job that leaves the global variables out (`inherit: variables: false`, or a list without GOOS).
  if (ctx.flavour === 'gitlab-ci' && ctx.path.length === 1 && env) env = inheritedVariables(node, env);
  // A GitLab job that `extends:` others takes in their variables (a later one over an earlier one; its own over all).
  if (ctx.jobs && ctx.jobs.size > 0 && ctx.path.length === 1) {
    const ext = get(node, 'extends');
    for (const e of ext?.kind === 'seq' ? ext.items : ext ? [ext] : []) env = inherit(env, ctx.jobs.get(scalarText(e) ?? ''));
  }
  // A CircleCI job takes in the environment of its executor (`executor: mac`, `executor: {name: mac}`).
  if (ctx.executors && ctx.path.length === 2 && ctx.path[0] === 'jobs') {
    const executor = get(node, 'executor');
    const name = executor?.kind === 'map' ? get(executor, 'name') : executor;
    env = inherit(env, ctx.executors.get(scalarText(name) ?? ''));
  }
  // A job on a Windows or macOS machine builds for its os where no GOOS is set (`runs-on: windows-latest`).
  if (env?.os === undefined && env?.osName === undefined && env?.osAxis === undefined && !env?.osUnknown && machineLevel(ctx)) {
    const host = hostOs(node, ctx);
    if (host) env = { ...env, osName: host };
  }
  // One pass over the map's keys: this runs for every map of a file.
  for (const item of node.items) {
    const m = item.value;
    if (m?.kind === 'scalar' && m.style === 'ALIAS' && ENV_MAP_KEYS.has(item.key)) {
      // `variables: *windows-vars`: the anchored mapping's.
      if (ctx.merges) env = inherit(env, namesEnv(ctx.merges.get(aliasName(m, ctx.text))));
      // `env: *go` over `GOOS: ${{ matrix.goos }}`: that axis, as the anchored map's own steps have it.
      const axis = ctx.flavour === 'github-workflow' && item.key === 'env' ? anchoredEnvAxis(ctx.text, aliasName(m, ctx.text), m.start) : undefined;
      if (axis) env = { ...withoutOs(env, true), osAxis: axis.key };
      continue;
    }
    if (m?.kind === 'seq' && ENV_MAP_KEYS.has(item.key)) {
      // Azure's list of variables: `- name: GOOS` with `value: windows` (Kubernetes' container env too).
      for (const entry of m.items) {
        if (entry?.kind !== 'map') continue;
        const n = scalarText(get(entry, 'name'));
        const value = n === 'GOOS' || n === 'GOARCH' ? get(entry, 'value') : undefined;
        const t = value?.kind === 'scalar' ? nameTokens(value, ctx)[0] : undefined;
        if (t) env = { ...env, [n === 'GOOS' ? 'os' : 'arch']: t };
      }
      continue;
    }
    if (m?.kind !== 'map' || !ENV_MAP_KEYS.has(item.key)) continue;
    // `<<: *win` brings in the anchored map's (its own keys, below, override them).
    env = inherit(env, namesEnv(mergedNames(m, ctx)));
    for (const p of m.items) {
      const role = p.value?.kind === 'scalar' && (p.key === 'GOOS' || p.key === 'GOARCH') ? roleOf(p.key) : undefined;
      if (!role) continue;
      const t = nameTokens(p.value, ctx)[0];
      if (t) env = { ...(role === 'os' ? withoutOs(env) : env), [role]: t };
      else if (role === 'os' && ctx.flavour === 'github-workflow') {
        // `GOOS: ${{ matrix.goos }}`: the axis its scripts' arches are built for (see dropAxisBuilt).
        const axis = MATRIX_VALUE.exec((scalarText(p.value) ?? '').trim());
        if (axis) env = { ...withoutOs(env, true), osAxis: axis[1] };
      }
    }
  }
  // A GitLab job's `parallel: matrix:` whose every entry sets GOOS to one and the same name: its
  // scripts build for it (`- GOOS: [windows]`, then `GOARCH=arm go build`).
  if (ctx.flavour === 'gitlab-ci' && ctx.path.length === 1) {
    const os = parallelMatrixOs(node, ctx);
    if (os) env = { ...env, os };
  }
  return env;
}

/**
 * The os of the machine a job runs on, when it is Windows or macOS and the job says so in its
 * CI's words: a workflow's `runs-on: windows-latest` (or a self-hosted `[self-hosted, macOS]`),
 * Azure's `pool: {vmImage: macOS-14}`, GitLab's runner `tags: [saas-windows-medium-amd64]`,
 * CircleCI's `macos:` executor, Travis's `os: windows` beside the job's `env:` or `script:`. Go
 * builds for it where no GOOS is set: `GOARCH=arm` there is windows/arm, not linux/arm. Undefined
 * for Linux, for a templated label (`${{ matrix.os }}`), or when the labels disagree.
 */
function hostOs(node: YMap, ctx: Ctx): 'windows' | 'darwin' | undefined {
  let host: 'windows' | 'darwin' | undefined;
  for (const item of node.items) {
    const key = item.key;
    let labels: YNode | undefined;
    if (key === 'runs-on' && ctx.flavour === 'github-workflow') {
      labels = item.value?.kind === 'map' ? get(item.value, 'labels') : item.value;
    } else if (key === 'pool' && item.value?.kind === 'map') labels = get(item.value, 'vmImage');
    else if (key === 'tags' && ctx.flavour === 'gitlab-ci') labels = item.value;
    else if (key === 'macos' && item.value?.kind === 'map' && ctx.flavour === 'yaml') return 'darwin';
    // (Not a platform's `os:` field, as krew's selector has: a job's, beside its env or script.)
    else if (key === 'os' && ctx.flavour === 'yaml' && node.items.some((i) => TRAVIS_JOB_KEYS.has(i.key))) labels = item.value;
    else continue;
    for (const label of labels?.kind === 'seq' ? labels.items : [labels]) {
      const text = label?.kind === 'scalar' ? label.value : undefined;
      if (typeof text !== 'string') continue;
      if (text.indexOf('$') >= 0) return undefined;
      const os = key === 'os' ? TRAVIS_OS[text] : labelOs(text);
      if (os === undefined) continue;
      if (host !== undefined && host !== os) return undefined;
      host = os;
    }
  }
  return host;
}

/**
 * Whether a mapping may name its job's machine: a workflow's job (`jobs.<id>`), a GitLab job (a
 * top-level key); in other YAML (Azure, CircleCI, Travis) any mapping below the top. Not in
 * goreleaser. (Every mapping of a file is asked, on every keystroke of its block.)
 */
function machineLevel(ctx: Ctx): boolean {
  switch (ctx.flavour) {
    case 'github-workflow':
      return ctx.path.length === 2 && ctx.path[0] === 'jobs';
    case 'gitlab-ci':
      return ctx.path.length === 1;
    case 'goreleaser':
      return false;
    default:
      return ctx.path.length > 0;
  }
}

/** Keys of a Travis job beside its `os:` (what makes `os: windows` a machine, not a platform's field). */
const TRAVIS_JOB_KEYS: ReadonlySet<string> = new Set(['env', 'script', 'install', 'before_install', 'before_script', 'language', 'go', 'dist']);
/** Travis's names of the machines' oses. */
const TRAVIS_OS: Readonly<Record<string, 'windows' | 'darwin'>> = { windows: 'windows', osx: 'darwin' };

/** The os a runner's label names: `windows-2022`, `macos-14`, `macOS` (self-hosted), Azure's `vs2017-win2016`, GitLab's `saas-windows-medium-amd64`. */
function labelOs(label: string): 'windows' | 'darwin' | undefined {
  const l = label.toLowerCase();
  if (/(?:^|-)windows(?:$|-)|^vs20\d\d-win/.test(l)) return 'windows';
  if (/(?:^|-)macos(?:$|-)/.test(l)) return 'darwin';
  return undefined;
}

/** The environment without the matrix axis its GOOS was set to, as an env map sets GOOS again; `all`: without any GOOS. */
function withoutOs(env: GoEnv | undefined, all = false): GoEnv | undefined {
  if (!env) return env;
  if (all) {
    const { osAxis: _axis, os: _os, osName: _name, ...rest } = env;
    return rest;
  }
  if (env.osAxis === undefined) return env;
  const { osAxis: _axis, ...rest } = env;
  return rest;
}

/** The one GOOS every entry of a GitLab job's `parallel: matrix:` sets, as its first token; undefined if they set none or several. */
function parallelMatrixOs(job: YMap, ctx: Ctx): Token | undefined {
  const parallel = get(job, 'parallel');
  const matrix = parallel?.kind === 'map' ? get(parallel, 'matrix') : undefined;
  if (matrix?.kind !== 'seq' || matrix.items.length === 0) return undefined;
  let first: Token | undefined;
  for (const entry of matrix.items) {
    if (entry?.kind !== 'map') return undefined;
    const tokens = nameTokens(get(entry, 'GOOS'), ctx);
    if (tokens.length !== 1 || (first && first.text !== tokens[0].text)) return undefined;
    first ??= tokens[0];
  }
  return first;
}

/** Ansible's modules that install packages by name (`apt: {name: [kubelet:arm64]}`), short and qualified. */
const ANSIBLE_PACKAGE_MODULES: ReadonlySet<string> = new Set(
  ['apt', 'dnf', 'dnf5', 'yum', 'package', 'zypper'].flatMap((m) => [m, `ansible.builtin.${m}`, `ansible.legacy.${m}`, `community.general.${m}`]),
);

/**
 * The packages an Ansible module installs (`name:` or `pkg:`, a list or a comma-separated text):
 * a Kubernetes package with its arch, `kubelet:armhf` or `kubeadm.i686`, as a package manager's
 * command line has it.
 */
function ansiblePackages(node: YMap, ctx: Ctx): void {
  for (const key of ['name', 'pkg']) {
    const value = get(node, key);
    for (const item of value?.kind === 'seq' ? value.items : [value]) {
      if (item?.kind !== 'scalar' || item.style === 'ALIAS' || item.style === 'BLOCK_LITERAL' || item.style === 'BLOCK_FOLDED') continue;
      const r = contentRange(item);
      // (As written: a quoted item with escapes reads otherwise.)
      if (ctx.text.slice(r.s, r.e) !== item.value) continue;
      // (Commas are looked for in the value, not in the text after it: 100,000 items, no comma.)
      for (let from = r.s; from < r.e; ) {
        let to = item.value.indexOf(',', from - r.s);
        to = to < 0 ? r.e : r.s + to;
        let s = from;
        let e = to;
        while (s < e && (ctx.text[s] === ' ' || ctx.text[s] === '\t')) s++;
        while (e > s && (ctx.text[e - 1] === ' ' || ctx.text[e - 1] === '\t')) e--;
        if (e > s) scanPackageName(ctx.text, s, e, ctx.sink);
        from = to + 1;
      }
    }
  }
}

/** The names of a package module's free-form arguments: `name=kubelet:armhf,kubeadm:armhf`. */
const FREE_FORM_NAME = /(?:^|[ \t])(?:name|pkg)=(["']?)([^\s"']+)\1/g;

/** The packages an Ansible module's free-form arguments install (`apt: name=kubelet:armhf state=present`), as ansiblePackages reads `name:`. */
function ansibleFreeForm(value: YScalar, ctx: Ctx): void {
  if (value.style === 'ALIAS' || value.style === 'BLOCK_LITERAL' || value.style === 'BLOCK_FOLDED') return;
  const r = contentRange(value);
  if (ctx.text.slice(r.s, r.e) !== value.value || value.value.indexOf('=') < 0) return;
  FREE_FORM_NAME.lastIndex = 0;
  for (let m = FREE_FORM_NAME.exec(value.value); m; m = FREE_FORM_NAME.exec(value.value)) {
    let from = r.s + m.index + m[0].length - m[1].length - m[2].length;
    const end = from + m[2].length;
    while (from < end) {
      let to = value.value.indexOf(',', from - r.s);
      to = to < 0 || r.s + to > end ? end : r.s + to;
      if (to > from) scanPackageName(ctx.text, from, to, ctx.sink);
      from = to + 1;
    }
  }
}

function walkMap(node: YMap, ctx: Ctx): void {
  node = withInlineMerge(withJsonLiterals(node, ctx));
  const env = envOf(node, ctx);
  if (env !== ctx.env) ctx = { ...ctx, env };
  // (Ansible's files are plain YAML: no workflow, GitLab pipeline or goreleaser file asks.)
  if (ctx.flavour === 'yaml') {
    if (ctx.path.length > 0 && ANSIBLE_PACKAGE_MODULES.has(ctx.path[ctx.path.length - 1])) ansiblePackages(node, ctx);
    // (A module's arguments in the free form, `apt: name=kubelet:armhf state=present`.)
    for (const item of node.items) if (item.value?.kind === 'scalar' && ANSIBLE_PACKAGE_MODULES.has(item.key)) ansibleFreeForm(item.value, ctx);
  }
  const urlVars = urlVarsOf(node, ctx);
  if (urlVars !== ctx.urlVars) ctx = { ...ctx, urlVars };
  const items = node.items;
  // Roles of the keys, read once; most maps have none and cost no more than this loop.
  let roles: (Role | undefined)[] | undefined;
  let osKey: string | undefined;
  let archKey: string | undefined;
  let variantKey: string | undefined;
  let writtenAfterOs: string[] | undefined;
  /** Other keys of a side (`TARGETARCH` beside `GOARCH`), in the order written. */
  let otherKeys: { os?: string[]; arch?: string[] } | undefined;
  for (let k = 0; k < items.length; k++) {
    const role = roleFor(items[k].key, ctx, items[k].value);
    if (role === undefined) continue;
    roles ??= new Array<Role | undefined>(items.length);
    roles[k] = role;
    if ((role === 'os' && osKey !== undefined && osKey !== items[k].key) || (role === 'arch' && archKey !== undefined && archKey !== items[k].key)) {
      const list = ((otherKeys ??= {})[role] ??= []);
      if (list.length < MAX_OTHER_KEYS && !list.includes(items[k].key)) list.push(items[k].key);
    }
    if (role === 'os') osKey ??= items[k].key;
    else if (role === 'arch') {
      // A second arch axis the job writes after a literal os (`goarch:` beside `plat:` used as `linux/${{ matrix.plat }}`).
      if (archKey !== undefined && archKey !== items[k].key && ctx.matrixRoles?.os?.has(items[k].key) && inMatrixAxis(ctx)) (writtenAfterOs ??= []).push(items[k].key);
      archKey ??= items[k].key;
    } else if (role === 'variant') variantKey ??= items[k].key;
  }
  // A key of a side that only a matrix's include entries set (`goarch: [amd64]` with `include:
  // - arch: arm`, used as `--platform linux/${{ matrix.arch }}`): GitHub adds it to the
  // combinations an entry matches, so it is another axis of the product.
  if ((osKey !== undefined || archKey !== undefined) && ctx.path[ctx.path.length - 1] === 'matrix') {
    const include = get(node, 'include');
    const entries = include?.kind === 'seq' ? include.items : [];
    for (let e = 0; e < entries.length; e++) {
      const entry = entries[e];
      if (entry?.kind !== 'map') continue;
      for (const p of entry.items) {
        if (p.key === (osKey ?? 'goos') || p.key === (archKey ?? 'goarch') || get(node, p.key) !== undefined) continue;
        const role = roleFor(p.key, ctx, p.value);
        // (An os only include entries give, with no os axis, is the combinations' they match: see includedOses.)
        if (role !== 'arch' && (role !== 'os' || osKey === undefined)) continue;
        const list = ((otherKeys ??= {})[role] ??= []);
        if (list.length >= MAX_OTHER_KEYS || list.includes(p.key)) continue;
        list.push(p.key);
        if (role === 'arch' && archKey !== undefined && ctx.matrixRoles?.os?.has(p.key)) (writtenAfterOs ??= []).push(p.key);
      }
    }
  }
  // A `platform:` mapping is a platform when it names both: `{architecture: architectureValue}`
  // alone is a selector's test data as often as a platform. (One may come from a merge key:
  // Drone's `platform: {<<: *linux, arch: arm}`.)
  const merged = roles && ctx.merges ? mergedNames(node, ctx) : undefined;
  if (roles && ((osKey === undefined && !merged?.oses) || (archKey === undefined && !merged?.arches)) && inPlatformMapping(ctx)) {
    for (let k = 0; k < items.length; k++) if (roles[k] !== undefined && roleOf(items[k].key) === undefined) roles[k] = undefined;
    if (osKey !== undefined && roleOf(osKey) === undefined) osKey = undefined;
    if (archKey !== undefined && roleOf(archKey) === undefined) archKey = undefined;
    if (variantKey !== undefined && roleOf(variantKey) === undefined) variantKey = undefined;
  }
  let consumed: string[] | undefined;
  if (osKey !== undefined || archKey !== undefined || variantKey !== undefined) {
    // goreleaser's format_overrides and overrides select targets; they do not add any.
    const selector = ctx.path.includes('format_overrides') || ctx.path.includes('overrides');
    // A goreleaser build's `targets` override its goos, goarch and goarm lists: those build nothing.
    const overridden = ctx.flavour === 'goreleaser' && ctx.path[0] === 'builds' && get(node, 'targets') !== undefined;
    if (selector || overridden || harnessPlatform(node, osKey, archKey, ctx)) {
      if (selector) selectorTypos(node, osKey, archKey, ctx);
      consumed = [osKey, archKey, variantKey].filter((k): k is string => k !== undefined);
    } else if (osKey !== undefined || archKey !== undefined) {
      // The first value of each key, as a YAML reader keeps it.
      const keys = new Map<string, YNode | undefined>();
      /** A value read as an os or an arch: none for a GitLab `!reference` (another job's, not read here). */
      const roleValue = (value: YNode | undefined) => (ctx.references && value && isReference(ctx.text, value.start) ? undefined : definedValue(value));
      for (const pair of items) {
        if (keys.has(pair.key)) continue;
        const role = pair.key === osKey || pair.key === archKey || pair.key === variantKey;
        keys.set(pair.key, role ? roleValue(pair.value) : pair.value);
      }
      // An os axis the job does not use beside an arch axis it writes after a literal os
      // (`goos: [linux, darwin]` and `linux/${{ matrix.platform }}`): that os is the axis's, and the
      // os axis's values are judged alone.
      const apart = osKey !== undefined && archKey !== undefined && inMatrixAxis(ctx) && ctx.matrixRoles?.os?.has(archKey) === true && !ctx.matrixRoles.has(osKey);
      if (apart) emitPairs(ctx.sink, linkedNames(nameTokens(keys.get(osKey!), ctx), osKey!, 'os', ctx), [], undefined, osKey!);
      const pairOs = apart ? undefined : osKey;
      const mergedIn = merged ?? mergedNames(node, ctx);
      pairMapping(ctx, keys, pairOs, archKey, variantKey, mergedIn, node);
      // A key written twice (a file being edited, a merge's two sides): the later value is judged
      // too, with the rest of the mapping, though a reader keeps one of them.
      const seen = new Set<string>();
      for (const pair of items) {
        if (pair.key !== osKey && pair.key !== archKey) continue;
        if (!seen.has(pair.key)) {
          seen.add(pair.key);
          continue;
        }
        if (!pair.value) continue;
        const again = new Map(keys);
        again.set(pair.key, definedValue(pair.value));
        pairMapping(ctx, again, pairOs, archKey, variantKey, mergedIn, node);
      }
      // Another axis of a side in a matrix (`goarch: [arm64, amd46]` beside an `arch:` axis the job
      // writes after `--platform linux/`): an axis of the product of its own. An os axis's values
      // are judged alone; an arch axis's with the os axis, as the product pairs them (alone when
      // there is none, or when the job does not use it: see apart), or with the os the job writes
      // before it (writtenAfterOs, whose os pairMapping finds by the job's use).
      if (otherKeys && inMatrixAxis(ctx)) {
        // (A key only include entries set stays out of keys: the matrix has no axis of it.)
        for (const extra of otherKeys.os ?? []) {
          if (get(node, extra) !== undefined) keys.set(extra, roleValue(get(node, extra)));
          pairMapping(ctx, keys, extra, undefined, undefined, undefined, node);
        }
        for (const extra of otherKeys.arch ?? []) {
          const afterOs = writtenAfterOs?.includes(extra) === true;
          if (get(node, extra) !== undefined) keys.set(extra, roleValue(get(node, extra)));
          pairMapping(ctx, keys, afterOs ? undefined : pairOs, extra, undefined, afterOs ? undefined : mergedIn, node);
        }
      }
      // An environment that sets a side twice over (`GOARCH: amd64` and `TARGETARCH: arm`, `GOOS`
      // and `TARGETOS`): each os with each arch, as a script's line `GOOS=linux GOARCH=amd64
      // TARGETARCH=arm` is read (a token gets the most severe of its pairs).
      if (otherKeys && !apart && !writtenAfterOs && envMapOf(ctx)) {
        const more = new Map(keys);
        for (const key of [...(otherKeys.os ?? []), ...(otherKeys.arch ?? [])]) more.set(key, roleValue(get(node, key)));
        for (const os of [pairOs, ...(otherKeys.os ?? [])]) {
          for (const arch of [archKey, ...(otherKeys.arch ?? [])]) if (os !== pairOs || arch !== archKey) pairMapping(ctx, more, os, arch, variantKey, mergedIn, node);
        }
      }
      if (osKey !== undefined) choices(get(node, osKey), 'os', osKey, ctx);
      if (archKey !== undefined) choices(get(node, archKey), 'arch', archKey, ctx);
      consumed = [osKey, archKey, variantKey, 'exclude', 'ignore', 'include'].filter((k): k is string => k !== undefined);
    }
  }
  // Name/value lists: {name: KUBE_BUILD_PLATFORMS, value: "linux/amd64 linux/arm"}, a
  // Semaphore matrix's {env_var: PLATFORM, values: [linux/amd64, linux/arm64]}, and a Shipwright
  // array parameter's {name: platforms, defaults: […]} or {name: platforms, values: [{value: …}]}.
  const name = scalarText(get(node, 'name')) ?? scalarText(get(node, 'env_var'));
  if (name !== undefined && roleOf(name) === 'platform') {
    for (const k of NAMED_VALUE_KEYS) {
      const v = get(node, k);
      if (v) {
        platformValue(v, ctx, name);
        (consumed ??= []).push(k);
      }
    }
  }
  const isJob = ctx.flavour === 'github-workflow' && ctx.path.length === 1 && ctx.path[0] === 'jobs';
  // A Buildkite step with a matrix: its keys by its command's use.
  const stepRoles = ctx.flavour === 'yaml' && !ctx.matrixRoles && get(node, 'matrix') !== undefined ? stepMatrixRoles(node, ctx) : undefined;
  let child: Ctx | undefined;
  let jobShell: Map<string, string> | undefined;
  let jobExports: ShellExports | undefined;
  for (let k = 0; k < items.length; k++) {
    const key = items[k].key;
    const value = items[k].value;
    // A key that is wholly a slash platform is a YAML scalar as a value is (`digests: {linux/arm/v7: sha256:…}`).
    if (key.length > 4 && key.indexOf('/') > 0) platformKey(items[k], ctx);
    if (!value || (consumed !== undefined && consumed.includes(key))) continue;
    // A matrix's exclude entries and a goreleaser build's ignore entries name what is not built.
    // (Travis CI's `jobs: exclude:` too, the newer name of its `matrix:`; a workflow's `jobs:` holds jobs.)
    // (Wherever they are: an `exclude:` typed a level too far left, beside its matrix, is still one.)
    if (leftOutKey(key, isJobs(ctx.path), ctx.flavour)) continue;
    // (So is a list anchored where it is written and given to exclude or ignore by its alias.)
    if (ctx.leftOut && value.kind !== 'scalar') {
      const anchor = anchorBefore(ctx.text, value.start);
      if (anchor !== undefined && ctx.leftOut.has(anchor)) continue;
    }
    const role = roles?.[k];
    if (role === 'platform') {
      const before = ctx.sink.mentions.length;
      // A zig or rust build's targets are that toolchain's triples (armv7-unknown-linux-gnueabihf).
      if (key === 'targets' && foreignBuilder(node)) {
        tripleTargets(value, ctx);
        continue;
      }
      // (The matrix's axis only: a step's `env: {target: …}` of the same name is another value.)
      const slot = ctx.matrixRoles?.flag?.has(key) === true && isMatrixAxis(ctx);
      platformValue(matrixBuilt(node, key, value, ctx), slot ? { ...ctx, platformSlot: true } : ctx, key, undefined, false, isMatrixAxis(ctx));
      // A Kubernetes image pulled for the platform: compose's `image:` beside `platform:`.
      pulledImage(ctx.sink, before, kubeImageName(imageRef(node, ctx)));
      // (goreleaser's own example configs are not named .goreleaser.yaml: any file's build.)
      // goreleaser's Go targets are goos_goarch[_variant]: linux-amd64 is no target of its.
      if (key === 'targets' && ctx.flavour === 'goreleaser' && ctx.path[0] === 'builds') spellAll(ctx.sink, before, 'os_arch', true);
      // Compose's `platform:` and `build: platforms:` take Docker's spelling only.
      else if (ctx.path[0] === 'services' && ctx.path.length <= 3 && (key === 'platform' || key === 'platforms')) spellAll(ctx.sink, before, 'slash');
      // So does an environment's variable named for platforms that its scripts give to Docker's `--platform`.
      else if (envMapOf(ctx) && givenToDocker(key, ctx)) spellAll(ctx.sink, before, 'slash');
      // A matrix key that is a platform only by how the job uses it (`make PLATFORM=${{ matrix.board }}`)
      // may hold anything: only values whose os and arch are both known names are platforms.
      // (Not a key whose whole value a `--platform` flag takes: that value is a platform, a typo too.)
      else if (roleOf(key) === undefined && !inPlatformMapping(ctx) && !ctx.matrixRoles?.flag?.has(key)) keepPlatformShaped(ctx.sink, before);
      continue;
    }
    if (role !== undefined) continue;
    // `env: {ARCH: arm}`, whose ARCH a script gives to `--platform linux/$ARCH` (see envFlagVariables).
    if (ctx.flagVars && value.kind === 'scalar' && envFlagValue(key, value, ctx)) continue;
    // A Kustomize patch written inline (`patches: [{patch: |- …}]`) is YAML, read as its own file would be.
    if (key === 'patch' && inlinePatch(value, ctx)) continue;
    if (proseKey(key) && !conditionBlock(key, value) && !jobName(value, ctx)) {
      // Annotations and labels are text, but for a platform list kept there (Tekton's
      // `tekton.dev/platforms: "linux/amd64,linux/arm/v7"` says what a task runs on), a download
      // URL (a Headlamp plugin's `headlamp/plugin/extra-files/0/url`) and a value that is wholly a platform.
      if ((key === 'annotations' || key === 'labels') && value.kind === 'map') {
        let inner: Ctx | undefined;
        for (const item of value.items) {
          if (!item.value) continue;
          if (roleOf(item.key) === 'platform') platformValue(item.value, (inner ??= below(ctx, key)), item.key);
          // Artifact Hub's images of a chart, a YAML list written as a block string (`platforms:` of each image).
          else if (item.key === 'artifacthub.io/images' && embeddedYaml(item.value, ctx)) continue;
          else if (item.value.kind === 'scalar') scanText(item.value, ctx.text, ctx.sink);
        }
      }
      // A form's or a document's parts (an issue form's `body:` of inputs and dropdowns): their
      // values that are wholly a platform, and their platform-ish keys, count; their text does not.
      else if (value.kind !== 'scalar' && PROSE_PARTS.has(key)) walk(value, { ...below(ctx, key), prose: true });
      continue;
    }
    // One child context for the map's values; its path's last key is set before each.
    if (child === undefined) {
      child = below(ctx, key);
    } else {
      // Nothing keeps a context's path beyond the walk below it (deeper contexts copy theirs).
      (child.path as string[])[child.path.length - 1] = key;
      child.matrixRoles = ctx.matrixRoles;
    }
    if (isJob && value.kind === 'map') child.matrixRoles = ctx.jobRoles ?? axesWithArches(value, goNamedAxes(jobText(ctx.text, value.start, value.end), value, matrixRoles(ctx.text, value.start, value.end)));
    else if (stepRoles) child.matrixRoles = stepRoles;
    // A GitLab job's `parallel: matrix:` variables, by what its scripts make of them (`--platform linux/$ARCH`).
    else if (ctx.flavour === 'gitlab-ci' && ctx.path.length === 0 && value.kind === 'map') {
      const keys = parallelMatrixKeys(value);
      child.matrixRoles = keys ? matrixRoles(ctx.text, value.start, value.end, keys) : undefined;
    }
    const inMatrix = ctx.path[ctx.path.length - 1] === 'matrix';
    // A mapping or list anchored here and given to a matrix by its alias (`.vars: &m`, then
    // `parallel: matrix: *m`): a matrix, read where it is written.
    if (ctx.matrixAnchors && value.kind !== 'scalar' && !inMatrix && key !== 'matrix') {
      const anchor = anchorBefore(ctx.text, value.start);
      if (anchor !== undefined && ctx.matrixAnchors.has(anchor)) {
        walk(value, { ...child, path: [...child.path, 'matrix'], siblingExclude: undefined, shellVars: undefined });
        continue;
      }
    }
    child.siblingExclude = !inMatrix ? undefined : key === 'parameters' ? get(node, 'exclude') : key === 'setup' ? skippedAdjustments(get(node, 'adjustments')) : undefined;
    const oneShell = (key === 'before_script' || key === 'script') && value.kind === 'seq' && get(node, 'before_script') !== undefined;
    child.shellVars = oneShell ? (jobShell ??= new Map(ctx.urlVars)) : undefined;
    // (What before_script exports holds in script, when it is written first: the walk reads it first.)
    child.shellExports = oneShell ? (key === 'before_script' ? (jobExports = {}) : jobExports) : key === 'script' && ctx.defaultExports && value.kind === 'seq' && runsDefault(node, ctx) ? { ...ctx.defaultExports } : undefined;
    // An axis of mappings whose keys the job uses (`${{ matrix.machine.platform }}`): each mapping a
    // combination, but one an exclude entry names whole; an include entry's mapping adds one.
    const nested = value.kind !== 'scalar' && inMatrixAxis(ctx) ? nestedRoles(ctx.matrixRoles, key) : undefined;
    if (nested) {
      const excluded = inMatrix ? excludedMappings(get(node, 'exclude'), key) : [];
      for (const item of value.kind === 'seq' ? value.items : [value]) {
        if (item?.kind === 'map' && !excluded.some((e) => partOf(e, item))) walk(item, { ...ctx, matrixRoles: nested, siblingExclude: undefined });
      }
      continue;
    }
    // Buildkite's adjustments that skip a combination name what is not built; the others add one.
    if (inMatrix && key === 'adjustments' && value.kind === 'seq') {
      walk({ ...value, items: value.items.filter((item) => !(item?.kind === 'map' && skips(item))) }, child);
      continue;
    }
    // An axis of mappings the job does not use by key (`config: [{goos: linux, goarch: arm}]` with
    // `run: make cross`): its mappings are read as they are, but those an exclude entry names whole.
    if (inMatrix && value.kind === 'seq') {
      const excluded = excludedMappings(get(node, 'exclude'), key);
      if (excluded.length > 0) {
        walk({ ...value, items: value.items.filter((item) => !(item?.kind === 'map' && excluded.some((e) => partOf(e, item)))) }, child);
        continue;
      }
    }
    const before = ctx.sink.mentions.length;
    const uses = key === 'with' && value.kind === 'map' ? (scalarText(get(node, 'uses')) ?? '') : '';
    // build-push-action's and bake-action's `target`/`targets` inputs name Dockerfile stages and
    // bake targets (`target: linux-arm`), not platforms.
    child.dockerInputs = uses !== '' && DOCKER_ACTION.test(uses) ? true : undefined;
    child.envOwner = value.kind === 'map' && ENV_MAP_KEYS.has(key) ? node : undefined;
    walk(value.kind === 'map' && STAGE_ACTION.test(uses) ? { ...value, items: value.items.filter((p) => p.key !== 'target' && p.key !== 'targets') } : value, child);
    child.dockerInputs = undefined;
    child.envOwner = undefined;
    // setup-buildx-action's `append:` input is YAML in a block string: nodes with their `platforms`.
    if (value.kind === 'map' && SETUP_BUILDX.test(uses)) {
      const append = get(value, 'append');
      if (append) embeddedYaml(append, child);
    }
    // docker/build-push-action's and setup-buildx-action's `platforms` input takes Docker's spelling only.
    if (value.kind === 'map' && DOCKER_ACTION.test(uses)) {
      const platforms = get(value, 'platforms');
      for (let m = before; m < ctx.sink.mentions.length; m++) {
        const mention = ctx.sink.mentions[m];
        if (mention.kind === 'whole' && platforms && mention.token.start >= platforms.start && mention.token.end <= platforms.end) mention.canonical = 'slash';
      }
    }
    // A job or service container's `options: --platform linux/arm64` beside its `image:`: the
    // Kubernetes image is pulled for that platform (GitHub Actions, Azure Pipelines).
    if (key === 'options' && value.kind === 'scalar' && before < ctx.sink.mentions.length) pulledImage(ctx.sink, before, kubeImageName(scalarText(get(node, 'image')) ?? ''));
    // GitLab's `image:`/`services:` entry, `{name: registry.k8s.io/kubectl:…, docker: {platform: …}}`:
    // the runner pulls the image for that platform.
    else if (key === 'docker' && value.kind === 'map' && before < ctx.sink.mentions.length) pulledImage(ctx.sink, before, kubeImageName(scalarText(get(node, 'name')) ?? ''));
  }
}

/**
 * The value of `key` in an environment map, when the file's scripts give that variable to a
 * `--platform` flag (see envFlagVariables): after an os, one literal word, an arch built for it
 * (emitFlagArch); whole, a platform list (an arch alone too, where a container tool's flag takes
 * it). False when it is none such, to be read as any value.
 */
function envFlagValue(key: string, value: YScalar, ctx: Ctx): boolean {
  const oses = ctx.flagVars?.arch?.get(key);
  const bare = ctx.flagVars?.whole?.get(key);
  const owner = ctx.envOwner;
  if ((!oses && bare === undefined) || value.style === 'ALIAS' || !owner) return false;
  // The file's own environment (and a GitLab template's, for the jobs that extend it) is every
  // job's; a job's or a step's is its own scripts', where the flag must be (not another job's, a
  // service container's, an action input's `env:`).
  const everyJob = ctx.path.length === 1 || (ctx.flavour === 'gitlab-ci' && ctx.path.length === 2 && ctx.path[0].startsWith('.'));
  if (!everyJob) {
    const own = flagVariables(ctx.text, owner.start, owner.end);
    if (!(oses ? own?.arch?.has(key) : own?.whole?.has(key))) return false;
  }
  const r = contentRange(value);
  const masked = maskScalar(ctx.text, value, r);
  if (oses) {
    if (!flagArchValue(masked, key)) return false;
    emitFlagArch(ctx.text, masked, r.s, r.s, r.e, key, oses, ctx.sink);
    return true;
  }
  readPlatformList(ctx.sink, { text: ctx.text, masked, maskBase: r.s, start: r.s, end: r.e, role: 'platform', context: `${key}, a --platform value`, canonical: 'slash', ...(bare ? { bareArch: true } : {}) });
  return true;
}


/**
 * Whether the value of platform-ish `key` is read by containerd, which takes an arch alone as that
 * arch on linux (`arm`, `arm/v7`: see parseBareArch): a Compose service's `platform:` (and its
 * build's `platforms:`), a GitLab image's or service's `docker: platform:`, the `platforms` input
 * of docker/build-push-action and setup-buildx-action.
 */
function containerdValue(key: string, ctx: Ctx): boolean {
  if (key === 'platforms' && ctx.dockerInputs) return true;
  if (key !== 'platform' && key !== 'platforms') return false;
  const n = ctx.path.length;
  if (ctx.flavour === 'gitlab-ci') return key === 'platform' && n > 0 && ctx.path[n - 1] === 'docker';
  return ctx.compose === true && ctx.path[0] === 'services' && (n === 2 || (n === 3 && ctx.path[2] === 'build'));
}

/** Keys asked about already (a file repeats few keys many times), at most PROSE_MEMO of them. */
const proseKeys = new Map<string, boolean>();
const PROSE_MEMO = 4096;

/** Whether a key's value is prose (`description:`, `Summary:`, `display_name:`, a ConfigMap's `README.md:`). */
export function proseKey(key: string): boolean {
  let prose = proseKeys.get(key);
  if (prose === undefined) {
    prose = PROSE_KEYS.has(key) || (hasUpper(key) && PROSE_KEYS.has(key.toLowerCase())) || DISPLAY_NAME.test(key) || DOCUMENT_KEY.test(key) || isTextName(key);
    if (proseKeys.size >= PROSE_MEMO) proseKeys.clear();
    proseKeys.set(key, prose);
  }
  return prose;
}

/** Kustomization fields whose patches may be written inline, as YAML in a block scalar. */
const KUSTOMIZE_PATCHES: ReadonlySet<string> = new Set(['patches', 'patchesJson6902', 'patchesStrategicMerge']);

/**
 * A condition key whose value is a block of settings, not an expression: CircleCI's
 * `when: {condition: …, steps: […]}`, Woodpecker's and Drone's `when: {platform: […], event: push}`.
 * An expression (`if: runner.os == 'Linux'`, Ansible's `when:` list of them) stays text.
 */
function conditionBlock(key: string, value: YNode): boolean {
  if (key !== 'when' && key !== 'if') return false;
  if (value.kind === 'map') return true;
  return value.kind === 'seq' && value.items.some((item) => item?.kind === 'map');
}

/** A value that is wholly `${{ fromJSON('…') }}` of a JSON object, or of a list of objects: the JSON's [start, end) within it. */
const FROM_JSON_LITERAL = /^\s*\$\{\{\s*fromJSON\s*\(\s*'(\s*(?:\{|\[\s*\{)[^']*)'\s*\)\s*\}\}\s*$/i;

/** The same in a single-quoted YAML value, where the expression's quotes are written twice. */
const FROM_JSON_LITERAL_IN_SINGLE = /^\s*\$\{\{\s*fromJSON\s*\(\s*''(\s*(?:\{|\[\s*\{)[^']*)''\s*\)\s*\}\}\s*$/i;

/** The keys of a workflow whose value may be a matrix, or a list of its combinations, written as JSON. */
const JSON_MATRIX_KEYS: ReadonlySet<string> = new Set(['matrix', 'include', 'exclude']);

/**
 * A mapping that merges a mapping written in place (`- <<: &defaults` over `goarch: [amd64, arm]`,
 * then `goos: [darwin]`; `<<: [{…}, {…}]`): the merged keys are its own, as YAML reads them (its
 * own first, then each merged mapping's in order, a key taken once). Others are returned as they are.
 */
function withInlineMerge(node: YMap): YMap {
  let merge: YNode | undefined;
  for (let k = 0; k < node.items.length; k++) {
    if (node.items[k].key !== '<<') continue;
    merge = node.items[k].value;
    break;
  }
  if (!merge || (merge.kind !== 'map' && merge.kind !== 'seq')) return node;
  const maps = merge.kind === 'map' ? [merge] : merge.items.filter((m): m is YMap => m?.kind === 'map');
  if (maps.length === 0) return node;
  const items = node.items.filter((p) => p.key !== '<<');
  const own = new Set(items.map((p) => p.key));
  for (const m of maps) {
    for (const p of m.items) {
      if (own.has(p.key)) continue;
      own.add(p.key);
      items.push(p);
    }
  }
  return { ...node, items };
}

/**
 * A workflow's matrix written as a JSON literal (`matrix: ${{ fromJSON('{"include": [{"goos":
 * "linux", "goarch": "arm"}]}') }}`, `include: ${{ fromJSON('[…]') }}`): the mapping with such
 * values read as the YAML the JSON is, at its place in the document, so it is checked as written out.
 */
function withJsonLiterals(node: YMap, ctx: Ctx): YMap {
  // (Every mapping of every scan comes here: only a workflow's matrix keys are looked at.)
  if (ctx.flavour !== 'github-workflow') return node;
  let items: YPair[] | undefined;
  for (let k = 0; k < node.items.length; k++) {
    if (!JSON_MATRIX_KEYS.has(node.items[k].key)) continue;
    const value = node.items[k].value;
    if (value?.kind !== 'scalar' || value.style === 'ALIAS' || value.value.length < 16 || !/fromjson/i.test(value.value)) continue;
    // As written in the document (quoted, folded or over several lines), offsets kept: the JSON
    // read as YAML takes its line breaks and indents; a double quote escaped for YAML is no JSON.
    const raw = ctx.text.slice(value.contentStart, value.contentEnd);
    const m = (value.style === 'QUOTE_SINGLE' ? FROM_JSON_LITERAL_IN_SINGLE : FROM_JSON_LITERAL).exec(raw);
    if (!m || (value.style === 'QUOTE_DOUBLE' && raw.includes('\\'))) continue;
    const start = value.contentStart + raw.indexOf(m[1]);
    const docs = readYamlDocuments(ctx.text, start, start + m[1].length);
    const root = docs.length === 1 && !docs[0].broken ? docs[0].root : undefined;
    if (root?.kind !== 'map' && root?.kind !== 'seq') continue;
    items ??= [...node.items];
    items[k] = { key: node.items[k].key, keyStart: node.items[k].keyStart, value: root };
  }
  return items ? { ...node, items } : node;
}

/** Scans a Kustomize patch written inline as the YAML it is; false when `value` is no such patch. */
function inlinePatch(value: YNode, ctx: Ctx): boolean {
  return KUSTOMIZE_PATCHES.has(ctx.path[0] ?? '') && embeddedYaml(value, ctx);
}

/** A block string that holds YAML, read as its own file would be (whether it was). */
function embeddedYaml(value: YNode, ctx: Ctx): boolean {
  if (value.kind !== 'scalar' || (value.style !== 'BLOCK_LITERAL' && value.style !== 'BLOCK_FOLDED') || ctx.depth > MAX_DEPTH / 2) return false;
  scanYaml(ctx.text, value.contentStart, value.contentEnd, ctx.sink, 'yaml');
  return true;
}

/** A Buildkite matrix adjustment that skips its combination (`skip: true` or a reason). */
function skips(adjustment: YMap): boolean {
  const skip = scalarText(get(adjustment, 'skip'));
  return skip !== undefined && skip !== 'false' && skip !== '';
}

/** The `with:` combinations of a Buildkite matrix's skipping adjustments, as exclude entries. */
function skippedAdjustments(adjustments: YNode | undefined): YNode | undefined {
  if (adjustments?.kind !== 'seq') return undefined;
  const items: YNode[] = [];
  for (const item of adjustments.items) {
    const combination = item?.kind === 'map' && skips(item) ? get(item, 'with') : undefined;
    if (combination?.kind === 'map') items.push(combination);
  }
  return items.length > 0 ? { kind: 'seq', start: adjustments.start, end: adjustments.end, flow: false, items } : undefined;
}

function hasUpper(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return true;
  }
  return false;
}

/**
 * Roles of matrix keys in one job, from how the job uses them: `GOOS: ${{ matrix.os }}`. An arch
 * axis whose os the job writes out (`--platform linux/${{ matrix.arch }}`, `GOOS=darwin
 * GOARCH=${{ matrix.goarch }}`) has that os in `os`; arch axes of a Docker platform
 * (`linux/${{ matrix.arch }}`, `${{ matrix.os }}/${{ matrix.arch }}`) are in `docker`: their values
 * may carry a variant (`arm/v7`) and are Docker's names (`x86_64`, `armv7`).
 */
/** (`flag`: the keys whose whole value a `--platform` flag takes: their values are platforms, typos included.) */
export type MatrixRoles = Map<string, Role> & { os?: Map<string, Token[]>; arches?: Map<string, BuiltArch[]>; docker?: Set<string>; flag?: Set<string>; triple?: Set<string>; runner?: Set<string>; labels?: Map<string, Set<string>> };

/**
 * The arches a job's commands write beside an os axis (MatrixRoles.arches, `GOOS=${{ matrix.goos }}
 * GOARCH=arm`) kept only for an axis its matrix writes out, in its keys or its include entries:
 * the axis's values make the pairs there, and the commands' own reading is dropped (see
 * dropAxisBuilt). A reference to no such axis (no matrix, `goos: ${{ fromJSON(…) }}`) leaves the
 * command's reading as it is.
 */
function axesWithArches(job: YNode | undefined, roles: MatrixRoles): MatrixRoles {
  if (!roles.arches) return roles;
  const strategy = job?.kind === 'map' ? get(job, 'strategy') : undefined;
  const matrix = strategy?.kind === 'map' ? get(strategy, 'matrix') : undefined;
  const written = (node: YNode | undefined): boolean =>
    node !== undefined && (node.kind === 'seq' ? node.items.length > 0 && node.items.every((i) => i?.kind === 'scalar' && !(scalarText(i) ?? '').includes('${{')) : node.kind === 'scalar' && !(scalarText(node) ?? '${{').includes('${{'));
  /** Whether a written value is a Go os (not only the runner's labels, `ubuntu-latest`). */
  const goOs = (node: YNode | undefined): boolean => (node?.kind === 'seq' ? node.items : [node]).some((i) => i?.kind === 'scalar' && isGoOs((scalarText(i) ?? '').toLowerCase()));
  // GitHub reads `matrix.GOOS` as the axis `goos`: a reference in another case is the axis as written.
  if (matrix?.kind === 'map') {
    for (const key of [...roles.arches.keys()]) {
      if (get(matrix, key) !== undefined) continue;
      const written = matrix.items.find((p) => p.key.toLowerCase() === key.toLowerCase())?.key;
      if (written === undefined) continue;
      const arches = roles.arches.get(key)!;
      roles.arches.delete(key);
      roles.arches.set(written, [...(roles.arches.get(written) ?? []), ...arches]);
    }
  }
  for (const key of [...roles.arches.keys()]) {
    if (matrix?.kind !== 'map' || roles.runner?.has(key)) {
      roles.arches.delete(key);
      continue;
    }
    const include = get(matrix, 'include');
    const entries = include?.kind === 'seq' ? include.items.map((e) => (e?.kind === 'map' ? get(e, key) : undefined)).filter(written) : [];
    const axis = written(get(matrix, key)) ? get(matrix, key) : undefined;
    if ((!axis && entries.length === 0) || ![axis, ...entries].some(goOs)) roles.arches.delete(key);
  }
  if (roles.arches.size === 0) delete roles.arches;
  return roles;
}

/**
 * A workflow job's matrix axes `os` and `arch` that no step gives a role (make's `OS=` and `ARCH=`
 * take them, a release script's argument, or nothing the job writes) but that hold Go's names
 * only, every value of both, in the axes and in the include entries (`os: [linux, freebsd]` and
 * `arch: [amd64, arm]`; `- {os: linux, arch: arm}`): the platforms the job builds, read as a
 * goos and goarch matrix is. Not where `runs-on` takes either, nor where a value is another word
 * (`ubuntu-latest`, `x86_64`, a template): the axes are then the job's own names. `src` is the
 * job's text, its steps too (see jobText); `roles`, read from it by matrixRoles, gets the two axes.
 */
function goNamedAxes(src: string, job: YNode | undefined, roles: MatrixRoles): MatrixRoles {
  if (job?.kind !== 'map' || roles.has('os') || roles.has('arch') || roles.runner?.has('os') || roles.runner?.has('arch')) return roles;
  const strategy = get(job, 'strategy');
  const matrix = strategy?.kind === 'map' ? get(strategy, 'matrix') : undefined;
  if (matrix?.kind !== 'map' || (get(matrix, 'os') === undefined && get(matrix, 'include') === undefined)) return roles;
  if (!axesReachBuild(src)) return roles;
  let oses = 0;
  let arches = 0;
  /** Counts the values of `node` under `key`; false when one is not a Go name of its role. */
  const names = (node: YNode | undefined, key: 'os' | 'arch'): boolean => {
    if (node === undefined) return true;
    for (const item of node.kind === 'seq' ? node.items : [node]) {
      const v = item?.kind === 'scalar' && item.style !== 'ALIAS' ? scalarText(item) : undefined;
      if (v === undefined || !(key === 'os' ? isGoOs(v) : isGoArch(v))) return false;
      if (key === 'os') oses++;
      else arches++;
    }
    return true;
  };
  if (!names(get(matrix, 'os'), 'os') || !names(get(matrix, 'arch'), 'arch')) return roles;
  const include = get(matrix, 'include');
  if (include?.kind === 'seq') {
    for (const entry of include.items) if (entry?.kind === 'map' && (!names(get(entry, 'os'), 'os') || !names(get(entry, 'arch'), 'arch'))) return roles;
  } else if (include !== undefined) return roles;
  if (oses === 0 || arches === 0) return roles;
  roles.set('os', 'os');
  roles.set('arch', 'arch');
  return roles;
}

/** A job's text from its first line's start (its keys' indent is what ends a runs-on's value) to `end`, its steps included. */
function jobText(text: string, start: number, end: number): string {
  return text.slice(text.lastIndexOf('\n', start - 1) + 1, end);
}

/** A use of a matrix's os or arch axis: `${{ matrix.os }}`, `matrix.arch == 'arm64'`. */
const OS_ARCH_REF = /\bmatrix\.(?:os|arch)\b/g;

/**
 * Whether a job (its text) uses its matrix's os or arch axis for something it builds: somewhere
 * else than its `runs-on` (in any expression: `${{ matrix.arch == 'arm64' && … || matrix.os }}`
 * picks runners, whose labels these then are), a download URL (another project's assets) or a
 * `name:` (a label).
 */
function axesReachBuild(src: string): boolean {
  // The runs-on values, with what goes on below their line (a list, an expression continued).
  const runsOn: [number, number][] = [];
  RUNS_ON_KEY.lastIndex = 0;
  for (let m = RUNS_ON_KEY.exec(src); m; m = RUNS_ON_KEY.exec(src)) {
    const lineStart = src.lastIndexOf('\n', m.index) + 1;
    runsOn.push([m.index, indentedEnd(src, lineStart, m.index + m[0].length - 'runs-on'.length - lineStart, true) ?? src.length]);
  }
  let used = false;
  OS_ARCH_REF.lastIndex = 0;
  for (let m = OS_ARCH_REF.exec(src); m; m = OS_ARCH_REF.exec(src)) {
    if (runsOn.some(([s, e]) => m!.index >= s && m!.index < e)) return false;
    const line = src.slice(src.lastIndexOf('\n', m.index) + 1, m.index);
    if (!line.includes('://') && !/^[ \t]*(?:-[ \t]+)?name[ \t]*:/.test(line)) used = true;
  }
  return used;
}

/** A `runs-on:` key at its line's start (a list item's dash before it maybe). */
const RUNS_ON_KEY = /^[ \t]*(?:-[ \t]+)?runs-on(?=[ \t]*:)/gm;

/** A line that names the machine a job runs on: `runs-on: ${{ matrix.platform.os }}`, `runs-on: [self-hosted, ${{ … }}]`. */
const RUNS_ON = /(?:^|[\s{,])runs-on[ \t]*:/;

/** A shell variable's use: `$ARCH`, `${ARCH}` (a GitLab matrix's variables). */
const VARIABLE_REF = /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g;

/**
 * The variables of a GitLab job's `parallel: matrix:` entries whose roles its use decides (no
 * platform-ish name of their own, or PLATFORM, which may hold arches: `--platform linux/$PLATFORM`);
 * undefined if none.
 */
function parallelMatrixKeys(job: YMap): Set<string> | undefined {
  const parallel = get(job, 'parallel');
  const matrix = parallel?.kind === 'map' ? get(parallel, 'matrix') : undefined;
  if (matrix?.kind !== 'seq') return undefined;
  let keys: Set<string> | undefined;
  for (const entry of matrix.items) if (entry?.kind === 'map') for (const p of entry.items) if (roleOf(p.key) === undefined || roleOf(p.key) === 'platform') (keys ??= new Set()).add(p.key);
  return keys;
}

/** An arch key named as BuildKit's target arch (`targetarch`, `TARGETARCH`), not as Go's GOARCH. */
const TARGET_ARCH_KEY = /^targetarch$/i;

/** After an arch, the rest of a Rust or LLVM target triple: `${{ matrix.targetarch }}-unknown-linux-musl`. */
const TRIPLE_AFTER = /^-(?:unknown|apple|pc|w64|none|linux-(?:gnu|musl|android))[-\s"'$]/;

/** The mappings of axis `key` that exclude entries name alone (`- machine: {platform: arm, runner: x}`). */
function excludedMappings(exclude: YNode | undefined, key: string): YMap[] {
  const out: YMap[] = [];
  if (exclude?.kind !== 'seq') return out;
  for (const entry of exclude.items) {
    if (entry?.kind !== 'map' || entry.items.length !== 1 || entry.items[0].key !== key) continue;
    const value = entry.items[0].value;
    if (value?.kind === 'map') out.push(value);
  }
  return out;
}

/** Whether every key of `part` has the same plain value in `whole` (an exclude entry matches partly, as GitHub's do). */
function partOf(part: YMap, whole: YMap): boolean {
  return part.items.every((p) => p.value?.kind === 'scalar' && scalarText(get(whole, p.key)) === scalarText(p.value));
}

/**
 * The roles of the keys of an axis of mappings (`machine: [{platform: arm, runner: …}]` used as
 * `linux/${{ matrix.machine.platform }}`), keyed by the key inside the mappings; undefined when the
 * job uses none. Each mapping is then read as a matrix of its own keys: one combination.
 */
function nestedRoles(roles: MatrixRoles | undefined, axis: string): MatrixRoles | undefined {
  if (!roles || roles.size === 0) return undefined;
  const prefix = `${axis}.`;
  let out: MatrixRoles | undefined;
  for (const [k, role] of roles) if (k.startsWith(prefix)) (out ??= new Map()).set(k.slice(prefix.length), role);
  if (!out) return undefined;
  for (const [k, oses] of roles.os ?? []) if (k.startsWith(prefix)) (out.os ??= new Map()).set(k.slice(prefix.length), oses);
  for (const k of roles.docker ?? []) if (k.startsWith(prefix)) (out.docker ??= new Set()).add(k.slice(prefix.length));
  for (const k of roles.flag ?? []) if (k.startsWith(prefix)) (out.flag ??= new Set()).add(k.slice(prefix.length));
  return out;
}

/** `${{ matrix.os }}/${{ matrix.arch }}`: the second key, after the first's reference. */
const MATRIX_ARCH_AFTER = /^\/\$\{\{\s*matrix\.([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?)\s*\}\}/;
/** The os written before a reference: `linux/` in `platforms: linux/${{ matrix.arch }}`. */
const OS_BEFORE = /(?:^|[\s"'=,:])([a-z0-9]+)\/$/;
/** `head` without the list items at its end: `platforms: linux/amd64,` for `platforms: linux/amd64,linux/${{ matrix.arch }}`. */
function withoutListed(head: string): string {
  let e = head.length;
  for (;;) {
    let k = e;
    while (k > 0 && (head[k - 1] === ' ' || head[k - 1] === '\t')) k--;
    // (Or a platform before blanks, in a list of them separated so: `PLATFORMS: linux/${{ matrix.a }} linux/`.)
    const spaced = k > 0 && k < e && head[k - 1] !== ',';
    if (k === 0 || (head[k - 1] !== ',' && !spaced)) return head.slice(0, e);
    if (!spaced) k--;
    let j = k;
    for (;;) {
      while (j > 0 && !/[\s,"'=:]/.test(head[j - 1])) j--;
      // An item with a template in it (`linux/${{ matrix.goarch }},`): the template's blanks are the item's.
      const open = j > 1 && head[j - 1] === ' ' && head.endsWith('}}', k) ? head.lastIndexOf('${{', j) : -1;
      if (open < 0 || head.indexOf('}}', open) < j) break;
      j = open;
    }
    if (j === k || (spaced && !SPACED_ITEM.test(head.slice(j, k)))) return head.slice(0, e);
    e = j;
  }
}
/** An item of a list separated by blanks that withoutListed passes over: a platform, written or templated (`linux/${{ matrix.a }}`). */
const SPACED_ITEM = /^[a-z0-9]+\/(?:[a-z0-9]+(?:\/[a-z0-9]+)?|\$\{\{[^}]*\}\})$/;
/** A YAML line's start that makes what follows text for a person: a name or a description (a comment is runsDockerFlag's). */
const TEXT_HEAD = /^[ \t]*(?:-[ \t]+)?(?:name|description|title|summary)[ \t]*:/;
/** A head of blanks only: the reference (after the list items before it) starts its line. */
const BLANK_HEAD = /^[ \t]*$/;
/** The line that opens a block scalar: `platforms: |`, `- platforms: >-` (a comment after it maybe). */
const BLOCK_SCALAR_KEY = /^[ \t]*(?:-[ \t]+)?([A-Za-z_][\w-]*)[ \t]*:[ \t]*[|>][-+1-9]{0,2}[ \t]*(?:#.*)?\r?$/;
/** How many lines above an item the key of its block scalar is looked for. */
const BLOCK_SCALAR_LINES = 100;

/**
 * `platforms: ` when the line at `from` is in a block scalar under that key: the nearest line above
 * it that is indented less (blank lines aside) opens the scalar. Undefined for any other line.
 * (Not ownerLine's: a line of the scalar as indented as this one is its sibling, not its owner.)
 */
function blockScalarKey(src: string, from: number): string | undefined {
  let indent = 0;
  while (src.charCodeAt(from + indent) === 32) indent++;
  let end = from - 1;
  for (let n = 0; end > 0 && n < BLOCK_SCALAR_LINES; n++) {
    const start = src.lastIndexOf('\n', end - 1) + 1;
    let i = start;
    while (src.charCodeAt(i) === 32) i++;
    const c = src.charCodeAt(i);
    if (i < end && c !== 13 && i - start < indent) {
      const m = BLOCK_SCALAR_KEY.exec(src.slice(start, end));
      return m ? `${m[1]}: ` : undefined;
    }
    end = start - 1;
  }
  return undefined;
}
/** A GOOS written out on a reference's line: `GOOS=darwin GOARCH=${{ matrix.goarch }}`. */
const GOOS_ON_LINE = /(?:^|[\s;&|])GOOS=(["']?)([a-z0-9]+)\1(?=[\s;&|)]|$)/;
/** How far around a reference its line is read. */
const REF_LINE_BEFORE = 80;
/** How far back the start of a key's line is looked for, for a key of a flow mapping far along it. */
const FLOW_LINE_BEFORE = 1000;
const REF_LINE_AFTER = 200;

/**
 * What may stand before a command's `GOOS=` on its line: a step's `run:` (a block scalar's
 * indicator), other assignments, `export`, `env`, `sudo`; not echo text, a comment, a step's name.
 */
const COMMAND_HEAD = /^[ \t]*(?:-[ \t]+)?(?:run[ \t]*:[ \t]*(?:[|>][-+0-9]*[ \t]*)?)?(?:(?:export|env|sudo|time|[A-Za-z_][A-Za-z0-9_]*=[^\s#]*)[ \t]+)*$/;
/** `GOARCH=arm` on a line, as GOOS_ON_LINE. */
const GOARCH_ON_LINE = /(?:^|[\s;&|])GOARCH=(["']?)([a-z0-9]+)\1(?=[\s;&|)]|$)/;

/** `GOOS: darwin` (quoted or not, a comment after it) as a line of a block mapping, from its indent on. */
const GOOS_KEY = /^GOOS[ \t]*:[ \t]*(["']?)([a-z0-9]+)\1[ \t]*(?:#.*)?\r?$/;
/** `GOARCH: "386"`, as GOOS_KEY. */
const GOARCH_KEY = /^GOARCH[ \t]*:[ \t]*(["']?)([a-z0-9]+)\1[ \t]*(?:#.*)?\r?$/;
/** How many lines above and below a key its sibling keys are looked for. */
const SIBLING_LINES = 40;

/**
 * The values of a matrix axis a step runs for, by its `if:` (`matrix.goos == 'linux'`): any of
 * `any`'s conjunctions, each those `only` and all but those `not` (lower case, as GitHub compares).
 * `{ any: [] }`: for none.
 */
export interface StepWhen {
  any: readonly { only?: readonly string[]; not?: readonly string[] }[];
}

/** An arch a job's step writes beside a matrix os axis (MatrixRoles.arches), with the axis's values its step runs for. */
export type BuiltArch = Token & { when?: StepWhen };

/** Whether a step that runs `when` runs for the axis's value `os`. */
export function runsFor(when: StepWhen | undefined, os: string): boolean {
  const v = os.toLowerCase();
  return when === undefined || when.any.some((c) => (c.only === undefined || c.only.includes(v)) && (c.not === undefined || !c.not.includes(v)));
}

/** An `if:` read for one axis (see axisCondition): comparisons of the axis with a value, and what does not name it. */
type AxisExpr = { is: string; equal: boolean } | { other: true } | { not: AxisExpr } | { and: AxisExpr[] } | { or: AxisExpr[] };

/** What an operand of a comparison is: the axis, a string, an expression in parentheses, or anything else. */
type AxisOperand = { axis: true } | { text: string } | { expr: AxisExpr; names: boolean } | { other: true };

/** A token of an expression whose strings are numbered (`'0'`): an operator, a numbered string, a name, or any other character. */
const CONDITION_TOKEN = /\s*(?:(&&|\|\||==|!=|<=|>=|[<>!(),[\]])|'(\d+)'|([A-Za-z_][\w.*-]*)|(-?\.?\d[\w.]*)|([^\s]))/y;

/** How deep an expression's parentheses and negations are read, each one a level; deeper, it is not read. */
const MAX_CONDITION_DEPTH = 64;

/**
 * Reads a condition (strings numbered) into an AxisExpr for the axis `ref` names, as GitHub
 * parses expressions: `||` over `&&` over `!` over comparisons. Undefined when it names the axis
 * in another way (`contains(matrix.goos, …)`, `matrix.goos` alone, a comparison that is not with a
 * string), is no expression, or nests parentheses and negations more than MAX_CONDITION_DEPTH deep.
 */
function readAxisExpr(c: string, strings: readonly string[], key: string): AxisExpr | undefined {
  const tokens: { op?: string; str?: number; name?: string; other?: string }[] = [];
  CONDITION_TOKEN.lastIndex = 0;
  // (A number, `10`, `1.5`, `-1`, `0x1F`, is one operand, as any name that is not the axis.)
  for (let m = CONDITION_TOKEN.exec(c); m; m = CONDITION_TOKEN.exec(c)) tokens.push(m[1] ? { op: m[1] } : m[2] ? { str: Number(m[2]) } : m[3] ? { name: m[3] } : m[4] ? { name: m[4] } : { other: m[5] });
  let at = 0;
  let depth = 0;
  let bad = false;
  const axisName = `matrix.${key}`.toLowerCase();
  const peek = (op: string) => tokens[at]?.op === op;
  /** Operands that `next` reads, joined by `op`. */
  const joined = (op: '||' | '&&', next: () => AxisExpr): AxisExpr => {
    const all = [next()];
    while (!bad && peek(op)) {
      at++;
      all.push(next());
    }
    return all.length === 1 ? all[0] : op === '||' ? { or: all } : { and: all };
  };
  const or = (): AxisExpr => joined('||', and);
  const and = (): AxisExpr => joined('&&', unary);
  const unary = (): AxisExpr => {
    if (!peek('!')) return comparison();
    at++;
    if (++depth > MAX_CONDITION_DEPTH) bad = true;
    const of = bad ? { other: true as const } : unary();
    depth--;
    return { not: of };
  };
  const comparison = (): AxisExpr => {
    const left = operand();
    const op = tokens[at]?.op;
    if (op !== '==' && op !== '!=' && op !== '<' && op !== '<=' && op !== '>' && op !== '>=') {
      // An operand alone, as a condition: the axis's truth is not read.
      if ('axis' in left) bad = true;
      return 'expr' in left ? left.expr : { other: true };
    }
    at++;
    const right = operand();
    const axis = 'axis' in left ? right : 'axis' in right ? left : undefined;
    if (axis === undefined) {
      if (('expr' in left && left.names) || ('expr' in right && right.names)) bad = true;
      return { other: true };
    }
    if ((op !== '==' && op !== '!=') || !('text' in axis)) bad = true;
    return 'text' in axis ? { is: axis.text.toLowerCase(), equal: op === '==' } : { other: true };
  };
  const operand = (): AxisOperand => {
    const t = tokens[at++];
    if (t === undefined) {
      bad = true;
      return { other: true };
    }
    if (t.str !== undefined) return { text: strings[t.str] };
    if (t.op === '(') {
      if (++depth > MAX_CONDITION_DEPTH) bad = true;
      const before = at;
      const expr = bad ? { other: true as const } : or();
      depth--;
      if (!peek(')')) bad = true;
      at++;
      return { expr, names: tokens.slice(before, at).some((x) => x.name?.toLowerCase() === axisName) };
    }
    if (t.name !== undefined) {
      const lower = t.name.toLowerCase();
      if (peek('(')) {
        // A call: true or false whatever the axis is, unless it is given the axis.
        let open = 0;
        const from = at;
        for (; at < tokens.length; at++) {
          if (tokens[at].op === '(') open++;
          else if (tokens[at].op === ')' && --open === 0) break;
        }
        if (open !== 0) bad = true;
        at++;
        if (tokens.slice(from, at).some((x) => x.name !== undefined && (x.name.toLowerCase() === axisName || x.name.toLowerCase().startsWith(`${axisName}.`)))) bad = true;
        return { other: true };
      }
      // (`matrix.goos.x`, `matrix.goos[0]`: not the axis's value.)
      if (lower === axisName && !peek('[')) return { axis: true };
      if (lower.startsWith(`${axisName}.`) || lower === axisName) bad = true;
      // An index (`github.event.inputs['os']`, `commits[0].message`) belongs to its name, and what follows it.
      for (;;) {
        if (peek('[')) {
          while (at < tokens.length && !peek(']')) at++;
          at++;
        } else if (tokens[at]?.other === '.' && tokens[at + 1]?.name !== undefined) at += 2;
        else break;
      }
      return { other: true };
    }
    if (t.op !== undefined) bad = true;
    return { other: true };
  };
  const expr = or();
  return bad || at !== tokens.length ? undefined : expr;
}

/** Whether `expr` is true (1), false (0) or either (2, it depends on more than the axis) for the axis's value `v` (undefined: a value it names nowhere). */
function truthFor(expr: AxisExpr, v: string | undefined): 0 | 1 | 2 {
  if ('is' in expr) return (v === expr.is) === expr.equal ? 1 : 0;
  if ('other' in expr) return 2;
  if ('not' in expr) {
    const t = truthFor(expr.not, v);
    return t === 2 ? 2 : t === 1 ? 0 : 1;
  }
  const all = 'and' in expr ? expr.and : expr.or;
  const decides = 'and' in expr ? 0 : 1;
  let either = false;
  for (const e of all) {
    const t = truthFor(e, v);
    if (t === decides) return decides;
    if (t === 2) either = true;
  }
  return either ? 2 : decides === 0 ? 1 : 0;
}

/** The values an AxisExpr compares the axis with. */
function comparedValues(expr: AxisExpr, out: Set<string>): Set<string> {
  if ('is' in expr) out.add(expr.is);
  else if ('not' in expr) comparedValues(expr.not, out);
  else if ('and' in expr || 'or' in expr) for (const e of 'and' in expr ? expr.and : expr.or) comparedValues(e, out);
  return out;
}

/**
 * The values of the axis `key` a step runs for, by its `if:` condition, read as GitHub reads it:
 * comparisons of the axis with a value (`==`, `!=`, either way round, in any case), joined by
 * `!`, `&&`, `||` and parentheses; a call or a comparison that does not name the axis
 * (`success()`, `startsWith(github.ref, …)`, `github.event_name == 'push'`) may be true or false.
 * The step runs for each value for which the condition is not false. Undefined when that is every
 * value (the condition does not name the axis, or a disjunct does not); `{ any: [] }` when it
 * names it in a way not read (`contains(matrix.goos, …)`, `matrix.goos` alone): no value.
 */
export function axisCondition(condition: string, key: string): StepWhen | undefined {
  let c = condition.trim();
  // A quoted YAML scalar's text (`'(matrix.goos == ''darwin'')'`).
  const quoted = /^(['"])(.*)\1$/s.exec(c);
  if (quoted) c = (quoted[1] === "'" ? quoted[2].replace(/''/g, "'") : quoted[2]).trim();
  const expr = /^\$\{\{(.*)\}\}$/s.exec(c);
  if (expr) c = expr[1].trim();
  // (`matrix['goos']` is `matrix.goos`.)
  c = c.replace(/\bmatrix\[[ \t]*(['"])([A-Za-z0-9_-]+)\1[ \t]*\]/gi, 'matrix.$2');
  // (GitHub reads a context's properties whatever their case: `matrix.GOOS` is `goos`.)
  const ref = new RegExp(`\\bmatrix\\.${key.replace(/[-]/g, '\\-')}(?![\\w-])`, 'i');
  if (!ref.test(c)) return undefined;
  // String literals numbered, so that what they hold (`'refs/heads/(x)'`, `' || '`) is no syntax.
  const strings: string[] = [];
  c = c.replace(/'((?:[^']|'')*)'|"([^"]*)"/g, (_, single: string | undefined, double: string | undefined) => `'${strings.push((single ?? double ?? '').replace(/''/g, "'")) - 1}'`);
  // `${{ … }}` in part of it (`${{ matrix.goos == 'linux' }} && success()`): GitHub makes a string
  // of it, never empty, and runs the step whatever it says.
  if (c.includes('${{')) return undefined;
  const read = readAxisExpr(c, strings, key);
  if (!read) return { any: [] };
  // Each value compared, and any other (which no comparison names: all of them alike).
  const named = [...comparedValues(read, new Set())];
  const runs = named.filter((v) => truthFor(read, v) !== 0);
  const others = truthFor(read, undefined) !== 0;
  if (others && runs.length === named.length) return undefined;
  if (others) return { any: [{ not: named.filter((v) => !runs.includes(v)) }] };
  return runs.length === 0 ? { any: [] } : { any: [{ only: runs }] };
}

/** A job's steps (the items of its `steps:`): where each one's mapping starts and ends in the text, in order. */
interface JobSteps {
  starts: number[];
  ends: number[];
  /** The column of the steps' keys. */
  col: number;
  /** What each step's `if:` says of an axis (by step and key), once read. */
  whens: Map<string, StepWhen | undefined>;
}

/** A `steps:` key that opens a block sequence. */
const STEPS_LINE = /^steps[ \t]*:[ \t]*(?:#.*)?\r?$/;

/** The steps of the job whose map is text[jobStart, jobEnd) (its first key at jobStart): read once for each job. */
function jobSteps(text: string, jobStart: number, jobEnd: number): JobSteps {
  const steps: JobSteps = { starts: [], ends: [], col: -1, whens: new Map() };
  const jobLine = text.lastIndexOf('\n', jobStart - 1) + 1;
  const keyCol = keyOfLine(text, jobLine).col;
  // Its `steps:` key, among its keys.
  let at = jobLine;
  for (;;) {
    if (at >= jobEnd) return steps;
    const k = keyOfLine(text, at);
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    if (!k.empty && !k.item && k.col === keyCol && STEPS_LINE.test(text.slice(k.key, nl))) {
      at = nl + 1;
      break;
    }
    if (nl >= text.length) return steps;
    at = nl + 1;
  }
  // Its items, each to the next item of its column or a line left of its keys.
  for (; at > 0 && at < jobEnd; at = text.indexOf('\n', at) + 1) if (!keyOfLine(text, at).empty) break;
  const first = at > 0 && at < jobEnd ? keyOfLine(text, at) : undefined;
  if (!first?.item) return steps;
  steps.col = first.col;
  while (at > 0 && at < jobEnd) {
    const k = keyOfLine(text, at);
    if (!k.item || k.col !== first.col) break;
    const end = mappingEnd(text, at, k.col, jobEnd);
    steps.starts.push(at);
    steps.ends.push(end);
    if (end >= jobEnd) break;
    at = end;
  }
  return steps;
}

/**
 * The `if:` of the step that holds `at` (of text; `steps`, its job's), as it restricts the axis
 * `key` (see axisCondition); undefined for none, or outside a step.
 */
function stepWhen(text: string, at: number, steps: JobSteps, key: string): StepWhen | undefined {
  // (The step whose mapping holds it: the last that starts at or before it.)
  let lo = 0;
  let hi = steps.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (steps.starts[mid] <= at) lo = mid + 1;
    else hi = mid - 1;
  }
  const s = lo - 1;
  if (s < 0 || at >= steps.ends[s]) return undefined;
  const memo = `${s}\u0000${key}`;
  if (steps.whens.has(memo)) return steps.whens.get(memo);
  const when = readStepWhen(text, steps.starts[s], steps.ends[s], steps.col, key);
  steps.whens.set(memo, when);
  return when;
}

/** The `if:` of the step whose mapping is text[ls, end) (its keys at `col`), as it restricts the axis `key`. */
function readStepWhen(text: string, ls: number, end: number, col: number, key: string): StepWhen | undefined {
  for (let l = ls; l < end; ) {
    let nl = text.indexOf('\n', l);
    if (nl < 0 || nl > end) nl = end;
    const k = keyOfLine(text, l);
    if (k.col === col && /^if[ \t]*:/.test(text.slice(k.key, k.key + 8))) {
      let value = text.slice(text.indexOf(':', k.key) + 1, nl);
      // (Without a comment after it.)
      const comment = value.search(/[ \t]#/);
      value = (comment >= 0 ? value.slice(0, comment) : value).trim();
      if (/^[|>]/.test(value)) {
        // A block scalar: its lines, joined.
        const parts: string[] = [];
        for (let b = nl + 1; b > 0 && b < end; ) {
          const bk = keyOfLine(text, b);
          if (!bk.empty && bk.col <= col) break;
          const bn = text.indexOf('\n', b);
          parts.push(text.slice(b, bn < 0 ? text.length : bn).trim());
          b = bn + 1;
        }
        // (Kept with its last line break, `|` and `>` but not `|-`: `${{ … }}` and a line break is
        // a string to GitHub, not the expression, so the step always runs; QA 259 B4.)
        const joined = parts.join(' ');
        if (!/^[|>][0-9+]*-/.test(value) && joined.indexOf('${{') >= 0) return undefined;
        value = joined;
      }
      return axisCondition(value, key);
    }
    l = nl + 1;
  }
  return undefined;
}

/** The end of the mapping whose key column is `col`, from the line after `at` on: the first line left of it, or a list item of its column (the next step). */
function mappingEnd(text: string, at: number, col: number, end: number): number {
  for (at = text.indexOf('\n', at) + 1; at > 0 && at < end; at = text.indexOf('\n', at) + 1) {
    const k = keyOfLine(text, at);
    if (!k.empty && (k.col < col || (k.item && k.col === col))) return at;
  }
  return end;
}

/** An arch a command or an env map writes, where it starts, and the variant of its own it sets beside it (`GOARM=7`), with where that starts. */
interface WrittenArch {
  arch: string;
  at: number;
  variant?: { at: number; text: string };
}

/**
 * A command's line that builds a matrix os axis for an arch it writes, `GOOS=${{ matrix.goos }}
 * GOARCH=arm`: the axis's key, the arch, where it starts in `line`, and its variant (`GOARM=7`).
 * Undefined for text (a step's name, a comment, echo text) and for an arch that is no Go name.
 * matrixRoles reads the lines that build an axis so, and dropAxisBuilt drops the commands' own
 * readings of the same lines.
 */
function commandArch(line: string): (WrittenArch & { key: string }) | undefined {
  const goos = GOOS_FROM_MATRIX.exec(line);
  if (!goos || !COMMAND_HEAD.test(line.slice(0, line.indexOf('GOOS=', goos.index)))) return undefined;
  const goarch = GOARCH_ON_LINE.exec(line);
  if (!goarch || !isGoArch(goarch[2])) return undefined;
  return { key: goos[2], ...withVariant(line, goarch[2], goarch.index + goarch[0].length - goarch[1].length - goarch[2].length) };
}

/** `GOARM=7` and the like, as a command's assignment: the variable's name, the value. */
const VARIANT_ASSIGNMENT = /(?:^|[\s;&|])(GO[A-Z0-9]+)=(["']?)([A-Za-z0-9.,]+)\2(?=[\s;&|)]|$)/g;

/** The arch at `at` of a command's line, with the variant of its own the line sets (Go reads GOARM for arm only). */
function withVariant(line: string, arch: string, at: number): WrittenArch {
  const own = VARIANT_KEY.get(arch)?.key.toUpperCase();
  if (!own || line.indexOf(own + '=') < 0) return { arch, at };
  VARIANT_ASSIGNMENT.lastIndex = 0;
  for (let m = VARIANT_ASSIGNMENT.exec(line); m; m = VARIANT_ASSIGNMENT.exec(line)) {
    if (m[1] === own) return { arch, at, variant: { at: m.index + m[0].length - m[2].length - m[3].length, text: m[3] } };
  }
  return { arch, at };
}

/** The variant of its own an env map sets beside an arch (`GOARM: "7"` beside `GOARCH: arm`; the map's key line at `ls` of src), as a written arch's. */
function siblingVariant(src: string, ls: number, arch: string): WrittenArch['variant'] {
  const own = VARIANT_KEY.get(arch)?.key.toUpperCase();
  const at = own ? siblingValue(src, ls, variantKeyLine(own)) : undefined;
  return at ? { at: at.start, text: src.slice(at.start, at.end) } : undefined;
}

/** The regular expressions of variantKeyLine, by variable. */
const VARIANT_KEY_LINES = new Map<string, RegExp>();

/** `GOARM: "7"` as a line of a block mapping, for the variable `name` (as GOOS_KEY). */
function variantKeyLine(name: string): RegExp {
  let r = VARIANT_KEY_LINES.get(name);
  if (!r) VARIANT_KEY_LINES.set(name, (r = new RegExp(`^${name}[ \\t]*:[ \\t]*(["']?)([A-Za-z0-9.,]+)\\1[ \\t]*(?:#.*)?\\r?$`)));
  return r;
}

/**
 * The value of a `GOOS:` key (or of the key `keyLine` reads, `GOARCH:`) in the block mapping whose
 * key starts the line at `lineStart` of src (a sibling: same indent, no line of less indent
 * between), as src offsets.
 */
function siblingValue(src: string, lineStart: number, keyLine: RegExp = GOOS_KEY): { start: number; end: number } | undefined {
  const own = keyOfLine(src, lineStart);
  const col = own.col;
  /** The line at `at`: a GOOS value, 'stop' where the mapping ends, undefined to go on. */
  const read = (at: number, up: boolean): { start: number; end: number } | 'stop' | undefined => {
    const { key, col: c, item, empty } = keyOfLine(src, at);
    if (empty) return undefined;
    if (c < col || (item && c === col && !up)) return 'stop';
    if (c > col) return undefined;
    let nl = src.indexOf('\n', at);
    if (nl < 0) nl = src.length;
    // (The line that opens the mapping as a sequence item, `- name: build` over `GOARCH: …`, is its first.)
    return keyValue(src, key, nl, keyLine) ?? (item ? 'stop' : undefined);
  };
  // Up, to the line that opens the mapping (none above `- GOARCH: …`, which opens it).
  let at = lineStart;
  for (let n = 0; n < SIBLING_LINES && at > 0 && !own.item; n++) {
    const prev = src.lastIndexOf('\n', at - 2) + 1;
    const r = read(prev, true);
    if (r === 'stop') break;
    if (r) return r;
    at = prev;
  }
  // Down, to its end.
  at = src.indexOf('\n', lineStart) + 1;
  for (let n = 0; n < SIBLING_LINES && at > 0 && at < src.length; n++) {
    const r = read(at, false);
    if (r === 'stop') break;
    if (r) return r;
    at = src.indexOf('\n', at) + 1;
  }
  return undefined;
}

/** `export GOOS=${{ matrix.goos }}` alone on a line of a script: GOOS for the commands after it. */
const GOOS_STATEMENT = /^[ \t]*(?:export[ \t]+)?GOOS=(["']?)\$\{\{[ \t]*matrix\.[A-Za-z0-9_-]+[ \t]*\}\}\1[ \t]*;?[ \t]*(?:#.*)?\r?$/;
/** A line that sets GOOS (`GOOS=linux`, `export GOOS=…`, `unset GOOS`). */
const GOOS_SET = /(?:^|[\s;&|])(?:GOOS=|unset[ \t]+GOOS\b)/;
/** How many lines after a GOOS a script's arches are looked for. */
const SCRIPT_LINES = 200;

/**
 * `GOARCH=386` on a command's line with no GOOS of its own (`GOARCH=386 go build`, `export
 * GOARCH=arm`): the arch, where it starts in `line`, and its variant (see commandArch).
 */
function writtenArch(line: string): WrittenArch | undefined {
  if (line.indexOf('GOARCH=') < 0 || GOOS_SET.test(line)) return undefined;
  const goarch = GOARCH_ON_LINE.exec(line);
  if (!goarch || !isGoArch(goarch[2]) || !COMMAND_HEAD.test(line.slice(0, goarch.index + goarch[0].indexOf('GOARCH=')))) return undefined;
  return withVariant(line, goarch[2], goarch.index + goarch[0].length - goarch[1].length - goarch[2].length);
}

/** `GOARCH: "386"` (and `GOARM: "7"`) beside the key on line `ls` of src, as an arch found at `base` plus its place there. */
function siblingArch(src: string, ls: number, base: number, found: ArchFound): void {
  const at = siblingValue(src, ls, GOARCH_KEY);
  const arch = at ? src.slice(at.start, at.end) : '';
  if (!at || !isGoArch(arch)) return;
  const variant = siblingVariant(src, ls, arch);
  found({ arch, at: base + at.start, ...(variant ? { variant: { ...variant, at: base + variant.at } } : {}) });
}

/** Called with each arch found, its place and its variant's in the text read. */
type ArchFound = (a: WrittenArch) => void;

/** The arches that commands write on the lines of text[from, to) (see writtenArch), up to a line that sets GOOS again. */
function archesAfter(text: string, from: number, to: number, found: ArchFound): void {
  for (let at = from, n = 0; at < to && n < SCRIPT_LINES; n++) {
    let nl = text.indexOf('\n', at);
    if (nl < 0 || nl > to) nl = to;
    const line = text.slice(at, nl);
    if (line.indexOf('GOOS') >= 0 && GOOS_SET.test(line)) {
      // (`GOOS=linux GOARCH=arm go build` is its own pair, for that command only.)
      if (line.indexOf('GOARCH=') < 0) return;
    } else {
      const a = writtenArch(line);
      if (a) found({ ...a, at: at + a.at, ...(a.variant ? { variant: { ...a.variant, at: at + a.variant.at } } : {}) });
    }
    at = nl + 1;
  }
}

/** `GOARCH: arm` as a key of a step's `env:` (text[from, to), a step's lines), with the variant beside it. */
function envArches(text: string, from: number, to: number, found: ArchFound, parents: Map<number, number>): void {
  for (let at = from; at < to; ) {
    let nl = text.indexOf('\n', at);
    if (nl < 0 || nl > to) nl = to;
    const k = keyOfLine(text, at);
    if (text.startsWith('GOARCH', k.key) && parentIsEnv(text, at, k.col, parents)) {
      const v = keyValue(text, k.key, nl, GOARCH_KEY);
      const arch = v ? text.slice(v.start, v.end) : '';
      if (v && isGoArch(arch)) {
        const variant = siblingVariant(text, at, arch);
        found({ arch, at: v.start, ...(variant ? { variant } : {}) });
      }
    }
    at = nl + 1;
  }
}

/** The value of the key `keyLine` reads (`GOARCH: arm`) at `key` of its line (ending at `nl`). */
function keyValue(text: string, key: number, nl: number, keyLine: RegExp): { start: number; end: number } | undefined {
  const rest = text.slice(key, nl);
  const m = keyLine.exec(rest);
  if (!m) return undefined;
  const v = key + rest.indexOf(m[2], rest.indexOf(':') + 1);
  return { start: v, end: v + m[2].length };
}

/** Where the key of the line at `ls` starts (after a sequence item's dash), its column, whether the line is an item, and whether it is blank or a comment. */
function keyOfLine(text: string, ls: number): { key: number; col: number; item: boolean; empty: boolean } {
  let k = ls;
  while (text.charCodeAt(k) === 32) k++;
  let item = false;
  if (text.charCodeAt(k) === 45 && (text.charCodeAt(k + 1) === 32 || text.charCodeAt(k + 1) === 9)) {
    item = true;
    k++;
    while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) k++;
  }
  const c = text.charCodeAt(k);
  return { key: k, col: k - ls, item, empty: Number.isNaN(c) || c === 10 || c === 13 || c === 35 };
}

/**
 * The start of the line above `ls` (of text) with content whose key is left of `col`, or -1 (none
 * at or after `floor`). `parents`: each line's parent (for the column of its own key) found so far
 * in this text, kept and used: the siblings of a key share its parent, and a map of thousands of
 * keys is not walked over again for each.
 */
function parentLine(text: string, ls: number, col: number, floor: number, parents: Map<number, number>): number {
  let siblings: number[] | undefined;
  const found = (parent: number): number => {
    if (keyOfLine(text, ls).col === col) parents.set(ls, parent);
    for (const s of siblings ?? []) parents.set(s, parent);
    return parent;
  };
  for (let at = ls; at > floor; ) {
    at = text.lastIndexOf('\n', at - 2) + 1;
    const k = keyOfLine(text, at);
    if (!k.empty && k.col === col) {
      // (A sibling's parent is this line's: it is returned if the walk from here would reach it.)
      const known = parents.get(at);
      if (known !== undefined) return text.indexOf('\n', known) + 1 > floor ? found(known) : -1;
      (siblings ??= []).push(at);
    }
    if (!k.empty && k.col < col) return found(at);
  }
  return -1;
}

/** Whether the line at `ls` (its key at column `col`) is a key of an `env:` map. */
function parentIsEnv(text: string, ls: number, col: number, parents: Map<number, number>): boolean {
  return isEnvLine(text, parentLine(text, ls, col, 0, parents));
}

/** An `env:` key that opens a block mapping, anchored maybe (`env: &go`). */
const ENV_LINE = /^env[ \t]*:[ \t]*(?:&[^\s#]+[ \t]*)?(?:#.*)?\r?$/;
/** An `env:` key whose value is a flow mapping on its line: `env: {GOOS: "${{ matrix.goos }}", GOARCH: arm}`. */
const FLOW_ENV_LINE = /^env[ \t]*:[ \t]*(?:&[^\s#]+[ \t]*)?\{/;
/** `GOARCH: arm` in a flow mapping. */
const FLOW_GOARCH = /[{,][ \t]*(["']?)GOARCH\1[ \t]*:[ \t]*(["']?)([a-z0-9]+)\2[ \t]*(?=[,}])/;

/** Whether the line at `ls` (-1: none) is an `env:` key that opens a block mapping. */
function isEnvLine(text: string, ls: number): boolean {
  if (ls < 0) return false;
  let nl = text.indexOf('\n', ls);
  if (nl < 0) nl = text.length;
  return ENV_LINE.test(text.slice(keyOfLine(text, ls).key, nl));
}

/** The end of the script whose line starts at `ls`: the first line after it with content left of its own (at most SCRIPT_LINES lines on). */
function scriptEnd(text: string, ls: number, end: number): number {
  const col = keyOfLine(text, ls).col;
  let at = text.indexOf('\n', ls) + 1;
  for (let n = 0; at > 0 && at < end && n < SCRIPT_LINES; n++) {
    const k = keyOfLine(text, at);
    if (!k.empty && k.col < col) return at;
    at = text.indexOf('\n', at) + 1;
  }
  return at > 0 ? Math.min(at, end) : end;
}

/**
 * The steps whose scripts a `GOOS: ${{ matrix.goos }}` in an `env:` map is given to (its key's
 * line at `ls` of text; the job's map text[jobStart, jobEnd)): the step whose env it is, or for the
 * job's env each step that sets no GOOS in its own (`env` then: their env's GOARCH keys pair with
 * it too). None for the env of anything else (a service container's).
 */
function envGivenTo(text: string, ls: number, jobStart: number, jobEnd: number, memo: EnvMemo): readonly GivenStep[] {
  const jobLine = text.lastIndexOf('\n', jobStart - 1) + 1;
  // (`env: {GOOS: …}` is its own line.)
  const goos = keyOfLine(text, ls);
  const flow = FLOW_ENV_LINE.test(text.slice(goos.key, goos.key + 200));
  const envLine = flow ? ls : parentLine(text, ls, goos.col, jobLine - 1, memo.parents);
  if (!flow && !isEnvLine(text, envLine)) return [];
  // (The steps an env map gives its GOOS to are the same for each of its GOOS keys.)
  const known = memo.given.get(envLine);
  if (known) return known;
  const steps = stepsGiven(text, envLine, jobLine, jobStart, jobEnd, memo);
  memo.given.set(envLine, steps);
  return steps;
}

/** A step an env map's GOOS is given to (see envGivenTo): its lines, and whether the env is the job's (its steps' env keys pair with it too). */
interface GivenStep {
  start: number;
  end: number;
  env: boolean;
}

/** What envGivenTo has found in a job: each line's parent (see parentLine), the steps each env map gives its GOOS to, and the job's steps (made once, see jobSteps). */
interface EnvMemo {
  parents: Map<number, number>;
  given: Map<number, readonly GivenStep[]>;
  jobSteps: () => JobSteps;
}

/** The steps the `env:` map at `envLine` gives its GOOS to (see envGivenTo). */
function stepsGiven(text: string, envLine: number, jobLine: number, jobStart: number, jobEnd: number, memo: EnvMemo): GivenStep[] {
  const env = keyOfLine(text, envLine);
  if (env.item) return [{ start: envLine, end: mappingEnd(text, envLine, env.col, jobEnd), env: false }];
  // Up to the step's dash, or to the job's first key.
  for (let at = envLine; at > jobLine; ) {
    at = text.lastIndexOf('\n', at - 2) + 1;
    const k = keyOfLine(text, at);
    if (k.empty || k.col > env.col) continue;
    if (k.col < env.col) return [];
    if (k.item) return [{ start: at, end: mappingEnd(text, at, env.col, jobEnd), env: false }];
  }
  // (The job's own keys are at the column where its map starts.)
  if (env.col !== jobStart - jobLine) return [];
  // The job's env: each step of its `steps:` that sets no GOOS of its own.
  const out: GivenStep[] = [];
  const steps = memo.jobSteps();
  for (let i = 0; i < steps.starts.length; i++) {
    const start = steps.starts[i];
    const end = steps.ends[i];
    const step = text.slice(start, end);
    let sets = false;
    if (step.includes('GOOS')) {
      const own = /^[ \t]*(?:-[ \t]+)?GOOS[ \t]*:/gm;
      for (let g = own.exec(step); g && !sets; g = own.exec(step)) sets = parentIsEnv(text, start + g.index, keyOfLine(text, start + g.index).col, memo.parents);
    }
    if (!sets) out.push({ start, end, env: true });
  }
  return out;
}

/** What may stand before a matrix reference's key: nothing (the line's start, a list item's dash), or a flow mapping opened by a key's value. */
const KEY_LINE_START = /^[ \t]*(?:-[ \t]+)?(?:[A-Za-z_][\w.-]*[ \t]*:[ \t]*\{(?:[^,]*,)*[ \t]*)?$/;

/** A shell `case` over a matrix value: `case "${DEB_ARCH}" in`, `case $ARCH in`, `case "${{ matrix.deb_arch }}" in`. */
const CASE_OVER = /\bcase[ \t]+["']?\$(?:\{\{[ \t]*matrix\.([A-Za-z0-9_-]+)[ \t]*\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))["']?[ \t]+in\b/g;
/** A branch that sets a variable to a literal name: `ppc64el) GOARCH=ppc64le ;;`, `armhf) export GOARCH="arm"`. */
const BRANCH_SETS = /\)[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=["']?[a-z0-9]+["']?(?=[\s;])/g;
/** A branch's patterns, after `in` or after the branch before it ends: `ppc64el)`, `(armhf|armel)`. */
const BRANCH_LABELS = /(?:^|;;&?|;&)[ \t\r\n]*(?:\([ \t]*)?([^()\n;\s][^()\n;]*)?\)/g;
/** How far after `case … in` its branches are read. */
const CASE_CHARS = 2000;

/**
 * The matrix keys a job maps to GOOS or GOARCH through a shell `case` whose branches set one to a
 * literal name (`case "${DEB_ARCH}" in ppc64el) GOARCH=ppc64le ;; *) GOARCH="${DEB_ARCH}" ;;`),
 * with the literal patterns of its branches: those values are another system's names (Debian's),
 * mapped there; the others fall through to the branch that passes the value on.
 */
function mappedKeys(src: string): Map<string, Set<string>> | undefined {
  let out: Map<string, Set<string>> | undefined;
  CASE_OVER.lastIndex = 0;
  for (let m = CASE_OVER.exec(src); m; m = CASE_OVER.exec(src)) {
    const from = m.index + m[0].length;
    let to = src.indexOf('esac', from);
    if (to < 0 || to - from > CASE_CHARS) to = Math.min(src.length, from + CASE_CHARS);
    const body = src.slice(from, to);
    BRANCH_SETS.lastIndex = 0;
    let sets = false;
    for (let b = BRANCH_SETS.exec(body); b && !sets; b = BRANCH_SETS.exec(body)) {
      const role = roleOf(b[1]);
      sets = role === 'os' || role === 'arch';
    }
    if (!sets) continue;
    const key = m[1] ?? m[2] ?? m[3];
    const labels = out?.get(key) ?? new Set<string>();
    BRANCH_LABELS.lastIndex = 0;
    for (let b = BRANCH_LABELS.exec(body); b; b = BRANCH_LABELS.exec(body)) {
      for (const label of (b[1] ?? '').split('|')) {
        const l = label.trim().replace(/^(["'])(.*)\1$/, '$2').toLowerCase();
        if (l !== '' && !/[*?[\]$]/.test(l)) labels.add(l);
      }
    }
    (out ??= new Map()).set(key, labels);
  }
  return out;
}

/** The roles of the matrix keys the job in text[jobStart, jobEnd) uses (completion asks too). */
export function matrixRoles(text: string, jobStart: number, jobEnd: number, keys?: ReadonlySet<string>, refs?: RegExp): MatrixRoles {
  const roles: MatrixRoles = new Map<string, Role>();
  const src = text.slice(jobStart, jobEnd);
  // A GitLab job's matrix variables (`keys`) are used as `$ARCH`, a workflow's as `${{ matrix.arch }}`
  // (a Buildkite step's as `{{matrix.arch}}`).
  const ref = refs ?? (keys ? VARIABLE_REF : MATRIX_REF);
  // (Or an env map's alias, `env: *go`, whose anchor gives GOOS an axis: see below.)
  if (!keys && !refs && src.indexOf('matrix.') < 0 && src.indexOf('matrix[') < 0 && !mayHaveAlias(src)) return roles;
  const docker = (key: string) => (roles.docker ??= new Set()).add(key);
  const mapped = src.indexOf('case') >= 0 ? mappedKeys(src) : undefined;
  if (mapped) roles.labels = mapped;
  /** One more os the job builds the arch axis `key` for (each os once). */
  const addOs = (key: string, t: Token) => {
    const byKey: Map<string, Token[]> = (roles.os ??= new Map());
    const list = byKey.get(key);
    if (!list) byKey.set(key, [t]);
    else if (!list.some((o) => o.text === t.text)) list.push(t);
  };
  /** One more arch the job builds the os axis `key` for, at each place it is written (its pairs are said there). */
  /** Where the arches added for each key start. */
  const archAt = new Map<string, Set<number>>();
  const addArch = (key: string, t: BuiltArch) => {
    const byKey: Map<string, BuiltArch[]> = (roles.arches ??= new Map());
    const at = archAt.get(key);
    if (!at) {
      byKey.set(key, [t]);
      archAt.set(key, new Set([t.start]));
    } else if (!at.has(t.start)) {
      at.add(t.start);
      byKey.get(key)!.push(t);
    }
  };
  /** The job's steps, read when an arch's step is first asked for. */
  let steps: JobSteps | undefined;
  /** What is called with each arch written with the os axis `key` (its place in text), with its variant. */
  const archFound = (key: string): ArchFound => (a) => {
    // (Its step's `if: matrix.goos == 'linux'` says which of the axis's values it is built for.)
    const when = stepWhen(text, a.at, (steps ??= jobSteps(text, jobStart, jobEnd)), key);
    addArch(key, { ...token(text, a.at, a.at + a.arch.length), ...(a.variant ? { variantToken: token(text, a.variant.at, a.variant.at + a.variant.text.length) } : {}), ...(when ? { when } : {}) });
  };
  /** What the env maps that give an os axis to steps have been found to give (see envGivenTo), and the steps read for each axis. */
  let envMemo: EnvMemo | undefined;
  const memo = (): EnvMemo => (envMemo ??= { parents: new Map(), given: new Map(), jobSteps: () => (steps ??= jobSteps(text, jobStart, jobEnd)) });
  const stepsRead = new Set<string>();
  /** The arches the steps an env map gives the os axis `key` to write: their scripts', and a job env's steps' env keys. */
  const readSteps = (key: string, given: readonly GivenStep[], found: ArchFound) => {
    for (const step of given) {
      // (Each step once for each axis: an env map of thousands of GOOS keys gives it each.)
      const once = `${key}\u0000${step.start}\u0000${step.env}`;
      if (stepsRead.has(once)) continue;
      stepsRead.add(once);
      archesAfter(text, step.start, step.end, found);
      if (step.env) envArches(text, step.start, step.end, found, memo().parents);
    }
  };
  // Find each ${{ matrix.key }}, then read what it is assigned to just before it.
  ref.lastIndex = 0;
  for (let m = ref.exec(src); m; m = ref.exec(src)) {
    // (Not `${PLATFORM%/*}`: what an expansion makes of a variable is not the variable.)
    if (keys && (!keys.has(m[1]) || (m[0].charCodeAt(1) === 123 && m[0].charCodeAt(m[0].length - 1) !== 125))) continue;
    // The arch of a target triple (`--target ${{ matrix.targetarch }}-unknown-linux-musl`, x86_64
    // and aarch64): another toolchain's names, whatever its key says.
    if (TRIPLE_AFTER.test(src.slice(m.index + m[0].length, m.index + m[0].length + 24))) {
      (roles.triple ??= new Set()).add(m[1]);
      continue;
    }
    // From the start of its line (at most 80 characters back): a `key:` counts only as a YAML key
    // at the start of the line, not inside echo text (`echo "Build target: ${{ matrix.board }}"`).
    // (Looked for character by character: a line of thousands of references is read once each.)
    let from = m.index;
    const limit = Math.max(0, m.index - REF_LINE_BEFORE);
    while (from > limit && src.charCodeAt(from - 1) !== 10) from--;
    let head = src.slice(from, m.index);
    // The runner's labels (`ubuntu-22.04`, `macos-14`), not a platform to build.
    if (RUNS_ON.test(head)) {
      (roles.runner ??= new Set()).add(m[1]);
      continue;
    }
    // A platform whose os is written out: `--platform linux/${{ matrix.arch }}`, after other items maybe.
    const os = OS_BEFORE.exec(head);
    const goOs = os && isGoOs(os[1]) ? os[1] : undefined;
    if (goOs) {
      head = withoutListed(head.slice(0, head.length - goOs.length - 1));
    }
    // An item on a line of its own in a block scalar (`platforms: |` then `linux/${{ matrix.a }}`):
    // the scalar's key.
    if (BLANK_HEAD.test(head)) head = blockScalarKey(src, from) ?? head;
    const before = MATRIX_TARGET.exec(head);
    if (!before) continue;
    if (before[2] === ':' && from > 0 && src.charCodeAt(from - 1) !== 10) {
      // A key further along its line (in a flow mapping of many keys): from its line's start,
      // looked for further back (QA 256 P6).
      let start = from;
      const far = Math.max(0, m.index - FLOW_LINE_BEFORE);
      while (start > far && src.charCodeAt(start - 1) !== 10) start--;
      if (start === 0 || src.charCodeAt(start - 1) === 10) {
        head = src.slice(start, from) + head;
        from = start;
      }
    }
    // (Or a key of a flow mapping that a key's value opens: `env: {GOOS: "${{ matrix.os }}", GOARCH: …}`.)
    if (before[2] === ':' && !KEY_LINE_START.test(head.slice(0, head.length - before[0].length))) continue;
    const role = before[1].startsWith('-') ? 'platform' : roleOf(before[1]);
    if (!role) continue;
    // An arch axis used again with an os of its own (`GOOS=linux GOARCH=${{ matrix.arch }}`, then
    // `platforms: freebsd/${{ matrix.arch }}`): the job builds it for each.
    const again = roles.has(m[1]);
    // A value taken whole by a `--platform` flag or by a Docker action's `platforms:` input is a
    // platform, a typo too; whichever use the job makes first (a build-push step's `platforms:`,
    // then `--platform ${{ matrix.arch }}` in a run step).
    // (Not a flag in a comment, in echo text or in a step's name, which nothing runs, nor gcloud's.)
    const whole = !goOs && role === 'platform' && (before[1] === 'platforms' || (before[1].startsWith('-') && !TEXT_HEAD.test(head) && runsDockerFlag(head)));
    if (again && whole && roles.get(m[1]) === 'platform') (roles.flag ??= new Set()).add(m[1]);
    // GOOS=${{ matrix.goos }} GOARCH=arm: the os axis's values are built for arm (see fixedArches).
    // (A workflow's matrix only: see axesWithArches and dropAxisBuilt.)
    if (role === 'os' && ref === MATRIX_REF && (!again || roles.get(m[1]) === 'os')) {
      let to = m.index + m[0].length;
      const stop = Math.min(src.length, to + REF_LINE_AFTER);
      while (to < stop && src.charCodeAt(to) !== 10) to++;
      const key = m[1];
      const found = archFound(key);
      const written = before[2] === '=' ? commandArch(src.slice(from, to)) : undefined;
      if (written && written.key === key) {
        const at = jobStart + from;
        found({ ...written, at: at + written.at, ...(written.variant ? { variant: { ...written.variant, at: at + written.variant.at } } : {}) });
      } else if (before[2] === '=' && !written && GOOS_STATEMENT.test(src.slice(from, to))) {
        // `export GOOS=${{ matrix.goos }}` on a line of its own, then `GOARCH=386 go build`.
        archesAfter(text, jobStart + to + 1, scriptEnd(text, jobStart + from, jobEnd), found);
      } else if (before[2] === ':' && (from === 0 || src.charCodeAt(from - 1) === 10)) {
        // `GOARCH: "386"` beside `GOOS: ${{ matrix.goos }}` in a step's env (and `GOARM: "7"` beside it).
        siblingArch(src, from, jobStart, found);
        // (Or in its flow mapping: `env: {GOOS: "${{ matrix.goos }}", GOARCH: arm}`.)
        const inFlow = FLOW_GOARCH.exec(src.slice(m.index, to));
        if (inFlow && isGoArch(inFlow[3])) found({ arch: inFlow[3], at: jobStart + m.index + inFlow.index + inFlow[0].length - inFlow[2].length - inFlow[3].length });
        // And the arches its step's scripts write, or every step's of a job's env (see envGivenTo).
        const lineStart = from === 0 ? text.lastIndexOf('\n', jobStart - 1) + 1 : jobStart + from;
        readSteps(key, envGivenTo(text, lineStart, jobStart, jobEnd, memo()), found);
      }
      if (again) continue;
    }
    if (again && (roles.get(m[1]) !== 'arch' || !roles.os?.has(m[1]))) continue;
    if (goOs) {
      // A platform-ish word before a space is text (`echo "platform linux/${{ matrix.arch }}"`); a flag's is its value.
      if (role !== 'platform' || (before[2] === ' ' && !before[1].startsWith('-'))) continue;
      roles.set(m[1], 'arch');
      docker(m[1]);
      const at = jobStart + m.index - goOs.length - 1;
      addOs(m[1], token(text, at, at + goOs.length));
      continue;
    }
    if (again && role !== 'arch') continue;
    // `platforms: ${{ matrix.os }}/${{ matrix.arch }}`: an os axis and an arch axis.
    const arch = role === 'platform' ? MATRIX_ARCH_AFTER.exec(src.slice(m.index + m[0].length, m.index + m[0].length + 60)) : null;
    if (arch && !again && !roles.has(arch[1])) {
      roles.set(m[1], 'os');
      roles.set(arch[1], 'arch');
      docker(arch[1]);
      continue;
    }
    if (!again) roles.set(m[1], role);
    if (!again && whole) (roles.flag ??= new Set()).add(m[1]);
    // GOOS=darwin GOARCH=${{ matrix.goarch }}: the arches are darwin's.
    if (role === 'arch') {
      let to = m.index + m[0].length;
      const stop = Math.min(src.length, to + REF_LINE_AFTER);
      while (to < stop && src.charCodeAt(to) !== 10) to++;
      const line = src.slice(from, to);
      const goos = GOOS_ON_LINE.exec(line);
      if (goos && goos[2].length > 0) {
        const at = jobStart + from + goos.index + goos[0].length - goos[1].length - goos[2].length;
        addOs(m[1], token(text, at, at + goos[2].length));
      } else if (before[2] === ':' && (from === 0 || src.charCodeAt(from - 1) === 10)) {
        // `GOOS: darwin` beside `GOARCH: ${{ matrix.arch }}` in a step's env.
        const at = siblingValue(src, from);
        if (at) addOs(m[1], token(text, jobStart + at.start, jobStart + at.end));
      }
    }
  }
  // `env: *go`, the alias of an env map anchored over `GOOS: ${{ matrix.goos }}` (another step's or
  // another job's): the same map, given to this step or to this job's steps (QA 259 B3).
  if (ref === MATRIX_REF && mayHaveAlias(src)) {
    ENV_ALIAS_LINE.lastIndex = 0;
    for (let m = ENV_ALIAS_LINE.exec(src); m; m = ENV_ALIAS_LINE.exec(src)) {
      const ls = m.index === 0 ? text.lastIndexOf('\n', jobStart - 1) + 1 : jobStart + m.index;
      const axis = anchoredEnvAxis(text, m[1], ls);
      if (!axis || (roles.has(axis.key) && roles.get(axis.key) !== 'os')) continue;
      roles.set(axis.key, 'os');
      const found = archFound(axis.key);
      // (The anchored map's own `GOARCH: "386"`, built with this job's axis too.)
      siblingArch(text, axis.line, 0, found);
      readSteps(axis.key, stepsGiven(text, ls, text.lastIndexOf('\n', jobStart - 1) + 1, jobStart, jobEnd, memo()), found);
    }
  }
  // (An axis used in a triple and also as GOARCH=… is checked as that.)
  for (const k of roles.triple ?? []) if (roles.has(k)) roles.triple!.delete(k);
  return roles;
}

/** The anchors of the text last asked about (see anchorMarks). */
let marksOf: { text: string; marks: Map<string, number[]> } | undefined;

/**
 * Where each anchor of a text is (its `&`), by name, in order: read once for every alias of it
 * (a hostile file of 5,000 anchors and as many aliases took 5 s when each alias looked back for its own).
 */
function anchorMarks(text: string): Map<string, number[]> {
  if (marksOf?.text === text) return marksOf.marks;
  const marks = new Map<string, number[]>();
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m; m = ANCHOR.exec(text)) {
    const at = m.index + m[0].length - m[1].length - 1;
    const list = marks.get(m[1]);
    if (list) list.push(at);
    else marks.set(m[1], [at]);
  }
  marksOf = { text, marks };
  return marks;
}

/** A step's or a job's `env:` whose value is an alias, on its line: `env: *go` (the anchor's name). */
const ENV_ALIAS_LINE = /^[ \t]*(?:-[ \t]+)?env[ \t]*:[ \t]*\*([^\s,[\]{}#]+)[ \t]*(?:#.*)?\r?$/gm;
/** `GOOS: ${{ … }}` as a line of a block mapping, from its key on: the expression (an axis, see MATRIX_VALUE). */
const GOOS_EXPRESSION_KEY = /^GOOS[ \t]*:[ \t]*(["']?)(\$\{\{[^}\r\n]*\}\})\1[ \t]*(?:#.*)?\r?$/;
/** How many lines of an anchored env map are read for its GOOS. */
const ENV_MAP_LINES = 200;

/**
 * The matrix axis the env map anchored as `name` gives GOOS (`env: &go` over `GOOS: ${{
 * matrix.goos }}`), for an alias of it at `at` (the last anchor of that name before it, as YAML
 * binds it), with the line of that GOOS key; undefined if the anchor is no block env map or sets
 * no GOOS from the matrix.
 */
function anchoredEnvAxis(text: string, name: string, at: number): { key: string; line: number } | undefined {
  const marks = anchorMarks(text).get(name);
  if (!marks || marks[0] > at) return undefined;
  // (The last one before `at`: a file may anchor one name thousands of times.)
  const a = marks[lastAtOrBefore(marks, at)];
  const ls = text.lastIndexOf('\n', a - 1) + 1;
  const env = keyOfLine(text, ls);
  if (!isEnvLine(text, ls)) return undefined;
  let line = text.indexOf('\n', ls) + 1;
  for (let n = 0; line > 0 && line < text.length && n < ENV_MAP_LINES; n++) {
    const k = keyOfLine(text, line);
    // (The map ends at a line left of its keys, or at an item at their column: as mappingEnd, within its lines read.)
    if (!k.empty && (k.col <= env.col || (k.item && k.col === env.col + 1))) return undefined;
    let nl = text.indexOf('\n', line);
    if (nl < 0) nl = text.length;
    const value = !k.empty && !k.item && text.startsWith('GOOS', k.key) ? GOOS_EXPRESSION_KEY.exec(text.slice(k.key, nl))?.[2] : undefined;
    const axis = value === undefined ? undefined : MATRIX_VALUE.exec(value);
    if (axis) return { key: axis[1], line };
    line = nl + 1;
  }
  return undefined;
}

/** The os an include entry gives the combinations it matches, with their arches (see includedOses). */
interface IncludedOs {
  os: Token[];
  arches: Token[];
}

/**
 * GitHub's rule for a matrix include entry that changes no value of the matrix's axes: its other
 * keys go into every combination whose values it matches. An entry that sets a key the job uses as
 * GOOS (`- os: macos-14` with `target_os: darwin`, in a matrix with an arch axis and no os axis)
 * gives that os to those combinations: it is built with their arches, those no exclude entry
 * leaves out. `covers`: every combination gets an os from an entry (the arches are not built alone).
 * Undefined when no entry gives one.
 */
function includedOses(ctx: Ctx, keys: Map<string, YNode | undefined>, archKey: string, arches: readonly Token[]): { entries: IncludedOs[]; covers: boolean; read: Set<YNode> } | undefined {
  const include = keys.get('include');
  if (include?.kind !== 'seq' || !ctx.matrixRoles) return undefined;
  const axisValues = (k: string): (string | undefined)[] => {
    const axis = keys.get(k);
    return axis?.kind === 'seq' ? axis.items.map(scalarText) : [scalarText(axis)];
  };
  const exclude = keys.get('exclude');
  /**
   * The arches exclude entries leave out of every combination with the values of `filter` ('all'
   * for an entry that names no arch). One pass over the entries: a matrix may have thousands.
   */
  const excludedArches = (filter: ReadonlyMap<string, string>): Set<string> | 'all' => {
    const out = new Set<string>();
    if (exclude?.kind !== 'seq') return out;
    for (const x of exclude.items) {
      if (x?.kind !== 'map') continue;
      let arch: string | undefined;
      const matches = x.items.every((p) => {
        const v = scalarText(p.value);
        if (v === undefined) return false;
        if (p.key === archKey) {
          arch = v;
          return true;
        }
        const f = filter.get(p.key);
        if (f !== undefined) return f === v;
        // (An axis of one value: every combination has it.)
        const values = axisValues(p.key);
        return values.length === 1 && values[0] === v;
      });
      if (!matches) continue;
      if (arch === undefined) return 'all';
      out.add(arch);
    }
    return out;
  };
  const excluded = (out: Set<string> | 'all', arch: string): boolean => out === 'all' || out.has(arch);
  const entries: IncludedOs[] = [];
  /** The entries read here (not paired again with every arch of the axis). */
  const read = new Set<YNode>();
  /** The values of the one axis the entries match on, or 'all' once an entry matches every combination. */
  let matched: Set<string> | 'all' | undefined;
  let matchedKey: string | undefined;
  let oneAxis = true;
  for (const item of include.items) {
    if (item?.kind !== 'map') continue;
    const osPair = item.items.find((p) => !keys.has(p.key) && ctx.matrixRoles!.get(p.key) === 'os');
    if (!osPair) continue;
    const filter = new Map<string, string>();
    let fits = true;
    for (const p of item.items) {
      if (!keys.has(p.key) || p.key === 'include' || p.key === 'exclude') continue;
      const v = scalarText(p.value);
      if (v === undefined || !axisValues(p.key).includes(v)) fits = false;
      else filter.set(p.key, v);
    }
    const named = nameTokens(osPair.value, ctx);
    // A word that is no name (`wind`, `macos`) is what the job sets GOOS to: judged, as `GOOS: wind` is.
    const linked = linkedNames(named, osPair.key, 'os', ctx);
    const os = linked.length > 0 ? linked : named;
    if (!fits) {
      // An entry that changes a value is a combination of its own: its os with its own arch, if it sets one.
      const own = linkedNames(nameTokens(get(item, archKey), ctx), archKey, 'arch', ctx);
      if (os.length > 0 && own.length > 0) {
        read.add(item);
        entries.push({ os: os.slice(0, 1), arches: own.slice(0, 1) });
      }
      continue;
    }
    read.add(item);
    const archFilter = filter.get(archKey);
    if (os.length > 0) {
      // (An entry that names the arch too is judged at its own: `target_arch: 386` beside `target_os: darwin`.)
      const own = archFilter === undefined ? [] : linkedNames(nameTokens(get(item, archKey), ctx), archKey, 'arch', ctx);
      const out = excludedArches(filter);
      const built = own.length > 0 ? (excluded(out, archFilter!) ? [] : own.slice(0, 1)) : arches.filter((t) => !t.repeatOf && (archFilter === undefined || t.text === archFilter) && !excluded(out, t.text));
      // Entries that give the same os to the same arches are one (hundreds of `- os: r, t: linux`).
      const same = entries.find((e) => e.os[0].text === os[0].text && e.arches.length === built.length && e.arches.every((t, k) => t === built[k]));
      if (!same) entries.push({ os: os.slice(0, 1), arches: built });
    }
    if (archFilter !== undefined || matched === 'all') continue;
    if (filter.size === 0) matched = 'all';
    else if (filter.size === 1 && (matchedKey === undefined || filter.has(matchedKey))) {
      matchedKey = [...filter.keys()][0];
      const values: Set<string> = matched instanceof Set ? matched : (matched = new Set());
      values.add(filter.get(matchedKey)!);
    } else oneAxis = false;
  }
  if (read.size === 0) return undefined;
  const covers = matched === 'all' || (oneAxis && matched !== undefined && matchedKey !== undefined && axisValues(matchedKey).every((v) => v !== undefined && matched instanceof Set && matched.has(v)));
  return { entries, covers, read };
}

/**
 * A mapping with GOOS/GOARCH-like keys: one pair, or the cross product of lists (workflow matrices,
 * goreleaser builds, GitLab parallel matrices), minus exclude/ignore entries, plus include entries.
 */
function pairMapping(
  ctx: Ctx,
  keys: Map<string, YNode | undefined>,
  osKey: string | undefined,
  archKey: string | undefined,
  variantKey: string | undefined,
  /** The os and arch names its merge key takes in, for the keys it does not set itself. */
  merged?: MergedNames,
  /** The mapping itself, where an exclude entry may be added. */
  node?: YMap,
): void {
  // goreleaser's `targets:` merged in (`<<: *base`) replace the build's goos and goarch: none of those is built.
  if (merged?.targets && !keys.has('targets') && ctx.flavour === 'goreleaser' && ctx.path[0] === 'builds') return;
  // `goos: *oses`, an anchored list of os names: the axis's names, as if merged in.
  const osValue = osKey && ctx.osLists ? keys.get(osKey) : undefined;
  const aliasedOses = osValue?.kind === 'scalar' && osValue.style === 'ALIAS' ? ctx.osLists!.get(aliasName(osValue, ctx.text)) : undefined;
  if (aliasedOses) merged = { ...merged, oses: aliasedOses };
  // (And in goreleaser `goarch: *arches`.)
  const archValue = archKey && ctx.archLists ? keys.get(archKey) : undefined;
  const aliasedArches = archValue?.kind === 'scalar' && archValue.style === 'ALIAS' ? ctx.archLists!.get(aliasName(archValue, ctx.text)) : undefined;
  if (aliasedArches) merged = { ...merged, arches: aliasedArches };
  // A matrix's product runs a job for every pair (GitHub's `matrix`, CodeBuild's `build-matrix`).
  // (A matrix with an `exclude` keyword, a workflow's or CircleCI's, is a 'matrix'; GitLab's and the others' have none.)
  const context = ctx.path.some((k) => MATRIX_KEY.test(k)) ? (ctx.flavour === 'github-workflow' || ctx.path.includes('workflows') ? 'matrix' : 'matrix without exclude') : osKey && archKey ? `${osKey}/${archKey}` : (osKey ?? archKey ?? '');
  const oses = osKey ? markRepeats(linkedNames(nameTokens(keys.get(osKey), ctx), osKey, 'os', ctx)) : [];
  const arches = archKey ? markRepeats(linkedNames(nameTokens(keys.get(archKey), ctx), archKey, 'arch', ctx)) : [];
  // `GOOS: ${{ matrix.goos }}` beside `GOARCH: "386"`: the matrix's os axis makes the pairs (see fixedArches).
  if (osKey !== undefined && oses.length === 0 && arches.length > 0 && osAxisBuilds(MATRIX_VALUE.exec((scalarText(keys.get(osKey)) ?? '').trim())?.[1], arches, ctx)) return;
  // `GOARCH: arm` in a step's env, where the job's sets `GOOS: ${{ matrix.goos }}` (see envGivenTo).
  if (osKey === undefined && arches.length > 0 && ctx.env?.osAxis !== undefined && envMapOf(ctx) && osAxisBuilds(ctx.env.osAxis, arches, ctx)) return;
  // An arch axis the job writes after its os: `--platform linux/${{ matrix.arch }}`.
  // Or the job's env sets GOOS: `env: {GOOS: windows}` with `GOARCH: ${{ matrix.goarch }}`.
  const fixedOses = osKey === undefined && archKey !== undefined && inMatrixAxis(ctx) ? (ctx.matrixRoles?.os?.get(archKey) ?? (ctx.env?.os ? [ctx.env.os] : undefined)) : undefined;
  const fixedOsName = osKey === undefined && archKey !== undefined && !fixedOses && inMatrixAxis(ctx) ? ctx.env?.osName : undefined;
  // An os axis the job builds with an arch it writes: `GOOS=${{ matrix.goos }} GOARCH=arm`.
  const fixedArches = osKey !== undefined && inMatrixAxis(ctx) ? ctx.matrixRoles?.arches?.get(osKey) : undefined;
  // Include entries that give an os to the combinations they match (`- os: macos-14` with `target_os: darwin`).
  const included = osKey === undefined && archKey !== undefined && !fixedOses && ctx.flavour === 'github-workflow' && inMatrixAxis(ctx) ? includedOses(ctx, keys, archKey, arches) : undefined;
  const first = ctx.sink.mentions.length;
  const variantValue = variantKey ? keys.get(variantKey) : undefined;
  const variant = scalarText(variantValue?.kind === 'seq' ? variantValue.items[0] : variantValue);
  /** The variants the mapping writes for `arch`: its arch's own key (goarm for arm; not goamd64), else a plain `variant:`. */
  const written = (arch: string | undefined): string | readonly string[] | undefined => {
    const own = VARIANT_KEY.get(arch);
    const values = own ? variantValues(keys, own.key) : undefined;
    if (values) return values.length > 1 ? values : values[0];
    return variantKey !== undefined && !GO_VARIANT_KEYS.has(variantKey.toLowerCase()) ? variant : undefined;
  };
  const ok = osKey ?? 'goos';
  const ak = archKey ?? 'goarch';
  // The values of exclude and ignore entries are never reported, typos included (the contract's
  // convention: they name what is not built); only what is built is judged.
  const own = (k: string) => k === ok || k === ak || roleOf(k) === 'variant';
  // (A list merged in, `<<: *defaults` whose mapping has `ignore:`, where the mapping has none of its own.)
  const mergedLeftOut = merged?.leavesOut && !keys.has('exclude') && !keys.has('ignore') ? (merged.leftOut ?? 'unread') : undefined;
  // (And an ignore list given by its alias, `ignore: *ign`, whose anchored entries are read.)
  const ignore = keys.get('ignore');
  // (Or a matrix's exclude list, `exclude: *ex`: its entries' other keys are not read, so each
  // leaves its pair out whole.)
  const aliasedList = (node: YNode | undefined): readonly Entry[] | undefined => {
    const got = node?.kind === 'scalar' && node.style === 'ALIAS' ? ctx.leftOutLists?.get(aliasName(node, ctx.text)) : undefined;
    return got !== undefined && isEntryList(got) ? got : undefined;
  };
  const aliasedIgnore = aliasedList(ignore);
  const aliasedExclude = aliasedList(keys.get('exclude'));
  const excluded = [...entries(wholeEntries(keys.get('exclude'), keys, own), ok, ak, ctx.text, ctx.leftOutLists), ...entries(ignore, ok, ak, ctx.text, ctx.leftOutLists), ...entries(wholeEntries(ctx.siblingExclude, keys, own), ok, ak, ctx.text, ctx.leftOutLists), ...(Array.isArray(mergedLeftOut) ? mergedLeftOut : []), ...(aliasedIgnore ?? []), ...(aliasedExclude ?? [])];
  const goreleaserBuild = ctx.flavour === 'goreleaser' && ctx.path[0] === 'builds';
  const envMap = envMapOf(ctx);
  /** The variants of os/arch left out by entries that name one (undefined: the pair is left out whole). */
  // Many entries (a matrix of 1,000 × 1,000 with 2,000 excludes): those that may match a pair are
  // found by its names, not by reading every entry for each pair.
  let byNames: Map<string, Entry[]> | undefined;
  const candidates = (os: string | undefined, arch: string | undefined): readonly Entry[] => {
    if (excluded.length <= MANY_ENTRIES) return excluded;
    if (!byNames) {
      byNames = new Map();
      for (const x of excluded) {
        const k = `${x.os === undefined ? '*' : `o${x.os}`}\u0000${x.arch === undefined ? '*' : `a${x.arch}`}`;
        const list = byNames.get(k);
        if (list) list.push(x);
        else byNames.set(k, [x]);
      }
    }
    const out: Entry[] = [];
    for (const o of os === undefined ? ['*'] : [`o${os}`, '*']) {
      for (const a of arch === undefined ? ['*'] : [`a${arch}`, '*']) {
        const list = byNames.get(`${o}\u0000${a}`);
        if (list) for (const x of list) out.push(x);
      }
    }
    return out;
  };
  const leftOut = (os: string | undefined, arch: string | undefined): Set<string> | undefined => {
    const vk = VARIANT_KEY.get(arch);
    const covered = new Set<string>();
    for (const x of candidates(os, arch)) {
      if ((x.os === undefined && x.arch === undefined) || (x.os !== undefined && x.os !== os) || (x.arch !== undefined && x.arch !== arch)) continue;
      if (x.variants.length === 0) return undefined;
      // {goos: linux, goarch: arm, goarm: "6"} leaves out linux/arm/v6 only; a variant key of
      // another arch (goarm on amd64) matches nothing.
      if (vk && x.variants.every(([k]) => k === vk.key)) for (const [, v] of x.variants) covered.add(v);
    }
    return covered;
  };
  /** The variants built for os/arch, when the mapping says (or goreleaser's default). */
  const builtVariants = (arch: string | undefined): string[] | undefined => {
    const vk = VARIANT_KEY.get(arch);
    return vk && (variantValues(keys, vk.key) ?? (goreleaserBuild ? [vk.goreleaserDefault] : undefined));
  };
  // An exclude or ignore list given by an alias, or with an alias for an entry, leaves out what is
  // not read here; so does one merged in (`<<: *ignore` over `ignore: […]`). Any pair of Go's
  // names may be one of those (`ignore: *ign` with `{goos: linux, goarch: arm}`): only the names
  // that are none of Go's are judged then.
  const unread = (aliasedEntries(keys.get('exclude'), ctx.text, ctx.leftOutLists) && !aliasedExclude) || (aliasedEntries(ignore, ctx.text, ctx.leftOutLists) && !aliasedIgnore) || mergedLeftOut === 'unread';
  const isExcluded = (os: string | undefined, arch: string | undefined): boolean => {
    if (unread && os !== undefined && arch !== undefined && isGoOs(os) && isGoArch(arch)) return true;
    const out = leftOut(os, arch);
    if (out === undefined) return true;
    if (out.size === 0) return false;
    const built = builtVariants(arch);
    return built === undefined || built.every((v) => out.has(v));
  };
  /** The variants a pair is built with: the mapping's that no entry leaves out. */
  const variantOf = (os: string | undefined, arch: string | undefined): string | readonly string[] | undefined => {
    const out = leftOut(os, arch);
    const kept = out && out.size > 0 ? builtVariants(arch)?.filter((v) => !out.has(v)) : undefined;
    return kept && kept.length > 0 ? (kept.length > 1 ? kept : kept[0]) : written(arch);
  };
  /** A key the mapping sets to what is not read here (a template, an alias of no literal list): its names are not goreleaser's defaults. */
  const unreadAxis = (key: string | undefined, tokens: readonly Token[], names: readonly string[] | undefined): boolean => key !== undefined && keys.get(key) !== undefined && tokens.length === 0 && names === undefined;
  const osUnread = unreadAxis(osKey, oses, merged?.oses);
  if (goreleaserBuild && (osUnread || unreadAxis(archKey, arches, merged?.arches))) {
    // `goarch: "{{ .Env.ARCH }}"`, `goarch: *elsewhere`: which pairs are built is not known; the
    // names written beside it are judged each alone.
    // (An arch with no goos known is only a name: a typo of one is judged, not linux/arm.)
    for (const t of oses) ctx.sink.add({ kind: 'pair', os: t, product: true, context: 'goreleaser build' });
    for (const t of arches) if (!osUnread || !isGoArch(t.text.toLowerCase())) ctx.sink.add({ kind: 'pair', arch: t, product: true, context: 'goreleaser build' });
  } else if (goreleaserBuild && (oses.length === 0 || arches.length === 0)) {
    // goreleaser builds every default goos × goarch that is not set (or that an anchor merged in sets).
    const before = ctx.sink.mentions.length;
    const osNames = oses.length > 0 ? oses.map((t) => t.text) : (merged?.oses ?? GORELEASER_DEFAULT_GOOS);
    const archNames = arches.length > 0 ? arches.map((t) => t.text) : (merged?.arches ?? GORELEASER_DEFAULT_GOARCH);
    for (const os of osNames) {
      for (const arch of archNames) {
        if (isExcluded(os, arch)) continue;
        const osTok = oses.find((t) => t.text === os);
        const archTok = arches.find((t) => t.text === arch);
        const v = variantOf(os, arch);
        ctx.sink.add({
          kind: 'pair',
          ...(osTok ? { os: osTok } : { osName: os }),
          ...(archTok ? { arch: archTok } : { archName: arch }),
          ...variantFields(v),
          product: true,
          context: 'goreleaser build',
        });
      }
    }
    // The pairs above name each value by its first token: a repeat (goos: [linux, darwin, linux])
    // is judged on its own, so it is still reported.
    for (const t of oses) if (t.repeatOf) ctx.sink.add({ kind: 'pair', os: t, product: true, context: 'goreleaser build' });
    for (const t of arches) if (t.repeatOf) ctx.sink.add({ kind: 'pair', arch: t, product: true, context: 'goreleaser build' });
    // `<<: *mac` (goos: [darwin]) beside `goarch: [amd64, "386"]` builds nothing for 386.
    if ((oses.length === 0 && merged?.oses) || (arches.length === 0 && merged?.arches)) markDeadValues(ctx.sink.mentions, before, osNames, archNames, isExcluded);
  } else {
    const before = ctx.sink.mentions.length;
    // A step's `env: {GOARCH: arm}` under a job's `env: {GOOS: darwin}`: the build sees both.
    // A CircleCI command's arguments (`- cross-build: {goarch: "386"}`) run in the job's environment too.
    const outer = ENV_MAP_KEYS.has(ctx.path[ctx.path.length - 1] ?? '') || azureMatrixLeg(ctx) || commandArguments(ctx) ? ctx.env : undefined;
    // (Or the file's top-level environment, in another block: a name, no token.)
    let implied: { os?: string; arch?: string } | undefined;
    // The map's own, merged in from an anchor (`<<: *win` beside `GOARCH: arm`), go first.
    const mergedOs = oses.length === 0 && arches.length > 0 ? merged?.oses : undefined;
    const mergedArch = arches.length === 0 && oses.length > 0 ? merged?.arches : undefined;
    if (mergedOs || mergedArch) {
      for (const os of mergedOs ?? [undefined]) for (const arch of mergedArch ?? [undefined]) emitPairs(ctx.sink, oses, arches, excluded.length > 0 ? variantOf : (_, a) => written(a), context, isExcluded, { ...(os ? { os } : {}), ...(arch ? { arch } : {}) });
    } else {
      /** One os the job writes before the axis (`windows/${{ matrix.a }}`): each arch of the axis is a job of its own. */
      let alone = false;
      /** The arches come from the job's commands, not from an axis (see fixedArches). */
      let commandArches = false;
      if (fixedOses && oses.length === 0 && arches.length > 0) {
        oses.push(...fixedOses);
        alone = fixedOses.length === 1;
      } else if (fixedArches && arches.length === 0 && oses.length > 0) {
        arches.push(...fixedArches);
        commandArches = true;
      } else if (outer?.os && oses.length === 0 && arches.length > 0) oses.push(outer.os);
      else if (outer?.arch && arches.length === 0 && oses.length > 0) arches.push(outer.arch);
      else if (fixedOsName && oses.length === 0 && arches.length > 0) implied = { os: fixedOsName };
      else implied = impliedNames(outer, oses, arches);
      const from = ctx.sink.mentions.length;
      // (Every combination has an os from an include entry: the arches are built with those, below.)
      if (commandArches) {
        emitBuilt(ctx.sink, oses, arches, excluded.length > 0 ? variantOf : (_, a) => written(a), context, isExcluded, implied);
        // An include entry that adds an os the axis does not hold (`include: [{goos: darwin}]`) is
        // a job of its own, built with the same arches (QA 259).
        // (Or one the exclude entries leave out whole and an include entry adds back: GitHub applies include last.)
        const held = excluded.length > 0 ? oses.filter((t) => !arches.every((a) => isExcluded(t.text, a.text))) : oses;
        const added = addedOses(keys.get('include'), ok, held, ctx);
        if (added.length > 0) emitBuilt(ctx.sink, added, arches, (_, a) => written(a), context);
      }
      else if (!(included?.covers && oses.length === 0)) emitPairs(ctx.sink, oses, arches, excluded.length > 0 ? variantOf : (_, a) => written(a), context, isExcluded, implied);
      // A matrix's value that makes no valid pair with any value of the other axis (plan9 beside
      // arches linux builds) is the one that is wrong: its pairs are said at it, once.
      if (!goreleaserBuild && !commandArches && context.startsWith('matrix') && oses.length > 0 && arches.length > 0) markDeadValues(ctx.sink.mentions, from, oses.map((t) => t.text), arches.map((t) => t.text), isExcluded, undefined, ctx.sink.mentions.length);
      // An environment's GOARCH that holds a list beside one GOOS (`GOOS: darwin`, `GOARCH: "arm64
      // arm"`): a script builds each with that GOOS, as the shell's `GOOS=darwin GOARCH="arm64 arm"`.
      if (oses.length === 1 && arches.length > 1 && ENV_MAP_KEYS.has(ctx.path[ctx.path.length - 1] ?? '') && !context.startsWith('matrix')) eachBuilt(ctx.sink.mentions, from);
      for (const entry of included?.entries ?? []) emitPairs(ctx.sink, entry.os, entry.arches, (_, a) => written(a), context);
      // Beside an arch axis, the arches the job's commands write with the os axis make pairs too.
      const fromCommands = commandArches ? from : ctx.sink.mentions.length;
      if (fixedArches && !commandArches && oses.length > 0) emitBuilt(ctx.sink, oses, fixedArches, undefined, context, isExcluded);
      // An arch the command writes is no axis's value: a pair it makes is judged as the command's
      // (darwin/arm at its `arm`, with darwin's arches to write instead), not as a product's.
      for (let k = fromCommands; k < ctx.sink.mentions.length; k++) {
        const m = ctx.sink.mentions[k];
        if (m.kind === 'pair') ctx.sink.mentions[k] = { ...m, product: false };
      }
      // No other axis to exclude against: an arch that makes no pair with that os is an item of
      // the axis to fix or remove, as in a list (with what the axis holds, for its suggestions).
      if (alone) {
        const names = arches.map((t) => t.text);
        for (let k = from; k < ctx.sink.mentions.length; k++) {
          const m = ctx.sink.mentions[k];
          if (m.kind === 'pair' && m.arch) ctx.sink.mentions[k] = { ...m, product: false, arch: { ...m.arch, inList: names } };
        }
      }
    }
    if (goreleaserBuild) markDeadValues(ctx.sink.mentions, before, [...oses.map((t) => t.text), ...(mergedOs ?? [])], [...arches.map((t) => t.text), ...(mergedArch ?? [])], isExcluded, { oses: aliasPartners(ctx, archKey ? keys.get(archKey) : undefined), arches: aliasPartners(ctx, osKey ? keys.get(osKey) : undefined) });
  }
  variantsApart(ctx, keys, variantKey, first);
  // Where an entry that leaves one pair out would go: a workflow matrix's exclude, a goreleaser build's ignore.
  const listKey = ctx.flavour === 'github-workflow' && context === 'matrix' ? 'exclude' : goreleaserBuild ? 'ignore' : undefined;
  // (goreleaser's keys are goos and goarch, also where a build leaves its defaults.)
  // (Elsewhere, a GitLab job's parallel matrix, no entry leaves a pair out: a value built with others is marked all the same.)
  if (node && (goreleaserBuild || (osKey && archKey))) markExcludeSpots(ctx.text, ctx.sink.mentions, first, node, listKey, ok, ak, listKey === 'exclude' ? includedPairs(keys.get('include'), ok, ak) : undefined);
  // include: explicit combinations. An entry that sets a key the matrix has no axis for, and
  // changes no value of the axes it has, goes into every combination (GitHub's rule): with
  // `goos: [darwin, windows]`, `- goarch: arm` builds darwin/arm and windows/arm. Otherwise a
  // lone value new to the matrix is a combination of its own.
  const include = keys.get('include');
  if (include?.kind === 'seq') {
    const conda = condaIncludeKeys(include);
    /** Whether an include entry changes no value of the matrix's own axes (other than os and arch). */
    const fitsEvery = (item: YMap): boolean =>
      item.items.every((p) => {
        if (p.key === ok || p.key === ak || !keys.has(p.key) || p.key === 'include' || p.key === 'exclude') return true;
        const axis = keys.get(p.key);
        const v = scalarText(p.value);
        const values = axis?.kind === 'seq' ? axis.items.map(scalarText) : [scalarText(axis)];
        return v !== undefined && values.includes(v);
      });
    for (const item of include.items) {
      if (item?.kind !== 'map') continue;
      // (An entry that gives an os to the combinations it matches: paired above, with their arches.)
      const paired = included?.read.has(item) === true;
      const osT = paired ? [] : linkedNames(nameTokens(get(item, ok), ctx), ok, 'os', ctx);
      const archT = paired ? [] : linkedNames(nameTokens(get(item, ak), ctx), ak, 'arch', ctx);
      const known = (ts: Token[], all: Token[]) => ts.every((t) => all.some((b) => b.text === t.text));
      // With every combination: an entry for a key the matrix has no axis for (above), or one that
      // refines the combinations of a value the matrix has (`- goarch: arm` with `goarm: "7"`),
      // judged with them so that each place a removed platform is written says so.
      const everyOs = osT.length === 0 && archT.length > 0 && ((!keys.has(ak) && oses.length > 0 && fitsEvery(item)) || known(archT, arches));
      const everyArch = archT.length === 0 && osT.length > 0 && ((!keys.has(ok) && arches.length > 0 && fitsEvery(item)) || known(osT, oses));
      if (osT.length > 0 && archT.length > 0) {
        // An entry of its own (not a refinement of a combination the axes make): its removal drops
        // this platform alone. (Not the list's only entry, nor an anchored list another job may alias.)
        const entry = !(known(osT, oses) && known(archT, arches)) && include.items.length > 1 && !anchoredList(ctx.text, include) ? seqItemRange(ctx.text, item.start, item.end, include.flow) : undefined;
        const mark = (t: Token): Token => (entry ? { ...t, remove: entry, entry: true } : t);
        emitPairs(ctx.sink, [mark(osT[0])], [mark(archT[0])], undefined, 'matrix include');
      }
      // (A value the axes have not, which an exclude entry cannot take out: GitHub applies exclude first.)
      else if (everyOs) emitPairs(ctx.sink, oses.filter((t) => !t.repeatOf && !isExcluded(t.text, archT[0].text)), archT.slice(0, 1), undefined, keys.has(ak) ? context : INCLUDED_EVERYWHERE);
      else if (everyArch) emitPairs(ctx.sink, osT.slice(0, 1), arches.filter((t) => !t.repeatOf && !isExcluded(osT[0].text, t.text)), undefined, keys.has(ok) ? context : INCLUDED_EVERYWHERE);
      else if (osT.length > 0) emitPairs(ctx.sink, osT.slice(0, 1), [], undefined, 'matrix include');
      else if (archT.length > 0) emitPairs(ctx.sink, fixedOses ?? [], archT.slice(0, 1), undefined, 'matrix include', undefined, fixedOsName ? { os: fixedOsName } : undefined);
      for (const p of item.items) {
        if (p.key === ok || p.key === ak || !p.value) continue;
        if (roleOf(p.key) !== 'platform') continue;
        // (A conda subdir, `linux-aarch64` beside `osx-64` in other entries: conda's spelling, no alias of ours.)
        const foreign = conda?.has(p.key) ? ctx.sink.newList() : undefined;
        if (foreign !== undefined) ctx.sink.foreignLists.add(foreign);
        platformValue(p.value, { ...ctx, path: [...ctx.path, 'include'] }, p.key, foreign);
      }
    }
  }
  // An OCI platform object's `architecture` (an image index, a manifest-tool spec) is read as
  // container runtimes read it: `aarch64` is arm64 (a hint), `armhf` arm/v7.
  if (archKey !== undefined && ctx.matrixRoles?.docker?.has(archKey) && inMatrixAxis(ctx)) dockerArches(ctx.sink.mentions, first, new Set(arches.map((t) => t.start)));
  else if (archKey !== undefined && archKey.toLowerCase() === 'architecture' && inPlatformMapping(ctx)) dockerArches(ctx.sink.mentions, first);
  // A matrix axis named as BuildKit's TARGETARCH that no command gives to GOARCH (kubewarden's
  // `targetarch: [aarch64, x86_64]`, in file names and Rust triples): its aliases are read by what
  // they name, and they are the file's own spelling, not Go's misspelt.
  else if (archKey !== undefined && TARGET_ARCH_KEY.test(archKey) && inMatrixAxis(ctx) && ctx.matrixRoles?.get(archKey) !== 'arch') dockerArches(ctx.sink.mentions, first, new Set(arches.map((t) => t.start)), true);
  // GitLab's `parallel: matrix:` sets its keys as the job's variables: a `GOARCH` axis is Go's own
  // (`GOARCH: [amd64, armv6]`: armv6 is no Go architecture, as in a script's `GOARCH=armv6`).
  if (archKey === 'GOARCH' && ctx.flavour === 'gitlab-ci' && ctx.path.includes('parallel')) {
    for (let k = first; k < ctx.sink.mentions.length; k++) {
      const m = ctx.sink.mentions[k];
      if (m.kind === 'pair' && m.arch) m.goVariable = true;
    }
  }
  // An axis anchored here and aliased elsewhere beside other names (`goarch: &arches [amd64, arm]`
  // in a linux job, `goos: [darwin]` beside `goarch: *arches` in another): built with those too.
  if (ctx.partners) {
    pairAnchoredAxis(ctx, osKey ? keys.get(osKey) : undefined, oses, 'os', arches, isExcluded);
    pairAnchoredAxis(ctx, archKey ? keys.get(archKey) : undefined, arches, 'arch', oses, isExcluded);
  }
  // A goreleaser build anchored whole (`- &base`) and merged by others that set the other half:
  // its names are built with theirs too, but what its ignore (which they take in) leaves out and
  // the pairs Go does not build (goreleaser skips them).
  const merging = (goreleaserBuild || envMap) && node ? ctx.mergePartners?.get(anchorBefore(ctx.text, node.start) ?? '') : undefined;
  if (merging && envMap) {
    // An environment anchored whole (`variables: &arm-vars` with `GOARCH: arm`) and merged by jobs
    // that set their GOOS (`GOOS: linux`): each such job builds that pair, found on the GOARCH
    // written here. (A job that sets its GOARCH has its own to blame, judged there; so has one
    // whose GOOS makes no pair Go builds, `GOOS: windows` over `GOARCH: arm`.)
    const invalid = (os: string | undefined, arch: string | undefined) => os !== undefined && arch !== undefined && !isValidPair(os, resolveArch(arch)?.arch ?? arch);
    for (const os of merging.oses ?? []) if (!oses.some((t) => t.text === os)) emitPairs(ctx.sink, [], arches.filter((t) => !t.repeatOf), variantOf, `GOOS/${ak}`, (o, a) => isExcluded(o, a) || invalid(o, a), { os });
  } else if (merging) {
    const invalid = (os: string | undefined, arch: string | undefined) => os !== undefined && arch !== undefined && !isValidPair(os, resolveArch(arch)?.arch ?? arch);
    const left = (os: string | undefined, arch: string | undefined) => isExcluded(os, arch) || invalid(os, arch);
    const ownOses = oses.filter((t) => !t.repeatOf);
    const ownArches = arches.filter((t) => !t.repeatOf);
    for (const os of merging.oses ?? []) if (!oses.some((t) => t.text === os)) emitPairs(ctx.sink, [], ownArches, variantOf, 'goreleaser build', left, { os });
    for (const arch of merging.arches ?? []) if (!arches.some((t) => t.text === arch)) emitPairs(ctx.sink, ownOses, [], variantOf, 'goreleaser build', left, { arch });
    // A merging build with its own ignore list builds what this one ignores, less what its list
    // leaves out (an entry's variant aside: it leaves its pair out whole).
    for (const b of merging.ignoring ?? []) {
      const ignored = (os: string | undefined, arch: string | undefined) => invalid(os, arch) || b.leftOut.some((x) => (x.os !== undefined || x.arch !== undefined) && (x.os === undefined || x.os === os) && (x.arch === undefined || x.arch === arch));
      if (b.oses && !b.arches) for (const os of b.oses) emitPairs(ctx.sink, [], ownArches, variantOf, 'goreleaser build', ignored, { os });
      else if (b.arches && !b.oses) for (const arch of b.arches) emitPairs(ctx.sink, ownOses, [], variantOf, 'goreleaser build', ignored, { arch });
      else if (!b.oses && !b.arches) emitPairs(ctx.sink, ownOses, ownArches, variantOf, 'goreleaser build', ignored);
    }
  }
}

/** The names beside the aliases of a goreleaser build's anchored axis (`goarch: &a [...]`), elsewhere (see anchorPartners). */
function aliasPartners(ctx: Ctx, node: YNode | undefined): readonly string[] | undefined {
  if (!node || !ctx.partners) return undefined;
  const name = anchorBefore(ctx.text, node.start);
  const partners = name === undefined ? undefined : ctx.partners.get(name);
  return partners?.context === 'goreleaser build' ? partners.names : undefined;
}

/** The pairs from mentions[from] on are each a build of its own, not a cross product's (whose pairs Go does not build are skipped). */
function eachBuilt(mentions: Mention[], from: number): void {
  for (let k = from; k < mentions.length; k++) {
    const m = mentions[k];
    if (m.kind === 'pair' && m.product) mentions[k] = { ...m, product: false };
  }
}

/**
 * Pairs an anchored axis's names (`tokens`) with the names beside its aliases elsewhere (see
 * anchorPartners). With a name its own mapping (`own`) has too, only the pairs the mapping leaves
 * out (`excluded`: its exclude or ignore entries) are built there and not here.
 */
function pairAnchoredAxis(ctx: Ctx, node: YNode | undefined, tokens: Token[], role: 'os' | 'arch', own: readonly Token[], excluded: (os: string | undefined, arch: string | undefined) => boolean): void {
  if (!node || tokens.length === 0) return;
  const name = anchorBefore(ctx.text, node.start);
  const partners = name === undefined ? undefined : ctx.partners?.get(name);
  if (!partners) return;
  // (goreleaser skips the pairs Go does not build; where its alias is, a name that makes none with the list is found.)
  const skipped = partners.context === 'goreleaser build' ? (os: string | undefined, arch: string | undefined) => os !== undefined && arch !== undefined && !isValidPair(os, resolveArch(arch)?.arch ?? arch) : () => false;
  for (const other of partners.names) {
    const owned = own.some((t) => t.text.toLowerCase() === other);
    const leftOut = owned ? (os: string | undefined, arch: string | undefined) => !excluded(os, arch) || skipped(os, arch) : skipped;
    if (role === 'arch') emitPairs(ctx.sink, [], tokens, undefined, partners.context, leftOut, { os: other });
    else emitPairs(ctx.sink, tokens, [], undefined, partners.context, leftOut, { arch: other });
  }
}

/**
 * Marks the cross product's pairs (mentions[from…]) whose os or arch value is built with another
 * valid pair too (removing the value drops that one), and gives them the place of an entry that
 * leaves one pair out: the end of the mapping's block list `listKey` (exclude, ignore), or a new
 * list at the mapping's end. No place in a flow mapping or list, an empty or anchored list (shared
 * with another job), a key with no list, or a product with no such key (`listKey` undefined).
 */
function markExcludeSpots(text: string, mentions: Mention[], from: number, node: YMap, listKey: string | undefined, osKey: string, archKey: string, included?: ReadonlySet<string>): void {
  if (mentions.length === from) return;
  // The valid pairs each value is built in: with one, removing the value drops nothing else.
  const partners = new Map<Token, Set<string>>();
  const note = (side: Token | undefined, pair: string) => {
    if (!side) return;
    const set = partners.get(side) ?? new Set<string>();
    set.add(pair);
    partners.set(side, set);
  };
  const pairOf = (m: PairMention): { os: string; arch: string } | undefined => {
    const os = (m.os?.text ?? m.osName)?.toLowerCase();
    const arch = (m.arch?.text ?? m.archName)?.toLowerCase();
    return os === undefined || arch === undefined ? undefined : { os, arch };
  };
  const paired: boolean[] = [];
  /** The pairs Go has not (darwin/riscv64): an exclude entry leaves one out where its values make valid pairs too. */
  const invalid: boolean[] = [];
  for (let i = from; i < mentions.length; i++) {
    const m = mentions[i];
    if (m.kind !== 'pair' || !m.product) continue;
    const p = pairOf(m);
    paired[i - from] = p !== undefined;
    const goArch = p && resolveArch(p.arch)?.arch;
    invalid[i - from] = p !== undefined && (goArch === undefined || !isValidPair(p.os, goArch));
    if (!p || goArch === undefined || !isValidPair(p.os, goArch)) continue;
    note(m.os, `${p.os}/${goArch}`);
    note(m.arch, `${p.os}/${goArch}`);
  }
  const spot = listKey === undefined ? undefined : excludeSpot(text, node, listKey);
  // (One of each for all the pairs: a product of thousands of values marks as many.)
  const exclude = spot && listKey ? { exclude: { ...spot, list: listKey, osKey, archKey } } : {};
  const sharing = [{ os: false, arch: true }, { os: true, arch: false }, { os: true, arch: true }];
  for (let i = from; i < mentions.length; i++) {
    const m = mentions[i];
    if (m.kind !== 'pair' || !m.product || !paired[i - from]) continue;
    const os = m.os !== undefined && (partners.get(m.os)?.size ?? 0) > 1;
    const arch = m.arch !== undefined && (partners.get(m.arch)?.size ?? 0) > 1;
    // (Not a pair an include entry names whole: GitHub adds it back after the exclude entries.)
    const p = included && pairOf(m);
    const own = p && included.has(`${p.os}/${p.arch}`) ? {} : exclude;
    if (os || arch) mentions[i] = { ...m, shared: sharing[os && arch ? 2 : os ? 1 : 0], ...own };
    else if (invalid[i - from] && spot && ((m.os !== undefined && partners.has(m.os)) || (m.arch !== undefined && partners.has(m.arch)))) mentions[i] = { ...m, ...own };
    // (Every pair knows them: one message may name several pairs, some added back and some not.)
    if (included && invalid[i - from]) mentions[i] = { ...(mentions[i] as PairMention), includedBack: included };
  }
}

/** The pairs a matrix's include entries name whole (`- {goos: darwin, goarch: riscv64}`), as `os/arch` in lower case. */
function includedPairs(include: YNode | undefined, osKey: string, archKey: string): Set<string> | undefined {
  if (include?.kind !== 'seq') return undefined;
  let out: Set<string> | undefined;
  for (const item of include.items) {
    if (item?.kind !== 'map') continue;
    const os = scalarText(get(item, osKey));
    const arch = scalarText(get(item, archKey));
    if (os !== undefined && arch !== undefined) (out ??= new Set()).add(`${os}/${arch}`.toLowerCase());
  }
  return out;
}

/**
 * Where an entry of the mapping's list `listKey` goes (see markExcludeSpots), or undefined. In a
 * flow list (`exclude: [{…}]`, `[]`) or a flow mapping (`matrix: {goos: […], goarch: […]}`), the
 * entry is a flow mapping too, `head` and `tail` around it.
 */
function excludeSpot(text: string, node: YMap, listKey: string): { at: number; header: string; eol: string; indent: number; flow?: true; tail?: string } | undefined {
  // (A flow entry goes on its line: no line break to write.)
  const eol = '';
  const pair = node.items.find((p) => p.key === listKey);
  if (pair) {
    const existing = pair.value;
    // `exclude:` with nothing after it: the entries go on the lines below the key.
    if (existing === undefined && !node.flow && pair.keyStart >= 0) {
      const lineEnd = text.indexOf('\n', pair.keyStart);
      if (!/^[ \t]*(?:#.*)?\r?$/.test(text.slice(pair.keyStart + listKey.length + 1, lineEnd < 0 ? text.length : lineEnd))) return undefined;
      const place = placeAfter(text, pair.keyStart);
      return { ...place, indent: pair.keyStart - lineStartOf(text, pair.keyStart) + 2 };
    }
    if (existing?.kind !== 'seq' || anchoredList(text, existing)) return undefined;
    if (existing.flow) {
      const last = existing.items[existing.items.length - 1];
      if (existing.items.length > 0 && !last) return undefined;
      // After the last entry, or inside the empty brackets.
      return last ? { at: last.end, header: ', ', eol, indent: 0, flow: true, tail: '' } : text[existing.start] === '[' && text[existing.end - 1] === ']' ? { at: existing.start + 1, header: '', eol, indent: 0, flow: true, tail: '' } : undefined;
    }
    if (existing.items.length === 0) return undefined;
    const place = placeAfter(text, existing.end);
    return { ...place, indent: existing.start - lineStartOf(text, existing.start) };
  }
  if (node.flow) {
    // `{goos: [linux, darwin], goarch: [amd64, arm]}`: a list of its own after the last key.
    const last = node.items[node.items.length - 1]?.value;
    return last && text[node.end - 1] === '}' ? { at: last.end, header: `, ${listKey}: [`, eol, indent: 0, flow: true, tail: ']' } : undefined;
  }
  const column = node.start - lineStartOf(text, node.start);
  const place = placeAfter(text, node.end);
  return { ...place, header: `${place.header}${' '.repeat(column)}${listKey}:${place.eol}`, indent: column + 2 };
}

/** Whether a block list's key is anchored (`exclude: &common`): another job's `exclude: *common` would change with it. */
function anchoredList(text: string, list: YSeq): boolean {
  if (list.flow) return /&[^\s]/.test(text.slice(lineStartOf(text, list.start), list.start));
  const keyLineEnd = lineStartOf(text, list.start) - 1;
  return keyLineEnd < 0 || /&[^\s]/.test(text.slice(lineStartOf(text, keyLineEnd), keyLineEnd));
}

/**
 * Where lines go after the one a node ends on, in the text's line breaks (`\r\n` in a CRLF file):
 * the next line's start, or the text's end after a line break (`header`) when its last line has none.
 */
function placeAfter(text: string, end: number): { at: number; header: string; eol: string } {
  const at = lineAfter(text, end);
  if (at < 0) {
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return { at: text.length, header: eol, eol };
  }
  return { at, header: '', eol: at >= 2 && text.charCodeAt(at - 2) === 13 ? '\r\n' : '\n' };
}

/** The start of the line holding offset `at`. */
function lineStartOf(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** The start of the line after the one a node ends on, or -1 at the end of the text. */
function lineAfter(text: string, end: number): number {
  if (end > 0 && text.charCodeAt(end - 1) === 10) return end;
  const nl = text.indexOf('\n', end);
  return nl < 0 ? -1 : nl + 1;
}

/**
 * goreleaser skips the pairs of a build's goos × goarch that Go does not know; a value that makes
 * no valid pair with any other (windows with `goarch: [amd64, mips]`, darwin with "386") builds
 * nothing, a mistake: its pairs are marked so that they are reported. Names Go does not know at
 * all are reported anyway; the rest are few (Go has some twenty of each), compared once each.
 */
function markDeadValues(mentions: Mention[], from: number, oses: readonly string[], arches: readonly string[], excluded: (os: string, arch: string) => boolean, elsewhere?: { oses?: readonly string[]; arches?: readonly string[] }, to = mentions.length): void {
  const osNames = [...new Set(oses.map((t) => t.toLowerCase()))].filter(isGoOs);
  // (A macOS universal binary's `universal` is built with darwin alone.)
  const archNames = [...new Set(arches.map((t) => t.toLowerCase()))].filter((a) => resolveArch(a) !== undefined || a === UNIVERSAL);
  if (osNames.length === 0 || archNames.length === 0) return;
  const validPair = (os: string, arch: string) => (arch === UNIVERSAL ? os === 'darwin' : isValidPair(os, resolveArch(arch)!.arch));
  const builds = (os: string, arch: string) => validPair(os, arch) && !excluded(os, arch);
  // (An anchored axis is built elsewhere too, with the names beside its aliases: `goarch: &a
  // [amd64, riscv64]` in a darwin build, `goarch: *a` in a linux one builds linux/riscv64.)
  const otherOses = (elsewhere?.oses ?? []).filter(isGoOs);
  const otherArches = (elsewhere?.arches ?? []).filter((a) => resolveArch(a) !== undefined || a === UNIVERSAL);
  // A value that is no name (a typo, `goos: [lnux, windows]`) may be meant as any: nothing of the
  // other side is dead for want of it. One typo is one error, not one more for every arch only
  // its name would build (ppc64le and s390x beside windows and darwin).
  const unnamedOs = oses.some((t) => !isGoOs(t.toLowerCase()));
  const unnamedArch = arches.some((t) => !archNames.includes(t.toLowerCase()));
  const deadOs = new Set(unnamedArch ? [] : osNames.filter((os) => !archNames.some((arch) => builds(os, arch)) && !otherArches.some((arch) => validPair(os, arch))));
  const deadArch = new Set(unnamedOs ? [] : archNames.filter((arch) => !osNames.some((os) => builds(os, arch)) && !otherOses.some((os) => validPair(os, arch))));
  if (deadOs.size === 0 && deadArch.size === 0) return;
  for (let i = from; i < to; i++) {
    const m = mentions[i];
    // (A side may be a name merged in from an anchor: only a written value is marked.)
    if (m.kind !== 'pair' || !(m.os || m.osName) || !(m.arch || m.archName)) continue;
    if (m.arch && deadArch.has(m.arch.text.toLowerCase())) m.dead = 'arch';
    else if (m.os && deadOs.has(m.os.text.toLowerCase())) m.dead = 'os';
  }
}

/** A value of more than one word or item. */
const MANY = /[\s,;]/;

/**
 * Whether the map being walked holds the arguments of a CircleCI step that runs a command or an
 * orb's (`jobs: {build: {steps: [{cross-build: {goarch: arm64}}]}}`): its steps see the job's
 * environment, its executor's included.
 */
function commandArguments(ctx: Ctx): boolean {
  return ctx.flavour === 'yaml' && ctx.path.length === 4 && ctx.path[0] === 'jobs' && ctx.path[2] === 'steps';
}

/** Whether the map being walked is a matrix (GitHub, GitLab `parallel: matrix`, CircleCI `matrix: parameters`, Buildkite `matrix: setup`). */
function isMatrixAxis(ctx: Ctx): boolean {
  const n = ctx.path.length;
  return ctx.path[n - 1] === 'matrix' || ((ctx.path[n - 1] === 'parameters' || ctx.path[n - 1] === 'setup') && ctx.path[n - 2] === 'matrix');
}

/** The start of a template's other branch: `{{- else }}`, `{{ else if … }}`, `{% else %}`, `{% elif … %}`. */
const TEMPLATE_BRANCH = /\{\{-?[ \t]*else\b|\{%-?[ \t]*(?:else|elif)\b/;

/** conda-build's variables that name a conda subdir (`target_platform: linux-aarch64`). */
const CONDA_KEYS: ReadonlySet<string> = new Set(['target_platform', 'build_platform', 'host_platform']);

/**
 * A conda-build variable's values written as conda subdirs (`linux-aarch64`, no slash): conda's
 * spelling is theirs, no alias of ours (a list of them is foreign: see readPlatformList).
 */
function condaList(node: YNode, ctx: Ctx, listId: number | undefined): number | undefined {
  const values = node.kind === 'seq' ? node.items : [node];
  if (values.some((v) => v?.kind !== 'scalar' || v.value.includes('/'))) return listId;
  const id = listId ?? ctx.sink.newList();
  ctx.sink.foreignLists.add(id);
  return id;
}

/**
 * A value under a platform-ish key: a scalar list, a sequence of them, or {value/default: …}.
 * `alternatives`: the sequence's items are choices (workflow_dispatch `options`, an `enum`), each
 * a list of its own, not one list (`linux/amd64` and `linux/amd64,linux/arm64` are no duplicate).
 */
function platformValue(node: YNode, ctx: Ctx, key: string, listId?: number, alternatives = false, axis = false, listsPlatform?: () => boolean): void {
  if (CONDA_KEYS.has(key)) listId = condaList(node, ctx, listId);
  // promu's `crossbuild: platforms:` (.promu.yml) are written in its spelling (`linux/armv7`): no alias of ours.
  else if (key === 'platforms' && ctx.path[0] === 'crossbuild' && listId === undefined) {
    listId = ctx.sink.newList();
    ctx.sink.foreignLists.add(listId);
  }
  if (node.kind === 'scalar') {
    if (node.style === 'ALIAS') return;
    const r = contentRange(node);
    const masked = maskScalar(ctx.text, node, r);
    // (An environment's list of arches alone, `PLATFORMS: amd64 arm arm64`, is read as a script's: see isBareArchList.)
    const bareArch = containerdValue(key, ctx) || (ctx.envOwner !== undefined && UPPER_NAME.test(key) && isBareArchList(key, masked, r.s, r.s, r.e));
    readPlatformList(ctx.sink, { text: ctx.text, masked, maskBase: r.s, start: r.s, end: r.e, role: 'platform', context: key, ...(bareArch ? { bareArch: true } : {}), ...(listsPlatform ? { listsPlatform } : {}), ...(ctx.platformSlot ? { platformSlot: true } : {}) }, listId);
    return;
  }
  if (node.kind === 'seq') {
    let shared = listId ?? ctx.sink.newList();
    if (node.items.some((item) => item?.kind === 'scalar' && isForeignPlatform(item.value))) ctx.sink.foreignLists.add(shared);
    let listed: boolean | undefined;
    /** Whether an item of the list is a valid platform: then each is one (see readList), asked only of an item that is no Go platform. */
    const siblings = () => (listed ??= node.items.some((x) => x?.kind === 'scalar' && parsePlatform(x.value, 'strict')?.valid === true));
    let after = node.start;
    for (const item of node.items) {
      // A template's other branch (`{{- else }}` in a Helm chart, `{% elif %}`): the items after it
      // are another list, which no rendering puts beside those before it.
      if (item) {
        if (item.start > after && TEMPLATE_BRANCH.test(ctx.text.slice(after, item.start))) shared = ctx.sink.newList();
        after = item.end;
      }
      // A matrix axis's values are one job each: a value that is a list (`linux/amd64,linux/arm64`
      // beside `linux/amd64`) is a list of its own; single values are one list, where a repeat is a
      // repeated job.
      const id = alternatives || (axis && item?.kind === 'scalar' && MANY.test(item.value.trim())) ? ctx.sink.newList() : shared;
      // Shipwright's values: [{value: linux/arm64}]: an item of the list, wrapped.
      const wrapped = item?.kind === 'map' ? get(item, 'value') : undefined;
      if (wrapped?.kind === 'scalar' && item?.kind === 'map') {
        const before = ctx.sink.mentions.length;
        platformValue(wrapped, ctx, key, id);
        if (item.items.length === 1) removableItem(ctx, before, node, item, id);
      }
      // target: [{platform: linux/arm64, runner: …}]: each item is a mapping of its own.
      else if (item?.kind === 'map') {
        const before = ctx.sink.mentions.length;
        walk(item, below(ctx, key));
        // Except in a `platforms:` list (not a matrix's axis), whose entries each name one (`- platform:
        // linux/amd64` beside an `imageReference:`): one list, where a platform twice is a repeat.
        // (No removal: an entry holds more than its platform.)
        if (!axis && ctx.sink.mentions.length === before + 1 && /^platforms$/i.test(key) && get(item, 'platform')?.kind === 'scalar') {
          const m = ctx.sink.mentions[before];
          if (m.kind === 'whole') {
            const { removeRange: _, ...rest } = m;
            ctx.sink.mentions[before] = { ...rest, listId: id };
          }
        }
      }
      // platforms: [[linux/amd64, linux/arm64]]: a list in the list, one list still.
      if (item?.kind === 'seq') platformValue(item, below(ctx), key, id);
      if (item?.kind !== 'scalar') continue;
      const before = ctx.sink.mentions.length;
      platformValue(item, ctx, key, id, false, false, siblings);
      removableItem(ctx, before, node, item, id);
    }
    return;
  }
  // {value: …}, {default: …} (GitLab variables, CI parameters), {options: […]} (workflow_dispatch choices)
  let valued = false;
  for (const k of VALUE_KEYS) {
    const v = get(node, k);
    if (v) {
      platformValue(v, ctx, key, undefined, k === 'options' || k === 'enum');
      valued = true;
    }
  }
  // (A schema's property: its `example:` beside its `default:` is a value of the key too.)
  if (valued && node.kind === 'map') {
    for (const k of ['example', 'examples']) {
      const v = get(node, k);
      if (v) platformValue(v, ctx, key, undefined, true);
    }
  }
  // Any other mapping (target: {platform: linux/arm/v7}) is walked as one.
  if (!valued && node.kind === 'map') walk(node, below(ctx, key));
}

const VALUE_KEYS = ['value', 'default', 'options', 'enum', 'values', 'defaults', 'allowed-values'];
/** The value keys of a name/value entry (`{name: platforms, value: …}`): one list each, never choices (options, enum). */
const NAMED_VALUE_KEYS = VALUE_KEYS.filter((k) => k !== 'options' && k !== 'enum');

/**
 * When an item of a list gave one platform of the list (the mentions from `before` on), removing
 * it removes the item. A one-item list keeps it: removing it would leave the key empty. (A
 * platform of another list, a flag's value in a command item, is not the item.)
 */
function removableItem(ctx: Ctx, before: number, list: YSeq, item: YScalar | YMap, listId: number): void {
  if (ctx.sink.mentions.length !== before + 1 || list.items.length < 2) return;
  const m = ctx.sink.mentions[before];
  if (m.kind !== 'whole' || m.listId !== listId || m.removeRange) return;
  const range = seqItemRange(ctx.text, item.start, item.end, list.flow);
  if (range) m.removeRange = range;
}

/** What to delete to drop one sequence item: its whole line in a block list, item and comma in a flow list. */
function seqItemRange(text: string, s: number, e: number, flow: boolean): { start: number; end: number } | undefined {
  if (flow) {
    // Tags before the item go with it; an anchor keeps it (see below), on its line or the one before.
    for (let props = 0; props < 4; props++) {
      let p = s;
      while (p > 0 && /[ \t\r\n]/.test(text[p - 1])) p--;
      let q = p;
      while (q > 0 && p - q < MAX_DASH_INDENT && !/[\s,[]/.test(text[q - 1])) q--;
      if (q === p) break;
      if (text[q] === '&') return undefined;
      if (text[q] !== '!') break;
      s = q;
    }
    let k = e;
    while (k < text.length && /[ \t]/.test(text[k])) k++;
    if (text[k] === ',') {
      k++;
      while (k < text.length && /[ \t]/.test(text[k])) k++;
      // An item on a line of its own in a flow list written over lines: the whole line. (Looked
      // back only then: a flow list on one long line must cost its length once, not per item.)
      const eol = text[k] === '\n' ? k + 1 : text[k] === '\r' && text[k + 1] === '\n' ? k + 2 : -1;
      if (eol >= 0) {
        let ls = s;
        while (ls > 0 && (text[ls - 1] === ' ' || text[ls - 1] === '\t')) ls--;
        if (ls === 0 || text[ls - 1] === '\n') return { start: ls, end: eol };
      }
      return { start: s, end: k };
    }
    // The last item: the comma before it goes, with the line breaks between.
    let b = s;
    while (b > 0 && /\s/.test(text[b - 1])) b--;
    if (text[b - 1] === ',') return { start: b - 1, end: e };
    return { start: s, end: e };
  }
  // The item's dash: on its line (`- linux/arm`), or a line above when the value is on a line of
  // its own (`-`, or `- # note`, then the value). Tags between dash and value go with the item. An
  // anchor (`- &old linux/arm`) keeps it: an alias elsewhere would be left naming nothing.
  let lineStart = text.lastIndexOf('\n', s - 1) + 1;
  for (let lines = 0; ; lines++) {
    const dash = ITEM_DASH.exec(text.slice(lineStart, Math.min(s, lineStart + MAX_DASH_INDENT)));
    if (dash) {
      const between = text.slice(lineStart + dash[0].length, s);
      if (!onlyProperties(between)) return undefined;
      break;
    }
    if (lineStart === 0 || lines === 2) return undefined;
    lineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  }
  // (The yaml library's block mapping ends after its last line's break: the item ends on the line before.)
  let last = e;
  while (last > s && /\s/.test(text[last - 1])) last--;
  const nl = text.indexOf('\n', last);
  return { start: lineStart, end: nl < 0 ? text.length : nl + 1 };
}

/** A block sequence item's dash, at its line's start after the indent. */
const ITEM_DASH = /^[ \t]*-(?=[ \t\r\n]|$)/;
/** Indents longer than this are not looked into for a dash. */
const MAX_DASH_INDENT = 256;
/** Whether text between an item's dash and its value holds only spaces, line breaks, comments and tags (no anchor). */
function onlyProperties(between: string): boolean {
  for (let k = 0; k < between.length; ) {
    const c = between[k];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') k++;
    else if (c === '#') {
      const nl = between.indexOf('\n', k);
      k = nl < 0 ? between.length : nl;
    } else if (c === '!') {
      while (k < between.length && !/\s/.test(between[k])) k++;
    } else return false;
  }
  return true;
}

/**
 * The keys of a matrix's include entries whose values are conda subdirs (`target: linux-64` in one
 * entry, `target: linux-aarch64` in the next): conda's names, whose `linux-aarch64` is no alias.
 */
function condaIncludeKeys(include: YSeq): ReadonlySet<string> | undefined {
  let keys: Set<string> | undefined;
  for (const item of include.items) {
    if (item?.kind !== 'map') continue;
    for (const p of item.items) if (p.value?.kind === 'scalar' && isForeignPlatform(p.value.value)) (keys ??= new Set()).add(p.key);
  }
  return keys;
}

/** The mentions from `from` on that are values of an entry's conda keys (see condaIncludeKeys), read as conda's spelling. */
function condaValues(mentions: Mention[], from: number, item: YMap, keys: ReadonlySet<string>): void {
  for (const p of item.items) {
    if (!keys.has(p.key) || !p.value) continue;
    for (let k = from; k < mentions.length; k++) {
      const m = mentions[k];
      if (m.kind === 'whole' && m.canonical !== undefined && m.token.start >= p.value.start && m.token.end <= p.value.end) mentions[k] = { ...m, canonical: undefined };
    }
  }
}

/**
 * Gives the platform an include entry makes (mentions[from…]: one platform, or one pair with both
 * names written) the entry's removal: its tokens' `remove` drops the whole entry.
 */
function markEntry(mentions: Mention[], from: number, range: { start: number; end: number }): void {
  if (mentions.length !== from + 1) return;
  const m = mentions[from];
  // (`- platform: linux/arm/v7` beside a `runner:`, a buildx job's entry.)
  if (m.kind === 'whole') {
    if (!m.removeRange) mentions[from] = { ...m, token: { ...m.token, entry: true }, removeRange: range };
    return;
  }
  if (!m.os || !m.arch || m.os.remove || m.arch.remove) return;
  mentions[from] = { ...m, os: { ...m.os, remove: range, entry: true }, arch: { ...m.arch, remove: range, entry: true } };
}

/** Keys of name/value lists that set environment variables. */
const ENV_LIST_KEYS: ReadonlySet<string> = new Set(['env', 'environment', 'envs', 'variables']);

function walkSeq(node: YSeq, ctx: Ctx): void {
  const anchored = anchoredKey(node, ctx);
  if (anchored !== undefined) {
    anchoredValue(node, ctx, anchored);
    return;
  }
  const listId = ctx.sink.newList();
  // Name/value entries that split a pair over two items: [{name: GOOS, value: linux}, {name: GOARCH, value: arm}].
  // A Semaphore matrix lists each variable's values ([{env_var: GOARCH, values: [amd64, arm64]}]):
  // a job runs for every combination.
  let oses: Token[] = [];
  let arches: Token[] = [];
  /** The names of other entries of a side (`TARGETARCH` after `GOARCH`), each a group. */
  let moreOses: Token[][] | undefined;
  let moreArches: Token[][] | undefined;
  let matrix = false;
  for (let i = 0; i < node.items.length; i++) {
    const item = node.items[i];
    if (item?.kind !== 'map') continue;
    const envVar = scalarText(get(item, 'env_var'));
    const values = envVar !== undefined ? get(item, 'values') : undefined;
    const n = envVar ?? scalarText(get(item, 'name'));
    const role = n !== undefined ? roleOf(n) : undefined;
    if (role !== 'os' && role !== 'arch') continue;
    // A parameter's allowed values (Azure's `values`, Tekton's `enum`): each judged alone.
    if (!values) choices(item, role, n!, ctx);
    // (Another entry of a side, `TARGETARCH` after `GOARCH`, is read as another group, paired with
    // each of the other side's, as a script's line is; a matrix's variables are axes read once.)
    const again = (role === 'os' ? oses : arches).length > 0;
    if (again && (matrix || values)) continue;
    // A param named GOARCH may hold platforms (Tekton's examples do); an env item is Go's variable.
    // A list of values (a Tekton array param, a Shipwright one's `defaults`, a matrix's params, an Azure object default) runs
    // for each: like a matrix, a cross product.
    const value = get(item, 'value') ?? get(item, 'default') ?? get(item, 'defaults');
    const list = values ?? (value?.kind === 'seq' ? value : undefined);
    const wholePlatforms = values === undefined && !ENV_LIST_KEYS.has(ctx.path[ctx.path.length - 1] ?? '');
    // (An env item's value that holds a list, `value: "arm64 arm"`, is checked item by item, as
    // `GOARCH: "arm64 arm"` in a map is; a param's value is one name.)
    const names = list ? nameTokens(list, ctx, wholePlatforms) : wholePlatforms ? nameTokens(value, ctx, true).slice(0, 1) : nameTokens(value, ctx, false);
    if (again) {
      const more = role === 'os' ? (moreOses ??= []) : (moreArches ??= []);
      if (!list && names.length > 0 && more.length < MAX_OTHER_KEYS) more.push(names);
      continue;
    }
    if (list) matrix = true;
    if (role === 'os') oses = names;
    else arches = names;
  }
  if (matrix) moreOses = moreArches = undefined;
  if (oses.length > 0 || arches.length > 0) {
    // A job's `variables:` list that sets only GOARCH builds for the GOOS set around it.
    const outer = !matrix && ENV_MAP_KEYS.has(ctx.path[ctx.path.length - 1] ?? '') ? ctx.env : undefined;
    if (outer?.os && oses.length === 0) oses = [outer.os];
    else if (outer?.arch && arches.length === 0) arches = [outer.arch];
    for (const os of [oses, ...(moreOses ?? [])]) {
      for (const arch of [arches, ...(moreArches ?? [])]) {
        const from = ctx.sink.mentions.length;
        emitPairs(ctx.sink, os, arch, undefined, matrix ? 'matrix' : 'env', undefined, impliedNames(outer, os, arch));
        // (`- name: GOARCH` with `value: "arm64 arm"` beside one GOOS: each is built with it.)
        if (!matrix && os.length <= 1 && arch.length > 1) eachBuilt(ctx.sink.mentions, from);
      }
    }
  }

  const assigned = splitEnvPair(node, ctx);

  const child = below(ctx);
  // A script list's items run in one shell: `- export GOOS=darwin` then `- GOARCH=arm go build`.
  // (And the download URLs an item sets, `export K8S_BIN=…`, are the next items'.)
  const carry = SCRIPT_LIST_KEYS.has(ctx.path[ctx.path.length - 1] ?? '') ? { urlVars: ctx.shellVars ?? new Map(ctx.urlVars), ...(ctx.shellExports ? { exports: ctx.shellExports } : {}) } : undefined;
  /** Where the mentions of each `--platform` flag among the items start and end. */
  let flagged: number[] | undefined;
  /** The arguments of a tool whose --platform takes its own spelling, as in a shell line: a wheel tag or a conda subdir (`linux_x86_64`, not read), Terraform's os_arch. */
  let tool: 'python' | 'terraform' | '' | undefined;
  /** The mentions of a flag's value from `before` on, as its tool spells platforms: pip's dropped, Terraform's os_arch. The tool, '' for another. */
  const toolSpelling = (before: number): 'python' | 'terraform' | '' => {
    if (tool === undefined) {
      const first = node.items.slice(0, 3).map((x) => (x?.kind === 'scalar' ? x.value : ''));
      tool = first.some((w) => PYTHON_PACKAGE_TOOLS.has(w)) ? 'python' : first.some((w) => TERRAFORM_TOOLS.has(w)) ? 'terraform' : '';
    }
    if (tool === 'python') ctx.sink.mentions.length = before;
    else if (tool === 'terraform') spellAll(ctx.sink, before, 'os_arch', true);
    return tool;
  };
  // A matrix's include entries (with no axes of os and arch beside them: pairMapping reads those):
  // each makes its own combination, which removing the entry drops.
  const includes = ctx.path[ctx.path.length - 1] === 'include' && ctx.path.some((k) => MATRIX_KEY.test(k)) && node.items.length > 1 && !anchoredList(ctx.text, node);
  const conda = includes ? condaIncludeKeys(node) : undefined;
  for (let k = 0; k < node.items.length; k++) {
    const item = node.items[k];
    if (!item) continue;
    if (item.kind !== 'scalar') {
      // (An item anchored here and given to an exclude or ignore list by its alias, `- &darwinArm
      // {goos: darwin, goarch: arm}` under `x-ignores:`, names what is not built.)
      if (ctx.leftOut) {
        const anchor = anchorBefore(ctx.text, item.start);
        if (anchor !== undefined && ctx.leftOut.has(anchor)) continue;
      }
      const before = ctx.sink.mentions.length;
      walk(item, child);
      if (conda && item.kind === 'map') condaValues(ctx.sink.mentions, before, item, conda);
      const entry = includes && item.kind === 'map' ? seqItemRange(ctx.text, item.start, item.end, node.flow) : undefined;
      if (entry) markEntry(ctx.sink.mentions, before, entry);
      continue;
    }
    if (assigned !== undefined && (k === assigned[0] || k === assigned[1])) continue;
    // patchesStrategicMerge: [|- …]: patches written inline.
    if (ctx.path.length === 1 && ctx.path[0] === 'patchesStrategicMerge' && inlinePatch(item, ctx)) continue;
    const next = node.items[k + 1];
    if (FLAG.test(item.value) && next?.kind === 'scalar') {
      // ["--platform", "linux/amd64"]: the flag's value is the next argument.
      const before = ctx.sink.mentions.length;
      if (readsFlagValue(item.value, next.value)) platformValue(next, ctx, item.value);
      // (Docker's flag takes the slash spelling, as `--platform=…` in one argument does; a single
      // dash is another tool's, wails', read as written.)
      if (toolSpelling(before) === '' && (item.value === '--platform' || item.value === '--platforms')) spellAll(ctx.sink, before, 'slash');
      if (before < ctx.sink.mentions.length) (flagged ??= []).push(before, ctx.sink.mentions.length);
      k++;
      continue;
    }
    if (envListItem(item, ctx)) continue;
    const before = ctx.sink.mentions.length;
    scanScalar(item, ctx, listId, carry);
    // `--platform=linux/amd64` in one argument.
    if (before < ctx.sink.mentions.length && item.value[PLATFORM_FLAG.exec(item.value)?.[0].length ?? -1] === '=' && toolSpelling(before) !== 'python') (flagged ??= []).push(before, ctx.sink.mentions.length);
    // arch: [linux/amd64, linux/arm/v7] under any key: an item can be removed like a platforms item.
    removableItem(ctx, before, node, item, listId);
  }
  if (carry) settleCarried(ctx.sink, carry, ctx.env);
  // A command's arguments (`args: [copy, --platform, windows/386, registry.k8s.io/kube-scheduler:v1.31.2, …]`):
  // a Kubernetes image among them is pulled for the flag's platforms, as in a shell line.
  if (flagged) {
    let image: string | undefined;
    for (let k = 0; k < node.items.length && image === undefined; k++) {
      const item = node.items[k];
      if (item?.kind === 'scalar') image = kubeImageName(item.value);
    }
    for (let f = 0; f < flagged.length; f += 2) pulledImage(ctx.sink, flagged[f], image, flagged[f + 1]);
  }
}

/** A list item that is one GOOS or GOARCH assignment: `GOOS=darwin`, `"GOARCH=386"`. */
const GO_ENV_ITEM = /^([A-Za-z_][A-Za-z0-9_]*)=([A-Za-z0-9_]+)$/;

/**
 * A `KEY=value` environment list whose GOOS and GOARCH are items of their own (Cloud Build's
 * `env: [GOOS=darwin, GOARCH=386]`, a Compose or Buildkite plugin `environment:` list): one
 * platform, emitted here; the indices of the two items, which are not scanned again. Travis CI's
 * `env:` list is one job per item, not one environment.
 */
function splitEnvPair(node: YSeq, ctx: Ctx): [number, number] | undefined {
  if (node.items.length < 2 || node.items.length > MAX_ENV_ITEMS) return undefined;
  const last = ctx.path[ctx.path.length - 1];
  if (ctx.path.length === 1 && last === 'env') return undefined;
  if (ctx.path.length === 2 && ctx.path[0] === 'env' && (last === 'jobs' || last === 'matrix')) return undefined;
  let os: { index: number; token: Token } | undefined;
  let arch: { index: number; token: Token } | undefined;
  for (let k = 0; k < node.items.length; k++) {
    const item = node.items[k];
    if (item?.kind !== 'scalar' || item.style === 'ALIAS') continue;
    const m = GO_ENV_ITEM.exec(item.value);
    const role = m ? roleOf(m[1]) : undefined;
    if (!m || (role !== 'os' && role !== 'arch') || (role === 'os' ? os : arch) !== undefined) continue;
    const r = contentRange(item);
    // The value as written, at the item's end.
    if (ctx.text.slice(r.s, r.e) !== item.value) continue;
    const found = { index: k, token: token(ctx.text, r.e - m[2].length, r.e) };
    if (role === 'os') os = found;
    else arch = found;
  }
  if (!os || !arch) return undefined;
  emitPairs(ctx.sink, [os.token], [arch.token], undefined, 'env');
  return [os.index, arch.index];
}

/** Lists longer than this are not read for a GOOS and GOARCH pair (arguments, not an environment). */
const MAX_ENV_ITEMS = 200;

/**
 * `PLATFORMS=linux/amd64 linux/arm64` as a list item, also carried by a flag in one argument
 * (`--env=KUBE_BUILD_PLATFORMS=linux/amd64 linux/arm`): a value with a space, words of platform
 * characters only.
 */
const ENV_ITEM = /^(?:--(?:env|build-arg)=)?([A-Za-z_][A-Za-z0-9_]*)=([A-Za-z0-9_./,-]+(?:[ \t]+[A-Za-z0-9_./,-]+)+)$/;

/**
 * The same item whose value is a table of builds (`BUILD_PLATFORMS=linux amd64 amd64; linux arm
 * arm -arm`, see buildRowsOf): rows of the same words and `;`, base images (`nanoserver:1809`) too.
 */
const ENV_ROWS_ITEM = /^(?:--(?:env|build-arg)=)?([A-Za-z_][A-Za-z0-9_]*)=([A-Za-z0-9_./,:@-]+(?:(?:[ \t]*;[ \t]*|[ \t]+)[A-Za-z0-9_./,:@-]+)+(?:[ \t]*;)?)$/;

/**
 * An `env:` entry of Cloud Build or Compose, or a `make` argument of an exec form, that sets a
 * platform list: the whole rest of the item is the value (`PLATFORMS=linux/amd64 linux/s390x`),
 * not a shell line whose second word would be a command. `value` is the item's text, found in
 * the document from `from` on. Returns whether the item was read so.
 */
function readEnvItem(sink: MentionSink, text: string, value: string, from: number): boolean {
  const m = ENV_ITEM.exec(value) ?? (value.indexOf(';') >= 0 ? ENV_ROWS_ITEM.exec(value) : null);
  if (!m || roleOf(m[1]) !== 'platform' || (m[2].indexOf(';') >= 0 && buildRowsOf(m[2]) === undefined)) return false;
  const s = text.indexOf(m[2], from + m[0].length - m[2].length);
  if (s < 0) return false;
  const e = s + m[2].length;
  readPlatformList(sink, { text, masked: text.slice(s, e), maskBase: s, start: s, end: e, role: 'platform', context: m[1] });
  return true;
}

function envListItem(item: YScalar, ctx: Ctx): boolean {
  if (item.style === 'ALIAS' || item.style === 'BLOCK_LITERAL' || item.style === 'BLOCK_FOLDED') return false;
  const r = contentRange(item);
  // The value as written: a quoted item with escapes reads differently and is left to the shell.
  return ctx.text.slice(r.s, r.e) === item.value && readEnvItem(ctx.sink, ctx.text, item.value, r.s);
}

/** A matrix reference that is a whole value: `${{ matrix.goos }}`. */
const MATRIX_VALUE = /^\$\{\{[ \t]*matrix(?:\.|\[[ \t]*['"])([A-Za-z0-9_-]+)(?:['"][ \t]*\])?[ \t]*\}\}$/;
/** `GOOS=${{ matrix.goos }}` in a command. */
const GOOS_FROM_MATRIX = /(?:^|[\s;&|])GOOS=(["']?)\$\{\{[ \t]*matrix(?:\.|\[[ \t]*['"])([A-Za-z0-9_-]+)(?:['"][ \t]*\])?[ \t]*\}\}\1(?=[\s;&|)]|$)/;

/**
 * The pairs of an os axis's values with the arches a job's steps write beside it (see
 * fixedArches), each arch with the values its step runs for (its `if:`, see stepWhen).
 */
function emitBuilt(sink: MentionSink, oses: Token[], arches: readonly BuiltArch[], ...rest: Parameters<typeof emitPairs> extends [unknown, unknown, unknown, ...infer R] ? R : never): void {
  if (!arches.some((a) => a.when)) {
    emitPairs(sink, oses, arches.map(plainToken), ...rest);
    return;
  }
  for (const a of arches) {
    const os = oses.filter((o) => runsFor(a.when, o.text));
    if (os.length > 0) emitPairs(sink, os, [plainToken(a)], ...rest);
  }
}

/** The Go os values include entries add to a matrix os axis `osKey` that does not hold them (`include: [{goos: darwin}]` beside `goos: [linux]`). */
function addedOses(include: YNode | undefined, osKey: string, oses: readonly Token[], ctx: Ctx): Token[] {
  if (include?.kind !== 'seq') return [];
  const have = new Set(oses.map((t) => t.text));
  const out: Token[] = [];
  for (const item of include.items) {
    if (item?.kind !== 'map') continue;
    for (const t of nameTokens(get(item, osKey), ctx)) {
      if (!isGoOs(t.text) || have.has(t.text)) continue;
      have.add(t.text);
      out.push(t);
    }
  }
  return out;
}

/** A built arch as a mention's token (without the values its step runs for). */
function plainToken(a: BuiltArch): Token {
  if (a.when === undefined) return a;
  const { when: _when, ...t } = a;
  return t;
}

/** Whether the matrix os axis `key` is one the job builds with these arches, which its commands or envs write (see fixedArches): that axis makes the pairs. */
function osAxisBuilds(key: string | undefined, arches: readonly Token[], ctx: Ctx): boolean {
  const built = axisArches(ctx.matrixRoles?.arches, key);
  return built !== undefined && arches.every((a) => built.some((t) => t.text === a.text));
}

/** The arches built with the os axis `key`, named in any case (`matrix.GOOS` is the axis `goos`, see axesWithArches). */
function axisArches(arches: ReadonlyMap<string, BuiltArch[]> | undefined, key: string | undefined): BuiltArch[] | undefined {
  if (!arches || key === undefined) return undefined;
  const exact = arches.get(key);
  if (exact) return exact;
  const lower = key.toLowerCase();
  for (const [k, v] of arches) if (k.toLowerCase() === lower) return v;
  return undefined;
}

const ARCH_NAMES = new WeakMap<readonly BuiltArch[], ReadonlySet<string>>();
const NO_NAMES: ReadonlySet<string> = new Set();

/** The names of the arches a job builds an os axis with (made once for each job's list: each of its scripts asks). */
function archNames(arches: readonly BuiltArch[] | undefined): ReadonlySet<string> {
  if (!arches) return NO_NAMES;
  let names = ARCH_NAMES.get(arches);
  if (!names) ARCH_NAMES.set(arches, (names = new Set(arches.map((t) => t.text))));
  return names;
}

/**
 * A command's pairs of an unknown os (`GOOS=${{ matrix.goos }} GOARCH=arm`, mentions from `from`
 * on) whose os is a matrix axis the job builds with that arch: the axis makes them (see
 * fixedArches), with its values; the command's own, read as linux's, are dropped.
 */
function dropAxisBuilt(ctx: Ctx, from: number, scriptStart: number): void {
  const arches = ctx.matrixRoles?.arches;
  if (!arches) return;
  const mentions = ctx.sink.mentions;
  // What each line says (a line of thousands of `GOARCH=` words is read once, not for each).
  const lines = new Map<number, { command?: ReturnType<typeof commandArch>; own?: WrittenArch; above?: string }>();
  let dropped: Set<number> | undefined;
  let lastStart = 0;
  let lastEnd = -1;
  for (let k = mentions.length - 1; k >= from; k--) {
    const m = mentions[k];
    if (m.kind !== 'pair' || m.os || m.osName !== undefined || !m.arch) continue;
    // (The line of the mention before, most often: its ends are not looked for again.)
    if (m.arch.start < lastStart || m.arch.start > lastEnd) {
      lastStart = ctx.text.lastIndexOf('\n', m.arch.start - 1) + 1;
      lastEnd = ctx.text.indexOf('\n', m.arch.start);
      if (lastEnd < 0) lastEnd = ctx.text.length;
    }
    const ls = lastStart;
    let read = lines.get(ls);
    if (!read) {
      const line = ctx.text.slice(ls, lastEnd);
      const own = writtenArch(line);
      read = { command: commandArch(line), ...(own ? { own, above: statementAbove(ctx.text, ls, scriptStart) } : {}) };
      lines.set(ls, read);
    }
    // (The line matrixRoles read as building the axis, at this arch: not another line with the same arch.)
    let key: string | undefined;
    let arch: string | undefined;
    const written = m.osUnknown ? read.command : undefined;
    if (written && ls + written.at === m.arch.start) ({ key, arch } = written);
    // After `export GOOS=${{ matrix.goos }}` on a line above it (see archesAfter), or with a
    // step's or job's `GOOS: ${{ matrix.goos }}` (see envGivenTo).
    else if (read.own && ls + read.own.at === m.arch.start) [key, arch] = [read.above ?? (m.osUnknown ? undefined : ctx.env?.osAxis), read.own.arch];
    if (key === undefined || arch === undefined) continue;
    if (archNames(axisArches(arches, key)).has(arch)) (dropped ??= new Set()).add(k);
  }
  if (dropped) {
    let to = from;
    for (let k = from; k < mentions.length; k++) if (!dropped.has(k)) mentions[to++] = mentions[k];
    mentions.length = to;
  }
}

/**
 * The matrix key of the `export GOOS=${{ matrix.goos }}` that holds for the line at `ls` of a
 * script that starts at `scriptStart`: the nearest line above that sets GOOS, if it is that and
 * no line between is left of it (as archesAfter reads the lines after it).
 */
function statementAbove(text: string, ls: number, scriptStart: number): string | undefined {
  let left = Infinity;
  for (let at = ls, n = 0; at > scriptStart && n < SCRIPT_LINES; n++) {
    at = Math.max(scriptStart, text.lastIndexOf('\n', at - 2) + 1);
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    const line = text.slice(at, nl);
    if (line.indexOf('GOOS') >= 0 && GOOS_SET.test(line)) {
      if (line.indexOf('GOARCH=') >= 0) continue;
      const m = GOOS_STATEMENT.exec(line);
      return m && keyOfLine(text, at).col <= left ? MATRIX_KEY_OF.exec(line)?.[1] : undefined;
    }
    const k = keyOfLine(text, at);
    if (!k.empty) left = Math.min(left, k.col);
  }
  return undefined;
}

/** The key of a matrix reference in a line. */
const MATRIX_KEY_OF = /\$\{\{[ \t]*matrix\.([A-Za-z0-9_-]+)[ \t]*\}\}/;

/** Any other scalar: a whole slash platform counts; its text is scanned as shell for flags, URLs, assignments. */
function scanScalar(node: YScalar, ctx: Ctx, listId: number | undefined, carry?: NonNullable<ShellOptions['carry']>): void {
  if (node.style === 'ALIAS') return;
  const r = contentRange(node);
  if (r.e <= r.s) return;
  const anchored = anchoredKey(node, ctx);
  if (anchored !== undefined) {
    anchoredValue(node, ctx, anchored);
    return;
  }
  // A JSON object in a string (`- '{ "tag": "alpine", "platforms": "linux/amd64,linux/arm/v7" }'`,
  // a matrix item a step reads with fromJSON): the mapping it is, read as YAML in place.
  const json = node.style === 'QUOTE_SINGLE' || node.style === 'QUOTE_DOUBLE' ? jsonObject(node, ctx) : undefined;
  if (json) {
    walk(json, ctx);
    return;
  }
  const value = node.value.trim();
  // (The cheap test first: this runs for every scalar of a file.)
  // `paths: [linux/arm]` names a folder, `job_name: linux/arm` a job: neither is a platform.
  if (WHOLE_SLASH.test(value) && !isPathKey(ctx.path[ctx.path.length - 1]) && !DISPLAY_NAME.test(ctx.path[ctx.path.length - 1] ?? '')) {
    const s = r.s + ctx.text.slice(r.s, r.e).indexOf(value);
    if (wholePlatform(ctx.sink, ctx.text, s, s + value.length, listId)) return;
  }
  // Text, not a command: under a prose key, or a sentence outside a script (`Built with GOOS=linux
  // GOARCH=arm.`, `kubernetes-server-linux-arm.tar.gz was last published for v1.26`).
  const last = ctx.path[ctx.path.length - 1] ?? '';
  const script = SCRIPT_VALUE_KEYS.has(last) || SCRIPT_LIST_KEYS.has(last);
  if (ctx.prose || (!script && proseText(value))) return;
  const yamlQuote = node.style === 'QUOTE_DOUBLE' ? '"' : node.style === 'QUOTE_SINGLE' ? "'" : undefined;
  // (A script's commands are read as a shell file's are: `X=linux/arm make`, `export X=linux/arm`.)
  const before = ctx.sink.mentions.length;
  scanShell(ctx.text, r.s, r.e, ctx.sink, { mode: 'shell', foldNewlines: r.literal ? false : 'yaml', value: !script, ...(ctx.env ? { env: ctx.env } : {}), ...(carry?.urlVars ? { urlVars: carry.urlVars } : ctx.urlVars ? { urlVars: new Map(ctx.urlVars) } : {}), ...(yamlQuote ? { yamlQuote } : {}), ...(carry ? { carry } : {}) });
  if (ctx.matrixRoles?.arches && before < ctx.sink.mentions.length) dropAxisBuilt(ctx, before, r.s);
  // Ansible's module arguments written `key=value` (`docker_image: name=registry.k8s.io/kube-proxy:v1.31.2
  // source=pull platform=linux/arm/v7`): the image pulled for the platform, as in their mapping form.
  if (before < ctx.sink.mentions.length && value.indexOf('platform=') >= 0) {
    // (docker_container's `name=` is the container's, its `image=` the image.)
    const image = KEY_VALUE_IMAGE.exec(value) ?? KEY_VALUE_NAME.exec(value);
    if (image && KEY_VALUE_PLATFORM.test(value)) pulledImage(ctx.sink, before, kubeImageName(image[2]));
  }
}

/** An image among `key=value` arguments: `image=registry.k8s.io/kube-proxy:v1.31.2`, quoted maybe; or `name=` (docker_image's). */
const KEY_VALUE_IMAGE = /(?:^|\s)image=(["']?)([^\s"'=]{1,300})\1(?=\s|$)/;
const KEY_VALUE_NAME = /(?:^|\s)name=(["']?)([^\s"'=]{1,300})\1(?=\s|$)/;
/** A platform among `key=value` arguments. */
const KEY_VALUE_PLATFORM = /(?:^|\s)platform=/;

/**
 * The mapping a quoted scalar holds as JSON (`'{"platforms": "linux/amd64"}'`), read as YAML from
 * the document's text (offsets kept), outside scripts; undefined for any other string. (A double
 * quote escaped for YAML is no JSON's.)
 */
function jsonObject(node: YScalar, ctx: Ctx): YMap | undefined {
  const v = node.value;
  if (v.length < 8 || v.charCodeAt(0) !== 123 || v.charCodeAt(v.length - 1) !== 125 || v.indexOf('":') < 0) return undefined;
  const last = ctx.path[ctx.path.length - 1] ?? '';
  if (SCRIPT_VALUE_KEYS.has(last) || SCRIPT_LIST_KEYS.has(last)) return undefined;
  const raw = ctx.text.slice(node.contentStart, node.contentEnd);
  if (raw !== v) return undefined;
  const docs = readYamlDocuments(ctx.text, node.contentStart, node.contentEnd);
  const root = docs.length === 1 && !docs[0].broken ? docs[0].root : undefined;
  return root?.kind === 'map' ? root : undefined;
}

/** Prose keys whose mapping or list values hold parts that may name platforms (an issue form's `body:`). */
const PROSE_PARTS: ReadonlySet<string> = new Set(['body', 'notes', 'details', 'changelog', 'release_notes', 'release-notes']);

/** Keys whose values are commands, sentences or not. */
const SCRIPT_VALUE_KEYS: ReadonlySet<string> = new Set(['run', 'script', 'command', 'commands', 'cmd', 'args', 'entrypoint', 'exec', 'shell', 'before_script', 'after_script', 'install', 'before_install']);

/** Words of English text that commands hardly use. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(['the', 'a', 'an', 'is', 'are', 'was', 'were', 'be', 'been', 'with', 'for', 'to', 'of', 'on', 'and', 'or', 'this', 'that', 'it', 'when', 'by', 'using', 'use', 'them', 'its', 'their', 'not', 'no', 'only', 'but', 'as']);

/** A line that starts as a command does: an assignment, or a command's name. */
const COMMAND_LINE = /^\s*(?:[A-Za-z_][A-Za-z0-9_]*=|(?:echo|printf|curl|wget|go|make|docker|podman|buildah|kubectl|export|set|if|for|while|case|cd|mkdir|cp|mv|rm|tar|apt|apt-get|yum|dnf|sudo|bash|sh|env|ko|goreleaser|gox|xgo|crane|skopeo|helm|git|npm|cargo|python3?|pip)\b)/;

/**
 * Whether a value reads as text, not commands: a sentence (see sentence), over its lines when it
 * has several (a note's ``GOOS=linux make build`` in reStructuredText quotes is text of the note),
 * with none of a command's marks: a line (or a part after `;`) that starts as a command does, a
 * flag (`--platform`, `-m`). Comments and quoted strings are left out (`--label "for the edge"`).
 */
function proseText(value: string): boolean {
  // (Most values are a word or two: no sentence, and this runs for every scalar of a file.)
  if (value.length < 20 || value.indexOf(' ') < 0) return false;
  const lines: string[] = [];
  for (const raw of value.split('\n')) {
    const hash = raw.search(/(?:^|\s)#/);
    const line = (hash < 0 ? raw : raw.slice(0, hash)).replace(/``[^`]*``/g, 'x');
    if (line.trim() === '') continue;
    for (const part of line.split(';')) if (COMMAND_LINE.test(part)) return false;
    lines.push(line);
    if (lines.length > 200) return false;
  }
  const text = lines.join(' ');
  if (text === '' || FLAG_WORD.test(text)) return false;
  return sentence(text.replace(/"[^"\n]*"|'[^'\n]*'/g, 'x'));
}

/** A flag among a command's words: `--platform`, `-m`, `-LO`. */
const FLAG_WORD = /(?:^|\s)--?[A-Za-z]/;

/**
 * Whether a one-line value reads as a sentence, not a command: five words or more, no shell
 * operator or expansion, no shell keyword, and two of English's function words (or one, with a
 * capitalised first word or a full stop after a word at its end).
 */
function sentence(value: string): boolean {
  if (value.length < 20 || /[|&$`<>\\{}]/.test(value)) return false;
  const words = value.split(/\s+/);
  if (words.length < 5 || words.length > 4000) return false;
  let fn = 0;
  for (const w of words) {
    const bare = trimPunctuation(w.toLowerCase());
    if (bare === 'do' || bare === 'then' || bare === 'done' || bare === 'fi' || bare === 'esac') return false;
    if (FUNCTION_WORDS.has(bare)) fn++;
  }
  return fn >= 2 || (fn === 1 && (/^[A-Z][a-z]+$/.test(words[0]) || /[a-z]\.$/.test(value)));
}

/** A word without the quotes and brackets before it and the punctuation after it (a loop: an end-anchored regex is super-linear). */
function trimPunctuation(w: string): string {
  let a = 0;
  let b = w.length;
  while (a < b && '("\''.includes(w[a])) a++;
  while (b > a && ',.;:!?)"\''.includes(w[b - 1])) b--;
  return w.slice(a, b);
}

/** Keys of lists of commands that run in one shell, one after another (GitLab, Bitbucket, Drone, Woodpecker, Travis, Buildkite). */
const SCRIPT_LIST_KEYS: ReadonlySet<string> = new Set(['script', 'before_script', 'after_script', 'commands', 'install', 'before_install', 'after_success', 'before_deploy']);

/**
 * A text value (an annotation's) of one word: the release URL or archive name it is, or the
 * platform. Text of more words is for a person (a changelog), and no value is read as a command.
 */
function scanText(node: YScalar, text: string, sink: MentionSink): void {
  if (node.style === 'ALIAS') return;
  const r = contentRange(node);
  if (r.e <= r.s) return;
  const value = node.value.trim();
  if (/\s/.test(value)) return;
  if (WHOLE_SLASH.test(value)) {
    const s = r.s + text.slice(r.s, r.e).indexOf(value);
    if (wholePlatform(sink, text, s, s + value.length)) return;
  }
  const masked = maskScalar(text, node, r);
  scanUrls(text, masked, r.s, 0, masked.length, sink, new Map());
  scanArchiveNames(text, masked, r.s, 0, masked.length, sink);
}

/** A key for a name shown to people (`job_name`, `displayName`, `pretty-name`); `name` itself is prose. */
const DISPLAY_NAME = /(?:^|[_-])(?:job|display|pretty|friendly|human|readable|step|stage|task|check|test|run)[_-]?name$/i;

/**
 * A value (text[s, e)) that is wholly a slash platform: a mention of it, as any YAML scalar's.
 * Returns whether it is one.
 */
function wholePlatform(sink: MentionSink, text: string, s: number, e: number, listId?: number): boolean {
  const value = text.slice(s, e);
  const platform = WHOLE_SLASH.test(value) ? parsePlatform(value, 'loose') : undefined;
  // Outside platform-ish keys only Go's own names count: `Linux/amd64` and `linux/x86_64` there
  // are a label or a machine's name for itself, not a platform written for Go or Docker.
  if (!platform || platform.alias) return false;
  sink.add({ kind: 'whole', token: token(text, s, e), platform, strict: false, canonical: 'as-written', ...(listId !== undefined ? { listId } : {}), context: 'platform value' });
  return true;
}

/** A mapping's key that is wholly a slash platform, written as it reads (no escapes): a mention of it (see wholePlatform). */
function platformKey(pair: YPair, ctx: Ctx): void {
  const s = pair.keyStart;
  if (s >= 0 && ctx.text.startsWith(pair.key, s)) wholePlatform(ctx.sink, ctx.text, s, s + pair.key.length);
}

const LINE_KEY = /^(\s*(?:-\s+)*)([A-Za-z0-9_.-]+)(\s*:\s+|\s*:$)/;

/** A flow sequence's items on one line (text[s, e), nested to any depth) that are wholly a slash platform. */
function flowItemPlatforms(text: string, s: number, e: number, sink: MentionSink): void {
  // An item: between brackets, braces and commas, without the spaces and quotes around it.
  const isSeparator = (c: number) => c === 91 || c === 93 || c === 123 || c === 125 || c === 44;
  const isSpace = (c: number) => c === 32 || c === 9;
  for (let i = s; i < e; ) {
    let j = i;
    while (j < e && !isSeparator(text.charCodeAt(j))) j++;
    let a = i;
    let b = j;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    const q = text.charCodeAt(a);
    if (b - a >= 2 && (q === 34 || q === 39) && text.charCodeAt(b - 1) === q) {
      a++;
      b--;
    }
    wholePlatform(sink, text, a, b);
    i = j + 1;
  }
}

/**
 * Where a flow list opened on a line ends when it goes on over later lines: after its `]` (or
 * at `end`, or before a line that starts a key, if it is never closed); `lineEnd` when it is
 * closed on its own line or is no flow list.
 */
function flowListEnd(text: string, vs: number, lineEnd: number, end: number): number {
  let k = vs;
  while (k < lineEnd && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  if (text.charCodeAt(k) !== 91) return lineEnd;
  let depth = 0;
  for (let i = k; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 91) depth++;
    else if (c === 93 && --depth === 0) return i < lineEnd ? lineEnd : i + 1;
    else if (c === 10 && i >= lineEnd && LINE_KEY.test(text.slice(i + 1, Math.min(end, i + 200)).split('\n', 1)[0])) return i;
  }
  return end;
}

/**
 * Broken YAML: each line on its own, as `key: value` where it looks like one. `path` is where
 * the lines sit (a broken child of `exclude:` is left out whole); the lines of an `exclude:` or
 * `ignore:` block among them are left out too, as the structured reader leaves them.
 */
export function scanYamlLines(text: string, start: number, end: number, sink: MentionSink, flavour: YamlFlavour, path: readonly string[], namedBefore?: { role: Role; col: number }): void {
  if (inLeftOut(path, flavour)) return;
  let i = start;
  /** The last `- name: GOOS` (a platform-ish name) and its key's column: its sibling `value:` is of that role. */
  let named: { role: Role; col: number } | undefined = namedBefore;
  /** The column of an `exclude:`/`ignore:` key whose block the lines are in. */
  let leftOut = -1;
  /**
   * The role of the block of items the lines are in (`goarch:` over `- arm`), and its key's
   * column; a path that ends in a platform-ish key makes every item of the lines one of it.
   */
  const pathRole = path.length > 0 ? roleOf(path[path.length - 1]) : undefined;
  let items: { role: Role; col: number } | undefined = pathRole && pathRole !== 'variant' ? { role: pathRole, col: -1 } : undefined;
  while (i < end) {
    let nl = text.indexOf('\n', i);
    if (nl < 0 || nl > end) nl = end;
    const line = text.slice(i, nl);
    if (!/^\s*#/.test(line) && line.trim() !== '') {
      let indent = 0;
      while (indent < line.length && line.charCodeAt(indent) === 32) indent++;
      if (leftOut >= 0) {
        // Deeper lines, and items written at the key's own column (`exclude:` then `- goos: …`), are its entries.
        // (A line indented with a tab is deeper than any key.)
        if (indent > leftOut || line.charCodeAt(indent) === 9 || (indent === leftOut && line.charCodeAt(indent) === 45)) {
          i = nl + 1;
          continue;
        }
        leftOut = -1;
      }
      // (Not the CR of a CRLF: a value read as words would end in it.)
      let e = nl > i && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      const hash = line.search(/\s#/);
      if (hash >= 0) e = i + hash;
      const m = LINE_KEY.exec(line);
      let vs = i;
      let role: Role | undefined;
      // (A line indented with a tab is deeper than any key: `platforms:` over `⇥-` and `⇥- linux/amd46`.)
      if (items && items.col >= 0 && line.charCodeAt(indent) !== 9 && (indent < items.col || (indent === items.col && line.charCodeAt(indent) !== 45))) items = undefined;
      if (m) {
        vs = i + m[0].length;
        // An anchor or a tag before the value (`goarch: &arches`, `!!str linux/arm`) is YAML's, and
        // an alias (`goarch: *arches`) names no value here.
        let p = vs;
        while (p < e && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
        while (p < e && (text.charCodeAt(p) === 38 /* & */ || text.charCodeAt(p) === 33 /* ! */)) {
          while (p < e && text.charCodeAt(p) !== 32 && text.charCodeAt(p) !== 9) p++;
          while (p < e && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
          vs = p;
        }
        if (text.charCodeAt(p) === 42 /* * */ && p < e) vs = e;
        role = roleOf(m[2]);
        const col = m[1].length;
        if (role && role !== 'variant' && text.slice(vs, e).trim() === '') items = { role, col };
        if (named && (col < named.col || (col === named.col && m[1].indexOf('-') >= 0))) named = undefined;
        if (m[2] === 'name') {
          const r = roleOf(text.slice(vs, e).trim().replace(/^(["'])(.*)\1$/, '$2'));
          named = r ? { role: r, col } : undefined;
        } else if (named && col === named.col && NAMED_VALUE_KEYS.includes(m[2])) {
          role = named.role;
        }
        if (PROSE_KEYS.has(m[2].toLowerCase()) || DISPLAY_NAME.test(m[2])) {
          i = nl + 1;
          continue;
        }
        if (leftOutKey(m[2], isJobs(path), flavour)) {
          // The key's column: after the indent and any `- ` before it.
          leftOut = m[1].length;
          i = nl + 1;
          continue;
        }
      } else {
        // A line that is no key, left of a `name:`'s column (`-z name: PLATFORM` typed over an
        // item's dash), ends its mapping: the `value:` below is none of that name's.
        if (named && indent < named.col) named = undefined;
        // Items of items (`- - - linux/arm`), as a file nested too deep to parse is written.
        const dash = /^\s*(?:-\s+)+/.exec(line);
        if (dash) {
          vs = i + dash[0].length;
          if (items) role = items.role;
        } else if (items && items.col < 0) {
          // A value under a platform-ish key read alone (`platforms:` over `⇥linux/amd46`, set aside).
          role = items.role;
        }
      }
      // A flow list over lines (`platforms: [linux/amd64,` then `linux/arm/v6]`) is one list, to its `]`.
      if (role !== undefined && role !== 'variant') {
        const close = flowListEnd(text, vs, e, end);
        if (close > nl) {
          e = close;
          nl = text.indexOf('\n', close);
          if (nl < 0 || nl > end) nl = end;
        }
      }
      if (role === 'platform') {
        const masked = maskTemplates(text, vs, e, 'shell');
        readPlatformList(sink, { text, masked, maskBase: vs, start: vs, end: e, role, context: m ? m[2] : '' });
      } else if (role === 'os' || role === 'arch') {
        const masked = maskTemplates(text, vs, e, 'shell');
        // Each name of a list (`goarch: [amd64, arm]`), judged on its own: its line says nothing of the other half.
        // (Not a key of a flow mapping being typed: `goarch: [dockers:` is no name.)
        for (const t of readPlatformList(sink, { text, masked, maskBase: vs, start: vs, end: e, role, context: '' })) if (!t.text.endsWith(':')) emitName(sink, role, t, m ? m[2] : '');
      } else {
        const value = text.slice(vs, e).trim().replace(/^["']|["']$/g, '');
        const folder = m !== null && isPathKey(m[2]);
        const at = text.indexOf(value, vs);
        const whole = !folder && wholePlatform(sink, text, at, at + value.length);
        if (!whole && (m || !readEnvItem(sink, text, value, vs))) {
          // (A list item PLATFORMS=linux/amd64 linux/s390x is read as its list.)
          // A flow sequence (`args: ["--platform=linux/amd64", …]`) is words, as an exec form is;
          // an item of it that is wholly a platform counts as such a scalar does.
          let v = vs;
          while (v < e && (text.charCodeAt(v) === 32 || text.charCodeAt(v) === 9)) v++;
          const flow = text.charCodeAt(v) === 91;
          // A flow mapping (`build: { context: ., platforms: [linux/amd64, linux/arm/v7`, not
          // closed yet): its values that are wholly platforms count too.
          if ((flow || text.charCodeAt(v) === 123) && !folder) flowItemPlatforms(text, v, e, sink);
          scanShell(text, vs, e, sink, { mode: 'shell', foldNewlines: true, execForm: flow });
        }
      }
    }
    i = nl + 1;
  }
}
