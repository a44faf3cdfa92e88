/** A person as the ledger knows them: their entries (including those of devices linked to them) and their status. */
import type { DecisionEvent } from '../../lib/consent-status';
import type { Storage, SubjectDecisionRow, SubjectRow } from '../storage/storage';
import type { Decision } from './decision';

/** The hashed record of a consent entry, as the writer stored it: its decision and the proof around it. */
export interface ConsentRecord extends Decision {
  kind: 'consent';
  eventId: string;
  position: number;
  receivedAt: string;
  noticeHash: string;
  language: string;
  clientTime: string;
  page: string;
  country: string | null;
  subdivision: string | null;
}

/** One consent entry of a person, from the look-up projection. */
export interface PersonEntry {
  position: number;
  eventId: string;
  receivedAt: number;
  decision: Decision;
}

/** Everything the ledger holds on one person of one site. */
export interface Person {
  ref: string;
  /** All refs: the identifier's, and those of the devices that identified as this person. */
  refs: string[];
  subjects: SubjectRow[];
  /** Consent entries after the last erasure, in chain order. */
  entries: PersonEntry[];
  erasedAt: number | null;
  verified: boolean;
}

const groupByRef = (rows: SubjectDecisionRow[]) => {
  const map = new Map<string, SubjectDecisionRow[]>();
  for (const row of rows) map.set(row.subjectRef, [...(map.get(row.subjectRef) ?? []), row]);
  return map;
};

/**
 * Gathers people from the look-up projection, in four queries however many: entries filed under
 * each identifier ref, then those of every device (visitor ref) that identified as them, since a
 * device's earlier and later choices are theirs too. Nothing from before an erasure counts, and
 * a device links to a person only through entries after it.
 */
export async function findPeople(
  storage: Storage,
  siteId: string,
  refs: readonly string[],
): Promise<Person[]> {
  const owners = new Map((await storage.getSubjects(siteId, [...refs])).map((s) => [s.ref, s]));
  const direct = groupByRef(await storage.decisionsForSubjects(siteId, [...refs]));
  const people = refs.map((ref) => {
    const own = owners.get(ref);
    const entries = new Map<number, PersonEntry>();
    addEntries(entries, direct.get(ref) ?? [], own?.erasedAt);
    return {
      ref,
      own,
      entries,
      visitorRefs: [...new Set([...entries.values()].map((e) => e.decision.visitorRef))],
    };
  });
  const allVisitors = [...new Set(people.flatMap((p) => p.visitorRefs))];
  const visitorSubjects = new Map(
    (await storage.getSubjects(siteId, allVisitors)).map((s) => [s.ref, s]),
  );
  const viaVisitors = groupByRef(await storage.decisionsForSubjects(siteId, allVisitors));
  return people.map(({ ref, own, entries, visitorRefs }) => {
    for (const visitorRef of visitorRefs) {
      const erased = Math.max(visitorSubjects.get(visitorRef)?.erasedAt ?? -1, own?.erasedAt ?? -1);
      addEntries(entries, viaVisitors.get(visitorRef) ?? [], erased);
    }
    const list = [...entries.values()].sort((a, b) => a.position - b.position);
    const visitors = visitorRefs.flatMap((v) => visitorSubjects.get(v) ?? []);
    return {
      ref,
      refs: [ref, ...visitorRefs],
      subjects: own ? [own, ...visitors] : visitors,
      entries: list,
      erasedAt: own?.erasedAt ?? null,
      verified: own?.verifiedAt != null || list.some((e) => e.decision.verified),
    };
  });
}

function addEntries(
  into: Map<number, PersonEntry>,
  rows: SubjectDecisionRow[],
  erasedAt: number | null | undefined,
) {
  for (const row of rows) {
    if (into.has(row.position) || (erasedAt != null && row.receivedAt <= erasedAt)) continue;
    const { position, eventId, receivedAt } = row;
    into.set(position, {
      position,
      eventId,
      receivedAt,
      decision: JSON.parse(row.decision) as Decision,
    });
  }
}

/** One person (see findPeople). */
export const findPerson = async (storage: Storage, siteId: string, ref: string): Promise<Person> =>
  (await findPeople(storage, siteId, [ref]))[0]!;

/** One consent entry as lib's status fold takes it (authoritative server time). */
export const decisionEventOf = (
  entry: { eventId: string; receivedAt: number },
  decision: Pick<Decision, 'method' | 'policyVersion' | 'regime' | 'choices'>,
): DecisionEvent => ({
  eventId: entry.eventId,
  at: entry.receivedAt,
  method: decision.method,
  policyVersion: decision.policyVersion,
  regime: decision.regime,
  choices: decision.choices,
});

/** The person's entries as decision events. */
export const decisionEvents = (person: Person): DecisionEvent[] =>
  person.entries.map((entry) => decisionEventOf(entry, entry.decision));

/** The full chained records of the person's entries (for history and access requests). */
export async function fullRecords(storage: Storage, siteId: string, person: Person) {
  const rows = await storage.findEvents(
    siteId,
    person.entries.map((e) => e.eventId),
  );
  return rows
    .sort((a, b) => a.position - b.position)
    .map((row) => ({ hash: row.hash, ...(JSON.parse(row.record) as ConsentRecord) }));
}
