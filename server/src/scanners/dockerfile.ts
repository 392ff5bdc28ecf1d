import type { DockerGoEnv, GoNames } from './state';
import { MentionSink, ScopeEnv, isBareArchList, isPlatformListValue, pulledImage, readPlatformList, roleOf, varCanonical, type Token } from './mention';
import { maskTemplates } from './template';
import { GO_VARIANT_KEYS } from '../platform/names';
import { BUILDKIT_ARCH, holdsText, scanShell, variantOfAnother, type GoEnv } from './shell';
import { newScanState, type FlagVariables, type ScanState } from './state';
import { afterUrlVariable, downloadPrefix, FOREIGN_URL, localFolder, kubeImageAfter, registryVariable, scanAptSourceLines, scanArchiveNames, scanUrls } from './artifacts';

interface Instruction {
  keyword: string;
  /** Start of the arguments (after the keyword and its spaces). */
  argsStart: number;
  end: number;
}

/**
 * Splits a Dockerfile into instructions: continuation lines joined (with the escape character of
 * the `# escape=` directive), comment lines dropped, heredoc bodies (`RUN <<EOF`) kept with their
 * instruction.
 */
function instructions(text: string, start: number, end: number, escape: '\\' | '`'): Instruction[] {
  const out: Instruction[] = [];
  /** Where the line after the one that ends at `stop` ends. */
  const nextLineEnd = (stop: number) => {
    const next = text.indexOf('\n', stop + 1);
    return next < 0 || next > end ? end : next;
  };
  let i = start;
  while (i < end) {
    let nl = text.indexOf('\n', i);
    if (nl < 0 || nl > end) nl = end;
    const line = text.slice(i, nl);
    const m = /^\s*([A-Za-z]+)(\s+|$)/.exec(line);
    if (!m || line.trimStart().startsWith('#')) {
      i = nl + 1;
      continue;
    }
    const argsStart = i + m[0].length;
    let stop = nl;
    let cur = line;
    const heredocs = heredocNames(line);
    // Follow continuation lines. Comment lines and empty lines among them are dropped, and the
    // instruction goes on after them (as Docker reads it).
    while (cur.trimEnd().endsWith(escape) && stop < end) {
      do {
        const ne = nextLineEnd(stop);
        cur = text.slice(stop + 1, ne);
        stop = ne;
      } while (stop < end && (cur.trim() === '' || cur.trimStart().startsWith('#')));
      heredocs.push(...heredocNames(cur));
    }
    // The here-documents follow, one after the other (`RUN <<A bash && <<B bash`).
    for (const heredoc of heredocs) {
      while (stop < end) {
        const ne = nextLineEnd(stop);
        const l = text.slice(stop + 1, ne);
        stop = ne;
        if (l.trim() === heredoc) break;
      }
    }
    out.push({ keyword: m[1].toUpperCase(), argsStart, end: stop });
    i = stop + 1;
  }
  return out;
}

/**
 * The escape character of a `# escape=` parser directive. Directives are the comment lines
 * `# name=value` at the very top of a Dockerfile; the first other line ends them.
 */
function escapeDirective(text: string, start: number, end: number): '\\' | '`' {
  let i = start;
  while (i < end) {
    let nl = text.indexOf('\n', i);
    if (nl < 0 || nl > end) nl = end;
    const d = /^#\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(text.slice(i, Math.min(nl, i + 200)));
    if (!d) break;
    if (d[1].toLowerCase() === 'escape') return d[2] === '`' ? '`' : '\\';
    i = nl + 1;
  }
  return '\\';
}

