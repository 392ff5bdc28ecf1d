import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { walk } from '../../server/src/cliWalk';

const git = spawnSync('git', ['--version']).status === 0;

/** Folders and files of the kinds the walk lints, so every file it keeps is one it yields. */
// Names that differ only in case: git on Linux tells them apart.
const dirPart = fc.constantFrom('a', 'b', 'dist', 'Dist', 'build', 'sub');
const filePart = fc.constantFrom('x.sh', 'y.mk', 'Makefile', 'Dockerfile', 'keep.sh', 'gen.yaml');
const filePath = fc.tuple(fc.array(dirPart, { maxLength: 3 }), filePart).map(([dirs, f]) => [...dirs, f].join('/'));
const pattern = fc.constantFrom(
  'dist/', 'dist', '/dist/', '*.sh', '!keep.sh', '/a', 'b/**', '**/x.sh', 'a/*.mk', 'sub/', '!sub/Makefile', '# a comment', '',
  'build/*', '!build/keep.sh', '*.yaml', 'a/b/', '**/sub/**', '[xy].*', 'Docker?ile', 'y.mk ', '\\#x.sh', 'a/**/Makefile', '!dist/',
  'DIST/', 'makefile', 'X.SH',
);
// (Some begin with a byte order mark, as Windows editors write them: git reads their first rule all the same.)
const ignoreFile = fc.tuple(fc.array(dirPart, { maxLength: 2 }), fc.array(pattern, { minLength: 1, maxLength: 5 }), fc.boolean());

describe('what the walk leaves out is what git leaves out', { skip: git ? false : 'git is not installed' }, () => {
  it('over random trees and .gitignore files, the files walked are the files git does not ignore (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(filePath, { minLength: 1, maxLength: 12 }), fc.array(ignoreFile, { maxLength: 3 }), fc.boolean(), (files, ignores, nested) => {
        const root = mkdtempSync(join(tmpdir(), 'k8s-platforms-gitwalk-'));
        try {
          const written: string[] = [];
          for (const f of files) {
            // A file where a folder of another path is: keep the first.
            try {
              mkdirSync(join(root, dirname(f)), { recursive: true });
              writeFileSync(join(root, f), 'GOARCH=arm\n');
              written.push(f);
            } catch {
              /* a name taken by a folder or a file */
            }
          }
          for (const [dirs, lines, bom] of ignores) {
            const at = join(root, ...dirs);
            try {
              mkdirSync(at, { recursive: true });
              writeFileSync(join(at, '.gitignore'), `${bom ? '\uFEFF' : ''}${lines.join('\n')}\n`);
            } catch {
              /* a file has that name */
            }
          }
          assert.equal(spawnSync('git', ['init', '-q'], { cwd: root }).status, 0);
          // A nested repository keeps its own rules: the outer .gitignore files stop at its root.
          if (nested) {
            mkdirSync(join(root, 'a'), { recursive: true });
            spawnSync('git', ['init', '-q'], { cwd: join(root, 'a') });
          }
          const ls = spawnSync('git', ['ls-files', '-o', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' });
          let byGit = ls.stdout.split('\0').filter((f) => f !== '' && !f.endsWith('.gitignore'));
          // git lists a nested repository as one entry, `a/` (none when the outer rules ignore it):
          // what it does not ignore inside is what `git ls-files` run in it says.
          if (nested && byGit.includes('a/')) {
            const inner = spawnSync('git', ['ls-files', '-o', '--exclude-standard', '-z'], { cwd: join(root, 'a'), encoding: 'utf8' });
            byGit = byGit.filter((f) => f !== 'a/').concat(inner.stdout.split('\0').filter((f) => f !== '' && !f.endsWith('.gitignore')).map((f) => `a/${f}`));
          }
          byGit.sort();
          const walked = [...walk(['.'], root, () => {}, () => {}, { gitignore: true })].map((t) => t.display).sort();
          assert.deepEqual(walked, byGit, JSON.stringify({ written, ignores, nested }));
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('the excludes file of the git configuration (core.excludesFile)', { skip: git ? false : 'git is not installed' }, () => {
  it('is read from the repository config, quoted or not, with a comment after it, as git reads it', () => {
    const root = mkdtempSync(join(tmpdir(), 'k8s-platforms-excludesfile-'));
    try {
      assert.equal(spawnSync('git', ['init', '-q'], { cwd: root }).status, 0);
      for (const f of ['a.sh', 'secret.sh', 'b/Makefile', 'b/local.mk']) {
        mkdirSync(join(root, dirname(f)), { recursive: true });
        writeFileSync(join(root, f), 'GOARCH=arm\n');
      }
      writeFileSync(join(root, 'my ignore.txt'), 'secret.sh\n*.mk\n');
      const walked = () => [...walk(['.'], root, () => {}, () => {}, { gitignore: true })].map((t) => t.display).sort();
      const byGit = () => spawnSync('git', ['ls-files', '-o', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' }).stdout.split('\0').filter((f) => f.endsWith('.sh') || f.endsWith('.mk') || f.endsWith('Makefile')).sort();
      for (const value of [`"${join(root, 'my ignore.txt')}" # quoted, then a comment`, `${join(root, 'my ignore.txt')}`]) {
        writeFileSync(join(root, '.git/config'), `[core]\n\trepositoryformatversion = 0\n\texcludesFile = ${value}\n`);
        assert.deepEqual(byGit(), ['a.sh', 'b/Makefile'], value);
        assert.deepEqual(walked(), byGit(), value);
      }
      // --no-ignore reads none of it.
      assert.equal([...walk(['.'], root, () => {}, () => {}, { gitignore: false })].length, 4);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
