import { MentionSink, POISON, SOFT, splitList, token, type Token } from './mention';
import { makePlatform, parsePlatform } from '../platform/parse';
import { GO_ARCHES, GO_OSES, isGoOs, PACKAGE_ARCH_NAMES, PACKAGE_ARCHES, resolveArch } from '../platform/names';
import { editDistance } from '../platform/distance';
import type { BinaryForm } from '../model/schema';
import type { Word } from './shellWords';

/**
 * Kubernetes artifact references in text: download URLs (dl.k8s.io, the release buckets,
 * kubernetes and kubernetes-sigs GitHub releases, pkgs.k8s.io), release archive names, package
 * architectures and images. Offsets: masked[i] is document offset base + i.
 */

const URL_CHARS = `[^\\s"'<>|;&()\\\\\\u0002\`]`;
const URL = new RegExp(
  `(?:https?://|gs://|(?<![\\w./-])(?=(?:cdn\\.)?dl\\.k8s\\.io/|pkgs\\.k8s\\.io/|storage\\.googleapis\\.com/|github\\.com/))${URL_CHARS}+`,
  'g',
);
/** A quote between two characters of a URL's path (`release/"${v}"/bin`), which the shell joins into one word. */
const MID_WORD_QUOTE = /(?<=[\w./}:)\u0001-])["'](?=[\w/$.{\u0001-])/g;
/** A shell default's literal and the URL after it (read from the default's masked `${NAME:-`). */
const DEFAULT_TAIL = /(?:\u0002+[A-Za-z0-9_]+[\u0001\u0002][^\s"'<>|;&()\\\u0002`]*)+/y;
/** A shell default whose literal is a version (`${KUBE_VERSION:-v1.31.2}`, `${SERIES:=v1.31}`), masked `${NAME:-` and `}` (SOFT). */
// (Or a default that is templated whole, `${KUBE_VERSION:-$(curl -Ls …/stable.txt)}`.)
const VERSION_DEFAULT = /(?<!\u0002)\u0002+v?\d+(?:\.\d+)+(?:[-+][\w.]+)?\u0002|(?<!\u0002)\u0002+v\d+\u0002|(?<!\u0002)\u0002+\u0001+\u0002/g;
/** make's `$(or $(NAME),` before a literal and its `)`, masked: SOFT, the templated choice, ALTERNATIVE. */
const MAKE_OR_DEFAULT = /(?<!\u0002)\u0002+\u0001+\u0003(?=[A-Za-z0-9_.]+\u0002)/g;
/** The end of a default expansion that a URL's path goes on after. */
const DEFAULT_THEN_PATH = /\u0002(?=\/)/g;

/** A URL of a Kubernetes download, or the start of one, as a variable holds it for `${VAR}/bin/…`. */
const DOWNLOAD_PREFIX = /(^|[/.])(dl\.k8s\.io|pkgs\.k8s\.io|storage\.googleapis\.com\/k(ubernetes|8s)-release|github\.com\/kubernetes(-sigs)?(\/|$))|^gs:\/\/k(ubernetes|8s)-release/;

/**
 * The Kubernetes download URL (or its start) a variable is set to, from its masked value: also
 * the default of an expansion (`DL=${DL:-https://dl.k8s.io/release/v1.31.0}`, a mirror's
 * override) and a value that starts with one (`"${MIRROR:-https://dl.k8s.io}/release/…"`).
 */
export function downloadPrefix(masked: string): string | undefined {
  const value = masked.replace(/[\u0002"']/g, '').replace(/^\u0001+/, '');
  // (Also GitHub's or Cloud Storage's host alone, `GH=https://github.com`: the path written after it says whose file it is.)
  return DOWNLOAD_PREFIX.test(value) || BARE_HOST.test(value) ? value : undefined;
}

/** A part of every host (or bucket) that classify knows, in any case. */
export const KNOWN_HOST = /k8s\.io|googleapis\.com|github\.com|gs:\/\//i;
/** A variable a URL starts with: `${K8S_BIN}`, `$(K8S_BIN)`, `$K8S_BIN` before a slash, a workflow's `${{ env.K8S_BIN }}`; then the path written after it. */
const VAR_URL = new RegExp(`\\$(?:\\{(\\w+)\\}|\\((\\w+)\\)|(\\w+)(?=/)|\\{\\{ ?env\\.(\\w+) ?\\}\\})(/?${URL_CHARS}*)`, 'g');
/**
 * The release buckets: production, CI (and the pull-request CI twins), the staging bucket that
 * `krel stage` and anago write a candidate release to (kubernetes/release's TestBucket), and SIG
 * Release's bucket of its tools' builds (zeitgeist, mdtoc, bom).
 */
const BUCKET = /^\/(kubernetes-release|kubernetes-release-dev|k8s-release-dev|k8s-release|kubernetes-release-gcb|kubernetes-release-pull|k8s-release-pull|k8s-artifacts-sig-release)(\/|$)/;
// `…/releases/download/<tag>/<asset>`, and GitHub's `…/releases/latest/download/<asset>` (krew's installer).
const GITHUB_RELEASE = /^\/kubernetes(-sigs)?\/[^/]+\/releases\/(?:latest\/)?download\//;
export const KUBE_PACKAGES = 'kubelet|kubeadm|kubectl|kubernetes-cni|cri-tools';
/** (tonistiigi/xx's `xx-apt-get` and `xx-apt` run apt for the target platform, and take the same words.) */
export const PACKAGE_MANAGERS: ReadonlySet<string> = new Set(['apt-get', 'apt', 'aptitude', 'dnf', 'yum', 'zypper', 'microdnf', 'tdnf', 'xx-apt-get', 'xx-apt']);

export type UrlKind = 'release' | 'github' | 'packages';

/** What a URL points to: `host` is the bucket of a gs:// URL, whose path follows it. */
function classify(host: string, path: string, gs = false): UrlKind | undefined {
  if (gs) return BUCKET.test(`/${host}`) ? 'release' : undefined;
  const h = host.toLowerCase();
  if (h === 'dl.k8s.io' || h === 'cdn.dl.k8s.io') return 'release';
  if (h === 'storage.googleapis.com' && BUCKET.test(path)) return 'release';
  if (h === 'github.com' && GITHUB_RELEASE.test(path)) return 'github';
  // kind's own download links (its quick start): they redirect to its GitHub release assets.
  if (h === 'kind.sigs.k8s.io' && path.startsWith('/dl/')) return 'github';
  if (h === 'pkgs.k8s.io' || h === 'prod-cdn.packages.k8s.io') return 'packages';
  return undefined;
}

/** A URL's host (a gs:// URL's bucket) and where its path starts; the scheme may be left out. */
function urlParts(url: string): { host: string; slash: number; gs: boolean } | undefined {
  const gs = url.startsWith('gs://');
  const schemeEnd = gs ? 5 : url.startsWith('https://') ? 8 : url.startsWith('http://') ? 7 : 0;
  const slash = url.indexOf('/', schemeEnd);
  return slash < 0 ? undefined : { host: url.slice(schemeEnd, slash), slash, gs };
}

/**
 * What a URL (`https://dl.k8s.io/…`, `dl.k8s.io/…`, `gs://kubernetes-release/…`, a kubernetes-sigs
 * release download, `https://pkgs.k8s.io/…`) downloads from, or undefined when it is no Kubernetes URL.
 */
export function urlKind(url: string): UrlKind | undefined {
  const parts = urlParts(url);
  return parts === undefined ? undefined : classify(parts.host, url.slice(parts.slash), parts.gs);
}

export function scanUrls(
  text: string,
  masked: string,
  base: number,
  s: number,
  e: number,
  sink: MentionSink,
  urlVars: Map<string, string>,
): void {
  let region = masked.slice(s, e);
  if (region.indexOf('/') < 0) return;
  URL.lastIndex = 0;
  // Only URLs on these hosts count (classify): without one, the URL regex would find nothing to keep.
  const known = KNOWN_HOST.test(region);
  // https://dl.k8s.io/release/"${v}"/bin/linux/arm/kubectl is one word: quotes inside it are no end.
  if (known && (region.indexOf('"') >= 0 || region.indexOf("'") >= 0)) region = region.replace(MID_WORD_QUOTE, POISON);
  // A version given with a default (`release/${KUBE_VERSION:-v1.31.2}/bin/linux/arm/kubeadm`,
  // `crictl-${V:-v1.31.1}-linux-arm.tar.gz`) is a version whatever the variable holds: read as a
  // templated one is, so the URL goes on past it.
  if (known && region.indexOf('\u0002') >= 0) {
    // (make's `$(or $(GOARCH),arm)` is a default as the shell's `${GOARCH:-arm}` is.)
    if (region.indexOf('\u0003') >= 0) region = region.replace(MAKE_OR_DEFAULT, (m) => '\u0002'.repeat(m.length));
    region = region.replace(VERSION_DEFAULT, (m) => '\u0001'.repeat(m.length));
  }
  // ${DL:-https://dl.k8s.io/release/v1.31.0}/bin/linux/arm/kubelet: the default is the URL's start.
  if (known && region.indexOf(`${SOFT}/`) >= 0) region = region.replace(DEFAULT_THEN_PATH, POISON);
  for (let m = known ? URL.exec(region) : null; m; m = URL.exec(region)) {
    const url = m[0];
    const parts = urlParts(url);
    if (!parts || parts.host.includes(POISON)) continue;
    const kind = classify(parts.host, url.slice(parts.slash), parts.gs);
    if (!kind) continue;
    // A shell default where the URL goes on (`bin/linux/${ARCH:-arm}/kubectl`) ends the match.
    const end = m.index + url.length;
    if (region.charCodeAt(end) === 2 && (kind === 'release' ? releaseDefault(text, region, url.slice(parts.slash), base + s + m.index + parts.slash, end, sink) : kind === 'github' && assetDefault(text, region, base + s, end, sink))) continue;
    scanUrlPath(text, url.slice(parts.slash), base + s + m.index + parts.slash, kind, sink);
  }
  if (urlVars.size === 0) return;
  const original = text.slice(base + s, base + e);
  VAR_URL.lastIndex = 0;
  for (let m = VAR_URL.exec(original); m; m = VAR_URL.exec(original)) {
    const value = urlVars.get(m[1] ?? m[2] ?? m[3] ?? m[4]);
    const path = m[5];
    // (A path with no slash of its own goes on a value that ends in one: `${K8S_BIN}darwin/arm64/kubectl`.)
    if (!value || path === '' || (path[0] !== '/' && !value.endsWith('/'))) continue;
    const hostMatch = /^(?:https?:\/\/|(gs:\/\/))?([^/]+)(\/.*)?$/.exec(value);
    if (!hostMatch) continue;
    const pathStart = m.index + m[0].length - path.length;
    const kind = classify(hostMatch[2], joinUrl(hostMatch[3] ?? '', path), hostMatch[1] !== undefined);
    const maskedPath = masked.slice(s + pathStart, s + pathStart + path.length);
    // A value that ends in a release's `/bin` (`K8S_BIN=https://dl.k8s.io/release/v1.31.0/bin`):
    // the written path goes on with the os and arch (`${K8S_BIN}/darwin/arm64/kubectl`).
    const joined = path[0] === '/' ? '' : '/';
    const bin = (kind === 'release' && /\/bin\/?$/.test(hostMatch[3] ?? '') ? '/bin' : '') + joined;
    if (kind) scanUrlPath(text, bin + maskedPath, base + s + pathStart - bin.length, kind, sink);
  }
}

/**
 * An os and arch of which one is Go's and the other one edit away from a Go name of its kind,
 * letters first (`amd46`, `lnux`; not a version `v1`, a number or a word such as `node`).
 */
function nearMiss(os: string, arch: string): boolean {
  if (GO_OSES.has(os)) return !GO_ARCHES.has(arch) && nearName(arch, GO_ARCHES);
  if (GO_ARCHES.has(arch)) return nearName(os, GO_OSES);
  return false;
}

/** A word one edit from one of `names` (a typo of a Go name), not a version (`v1`). */
function nearName(word: string, names: ReadonlySet<string>): boolean {
  if (!/^[a-z][a-z0-9]{2,}$/.test(word) || /^v\d/.test(word)) return false;
  for (const n of names) if (editDistance(word, n) === 1) return true;
  return false;
}

/**
 * The written half of a platform in a download whose other half is templated (`bin/${OS}/amd46/`,
 * `kind-${OS}-amd46`, `kubernetes-client-lnux-${ARCH}.tar.gz`): a name one edit from a Go name of
 * its kind, and no name itself (nor an alias), is a typo, reported alone. A right name says nothing
 * alone (its pair is templated), nor a word that is no name at all.
 */
function downloadHalfTypo(text: string, start: number, end: number, role: 'os' | 'arch', context: string, sink: MentionSink): boolean {
  const lower = text.slice(start, end).toLowerCase();
  if ((role === 'os' ? isGoOs(lower) : resolveArch(lower) !== undefined) || !nearName(lower, role === 'os' ? GO_OSES : GO_ARCHES)) return false;
  sink.add({ kind: 'pair', [role]: token(text, start, end), product: false, context });
  return true;
}

/** A run of POISON: a templated segment (`${OS}`, `$(GOARCH)`). */
const TEMPLATED = /^\u0001+$/;
/** A written name segment. */
const WRITTEN = /^[A-Za-z0-9]+$/;

/** `/bin/OS/ARCH/` of a release URL with one segment templated: the other's typo (see downloadHalfTypo). */
const HALF_BIN = /\/bin\/([A-Za-z0-9]+|\u0001+)\/([A-Za-z0-9]+|\u0001+)\//d;

/** `/bin/OS/ARCH/FILE` of a release URL; a quote around a segment is masked as POISON (MID_WORD_QUOTE). */
const RELEASE_BIN = /\/bin\/(\u0001?)([A-Za-z0-9_]*)\1\/(\u0001?)([A-Za-z0-9_]*)\3(?:\/([^/?#]+))?/;

/**
 * `/bin/OS/ARCH` of a release URL where a segment is a shell default (`bin/linux/${ARCH:-arm}`): its
 * literal, between the masked `${NAME:-` (SOFT) and `}` (SOFT, or POISON before a slash).
 */
const RELEASE_BIN_DEFAULT = /\/bin\/(?:\u0002+([A-Za-z0-9_]+)[\u0001\u0002]|([A-Za-z0-9_]+))\/(?:\u0002+([A-Za-z0-9_]+)[\u0001\u0002]|([A-Za-z0-9_]+)(?![A-Za-z0-9_]))(?:\/([^/?#\s"'\u0001\u0002]+))?/d;

/**
 * A shell default standing for a segment of a release URL's platform: the URL downloads that
 * literal's binary when the variable is unset, whatever it is called (`${ARCH:-arm}`, `${arch:-riscv64}`).
 * Read as a split pair, each half where it is written. `before` is the URL's path up to `at` in
 * `region`, where a default starts. False when no os and arch segment holds one.
 */
function releaseDefault(text: string, region: string, before: string, offset: number, at: number, sink: MentionSink): boolean {
  DEFAULT_TAIL.lastIndex = at;
  const tail = DEFAULT_TAIL.exec(region);
  if (!tail) return false;
  const path = before + tail[0];
  const bin = RELEASE_BIN_DEFAULT.exec(path);
  if (!bin || (bin[1] === undefined && bin[3] === undefined)) return false;
  const group = (g: number) => token(text, offset + bin.indices![g][0], offset + bin.indices![g][1]);
  const os = group(bin[1] !== undefined ? 1 : 2);
  const arch = group(bin[3] !== undefined ? 3 : 4);
  // The binary it downloads (`…/${ARCH:-arm}/kubectl`), judged as the written URL's is.
  for (const artifact of binariesNamed(bin[5])) {
    sink.add({ kind: 'pair', os, arch, product: false, ...(artifact ? { artifact } : {}), context: 'Kubernetes release URL' });
  }
  return true;
}

/** An asset name's os and separator before a shell default: `crictl-v1.31.0-linux-` of `crictl-v1.31.0-linux-${ARCH:-arm}.tar.gz`. */
const OS_BEFORE_DEFAULT = /(?:^|[-_./])([a-z]+)[-_]$/;
const ARCH_DEFAULT = /\u0002+([A-Za-z0-9]+)[\u0001\u0002](?=$|[-_.])/y;

/**
 * A release asset of a Kubernetes project whose arch is a shell default (`crictl-v1.31.0-linux-${ARCH:-arm}.tar.gz`):
 * the default's literal with the os written before it, read as a split pair. `at` is where the default starts in `region`.
 */
function assetDefault(text: string, region: string, offset: number, at: number, sink: MentionSink): boolean {
  const before = OS_BEFORE_DEFAULT.exec(region.slice(Math.max(0, at - 40), at));
  if (!before || !GO_OSES.has(before[1])) return false;
  ARCH_DEFAULT.lastIndex = at;
  const arch = ARCH_DEFAULT.exec(region);
  if (!arch) return false;
  const archStart = at + arch[0].length - 1 - arch[1].length;
  const osStart = at - 1 - before[1].length;
  sink.add({ kind: 'pair', os: token(text, offset + osStart, offset + osStart + before[1].length), arch: token(text, offset + archStart, offset + archStart + arch[1].length), product: false, context: 'Kubernetes project release asset' });
  return true;
}

/**
 * The release binaries the file part of a URL names, each once: `bin/linux/386/{kubeadm,kubelet}`
 * and `kubectl{,.sha256}` (a shell's brace expansion) name several. [undefined] when it names none
 * (no file, a templated one, no binary of the release): the URL gives one mention without artifact.
 */
function binariesNamed(file: string | undefined): (BinaryRef | undefined)[] {
  const artifacts = file && !file.includes(POISON) ? expandBraces(file).map(binaryArtifact) : [];
  const named = artifacts.filter((a, i) => a !== undefined && artifacts.findIndex((b) => b?.name === a.name && b?.form === a.form) === i);
  return named.length > 0 ? named : [undefined];
}

/** A file that is a document, not a build. */
const DOCUMENT_FILE = /\.(?:md|markdown|html?|txt|rst|adoc|pdf)$/i;

/** A release asset's file name (the last segment of `path`): the first pair of Go names in it, or a typo of one. */
function scanAssetName(text: string, path: string, offset: number, sink: MentionSink): void {
  const lastSlash = path.lastIndexOf('/');
  const file = path.slice(lastSlash + 1);
  if (file.startsWith('kubernetes-')) return; // release archives: scanArchiveNames judges those
  if (DOCUMENT_FILE.test(file)) return; // release notes and docs (`linux-arm-notes.md`): text about a platform
  // (An arch may hold the separator: hydrophone_Darwin_x86_64, kind-darwin-x86-64.)
  const re = /(?:^|[-_.])([A-Za-z0-9]+)([-_])([xX]86[-_]64|[A-Za-z0-9]+)(?=$|[-_.])/g;
  // A pair of Go names is the asset's platform, judged as written (darwin-386 is a dropped
  // port). Failing one, the last pair of a Go name and a near miss of one is a typo
  // (kind-linux-amd46, crictl-v1.31.0-lnux-amd64.tar.gz).
  let typo: Token | undefined;
  for (let m = re.exec(file); m; m = re.exec(file)) {
    const start = offset + lastSlash + 1 + m.index + (m[0].length - m[1].length - 1 - m[3].length);
    const t = token(text, start, start + m[1].length + 1 + m[3].length);
    const platform = parsePlatform(t.text, 'loose');
    if (platform && platform.validOs && platform.validArch) {
      // The projects name their assets with Go's names (kind-linux-arm64, crictl-…-linux-amd64):
      // an alias with Go's lower-case os is none of theirs (kind-linux-aarch64). goreleaser's
      // default names (hydrophone_Darwin_x86_64, its os in title case) are written as they are.
      const goNamed = platform.alias && /^[a-z]/.test(m[1]);
      sink.add({ kind: 'whole', token: t, platform, strict: true, ...(goNamed ? { canonical: platform.spelling } : {}), context: 'Kubernetes project release asset' });
      return;
    }
    if (nearMiss(m[1], m[3])) typo = t;
    re.lastIndex = m.index + 1;
  }
  const platform = typo && parsePlatform(typo.text, 'strict');
  if (typo && platform) sink.add({ kind: 'whole', token: typo, platform, strict: true, context: 'Kubernetes project release asset' });
  else if (!typo && file.indexOf(POISON) >= 0) halfAssetTypo(text, file, offset + lastSlash + 1, sink);
}

/** An asset name with its os or arch templated (`kind-${OS}-amd46`): the written half's typo (see downloadHalfTypo). */
function halfAssetTypo(text: string, file: string, offset: number, sink: MentionSink): void {
  const parts: { s: number; e: number }[] = [];
  const sep = /[-_.]/g;
  let from = 0;
  for (let m = sep.exec(file); ; m = sep.exec(file)) {
    const end = m ? m.index : file.length;
    parts.push({ s: from, e: end });
    if (!m || parts.length > 32) break;
    from = end + 1;
  }
  for (let k = 0; k + 1 < parts.length; k++) {
    const a = file.slice(parts[k].s, parts[k].e);
    const b = file.slice(parts[k + 1].s, parts[k + 1].e);
    if (TEMPLATED.test(a) && WRITTEN.test(b) && downloadHalfTypo(text, offset + parts[k + 1].s, offset + parts[k + 1].e, 'arch', 'Kubernetes project release asset', sink)) return;
    if (WRITTEN.test(a) && TEMPLATED.test(b) && downloadHalfTypo(text, offset + parts[k].s, offset + parts[k].e, 'os', 'Kubernetes project release asset', sink)) return;
  }
}

function scanUrlPath(text: string, path: string, offset: number, kind: UrlKind, sink: MentionSink): void {
  if (kind === 'release') {
    // A segment may be quoted, which the shell joins into the word (`bin/linux/"arm"/kubectl`).
    const half = path.indexOf(POISON) >= 0 ? HALF_BIN.exec(path) : null;
    if (half?.indices && TEMPLATED.test(half[1]) !== TEMPLATED.test(half[2])) {
      const [, os, arch] = half.indices;
      if (TEMPLATED.test(half[1])) downloadHalfTypo(text, offset + arch[0], offset + arch[1], 'arch', 'Kubernetes release URL', sink);
      else downloadHalfTypo(text, offset + os[0], offset + os[1], 'os', 'Kubernetes release URL', sink);
      return;
    }
    const bin = RELEASE_BIN.exec(path);
    // Not a binary of the release: a file of the bucket, named for its platform as a GitHub
    // release asset is (`network-plugins/cni-plugins-linux-arm.tgz`, SIG Release's `zeitgeist-arm-linux`).
    if (!bin) {
      scanAssetName(text, path, offset, sink);
      return;
    }
    if (bin[2] === '' || bin[4] === '') return;
    const osStart = offset + bin.index + 5;
    const archEnd = osStart + 2 * bin[1].length + bin[2].length + 1 + 2 * bin[3].length + bin[4].length;
    const t = token(text, osStart, archEnd);
    const platform = parsePlatform(`${bin[2]}/${bin[4]}`, 'strict');
    if (!platform) return;
    for (const artifact of binariesNamed(bin[5])) {
      sink.add({
        kind: 'whole',
        token: t,
        platform,
        strict: true,
        canonical: 'slash',
        ...(artifact ? { artifact } : {}),
        context: 'Kubernetes release URL',
      });
    }
    return;
  }
  if (kind === 'github') {
    scanAssetName(text, path, offset, sink);
    return;
  }
  // pkgs.k8s.io: architecture path segments and package file names.
  // An arch name is short: unbounded, the file-name branch was quadratic in a long run of `_`.
  // The file name's arch counts only where no path segment named one: `…/rpm/i686/kubelet-….i686.rpm`
  // names i686 once, for one finding per URL.
  const seg = /\/([a-z0-9_]+)(?=\/|$)|[_.](x86_64|[a-z0-9]{1,32})\.(deb|rpm)$/g;
  let named = false;
  // The repository's format, from its /deb/ or /rpm/ folder; else from the arch's own spelling.
  const folder = /\/(deb|rpm)(?=\/|$)/.exec(path);
  for (let m = seg.exec(path); m; m = seg.exec(path)) {
    const name = m[1] ?? m[2];
    const arch = PACKAGE_ARCHES.get(name);
    // The folder after /deb/ or /rpm/ is the architecture's: one a letter off is a typo (`/rpm/x86_46/`).
    const typo = !arch && m[1] !== undefined && folder !== null && !named && path.endsWith(`/${folder[1]}`, m.index) && packageTypo(name, folder[1] as 'deb' | 'rpm');
    if ((!arch && !typo) || (m[2] !== undefined && named)) continue;
    named = true;
    const start = offset + m.index + 1;
    const format = m[3] ?? folder?.[1] ?? (/^(x86_64|aarch64|i[456]86|armv7hl|armhfp|loongarch64)$/.test(name) ? 'rpm' : 'deb');
    addPackage(sink, token(text, start, start + name.length), format as 'deb' | 'rpm');
  }
}

/** Longest text a brace expansion is read in, and most words it may make. */
const MAX_BRACED = 200;
const MAX_EXPANDED = 16;

/**
 * A shell's brace expansion of a file name (`{kubeadm,kubelet}.exe`, `kubectl{,.sha256}`): the
 * words it makes, or the name itself when it has no comma list in braces (or makes too many).
 */
export function expandBraces(word: string): string[] {
  if (word.indexOf('{') < 0 || word.length > MAX_BRACED) return [word];
  const m = /\{([^{},]*(?:,[^{},]*)+)\}/.exec(word);
  if (!m) return [word];
  const out: string[] = [];
  for (const alt of m[1].split(',')) {
    for (const rest of expandBraces(word.slice(0, m.index) + alt + word.slice(m.index + m[0].length))) {
      out.push(rest);
      if (out.length > MAX_EXPANDED) return [word];
    }
  }
  return out;
}

/** The binary a release URL's file names (`kubectl.exe.sha256`: kubectl, its sha256), if it is one. */
type BinaryRef = { kind: 'binary'; name: string; form: BinaryForm; plainChecksum?: true };

export function binaryArtifact(file: string): BinaryRef | undefined {
  let name = file;
  let form: BinaryForm = 'binary';
  // kubectl.sig, kubelet.exe.cert: cosign's signature and certificate of a binary, published with it.
  const signature = /\.(sig|cert)$/.exec(name);
  if (signature) name = name.slice(0, -signature[0].length);
  const checksum = /\.(sha256|sha512)$/.exec(name);
  if (checksum) {
    form = checksum[1] as BinaryForm;
    name = name.slice(0, -checksum[0].length);
  }
  const ext = /\.(exe|docker_tag|tar)$/.exec(name);
  if (ext) {
    // kube-proxy.exe.sha256 is published with kube-proxy.exe, where that is: judged as the .exe.
    form = ext[1] as BinaryForm;
    name = name.slice(0, -ext[0].length);
  }
  if (!/^[a-z][a-z0-9-]*$/.test(name)) return undefined;
  // (kube-proxy.sha256: the checksum of kube-proxy itself, which windows publishes as kube-proxy.exe.)
  return checksum && !ext ? { kind: 'binary', name, form, plainChecksum: true } : { kind: 'binary', name, form };
}

/** A release archive's name with its kind templated (a run of POISON) and its platform written. */
const ANY_KIND_ARCHIVE = /(?<![A-Za-z0-9_.-])kubernetes-\u0001+-([A-Za-z0-9]+)-([A-Za-z0-9_]+)\.tar\.gz/dg;
/** A release archive's name with its os or arch templated (a run of POISON). */
const HALF_ARCHIVE = /(?<![A-Za-z0-9_.-])kubernetes-(?:client|node|server|test)-([A-Za-z0-9]+|\u0001+)-([A-Za-z0-9]+|\u0001+)\.tar\.gz/dg;
const ARCHIVE = /(?<![A-Za-z0-9_.-])kubernetes-(client|node|server|test|\{(?:client|node|server|test)(?:,(?:client|node|server|test))+\})-([A-Za-z0-9]+)-([A-Za-z0-9_]+)\.tar\.gz(?:\.(sha256|sha512))?/g;

/** A release archive's name whose os or arch is a shell default (masked `${NAME:-` and `}`: SOFT). */
const ARCHIVE_DEFAULT = /(?<![A-Za-z0-9_.-])kubernetes-(client|node|server|test)-(?:\u0002+([A-Za-z0-9]+)\u0002|([A-Za-z0-9]+))-(?:\u0002+([A-Za-z0-9_]+)\u0002|([A-Za-z0-9_]+))\.tar\.gz/dg;

/** Where the word that goes on at region[at] starts: after the last `stop` character, at most `limit` back. */
function wordStart(region: string, at: number, limit: number, stop: RegExp): number {
  let s = at;
  for (const floor = Math.max(0, at - limit); s > floor && !stop.test(region[s - 1]); ) s--;
  return s;
}

/** What ends a URL's word before it; a path's word ends at an `=` or `,` too (`--file=/tmp/…`). */
const URL_WORD_END = /[\s"'`<>()|;]/;
const PATH_WORD_END = /[\s"'`<>()|;=,]/;

/**
 * Whether the name at region[at] is in a URL whose host, written out, is no Kubernetes project's
 * (EKS Distro's, an AKS mirror's): their archives, not the Kubernetes release's. A host that is
 * templated (`https://${MIRROR}/…`) may be a mirror of the release: its names count.
 */
function foreignUrl(region: string, at: number): boolean {
  const word = region.slice(wordStart(region, at, 2048, URL_WORD_END), at);
  const scheme = word.indexOf('://');
  if (scheme < 0) return false;
  let u = scheme;
  while (u > 0 && /[A-Za-z0-9+.-]/.test(word[u - 1])) u--;
  const url = word.slice(u);
  const parts = urlParts(url);
  if (!parts || parts.host === '' || /[^A-Za-z0-9.:-]/.test(parts.host)) return false;
  return classify(parts.host, url.slice(parts.slash), parts.gs) === undefined;
}

/**
 * What a variable that holds a URL of another host, or a folder on this machine, is kept as among
 * the download URLs (see scanUrls): no prefix. The archives named after it are that host's files,
 * or files on this machine.
 */
export const FOREIGN_URL = '';

/** A URL written out whole: no expansion (nor a template masked) in it. */
const LITERAL_URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s$`\u0001]*$/;

/**
 * What a variable set to `value` keeps among the download URLs (the scripts, the YAML environments):
 * its download prefix, FOREIGN_URL for another host's URL written out (a mirror's: the archives
 * named after it are its files), or nothing.
 */
export function urlVariable(value: string): string | undefined {
  return downloadPrefix(value) ?? (LITERAL_URL.test(value) || localFolder(value) ? FOREIGN_URL : undefined);
}

/**
 * Whether a variable's value names a folder on this machine: a path from the root, the working
 * folder or home (`/tmp/k8s`, `./out`, `~/dl`), through the build's output folders
 * (`_output/release-tars`, `${KUBE_ROOT}/_output/release-tars`), or from a variable named for a
 * folder (`${OUT_DIR}/tars`). A download URL is never written so.
 */
export function localFolder(value: string): boolean {
  if (value.indexOf('://') >= 0) return false;
  return LOCAL_ROOT.test(value) || BUILD_OUTPUT.test(`${value}/`) || FOLDER_VARIABLE.test(`${value}/`);
}

/** A path from the root, the working folder or home: `/tmp`, `./out`, `../dl`, `~/bin` (not `//host`). */
const LOCAL_ROOT = /^(?:~|\.{1,2})?\/(?!\/)/;

/** A variable a value starts with: `${BASE}`, `$(BASE)`, `$BASE`, `${{ env.BASE }}`. */
const LEADING_VAR = /^\$(?:\{(\w+)\}|\((\w+)\)|(\w+)|\{\{ ?env\.(\w+) ?\}\})/;

/**
 * A value that goes on after a variable holding a download prefix (`K8S_BIN="${BASE}/${VERSION}/bin"`,
 * BASE set to `https://dl.k8s.io/release` above): that prefix and the rest of the value, masked.
 * Undefined for any other value. `original` and `masked` are the same value, written and masked.
 */
export function afterUrlVariable(original: string, masked: string, urlVars: ReadonlyMap<string, string> | undefined): string | undefined {
  if (!urlVars || urlVars.size === 0 || original.charCodeAt(0) !== 36) return undefined;
  const m = LEADING_VAR.exec(original);
  const value = m ? urlVars.get(m[1] ?? m[2] ?? m[3] ?? m[4]) : undefined;
  if (!m || !value) return undefined;
  const rest = masked.slice(m[0].length);
  return rest === '' || rest[0] === '/' || value.endsWith('/') ? joinUrl(value, rest) : undefined;
}

/**
 * A variable's URL and the path written after it, as one: one slash between them where the value
 * ends in one and the path starts with one (`GCS=https://storage.googleapis.com/`, then
 * `${GCS}/kubernetes-release/…`), as the value meant.
 */
function joinUrl(value: string, rest: string): string {
  return value.endsWith('/') && rest[0] === '/' ? value + rest.slice(1) : value + rest;
}

/** CI variables that hold the URL of the CI's own server or API (an upload's destination, never a Kubernetes download). */
const CI_SERVER_URLS: ReadonlySet<string> = new Set(['CI_API_V4_URL', 'CI_API_GRAPHQL_URL', 'CI_SERVER_URL', 'CI_PROJECT_URL', 'GITHUB_SERVER_URL', 'GITHUB_API_URL', 'BUILDKITE_BUILD_URL']);

/**
 * Whether the word that goes on at region[at] starts with a variable that holds another host's URL
 * (`MIRROR="https://artifacts.example.com/k8s"`, then `"${MIRROR}/kubernetes-server-…"`), or a
 * CI server's (`${CI_API_V4_URL}/…/packages/generic/…`): another project's file, as a URL written out would be.
 */
function foreignBase(region: string, original: string, at: number, urlVars: ReadonlyMap<string, string> | undefined): boolean {
  const word = original.slice(wordStart(region, at, 2048, URL_WORD_END), at);
  const v = /^["']?\$\$?[{(]?([A-Za-z_][A-Za-z0-9_]*)[})]?["']?\//.exec(word);
  if (v === null) return false;
  const value = urlVars?.get(v[1]);
  // A host alone (`GH=https://github.com`): whose file it is, the path written after it says.
  if (value !== undefined && BARE_HOST.test(value)) return urlKind(joinUrl(value, word.slice(v[0].length - 1))) === undefined;
  return CI_SERVER_URLS.has(v[1]) || value === FOREIGN_URL;
}

/** A variable's download prefix that is a host alone, GitHub's or Cloud Storage's (see DOWNLOAD_PREFIX). */
const BARE_HOST = /^(?:https?:\/\/)?(?:www\.)?(?:github\.com|storage\.googleapis\.com)\/?$/;

/**
 * Whether the name at region[at] ends a file path written out (`_output/release-tars/…`,
 * `/tmp/…`, `./…`): a file on this machine (the build's output, a download already made), not a
 * download. A path from a variable (`${BASE_URL}/…`) or a host (`storage.googleapis.com/…`) may be one.
 */
function inLocalPath(region: string, original: string, at: number): boolean {
  if (region[at - 1] !== '/') return false;
  const s = wordStart(region, at, 1024, PATH_WORD_END);
  const prefix = region.slice(s, at);
  if (LOCAL_PATH.test(prefix) && !HOST_FIRST.test(prefix)) return true;
  // From a variable that names a folder (`$(KUBE_ROOT)/_output/release-tars/`, `${TMP_DIR}/`), or
  // through the build's own output folders: no URL is written so.
  const written = original.slice(s, at);
  return BUILD_OUTPUT.test(written) || FOLDER_VARIABLE.test(written);
}

/** A path of literal folders: `/tmp/`, `./out/`, `~/dl/`, `_output/release-tars/`. */
const LOCAL_PATH = /^(?:~?\/|\.{1,2}\/)?(?:[A-Za-z0-9_.+@-]+\/)+$/;
/** The Kubernetes build's output folders: `_output/`, `release-tars/`. */
const BUILD_OUTPUT = /(?:^|\/)(?:_output|release-tars)\//;
/** A path that starts with a variable named for a folder: `$(KUBE_ROOT)/`, `${OUT_DIR}/`, `$PWD/`, `$(CURDIR)/`, `${CACHE}/`, `$RUNNER_TEMP/`. */
const FOLDER_VARIABLE = /^\$\$?[({]?[A-Za-z_]*(?:ROOT|DIR|PATH|PWD|HOME|WORKSPACE|OUTPUT|OUT|TMP|TEMP|CACHE|DEST|STAGING|DOWNLOADS|CURDIR)[)}]?\//i;
/** A path whose first folder is a host name (`dl.k8s.io/`, `storage.googleapis.com/`). */
const HOST_FIRST = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\//;

/** kubernetes-{client,node,server,test}-OS-ARCH.tar.gz: Kubernetes release archives, wherever named but in other projects' URLs and in file paths. */
export function scanArchiveNames(text: string, masked: string, base: number, s: number, e: number, sink: MentionSink, urlVars?: ReadonlyMap<string, string>): void {
  let region = masked.slice(s, e);
  if (region.indexOf('kubernetes-') < 0) return;
  // (make's `$(or $(ARCH),arm)` is a default as the shell's `${ARCH:-arm}` is.)
  if (region.indexOf('\u0003') >= 0 && region.indexOf('\u0002') >= 0) region = region.replace(MAKE_OR_DEFAULT, (m) => '\u0002'.repeat(m.length));
  const original = text.slice(base + s, base + e);
  /** Another project's file or one on this machine: no Kubernetes download. */
  const elsewhere = (at: number) => foreignUrl(region, at) || foreignBase(region, original, at, urlVars) || inLocalPath(region, original, at);
  if (region.indexOf(POISON) >= 0) {
    // `kubernetes-client-${OS}-amd46.tar.gz`: the written half's typo (see downloadHalfTypo).
    HALF_ARCHIVE.lastIndex = 0;
    for (let m = HALF_ARCHIVE.exec(region); m; m = HALF_ARCHIVE.exec(region)) {
      if (!m.indices || elsewhere(m.index)) continue;
      const [, os, arch] = m.indices;
      const at = base + s;
      if (TEMPLATED.test(m[1]) && WRITTEN.test(m[2])) downloadHalfTypo(text, at + arch[0], at + arch[1], 'arch', 'Kubernetes release archive', sink);
      else if (WRITTEN.test(m[1]) && TEMPLATED.test(m[2])) downloadHalfTypo(text, at + os[0], at + os[1], 'os', 'Kubernetes release archive', sink);
    }
    // `kubernetes-${KIND}-linux-arm.tar.gz`: the platform is written, the archive is not known.
    ANY_KIND_ARCHIVE.lastIndex = 0;
    for (let m = ANY_KIND_ARCHIVE.exec(region); m; m = ANY_KIND_ARCHIVE.exec(region)) {
      if (!m.indices || elsewhere(m.index)) continue;
      const t = token(text, base + s + m.indices[1][0], base + s + m.indices[2][1]);
      const platform = archivePlatform(m[1], m[2]);
      if (platform) sink.add({ kind: 'whole', token: t, platform: { ...platform, spelling: 'os-arch' }, strict: true, canonical: 'os-arch', context: 'Kubernetes release archive' });
    }
  }
  // `kubernetes-node-linux-${ARCH:-arm}.tar.gz`, `kubernetes-server-${OS:-darwin}-amd64.tar.gz`:
  // what it downloads when the variable is unset, read as a split pair, each half where it is written.
  if (region.indexOf('\u0002') >= 0) {
    ARCHIVE_DEFAULT.lastIndex = 0;
    for (let m = ARCHIVE_DEFAULT.exec(region); m; m = ARCHIVE_DEFAULT.exec(region)) {
      if (!m.indices || (m[2] === undefined && m[4] === undefined) || elsewhere(m.index)) continue;
      const part = (a: number, b: number) => {
        const at = m.indices![a] ?? m.indices![b];
        return token(text, base + s + at[0], base + s + at[1]);
      };
      sink.add({ kind: 'pair', os: part(2, 3), arch: part(4, 5), product: false, artifact: { kind: 'archive', name: `kubernetes-${m[1]}` }, context: 'Kubernetes release archive' });
    }
  }
  ARCHIVE.lastIndex = 0;
  for (let m = ARCHIVE.exec(region); m; m = ARCHIVE.exec(region)) {
    const start = base + s + m.index + 'kubernetes-'.length + m[1].length + 1;
    const t = token(text, start, start + m[2].length + 1 + m[3].length);
    const platform = archivePlatform(m[2], m[3]);
    if (!platform || elsewhere(m.index)) continue;
    // `kubernetes-{client,server}-darwin-amd64.tar.gz`: one archive per name in the braces.
    for (const kind of expandBraces(m[1])) {
      sink.add({
        kind: 'whole',
        token: t,
        platform: { ...platform, spelling: 'os-arch' },
        strict: true,
        canonical: 'os-arch',
        artifact: { kind: 'archive', name: `kubernetes-${kind}`, ...(m[4] ? { checksum: m[4] } : {}) },
        context: 'Kubernetes release archive',
      });
    }
  }
}

// The options stop at the next `[` too: otherwise each `deb [` of a long line scanned to its end.
const APT_LINE = /\bdeb(?:-src)?\s+\[([^\][\n]*)\]\s+([^\s"']+)/g;
export const K8S_APT = /pkgs\.k8s\.io|apt\.kubernetes\.io|packages\.cloud\.google\.com\/apt/;

/** The repository of an apt line written with a variable (`${PKGS_URL}/deb/`), the variable's value put in. */
function expandUrlVars(text: string, at: number, urlVars: ReadonlyMap<string, string>): string {
  let end = at;
  while (end < text.length && end < at + 300 && !/[\s"']/.test(text[end])) end++;
  return text.slice(at, end).replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (all, name: string) => urlVars.get(name) ?? all);
}

/** `deb [arch=amd64,arm64 signed-by=…] https://pkgs.k8s.io/…`: the arches of a Kubernetes apt source. */
export function scanAptSourceLines(text: string, masked: string, base: number, s: number, e: number, sink: MentionSink, urlVars?: ReadonlyMap<string, string>): void {
  const region = masked.slice(s, e);
  if (region.indexOf('deb') < 0) return;
  APT_LINE.lastIndex = 0;
  for (let m = APT_LINE.exec(region); m; m = APT_LINE.exec(region)) {
    if (!K8S_APT.test(m[2]) && !(urlVars && urlVars.size > 0 && K8S_APT.test(expandUrlVars(text, base + s + m.index + m[0].length - m[2].length, urlVars)))) continue;
    const opts = m[1];
    const arch = /(?:^|\s)arch=([^\s\]]+)/.exec(opts);
    if (!arch) continue;
    const k = base + s + m.index + m[0].indexOf('[') + 1 + arch.index + arch[0].indexOf('=') + 1;
    const items = splitList(masked, base, k, k + arch[1].length);
    // A list of arches: an arch named twice is a duplicate, removed with one of its commas.
    const listId = items.length > 1 ? sink.newList() : undefined;
    for (const item of items) {
      const name = text.slice(item.start, item.end);
      if (!PACKAGE_ARCHES.has(name) && !packageTypo(name, 'deb')) continue;
      addPackage(sink, token(text, item.start, item.end), 'deb', listId, listId === undefined ? undefined : { start: item.removeStart, end: item.removeEnd });
    }
  }
}

// (The arch may be a shell default's, `kubelet:${DEB_ARCH:-armhf}`: its wrapper is masked as SOFT.)
const PACKAGE_WORD = new RegExp(`^["']?(?:${KUBE_PACKAGES})(?::${SOFT}*([a-z0-9_]+)${SOFT}*(?:=\\S*)?|(?:-[0-9\\u0001][^\\s:]*)?\\.${SOFT}*([a-z0-9_]+)${SOFT}*)["']?$`, 'd');

/** `apt-get install kubelet:arm64`, `dnf install kubeadm.aarch64`: package arches of the Kubernetes packages. */
export function scanPackageWords(text: string, masked: string, base: number, words: Word[], name: string, sink: MentionSink): void {
  if (!PACKAGE_MANAGERS.has(name)) return;
  for (const w of words) packageIn(masked.slice(w.start, w.end), base + w.start, text, sink);
}

/**
 * A package name written alone, text[start, end): an item of an Ansible package module's `name`
 * (`kubelet:arm64`, `kubeadm.aarch64`), read as a package manager's word is (see scanPackageWords).
 */
export function scanPackageName(text: string, start: number, end: number, sink: MentionSink): void {
  packageIn(text.slice(start, end), start, text, sink);
}

/** The arch of a Kubernetes package word (`word`, written at text[at]: `kubelet:arm64`), as a mention. */
function packageIn(word: string, at: number, text: string, sink: MentionSink): void {
  const m = PACKAGE_WORD.exec(word);
  if (!m) return;
  const arch = m[1] ?? m[2];
  if (!PACKAGE_ARCHES.has(arch) && !packageTypo(arch, m[1] ? 'deb' : 'rpm')) return;
  const start = at + m.indices![m[1] ? 1 : 2]![0];
  addPackage(sink, token(text, start, start + arch.length), m[1] ? 'deb' : 'rpm');
}

/**
 * A name one edit from an architecture name of the format (`kubelet:arm46`, `kubeadm.aarch46`):
 * a typo, where a package architecture is written.
 */
function packageTypo(name: string, format: 'deb' | 'rpm'): boolean {
  if (!/^[a-z][a-z0-9_]{2,}$/.test(name)) return false;
  for (const n of PACKAGE_ARCH_NAMES[format]) if (editDistance(name, n) === 1) return true;
  return false;
}

function addPackage(sink: MentionSink, t: Token, format: 'deb' | 'rpm', listId?: number, removeRange?: { start: number; end: number }): void {
  // (i586 and i486 are RPM's names alone: `kubelet:i586` is a typo of Debian's i386.)
  const arch = format === 'deb' && RPM_ONLY.has(t.text) ? undefined : PACKAGE_ARCHES.get(t.text);
  // A typo (see packageTypo) is judged as no architecture at all: unknown-platform.
  const platform = arch ? makePlatform('linux', arch.arch, arch.variant, 'package') : makePlatform('linux', t.text, undefined, 'package');
  sink.add({
    kind: 'whole',
    token: t,
    platform: { ...platform, alias: false },
    strict: arch === undefined,
    artifact: { kind: 'package', format },
    context: `${format} package architecture`,
    ...(listId !== undefined ? { listId } : {}),
    ...(removeRange ? { removeRange } : {}),
  });
}

const RPM_ONLY: ReadonlySet<string> = new Set(['i586', 'i486']);

/** The Kubernetes image registries, as a pattern's alternatives: registry.k8s.io, the old k8s.gcr.io and gcr.io/google-containers. */
export const KUBE_REGISTRIES = 'registry\\.k8s\\.io|k8s\\.gcr\\.io|gcr\\.io\\/google[-_]containers';

/** (A source scheme before it: syft's and grype's `registry:`, `docker:`, skopeo's `docker://`.) */
const IMAGE = new RegExp(`^["']?(?:docker:\\/\\/|(?:registry|docker|podman|containerd):)?(?:${KUBE_REGISTRIES})\\/([a-z0-9-]+)(?::(?:\\$\\{[^}\\s"']*\\}|[^\\s"'@:$]|\\$(?!\\{))+)?(?:@sha256:[^\\s"']+)?["']?$`);

/** A Kubernetes image registry alone, as a variable holds it: `registry.k8s.io`, `k8s.gcr.io/`, a default `${REGISTRY:-registry.k8s.io}`. */
const KUBE_REGISTRY = new RegExp(`^["']?(?:\\$\\{[A-Za-z_][A-Za-z0-9_]*:?[-=])?((?:${KUBE_REGISTRIES})\\/?)\\}?["']?$`);

/**
 * What a variable set to `value` keeps for the images named after it: the registry, when the value
 * is Kubernetes' (`REGISTRY=registry.k8s.io`, then `docker pull --platform windows/amd64
 * "${REGISTRY}/kube-proxy:v1.31.1"` pulls kube-proxy), with its slash if it has one
 * (`"${REGISTRY}kube-proxy"`). Kept with the download URLs (urlVariable), whose readers find no
 * download in it.
 */
export function registryVariable(value: string): string | undefined {
  return KUBE_REGISTRY.exec(value)?.[1];
}

/** The Kubernetes image a word names (see kubeImageName), also after a variable that holds a registry: `${REGISTRY}/kube-proxy:v1.31.1`. */
export function kubeImageAfter(word: string, urlVars: ReadonlyMap<string, string>): string | undefined {
  return kubeImageName(word) ?? (word.charCodeAt(0) === 36 && urlVars.size > 0 ? kubeImageName(afterUrlVariable(word, word, urlVars) ?? '') : undefined);
}

/**
 * The image name of a Kubernetes image reference (`registry.k8s.io/kube-proxy:v1.31.0` →
 * kube-proxy). The tag and digest may be templated (`:${KUBE_VERSION}`, `:${KUBE_VERSION:-v1.31.0}`);
 * the name is literal.
 */
export function kubeImageName(ref: string): string | undefined {
  return IMAGE.exec(ref)?.[1];
}

/**
 * The platform of a release archive's name, its os and arch segments: none for the arch first
 * (`kubernetes-server-amd64-linux.tar.gz`: the source document's arch-os spelling, no typo, and no
 * archive of that name either).
 */
function archivePlatform(os: string, arch: string): ReturnType<typeof parsePlatform> {
  if (resolveArch(os.toLowerCase()) !== undefined && isGoOs(arch.toLowerCase())) return undefined;
  return parsePlatform(`${os}/${arch}`, 'strict');
}
