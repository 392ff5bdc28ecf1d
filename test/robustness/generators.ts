/**
 * fast-check arbitraries for the robustness tests: texts of every file kind the engine reads,
 * built from the fragments real files are made of (platform-ish keys and variables, flags, URLs,
 * templates, heredocs, anchors …) and laced with the characters that break scanners (astral
 * characters, NUL, lone surrogates, CR, tabs, BOMs), plus random edits of such texts.
 */
import fc from 'fast-check';
import type { FileKind } from '../../server/src/lint';

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

/** Platform strings as people write them: canonical, aliases, typos, variants, broken ones. */
export const PLATFORM_WORDS = [
  'linux/amd64', 'linux/arm64', 'linux/arm', 'linux/arm/v7', 'linux/arm/v6', 'linux/arm64/v8', 'linux/386',
  'linux/ppc64le', 'linux/s390x', 'linux/riscv64', 'linux/mips64le', 'darwin/amd64', 'darwin/arm64', 'darwin/386',
  'windows/amd64', 'windows/arm64', 'windows/386', 'freebsd/amd64', 'linux/x86_64', 'linux/aarch64', 'linux/armhf',
  'linux/amd64/v3', 'linux/amd46', 'lnux/amd64', 'linux//amd64', 'linux/amd64/', '/linux/amd64', 'Linux/AMD64',
  'linux/arm/v9', 'amd64-linux', 'arm-linux', 'linux-amd64', 'linux-arm', 'linux_arm64', 'linux_arm_7',
  'linux_amd64_v1', 'darwin-arm64', 'windows_386', 'x86_64-linux', 'linux-x86_64', 'apps/v1', 'kubernetes.io/os',
  'linux/amd64,linux/arm64', 'linux/amd64,linux/arm/v7,linux/amd64', 'linux/amd64 linux/s390x', 'linux/amd64,,linux/arm',
  'linux', 'darwin', 'windows', 'lnux', 'amd64', 'arm', 'arm64', 'x86_64', 'aarch64', '386', 'i686', 'ppc64el', 'amd46',
  's390x', 'riscv64', '7', 'v7', '',
] as const;

const TEMPLATES = [
  '${{ matrix.platform }}', '${{ matrix.goos }}', '${{matrix.arch}}', '$(PLATFORM)', '${TARGETPLATFORM}', '$BUILDPLATFORM',
  '{{ .Os }}', '{{ .Arch }}', '$$os', '`uname -m`', '$(uname -s)', '${PLATFORMS:-linux/amd64,linux/arm/v7}',
  '${_PLATFORMS},linux/riscv64', '${GOARCH:=arm}', '<< parameters.platform >>', '${', '$(', '${{', '{{', '`',
] as const;

/** Characters scanners trip on. */
const ODD = [
  '\u0000', '\ufeff', '\ufffd', '\u00e9', '\u4e2d', '\ud83d\ude80', '\ud83c\udff3\ufe0f\u200d\ud83c\udf08', '\ud800', '\udfff',
  '\u2028', '\u00a0', '\t', '\r', '\r\n', '\n', '\\', '"', "'", '#', ':', ',', '-', '/', '[', ']', '{', '}', '(', ')', '$', '`',
  '|', '>', '&', '*', '!', '%', '@', '?', '=', '<', ';', ' ',
] as const;

export const word = fc.oneof(
  { weight: 6, arbitrary: pick(PLATFORM_WORDS) },
  { weight: 2, arbitrary: pick(TEMPLATES) },
  { weight: 1, arbitrary: pick(ODD) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }) },
);

/** One value: a platform word, a list of them, with templates and odd characters mixed in. */
export const value = fc
  .array(fc.tuple(word, pick([',', ' ', ', ', '', ';', '\t'])), { minLength: 1, maxLength: 4 })
  .map((xs) => xs.map(([w, sep], i) => (i === xs.length - 1 ? w : w + sep)).join(''));

