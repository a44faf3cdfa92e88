/**
 * Data-subject requests: a person's history, an access export, and erasure by crypto-shredding.
 * Used by the admin routes and the CLI alike.
 */
import { statusesOf } from '../../lib/consent-status';
import { identifierDigest } from '../../lib/digest';
import { newEventId } from '../../lib/event-id';
import { normaliseEmail, normalisePhone } from '../../lib/identifiers';
import type { PurposeId } from '../../lib/purposes';
import type { Services } from '../context';
import { open } from '../crypto/envelope';
import { sha256 } from '../crypto/hash';
import { subjectRef } from '../crypto/subject-ref';
import { decisionEvents, findPerson, fullRecords, type Person } from './person';
import { sealedAad } from './writer';

/** How a request names the person: an email, a phone number, or a digest from lib/. */
export type PersonQuery =
  { email: string } | { phone: string; defaultRegion?: string } | { digest: string };

/** A query that could not be understood. */
export class BadPersonQuery extends Error {}

async function digestOf(query: PersonQuery): Promise<string> {
  if ('digest' in query) {
    if (!/^[0-9a-f]{64}$/.test(query.digest))
      throw new BadPersonQuery('digest must be 64 lower-case hex characters');
    return query.digest;
  }
  const normalised =
    'email' in query
      ? normaliseEmail(query.email)
      : normalisePhone(query.phone, query.defaultRegion);
  if (!normalised.ok) throw new BadPersonQuery(`not a usable identifier (${normalised.error})`);
  return identifierDigest(normalised.value);
}

/** Finds the person a query names on a site. */
export async function personFor(
  services: Services,
  siteId: string,
  query: PersonQuery,
): Promise<Person> {
  return findPerson(
    services.storage,
    siteId,
    subjectRef(services.secrets.pepper, siteId, await digestOf(query)),
  );
}

/** Every consent entry of the person with the current status per purpose; no plaintext. */
export async function history(services: Services, siteId: string, query: PersonQuery) {
  const person = await personFor(services, siteId, query);
  const site = await services.storage.getSite(siteId);
  const policy = site && (await services.storage.getPolicy(siteId, site.currentPolicy));
  const purposes = (policy?.config.purposes.map((p) => p.id) ?? []) as PurposeId[];
  const statuses = statusesOf(decisionEvents(person), purposes, {
    now: services.now(),
    policyVersion: site?.currentPolicy,
    lifetimeDays: policy?.config.lifetimeDays,
  });
  return {
    siteId,
    known: person.entries.length > 0,
    erasedAt: person.erasedAt === null ? null : new Date(person.erasedAt).toISOString(),
    verified: person.verified,
    statuses: Object.fromEntries(
      Object.entries(statuses).map(([p, s]) => [
        p,
        { status: s!.status, reason: s!.reason, eventId: s!.event?.eventId ?? null },
      ]),
    ),
    entries: await fullRecords(services.storage, siteId, person),
  };
}

/** The access-request export: history plus the personal data the ledger holds, decrypted. */
export async function exportPerson(
  services: Services,
  siteId: string,
  query: PersonQuery,
  keyId: string,
) {
  const { storage, keyring } = services;
  const base = await history(services, siteId, query);
  const person = await personFor(services, siteId, query);
  const refs = new Set([
    ...person.refs,
    ...person.entries.flatMap((e) => Object.values(e.decision.identity)),
  ]);
  const personalData: unknown[] = [];
  for (const ref of refs) {
    const key = await keyring.existingKey(siteId, ref);
    if (!key) continue;
    for (const sealed of await storage.sealedFor(siteId, ref)) {
      const plain = open(key, sealed.ciphertext, sealedAad(siteId, sealed.eventId, ref));
      if (plain)
        personalData.push({
          eventId: sealed.eventId,
          ...(JSON.parse(plain.toString('utf8')) as object),
        });
    }
  }
  await storage.logAccess({ at: services.now(), keyId, siteId, action: 'export', count: 1 });
  return { ...base, exportedAt: new Date(services.now()).toISOString(), personalData };
}

/**
 * Erases a person by crypto-shredding: the data keys of every ref linked to them are deleted, so
 * their sealed personal data is unreadable everywhere (backups included, once the key backups
 * age out), and an erasure entry that names no one is appended. The chain still verifies.
 */
export async function erasePerson(
  services: Services,
  siteId: string,
  query: PersonQuery,
  keyId: string,
) {
  const { storage, keyring, writer, now } = services;
  const person = await personFor(services, siteId, query);
  const refs = [
    ...new Set([
      ...person.refs,
      ...person.entries.flatMap((e) => Object.values(e.decision.identity)),
    ]),
  ];
  const at = now();
  for (const ref of refs) {
    await storage.shredSubject(siteId, ref, at);
    keyring.forget(siteId, ref);
  }
  services.people.invalidate(siteId, refs);
  const eventId = newEventId();
  const outcome = await writer.write({
    siteId,
    eventId,
    kind: 'erasure',
    receivedAt: at,
    subjectRefs: [],
    body: {
      request: 'erasure',
      subjects: refs.length,
      entriesAffected: person.entries.length,
      keyId,
    },
    requestHash: sha256(eventId),
  });
  await storage.logAccess({ at, keyId, siteId, action: 'erase', count: refs.length });
  return {
    erased: true,
    subjects: refs.length,
    entriesAffected: person.entries.length,
    erasureEvent: { eventId, position: outcome.row.position },
  };
}
