/**
 * Keeps the list of identifiers on a page current, as the page shows them (a mailto: link, a
 * number as written; the background normalises them, off the page's thread): first what is on
 * screen (read at once, from the layout the page already has), then a full pass over the live
 * root in short time slices, then one batched MutationObserver for added rows, recycled rows whose
 * text or link changed, input values typed in, and open shadow roots. The rows of long lists
 * (LongLists) are read as they come near the screen, and all of them when the whole page is asked
 * for (readAll). Every pass is idempotent: an element is known by what it showed last time, and
 * only changes are reported.
 */
import type { Candidate, CrmAdapter } from './adapter';
import { findCandidates, quietAbove, walkCandidates, type WalkOptions } from './find-candidates';
import { LongLists } from './long-lists';
import { visibleBlocks } from './visible-blocks';

/**
 * What may be an identifier at a place on the page, as the page shows it: normalising (which
 * also tells what is none) is the background's work (see ConsentOverlay), not the page's.
 */
export type Found = Candidate;

/** What a found text is, as one string: its kind and its text as shown ("email:mailto:ana@…"). */
export const shownAs = (f: Found): string => `${f.kind}:${f.raw}`;

/** What changed since the last report. */
export interface ScanChange {
  added: Found[];
  removed: Element[];
}

const SLICE_MS = 4;
/** Above this many mutation records in one batch, rescanning the root is cheaper (Dark Reader's rule). */
const HUGE_BATCH = 1000;

export class PageScanner {
  private tracked = new Map<Element, Found[]>();
  private pending = new Set<Node>();
  /** Some nodes were removed: check which anchors left the page. */
  private sweepRemoved = false;
  private observer: MutationObserver;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The pass in progress: the first over the page, or the one reading the rest of long lists. */
  private pass: Generator<void> | null = null;
  private passFound: Candidate[] = [];
  /** What the pass reading the rest of long lists found changed (it reads rows again). */
  private passChanges: ScanChange = { added: [], removed: [] };
  private lists: LongLists;
  /** What takes a long list out of a walk (its rows are read through `lists`). */
  private defer = (el: Element) => this.lists.take(el);
  private frame = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  private firstPassDone!: () => void;
  /** Settles when the first pass over the page is over. */
  readonly ready = new Promise<void>((resolve) => (this.firstPassDone = resolve));
  /**
   * Main-thread time (ms): reading what is on screen at start (`initialMs`, identifiers found
   * then: `initialFound`), finding identifiers in the passes (`findMs`), and all scanning work
   * (`busyMs`, in `slices` time slices, the longest `longestSliceMs`, with the overlay updates
   * each slice hands on). For the bench.
   */
  readonly stats = {
    initialMs: 0,
    initialFound: 0,
    slices: 0,
    busyMs: 0,
    findMs: 0,
    longestSliceMs: 0,
  };
  /** Open shadow roots entered so far (each is watched for scrolling once). */
  private shadows = new WeakSet<ShadowRoot>();
  private signal: AbortSignal | null = null;
  constructor(
    private readonly doc: Document,
    private readonly adapter: CrmAdapter,
    private readonly onChange: (change: ScanChange) => void,
    /**
     * Gets each open shadow root the first time it is entered: scrolling and changes inside one
     * are not seen from the document (its scroll events stop at the shadow root).
     */
    private readonly onShadowRoot: (shadow: ShadowRoot) => void = () => {},
  ) {
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.lists = new LongLists(() => this.scheduleNear());
  }

  /** Everything found so far. */
  get found(): Found[] {
    return [...this.tracked.values()].flat();
  }

