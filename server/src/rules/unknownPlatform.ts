import type { TierModel } from '../model/query';
import type { ExcludeEdit, RawFinding } from './finding';
import { blame, excludeEntry, spellFor, variantInWord, type Subject } from './subject';
import { suggestNames, suggestPlatforms } from '../platform/suggest';
import { GO_PAIRS, PACKAGE_ARCH_NAMES, formatPlatform, isGoArch, isGoOs, isPlaceholder, isValidPair, isPlatformVariant, isValidVariant, resolveArch, variantNote } from '../platform/names';
import { editDistance } from '../platform/distance';
import { namedList } from './unsupportedPlatform';
import { ARCH_VARIANT, parsePlatform, writtenHostType } from '../platform/parse';
import { INCLUDED_EVERYWHERE, UNIVERSAL, UNIVERSAL_ARCHES, shownSpaces, writtenName, type Token } from '../scanners/mention';

/** Ports Go had and removed, with the release that removed them (its release notes). */
const DROPPED_PORTS: ReadonlyMap<string, string> = new Map([
  ['darwin/386', '1.15'],
  ['darwin/arm', '1.15'],
  ['nacl/386', '1.14'],
  ['nacl/amd64p32', '1.14'],
  ['nacl/arm', '1.14'],
  // (data/go-dist-list.json is Go 1.26's list, which has it no more.)
  ['windows/arm', '1.26'],
]);

/** ` (a port Go removed in Go 1.15)` after a pair Go had once; '' for any other. */
export function droppedPort(os: string | undefined, arch: string | undefined): string {
  const version = os !== undefined && arch !== undefined ? DROPPED_PORTS.get(`${os}/${arch}`) : undefined;
  return version === undefined ? '' : ` (a port Go removed in Go ${version})`;
}

