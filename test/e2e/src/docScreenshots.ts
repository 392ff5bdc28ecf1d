// Small PNGs of what the tests just checked, for the README. Every run writes them under
// test-results/e2e/screenshots/; `npm run test:e2e -- --update-screenshots` also writes docs/.
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot, resultsDir } from './session';

export interface ClipOptions {
  /** Space kept around the element on every side, in CSS pixels. */
  padding?: number;
  /** Extra space above (to show the line a hover or completion belongs to) and to the left. */
  above?: number;
  left?: number;
  maxHeight?: number;
  maxWidth?: number;
  /** Not one of the README's pictures: written under test-results/ only. */
  resultsOnly?: boolean;
}

const budget = 100 * 1024;

export async function docScreenshot(page: Page, name: string, target: Locator, options: ClipOptions = {}): Promise<string> {
  const box = await target.boundingBox();
  if (!box) throw new Error(`${name}: nothing to photograph`);
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  const pad = options.padding ?? 0;
  const x = Math.max(0, box.x - pad - (options.left ?? 0));
  const y = Math.max(0, box.y - pad - (options.above ?? 0));
  const width = Math.min(viewport.width - x, box.x + box.width + pad - x, options.maxWidth ?? Infinity);
  const height = Math.min(viewport.height - y, box.y + box.height + pad - y, options.maxHeight ?? Infinity);
  const dir = join(resultsDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  await page.screenshot({ path: file, clip: { x, y, width, height }, animations: 'disabled', caret: 'hide' });
  const size = statSync(file).size;
  if (size > budget) console.error(`    ${name}.png is ${Math.round(size / 1024)} KB, over the ${budget / 1024} KB budget for docs/`);
  if (process.env.E2E_UPDATE_SCREENSHOTS === '1' && !options.resultsOnly && size <= budget) {
    mkdirSync(join(repoRoot, 'docs'), { recursive: true });
    copyFileSync(file, join(repoRoot, 'docs', `${name}.png`));
  }
  return file;
}
