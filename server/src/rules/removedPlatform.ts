import type { TierModel } from '../model/query';
import type { RawFinding } from './finding';
import { blame, display, displayVariants, osIsOdd, removal, type Subject } from './subject';

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
  const what = s.os === undefined ? `${s.arch} (${removed.os}/${removed.arch})` : (several ?? display(s));
  const reason = removed.reason.replace(/\.$/, '');
  return {
    token: t,
    code: 'removed-platform',
    message: `${what} ${several ? 'were' : 'was'} removed from the Kubernetes release (${lowerFirst(reason)}); remove ${several ? 'them' : 'it'}.`,
    href: removed.resources[0],
    data: { platform: `${removed.os}/${removed.arch}`, ...removal(s, t) },
  };
}

function lowerFirst(s: string): string {
  return s.replace(/^Due to/, 'due to');
}
