/**
 * Stops a click (a middle click too) on a mailto:/tel: link, or on the CRM's own "send email" /
 * "call" control, when the person lacks consent for the team's purposes of that channel, and asks
 * first (or refuses, in block mode). Listens in the capture phase on the window, before the CRM's
 * own handlers.
 */
import type { PurposeId } from '../../lib/ids';
import { mayContact, purposeLabel, purposesFor } from '../shared/consent-summary';
import type { CrmAdapter } from './adapter';
import type { ConsentOverlay } from './consent-overlay';
import { isContactLink } from './find-candidates';

export interface GuardOptions {
  adapter: CrmAdapter;
  overlay: ConsentOverlay;
  mode: () => 'warn' | 'block';
  purposes: () => PurposeId[];
  /** The person a CRM control acts on: the first identifier of that kind in the live root. */
  recordIdentifier: (kind: 'email' | 'phone') => string | null;
}

export function installActionGuard(doc: Document, o: GuardOptions, signal: AbortSignal): void {
  let allowOnce: Element | null = null;
  const selector = [
    'a[href^="mailto:" i]',
    'a[href^="tel:" i]',
    o.adapter.actions?.email,
    o.adapter.actions?.call,
  ]
    .filter(Boolean)
    .join(',');
  const onClick = (event: MouseEvent) => {
    // A middle click (auxclick) opens a link too: for mailto:/tel:, the mail or phone app. (On a
    // CRM's own button it does nothing, so there is nothing to guard.)
    if (event.type === 'auxclick' && event.button !== 1) return;
    const target = event.target instanceof Element ? event.target.closest(selector) : null;
    if (!target) return;
    if (event.type === 'auxclick' && !target.matches('a[href]')) return;
    if (allowOnce === target) {
      allowOnce = null;
      return;
    }
    const href = target.getAttribute('href') ?? '';
    const link = isContactLink(href);
    const kind: 'email' | 'phone' =
      link ??
      (o.adapter.actions?.email && target.matches(o.adapter.actions.email) ? 'email' : 'phone');
    // A link is what the scanner found there (its href), identified as the overlay knows it.
    const key = link
      ? o.overlay.keyFor({ kind, raw: href, anchor: target })
      : o.recordIdentifier(kind);
    if (!key) return;
    const verdict = o.overlay.verdict(key);
    if (mayContact(verdict)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const details = o.overlay.details(key);
    const lines = details.result
      ? purposesFor(kind, o.purposes()).map((p) => {
          const a = details.result!.purposes[p];
          return `${purposeLabel(p)}: ${a ? a.reason : 'not asked by this site'}`;
        })
      : ['The ledger has not answered for this person.'];
    if (details.stale) lines.push('This is a saved answer: the ledger could not be asked.');
    const close = () => {
      o.overlay.state.guard.value = null;
      if (target instanceof HTMLElement) target.focus();
    };
    o.overlay.state.guard.value = {
      identifier: details.identifier,
      action: kind === 'email' ? 'email' : 'call',
      lines,
      mode: o.mode(),
      onCancel: close,
      onProceed: () => {
        close();
        allowOnce = target;
        if (target instanceof HTMLElement) target.click();
      },
    };
  };
  for (const type of ['click', 'auxclick'] as const)
    doc.defaultView!.addEventListener(type, onClick, { capture: true, signal });
}
