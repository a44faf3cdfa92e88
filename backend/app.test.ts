import { describe, expect, it } from 'vitest';
import { consentEvent, testLedger } from './testing';

describe('ledger smoke', () => {
  it('stores an event and returns a receipt, and a retry returns the same receipt', async () => {
    const l = await testLedger();
    const event = consentEvent({ identifiers: { email: 'jane@example.com' } });
    const first = await l.postEvents(event);
    expect(first.status).toBe(201);
    const receipt = await first.json();
    const again = await l.postEvents(event);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(receipt);
    expect(await l.services.storage.chainLength(l.site)).toBe(1);
    await l.close();
  });
});
