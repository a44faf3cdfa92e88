/** What one CRM adapter knows: how to recognise the CRM's pages, where the live content is, and its own controls. */

/** An identifier found on the page, before normalisation. */
export interface Candidate {
  kind: 'email' | 'phone';
  raw: string;
  /** The element a badge goes beside. */
  anchor: Element;
}

export interface CrmAdapter {
  id: string;
  label: string;
  /** True for this CRM's addresses (host name, path): checked for every adapter first. */
  matchesUrl?(url: URL): boolean;
  /**
   * Markup only this CRM's pages have, telling it apart where the address does not (self-hosted,
   * or a custom domain): selectors of one tag, class or attribute each, queried one at a time.
   */
  markers?: readonly string[];
  /**
   * The live part of the page (the active record or list), for CRMs that keep old views in the
   * DOM; null means the whole body.
   */
  root?(doc: Document): Element | null;
  /** Fields the generic rules miss, e.g. inputs named by the CRM's own attributes. */
  fields?: { selector: string; kind: Candidate['kind'] }[];
  /** The CRM's own "send email" and "call" controls, guarded like mailto:/tel: links. */
  actions?: { email?: string; call?: string };
}
