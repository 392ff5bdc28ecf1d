/**
 * A seeded pseudo-random source (mulberry32) and the platform pools the generators draw from.
 * Same seed, same files: figures from two runs are comparable only if the inputs are identical.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `count` distinct items in their original order. */
  subset<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    const n = Math.min(count, items.length);
    while (chosen.size < n) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
  }
}

/** Platforms a Kubernetes-adjacent project builds images for (all tiered, none removed). */
export const IMAGE_PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/ppc64le', 'linux/s390x', 'linux/386'] as const;

/** Platforms a Go project cross-compiles binaries for. */
export const BINARY_PLATFORMS = [
  'linux/amd64',
  'linux/arm64',
  'linux/ppc64le',
  'linux/s390x',
  'darwin/amd64',
  'darwin/arm64',
  'windows/amd64',
  'windows/arm64',
] as const;

export const GOOS = ['linux', 'darwin', 'windows'] as const;
export const GOARCH = ['amd64', 'arm64', 'ppc64le', 's390x'] as const;

/** Binaries published per platform on dl.k8s.io that a CI job typically downloads. */
export const K8S_BINARIES = ['kubectl', 'kubeadm', 'kubelet', 'kube-apiserver', 'kube-proxy'] as const;
export const K8S_VERSIONS = ['v1.29.8', 'v1.30.4', 'v1.31.0', 'v1.31.2'] as const;

/**
 * The mistakes real files contain now and then: a removed platform, a typo, an untiered Go port,
 * an alias spelling, an artifact that is not published.
 */
export const PROBLEM_PLATFORMS = ['linux/arm/v7', 'linux/amd46', 'linux/riscv64', 'linux/arm', 'linux/x86_64'] as const;

/**
 * A list of platforms drawn from `pool`, with a problem in it about once in `1 / rate` lists:
 * either a problem platform in place of a good one, or a duplicate.
 */
export function platformList(rng: Random, pool: readonly string[], min: number, max: number, rate: number): string[] {
  const list = rng.subset(pool, rng.int(min, max));
  if (rng.chance(rate)) {
    if (rng.chance(0.25) && list.length > 1) list.push(list[0]);
    else list[rng.int(0, list.length - 1)] = rng.pick(PROBLEM_PLATFORMS);
  }
  return list;
}

/** One platform, mostly linux/amd64 or linux/arm64, rarely a problem. */
export function onePlatform(rng: Random, pool: readonly string[], rate: number): string {
  if (rng.chance(rate)) return rng.pick(PROBLEM_PLATFORMS);
  return rng.chance(0.5) ? pool[0] : rng.pick(pool);
}

export function pad(n: number, width = 4): string {
  return String(n).padStart(width, '0');
}
