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
