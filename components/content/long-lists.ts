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

export class LongLists {
  private lists = new Set<Element>();
  private read = new WeakSet<Element>();
  private fresh = false;

  /** Takes `el` if it is a long list (its rows are then read through this); false otherwise. */
  take(el: Element): boolean {
    if (el.childElementCount < LONG_LIST) return false;
    if (!this.lists.has(el)) {
      this.lists.add(el);
      this.fresh = true;
    }
    return true;
  }

  /** Whether a list was taken since the last call: its rows near the screen want reading. */
  takeFresh(): boolean {
    const fresh = this.fresh;
    this.fresh = false;
    return fresh;
  }

  /** Whether some rows are still unread. */
  get size(): number {
    return this.lists.size;
  }

  /**
   * Unread rows within `margin` px above or below a window `height` px tall, marked read
   * (reads layout: a rect per list and per row taken, and a binary search's worth).
   */
  near(height: number, margin: number): Element[] {
    const out: Element[] = [];
    for (const list of this.lists) {
      if (!list.isConnected) {
        this.lists.delete(list);
        continue;
      }
      const box = list.getBoundingClientRect();
      // Hidden (no box: its rows have none either, and a search over them would read them all),
      // or far from the screen.
      if (box.width === 0 && box.height === 0) continue;
      if (box.bottom <= -margin || box.top >= height + margin) continue;
      const rows = list.children;
      for (let i = firstReachingTop(rows, -margin); i < rows.length; i++) {
        const row = rows[i]!;
        if (row.getBoundingClientRect().top >= height + margin) break;
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
      for (const row of Array.from(list.children)) {
        if (this.read.has(row) || row.parentElement !== list) continue;
        this.read.add(row);
        yield row;
      }
      this.lists.delete(list);
    }
  }
}
