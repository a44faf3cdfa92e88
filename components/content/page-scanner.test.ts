// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CrmAdapter } from './adapter';
import { dynamics } from './adapters/dynamics';
import { generic } from './adapters/generic';
import { salesforce } from './adapters/salesforce';
import { identify } from '../background/identify';
import { LONG_LIST } from './long-lists';
import { PageScanner, type Found, type ScanChange } from './page-scanner';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const $ = (selector: string) => document.querySelector(selector)!;
/**
 * Waits for the rows near the screen to be read: that read runs after the next frame, which a
 * loaded machine may draw well after `settle`.
 */
const untilFound = (scanner: PageScanner, count: number) =>
  expect.poll(() => scanner.found.length, { timeout: 5000 }).toBe(count);

let controller: AbortController;
let changes: ScanChange[];
let region: string;

/** Shadow roots the scanner told of (each the first time it entered it). */
let shadowsTold: ShadowRoot[];

/** Starts a scanner over the current document and collects what it reports. */
function scan(adapter: CrmAdapter = generic, phoneRegion = 'US') {
  region = phoneRegion;
  const scanner = new PageScanner(
    document,
    adapter,
    (c) => changes.push(c),
    (s) => shadowsTold.push(s),
  );
  scanner.start(controller.signal);
  return scanner;
}

/**
 * Who a found text is, by the rules the background applies to it ("email:ana@example.com"), or
 * null when it is no one.
 */
function keyOf(f: Found): string | null {
  const [id] = identify([f.kind], [f.raw], region);
  return id ? `${id.kind}:${id.value}` : null;
}

/** Everyone reported since the last call, as keys and anchors; texts that are no one left out. */
function reported() {
  const added = changes.flatMap((c) =>
    c.added.flatMap((f) => (keyOf(f) ? [`${keyOf(f)} @${f.anchor.id}`] : [])),
  );
  const removed = changes.flatMap((c) => c.removed.map((e) => e.id));
  changes = [];
  return { added, removed };
}

const keys = (scanner: PageScanner) => scanner.found.map(keyOf).sort();

beforeEach(() => {
  document.body.innerHTML = '';
  controller = new AbortController();
  changes = [];
  shadowsTold = [];
});
afterEach(() => controller.abort());

