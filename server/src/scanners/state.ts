import type { YamlFileFacts } from './yaml';
import type { ShellExports } from './shell';
/**
 * What a scan of one block of a file leaves for the blocks after it: variables holding Kubernetes
 * download URLs (`BASE=https://dl.k8s.io/…` then `"${BASE}/linux/arm/kubectl"`), and whether a
 * Makefile block ends inside a rule.
 */
export interface ScanState {
  urlVars: Map<string, string>;
  inRule: boolean;
  /** A Dockerfile's escape character, from its `# escape=` directive; undefined before its first block. */
  escape?: '\\' | '`';
  /** What every block of a YAML file is scanned with from the rest of it (see yaml.ts yamlFileFacts). */
  yamlFile?: YamlFileFacts;
  /** A Makefile's own GOOS and GOARCH as its recipes' environment sees them (see makefile.ts). */
  make?: MakeGoEnv;
  /**
   * The Makefile's GOOS and GOARCH as the whole file leaves them: make reads every line before it
   * runs a recipe, so this is what each recipe sees (`export GOOS := darwin` below a rule counts
   * for it). Unset while a scan reads the file in order, as long as nothing changes it after a
   * recipe (see recipeSeen, lateChange and scanText).
   */
  makeFinal?: MakeGoEnv;
  /** A Makefile's recipe line was read. */
  recipeSeen?: boolean;
  /** What a Makefile's recipes see changed after one was read: the file must be read again with makeFinal. */
  lateChange?: boolean;
  /** What a shell script's top level exports of GOOS and GOARCH (see shell.ts ShellExports). */
  shell?: ShellExports;
  /** A Dockerfile's GOOS and GOARCH as its stages set them (see dockerfile.ts). */
  docker?: DockerGoEnv;
  /** The variables a shell script or a Makefile gives to `--platform` flags anywhere in it (see shell.ts fileFlagVariables). */
  flagVars?: FlagVariables;
}

/**
 * The variables a text gives to `--platform` flags: whole (`--platform "$A"`), each with whether a
 * container tool's flag takes it (it reads an arch alone), and after a literal os (`--platform
 * "linux/${ARCH}"`), each with that os. `key` is equal for equal contents (part of a block's key).
 */
export interface FlagVariables {
  whole?: Map<string, boolean>;
  arch?: Map<string, string[]>;
  /** Variables named for platforms given whole to such a flag (`PLATFORM`): read as platforms already, in Docker's spelling then. */
  named?: Set<string>;
  key: string;
}

/** GOOS and GOARCH names (undefined: not set). */
export interface GoNames {
  os?: string;
  arch?: string;
}

/**
 * What a Dockerfile's ENV and ARG set of GOOS and GOARCH, for its blocks after: the stage being
 * built (its name, what it has set so far), what each named stage ended with (a stage built
 * `FROM` it starts with that), and the defaults of the ARGs before the first FROM (a stage's
 * `ARG GOOS` takes them). Replaced whole when one changes (states share it).
 */
export interface DockerGoEnv {
  /** A FROM was read: the lines are a stage's. */
  staged: boolean;
  stage?: string;
  current: GoNames;
  stages?: Readonly<Record<string, GoNames>>;
  args?: GoNames;
}

/**
 * The literal GOOS and GOARCH a Makefile sets at its top level (undefined: not set; '': set, but
 * not to one known word), and whether make exports them to every recipe (`export GOOS := darwin`, `export
 * GOOS`, a lone `export`, `.EXPORT_ALL_VARIABLES:`).
 */
export interface MakeGoEnv {
  os?: string;
  arch?: string;
  /** Exported (`export GOOS`), kept from the recipes (`unexport GOOS`), or as every variable is (undefined). */
  exportOs?: boolean;
  exportArch?: boolean;
  exportAll: boolean;
  /**
   * Target-specific values (`win: export GOOS = windows`): what the recipe of a rule for that
   * target sees over the Makefile's own. Replaced whole when one changes (states share it).
   */
  targets?: Readonly<Record<string, TargetGoVars>>;
}

/** A target's own GOOS and GOARCH ('' when set to no one known word), and whether it exports them. */
export interface TargetGoVars {
  os?: string;
  arch?: string;
  exportOs?: boolean;
  exportArch?: boolean;
}

export function newScanState(): ScanState {
  return { urlVars: new Map(), inRule: false };
}

export function copyScanState(s: ScanState): ScanState {
  return { urlVars: new Map(s.urlVars), inRule: s.inRule, ...(s.escape ? { escape: s.escape } : {}), ...(s.yamlFile ? { yamlFile: s.yamlFile } : {}), ...(s.make ? { make: { ...s.make } } : {}), ...(s.makeFinal ? { makeFinal: s.makeFinal } : {}), ...(s.recipeSeen ? { recipeSeen: true } : {}), ...(s.lateChange ? { lateChange: true } : {}), ...(s.shell ? { shell: { ...s.shell } } : {}), ...(s.docker ? { docker: s.docker } : {}), ...(s.flagVars ? { flagVars: s.flagVars } : {}) };
}

/** A short string that is equal for equal states: part of a block's cache key. */
export function scanStateKey(s: ScanState): string {
  const make = `${s.make ? `m${makeKey(s.make)}` : ''}${s.makeFinal ? `F${makeKey(s.makeFinal)}` : ''}${s.recipeSeen ? 'R' : ''}${s.lateChange ? 'L' : ''}`;
  const sh = s.shell && (s.shell.os !== undefined || s.shell.arch !== undefined || s.shell.setOs !== undefined || s.shell.setArch !== undefined) ? `s${s.shell.os === undefined ? '-' : s.shell.os ?? '?'}/${s.shell.arch === undefined ? '-' : s.shell.arch ?? '?'}${s.shell.setOs !== undefined || s.shell.setArch !== undefined ? `=${s.shell.setOs ?? '?'}/${s.shell.setArch ?? '?'}` : ''}` : '';
  const docker = s.docker ? `d${JSON.stringify(s.docker)}` : '';
  const flags = `${s.inRule ? 'r' : ''}${s.escape === '`' ? '`' : s.escape === '\\' ? 'e' : ''}${make}${sh}${docker}${s.flagVars ? `v${s.flagVars.key}` : ''}`;
  if (s.urlVars.size === 0) return flags;
  return `${flags}${JSON.stringify([...s.urlVars])}`;
}

/** A Makefile that sets neither GOOS nor GOARCH, and exports nothing. */
export const NO_MAKE: MakeGoEnv = { exportAll: false };

/** A short string that is equal for equal Makefile environments. */
export function makeKey(m: MakeGoEnv): string {
  return `${m.os ?? '-'}/${m.arch ?? '-'}${m.exportOs === undefined ? '' : m.exportOs ? 'o' : 'O'}${m.exportArch === undefined ? '' : m.exportArch ? 'a' : 'A'}${m.exportAll ? '*' : ''}${m.targets ? JSON.stringify(m.targets) : ''}`;
}
