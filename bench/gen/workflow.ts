import { GO_PAIRS } from '../../server/src/platform/names';
import { BINARY_PLATFORMS, GOARCH, GOOS, IMAGE_PLATFORMS, K8S_BINARIES, K8S_VERSIONS, onePlatform, pad, platformList, Random } from './random';

/** About one list in this many carries a problem: a handful of findings per thousand lines. */
const PROBLEM_RATE = 1 / 40;

const COMPONENTS = ['controller', 'webhook', 'agent', 'operator', 'scheduler-plugin', 'csi-driver', 'exporter', 'proxy'] as const;
const COMMENTS = [
  '# Cross-compile for every platform we publish; keep in sync with the Makefile.',
  '# Images are multi-arch manifests; qemu emulates the foreign architectures.',
  '# Download the release binaries the e2e suite runs against.',
  '# cgo stays off so the binaries are static and run in distroless images.',
  '# The release job only runs on tags; the others run on every push.',
  '# Cache the Go build and module caches per platform.',
] as const;

type Job = (rng: Random, id: string, out: string[]) => void;

function goMatrixJob(rng: Random, id: string, out: string[]): void {
  const component = rng.pick(COMPONENTS);
  const goos = rng.subset(GOOS, rng.int(2, 3));
  const goarch: string[] = rng.subset(GOARCH, rng.int(2, 4));
  if (rng.chance(PROBLEM_RATE)) goarch[goarch.length - 1] = rng.pick(['riscv64', 'amd46', 'arm']);
  out.push(
    `  build-${component}-${id}:`,
    `    ${rng.pick(COMMENTS)}`,
    `    name: build ${component} (\${{ matrix.goos }}/\${{ matrix.goarch }})`,
    `    runs-on: ubuntu-latest`,
    `    timeout-minutes: ${rng.int(10, 60)}`,
    `    strategy:`,
    `      fail-fast: false`,
    `      matrix:`,
    `        goos: [${goos.join(', ')}]`,
    `        goarch: [${goarch.join(', ')}]`,
  );
  // As a working workflow does: the pairs Go cannot build are excluded (a job for darwin/s390x
  // would fail), the linux ones aside, which carry the planted problems.
  const excluded: [string, string][] = [];
  if (goos.includes('windows') && goarch.length > 2) excluded.push(['windows', goarch.find((a) => a !== 'amd64') ?? 'arm64']);
  for (const os of goos) {
    for (const arch of goarch) {
      if (os !== 'linux' && !GO_PAIRS.has(`${os}/${arch}`) && !excluded.some(([o, a]) => o === os && a === arch)) excluded.push([os, arch]);
    }
  }
  if (excluded.length > 0) {
    out.push(`        exclude:`);
    for (const [os, arch] of excluded) out.push(`          - goos: ${os}`, `            goarch: ${arch}`);
  }
  if (rng.chance(0.5)) {
    out.push(`        include:`, `          - goos: linux`, `            goarch: ${rng.pick(['s390x', 'ppc64le', '386'])}`);
  }
  out.push(
    `    steps:`,
    `      - name: Check out the ${component} sources`,
    `        uses: actions/checkout@v4`,
    `      - name: Set up Go`,
    `        uses: actions/setup-go@v5`,
    `        with:`,
    `          go-version: '1.23'`,
    `      - name: Build ${component}`,
    `        env:`,
    `          GOOS: \${{ matrix.goos }}`,
    `          GOARCH: \${{ matrix.goarch }}`,
    `          CGO_ENABLED: '0'`,
    `        run: |`,
    `          # static binary, no cgo`,
    `          go build -trimpath -o bin/${component}-\${GOOS}-\${GOARCH} ./cmd/${component}`,
  );
  const [os, arch] = onePlatform(rng, BINARY_PLATFORMS, PROBLEM_RATE).split('/');
  out.push(
    `          GOOS=${os} GOARCH=${arch} go build -o bin/${component}-${os}-${arch}-debug ./cmd/${component}`,
    `      - name: Upload ${component}`,
    `        uses: actions/upload-artifact@v4`,
    `        with:`,
    `          name: ${component}-\${{ matrix.goos }}-\${{ matrix.goarch }}`,
    `          path: bin/`,
  );
}

function imageJob(rng: Random, id: string, out: string[]): void {
  const component = rng.pick(COMPONENTS);
  const platforms = platformList(rng, IMAGE_PLATFORMS, 2, 5, PROBLEM_RATE);
  out.push(
    `  image-${component}-${id}:`,
    `    ${rng.pick(COMMENTS)}`,
    `    name: image ${component}`,
    `    runs-on: ubuntu-latest`,
    `    permissions:`,
    `      contents: read`,
    `      packages: write`,
    `    steps:`,
    `      - name: Check out`,
    `        uses: actions/checkout@v4`,
    `      - name: Set up QEMU`,
    `        uses: docker/setup-qemu-action@v3`,
    `        with:`,
    `          platforms: arm64,ppc64le,s390x`,
    `      - name: Set up Buildx`,
    `        uses: docker/setup-buildx-action@v3`,
    `      - name: Build and push ${component}`,
    `        uses: docker/build-push-action@v6`,
    `        with:`,
    `          context: .`,
    `          file: images/${component}/Dockerfile`,
    `          push: \${{ github.event_name != 'pull_request' }}`,
    `          tags: \${{ env.REGISTRY }}/${component}:\${{ github.sha }}`,
  );
  if (rng.chance(0.5)) {
    out.push(`          platforms: ${platforms.join(',')}`);
  } else {
    out.push(`          platforms: |`, ...platforms.map((p) => `            ${p}`));
  }
  out.push(`          build-args: |`, `            VERSION=\${{ github.ref_name }}`, `            COMPONENT=${component}`);
}

