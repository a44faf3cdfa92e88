/**
 * The key an identifier travels under between content script and background, and back:
 * "email:ana@example.com", "phone:+4930123456". One place, so both sides always agree.
 */
import type { Identifier } from '../../lib/identifiers';

/** The key of an identifier. */
export const keyOf = (id: Identifier): string => `${id.kind}:${id.value}`;

/** The identifier a key names. */
export function identifierOf(key: string): Identifier {
  const at = key.indexOf(':');
  return { kind: key.slice(0, at) === 'email' ? 'email' : 'phone', value: key.slice(at + 1) };
}
