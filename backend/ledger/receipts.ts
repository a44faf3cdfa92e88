import type { Receipt } from '../../lib/receipt';
import type { Secrets } from '../crypto/secrets';
import type { EventRow } from '../storage/storage';
import { signCanonical } from './signer';

/** The signed receipt of a stored consent event; the same row always gives the same receipt. */
export function receiptFor(row: EventRow, secrets: Secrets): Receipt {
  const record = JSON.parse(row.record) as { country?: string | null; gpcHeader?: boolean };
  const unsigned = {
    eventId: row.eventId,
    siteId: row.siteId,
    position: row.position,
    hash: row.hash,
    previousHash: row.prevHash,
    receivedAt: new Date(row.receivedAt).toISOString(),
    country: record.country ?? null,
    gpcHeader: record.gpcHeader === true,
    algorithm: 'Ed25519' as const,
    keyId: secrets.keyId,
  };
  return { ...unsigned, signature: signCanonical(secrets.signingKey, unsigned) };
}
