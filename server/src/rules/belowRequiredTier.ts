import type { TierModel } from '../model/query';
import type { RawFinding } from './finding';
import { blame, display, type Subject } from './subject';

/** below-required-tier: only when k8sPlatforms.requiredTier is stricter than the platform's tier. */
export function findBelowRequiredTier(s: Subject, model: TierModel, requiredTier: number): RawFinding | undefined {
  if (requiredTier >= 3 || s.os === undefined || s.arch === undefined) return undefined;
  const p = { os: s.os, arch: s.arch };
  // An artifact may have a tier of its own on the platform (the model's artifactTiers).
  const artifact = s.mention.kind === 'whole' ? s.mention.artifact : undefined;
  const scopedTo = artifact && artifact.kind !== 'package' ? artifact.name : undefined;
  const tier = model.tierOf(p, scopedTo);
  if (tier === undefined || tier <= requiredTier) return undefined;
  // Said of the artifact when its tier is its own there, not the platform's.
  const platformTier = scopedTo === undefined ? tier : model.tierOf(p);
  const subject = platformTier === tier ? display(s) : `${scopedTo} on ${display(s)}`;
  const scope = platformTier === tier || platformTier === undefined ? '' : `; ${display(s)} itself is tier ${platformTier}`;
  // In a split pair, blame the os when no platform of that os meets the required tier.
  const osMeets = model.supportedPlatforms().some((x) => x.os === s.os && x.tier <= requiredTier);
  const t = blame(s, !osMeets);
  if (!t) return undefined;
  const name = model.tierInfo(tier)?.name;
  const required = model.tierInfo(requiredTier)?.name;
  return {
    token: t,
    code: 'below-required-tier',
    message: `${subject} is tier ${tier}${name ? ` (${name})` : ''}, below the required tier ${requiredTier}${required ? ` (${required})` : ''}${scope}.`,
    data: { platform: display(s) },
  };
}
