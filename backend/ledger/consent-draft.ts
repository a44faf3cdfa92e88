import { canonicalJson } from '../../lib/canonical-json';
import type { ConsentEvent } from '../../lib/consent-event';
import { identifierDigest } from '../../lib/digest';
import { sha256 } from '../crypto/hash';
import { subjectRef } from '../crypto/subject-ref';
import type { Draft } from './writer';

/** What the server itself observed about the request. */
export interface RequestFacts {
  receivedAt: number;
  country: string | null;
  subdivision: string | null;
  gpcHeader: boolean;
  keyId: string;
}

/** The page without query or fragment: those often carry personal data and are not proof of anything. */
const pageOf = (url: string): string => {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
};

/**
 * Turns a validated consent event into a ledger draft: identifiers become keyed refs (the
 * plaintext is sealed under the person's data key), the visitor id becomes a ref too, and the
 * server's own facts (time, country, Sec-GPC) are stamped beside the client's.
 */
export async function consentDraft(
  event: ConsentEvent,
  facts: RequestFacts,
  pepper: Buffer,
): Promise<Draft> {
  const visitorRef = subjectRef(pepper, event.siteId, `visitor:${event.visitorId}`);
  const identity: Record<string, string> = {};
  for (const kind of ['email', 'phone'] as const) {
    const value = event.identifiers?.[kind];
    if (value)
      identity[kind] = subjectRef(pepper, event.siteId, await identifierDigest({ kind, value }));
  }
  const identityRefs = Object.values(identity);
  return {
    siteId: event.siteId,
    eventId: event.eventId,
    kind: 'consent',
    receivedAt: facts.receivedAt,
    subjectRefs: [visitorRef, ...identityRefs],
    body: {
      visitorRef,
      identity,
      // Identities claimed through a public site key are unverified until confirmed (double opt-in).
      verified: false,
      choices: event.choices,
      regime: event.regime,
      method: event.method,
      policyVersion: event.policyVersion,
      noticeHash: event.noticeHash,
      language: event.language,
      gpc: event.gpc,
      gpcHeader: facts.gpcHeader,
      clientTime: event.clientTime,
      page: pageOf(event.pageUrl),
      country: facts.country,
      subdivision: facts.subdivision,
      keyId: facts.keyId,
    },
    requestHash: sha256(canonicalJson(event)),
    secret: identityRefs.length
      ? {
          ref: identityRefs[0]!,
          plaintext: JSON.stringify({ identifiers: event.identifiers, pageUrl: event.pageUrl }),
        }
      : undefined,
  };
}