  start(signal: AbortSignal): void {
    this.signal = signal;
    const root = this.root();
    this.observe(root);
    const onInput = (e: Event) => {
      if (e.target instanceof HTMLInputElement) this.queue(e.target);
    };
    this.doc.addEventListener('input', onInput, true);
    this.doc.addEventListener('change', onInput, true);
    // Scrolling (the window, or any box inside it) and resizing bring rows of long lists near.
    const win = this.doc.defaultView;
    const onMove = this.onMove;
    const passive = { capture: true, passive: true };
    this.doc.addEventListener('scroll', onMove, passive);
    win?.addEventListener('resize', onMove, passive);
    signal.addEventListener('abort', () => {
      this.stopped = true;
      this.observer.disconnect();
      this.lists.stop();
      if (this.timer) clearTimeout(this.timer);
      if (this.frame) win?.cancelAnimationFrame(this.frame);
      this.doc.removeEventListener('input', onInput, true);
      this.doc.removeEventListener('change', onInput, true);
      this.doc.removeEventListener('scroll', onMove, passive);
      win?.removeEventListener('resize', onMove, passive);
      const removed = [...this.tracked.keys()];
      this.tracked.clear();
      this.pending.clear();
      this.pass = null;
      this.timer = null;
      this.firstPassDone();
      for (const done of this.idleWaiters.splice(0)) done();
      if (removed.length) this.onChange({ added: [], removed });
    });
    this.readOnScreen(root);
    this.pass = this.walk(root, this.passFound);
    this.timer = setTimeout(this.runSlice, 0);
  }

  /**
   * Reads every row of the page's long lists not read yet (in time slices), then settles once
   * nothing is left to scan: for what needs the whole page, as the popup's summary does.
   */
  async readAll(): Promise<void> {
    await this.ready;
    // Changes still queued may hold long lists of their own: read until none is left.
    for (;;) {
      const records = this.observer.takeRecords();
      if (records.length) this.onMutations(records);
      await this.idle();
      if (this.stopped || !this.lists.size) return;
      this.pass ??= this.readRest(this.passChanges);
      this.timer ??= setTimeout(this.runSlice, 0);
    }
  }

  private *readRest(into: ScanChange): Generator<void> {
    const quietUnder = new Map<Element, Element | null>();
    let n = 0;
    for (const row of this.lists.rest()) {
      this.rereadRow(row, into, quietUnder);
      if ((++n & 15) === 0) yield;
    }
  }

  /**
   * Reads rows near the screen once the next frame is drawn: layout is clean then, so measuring
   * rows forces none (in the frame's own callbacks it would, after the badges' update).
   */
  private scheduleNear() {
    const win = this.doc.defaultView;
    if (this.frame || !win || this.stopped) return;
    this.frame = win.requestAnimationFrame(() =>
      win.setTimeout(() => {
        this.frame = 0;
        this.readNearScreen();
      }, 0),
    );
  }

  /**
   * Rows of long lists within a window's height of the screen, read now if not read since they
   * were last known to change (read again: a recycled row may show someone else by now).
   */
  private readNearScreen() {
    const win = this.doc.defaultView;
    if (!win || this.stopped) return;
    const started = performance.now();
    const change: ScanChange = { added: [], removed: [] };
    const quietUnder = new Map<Element, Element | null>();
    for (const row of this.lists.near(win.innerHeight, win.innerHeight))
      this.rereadRow(row, change, quietUnder);
    if (change.added.length || change.removed.length) this.onChange(change);
    // As in the slices, the overlay's update is counted with the reading.
    this.stats.busyMs += performance.now() - started;
    // Long lists inside those rows: theirs next frame.
    if (this.lists.takeFresh()) this.scheduleNear();
  }

  /** One row of a long list read again, its differences reported (see reread). */
  private rereadRow(row: Element, into: ScanChange, quietUnder: Map<Element, Element | null>) {
    this.reread(row, into.added, into.removed, quietAboveShared(row, quietUnder), true);
  }

  /** What is on screen now, read and reported at once: the badges a rep sees come first. */
  private readOnScreen(root: Element) {
    const started = performance.now();
    const win = this.doc.defaultView;
    const candidates: Candidate[] = [];
    if (win)
      for (const block of visibleBlocks(root, { width: win.innerWidth, height: win.innerHeight }))
        this.readSubtree(block, candidates);
    const added: Found[] = [];
    this.record(candidates, added);
    const elapsed = performance.now() - started;
    this.stats.initialMs += elapsed;
    this.stats.initialFound = added.length;
    if (added.length) this.onChange({ added, removed: [] });
    this.stats.busyMs += performance.now() - started;
  }

