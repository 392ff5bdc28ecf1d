import type { TierModel } from '../model/query';
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
  const message = named
    ? unsupportedMessage(named)
    : s.os !== undefined
        ? `GOOS ${s.os} is valid Go but no Kubernetes platform uses it; Kubernetes does not build or test it.`
        : `GOARCH ${s.arch} is valid Go but no Kubernetes platform uses it; Kubernetes does not build or test it.`;
  return {
    token: t,
    code: 'unsupported-platform',
    message,
    data: { platform: display(s), ...removal(s, t) },
    ...(named ? { named } : {}),
  };
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
