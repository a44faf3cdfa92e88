/**
 * What a badge says about one identifier: the ledger's answer folded over the purposes the team
 * cares about that apply to the identifier's channel (email purposes for an address, phone and
 * SMS purposes for a number; purposes without a channel apply to both).
 */
import type { Status } from '../../lib/consent-status';
import type { PurposeId } from '../../lib/ids';
import type { LookupResult } from '../../lib/lookup';
import { PURPOSES } from '../../lib/purposes';

/** A badge's verdict. */
export type Verdict = 'granted' | 'lacking' | 'withdrawn' | 'expired' | 'unknown';

/** The kind of identifier found on the page. */
export type IdentifierKind = 'email' | 'phone';

/** The purposes of the team's list that concern this kind of identifier. */
export function purposesFor(kind: IdentifierKind, purposes: readonly PurposeId[]): PurposeId[] {
  return purposes.filter((p) => {
    const channel = PURPOSES[p].channel;
    return !channel || (kind === 'email' ? channel === 'email' : channel !== 'email');
  });
}

/** The verdict over these purposes: the worst status wins, and "no record at all" is unknown. */
export function verdictOf(result: LookupResult, purposes: readonly PurposeId[]): Verdict {
  const statuses: Status[] = purposes.map((p) => result.purposes[p]?.status ?? 'unknown');
  if (statuses.length === 0 || statuses.every((s) => s === 'unknown')) return 'unknown';
  if (statuses.includes('withdrawn')) return 'withdrawn';
  if (statuses.includes('denied') || statuses.includes('unknown')) return 'lacking';
  if (statuses.includes('expired') || statuses.includes('outdated_policy')) return 'expired';
  return 'granted';
}

/** Words and a symbol for each verdict, so none is told by colour alone. */
export const VERDICT_TEXT: Record<Verdict, { symbol: string; short: string; long: string }> = {
  granted: { symbol: '✓', short: 'Consent', long: 'Consent given' },
  lacking: { symbol: '✕', short: 'No consent', long: 'No consent' },
  withdrawn: { symbol: '⊘', short: 'Withdrawn', long: 'Consent withdrawn' },
  expired: { symbol: '⌛', short: 'Expired', long: 'Consent expired or given under an old policy' },
  unknown: { symbol: '?', short: 'Unknown', long: 'No consent on record' },
};

/** Whether contacting is allowed without a warning. */
export const mayContact = (verdict: Verdict | 'pending') => verdict === 'granted';

/** Human label of a purpose id ("marketing_email" -> "Marketing email"). */
export const purposeLabel = (p: PurposeId) => {
  const words = p.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
