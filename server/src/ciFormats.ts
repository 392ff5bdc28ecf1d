import type { SarifInput } from './sarif';

/**
 * Text for output: every control character but those in `keep` written as JSON writes it
 * (`\u001b`, `\n`), so an escape sequence in a file name or a custom model's text is shown, not
 * played by the terminal or the CI log, and a newline does not break a line that must stay one.
 */
export function escapeControls(text: string, keep = ''): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => (keep.includes(c) ? c : JSON.stringify(c).slice(1, -1)));
}

/**
 * GitHub's workflow command data: `%`, CR and LF escaped; in a property `:` and `,` too. Any other
 * control character (an escape sequence in a custom model's text, which the run's log would play
 * as colours or a title) is written as JSON writes it, `\u001b`, as the text format does.
 */
function escapeData(s: string): string {
  return escapeControls(s, '\r\n')
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `--format github`: one workflow command per finding (`::error file=…,line=…::message`), which
 * GitHub Actions shows as an annotation on the file's line in the run and the pull request, with no
 * code scanning set up. Info and hint findings are notices.
 */
export function toGithubAnnotations(findings: readonly SarifInput[]): string {
  let out = '';
  for (const f of findings) {
    const level = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
    const props = [
      `file=${escapeProperty(f.file)}`,
      `line=${f.line}`,
      `endLine=${f.endLine}`,
      `col=${f.column}`,
      `endColumn=${f.endColumn}`,
      `title=${escapeProperty(`k8s-platforms ${f.code}`)}`,
    ];
    out += `::${level} ${props.join(',')}::${escapeData(f.message)}\n`;
  }
  return out;
}

/**
 * `--format gitlab`: GitLab's Code Quality report (a subset of Code Climate's), for the merge
 * request widget: `artifacts: reports: codequality: k8s-platforms.json`. The fingerprint is of the
 * finding's code, file, message and the text of its own line, blanks left out (not its number, nor
 * the lines after it, which GitHub's line hash takes in: GitLab matches fingerprints exactly), so
 * an issue stays the same issue when lines are added, changed or removed around it; findings alike
 * in all of that are told apart by count.
 */
export function toGitlabCodeQuality(findings: readonly SarifInput[]): unknown[] {
  // Loaded here: a run with another format does not load node:crypto to start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = [f.code, f.file, f.message, f.lineText ?? `${f.line}:${f.column}`].join('\0');
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return {
      description: f.message,
      check_name: f.code,
      fingerprint: createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32),
      severity: f.severity === 'error' ? 'major' : f.severity === 'warning' ? 'minor' : 'info',
      location: { path: f.file, lines: { begin: f.line, end: f.endLine } },
    };
  });
}