describe('PageScanner — first pass', () => {
  it('reports every identifier on the page once, as text the background normalises', async () => {
    document.body.innerHTML = `
      <a id="m" href="MAILTO:Ana@Example.COM">Ana</a>
      <a id="t" href="tel:(415) 555-2671">Call</a>
      <span id="s" data-email-address="bob@example.org">Bob</span>
      <p id="p">Backup: cy@example.net</p>
      <input id="i" type="email">`;
    ($('#i') as HTMLInputElement).value = ' Dan@Example.com ';
    scan();
    await settle();
    expect(reported().added.sort()).toEqual([
      'email:ana@example.com @m',
      'email:bob@example.org @s',
      'email:cy@example.net @p',
      'email:dan@example.com @i',
      'phone:+14155552671 @t',
    ]);
  });

  it('reads national numbers in the configured region', async () => {
    document.body.innerHTML = `<a id="t" href="tel:020 7946 0958">Call</a>`;
    scan(generic, 'GB');
    await settle();
    expect(reported().added).toEqual(['phone:+442079460958 @t']);
  });

  it('reports no one for what is not a valid address or number', async () => {
    document.body.innerHTML = `<a id="a" href="mailto:nobody">x</a><a id="b" href="tel:12">y</a>
      <p>someone@localhost</p>`;
    const scanner = scan();
    await settle();
    expect(reported().added).toEqual([]);
    // The links are candidates (the background says they are no one); the text is not even that.
    expect(scanner.found.map((f) => f.raw).sort()).toEqual(['mailto:nobody', 'tel:12']);
  });

  it('reports an identifier shown in two places once per place', async () => {
    document.body.innerHTML = `<a id="a" href="mailto:ana@example.com">Ana</a><p id="b">ana@example.com</p>`;
    scan();
    await settle();
    expect(reported().added).toEqual(['email:ana@example.com @a', 'email:ana@example.com @b']);
  });

  it('reports a text once per place even when the place repeats it', async () => {
    document.body.innerHTML = `<p id="p">ana@example.com (alias: ana@example.com)</p>`;
    const scanner = scan();
    await settle();
    expect(reported().added).toEqual(['email:ana@example.com @p']);
    expect(scanner.found).toHaveLength(1);
  });

  it('reads the whole of a long list', async () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) =>
        `<div><a id="r${i}" href="mailto:person${i}@example.com">P</a> <span>note ${i}</span></div>`,
    );
    document.body.innerHTML = rows.join('');
    const scanner = scan();
    await expect.poll(() => scanner.found.length, { timeout: 5000 }).toBe(3000);
    const added = reported().added;
    expect(added).toHaveLength(3000);
    expect(new Set(added).size).toBe(3000);
  });

  it('reads what is on screen first, at once, then the rest of the page', async () => {
    // happy-dom has no layout: rows get boxes 20 px tall, top to bottom, in a 768 px window.
    const rows = Array.from(
      { length: 300 },
      (_, i) => `<tr id="r${i}"><td><a href="mailto:p${i}@example.com">P</a></td></tr>`,
    );
    document.body.innerHTML = `<table><tbody>${rows.join('')}</tbody></table>`;
    const total = new DOMRect(0, 0, 800, 300 * 20);
    for (const el of [document.body, $('table'), $('tbody')])
      el.getBoundingClientRect = () => total;
    document.querySelectorAll('tr').forEach((tr, i) => {
      for (const el of [tr, ...tr.querySelectorAll('*')])
        el.getBoundingClientRect = () => new DOMRect(0, i * 20, 800, 20);
    });
    const onScreen = Math.ceil(window.innerHeight / 20);
    const scanner = scan();
    // Reported before start() returned: the rows on screen, and nothing else yet.
    expect(changes).toHaveLength(1);
    expect(changes[0]!.added.map((f) => f.anchor.closest('tr')!.id)).toEqual(
      Array.from({ length: onScreen }, (_, i) => `r${i}`),
    );
    await expect.poll(() => scanner.found.length, { timeout: 5000 }).toBe(300);
    // The full pass met those rows again and did not report them twice.
    const added = reported().added;
    expect(added).toHaveLength(300);
    expect(new Set(added).size).toBe(300);
  });

  it("reads a long list's rows as they come near the screen, and all of them when asked", async () => {
    // 1,500 rows 20 px tall under a 768 px window scrolled by `scrollY` (happy-dom has no layout).
    const count = LONG_LIST + 500;
    let scrollY = 0;
    const rows = Array.from(
      { length: count },
      (_, i) =>
        `<tr id="r${i}"><td><a href="mailto:p${i}@example.com">P</a></td><td>+1 415 555 ${String(i).padStart(4, '0')}</td></tr>`,
    );
    document.body.innerHTML = `<h1 id="h">Contacts <a id="owner" href="mailto:owner@example.com">owner</a></h1><table><tbody>${rows.join('')}</tbody></table>`;
    for (const el of [document.body, $('table'), $('tbody')])
      el.getBoundingClientRect = () => new DOMRect(0, 40 - scrollY, 800, count * 20);
    document.querySelectorAll('tr').forEach((tr, i) => {
      for (const el of [tr, ...tr.querySelectorAll('*')])
        el.getBoundingClientRect = () => new DOMRect(0, 40 + i * 20 - scrollY, 800, 20);
    });
    const rowsFound = (scanner: PageScanner) =>
      new Set(scanner.found.map((f) => f.anchor.closest('tr')?.id).filter(Boolean));
    const scanner = scan();
    await scanner.ready;
    // On screen and within a window's height below it: rows 0 to 74; and what is outside the list.
    const near = Math.ceil((2 * window.innerHeight - 40) / 20);
    await untilFound(scanner, 2 * near + 1);
    expect(rowsFound(scanner)).toEqual(new Set(Array.from({ length: near }, (_, i) => `r${i}`)));
    expect(scanner.found.some((f) => f.anchor.id === 'owner')).toBe(true);
    // Scrolled to row 1,000: the rows around it are read, those far above and below are not.
    scrollY = 1000 * 20;
    document.dispatchEvent(new Event('scroll'));
    await expect.poll(() => rowsFound(scanner).has('r1000'), { timeout: 2000 }).toBe(true);
    const read = rowsFound(scanner);
    expect(read.has(`r${1000 - Math.floor(window.innerHeight / 20)}`)).toBe(true);
    expect(read.has(`r${1000 + Math.ceil((2 * window.innerHeight) / 20)}`)).toBe(false);
    expect(read.has('r500')).toBe(false);
    // The whole page, as the popup asks for it: every row, each reported once.
    await scanner.readAll();
    expect(rowsFound(scanner).size).toBe(count);
    const added = reported().added;
    expect(added).toHaveLength(2 * count + 1);
    expect(new Set(added).size).toBe(2 * count + 1);
  });

  it("reads a long list's rows as a box inside an open shadow root scrolls them near", async () => {
    // The list scrolls inside a box of the shadow root: its scroll events stop at the shadow root.
    const count = LONG_LIST + 500;
    let scrollTop = 0;
    document.body.innerHTML = `<x-leads id="host"></x-leads>`;
    const shadow = $('#host').attachShadow({ mode: 'open' });
    shadow.innerHTML = `<div id="box"><table><tbody>${Array.from(
      { length: count },
      (_, i) => `<tr id="r${i}"><td><a href="mailto:p${i}@example.com">P</a></td></tr>`,
    ).join('')}</tbody></table></div>`;
    for (const el of [shadow.querySelector('table')!, shadow.querySelector('tbody')!])
      el.getBoundingClientRect = () => new DOMRect(0, -scrollTop, 800, count * 20);
    shadow.querySelectorAll('tr').forEach((tr, i) => {
      for (const el of [tr, ...tr.querySelectorAll('*')])
        el.getBoundingClientRect = () => new DOMRect(0, i * 20 - scrollTop, 800, 20);
    });
    const scanner = scan();
    await scanner.ready;
    const near = Math.ceil((2 * window.innerHeight) / 20);
    await untilFound(scanner, near);
    expect(scanner.found.some((f) => f.anchor.closest('tr')?.id === 'r1000')).toBe(false);
    // Scrolled inside the box to row 1,000: the rows around it are read.
    scrollTop = 1000 * 20;
    shadow.getElementById('box')!.dispatchEvent(new Event('scroll'));
    await expect
      .poll(() => scanner.found.some((f) => f.anchor.closest('tr')?.id === 'r1000'), {
        timeout: 2000,
      })
      .toBe(true);
    // The shadow root was told of once, however often it was entered.
    expect(shadowsTold).toEqual([shadow]);
  });

  it("never reads or watches the overlay's own layer, even when reading the whole <html>", async () => {
    document.body.innerHTML = `<a id="m" href="mailto:ana@example.com">Ana</a>`;
    const layer = document.createElement('consentry-overlay');
    layer.attachShadow({ mode: 'open' }).innerHTML =
      `<button class="badge"><a href="mailto:ben@example.com">ben@example.com</a></button>`;
    document.documentElement.append(layer);
    const scanner = scan({ ...generic, root: (doc) => doc.documentElement });
    await scanner.ready;
    await settle();
    expect(reported().added).toEqual(['email:ana@example.com @m']);
    expect(shadowsTold).toEqual([]);
    layer.remove();
  });

  it('reads no text inside code, editors or links already read, and reads on after them', async () => {
    document.body.innerHTML = `
      <script type="text/plain">x@example.com</script>
      <p contenteditable>draft@example.com</p>
      <a id="a" href="mailto:a@example.com">a@example.com <b>b@example.com</b></a>
      <p id="after">after@example.com</p>
      <div contenteditable="true"><a id="inEditor" href="mailto:e@example.com">E</a> typed@example.com</div>
      <p id="last">+1 415 555 2671</p>`;
    scan();
    await settle();
    expect(reported().added.sort()).toEqual([
      'email:a@example.com @a',
      'email:after@example.com @after',
      'email:e@example.com @inEditor',
      'phone:+14155552671 @last',
    ]);
  });

  it("reads only the adapter's live root", async () => {
    document.body.innerHTML = `
      <div class="windowViewMode-normal"><a id="old" href="mailto:old@example.com">Old</a></div>
      <div class="windowViewMode-normal active"><a id="new" href="mailto:new@example.com">New</a></div>`;
    scan(salesforce);
    await settle();
    expect(reported().added).toEqual(['email:new@example.com @new']);
  });

  it("reads the adapter's own input fields", async () => {
    document.body.innerHTML = `<input id="e" data-id="emailaddress1.fieldControl-mail-text-input">`;
    ($('#e') as HTMLInputElement).value = 'ana@example.com';
    scan(dynamics);
    await settle();
    expect(reported().added).toEqual(['email:ana@example.com @e']);
  });

  it('looks inside open shadow roots, nested ones too', async () => {
    document.body.innerHTML = `<x-card id="host"></x-card>`;
    const outer = $('#host').attachShadow({ mode: 'open' });
    outer.innerHTML = `<a id="m" href="mailto:ana@example.com">Ana</a><x-inner id="inner"></x-inner>`;
    const inner = outer.querySelector('#inner')!.attachShadow({ mode: 'open' });
    inner.innerHTML = `<span id="s">+1 415 555 2671</span>`;
    scan();
    await settle();
    expect(reported().added.sort()).toEqual(['email:ana@example.com @m', 'phone:+14155552671 @s']);
    // Each told of once, for the overlay to follow what moves inside it.
    expect(shadowsTold).toEqual([outer, inner]);
  });
});

