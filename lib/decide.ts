import { PURPOSES, type PurposeId } from './purposes';
import type { Regime, RegimeId } from './regimes';
import { resolveRegime } from './resolve-regime';
import type { SiteConfig } from './site-config';
import { parseStoredConsent, type StoredConsent, type StoredPurpose } from './stored-consent';

const DAY_MS = 86_400_000;

/** Why the notice is (or is not) shown. */
export type PromptReason =
  | 'no_record'
  | 'malformed'
  | 'policy_changed'
  | 'expired'
  | 'regime_changed'
  | 'new_purposes'
  | 'valid';

/** Which notice the widget shows. */
export type UiMode = 'opt_in_banner' | 'opt_out_notice' | 'none';

/** Where a purpose's effective choice came from. */
export type ChoiceSource = 'necessary' | 'stored' | 'default' | 'gpc' | 'separate_consent_required';

/** The effective choice for one purpose. */
export interface EffectiveChoice {
  granted: boolean;
  source: ChoiceSource;
}

/** Everything decide needs; all of it is plain data, so the function is pure. */
export interface DecideInput {
  regime: RegimeId;
  config: SiteConfig;
  /** Whatever the device holds; validated here. */
  stored: unknown;
  gpc: boolean;
  /** Milliseconds since the epoch. */
  now: number;
}

/** What the widget should do for this visitor, and why. */
export interface Decision {
  prompt: boolean;
  reason: PromptReason;
  ui: UiMode;
  regime: Regime;
  choices: Partial<Record<PurposeId, EffectiveChoice>>;
  /** GPC was on and turned off at least one purpose the site uses. */
  gpcApplied: boolean;
  /** When the stored consent stops being valid (ms), if there is one. */
  expiresAt: number | null;
}

/** Per-purpose decisions made explicitly (not by accept all) while GPC was on survive GPC. */
const explicitDespiteGpc = (entry: StoredPurpose) =>
  entry.gpc && entry.granted && (entry.method === 'save' || entry.method === 'api');

const defaultGrant = (regime: Regime, purpose: PurposeId) =>
  regime.model === 'opt_out' &&
  !regime.optInPurposes.includes(purpose) &&
  !regime.separateConsent.includes(purpose);

function staleness(
  stored: StoredConsent,
  config: SiteConfig,
  regime: Regime,
  now: number,
): PromptReason {
  if (stored.policyVersion !== config.policyVersion) return 'policy_changed';
  if (now >= stored.decidedAt + regime.lifetimeDays * DAY_MS) return 'expired';
  // A consent given under an opt-out notice is not the opt-in consent a stricter regime needs.
  if (
    stored.regime !== regime.id &&
    regime.model === 'opt_in' &&
    resolveRegime(stored.regime, config).model === 'opt_out'
  ) {
    return 'regime_changed';
  }
  const asked = config.purposes.some((p) => PURPOSES[p.id].optional && !stored.purposes[p.id]);
  return asked ? 'new_purposes' : 'valid';
}

function choose(
  purpose: PurposeId,
  regime: Regime,
  entry: StoredPurpose | undefined,
  gpc: boolean,
): EffectiveChoice {
  if (!PURPOSES[purpose].optional) return { granted: true, source: 'necessary' };
  const gpcDenies = gpc && regime.gpc.optsOut.includes(purpose);
  if (entry) {
    if (!entry.granted) return { granted: false, source: 'stored' };
    if (regime.separateConsent.includes(purpose) && entry.method === 'accept_all') {
      return { granted: false, source: 'separate_consent_required' };
    }
    if (gpcDenies && !explicitDespiteGpc(entry)) return { granted: false, source: 'gpc' };
    return { granted: true, source: 'stored' };
  }
  if (gpcDenies) return { granted: false, source: 'gpc' };
  return { granted: defaultGrant(regime, purpose), source: 'default' };
}

/**
 * Decides, for one page view, whether to show the notice and why, which notice, and the
 * effective choice for every purpose the site uses. A stale record (policy changed, expired,
 * regime changed) keeps its refusals but loses its grants: a "no" never lapses into a "yes".
 */
export function decide(input: DecideInput): Decision {
  const { config, gpc, now } = input;
  const regime = resolveRegime(input.regime, config);
  const stored = input.stored == null ? null : parseStoredConsent(input.stored);
  const reason: PromptReason =
    input.stored == null
      ? 'no_record'
      : !stored
        ? 'malformed'
        : staleness(stored, config, regime, now);
  const current = reason === 'valid' || reason === 'new_purposes';

  const choices: Partial<Record<PurposeId, EffectiveChoice>> = {};
  let gpcApplied = false;
  for (const { id } of config.purposes) {
    const entry = stored?.purposes[id];
    const kept = entry && (current || !entry.granted) ? entry : undefined;
    const choice = choose(id, regime, kept, gpc);
    if (choice.source === 'gpc') gpcApplied = true;
    choices[id] = choice;
  }
  const prompt = reason !== 'valid';
  return {
    prompt,
    reason,
    ui: !prompt ? 'none' : regime.model === 'opt_in' ? 'opt_in_banner' : 'opt_out_notice',
    regime,
    choices,
    gpcApplied,
    expiresAt: stored && current ? stored.decidedAt + regime.lifetimeDays * DAY_MS : null,
  };
}
