/**
 * Golden scenarios for decide(): one row per situation a visitor can be in, named by a plain
 * sentence. Each row says where the visitor is, what their device holds, whether the browser
 * sends Global Privacy Control, when it is, and (optionally) what they press; the expectation is
 * the notice the widget shows, why, and the effective choice for the purposes the sentence names.
 */
import { describe, expect, it } from 'vitest';
import { shopConfig, SHOP_OPTIONAL } from '../tests/fixtures/site-configs';
import { applyChoice, type ConsentAction } from './apply-choice';
import { decide, type ChoiceSource, type PromptReason, type UiMode } from './decide';
import type { PurposeId } from './purposes';
import { regimeForRegion, type Region } from './region';
import type { RegimeId } from './regimes';
import type { SiteConfig, SiteConfigInput } from './site-config';
import { validateSiteConfig } from './site-config-rules';
import type { StoredConsent } from './stored-consent';

const DAY_MS = 86_400_000;
const VISITOR = 'visitor-0001';

/** The moment the first choice in most scenarios is made. */
const T0 = Date.UTC(2026, 10, 2, 9, 30);
/** `n` whole days after T0. */
const after = (days: number) => T0 + days * DAY_MS;

// Places.
const BERLIN: Region = { country: 'DE' };
const LONDON: Region = { country: 'GB' };
const LONDON_AS_UK: Region = { country: 'UK' };
const ZURICH: Region = { country: 'CH' };
const OSLO: Region = { country: 'NO' };
const LOS_ANGELES: Region = { country: 'US', subdivision: 'CA' };
const DENVER: Region = { country: 'US', subdivision: 'US-CO' };
const RICHMOND: Region = { country: 'US', subdivision: 'VA' };
const NEW_YORK: Region = { country: 'US', subdivision: 'NY' };
const US_UNKNOWN_STATE: Region = { country: 'US' };
const SHANGHAI: Region = { country: 'CN' };
const SAO_PAULO: Region = { country: 'BR', subdivision: 'SP' };
const TOKYO: Region = { country: 'JP' };
const UNKNOWN_COUNTRY: Region = { country: 'XX' };
const NOWHERE: Region = {};

// Site configuration variants: each edits the fixture's input before it is validated.
type ConfigEdit = (input: SiteConfigInput) => void;

const policy =
  (version: string): ConfigEdit =>
  (input) => {
    input.policyVersion = version;
  };
const addPurpose =
  (id: PurposeId, name: string): ConfigEdit =>
  (input) => {
    input.purposes.push({ id });
    for (const texts of Object.values(input.texts)) {
      texts.purposes[id] = { name, description: `${name}: what it does and why.` };
    }
  };
const removePurpose =
  (id: PurposeId): ConfigEdit =>
  (input) => {
    input.purposes = input.purposes.filter((p) => p.id !== id);
  };
const lifetime =
  (days: number): ConfigEdit =>
  (input) => {
    input.lifetimeDays = days;
  };
const defaultOptIn =
  (lifetimeDays?: number): ConfigEdit =>
  (input) => {
    input.defaultRegime = lifetimeDays ? { model: 'opt_in', lifetimeDays } : { model: 'opt_in' };
  };
const fallback =
  (regime: RegimeId): ConfigEdit =>
  (input) => {
    input.fallbackRegime = regime;
  };

