import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { partnersAt, type ScanResult } from '../lint';
import { UNIVERSAL, UNIVERSAL_ARCHES, platformMappingRole, roleOf, shownSpaces, writtenName, type Mention, type Token } from '../scanners/mention';
import { parsePlatform } from '../platform/parse';
import type { TierModel } from '../model/query';
import { ARTIFACT_SUFFIXES, archivePlatform, explainArtifact, explainPlatform, notListed, platformFree } from '../explain';
import { KUBE_PACKAGES, PACKAGE_MANAGERS } from '../scanners/artifacts';
import { GO_PAIRS, formatPlatform, isGoArch, isGoOs, isValidVariant, resolveArch, variantNote, type Platform } from '../platform/names';
import { subjectOf } from '../rules/subject';
import { droppedPort, findUnknownPlatform } from '../rules/unknownPlatform';
import { removedEntry } from '../rules/removedPlatform';
import { suggestPlatforms } from '../platform/suggest';
import { rangeOf } from './diagnostics';
import type { Finding } from '../rules/finding';

/** The mention tokens of a scan that cover `offset`, with the platform each names. */
function mentionsAt(scan: ScanResult, offset: number): { token: Token; mention: Mention }[] {
  const out: { token: Token; mention: Mention }[] = [];
  const covers = (t: Token | undefined): t is Token => t !== undefined && t.start <= offset && offset < t.end;
  // Only the block around the offset: a hover does not flatten the whole document.
  for (const m of scan.mentionsNear(offset)) {
    if (m.kind === 'whole') {
      if (covers(m.token)) out.push({ token: m.token, mention: m });
    } else {
      if (covers(m.os)) out.push({ token: m.os, mention: m });
      else if (covers(m.arch)) out.push({ token: m.arch, mention: m });
    }
  }
  return out;
}

function platformOf(m: Mention): { platform?: Platform; valid: boolean; written: string; alias?: string } {
  if (m.kind === 'whole') {
    const p = m.platform;
    return { platform: { os: p.os, arch: p.arch, ...(p.variant ? { variant: p.variant } : {}) }, valid: p.valid, written: shownSpaces(m.token.text) };
  }
  // As the rules see the pair: the variant it is built with (goarm: "7", an OCI platform's
  // variant: v7), and whether its arch is an alias GOARCH does not take (`aarch64`).
  const s = subjectOf(m);
  const rawArch = (m.archName ?? m.arch?.text)?.toLowerCase();
  if (!s.platform) return { valid: false, written: shownSpaces(s.os ?? rawArch ?? '') };
  // (A variant Go lacks, `amd64/v5` of a loop for `--platform linux/$a`: no valid platform, as its diagnostic says.)
  const badVariant = s.variant !== undefined && !isValidVariant(s.platform.arch, s.variant);
  return {
    platform: s.platform,
    valid: !badVariant && GO_PAIRS.has(`${s.platform.os}/${s.platform.arch}`),
    written: `${s.platform.os}/${s.platform.arch}${badVariant ? `/${s.variant}` : ''}`,
    ...(s.archAlias && rawArch !== undefined ? { alias: rawArch } : {}),
  };
}