/** unknown-platform: not a valid Go os/arch pair (a typo, a dropped port, an alias Go does not take). */
export function findUnknownPlatform(s: Subject, model: TierModel): RawFinding | undefined {
  const m = s.mention;
  const tierOf = (p: { os: string; arch: string }) => model.tierOf(p);
  if (m.kind === 'whole') {
    if (!m.strict || s.valid) return undefined;
    if (m.artifact?.kind === 'package') return unknownPackageArch(m.token, m.artifact.format);
    // linux/ARCH, linux_TARGET: a part left to fill in, not a typo. (A variant in capitals after
    // the arch, `linux/amd64/V5`, is a variant: QA 275 B9.)
    if (m.token.text.split(/[/_-]/).some((part, k) => isPlaceholder(part) && !(k >= 2 && /^V\d/.test(part)))) return undefined;
    // darwin/universal: a macOS universal binary (wails' -platform), both of darwin's arches; but
    // no Kubernetes release artifact (`bin/darwin/universal/kubectl` is not published).
    if (s.os === 'darwin' && s.arch === UNIVERSAL && !m.artifact) return undefined;
    if (s.os === 'darwin' && s.arch === UNIVERSAL) {
      // (Where a Kubernetes artifact is named: the spelling is right, the file is not published.)
      const spelling = m.canonical !== undefined && m.canonical !== 'as-written' ? m.canonical : s.spelling;
      const artifact = m.artifact!;
      const arches = UNIVERSAL_ARCHES.filter((arch) => !model.removed({ os: 'darwin', arch }) && model.artifactAvailable(artifact, { os: 'darwin', arch }));
      const replacements = arches.map((arch) => spellFor({ os: 'darwin', arch }, spelling, m.token, m.platform.qualifier));
      const listed = arches.length > 0 ? `; it is listed for ${arches.map((a) => `darwin/${a}`).join(' and ')}` : '';
      return { token: m.token, code: 'unknown-platform', message: `${m.token.text} is not a valid Go platform: a macOS universal binary, which the Kubernetes release artifacts do not list${listed}.`, data: { replacements } };
    }
    // linux/arm64/v7: the pair is Go's, the variant is not; the pair without it comes first.
    const pairValid = s.os !== undefined && s.arch !== undefined && isValidPair(s.os, s.arch);
    // `amd64/linux`: the arch and the os written the other way round; linux/amd64 meant.
    const swapped = m.platform.spelling === 'slash' && !s.validOs && s.os !== undefined && s.arch !== undefined && isGoOs(s.arch) ? resolveArch(s.os) : undefined;
    // The same with a typo on one side (`amd64/lnux`, `aarch46/linux`): the platforms nearest the two read the other way round.
    // `arm/linux`, `armhf/linux`: linux/arm written the other way round, a removed platform. No
    // other platform is the fix (linux/arm64 would change the build's arch).
    if (swapped && isValidPair(s.arch!, swapped.arch) && model.removed({ os: s.arch!, arch: swapped.arch })) {
      const meant = formatPlatform({ os: s.arch!, arch: swapped.arch, ...(swapped.variant ?? s.variant ? { variant: swapped.variant ?? s.variant } : {}) });
      return { token: m.token, code: 'unknown-platform', message: `${m.token.text} is not a valid Go platform: written arch first, it is ${meant}, which was removed from the Kubernetes release; remove it.`, data: { replacements: [] } };
    }
    const reversed = !swapped && m.platform.spelling === 'slash' && !s.validOs && s.os !== undefined && s.arch !== undefined && (isGoOs(s.arch) || resolveArch(s.os) !== undefined);
    const near = s.arch === '' && s.os
      ? // `linux/`, `/arm64`: one half left out; the platforms of the half written, best tier first.
        sameOs(s.os, model).map((arch) => ({ os: s.os!, arch }))
      : s.os === '' && s.arch
      ? sameArch(s.arch, model).map((os) => ({ os, arch: s.arch! }))
      : reversed
      ? remembered(model, `p\u0000${s.arch}\u0000${s.os}`, () => suggestPlatforms(s.arch!, s.os!, tierOf, 3, (p) => !model.removed(p)))
      : swapped
      ? isValidPair(s.arch!, swapped.arch) && !model.removed({ os: s.arch!, arch: swapped.arch })
        ? [{ os: s.arch!, arch: swapped.arch }]
        : remembered(model, `p\u0000${s.arch}\u0000${swapped.arch}`, () => suggestPlatforms(s.arch!, swapped.arch, tierOf, 3, (p) => !model.removed(p)))
      : pairValid
      ? [{ os: s.os!, arch: s.arch! }]
      : s.validOs && s.validArch && s.os
        ? sameOs(s.os, model, s.arch).map((arch) => ({ os: s.os!, arch }))
        : remembered(model, `p\u0000${s.os ?? ''}\u0000${s.arch ?? ''}`, () => suggestPlatforms(s.os ?? '', s.arch ?? '', tierOf, 3, (p) => !model.removed(p)));
    const suggestions = near.map((p) => {
      const variant = s.variant && (s.spelling === 'slash' ? isPlatformVariant : isValidVariant)(p.arch, s.variant) ? s.variant : undefined;
      return { ...p, ...(variant ? { variant } : {}) };
    });
    // A Windows version written after the pair (windows/amd46/1809) stays in the fix, as written.
    const q = m.platform.qualifier;
    const version = q !== undefined && m.token.text.toLowerCase().endsWith(q) ? m.token.text.slice(m.token.text.length - q.length - 1) : '';
    // In the context's own spelling where it has one (a --platform fix of amd64-linx is linux/amd64).
    const spelling = m.canonical !== undefined && m.canonical !== 'as-written' ? m.canonical : s.spelling;
    // (A Konflux host type written after the os, linux-mlarge/arm46, stays in the fix too.)
    // (An arch alone, linux's, in a list of arches: `arm64/v7` is offered back as `arm64`.)
    const bare = m.platform.osImplied === true;
    const replacements = suggestions.map((p) => (bare && p.os === 'linux' ? (p.variant ? `${p.arch}/${p.variant}` : p.arch) : spellFor(p, spelling, m.token, q) + (p.os === 'windows' ? version : '')));
    // A joined spelling (linux_amd46) is offered back in that spelling, as its quick fix writes it,
    // and so is a Windows version or a host type (linux-mlarge/arm46: linux-mlarge/arm64).
    const plain = !bare && (spelling === 'slash' || spelling === 'pair' || spelling === 'package') && !version && (spelling !== 'slash' || writtenHostType(m.token.text, q) === undefined);
    const implied = bare && s.os !== undefined && s.arch !== undefined ? ` (${formatPlatform({ os: s.os, arch: s.arch, ...(s.variant ? { variant: s.variant } : {}) })})` : '';
    return {
      token: m.token,
      code: 'unknown-platform',
      message: `${m.token.text}${implied} is not a valid Go platform${droppedPort(s.os, s.arch)}${foreignCharacter(m.token.text)}${pairValid ? variantNote(s.arch!, s.variant, s.spelling === 'slash', m.token.text) : ''}${didYouMean(plain ? suggestions.map(formatPlatform) : replacements)}`,
      data: { replacements },
    };
  }
  // A split pair: blame the name that is not Go's, or the arch of an impossible pair.
  if (m.os && s.os !== undefined && !isGoOs(s.os)) {
    // GOOS=linux/arm: a platform where Go wants its os alone (as GOARCH=linux/arm64, see findUnknownArch).
    const whole = m.os.text.indexOf('/') > 0 ? parsePlatform(m.os.text, 'loose') : undefined;
    if (whole) {
      return {
        token: m.os,
        code: 'unknown-platform',
        message: `${m.os.text} is a platform, not a Go operating system (GOOS); write ${whole.os}${s.arch === undefined ? ` (and GOARCH=${whole.arch})` : ''}.`,
        data: { replacements: [whole.os], ...(s.arch === undefined ? { alsoSet: `GOARCH=${whole.arch}` } : {}) },
      };
    }
    const os = s.os;
    // With a GOARCH Go knows, the names that build it and are not removed: the fix must not trade
    // this error for another (`GOOS=windos GOARCH=riscv64`: windows/riscv64 is no Go platform).
    const arch = s.arch !== undefined && isGoArch(s.arch) ? s.arch : undefined;
    const names = remembered(model, `o\u0000${os}\u0000${arch ?? ''}`, () => suggestNames(os, 'os', rank(model, 'os'), 3, (name) => arch === undefined || (isValidPair(name, arch) && !model.removed({ os: name, arch }))));
    if (names.length > 0 || arch === undefined) return { token: m.os, code: 'unknown-platform', message: `${m.os.text} is not a Go operating system (GOOS)${foreignCharacter(m.os.text)}${didYouMean(names)}`, data: { replacements: names } };
    // None: what was meant (the contract's best suggestion, preferred), and why it is not the whole fix.
    const meant = remembered(model, `o\u0000${os}`, () => suggestNames(os, 'os', rank(model, 'os')));
    // (A sentence of its own after the question, as every message ends with a full stop or a question mark.)
    const why = meant.length === 0 ? '' : ` ${meant.map((n) => `${n}/${arch}`).join(', ')} ${isValidPair(meant[0], arch) ? 'would be a removed platform' : 'is not a Go platform either'}.`;
    return { token: m.os, code: 'unknown-platform', message: `${m.os.text} is not a Go operating system (GOOS)${foreignCharacter(m.os.text)}${didYouMean(meant).replace(/\?$/, `?${why}`)}`, data: { replacements: meant } };
  }
  const arch = findUnknownArch(s, model);
  if (arch) return arch;
  const archWritten = m.arch && m.archName === undefined ? m.arch.text : undefined;
  // GOOS=Linux: Go takes its names in lower case only (`go build` refuses the pair). After the
  // names Go does not know at all: `GOOS=Linux GOARCH=amd46` is first a typo.
  const cased = upperCaseName(m.os, 'os') ?? (archWritten !== undefined ? upperCaseName(m.arch, 'arch') : undefined);
  if (cased) return cased;
  // (`GOOS=darwin GOARCH=universal`, hugoreleaser's `goarch: universal` under `goos: darwin`.)
  if (universalBinary(s)) return undefined;
  // A cross product: goreleaser skips the pairs Go does not build, a CI matrix runs a job for
  // every one (and its build fails), so only a matrix's count, and in goreleaser a value that
  // makes no valid pair at all (it builds nothing).
  if (m.dead && m.product && !buildsEveryPair(m.context) && !s.valid && s.os !== undefined && s.arch !== undefined) {
    const t = m.dead === 'os' ? m.os! : m.arch!;
    return {
      token: t,
      code: 'unknown-platform',
      message: `${s.os}/${s.arch} is not a valid Go platform, and ${t.text} makes no valid pair with the other values of this build: goreleaser builds nothing for it.`,
      data: { replacements: [] },
    };
  }
  if (!s.valid && (!m.product || buildsEveryPair(m.context)) && s.os !== undefined && s.arch !== undefined) {
    // (At the os where it is the value that makes no valid pair: plan9 beside arches linux builds.)
    const t = blame(s, m.product && m.dead === 'os') ?? m.os;
    if (!t) return undefined;
    const unpaired = m.product && m.dead !== undefined && t === (m.dead === 'os' ? m.os : m.arch) ? t.text : undefined;
    const pairs = sameOs(s.os, model, s.arch);
    const platform = `${s.os}/${s.arch}`;
    const context = m.context;
    return {
      token: t,
      code: 'unknown-platform',
      message: `${platform} is not a valid Go platform${droppedPort(s.os, s.arch)}${!m.product ? '' : builtBy(m.context, [platform], m.includedBack, unpaired)}${didYouMean(pairs.map((a) => `${s.os}/${a}`))}`,
      // Respelling a matrix value would change every pair it makes; an exclude entry leaves this pair out alone.
      // (A value that makes no valid pair can go whole: that drops no combination that builds.)
      data: { replacements: t === m.arch && !m.product ? [...pairs] : [], ...excludeOf(s, platform), ...(unpaired !== undefined && t.remove ? { remove: t.remove } : {}) },
      // (A value of a cross product that makes several such pairs, `riscv64` with darwin and windows: one message names them all.)
      ...(m.product ? { named: [platform], namedMessage: (names: readonly string[]) => unknownPairsMessage(names, context, model, m.includedBack, unpaired) } : {}),
    };
  }
  // `--arch arm64 --variant v7`, `GOARCH=amd64 GOAMD64=v5`: the pair is Go's, the variant is not
  // (as linux/arm64/v7 written in one word). Said at the variant where it is written apart, else at the arch.
  const at = m.variantToken ?? m.arch;
  // (Written in the arch's own word, `ARCH=amd64/v5` for `--platform linux/$ARCH`, a matrix axis's
  // `amd64/v5`, a GOARCH set alone, linux's: the arch alone is the fix.)
  if (s.valid && at === m.arch && m.arch && s.arch !== undefined && s.variant !== undefined && !isPlatformVariant(s.arch, s.variant) && variantInWord(m)) {
    const arch = m.archName ?? m.arch.text;
    return { token: m.arch, code: 'unknown-platform', message: `${writtenName(m.arch)} (${s.os ?? 'linux'}/${s.arch}/${s.variant}) is not a valid Go platform${variantNote(s.arch, s.variant, true, writtenName(m.arch))}${didYouMean([arch])}`, data: { replacements: [arch] } };
  }
  if (s.valid && at && s.os !== undefined && s.arch !== undefined && s.variant !== undefined && !isValidVariant(s.arch, s.variant)) {
    return { token: at, code: 'unknown-platform', message: `${s.os}/${s.arch}/${s.variant} is not a valid Go platform${variantNote(s.arch, s.variant, false, at.text)}${didYouMean([`${s.os}/${s.arch}`])}`, data: { replacements: [] } };
  }
  return undefined;
}

