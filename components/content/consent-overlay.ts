/**
 * The content script's state and its one overlay layer. What the scanner finds is text as the
 * page shows it: the background tells which identifiers it is (normalising is its work, not the
 * page's thread's), and identifiers are asked about in batches (20 ms window, once per
 * identifier, again when the cache time passes);
 * badges are positioned beside the anchors that are on screen (IntersectionObserver), so a list
 * of 50,000 rows costs a few dozen badges, never hundreds of shadow roots. The CRM's own DOM is
 * never changed: the layer is a single element on <html>.
 */
import { signal } from '@preact/signals';
import { h, render } from 'preact';
import { normaliseEmail, normalisePhone, type Identifier } from '../../lib/identifiers';
import type { PurposeId } from '../../lib/ids';
import { identifierOf, keyOf } from '../shared/identifier-key';
import { MAX_PER_MESSAGE, MAX_RAW, type IdentifyReply, type LookupReply } from '../shared/messages';
import { purposesFor, verdictOf, type Verdict } from '../shared/consent-summary';
import { OverlayView, type BadgeView, type OverlayState } from '../ui/overlay-view';
import { OVERLAY_CSS } from '../ui/overlay-styles';
import { AnswerBook } from './answer-book';
import { BigTables } from './big-tables';
import { shownAs, type Found, type ScanChange } from './page-scanner';

/** Asks the background about identifiers. */
export type Ask = (identifiers: Identifier[], force: boolean) => Promise<LookupReply>;
/**
 * Asks the background which identifiers these texts are (`kinds[i]` tells what `raws[i]` may
 * be), in order, by key (null: none), with the fresh answers it has saved about them.
 */
export type Identify = (
  kinds: ('email' | 'phone')[],
  raws: string[],
  phoneRegion: string,
) => Promise<IdentifyReply>;

/** The gap (px) between an anchor and its badge, and the least one where room is short. */
const BADGE_GAP = 6;
const TIGHT_GAP = 2;
/** Changes that may move content (and so the anchors badges sit beside). */
const MOVES: MutationObserverInit = { subtree: true, childList: true, attributes: true };
const ASK_WINDOW_MS = 20;

export class ConsentOverlay {
  readonly state: OverlayState = {
    badges: signal<BadgeView[]>([]),
    open: signal(null),
    guard: signal(null),
    notice: signal(null),
    dismissed: signal(false),
  };
  readonly answers = new AnswerBook();
  /**
   * Page-thread time (ms) spent on the background's replies outside the scanner's slices: sending
   * texts to be identified, taking in their keys, sending look-ups, taking in answers. For the
   * bench (the scanner's own stats count `update`).
   */
  readonly stats = { busyMs: 0 };
  private found = new Map<Element, Found[]>();
  private visible = new Set<Element>();
  /**
   * What each text found is, once the background has said: its key, or null for none; false while
   * it is waiting to be identified (one entry per text from the start: every map operation per
   * text counts, 200 texts in a batch of 100 rows).
   */
  private keys = new Map<string, string | null | false>();
  /** Texts to send to be identified at the end of the current task, each with what it shows. */
  private identifying: [seen: string, found: Found][] = [];
  private asking = new Map<string, Identifier>();
  private askTimer: ReturnType<typeof setTimeout> | null = null;
  private frame = 0;
  private ids = new WeakMap<Element, string>();
  private clips = new WeakMap<Element, Element | null>();
  private scrollers = new WeakMap<Element, Element | null>();
  /** Where each anchor's badges went, and for which geometry: hit tests only when it moves. */
  private places = new WeakMap<Element, { at: string; full: boolean; gap: number | null }>();
  /**
   * edgesOf per box, read once per window width: rows prepended above move every badge, and a
   * computed style per badge each frame cost ~1.5 ms a frame (BENCH_BATCHES profile).
   */
  private edges = new WeakMap<Element, Edges>();
  private nextId = 0;
  private host: HTMLElement;
  private intersection: IntersectionObserver;
  /** Anchors in big tables, found on screen by rows rather than observed one by one. */
  private tables = new BigTables();

