import * as path from 'node:path';
import type { TierModel } from './model/query';
import { CODES, DEFAULT_SEVERITY, mostSevere, type Code, type Severity } from './rules/finding';

/** The fields of a finding SARIF needs; line and columns 1-based, endColumn one past the token. */
export interface SarifInput {
  /** Relative to the folder the CLI runs in (to the repository's root in GitHub and GitLab output), with `/` between folders. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: Code;
  message: string;
  /** GitHub's `primaryLocationLineHash` of the finding's line (lineHash.ts); left out, upload-sarif computes it. */
  lineHash?: string;
  /** The text of the finding's line, blanks left out, for GitLab's fingerprint (ciFormats.ts). */
  lineText?: string;
}

const RULE_TEXT: Record<Code, string> = {
  'removed-platform': 'A platform that was removed from the Kubernetes release (linux/arm in any variant).',
  'unknown-platform': 'Not a valid Go os/arch pair: a typo, a dropped port, or an alias Go does not accept.',
  'unsupported-platform': 'A valid Go platform that is in no Kubernetes tier.',
  'artifact-unavailable': 'A Kubernetes release artifact named for a platform it is not published for.',
  'below-required-tier': 'A platform in a lower tier than k8sPlatforms.requiredTier.',
  'duplicate-platform': 'The same platform twice in one list, after normalisation.',
  'non-canonical-platform': 'An alias or another spelling where the context has a canonical one.',
};

function level(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/**
 * A relative path as a URI reference: each name percent-encoded, so `#`, `?` and `:` stay part of
 * the path (`C#/Dockerfile` is `C%23/Dockerfile`).
 */
export function pathUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** How the run went: its notes on stderr (files skipped, and why), and whether it was used as meant. */
export interface SarifInvocation {
  notes: readonly { level: 'note' | 'warning' | 'error'; text: string }[];
  successful: boolean;
}

/**
 * Results in one run at most: GitHub's code scanning rejects an upload whose run has more (and
 * shows the 5,000 most severe of those it takes), so one noisy file would hide every alert.
 */
export const MAX_SARIF_RESULTS = 25_000;

/**
 * The findings a SARIF log keeps when there are more than MAX_SARIF_RESULTS: the most severe
 * (errors, then warnings, then information, then hints), each group in the order found;
 * undefined when all fit.
 */
export function sarifShare<T extends { severity: Severity }>(findings: readonly T[], max = MAX_SARIF_RESULTS): T[] | undefined {
  if (findings.length <= max) return undefined;
  const keep = mostSevere(findings, max);
  return findings.filter((_, k) => keep[k]);
}

/** A SARIF 2.1.0 log for code scanning: one run, one rule per diagnostic code; `root` is the folder paths are relative to. */
export function toSarif(findings: SarifInput[], model: TierModel, version: string, root: string, invocation: SarifInvocation = { notes: [], successful: true }): unknown {
  const removedLink = model.data.removed[0]?.resources[0];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { pathToFileURL } = require('node:url') as typeof import('node:url');
  // A file outside the root (`lint ../other/x.sh`) is named by its absolute URI, not as `../` from the root.
  const artifactLocation = (file: string) =>
    file.startsWith('../') || path.isAbsolute(file) ? { uri: pathToFileURL(path.resolve(root, file)).href } : { uri: pathUri(file), uriBaseId: '%SRCROOT%' };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'k8s-platforms',
            version,
            semanticVersion: version,
            informationUri: 'https://kubernetes.io/docs/reference/setup-tools/platforms/',
            rules: CODES.map((code) => ({
              id: code,
              name: code.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: RULE_TEXT[code] },
              fullDescription: { text: RULE_TEXT[code] },
              defaultConfiguration: { level: level(DEFAULT_SEVERITY[code]) },
              ...(code === 'removed-platform' && removedLink ? { helpUri: removedLink } : {}),
              help: { text: RULE_TEXT[code] },
            })),
          },
        },
        // %SRCROOT% is where the CLI ran; code scanning wants that to be the repository's root.
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root.endsWith(path.sep) ? root : root + path.sep).href } },
        // Code scanning lists these on the tool's status page: a skipped file is not a silent gap.
        invocations: [
          {
            executionSuccessful: invocation.successful,
            toolExecutionNotifications: invocation.notes.map((n) => ({ level: n.level, message: { text: n.text } })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: CODES.indexOf(f.code),
          level: level(f.severity),
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(f.file),
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
          ...(f.lineHash ? { partialFingerprints: { primaryLocationLineHash: f.lineHash } } : {}),
        })),
      },
    ],
  };
}