function siteConfig(edits: readonly ConfigEdit[] = []): SiteConfig {
  const input = shopConfig();
  for (const edit of edits) edit(input);
  const result = validateSiteConfig(input);
  if (!result.ok) throw new Error(`test site config is invalid: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** An earlier visit on which the visitor did something; its record is what the device now holds. */
interface Step {
  at: number;
  action: ConsentAction;
  /** Where the visitor was then; the row's place unless given. */
  where?: Region;
  gpc?: boolean;
  /** Further edits to the row's site configuration as it was then. */
  site?: ConfigEdit[];
}

/** What the device holds: nothing, garbage, or the record earlier visits left (maybe tampered). */
type Stored =
  null | { garbage: unknown } | { steps: Step[]; tamper?: (record: StoredConsent) => unknown };

interface Expected {
  regime: RegimeId;
  prompt: boolean;
  reason: PromptReason;
  ui: UiMode;
  granted?: PurposeId[];
  denied?: PurposeId[];
  source?: Partial<Record<PurposeId, ChoiceSource>>;
  gpcApplied?: boolean;
  expiresAt?: number | null;
}

interface Row {
  sentence: string;
  where: Region;
  site?: ConfigEdit[];
  stored: Stored;
  gpc: boolean;
  now: number;
  /** What the visitor presses on this page view, before the decision is read back. */
  action?: ConsentAction;
  expect: Expected;
}

const accept = (at: number, extra: Omit<Step, 'at' | 'action'> = {}): Step => ({
  at,
  action: { type: 'accept_all' },
  ...extra,
});
const reject = (at: number, extra: Omit<Step, 'at' | 'action'> = {}): Step => ({
  at,
  action: { type: 'reject_all' },
  ...extra,
});
const save = (
  at: number,
  choices: Partial<Record<PurposeId, boolean>>,
  extra: Omit<Step, 'at' | 'action'> = {},
): Step => ({ at, action: { type: 'save', choices }, ...extra });
const acceptedAllAt = (at: number, extra: Omit<Step, 'at' | 'action'> = {}): Stored => ({
  steps: [accept(at, extra)],
});

const allOf = (source: ChoiceSource, purposes: readonly PurposeId[]) =>
  Object.fromEntries(purposes.map((p) => [p, source])) as Partial<Record<PurposeId, ChoiceSource>>;

const rows: Row[] = [
  // ---------------------------------------------------------------- GDPR: first visit and answers
  {
    sentence: 'Berlin visitor, no record: opt-in banner, everything optional denied',
    where: BERLIN,
    stored: null,
    gpc: false,
    now: T0,
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_in_banner',
      granted: ['necessary'],
      denied: SHOP_OPTIONAL,
      source: { necessary: 'necessary', ...allOf('default', SHOP_OPTIONAL) },
      gpcApplied: false,
      expiresAt: null,
    },
  },
  {
    sentence:
      'Berlin visitor presses accept all: banner gone for 182 days, analytics and advertising on, sensitive info still needs its own yes',
    where: BERLIN,
    stored: null,
    gpc: false,
    now: T0,
    action: { type: 'accept_all' },
    expect: {
      regime: 'gdpr',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['analytics', 'personalisation', 'advertising', 'marketing_email', 'sale_sharing'],
      denied: ['sensitive_personal_info'],
      source: { analytics: 'stored', advertising: 'stored' },
      gpcApplied: false,
      expiresAt: after(182),
    },
  },
  {
    sentence: 'Berlin visitor presses reject all: banner gone, everything optional denied',
    where: BERLIN,
    stored: null,
    gpc: false,
    now: T0,
    action: { type: 'reject_all' },
    expect: {
      regime: 'gdpr',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['necessary'],
      denied: SHOP_OPTIONAL,
      source: allOf('stored', SHOP_OPTIONAL),
    },
  },
  {
    sentence: 'Berlin visitor saves analytics only: analytics on, advertising and email stay off',
    where: BERLIN,
    stored: null,
    gpc: false,
    now: T0,
    action: { type: 'save', choices: { analytics: true } },
    expect: {
      regime: 'gdpr',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['analytics'],
      denied: ['advertising', 'marketing_email', 'personalisation'],
    },
  },
  {
    sentence: 'Berlin visitor ticks sensitive info in an explicit save: granted (GDPR Art. 9)',
    where: BERLIN,
    stored: acceptedAllAt(T0),
    gpc: false,
    now: after(1),
    action: { type: 'save', choices: { sensitive_personal_info: true } },
    expect: {
      regime: 'gdpr',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['sensitive_personal_info', 'analytics'],
      source: { sensitive_personal_info: 'stored' },
    },
  },
  {
    sentence: 'Berlin visitor who accepted all 181 days ago: still valid, no banner',
    where: BERLIN,
    stored: acceptedAllAt(T0),
    gpc: false,
    now: after(181),
    expect: {
      regime: 'gdpr',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['analytics', 'advertising'],
      source: { analytics: 'stored' },
      expiresAt: after(182),
    },
  },
  {
    sentence: 'Berlin visitor who accepted all 182 days ago: expired, banner again, grants dropped',
    where: BERLIN,
    stored: acceptedAllAt(T0),
    gpc: false,
    now: after(182),
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'expired',
      ui: 'opt_in_banner',
      denied: ['analytics', 'advertising', 'marketing_email'],
      source: { analytics: 'default', advertising: 'default' },
      expiresAt: null,
    },
  },
  {
    sentence: 'Berlin visitor who rejected all 200 days ago: expired, but every refusal is kept',
    where: BERLIN,
    stored: { steps: [reject(T0)] },
    gpc: false,
    now: after(200),
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'expired',
      ui: 'opt_in_banner',
      denied: SHOP_OPTIONAL,
      source: allOf('stored', SHOP_OPTIONAL),
    },
  },
  {
    sentence:
      'Berlin visitor who accepted all under the previous policy version: banner again, grants dropped',
    where: BERLIN,
    stored: acceptedAllAt(T0, { site: [policy('2026-05')] }),
    gpc: false,
    now: after(30),
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'policy_changed',
      ui: 'opt_in_banner',
      denied: ['analytics', 'advertising'],
      source: { analytics: 'default', advertising: 'default' },
      expiresAt: null,
    },
  },
  {
    sentence:
      'Berlin visitor who allowed analytics and refused advertising under the previous policy: the refusal stays, the grant lapses',
    where: BERLIN,
    stored: {
      steps: [save(T0, { analytics: true, advertising: false }, { site: [policy('2026-05')] })],
    },
    gpc: false,
    now: after(30),
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'policy_changed',
      ui: 'opt_in_banner',
      denied: ['analytics', 'advertising'],
      source: { analytics: 'default', advertising: 'stored' },
    },
  },
  {
    sentence:
      'Berlin visitor who accepted all before the site added profiling: banner asks about it, earlier grants kept meanwhile',
    where: BERLIN,
    site: [addPurpose('profiling', 'Profiling')],
    stored: acceptedAllAt(T0, { site: [removePurpose('profiling')] }),
    gpc: false,
    now: after(10),
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'new_purposes',
      ui: 'opt_in_banner',
      granted: ['analytics', 'advertising'],
      denied: ['profiling'],
      source: { analytics: 'stored', profiling: 'default' },
      expiresAt: after(182),
    },
  },
  {
    sentence: 'Berlin visitor on a site with a 90-day lifetime, accepted 89 days ago: still valid',
    where: BERLIN,
    site: [lifetime(90)],
    stored: acceptedAllAt(T0),
    gpc: false,
    now: after(89),
    expect: {
      regime: 'gdpr',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['analytics'],
      expiresAt: after(90),
    },
  },
  {
    sentence: 'Berlin visitor on a site with a 90-day lifetime, accepted 90 days ago: expired',
    where: BERLIN,
    site: [lifetime(90)],
    stored: acceptedAllAt(T0),
    gpc: false,
    now: after(90),
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'expired',
      ui: 'opt_in_banner',
      denied: ['analytics'],
      source: { analytics: 'default' },
    },
  },
  {
    sentence:
      'Berlin visitor on a site with a 395-day lifetime, accepted 300 days ago: still valid',
    where: BERLIN,
    site: [lifetime(395)],
    stored: acceptedAllAt(T0),
    gpc: false,
    now: after(300),
    expect: { regime: 'gdpr', prompt: false, reason: 'valid', ui: 'none', granted: ['analytics'] },
  },
  {
    sentence:
      'Berlin visitor whose record is from an opt-out notice in California: opt-in banner, the opt-out-era grants do not count',
    where: BERLIN,
    stored: acceptedAllAt(T0, { where: LOS_ANGELES }),
    gpc: false,
    now: after(10),
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'regime_changed',
      ui: 'opt_in_banner',
      denied: ['analytics', 'advertising', 'sale_sharing'],
      source: { analytics: 'default' },
      expiresAt: null,
    },
  },
  {
    sentence:
      'Berlin visitor who opted out of sale in California: after the move the opt-out stays, the defaults do not carry over',
    where: BERLIN,
    stored: { steps: [save(T0, { sale_sharing: false }, { where: LOS_ANGELES })] },
    gpc: false,
    now: after(10),
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'regime_changed',
      ui: 'opt_in_banner',
      denied: ['sale_sharing', 'analytics'],
      source: { sale_sharing: 'stored', analytics: 'default' },
    },
  },
  {
    sentence:
      'Berlin visitor withdraws everything after accepting all: no banner, everything denied',
    where: BERLIN,
    stored: acceptedAllAt(T0),
    gpc: false,
    now: after(20),
    action: { type: 'withdraw' },
    expect: {
      regime: 'gdpr',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['necessary'],
      denied: SHOP_OPTIONAL,
      source: allOf('stored', SHOP_OPTIONAL),
    },
  },
  {
    sentence:
      'Berlin visitor withdraws marketing email only: email off, analytics and advertising stay on',
    where: BERLIN,
    stored: acceptedAllAt(T0),
    gpc: false,
    now: after(20),
    action: { type: 'withdraw', purposes: ['marketing_email'] },
    expect: {
      regime: 'gdpr',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['analytics', 'advertising'],
      denied: ['marketing_email'],
      source: { marketing_email: 'stored' },
    },
  },
  {
    sentence:
      'Berlin visitor who accepted all 190 days ago and withdrew email at day 100: the consent still expires 182 days after the accept',
    where: BERLIN,
    stored: {
      steps: [
        accept(T0),
        { at: after(100), action: { type: 'withdraw', purposes: ['marketing_email'] } },
      ],
    },
    gpc: false,
    now: after(190),
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'expired',
      ui: 'opt_in_banner',
      denied: ['analytics', 'marketing_email'],
      source: { analytics: 'default', marketing_email: 'stored' },
    },
  },
  {
    sentence:
      'Berlin visitor who accepted all, now with GPC on: advertising, sale/sharing and profiling off, analytics kept',
    where: BERLIN,
    site: [addPurpose('profiling', 'Profiling')],
    stored: acceptedAllAt(T0),
    gpc: true,
    now: after(5),
    expect: {
      regime: 'gdpr',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['analytics'],
      denied: ['advertising', 'sale_sharing', 'profiling'],
      source: { advertising: 'gpc', sale_sharing: 'gpc', profiling: 'gpc', analytics: 'stored' },
      gpcApplied: true,
    },
  },

  // ---------------------------------------------------------------- malformed device records
  {
    sentence: 'Berlin visitor whose cookie holds a plain string: malformed, banner',
    where: BERLIN,
    stored: { garbage: 'accepted' },
    gpc: false,
    now: T0,
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'malformed',
      ui: 'opt_in_banner',
      denied: SHOP_OPTIONAL,
      expiresAt: null,
    },
  },
  {
    sentence:
      'Berlin visitor whose record has an unknown format version: malformed, its grants ignored',
    where: BERLIN,
    stored: { steps: [accept(T0)], tamper: (r) => ({ ...r, v: 2 }) },
    gpc: false,
    now: after(1),
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'malformed',
      ui: 'opt_in_banner',
      denied: ['analytics', 'advertising'],
      source: { analytics: 'default' },
    },
  },
  {
    sentence:
      'Berlin visitor whose record was decided at a negative time: malformed, grants ignored',
    where: BERLIN,
    stored: { steps: [accept(T0)], tamper: (r) => ({ ...r, decidedAt: -1 }) },
    gpc: false,
    now: after(1),
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'malformed',
      ui: 'opt_in_banner',
      denied: ['analytics'],
    },
  },
  {
    sentence: 'Berlin visitor whose record names an unknown purpose: malformed, grants ignored',
    where: BERLIN,
    stored: {
      steps: [accept(T0)],
      tamper: (r) => ({
        ...r,
        purposes: {
          ...r.purposes,
          telepathy: { granted: true, method: 'save', at: T0, gpc: false },
        },
      }),
    },
    gpc: false,
    now: after(1),
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'malformed',
      ui: 'opt_in_banner',
      denied: ['analytics'],
    },
  },
  {
    sentence: 'Berlin visitor whose record carries an unexpected extra field: malformed',
    where: BERLIN,
    stored: { steps: [accept(T0)], tamper: (r) => ({ ...r, trusted: true }) },
    gpc: false,
    now: after(1),
    expect: { regime: 'gdpr', prompt: true, reason: 'malformed', ui: 'opt_in_banner' },
  },
  {
    sentence:
      'Californian whose record is a bare number: malformed, opt-out notice with the defaults',
    where: LOS_ANGELES,
    stored: { garbage: 42 },
    gpc: false,
    now: T0,
    expect: {
      regime: 'ccpa',
      prompt: true,
      reason: 'malformed',
      ui: 'opt_out_notice',
      granted: ['analytics', 'sale_sharing'],
      denied: ['marketing_phone'],
      source: { analytics: 'default' },
    },
  },

  // ---------------------------------------------------------------- other GDPR places and fallbacks
  {
    sentence: "London visitor ('GB'), no record: GDPR opt-in banner",
    where: LONDON,
    stored: null,
    gpc: false,
    now: T0,
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_in_banner',
      denied: ['analytics', 'advertising'],
    },
  },
  {
    sentence: "London visitor given as 'UK': the same GDPR opt-in banner",
    where: LONDON_AS_UK,
    stored: null,
    gpc: false,
    now: T0,
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_in_banner',
      denied: ['analytics', 'advertising'],
    },
  },
  {
    sentence: 'Zurich visitor, no record: GDPR opt-in banner (Swiss FADP)',
    where: ZURICH,
    stored: null,
    gpc: false,
    now: T0,
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_in_banner',
      denied: ['analytics'],
    },
  },
  {
    sentence: 'Oslo visitor who accepted all a month ago: GDPR (EEA), no banner',
    where: OSLO,
    stored: acceptedAllAt(T0),
    gpc: false,
    now: after(30),
    expect: {
      regime: 'gdpr',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['analytics'],
      denied: ['sensitive_personal_info'],
    },
  },
  {
    sentence: "Visitor from an unknown country ('XX'): falls back to the GDPR opt-in banner",
    where: UNKNOWN_COUNTRY,
    stored: null,
    gpc: false,
    now: T0,
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_in_banner',
      denied: ['analytics'],
    },
  },
  {
    sentence:
      "Visitor without a country on a site whose fallback regime is 'default': opt-out notice",
    where: NOWHERE,
    site: [fallback('default')],
    stored: null,
    gpc: false,
    now: T0,
    expect: {
      regime: 'default',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_out_notice',
      granted: ['analytics'],
      denied: ['sensitive_personal_info', 'marketing_phone'],
    },
  },
  {
    sentence: 'Berlin visitor on a site whose fallback regime is CCPA: still the GDPR banner',
    where: BERLIN,
    site: [fallback('ccpa')],
    stored: null,
    gpc: false,
    now: T0,
    expect: {
      regime: 'gdpr',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_in_banner',
      denied: ['analytics'],
    },
  },

  // ---------------------------------------------------------------- CCPA (California)
  {
    sentence:
      'Californian, no record: opt-out notice, analytics, ads and sale on by default, marketing calls and texts off (TCPA)',
    where: LOS_ANGELES,
    site: [addPurpose('marketing_sms', 'Marketing texts')],
    stored: null,
    gpc: false,
    now: T0,
    expect: {
      regime: 'ccpa',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_out_notice',
      granted: ['analytics', 'advertising', 'sale_sharing', 'sensitive_personal_info'],
      denied: ['marketing_phone', 'marketing_sms'],
      source: allOf('default', ['analytics', 'sale_sharing', 'marketing_phone', 'marketing_sms']),
      gpcApplied: false,
      expiresAt: null,
    },
  },
  {
    sentence:
      'Californian with GPC, no record: sale/sharing and advertising off, analytics still on',
    where: LOS_ANGELES,
    stored: null,
    gpc: true,
    now: T0,
    expect: {
      regime: 'ccpa',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_out_notice',
      granted: ['analytics'],
      denied: ['sale_sharing', 'advertising'],
      source: { sale_sharing: 'gpc', advertising: 'gpc', analytics: 'default' },
      gpcApplied: true,
    },
  },
  {
    sentence: "Californian with GPC and an old 'accept all': sale/sharing and advertising denied",
    where: LOS_ANGELES,
    stored: acceptedAllAt(T0),
    gpc: true,
    now: after(30),
    expect: {
      regime: 'ccpa',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['analytics', 'marketing_email'],
      denied: ['sale_sharing', 'advertising'],
      source: { sale_sharing: 'gpc', advertising: 'gpc', analytics: 'stored' },
      gpcApplied: true,
    },
  },
  {
    sentence: 'Californian with GPC presses accept all: sale/sharing and advertising stay off',
    where: LOS_ANGELES,
    stored: null,
    gpc: true,
    now: T0,
    action: { type: 'accept_all' },
    expect: {
      regime: 'ccpa',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['analytics', 'marketing_email'],
      denied: ['sale_sharing', 'advertising'],
    },
  },
  {
    sentence:
      "Californian who, with GPC on, explicitly saved sale/sharing and advertising on a month ago: the 'save' survives GPC",
    where: LOS_ANGELES,
    stored: { steps: [save(T0, { sale_sharing: true, advertising: true }, { gpc: true })] },
    gpc: true,
    now: after(30),
    expect: {
      regime: 'ccpa',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['sale_sharing', 'advertising'],
      source: { sale_sharing: 'stored', advertising: 'stored' },
      gpcApplied: false,
    },
  },
  {
    sentence:
      'Californian who saved sale/sharing on before turning GPC on: GPC wins, sale/sharing off',
    where: LOS_ANGELES,
    stored: { steps: [save(T0, { sale_sharing: true })] },
    gpc: true,
    now: after(30),
    expect: {
      regime: 'ccpa',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      denied: ['sale_sharing'],
      source: { sale_sharing: 'gpc' },
      gpcApplied: true,
    },
  },
  {
    sentence:
      'Californian whose GPC signal was recorded, now browsing without it: sale/sharing and ads stay off',
    where: LOS_ANGELES,
    stored: { steps: [{ at: T0, action: { type: 'gpc' }, gpc: true }] },
    gpc: false,
    now: after(10),
    expect: {
      regime: 'ccpa',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['analytics'],
      denied: ['sale_sharing', 'advertising'],
      source: { sale_sharing: 'stored', advertising: 'stored' },
      gpcApplied: false,
    },
  },
  {
    sentence: 'Californian presses reject all: every optional purpose off, notice gone',
    where: LOS_ANGELES,
    stored: null,
    gpc: false,
    now: T0,
    action: { type: 'reject_all' },
    expect: {
      regime: 'ccpa',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['necessary'],
      denied: SHOP_OPTIONAL,
      expiresAt: T0 + 365 * DAY_MS,
    },
  },
  {
    sentence: 'Californian saves marketing calls on: granted despite the TCPA opt-in default',
    where: LOS_ANGELES,
    stored: null,
    gpc: false,
    now: T0,
    action: { type: 'save', choices: { marketing_phone: true } },
    expect: {
      regime: 'ccpa',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['marketing_phone', 'analytics'],
      source: { marketing_phone: 'stored' },
    },
  },
  {
    sentence: 'Californian who accepted all 364 days ago: still valid (12-month lifetime)',
    where: LOS_ANGELES,
    stored: acceptedAllAt(T0),
    gpc: false,
    now: after(364),
    expect: {
      regime: 'ccpa',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['marketing_phone'],
      source: { marketing_phone: 'stored' },
      expiresAt: after(365),
    },
  },
  {
    sentence:
      'Californian who accepted all 365 days ago: expired, opt-out notice, marketing calls back to off',
    where: LOS_ANGELES,
    stored: acceptedAllAt(T0),
    gpc: false,
    now: after(365),
    expect: {
      regime: 'ccpa',
      prompt: true,
      reason: 'expired',
      ui: 'opt_out_notice',
      granted: ['analytics'],
      denied: ['marketing_phone'],
      source: { analytics: 'default', marketing_phone: 'default' },
    },
  },
  {
    sentence: 'Californian who opted out of sale 400 days ago: expired, but the opt-out stays',
    where: LOS_ANGELES,
    stored: { steps: [save(T0, { sale_sharing: false })] },
    gpc: false,
    now: after(400),
    expect: {
      regime: 'ccpa',
      prompt: true,
      reason: 'expired',
      ui: 'opt_out_notice',
      granted: ['analytics'],
      denied: ['sale_sharing'],
      source: { sale_sharing: 'stored', analytics: 'default' },
    },
  },
  {
    sentence:
      'Californian who pressed accept all with GPC on, now browsing without GPC: sale/sharing and ads stay off',
    where: LOS_ANGELES,
    stored: acceptedAllAt(T0, { gpc: true }),
    gpc: false,
    now: after(10),
    expect: {
      regime: 'ccpa',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['analytics'],
      denied: ['sale_sharing', 'advertising'],
      source: { sale_sharing: 'stored', advertising: 'stored' },
    },
  },
  {
    sentence:
      'Californian who opted out of sale, now in Denver: opt-out to opt-out, no new notice, the opt-out still applies',
    where: DENVER,
    stored: { steps: [save(T0, { sale_sharing: false }, { where: LOS_ANGELES })] },
    gpc: false,
    now: after(10),
    expect: {
      regime: 'us_uoom',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['analytics'],
      denied: ['sale_sharing'],
      source: { sale_sharing: 'stored' },
    },
  },
  {
    sentence:
      'Berlin visitor who rejected all, now in California: an opt-in record is enough, no notice, refusals honoured',
    where: LOS_ANGELES,
    stored: { steps: [reject(T0, { where: BERLIN })] },
    gpc: false,
    now: after(10),
    expect: {
      regime: 'ccpa',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      denied: ['analytics', 'sale_sharing', 'advertising'],
      source: { analytics: 'stored', sale_sharing: 'stored' },
    },
  },
  {
    sentence: 'US visitor whose state is unknown: treated as Californian, opt-out notice',
    where: US_UNKNOWN_STATE,
    stored: null,
    gpc: false,
    now: T0,
    expect: {
      regime: 'ccpa',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_out_notice',
      granted: ['analytics', 'sale_sharing'],
      denied: ['marketing_phone'],
    },
  },

  // ---------------------------------------------------------------- US universal opt-out states
  {
    sentence:
      'Denver visitor, no record: opt-out notice, sensitive info and marketing calls and texts off until opted in',
    where: DENVER,
    site: [addPurpose('marketing_sms', 'Marketing texts')],
    stored: null,
    gpc: false,
    now: T0,
    expect: {
      regime: 'us_uoom',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_out_notice',
      granted: ['analytics', 'advertising', 'sale_sharing'],
      denied: ['sensitive_personal_info', 'marketing_phone', 'marketing_sms'],
      source: allOf('default', ['sensitive_personal_info', 'analytics']),
      gpcApplied: false,
    },
  },
  {
    sentence:
      'Denver visitor with GPC: sale/sharing and advertising off (universal opt-out mechanism)',
    where: DENVER,
    stored: null,
    gpc: true,
    now: T0,
    expect: {
      regime: 'us_uoom',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_out_notice',
      granted: ['analytics'],
      denied: ['sale_sharing', 'advertising'],
      source: { sale_sharing: 'gpc', advertising: 'gpc' },
      gpcApplied: true,
    },
  },
  {
    sentence:
      'Denver visitor who saved sensitive info on 200 days ago: still granted (365-day lifetime)',
    where: DENVER,
    stored: { steps: [save(T0, { sensitive_personal_info: true })] },
    gpc: false,
    now: after(200),
    expect: {
      regime: 'us_uoom',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['sensitive_personal_info', 'analytics'],
      source: { sensitive_personal_info: 'stored' },
    },
  },

  // ---------------------------------------------------------------- US opt-out states
  {
    sentence: 'Virginia visitor, no record: opt-out notice, sensitive info and marketing calls off',
    where: RICHMOND,
    stored: null,
    gpc: false,
    now: T0,
    expect: {
      regime: 'us_opt_out',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_out_notice',
      granted: ['analytics', 'advertising', 'sale_sharing'],
      denied: ['sensitive_personal_info', 'marketing_phone'],
    },
  },
  {
    sentence:
      'Virginia visitor with GPC, where it is not binding: Consentry honours it anyway, sale/sharing and ads off',
    where: RICHMOND,
    stored: null,
    gpc: true,
    now: T0,
    expect: {
      regime: 'us_opt_out',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_out_notice',
      granted: ['analytics'],
      denied: ['sale_sharing', 'advertising'],
      gpcApplied: true,
    },
  },

  // ---------------------------------------------------------------- default regime
  {
    sentence:
      'New York visitor, no record: default regime opt-out notice, analytics on, sensitive info and marketing calls off',
    where: NEW_YORK,
    stored: null,
    gpc: false,
    now: T0,
    expect: {
      regime: 'default',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_out_notice',
      granted: ['analytics', 'advertising', 'sale_sharing'],
      denied: ['sensitive_personal_info', 'marketing_phone'],
      source: { analytics: 'default', sensitive_personal_info: 'default' },
    },
  },
  {
    sentence: 'New York visitor with GPC: sale/sharing and ads off under the default regime too',
    where: NEW_YORK,
    stored: null,
    gpc: true,
    now: T0,
    expect: {
      regime: 'default',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_out_notice',
      granted: ['analytics'],
      denied: ['sale_sharing', 'advertising'],
      gpcApplied: true,
    },
  },
  {
    sentence:
      'New York visitor who accepted all 182 days ago: expired under the default six months',
    where: NEW_YORK,
    stored: acceptedAllAt(T0),
    gpc: false,
    now: after(182),
    expect: {
      regime: 'default',
      prompt: true,
      reason: 'expired',
      ui: 'opt_out_notice',
      granted: ['analytics'],
      denied: ['marketing_phone', 'sensitive_personal_info'],
      source: { analytics: 'default', marketing_phone: 'default' },
    },
  },
  {
    sentence:
      'New York visitor on a site whose default regime is opt-in: opt-in banner, everything optional denied',
    where: NEW_YORK,
    site: [defaultOptIn()],
    stored: null,
    gpc: false,
    now: T0,
    expect: {
      regime: 'default',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_in_banner',
      granted: ['necessary'],
      denied: SHOP_OPTIONAL,
      source: allOf('default', SHOP_OPTIONAL),
    },
  },
  {
    sentence:
      'Tokyo visitor on an opt-in default site with a 30-day default lifetime, accepted 29 days ago: valid',
    where: TOKYO,
    site: [defaultOptIn(30)],
    stored: acceptedAllAt(T0),
    gpc: false,
    now: after(29),
    expect: {
      regime: 'default',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['analytics'],
      expiresAt: after(30),
    },
  },
  {
    sentence:
      'Tokyo visitor on an opt-in default site with a 30-day default lifetime, accepted 30 days ago: expired, banner',
    where: TOKYO,
    site: [defaultOptIn(30)],
    stored: acceptedAllAt(T0),
    gpc: false,
    now: after(30),
    expect: {
      regime: 'default',
      prompt: true,
      reason: 'expired',
      ui: 'opt_in_banner',
      denied: ['analytics'],
      source: { analytics: 'default' },
    },
  },
  {
    sentence:
      'Tokyo visitor on an opt-in default site whose record is from the Californian opt-out notice: regime changed, banner',
    where: TOKYO,
    site: [defaultOptIn()],
    stored: acceptedAllAt(T0, { where: LOS_ANGELES }),
    gpc: false,
    now: after(10),
    expect: {
      regime: 'default',
      prompt: true,
      reason: 'regime_changed',
      ui: 'opt_in_banner',
      denied: ['analytics', 'advertising'],
    },
  },
  {
    sentence:
      'Berlin visitor who accepted all on the opt-in banner of a default-opt-in site in New York: an opt-in consent, still valid',
    where: BERLIN,
    site: [defaultOptIn()],
    stored: acceptedAllAt(T0, { where: NEW_YORK }),
    gpc: false,
    now: after(10),
    expect: {
      regime: 'gdpr',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['analytics', 'advertising'],
      source: { analytics: 'stored' },
    },
  },

  // ---------------------------------------------------------------- PIPL (China)
  {
    sentence: 'Shanghai visitor, no record: opt-in banner, everything optional denied',
    where: SHANGHAI,
    stored: null,
    gpc: false,
    now: T0,
    expect: {
      regime: 'pipl',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_in_banner',
      granted: ['necessary'],
      denied: SHOP_OPTIONAL,
    },
  },
  {
    sentence:
      'Shanghai visitor presses accept all: cross-border transfer, third-party provision and sensitive info still not granted',
    where: SHANGHAI,
    stored: null,
    gpc: false,
    now: T0,
    action: { type: 'accept_all' },
    expect: {
      regime: 'pipl',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['analytics', 'advertising', 'marketing_email'],
      denied: ['cross_border_transfer', 'third_party_provision', 'sensitive_personal_info'],
    },
  },
  {
    sentence:
      'Shanghai visitor who accepted all then ticked cross-border transfer, third-party provision and sensitive info: all granted',
    where: SHANGHAI,
    stored: acceptedAllAt(T0),
    gpc: false,
    now: after(1),
    action: {
      type: 'save',
      choices: {
        cross_border_transfer: true,
        third_party_provision: true,
        sensitive_personal_info: true,
      },
    },
    expect: {
      regime: 'pipl',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: [
        'cross_border_transfer',
        'third_party_provision',
        'sensitive_personal_info',
        'analytics',
      ],
      source: allOf('stored', ['cross_border_transfer', 'third_party_provision']),
    },
  },
  {
    sentence:
      "Shanghai visitor whose record is a Berlin 'accept all': cross-border transfer and third-party provision need separate consent",
    where: SHANGHAI,
    stored: acceptedAllAt(T0, { where: BERLIN }),
    gpc: false,
    now: after(10),
    expect: {
      regime: 'pipl',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['analytics'],
      denied: ['cross_border_transfer', 'third_party_provision', 'sensitive_personal_info'],
      source: {
        cross_border_transfer: 'separate_consent_required',
        third_party_provision: 'separate_consent_required',
        analytics: 'stored',
      },
    },
  },
  {
    sentence:
      'Shanghai visitor withdraws cross-border transfer after granting it: transfer off, other choices kept',
    where: SHANGHAI,
    stored: { steps: [save(T0, { analytics: true, cross_border_transfer: true })] },
    gpc: false,
    now: after(40),
    action: { type: 'withdraw', purposes: ['cross_border_transfer'] },
    expect: {
      regime: 'pipl',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['analytics'],
      denied: ['cross_border_transfer'],
      source: { cross_border_transfer: 'stored' },
    },
  },
  {
    sentence:
      'Shanghai visitor who granted cross-border transfer under the previous policy: re-consent asked, transfer off (PIPL Art. 14)',
    where: SHANGHAI,
    stored: {
      steps: [save(T0, { cross_border_transfer: true }, { site: [policy('2026-05')] })],
    },
    gpc: false,
    now: after(40),
    expect: {
      regime: 'pipl',
      prompt: true,
      reason: 'policy_changed',
      ui: 'opt_in_banner',
      denied: ['cross_border_transfer'],
      source: { cross_border_transfer: 'default' },
    },
  },

  // ---------------------------------------------------------------- LGPD (Brazil)
  {
    sentence: 'São Paulo visitor, no record: opt-in banner, everything optional denied',
    where: SAO_PAULO,
    stored: null,
    gpc: false,
    now: T0,
    expect: {
      regime: 'lgpd',
      prompt: true,
      reason: 'no_record',
      ui: 'opt_in_banner',
      denied: SHOP_OPTIONAL,
      gpcApplied: false,
    },
  },
  {
    sentence:
      'São Paulo visitor presses accept all: third-party provision and sensitive info not granted, cross-border transfer is',
    where: SAO_PAULO,
    stored: null,
    gpc: false,
    now: T0,
    action: { type: 'accept_all' },
    expect: {
      regime: 'lgpd',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      granted: ['analytics', 'cross_border_transfer'],
      denied: ['third_party_provision', 'sensitive_personal_info'],
    },
  },
  {
    sentence: 'São Paulo visitor who rejected all 100 days ago: valid, no banner, all still denied',
    where: SAO_PAULO,
    stored: { steps: [reject(T0)] },
    gpc: false,
    now: after(100),
    expect: {
      regime: 'lgpd',
      prompt: false,
      reason: 'valid',
      ui: 'none',
      denied: SHOP_OPTIONAL,
      source: allOf('stored', SHOP_OPTIONAL),
    },
  },
];

/** Builds what the device holds, replaying the earlier visits through applyChoice. */
function deviceState(row: Row): unknown {
  const stored = row.stored;
  if (stored === null) return null;
  if ('garbage' in stored) return stored.garbage;
  let record: StoredConsent | null = null;
  for (const step of stored.steps) {
    const config = siteConfig([...(row.site ?? []), ...(step.site ?? [])]);
    record = applyChoice({
      regime: regimeForRegion(step.where ?? row.where, config.fallbackRegime),
      config,
      stored: record,
      gpc: step.gpc ?? false,
      now: step.at,
      visitorId: VISITOR,
      action: step.action,
    }).record;
  }
  return stored.tamper && record ? stored.tamper(record) : record;
}

describe('decide: golden scenarios', () => {
  it('has a row for every regime and enough rows to matter', () => {
    const regimes = new Set(
      rows.map((row) => regimeForRegion(row.where, siteConfig(row.site).fallbackRegime)),
    );
    expect([...regimes].sort()).toEqual(
      ['ccpa', 'default', 'gdpr', 'lgpd', 'pipl', 'us_opt_out', 'us_uoom'].sort(),
    );
    expect(rows.length).toBeGreaterThanOrEqual(45);
    expect(new Set(rows.map((row) => row.sentence)).size).toBe(rows.length);
  });

  it.each(rows)('$sentence', (row) => {
    const config = siteConfig(row.site);
    const regime = regimeForRegion(row.where, config.fallbackRegime);
    let stored = deviceState(row);
    if (row.action) {
      stored = applyChoice({
        regime,
        config,
        stored,
        gpc: row.gpc,
        now: row.now,
        visitorId: VISITOR,
        action: row.action,
      }).record;
    }
    const decision = decide({ regime, config, stored, gpc: row.gpc, now: row.now });

    const want = row.expect;
    const expected: Record<string, unknown> = {
      regime: want.regime,
      prompt: want.prompt,
      reason: want.reason,
      ui: want.ui,
    };
    const actual: Record<string, unknown> = {
      regime: decision.regime.id,
      prompt: decision.prompt,
      reason: decision.reason,
      ui: decision.ui,
    };
    for (const id of want.granted ?? []) {
      expected[`granted.${id}`] = true;
      actual[`granted.${id}`] = decision.choices[id]?.granted;
    }
    for (const id of want.denied ?? []) {
      expected[`granted.${id}`] = false;
      actual[`granted.${id}`] = decision.choices[id]?.granted;
    }
    for (const [id, source] of Object.entries(want.source ?? {})) {
      expected[`source.${id}`] = source;
      actual[`source.${id}`] = decision.choices[id as PurposeId]?.source;
    }
    if (want.gpcApplied !== undefined) {
      expected.gpcApplied = want.gpcApplied;
      actual.gpcApplied = decision.gpcApplied;
    }
    if (want.expiresAt !== undefined) {
      expected.expiresAt = want.expiresAt;
      actual.expiresAt = decision.expiresAt;
    }
    expect(actual).toEqual(expected);
  });
});
