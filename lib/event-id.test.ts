import fc from 'fast-check';
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsentEventSchema } from './consent-event';
import { newEventId } from './event-id';

const timeOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

/** An id made with the clock at `at`. */
const idAt = (at: number) => {
  vi.setSystemTime(at);
  return newEventId();
};

describe('newEventId', () => {
  afterEach(() => void vi.useRealTimers());

  it('is a version 7 UUID (RFC 9562) holding the time it was made', () => {
    const real = newEventId();
    expect(Math.abs(timeOf(real) - Date.now())).toBeLessThan(1_000);
    vi.useFakeTimers();
    const at = Date.UTC(2026, 10, 30, 12, 0, 0, 123);
    const id = idAt(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(timeOf(id)).toBe(at);
    expect(v.safeParse(ConsentEventSchema.entries.eventId, id).success).toBe(true);
  });

  it('sorts as its times do: an id made later comes after, as text', () => {
    vi.useFakeTimers();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 48 - 2 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        (t, step) => {
          const later = Math.min(t + step, 2 ** 48 - 1);
          const [first, second] = [idAt(t), idAt(later)];
          expect(first < second).toBe(true);
          expect([timeOf(first), timeOf(second)]).toEqual([t, later]);
        },
      ),
    );
  });

  it('differs between ids made in the same millisecond (74 random bits)', () => {
    vi.useFakeTimers();
    const ids = new Set(Array.from({ length: 1_000 }, () => idAt(1_700_000_000_000)));
    expect(ids.size).toBe(1_000);
  });
});