/** text with each backtick that ends a line in [start, end) made a backslash; same length, same offsets. */
function withBackslashContinuations(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/`(?=[ \t]*(?:\r?\n|$))/g, '\\') + text.slice(end);
}

/** The instruction an ONBUILD holds, with the blanks after it: `ENV `, `ARG `, `RUN `. */
const ONBUILD_INNER = /^\s*(ENV|ARG|RUN|ADD|COPY)[ \t]+/i;

/**
 * Dockerfiles: `FROM --platform=`, `ARG`/`ENV` platform-ish variables, `RUN` (and the other
 * command instructions) as shell, `ADD` URLs. `LABEL` and comments are prose.
 */
export function scanDockerfile(original: string, start: number, end: number, sink: MentionSink, state: ScanState = newScanState()): void {
  const urlVars = state.urlVars;
  // The directive is read at the top of the file (its first block); later blocks get it from the state.
  state.escape ??= escapeDirective(original, start, end);
  // A Windows Dockerfile continues lines with a backtick; the shell reader takes that for a
  // command substitution. A copy of the same length with a backslash there reads right.
  const text = state.escape === '`' ? withBackslashContinuations(original, start, end) : original;
  // GOOS and GOARCH set by ENV and ARG stay set for the rest of the stage, in the blocks after too.
  let docker: DockerGoEnv = state.docker ?? { staged: false, current: {} };
  const held = new ScopeEnv(sink, undefined, docker.current);
  for (const ins of instructions(original, start, end, state.escape)) {
    let s = ins.argsStart;
    const e = ins.end;
    let keyword = ins.keyword;
    // ONBUILD ENV GOARCH mips64le: the instruction it holds, read as that instruction.
    if (keyword === 'ONBUILD') {
      const inner = ONBUILD_INNER.exec(text.slice(s, Math.min(e, s + 40)));
      if (inner) {
        keyword = inner[1].toUpperCase();
        s += inner[0].length;
      }
    }
    switch (keyword) {
      case 'FROM': {
        const words = text.slice(s, e).replace(/--\S+/g, '').trim().split(/\s+/);
        docker = nextStage(docker, held.names(), words);
        held.end();
        // `FROM build AS release`: a stage built on an earlier one keeps its ENV.
        held.inherit(docker.current);
        const before = sink.mentions.length;
        scanShell(text, s, e, sink, { mode: 'shell', urlVars, dockerFlags: true });
        // (Also after an ARG that holds a Kubernetes registry: `FROM ${REGISTRY}/kube-proxy:v1.31.1`.)
        pulledImage(sink, before, kubeImageAfter(words[0] ?? '', urlVars));
        break;
      }
      case 'ARG':
      case 'ENV': {
        // A stage's `ARG GOOS`, without a value, takes the default of the ARG GOOS before the first FROM.
        if (keyword === 'ARG' && docker.staged && docker.args) {
          for (const name of text.slice(s, e).trim().split(/\s+/)) {
            const side = name === 'GOOS' ? 'os' : name === 'GOARCH' ? 'arch' : undefined;
            if (side && docker.args[side] !== undefined) held.inherit({ [side]: docker.args[side] }, true);
          }
        }
        const masked = maskTemplates(text, s, e, 'shell');
        scanAssignments(text, masked, s, e, sink, keyword, held, urlVars, docker.staged, state.flagVars);
        // `ARG KUBECTL_URL=https://dl.k8s.io/…/bin/darwin/arm64/kubectl`: a download named here.
        scanUrls(text, masked, s, 0, e - s, sink, urlVars);
        scanArchiveNames(text, masked, s, 0, e - s, sink, urlVars);
        break;
      }
      case 'RUN': {
        // `ENV GOOS=linux` then `RUN GOARCH=ppc64le go build`: the command builds for the pair.
        const env = held.goEnv();
        // RUN <<EOF … EOF: the here-document is the script. Its marker may follow flags on
        // continuation lines (`RUN --mount=… \` then `--mount=… <<EOT`).
        let nl = text.indexOf('\n', s);
        while (nl > 0 && nl < e && /\\\r?$/.test(text.slice(Math.max(s, nl - 2), nl)) && !/<</.test(text.slice(text.lastIndexOf('\n', nl - 1) + 1, nl))) nl = text.indexOf('\n', nl + 1);
        const header = text.slice(s, nl < 0 || nl > e ? e : nl).replace(/\\(?=\r?\n)/g, ' ');
        const heredoc = /^\s*(?:--\S+\s+)*<<-?\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(header);
        if (heredoc && nl > 0 && nl < e) {
          scanShell(text, s, nl, sink, { mode: 'shell', urlVars, env });
          // Each here-document is a script, the one after the other (`RUN <<A bash && <<B bash`); the last ends the instruction.
          const names = heredocNames(header);
          let from = nl + 1;
          for (let k = 0; k < names.length - 1 && from < e; k++) {
            const close = closingLine(text, from, e, names[k]);
            scanShell(text, from, close.start, sink, { mode: 'shell', urlVars, env });
            from = close.next;
          }
          if (from < e) {
            const body = text.slice(from, e);
            const close = heredocClose(body, names[names.length - 1]);
            scanShell(text, from, close < 0 ? e : from + close, sink, { mode: 'shell', urlVars, env });
          }
          break;
        }
        scanExecOrShell(text, s, e, sink, urlVars, env);
        break;
      }
      case 'CMD':
      case 'ENTRYPOINT':
      case 'HEALTHCHECK':
      case 'ONBUILD':
        scanExecOrShell(text, s, e, sink, urlVars);
        break;
      case 'ADD':
      case 'COPY': {
        // `COPY --platform=linux/arm64 --from=golang:1.23 …`: its flags, read as FROM's are.
        const flagsEnd = leadingFlagsEnd(text, s, e);
        if (flagsEnd > s && text.slice(s, flagsEnd).indexOf('--platform') >= 0) scanShell(text, s, flagsEnd, sink, { mode: 'shell', urlVars, dockerFlags: true });
        const masked = maskTemplates(text, s, e, 'shell');
        scanUrls(text, masked, s, 0, e - s, sink, urlVars);
        scanArchiveNames(text, masked, s, 0, e - s, sink, urlVars);
        // COPY <<EOF /etc/apt/sources.list.d/kubernetes.list: the here-document is the file's
        // text; an apt source line in it is one, as when a RUN echoes it there.
        if (masked.indexOf('<<') >= 0) {
          scanAptSourceLines(text, masked, s, 0, e - s, sink, urlVars);
          copiedScript(text, s, e, sink, urlVars);
        }
        break;
      }
      default:
        break;
    }
  }
  state.docker = { ...docker, current: held.names() };
  held.end();
}

