/**
 * Which anchors in big tables are on screen, without an IntersectionObserver target per anchor:
 * with tens of thousands of targets, Chromium's per-frame intersection work alone took seconds
 * (`npm run bench:ext`, BENCH_TRACE). Table rows are laid out in document order, top to bottom,
 * so the rows on screen are found by a binary search over the body's own rows, read from the
 * page each time: no copy of the rows is kept in order (rebuilding one after 100 rows were
 * prepended to 10,000 took ~2 ms a frame, keeping one in order by comparing positions more).
 * Small tables (and virtual lists, which keep few rows) stay with the observer.
 */

import { firstReachingTop } from './visible-blocks';

/** A table body with at least this many rows is big. */
export const BIG_TABLE_ROWS = 200;

export class BigTables {
  /** Per big table body, the anchors of each of its rows that has any. */
  private tables = new Map<Element, Map<Element, Set<Element>>>();
  private rowOf = new Map<Element, Element>();
  private smallSeen = new WeakMap<Element, number>();

  /** Takes an anchor if it sits in a row of a big table; false leaves it to the caller. */
  add(anchor: Element): boolean {
    const row = anchor.closest('tr');
    const body = row?.parentElement;
    if (!row || !body || !this.isBig(body)) return false;
    let rows = this.tables.get(body);
    if (!rows) this.tables.set(body, (rows = new Map()));
    let set = rows.get(row);
    if (!set) rows.set(row, (set = new Set()));
    set.add(anchor);
    this.rowOf.set(anchor, row);
    return true;
  }

  /**
   * Whether a table body is big. Counting its rows walks them all, so the answer is kept, and a
   * small body is counted again only after another BIG_TABLE_ROWS of its anchors have been seen.
   */
  private isBig(body: Element): boolean {
    if (this.tables.has(body)) return true;
    const seen = (this.smallSeen.get(body) ?? BIG_TABLE_ROWS) + 1;
    if (seen <= BIG_TABLE_ROWS) {
      this.smallSeen.set(body, seen);
      return false;
    }
    const big = body.childElementCount >= BIG_TABLE_ROWS;
    if (!big) this.smallSeen.set(body, 0);
    return big;
  }

  /** Forgets an anchor; false if it was not taken. */
  delete(anchor: Element): boolean {
    const row = this.rowOf.get(anchor);
    if (!row) return false;
    this.rowOf.delete(anchor);
    for (const [body, rows] of this.tables) {
      const set = rows.get(row);
      if (!set) continue;
      set.delete(anchor);
      if (set.size === 0) rows.delete(row);
      if (rows.size === 0) this.tables.delete(body);
      break;
    }
    return true;
  }

  /** The anchors of rows that are within the window's height now (reads layout). */
  visible(viewportHeight: number): Element[] {
    const out: Element[] = [];
    for (const [body, rows] of this.tables) {
      if (!body.isConnected) continue;
      const box = body.getBoundingClientRect();
      if (box.bottom <= 0 || box.top >= viewportHeight) continue;
      const children = body.children;
      for (let i = firstReachingTop(children); i < children.length; i++) {
        const row = children[i]!;
        const r = row.getBoundingClientRect();
        if (r.top >= viewportHeight) break;
        const anchors = rows.get(row);
        if (anchors && r.height > 0) for (const a of anchors) out.push(a);
      }
    }
    return out;
  }
}
