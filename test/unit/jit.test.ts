import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const probe = resolve(__dirname, '../support/jitProbe.ts');

function run(nodeFlags: string[]): Record<string, { optimising: boolean; optimised: boolean }> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--allow-natives-syntax', ...nodeFlags, probe], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('optimising compiler', () => {
  it('is off until a document of a million characters is scanned whole, then on for a while', () => {
    assert.deepEqual(run([]), {
      atStart: { optimising: false, optimised: false },
      belowThreshold: { optimising: false, optimised: false },
      big: { optimising: true, optimised: true },
      keystroke: { optimising: true, optimised: true },
      after: { optimising: false, optimised: false },
      laterKeystroke: { optimising: false, optimised: false },
      reopened: { optimising: true, optimised: true },
    });
  });

  it('is left as the server was started when it was given a compiler flag', () => {
    const r = run(['--no-opt']);
    assert.deepEqual(
      Object.values(r).map((x) => x.optimised),
      [false, false, false, false, false, false, false],
    );
    assert.equal(r.atStart.optimising, true);
  });
});