const quoted = fc.oneof(
  value,
  value.map((v) => `"${v}"`),
  value.map((v) => `'${v}'`),
  value.map((v) => `[${v.split(/[, ]+/).join(', ')}]`),
  value.map((v) => `["--platform", "${v}"]`),
);

/** Mostly `\n`; sometimes CRLF or lone CR. */
const lineEnding = fc.oneof({ weight: 6, arbitrary: fc.constant('\n') }, { weight: 2, arbitrary: fc.constant('\r\n') }, { weight: 1, arbitrary: fc.constant('\r') });

// ---------------------------------------------------------------- shell

const SHELL_LINES: readonly ((v: string) => string)[] = [
  (v) => `GOOS=${v} GOARCH=${v} go build ./cmd/x`,
  (v) => `export GOARCH=${v}`,
  (v) => `GOARCH=${v}`,
  (v) => `KUBE_BUILD_PLATFORMS="${v}"`,
  (v) => `PLATFORMS=(${v} linux/arm64)`,
  (v) => `docker buildx build --platform ${v} --push .`,
  (v) => `docker buildx build --platform=${v} .`,
  (v) => `docker pull --platform ${v} registry.k8s.io/kube-proxy:v1.31.0`,
  (v) => `for platform in ${v}; do`,
  (v) => `for platform in ${v}`,
  (v) => `curl -LO "https://dl.k8s.io/release/v1.31.0/bin/${v}/kubectl"`,
  (v) => `curl -LO https://dl.k8s.io/v1.31.0/kubernetes-server-${v.replace('/', '-')}.tar.gz`,
  (v) => `BASE=https://dl.k8s.io/release/${v}`,
  () => `wget "\${BASE}/bin/linux/arm/kubelet"`,
  (v) => `apt-get install -y kubelet:${v} kubeadm.${v}`,
  (v) => `echo "deb [arch=${v} signed-by=/k.gpg] https://pkgs.k8s.io/core:/stable:/v1.31/deb/ /" | tee /etc/apt/sources.list.d/k.list`,
  (v) => `echo building ${v}`,
  (v) => `sh -c "GOOS=linux GOARCH=${v} go build"`,
  (v) => `gox -os="linux ${v}" -arch="amd64 ${v}"`,
  (v) => `case "$(uname -m)" in ${v}) ARCH=${v} ;; esac`,
  (v) => `[ "$(uname -m)" = "${v}" ] && echo yes`,
  (v) => `: \${PLATFORMS:=${v}}`,
  (v) => `cat <<EOF\n${v}\nEOF`,
  (v) => `cat <<-'EOF' > /tmp/x\n\t${v}\n\tEOF`,
  () => `cat <<EOF`,
  () => 'EOF',
  (v) => `x=$(echo ${v}`,
  () => ')',
  () => '}',
  () => 'build() {',
  () => 'done',
  (v) => `# ${v} k8s-platforms-ignore`,
  (v) => `GOARCH=${v} # k8s-platforms-ignore`,
  (v) => `# k8s-platforms-ignore removed-platform\nGOARCH=${v}`,
  (v) => `GOOS=linux \\\n  GOARCH=${v} \\\n  go build`,
  (v) => v,
  () => '',
  () => '',
];

export const shellText = linesOf(SHELL_LINES, 80);

// ---------------------------------------------------------------- Makefile

