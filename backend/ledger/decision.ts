import { canonicalJson } from '../../lib/canonical-json';
import type { PurposeId } from '../../lib/purposes';
import type { RegimeId } from '../../lib/regimes';
import type { Method } from '../../lib/schema-parts';

/** The part of a consent entry a look-up needs, kept per subject ref in the look-up projection. */
export interface Decision {
  visitorRef: string;
  identity: Partial<Record<'email' | 'phone', string>>;
  verified: boolean;
  choices: Partial<Record<PurposeId, boolean>>;
  regime: RegimeId;
  method: Method;
  policyVersion: string;
  gpc: boolean;
  gpcHeader: boolean;
}

const FIELDS = [
  'visitorRef',
  'identity',
  'verified',
  'choices',
  'regime',
  'method',
  'policyVersion',
  'gpc',
  'gpcHeader',
] as const;

/** The projection's text for a consent record (or draft body): its decision fields, canonical. */
export function decisionJson(record: Record<string, unknown>): string {
  const picked: Record<string, unknown> = {};
  for (const field of FIELDS) picked[field] = record[field];
  return canonicalJson(picked);
}
