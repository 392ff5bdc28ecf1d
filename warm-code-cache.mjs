// Part of the build (esbuild.mjs): starts the built server once, as an editor would, on a sample
// document of every kind, so that V8 compiles the code a session runs; the server keeps what was
// compiled in dist/server-main.cache when it exits (server/src/codeCache.ts). No file is read or
// written but the bundle and its cache; the samples are below.
import { spawn } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const SAMPLES = {
  'file:///warm-up/.github/workflows/release.yml': `name: release
on: { push: { tags: ['v*'] } }
env:
  PLATFORMS: linux/amd64,linux/arm64,linux/arm/v7
jobs:
  build:
    runs-on: \${{ matrix.os }}
    strategy:
      matrix:
        goos: [linux, windows, darwin]
        goarch: [amd64, arm64, s390x]
        exclude:
          - goos: darwin
            goarch: s390x
        include:
          - goos: linux
            goarch: ppc64le
    steps:
      - uses: actions/checkout@v4
      - uses: docker/build-push-action@v6
        with:
          platforms: linux/amd64,linux/arm64,linux/x86_64
      - name: Build
        env:
          GOOS: \${{ matrix.goos }}
          GOARCH: \${{ matrix.goarch }}
        run: |
          for platform in linux/amd64 linux/386 windows/amd64; do
            GOOS=\${platform%/*} GOARCH=\${platform#*/} go build -o dist/\${platform} ./cmd
          done
          curl -fsSLO https://dl.k8s.io/release/v1.31.2/bin/linux/arm64/kubectl
          curl -fsSLO https://dl.k8s.io/release/v1.31.2/kubernetes-server-linux-386.tar.gz
          docker buildx build --platform=linux/amd64,linux/mips64le -t x:\${{ github.sha }} .
      - run: echo "built for linux/amd64"  # k8s-platforms-ignore non-canonical-platform
`,
  'file:///warm-up/.goreleaser.yaml': `builds:
  - id: cli
    goos: [linux, darwin, windows]
    goarch: [amd64, arm64, arm, '386']
    goarm: ['7']
    ignore:
      - goos: windows
        goarch: arm
archives:
  - format_overrides:
      - goos: windows
        format: zip
dockers:
  - goos: linux
    goarch: arm64
    build_flag_templates: ["--platform=linux/arm64"]
`,
  'file:///warm-up/.gitlab-ci.yml': `variables:
  PLATFORMS: "linux/amd64 linux/arm64 linux/riscv64"
build:
  image: golang:1.23
  parallel:
    matrix:
      - GOOS: linux
        GOARCH: [amd64, arm64]
  script:
    - GOOS=linux GOARCH=arm GOARM=7 go build ./...
    - 'docker buildx build --platform "\${PLATFORMS// /,}" .'
---
apiVersion: apps/v1
kind: DaemonSet
spec:
  template:
    spec:
      nodeSelector:
        kubernetes.io/os: linux
        kubernetes.io/arch: arm64
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions:
                  - { key: kubernetes.io/arch, operator: In, values: [amd64, ppc64le] }
`,
  'file:///warm-up/Makefile': `ALL_PLATFORMS ?= linux/amd64 linux/arm64 \\
\tlinux/ppc64le linux/s390x \\
\twindows/amd64 darwin/arm64
OS ?= linux
ARCH ?= amd64

build-%:
\t$(MAKE) build GOOS=$(firstword $(subst _, ,$*)) GOARCH=$(lastword $(subst _, ,$*))

release: ## all platforms
\tfor p in $(ALL_PLATFORMS); do GOOS=$\${p%/*} GOARCH=$\${p#*/} go build ./...; done
\tdocker buildx build --platform linux/amd64,linux/arm/v7 .
`,
  'file:///warm-up/Dockerfile': `# syntax=docker/dockerfile:1
ARG TARGETPLATFORM=linux/amd64
FROM --platform=$BUILDPLATFORM golang:1.23 AS build
ARG TARGETOS TARGETARCH
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app \\
    && curl -fsSLO https://dl.k8s.io/release/v1.30.4/bin/linux/arm/kubectl
FROM --platform=linux/arm64 registry.k8s.io/kube-proxy:v1.31.2
COPY --from=build /out/app /app
`,
  'file:///warm-up/hack/cross.sh': `#!/usr/bin/env bash
set -euo pipefail
KUBE_SERVER_PLATFORMS=(
  linux/amd64
  linux/arm64
  linux/s390x
)
readonly KUBE_CLIENT_PLATFORMS="linux/amd64 windows/386 darwin/amd64"
case "$(uname -m)" in
  x86_64) ARCH=amd64 ;;
  aarch64) ARCH=arm64 ;;
esac
for platform in "\${KUBE_SERVER_PLATFORMS[@]}"; do
  GOOS="\${platform%/*}" GOARCH="\${platform##*/}" go build ./cmd/...
done
curl -LO "https://dl.k8s.io/release/\${KUBE_VERSION}/kubernetes-node-linux-arm64.tar.gz"
echo "deb [arch=amd64,arm64 signed-by=/etc/apt/keyrings/kubernetes.gpg] https://pkgs.k8s.io/core:/stable:/v1.31/deb/ /"
docker pull --platform linux/arm/v7 registry.k8s.io/pause:3.10
`,
};

