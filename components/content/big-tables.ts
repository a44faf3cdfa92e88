/**
 * Which anchors in big tables are on screen, without an IntersectionObserver target per anchor:
 * with tens of thousands of targets, Chromium's per-frame intersection work alone took seconds
 * (`npm run bench:ext`, BENCH_TRACE). Table rows are laid out in document order, top to bottom,
 * so the rows on screen are found by a binary search over the rows kept in document order.
 * Small tables (and virtual lists, which keep few rows) stay with the observer.
 *
 * The order is kept without comparing positions (compareDocumentPosition walks siblings from the
 * first: milliseconds for 100 rows prepended to 10,000): a row that follows the last one within a
 * few siblings is appended, anything else marks the table for one pass over its rows at the next
 * read.
 */

import { firstReachingTop } from './visible-blocks';

/** A table body with at least this many rows is big. */
export const BIG_TABLE_ROWS = 200;

interface Table {
  rows: Element[];
  anchors: Map<Element, Set<Element>>;
  /** Rows came out of order, or left: `rows` is read again from the body at the next read. */
  stale: boolean;
}

/** How far past the last row a new row is looked for before the table is marked stale. */
const NEAR = 8;

/** Whether `row` comes after `last` within NEAR siblings. */
function justAfter(last: Element, row: Element): boolean {
  let next = last.nextElementSibling;
  for (let i = 0; next && i < NEAR; i++, next = next.nextElementSibling)
    if (next === row) return true;
  return false;
}

export class BigTables {
  private tables = new Map<Element, Table>();
  private rowOf = new Map<Element, Element>();
  private smallSeen = new WeakMap<Element, number>();

  /** Takes an anchor if it sits in a row of a big table; false leaves it to the caller. */
  add(anchor: Element): boolean {
    const row = anchor.closest('tr');
    const body = row?.parentElement;
    if (!row || !body || !this.isBig(body)) return false;
    let table = this.tables.get(body);
    if (!table) this.tables.set(body, (table = { rows: [], anchors: new Map(), stale: false }));
    let set = table.anchors.get(row);
    if (!set) {
      table.anchors.set(row, (set = new Set()));
      const last = table.rows[table.rows.length - 1];
      if (!table.stale && (!last || justAfter(last, row))) table.rows.push(row);
      else table.stale = true;
    }
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
    const table = this.tables.get(row.parentElement!) ?? this.find(row);
    const set = table?.anchors.get(row);
    set?.delete(anchor);
    if (table && set && set.size === 0) {
      table.anchors.delete(row);
      table.stale = true;
    }
    return true;
  }

  /** The anchors of rows that are within the window's height now (reads layout). */
  visible(viewportHeight: number): Element[] {
    const out: Element[] = [];
    for (const [body, table] of this.tables) {
      if (table.stale) {
        table.rows = [];
        for (const r of body.children) if (table.anchors.has(r)) table.rows.push(r);
        table.stale = false;
      }
      const box = body.getBoundingClientRect();
      if (box.bottom <= 0 || box.top >= viewportHeight || !body.isConnected) continue;
      for (let i = firstReachingTop(table.rows); i < table.rows.length; i++) {
        const r = table.rows[i]!.getBoundingClientRect();
        if (r.top >= viewportHeight) break;
        if (r.height > 0) for (const a of table.anchors.get(table.rows[i]!)!) out.push(a);
      }
    }
    return out;
  }

  private find(row: Element): Table | undefined {
    for (const table of this.tables.values()) if (table.anchors.has(row)) return table;
    return undefined;
  }
}