describe('PageScanner — changes', () => {
  it('reports rows added after the first pass', async () => {
    document.body.innerHTML = `<ul id="list"><li><a id="a" href="mailto:ana@example.com">Ana</a></li></ul>`;
    scan();
    await settle();
    reported();
    $('#list').insertAdjacentHTML(
      'beforeend',
      `<li><a id="b" href="mailto:bob@example.com">Bob</a></li><li id="c">+1 415 555 2671</li>`,
    );
    await settle();
    expect(reported()).toEqual({
      added: ['email:bob@example.com @b', 'phone:+14155552671 @c'],
      removed: [],
    });
  });

  it('reports text added to an existing element', async () => {
    document.body.innerHTML = `<p id="p"></p>`;
    scan();
    await settle();
    $('#p').append('Reach me at ana@example.com');
    await settle();
    expect(reported().added).toEqual(['email:ana@example.com @p']);
  });

  it('reports the anchors of removed rows', async () => {
    document.body.innerHTML = `<ul>
      <li id="row1"><a id="a" href="mailto:ana@example.com">Ana</a> <span id="t">+1 415 555 2671</span></li>
      <li id="row2"><a id="b" href="mailto:bob@example.com">Bob</a></li></ul>`;
    const scanner = scan();
    await settle();
    reported();
    $('#row1').remove();
    await settle();
    const { added, removed } = reported();
    expect(added).toEqual([]);
    expect(removed.sort()).toEqual(['a', 't']);
    expect(keys(scanner)).toEqual(['email:bob@example.com']);
  });

  it('shows the new person when a recycled row changes its link', async () => {
    document.body.innerHTML = `<a id="a" href="mailto:ana@example.com">Ana</a>`;
    const scanner = scan();
    await settle();
    reported();
    $('#a').setAttribute('href', 'mailto:bob@example.com');
    await settle();
    expect(reported().added).toEqual(['email:bob@example.com @a']);
    expect(keys(scanner)).toEqual(['email:bob@example.com']);
  });

  it('shows the new person when a recycled row changes its text', async () => {
    document.body.innerHTML = `<span id="s">ana@example.com</span>`;
    const scanner = scan();
    await settle();
    reported();
    ($('#s').firstChild as Text).data = 'bob@example.com';
    await settle();
    expect(reported().added).toEqual(['email:bob@example.com @s']);
    expect(keys(scanner)).toEqual(['email:bob@example.com']);
  });

  it('reports the anchor removed when its text no longer holds an identifier', async () => {
    document.body.innerHTML = `<span id="s">ana@example.com</span><span id="k">+1 415 555 2671</span>`;
    const scanner = scan();
    await settle();
    reported();
    ($('#s').firstChild as Text).data = 'hidden';
    $('#k').textContent = 'no number';
    await settle();
    expect(reported()).toEqual({ added: [], removed: ['s', 'k'] });
    expect(scanner.found).toEqual([]);
  });

  it('reports an address typed into an input, and its removal when cleared', async () => {
    document.body.innerHTML = `<input id="i" type="email">`;
    const scanner = scan();
    await settle();
    const input = $('#i') as HTMLInputElement;
    input.value = 'ana@example.com';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    expect(reported().added).toEqual(['email:ana@example.com @i']);
    input.value = '';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(reported()).toEqual({ added: [], removed: ['i'] });
    expect(scanner.found).toEqual([]);
  });

  it('reports the old person removed when a recycled row changes its link', async () => {
    document.body.innerHTML = `<a id="a" href="mailto:ana@example.com">Ana</a>`;
    scan();
    await settle();
    reported();
    $('#a').setAttribute('href', 'mailto:bob@example.com');
    await settle();
    expect(reported()).toEqual({ added: ['email:bob@example.com @a'], removed: ['a'] });
  });

  it('reports nothing when an unchanged link is set again', async () => {
    document.body.innerHTML = `<a id="a" href="mailto:ana@example.com">Ana</a>`;
    scan();
    await settle();
    reported();
    $('#a').setAttribute('href', 'mailto:ana@example.com');
    await settle();
    expect(reported()).toEqual({ added: [], removed: [] });
  });

  it('reports the anchor removed when the text holding an identifier is taken out', async () => {
    document.body.innerHTML = `<span id="s">bob@example.com</span>`;
    const scanner = scan();
    await settle();
    reported();
    $('#s').firstChild!.remove();
    await settle();
    expect(reported().removed).toEqual(['s']);
    expect(keys(scanner)).toEqual([]);
  });

  it('enters the open shadow root of a host added directly after the first pass', async () => {
    scan();
    await settle();
    const host = document.createElement('x-card');
    host.id = 'host';
    host.attachShadow({ mode: 'open' }).innerHTML =
      `<a id="z" href="mailto:zed@example.com">Zed</a>`;
    document.body.append(host);
    await settle();
    expect(reported().added).toEqual(['email:zed@example.com @z']);
  });

  it('reports identifiers added inside an open shadow root after the first pass', async () => {
    document.body.innerHTML = `<x-card id="host"></x-card>`;
    const shadow = $('#host').attachShadow({ mode: 'open' });
    shadow.innerHTML = `<div id="slot"></div>`;
    scan();
    await settle();
    shadow.querySelector('#slot')!.innerHTML = `<a id="m" href="mailto:ana@example.com">Ana</a>`;
    await settle();
    expect(reported().added).toEqual(['email:ana@example.com @m']);
  });

  it('still reports every new row after a burst of over a thousand changes', async () => {
    document.body.innerHTML = `<a id="a" href="mailto:ana@example.com">Ana</a><div id="list"></div>`;
    const scanner = scan();
    await settle();
    reported();
    const list = $('#list');
    // Rows 20 px tall from the top of a 768 px window (happy-dom has no layout).
    list.getBoundingClientRect = () => new DOMRect(0, 0, 800, 1200 * 20);
    for (let i = 0; i < 1200; i++) {
      const a = document.createElement('a');
      a.id = `r${i}`;
      a.href = `mailto:person${i}@example.com`;
      a.getBoundingClientRect = () => new DOMRect(0, i * 20, 800, 20);
      list.append(a);
    }
    // The list is long now: the rows within a window's height of the screen come first…
    const near = Math.ceil((2 * window.innerHeight) / 20);
    await expect.poll(() => scanner.found.length, { timeout: 5000 }).toBe(near + 1);
    // …and every one of them when the whole page is asked for, each reported once.
    await scanner.readAll();
    expect(scanner.found).toHaveLength(1201);
    const added = reported().added.filter((k) => k !== 'email:ana@example.com @a');
    expect(added).toHaveLength(1200);
    expect(new Set(added).size).toBe(1200);
  });

  it('reads no row of a hidden long list until the whole page is asked for', async () => {
    // happy-dom lays nothing out: every box is empty, as a list under display: none has.
    const rows = Array.from(
      { length: LONG_LIST },
      (_, i) => `<li><a id="r${i}" href="mailto:p${i}@example.com">P</a></li>`,
    );
    document.body.innerHTML = `<a id="a" href="mailto:ana@example.com">Ana</a><ul id="list">${rows.join('')}</ul>`;
    const rects = vi.spyOn(Element.prototype, 'getBoundingClientRect');
    const scanner = scan();
    await scanner.ready;
    await settle();
    expect(scanner.found.map((f) => f.anchor.id)).toEqual(['a']);
    // The list's own box told it is hidden: no row was measured.
    const measured = new Set(rects.mock.contexts.map((el) => (el as Element).localName));
    expect(measured.has('li')).toBe(false);
    await scanner.readAll();
    expect(scanner.found).toHaveLength(LONG_LIST + 1);
  });

  /** A long list of `count` rows 20 px tall from the top of the window (mocked boxes). */
  function longList(count: number, email: (i: number) => string) {
    const rows = Array.from(
      { length: count },
      (_, i) => `<li id="r${i}"><a href="mailto:${email(i)}">P</a></li>`,
    );
    document.body.innerHTML = `<main><ul id="list">${rows.join('')}</ul></main>`;
    const list = $('#list');
    list.getBoundingClientRect = () => new DOMRect(0, 0, 800, count * 20);
    list.querySelectorAll('li').forEach((li, i) => {
      for (const el of [li, ...li.querySelectorAll('*')])
        el.getBoundingClientRect = () => new DOMRect(0, i * 20, 800, 20);
    });
    return list;
  }
  const addresses = (scanner: PageScanner) =>
    new Set(scanner.found.map((f) => f.raw.replace(/^mailto:/, '')));

  it('shows the new people of a long list recycled in a burst: near rows at once, all when asked', async () => {
    const count = LONG_LIST + 200;
    const list = longList(count, (i) => `old${i}@example.com`);
    const scanner = scan();
    await scanner.ready;
    await untilFound(scanner, Math.ceil((2 * window.innerHeight) / 20));
    expect(addresses(scanner).has('old0@example.com')).toBe(true);
    // Every row now shows someone else (over a thousand changes in one batch), with no scroll.
    list
      .querySelectorAll('a')
      .forEach((a, i) => a.setAttribute('href', `mailto:new${i}@example.com`));
    await expect
      .poll(() => addresses(scanner).has('new0@example.com'), { timeout: 2000 })
      .toBe(true);
    expect(addresses(scanner).has('old0@example.com')).toBe(false);
    await scanner.readAll();
    const now = addresses(scanner);
    expect(now.size).toBe(count);
    expect([...now].every((a) => a.startsWith('new'))).toBe(true);
  });

  it('reads a long list of text separated by elements whole (it has no rows to read one by one)', async () => {
    const lines = Array.from({ length: LONG_LIST + 10 }, (_, i) => `p${i}@example.com<br>`);
    document.body.innerHTML = `<div id="list">${lines.join('')}</div>`;
    const scanner = scan();
    await scanner.ready;
    expect(scanner.found).toHaveLength(LONG_LIST + 10);
  });

  it('reads nothing of a long list taken off the page when the whole page is asked for', async () => {
    const list = longList(LONG_LIST + 200, (i) => `p${i}@example.com`);
    const scanner = scan();
    await scanner.ready;
    await untilFound(scanner, Math.ceil((2 * window.innerHeight) / 20));
    list.remove();
    await scanner.readAll();
    expect(scanner.found).toHaveLength(0);
    expect(changes.flatMap((c) => c.added)).toHaveLength(Math.ceil((2 * window.innerHeight) / 20));
  });

  it('reads a long list added just before the whole page is asked for', async () => {
    document.body.innerHTML = '<main id="main"></main>';
    const scanner = scan();
    await scanner.ready;
    const rows = Array.from(
      { length: LONG_LIST + 5 },
      (_, i) => `<li><a href="mailto:p${i}@example.com">P</a></li>`,
    );
    $('#main').insertAdjacentHTML('beforeend', `<ul>${rows.join('')}</ul>`);
    await scanner.readAll();
    expect(scanner.found).toHaveLength(LONG_LIST + 5);
  });

  it('reads only the rows near the screen when a long list changes as a whole', async () => {
    const rows = Array.from(
      { length: LONG_LIST + 200 },
      (_, i) => `<li id="r${i}"><a href="mailto:p${i}@example.com">P</a></li>`,
    );
    document.body.innerHTML = `<main><ul id="list">${rows.join('\n')}</ul></main>`;
    const list = $('#list');
    list.getBoundingClientRect = () => new DOMRect(0, 0, 800, (LONG_LIST + 200) * 20);
    list.querySelectorAll('li').forEach((li, i) => {
      for (const el of [li, ...li.querySelectorAll('*')])
        el.getBoundingClientRect = () => new DOMRect(0, i * 20, 800, 20);
    });
    const scanner = scan();
    await scanner.ready;
    const near = Math.ceil((2 * window.innerHeight) / 20);
    await untilFound(scanner, near);
    // Text between two rows taken out: the list itself is queued, and is not read whole.
    list.firstElementChild!.nextSibling!.remove();
    await settle();
    await scanner.idle();
    expect(scanner.found).toHaveLength(near);
  });
});

