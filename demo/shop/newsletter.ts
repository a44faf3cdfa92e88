import type { WidgetApi } from './when-widget';

/**
 * Wires the newsletter form: on submit it links the address to the visitor's consent through the
 * widget's `identify` (granting `marketing_email` first when the optional box is ticked), then
 * thanks the visitor. Waits for the widget when its script is still loading and says so when it
 * never came; every message goes in as text.
 */
export function wireNewsletter(
  form: HTMLFormElement,
  widget: () => Promise<WidgetApi | null>,
): void {
  const email = form.querySelector<HTMLInputElement>('[data-testid="newsletter-email"]');
  const submit = form.querySelector<HTMLButtonElement>('[data-testid="newsletter-submit"]');
  const offers = form.querySelector<HTMLInputElement>('[data-testid="newsletter-offers"]');
  const thanks = form.querySelector<HTMLElement>('[data-testid="newsletter-thanks"]');
  if (!email || !submit || !thanks) return;
  const label = submit.textContent?.trim() ?? '';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const address = email.value.trim();
    if (!address || !email.checkValidity()) {
      form.reportValidity();
      return;
    }
    submit.disabled = true;
    submit.textContent = form.dataset.subscribing ?? label;
    thanks.textContent = '';
    void subscribe(address, offers?.checked === true, widget).then((linked) => {
      const message = (form.dataset.thanks ?? '{email}').replace('{email}', () => address);
      thanks.textContent =
        linked === null ? `${message} ${form.dataset.widgetMissing ?? ''}`.trim() : message;
      thanks.dataset.linked = String(linked === true);
      submit.disabled = false;
      submit.textContent = label;
      form.reset();
    });
  });
}

/** True when linked, false when the widget declined (no choice made yet), null without widget. */
async function subscribe(
  email: string,
  offers: boolean,
  widget: () => Promise<WidgetApi | null>,
): Promise<boolean | null> {
  try {
    const api = await widget();
    if (!api) return null;
    if (offers) await api.setPurposes({ marketing_email: true });
    return await api.identify({ email });
  } catch {
    return null;
  }
}
