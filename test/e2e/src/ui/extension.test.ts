// The packaged extension in a real VS Code (code-server) as a person meets it: the Problems panel,
// a hover, completion, a quick fix, a settings change, and the Platform Matrix webview.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import { docScreenshot } from '../docScreenshots';
import { Session } from '../session';
import type { ProblemRow } from '../workbench';

const files = ['.github/workflows/release.yml', '.goreleaser.yaml', 'Makefile', 'Dockerfile', 'hack/build.sh'];

/** Problem rows grouped under the file row they follow: "release.yml" → its problem texts. */
function byFile(rows: ProblemRow[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current = '';
  for (const row of rows) {
    if (!/\[Ln \d+, Col \d+\]/.test(row.text)) {
      // A file row: "release.yml .github/workflows 2" (name, folder, count).
      current = row.text;
      out.set(current, []);
    } else {
      out.get(current)?.push(row.text);
    }
  }
  return out;
}

function has(rows: ProblemRow[], file: string, code: string, position: string): boolean {
  const problems = [...byFile(rows)].find(([header]) => header.startsWith(file))?.[1] ?? [];
  return problems.some((p) => p.includes(`k8s-platforms`) && p.includes(code) && p.includes(position));
}

describe('the extension in VS Code (code-server)', function () {
  this.timeout(120_000);
  let session: Session;

  before(async function () {
    this.timeout(240_000);
    const vsix = process.env.E2E_VSIX;
    if (!vsix) throw new Error('E2E_VSIX is set by test/e2e/run.mjs; run `npm run test:e2e`');
    session = await Session.start(vsix);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) {
      const file = await session.screenshot(this.currentTest.fullTitle());
      console.error(`    screenshot: ${file}`);
    }
  });

  after(async () => {
    await session?.stop();
  });

  it('lists the removed, unknown and unavailable platforms of every file in the Problems panel, from k8s-platforms', async () => {
    const wb = session.workbench;
    for (const file of files) await wb.openFile(file);
    const expected: [string, string, string][] = [
      ['release.yml', 'removed-platform', '[Ln 15, Col 58]'],
      ['release.yml', 'artifact-unavailable', '[Ln 20, Col 58]'],
      ['.goreleaser.yaml', 'unknown-platform', '[Ln 14, Col 20]'],
      ['Makefile', 'removed-platform', '[Ln 4, Col 20]'],
      ['Dockerfile', 'removed-platform', '[Ln 10, Col 17]'],
      ['Dockerfile', 'artifact-unavailable', '[Ln 10, Col 17]'],
      ['build.sh', 'unknown-platform', '[Ln 4, Col 44]'],
    ];
    const rows = await wb.waitForProblems((r) => expected.every(([f, c, p]) => has(r, f, c, p)));
    const problems = rows.filter((r) => /\[Ln \d+, Col \d+\]/.test(r.text));
    assert.equal(problems.length, expected.length, `exactly the expected problems:\n${problems.map((r) => r.text).join('\n')}`);
    assert.ok(problems.every((r) => r.text.includes('k8s-platforms')), 'every problem has source k8s-platforms');
    assert.ok(!problems.some((r) => r.text.includes('below-required-tier')), 'no tier warnings at the default required tier');
    assert.ok(problems.some((r) => r.text.includes('linux/amd46 is not a valid Go platform; did you mean linux/amd64?')));
    await wb.restorePanel();
    await docScreenshot(session.page, 'problems-panel', session.page.locator('.part.panel'));
  });

  it('shows tier 2 and the server images when hovering linux/s390x', async () => {
    const wb = session.workbench;
    await wb.openFile('Dockerfile');
    await wb.goTo(6, 20);
    const hover = await wb.hoverAtCursor('linux/s390x');
    const text = await hover.innerText();
    assert.match(text, /tier 2/i);
    assert.match(text, /expected to build/);
    for (const image of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy']) {
      assert.ok(text.includes(image), `the hover names ${image}:\n${text}`);
    }
    await docScreenshot(session.page, 'hover', hover, { padding: 16, above: 40, left: 120 });
    await session.page.keyboard.press('Escape');
  });

  it('offers the linux platforms the list lacks, and not linux/arm, while typing in a platforms: list', async () => {
    const wb = session.workbench;
    await wb.openFile('.github/workflows/release.yml');
    // Replace the last item, linux/arm/v7, by the start of a new one.
    await wb.goTo(15, 58);
    await session.page.keyboard.press('Shift+End');
    await session.page.keyboard.type('linux/');
    const { widget, labels } = await wb.suggestions();
    // The list already holds linux/amd64, linux/arm64 and linux/s390x: those are not offered again.
    assert.deepEqual(labels, ['linux/386', 'linux/ppc64le'], `offered: ${labels.join(', ')}`);
    assert.ok(!labels.includes('linux/arm'), `linux/arm is removed and must not be offered: ${labels.join(', ')}`);
    await docScreenshot(session.page, 'completion', widget, { padding: 12, above: 60, left: 320 });
    await session.page.keyboard.press('Escape');
    // Inside a word being typed (`linux/p‸c`), the item takes the whole word, in VS Code's default
    // insert mode too (QA 274: `linux/ppc64lec`).
    await session.page.keyboard.type('pc');
    await session.page.keyboard.press('ArrowLeft');
    const inside = await wb.suggestions();
    assert.deepEqual(inside.labels, ['linux/ppc64le'], `offered: ${inside.labels.join(', ')}`);
    await session.page.keyboard.press('Enter');
    await session.page.waitForTimeout(300);
    assert.equal((await wb.lineText(15)).trim(), 'platforms: linux/amd64,linux/arm64,linux/s390x,linux/ppc64le');
    await wb.runCommand('File: Revert File');
  });

  it('replaces an unknown platform with the quick fix', async () => {
    const wb = session.workbench;
    await wb.openFile('.goreleaser.yaml');
    await wb.goTo(14, 24);
    await wb.applyQuickFix('Replace with linux/amd64');
    await session.page.waitForFunction(() => true);
    assert.equal((await wb.lineText(14)).trim(), '- --platform=linux/amd64');
    await session.page.keyboard.press('Control+S');
    await session.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
    assert.match(readFileSync(join(session.workspace, '.goreleaser.yaml'), 'utf8'), /--platform=linux\/amd64\n/);
    await wb.waitForProblems((rows) => !has(rows, '.goreleaser.yaml', 'unknown-platform', '[Ln 14'));
  });

  it('opens the Platform Matrix from the command palette', async () => {
    const wb = session.workbench;
    await wb.runCommand('Kubernetes Platforms: Show Platform Matrix');
    await session.page.locator('.tabs-container .tab.active', { hasText: 'Kubernetes Platform Matrix' }).waitFor();
    const frame = await wb.webviewFrame('Kubernetes Platform Matrix');
    const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp ?? '', /default-src 'none'/);
    assert.match(csp ?? '', /script-src 'none'/);
    assert.equal(await frame.locator('script').count(), 0);
    const headings = await frame.locator('h2').allInnerTexts();
    for (const h of ['Tiers', 'Platforms', 'Container images', 'Binaries', 'Archives', 'Packages']) {
      assert.ok(headings.some((t) => t.startsWith(h)), `a ${h} table: ${headings.join(' | ')}`);
    }
    const arm = frame.locator('table.platforms tr', { has: frame.locator('del', { hasText: /^linux\/arm$/ }) });
    assert.match(await arm.innerText(), /relocation problems on linking/);
    const s390x = await frame.locator('table.platforms tr', { hasText: 'linux/s390x' }).innerText();
    assert.match(s390x, /Tier 2/);
    // Themed: the page's text takes the editor's foreground colour.
    const colour = await frame.evaluate(() => getComputedStyle(document.body).color);
    const themed = await frame.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--vscode-foreground').trim());
    assert.ok(themed !== '', 'the webview receives the theme variables');
    assert.notEqual(colour, '');
    await docScreenshot(session.page, 'platform-matrix', session.page.locator('.editor-group-container.active'), { maxHeight: 520, resultsOnly: true });
  });

  it('reports platforms below k8sPlatforms.requiredTier as soon as the setting changes', async () => {
    const wb = session.workbench;
    await wb.openFile('Dockerfile');
    await wb.chooseSetting('k8sPlatforms.requiredTier', '1', () => session.userSettingWritten('k8sPlatforms.requiredTier', 1));
    // Each document's diagnostics are published on their own: wait for the workflow's too (the
    // Dockerfile's may show first; asserting right after it raced).
    const rows = await wb.waitForProblems((r) => has(r, 'Dockerfile', 'below-required-tier', '[Ln 6, Col 17]') && has(r, 'release.yml', 'below-required-tier', '[Ln 15, Col 34]'));
    assert.ok(has(rows, 'release.yml', 'below-required-tier', '[Ln 15, Col 34]'), 'linux/arm64 in the workflow is below tier 1');
    await wb.chooseSetting('k8sPlatforms.requiredTier', '3', () => session.userSettingWritten('k8sPlatforms.requiredTier', 3, true));
    await wb.waitForProblems((r) => !r.some((row) => row.text.includes('below-required-tier')));
  });
});
