import type { StoredConsent } from '../../lib/stored-consent';

/** Where the visitor's choice lives on the device. Never throws into the host page. */
export interface DeviceStore {
  /** Whatever is stored (parsed JSON, or the raw text when it is not JSON); null when nothing is. */
  read(): unknown;
  /** Stores the record; false when the browser refuses (private mode, quota, sandbox). */
  write(record: StoredConsent): boolean;
  clear(): void;
}

/** The storage key of the device record. */
export const STORE_KEY = 'consentry';

const safeLocalStorage = (): Storage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Sandboxed iframes and blocked third-party storage throw on access.
    return null;
  }
};

/** A device store in localStorage (or the given Storage). */
export function localDeviceStore(
  storage: Storage | null = safeLocalStorage(),
  key = STORE_KEY,
): DeviceStore {
  return {
    read() {
      let text: string | null = null;
      try {
        text = storage?.getItem(key) ?? null;
      } catch {
        return null;
      }
      if (text === null) return null;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text; // malformed: decide() will say so and ask again
      }
    },
    write(record) {
      try {
        storage?.setItem(key, JSON.stringify(record));
        return storage !== null;
      } catch {
        return false;
      }
    },
    clear() {
      try {
        storage?.removeItem(key);
      } catch {
        // nothing to clear in a storage we cannot reach
      }
    },
  };
}