const MAKE_LINES: readonly ((v: string) => string)[] = [
  (v) => `PLATFORMS := ${v}`,
  (v) => `PLATFORMS ?= ${v} \\`,
  (v) => `  ${v} \\`,
  (v) => `export GOARCH = ${v}`,
  (v) => `override GOOS := ${v}`,
  (v) => `KUBE_BUILD_PLATFORMS += ${v}`,
  (v) => `KICBASE_ARCH ?= ${v}`,
  (v) => `build: GOARCH=${v}`,
  (v) => `OUT != echo ${v}`,
  (v) => `define PLATFORMS\n${v}\nendef`,
  () => 'define SCRIPT',
  () => 'endef',
  () => 'build:',
  (v) => `release: deps ; GOARCH=${v} go build`,
  (v) => `\tGOOS=$(GOOS) GOARCH=${v} go build -o bin/$(GOOS)_$(GOARCH)/x`,
  (v) => `\tdocker buildx build --platform $(PLATFORMS),${v} .`,
  (v) => `\tfor p in ${v}; do echo $$p; done`,
  (v) => `\tcurl -LO https://dl.k8s.io/release/$(VERSION)/bin/${v}/kubectl`,
  (v) => `\t@echo ${v}`,
  (v) => `ifeq ($(GOARCH),${v})`,
  () => 'endif',
  (v) => `# ${v}`,
  (v) => `GOARCH := ${v} # k8s-platforms-ignore`,
  // What the recipes see is what the whole file sets and exports, above or below them.
  () => 'export GOOS := darwin',
  (v) => `export GOOS ?= ${v}`,
  () => 'unexport GOOS',
  () => 'export',
  () => 'undefine GOARCH',
  () => '.EXPORT_ALL_VARIABLES:',
  () => 'mac: export GOOS = darwin',
  () => 'mac:',
  (v) => `\tGOARCH=${v} go build ./...`,
  (v) => `\t${v} \\`,
  (v) => v,
  () => '',
  () => '',
];

export const makefileText = linesOf(MAKE_LINES, 80);

// ---------------------------------------------------------------- Dockerfile

const DOCKER_LINES: readonly ((v: string) => string)[] = [
  () => '# escape=`',
  () => '# syntax=docker/dockerfile:1',
  (v) => `FROM --platform=${v} golang:1.22 AS build`,
  (v) => `FROM --platform=${v} registry.k8s.io/kube-proxy:v1.31.0`,
  (v) => `FROM --platform=$BUILDPLATFORM ${v}`,
  (v) => `ARG TARGETPLATFORM=${v}`,
  (v) => `ARG GOARCH=${v}`,
  (v) => `ENV GOOS ${v}`,
  (v) => `ENV GOOS=${v} GOARCH=${v}`,
  (v) => `ENV PLATFORMS="${v}"`,
  (v) => `RUN GOOS=linux GOARCH=${v} go build -o /out/x .`,
  (v) => `RUN apt-get update && \\\n    apt-get install -y kubelet:${v}`,
  (v) => `RUN <<EOF\nGOARCH=${v} go build\nEOF`,
  (v) => `RUN <<EOF\nGOARCH=${v} go build`,
  (v) => `RUN ["docker", "buildx", "build", "--platform", "${v}", "."]`,
  (v) => `CMD ["--platform", "${v}"]`,
  (v) => `ADD https://dl.k8s.io/release/v1.31.0/bin/${v}/kubectl /usr/local/bin/`,
  (v) => `COPY --from=build /out/${v} /bin/`,
  (v) => `LABEL platform="${v}"`,
  (v) => `# ${v}`,
  (v) => `    ${v} \\`,
  (v) => `    ${v} \``,
  (v) => v,
  () => '',
  () => '',
];

export const dockerfileText = linesOf(DOCKER_LINES, 80);

function linesOf(lines: readonly ((v: string) => string)[], maxLines: number): fc.Arbitrary<string> {
  const line = fc.tuple(fc.nat(lines.length - 1), value, pick(['', '', '', '  ', '\t', '    '])).map(([i, v, indent]) => indent + lines[i](v));
  return fc
    .tuple(fc.array(line, { maxLength: maxLines, size: 'medium' }), lineEnding)
    .map(([ls, eol]) => ls.join('\n').replace(/\n/g, eol));
}


// ---------------------------------------------------------------- YAML