function explainMention(model: TierModel, m: Mention): string | undefined {
  const { platform, valid, written, alias } = platformOf(m);
  if (platform && alias) {
    // (With the variant it stands for, as its diagnostic says: `armv6` is linux/arm/v6, GOARCH=arm GOARM=6.)
    const variant = platform.variant ?? resolveArch(alias)?.variant;
    const shown = variant !== undefined ? { ...platform, variant } : platform;
    const spelled = platform.arch === 'arm' && variant !== undefined ? `\`GOARCH=arm GOARM=${variant.replace(/^v/, '')}\`` : `**${platform.arch}**`;
    return `**${alias}** is not a Go architecture (GOARCH): Go ${variant !== undefined && platform.arch === 'arm' ? 'writes' : 'names'} it ${spelled}.\n\n${explainPlatform(model, shown)}`;
  }
  if (platform && (valid || model.removed(platform))) return explainPlatform(model, platform);
  // darwin/universal: no Go pair, but a macOS universal binary (as its diagnostics accept it, but
  // not where a Kubernetes artifact is named: that one has its diagnostic).
  if (platform?.os === 'darwin' && platform.arch === UNIVERSAL && !(m.kind === 'whole' && m.artifact)) {
    const both = UNIVERSAL_ARCHES.map((arch) => {
      const tier = model.tierOf({ os: 'darwin', arch });
      return `darwin/${arch}${tier !== undefined ? ` (tier ${tier})` : ''}`;
    });
    return `**darwin/universal**: a macOS universal binary, ${both.join(' and ')} in one file (lipo, goreleaser's universal_binaries). Not a Go GOOS/GOARCH pair: \`go build\` builds each arch, and Kubernetes publishes no darwin/universal artifact.`;
  }
  if (platform) {
    // (Never a removed platform: the diagnostic on the same token offers none either.)
    const near = suggestPlatforms(platform.os, platform.arch, (p) => model.tierOf(p), 3, (p) => !model.removed(p)).map(formatPlatform);
    const variant = GO_PAIRS.has(`${platform.os}/${platform.arch}`) ? variantNote(platform.arch, written.split('/')[2], false, written) : '';
    return `**${written}** is not a valid Go platform${droppedPort(platform.os, platform.arch)}${variant}${near.length > 0 ? `; did you mean ${near.join(', ')}?` : '.'}`;
  }
  // One half of a pair written alone (`GOARCH=arm64` with no GOOS).
  if (m.kind === 'pair') {
    if (m.os && isGoOs(written)) return explainName(model, 'os', written);
    if (m.arch && isGoArch(written)) {
      // Judged as its one platform when that was removed (`GOARCH=arm`: linux/arm), as its diagnostic is.
      const removed = removedEntry(subjectOf(m), model);
      if (removed) return `**${written}** (GOARCH): the Kubernetes platform with this arch, ${removed.os}/${removed.arch}, was removed.\n\n${explainPlatform(model, { os: removed.os, arch: removed.arch })}`;
      // A GOOS is set around it to what is not known here (`GOOS=$X`): no platform is claimed.
      if (m.osUnknown) return `${explainName(model, 'arch', written)}. Its GOOS is set to a value not known here (a variable, or set where it may not hold), so it is judged as the arch alone.`;
      // Built for linux when no GOOS is set around it, as its diagnostics judge it: that platform's tier and artifacts.
      if (model.supportedPlatforms().some((p) => p.os === 'linux' && p.arch === written)) return `${explainName(model, 'arch', written)}. With no GOOS set, it is read as linux/${written}:\n\n${explainPlatform(model, { os: 'linux', arch: written })}`;
      return explainName(model, 'arch', written);
    }
    // A name Go does not have (`GOARCH=amd46` alone): what its diagnostic says, the name in bold.
    const unknown = findUnknownPlatform(subjectOf(m), model);
    if (unknown && unknown.message.startsWith(unknown.token.text)) return `**${shownSpaces(unknown.token.text)}**${unknown.message.slice(unknown.token.text.length)}`;
  }
  return undefined;
}

/** The hover on a GOOS (or GOARCH) value set alone, with no other half around it: completion's documentation of such a value. */
export function explainLone(model: TierModel, role: 'os' | 'arch', name: string): string {
  const t = { start: 0, end: name.length, text: name };
  return explainMention(model, { kind: 'pair', ...(role === 'os' ? { os: t } : { arch: t }), product: false, context: '' }) ?? explainName(model, role, name);
}

/** What Kubernetes builds for one GOOS or GOARCH, for hovers and completion documentation. */
export function explainName(model: TierModel, role: 'os' | 'arch', name: string): string {
  const head = `**${name}** (${role === 'os' ? 'GOOS' : 'GOARCH'})`;
  const rows = model.supportedPlatforms().filter((p) => p[role] === name);
  const gone = removedNote(model.data.removed.filter((r) => r[role] === name));
  if (rows.length === 0) return `${head}: Go builds for it; ${gone ? 'Kubernetes no longer has a platform in any tier for it' : 'Kubernetes has no platform in any tier for it'}.${gone}`;
  return `${head}: Kubernetes platforms ${rows.map((p) => `${p.os}/${p.arch} (tier ${p.tier})`).join(', ')}${gone}`;
}

/** The removed platforms of an os or arch, for its explanation: `linux/arm` was, and why. */
function removedNote(removed: { os: string; arch: string; reason: string }[]): string {
  return removed.map((r) => `\n\n${r.os}/${r.arch} was removed from the Kubernetes release: ${r.reason}`).join('');
}

