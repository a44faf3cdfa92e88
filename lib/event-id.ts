/**
 * Event ids: UUID version 7 (RFC 9562), the time in milliseconds first and 74 random bits after.
 * The ledger keeps one index of every event id (idempotent retries are found by it): ids that
 * grow with time are appended beside the last ones instead of landing on a random page of a large
 * index, which is what a random (version 4) id costs on every write. The id says when it was made
 * to the millisecond, which the event it names already carries (its client time).
 */

// WebCrypto is a global in browsers (secure contexts) and Node 20+; lib/ has no DOM or Node types.
const platform = globalThis as unknown as { crypto: { randomUUID(): string } };

/**
 * A new event id: the time now (ms since 1970) as the first 48 bits, then version 7 and a random
 * (version 4) UUID's last 74 random bits, whose variant bits are already those of RFC 9562.
 */
export function newEventId(): string {
  const time = Date.now().toString(16).padStart(12, '0');
  // xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: from index 15 on, random bits and the variant.
  return `${time.slice(0, 8)}-${time.slice(8)}-7${platform.crypto.randomUUID().slice(15)}`;
}