const KEYS = [
  'platforms', 'platform', 'goos', 'goarch', 'goarm', 'goamd64', 'GOOS', 'GOARCH', 'KUBE_BUILD_PLATFORMS', 'targets', 'osarch',
  'matrix', 'include', 'exclude', 'ignore', 'builds', 'jobs', 'build', 'strategy', 'env', 'name', 'value', 'default', 'run',
  'script', 'args', 'with', 'steps', 'uses', 'options', 'overrides', 'format_overrides', 'image', 'variables', 'parallel',
  'description', 'os', 'arch', 'defaultPlatforms', '"quoted: key"', "'single'", 'a b', 'x.y', '<<', '? complex', 'on', 'workflow_dispatch',
  'inputs', 'type', 'spec', 'params', 'containers', 'command',
] as const;

type YamlNode = { t: 'scalar'; v: string } | { t: 'block'; lines: string[]; header: string } | { t: 'map'; entries: [string, YamlNode][] } | { t: 'seq'; items: YamlNode[] };

const yamlNode: fc.Arbitrary<YamlNode> = fc.letrec<{ node: YamlNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: quoted.map((v): YamlNode => ({ t: 'scalar', v })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(pick(['|', '|-', '>', '>-', '|2', '|+']), fc.array(fc.tuple(fc.nat(SHELL_LINES.length - 1), value), { maxLength: 5 }))
        .map(([header, ls]): YamlNode => ({ t: 'block', header, lines: ls.flatMap(([i, v]) => SHELL_LINES[i](v).split('\n')) })),
    },
    { weight: 2, arbitrary: fc.array(fc.tuple(pick(KEYS), tie('node')), { minLength: 1, maxLength: 5 }).map((entries): YamlNode => ({ t: 'map', entries })) },
    { weight: 2, arbitrary: fc.array(tie('node'), { minLength: 1, maxLength: 5 }).map((items): YamlNode => ({ t: 'seq', items })) },
  ),
})).node;

const PROPS = ['', '', '', '', '&a ', '&b ', '!!str ', '*a', '*b'];

/** Renders a node below `indent`; `decor` chooses anchors, comments and odd spacing deterministically. */
function render(node: YamlNode, indent: number, decor: { pos: number; values: number[] }): string[] {
  const d = () => {
    const k = decor.pos++;
    return ((decor.values.length > 0 ? decor.values[k % decor.values.length] : 0) + k * 37) % 101;
  };
  const pad = ' '.repeat(indent);
  switch (node.t) {
    case 'scalar':
      return [node.v];
    case 'block':
      return [node.header, ...node.lines.map((l) => (l === '' ? '' : `${pad}  ${l}`))];
    case 'map': {
      const out: string[] = [];
      for (const [k, v] of node.entries) {
        const prop = PROPS[d() % PROPS.length];
        const c = d();
        const comment = c % 13 === 1 ? ' # k8s-platforms-ignore' : c % 11 === 2 ? ' # note: linux/arm' : '';
        if (v.t === 'scalar' || v.t === 'block') {
          const r = render(v, indent, decor);
          out.push(`${pad}${k}: ${prop.startsWith('*') ? prop : prop + r[0]}${v.t === 'scalar' ? comment : ''}`, ...r.slice(1));
        } else {
          out.push(`${pad}${k}:${prop.startsWith('*') ? ` ${prop}` : prop ? ` ${prop.trim()}` : ''}${comment}`);
          // A sequence may sit at its key's indent (GitHub style) or below it.
          out.push(...render(v, v.t === 'seq' && d() % 2 === 0 ? indent : indent + 2, decor));
        }
      }
      return out;
    }
    case 'seq': {
      const out: string[] = [];
      for (const item of node.items) {
        if (item.t === 'scalar' || item.t === 'block') {
          const r = render(item, indent, decor);
          out.push(`${pad}- ${r[0]}`, ...r.slice(1));
        } else if (item.t === 'map' && d() % 2 === 0) {
          // `- key: value` with the rest of the map aligned under the key.
          const r = render(item, indent + 2, decor);
          out.push(`${pad}- ${r[0].slice(indent + 2)}`, ...r.slice(1));
        } else {
          out.push(`${pad}-`, ...render(item, indent + 2, decor));
        }
      }
      return out;
    }
  }
}