  constructor(
    private readonly doc: Document,
    private readonly ask: Ask,
    private readonly identify: Identify,
    private readonly purposes: () => PurposeId[],
    /** Where national numbers are read. */
    private readonly phoneRegion: () => string,
  ) {
    this.host = doc.createElement('consentry-overlay');
    const shadow = this.host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(OVERLAY_CSS);
    shadow.adoptedStyleSheets = [sheet];
    doc.documentElement.append(this.host);
    showInTopLayer(this.host);
    render(h(OverlayView, { state: this.state, details: (key) => this.details(key) }), shadow);
    this.intersection = new IntersectionObserver((entries) => {
      for (const e of entries) {
        if (e.isIntersecting) this.visible.add(e.target);
        else this.visible.delete(e.target);
      }
      this.schedule();
    });
    this.follow(doc, doc.body);
    doc.defaultView?.addEventListener('resize', this.reposition, this.listenOptions);
  }

  private reposition = () => this.schedule();
  private moved = new MutationObserver(this.reposition);
  /** Removes every listener of the overlay's (on the document and in shadow roots) when aborted. */
  private listening = new AbortController();
  private listenOptions = { capture: true, passive: true, signal: this.listening.signal };

  /**
   * Places the badges again on the next frame (at most once a frame) when content under `target`
   * moves: by scrolling, or without it (a panel opens above the list, an image loads, a
   * transition runs), changes seen under `changes`.
   */
  private follow(target: Document | ShadowRoot, changes: Node | null) {
    for (const type of ['scroll', 'transitionend', 'animationend'])
      target.addEventListener(type, this.reposition, this.listenOptions);
    if (changes) this.moved.observe(changes, MOVES);
  }

  /**
   * Follows what moves inside an open shadow root (the scanner tells of each): its scroll events
   * stop at the shadow root and its changes are not seen from the document, so without this a
   * badge would stay where its row was when a box inside the shadow root scrolls.
   */
  watch(shadow: ShadowRoot): void {
    if (!this.destroyed) this.follow(shadow, shadow);
  }

  /** Applies what the scanner saw change. */
  update(change: ScanChange): void {
    for (const anchor of change.removed) {
      this.found.delete(anchor);
      this.visible.delete(anchor);
      if (!this.tables.delete(anchor)) this.intersection.unobserve(anchor);
    }
    for (const f of change.added) {
      const list = this.found.get(f.anchor);
      if (list) {
        if (!list.some((x) => x.kind === f.kind && x.raw === f.raw)) list.push(f);
      } else {
        this.found.set(f.anchor, [f]);
        if (!this.tables.add(f.anchor)) this.intersection.observe(f.anchor);
      }
      // What it shows, as one string: made once here (100,000 of them on a 50,000-row list).
      const seen = shownAs(f);
      const key = this.keys.get(seen);
      if (key === undefined) this.queueIdentify(f, seen);
      else if (key && !this.answers.has(key)) this.queueAsk(identifierOf(key));
    }
    this.schedule();
  }

  /** The keys of what an anchor shows, once each, in the order found (none not yet known). */
  private keysAt(list: Found[]): string[] {
    const out: string[] = [];
    for (const f of list) {
      const key = this.keys.get(shownAs(f));
      if (key && !out.includes(key)) out.push(key);
    }
    return out;
  }

  /**
   * The key of something found, for the action guard: as the background said, or, if it has not
   * answered yet (a click right after the row appeared), normalised here for this one.
   */
  keyFor(f: Found): string | null {
    const known = this.keys.get(shownAs(f));
    if (known !== undefined && known !== false) return known;
    const n =
      f.kind === 'email' ? normaliseEmail(f.raw) : normalisePhone(f.raw, this.phoneRegion());
    return n.ok ? keyOf(n.value) : null;
  }

  /** Asks again about everything on the page (the popup's refresh, the cache time passing). */
  refresh(force: boolean): Promise<void> {
    const all = new Set<string>();
    for (const list of this.found.values()) for (const key of this.keysAt(list)) all.add(key);
    return this.send([...all].map(identifierOf), force);
  }

  /**
   * Everyone the page shows, with their verdict for the team's purposes. People on views the
   * CRM keeps hidden (display: none) are not counted: the rep does not see them.
   */
  summary(): { key: string; verdict: Verdict | 'pending'; stale: boolean }[] {
    const keys = new Set<string>();
    for (const [anchor, list] of this.found)
      if (anchor.isConnected && anchor.getClientRects().length > 0)
        for (const key of this.keysAt(list)) keys.add(key);
    return [...keys].map((key) => ({
      key,
      verdict: this.verdict(key),
      stale: this.answers.get(key)?.stale ?? false,
    }));
  }

