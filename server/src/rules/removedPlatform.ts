import type { TierModel } from '../model/query';
import { isGoArch, isPlatformVariant, isValidVariant, resolveArch } from '../platform/names';
import type { RawFinding } from './finding';
import { writtenName } from '../scanners/mention';
import { blame, display, displayVariants, osIsOdd, removal, variantInWord, type Subject } from './subject';

/** The removed platform a subject names, also when only the arch is written (`GOARCH=arm`). */
export function removedEntry(s: Subject, model: TierModel) {
  if (s.os !== undefined && s.arch !== undefined) return model.removed({ os: s.os, arch: s.arch });
  if (s.arch !== undefined && s.os === undefined) {
    // An arch alone is removed when every platform of the model with that arch was removed.
    const all = model.data.platforms.filter((p) => p.arch === s.arch);
    const removed = model.data.removed.filter((r) => r.arch === s.arch);
    if (removed.length > 0 && all.every((p) => model.removed(p))) return removed[0];
  }
  return undefined;
}

/** removed-platform: linux/arm in any spelling and variant. */
export function findRemovedPlatform(s: Subject, model: TierModel): RawFinding | undefined {
  const removed = removedEntry(s, model);
  if (!removed) return undefined;
  const t = blame(s, osIsOdd(s, model));
  if (!t) return undefined;
  const several = displayVariants(s);
  const alias = goAlias(s);
  const aliasVariant = alias?.variant !== undefined && s.variant === undefined && s.os !== undefined ? `${s.os}/${alias.arch}/${alias.variant}` : undefined;
  // (With no GOOS, the platform the arch makes, in its variant: `GOARCH="arm/v7"` is arm (linux/arm/v7).)
  // (An alias with its variant, `GOARCH=armv7` alone: arm (linux/arm/v7), as with a GOOS.)
  const variant = s.os === undefined && s.arch !== undefined && s.variant !== undefined && isValidVariant(s.arch, s.variant) ? `/${s.variant}` : s.os === undefined && s.variant === undefined && alias?.variant !== undefined ? `/${alias.variant}` : '';
  // (A variant Go lacks in the arch's own word, `ARCH=arm/v9` for `--platform linux/$ARCH`, as written.)
  const wordVariant = variantInWord(s.mention) && s.os !== undefined && s.variant !== undefined && !isValidVariant(s.arch!, s.variant) ? `${s.os}/${s.arch}/${s.variant}` : undefined;
  // (A package's arch in its format's name, `armhf`, says which platform it is, as artifact-unavailable does.)
  const packaged = s.mention.kind === 'whole' && s.mention.artifact?.kind === 'package' ? `${t.text} (${display(s)})` : undefined;
  const what = s.os === undefined ? `${s.arch} (${removed.os}/${removed.arch}${variant})` : (several ?? aliasVariant ?? wordVariant ?? packaged ?? display(s));
  const note = alias ? ` ${alias.written} is not a Go architecture either: Go writes it GOARCH=${alias.arch}${alias.arch === 'arm' && alias.variant ? ` GOARM=${alias.variant.replace(/^v/, '')}` : ''}.` : '';
  const reason = removed.reason.replace(/\.$/, '');
  const meant = arm64Meant(s);
  // (The platform meant, as the fix to offer where the token is written as the message writes it: `linux/arm/v8`, `arm/v8`.)
  const replacement = meant !== '' ? arm64Written(writtenName(t), s) : undefined;
  return {
    token: t,
    code: 'removed-platform',
    message: `${what} ${several ? 'were' : 'was'} removed from the Kubernetes release (${lowerFirst(reason)}); remove ${several ? 'them' : 'it'}.${note}${meant}`,
    href: removed.resources[0],
    data: { platform: `${removed.os}/${removed.arch}`, ...removal(s, t), ...(replacement ? { replacements: [replacement] } : {}) },
  };
}

/** Pairs Go builds as written: a mapping of `goos:` and `goarch:` (a goreleaser build), besides the `GOOS/GOARCH` assignments of shell, make, Dockerfiles (`ENV GOOS/GOARCH`) and env blocks. */
const GO_CONTEXTS = new Set(['goos/goarch', 'goreleaser build', 'env']);

/**
 * The Go name of a GOARCH written as a container runtime's alias (`GOARCH=armv7`, `goarch:
 * [armhf]`), which Go has no architecture of: the build fails before the removal matters. The
 * platform is still the removed one; the message says both.
 */
function goAlias(s: Subject): { written: string; arch: string; variant?: string } | undefined {
  const m = s.mention;
  // (Where the value goes to Go itself: an assignment, a goreleaser build, an env block; a matrix's
  // `arch: [armhf]` may go to a case that maps it, or to a container tool that takes the alias.)
  // (Also a GOARCH variable's own value, a Makefile's `GOARCH ?= armv7`, a workflow's top-level `GOARCH: armv7`.)
  if (m.kind !== 'pair' || !m.arch || m.archName !== undefined || m.containerArch || !(GO_CONTEXTS.has(m.context) || m.context.endsWith('GOOS/GOARCH') || m.context.toLowerCase() === 'goarch' || m.goVariable)) return undefined;
  const written = m.arch.text.toLowerCase();
  const go = written.indexOf('/') < 0 && !isGoArch(written) ? resolveArch(written) : undefined;
  return go && { written: m.arch.text, ...go };
}

/**
 * A variant arm has not and arm64 has (`linux/arm/v8`, in a platforms list beside linux/arm/v7):
 * most likely arm64 was meant, which the removal alone does not say.
 */
function arm64Meant(s: Subject): string {
  const v = s.variant;
  // (Written as a platform, or as an arch with its variant: a GOARM=9 beside GOARCH=arm is a GOARM typo, not arm64 meant.)
  if ((s.mention.kind !== 'whole' && !variantInWord(s.mention)) || s.arch !== 'arm' || v === undefined || s.os === undefined || isValidVariant('arm', v) || !isPlatformVariant('arm64', v)) return '';
  // (Asked as the word is written: an arch alone in a list of arches, or with its variant, `arm/v9`.)
  const word = variantInWord(s.mention) || (s.mention.kind === 'whole' && s.mention.platform.osImplied === true);
  return ` Arm has no ${v}: was ${word ? '' : `${s.os}/`}arm64/${v} meant?`;
}

/**
 * `linux/arm/v8` as written, in any separator (`linux_arm_v8`, `linux-arm-v8`, `linux/arm/8`, or
 * `arm/v8`, the arch alone): the same with arm64, else undefined.
 */
function arm64Written(text: string, s: Subject): string | undefined {
  const m = /^((?:[a-z]+([/_-]))?)arm([/_-])(v?[0-9.]+)$/.exec(text);
  if (!m || (m[1] !== '' && (m[1] !== `${s.os}${m[2]}` || m[2] !== m[3]))) return undefined;
  return `${m[1]}arm64${m[3]}${m[4]}`;
}

function lowerFirst(s: string): string {
  return s.replace(/^Due to/, 'due to');
}
