// @vitest-environment happy-dom
import { configure, fireEvent, waitFor, within } from '@testing-library/dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsentEvent } from '../../lib/consent-event';
import type { Receipt } from '../../lib/receipt';
import type { RegimeId } from '../../lib/regimes';
import { validateSiteConfig } from '../../lib/site-config-rules';
import { shopConfig, SHOP_OPTIONAL } from '../../tests/fixtures/site-configs';
import type { ConsentryApi } from '../create-consentry';
import { createCore } from '../core/consentry';
import { localDeviceStore } from '../core/device-store';
import { STRINGS } from '../../lib/ui-strings';
import { mountView } from './mount-view';

type ConfigInput = ReturnType<typeof shopConfig>;

// Testing Library cannot pretty-print a shadow root; report failed queries with its markup instead.
configure({
  getElementError: (message, container) => {
    const error = new Error(
      `${message ?? ''}\n\n${(container as Element | null)?.innerHTML ?? ''}`,
    );
    error.name = 'TestingLibraryElementError';
    return error;
  },
});

const en = STRINGS.en!;
const de = STRINGS.de!;
const ar = STRINGS.ar!;

const OPTIONAL = SHOP_OPTIONAL;

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

/** A real core over localStorage, with an outbox that records what it is given. */
function boot(
  options: {
    regime?: RegimeId;
    language?: string;
    gpc?: boolean;
    edit?: (config: ConfigInput) => void;
  } = {},
) {
  Object.defineProperty(window.navigator, 'globalPrivacyControl', {
    value: options.gpc ?? false,
    configurable: true,
  });
  const input = shopConfig();
  options.edit?.(input);
  const parsed = validateSiteConfig(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const sent: ConsentEvent[] = [];
  const core = createCore({
    setup: {
      siteId: 'demo-shop',
      regime: options.regime ?? 'gdpr',
      config: parsed.value,
      strings: STRINGS,
    },
    window,
    store: localDeviceStore(window.localStorage),
    outbox: { add: async (event: ConsentEvent) => void sent.push(event) },
    language: options.language ?? 'en',
  });
  const api: ConsentryApi = {
    ready: Promise.resolve(),
    state: () => core.state(),
    granted: (p) => core.granted(p),
    subscribe: (listener) => core.subscribe(listener),
    showBanner: () => api.ui.showBanner(),
    showPreferences: () => api.ui.showPreferences(),
    acceptAll: () => core.acceptAll(),
    rejectAll: () => core.rejectAll(),
    setPurposes: (choices) => core.setPurposes(choices),
    save: (choices) => core.save(choices),
    withdraw: (purposes) => core.withdraw(purposes),
    identify: (identity) => core.identify(identity),
    lastReceipt: () => core.state().receipt,
    ui: { showBanner: () => undefined, showPreferences: () => undefined },
  };
  return { core, api, sent, config: parsed.value };
}

/** Mounts the view for a booted core and returns handles into its shadow root. */
function show(options: Parameters<typeof boot>[0] = {}) {
  const booted = boot(options);
  const root = mountView(booted.api, document);
  if (!root) throw new Error('mountView returned null');
  const shadow = root.shadowRoot!;
  const view = within(shadow as unknown as HTMLElement);
  return { ...booted, host: root, shadow, view };
}

type Shown = ReturnType<typeof show>;

const banner = ({ view }: Shown) => view.getByRole('dialog');
const focused = ({ shadow }: Shown) => shadow.activeElement;

/** The section of the preferences layer for one purpose, found by its visible name. */
const purposeSection = (shown: Shown, name: string) => {
  const section = shown.view.getByRole('heading', { name }).closest('section');
  if (!section) throw new Error(`no section for ${name}`);
  return section as HTMLElement;
};

const openPreferencesFromBanner = (shown: Shown) => {
  fireEvent.click(shown.view.getByRole('button', { name: en.customise }));
  return shown.view.getByRole('dialog', { name: en.preferencesTitle });
};

const receipt = (eventId: string): Receipt => ({
  eventId,
  siteId: 'demo-shop',
  position: 7,
  hash: 'a'.repeat(64),
  previousHash: 'b'.repeat(64),
  receivedAt: '2026-11-29T12:00:01.000Z',
  country: 'DE',
  gpcHeader: false,
  algorithm: 'Ed25519',
  keyId: 'k1',
  signature: 'A'.repeat(86),
});

beforeEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  window.localStorage.clear();
});

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  window.localStorage.clear();
  vi.restoreAllMocks();
  delete (window as unknown as { __pwned?: unknown }).__pwned;
});