  /** The verdict for an identifier key, over the purposes of its channel. */
  verdict(key: string): Verdict | 'pending' {
    const answer = this.answers.get(key);
    if (!answer) return 'pending';
    if (!answer.result) return 'unknown';
    return verdictOf(
      answer.result,
      purposesFor(key.startsWith('email:') ? 'email' : 'phone', this.purposes()),
    );
  }

  details(key: string) {
    const answer = this.answers.get(key);
    const kind = key.startsWith('email:') ? 'email' : 'phone';
    const verdict = this.verdict(key);
    return {
      identifier: key.slice(key.indexOf(':') + 1),
      verdict: verdict === 'pending' ? ('unknown' as const) : verdict,
      result: answer?.result ?? null,
      purposes: purposesFor(kind, this.purposes()),
      stale: answer?.stale ?? false,
      fetchedAt: answer?.fetchedAt ?? null,
    };
  }

  destroy(): void {
    this.intersection.disconnect();
    this.moved.disconnect();
    this.listening.abort();
    cancelAnimationFrame(this.frame);
    clearTimeout(this.frame);
    if (this.askTimer) clearTimeout(this.askTimer);
    this.destroyed = true;
    // Whatever still holds this overlay (a reply on its way) does not keep the page's people.
    for (const held of [this.found, this.answers, this.keys, this.asking]) held.clear();
    this.identifying = [];
    this.visible.clear();
    render(null, this.host.shadowRoot!);
    this.host.remove();
  }

  private destroyed = false;

  /** Texts sent to be identified whose keys and answers are not all in yet. */
  private working = new Set<Promise<void>>();

  /**
   * Settles once every text handed in so far has its key and every key its answer (or the
   * ledger's failure): what the popup's summary waits for after the whole page is read. Texts
   * handed in later are not waited for (a page that keeps changing would keep it waiting).
   */
  async settled(): Promise<void> {
    // Texts handed in during the caller's task are sent in a microtask queued before this one.
    await Promise.resolve();
    await Promise.allSettled([...this.working]);
  }

  /** Queues a text not seen before (`seen`: what it shows, shownAs) to be identified. */
  private queueIdentify(f: Found, seen: string) {
    // Longer than any identifier: none, without asking.
    if (f.raw.length > MAX_RAW) return void this.keys.set(seen, null);
    this.keys.set(seen, false);
    if (this.identifying.push([seen, f]) > 1) return;
    // Sent before the page draws the rows that held them: the background works while the page
    // lays them out (thousands of rows prepended to a long table take it hundreds of ms).
    queueMicrotask(() => {
      const started = performance.now();
      if (this.destroyed) return;
      const batch = this.identifying;
      this.identifying = [];
      for (let i = 0; i < batch.length; i += MAX_PER_MESSAGE) {
        const working = this.identifyBatch(batch.slice(i, i + MAX_PER_MESSAGE));
        this.working.add(working);
        void working.finally(() => this.working.delete(working));
      }
      this.stats.busyMs += performance.now() - started;
    });
  }

  /** Sends texts to be identified, each with what it shows as one string (shownAs). */
  private async identifyBatch(batch: [seen: string, found: Found][]) {
    let reply: IdentifyReply;
    try {
      reply = await this.identify(
        batch.map(([, f]) => f.kind),
        batch.map(([, f]) => f.raw),
        this.phoneRegion(),
      );
      // Keys and answers are matched to the texts by position: a reply of another length is
      // matched to nothing.
      if (reply.keys.length !== batch.length || reply.answers.length !== batch.length)
        throw new Error('Consentry: an identify reply does not match its texts');
    } catch {
      // Not identified: asked again when the page shows them again.
      for (const [seen] of batch) this.keys.delete(seen);
      if (!this.destroyed)
        this.state.notice.value =
          'Consentry could not read this page: reload it, or check its options.';
      return;
    }
    if (this.destroyed) return;
    const started = performance.now();
    // The background batched these already: what it had no answer for is asked about at once.
    const unanswered = new Map<string, Identifier>();
    batch.forEach(([seen], i) => {
      const key = reply.keys[i] ?? null;
      const answer = reply.answers[i] ?? null;
      this.keys.set(seen, key);
      if (key && answer !== null) this.answers.set(key, answer);
      else if (key && !this.answers.has(key)) unanswered.set(key, identifierOf(key));
    });
    this.schedule();
    const sent = this.send([...unanswered.values()], false);
    this.stats.busyMs += performance.now() - started;
    await sent;
  }