  private onMove = () => {
    if (this.lists.size) this.scheduleNear();
  };

  private root(): Element {
    return this.adapter.root?.(this.doc) ?? this.doc.body ?? this.doc.documentElement;
  }

  private observe(target: Node) {
    this.observer.observe(target, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['href', 'value', 'data-email-address'],
    });
  }

  /** One time slice of the first pass, then of queued mutations. */
  private runSlice = () => {
    this.timer = null;
    const started = performance.now();
    const deadline = started + SLICE_MS;
    const added: Found[] = [];
    const removed: Element[] = [];
    if (this.pass) {
      let step = this.pass.next();
      while (!step.done && performance.now() < deadline) step = this.pass.next();
      this.stats.findMs += performance.now() - started;
      this.record(this.passFound.splice(0), added);
      added.push(...this.passChanges.added.splice(0));
      removed.push(...this.passChanges.removed.splice(0));
      if (step.done) {
        this.pass = null;
        this.firstPassDone();
      }
    }
    if (!this.pass) this.drainPending(added, removed, deadline);
    if (added.length || removed.length) this.onChange({ added, removed });
    const spent = performance.now() - started;
    this.stats.slices++;
    this.stats.busyMs += spent;
    this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, spent);
    if (this.pass || this.pending.size) this.timer = setTimeout(this.runSlice, 0);
    else for (const done of this.idleWaiters.splice(0)) done();
    // Long lists met in this slice: their rows near the screen are read before they scroll in.
    if (this.lists.takeFresh()) this.scheduleNear();
  };

  /** Settles when nothing is left to scan (the passes and every queued change). */
  idle(): Promise<void> {
    if (!this.pass && !this.pending.size && !this.timer) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The full pass, a step at a time (see walkCandidates), open shadow roots included. */
  private walk(root: Element, out: Candidate[]): Generator<void> {
    return walkCandidates(root, this.adapter, out, {
      onShadow: (shadow) => this.enterShadow(shadow, out),
      defer: this.defer,
    });
  }

  /** Candidates in one subtree, its open shadow roots included, long lists left to `lists`. */
  private readSubtree(node: Element, out: Candidate[], options: WalkOptions = {}) {
    findCandidates(node, this.adapter, out, {
      ...options,
      onShadow: (shadow) => this.enterShadow(shadow, out),
      defer: this.defer,
    });
  }

  private enterShadow(shadow: ShadowRoot, out: Candidate[]) {
    // Our own layer (met when the root is <html>, on a page without a body) is never read.
    if (shadow.host.localName === 'consentry-overlay') return;
    this.observe(shadow);
    if (!this.shadows.has(shadow) && this.signal && !this.signal.aborted) {
      this.shadows.add(shadow);
      // A box scrolled inside the shadow root brings its long lists' rows near too.
      shadow.addEventListener('scroll', this.onMove, {
        capture: true,
        passive: true,
        signal: this.signal,
      });
      this.onShadowRoot(shadow);
    }
    findCandidates(shadow, this.adapter, out, {
      onShadow: (inner) => this.enterShadow(inner, out),
      defer: this.defer,
    });
  }

  private onMutations(records: MutationRecord[]) {
    if (records.length > HUGE_BATCH) {
      this.pending.clear();
      this.pending.add(this.root());
      // Rows of long lists may have changed among them (recycled in place): read them again as
      // they come near, or when the whole page is asked for.
      this.lists.forgetRead();
    } else {
      for (const r of records) {
        if (r.type === 'childList') {
          for (const node of r.addedNodes)
            this.pending.add(node.nodeType === Node.TEXT_NODE ? (node.parentNode ?? node) : node);
          if (r.removedNodes.length) this.sweepRemoved = true;
          // Text taken out of an element changes what that element shows.
          if ([...r.removedNodes].some((n) => n.nodeType === Node.TEXT_NODE))
            this.pending.add(r.target);
        } else
          this.pending.add(
            r.type === 'characterData' ? (r.target.parentNode ?? r.target) : r.target,
          );
      }
    }
    if (!this.timer) this.runSlice();
  }

  private queue(node: Node) {
    this.pending.add(node);
    this.timer ??= setTimeout(this.runSlice, 0);
  }

  private drainPending(added: Found[], removed: Element[], deadline: number) {
    // Rows added side by side share their ancestors: which of them hides text is found once.
    const quietUnder = new Map<Element, Element | null>();
    const root = this.root();
    for (const node of this.pending) {
      this.pending.delete(node);
      if (!(node instanceof Element) || !node.isConnected) continue;
      // Our own layer (a child of <html> with nothing but its shadow root) is never read.
      if (node.localName === 'consentry-overlay') continue;
      // A long list changed as a whole (text between its rows taken out): its rows near the
      // screen are read (once this slice is over), not all of them at once. (The root is read
      // whole, as in the first pass.)
      if (node !== root && this.lists.take(node)) continue;
      // A row added to a long list is read as the rows near the screen are (its text at once).
      const row = this.lists.holds(node.parentElement);
      this.reread(node, added, removed, quietAboveShared(node, quietUnder), row);
      if (performance.now() > deadline) break;
    }
    if (this.sweepRemoved) {
      this.sweepRemoved = false;
      for (const anchor of this.tracked.keys())
        if (!anchor.isConnected) {
          this.tracked.delete(anchor);
          removed.push(anchor);
        }
    }
  }

  /**
   * Reads a subtree again (a new row, or a recycled one whose text or link changed) and reports
   * only differences: an anchor that now shows other identifiers is removed and added again.
   */
  private reread(
    node: Element,
    added: Found[],
    removed: Element[],
    above: Element | null,
    row = false,
  ) {
    // What each anchor of the subtree showed before, noted while it is read again (nothing, for a
    // row new to the page).
    let before: Map<Element, string> | null = null;
    const candidates: Candidate[] = [];
    this.readSubtree(node, candidates, {
      above,
      row,
      onElement: (el) => {
        const old = this.tracked.get(el);
        if (!old) return;
        (before ??= new Map()).set(el, keysOf(old));
        this.tracked.delete(el);
      },
    });
    if (!before) return this.record(candidates, added);
    const was: Map<Element, string> = before;
    const fresh: Found[] = [];
    this.record(candidates, fresh);
    for (const [anchor, keys] of was) {
      const now = this.tracked.get(anchor);
      if (!now || keysOf(now) !== keys) removed.push(anchor);
    }
    for (const f of fresh) {
      const old = was.get(f.anchor);
      if (old === undefined || old !== keysOf(this.tracked.get(f.anchor)!)) added.push(f);
    }
  }

  private record(candidates: Candidate[], added: Found[]) {
    for (const c of candidates) {
      // Read here already (the full pass meets again what was on screen at start), or the place
      // repeats itself.
      const list = this.tracked.get(c.anchor);
      if (list?.some((f) => f.kind === c.kind && f.raw === c.raw)) continue;
      if (list) list.push(c);
      else this.tracked.set(c.anchor, [c]);
      added.push(c);
    }
  }
}

/**
 * quietAbove(node), found once per parent: rows side by side share their ancestors. (The root
 * rescanned after a huge batch may be <html>, which has no parent.)
 */
function quietAboveShared(node: Element, byParent: Map<Element, Element | null>) {
  const parent = node.parentElement;
  if (!parent) return null;
  let quiet = byParent.get(parent);
  if (quiet === undefined) byParent.set(parent, (quiet = quietAbove(node)));
  return quiet;
}

/** What an anchor shows, as one comparable string. */
const keysOf = (found: Found[]) => found.map(shownAs).sort().join('\n');
