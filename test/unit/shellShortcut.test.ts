import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { inertWord, scanShellFully } from '../../server/src/scanners/shell';
import { MentionSink } from '../../server/src/scanners/mention';

/** What the full shell scan finds in `text` read as a YAML value (the way scanScalar reads one). */
function mentions(text: string, opts: { value?: boolean; mode?: 'shell' | 'make' } = {}): number {
  const sink = new MentionSink();
  scanShellFully(text, 0, text.length, sink, { mode: opts.mode ?? 'shell', value: opts.value ?? true });
  return sink.mentions.length;
}

/** Pieces of the words CI files hold, platform strings and every character the shortcut looks at. */
const PIECES = [
  'linux', 'darwin', 'windows', 'amd64', 'arm64', 'arm', 'riscv64', 'x86_64', 'v7', 'amd46',
  '/', '-', '--', '_', '.', ':', ',', '=', '$', '${', '}', '(', ')', '"', "'", '\\', '`', ';', '|', '&', '<', '>', ' ', '\t', '#', '@',
  'GOOS', 'GOARCH', 'PLATFORMS', 'platform', '--platform', '-osarch', 'for', 'in', 'sh', '-c',
  'https://', 'gs://', 'dl.k8s.io', 'pkgs.k8s.io', 'github.com', 'storage.googleapis.com', 'kubernetes-release', 'DL.K8S.IO',
  'kubernetes-server-', 'kubernetes-client-', '.tar.gz', 'kubelet', 'kubeadm', 'apt-get', 'install', 'deb', '[arch=', ']',
  'release', 'bin', 'v1.31.0', 'kubectl', 'ubuntu-latest', 'actions/checkout@v4', 'registry.k8s.io/kube-proxy',
];

describe('the shell scan shortcut for one-word values', () => {
  it('skips only words in which the full scan finds nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }), fc.boolean(), (parts, asValue) => {
        const text = parts.join('');
        if (!inertWord(text, 0, text.length)) return;
        assert.equal(mentions(text, { value: asValue }), 0, text);
        assert.equal(mentions(text, { mode: 'make' }), 0, text);
      }),
      { numRuns: 20_000 },
    );
  });

  it('skips the plain values of a workflow', () => {
    for (const w of ['ubuntu-latest', 'actions/checkout@v4', 'read', '1.22', '.', 'v1.2.3', 'bin/', 'docker/build-push-action@v6', 'linux', 'amd64']) {
      assert.equal(inertWord(w, 0, w.length), true, w);
    }
  });

  it('scans every word that can hold a platform', () => {
    for (const w of [
      'GOARCH=arm',
      '--platform=linux/arm',
      '-osarch=linux/arm',
      'https://dl.k8s.io/release/v1.31.0/bin/linux/arm/kubectl',
      'dl.k8s.io/release/v1.31.0/bin/linux/arm/kubectl',
      'gs://kubernetes-release/release/v1.31.0/bin/linux/arm/kubectl',
      'github.com/kubernetes-sigs/cri-tools/releases/download/v1.31.0/crictl-v1.31.0-linux-arm.tar.gz',
      'kubernetes-server-linux-arm.tar.gz',
      '${PLATFORMS:-linux/arm}',
      '"--platform=linux/arm"',
      'a;--platform=linux/arm',
    ]) {
      assert.equal(inertWord(w, 0, w.length), false, w);
      assert.ok(mentions(w) > 0, `the full scan finds a platform in ${w}`);
    }
    // Two words are never skipped, whatever they hold.
    assert.equal(inertWord('docker buildx', 0, 13), false);
  });
});