/** unknown-platform on a Go name written with capitals (`GOOS=Linux`), if `t` is one. */
export function upperCaseName(t: Token | undefined, kind: 'os' | 'arch'): RawFinding | undefined {
  if (!t || t.text === t.text.toLowerCase()) return undefined;
  const lower = t.text.toLowerCase();
  if (kind === 'os' ? !isGoOs(lower) : !isGoArch(lower)) return undefined;
  const name = kind === 'os' ? 'operating system (GOOS)' : 'architecture (GOARCH)';
  return { token: t, code: 'unknown-platform', message: `${t.text} is not a Go ${name}: Go names are lower case; did you mean ${lower}?`, data: { replacements: [lower] } };
}

/** How a name ranks among suggestions: the best tier of a platform it is part of (9: none). */
function rank(model: TierModel, kind: 'os' | 'arch'): (name: string) => number {
  return (name) => {
    const tiers = model.data.platforms.filter((p) => (kind === 'os' ? p.os : p.arch) === name && !model.removed(p)).map((p) => p.tier);
    return tiers.length > 0 ? Math.min(...tiers) : 9;
  };
}

/**
 * unknown-platform on the GOARCH of a split pair that is no Go architecture (`GOARCH=amd46`, or a
 * platform where Go wants an arch: `GOARCH=linux/arm64`). Also beside an unknown GOOS
 * (`GOOS=lnux GOARCH=amd46`: both are typos, and each is reported).
 */