/** A structured YAML document: nested maps and sequences of realistic keys and values. */
export const structuredYaml = fc
  .tuple(fc.array(fc.tuple(pick(KEYS), yamlNode), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(100), { maxLength: 40 }), lineEnding, fc.boolean())
  .map(([entries, decor, eol, marker]) => {
    const lines = render({ t: 'map', entries }, 0, { pos: 0, values: decor });
    return (marker ? '---\n' : '') + lines.join('\n').replace(/\n/g, eol) + eol;
  });

/** YAML line soup: YAML-looking lines at random indents, often not valid YAML at all. */
const YAML_LINES: readonly ((v: string) => string)[] = [
  (v) => `platforms: ${v}`,
  (v) => `- ${v}`,
  (v) => `goos: [${v}]`,
  (v) => `goarch: ${v}`,
  (v) => `matrix: {goos: [linux, ${v}], goarch: [amd64, ${v}]}`,
  (v) => `- {goos: ${v}, goarch: arm}`,
  () => 'exclude:',
  () => 'include:',
  () => 'jobs:',
  () => 'builds:',
  () => 'matrix:',
  () => 'strategy:',
  () => 'steps:',
  () => 'run: |',
  () => 'script:',
  () => 'args:',
  () => '- --platform',
  (v) => `- --platform=${v}`,
  (v) => `- name: KUBE_BUILD_PLATFORMS\n  value: "${v}"`,
  (v) => `GOOS=${v} GOARCH=${v} go build`,
  // A top-level environment, which every block is scanned with.
  (v) => `env:\n  GOOS: ${v}\n  GOARCH: ${v}`,
  (v) => `variables:\n  GOOS: ${v}`,
  (v) => `GOARCH: ${v}`,
  (v) => `- run: GOARCH=${v} go build`,
  // An anchored environment that a merge key takes in, in another block.
  (v) => `.vars: &anchor\n  GOOS: ${v}\n  goos: [${v}]`,
  // A GitLab template and a job that extends it.
  (v) => `.tmpl:\n  variables:\n    GOOS: ${v}`,
  (v) => `job:\n  extends: [.tmpl]\n  variables:\n    GOARCH: ${v}`,
  (v) => `- run: docker buildx build --platform ${v} .`,
  // An environment's variable that a run step gives to --platform, in another block maybe, and a script that sets it too.
  (v) => `env:\n  ARCH: ${v}`,
  (v) => `ARCH: ${v}`,
  () => '- run: docker buildx build --platform linux/$ARCH .',
  (v) => `- run: ARCH=${v} make`,
  // An environment that sets a side twice over, and a Go template's default.
  (v) => `env:\n  GOOS: linux\n  GOARCH: amd64\n  TARGETARCH: ${v}`,
  (v) => `- name: TARGETARCH\n  value: ${v}`,
  (v) => `PLATFORMS: '{{.PLATFORMS | default "${v}"}}'`,
  // Values containerd reads, where an arch alone is linux's.
  (v) => `- uses: docker/build-push-action@v6\n  with:\n    platforms: ${v}`,
  (v) => `services:\n  app:\n    platform: ${v}`,
  (v) => `url: https://dl.k8s.io/release/v1.31.0/bin/${v}/kubectl`,
  (v) => `base: &anchor ${v}`,
  () => 'ref: *anchor',
  () => '<<: *anchor',
  (v) => `"${v}": x`,
  (v) => `? ${v}\n: y`,
  () => '---',
  () => '...',
  () => '%YAML 1.2',
  (v) => `# ${v}`,
  (v) => `key: '${v}' # k8s-platforms-ignore`,
  (v) => `text: >-\n  ${v}`,
  (v) => `k: "${v}`,
  (v) => `[${v}`,
  (v) => `{${v}:`,
  (v) => v,
  () => '',
];

