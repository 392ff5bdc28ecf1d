import { MentionSink, ScopeEnv, buildRowsOf, emitPairs, isBareArchList, isPlatformListValue, markRepeats, readPlatformList, roleOf, varCanonical, type Mention, type Token } from './mention';
import { maskTemplates } from './template';
import { emitFlagArch, flagArchValue, isProse, holdsText, leftOutName, scanShell } from './shell';
import { afterUrlVariable, downloadPrefix, FOREIGN_URL, localFolder, registryVariable } from './artifacts';
import { isGoArch, isGoOs } from '../platform/names';
import { NO_MAKE, makeKey, newScanState, type MakeGoEnv, type ScanState, type TargetGoVars } from './state';
import { UNKNOWN_MAKE_VALUE } from './shell';
import type { GoEnv } from './shell';

// A variable's name may be computed in part: `$(NAME)_PLATFORMS`, `ENVS_$(GUEST)armv7l`.
const ASSIGN = /^(\s*)((?:(?:export|override|private|unexport)\s+)*)((?:[A-Za-z_]|\$[({][A-Za-z0-9_.-]*[)}])(?:[A-Za-z0-9_.-]|\$[({][A-Za-z0-9_.-]*[)}])*)\s*(::?=|:::=|\?=|\+=|!=|=)/;
const TARGET_ASSIGN = /^([^:=#\t][^:=#]*?):(?!=)\s*((?:(?:export|override|private)\s+)*)([A-Za-z_][A-Za-z0-9_.-]*)\s*(::?=|\?=|\+=|=)/;

interface Line {
  start: number;
  end: number;
}

/** Logical lines: a backslash at the end joins the next physical line. */
function logicalLines(text: string, start: number, end: number): Line[] {
  const lines: Line[] = [];
  let s = start;
  let i = start;
  while (i < end) {
    let nl = text.indexOf('\n', i);
    if (nl < 0 || nl > end) nl = end;
    let k = nl - 1;
    if (text[k] === '\r') k--;
    let backslashes = 0;
    while (k >= s && text[k] === '\\') {
      backslashes++;
      k--;
    }
    i = nl + 1;
    if (backslashes % 2 === 1 && nl < end) continue;
    lines.push({ start: s, end: nl });
    s = i;
  }
  if (s < end) lines.push({ start: s, end });
  return lines;
}

/** A make variable glued in front of an assignment that starts a recipe line: `$(Q)GOOS=…`, `${V}GOARCH=…`. */
const QUIET_PREFIX = /^\$(?:\([A-Za-z_][A-Za-z0-9_]*\)|\{[A-Za-z_][A-Za-z0-9_]*\})(?=[A-Za-z_][A-Za-z0-9_]*=)/;

/** A `define` named as text to print (`HELP_TEXT`, `USAGE`, `help-message`): prose, not commands. */
export const TEXT_DEFINE = /(?:^|[_.-])(?:help|usage|doc|docs|text|message|msg|banner)(?:$|[_.-])/i;

/** Where a make comment starts on a non-recipe line (`#` not escaped), or the line end. */
function commentStart(text: string, s: number, e: number): number {
  for (let k = s; k < e; k++) if (text[k] === '#' && text[k - 1] !== '\\') return k;
  return e;
}

/**
 * Makefiles: platform-ish variable assignments (`=`, `:=`, `?=`, `+=`, `export`, target-specific,
 * `define`), and recipes scanned as shell with make's `$(VAR)` and `$$var` treated as templates.
 */
export function scanMakefile(text: string, start: number, end: number, sink: MentionSink, state: ScanState = newScanState()): void {
  dockerNamed = state.flagVars?.named;
  const urlVars = state.urlVars;
  let define: { role: ReturnType<typeof roleOf> | 'text'; name: string; env: ScopeEnv; list?: { start: number; end: number } } | undefined;
  // The lines of a `define X_PLATFORMS` body are one list (a platform twice in it is a duplicate):
  // read together at `endef`, or at a line that sets GOOS or GOARCH, a command rather than an item.
  const endList = () => {
    if (define?.list) scanValue(text, define.list.start, define.list.end, define.name, 'platform', sink, globalEnv);
    if (define) define.list = undefined;
  };
  let inRule = state.inRule;
  // The Makefile's own GOOS and GOARCH (`GOOS ?= darwin`, `GOARCH ?= arm`) pair up, as a target's do.
  const globalEnv = new ScopeEnv(sink);
  const targetEnv = new ScopeEnv(sink, globalEnv);
  // A recipe's `$(eval GOOS := darwin)` and `$(eval GOARCH := 386)` pair up too.
  const recipeEnv = new ScopeEnv(sink, globalEnv);
  // Each branch of a conditional (`ifeq … else … endif`) is a scope of its own: `GOOS := linux` in
  // one and `GOOS := darwin` in the next are alternatives, and neither holds after `endif`.
  const branches: ScopeEnv[] = [];
  let depth = 0;
  const scope = () => (branches.length > 0 ? branches[branches.length - 1] : globalEnv);
  let currentTarget: string | undefined;
  // The target's variables are held open over its rule's recipe (see below).
  let targetHeld = false;
  // What the recipes' environment holds: the GOOS and GOARCH the Makefile exports (all of it, once
  // known: make reads every line before it runs a recipe).
  let recipeGoEnv = exportedGoEnv(state.makeFinal ?? state.make);
  // A rule's recipe sees its target's own values (`win: GOOS = windows`) over the Makefile's.
  let ruleGoEnv: GoEnv | undefined | null = null;
  const setTarget = (target: string, side: 'os' | 'arch', value: string, exported: boolean, ifUnset: boolean) => {
    const make = state.make;
    const old = make?.targets?.[target];
    if (ifUnset && (old?.[side] !== undefined || (side === 'os' ? make?.os : make?.arch) !== undefined)) return;
    if (!old && Object.keys(make?.targets ?? {}).length >= MAX_TARGETS) return;
    const next: TargetGoVars = { ...old, [side]: value, ...(exported ? (side === 'os' ? { exportOs: true } : { exportArch: true }) : {}) };
    setMake({ targets: { ...make?.targets, [target]: next } });
  };
  const setMake = (change: Partial<MakeGoEnv>) => {
    const before = state.recipeSeen && !state.makeFinal && !state.lateChange ? makeKey(state.make ?? NO_MAKE) : undefined;
    state.make = { exportAll: false, ...state.make, ...change };
    // (A change below a recipe counts for it too: read in order, the file is read again with makeFinal.)
    if (before !== undefined && makeKey(state.make) !== before) state.lateChange = true;
    if (!state.makeFinal) recipeGoEnv = exportedGoEnv(state.make);
  };
  // `$(eval GOARCH := mips64)` sets a platform-ish variable in `env`; another variable's value
  // (`$(eval GO_ENV += GOOS=linux)`, before `$(GO_ENV) go build`) is read as the shell reads it once expanded.
  const scanEvaluated = (evaluated: NonNullable<ReturnType<typeof evalAssignment>>, env: ScopeEnv) => {
    if (evaluated.role) scanValue(text, evaluated.start, evaluated.end, evaluated.name, evaluated.role, sink, env);
    else scanShell(text, evaluated.start, evaluated.end, sink, { mode: 'make', urlVars });
  };
  /** A recipe line's command, from after its tab (or the spaces an editor put in its place). */
  const recipeLine = (from: number, end: number) => {
    state.recipeSeen = true;
    // `@echo …`, `-rm …`, `+$(MAKE) …`: make's prefixes are not part of the command.
    let k = from;
    while (k < end && (text[k] === '@' || text[k] === '-' || text[k] === '+' || text[k] === ' ' || text[k] === '\t')) k++;
    // `$(Q)GOOS=linux go build`: a quiet prefix (`$(Q)` is `@` or nothing) glued to the command.
    const quiet = QUIET_PREFIX.exec(text.slice(k, Math.min(end, k + 80)));
    if (quiet) k += quiet[0].length;
    // Each `$(eval …)` of the line.
    for (let evaluated = evalAssignment(text, k, end); evaluated; evaluated = evalAssignment(text, k, end)) {
      scanEvaluated(evaluated, recipeEnv);
      k = evaluated.end + 1;
    }
    const env = ruleGoEnv !== null ? ruleGoEnv : recipeGoEnv;
    scanShell(text, k, end, sink, { mode: 'make', urlVars, ...(env ? { env } : {}) });
  };
  for (const line of logicalLines(text, start, end)) {
    const first = text[line.start];
    if (define) {
      if (/^\s*endef\b/.test(text.slice(line.start, line.end))) {
        endList();
        define.env.end();
        define = undefined;
        continue;
      }
      if (define.role === 'platform' && !holdsGoAssignment(text, line.start, line.end)) {
        if (define.list) define.list.end = line.end;
        else define.list = { start: line.start, end: line.end };
        continue;
      }
      endList();
      // (`define GOARCH` over `arm64`: a multi-line value of the variable, as `GOARCH := arm64` is.)
      if (define.role === 'os' || define.role === 'arch') scanValue(text, line.start, line.end, define.name, define.role, sink, globalEnv);
      else if (define.role !== 'text' && !templateAssignment(text, line.start, line.end, sink, define.env)) scanShell(text, line.start, line.end, sink, { mode: 'make', urlVars });
      continue;
    }
    if (first === '\t' && inRule) {
      const before = sink.mentions.length;
      recipeLine(line.start + 1, line.end);
      if (targetHeld) noteRecipeHalves(sink.mentions, before, line, targetEnv);
      continue;
    }
    const cEnd = commentStart(text, line.start, line.end);
    const body = text.slice(line.start, cEnd);
    if (body.trim() === '') continue;
    recipeEnv.end();
    if (targetHeld) {
      targetHeld = false;
      targetEnv.end();
    }
    const conditional = CONDITIONAL.exec(body);
    if (conditional) {
      const opens = conditional[1] !== 'else' && conditional[1] !== 'endif';
      if (opens) depth++;
      // Deeper conditionals than MAX_BRANCH_DEPTH share the scope of that depth.
      if (depth <= MAX_BRANCH_DEPTH && depth > 0) {
        if (!opens) branches.pop()?.end();
        if (conditional[1] !== 'endif') branches.push(new ScopeEnv(sink, scope()));
      }
      if (conditional[1] === 'endif' && depth > 0) depth--;
      continue;
    }
    const evaluated = evalAssignment(text, line.start, cEnd);
    if (evaluated) {
      scanEvaluated(evaluated, scope());
      continue;
    }
    const def = /^\s*(?:(?:export|override|private)\s+)*define\s+([A-Za-z_][A-Za-z0-9_.-]*)/.exec(body);
    if (def) {
      inRule = false;
      define = { role: TEXT_DEFINE.test(def[1]) ? 'text' : roleOf(def[1]), name: def[1], env: new ScopeEnv(sink, globalEnv) };
      continue;
    }
    const exporting = EXPORT_LINE.exec(body);
    if (exporting) {
      // `export GOOS GOARCH`, `unexport GOOS`, a lone `export` (every variable), `.EXPORT_ALL_VARIABLES:`.
      const names = exporting[2] ? exporting[2].trim().split(/\s+/) : undefined;
      const on = exporting[1] !== 'unexport';
      if (!names) setMake({ exportAll: on });
      else if (names.includes('GOOS') || names.includes('GOARCH')) setMake({ ...(names.includes('GOOS') ? { exportOs: on } : {}), ...(names.includes('GOARCH') ? { exportArch: on } : {}) });
      continue;
    }
    if (/^\.EXPORT_ALL_VARIABLES\s*:/.test(body)) setMake({ exportAll: true });
    const undefining = UNDEFINE_GO.exec(body);
    if (undefining) {
      // (The variable is gone, and whether it was exported with it: one set again is not, unless every variable is.)
      setMake(undefining[1] === 'GOOS' ? { os: undefined, exportOs: undefined } : { arch: undefined, exportArch: undefined });
      continue;
    }
    const plain = ASSIGN.exec(body);
    const assign = plain ?? TARGET_ASSIGN.exec(body);
    // `bin: export GOOS = darwin` then `bin: export GOARCH = arm`: the target's recipe sees both.
    // Its variables end at a line that is not one of them.
    const target = plain ? undefined : assign?.[1].trim();
    if (target !== currentTarget) {
      // The rule of the target whose variables these are: they stay open over its recipe, which
      // may set the other half itself (`win: GOOS = windows`, then `GOARCH=amd64 go build`).
      if (!assign && currentTarget !== undefined && isRule(body) && body.slice(0, ruleColon(body)).trim().split(/\s+/).includes(currentTarget)) targetHeld = true;
      else targetEnv.end();
      currentTarget = target;
    }
    if (assign) {
      const valueStart = line.start + assign[0].length;
      const op = assign[4];
      if (plain && commandLine(plain, body.slice(assign[0].length))) {
        // `GOOS=linux GOARCH=arm go build -o out/0` (a recipe line of an included fragment, its
        // rule elsewhere): a command with its environment, not a GOOS of seven words.
        scanShell(text, line.start + plain[1].length, cEnd, sink, { mode: 'make', urlVars });
        continue;
      }
      // A variable definition ends the rule before it: a tab-indented line after it (in an `ifeq`
      // block, `<TAB>DOCKER_PLATFORM := linux/arm64`) is make's, not a recipe's.
      if (plain) inRule = false;
      if (op === '!=') {
        scanShell(text, valueStart, cEnd, sink, { mode: 'make', urlVars });
        continue;
      }
      const name = assign[3];
      const value = text.slice(valueStart, cEnd).trim();
      if (plain && (name === 'GOOS' || name === 'GOARCH')) {
        // The value recipes see: one literal word set outside any conditional, else unknown ('').
        // `?=` sets nothing once the variable is set.
        const literal = branches.length === 0 && depth === 0 && op !== '+=' && /^[A-Za-z0-9_]+$/.test(value) ? value : '';
        const exported = /\bexport\b/.test(assign[2]) ? true : /\bunexport\b/.test(assign[2]) ? false : undefined;
        const kept = op === '?=' && (name === 'GOOS' ? state.make?.os : state.make?.arch) !== undefined;
        const set = kept ? {} : name === 'GOOS' ? { os: literal } : { arch: literal };
        if (name === 'GOOS') setMake({ ...set, ...(exported !== undefined ? { exportOs: exported } : {}) });
        else setMake({ ...set, ...(exported !== undefined ? { exportArch: exported } : {}) });
      } else if (target !== undefined && (name === 'GOOS' || name === 'GOARCH')) {
        // `win: GOOS = windows`, `mac: export GOOS := darwin`: for the recipes of those targets
        // (a pattern's, `build-%: GOOS = windows`, `%.exe: …`, for those of the rules it matches).
        const literal = branches.length === 0 && depth === 0 && op !== '+=' && /^[A-Za-z0-9_]+$/.test(value) ? value : '';
        for (const t of target.split(/\s+/)) if (t !== '' && t.indexOf('%') === t.lastIndexOf('%')) setTarget(t, name === 'GOOS' ? 'os' : 'arch', literal, /\bexport\b/.test(assign[2]), op === '?=');
      }
      // A download URL's start, also after another variable that holds one (`K8S_BIN := $(K8S_BASE)/$(VERSION)/bin`).
      // (Or a Kubernetes registry, for the images named after it: `REGISTRY ?= registry.k8s.io`.)
      const prefix = downloadPrefix(afterUrlVariable(value, value, urlVars) ?? value) ?? registryVariable(value);
      // (Not by a target's own value, `pull-mirror: REGISTRY = quay.io/mirror`, which is for that
      // target's recipe, nor by one in a conditional, `ifeq ($(MIRROR),1)`, which may not hold.)
      const heldRegistry = target === undefined && branches.length === 0 && depth === 0 && registryVariable(urlVars.get(name) ?? '') !== undefined;
      // (A registry set already is kept by `?=` and `+=`, and ended by any other value: `REGISTRY := quay.io/mirror`.)
      if (heldRegistry && (op === '?=' || op === '+=')) {
        if (op === '+=') urlVars.delete(name);
      } else if (prefix !== undefined) urlVars.set(name, prefix);
      // (A folder on this machine: `RELEASE_TARS := $(KUBE_ROOT)/_output/release-tars`, no download.)
      else if (localFolder(value)) urlVars.set(name, FOREIGN_URL);
      else if (heldRegistry) urlVars.delete(name);
      // (A list of what is not built, `UNSUPPORTED_PLATFORMS := linux/arm`: not read, see leftOutName.)
      if (leftOutName(name)) continue;
      // `ARCH ?= arm`, then a recipe's `docker buildx build --platform linux/$(ARCH)`: an arch
      // built for that os. Not in a conditional, whose branches may map the machine found
      // (`ifeq ($(shell uname -m),aarch64)`), nor a target's own value, which is for that target
      // (`tools: ARCH := arm` is not the image's ARCH).
      const flagOs = depth === 0 && op !== '+=' && target === undefined ? state.flagVars?.arch?.get(name) : undefined;
      if (flagOs && makeFlagArch(text, valueStart, cEnd, name, flagOs, sink)) continue;
      // `IMAGE_ARCH ?= linux/amd64,linux/arm64`, then a recipe's `--platform $(IMAGE_ARCH)`: a
      // platform list, typos too (a container tool's flag reads an arch alone too: `docker build`).
      const whole = depth === 0 && target === undefined ? state.flagVars?.whole?.get(name) : undefined;
      if (whole !== undefined) {
        const masked = maskTemplates(text, valueStart, cEnd, 'make');
        readPlatformList(sink, { text, masked, maskBase: valueStart, start: valueStart, end: cEnd, role: 'platform', context: `${name}, a --platform value`, canonical: 'slash', ...(whole ? { bareArch: true } : {}) });
        continue;
      }
      // (Not text for a person: `HELP_TEXT = Set GOARCH=arm to build for old boards`.)
      if (!assignedValue(text, valueStart, cEnd, name, sink, target !== undefined ? targetEnv : scope()) && !isProse(name, value)) {
        // `bin/x: GO_FLAGS='GOOS=linux GOARCH=arm'`: read as the shell reads `NAME=value`, whose
        // value may hold assignments (as a line without the target is read, a command line).
        const from = target !== undefined && op === '=' ? line.start + assign[0].lastIndexOf(name) : valueStart;
        scanShell(text, from, cEnd, sink, { mode: 'make', urlVars });
      }
      continue;
    }
    if (isRule(body)) {
      inRule = true;
      ruleGoEnv = targetGoEnv(state.makeFinal ?? state.make, body.slice(0, ruleColon(body)).trim().split(/\s+/));
      const semi = body.indexOf(';');
      if (semi >= 0) scanShell(text, line.start + semi + 1, cEnd, sink, { mode: 'make', urlVars });
    } else if (first === ' ' && inRule && !MAKE_LINE.test(body)) {
      // A recipe line indented with spaces (an editor that turned the tab into them): make stops
      // at it ("missing separator"), but its command is what the author means to run.
      recipeLine(line.start, cEnd);
    }
  }
  // (A `define` whose `endef` is not in this block, or not written.)
  endList();
  recipeEnv.end();
  targetEnv.end();
  while (branches.length > 0) branches.pop()!.end();
  globalEnv.end();
  state.inRule = inRule;
}

/** A character of a shell operator: a word with one in it (`2>/dev/null`) is no GOOS or GOARCH name. */
const SHELL_OPERATOR = /[<>|&;]/;

/**
 * A recipe line whose command sets GOOS or GOARCH itself (`GOARCH=amd64 go build`: a pair the
 * line scanned, mentions[from…], with that side's token on the line): its target's own other half
 * builds with that, not with the Makefile's (see ScopeEnv.setHere).
 */
function noteRecipeHalves(mentions: readonly Mention[], from: number, line: { start: number; end: number }, env: ScopeEnv): void {
  const onLine = (t: Token | undefined) => t !== undefined && t.start >= line.start && t.end <= line.end;
  for (let k = from; k < mentions.length; k++) {
    const m = mentions[k];
    if (m.kind !== 'pair') continue;
    if (onLine(m.os)) env.setHere('os');
    if (onLine(m.arch)) env.setHere('arch');
  }
}

/** A word a shell command line has and a list of names does not: `GOARCH=arm`, `-o`, `go`, `$(GO)`. */
const COMMAND_WORD = /^(?:[A-Za-z_][A-Za-z0-9_]*=|-|(?:go|make|env|docker|\$[({](?:GO|MAKE)[A-Za-z0-9_]*[)}])$)/;

/**
 * Whether `NAME=value rest…` (the `=` glued to both) is a shell command line with its environment
 * rather than a make assignment: a later word is another assignment, a flag or a build command.
 */
function commandLine(assign: RegExpExecArray, value: string): boolean {
  if (assign[4] !== '=' || assign[2] !== '' || /\s$/.test(assign[0].slice(0, -1)) || /^\s/.test(value)) return false;
  // (A table of builds, `BUILD_PLATFORMS=linux amd64 amd64; linux arm arm -arm`: its suffixes are no flags.)
  if (roleOf(assign[3]) === 'platform' && buildRowsOf(value) !== undefined) return false;
  const words = value.split(/\s+/).filter((w) => w !== '');
  for (let i = 1; i < words.length; i++) if (COMMAND_WORD.test(words[i])) return true;
  return false;
}

/**
 * An assignment in make's own syntax in the body of a `define` expanded with `$(eval $(call …))`:
 * `IMAGE_PLATFORMS.$(1) ?= linux/amd64,linux/arm64`, `image-$(1): PLATFORMS := …`. Only operators
 * no shell command line starts with (`:=`, `?=`, `::=`) and target-specific assignments: a canned
 * recipe's `GOOS=linux GOARCH=arm64 go build` (no tab) is a command, left to the shell reader.
 * Whether it was read.
 */
function templateAssignment(text: string, s: number, e: number, sink: MentionSink, scope: ScopeEnv): boolean {
  if (text[s] === '\t') return false;
  const cEnd = commentStart(text, s, e);
  const body = text.slice(s, cEnd);
  const plain = ASSIGN.exec(body);
  const assign = plain && (plain[4] === ':=' || plain[4] === '::=' || plain[4] === ':::=' || plain[4] === '?=') ? plain : plain ? null : TARGET_ASSIGN.exec(body);
  return assign !== null && assignedValue(text, s + assign[0].length, cEnd, assign[3], sink, scope);
}

/**
 * The value of make variable `name` in text[s, e): a platform-ish variable's (scanValue), or a
 * platform list under another name. Whether it was read (else it is left to the shell reader).
 */
function assignedValue(text: string, s: number, e: number, name: string, sink: MentionSink, scope: ScopeEnv): boolean {
  const role = roleOf(name);
  // (`CROSS_TARGETS := GOOS=linux GOARCH=arm go build`: a command kept in a variable, not a list.)
  if (role === 'platform' && holdsGoAssignment(text, s, e)) return false;
  if (role) {
    scanValue(text, s, e, name, role, sink, scope);
    return true;
  }
  // (A variable named for text holds text: `HELP_NOTE = linux/arm`.)
  if (holdsText(text, name)) return false;
  const masked = maskTemplates(text, s, e, 'make');
  if (!isPlatformListValue(masked, s, s, e, text)) return false;
  readPlatformList(sink, { text, masked, maskBase: s, start: s, end: e, role: 'platform', context: name, strictness: 'loose' });
  return true;
}

/** The value text[s, e) of a variable a recipe gives to a `--platform` after an os, when it is one literal arch (see shell.ts flagArch). */
function makeFlagArch(text: string, s: number, e: number, name: string, os: readonly string[], sink: MentionSink): boolean {
  while (s < e && (text[s] === ' ' || text[s] === '\t')) s++;
  while (e > s && (text[e - 1] === ' ' || text[e - 1] === '\t' || text[e - 1] === '\r')) e--;
  if (!flagArchValue(text.slice(s, e), name)) return false;
  emitFlagArch(text, maskTemplates(text, s, e, 'make'), s, s, e, name, os, sink);
  return true;
}

/** Whether text[s, e) holds a word that sets GOOS or GOARCH (`GOOS=linux`): a command line, not a list of platforms. */
function holdsGoAssignment(text: string, s: number, e: number): boolean {
  return GO_ASSIGNMENT.test(text.slice(s, e));
}

const GO_ASSIGNMENT = /(?:^|[\s;'"])GO(?:OS|ARCH)=/;

/** `export NAME…` or `unexport NAME…` (no assignment), or a lone `export`. */
const EXPORT_LINE = /^\s*(export|unexport)(?:\s*$|\s+([A-Za-z_][A-Za-z0-9_.-]*(?:\s+[A-Za-z_][A-Za-z0-9_.-]*)*)\s*$)/;

/** `undefine GOOS` (or GOARCH): the variable is no longer set. */
const UNDEFINE_GO = /^\s*(?:override\s+)?undefine\s+(GOOS|GOARCH)\s*$/;

/**
 * The environment a recipe runs in, as far as GOOS and GOARCH go: the Makefile's literal values
 * of those it exports (`export GOOS := darwin`, then `GOARCH=386 go build` builds darwin/386).
 * Names only: their tokens are judged where they are set, perhaps in another block.
 */
function exportedGoEnv(make: MakeGoEnv | undefined): GoEnv | undefined {
  if (!make) return undefined;
  // (A value that is no Go name, a typo reported where it is set, makes no recipe's pair wrong.)
  // (`unexport GOOS` keeps it from the recipes whatever exports every variable.)
  // (Exported or not, what a recipe's `GOOS=$(GOOS)` writes in.)
  const makeOs = isGoOs(make.os ?? '') ? make.os : undefined;
  const makeArch = isGoArch(make.arch ?? '') ? make.arch : undefined;
  const os = (make.exportOs ?? make.exportAll) ? makeOs : undefined;
  const arch = (make.exportArch ?? make.exportAll) ? makeArch : undefined;
  return os || arch || makeOs || makeArch ? { ...(os ? { osName: os } : {}), ...(arch ? { archName: arch } : {}), ...(makeOs ? { makeOsName: makeOs } : {}), ...(makeArch ? { makeArchName: makeArch } : {}) } : undefined;
}

/** How many targets' own GOOS and GOARCH a Makefile's state keeps (it is part of each block's cache key). */
const MAX_TARGETS = 64;

/** Where a rule's targets end: its first `:` that is no `:=`. */
function ruleColon(body: string): number {
  for (let k = body.indexOf(':'); k >= 0; k = body.indexOf(':', k + 1)) if (body[k + 1] !== '=') return k;
  return body.length;
}

/**
 * The environment of the recipe of a rule for `targets`, when one of them has its own GOOS or
 * GOARCH (null when none has: the Makefile's holds). A side the targets set differently is unknown.
 */
function targetGoEnv(make: MakeGoEnv | undefined, targets: readonly string[]): GoEnv | undefined | null {
  if (!make?.targets || !targets.some((t) => targetVars(make.targets!, t) !== undefined)) return null;
  /** The side's value in the recipe's environment (`exported`), or as the recipe's `$(GOOS)` writes it in (not). */
  const side = (s: 'os' | 'arch', exportedOnly: boolean): string => {
    let out: string | undefined;
    for (const t of targets) {
      const own = targetVars(make.targets!, t);
      const value = own?.[s] ?? (s === 'os' ? make.os : make.arch);
      const exported = !exportedOnly || (s === 'os' ? own?.exportOs || (make.exportOs ?? make.exportAll) : own?.exportArch || (make.exportArch ?? make.exportAll));
      // (A value make writes in that is not read here, `w: GOOS = $(WINOS)`, is unknown, as are two targets' different ones.)
      const name = exported && value && (s === 'os' ? isGoOs(value) : isGoArch(value)) ? value : !exportedOnly && own?.[s] === '' ? UNKNOWN_MAKE_VALUE : '';
      if (out !== undefined && out !== name) return exportedOnly ? '' : UNKNOWN_MAKE_VALUE;
      out = name;
    }
    return out ?? '';
  };
  const os = side('os', true);
  const arch = side('arch', true);
  // (`win: GOOS = windows`, then its recipe's `GOOS=$(GOOS) GOARCH=arm go build`: windows/arm.)
  const makeOs = side('os', false);
  const makeArch = side('arch', false);
  return os || arch || makeOs || makeArch ? { ...(os ? { osName: os } : {}), ...(arch ? { archName: arch } : {}), ...(makeOs ? { makeOsName: makeOs } : {}), ...(makeArch ? { makeArchName: makeArch } : {}) } : undefined;
}

/**
 * A target's own GOOS and GOARCH: set for it (`win: GOOS = windows`), or for a pattern that it
 * matches (`%.exe: GOOS = windows` for `app.exe`; a pattern rule's own `build-%` is set for itself).
 */
function targetVars(targets: Readonly<Record<string, TargetGoVars>>, target: string): TargetGoVars | undefined {
  const own = Object.prototype.hasOwnProperty.call(targets, target) ? targets[target] : undefined;
  if (own !== undefined || target.indexOf('%') >= 0) return own;
  for (const pattern in targets) {
    const p = pattern.indexOf('%');
    if (p >= 0 && target.length >= pattern.length - 1 && target.startsWith(pattern.slice(0, p)) && target.endsWith(pattern.slice(p + 1))) return targets[pattern];
  }
  return undefined;
}

/** A line of make's own that a recipe line indented with spaces is not: a directive, or a make function called alone. */
const MAKE_LINE = /^\s*(?:(?:-|s)?include|vpath|define|endef|override|export|unexport|undefine|\$[({])/;
/** A line of a make conditional: `ifeq (…)`, `ifdef X`, `else` (also `else ifeq …`), `endif`. */
const CONDITIONAL = /^\s*(ifeq|ifneq|ifdef|ifndef|else|endif)(?![A-Za-z0-9_.-])/;
/** How deep conditionals get scopes of their own. */
const MAX_BRANCH_DEPTH = 32;

const EVAL_ASSIGN = /^\s*\$\(eval\s+((?:(?:export|override)\s+)*)([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:::?=|:::=|\?=|\+=|=)[ \t]*/;

/**
 * `$(eval GOARCH := mips64)` at the start of a line (a recipe's, often): make assigns the variable
 * when it expands the line. The value runs to the call's closing parenthesis.
 */
function evalAssignment(text: string, s: number, e: number): { name: string; role: ReturnType<typeof roleOf>; start: number; end: number } | undefined {
  let k = s;
  while (k < e && (text[k] === ' ' || text[k] === '\t')) k++;
  if (!text.startsWith('$(eval', k)) return undefined;
  const m = EVAL_ASSIGN.exec(text.slice(s, e));
  if (!m) return undefined;
  const role = roleOf(m[2]);
  const start = s + m[0].length;
  let depth = 0;
  for (k = start; k < e; k++) {
    const c = text[k];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return { name: m[2], role, start, end: k };
      depth--;
    }
  }
  return undefined;
}

/** The innermost variable reference or function call of make: `$(BIN_DIR)`, `${GOOS}`. */
const REF = /\$[({][^$(){}]*[)}]/g;
/** References nest a few levels (`$(eval $(call rule,$(P)))`); deeper ones stay as written. */
const MAX_REF_DEPTH = 8;

/**
 * Whether a line (not a recipe line) opens a rule: `bin/tool: main.go`, `$(BIN_DIR)/$(PROJECT):
 * main.go`; not a conditional, an include, or a function call on a line of its own (`$(eval
 * $(call rule,x))`), whose colons are inside the call.
 */
function isRule(body: string): boolean {
  if (/^\s*(ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|sinclude|vpath)\b/.test(body)) return false;
  let t = body.length > 2000 ? body.slice(0, 2000) : body;
  for (let k = 0; k < MAX_REF_DEPTH && t.indexOf('$') >= 0; k++) {
    const next = t.replace(REF, 'V');
    if (next === t) break;
    t = next;
  }
  return /^[^\s#][^=]*?:/.test(t) && !t.includes('$(') && !t.includes('${');
}

/**
 * The variables named for platforms the Makefile gives whole to Docker's `--platform` (see
 * flagVariables), set for the Makefile being scanned: their values are in Docker's spelling.
 */
let dockerNamed: ReadonlySet<string> | undefined;

/**
 * A platform-ish variable's value: a space- or comma-separated list, or one GOOS/GOARCH name, which
 * stays set in `scope` and pairs with the other half there (ScopeEnv).
 */
function scanValue(text: string, s: number, e: number, name: string, role: NonNullable<ReturnType<typeof roleOf>>, sink: MentionSink, scope: ScopeEnv): void {
  const masked = maskTemplates(text, s, e, 'make');
  // (`PLATFORMS ?= amd64 arm arm64`: arches alone, linux's.)
  const bareArch = role === 'platform' && isBareArchList(name, masked, s, s, e);
  const listed: Token[] = readPlatformList(sink, { text, masked, maskBase: s, start: s, end: e, role, context: name, canonical: varCanonical(name, dockerNamed), ...(bareArch ? { bareArch } : {}) });
  // (A name twice in a GOOS or GOARCH list is a repeat: `GOOS ?= linux darwin linux`. A word
  // with a shell operator in it, `2>/dev/null` after the value, is no name.)
  const names = role === 'os' || role === 'arch' ? markRepeats(listed.filter((t) => !SHELL_OPERATOR.test(t.text))) : listed;
  if ((role !== 'os' && role !== 'arch') || names.length === 0) return;
  // A list (`GOARCH ?= amd64 riscv64`, for a recipe's loop): each name is built, with the other
  // side in force (`GOOS ?= darwin` above), else alone.
  if (names.length > 1) {
    const other = scope.inForce(role === 'os' ? 'arch' : 'os');
    for (const t of names) emitPairs(sink, role === 'os' ? [t] : other ? [other] : [], role === 'arch' ? [t] : other ? [other] : [], undefined, name);
    return;
  }
  const t = names[0];
  scope.set(role === 'os' ? t : undefined, role === 'arch' ? t : undefined, name);
}