export function findUnknownArch(s: Subject, model: TierModel): RawFinding | undefined {
  const m = s.mention;
  if (m.kind !== 'pair' || !m.arch) return undefined;
  // The arch as written, unless the scanner read it already (archName: a Docker platform's arch
  // from a matrix axis, `arm/v7` or `x86_64`, is judged by what it names).
  const archWritten = m.archName === undefined ? m.arch.text : undefined;
  // GOARCH=arm64/v8 (given to go): an arch with its variant, which Go sets apart (GOARM64=v8).
  const [arch, variant, ...rest] = archWritten?.split('/') ?? [];
  // (A variant Go lacks too, `arm64/v7`: the arch alone is still what GOARCH takes.)
  if (variant !== undefined && rest.length === 0 && isGoArch(arch) && (isValidVariant(arch, variant) || ARCH_VARIANT.test(archWritten!))) {
    return { token: m.arch, code: 'unknown-platform', message: `${m.arch.text} is an arch with its variant, not a Go architecture (GOARCH); write ${arch}.`, data: { replacements: [arch] } };
  }
  // GOARCH=linux/arm64: a platform where Go wants its arch alone.
  const whole = archWritten !== undefined && archWritten.indexOf('/') > 0 ? parsePlatform(archWritten, 'loose') : undefined;
  if (whole) {
    return {
      token: m.arch,
      code: 'unknown-platform',
      message: `${m.arch.text} is a platform, not a Go architecture (GOARCH); write ${whole.arch}${whole.os !== s.os ? ` (and GOOS=${whole.os})` : ''}.`,
      data: { replacements: [whole.arch], ...(whole.os !== s.os ? { alsoSet: `GOOS=${whole.os}` } : {}) },
    };
  }
  if (s.arch === UNIVERSAL && m.archName === undefined) {
    // A macOS universal binary: darwin's alone (beside an os that is no Go name, that one is the typo).
    if (universalBinary(s) || !s.validOs) return undefined;
    // (In a goreleaser build's goos × goarch, the pairs other than darwin's are skipped; only a
    // universal with no darwin beside it builds nothing.)
    if (m.product && !m.dead && !buildsEveryPair(m.context)) return undefined;
    return { token: m.arch, code: 'unknown-platform', message: `${m.arch.text} is not a Go architecture (GOARCH): it names a macOS universal binary, which only darwin has, not ${s.os}.`, data: { replacements: [] } };
  }
  if (s.arch !== undefined && !isGoArch((m.archName ?? m.arch.text).toLowerCase())) {
    const written = m.arch.text;
    // Paired with its GOOS, or judged as linux's when there is none.
    const os = s.validOs && s.os !== undefined ? s.os : 'linux';
    const names = remembered(model, `a\u0000${os}\u0000${written}`, () => suggestNames(written, 'arch', rank(model, 'arch'), 3, (name) => isValidPair(os, name) && !model.removed({ os, arch: name })));
    return { token: m.arch, code: 'unknown-platform', message: `${m.arch.text} is not a Go architecture (GOARCH)${foreignCharacter(m.arch.text)}${didYouMean(names)}`, data: { replacements: names } };
  }
  return undefined;
}

