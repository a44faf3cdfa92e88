/**
 * Finds identifiers in a subtree: links (mailto:, tel:), `data-email-address`, email and phone
 * inputs (whose value is a property, not text), an adapter's own fields, and text — where a cheap
 * test ("@", "+" or "(") comes before any regular expression.
 */
import type { Candidate, CrmAdapter } from './adapter';

const LINKS =
  'a[href^="mailto:" i],a[href^="tel:" i],[data-email-address],input[type="email"],input[type="tel"]';
const EMAIL_IN_TEXT = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+\.[a-z]{2,}/gi;
const PHONE_IN_TEXT = /(?:\+|\(\d)[\d\s().-]{6,20}\d/g;
/** Text inside these is not scanned: it is code, an editor, a link already read, or ours. */
export const SKIP_TEXT =
  'script,style,noscript,textarea,template,[contenteditable=""],[contenteditable="true"],a[href^="mailto:" i],a[href^="tel:" i],[data-email-address],consentry-overlay';

/** The selector for an adapter's element rules. */
export const elementSelector = (adapter: CrmAdapter) =>
  [LINKS, ...(adapter.fields ?? []).map((f) => f.selector)].join(',');

/** The candidate an element stands for, if any. */
export function candidateOf(el: Element, adapter: CrmAdapter): Candidate | null {
  if (el instanceof HTMLAnchorElement) {
    const href = el.getAttribute('href') ?? '';
    if (/^mailto:/i.test(href)) return { kind: 'email', raw: href, anchor: el };
    if (/^tel:/i.test(href)) return { kind: 'phone', raw: href, anchor: el };
  }
  const address = el.getAttribute('data-email-address');
  if (address) return { kind: 'email', raw: address, anchor: el };
  if (el instanceof HTMLInputElement) {
    const field = adapter.fields?.find((f) => el.matches(f.selector));
    const kind =
      field?.kind ?? (el.type === 'email' ? 'email' : el.type === 'tel' ? 'phone' : null);
    return kind && el.value.trim() ? { kind, raw: el.value, anchor: el } : null;
  }
  return null;
}

const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'textarea',
  'template',
  'consentry-overlay',
]);

/** Whether `el` itself is one of SKIP_TEXT, by a few cheap tests instead of a selector match. */
export function skipsText(el: Element): boolean {
  if (SKIP_TAGS.has(el.localName) || el.hasAttribute('data-email-address')) return true;
  if (el.localName === 'a') return /^(?:mailto|tel):/i.test(el.getAttribute('href') ?? '');
  const editable = el.getAttribute('contenteditable');
  return editable === '' || editable?.toLowerCase() === 'true';
}

/** Whether text under `el` is left alone (see SKIP_TEXT). */
export type SkipTest = (el: Element) => boolean;

const skipByClosest: SkipTest = (el) => el.closest(SKIP_TEXT) !== null;

/** Identifiers in the text of one text node, anchored on its parent element. */
export function candidatesInText(
  node: Text,
  out: Candidate[],
  skip: SkipTest = skipByClosest,
): void {
  const text = node.data;
  const hasAt = text.includes('@');
  // Every phone match starts with "+" or "(": a text without them needs no regular expression.
  const mayBePhone = text.includes('+') || text.includes('(');
  if (!hasAt && !mayBePhone) return;
  const parent = node.parentElement;
  if (!parent || skip(parent)) return;
  if (hasAt)
    for (const m of text.matchAll(EMAIL_IN_TEXT))
      out.push({ kind: 'email', raw: m[0], anchor: parent });
  if (mayBePhone)
    for (const m of text.matchAll(PHONE_IN_TEXT))
      out.push({ kind: 'phone', raw: m[0], anchor: parent });
}

/** Every candidate in `root` (an element or an open shadow root), appended to `out`. */
export function findCandidates(
  root: Element | ShadowRoot,
  adapter: CrmAdapter,
  out: Candidate[],
): void {
  const selector = elementSelector(adapter);
  if (root instanceof Element && root.matches(selector)) {
    const c = candidateOf(root, adapter);
    if (c) out.push(c);
  }
  for (const el of root.querySelectorAll(selector)) {
    const c = candidateOf(el, adapter);
    if (c) out.push(c);
  }
  const doc = root.ownerDocument ?? document;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) candidatesInText(n as Text, out);
}
