// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { visibleBlocks } from './visible-blocks';

const VIEW = { width: 1000, height: 800 };
const ROW_PX = 20;
const HEADER_PX = 60;

let rectReads = 0;
const boxes: [Element, () => DOMRect][] = [];

/** Gives an element a box (happy-dom has no layout), counting reads. */
function place(el: Element, rect: () => DOMRect) {
  boxes.push([el, rect]);
  el.getBoundingClientRect = () => {
    rectReads++;
    return rect();
  };
}

/**
 * A CRM list page: a header, a table of `rows` rows laid out top to bottom under it (scrolled by
 * `view.scroll`), and a sidebar to the right of the window.
 */
function listPage(rows: number) {
  const view = { scroll: 0 };
  document.body.innerHTML = `
    <header id="header"><a href="mailto:support@example.com">Support</a></header>
    <main id="main"><table><tbody id="rows"></tbody></table></main>
    <aside id="side"><a href="mailto:side@example.com">Side</a></aside>`;
  const tbody = document.getElementById('rows')!;
  for (let i = 0; i < rows; i++) {
    const tr = document.createElement('tr');
    tr.id = `r${i}`;
    tr.innerHTML = `<td><a href="mailto:p${i}@example.com">p${i}</a></td><td>+49 30 ${5_000_000 + i}</td>`;
    tbody.append(tr);
    place(tr, () => new DOMRect(0, HEADER_PX + i * ROW_PX - view.scroll, 900, ROW_PX));
  }
  const height = HEADER_PX + rows * ROW_PX;
  place(document.body, () => new DOMRect(0, -view.scroll, 1200, height));
  place(document.getElementById('header')!, () => new DOMRect(0, -view.scroll, 900, HEADER_PX));
  const main = document.getElementById('main')!;
  const tableBox = () => new DOMRect(0, HEADER_PX - view.scroll, 900, rows * ROW_PX);
  place(main, tableBox);
  place(main.firstElementChild!, tableBox);
  place(tbody, tableBox);
  place(document.getElementById('side')!, () => new DOMRect(1100, -view.scroll, 100, 400));
  rectReads = 0;
  return view;
}

const ids = (els: Element[]) => els.map((e) => e.id || e.localName);

afterEach(() => {
  boxes.length = 0;
  document.body.innerHTML = '';
});

describe('visibleBlocks', () => {
  it('finds the header and the rows on screen, in document order, and nothing off screen', () => {
    listPage(1000);
    const blocks = visibleBlocks(document.body, VIEW);
    const onScreen = Array.from({ length: 37 }, (_, i) => `r${i}`); // 60 + 37 * 20 = 800
    expect(ids(blocks)).toEqual(['header', ...onScreen]);
    // A binary search over the long list, then the rows on screen: not a rect per row.
    expect(rectReads).toBeLessThan(2 * onScreen.length + 30);
  });

  it('follows the scroll position into the middle of a long list', () => {
    const view = listPage(5000);
    view.scroll = 40_000; // rows from (40,000 - 60) / 20 = 1,997 on
    const blocks = visibleBlocks(document.body, VIEW);
    expect(ids(blocks)[0]).toBe('r1997');
    expect(ids(blocks).at(-1)).toBe('r2036');
    expect(blocks).toHaveLength(40);
    expect(rectReads).toBeLessThan(2 * 40 + 30);
  });

  it('enters display: contents wrappers and skips hidden boxes', () => {
    document.body.innerHTML = `
      <div id="wrapper" style="display: contents"><p id="inside">a@example.com</p></div>
      <div id="hidden" style="display: none"><p id="gone">b@example.com</p></div>`;
    place(document.body, () => new DOMRect(0, 0, 1000, 900));
    place(document.getElementById('inside')!, () => new DOMRect(0, 0, 500, 20));
    place(document.getElementById('gone')!, () => new DOMRect(0, 30, 500, 20));
    expect(ids(visibleBlocks(document.body, VIEW))).toEqual(['inside']);
  });

  it('takes a root that fits on screen whole, and stops at the limit', () => {
    listPage(10);
    expect(ids(visibleBlocks(document.getElementById('rows')!, VIEW))).toEqual(['rows']);
    listPage(1000);
    expect(visibleBlocks(document.body, VIEW, 5)).toHaveLength(5);
  });
});
