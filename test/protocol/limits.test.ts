import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../support/lspClient';

describe('k8sPlatforms.maxScanTime', () => {
  let client: LspClient;
  after(async () => client?.stop());

  it('a scan over the time limit stops, says so once in the log, and what was scanned is still reported', async () => {
    client = await LspClient.start({ settings: { maxScanTime: 1 } });
    // Many blocks, each a job with a removed platform: the scan stops part way.
    const jobs: string[] = ['jobs:'];
    for (let i = 0; i < 4000; i++) jobs.push(`  j${i}:`, '    steps:', '      - with:', '          platforms: linux/amd64,linux/arm/v7');
    const text = `${jobs.join('\n')}\n`;
    const uri = 'file:///virtual/limits/.github/workflows/long.yml';
    client.open(uri, 'yaml', text, 1);
    const diagnostics = await client.diagnosticsFor(uri, 1, 20_000);
    assert.ok(diagnostics.length < 4000, `${diagnostics.length} diagnostics: the scan should have stopped`);
    const told = client.logs.filter((l) => l.message.includes('long.yml'));
    assert.equal(told.length, 1, JSON.stringify(told));
    assert.match(told[0].message, /checked only in part: scan stopped after 1 ms .*k8sPlatforms\.maxScanTime/);

    // With the default limit the whole file is checked.
    client.configure({});
    // The new settings arrive through a workspace/configuration round trip: edit until they apply.
    let count = 0;
    for (let version = 2; version < 40 && count !== 4000; version++) {
      client.change(uri, version, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x\n' }]);
      count = (await client.diagnosticsFor(uri, version, 20_000)).length;
      if (count !== 4000) await new Promise((done) => setTimeout(done, 100));
    }
    assert.equal(count, 4000);
  });
});

describe('a document of big blocks', () => {
  let client: LspClient;
  after(async () => client?.stop());

  // A rehearsal of keystrokes in idle time (it warms the incremental path of big documents) used
  // to rescan these blocks a dozen times and held the server 4 to 14 s after their diagnostics.
  it('after its diagnostics, the server answers at once: no rehearsal holds it', async () => {
    client = await LspClient.start();
    const list = `platforms:\n${'  - linux/amd64\n'.repeat(9998)}`;
    const builds = ['builds:'];
    const names = (prefix: string) => Array.from({ length: 300 }, (_, i) => `${prefix}${i}`).join(', ');
    for (let b = 0; b < 20; b++) builds.push(`  - id: b${b}`, `    goos: [linux, ${names('os')}]`, `    goarch: [amd64, ${names('arch')}]`);
    const small = 'file:///virtual/limits/small/Dockerfile';
    client.open(small, 'dockerfile', 'FROM --platform=linux/s390x alpine\n', 1);
    await client.diagnosticsFor(small, 1, 20_000);
    for (const [name, text] of [['list.yaml', list], ['.goreleaser.yaml', `${builds.join('\n')}\n`]] as const) {
      const uri = `file:///virtual/limits/big/${name}`;
      client.open(uri, 'yaml', text, 1);
      await client.diagnosticsFor(uri, 1, 60_000);
      let worst = 0;
      for (let i = 0; i < 10; i++) {
        const t = performance.now();
        const h = await client.hover(small, { line: 0, character: 20 });
        worst = Math.max(worst, performance.now() - t);
        assert.ok(h, 'a hover on linux/s390x');
        await new Promise((done) => setTimeout(done, 100));
      }
      assert.ok(worst < 1500, `${name}: a hover took ${worst.toFixed(0)} ms after the diagnostics`);
    }
  });
});
