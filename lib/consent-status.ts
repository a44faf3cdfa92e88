import type { PurposeId } from './purposes';
import { REGIMES, type RegimeId } from './regimes';
import type { Method } from './schema-parts';

const DAY_MS = 86_400_000;

/** What the model can say about a person and a purpose. */
export const STATUSES = [
  'granted',
  'denied',
  'withdrawn',
  'expired',
  'outdated_policy',
  'unknown',
] as const;

/** One status. */
export type Status = (typeof STATUSES)[number];

/** The part of a ledger event the fold needs. `at` is the authoritative (server) time in ms. */
export interface DecisionEvent {
  eventId: string;
  at: number;
  method: Method;
  policyVersion: string;
  regime: RegimeId;
  choices: Partial<Record<PurposeId, boolean>>;
}

/** What the fold is judged against. */
export interface StatusContext {
  now: number;
  /** The site's current policy version; grants under another are outdated. Omit to skip the check. */
  policyVersion?: string;
  /** Consent lifetime; defaults to that of the regime the event was recorded under. */
  lifetimeDays?: number;
}

/** A status with the event that decided it and the reason in words. */
export interface PurposeStatus {
  status: Status;
  event: DecisionEvent | null;
  reason: string;
  /** For a grant: when it lapses (ms). */
  expiresAt: number | null;
}

/** Total order on events: time, then id, so equal times still give one answer whatever the order. */
const isLater = (a: DecisionEvent, b: DecisionEvent) =>
  a.at > b.at || (a.at === b.at && a.eventId > b.eventId);

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The status of one person for one purpose, as a pure fold over their events: the latest decision
 * for the purpose wins; a refusal after a grant (or any withdrawal) is a withdrawal; a grant lapses
 * after the lifetime or when the policy version moves on. Order of the input does not matter.
 */
export function statusOf(
  events: Iterable<DecisionEvent>,
  purpose: PurposeId,
  context: StatusContext,
): PurposeStatus {
  let latest: DecisionEvent | null = null;
  let latestGrant: DecisionEvent | null = null;
  for (const event of events) {
    const choice = event.choices[purpose];
    if (choice === undefined) continue;
    if (!latest || isLater(event, latest)) latest = event;
    if (choice && (!latestGrant || isLater(event, latestGrant))) latestGrant = event;
  }
  if (!latest)
    return { status: 'unknown', event: null, reason: 'No decision recorded', expiresAt: null };
  const when = day(latest.at);
  if (!latest.choices[purpose]) {
    if (latest.method === 'withdrawal' || (latestGrant && isLater(latest, latestGrant))) {
      return {
        status: 'withdrawn',
        event: latest,
        reason: `Withdrew consent on ${when}`,
        expiresAt: null,
      };
    }
    const reason =
      latest.method === 'gpc'
        ? `Opted out by Global Privacy Control on ${when}`
        : `Refused on ${when}`;
    return { status: 'denied', event: latest, reason, expiresAt: null };
  }
  const lifetime = context.lifetimeDays ?? REGIMES[latest.regime].lifetimeDays;
  const expiresAt = latest.at + lifetime * DAY_MS;
  if (context.now >= expiresAt) {
    return {
      status: 'expired',
      event: latest,
      reason: `Consent given on ${when} expired on ${day(expiresAt)}`,
      expiresAt,
    };
  }
  if (context.policyVersion !== undefined && latest.policyVersion !== context.policyVersion) {
    return {
      status: 'outdated_policy',
      event: latest,
      reason: `Consent given on ${when} under policy ${latest.policyVersion}, now ${context.policyVersion}`,
      expiresAt,
    };
  }
  return { status: 'granted', event: latest, reason: `Granted on ${when}`, expiresAt };
}

/** The status for each of several purposes. */
export const statusesOf = (
  events: readonly DecisionEvent[],
  purposes: readonly PurposeId[],
  context: StatusContext,
): Partial<Record<PurposeId, PurposeStatus>> =>
  Object.fromEntries(purposes.map((p) => [p, statusOf(events, p, context)]));