function downloadJob(rng: Random, id: string, out: string[]): void {
  const version = rng.pick(K8S_VERSIONS);
  const matrix = platformList(rng, ['linux/amd64', 'linux/arm64'], 1, 2, PROBLEM_RATE / 2);
  const binary = rng.pick(K8S_BINARIES);
  const [os, arch] = onePlatform(rng, ['linux/amd64', 'linux/arm64', 'linux/s390x'], PROBLEM_RATE).split('/');
  const archive = rng.chance(PROBLEM_RATE) ? 'kubernetes-server-darwin-amd64.tar.gz' : `kubernetes-server-linux-${rng.pick(['amd64', 'arm64', 'ppc64le'])}.tar.gz`;
  out.push(
    `  e2e-${id}:`,
    `    ${rng.pick(COMMENTS)}`,
    `    name: e2e against Kubernetes ${version} (\${{ matrix.platform }})`,
    `    runs-on: ubuntu-latest`,
    `    strategy:`,
    `      matrix:`,
    `        platform: [${matrix.join(', ')}]`,
    `    env:`,
    `      KUBE_VERSION: ${version}`,
    `    steps:`,
    `      - uses: actions/checkout@v4`,
    `      - name: Install ${binary}`,
    `        run: |`,
    `          curl -fsSLO https://dl.k8s.io/release/${version}/bin/${os}/${arch}/${binary}`,
    `          curl -fsSLO "https://dl.k8s.io/release/\${KUBE_VERSION}/bin/linux/\${ARCH}/kubectl.sha256"`,
    `          chmod +x ${binary} && sudo mv ${binary} /usr/local/bin/`,
    `      - name: Fetch the server archive`,
    `        run: curl -fsSLO https://dl.k8s.io/release/${version}/${archive}`,
    `      - name: Build the test image`,
    `        run: |`,
    `          docker buildx build --platform \${{ matrix.platform }} -t e2e:${id} --load .`,
    `          echo "built e2e image for \${{ matrix.platform }}"`,
    `      - name: Run e2e`,
    `        run: make test-e2e KUBE_VERSION=${version}`,
  );
}

function releaseJob(rng: Random, id: string, out: string[]): void {
  const component = rng.pick(COMPONENTS);
  const binaries = platformList(rng, BINARY_PLATFORMS, 3, 6, PROBLEM_RATE);
  const images = platformList(rng, IMAGE_PLATFORMS, 2, 4, PROBLEM_RATE);
  out.push(
    `  release-${component}-${id}:`,
    `    ${rng.pick(COMMENTS)}`,
    `    name: release ${component}`,
    `    if: startsWith(github.ref, 'refs/tags/')`,
    `    runs-on: ubuntu-latest`,
    `    steps:`,
    `      - uses: actions/checkout@v4`,
    `      - name: Build release binaries`,
    `        run: |`,
    `          for platform in ${binaries.join(' ')}; do`,
    `            GOOS=\${platform%/*} GOARCH=\${platform#*/} make build-${component} OUT=dist/\${platform}`,
    `          done`,
    `      - name: Push the ${component} manifest`,
    `        run: |`,
    `          docker buildx build --platform=${images.join(',')} \\`,
    `            --push -t \${{ env.REGISTRY }}/${component}:\${{ github.ref_name }} .`,
  );
}

function testJob(rng: Random, id: string, out: string[]): void {
  out.push(
    `  unit-${id}:`,
    `    # Unit tests need no cross-compilation.`,
    `    name: unit tests (\${{ matrix.os }})`,
    `    runs-on: \${{ matrix.os }}`,
    `    strategy:`,
    `      matrix:`,
    `        os: [ubuntu-latest, macos-latest]`,
    `    steps:`,
    `      - uses: actions/checkout@v4`,
    `      - uses: actions/setup-go@v5`,
    `        with:`,
    `          go-version: '1.23'`,
    `      - name: Test`,
    `        run: go test -race -count=1 ./...`,
  );
  if (rng.chance(0.3)) out.push(`      - name: Lint`, `        run: make lint`);
}

const JOBS: readonly [Job, number][] = [
  [goMatrixJob, 3],
  [imageJob, 3],
  [downloadJob, 2],
  [releaseJob, 2],
  [testJob, 2],
];

function pickJob(rng: Random): Job {
  const total = JOBS.reduce((n, [, w]) => n + w, 0);
  let r = rng.next() * total;
  for (const [job, w] of JOBS) {
    r -= w;
    if (r < 0) return job;
  }
  return JOBS[0][0];
}

/** A GitHub Actions workflow of about `lines` lines (whole jobs, so a few lines more). */
export function generateWorkflow(lines: number, seed: number): string {
  const rng = new Random(seed);
  const out: string[] = [
    `# Generated by bench/generate.ts (seed ${seed}): a release workflow of many jobs.`,
    `name: release-${lines}`,
    `on:`,
    `  push:`,
    `    branches: [main]`,
    `    tags: ['v*']`,
    `  pull_request:`,
    `  workflow_dispatch:`,
    `env:`,
    `  REGISTRY: ghcr.io/example`,
    `  KUBE_VERSION: ${rng.pick(K8S_VERSIONS)}`,
    `  PLATFORMS: ${IMAGE_PLATFORMS.slice(0, 4).join(',')}`,
    `permissions:`,
    `  contents: read`,
    `jobs:`,
  ];
  for (let i = 0; out.length < lines; i++) {
    pickJob(rng)(rng, pad(i, 5), out);
  }
  return out.join('\n') + '\n';
}
