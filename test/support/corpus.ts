import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One labelled case: a file and the findings expected of it (`LINE:COL CODE TOKEN`). */
export interface CorpusCase {
  file: string;
  rel: string;
  expected: string[];
}

/** Every case under a corpus folder: files with a sibling `.expect`. */
export function corpusCases(root: string): CorpusCase[] {
  // (The shared corpus lies beside the checkout: say so, not ENOENT, where it is not.)
  if (!existsSync(root)) throw new Error(`no labelled corpus at ${root}: the tests read the specification's corpus from ../shared/corpus, beside this checkout (README, Quick start)`);
  const out: CorpusCase[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.expect')) {
        const file = p.slice(0, -'.expect'.length);
        const expected = readFileSync(p, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
        out.push({ file, rel: relative(root, file), expected });
      }
    }
  };
  walk(root);
  return out;
}

/** Renders a finding in the `.expect` format, from 0-based line and UTF-16 character. */
export function expectLine(line: number, character: number, code: string, token: string): string {
  return `${line + 1}:${character + 1} ${code} ${token}`;
}