/** A cross product every pair of which is built (a CI matrix's jobs, nested loops), unlike goreleaser's, which skips those Go does not build. */
function buildsEveryPair(context: string | undefined): boolean {
  return context === 'matrix' || context === 'matrix without exclude' || context === 'nested loops' || context === INCLUDED_EVERYWHERE;
}

/**
 * What builds a cross product's pairs Go has not (`platforms`), and what takes them out: `, and
 * this matrix builds it (add an exclude entry for it)`. Those of them in `includedBack` an include
 * entry names, which GitHub adds back after the exclude entries: that entry goes too. `unpaired`:
 * the value they share makes no valid pair in the matrix (plan9 beside arches only linux builds).
 */
function builtBy(context: string, platforms: readonly string[], includedBack?: ReadonlySet<string>, unpaired?: string): string {
  const plural = platforms.length > 1;
  if (context === 'nested loops') return `, and these nested loops build ${plural ? 'them' : 'it'}`;
  if (unpaired !== undefined && context === 'matrix') return `, and this matrix builds ${plural ? 'them' : 'it'} (${unpaired} makes no valid pair with the other axis: remove it from the list)`;
  const back = includedBack ? platforms.filter((p) => includedBack.has(p.toLowerCase())) : [];
  const how =
    context === 'matrix'
      ? `add an exclude entry for ${plural ? 'each' : 'it'}${back.length === 0 ? '' : `, and remove the include ${back.length > 1 ? 'entries that name' : 'entry that names'} ${back.length === platforms.length ? (plural ? 'them' : 'it') : namedList(back)}: GitHub adds back what an include entry names`}`
      : context === INCLUDED_EVERYWHERE
        ? 'an include entry adds its value to every combination; name in the entry the combinations it is for'
        : `split the ${plural ? 'entries so that they leave the pairs' : 'entry so that it leaves the pair'} out`;
  return `, and this matrix builds ${plural ? 'them' : 'it'} (${how})`;
}

