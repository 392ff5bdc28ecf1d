// The package.json that `npm pack` puts in the tarball: without the scripts, which build from
// sources the package does not hold (npm 11 warns at every install of a package with a `prepare`
// that its allowScripts do not list). `prepack` runs `node pack-manifest.mjs strip`, which keeps
// the checkout's manifest as .package.json.orig; `postpack` runs `restore`, which puts it back.
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const KEPT = '.package.json.orig';
const command = process.argv[2];

if (command === 'strip') {
  // (A pack that failed after the strip left the checkout's manifest aside: that one is read.)
  if (existsSync(KEPT)) renameSync(KEPT, 'package.json');
  copyFileSync('package.json', KEPT);
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  delete manifest.scripts;
  writeFileSync('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
} else if (command === 'restore') {
  if (existsSync(KEPT)) renameSync(KEPT, 'package.json');
} else {
  console.error('usage: node pack-manifest.mjs strip|restore');
  process.exit(2);
}
