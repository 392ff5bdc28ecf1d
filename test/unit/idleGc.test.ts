import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const probe = resolve(__dirname, '../support/idleGcProbe.ts');

describe('young-generation collection in idle time (idleGc.ts)', () => {
  it('collects after a publish when the young generation is nearly full, keeps what is live, and leaves a roomy one alone', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', probe], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { collected: true, keptSurvives: true, leftAlone: true });
  });
});
