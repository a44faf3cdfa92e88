// @vitest-environment happy-dom
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsentEventSchema, type ConsentEvent } from '../../lib/consent-event';
import type { RegimeId } from '../../lib/regimes';
import { validateSiteConfig } from '../../lib/site-config-rules';
import { EN_STRINGS } from '../../lib/ui-strings-en';
import { shopConfig } from '../../tests/fixtures/site-configs';
import { createCore } from './consentry';
import { localDeviceStore, STORE_KEY } from './device-store';

const T0 = Date.UTC(2026, 10, 29, 12);

function setup(
  regime: RegimeId,
  edit: (c: ReturnType<typeof shopConfig>) => void = () => undefined,
) {
  const input = shopConfig();
  edit(input);
  const parsed = validateSiteConfig(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return { siteId: 'demo-shop', regime, config: parsed.value, strings: { en: EN_STRINGS } };
}

function start(
  regime: RegimeId,
  options: { gpc?: boolean; edit?: Parameters<typeof setup>[1]; now?: number } = {},
) {
  const sent: ConsentEvent[] = [];
  Object.defineProperty(window.navigator, 'globalPrivacyControl', {
    value: options.gpc ?? false,
    configurable: true,
  });
  const core = createCore({
    setup: setup(regime, options.edit),
    window,
    store: localDeviceStore(window.localStorage),
    outbox: { add: async (e: ConsentEvent) => void sent.push(e) },
    language: 'en',
    now: () => options.now ?? T0,
    nonce: 'n0nce',
  });
  return { core, sent };
}

const dataLayer = () =>
  ((window as unknown as { dataLayer?: IArguments[] }).dataLayer ?? []).map((a) => Array.from(a));

beforeEach(() => {
  window.localStorage.clear();
  (window as unknown as { dataLayer?: unknown[] }).dataLayer = undefined;
  document.body.innerHTML = `
    <script type="text/plain" data-consent="analytics" id="matomo">window.__analytics = true;</script>
    <img data-consent="advertising" data-src="https://ads.example/pixel.gif" id="ads" alt="">`;
  document.cookie = '_gcl_au=abc; path=/';
  document.cookie = 'shop_session=s1; path=/';
});

afterEach(() => {
  document.cookie = '_gcl_au=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  document.cookie = 'shop_session=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
});

describe('ConsentryCore', () => {
  it('shows a Berlin visitor the opt-in banner with everything optional off, and Consent Mode denied by default', () => {
    const { core } = start('gdpr');
    expect(core.state().decision).toMatchObject({
      prompt: true,
      reason: 'no_record',
      ui: 'opt_in_banner',
    });
    expect(core.granted('analytics')).toBe(false);
    expect(core.granted('necessary')).toBe(true);
    expect(document.querySelector('#matomo')?.getAttribute('type')).toBe('text/plain');
    expect(document.querySelector('#ads')?.getAttribute('src')).toBeNull();
    const [first] = dataLayer();
    expect(first?.slice(0, 2)).toEqual(['consent', 'default']);
    expect(first?.[2]).toMatchObject({
      ad_storage: 'denied',
      analytics_storage: 'denied',
      security_storage: 'granted',
    });
  });

  it('applies "accept all" at once: scripts run, Consent Mode updates, the choice is stored and recorded', async () => {
    const { core, sent } = start('gdpr');
    const seen: unknown[] = [];
    core.subscribe((s) => seen.push(s.granted.analytics));
    const domEvents: unknown[] = [];
    window.addEventListener('consentry:change', (e) => domEvents.push((e as CustomEvent).detail));
    await core.acceptAll();
    expect(core.granted('analytics')).toBe(true);
    const matomo = document.querySelector('#matomo') as HTMLScriptElement;
    expect(matomo.getAttribute('type')).not.toBe('text/plain');
    expect(matomo.nonce).toBe('n0nce');
    expect(document.querySelector('#ads')?.getAttribute('src')).toBe(
      'https://ads.example/pixel.gif',
    );
    expect(
      dataLayer().some(
        (a) =>
          a[1] === 'update' &&
          (a[2] as { analytics_storage: string }).analytics_storage === 'granted',
      ),
    ).toBe(true);
    expect(JSON.parse(window.localStorage.getItem(STORE_KEY)!)).toMatchObject({
      v: 1,
      policyVersion: '2026-11',
      regime: 'gdpr',
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: 'accept_all',
      regime: 'gdpr',
      siteId: 'demo-shop',
      language: 'en',
      gpc: false,
    });
    expect(sent[0]!.choices).toMatchObject({
      analytics: true,
      advertising: true,
      marketing_email: true,
    });
    expect(v.safeParse(ConsentEventSchema, sent[0]).success).toBe(true);
    expect(seen).toEqual([true]);
    expect(domEvents).toHaveLength(1);
  });

  it('withdrawal clears the cookies and storage keys the configuration declares for the purpose, and records it', async () => {
    const { core, sent } = start('gdpr');
    await core.acceptAll();
    window.localStorage.setItem('plausible_ignore', '1');
    await core.withdraw(['advertising', 'analytics']);
    expect(core.granted('advertising')).toBe(false);
    expect(document.cookie).not.toContain('_gcl_au');
    expect(document.cookie).toContain('shop_session');
    expect(window.localStorage.getItem('plausible_ignore')).toBeNull();
    expect(sent.at(-1)).toMatchObject({
      method: 'withdrawal',
      choices: { advertising: false, analytics: false },
    });
  });

  it('remembers the choice on the next page view: no banner, granted scripts run at start', async () => {
    await start('gdpr').core.acceptAll();
    document.body.innerHTML =
      '<script type="text/plain" data-consent="analytics" id="again">1</script>';
    const { core } = start('gdpr');
    expect(core.state().decision).toMatchObject({ prompt: false, ui: 'none' });
    expect(document.querySelector('#again')?.getAttribute('type')).not.toBe('text/plain');
  });

  it('asks again when the policy version changes, keeping refusals but not grants', async () => {
    const first = start('gdpr');
    await first.core.save({ analytics: true, advertising: false });
    const { core } = start('gdpr', { edit: (c) => void (c.policyVersion = '2027-01') });
    expect(core.state().decision).toMatchObject({ prompt: true, reason: 'policy_changed' });
    expect(core.granted('analytics')).toBe(false);
    expect(core.state().decision.choices.advertising).toEqual({ granted: false, source: 'stored' });
  });

  it('asks again when the stored record is malformed, without throwing', () => {
    window.localStorage.setItem(STORE_KEY, '{not json');
    const { core } = start('gdpr');
    expect(core.state().decision).toMatchObject({ prompt: true, reason: 'malformed' });
  });

  it('honours Global Privacy Control for a Californian: sale/sharing and advertising stay off after "accept all"', async () => {
    const { core, sent } = start('ccpa', { gpc: true });
    expect(core.state().decision.gpcApplied).toBe(true);
    await core.acceptAll();
    expect(core.granted('sale_sharing')).toBe(false);
    expect(core.granted('advertising')).toBe(false);
    expect(core.granted('analytics')).toBe(true);
    expect(sent[0]).toMatchObject({ gpc: true });
  });

  it('never grants cross-border transfer to a Shanghai visitor through "accept all"; a separate choice does', async () => {
    const { core } = start('pipl');
    await core.acceptAll();
    expect(core.granted('cross_border_transfer')).toBe(false);
    await core.save({ cross_border_transfer: true });
    expect(core.granted('cross_border_transfer')).toBe(true);
  });

  it('identify links the visitor to a normalised email once they have decided, and refuses garbage', async () => {
    const { core, sent } = start('gdpr');
    await core.save({ marketing_email: true });
    expect(await core.identify({ email: 'not an email' })).toBe(false);
    expect(sent).toHaveLength(1);
    expect(await core.identify({ email: '  Jane.Doe@Example.COM ' })).toBe(true);
    expect(sent).toHaveLength(2);
    // Re-recorded as the visitor made the choice, now carrying the identity.
    expect(sent.at(-1)).toMatchObject({
      method: 'save',
      identifiers: { email: 'jane.doe@example.com' },
      choices: { marketing_email: true },
    });
    expect(sent.at(-1)!.visitorId).toBe(sent[0]!.visitorId);
    expect(await core.identify({ phone: '+49 30 1234567' })).toBe(true);
    expect(sent.at(-1)!.identifiers).toEqual({ phone: '+49301234567' });
    expect(await core.identify({ phone: '030 1234567' })).toBe(false);
  });

  it("identify before any decision goes with the visitor's first choice, and only that one", async () => {
    const { core, sent } = start('gdpr');
    expect(await core.identify({ email: 'jane@example.com' })).toBe(true);
    expect(await core.identify({ phone: '+49 30 1234567' })).toBe(true);
    expect(sent).toHaveLength(0);
    await core.acceptAll();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: 'accept_all',
      identifiers: { email: 'jane@example.com', phone: '+49301234567' },
    });
    await core.withdraw(['marketing_email']);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.identifiers).toBeUndefined();
  });

  it('keeps the page working when a subscriber throws', async () => {
    const { core } = start('gdpr');
    core.subscribe(() => {
      throw new Error('bad subscriber');
    });
    await expect(core.acceptAll()).resolves.toBeUndefined();
    expect(core.granted('analytics')).toBe(true);
  });
});