/** A split pair's `universal` (a macOS universal binary) with darwin, or with no os written. */
function universalBinary(s: Subject): boolean {
  return s.mention.kind === 'pair' && s.arch === UNIVERSAL && s.mention.archName === undefined && (s.os === undefined || s.os === 'darwin');
}

/** What makes a name that looks right wrong: a character no Go name has (a Cyrillic а, a zero-width space). */
function foreignCharacter(text: string): string {
  const c = /[^\x00-\x7f]/u.exec(shownSpaces(text));
  if (!c) return '';
  return ` (it has the character U+${c[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}, which no Go name has)`;
}

/** A package architecture that is no name of its format (`kubelet:arm46`): the names one edit away. */
function unknownPackageArch(t: Token, format: 'deb' | 'rpm'): RawFinding {
  const names = PACKAGE_ARCH_NAMES[format].filter((n) => editDistance(t.text, n) === 1).slice(0, 3);
  return {
    token: t,
    code: 'unknown-platform',
    message: `${t.text} is not ${format === 'deb' ? 'a Debian' : 'an RPM'} architecture${didYouMean(names)}`,
    data: { replacements: names },
  };
}

/** The exclude entry (and the platform it names) that leaves a cross product's pair out, where one can be written. */
function excludeOf(s: Subject, platform: string): { platform?: string; exclude?: ExcludeEdit } {
  const exclude = s.mention.kind === 'pair' && s.mention.product ? excludeEntry(s.mention) : undefined;
  return exclude ? { platform, exclude } : {};
}

