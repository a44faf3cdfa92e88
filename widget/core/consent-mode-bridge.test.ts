// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consentModeState } from '../../lib/consent-mode';
import type { PurposeId } from '../../lib/purposes';
import { consentDefault, consentUpdate } from './consent-mode-bridge';

type DataLayerWindow = { dataLayer?: unknown[] };

const win = () => window as unknown as DataLayerWindow;

const granted = (...ids: PurposeId[]) =>
  consentModeState(Object.fromEntries(ids.map((id) => [id, { granted: true }])));

const isArguments = (x: unknown) => Object.prototype.toString.call(x) === '[object Arguments]';

/** The gtag commands in the data layer, as plain arrays (after checking each is an Arguments). */
const commands = () =>
  win().dataLayer!.map((entry) => {
    expect(isArguments(entry)).toBe(true);
    return Array.from(entry as IArguments);
  });

const redactionCommands = () =>
  commands().filter(([cmd, field]) => cmd === 'set' && field === 'ads_data_redaction');

describe('consentDefault', () => {
  beforeEach(() => {
    delete win().dataLayer;
  });

  afterEach(() => {
    delete win().dataLayer;
  });

  it('pushes the default state first, as an Arguments object, with all seven keys and a wait', () => {
    consentDefault(win(), granted());
    const [first] = win().dataLayer!;
    expect(isArguments(first)).toBe(true);
    expect(Array.isArray(first)).toBe(false);
    expect(Array.from(first as IArguments)).toEqual([
      'consent',
      'default',
      {
        ad_storage: 'denied',
        ad_user_data: 'denied',
        ad_personalization: 'denied',
        analytics_storage: 'denied',
        functionality_storage: 'granted',
        personalization_storage: 'denied',
        security_storage: 'granted',
        wait_for_update: 500,
      },
    ]);
  });

  it('takes another wait when given one', () => {
    consentDefault(win(), granted(), 1500);
    expect(commands()[0]![2]).toMatchObject({ wait_for_update: 1500 });
  });

  it('redacts ads data when ad storage is denied', () => {
    consentDefault(win(), granted('analytics'));
    const all = commands();
    expect(all[0]!.slice(0, 2)).toEqual(['consent', 'default']);
    expect(all.slice(1)).toEqual([['set', 'ads_data_redaction', true]]);
  });

  it('does not redact ads data when ad storage is granted', () => {
    consentDefault(win(), granted('advertising', 'analytics', 'personalisation'));
    expect(commands()[0]![2]).toMatchObject({
      ad_storage: 'granted',
      analytics_storage: 'granted',
    });
    expect(redactionCommands().every(([, , value]) => value !== true)).toBe(true);
  });

  it('creates window.dataLayer when the page has none', () => {
    expect(win().dataLayer).toBeUndefined();
    consentDefault(win(), granted());
    expect(Array.isArray(win().dataLayer)).toBe(true);
  });

  it('appends to an existing dataLayer rather than replacing it', () => {
    const previous = { event: 'gtm.js' };
    const layer: unknown[] = [previous];
    win().dataLayer = layer;
    consentDefault(win(), granted());
    expect(win().dataLayer).toBe(layer);
    expect(layer[0]).toBe(previous);
    expect(Array.from(layer[1] as IArguments).slice(0, 2)).toEqual(['consent', 'default']);
  });
});

describe('consentUpdate', () => {
  beforeEach(() => {
    delete win().dataLayer;
  });

  afterEach(() => {
    delete win().dataLayer;
  });

  it('pushes an update with the new state after the default', () => {
    consentDefault(win(), granted());
    const before = win().dataLayer!.length;
    consentUpdate(win(), granted('analytics'));
    const update = win().dataLayer![before];
    expect(isArguments(update)).toBe(true);
    expect(Array.from(update as IArguments)).toEqual([
      'consent',
      'update',
      {
        ad_storage: 'denied',
        ad_user_data: 'denied',
        ad_personalization: 'denied',
        analytics_storage: 'granted',
        functionality_storage: 'granted',
        personalization_storage: 'denied',
        security_storage: 'granted',
      },
    ]);
  });

  it('pushes one update per change, in order', () => {
    consentUpdate(win(), granted('advertising', 'personalisation'));
    consentUpdate(win(), granted());
    const updates = commands().filter(([cmd, kind]) => cmd === 'consent' && kind === 'update');
    expect(updates.map(([, , state]) => (state as { ad_storage: string }).ad_storage)).toEqual([
      'granted',
      'denied',
    ]);
  });

  it('redacts ads data when advertising is withdrawn', () => {
    consentUpdate(win(), granted('advertising'));
    consentUpdate(win(), granted());
    const redactions = redactionCommands();
    expect(redactions.at(-1)).toEqual(['set', 'ads_data_redaction', true]);
  });
});
