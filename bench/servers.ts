/** The two servers the benchmark drives, configured as an editor would configure them. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConfigurationItem } from 'vscode-languageserver-protocol/node';
import type { ServerSpec } from './lsp';

export const REPO = resolve(__dirname, '..');
export const SERVER_BUNDLE = resolve(REPO, 'dist/server.js');
export const CLI_BUNDLE = resolve(REPO, 'dist/cli.js');
export const YAML_LS = resolve(REPO, 'node_modules/yaml-language-server/bin/yaml-language-server');

/**
 * Our settings: the defaults, with the size limit raised so that every generated size is
 * checked whatever the default limit is.
 */
const K8S_SETTINGS = { maxFileSize: 64 * 2 ** 20 };

export function oursSpec(nodeArgs: string[] = []): ServerSpec {
  return {
    name: 'ours',
    command: process.execPath,
    args: [...nodeArgs, SERVER_BUNDLE, '--stdio'],
    configuration: (item: ConfigurationItem) => (item.section === 'k8sPlatforms' ? K8S_SETTINGS : null),
    settings: { k8sPlatforms: K8S_SETTINGS },
  };
}

/**
 * yaml-language-server with validation, hover and completion on and a small workflow schema
 * mapped to `files` (full paths: its globs skip dot folders such as bench/.out).
 */
export function yamlLsSpec(files: string[]): ServerSpec {
  const schema = pathToFileURL(resolve(__dirname, 'workflow.schema.json')).href;
  const yaml = {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
    schemas: { [schema]: files },
  };
  const sections: Record<string, unknown> = {
    yaml,
    http: { proxy: '', proxyStrictSSL: false },
    '[yaml]': {},
    editor: { detectIndentation: true },
  };
  return {
    name: 'yaml-ls',
    command: process.execPath,
    args: [YAML_LS, '--stdio'],
    configuration: (item: ConfigurationItem) => sections[item.section ?? ''] ?? null,
    settings: { yaml, http: sections.http },
  };
}