describe('mounting', () => {
  it('renders into an open shadow root on #consentry-root, attached to the body', () => {
    const shown = show();
    expect(shown.host.id).toBe('consentry-root');
    expect(shown.host.parentElement).toBe(document.body);
    expect(document.querySelectorAll('#consentry-root')).toHaveLength(1);
    expect(shown.shadow).not.toBeNull();
    // Nothing of the widget is in the light DOM: the page sees only the empty host.
    expect(shown.host.children).toHaveLength(0);
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    expect(shown.shadow.querySelector('[role="dialog"]')).not.toBeNull();
  });

  it("is out of reach of the page's CSS, and its own CSS stays inside", () => {
    const pageStyle = document.createElement('style');
    pageStyle.textContent = 'button{display:none}';
    document.head.append(pageStyle);
    document.body.innerHTML = '<button id="page-button" type="button">Page</button>';
    const pageButton = document.getElementById('page-button')!;
    // The page rule works on the page itself (so this test can tell).
    expect(getComputedStyle(pageButton).display).toBe('none');

    const shown = show();
    const accept = shown.view.getByRole('button', { name: en.acceptAll });
    expect(getComputedStyle(accept).display).not.toBe('none');
    expect(shown.shadow.contains(pageStyle)).toBe(false);
    // The widget's sheet is adopted by the shadow root, not added to the page.
    expect(shown.shadow.adoptedStyleSheets).toHaveLength(1);
    expect(document.adoptedStyleSheets ?? []).toHaveLength(0);
    expect(document.querySelectorAll('style')).toHaveLength(1);
    expect(shown.shadow.querySelector('style')).toBeNull();
    // The widget's button rule (8px radius) applies inside, not to the page's buttons.
    expect(getComputedStyle(accept).borderRadius).toBe('8px');
    expect(getComputedStyle(pageButton).borderRadius).not.toBe('8px');
  });
});

