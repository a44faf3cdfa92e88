import type { WidgetApi } from './when-widget';

/**
 * Wires the footer's "Privacy choices" button to the widget's preferences layer, waiting for the
 * widget when it is still loading and saying so (as text) when it is not available.
 */
export function wirePrivacyChoices(
  button: HTMLButtonElement,
  status: HTMLElement | null,
  widget: () => Promise<WidgetApi | null>,
): void {
  button.addEventListener('click', () => {
    if (status) status.textContent = '';
    void widget().then((api) => {
      if (api) api.showPreferences();
      else if (status) status.textContent = button.dataset.unavailable ?? '';
    });
  });
}
