// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BIG_TABLE_ROWS, BigTables } from './big-tables';

const ROW_PX = 20;

/** A table of `n` rows, each with a link; row i sits at i * 20 px minus `scroll`, unless hidden. */
function table(n: number, hidden = new Set<number>()) {
  const body = document.createElement('tbody');
  const view = { scroll: 0 };
  const rowAt = (tr: HTMLTableRowElement) => {
    const i = Number(tr.dataset.i);
    if (hidden.has(i)) return new DOMRect(0, 0, 0, 0);
    return new DOMRect(0, i * ROW_PX - view.scroll, 500, ROW_PX);
  };
  for (let i = 0; i < n; i++) {
    const tr = document.createElement('tr');
    tr.dataset.i = String(i);
    tr.innerHTML = `<td><a href="mailto:p${i}@example.com">p${i}</a></td>`;
    tr.getBoundingClientRect = () => rowAt(tr);
    body.append(tr);
  }
  body.getBoundingClientRect = () => new DOMRect(0, -view.scroll, 500, n * ROW_PX);
  document.body.replaceChildren(document.createElement('table'));
  document.querySelector('table')!.append(body);
  const links = [...body.querySelectorAll('a')];
  return { body, view, links };
}

const rowsOf = (anchors: Element[]) =>
  anchors.map((a) => Number((a.closest('tr') as HTMLElement).dataset.i));

describe('BigTables', () => {
  it('leaves anchors of small tables and outside tables to the observer', () => {
    const { links } = table(BIG_TABLE_ROWS - 1);
    const tables = new BigTables();
    expect(tables.add(links[0]!)).toBe(false);
    const loose = document.createElement('a');
    document.body.append(loose);
    expect(tables.add(loose)).toBe(false);
  });

  it('finds the rows on screen, and follows scrolling', () => {
    const { view, links } = table(1000);
    const tables = new BigTables();
    for (const a of links) expect(tables.add(a)).toBe(true);
    expect(rowsOf(tables.visible(100))).toEqual([0, 1, 2, 3, 4]);
    view.scroll = 10_010;
    expect(rowsOf(tables.visible(100))).toEqual([500, 501, 502, 503, 504, 505]);
  });

  it('skips hidden rows, even where the search lands on them', () => {
    const hidden = new Set([499, 500, 501, 502]);
    const { view, links } = table(1000, hidden);
    const tables = new BigTables();
    for (const a of links) tables.add(a);
    view.scroll = 10_000;
    expect(rowsOf(tables.visible(100))).toEqual([503, 504]);
  });

  it('keeps rows added later in document order, and forgets removed ones', () => {
    const { body, links } = table(400);
    const tables = new BigTables();
    for (const a of links.slice(1)) tables.add(a);
    tables.add(links[0]!); // row 0 arrives last, as a prepended row does
    expect(rowsOf(tables.visible(60))).toEqual([0, 1, 2]);
    expect(tables.delete(links[1]!)).toBe(true);
    body.children[1]!.remove();
    expect(rowsOf(tables.visible(60))).toEqual([0, 2]);
    expect(tables.delete(document.createElement('a'))).toBe(false);
  });

  it('finds rows prepended in a block, and steps over rows without anyone on them', () => {
    const { body, links } = table(400);
    const tables = new BigTables();
    // Only every other row shows someone; rows 0-99 are taken in after the rest, as a page of
    // results prepended to the list is.
    for (const a of links.slice(100))
      if (Number(a.closest('tr')!.dataset.i) % 2 === 0) tables.add(a);
    for (const a of links.slice(0, 100))
      if (Number(a.closest('tr')!.dataset.i) % 2 === 0) tables.add(a);
    expect(rowsOf(tables.visible(100))).toEqual([0, 2, 4]);
    for (const a of links.slice(0, 4)) tables.delete(a);
    body.children[0]!.remove();
    expect(rowsOf(tables.visible(100))).toEqual([4]);
  });
});