describe('GDPR: the opt-in banner', () => {
  it('is a modal dialog named by the site title with three buttons of equal weight', () => {
    const shown = show({ regime: 'gdpr' });
    const dialog = shown.view.getByRole('dialog', { name: 'Your privacy choices' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const buttons = [en.acceptAll, en.rejectAll, en.customise].map((name) =>
      within(dialog).getByRole('button', { name }),
    );
    expect(within(dialog).getAllByRole('button')).toHaveLength(3);
    expect(new Set(buttons.map((b) => b.className)).size).toBe(1);
    expect(new Set(buttons.map((b) => b.parentElement)).size).toBe(1);
    const styles = buttons.map((b) => getComputedStyle(b));
    expect(new Set(styles.map((s) => s.backgroundColor)).size).toBe(1);
    expect(new Set(styles.map((s) => s.color)).size).toBe(1);
    expect(new Set(styles.map((s) => s.borderWidth)).size).toBe(1);
    // No persistent button while the banner asks.
    expect(shown.view.queryByRole('button', { name: en.reopen })).toBeNull();
  });

  it('moves focus to the first button and keeps Tab and Shift+Tab inside', () => {
    const shown = show({ regime: 'gdpr' });
    const dialog = banner(shown);
    const accept = within(dialog).getByRole('button', { name: en.acceptAll });
    const customise = within(dialog).getByRole('button', { name: en.customise });
    expect(focused(shown)).toBe(accept);
    expect(document.activeElement).toBe(shown.host);

    customise.focus();
    expect(focused(shown)).toBe(customise);
    const tab = fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(tab).toBe(false); // the browser's own move is cancelled
    expect(focused(shown)).toBe(accept);

    const back = fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true });
    expect(back).toBe(false);
    expect(focused(shown)).toBe(customise);
  });

  it('leaves focus alone within the dialog between its edges', () => {
    const shown = show({ regime: 'gdpr' });
    const dialog = banner(shown);
    const accept = within(dialog).getByRole('button', { name: en.acceptAll });
    accept.focus();
    // Tab from the first is the browser's to do: not cancelled, focus not forced elsewhere.
    expect(fireEvent.keyDown(dialog, { key: 'Tab' })).toBe(true);
    expect(focused(shown)).toBe(accept);
  });

  it('does not close on Escape: the visitor has to answer', () => {
    const shown = show({ regime: 'gdpr' });
    fireEvent.keyDown(banner(shown), { key: 'Escape' });
    expect(shown.view.getByRole('dialog', { name: 'Your privacy choices' })).toBeTruthy();
    expect(shown.sent).toHaveLength(0);
  });

  it('"Accept all" closes the banner, records accept_all and leaves a "Privacy settings" button that reopens the preferences', async () => {
    document.body.innerHTML = '<button id="page-button" type="button">Page</button>';
    const pageButton = document.getElementById('page-button')!;
    pageButton.focus();
    const shown = show({ regime: 'gdpr' });
    expect(document.activeElement).toBe(shown.host);

    fireEvent.click(shown.view.getByRole('button', { name: en.acceptAll }));
    expect(shown.view.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(shown.sent).toHaveLength(1));
    expect(shown.sent[0]).toMatchObject({ method: 'accept_all', regime: 'gdpr' });
    expect(shown.sent[0]!.choices.analytics).toBe(true);
    expect(shown.core.granted('analytics')).toBe(true);
    // Focus goes back to where it was before the modal took it.
    expect(document.activeElement).toBe(pageButton);

    const reopen = shown.view.getByRole('button', { name: en.reopen });
    fireEvent.click(reopen);
    const prefs = shown.view.getByRole('dialog', { name: en.preferencesTitle });
    expect(prefs.getAttribute('aria-modal')).toBe('true');
    const analytics = within(purposeSection(shown, 'Analytics')).getByRole('switch');
    expect((analytics as HTMLInputElement).checked).toBe(true);
  });

  it('"Reject all" records reject_all and grants nothing optional', async () => {
    const shown = show({ regime: 'gdpr' });
    fireEvent.click(shown.view.getByRole('button', { name: en.rejectAll }));
    expect(shown.view.queryByRole('dialog')).toBeNull();
    expect(shown.view.getByRole('button', { name: en.reopen })).toBeTruthy();
    await waitFor(() => expect(shown.sent).toHaveLength(1));
    expect(shown.sent[0]!.method).toBe('reject_all');
    for (const id of OPTIONAL) {
      expect(shown.sent[0]!.choices[id]).toBe(false);
      expect(shown.api.granted(id)).toBe(false);
    }
    expect(shown.api.granted('necessary')).toBe(true);
  });

  it('shows a returning visitor no banner, only the persistent button', async () => {
    const first = boot({ regime: 'gdpr' });
    await first.core.acceptAll();
    const shown = show({ regime: 'gdpr' });
    expect(shown.view.queryByRole('dialog')).toBeNull();
    expect(shown.view.getByRole('button', { name: en.reopen })).toBeTruthy();
  });

  it('opens the banner and the preferences when the site asks through the API', async () => {
    const first = boot({ regime: 'gdpr' });
    await first.core.acceptAll();
    const shown = show({ regime: 'gdpr' });
    shown.api.showPreferences();
    expect(shown.view.getByRole('dialog', { name: en.preferencesTitle })).toBeTruthy();
    shown.api.showBanner();
    expect(shown.view.getByRole('dialog', { name: 'Your privacy choices' })).toBeTruthy();
  });
});

