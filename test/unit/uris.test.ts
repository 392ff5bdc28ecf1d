import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { resolveModelPath } from '../../server/src/features/uris';

/** What `f` gives with HOME set to /home/me. */
function atHome<T>(f: () => T): T {
  const home = process.env.HOME;
  process.env.HOME = '/home/me';
  try {
    return f();
  } finally {
    process.env.HOME = home;
  }
}

describe('a model path as a user writes it (modelPath, --model)', () => {
  const root = '/work/space';
  it('is a file: URI, ~/, absolute, or relative to the folder', () => {
    assert.equal(resolveModelPath('file:///etc/k8s/model%20one.json', root), '/etc/k8s/model one.json');
    assert.equal(resolveModelPath('file://localhost/etc/m.json', root), '/etc/m.json');
    assert.equal(resolveModelPath('/etc/m.json', root), '/etc/m.json');
    assert.equal(resolveModelPath('conf/m.json', root), '/work/space/conf/m.json');
    assert.equal(atHome(() => resolveModelPath('~/m.json', root)), '/home/me/m.json');
  });

  it('takes ${workspaceFolder} and ${userHome} as VS Code users write them (QA 157 N7)', () => {
    assert.equal(resolveModelPath('${workspaceFolder}/ci/m.json', root), '/work/space/ci/m.json');
    assert.equal(resolveModelPath('${workspaceFolder}/../models/m.json', root), '/work/models/m.json');
    assert.equal(atHome(() => resolveModelPath('${userHome}/m.json', root)), '/home/me/m.json');
    // With no folder, the path stays as written (and is not found, with a message that shows it).
    assert.equal(resolveModelPath('${workspaceFolder}/m.json', undefined), resolve('${workspaceFolder}/m.json'));
  });

  it('is normalised as file events name it, and absolute with no folder: relative to the current one (QA 153 N2, N5)', () => {
    assert.equal(resolveModelPath('/etc//k8s/./m.json', root), '/etc/k8s/m.json');
    assert.equal(resolveModelPath('/etc/k8s/../m.json', root), '/etc/m.json');
    assert.equal(resolveModelPath('file:///etc//k8s/m.json', root), '/etc/k8s/m.json');
    assert.equal(resolveModelPath('conf//m.json', root), '/work/space/conf/m.json');
    assert.equal(resolveModelPath('m.json', undefined), resolve('m.json'));
  });

  it('a file: URI with no path is no path at all: read as written, so a message says it is not found (QA 142 B5)', () => {
    for (const p of ['file://m.json', 'file://', 'file:']) {
      const path = resolveModelPath(p, root);
      assert.notEqual(path, '', p);
      assert.ok(path.startsWith(root), `${p}: ${path}`);
    }
    // A relative file: URI is relative to the folder, as a plain relative path is.
    assert.equal(resolveModelPath('file:m.json', root), '/work/space/m.json');
  });
});