export const yamlSoup = fc
  .tuple(fc.array(fc.tuple(fc.nat(YAML_LINES.length - 1), value, fc.nat(6)), { maxLength: 80, size: 'medium' }), lineEnding)
  .map(([ls, eol]) => ls.map(([i, v, ind]) => YAML_LINES[i](v).split('\n').map((l) => ' '.repeat(ind * 2) + l).join('\n')).join('\n').replace(/\n/g, eol));

/** Any text at all: full Unicode (astral planes, lone surrogates), or the characters scanners care about. */
export const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 2000, size: 'medium' }),
  fc.string({ unit: fc.oneof(pick(ODD), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 })), maxLength: 2000, size: 'medium' }),
  fc.array(fc.oneof(word, pick(ODD)), { maxLength: 400, size: 'medium' }).map((xs) => xs.join('')),
);

/** A text in the shape of a kind of file (or anything at all, sometimes). */
export function textFor(kind: FileKind): fc.Arbitrary<string> {
  const own =
    kind === 'shell' ? shellText : kind === 'makefile' ? makefileText : kind === 'dockerfile' ? dockerfileText : fc.oneof(structuredYaml, yamlSoup);
  return fc.oneof({ weight: 5, arbitrary: own }, { weight: 1, arbitrary: anyText });
}

// ---------------------------------------------------------------- edits

/** One edit of a document, positioned relative to its length so it applies to any version. */
export type Edit =
  | { op: 'splice'; at: number; remove: number; insert: string }
  /** Typing over text: the length stays, the content changes (`amd64` -> `arm64`). */
  | { op: 'overwrite'; at: number; insert: string }
  | { op: 'line'; at: number; what: 'delete' | 'duplicate' | 'indent' | 'dedent' | 'blank' | 'join' }
  | { op: 'undo'; back: number }
  | { op: 'rescan' };

const INSERTS = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 2, arbitrary: value },
  { weight: 2, arbitrary: pick(ODD) },
  {
    weight: 3,
    arbitrary: pick([
      '\n', '\n\n', '\r\n', '  ', '\t', '\\\n', '- ', ': ', '#', '---\n', '<<EOF\n', '\nEOF\n', 'define X\n', 'endef\n', 'jobs:\n',
      'platforms: linux/arm\n', '\nGOARCH=arm\n', '\nBASE=https://dl.k8s.io/release\n', 'build:\n\tGOARCH=arm go build\n', 'k8s-platforms-ignore',
      '# k8s-platforms-ignore\n', 'matrix:\n  goos: [linux]\n  goarch: [arm]\n', '&a ', '*a', '"', "'", '[', '{', '${', '$(', '`',
    ]),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

export const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('splice' as const), at: fraction, remove: fc.oneof(fc.constant(0), fc.nat(3), fc.nat(60)), insert: fc.oneof(fc.constant(''), INSERTS) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('overwrite' as const), at: fraction, insert: fc.oneof(pick(['arm', 'amd64', 'arm64', '386', 'x', '-', ' ', ':', '\n', '#', 'linux/arm', 's390x', 'GOOS', '$(']), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 4 })) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('line' as const), at: fraction, what: pick(['delete', 'duplicate', 'indent', 'dedent', 'blank', 'join'] as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('undo' as const), back: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'rescan' as const }) },
);