/** How many stages' GOOS and GOARCH a Dockerfile's state keeps (it is part of each block's cache key). */
const MAX_STAGES = 64;

/**
 * The state at a FROM (`words`: its image and `AS name`, flags left out): the stage that ends is
 * kept by its name; the new one starts with what the stage it is built on set, or nothing. The
 * first FROM keeps the ARGs' defaults set before it.
 */
function nextStage(docker: DockerGoEnv, ended: GoNames, words: readonly string[]): DockerGoEnv {
  let stages = docker.stages;
  if (!docker.staged) {
    const args = ended.os !== undefined || ended.arch !== undefined ? { args: ended } : {};
    docker = { ...docker, ...args };
  } else if (
    docker.stage !== undefined &&
    // (A stage that set nothing is kept only to replace an earlier one of its name: most set nothing.)
    (stages?.[docker.stage] !== undefined || ((ended.os !== undefined || ended.arch !== undefined) && Object.keys(stages ?? {}).length < MAX_STAGES))
  ) {
    stages = { ...stages, [docker.stage]: ended };
  }
  const base = (words[0] ?? '').toLowerCase();
  const named = words.length >= 3 && words[1].toLowerCase() === 'as' ? words[2].toLowerCase() : undefined;
  const from = stages && Object.prototype.hasOwnProperty.call(stages, base) ? stages[base] : undefined;
  return { staged: true, ...(named !== undefined ? { stage: named } : {}), current: from ?? {}, ...(stages ? { stages } : {}), ...(docker.args ? { args: docker.args } : {}) };
}

/** A shell script's name, or a shebang line that runs a shell. */
const SCRIPT_NAME = /\.(?:ba|z|k)?sh$/;
const SHELL_SHEBANG = /^#![ \t]*\S*?(?:\/|\/env[ \t]+)(?:ba|da|z|k|a)?sh\b/;

/**
 * `COPY <<'SCRIPT' /usr/local/bin/build.sh` over a script: the here-document is a shell script
 * that a later RUN runs, read as one (a script's name, or a shebang that runs a shell). One
 * here-document per COPY; several go to a folder, as files of their own.
 */
