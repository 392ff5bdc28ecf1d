/**
 * Deterministic inputs for the benchmark: GitHub workflows of 1,000 to 100,000 lines for the
 * language servers, and a repository of mixed files for the CLI. Run alone to look at them:
 *   node --import tsx bench/generate.ts [outDir]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { generateWorkflow } from './gen/workflow';
import { generateDockerfile, generateMakefile, generateManifest, generateShell } from './gen/build';
import { pad, Random } from './gen/random';

export { generateWorkflow, generateDockerfile, generateMakefile, generateManifest, generateShell };

export const SEED = 20240807;
export const SIZES = [1_000, 10_000, 50_000, 100_000] as const;
export const DEFAULT_OUT = resolve(__dirname, '.out');

/** Where the workflow of a size lives: under .github/workflows so servers treat it as one. */
export function workflowPath(outDir: string, lines: number): string {
  return join(outDir, 'files', '.github', 'workflows', `workflow-${lines}.yml`);
}

export interface GeneratedFile {
  path: string;
  text: string;
}

/** Writes the workflow of each size; returns them with their text. */
export function writeWorkflows(outDir: string, sizes: readonly number[]): GeneratedFile[] {
  return sizes.map((lines) => {
    const path = workflowPath(outDir, lines);
    const text = generateWorkflow(lines, SEED + lines);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return { path, text };
  });
}

export interface Repository {
  dir: string;
  files: number;
  bytes: number;
  lines: number;
}

/** Lines of one repository file: mostly short files, a few long ones, as in real repositories. */
function fileLines(rng: Random): number {
  const r = rng.next();
  if (r < 0.6) return rng.int(20, 120);
  if (r < 0.9) return rng.int(120, 500);
  return rng.int(500, 2000);
}

/**
 * A repository of `count` files in projects of ten: workflows, Makefiles, Dockerfiles, shell
 * scripts and manifests. Deterministic; the folder is emptied first.
 */
export function writeRepository(dir: string, count: number, seed = SEED): Repository {
  rmSync(dir, { recursive: true, force: true });
  const rng = new Random(seed);
  let bytes = 0;
  let lines = 0;
  for (let i = 0; i < count; i++) {
    const project = join(dir, `project-${pad(Math.floor(i / 10), 3)}`);
    const n = fileLines(rng);
    const fileSeed = seed + i * 7919;
    const r = rng.next();
    let path: string;
    let text: string;
    if (r < 0.3) {
      path = join(project, '.github', 'workflows', `ci-${i}.yml`);
      text = generateWorkflow(n, fileSeed);
    } else if (r < 0.5) {
      path = join(project, i % 3 === 0 ? 'Makefile' : join('build', `rules-${i}.mk`));
      text = generateMakefile(n, fileSeed);
    } else if (r < 0.7) {
      path = join(project, 'images', `image-${i}`, 'Dockerfile');
      text = generateDockerfile(n, fileSeed);
    } else if (r < 0.9) {
      path = join(project, 'hack', `release-${i}.sh`);
      text = generateShell(n, fileSeed);
    } else {
      path = join(project, 'deploy', `daemonset-${i}.yaml`);
      text = generateManifest(n, fileSeed);
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    bytes += Buffer.byteLength(text);
    lines += text.split('\n').length - 1;
  }
  return { dir, files: count, bytes, lines };
}

if (require.main === module) {
  const out = resolve(process.argv[2] ?? DEFAULT_OUT);
  for (const f of writeWorkflows(out, SIZES)) console.log(`${f.path}: ${f.text.split('\n').length - 1} lines, ${f.text.length} bytes`);
  const samples: [string, (lines: number, seed: number) => string][] = [
    ['Makefile', generateMakefile],
    ['Dockerfile', generateDockerfile],
    ['release.sh', generateShell],
    ['daemonset.yaml', generateManifest],
  ];
  for (const [name, gen] of samples) {
    const path = join(out, 'files', 'samples', name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, gen(1000, SEED));
    console.log(`${path}: 1000 lines`);
  }
  const repo = writeRepository(join(out, 'repo'), 2000);
  console.log(`${repo.dir}: ${repo.files} files, ${repo.lines} lines, ${(repo.bytes / 1e6).toFixed(1)} MB`);
}
