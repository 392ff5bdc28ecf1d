import type { TierModel } from '../model/query';
import type { RawFinding } from './finding';
import { blame, display, osIsOdd, removal, type Subject } from './subject';

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
  const message =
    s.os !== undefined && s.arch !== undefined
      ? `${display(s)} is a valid Go platform but in no Kubernetes tier; Kubernetes does not build or test it.`
      : s.os !== undefined
        ? `GOOS ${s.os} is valid Go but no Kubernetes platform uses it; Kubernetes does not build or test it.`
        : `GOARCH ${s.arch} is valid Go but no Kubernetes platform uses it; Kubernetes does not build or test it.`;
  return {
    token: t,
    code: 'unsupported-platform',
    message,
    data: { platform: display(s), ...removal(s, t) },
  };
}