describe('PageScanner — idempotence', () => {
  it('reports nothing when the page changes without touching an identifier', async () => {
    document.body.innerHTML = `<div id="row"><a id="a" href="mailto:ana@example.com">Ana</a><b id="b">x</b></div>`;
    scan();
    await settle();
    reported();
    $('#b').textContent = 'y';
    $('#row').append(document.createElement('hr'));
    $('#b').setAttribute('title', 'hello');
    await settle();
    expect(changes).toEqual([]);
  });

  it('keeps one entry per identifier and anchor when an unchanged link is read again', async () => {
    document.body.innerHTML = `<a id="a" href="mailto:ana@example.com">Ana</a>`;
    const scanner = scan();
    await settle();
    $('#a').setAttribute('href', 'mailto:ana@example.com');
    await settle();
    expect(scanner.found.map((f) => `${keyOf(f)} @${f.anchor.id}`)).toEqual([
      'email:ana@example.com @a',
    ]);
  });

  it('finds the same thing as a second scanner over the same page', async () => {
    document.body.innerHTML = `<a id="a" href="mailto:ana@example.com">Ana</a><p id="p">+1 415 555 2671</p>`;
    const first = scan();
    const second = scan();
    await settle();
    expect(keys(second)).toEqual(keys(first));
    expect(keys(first)).toEqual(['email:ana@example.com', 'phone:+14155552671']);
  });
});

describe('PageScanner — stopping', () => {
  it('reports every anchor removed when stopped', async () => {
    document.body.innerHTML = `<a id="a" href="mailto:ana@example.com">Ana</a><p id="p">+1 415 555 2671</p>`;
    const scanner = scan();
    await settle();
    reported();
    controller.abort();
    expect(reported()).toEqual({ added: [], removed: ['a', 'p'] });
    expect(scanner.found).toEqual([]);
  });

  it('reports nothing after it was stopped', async () => {
    document.body.innerHTML = `<input id="i" type="email">`;
    scan();
    await settle();
    controller.abort();
    document.body.insertAdjacentHTML(
      'beforeend',
      `<a id="b" href="mailto:bob@example.com">Bob</a>`,
    );
    const input = $('#i') as HTMLInputElement;
    input.value = 'ana@example.com';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    expect(changes).toEqual([]);
  });

  it('says nothing when stopped on a page without identifiers', async () => {
    document.body.innerHTML = `<p>Nothing here</p>`;
    scan();
    await settle();
    controller.abort();
    expect(changes).toEqual([]);
  });
});
