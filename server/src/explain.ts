import type { TierModel } from './model/query';
import { builtinModel } from './model/load';
import { formatPlatform, isPlatformVariant, isValidPair, isValidVariant, type Platform } from './platform/names';
import { parsePlatform } from './platform/parse';
import { findUnknownPlatform } from './rules/unknownPlatform';
import { subjectOf } from './rules/subject';

/**
 * What we know about one platform, in Markdown: the hover text, and `k8s-platforms explain`.
 * Short enough to read at a glance; long artifact lists become a table.
 */
export function explainPlatform(model: TierModel, p: Platform): string {
  const name = formatPlatform(p);
  const base = { os: p.os, arch: p.arch };
  const row = model.platform(base);
  const removed = model.removed(base);
  const out: string[] = [];
  const id = `${p.arch}-${p.os}`;
  if (removed) {
    out.push(`**${name}** (\`${id}\`): **removed** from the Kubernetes release`);
    out.push('');
    out.push(`Reason: ${removed.reason}`);
    out.push('');
    out.push(`Resources: ${removed.resources.map((r) => `[${shortLink(r)}](${r})`).join(', ')}`);
    // (A variant arm has not and arm64 has, `linux/arm/v8`: most likely arm64 was meant, as the diagnostic says.)
    if (p.arch === 'arm' && p.variant !== undefined && !isValidVariant('arm', p.variant) && isPlatformVariant('arm64', p.variant)) {
      out.push('');
      out.push(`Arm has no ${p.variant}: was ${p.os}/arm64/${p.variant} meant?`);
    }
    if (row) {
      out.push('');
      out.push(`The tier table still lists it as tier ${row.tier}; the removal takes precedence.`);
    }
  } else if (row) {
    const tier = model.tierInfo(row.tier);
    out.push(`**${name}** (\`${id}\`): Kubernetes **tier ${row.tier}**${tier ? `, "${tier.name}"` : ''}`);
    if (tier && tier.criteria.length > 0) {
      out.push('');
      for (const c of tier.criteria) out.push(`- ${c}`);
    }
    if (tier?.note) {
      out.push('');
      out.push(tier.note);
    }
    if (row.artifactTiers) {
      out.push('');
      out.push(`Scoped tiers: ${Object.entries(row.artifactTiers).map(([a, t]) => `${a} tier ${t}`).join(', ')}`);
    }
  } else if (!isValidPair(p.os, p.arch)) {
    out.push(`**${name}**: not a valid Go platform`);
    out.push('');
    out.push('`go tool dist list` does not list it, so nothing can be built for it.');
    return out.join('\n');
  } else {
    out.push(`**${name}**: in no Kubernetes tier`);
    out.push('');
    out.push('Go can build it, but Kubernetes neither builds nor tests it.');
    return out.join('\n');
  }
  out.push('');
  out.push(artifactSection(model, p));
  return out.join('\n');
}

function shortLink(url: string): string {
  const m = /github\.com\/([^/]+\/[^/]+)\/(pull|issues)\/(\d+)/.exec(url);
  return m ? `${m[1].split('/')[1]}#${m[3]}` : url;
}

function artifactSection(model: TierModel, p: Platform): string {
  const a = model.artifactsFor(p);
  const lines: string[] = [];
  if (a.images.length + a.binaries.length + a.archives.length === 0 && !a.packages) {
    lines.push('No release artifacts are listed for it.');
    const row = model.platform(p);
    // (A custom model is its own ground: the source document is the built-in model's.)
    if (row && !model.removed(p)) lines.push(`(The tier table lists it, but the artifact tables do not; ${model === builtinModel() ? 'the source document' : 'the model'} says nothing more.)`);
    return lines.join('\n');
  }
  lines.push('| artifacts | published |');
  lines.push('| --- | --- |');
  if (a.images.length > 0) lines.push(`| images | ${a.images.join(', ')} |`);
  if (a.binaries.length > 0) {
    // Binaries that come in the same forms share one entry: the hover stays short.
    const byForms = new Map<string, string[]>();
    for (const b of a.binaries) {
      const key = b.forms.join(', ');
      byForms.set(key, [...(byForms.get(key) ?? []), b.name]);
    }
    lines.push(`| binaries | ${[...byForms].map(([forms, names]) => `${names.join(', ')} (${forms})`).join('; ')} |`);
  }
  if (a.archives.length > 0) {
    // kubernetes-{client,node,server}-linux-s390x.tar.gz: one name for the set.
    const parts = a.archives.map((f) => /^kubernetes-([a-z]+)-(.+)$/.exec(f));
    const tails = new Set(parts.map((m) => m?.[2]));
    const names =
      a.archives.length > 1 && parts.every((m) => m) && tails.size === 1
        ? `kubernetes-{${parts.map((m) => m![1]).join(',')}}-${[...tails][0]}`
        : a.archives.join(', ');
    lines.push(`| archives | ${names} (+ .sha256, .sha512) |`);
  }
  if (a.packages) lines.push(`| packages | deb \`${a.packages.deb}\`, rpm \`${a.packages.rpm}\` |`);
  else lines.push('| packages | none |');
  return lines.join('\n');
}

/**
 * Where an artifact (image, binary, archive) is published, in Markdown; undefined when unknown.
 * `asPackage`: the name is a package being installed (`apt-get install -y kubeadm`): the hover
 * says where from and the architectures the release publishes packages for (the source lists
 * them by architecture, not by package: no package is said to be published).
 */
