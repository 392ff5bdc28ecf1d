import type { Token } from '../scanners/mention';

export const CODES = [
  'removed-platform',
  'unknown-platform',
  'unsupported-platform',
  'artifact-unavailable',
  'below-required-tier',
  'duplicate-platform',
  'non-canonical-platform',
] as const;

export type Code = (typeof CODES)[number];
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** The severities, the most severe first. */
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/**
 * Which of `findings` to keep when at most `max` may be shown: the most severe (errors, then
 * warnings, information, hints), each severity in the order given. `keep[i]` is findings[i]'s.
 */
export function mostSevere(findings: readonly { severity: Severity }[], max: number): boolean[] {
  const quota = SEVERITY_ORDER.map(() => 0);
  for (const f of findings) quota[SEVERITY_ORDER.indexOf(f.severity)]++;
  let left = max;
  for (let r = 0; r < quota.length; r++) {
    quota[r] = Math.min(quota[r], left);
    left -= quota[r];
  }
  return findings.map((f) => quota[SEVERITY_ORDER.indexOf(f.severity)]-- > 0);
}

export const DEFAULT_SEVERITY: Readonly<Record<Code, Severity>> = {
  'removed-platform': 'error',
  'unknown-platform': 'error',
  'unsupported-platform': 'warning',
  'artifact-unavailable': 'warning',
  'below-required-tier': 'warning',
  'duplicate-platform': 'warning',
  'non-canonical-platform': 'hint',
};

/**
 * An entry inserted at `at` that leaves a pair out of a cross product. `text` starts with `head`
 * characters that open the list where it has none yet (`exclude:`) or go before the entry (`, `
 * in a flow list), and ends with `tail` that close it (`]`); entries of one list join with `sep`.
 */
export interface ExcludeEdit {
  at: number;
  text: string;
  list: string;
  head: number;
  tail: number;
  sep: string;
}

/** What the quick fixes of a finding need. */
export interface FixData {
  /** Canonical name of the platform the finding is about. */
  platform?: string;
  /** Replacements for the token, best first, already spelled as the context spells platforms. */
  replacements?: string[];
  /**
   * A whole platform assigned to GOOS or GOARCH (`GOOS=linux/arm64`): the other variable's
   * assignment its fix adds where the token is a shell word's value (`GOARCH=arm64`).
   */
  alsoSet?: string;
  /** The range that removes the item from its list. */
  remove?: { start: number; end: number };
  /** `remove` drops the entry that makes the platform (a matrix's include entry), not an item of a list. */
  entry?: true;
  /**
   * unknown-platform: every replacement is an item of the list already (`linux/amd64,linux/amd46`),
   * so replacing would make a repeat; removing the item is the fix preferred.
   */
  listed?: boolean;
  /** An entry that leaves only this platform out of its cross product (see PairMention.exclude): text inserted at `at`. */
  exclude?: ExcludeEdit;
  /**
   * unknown-platform of a cross product's value that makes several pairs Go has not (`riscv64`
   * with darwin and windows): each named pair's exclude entry, where it has one, `exclude` first.
   */
  excludes?: (ExcludeEdit & { platform: string })[];
  /** `excludes` leaves out every pair the message names. */
  excludesAll?: true;
  /** The value is built with other values too (a cross product): removing it drops those combinations. */
  shared?: true;
  /**
   * `exclude` leaves the token wrong still (excluding linux/arm leaves darwin/arm in the matrix of
   * goos [linux, darwin, freebsd]), so it is not the preferred fix, which an editor applies without
   * a look. (A replacement that leaves its pair wrong, `GOOS=darwn GOARCH=386`, stays preferred:
   * the contract prefers the best suggestion, and its message says what else must change.)
   */
  incomplete?: true;
}

export interface Finding {
  start: number;
  end: number;
  code: Code;
  severity: Severity;
  message: string;
  /** A page that explains the finding (the first resource link of a removed platform). */
  href?: string;
  data: FixData;
  /** Where the platform is listed first (duplicate-platform): an editor shows it as related information. */
  first?: { start: number; end: number };
  /**
   * The other verdicts on its token (a cross product's value, most severe first; see lint.ts
   * withOtherVerdicts), which judge says in its message, leaving out those a comment silences:
   * where it silences this one's code, the next is the finding.
   */
  alsoSaid?: Finding[];
}

/** The part of a finding a rule decides; severity comes from the settings. */
export type RawFinding = Omit<Finding, 'severity' | 'start' | 'end'> & {
  token: Token;
  /** The platforms the message names, where the findings of one token merge into one message (unsupported-platform of a cross product). */
  named?: readonly string[];
  /** The message for more than one of `named` (unsupported-platform has its own: unsupportedMessage). */
  namedMessage?: (named: readonly string[]) => string;
};

export interface LintSettings {
  /** 1, 2 or 3: platforms in a lower tier (a higher number) get below-required-tier. 3 turns it off. */
  requiredTier: 1 | 2 | 3;
  /** Per-code severity; 'off' drops the code. */
  severity: Partial<Record<Code, Severity | 'off'>>;
}

export const DEFAULT_SETTINGS: LintSettings = { requiredTier: 3, severity: {} };
