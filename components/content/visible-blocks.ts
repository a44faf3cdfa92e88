/**
 * The parts of a page that are on screen now, found from the layout the page already has: a
 * descent from the root that enters only boxes crossing the window, and in long child lists (a
 * table body of 50,000 rows) finds the rows on screen by a binary search, since rows are laid out
 * top to bottom in document order. The scanner reads these first, so the badges a rep can see
 * come before the rest of the page is read. A priority, not a filter: a block missed here (an
 * absolutely placed box outside its parent) is still found by the full pass that follows.
 */

/** A child list at least this long is searched, not walked. */
const LONG_LIST = 32;
/** Most rows taken from one long list (a window of rows, many times over). */
const MOST_ROWS = 400;

interface Viewport {
  width: number;
  height: number;
}

const isOff = (r: DOMRect, v: Viewport) =>
  r.bottom <= 0 || r.top >= v.height || r.right <= 0 || r.left >= v.width;

const isInside = (r: DOMRect, v: Viewport) =>
  r.top >= 0 && r.bottom <= v.height && r.left >= 0 && r.right <= v.width;

/**
 * Elements whose whole subtree is on screen (or that cross its edge and have no children), in
 * document order, at most `limit`. Reads layout (one rect per element visited).
 */
export function visibleBlocks(root: Element, viewport: Viewport, limit = 2000): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [root];
  const win = root.ownerDocument.defaultView;
  while (stack.length > 0 && out.length < limit) {
    const el = stack.pop()!;
    const r = el.getBoundingClientRect();
    const boxless = r.width === 0 && r.height === 0;
    if (boxless) {
      // No box: hidden (skipped, whatever its size) or `display: contents` (its children have boxes).
      if (!win || win.getComputedStyle(el).display !== 'contents') continue;
    } else if (isOff(r, viewport)) continue;
    else if (isInside(r, viewport) || el.childElementCount === 0) {
      out.push(el);
      continue;
    }
    const kids = el.children;
    if (kids.length >= LONG_LIST) {
      const first = firstReachingTop(kids);
      const taken: Element[] = [];
      for (let i = first; i < kids.length && taken.length < MOST_ROWS; i++) {
        const kid = kids[i]!;
        if (kid.getBoundingClientRect().top >= viewport.height) break;
        taken.push(kid);
      }
      for (let i = taken.length - 1; i >= 0; i--) stack.push(taken[i]!);
    } else for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

/**
 * The index of the first element (of a list laid out top to bottom in document order) whose
 * bottom is below `top` (the window's top by default), by binary search; a boxless one (hidden)
 * is judged by the next one that has a box.
 */
export function firstReachingTop(list: ArrayLike<Element>, top = 0): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    let probe = mid;
    let r = list[probe]!.getBoundingClientRect();
    while (r.height === 0 && probe + 1 < hi) r = list[++probe]!.getBoundingClientRect();
    if (r.height === 0 || r.bottom > top) hi = mid;
    else lo = probe + 1;
  }
  return lo;
}
