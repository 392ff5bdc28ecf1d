import type { TierModel } from '../model/query';
import { GO_PAIRS, isValidPair } from '../platform/names';
import type { RawFinding } from './finding';
import { blame, display, osIsOdd, removal, variantNames, type Subject } from './subject';

/** unsupported-platform: Go knows it, Kubernetes puts it in no tier (linux/riscv64, freebsd/amd64). */
export function findUnsupportedPlatform(s: Subject, model: TierModel): RawFinding | undefined {
  if (!s.valid || !s.validOs || !s.validArch) return undefined;
  if (s.os !== undefined && s.arch !== undefined) {
    const p = { os: s.os, arch: s.arch };
    if (model.platform(p) || model.removed(p)) return undefined;
  } else if (s.os !== undefined) {
    if (model.oses.has(s.os)) return undefined;
  } else if (s.arch !== undefined) {
    if (model.arches.has(s.arch)) return undefined;
  } else return undefined;
  const t = blame(s, osIsOdd(s, model));
  if (!t) return undefined;
  const named = s.os !== undefined && s.arch !== undefined ? (variantNames(s) ?? [display(s)]) : undefined;
  const message = named ? unsupportedMessage(named) : s.os !== undefined ? halfMessage('GOOS', s.os, 'operating system', goPairOf(s.os, undefined)) : halfMessage('GOARCH', s.arch!, 'architecture', goPairOf(undefined, s.arch!));
  return {
    token: t,
    code: 'unsupported-platform',
    message,
    data: { platform: display(s), ...removal(s, t) },
    ...(named ? { named } : {}),
  };
}

/**
 * The message for an os or an arch alone that no tier has on any platform (`GOARCH=riscv64` where
 * the GOOS is not known here), naming the platform it most likely makes: linux's for an arch,
 * amd64's for an os.
 */
function halfMessage(variable: string, name: string, what: string, likely: string | undefined): string {
  return `${variable} ${name} is a valid Go ${what}, but no Kubernetes platform has it${likely ? ` (${likely} is in no tier)` : ''}; Kubernetes does not build or test it.`;
}

/** The Go platform an os or an arch alone most likely makes: linux's for an arch, amd64's for an os, else Go's first with it (aix/ppc64, js/wasm). */
function goPairOf(os: string | undefined, arch: string | undefined): string | undefined {
  if (isValidPair(os ?? 'linux', arch ?? 'amd64')) return `${os ?? 'linux'}/${arch ?? 'amd64'}`;
  for (const pair of GO_PAIRS) {
    const [o, a] = pair.split('/');
    if (o === os || a === arch) return pair;
  }
  return undefined;
}

/** Platforms a message names at most. */
const MAX_NAMED = 8;

/**
 * The message for platforms Go knows and no tier holds; for a value of a cross product, every one
 * it builds (`- freebsd` beside goarch amd64 and arm64: freebsd/amd64 and freebsd/arm64).
 */
export function unsupportedMessage(platforms: readonly string[]): string {
  if (platforms.length === 1) return `${platforms[0]} is a valid Go platform but in no Kubernetes tier; Kubernetes does not build or test it.`;
  return `${namedList(platforms)} are valid Go platforms but in no Kubernetes tier; Kubernetes does not build or test them.`;
}

/** Several platforms in a sentence: `a, b and c`. (A value of a long list builds many: the first few are named, the rest counted.) */
export function namedList(platforms: readonly string[]): string {
  const named = platforms.length > MAX_NAMED ? [...platforms.slice(0, MAX_NAMED - 1), `${platforms.length - MAX_NAMED + 1} more`] : platforms;
  return named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}
