// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wireNewsletter } from './newsletter';
import { shopPage } from './shop-page';
import type { WidgetApi } from './when-widget';

const byTestId = <T extends HTMLElement>(id: string) =>
  document.querySelector<T>(`[data-testid="${id}"]`)!;

const fakeWidget = (linked = true) => {
  const calls: string[] = [];
  const api: WidgetApi = {
    ready: Promise.resolve(),
    state: () => ({}),
    identify: vi.fn(async ({ email }) => {
      calls.push(`identify ${email}`);
      return linked;
    }),
    setPurposes: vi.fn(
      async (choices) => void calls.push(`setPurposes ${JSON.stringify(choices)}`),
    ),
    showPreferences: vi.fn(),
  };
  return { api, calls };
};

const load = (lang = 'en') => {
  // Without the stylesheet link, which happy-dom would try (and refuse) to load.
  const markup = shopPage({ siteKey: 'pk_x', lang }).replace(/<link rel="stylesheet"[^>]*>/, '');
  const parsed = new DOMParser().parseFromString(markup, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes));
};

const submit = (email: string) => {
  byTestId<HTMLInputElement>('newsletter-email').value = email;
  byTestId<HTMLFormElement>('newsletter-form').dispatchEvent(
    new Event('submit', { bubbles: true, cancelable: true }),
  );
};

const thanks = () => byTestId('newsletter-thanks');

beforeEach(() => load());
afterEach(() => document.body.replaceChildren());

describe('wireNewsletter', () => {
  it('links the address through identify, then thanks the visitor', async () => {
    const { api, calls } = fakeWidget();
    wireNewsletter(byTestId('newsletter-form'), async () => api);
    submit('  Anna.Schmidt@example.de ');
    await vi.waitFor(() => expect(thanks().textContent).not.toBe(''));
    expect(calls).toEqual(['identify Anna.Schmidt@example.de']);
    expect(thanks().textContent).toBe(
      'Thanks for subscribing! Our next newsletter goes to Anna.Schmidt@example.de.',
    );
    expect(thanks().dataset.linked).toBe('true');
    expect(byTestId<HTMLInputElement>('newsletter-email').value).toBe('');
  });

  it('grants marketing email first when the optional box is ticked', async () => {
    const { api, calls } = fakeWidget();
    wireNewsletter(byTestId('newsletter-form'), async () => api);
    byTestId<HTMLInputElement>('newsletter-offers').checked = true;
    submit('li.wei@example.cn');
    await vi.waitFor(() => expect(thanks().textContent).not.toBe(''));
    expect(calls).toEqual(['setPurposes {"marketing_email":true}', 'identify li.wei@example.cn']);
  });

  it('waits for a widget that is still loading, with the button busy meanwhile', async () => {
    const { api } = fakeWidget();
    let arrive: (api: WidgetApi) => void = () => undefined;
    wireNewsletter(byTestId('newsletter-form'), () => new Promise((resolve) => (arrive = resolve)));
    submit('olivia.parker@example.com');
    await new Promise((r) => setTimeout(r, 20));
    const button = byTestId<HTMLButtonElement>('newsletter-submit');
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe('Subscribing…');
    expect(thanks().textContent).toBe('');
    arrive(api);
    await vi.waitFor(() => expect(thanks().dataset.linked).toBe('true'));
    expect(button.disabled).toBe(false);
    expect(button.textContent).toBe('Subscribe');
  });

  it('still thanks the visitor, and says the sign-up is not linked, without a widget', async () => {
    wireNewsletter(byTestId('newsletter-form'), async () => null);
    submit('lukas.weber@example.de');
    await vi.waitFor(() => expect(thanks().textContent).not.toBe(''));
    expect(thanks().textContent).toContain('lukas.weber@example.de');
    expect(thanks().textContent).toContain('consent widget did not load');
    expect(thanks().dataset.linked).toBe('false');
  });

  it('thanks without a warning when the visitor has made no consent choice to link yet', async () => {
    const { api } = fakeWidget(false);
    wireNewsletter(byTestId('newsletter-form'), async () => api);
    submit('anna.schmidt@example.de');
    await vi.waitFor(() => expect(thanks().dataset.linked).toBe('false'));
    expect(thanks().textContent).not.toContain('widget');
  });

  it('inserts the address as text, even with markup or replacement patterns in it', async () => {
    const { api } = fakeWidget();
    wireNewsletter(byTestId('newsletter-form'), async () => api);
    const email = byTestId<HTMLInputElement>('newsletter-email');
    vi.spyOn(email, 'checkValidity').mockReturnValue(true);
    submit('<img src=x onerror=alert(1)>$&$`@example.com');
    await vi.waitFor(() => expect(thanks().textContent).not.toBe(''));
    expect(thanks().children).toHaveLength(0);
    expect(thanks().textContent).toContain('<img src=x onerror=alert(1)>$&$`@example.com');
  });

  it('speaks German on the German page', async () => {
    load('de');
    const { api } = fakeWidget();
    wireNewsletter(byTestId('newsletter-form'), async () => api);
    submit('anna.schmidt@example.de');
    await vi.waitFor(() => expect(thanks().textContent).not.toBe(''));
    expect(thanks().textContent).toBe(
      'Danke für Ihr Abonnement! Unser nächster Newsletter geht an anna.schmidt@example.de.',
    );
  });

  it('does nothing for an empty address', async () => {
    const { api } = fakeWidget();
    wireNewsletter(byTestId('newsletter-form'), async () => api);
    submit('   ');
    await new Promise((r) => setTimeout(r, 20));
    expect(api.identify).not.toHaveBeenCalled();
    expect(thanks().textContent).toBe('');
  });
});
