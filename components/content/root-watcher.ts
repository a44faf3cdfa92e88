/**
 * For CRMs whose live view is one part of the page (Salesforce keeps every visited page in the
 * DOM and marks one active): tells when that part becomes another element. A single-page CRM
 * announces navigation before it shows the new view, so the location alone cannot say when to
 * look again; the DOM can.
 */
import type { CrmAdapter } from './adapter';

/** How long DOM changes are gathered before the live part is looked up again. */
const SETTLE_MS = 50;

/** Calls `onMoved` when `adapter.root(doc)` is no longer `current`; stops with `signal`. */
export function watchRoot(
  doc: Document,
  adapter: CrmAdapter,
  current: Element | null,
  onMoved: () => void,
  signal: AbortSignal,
): void {
  const root = adapter.root;
  if (!root || !doc.body) return;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const check = () => {
    timer = null;
    if (signal.aborted) return;
    const now = root(doc);
    if (now !== current || (current !== null && !current.isConnected)) onMoved();
  };
  const observer = new MutationObserver(() => {
    timer ??= setTimeout(check, SETTLE_MS);
  });
  observer.observe(doc.body, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['class', 'hidden', 'style'],
  });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (timer) clearTimeout(timer);
  });
}
