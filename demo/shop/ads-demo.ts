/**
 * Stands in for an advertising tag: the widget runs it only once `advertising` is granted. It sets
 * a Google-Ads-style cookie (cleared by the widget on withdrawal), shows the partner offer and
 * "Advertising on", and follows later changes through the `consentry:change` event.
 */
const indicator = document.querySelector<HTMLElement>('[data-testid="advertising-status"]');
const slot = document.querySelector<HTMLElement>('[data-testid="ad-slot"]');
const show = (on: boolean) => {
  if (slot) slot.hidden = !on;
  if (!indicator) return;
  indicator.textContent = (on ? indicator.dataset.on : indicator.dataset.off) ?? '';
  indicator.classList.toggle('is-on', on);
};
document.cookie = `_gcl_au=1.1.${Date.now()}; path=/; max-age=7776000; SameSite=Lax`;
show(true);
window.addEventListener('consentry:change', (event) => {
  const granted = (event as CustomEvent<{ granted?: Record<string, boolean> }>).detail?.granted;
  show(granted?.advertising === true);
});

export {};
