/** A person as the ledger knows them: their entries (including those of devices linked to them) and their status. */
import type { DecisionEvent } from '../../lib/consent-status';
import type { PurposeId } from '../../lib/purposes';
import type { RegimeId } from '../../lib/regimes';
import type { Method } from '../../lib/schema-parts';
import type { EventRow, Storage, SubjectRow } from '../storage/storage';

/** The hashed record of a consent entry, as the writer stored it. */
export interface ConsentRecord {
  kind: 'consent';
  eventId: string;
  position: number;
  receivedAt: string;
  visitorRef: string;
  identity: Partial<Record<'email' | 'phone', string>>;
  verified: boolean;
  choices: Partial<Record<PurposeId, boolean>>;
  regime: RegimeId;
  method: Method;
  policyVersion: string;
  noticeHash: string;
  language: string;
  gpc: boolean;
  gpcHeader: boolean;
  clientTime: string;
  page: string;
  country: string | null;
  subdivision: string | null;
}

/** Everything the ledger holds on one person of one site. */
export interface Person {
  ref: string;
  /** All refs: the identifier's, and those of the devices that identified as this person. */
  refs: string[];
  subjects: SubjectRow[];
  /** Consent entries after the last erasure, in chain order. */
  entries: { row: EventRow; record: ConsentRecord }[];
  erasedAt: number | null;
  verified: boolean;
}

/**
 * Gathers a person: entries linked to the identifier ref, then entries of every device (visitor
 * ref) that identified as them, since a device's earlier and later choices are theirs too. Nothing
 * from before an erasure counts, and a device links to the person only through entries after it.
 */
export async function findPerson(storage: Storage, siteId: string, ref: string): Promise<Person> {
  const byPosition = new Map<number, { row: EventRow; record: ConsentRecord }>();
  const add = (rows: EventRow[], erasedAt: number | null | undefined) => {
    for (const row of rows) {
      if (row.kind !== 'consent' || byPosition.has(row.position)) continue;
      if (erasedAt != null && row.receivedAt <= erasedAt) continue;
      byPosition.set(row.position, { row, record: JSON.parse(row.record) as ConsentRecord });
    }
  };
  const [own] = await storage.getSubjects(siteId, [ref]);
  add(await storage.eventsForSubjects(siteId, [ref]), own?.erasedAt);
  const visitorRefs = [...new Set([...byPosition.values()].map((e) => e.record.visitorRef))];
  const visitors = visitorRefs.length ? await storage.getSubjects(siteId, visitorRefs) : [];
  for (const visitorRef of visitorRefs) {
    const erased = visitors.find((v) => v.ref === visitorRef)?.erasedAt;
    add(
      await storage.eventsForSubjects(siteId, [visitorRef]),
      Math.max(erased ?? -1, own?.erasedAt ?? -1),
    );
  }
  const entries = [...byPosition.values()].sort((a, b) => a.row.position - b.row.position);
  const subjects = own ? [own, ...visitors] : visitors;
  const verified = own?.verifiedAt != null || entries.some((e) => e.record.verified);
  return {
    ref,
    refs: [ref, ...visitorRefs],
    subjects,
    entries,
    erasedAt: own?.erasedAt ?? null,
    verified,
  };
}

/** One consent entry as lib's status fold takes it (authoritative server time). */
export const decisionEventOf = (row: EventRow, record: ConsentRecord): DecisionEvent => ({
  eventId: row.eventId,
  at: row.receivedAt,
  method: record.method,
  policyVersion: record.policyVersion,
  regime: record.regime,
  choices: record.choices,
});

/** The person's entries as decision events. */
export const decisionEvents = (person: Person): DecisionEvent[] =>
  person.entries.map(({ row, record }) => decisionEventOf(row, record));