describe('the preferences layer', () => {
  it('lists every purpose with its name and description; "necessary" is always active without a switch', () => {
    const shown = show({ regime: 'gdpr' });
    const prefs = openPreferencesFromBanner(shown);
    expect(prefs.getAttribute('aria-modal')).toBe('true');
    const texts = shown.config.texts.en!;
    for (const { id } of shown.config.purposes) {
      const t = texts.purposes[id]!;
      const section = purposeSection(shown, t.name);
      expect(within(section).getByText(t.description)).toBeTruthy();
    }
    const necessary = purposeSection(shown, 'Strictly necessary');
    expect(within(necessary).getByText(en.alwaysActive)).toBeTruthy();
    expect(within(necessary).queryByRole('switch')).toBeNull();
    const switches = within(prefs).getAllByRole('switch') as HTMLInputElement[];
    expect(switches).toHaveLength(OPTIONAL.length);
    for (const s of switches) expect(s.checked).toBe(false);
  });

  it('names each switch after its purpose, for screen readers', () => {
    const shown = show({ regime: 'gdpr' });
    openPreferencesFromBanner(shown);
    for (const name of ['Analytics', 'Advertising', 'Cross-border transfer']) {
      const section = purposeSection(shown, name);
      expect(shown.view.queryByRole('switch', { name })).toBe(within(section).getByRole('switch'));
    }
  });

  it('"Save choices" records a save event with exactly what was switched on', async () => {
    const shown = show({ regime: 'gdpr' });
    openPreferencesFromBanner(shown);
    const analytics = within(purposeSection(shown, 'Analytics')).getByRole(
      'switch',
    ) as HTMLInputElement;
    fireEvent.click(analytics);
    expect(analytics.checked).toBe(true);
    fireEvent.click(shown.view.getByRole('button', { name: en.save }));
    await waitFor(() => expect(shown.sent).toHaveLength(1));
    expect(shown.sent[0]!.method).toBe('save');
    expect(shown.sent[0]!.choices.analytics).toBe(true);
    for (const id of OPTIONAL.filter((p) => p !== 'analytics')) {
      expect(shown.sent[0]!.choices[id]).toBe(false);
    }
    expect(shown.api.granted('analytics')).toBe(true);
    expect(shown.api.granted('advertising')).toBe(false);
  });

  it('Escape from "Customise" closes the preferences and gives focus back to the banner', () => {
    const shown = show({ regime: 'gdpr' });
    const prefs = openPreferencesFromBanner(shown);
    expect(prefs.contains(focused(shown))).toBe(true);
    fireEvent.keyDown(prefs, { key: 'Escape' });
    expect(shown.view.queryByRole('dialog', { name: en.preferencesTitle })).toBeNull();
    const dialog = shown.view.getByRole('dialog', { name: 'Your privacy choices' });
    expect(focused(shown)).toBe(within(dialog).getByRole('button', { name: en.acceptAll }));
    expect(shown.sent).toHaveLength(0);
  });

  it('Escape closes the preferences opened from "Privacy settings" and returns focus to that button', async () => {
    const shown = show({ regime: 'gdpr' });
    fireEvent.click(shown.view.getByRole('button', { name: en.rejectAll }));
    await waitFor(() => expect(shown.sent).toHaveLength(1));
    const reopen = shown.view.getByRole('button', { name: en.reopen });
    reopen.focus(); // a click or Enter on it focuses it first
    fireEvent.click(reopen);
    const prefs = shown.view.getByRole('dialog', { name: en.preferencesTitle });
    expect(prefs.contains(focused(shown))).toBe(true);
    fireEvent.keyDown(prefs, { key: 'Escape' });
    expect(shown.view.queryByRole('dialog')).toBeNull();
    expect(focused(shown)).toBe(shown.view.getByRole('button', { name: en.reopen }));
  });

  it('Escape after "Save choices" closes the preferences like "Close": the banner was answered', async () => {
    const shown = show({ regime: 'gdpr' });
    const prefs = openPreferencesFromBanner(shown);
    fireEvent.click(within(prefs).getByRole('button', { name: en.save }));
    await waitFor(() => expect(shown.sent).toHaveLength(1));
    fireEvent.keyDown(prefs, { key: 'Escape' });
    expect(shown.view.queryByRole('dialog')).toBeNull();
    expect(shown.view.getByRole('button', { name: en.reopen })).toBeTruthy();
  });

  it('keeps focus and unsaved switches while the state changes under the open preferences', () => {
    const shown = show({ regime: 'gdpr' });
    const prefs = openPreferencesFromBanner(shown);
    const analytics = within(purposeSection(shown, 'Analytics')).getByRole(
      'switch',
    ) as HTMLInputElement;
    fireEvent.click(analytics);
    const close = within(prefs).getByRole('button', { name: en.close });
    close.focus();
    shown.core.receiptArrived(receipt('0b8f6a52-3c1d-4e2f-9a7b-5c6d7e8f9a0b'));
    expect(within(prefs).getByRole('button', { name: en.downloadReceipt })).toBeTruthy();
    expect(focused(shown)).toBe(close);
    expect(analytics.isConnected && analytics.checked).toBe(true);
  });

  it('traps Tab inside the preferences', () => {
    const shown = show({ regime: 'gdpr' });
    const prefs = openPreferencesFromBanner(shown);
    const first = within(prefs).getAllByRole('switch')[0]!;
    const close = within(prefs).getByRole('button', { name: en.close });
    expect(focused(shown)).toBe(first);
    close.focus();
    fireEvent.keyDown(prefs, { key: 'Tab' });
    expect(focused(shown)).toBe(first);
    fireEvent.keyDown(prefs, { key: 'Tab', shiftKey: true });
    expect(focused(shown)).toBe(close);
  });

  it('lists the recipients of third-party provision and cross-border transfer with name, country and contact', () => {
    const shown = show({ regime: 'gdpr' });
    openPreferencesFromBanner(shown);
    const provision = within(purposeSection(shown, 'Provision to third parties'));
    expect(
      provision.getByText(
        fill(en.recipientIn, {
          name: 'Logistics Partner GmbH',
          country: 'DE',
          contact: 'privacy@logistics.example',
        }),
      ).tagName,
    ).toBe('LI');
    const transfer = within(purposeSection(shown, 'Cross-border transfer'));
    const item = transfer.getByRole('listitem');
    expect(item.textContent).toContain('Shop Analytics Inc.');
    expect(item.textContent).toContain('US');
    expect(item.textContent).toContain('privacy@analytics.example');
  });

  it('marks the separate consents under PIPL, and only there', () => {
    const pipl = show({ regime: 'pipl' });
    openPreferencesFromBanner(pipl);
    for (const name of [
      'Cross-border transfer',
      'Provision to third parties',
      'Sensitive personal information',
    ]) {
      expect(within(purposeSection(pipl, name)).getByText(en.separateConsent)).toBeTruthy();
    }
    expect(within(purposeSection(pipl, 'Analytics')).queryByText(en.separateConsent)).toBeNull();
    document.body.innerHTML = '';
    window.localStorage.clear();

    const gdpr = show({ regime: 'gdpr' });
    openPreferencesFromBanner(gdpr);
    expect(
      within(purposeSection(gdpr, 'Cross-border transfer')).queryByText(en.separateConsent),
    ).toBeNull();
  });

  it('under PIPL, "Accept all" leaves the separate consents switched off', async () => {
    const shown = show({ regime: 'pipl' });
    fireEvent.click(shown.view.getByRole('button', { name: en.acceptAll }));
    await waitFor(() => expect(shown.sent).toHaveLength(1));
    fireEvent.click(shown.view.getByRole('button', { name: en.reopen }));
    const switchOf = (name: string) =>
      within(purposeSection(shown, name)).getByRole('switch') as HTMLInputElement;
    expect(switchOf('Analytics').checked).toBe(true);
    expect(switchOf('Cross-border transfer').checked).toBe(false);
    expect(switchOf('Provision to third parties').checked).toBe(false);
  });

  it('shows the receipt once it arrives, and downloads it', async () => {
    const shown = show({ regime: 'gdpr' });
    openPreferencesFromBanner(shown);
    fireEvent.click(shown.view.getByRole('button', { name: en.save }));
    await waitFor(() => expect(shown.sent).toHaveLength(1));
    expect(shown.view.queryByRole('button', { name: en.downloadReceipt })).toBeNull();

    const eventId = shown.sent[0]!.eventId;
    shown.core.receiptArrived(receipt(eventId));
    expect(
      shown.view.getByText(fill(en.receiptSaved, { id: eventId, date: '2026-11-29' })),
    ).toBeTruthy();
    const download = shown.view.getByRole('button', { name: en.downloadReceipt });

    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:receipt';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
    fireEvent.click(download);
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toBe(`consent-receipt-${eventId}.json`);
    expect(clicked[0]!.href).toBe('blob:receipt');
    expect(JSON.parse(await blobs[0]!.text())).toMatchObject({ eventId, position: 7 });
  });

  it('shows the receipt when reopened later', () => {
    const shown = show({ regime: 'gdpr' });
    fireEvent.click(shown.view.getByRole('button', { name: en.acceptAll }));
    const eventId = '0b8f6a52-3c1d-4e2f-9a7b-5c6d7e8f9a0b';
    shown.core.receiptArrived(receipt(eventId));
    fireEvent.click(shown.view.getByRole('button', { name: en.reopen }));
    const prefs = shown.view.getByRole('dialog', { name: en.preferencesTitle });
    expect(prefs.textContent).toContain(eventId);
    expect(within(prefs).getByRole('button', { name: en.downloadReceipt })).toBeTruthy();
  });
});