  private queueAsk(identifier: Identifier) {
    this.asking.set(keyOf(identifier), identifier);
    this.askTimer ??= setTimeout(() => {
      this.askTimer = null;
      const batch = [...this.asking.values()];
      this.asking.clear();
      void this.send(batch, false);
    }, ASK_WINDOW_MS);
  }

  private async send(identifiers: Identifier[], force: boolean): Promise<void> {
    if (identifiers.length > MAX_PER_MESSAGE) {
      const parts: Promise<void>[] = [];
      for (let i = 0; i < identifiers.length; i += MAX_PER_MESSAGE)
        parts.push(this.send(identifiers.slice(i, i + MAX_PER_MESSAGE), force));
      await Promise.all(parts);
      return;
    }
    if (identifiers.length === 0) return;
    let outcome: LookupReply;
    try {
      outcome = await this.ask(identifiers, force);
      // Answers are matched to the identifiers asked by position.
      if (outcome.answers.length !== identifiers.length)
        throw new Error('Consentry: a look-up reply does not match what was asked');
    } catch {
      if (!this.destroyed)
        this.state.notice.value =
          'Consentry could not get answers: reload the page, or check its options.';
      return;
    }
    if (this.destroyed) return;
    const started = performance.now();
    const keys = identifiers.map(keyOf);
    outcome.answers.forEach((text, i) => this.answers.set(keys[i]!, text));
    // Whether saved answers are shown is read only when the ledger could not be asked.
    this.state.notice.value = outcome.problem
      ? `${outcome.problem.message}${keys.some((key) => this.answers.get(key)?.result) ? ' Showing saved answers, marked with a dashed border.' : ''}`
      : null;
    // A notice the rep put away stays away until the trouble is over; the next one shows again.
    if (!outcome.problem) this.state.dismissed.value = false;
    this.schedule();
    this.stats.busyMs += performance.now() - started;
  }

  private schedule() {
    if (this.frame) return;
    const win = this.doc.defaultView!;
    const run = () => {
      this.frame = 0;
      this.layout();
    };
    // A hidden tab gets no animation frames; its badges still follow the answers.
    this.frame = this.doc.hidden
      ? (win.setTimeout(run, 50) as unknown as number)
      : win.requestAnimationFrame(run);
  }

  /** The nearest box around the anchor that clips its overflow sideways, found once per anchor. */
  private clipOf(anchor: Element): Element | null {
    return this.nearest(anchor, this.clips, (s) => s.overflowX !== 'visible');
  }

  /** The nearest box around the anchor that scrolls on its own (overflow-y auto or scroll). */
  private scrollerOf(anchor: Element): Element | null {
    return this.nearest(anchor, this.scrollers, (s) => /^(auto|scroll)$/.test(s.overflowY));
  }

  /**
   * The nearest ancestor of the anchor (past the shadow roots it is in, below <body>) whose
   * computed style passes `test`, kept in `cache` per anchor.
   */
  private nearest(
    anchor: Element,
    cache: WeakMap<Element, Element | null>,
    test: (style: CSSStyleDeclaration) => boolean,
  ): Element | null {
    const known = cache.get(anchor);
    if (known !== undefined) return known;
    let found: Element | null = null;
    const win = this.doc.defaultView!;
    for (let el = parentOf(anchor); el && el !== this.doc.body; el = parentOf(el))
      if (test(win.getComputedStyle(el))) {
        found = el;
        break;
      }
    cache.set(anchor, found);
    return found;
  }

  /**
   * Where the free room right of the anchor ends: the window's edge, or the next box on the
   * anchor's line at any level up (the next field, a "Send email" button, the next table cell, a
   * sidebar), where its content starts if the box paints nothing before it (a table cell's
   * padding is room; a button's is not). Geometry from rects, not hit tests: elementFromPoint
   * over a list of 10,000 rows took milliseconds a call (`npm run bench:ext`).
   */
  private roomRight(anchor: Element, r: DOMRect): number {
    let limit = this.doc.documentElement.clientWidth;
    for (let el: Element | null = anchor; el && el !== this.doc.body; el = el.parentElement) {
      for (let next = el.nextElementSibling; next; next = next.nextElementSibling) {
        const s = next.getBoundingClientRect();
        if (s.width === 0 && s.height === 0) continue;
        // A box on a later line ends the search at this level; one on the same line, the room.
        if (s.top >= r.bottom) break;
        if (s.bottom > r.top && s.left >= r.right - 1) {
          // The padding counts only if no line is drawn between the two boxes either.
          const room = this.edgesOf(next).clearLeft;
          limit = Math.min(limit, s.left + (room > 0 && !this.edgesOf(el).drawsRight ? room : 0));
          break;
        }
      }
    }
    return limit;
  }

