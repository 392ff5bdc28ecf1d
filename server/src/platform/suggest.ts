import { editDistance } from './distance';
import { ARCH_ALIASES, GO_ARCHES, GO_OSES, GO_PAIRS, SUGGESTION_ALIASES, resolveArch, type Platform } from './names';

/** What the model knows about a platform, as far as ranking suggestions needs it. */
export type TierOf = (p: Platform) => number | undefined;

interface Candidate {
  os: string;
  arch: string;
  score: number;
  tier: number;
}

/**
 * How far a written part (folded) is from a Go name. A name that shares nothing with it (every
 * character replaced: `xy` and `ios`, `l` and `js`) is no suggestion at all.
 */
function partDistance(written: string, name: string): number {
  if (written === name) return 0;
  const alias = SUGGESTION_ALIASES.get(written) ?? resolveArch(written)?.arch;
  if (alias === name) return 0.5;
  let d = editDistance(written, name);
  // A typo of an alias (`aarch46`, `x86_46`): as near as the alias is, and half a step more.
  const aliases = ALIASES_OF.get(name);
  if (aliases && written.length >= 5) for (const a of aliases) if (Math.abs(a.length - written.length) <= 1) d = Math.min(d, editDistance(written, a) + 0.5);
  // A name being typed (`wi`, `dar`, `linux/s`): nearer than names as many edits off (aix, ios; mips).
  if (written !== '' && d > 1.5 && name.startsWith(written)) return 1.5;
  return d >= name.length && d >= written.length ? Infinity : d;
}

/** The container runtimes' aliases of each Go arch long enough to be mistyped (aarch64, x86_64, i686). */
const ALIASES_OF: ReadonlyMap<string, readonly string[]> = (() => {
  const out = new Map<string, string[]>();
  for (const [alias, { arch }] of ARCH_ALIASES) if (alias.length >= 4) out.set(arch, [...(out.get(arch) ?? []), alias]);
  return out;
})();

/**
 * A written part as its suggestions are measured: lower case, and in compatibility form (NFKC), so
 * that what an input method types, fullwidth `ｌｉｎｕｘ` or a mathematical `𝕒`, is measured as the
 * letters it stands for. Other look-alikes (a Cyrillic а) stay one character off.
 */
function folded(written: string): string {
  return (/[^\x00-\x7f]/.test(written) ? written.normalize('NFKC') : written).toLowerCase();
}

/**
 * The nearest valid platforms to a broken one, best first: by edit distance on os and arch
 * (known mis-spellings like x64 count as near), then Kubernetes tier, then name. At most `limit`;
 * none that `usable` refuses (a removed platform: the fix would give another error).
 */
export function suggestPlatforms(os: string, arch: string, tierOf: TierOf, limit = 3, usable: (p: Platform) => boolean = () => true): Platform[] {
  const o = folded(os);
  const a = folded(arch);
  const candidates: Candidate[] = [];
  for (const pair of GO_PAIRS) {
    const [cos, carch] = pair.split('/');
    const score = partDistance(o, cos) + partDistance(a, carch);
    if (score > 3 || !usable({ os: cos, arch: carch })) continue;
    candidates.push({ os: cos, arch: carch, score, tier: tierOf({ os: cos, arch: carch }) ?? 9 });
  }
  const lead = (c: Candidate) => (c.arch[0] === a[0] ? (c.arch[1] === a[1] ? 2 : 1) : 0);
  candidates.sort((x, y) => x.score - y.score || lead(y) - lead(x) || x.tier - y.tier || `${x.os}/${x.arch}`.localeCompare(`${y.os}/${y.arch}`));
  const best = candidates.length > 0 ? candidates[0].score : 0;
  return candidates
    .filter((c) => c.score <= best + 0.5)
    .slice(0, limit)
    .map((c) => ({ os: c.os, arch: c.arch }));
}

/** The nearest valid names for one part (after `GOOS=` or `GOARCH=`), best first; none that `usable` refuses. */
export function suggestNames(written: string, kind: 'os' | 'arch', rank: (name: string) => number, limit = 3, usable: (name: string) => boolean = () => true): string[] {
  const w = folded(written);
  const names = kind === 'os' ? GO_OSES : GO_ARCHES;
  const scored: { name: string; score: number; rank: number }[] = [];
  // A near name that is refused (`arn` is nearest arm, removed on linux) lets the next ones in (arm64).
  let reach = 2;
  for (const name of names) {
    const score = partDistance(w, name);
    if (score <= 2 && !usable(name)) reach = 3;
  }
  for (const name of names) {
    const score = partDistance(w, name);
    // (Those let in farther off start as written: `linx` with arm suggests no plan9.)
    if (score <= reach && usable(name) && (score <= 2 || name[0] === w[0])) scored.push({ name, score, rank: rank(name) });
  }
  // Among names as far off, the one that starts as written (`arn`: arm64 before 386).
  const lead = (name: string) => (name[0] === w[0] ? (name[1] === w[1] ? 2 : 1) : 0);
  scored.sort((x, y) => x.score - y.score || lead(y.name) - lead(x.name) || x.rank - y.rank || x.name.localeCompare(y.name));
  const best = scored.length > 0 ? scored[0].score : 0;
  return scored.filter((s) => s.score === best).slice(0, limit).map((s) => s.name);
}