describe('CCPA: the opt-out notice', () => {
  it('is a non-modal notice with "Do Not Sell or Share My Personal Information"', () => {
    const shown = show({ regime: 'ccpa' });
    const notice = shown.view.getByRole('dialog', { name: 'Your privacy choices' });
    expect(notice.hasAttribute('aria-modal')).toBe(false);
    expect(
      within(notice).getByRole('button', {
        name: 'Do Not Sell or Share My Personal Information',
      }),
    ).toBeTruthy();
    expect(within(notice).queryByText(en.gpcHonoured)).toBeNull();
  });

  it('records a save denying sale/sharing and advertising, then says the visitor opted out', async () => {
    const shown = show({ regime: 'ccpa' });
    fireEvent.click(shown.view.getByRole('button', { name: en.doNotSell }));
    await waitFor(() => expect(shown.sent).toHaveLength(1));
    expect(shown.sent[0]!.method).toBe('save');
    expect(shown.sent[0]!.regime).toBe('ccpa');
    expect(shown.sent[0]!.choices).toMatchObject({ sale_sharing: false, advertising: false });
    expect(shown.api.granted('sale_sharing')).toBe(false);
    expect(shown.api.granted('advertising')).toBe(false);
    expect(shown.view.getByText(en.optOutDone)).toBeTruthy();
    expect(shown.view.queryByRole('button', { name: en.doNotSell })).toBeNull();
  });

  it('says that Global Privacy Control is honoured when the browser sends it', () => {
    const shown = show({ regime: 'ccpa', gpc: true });
    const notice = shown.view.getByRole('dialog');
    expect(within(notice).getByText(en.gpcHonoured)).toBeTruthy();
    expect(shown.api.granted('sale_sharing')).toBe(false);
  });
});

