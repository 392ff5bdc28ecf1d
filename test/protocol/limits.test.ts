import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { findingCount, LspClient } from '../support/lspClient';

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
    assert.ok(findingCount(diagnostics) < 4000, `${findingCount(diagnostics)} findings: the scan should have stopped`);
    const told = client.logs.filter((l) => l.message.includes('long.yml'));
    assert.equal(told.length, 1, JSON.stringify(told));
    assert.match(told[0].message, /checked only in part: scan stopped after 1 ms .*k8sPlatforms\.maxScanTime/);

    // With the default limit the whole file is checked.
    client.configure({});
    // The new settings arrive through a workspace/configuration round trip: edit until they apply.
    let count = 0;
    for (let version = 2; version < 40 && count !== 4000; version++) {
      client.change(uri, version, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x\n' }]);
      count = findingCount(await client.diagnosticsFor(uri, version, 20_000));
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

describe('many documents opened at once', () => {
  let client: LspClient;
  after(async () => client?.stop());

  // A session restored with many big scripts: each document is checked in a turn of its own, so
  // a request that comes meanwhile is answered between two of them, not after all of them.
  it('a hover in a small file is answered before the last of them is checked', async () => {
    client = await LspClient.start();
    const small = 'file:///virtual/many/small.sh';
    client.open(small, 'shellscript', 'docker buildx build --platform linux/s390x .\n', 1);
    await client.diagnosticsFor(small, 1, 20_000);
    const lines = ['GOOS=linux GOARCH=arm go build', 'docker buildx build --platform linux/amd64,linux/arm/v7,linux/amd64 .', 'GOOS=lnux GOARCH=amd64 make'];
    const text = `#!/bin/sh\n${Array.from({ length: 1500 }, (_, i) => lines[i % 3]).join('\n')}\n`;
    const uris = Array.from({ length: 12 }, (_, i) => `file:///virtual/many/s${i}.sh`);
    client.burst(uris.map((uri) => ({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'shellscript', version: 1, text } } })));
    // The checking has begun: the hover comes while the rest wait.
    await client.diagnosticsFor(uris[0], 1, 60_000);
    const hover = await client.hover(small, { line: 0, character: 35 });
    assert.ok(hover, 'a hover on linux/s390x');
    const published = uris.filter((uri) => client.publications(uri) > 0).length;
    assert.ok(published < uris.length, `${published} of ${uris.length} documents were checked before the hover was answered`);
    for (const uri of uris) assert.equal(findingCount(await client.diagnosticsFor(uri, 1, 60_000)), 2000);
  });
});

describe('a document of thousands of findings', () => {
  let client: LspClient;
  after(async () => client?.stop());

  // As VS Code shows at most 1,000 diagnostics of a file: the most severe are published, in
  // document order, and a note at the first one left out says how many more there are.
  it('publishes the 1,000 most severe and says how many are not shown', async () => {
    client = await LspClient.start();
    const uri = 'file:///virtual/limits/cap/build.sh';
    // 900 errors (linux/arm/v7), 600 warnings (linux/riscv64), a command each.
    const platforms = Array.from({ length: 1500 }, (_, i) => (i % 5 < 3 ? 'linux/arm/v7' : 'linux/riscv64'));
    const text = `#!/bin/sh\n${platforms.map((p) => `docker buildx build --platform ${p} .`).join('\n')}\n`;
    client.open(uri, 'shellscript', text, 1);
    const diagnostics = await client.diagnosticsFor(uri, 1, 20_000);
    assert.equal(diagnostics.length, 1001);
    const byCode = (code: string) => diagnostics.filter((d) => d.code === code).length;
    assert.equal(byCode('removed-platform'), 900);
    assert.equal(byCode('unsupported-platform'), 100);
    const note = diagnostics.filter((d) => d.code === undefined);
    assert.equal(note.length, 1);
    assert.equal(note[0].severity, 3);
    assert.equal(note[0].source, 'k8s-platforms');
    assert.match(note[0].message, /^Not showing 500 further findings: at most 1,000 of a file are shown/);
    // The warnings shown are the first 100 of the file; the note is at the 101st.
    const warningLines = platforms.flatMap((p, i) => (p === 'linux/riscv64' ? [i + 1] : []));
    const shown = diagnostics.filter((d) => d.code === 'unsupported-platform').map((d) => d.range.start.line);
    assert.deepEqual(shown, warningLines.slice(0, 100));
    assert.deepEqual(note[0].range, { start: { line: warningLines[100], character: 31 }, end: { line: warningLines[100], character: 44 } });
    // In document order.
    const lines = diagnostics.filter((d) => d.code !== undefined).map((d) => d.range.start.line);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
    assert.equal(findingCount(diagnostics), 1500);
  });
});
