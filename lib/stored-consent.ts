/**
 * The consent record a device keeps (revisioned, as cookieconsent v3 does); anything else is
 * "malformed". Checked by hand rather than with a schema library: this runs in the widget, where
 * every byte is downloaded by every visitor. `stored-consent.test.ts` holds the same rules as a
 * valibot schema and proves the two agree on random and mutated records.
 */
import {
  METHODS,
  PURPOSE_IDS,
  REGIME_IDS,
  type Method,
  type PurposeId,
  type RegimeId,
} from './ids';

/** One purpose's entry in the record on the device. */
export interface StoredPurpose {
  granted: boolean;
  method: Method;
  /** When this purpose was last decided, in ms since the epoch. */
  at: number;
  /** Whether Global Privacy Control was on when it was decided. */
  gpc: boolean;
}

/** The record on the device. */
export interface StoredConsent {
  v: 1;
  /** Pseudonymous visitor id, also sent to the ledger. */
  id: string;
  policyVersion: string;
  regime: RegimeId;
  /** When the visitor last answered the notice as a whole; the lifetime counts from here. */
  decidedAt: number;
  purposes: Partial<Record<PurposeId, StoredPurpose>>;
}

type Plain = Record<string, unknown>;

/** An object as storage gives one back: no array, nothing inherited beyond Object's own. */
const isPlain = (x: unknown): x is Plain =>
  typeof x === 'object' &&
  x !== null &&
  !Array.isArray(x) &&
  [Object.prototype, null].includes(Object.getPrototypeOf(x));

/** Exactly these keys, no more, no fewer. */
const hasKeys = (x: Plain, keys: string[]) => {
  const own = Object.keys(x);
  return own.length === keys.length && own.every((k) => keys.includes(k));
};

const isTimestamp = (x: unknown) => Number.isInteger(x) && (x as number) >= 0;

const isOneOf = (list: readonly string[], x: unknown) => list.includes(x as string);

const isPurposeEntry = (x: unknown) =>
  isPlain(x) &&
  hasKeys(x, ['granted', 'method', 'at', 'gpc']) &&
  typeof x.granted === 'boolean' &&
  isOneOf(METHODS, x.method) &&
  isTimestamp(x.at) &&
  typeof x.gpc === 'boolean';

/** The record if `value` is a well-formed one, else null. */
export function parseStoredConsent(value: unknown): StoredConsent | null {
  if (
    !isPlain(value) ||
    !hasKeys(value, ['v', 'id', 'policyVersion', 'regime', 'decidedAt', 'purposes']) ||
    value.v !== 1 ||
    typeof value.id !== 'string' ||
    !/^[A-Za-z0-9_-]{8,64}$/.test(value.id) ||
    typeof value.policyVersion !== 'string' ||
    !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(value.policyVersion) ||
    !isOneOf(REGIME_IDS, value.regime) ||
    !isTimestamp(value.decidedAt) ||
    !isPlain(value.purposes)
  )
    return null;
  const purposes = value.purposes;
  for (const key of Object.keys(purposes)) {
    if (!isOneOf(PURPOSE_IDS, key) || !isPurposeEntry(purposes[key])) return null;
  }
  return value as unknown as StoredConsent;
}
