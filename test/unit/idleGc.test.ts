import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { keystrokeEstimate, needsCollection } from '../../server/src/idleGc';

const probe = resolve(__dirname, '../support/idleGcProbe.ts');
const KiB = 1024;
const MiB = 1024 * KiB;

describe('young-generation collection in idle time (idleGc.ts)', () => {
  it('collects after a publish when the young generation is nearly full, and keeps what is live: asking V8 directly in Node', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', probe], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { collected: true, keptSurvives: true, direct: true });
  });

  it('fills the young generation instead while the build makes the code cache (flags must stay as they were)', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', probe], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, K8S_PLATFORMS_CODE_CACHE: 'write' } });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { collected: true, keptSurvives: true, direct: false });
  });

  it('asks for a collection when two more keystrokes would reach V8\'s own trigger (80% full), not before', () => {
    // 2 MiB: V8 collects by itself at 1.6 MiB used.
    assert.equal(needsCollection(0.5 * MiB, 1.5 * MiB, 150 * KiB), false);
    assert.equal(needsCollection(1.2 * MiB, 0.8 * MiB, 150 * KiB), false, '400 KiB of room, two keystrokes need 300');
    assert.equal(needsCollection(1.35 * MiB, 0.65 * MiB, 150 * KiB), true, '256 KiB of room, two keystrokes need 300');
    assert.equal(needsCollection(1.35 * MiB, 0.65 * MiB, 100 * KiB), false, '256 KiB of room, two keystrokes need 200');
    assert.equal(needsCollection(1.4 * MiB, 0.6 * MiB, 50 * KiB), true, 'never under 256 KiB of room');
    assert.equal(needsCollection(1.0 * MiB, 1.0 * MiB, 400 * KiB), true, 'big keystrokes need more room');
    assert.equal(needsCollection(1.7 * MiB, 0.3 * MiB, 0), true, 'past the trigger');
    assert.equal(needsCollection(13 * MiB, 3 * MiB, 300 * KiB), false, 'a big generation is left to V8: filling it would cost more');
    assert.equal(needsCollection(13 * MiB, 3 * MiB, 300 * KiB, true), true, 'but is collected when V8 is asked directly');
    assert.equal(needsCollection(8 * MiB, 8 * MiB, 300 * KiB, true), false, 'not before it is nearly full');
  });

  it('estimates a keystroke from growth between checks, ignoring collections and the open of a document', () => {
    assert.equal(keystrokeEstimate(0, 120 * KiB, 2 * MiB), 120 * KiB);
    assert.equal(keystrokeEstimate(120 * KiB, -900 * KiB, 2 * MiB), 120 * KiB, 'a collection in between');
    assert.equal(keystrokeEstimate(120 * KiB, 1.5 * MiB, 2 * MiB), 120 * KiB, 'an open');
    assert.equal(keystrokeEstimate(120 * KiB, 40 * KiB, 2 * MiB), 90 * KiB, 'decays');
    assert.equal(keystrokeEstimate(120 * KiB, 200 * KiB, 2 * MiB), 200 * KiB);
  });
});
