import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { guard, runSafe } from '../../server/src/features/safe';

describe('a handler that throws', () => {
  it('is answered with its empty answer, and the error and its stack are logged (runSafe)', async () => {
    const logged: string[] = [];
    const answer = await runSafe((m) => logged.push(m), 'hover', null, () => {
      throw new TypeError('boom');
    });
    assert.equal(answer, null);
    assert.equal(logged.length, 1);
    assert.match(logged[0]!, /^k8s-platforms: hover failed: TypeError: boom\n\s+at /);
  });

  it('a rejected promise is answered empty too, and a value that is no Error is logged as text', async () => {
    const logged: string[] = [];
    assert.deepEqual(await runSafe((m) => logged.push(m), 'codeAction', [], () => Promise.reject('gone')), []);
    assert.deepEqual(logged, ['k8s-platforms: codeAction failed: gone']);
  });

  it('an answer that does not throw is passed through, and nothing is logged', async () => {
    const logged: string[] = [];
    assert.deepEqual(await runSafe((m) => logged.push(m), 'completion', null, async () => ({ items: [] })), { items: [] });
    assert.deepEqual(logged, []);
  });

  it('a notification handler that throws is logged and the caller goes on (guard)', () => {
    const logged: string[] = [];
    guard((m) => logged.push(m), 'didChange', () => {
      throw new RangeError('far');
    });
    assert.match(logged[0]!, /^k8s-platforms: didChange failed: RangeError: far/);
  });
});
