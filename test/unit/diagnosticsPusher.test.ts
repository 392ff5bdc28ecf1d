import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticsPusher } from '../../server/src/features/diagnostics';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('DiagnosticsPusher', () => {
  it('while what it sent before is still being written, checks nothing; then only the latest version', async () => {
    let doc = TextDocument.create('file:///a/Makefile', 'makefile', 1, 'x');
    const computed: number[] = [];
    const sent: number[] = [];
    let writing = false;
    const pusher = new DiagnosticsPusher(
      () => doc,
      (d) => {
        computed.push(d.version);
        return [] as Diagnostic[];
      },
      (_uri, version) => sent.push(version!),
      (e) => assert.fail(String(e)),
      undefined,
      () => writing,
    );
    pusher.schedule(doc.uri);
    await tick(20);
    assert.deepEqual(sent, [1]);
    // The client has not read that yet: the keystrokes typed meanwhile wait.
    writing = true;
    for (let v = 2; v <= 6; v++) {
      doc = TextDocument.create(doc.uri, 'makefile', v, 'x'.repeat(v));
      pusher.schedule(doc.uri);
      await tick(10);
    }
    assert.deepEqual(computed, [1], 'nothing checked while the pipe is full');
    writing = false;
    await tick(30);
    assert.deepEqual(computed, [1, 6]);
    assert.deepEqual(sent, [1, 6]);
  });

  it('waits for the writing no longer than a second', async () => {
    const doc = TextDocument.create('file:///b/Makefile', 'makefile', 3, 'x');
    const sent: number[] = [];
    const pusher = new DiagnosticsPusher(
      () => doc,
      () => [],
      (_uri, version) => sent.push(version!),
      (e) => assert.fail(String(e)),
      undefined,
      () => true,
    );
    const t = performance.now();
    pusher.schedule(doc.uri);
    while (sent.length === 0 && performance.now() - t < 3000) await tick(20);
    assert.deepEqual(sent, [3]);
    const waited = performance.now() - t;
    assert.ok(waited >= 900 && waited < 2500, `published after ${waited.toFixed(0)} ms`);
  });
});
