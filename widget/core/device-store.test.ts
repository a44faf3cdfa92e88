// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredConsent } from '../../lib/stored-consent';
import { localDeviceStore, STORE_KEY } from './device-store';

const record: StoredConsent = {
  v: 1,
  id: 'visitor_1234',
  policyVersion: '2024-01',
  regime: 'gdpr',
  decidedAt: 1_700_000_000_000,
  purposes: {
    analytics: { granted: true, method: 'accept_all', at: 1_700_000_000_000, gpc: false },
    advertising: { granted: false, method: 'accept_all', at: 1_700_000_000_000, gpc: false },
  },
};

/** A Storage that refuses everything, as sandboxed iframes and full quotas do. */
const throwingStorage = (name: 'SecurityError' | 'QuotaExceededError'): Storage => {
  const refuse = () => {
    throw new DOMException('refused', name);
  };
  return {
    length: 0,
    key: refuse,
    getItem: refuse,
    setItem: refuse,
    removeItem: refuse,
    clear: refuse,
  };
};

describe('localDeviceStore', () => {
  beforeEach(() => localStorage.clear());

  it('reads back the record it wrote', () => {
    const store = localDeviceStore(localStorage);
    expect(store.write(record)).toBe(true);
    expect(store.read()).toEqual(record);
  });

  it('keeps the record in localStorage under its key by default', () => {
    expect(localDeviceStore().write(record)).toBe(true);
    expect(JSON.parse(localStorage.getItem(STORE_KEY)!)).toEqual(record);
    expect(localDeviceStore().read()).toEqual(record);
  });

  it('uses the key it is given', () => {
    const store = localDeviceStore(localStorage, 'other-key');
    store.write(record);
    expect(localStorage.getItem('other-key')).not.toBeNull();
    expect(localStorage.getItem(STORE_KEY)).toBeNull();
  });

  it('answers null when nothing is stored', () => {
    expect(localDeviceStore(localStorage).read()).toBeNull();
  });

  it('returns malformed JSON as the raw text, so the visitor is asked again', () => {
    localStorage.setItem(STORE_KEY, '{"v":1,"id":');
    expect(localDeviceStore(localStorage).read()).toBe('{"v":1,"id":');
  });

  it('forgets the record on clear', () => {
    const store = localDeviceStore(localStorage);
    store.write(record);
    store.clear();
    expect(store.read()).toBeNull();
    expect(localStorage.getItem(STORE_KEY)).toBeNull();
  });

  for (const name of ['SecurityError', 'QuotaExceededError'] as const) {
    describe(`in a storage that throws ${name}`, () => {
      const store = localDeviceStore(throwingStorage(name));

      it('reads null instead of throwing', () => {
        expect(() => store.read()).not.toThrow();
        expect(store.read()).toBeNull();
      });

      it('reports a refused write as false instead of throwing', () => {
        expect(() => store.write(record)).not.toThrow();
        expect(store.write(record)).toBe(false);
      });

      it('clears without throwing', () => {
        expect(() => store.clear()).not.toThrow();
      });
    });
  }

  describe('without any storage', () => {
    const store = localDeviceStore(null);

    it('reads null', () => {
      expect(store.read()).toBeNull();
    });

    it('reports a write as false', () => {
      expect(store.write(record)).toBe(false);
    });

    it('clears without throwing', () => {
      expect(() => store.clear()).not.toThrow();
    });
  });
});
