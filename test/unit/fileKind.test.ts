import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectFileKind, lintText } from '../../server/src/lint';
import { builtinModel } from '../../server/src/model/load';

describe('file kinds, by path, editor language id and shebang', () => {
  it('knows files by path whatever the editor calls them', () => {
    assert.equal(detectFileKind('/r/.github/workflows/ci.yml', 'yaml'), 'github-workflow');
    assert.equal(detectFileKind('C:\\r\\.github\\workflows\\ci.yaml'), 'github-workflow');
    assert.equal(detectFileKind('/r/.goreleaser.yaml'), 'goreleaser');
    assert.equal(detectFileKind('/r/goreleaser.yml'), 'goreleaser');
    // A project's other goreleaser configs (netbird's UI builds, audit 96).
    assert.equal(detectFileKind('/r/.goreleaser_ui_darwin.yaml'), 'goreleaser');
    assert.equal(detectFileKind('/r/.goreleaser-nightly.yml'), 'goreleaser');
    assert.equal(detectFileKind('/r/goreleaser.pro.yaml'), 'goreleaser');
    assert.equal(detectFileKind('/r/goreleaserx.yaml'), 'yaml');
    assert.equal(detectFileKind('/r/.gitlab-ci.yml'), 'gitlab-ci');
    // The files a pipeline includes (round 149: a job's extends was not followed in them).
    for (const p of ['/r/ci/templates/go.gitlab-ci.yml', '/r/Build.gitlab-ci.yml', '/r/ci/build_gitlab-ci.yaml', '/r/gitlab-ci.yml', '/r/.gitlab/ci/go.yml', '/r/.gitlab-ci/release.yaml']) assert.equal(detectFileKind(p), 'gitlab-ci', p);
    for (const p of ['/r/ci/mygitlab-ci.yml', '/r/gitlab-ci/x.yml', '/r/docs/gitlab-ci.md']) assert.notEqual(detectFileKind(p), 'gitlab-ci', p);
    assert.equal(detectFileKind('/r/config/jobs/x.yaml'), 'yaml');
    for (const p of ['/r/Makefile', '/r/GNUmakefile', '/r/common.mk', '/r/Makefile.common', '/r/release-tools/build.make', '/r/rules.mak', '/r/lib.Makefile', '/r/Makefile.Windows']) assert.equal(detectFileKind(p), 'makefile', p);
    for (const p of ['/r/makefile.go', '/r/Makefile.md', '/r/makefile_test.go']) assert.equal(detectFileKind(p), undefined, p);
    for (const p of ['/r/Dockerfile', '/r/Dockerfile.dev', '/r/build.Dockerfile', '/r/Containerfile', '/r/Dockerfile-Windows', '/r/Dockerfile_dev', '/r/Dockerfile-ubi8-8.3-227', '/r/images/capi/kubevirt-Dockerfile', '/r/base_Containerfile', '/r/pipeline.Dockerfile.j2', '/r/app.Containerfile.in', '/r/x.dockerfile.tmpl', '/r/DockerfileWindows', '/r/Dockerfile2']) assert.equal(detectFileKind(p), 'dockerfile', p);
    assert.equal(detectFileKind('/r/hack/Dockerfile-build.sh'), 'shell');
    assert.equal(detectFileKind('/r/Dockerfile_push.bash', 'shellscript'), 'shell');
    for (const p of ['/r/dockerfile_test.go', '/r/Dockerfile-parser.js', '/r/Dockerfile_notes.md', '/r/build.dockerfile.go', '/r/makefile.go', '/r/hack/update-dockerfile']) assert.notEqual(detectFileKind(p), 'dockerfile', p);
    for (const p of ['/r/a.sh', '/r/b.bash', '/r/c.zsh']) assert.equal(detectFileKind(p), 'shell', p);
    for (const p of ['/r/APKBUILD', '/r/pkg/PKGBUILD', '/r/.envrc']) assert.equal(detectFileKind(p), 'shell', p);
    assert.equal(detectFileKind('/r/apkbuild.txt'), undefined);
  });
  it('leaves source code, documents and backups named after a Dockerfile alone; knows a YAML file the editor calls a pipeline (QA 154 B1, B2)', () => {
    for (const p of ['/r/pkg/dockerfile/dockerfile.go', '/r/dockerfile.test.ts', '/r/dockerfile.spec.js', '/r/Containerfile.py', '/r/docs/Dockerfile.md', '/r/Dockerfile.orig', '/r/Dockerfile.bak']) {
      assert.equal(detectFileKind(p), undefined, p);
      assert.equal(detectFileKind(p, 'markdown'), undefined, p);
    }
    for (const p of ['/r/Dockerfile.windows', '/r/Dockerfile.ubi', '/r/Containerfile.fedora', '/r/Dockerfile.j2']) assert.equal(detectFileKind(p), 'dockerfile', p);
    for (const p of ['/r/templates/.gitlab-ci-template.yml', '/r/gitlab-ci.build.yaml']) assert.equal(detectFileKind(p), 'gitlab-ci', p);
    assert.equal(detectFileKind('/r/ci/build.yml', 'yaml.gitlab'), 'gitlab-ci');
    assert.equal(detectFileKind('/r/ci/build.yml', 'yaml.github-actions'), 'github-workflow');
    assert.equal(detectFileKind('/r/ci/build.yml', 'yaml'), 'yaml');
    assert.equal(detectFileKind('/r/ci/build.yml', 'makefile'), 'yaml');
  });

  it("knows ash's, mksh's and gmake's shebangs, and a shebang after a byte order mark (QA 154 N1, N4)", () => {
    assert.equal(detectFileKind('/r/bin/setup', 'plaintext', '#!/bin/ash'), 'shell');
    assert.equal(detectFileKind('/r/bin/setup', undefined, '#!/bin/mksh'), 'shell');
    assert.equal(detectFileKind('/r/bin/setup', 'plaintext', '\uFEFF#!/bin/bash'), 'shell');
    assert.equal(detectFileKind('/r/debian/rules', undefined, '#!/usr/bin/gmake -f'), 'makefile');
    assert.equal(detectFileKind('/r/bin/setup', undefined, '#!/usr/bin/python3'), undefined);
    assert.equal(detectFileKind('/r/bin/setup', undefined, '#!/usr/bin/flash'), undefined);
  });

  it('knows Bats test files, which are bash, by extension, language id and shebang (round 176)', () => {
    assert.equal(detectFileKind('/r/test/e2e/build.bats'), 'shell');
    assert.equal(detectFileKind('/r/test/build', 'bats'), 'shell');
    assert.equal(detectFileKind('/r/test/build', undefined, '#!/usr/bin/env bats'), 'shell');
    assert.equal(detectFileKind('/r/test/build', undefined, '#!/usr/bin/batsman'), undefined);
    // The `@test "name" {` blocks are read as shell: what they run is checked.
    const text = [
      '#!/usr/bin/env bats',
      'setup() {',
      '  export GOOS=linux GOARCH=arm',
      '}',
      '@test "cross builds" {',
      '  run env GOOS=linux GOARCH=riscv64 make build',
      '  [ "$status" -eq 0 ]',
      '  run docker buildx build --platform linux/amd64,linux/amd64 .',
      '}',
      '',
    ].join('\n');
    const found = lintText(text, 'shell', builtinModel(), { requiredTier: 3, severity: {} }).map((f) => `${f.code} ${text.slice(f.start, f.end)}`);
    assert.deepEqual(found, ['removed-platform arm', 'unsupported-platform riscv64', 'duplicate-platform linux/amd64']);
  });
  it('knows untitled and oddly named documents by language id, as VS Code, Neovim and Helix name them', () => {
    assert.equal(detectFileKind('Untitled-1', 'yaml'), 'yaml');
    assert.equal(detectFileKind('/r/rules', 'make'), 'makefile');
    assert.equal(detectFileKind('/r/rules', 'makefile'), 'makefile');
    assert.equal(detectFileKind('/r/img', 'dockerfile'), 'dockerfile');
    assert.equal(detectFileKind('/r/run', 'shellscript'), 'shell');
    assert.equal(detectFileKind('/r/run', 'bash'), 'shell');
    assert.equal(detectFileKind('/r/w.yml', 'github-actions-workflow'), 'github-workflow');
  });

  it('matches language ids in any case, and never by a property every object has (QA 146 N2, N3)', () => {
    assert.equal(detectFileKind('/r/rules', 'Makefile'), 'makefile');
    assert.equal(detectFileKind('/r/img', 'Dockerfile'), 'dockerfile');
    assert.equal(detectFileKind('Untitled-1', 'YAML'), 'yaml');
    assert.equal(detectFileKind('/r/run', 'Shell Script'), 'shell');
    for (const id of ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty', 'plaintext']) assert.equal(detectFileKind('/r/notes', id), undefined, id);
  });
  it('knows the language ids Emacs eglot sends (the major mode without -mode)', () => {
    assert.equal(detectFileKind('/r/rules.make', 'makefile-gmake'), 'makefile');
    assert.equal(detectFileKind('/r/rules.make', 'makefile-bsdmake'), 'makefile');
    assert.equal(detectFileKind('/r/config', 'yaml-ts'), 'yaml');
    assert.equal(detectFileKind('/r/img', 'dockerfile-ts'), 'dockerfile');
    assert.equal(detectFileKind('/r/run', 'bash-ts'), 'shell');
    assert.equal(detectFileKind('/r/run', 'sh'), 'shell');
  });
  it('knows extensionless scripts by their shebang, and leaves other files alone', () => {
    assert.equal(detectFileKind('/r/hack/release', undefined, '#!/usr/bin/env bash'), 'shell');
    assert.equal(detectFileKind('/r/hack/release', undefined, '#!/bin/sh -e'), 'shell');
    assert.equal(detectFileKind('/r/hack/tool', undefined, '#!/usr/bin/env python3'), undefined);
    // A makefile run as a program (Debian's debian/rules); not a script that runs make.
    assert.equal(detectFileKind('/r/debian/rules', undefined, '#!/usr/bin/make -f'), 'makefile');
    assert.equal(detectFileKind('/r/debian/rules', undefined, '#!/usr/bin/make --no-print-directory -f'), 'makefile');
    assert.equal(detectFileKind('/r/hack/build', undefined, '#!/usr/bin/env -S make -sf'), 'makefile');
    assert.equal(detectFileKind('/r/hack/build', undefined, '#!/bin/sh -e'), 'shell');
    assert.equal(detectFileKind('/r/hack/cmake-it', undefined, '#!/usr/bin/cmake -P'), undefined);
    // cloud-init's user-data, YAML by its header (QA 207 D2); not its shell-script forms.
    assert.equal(detectFileKind('/r/cloud-init/user-data', undefined, '#cloud-config'), 'yaml');
    assert.equal(detectFileKind('/r/cloud-init/user-data', undefined, '#cloud-config \r'), 'yaml');
    assert.equal(detectFileKind('/r/cloud-init/user-data', undefined, '#cloud-configs'), undefined);
    assert.equal(detectFileKind('/r/cloud-init/user-data', undefined, '#cloud-boothook'), undefined);
    assert.equal(detectFileKind('/r/README.md'), undefined);
    assert.equal(detectFileKind('/r/main.go', 'go'), undefined);
  });
});
