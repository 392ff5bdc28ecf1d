/**
 * The model files a workspace points at, read again as they change: a file saved at every pause
 * in typing (autosave) shows one error, not one per save, and the error in force is shown once the
 * quiet time is over; a change seen twice (a file event and the poll) is one change.
 */
import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelStore } from '../../server/src/features/modelSource';

const GOOD = readFileSync(join(__dirname, '../../data/platforms.json'), 'utf8');

function store(text: () => string) {
  const told = { error: [] as string[], info: [] as string[], changed: 0 };
  const models = new ModelStore(
    { readFile: () => ({ size: text().length, read: text }), watchFile: () => () => undefined },
    { changed: () => told.changed++, error: (m) => told.error.push(m), info: (m) => told.info.push(m) },
  );
  return { models, told };
}

describe('a model file edited with autosave', () => {
  it('shows the first error, logs the next ones for 15 s, then shows the one in force', () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    try {
      let text = '{"tiers": 1}';
      const { models, told } = store(() => text);
      models.get('/m.json');
      assert.equal(told.error.length, 1);
      for (const t of ['{"tiers": 2}', '{"tiers": 3}']) {
        mock.timers.tick(1000);
        text = t;
        models.reload('/m.json');
      }
      assert.equal(told.error.length, 1, 'one error shown');
      assert.equal(told.info.length, 2, 'the others logged');
      mock.timers.tick(15_000);
      assert.equal(told.error.length, 2, 'the error in force, shown after the quiet time');
      assert.match(told.error[1], /tiers/);
      text = GOOD;
      models.reload('/m.json');
      assert.equal(told.changed, 1);
      assert.match(told.info.at(-1)!, /loaded/);
      // The same text again (the poll after a file event): no change.
      models.reload('/m.json');
      assert.equal(told.changed, 1);
    } finally {
      mock.timers.reset();
    }
  });
});
