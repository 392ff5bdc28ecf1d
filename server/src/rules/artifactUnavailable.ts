import type { TierModel, ArtifactRef } from '../model/query';
import type { RawFinding } from './finding';
import { isValidPair } from '../platform/names';
import { blame, display, osIsOdd, type Subject } from './subject';

function artifactLabel(a: ArtifactRef): string {
  switch (a.kind) {
    case 'binary':
      return a.form === 'binary' ? `The ${a.name} binary` : a.form === 'exe' ? `The ${a.name}.exe binary` : `The ${a.name} ${a.form} file`;
    case 'archive':
      return `The ${a.name} archive`;
    case 'image':
      return `The ${a.name} image`;
    case 'package':
      return `The Kubernetes ${a.format} packages`;
  }
}

function known(a: ArtifactRef, model: TierModel): boolean {
  switch (a.kind) {
    case 'binary':
      return model.isBinary(a.name);
    case 'archive':
      return model.isArchive(a.name);
    case 'image':
      return model.isImage(a.name);
    case 'package':
      return true;
  }
}

/** Where the artifact is listed, for the message: "published for linux/amd64, linux/arm64". */
function listedFor(a: ArtifactRef, model: TierModel): string[] {
  switch (a.kind) {
    case 'binary':
      return model.binaryPlatforms(a.name).filter((b) => b.forms.includes(a.form)).map((b) => b.platform);
    case 'archive':
      return [...(model.archiveInfo(a.name)?.platforms ?? [])];
    case 'image':
      return model.imagePlatforms(a.name);
    case 'package':
      // Tier 1 first, as the hover has them (the source lists them by name: amd64 after arm64).
      return model.packageArchesByTier().map((p) => (a.format === 'deb' ? p.deb : p.rpm));
  }
}

/** The end of the message: where the artifact is listed instead, or that it is listed nowhere. */
function elsewhere(a: ArtifactRef, where: string[], model: TierModel): string {
  if (where.length > 0) {
    // kubectl for darwin/arm64: listed for linux and darwin/amd64, and as kubectl.exe for windows.
    const exe = a.kind === 'binary' && a.form === 'binary' ? model.binaryPlatforms(a.name).filter((b) => b.forms.includes('exe')).map((b) => b.platform) : [];
    return `${a.kind === 'package' ? 'they exist for' : 'it is listed for'} ${where.join(', ')}${exe.length > 0 ? `, and as ${a.name}.exe for ${exe.join(', ')}` : ''}`;
  }
  // kube-scheduler.exe: the binary exists, but in no platform's list in this form.
  const other = a.kind === 'binary' ? model.binaryPlatforms(a.name).map((b) => b.platform) : [];
  if (other.length > 0) return `no platform lists it in this form (${a.name} is listed for ${other.join(', ')})`;
  return 'no platform lists it';
}

/** The forms a binary is published in for one platform (none where it is not published). */
function formsAt(model: TierModel, name: string, p: { os: string; arch: string }): readonly string[] {
  const key = `${p.os}/${p.arch}`;
  return model.binaryPlatforms(name).find((b) => b.platform === key)?.forms ?? [];
}

/**
 * artifact-unavailable: an artifact named for a platform the source document does not list it for.
 * Not for a pair Go does not know (`bin/darwin/386/kubectl`): no platform, which unknown-platform
 * says; as for a name that is none (`bin/windows/amd46/kubectl.exe`). (A pair Go knows with a
 * variant it does not, `linux/arm/v9`, is still that pair's.)
 */
export function findArtifactUnavailable(s: Subject, model: TierModel): RawFinding | undefined {
  const m = s.mention;
  if (!m.artifact || !s.platform || !s.validOs || !s.validArch || !isValidPair(s.platform.os, s.platform.arch)) return undefined;
  const a = m.artifact;
  // A split pair (a release URL whose arch is a shell default) is blamed on the part that is odd.
  const token = m.kind === 'whole' ? m.token : blame(s, osIsOdd(s, model));
  if (!token) return undefined;
  if (!known(a, model)) return undefined;
  if (model.artifactAvailable(a, s.platform)) {
    // kube-proxy.sha512 for windows: its checksum is listed there, of kube-proxy.exe, the binary published.
    if (a.kind !== 'binary' || !a.plainChecksum) return undefined;
    const forms = formsAt(model, a.name, s.platform);
    if (forms.includes('binary') || !forms.includes('exe')) return undefined;
    return {
      token,
      code: 'artifact-unavailable',
      message: `The ${a.form} file of ${a.name} is not listed for ${display(s)} in the Kubernetes release artifacts; there it is published as ${a.name}.exe.${a.form}.`,
      data: { platform: display(s) },
    };
  }
  const where = listedFor(a, model);
  if (a.kind === 'binary' && (a.form === 'binary' || a.form === 'exe')) {
    // kubectl for windows is kubectl.exe; kubelet for linux has no .exe.
    const forms = formsAt(model, a.name, s.platform);
    const other = a.form === 'binary' ? 'exe' : 'binary';
    if (forms.includes(other)) {
      return {
        token,
        code: 'artifact-unavailable',
        message: `${artifactLabel(a)} is not listed for ${display(s)} in the Kubernetes release artifacts; there it is published as ${a.name}${other === 'exe' ? '.exe' : ''}.`,
        data: { platform: display(s) },
      };
    }
  }
  const platform = a.kind === 'package' ? `${token.text} (${display(s)})` : display(s);
  return {
    token,
    code: 'artifact-unavailable',
    message: `${artifactLabel(a)} ${a.kind === 'package' ? 'are' : 'is'} not listed for ${platform} in the Kubernetes release artifacts; ${elsewhere(a, where, model)}.`,
    data: { platform: display(s) },
  };
}