function copiedScript(text: string, s: number, e: number, sink: MentionSink, urlVars: Map<string, string>): void {
  const nl = text.indexOf('\n', s);
  if (nl < 0 || nl >= e) return;
  const header = text.slice(s, nl).trim();
  const names = heredocNames(header);
  if (names.length !== 1) return;
  const words = header.split(/\s+/);
  const destination = words[words.length - 1].replace(/^["']|["']$/g, '');
  const bodyStart = nl + 1;
  const body = text.slice(bodyStart, e);
  const close = heredocClose(body, names[0]);
  if (!SCRIPT_NAME.test(destination) && !SHELL_SHEBANG.test(body.split('\n', 1)[0])) return;
  scanShell(text, bodyStart, close < 0 ? e : bodyStart + close, sink, { mode: 'shell', urlVars });
}

/** The end of the `--flag=value` words that open text[s, e) (an instruction's arguments), or s. */
function leadingFlagsEnd(text: string, s: number, e: number): number {
  let end = s;
  for (let k = s; k < e; ) {
    while (k < e && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    if (text.charCodeAt(k) !== 45 || text.charCodeAt(k + 1) !== 45) break;
    while (k < e && text.charCodeAt(k) > 32) k++;
    end = k;
  }
  return end;
}

/** The names of the here-documents a line opens, in order: `<<A`, `<<-"B"`, `<<'C'`. */
function heredocNames(line: string): string[] {
  if (line.indexOf('<<') < 0) return [];
  return [...line.matchAll(/<<-?\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g)].map((m) => m[2]);
}

/** The first line of text[from, end) that is `name` alone: where it starts, and where the line after it starts. */
function closingLine(text: string, from: number, end: number, name: string): { start: number; next: number } {
  for (let i = from; i < end; ) {
    let nl = text.indexOf('\n', i);
    if (nl < 0 || nl > end) nl = end;
    if (text.slice(i, nl).trim() === name) return { start: i, next: nl + 1 };
    i = nl + 1;
  }
  return { start: end, next: end };
}

/**
 * Where the closing `NAME` line of a here-document body starts (at its newline, or 0), or -1: what
 * /(^|\n)\s*NAME\s*$/ found, without its backtracking over every newline of a long blank run.
 */
function heredocClose(body: string, name: string): number {
  const end = body.trimEnd();
  if (!end.endsWith(name)) return -1;
  const nameStart = end.length - name.length;
  let k = nameStart;
  while (k > 0 && /\s/.test(end[k - 1])) k--;
  if (k === 0) return 0;
  const nl = end.indexOf('\n', k);
  return nl >= 0 && nl < nameStart ? nl : -1;
}

function scanExecOrShell(text: string, s: number, e: number, sink: MentionSink, urlVars: Map<string, string>, env?: GoEnv): void {
  const args = text.slice(s, e);
  const json = /^\s*\[/.test(args) && /\]\s*$/.test(args);
  if (!json) {
    scanShell(text, s, e, sink, { mode: 'shell', urlVars, env });
    return;
  }
  // Exec form: ["cmd", "--platform", "linux/amd64"]: the strings are the words of one command.
  scanShell(text, s, e, sink, { mode: 'shell', foldNewlines: true, urlVars, execForm: true, env });
}

/** `ARG GOARCH=arm`, `ENV PLATFORMS="linux/amd64 linux/arm64"`, legacy `ENV GOOS linux`. */
function scanAssignments(text: string, masked: string, s: number, e: number, sink: MentionSink, keyword: string, held: ScopeEnv, urlVars: Map<string, string>, staged: boolean, flagVars?: FlagVariables): void {
  const legacy = keyword === 'ENV' && /^\s*[A-Za-z_][A-Za-z0-9_]*\s+[^=\s]/.test(masked) && !/^\s*\S+=/.test(masked);
  const oses: Token[] = [];
  const arches: Token[] = [];
  /** A variant variable set in the instruction (`GOARM=7`), with its name in lower case. */
  let variant: { token: Token; key: string } | undefined;
  if (legacy) {
    const m = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)\s+/.exec(masked);
    if (!m) return;
    collect(m[2], s + m[0].length, e);
  } else {
    // A name starts where a word does: tried inside a long word, the regex was quadratic in it.
    // A backslash escapes the next character, a line break too (a value continued on the next line).
    // A quote left open (a line being typed) runs to the instruction's end, as the shell would read it.
    const re = /(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\[\s\S])*(?:"|$)|'[^']*(?:'|$)|(?:[^\s\\]|\\[\s\S])*)/g;
    for (let m = re.exec(masked); m; m = re.exec(masked)) {
      let vs = s + m.index + m[1].length + 1;
      let ve = vs + m[2].length;
      if (/^["']/.test(m[2])) {
        vs++;
        if (m[2].length > 1 && m[2].endsWith(m[2][0])) ve--;
      }
      collect(m[1], vs, ve);
    }
  }
  // `ENV GOOS=linux GOARCH=arm GOARM=7`: the arch is built in that variant (linux/arm/v7). Go
  // reads each variable for its own arch only: `GOARCH=amd64 GOARM=7` builds linux/amd64.
  const arch = arches[0];
  if (variant && arch && arch.variant === undefined && !variantOfAnother(arch.text, variant.key)) arches[0] = { ...arch, variantToken: variant.token };
  // `ENV GOOS=darwin` then `ENV GOARCH=386`: the stage's builds see the two together.
  if (oses.length > 0 || arches.length > 0) held.set(oses[0], arches[0], `${keyword} GOOS/GOARCH`);

  function collect(name: string, vs: number, ve: number): void {
    // `ARG KUBE_DL=https://dl.k8s.io/release/${KUBE_VERSION}`, then `RUN curl ${KUBE_DL}/bin/…`.
    // (Or one that goes on after another: `ARG KUBE_BIN=${KUBE_DL}/bin`.)
    // (Or a Kubernetes registry, for the images named after it: `ARG REGISTRY=registry.k8s.io`.)
    const prefix = downloadPrefix(afterUrlVariable(text.slice(vs, ve), masked.slice(vs - s, ve - s), urlVars) ?? masked.slice(vs - s, ve - s)) ?? registryVariable(text.slice(vs, ve));
    if (prefix !== undefined) urlVars.set(name, prefix);
    // (A folder on this machine: `ARG TARS=/out/release-tars`, no download.)
    else if (localFolder(masked.slice(vs - s, ve - s))) urlVars.set(name, FOREIGN_URL);
    // (Set again to anything else before the first FROM, a registry it held is no longer: `ARG
    // REGISTRY=quay.io/mirror`. A stage's own is not what a later FROM reads.)
    else if (!staged && registryVariable(urlVars.get(name) ?? '') !== undefined) urlVars.delete(name);
    const role = roleOf(name);
    // One a FROM's or a container tool's `--platform` takes (`ARG BASE=linux/arm64`, then `FROM
    // --platform=$BASE`): a platform in Docker's spelling, typos too, as the shell's is.
    const given = flagVars?.whole?.get(name);
    if (!role && given !== undefined) {
      readPlatformList(sink, { text, masked, maskBase: s, start: vs, end: ve, role: 'platform', context: `${keyword} ${name}, a --platform value`, canonical: 'slash', ...(given ? { bareArch: true } : {}) });
      return;
    }
    if (!role) {
      // A variable of any name set to platforms (`ARG ARCH=linux/arm`, flux2's, whose RUN downloads
      // `bin/${ARCH}/kubectl`), as the shell's `ARCH=linux/arm` is read.
      // (Not one named for text: `LABEL note=linux/arm`, `ENV MSG=linux/arm`.)
      if (!holdsText(text, name) && isPlatformListValue(masked, s, vs, ve, text)) readPlatformList(sink, { text, masked, maskBase: s, start: vs, end: ve, role: 'platform', context: `${keyword} ${name}`, strictness: 'loose' });
      return;
    }
    // (BuildKit's own TARGETPLATFORM and BUILDPLATFORM are containerd's platforms: an arch alone is linux's, `arm/v7` too.)
    const buildKit = /^(?:TARGET|BUILD)PLATFORM$/.test(name);
    // (A list of arches alone, `ARG PLATFORMS=amd64,arm`, is read as a Makefile's or a script's is.)
    const bareArch = buildKit || (role === 'platform' && isBareArchList(name, masked, s, vs, ve));
    const names = readPlatformList(sink, { text, masked, maskBase: s, start: vs, end: ve, role, context: `${keyword} ${name}`, canonical: varCanonical(name, flagVars?.named), ...(bareArch ? { bareArch: true } : {}) });
    if (role === 'os') oses.push(...names.slice(0, 1));
    if (role === 'arch') arches.push(...names.slice(0, 1).map((t) => (BUILDKIT_ARCH.test(name) ? { ...t, containerArch: true as const } : t)));
    if (role === 'variant' && names.length === 1 && GO_VARIANT_KEYS.has(name.toLowerCase())) variant = { token: names[0], key: name.toLowerCase() };
  }
}
