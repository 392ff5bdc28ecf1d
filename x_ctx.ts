import { scanText } from './server/src/lint';
import { readFileSync } from 'node:fs';
const r = scanText(readFileSync('/tmp/t3/.gitlab-ci.yml', 'utf8'), 'gitlab-ci');
for (const m of r.mentions) console.log(JSON.stringify(m).slice(0, 300));
