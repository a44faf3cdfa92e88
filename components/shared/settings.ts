/**
 * The extension's settings: validated on every read (a bad stored value falls back to the
 * defaults with the reason, never throws) and versioned, with a migration from each earlier
 * version. Kept in `storage.local` only: the reader key must never leave this browser.
 */
import * as v from 'valibot';
import { PURPOSE_IDS, type PurposeId } from '../../lib/ids';
import { isPhoneRegion } from '../../lib/identifiers';
import { CRM_PRESET_IDS, CRM_PRESETS, originPattern, type CrmPresetId } from './crm-presets';

export const SETTINGS_VERSION = 2;

const HttpOrigin = v.pipe(
  v.string(),
  v.maxLength(300),
  v.check(
    (s) => originPattern(s) !== null,
    'must be an http(s) origin such as https://crm.example.com',
  ),
);

/** Schema of the current settings. */
export const SettingsSchema = v.strictObject({
  version: v.literal(SETTINGS_VERSION),
  /** The ledger, e.g. https://consent.example.com (no path). */
  backendUrl: v.union([v.literal(''), HttpOrigin]),
  /** A reader key (rk_…). */
  readerKey: v.union([
    v.literal(''),
    v.pipe(v.string(), v.regex(/^rk_[A-Za-z0-9_-]{16,200}$/, 'must be a reader key (rk_…)')),
  ]),
  crms: v.array(v.picklist(CRM_PRESET_IDS)),
  customOrigins: v.pipe(v.array(HttpOrigin), v.maxLength(50)),
  purposes: v.pipe(v.array(v.picklist(PURPOSE_IDS)), v.minLength(1, 'choose at least one purpose')),
  guard: v.picklist(['warn', 'block']),
  /** Region for phone numbers written without a country code (ISO 3166-1 alpha-2). */
  phoneRegion: v.pipe(
    v.string(),
    v.regex(/^[A-Z]{2}$/, 'must be a country code such as US'),
    v.check(isPhoneRegion, 'is not a country phone numbers can be read in (such as US or DE)'),
  ),
  /** How long an answer is shown without asking again. */
  cacheMinutes: v.pipe(
    v.number('must be a number of minutes'),
    v.integer('must be a whole number of minutes'),
    v.minValue(1, 'must be at least 1 minute'),
    v.maxValue(24 * 60, 'must be at most 1440 minutes (a day)'),
  ),
});

/** The settings. */
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  backendUrl: '',
  readerKey: '',
  crms: [],
  customOrigins: [],
  purposes: ['marketing_email', 'marketing_phone'] satisfies PurposeId[],
  guard: 'warn',
  phoneRegion: 'US',
  cacheMinutes: 10,
};

/**
 * Version 1 (the first release) kept one list of origins, presets and custom mixed, and called
 * the purposes "channels".
 */
const SettingsV1Schema = v.object({
  version: v.literal(1),
  backendUrl: v.string(),
  readerKey: v.string(),
  origins: v.array(v.string()),
  channels: v.array(v.string()),
  guard: v.optional(v.string()),
});

function fromV1(old: v.InferOutput<typeof SettingsV1Schema>): unknown {
  const presetFor = (origin: string) =>
    CRM_PRESET_IDS.find((id) => (CRM_PRESETS[id].origins as readonly string[]).includes(origin));
  const crms = [...new Set(old.origins.map(presetFor).filter((id): id is CrmPresetId => !!id))];
  return {
    ...DEFAULT_SETTINGS,
    backendUrl: old.backendUrl,
    readerKey: old.readerKey,
    crms,
    customOrigins: old.origins.filter((o) => !presetFor(o)),
    purposes: old.channels.map((c) =>
      c === 'email' ? 'marketing_email' : c === 'phone' ? 'marketing_phone' : c,
    ),
    guard: old.guard ?? 'warn',
  };
}

/** What reading the stored settings gave: the settings, and why the defaults were used if they were. */
export interface LoadedSettings {
  settings: Settings;
  problem: string | null;
}

/** The settings from a stored value of any version; never throws. */
export function readSettings(stored: unknown): LoadedSettings {
  if (stored == null) return { settings: DEFAULT_SETTINGS, problem: null };
  let value: unknown = stored;
  const v1 = v.safeParse(SettingsV1Schema, value);
  if (v1.success) value = fromV1(v1.output);
  const parsed = v.safeParse(SettingsSchema, value);
  if (parsed.success) return { settings: parsed.output, problem: null };
  // A region saved before regions were checked against libphonenumber's ("UK" for GB): the
  // default instead, everything else kept, rather than the whole of the rep's settings lost.
  const region = (value as { phoneRegion?: unknown } | null)?.phoneRegion;
  if (typeof region === 'string' && !isPhoneRegion(region)) {
    const fixed = v.safeParse(SettingsSchema, {
      ...(value as object),
      phoneRegion: DEFAULT_SETTINGS.phoneRegion,
    });
    if (fixed.success)
      return {
        settings: fixed.output,
        problem: `phoneRegion: ${region} is not a country phone numbers can be read in; ${DEFAULT_SETTINGS.phoneRegion} is used until the options are saved`,
      };
  }
  return { settings: DEFAULT_SETTINGS, problem: describeIssues(parsed.issues) };
}

/** Checks settings a user is about to save; the message names the field. */
export function validateSettings(
  input: unknown,
): { ok: true; settings: Settings } | { ok: false; error: string } {
  const parsed = v.safeParse(SettingsSchema, input);
  return parsed.success
    ? { ok: true, settings: parsed.output }
    : { ok: false, error: describeIssues(parsed.issues) };
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0]!;
  const path = v.getDotPath(first);
  return path ? `${path}: ${first.message}` : first.message;
}

/** Every origin the settings need host access to: the ledger's and the CRMs'. */
export function originsOf(settings: Settings): { backend: string[]; crm: string[] } {
  const backend = settings.backendUrl ? [originPattern(settings.backendUrl)!] : [];
  const crm = [
    ...settings.crms.flatMap((id) => CRM_PRESETS[id].origins),
    ...settings.customOrigins.map((o) => originPattern(o)!),
  ];
  return { backend, crm: [...new Set(crm)] };
}
