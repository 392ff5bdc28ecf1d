/**
 * A step's `if:` as it restricts a matrix os axis (see yaml.ts, axisCondition): which of the
 * axis's values the arches the step writes are built for.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axisCondition, runsFor } from '../../server/src/scanners/yaml';

describe('a step condition over a matrix axis', () => {
  it('reads equalities and inequalities, either way round, in any case', () => {
    assert.deepEqual(axisCondition("matrix.goos == 'linux'", 'goos'), { only: ['linux'] });
    assert.deepEqual(axisCondition("${{ 'Darwin' == matrix.goos }}", 'goos'), { only: ['darwin'] });
    assert.deepEqual(axisCondition('"matrix.GOOS != \'windows\'"', 'goos'), { not: ['windows'] });
    assert.deepEqual(axisCondition("matrix.goos == 'linux' || matrix.goos == \"freebsd\"", 'goos'), { only: ['linux', 'freebsd'] });
  });

  it('leaves out clauses that do not name the axis, and intersects the ones that do', () => {
    assert.deepEqual(axisCondition("${{ matrix.goos != 'linux' && github.event_name == 'push' }}", 'goos'), { not: ['linux'] });
    assert.deepEqual(axisCondition("matrix.goos != 'linux' && matrix.goos != 'darwin'", 'goos'), { not: ['linux', 'darwin'] });
    assert.deepEqual(axisCondition("(matrix.goos == 'linux' || matrix.goos == 'darwin') && always()", 'goos'), { only: [] });
    assert.deepEqual(axisCondition("matrix.goos == 'linux' && matrix.goos == 'darwin'", 'goos'), { only: [] });
    assert.deepEqual(axisCondition("${{ !cancelled() && success() && matrix.goos == 'linux' && startsWith(github.ref, 'refs/tags/') }}", 'goos'), { only: ['linux'] });
    assert.deepEqual(axisCondition("matrix.goos == 'linux' || github.event_name == 'push'", 'goos'), { only: [] });
  });

  it('says nothing of a condition that does not name the axis, and runs for no value where it names it otherwise', () => {
    assert.equal(axisCondition("runner.os == 'Linux'", 'goos'), undefined);
    assert.equal(axisCondition("matrix.goos_version == '1'", 'goos'), undefined);
    assert.deepEqual(axisCondition("contains(matrix.goos, 'lin')", 'goos'), { only: [] });
    assert.deepEqual(axisCondition("matrix.goos == 'linux' || matrix.goos != 'darwin'", 'goos'), { only: [] });
    assert.deepEqual(axisCondition('matrix.goos', 'goos'), { only: [] });
  });

  it('runs for the values it allows', () => {
    assert.equal(runsFor(undefined, 'darwin'), true);
    assert.equal(runsFor({ only: ['linux'] }, 'Linux'), true);
    assert.equal(runsFor({ only: ['linux'] }, 'darwin'), false);
    assert.equal(runsFor({ not: ['linux'] }, 'darwin'), true);
    assert.equal(runsFor({ only: [] }, 'linux'), false);
  });
});