const WORD = /[A-Za-z0-9._-]/;

/** The artifact named by the word at `offset` (`kube-proxy`, `kubectl.exe`, `kubernetes-node-linux-386.tar.gz`). */
function artifactAt(model: TierModel, text: string, offset: number): { start: number; end: number; name: string; file: string } | undefined {
  let s = offset;
  let e = offset;
  while (s > 0 && WORD.test(text[s - 1])) s--;
  while (e < text.length && WORD.test(text[e])) e++;
  if (e === s || e - s > 120) return undefined;
  // Not in a comment (`# install kubectl first`), nor a variable's name (`conformance=1`).
  const lineStart = text.lastIndexOf('\n', s - 1) + 1;
  if (s - lineStart <= 400 && /(?:^|\s)#/.test(text.slice(lineStart, s))) return undefined;
  if (text[e] === '=' || /^[ \t]*(?::|::|\?|\+|!)?=/.test(text.slice(e, e + 5))) return undefined;
  const file = text.slice(s, e);
  const word = file.replace(ARTIFACT_SUFFIXES, '');
  if (model.isBinary(word) || model.isImage(word) || model.isArchive(word)) return { start: s, end: e, name: word, file };
  // An archive with its platform.
  const archive = archivePlatform(model, word);
  if (archive) return { start: s, end: e, name: archive.name, file };
  return /\.tar\.gz\b/.test(file) ? { start: s, end: e, name: word, file } : undefined;
}

/** A Kubernetes package's name as a package manager takes it: alone, `=version`, `-version`, `:arch`, `.arch`. */
const PACKAGE_WORD = new RegExp(`^(${KUBE_PACKAGES})(?:[-=][0-9][\\w.~+:-]*|\\.[a-z0-9_]+)?$`);
/** The words of a package manager's command that install (`zypper in`). */
const INSTALLS: ReadonlySet<string> = new Set(['install', 'reinstall', 'in']);

/**
 * Whether `prefix`, the command's text before a word, is a package manager's install
 * (`sudo apt-get install -y`, `dnf install`): not in a comment, not echoed.
 */
function installsBefore(prefix: string): boolean {
  if (/(?:^|\s)#/.test(prefix)) return false;
  // The command the word is in: after the last `;`, `&`, `|` or `(` of the line.
  const from = Math.max(prefix.lastIndexOf(';'), prefix.lastIndexOf('&'), prefix.lastIndexOf('|'), prefix.lastIndexOf('('));
  const words = prefix.slice(from + 1).split(/\s+/);
  const manager = words.findIndex((w) => PACKAGE_MANAGERS.has(w));
  if (manager < 0 || words.slice(0, manager).some((w) => w === 'echo' || w === 'printf')) return false;
  return words.slice(manager + 1).some((w) => INSTALLS.has(w));
}

/**
 * A Kubernetes package named where a package manager installs it (`apt-get install -y kubeadm
 * kubelet=1.31.0-1.1`, `dnf install kubelet-1.31.0`): hovered as the package it is, not only as
 * the release binary of the same name. The name with the cursor on it: not its version or arch.
 */
function packageAt(text: string, offset: number): { start: number; name: string } | undefined {
  let s = offset;
  let e = offset;
  while (s > 0 && /[\w.=+~:-]/.test(text[s - 1])) s--;
  while (e < text.length && /[\w.=+~:-]/.test(text[e])) e++;
  if (e - s > 80) return undefined;
  const word = text.slice(s, e).split(':')[0];
  const m = PACKAGE_WORD.exec(word);
  if (!m || offset > s + m[1].length) return undefined;
  // The command's start: back over lines continued with a backslash (`apt-get install -y \`).
  let lineStart = text.lastIndexOf('\n', s - 1) + 1;
  for (let k = 0; k < 20 && lineStart > 1 && /\\\r?$/.test(text.slice(Math.max(0, lineStart - 3), lineStart - 1)); k++) lineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  if (s - lineStart > 2000 || !installsBefore(text.slice(lineStart, s).replace(/\\\r?\n/g, '  '))) return undefined;
  return { start: s, name: m[1] };
}

/**
 * A GOOS or GOARCH set alone (`export GOARCH=386`) as the pairs the scanner makes of it further on
 * (`GOOS=darwin go build` below: darwin/386, which its diagnostic is about); the mention itself
 * where it makes none.
 */
function withPartners(scan: ScanResult, token: Token, m: Mention): Mention[] {
  if (m.kind !== 'pair') return [m];
  const role = m.arch === token && !m.os && m.osName === undefined ? 'arch' : m.os === token && !m.arch && m.archName === undefined ? 'os' : undefined;
  if (!role) return [m];
  const partners = (partnersAt(scan, token.start, token.end, role) ?? []).slice(0, 4);
  if (partners.length === 0) return [m];
  return partners.map((p) => (role === 'arch' ? { ...m, osName: p } : { ...m, archName: p }));
}

/** A pair built in several variants (goreleaser's `goarm: [6, 7]`) as one pair per variant, each with its own card. */
function eachVariant(m: Mention): Mention[] {
  if (m.kind !== 'pair' || !m.variants || m.variants.length < 2) return [m];
  return m.variants.map((variant) => ({ ...m, variant, variants: undefined }));
}

/** The platform a diagnostic's message opens with (`darwin/386 is not a valid Go platform`). */
const MESSAGE_SUBJECT = /^([A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+){1,2}) is /;

/** Hover on a platform mention (the scan's, so exactly what diagnostics see) or an artifact name. */
export function hoverAt(doc: TextDocument, scan: ScanResult, model: TierModel, offset: number, findings: readonly Finding[] = []): Hover | null {
  const found = mentionsAt(scan, offset);
  if (found.length > 0) {
    const own: string[] = [];
    // A cell of a cross product that Go has no port for (windows/arm of goos [windows, linux] ×
    // goarch [arm]) is not built and has no diagnostic: told only when the token builds nothing else.
    const unbuilt: string[] = [];
    for (const { token, mention } of found) {
      for (const m of withPartners(scan, token, mention).flatMap(eachVariant)) {
        const md = explainMention(model, m);
        if (!md) continue;
        const p = m.kind === 'pair' && m.product ? platformOf(m) : undefined;
        const list = p && !p.valid && !(p.platform && model.removed(p.platform)) ? unbuilt : own;
        if (!list.includes(md)) list.push(md);
      }
      if (own.length >= 4) break;
    }
    if (own.length === 0) own.push(...unbuilt);
    // What the diagnostics on the token say comes first, in their words, where the name alone
    // says otherwise: a context may refuse what the name would be (terraform's `linux_x86_64`,
    // darwin/s390x built by a matrix), or read it as something else (`armhf` mapped to arm by a
    // script). Beside them, the name's own card, not another verdict on it.
    const t0 = found[0].token;
    const said: string[] = [];
    for (const f of findings) {
      if (f.start !== t0.start || f.end !== t0.end) continue;
      if (f.code !== 'unknown-platform' && !(f.code === 'removed-platform' && !own.some((md) => md.includes('removed')))) continue;
      // (The name the message opens with in bold: the token, or the pair it makes, `darwin/386` on `386`.)
      // (An arch with its variant in one word, `amd64/v5`, as written: the token's text is the arch.)
      const word = writtenName(t0);
      const lead = f.message.startsWith(word) ? word : f.message.startsWith(t0.text) ? t0.text : (MESSAGE_SUBJECT.exec(f.message)?.[1] ?? '');
      const md = lead !== '' ? `**${shownSpaces(lead)}**${f.message.slice(lead.length)}` : f.message;
      if (!said.includes(md)) said.push(md);
    }
    const texts = said.length === 0 ? own : [...said, ...own.filter((md) => !/ is not (?:a|an) /.test(md.slice(0, md.indexOf('\n') >>> 0)))].slice(0, 4);
    if (texts.length > 0) return { contents: { kind: MarkupKind.Markdown, value: texts.join('\n\n---\n\n') }, range: rangeOf(doc, t0.start, t0.end) };
  }
  const pkg = packageAt(scan.text, offset);
  if (pkg) {
    const md = explainArtifact(model, pkg.name, true);
    if (md) return { contents: { kind: MarkupKind.Markdown, value: md }, range: rangeOf(doc, pkg.start, pkg.start + pkg.name.length) };
  }
  const artifact = artifactAt(model, scan.text, offset);
  if (artifact) {
    // kubernetes-test.tar.gz is its own archive, not kubernetes-test-OS-ARCH.tar.gz.
    let md = platformFree(model, artifact.file) ?? explainArtifact(model, artifact.name);
    // (Named for a platform it is not published for, as its diagnostic and explain say.)
    const archive = md ? archivePlatform(model, artifact.file.replace(ARTIFACT_SUFFIXES, '')) : undefined;
    const named = archive && archive.platform !== 'portable' ? parsePlatform(archive.platform, 'loose') : undefined;
    if (md && archive && named?.valid) md += notListed(model, archive.name, named);
    if (md) return { contents: { kind: MarkupKind.Markdown, value: md }, range: rangeOf(doc, artifact.start, artifact.end) };
  }
  if (scan.kind === 'makefile' || scan.kind === 'dockerfile' || scan.kind === 'shell') return null;
  const named = leftOutName(scan.text, offset);
  if (!named) return null;
  return { contents: { kind: MarkupKind.Markdown, value: named.explain(model) }, range: rangeOf(doc, named.start, named.end) };
}

/**
 * A platform or a GOOS/GOARCH name in YAML that no scan reads, as the values of exclude and ignore
 * entries are not (they name what is not built, and are never reported), nor a matrix's values
 * that its excludes leave out: `linux/arm/v7` in `exclude: [{platform: linux/arm/v7}]`, `darwin`
 * in `- goos: darwin`. A hover tells what it is all the same. Only a slash-form platform whose
 * names Go has, or a name under a goos or goarch key; never in a comment.
 */
function leftOutName(text: string, offset: number): { start: number; end: number; explain: (model: TierModel) => string } | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && start > offset - 64 && NAME_CHAR.test(text[start - 1])) start--;
  while (end < text.length && end < offset + 64 && NAME_CHAR.test(text[end])) end++;
  // (Not past the word's end, on the comma or the line's end after it: no platform token is hovered there either.)
  if (end === start || end === offset || end - start > 40) return undefined;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  if (before.length > 400 || /(?:^|\s)#/.test(before)) return undefined;
  const word = text.slice(start, end);
  if (word.indexOf('/') > 0) {
    // (A value, or an item of a flow list or mapping: not a word of prose, `name: release
    // linux/arm`, nor of a script's echo text, which no scan reads either.)
    if (!VALUE_BEFORE.test(before) || !VALUE_AFTER.test(text.slice(end, end + 200))) return undefined;
    const p = parsePlatform(word, 'strict');
    if (!p || p.spelling !== 'slash' || !isGoOs(p.os) || !isGoArch(p.arch)) return undefined;
    return { start, end, explain: (model) => explainPlatform(model, { os: p.os, arch: p.arch, ...(p.variant ? { variant: p.variant } : {}) }) };
  }
  const key = KEY_BEFORE.exec(before);
  // (Or a matrix's `os:` and `arch:`, which a job uses as GOOS and GOARCH: only Go's names get a card.)
  const role = key ? (roleOf(key[1]) ?? platformMappingRole(key[1])) : undefined;
  const name = word.toLowerCase();
  if ((role === 'os' && isGoOs(name)) || (role === 'arch' && isGoArch(name))) return { start, end, explain: (model) => explainName(model, role, name) };
  return undefined;
}

const NAME_CHAR = /[A-Za-z0-9_./-]/;
/**
 * What may come before a whole YAML value on its line: an indent, list dashes, a key, and the
 * items before it in a flow list or mapping (`exclude: [{platform: `), a quote.
 */
const VALUE_BEFORE = /^[ \t]*(?:-[ \t]+)*(?:[^\s#:'"[\]{},-](?:[ \t]*[^\s#:'"[\]{},])*[ \t]*:[ \t]+)?(?:[[{][^#\n]*?[,[{:][ \t]*)?["']?$/;
/** What may come after one: a quote, the end of the line or of the flow item, a comment. */
const VALUE_AFTER = /^["']?[ \t]*(?:[,\]}]|#|\r?\n|$)/;
/** The key a value on its line is written after: `goos: `, `{goos: linux, goarch: `, `goarch: [amd64, `. */
const KEY_BEFORE = /([A-Za-z_][\w-]*)["']?[ \t]*:[ \t]*(?:\[[^\]\[{}:]*)?["']?$/;
