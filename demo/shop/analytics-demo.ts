/**
 * Stands in for an analytics tag: the widget runs it only once `analytics` is granted. It sets a
 * Matomo-style cookie (which the widget clears on withdrawal) and shows "Analytics on"; it follows
 * later changes through the widget's `consentry:change` event.
 */
const indicator = document.querySelector<HTMLElement>('[data-testid="analytics-status"]');
const show = (on: boolean) => {
  if (!indicator) return;
  indicator.textContent = (on ? indicator.dataset.on : indicator.dataset.off) ?? '';
  indicator.classList.toggle('is-on', on);
};
document.cookie = `_pk_id.demo=${Date.now().toString(36)}; path=/; max-age=34214400; SameSite=Lax`;
show(true);
window.addEventListener('consentry:change', (event) => {
  const granted = (event as CustomEvent<{ granted?: Record<string, boolean> }>).detail?.granted;
  show(granted?.analytics === true);
});

export {};