export function explainArtifact(model: TierModel, name: string, asPackage = false): string | undefined {
  let installed: string | undefined;
  if (asPackage) {
    // Tier 1 first, as everywhere (the source lists the rpm names alphabetically: x86_64 last).
    // (What the source says: packages for these architectures; it names none of them.)
    const arches = model.packageArchesByTier().map((a) => `${a.platform} (deb \`${a.deb}\`, rpm \`${a.rpm}\`)`);
    installed = `installed as a package from ${model.data.packages.repository}, where the Kubernetes release publishes deb and rpm packages for ${arches.join(', ')} (the release artifacts list them by architecture, not by package)`;
  }
  const parts: string[] = [];
  if (model.isImage(name)) parts.push(`image for ${model.imagePlatforms(name).join(', ')}`);
  if (model.isBinary(name)) {
    parts.push(`binary for ${model.binaryPlatforms(name).map((b) => `${b.platform} (${b.forms.join(', ')})`).join(', ')}`);
  }
  const archive = model.archiveInfo(name);
  if (archive) parts.push(`archive for ${[...archive.platforms].join(', ')}${archive.portable ? ', and portable' : ''}`);
  if (parts.length === 0 && installed === undefined) return undefined;
  return `**${name}**: ${[installed, parts.length > 0 ? `Kubernetes release ${parts.join('; ')}` : undefined].filter((p) => p !== undefined).join('; ')}`;
}

/** kubernetes.tar.gz, kubernetes-src.tar.gz: archives that name no platform. */
export function platformFree(model: TierModel, file: string): string | undefined {
  const a = model.data.archives.items.find((x) => !x.file.includes('{os}') && (file === x.file || file.startsWith(`${x.file}.`)));
  // The source's table ticks no platform for them, and does not call them portable either.
  return a ? `**${a.file}**: Kubernetes release archive; its name holds no platform, and the release artifacts list it under none` : undefined;
}

/** What was asked, as a message repeats it: 200 characters at most. */
function shownInput(input: string): string {
  return input.length > 200 ? `${input.slice(0, 200)}…` : input;
}

/** The longest name of a release file explainInput takes apart. */
const MAX_FILE_NAME = 120;

/** What release files' names end with after the artifact's own (`.tar.gz.sha256`, `.exe`). */
export const ARTIFACT_SUFFIXES = /(\.(sha256|sha512|sig|cert|pem|docker_tag|tar|gz|tgz|zip|exe))+$/;

/** An archive named with its platform (`kubernetes-node-linux-arm64`): the longest archive name it starts with, and the rest. */
/** The sentence a release archive named for a platform it is not published for gets (`kubernetes-server-darwin-amd64`), after its card; '' when it is listed. */
export function notListed(model: TierModel, archive: string, p: Platform): string {
  const listed = model.archiveInfo(archive)?.platforms.has(`${p.os}/${p.arch}`) ?? false;
  return listed ? '' : `\n\n${archive} is not listed for ${p.os}/${p.arch} in the Kubernetes release artifacts.`;
}

export function archivePlatform(model: TierModel, word: string): { name: string; platform: string } | undefined {
  let best: string | undefined;
  for (const a of model.data.archives.items) {
    if (model.isArchive(a.name) && word.startsWith(`${a.name}-`) && (!best || a.name.length > best.length)) best = a.name;
  }
  return best ? { name: best, platform: word.slice(best.length + 1) } : undefined;
}

export type Explained = { ok: true; platform: Platform; markdown: string } | { ok: false; message: string };

/** Explains a platform typed by a person, in any spelling (`amd64-linux`, `linux_arm64`). */
export function explainInput(model: TierModel, input: string): Explained {
  const asked = input.trim();
  const parsed = parsePlatform(asked, 'strict');
  if (!parsed) {
    // A release file: `kubectl.exe`, `kube-proxy.tar`, `kubernetes-node-linux-arm64.tar.gz`.
    // (No release file's name is longer than MAX_FILE_NAME: the suffixes are not looked for past it.)
    const word = asked.length > MAX_FILE_NAME ? asked : asked.replace(ARTIFACT_SUFFIXES, '');
    const artifact = platformFree(model, asked) ?? explainArtifact(model, word);
    if (artifact) return { ok: true, platform: { os: '', arch: '' }, markdown: artifact };
    const archive = archivePlatform(model, word);
    // (kubernetes-test-portable.tar.gz: the archive for every platform, as the model says.)
    if (archive?.platform === 'portable' && model.archiveInfo(archive.name)?.portable) {
      return { ok: true, platform: { os: '', arch: '' }, markdown: explainArtifact(model, archive.name) ?? '' };
    }
    if (archive) {
      const card = explainInput(model, archive.platform);
      if (!card.ok) return { ok: false, message: `${shownInput(input)} names ${archive.platform}: ${card.message}` };
      const about = (explainArtifact(model, archive.name) ?? '') + notListed(model, archive.name, card.platform);
      return { ok: true, platform: card.platform, markdown: `${about}\n\n${card.markdown}` };
    }
    return { ok: false, message: `${shownInput(input)} is not a platform (write it os/arch, like linux/amd64).` };
  }
  if (!parsed.valid && !model.removed(parsed)) {
    // What its diagnostic says, in a Docker platforms list (the hover on such a token says it too).
    const said = findUnknownPlatform(subjectOf({ kind: 'whole', token: { start: 0, end: asked.length, text: asked }, platform: parsed, strict: true, canonical: 'slash', context: 'explain' }), model);
    // (None said: darwin/universal, a macOS universal binary, which the diagnostics accept.)
    return { ok: false, message: `${shownInput(input)}${said && said.message.startsWith(asked) ? said.message.slice(asked.length) : ' is not a valid Go platform.'}` };
  }
  const platform = { os: parsed.os, arch: parsed.arch, ...(parsed.variant ? { variant: parsed.variant } : {}) };
  return { ok: true, platform, markdown: explainPlatform(model, platform) };
}