const LANGUAGES = { yml: 'yaml', yaml: 'yaml', Makefile: 'makefile', Dockerfile: 'dockerfile', sh: 'shellscript' };

/** Runs the server at `bundle` over the samples and waits for it to exit (and write its cache). */
export async function warmCodeCache(bundle) {
  const child = spawn(process.execPath, [bundle, '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, K8S_PLATFORMS_CODE_CACHE: 'write' },
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // A server that does not answer must not hang the build.
  const timer = setTimeout(() => child.kill(), 60_000);
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest(() => null);
  const published = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    published.get(p.uri)?.(p.diagnostics);
  });
  connection.listen();
  let finished = false;
  const early = exited.then((code) => {
    if (!finished) throw new Error(`the warm-up server stopped early (${code})`);
  });
  try {
    await Promise.race([session(connection, published).then(() => (finished = true)), early]);
  } finally {
    clearTimeout(timer);
  }
  const code = await exited;
  connection.dispose();
  if (code !== 0) throw new Error(`the warm-up server exited with ${code}`);
}

async function session(connection, published) {
  // Capabilities as VS Code and Neovim send them: Markdown hovers and documentation are the paths used.
  const markdown = ['markdown', 'plaintext'];
  const capabilities = { textDocument: { hover: { contentFormat: markdown }, completion: { completionItem: { documentationFormat: markdown } } } };
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities, workspaceFolders: null });
  await connection.sendNotification('initialized', {});
  for (const [uri, text] of Object.entries(SAMPLES)) {
    const diagnostics = new Promise((resolve) => published.set(uri, resolve));
    const ext = uri.slice(uri.lastIndexOf('/') + 1).split('.').pop();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: LANGUAGES[ext] ?? 'plaintext', version: 1, text } });
    const found = await diagnostics;
    const lines = text.split('\n');
    const textDocument = { uri };
    for (const d of found) {
      await connection.sendRequest('textDocument/hover', { textDocument, position: d.range.start });
      await connection.sendRequest('textDocument/codeAction', { textDocument, range: d.range, context: { diagnostics: [d] } });
    }
    // Completion after each `linux/`, where an arch is offered, and a hover on the platform there
    // (most hovers are on platforms that are fine: tier and artifacts, no finding).
    for (let line = 0; line < lines.length; line++) {
      const at = lines[line].indexOf('linux/');
      if (at < 0) continue;
      await connection.sendRequest('textDocument/completion', { textDocument, position: { line, character: at + 6 } });
      await connection.sendRequest('textDocument/hover', { textDocument, position: { line, character: at + 2 } });
    }
    // A keystroke: the incremental path.
    const again = new Promise((resolve) => published.set(uri, resolve));
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '#\n' }],
    });
    await again;
  }
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
}