/** The message of a cross product's value that makes several pairs Go has not: each is named, and what takes them out. */
export function unknownPairsMessage(platforms: readonly string[], context: string, model: TierModel, includedBack?: ReadonlySet<string>, unpaired?: string): string {
  // The nearest of each of the first few: two per os.
  const meant: string[] = [];
  for (const p of platforms.slice(0, 3)) {
    const [os, arch] = p.split('/');
    // (Pairs of one os, plan9/arm64 and plan9/s390x, have the same nearest: each is named once.)
    for (const a of sameOs(os, model, arch).slice(0, 2)) if (!meant.includes(`${os}/${a}`)) meant.push(`${os}/${a}`);
  }
  return `${namedList(platforms)} are not valid Go platforms${builtBy(context, platforms, includedBack, unpaired)}${didYouMean(meant)}`;
}

function didYouMean(names: string[]): string {
  if (names.length === 0) return '; check the spelling.';
  return `; did you mean ${names.join(', ')}?`;
}

/** darwin/arm: what that os does build, the arches nearest the written one first (arm64), then Kubernetes tiers. */
function sameOs(os: string, model: TierModel, written?: string): string[] {
  return remembered(model, `s\u0000${os}\u0000${written ?? ''}`, () => rankPartners('os', os, model, written));
}

/** The oses Go builds `arch` for and the model has not removed, best tier first: `/arm64` was meant as one of them. */
function sameArch(arch: string, model: TierModel): string[] {
  return remembered(model, `h\u0000${arch}`, () => rankPartners('arch', arch, model));
}

/**
 * Suggestions by model and written name: a matrix or a list of 300 typos is judged again on each
 * keystroke in its block, and each suggestion measures the name against every Go name.
 */
function remembered<T>(model: TierModel, key: string, make: () => T): T {
  let cache = SUGGESTIONS.get(model);
  if (!cache) SUGGESTIONS.set(model, (cache = new Map()));
  let found = cache.get(key) as T | undefined;
  if (found === undefined) {
    if (cache.size >= SUGGESTIONS_KEPT) cache.clear();
    cache.set(key, (found = make()));
  }
  return found;
}

const SUGGESTIONS = new WeakMap<TierModel, Map<string, unknown>>();

/**
 * Suggestions kept per model: more than a document holds distinct typos in practice, so a list of
 * thousands of them (each judged again when its block is, on every keystroke in it) is not
 * suggested for again. A few hundred bytes each.
 */
const SUGGESTIONS_KEPT = 16_384;

/** An edit distance from which names are all as far from what was written. */
const FAR = 3;

/**
 * The names Go builds with `name` on its `side` (the arches of an os, the oses of an arch) that
 * the model has not removed, three at most: nearest to `written` first (up to FAR), then by tier,
 * then in the order of the model's table, as completion offers them.
 */
function rankPartners(side: 'os' | 'arch', name: string, model: TierModel, written?: string): string[] {
  const distance = new Map<string, number>();
  const near = (a: string) => {
    if (written === undefined) return 0;
    let d = distance.get(a);
    // (Three edits or more is no typo of either name: `ppc64le` is no nearer 386 than amd64.)
    if (d === undefined) distance.set(a, (d = Math.min(editDistance(written.toLowerCase(), a), FAR)));
    return d;
  };
  const platform = (other: string) => (side === 'os' ? { os: name, arch: other } : { os: other, arch: name });
  // (windows/amd64 before windows/386.)
  const rows = model.supportedPlatforms();
  const row = (other: string) => {
    const p = platform(other);
    const i = rows.findIndex((r) => r.os === p.os && r.arch === p.arch);
    return i < 0 ? rows.length : i;
  };
  return [...GO_PAIRS]
    .map((p) => p.split('/'))
    .filter(([o, a]) => (side === 'os' ? o : a) === name && !model.removed({ os: o, arch: a }))
    .map(([o, a]) => (side === 'os' ? a : o))
    .sort((x, y) => near(x) - near(y) || (model.tierOf(platform(x)) ?? 9) - (model.tierOf(platform(y)) ?? 9) || row(x) - row(y) || x.localeCompare(y))
    .slice(0, 3);
}
