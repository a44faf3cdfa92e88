/**
 * Long lists (a table body of 50,000 rows) whose rows are read when they come near the screen, not
 * all at page load. Reading every row of such a page up front turned each shown string into a
 * handle the next garbage collection had to clear, in one pause: 386 ms at 50,000 rows
 * (`npm run bench:ext`, BENCH_TRACE), while a rep sees a few dozen rows at a time. Rows are laid
 * out top to bottom in document order, so the ones near the screen are found by a binary search.
 * What is never shown is still read when the whole page is asked for (the popup's summary).
 */
import { firstReachingTop } from './visible-blocks';

/** An element with at least this many child elements is a long list. */
export const LONG_LIST = 1000;
/** Most rows measured in one read near the screen (rows without a box are passed over). */
const MOST_MEASURED = 2000;
/** First children looked at to tell rows from text separated by elements (`a@x.org<br>…`). */
const TEXT_SAMPLE = 100;

export class LongLists {
  private lists = new Set<Element>();
  private read = new WeakSet<Element>();
  private judged = new WeakMap<Element, boolean>();
  private fresh = false;
  /** Tells when a list comes near the screen or leaves it, without a scroll (a tab shown, a panel closed). */
  private observer: IntersectionObserver | null;

  constructor(onNear: () => void) {
    this.observer =
      typeof IntersectionObserver === 'function'
        ? new IntersectionObserver(onNear, { rootMargin: '100% 0px' })
        : null;
  }

  /**
   * Takes `el` if it is a long list (its rows are then read through this); false otherwise. A
   * list taken again (a walk met it again) wants its rows near the screen read again too.
   */
  take(el: Element): boolean {
    if (el.childElementCount < LONG_LIST || !this.isRows(el)) return false;
    if (!this.lists.has(el)) {
      this.lists.add(el);
      this.observer?.observe(el);
    }
    this.fresh = true;
    return true;
  }

  /** Whether `el` is a long list taken here (its children are rows). */
  holds(el: Element | null): boolean {
    return el !== null && this.lists.has(el);
  }

  /** Whether a list was taken since the last call: its rows near the screen want reading. */
  takeFresh(): boolean {
    const fresh = this.fresh;
    this.fresh = false;
    return fresh;
  }

  /** How many lists are kept (until the whole page is read, some of their rows may be unread). */
  get size(): number {
    return this.lists.size;
  }

  /** Rows read so far are to be read again (their content may have changed unseen). */
  forgetRead(): void {
    this.read = new WeakSet();
  }

  stop(): void {
    this.observer?.disconnect();
    this.lists.clear();
  }

  /**
   * Unread rows within `margin` px above or below a window `height` px tall, marked read
   * (reads layout: a rect per list and per row looked at, and a binary search's worth).
   */
  near(height: number, margin: number): Element[] {
    const out: Element[] = [];
    for (const list of this.lists) {
      if (!list.isConnected) {
        this.drop(list);
        continue;
      }
      const box = list.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) {
        // No box: hidden (its rows have none either, and a search over them would measure them
        // all), unless `display: contents` leaves the boxes to the rows.
        const style = list.ownerDocument.defaultView?.getComputedStyle(list);
        if (style?.display !== 'contents') continue;
      } else if (box.bottom <= -margin || box.top >= height + margin) continue;
      const rows = list.children;
      let measured = 0;
      for (let i = firstReachingTop(rows, -margin); i < rows.length; i++) {
        if (++measured > MOST_MEASURED) break;
        const row = rows[i]!;
        const r = row.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (r.top >= height + margin) break;
        if (!this.read.has(row)) {
          this.read.add(row);
          out.push(row);
        }
      }
    }
    return out;
  }

  /**
   * Every row still unread, in order, each marked read as it is given; the lists are then done.
   * Rows as they were when the list was reached: rows added later are read as they are added.
   */
  *rest(): Generator<Element> {
    for (const list of this.lists) {
      if (list.isConnected)
        for (const row of Array.from(list.children)) {
          if (this.read.has(row) || row.parentElement !== list) continue;
          this.read.add(row);
          yield row;
        }
      this.drop(list);
    }
  }

  private drop(list: Element) {
    this.lists.delete(list);
    this.observer?.unobserve(list);
  }

  /**
   * Whether the list's children are its rows: text of its own between them (addresses separated
   * by `<br>`) would never be read row by row, so such a list is read whole, as any element is.
   */
  private isRows(el: Element): boolean {
    let rows = this.judged.get(el);
    if (rows === undefined) {
      rows = true;
      let looked = 0;
      for (let n = el.firstChild; n && looked < TEXT_SAMPLE; n = n.nextSibling, looked++)
        if (n.nodeType === Node.TEXT_NODE && /\S/.test((n as Text).data)) {
          rows = false;
          break;
        }
      this.judged.set(el, rows);
    }
    return rows;
  }
}
