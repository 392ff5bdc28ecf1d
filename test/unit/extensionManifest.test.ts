// The extension as VS Code and the Marketplace see it: the manifest (package.json), the document
// selector the client registers, and the files vsce packs into the VSIX.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';
import { DOCUMENT_SELECTOR, FILE_PATTERNS, LANGUAGES, type DocumentFilter } from '../../client/src/documentSelector';
import { CODES, DEFAULT_SEVERITY } from '../../server/src/rules/finding';
import { DEFAULT_MAX_FILE_SIZE } from '../../server/src/features/settings';
import { DEFAULT_LIMITS } from '../../server/src/lint';

const repo = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

/** A VS Code glob (`**`, `*`, `{a,b}`) as a regular expression over `/`-separated paths. */
function globRegex(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (c === '*') source += '[^/]*';
    else if (c === '{') source += '(?:';
    else if (c === '}') source += ')';
    else if (c === ',') source += '|';
    else source += c.replace(/[.+?^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function selects(filter: DocumentFilter, doc: { scheme: string; languageId: string; path: string }): boolean {
  return (
    filter.scheme === doc.scheme &&
    (filter.language === undefined || filter.language === doc.languageId) &&
    (filter.pattern === undefined || globRegex(filter.pattern).test(doc.path))
  );
}

/** One file of each kind of PRODUCT.md §4, with the language id VS Code gives it. */
const KINDS: { kind: string; path: string; languageId: string }[] = [
  { kind: 'YAML', path: 'deploy/values.yaml', languageId: 'yaml' },
  { kind: 'GitHub Actions workflow', path: '.github/workflows/release.yml', languageId: 'yaml' },
  { kind: 'GitHub Actions workflow (GitHub Actions extension)', path: '.github/workflows/ci.yaml', languageId: 'github-actions-workflow' },
  { kind: 'goreleaser', path: '.goreleaser.yaml', languageId: 'yaml' },
  { kind: 'goreleaser without dot', path: 'goreleaser.yml', languageId: 'yaml' },
  { kind: 'GitLab CI', path: '.gitlab-ci.yml', languageId: 'yaml' },
  { kind: 'Makefile', path: 'Makefile', languageId: 'makefile' },
  { kind: 'GNUmakefile', path: 'GNUmakefile', languageId: 'makefile' },
  { kind: 'Make include', path: 'build/cross.mk', languageId: 'makefile' },
  { kind: 'Dockerfile', path: 'Dockerfile', languageId: 'dockerfile' },
  { kind: 'Dockerfile with suffix', path: 'build/Dockerfile.cross', languageId: 'dockerfile' },
  { kind: 'named Dockerfile', path: 'images/release.Dockerfile', languageId: 'dockerfile' },
  { kind: 'Containerfile', path: 'Containerfile', languageId: 'dockerfile' },
  { kind: 'Dockerfile template', path: 'images/pipeline.Dockerfile.j2', languageId: 'dockerfile' },
  { kind: 'shell script', path: 'hack/install.sh', languageId: 'shellscript' },
  { kind: 'bash script', path: 'hack/lib.bash', languageId: 'shellscript' },
];
/** Kinds a file's path decides, so they are checked whatever language the editor gave them. */
const PATH_KINDS = KINDS.filter((k) => k.kind !== 'YAML');

describe('the extension starts on every file kind', () => {
  const events: string[] = manifest.activationEvents;

  for (const k of KINDS) {
    it(`hands a ${k.kind} (${k.path}) to the server`, () => {
      const doc = { scheme: 'file', languageId: k.languageId, path: `/home/dev/project/${k.path}` };
      assert.ok(DOCUMENT_SELECTOR.some((f) => selects(f, doc)), 'by language');
      assert.ok(events.includes(`onLanguage:${k.languageId}`), `activation event onLanguage:${k.languageId}`);
    });
  }

  for (const k of PATH_KINDS) {
    it(`hands a ${k.kind} to the server by its path, whatever its language`, () => {
      const doc = { scheme: 'file', languageId: 'plaintext', path: `/home/dev/project/${k.path}` };
      assert.ok(DOCUMENT_SELECTOR.some((f) => selects(f, doc)), `a file pattern matches ${k.path}`);
    });
  }

  it('checks untitled documents of every language, and no other scheme', () => {
    for (const language of LANGUAGES) {
      assert.ok(DOCUMENT_SELECTOR.some((f) => selects(f, { scheme: 'untitled', languageId: language, path: 'Untitled-1' })), language);
    }
    assert.deepEqual([...new Set(DOCUMENT_SELECTOR.map((f) => f.scheme))].sort(), ['file', 'untitled']);
  });

  it('starts in a workspace that holds a workflow, goreleaser, GitLab, Make or Docker file', () => {
    const contains = events.filter((e) => e.startsWith('workspaceContains:')).map((e) => globRegex(e.slice('workspaceContains:'.length)));
    // Shell scripts are always `shellscript` in VS Code, so onLanguage covers them.
    for (const k of PATH_KINDS.filter((p) => p.languageId !== 'shellscript')) {
      assert.ok(contains.some((r) => r.test(k.path)), `a workspaceContains pattern matches ${k.path}`);
    }
  });

  it('activates on the languages of the document selector', () => {
    assert.deepEqual(events.filter((e) => e.startsWith('onLanguage:')).sort(), LANGUAGES.map((l) => `onLanguage:${l}`).sort());
    assert.equal(DOCUMENT_SELECTOR.filter((f) => f.pattern).length, FILE_PATTERNS.length);
  });
});

describe('the settings VS Code shows', () => {
  const configuration = manifest.contributes.configuration;
  const props: Record<string, Record<string, unknown>> = configuration.properties;

  it('are titled Kubernetes Platforms and are exactly the k8sPlatforms settings of the product', () => {
    assert.equal(configuration.title, 'Kubernetes Platforms');
    assert.deepEqual(Object.keys(props).sort(), [
      'k8sPlatforms.enable',
      'k8sPlatforms.maxFileSize',
      'k8sPlatforms.maxScanTime',
      'k8sPlatforms.modelPath',
      'k8sPlatforms.requiredTier',
      'k8sPlatforms.severity',
      'k8sPlatforms.trace.server',
    ]);
    for (const [name, schema] of Object.entries(props)) {
      assert.ok(schema.description || schema.markdownDescription, `${name} has a description`);
    }
  });

  it('types each one with the default the server uses', () => {
    assert.deepEqual([props['k8sPlatforms.enable'].type, props['k8sPlatforms.enable'].default], ['boolean', true]);
    const tier = props['k8sPlatforms.requiredTier'];
    assert.deepEqual([tier.type, tier.enum, tier.default], ['integer', [1, 2, 3], 3]);
    assert.equal((tier.enumDescriptions as string[]).length, 3);
    assert.deepEqual([props['k8sPlatforms.modelPath'].type, props['k8sPlatforms.modelPath'].default], ['string', '']);
    assert.ok(props['k8sPlatforms.modelPath'].markdownDescription);
    assert.ok(['machine-overridable', 'resource'].includes(props['k8sPlatforms.modelPath'].scope as string));
    const size = props['k8sPlatforms.maxFileSize'];
    assert.ok(size.type === 'integer' || size.type === 'number');
    assert.equal(size.default, DEFAULT_MAX_FILE_SIZE);
    assert.deepEqual([props['k8sPlatforms.maxScanTime'].type, props['k8sPlatforms.maxScanTime'].default], ['integer', DEFAULT_LIMITS.maxScanTime]);
    const trace = props['k8sPlatforms.trace.server'];
    assert.deepEqual([trace.type, trace.enum, trace.default], ['string', ['off', 'messages', 'verbose'], 'off']);
  });

  it('let each diagnostic code take a level, and nothing else', () => {
    const severity = props['k8sPlatforms.severity'] as { type: string; additionalProperties: boolean; properties: Record<string, { enum: string[]; default: string }> };
    assert.equal(severity.type, 'object');
    assert.equal(severity.additionalProperties, false);
    assert.deepEqual(Object.keys(severity.properties).sort(), [...CODES].sort());
    for (const code of CODES) {
      assert.deepEqual(severity.properties[code].enum, ['error', 'warning', 'info', 'hint', 'off'], code);
      assert.equal(severity.properties[code].default, DEFAULT_SEVERITY[code], `${code} shows its default severity`);
    }
  });

  it('keep modelPath out of untrusted workspaces', () => {
    const trust = manifest.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.deepEqual(trust.restrictedConfigurations, ['k8sPlatforms.modelPath']);
  });
});

describe('the rest of the contribution', () => {
  it('names the extension and its command as the product does', () => {
    assert.equal(manifest.name, 'k8s-platforms');
    assert.equal(manifest.displayName, 'Kubernetes Platforms');
    assert.equal(manifest.main, './dist/client.js');
    const commands = manifest.contributes.commands as { command: string; title: string; category: string }[];
    const titles = Object.fromEntries(commands.map((c) => [c.command, `${c.category}: ${c.title}`]));
    assert.deepEqual(titles, {
      'k8sPlatforms.restartServer': 'Kubernetes Platforms: Restart Server',
      'k8sPlatforms.showPlatformMatrix': 'Kubernetes Platforms: Show Platform Matrix',
    });
    // A contributed command that no code registers fails when a person runs it.
    const client = readdirSync(join(repo, 'client/src')).map((f) => readFileSync(join(repo, 'client/src', f), 'utf8')).join('\n');
    for (const c of commands) assert.ok(client.includes(`'${c.command}'`), `client/src registers ${c.command}`);
  });

  it('validates custom model files against the schema the build writes', () => {
    const [validation] = manifest.contributes.jsonValidation;
    assert.ok(validation.fileMatch.includes('*.k8s-platforms.json'));
    const schema = join(repo, validation.url);
    assert.ok(existsSync(schema), `${validation.url} exists after npm run build`);
    assert.equal(typeof JSON.parse(readFileSync(schema, 'utf8')), 'object');
  });

  it('points at an icon that is a PNG', () => {
    const icon = readFileSync(join(repo, manifest.icon));
    assert.deepEqual([...icon.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('has a client that never imports server code', () => {
    const client = join(repo, 'client/src');
    for (const file of readdirSync(client).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(client, file), 'utf8');
      assert.doesNotMatch(text, /from\s+['"][./]*server\//, `${file} imports from server/`);
    }
  });
});

describe('the bundles', () => {
  it('require zod and yaml from dist/vendor, on first use, and those files exist', () => {
    for (const bundle of ['dist/server-main.js', 'dist/cli.js']) {
      const text = readFileSync(join(repo, bundle), 'utf8');
      const vendored = [...text.matchAll(/require\("\.\/vendor\/([a-z]+)\.js"\)/g)].map((m) => m[1]);
      assert.deepEqual([...new Set(vendored)].sort(), ['yaml', 'zod'], bundle);
      for (const name of vendored) assert.ok(readFileSync(join(repo, 'dist/vendor', `${name}.js`)).length > 10_000, `dist/vendor/${name}.js`);
      // Neither package is bundled in: one copy each, compiled only when needed.
      assert.doesNotMatch(text, /ZodError|Implicit keys need to be on a single line/, bundle);
    }
  });

  it('keep the protocol library out of the CLI, whose cold start it would slow by some 20 ms', () => {
    const cli = readFileSync(join(repo, 'dist/cli.js'), 'utf8');
    assert.doesNotMatch(cli, /vscode-jsonrpc|createConnection|textDocument\/publishDiagnostics/);
  });
});

describe('the VSIX', () => {
  it('holds the bundles, the grammar, the model and its schema, the docs and the icon, and nothing else', async () => {
    const files = await listFiles({ cwd: repo, packageManager: PackageManager.None });
    assert.deepEqual(files.sort(), [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'data/platforms.json',
      'dist/client.js',
      'dist/platforms.schema.json',
      'dist/server-main.js',
      'dist/server.js',
      'dist/vendor/jsonc-parser.js',
      'dist/vendor/yaml.js',
      'dist/vendor/zod.js',
      'images/icon.png',
      'package.json',
      'syntaxes/k8s-platforms.injection.tmLanguage.json',
    ]);
  });

  it('is packed by npm run package from fresh bundles', () => {
    assert.equal(manifest.scripts.package, 'vsce package --no-dependencies');
    assert.equal(manifest.scripts['vscode:prepublish'], 'npm run build');
  });
});
