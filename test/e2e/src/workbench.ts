// What a person does in the VS Code workbench, as Playwright steps: keyboard first (Ctrl+P,
// Ctrl+G, Ctrl+Shift+M, F1), reading only what is on screen.
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';

export const chromiumPath = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface ProblemRow {
  text: string;
  /** The aria-label the screen reader gets: "Error: message at line 15 column 58 in release.yml source k8s-platforms". */
  label: string;
}

export class Workbench {
  constructor(readonly page: Page) {}

  async waitUntilReady(): Promise<void> {
    await this.page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    // The explorer lists the folder once the remote file system answers.
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90_000 });
  }

  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title });
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  /** Ctrl+P, the file's path, Enter; waits until its tab is the active one. */
  async openFile(relativePath: string): Promise<void> {
    const name = relativePath.split('/').pop()!;
    await this.restorePanel();
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relativePath);
    // The list updates as it searches: wait until the highlighted first pick is this file.
    await this.page
      .locator('.quick-input-widget .monaco-list-row.focused', { hasText: name })
      .waitFor({ state: 'visible', timeout: 15_000 });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
  }

  /** Ctrl+G to a 1-based line and column of the active editor. */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
    await this.page.locator(`.statusbar-item`, { hasText: `Ln ${line}, Col ${column}` }).first().waitFor({ timeout: 10_000 });
  }

  /** The text of one line of the active editor, as rendered. */
  async lineText(line: number): Promise<string> {
    const editor = this.activeEditor();
    // Rendered lines are absolutely positioned; the line-number gutter says which is which.
    const lineHeight = await editor.locator('.view-lines .view-line').first().evaluate((e) => e.getBoundingClientRect().height);
    const numbers = editor.locator('.margin-view-overlays .line-numbers');
    const count = await numbers.count();
    for (let i = 0; i < count; i++) {
      if ((await numbers.nth(i).innerText()).trim() !== String(line)) continue;
      const top = await numbers.nth(i).evaluate((e) => e.getBoundingClientRect().top);
      const lines = editor.locator('.view-lines .view-line');
      for (let j = 0; j < (await lines.count()); j++) {
        const t = await lines.nth(j).evaluate((e) => e.getBoundingClientRect().top);
        if (Math.abs(t - top) < lineHeight / 2) return (await lines.nth(j).innerText()).replace(/\u00a0/g, ' ');
      }
    }
    throw new Error(`line ${line} is not rendered`);
  }

  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /** Opens the Problems panel (Ctrl+Shift+M), maximized so that no row is scrolled out of view. */
  async openProblems(): Promise<Locator> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible' });
    const maximize = this.page.locator('.part.panel .action-label.codicon-panel-maximize');
    if (await maximize.isVisible()) await maximize.click();
    return panel;
  }

  /** Gives the panel back its normal size, so the editor shows again. */
  async restorePanel(): Promise<void> {
    const restore = this.page.locator('.part.panel .action-label.codicon-panel-restore, .part.panel .action-label[aria-label^="Restore Panel"]');
    if (await restore.first().isVisible()) await restore.first().click();
  }

  /** Every row of the Problems panel, file rows and problem rows, top to bottom. */
  async problemRows(): Promise<ProblemRow[]> {
    const panel = await this.openProblems();
    const rows = panel.locator('.monaco-list-row');
    const out: { index: number; row: ProblemRow }[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      out.push({
        index: Number(await row.getAttribute('data-index')),
        row: { text: (await row.innerText()).replace(/\s+/g, ' ').trim(), label: (await row.getAttribute('aria-label')) ?? '' },
      });
    }
    return out.sort((a, b) => a.index - b.index).map((r) => r.row);
  }

  /** Waits until the Problems panel satisfies `check`, returning its rows. */
  async waitForProblems(check: (rows: ProblemRow[]) => boolean, timeoutMs = 30_000): Promise<ProblemRow[]> {
    const deadline = Date.now() + timeoutMs;
    let rows: ProblemRow[] = [];
    while (Date.now() < deadline) {
      rows = await this.problemRows();
      if (check(rows)) return rows;
      await this.page.waitForTimeout(500);
    }
    throw new Error(`the Problems panel did not show what was expected; it shows:\n${rows.map((r) => `  ${r.text}`).join('\n')}`);
  }

  /**
   * Presses keys until `target` shows: a widget asked for while the editor is still busy (quick
   * input closing, code actions being computed) may not open on the first press; a person would
   * press again too.
   */
  private async pressUntilVisible(keys: string[], target: Locator, attempts = 3, waitMs = 6_000): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      for (const key of keys) await this.page.keyboard.press(key);
      try {
        await target.waitFor({ state: 'visible', timeout: waitMs });
        return;
      } catch (error) {
        if (attempt >= attempts) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /** Shows the hover at the cursor (Ctrl+K Ctrl+I) and returns it. */
  async hoverAtCursor(expected: string): Promise<Locator> {
    const hover = this.page.locator('.monaco-hover:visible', { hasText: expected }).first();
    await this.pressUntilVisible(['Control+K', 'Control+I'], hover);
    return hover;
  }

  /** Triggers suggestions (Ctrl+Space) and returns the labels shown. */
  async suggestions(): Promise<{ widget: Locator; labels: string[] }> {
    const widget = this.page.locator('.editor-widget.suggest-widget.visible');
    await this.pressUntilVisible(['Control+Space'], widget.locator('.monaco-list-row').first());
    await this.page.waitForTimeout(300);
    const labels = await widget.locator('.monaco-list-row .label-name').allInnerTexts();
    return { widget, labels: labels.map((l) => l.trim()) };
  }

  /** Ctrl+. at the cursor and picks the code action with this title. */
  async applyQuickFix(title: string): Promise<void> {
    const item = this.page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    await this.pressUntilVisible(['Control+.'], item);
    await item.click();
    await this.page.locator('.action-widget').waitFor({ state: 'hidden' }).catch(() => undefined);
  }

  /** Sets an enum setting in the Settings editor, as a person picks it from the drop-down. */
  async chooseSetting(id: string, option: string, written: () => Promise<void>): Promise<void> {
    await this.runCommand('Preferences: Open User Settings');
    const select = this.page.locator(`.settings-editor select[aria-label="${id}"]`);
    await this.page.keyboard.type(id);
    await select.waitFor({ state: 'visible', timeout: 15_000 });
    await select.click();
    const choice = this.page
      .locator('.monaco-select-box-dropdown-container .monaco-list-row')
      .filter({ has: this.page.locator('.option-text', { hasText: new RegExp(`^${option}$`) }) });
    await choice.first().click();
    await this.page.waitForFunction(
      ([selector, value]) => (document.querySelector(selector) as HTMLSelectElement | null)?.value === value,
      [`.settings-editor select[aria-label="${id}"]`, option] as const,
    );
    // The editor writes settings.json a moment later; closing it first can drop the change.
    await written();
    // The Settings editor opens as a modal editor in this VS Code: Escape closes it.
    const modal = this.page.locator('.monaco-modal-editor-block');
    for (let i = 0; i < 3 && (await modal.count()) > 0; i++) {
      await this.page.keyboard.press('Escape');
      await modal.waitFor({ state: 'detached', timeout: 2_000 }).catch(() => undefined);
    }
    if ((await modal.count()) === 0) return;
    // (Focus left in the drop-down may take the Escapes, and the command palette too: the modal's
    // own close button, as a person would click it.)
    await modal.locator('.action-label[aria-label^="Close Modal Editor"]').first().click();
    await modal.waitFor({ state: 'detached', timeout: 5_000 });
  }

  /** The frame of an open webview whose document contains `text` (webviews live in nested iframes). */
  async webviewFrame(text: string, timeoutMs = 20_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const frame of this.page.frames().filter((f) => f !== this.page.mainFrame() && f.url().includes('/webview/'))) {
        const found = await frame
          .evaluate((t) => document.body?.innerText.includes(t) ?? false, text)
          .catch(() => false);
        if (found) return frame;
      }
      await this.page.waitForTimeout(250);
    }
    throw new Error(`no webview shows "${text}"`);
  }
}
