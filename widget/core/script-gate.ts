import type { PurposeId } from '../../lib/purposes';
import { trustedPolicy } from './trusted-types';

/** Marks an element the gate already activated, so running it again changes nothing. */
const DONE = 'data-consent-active';

const purposesOf = (el: Element): string[] =>
  (el.getAttribute('data-consent') ?? '').split(/[\s,]+/).filter(Boolean);

/**
 * Activates what the page gated behind consent, for every element whose purposes are all
 * granted: `<script type="text/plain" data-consent="analytics">` (re-created as a real script,
 * with the page's CSP nonce), and `<iframe>`/`<img>` with `data-consent` and `data-src`.
 * Returns how many elements it activated. Idempotent.
 */
export function activateGated(
  root: ParentNode,
  granted: (purpose: PurposeId) => boolean,
  nonce = '',
): number {
  let count = 0;
  const allowed = (el: Element) => {
    const purposes = purposesOf(el);
    return purposes.length > 0 && purposes.every((p) => granted(p as PurposeId));
  };
  for (const el of Array.from(
    root.querySelectorAll(`script[type="text/plain"][data-consent]:not([${DONE}])`),
  )) {
    if (!allowed(el)) continue;
    const original = el as HTMLScriptElement;
    const script = original.ownerDocument.createElement('script');
    for (const { name, value } of Array.from(original.attributes)) {
      if (name !== 'type' && name !== 'src' && name !== 'data-src' && name !== 'nonce')
        script.setAttribute(name, value);
    }
    const type = original.getAttribute('data-type');
    if (type) script.type = type;
    // Browsers hide the nonce attribute; the property keeps it.
    script.nonce = original.nonce || nonce;
    const src = original.getAttribute('data-src') ?? original.getAttribute('src');
    const policy = trustedPolicy();
    try {
      if (src) script.src = (policy ? policy.createScriptURL(src) : src) as string;
      else if (original.text)
        script.text = (policy ? policy.createScript(original.text) : original.text) as string;
    } catch {
      // Trusted Types enforced without our policy allowed: leave it gated rather than throw.
      continue;
    }
    script.setAttribute(DONE, '');
    original.replaceWith(script);
    count += 1;
  }
  for (const el of Array.from(
    root.querySelectorAll(
      `iframe[data-consent][data-src]:not([${DONE}]), img[data-consent][data-src]:not([${DONE}])`,
    ),
  )) {
    if (!allowed(el)) continue;
    el.setAttribute('src', el.getAttribute('data-src')!);
    el.setAttribute(DONE, '');
    count += 1;
  }
  return count;
}