/** Applies an edit to the current text; `history` holds earlier versions (for undo). */
export function applyEdit(text: string, e: Edit, history: readonly string[]): string {
  switch (e.op) {
    case 'rescan':
      return text;
    case 'undo':
      return history.length === 0 ? text : history[Math.max(0, history.length - e.back)];
    case 'overwrite': {
      // Over ASCII only, so the length in UTF-16 units stays whatever the text holds.
      const at = Math.floor(e.at * Math.max(0, text.length - e.insert.length + 1));
      const over = text.slice(at, at + e.insert.length);
      if (over.length !== e.insert.length || /[^\x00-\x7f]/.test(over)) return text;
      return text.slice(0, at) + e.insert + text.slice(at + e.insert.length);
    }
    case 'splice': {
      let at = Math.floor(e.at * (text.length + 1));
      // Keep surrogate pairs whole, as an editor does.
      if (at > 0 && at < text.length && isLow(text.charCodeAt(at)) && isHigh(text.charCodeAt(at - 1))) at--;
      let end = Math.min(text.length, at + e.remove);
      if (end > 0 && end < text.length && isLow(text.charCodeAt(end)) && isHigh(text.charCodeAt(end - 1))) end++;
      return text.slice(0, at) + e.insert + text.slice(end);
    }
    case 'line': {
      const lines = text.split('\n');
      const i = Math.floor(e.at * lines.length);
      const l = lines[i];
      switch (e.what) {
        case 'delete':
          lines.splice(i, 1);
          break;
        case 'duplicate':
          lines.splice(i, 0, l);
          break;
        case 'indent':
          lines[i] = `  ${l}`;
          break;
        case 'dedent':
          lines[i] = l.replace(/^ {1,2}|^\t/, '');
          break;
        case 'blank':
          lines.splice(i, 0, '');
          break;
        case 'join':
          if (i + 1 < lines.length) lines.splice(i, 2, l + lines[i + 1]);
          break;
      }
      return lines.join('\n');
    }
  }
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Versions of a text under a sequence of edits, the first being the text itself. */
export function versions(text: string, edits: readonly Edit[]): string[] {
  const out = [text];
  for (const e of edits) out.push(applyEdit(out[out.length - 1], e, out.slice(0, -1)));
  return out;
}

/**
 * A YAML file with one top-level block of more than 200 lines (`jobs:` with many jobs), which the
 * engine cuts into one block per child: the shape of a big workflow.
 */
export const bigYaml = fc
  .tuple(
    pick(['jobs', 'builds', 'steps', 'matrix', 'platforms']),
    fc.array(fc.tuple(pick(['build', 'test', 'release', 'b-1', '"quoted"']), yamlNode), { minLength: 26, maxLength: 40 }),
    fc.array(fc.nat(100), { maxLength: 40 }),
    fc.boolean(),
  )
  .map(([key, children, decor, seq]) => {
    const body = children.map(([k, node], i) => {
      const child: YamlNode = { t: 'map', entries: [[`${k}${i}`, node], ['runs-on', { t: 'scalar', v: 'ubuntu-latest' }], ['steps', { t: 'seq', items: [{ t: 'scalar', v: 'x' }, { t: 'scalar', v: 'y' }, { t: 'scalar', v: 'z' }] }]] };
      const lines = render(child, 2, { pos: i, values: decor });
      if (seq) lines[0] = `  - ${lines[0].slice(2)}`;
      return lines.map((l, j) => (seq && j > 0 ? `  ${l}` : l)).join('\n');
    });
    return `name: big\non: push\n${key}:\n${body.join('\n')}\nafter: linux/arm\n`;
  });

/** Long texts: several generated texts joined, so the engine cuts them into many blocks. */
export function longTextFor(kind: FileKind): fc.Arbitrary<string> {
  const yaml = kind !== 'shell' && kind !== 'makefile' && kind !== 'dockerfile';
  const parts = fc.array(textFor(kind), { minLength: 1, maxLength: 4 }).map((xs) => xs.join(yaml ? '\n' : '\n\n'));
  return yaml ? fc.oneof({ weight: 3, arbitrary: parts }, { weight: 1, arbitrary: bigYaml }) : parts;
}
