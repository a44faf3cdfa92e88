/**
 * Finds identifiers in a subtree: links (mailto:, tel:), `data-email-address`, email and phone
 * inputs (whose value is a property, not text), an adapter's own fields, and text — where a cheap
 * test ("@", "+" or "(") comes before any regular expression.
 */
import type { Candidate, CrmAdapter } from './adapter';

const EMAIL_IN_TEXT = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+\.[a-z]{2,}/gi;
const PHONE_IN_TEXT = /(?:\+|\(\d)[\d\s().-]{6,20}\d/g;

/** A link to an address or a number (as isContactLink tells from its href). */
const CONTACT_LINK = 'a[href^="mailto:" i], a[href^="tel:" i]';

/** The candidate an element stands for, if any. */
export function candidateOf(el: Element, adapter: CrmAdapter): Candidate | null {
  // Most links go elsewhere: a selector tells without reading their href.
  // An SVG <a> links as an HTML one does (its text is passed over alike, see skipsText).
  if (el.matches(CONTACT_LINK)) {
    const href = el.getAttribute('href') ?? '';
    const kind = isContactLink(href);
    if (kind) return { kind, raw: href, anchor: el };
  }
  const address = el.hasAttribute('data-email-address') && el.getAttribute('data-email-address');
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

/**
 * Whether text inside `el` is not scanned: it is code, an editor, a link already read
 * (mailto:, tel:, data-email-address), or our own layer. A few cheap tests, not a selector match.
 */
export function skipsText(el: Element, name = el.localName, bare = !el.hasAttributes()): boolean {
  if (SKIP_TAGS.has(name)) return true;
  // An element without attributes is no link, no address and not editable.
  if (bare) return false;
  if (el.hasAttribute('data-email-address')) return true;
  if (name === 'a') return el.matches(CONTACT_LINK);
  const editable = el.getAttribute('contenteditable');
  return editable === '' || editable?.toLowerCase() === 'true';
}

/** What a link's href reaches: an address (mailto:), a number (tel:), or neither. */
export function isContactLink(href: string): 'email' | 'phone' | null {
  const scheme = href.slice(0, 7).toLowerCase();
  return scheme === 'mailto:' ? 'email' : scheme.startsWith('tel:') ? 'phone' : null;
}

/** Every email has an "@", every phone match starts with "+" or "(": else no regex is run. */
const mayHoldIdentifier = (text: string) =>
  text.includes('@') || text.includes('+') || text.includes('(');

/** Identifiers in `text` (one text node's), anchored on `parent`, the node's parent element. */
function candidatesIn(text: string, parent: Element, out: Candidate[]): void {
  const hasAt = text.includes('@');
  const mayBePhone = text.includes('+') || text.includes('(');
  if (!hasAt && !mayBePhone) return;
  if (hasAt)
    for (const m of text.matchAll(EMAIL_IN_TEXT))
      out.push({ kind: 'email', raw: m[0], anchor: parent });
  if (mayBePhone)
    for (const m of text.matchAll(PHONE_IN_TEXT))
      out.push({ kind: 'phone', raw: m[0], anchor: parent });
}

/** What a walk is told besides where to look. */
export interface WalkOptions {
  /** Gets each open shadow root met. */
  onShadow?: (shadow: ShadowRoot) => void;
  /** Gets each element of `root` (not of its shadow roots), `root` included. */
  onElement?: (el: Element) => void;
  /** quietAbove(root), when the caller knows it (rows added side by side share it). */
  above?: Element | null;
  /**
   * Asked of each element below `root` (after the element itself is read): true when its children
   * are read elsewhere (a long list whose rows are read as they come near the screen), so the
   * walk passes over them.
   */
  defer?: (el: Element) => boolean;
  /**
   * `root` is small (a row): its text is taken in one string and each text node's part is found
   * by its length, instead of one string per text node (see walkCandidates). The callbacks above
   * must not change the page meanwhile (none does).
   */
  row?: boolean;
}

const MARK = /[@+(]/g;

/** Where the next "@", "+" or "(" of `text` is at or after `from` (text.length if none). */
function nextMark(text: string, from: number): number {
  MARK.lastIndex = from;
  return MARK.test(text) ? MARK.lastIndex - 1 : text.length;
}

/**
 * Every candidate in `root` (an element or an open shadow root), appended to `out`, a step at a
 * time: one walk over its elements and texts in document order, yielding every 256 nodes. An
 * element is a candidate by a few cheap tests (its tag, one attribute, the adapter's selector when
 * it has fields); a text only behind its own cheap test; text inside what is not read as text
 * (skipsText) is passed over. No native query over the whole subtree: on a page of 500,000
 * elements one would be a long task of its own.
 */
export function* walkCandidates(
  root: Element | ShadowRoot,
  adapter: CrmAdapter,
  out: Candidate[],
  { onShadow, onElement, above, defer, row }: WalkOptions = {},
): Generator<void> {
  const fields = adapter.fields?.map((f) => f.selector).join(',') || null;
  const doc = root.ownerDocument ?? document;
  // CDATA sections (XML pages only) are met only to keep a row's offsets: textContent holds them.
  const walker = doc.createTreeWalker(
    root,
    NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT | NodeFilter.SHOW_CDATA_SECTION,
  );
  // The outermost element whose text is not read, while the walk is inside it.
  let quiet: Element | null =
    above !== undefined ? above : root instanceof Element ? quietAbove(root) : null;
  // A row's text in one string (its text nodes' in document order, as the walk meets them): a
  // text node's part is where the last one's ended, for its length (a number, not a string);
  // only a part holding a mark is cut out. Reading a string per text node is most of the cost of
  // reading a row in Chromium, and leaves a handle per string for the collector to clear. Given
  // up (one string per text node again) when the page may have changed (a yield) or a subtree's
  // text is passed over (deferred).
  let text = row && root instanceof Element ? root.textContent : null;
  let offset = 0;
  let mark = text === null ? 0 : nextMark(text, 0);
  let n = 0;
  const first = root instanceof Element ? root : walker.nextNode();
  for (let node: Node | null = first; node; node = walker.nextNode()) {
    if ((++n & 255) === 0) {
      yield;
      text = null;
    }
    if (node.nodeType === Node.CDATA_SECTION_NODE) {
      if (text !== null) {
        offset += (node as CDATASection).length;
        if (mark < offset) mark = nextMark(text, offset);
      }
      continue;
    }
    if (node.nodeType === Node.TEXT_NODE) {
      let data: string;
      if (text !== null) {
        const end = offset + (node as Text).length;
        const at = offset;
        offset = end;
        if (mark >= end) continue;
        data = text.slice(at, end);
        mark = nextMark(text, end);
      } else {
        data = (node as Text).data;
        // Most text holds no "@", "+" or "(": passed over before anything else is read.
        if (!mayHoldIdentifier(data)) continue;
      }
      const parent = node.parentElement;
      if (quiet && parent && !quiet.contains(parent)) quiet = null;
      if (!quiet && parent) candidatesIn(data, parent, out);
      continue;
    }
    const el = node as Element;
    onElement?.(el);
    const name = el.localName;
    // Most elements of a list (cells, spans) have no attributes: one call tells.
    const bare = !el.hasAttributes();
    // A link is told by its href alone, read once (candidateOf and skipsText would each match
    // a selector: two calls a link, two links a row, counted in a batch of 100 rows).
    const link = name === 'a' && !bare;
    let contact: 'email' | 'phone' | null = null;
    if (link) {
      const href = el.getAttribute('href');
      contact = href === null ? null : isContactLink(href);
      if (contact) out.push({ kind: contact, raw: href!, anchor: el });
    }
    if (
      !contact &&
      (name === 'input' ||
        (!bare && el.hasAttribute('data-email-address')) ||
        (fields !== null && el.matches(fields)))
    ) {
      const c = candidateOf(el, adapter);
      if (c) out.push(c);
    }
    if (quiet && !quiet.contains(el)) quiet = null;
    // (A link with attributes: its text is passed over if it is a contact link or an address.)
    if (
      !quiet &&
      (link ? contact !== null || el.hasAttribute('data-email-address') : skipsText(el, name, bare))
    )
      quiet = el;
    if (onShadow && name.includes('-') && el.shadowRoot) onShadow(el.shadowRoot);
    // Past the subtree: the walk goes on from its last node.
    if (defer && el !== root && defer(el)) {
      walker.currentNode = lastNodeOf(el);
      text = null;
    }
  }
}

/** The last node of a subtree in document order. */
function lastNodeOf(node: Node): Node {
  while (node.lastChild) node = node.lastChild;
  return node;
}

/** Every candidate in `root`, at once (see walkCandidates). */
export function findCandidates(
  root: Element | ShadowRoot,
  adapter: CrmAdapter,
  out: Candidate[],
  options?: WalkOptions,
): void {
  const walk = walkCandidates(root, adapter, out, options);
  while (!walk.next().done);
}

/** The nearest ancestor of `el` whose text is not read (skipsText), if any. */
export function quietAbove(el: Element): Element | null {
  for (let up = el.parentElement; up; up = up.parentElement) if (skipsText(up)) return up;
  return null;
}