  /**
   * What a box draws at its sides, from its computed style: how far (px) into it its content
   * starts, less TIGHT_GAP, if nothing is drawn there (no background, left border or shadow, and
   * not a control, whose padding is its own to click), else 0; and whether it draws a line at
   * its right (a border or a shadow, as grids draw column lines).
   */
  private edgesOf(box: Element): Edges {
    const width = this.doc.defaultView!.innerWidth;
    let edges = this.edges.get(box);
    if (edges?.width === width) return edges;
    const s = this.doc.defaultView!.getComputedStyle(box);
    const shadow = s.boxShadow !== 'none';
    const painted =
      shadow ||
      s.backgroundImage !== 'none' ||
      !/^(transparent|rgba\(.*,\s*0\))$/.test(s.backgroundColor) ||
      parseFloat(s.borderLeftWidth) > 0 ||
      box.matches(CONTROLS);
    edges = {
      width,
      clearLeft: painted ? 0 : Math.max(0, (parseFloat(s.paddingLeft) || 0) - TIGHT_GAP),
      drawsRight: shadow || parseFloat(s.borderRightWidth) > 0,
    };
    this.edges.set(box, edges);
    return edges;
  }

  /** For anchors no observer watches: inside the window and inside any box that clips them. */
  private onScreen(anchor: Element, r: DOMRect, win: Window): boolean {
    if (r.right <= 0 || r.left >= win.innerWidth || r.bottom <= 0 || r.top >= win.innerHeight)
      return false;
    const clip = this.clipOf(anchor)?.getBoundingClientRect();
    return !clip || (r.bottom > clip.top && r.top < clip.bottom && r.right > clip.left);
  }

  /** Places a badge beside every visible anchor. Reads all rects first, then writes once. */
  private layout() {
    const badges: BadgeView[] = [];
    const win = this.doc.defaultView!;
    const inTables = new Set(this.tables.visible(win.innerHeight));
    for (const anchor of [...this.visible, ...inTables]) {
      const found = this.found.get(anchor);
      if (!found || !anchor.isConnected) continue;
      const list = this.keysAt(found);
      if (list.length === 0) continue;
      const r = anchor.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (inTables.has(anchor) && !this.onScreen(anchor, r, win)) continue;
      // A badge is centred on its anchor's line. An anchor the edge of a box scrolling on its own
      // cuts through (its row half scrolled out) gets none where the badge would hang past that
      // edge over the page. (Only a box some rows tall: not a one-line wrapper that clips.)
      const top = r.top + (r.height - BADGE_HEIGHT) / 2;
      const box = this.scrollerOf(anchor)?.getBoundingClientRect();
      if (
        box &&
        box.height >= 3 * BADGE_HEIGHT &&
        ((r.top < box.top && top < box.top) ||
          (r.bottom > box.bottom && top + BADGE_HEIGHT > box.bottom))
      )
        continue;
      const clip = this.clipOf(anchor)?.getBoundingClientRect();
      // In a truncated cell the anchor runs on under its clipping box: a small badge goes at the
      // end of what is visible, over the cut-off text, not over the next cell.
      const visibleRight = clip ? Math.min(r.right, clip.right) : r.right;
      // Beside the anchor goes a badge with words if it has room there, else the symbol alone;
      // with no room for that either (the next field, the next button), the symbol goes over the
      // anchor's own end rather than over something else of the page.
      const symbols = (COMPACT_WIDTH + 4) * list.length - 4;
      const truncated = visibleRight < r.right - 1;
      const at = `${r.left},${r.right},${visibleRight},${r.top + win.scrollY},${win.innerWidth},${list.length}`;
      let place = this.places.get(anchor);
      if (place?.at !== at) {
        // Measured once for both widths (the rects of the boxes after it, at every level up).
        // Symbols short of room keep a tight gap rather than cover the anchor's end. (A truncated
        // anchor has no room: nothing fits after it.)
        const room = truncated ? 0 : this.roomRight(anchor, r) - r.right;
        const fits = (width: number, gap: number) => width + gap <= room;
        const full = fits((BADGE_WIDTH + 4) * list.length - 4, BADGE_GAP);
        const gap =
          full || fits(symbols, BADGE_GAP)
            ? BADGE_GAP
            : fits(symbols, TIGHT_GAP)
              ? TIGHT_GAP
              : null;
        this.places.set(anchor, (place = { at, full, gap }));
      }
      const compact = !place.full;
      let left = place.gap !== null ? r.right + place.gap : visibleRight - symbols;
      for (const [i, key] of list.entries()) {
        let id = this.ids.get(anchor);
        if (!id) this.ids.set(anchor, (id = `consentry-b${this.nextId++}`));
        const identifier = identifierOf(key);
        badges.push({
          id: `${id}-${identifier.kind}-${i}`,
          key,
          identifier: identifier.value,
          top,
          left,
          verdict: this.verdict(key),
          stale: this.answers.get(key)?.stale ?? false,
          compact,
        });
        left += widthOf(compact) + 4;
      }
    }
    this.state.badges.value = placeBadges(badges, this.doc.documentElement.clientWidth);
  }
}