describe('languages', () => {
  it('speaks German when the core language is de', () => {
    const shown = show({ regime: 'gdpr', language: 'de' });
    expect(de.acceptAll).not.toBe(en.acceptAll);
    const dialog = shown.view.getByRole('dialog', { name: 'Ihre Datenschutzeinstellungen' });
    for (const name of [de.acceptAll, de.rejectAll, de.customise]) {
      expect(within(dialog).getByRole('button', { name })).toBeTruthy();
    }
    expect(within(dialog).queryByRole('button', { name: en.acceptAll })).toBeNull();
    const root = shown.shadow.querySelector('[lang]')!;
    expect(root.getAttribute('lang')).toBe('de');
    expect(root.getAttribute('dir')).toBe('ltr');
  });

  it('writes Arabic right to left', () => {
    const shown = show({
      regime: 'gdpr',
      language: 'ar',
      edit: (config) => {
        config.languages.push('ar');
        const purposes = Object.fromEntries(
          config.purposes.map(({ id }) => [id, { name: `غرض ${id}`, description: `وصف ${id}` }]),
        );
        config.texts.ar = {
          title: 'خيارات الخصوصية',
          description: 'نستخدم ملفات تعريف الارتباط.',
          purposes,
        };
      },
    });
    const root = shown.shadow.querySelector('[lang]')!;
    expect(root.getAttribute('lang')).toBe('ar');
    expect(root.getAttribute('dir')).toBe('rtl');
    const dialog = shown.view.getByRole('dialog', { name: 'خيارات الخصوصية' });
    expect(within(dialog).getByRole('button', { name: ar.acceptAll })).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: ar.rejectAll })).toBeTruthy();
  });
});

describe('hostile site texts', () => {
  it('are shown as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const shown = show({
      regime: 'gdpr',
      edit: (config) => {
        config.texts.en!.purposes.analytics!.description = hostile;
        config.texts.en!.title = '<b>Bold</b> title';
      },
    });
    expect(shown.view.getByRole('dialog', { name: '<b>Bold</b> title' })).toBeTruthy();
    expect(shown.shadow.querySelector('b')).toBeNull();
    openPreferencesFromBanner(shown);
    expect(shown.view.getByText(hostile)).toBeTruthy();
    expect(shown.shadow.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((window as unknown as { __pwned?: unknown }).__pwned).toBeUndefined();
  });
});
