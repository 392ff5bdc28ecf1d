// Which documents the extension hands to the server: the file kinds of PRODUCT.md §4, by language
// id and by path, so a workflow is checked whether or not an extension gives it its own language.
// Plain data without `vscode` imports, so the manifest test can compare it with package.json.

export interface DocumentFilter {
  scheme: string;
  language?: string;
  pattern?: string;
}

/** Language ids of the file kinds (VS Code's built-in ids plus the GitHub Actions extension's). */
export const LANGUAGES = ['yaml', 'github-actions-workflow', 'makefile', 'dockerfile', 'shellscript'] as const;

/** Paths that are a file kind whatever language a user or another extension gave them. */
export const FILE_PATTERNS = [
  '**/.github/workflows/*.{yml,yaml}',
  '**/.goreleaser.{yml,yaml}',
  '**/goreleaser.{yml,yaml}',
  '**/.gitlab-ci.{yml,yaml}',
  '**/Makefile',
  '**/makefile',
  '**/Makefile.*',
  '**/makefile.*',
  '**/GNUmakefile',
  '**/*.mk',
  '**/*.make',
  '**/*.mak',
  '**/*.Makefile',
  '**/Dockerfile',
  '**/Dockerfile.*',
  '**/Dockerfile-*',
  '**/Dockerfile_*',
  '**/*.Dockerfile',
  '**/*.{Dockerfile,Containerfile}.{j2,jinja,jinja2,tmpl,tpl,template,in}',
  '**/*-Dockerfile',
  '**/*_Dockerfile',
  '**/Dockerfile[A-Z0-9]*',
  '**/Containerfile',
  '**/Containerfile.*',
  '**/*.sh',
  '**/*.bash',
  '**/*.bats',
] as const;

export const DOCUMENT_SELECTOR: DocumentFilter[] = [
  ...LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]),
  // An untitled document has no path, so patterns only apply to files.
  ...FILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
];