/** An element's parent, or the host of the shadow root it is the top of. */
function parentOf(el: Element): Element | null {
  const up = el.parentNode;
  return up instanceof ShadowRoot ? up.host : (el.parentElement ?? null);
}

/**
 * Puts the layer in the top layer, as a manual popover (never dismissed by the browser), where
 * the browser has one. A fixed layer of the page's own instead makes Chromium revisit the paint
 * properties of every box when it appears: a 150-200 ms frame over a 50,000-row list, against
 * 40 ms in the top layer. Where popovers are missing, the layer stays a fixed box with the
 * highest z-index (its styles are the same either way).
 */
function showInTopLayer(host: HTMLElement) {
  if (typeof host.showPopover !== 'function') return;
  host.popover = 'manual';
  try {
    host.showPopover();
  } catch {
    host.removeAttribute('popover');
  }
}

/** What edgesOf tells of a box, and for which window width. */
interface Edges {
  width: number;
  clearLeft: number;
  drawsRight: boolean;
}

/** Boxes a rep clicks: their padding is part of what they click, never room for a badge. */
const CONTROLS = [
  'a',
  'button',
  'input',
  'select',
  'textarea',
  'summary',
  'label',
  '[contenteditable]',
  ...['button', 'link', 'menuitem', 'tab', 'switch', 'checkbox', 'radio', 'option'].map(
    (role) => `[role="${role}"]`,
  ),
].join(',');

/** A badge's height (px), as the overlay's styles draw it. */
const BADGE_HEIGHT = 18;
/** Estimated badge widths (px): with words, and the symbol alone. */
const BADGE_WIDTH = 100;
const COMPACT_WIDTH = 20;
const widthOf = (compact: boolean) => (compact ? COMPACT_WIDTH : BADGE_WIDTH);

/**
 * Moves badges so none covers another (cells side by side put their badges in the same spot)
 * and none leaves the viewport: one that would is pulled back inside, leftwards past others.
 */
function placeBadges(badges: BadgeView[], viewportWidth: number): BadgeView[] {
  const sorted = [...badges].sort((a, b) => a.top - b.top || a.left - b.left);
  const placed: BadgeView[] = [];
  const clash = (b: BadgeView, left: number) =>
    placed.find(
      (p) =>
        Math.abs(p.top - b.top) < 20 &&
        left < p.left + widthOf(p.compact) &&
        p.left < left + widthOf(b.compact),
    );
  for (const b of sorted) {
    const maxLeft = Math.max(0, viewportWidth - widthOf(b.compact) - 4);
    let left = b.left;
    for (let other = clash(b, left); other; other = clash(b, left))
      left = other.left + widthOf(other.compact) + 4;
    if (left > maxLeft) {
      left = maxLeft;
      for (let other = clash(b, left); other && left > 0; other = clash(b, left))
        left = other.left - widthOf(b.compact) - 4;
    }
    placed.push({ ...b, left: Math.max(0, left) });
  }
  return placed;
}
