// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Status } from '../../lib/consent-status';
import type { Identifier } from '../../lib/identifiers';
import { lookupReply } from '../background/answer-text';
import { identify } from '../background/identify';
import type { Answer, Answers } from '../background/lookup-service';
import { ConsentOverlay, type Ask, type Identify } from './consent-overlay';
import type { Found } from './page-scanner';

let identified: { kind: string; raw: string }[][];
let asked: Identifier[][];
let overlay: ConsentOverlay;
let failIdentify: boolean;
let replyExtra: boolean;
/** Holds the ledger's answers back until it settles. */
let ledgerGate: Promise<void>;

/** What the background has saved: answers it sends back with the keys. */
let saved: Map<string, Answer>;

/**
 * The background's side: identifies with its own code, sends what it has saved with the keys,
 * answers every look-up "no record".
 */
const background: Identify = async (kinds, raws, phoneRegion) => {
  identified.push(kinds.map((kind, i) => ({ kind, raw: raws[i]! })));
  if (failIdentify) throw new Error('Consentry: bad identify message');
  const keys = identify(kinds, raws, phoneRegion).map((id) =>
    id ? `${id.kind}:${id.value}` : null,
  );
  // A reply with one key too many (a background out of step with its page).
  if (replyExtra) keys.push('email:extra@example.com');
  const answers = keys.map((key) =>
    // Nothing is fresh while the ledger is down: saved answers then come stale, from a look-up.
    key && !ledgerDown && saved.has(key) ? JSON.stringify(saved.get(key)) : null,
  );
  return { keys, answers };
};
/** The ledger cannot be asked: the background answers with what it has saved, marked stale. */
let ledgerDown: boolean;
const ask: Ask = async (identifiers) => {
  asked.push(identifiers);
  await ledgerGate;
  const answers: Answers = ledgerDown
    ? {
        answers: identifiers.map((id) => {
          const key = `${id.kind}:${id.value}`;
          const kept = saved.get(key);
          return {
            key,
            result: kept?.result ?? null,
            fetchedAt: kept?.fetchedAt ?? null,
            stale: true,
          };
        }),
        problem: { code: 'unreachable', message: 'The ledger cannot be reached.' },
      }
    : {
        answers: identifiers.map((id) => ({
          key: `${id.kind}:${id.value}`,
          result: null,
          fetchedAt: 1,
          stale: false,
        })),
        problem: null,
      };
  return lookupReply(answers);
};

const found = (anchor: Element, kind: 'email' | 'phone', raw: string): Found => ({
  kind,
  raw,
  anchor,
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 60));
/** An overlay on the test page, asking the stand-in background (marketing email, in Germany). */
const newOverlay = () =>
  new ConsentOverlay(
    document,
    ask,
    background,
    () => ['marketing_email'],
    () => 'DE',
  );
/** The page shows ana@example.com in #a: the overlay is told, and its work settles. */
async function showAna() {
  overlay.update({
    added: [found(document.getElementById('a')!, 'email', 'ana@example.com')],
    removed: [],
  });
  await settle();
}
/** The background has saved a fresh answer about `key`: `status` for marketing email. */
function saveAnswer(key: string, status: Status) {
  saved.set(key, {
    key,
    result: {
      digest: 'd'.repeat(64),
      verified: true,
      purposes: {
        marketing_email: {
          status,
          at: '2026-11-01T10:00:00.000Z',
          policyVersion: '2026-11',
          regime: 'gdpr',
          reason: '',
        },
      },
      warnings: [],
    },
    fetchedAt: 1,
    stale: false,
  });
}
const summaryKeys = () => overlay.summary().map((p) => `${p.key} ${p.verdict}`);

beforeEach(() => {
  document.body.innerHTML = `<p id="a">a</p><p id="b">b</p>`;
  identified = [];
  asked = [];
  failIdentify = false;
  replyExtra = false;
  ledgerDown = false;
  saved = new Map();
  ledgerGate = Promise.resolve();
  overlay = newOverlay();
  // happy-dom lays nothing out: every element counts as shown.
  vi.spyOn(Element.prototype, 'getClientRects').mockReturnValue([{}] as unknown as DOMRectList);
});
afterEach(() => {
  overlay.destroy();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('ConsentOverlay — what the page shows, identified by the background', () => {
  it('settles once everyone handed in is identified and answered, as the popup waits for', async () => {
    let open!: () => void;
    ledgerGate = new Promise((resolve) => (open = resolve));
    const a = document.getElementById('a')!;
    overlay.update({ added: [found(a, 'email', 'ana@example.com')], removed: [] });
    let settled = false;
    const waiting = overlay.settled().then(() => (settled = true));
    await settle();
    // Identified, but the ledger has not answered yet.
    expect(identified).toHaveLength(1);
    expect(settled).toBe(false);
    expect(summaryKeys()).toEqual(['email:ana@example.com pending']);
    open();
    await waiting;
    expect(summaryKeys()).toEqual(['email:ana@example.com unknown']);
  });

  it('sends the text as the page shows it, and asks the ledger about the identifiers it is', async () => {
    const a = document.getElementById('a')!;
    overlay.update({
      added: [found(a, 'email', 'MAILTO:Ana@Example.COM'), found(a, 'phone', '030 1234567')],
      removed: [],
    });
    await settle();
    expect(identified).toEqual([
      [
        { kind: 'email', raw: 'MAILTO:Ana@Example.COM' },
        { kind: 'phone', raw: '030 1234567' },
      ],
    ]);
    expect(asked.flat()).toEqual([
      { kind: 'email', value: 'ana@example.com' },
      { kind: 'phone', value: '+49301234567' },
    ]);
    expect(summaryKeys()).toEqual(['email:ana@example.com unknown', 'phone:+49301234567 unknown']);
  });

  it('counts a person once, however many ways and places the page writes them', async () => {
    const [a, b] = [document.getElementById('a')!, document.getElementById('b')!];
    overlay.update({
      added: [
        found(a, 'email', 'ana@example.com'),
        found(a, 'email', 'Ana@Example.com'),
        found(b, 'email', 'mailto:ana@example.com'),
      ],
      removed: [],
    });
    await settle();
    expect(asked.flat()).toEqual([{ kind: 'email', value: 'ana@example.com' }]);
    expect(summaryKeys()).toEqual(['email:ana@example.com unknown']);
  });

  it('asks nothing about, and shows no one for, what is not an address or number', async () => {
    const a = document.getElementById('a')!;
    overlay.update({
      added: [found(a, 'email', 'mailto:nobody'), found(a, 'phone', 'tel:12')],
      removed: [],
    });
    await settle();
    expect(asked).toEqual([]);
    expect(overlay.summary()).toEqual([]);
  });

  it('identifies a text once, however often it is found again', async () => {
    const [a, b] = [document.getElementById('a')!, document.getElementById('b')!];
    overlay.update({ added: [found(a, 'phone', '+49 30 1234567')], removed: [] });
    overlay.update({ added: [found(b, 'phone', '+49 30 1234567')], removed: [] });
    await settle();
    overlay.update({ removed: [a], added: [] });
    overlay.update({ added: [found(a, 'phone', '+49 30 1234567')], removed: [] });
    await settle();
    expect(identified.flat()).toEqual([{ kind: 'phone', raw: '+49 30 1234567' }]);
    expect(asked.flat()).toEqual([{ kind: 'phone', value: '+49301234567' }]);
  });

  it('never sends text longer than any identifier, and shows no one for it', async () => {
    const a = document.getElementById('a')!;
    overlay.update({ added: [found(a, 'email', `${'a'.repeat(600)}@example.com`)], removed: [] });
    await settle();
    expect(identified).toEqual([]);
    expect(overlay.summary()).toEqual([]);
  });

  it('takes the answers the background had saved with the keys, and asks only about the rest', async () => {
    saveAnswer('email:ana@example.com', 'granted');
    const a = document.getElementById('a')!;
    overlay.update({
      added: [found(a, 'email', 'mailto:ana@example.com'), found(a, 'email', 'bo@example.com')],
      removed: [],
    });
    await settle();
    expect(identified).toHaveLength(1);
    expect(asked).toEqual([[{ kind: 'email', value: 'bo@example.com' }]]);
    expect(summaryKeys()).toEqual([
      'email:ana@example.com granted',
      'email:bo@example.com unknown',
    ]);
  });

  it('shows saved answers, marked stale, when the ledger cannot be asked, and says so', async () => {
    ledgerDown = true;
    saveAnswer('email:ana@example.com', 'withdrawn');
    await showAna();
    expect(overlay.summary()).toEqual([
      { key: 'email:ana@example.com', verdict: 'withdrawn', stale: true },
    ]);
    expect(overlay.state.notice.value).toBe(
      'The ledger cannot be reached. Showing saved answers, marked with a dashed border.',
    );
  });

  it('keeps a notice the rep dismissed away while the ledger stays down, and shows the next one', async () => {
    ledgerDown = true;
    saveAnswer('email:ana@example.com', 'withdrawn');
    await showAna();
    overlay.state.dismissed.value = true;
    // More of the page, someone never asked about: the notice's words change, it stays away.
    const b = document.getElementById('b')!;
    overlay.update({ added: [found(b, 'email', 'bo@example.com')], removed: [] });
    await settle();
    expect(overlay.state.notice.value).toBe('The ledger cannot be reached.');
    expect(overlay.state.dismissed.value).toBe(true);
    // The ledger answers again: the trouble is over, and the next one will show.
    ledgerDown = false;
    await overlay.refresh(true);
    expect(overlay.state.notice.value).toBeNull();
    expect(overlay.state.dismissed.value).toBe(false);
  });

  it('matches each stale answer to the person it is about', async () => {
    ledgerDown = true;
    saveAnswer('email:ana@example.com', 'withdrawn');
    const a = document.getElementById('a')!;
    const b = document.getElementById('b')!;
    overlay.update({
      added: [found(a, 'email', 'bo@example.com'), found(b, 'email', 'ana@example.com')],
      removed: [],
    });
    await settle();
    expect(summaryKeys()).toEqual([
      'email:bo@example.com unknown',
      'email:ana@example.com withdrawn',
    ]);
  });

  it('takes nothing from a reply that does not match what was sent, and says so', async () => {
    replyExtra = true;
    await showAna();
    expect(overlay.summary()).toEqual([]);
    expect(overlay.state.notice.value).toMatch(/could not read this page/);
  });

  it('says the ledger cannot be asked, and no more, when nothing about the page is saved', async () => {
    ledgerDown = true;
    await showAna();
    expect(overlay.summary()).toEqual([
      { key: 'email:ana@example.com', verdict: 'unknown', stale: true },
    ]);
    expect(overlay.state.notice.value).toBe('The ledger cannot be reached.');
  });

  it('tells the rep when the background cannot identify, and shows no one', async () => {
    failIdentify = true;
    await showAna();
    expect(overlay.state.notice.value).toMatch(/could not read this page/);
    expect(overlay.summary()).toEqual([]);
  });

  it('sends a text again once the page shows it again after the background failed on it', async () => {
    failIdentify = true;
    await showAna();
    failIdentify = false;
    await showAna();
    expect(identified).toEqual([
      [{ kind: 'email', raw: 'ana@example.com' }],
      [{ kind: 'email', raw: 'ana@example.com' }],
    ]);
    expect(summaryKeys()).toEqual(['email:ana@example.com unknown']);
  });

  it('sends a text shown twice in one task once, and not again while it is being identified', async () => {
    const [a, b] = [document.getElementById('a')!, document.getElementById('b')!];
    overlay.update({
      added: [found(a, 'email', 'ana@example.com'), found(b, 'email', 'ana@example.com')],
      removed: [],
    });
    overlay.update({ added: [found(b, 'email', 'ana@example.com')], removed: [] });
    await settle();
    expect(identified).toEqual([[{ kind: 'email', raw: 'ana@example.com' }]]);
  });

  it('names the person a control acts on before the background has answered', () => {
    const a = document.getElementById('a')!;
    expect(overlay.keyFor(found(a, 'phone', 'tel:030 1234567'))).toBe('phone:+49301234567');
    expect(overlay.keyFor(found(a, 'email', 'mailto:nobody'))).toBeNull();
  });
});

describe('ConsentOverlay — torn down', () => {
  it('keeps no one once destroyed, even when answers arrive afterwards', async () => {
    let answer!: () => void;
    ledgerGate = new Promise((resolve) => (answer = resolve));
    overlay.update({
      added: [found(document.getElementById('a')!, 'email', 'ana@example.com')],
      removed: [],
    });
    await settle();
    expect(asked.flat()).toEqual([{ kind: 'email', value: 'ana@example.com' }]);
    overlay.destroy();
    answer();
    await settle();
    expect(overlay.answers.size).toBe(0);
    expect(overlay.summary()).toEqual([]);
    expect(document.querySelector('consentry-overlay')).toBeNull();
  });
});

describe('ConsentOverlay — badges in boxes that scroll or clip', () => {
  /** Computed overflow by element id (happy-dom computes none): [overflow-x, overflow-y]. */
  let overflow: Record<string, [string, string]>;
  beforeEach(() => {
    overflow = {};
    vi.spyOn(window, 'getComputedStyle').mockImplementation((el: Element) => {
      const [overflowX, overflowY] = overflow[el.id] ?? ['visible', 'visible'];
      return { overflowX, overflowY } as CSSStyleDeclaration;
    });
    // Every observed anchor counts as on screen (happy-dom computes no intersections).
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(private readonly cb: IntersectionObserverCallback) {}
        observe(target: Element) {
          this.cb(
            [{ target, isIntersecting: true } as IntersectionObserverEntry],
            this as unknown as IntersectionObserver,
          );
        }
        unobserve() {}
        disconnect() {}
      },
    );
    overlay.destroy();
    overlay = newOverlay();
  });
  const badgeTop = () => overlay.state.badges.value.map((b) => b.top);

  it('moves a badge with its anchor when a box inside a shadow root scrolls, once told of the root; none hangs past its edge', async () => {
    document.body.innerHTML = `<x-lead id="host"></x-lead>`;
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<div id="box"><a id="m" href="mailto:ana@example.com">Ana</a></div>`;
    overflow.box = ['auto', 'auto'];
    let scrollTop = 0;
    // The box scrolls: 600 px tall at the top of the window, the link 300 px down its content.
    shadow.getElementById('box')!.getBoundingClientRect = () => new DOMRect(0, 0, 800, 600);
    const link = shadow.getElementById('m')!;
    link.getBoundingClientRect = () => new DOMRect(10, 300 - scrollTop, 120, 20);
    overlay.watch(shadow);
    overlay.update({ added: [found(link, 'email', 'mailto:ana@example.com')], removed: [] });
    await expect.poll(badgeTop).toEqual([301]);
    scrollTop = 200;
    shadow.getElementById('box')!.dispatchEvent(new Event('scroll'));
    await expect.poll(badgeTop).toEqual([101]);
    // Half scrolled out at the box's top edge: no badge hanging over the page above the box.
    scrollTop = 310;
    shadow.getElementById('box')!.dispatchEvent(new Event('scroll'));
    await expect.poll(badgeTop).toEqual([]);
    scrollTop = 200;
    shadow.getElementById('box')!.dispatchEvent(new Event('scroll'));
    await expect.poll(badgeTop).toEqual([101]);
    // Destroyed: nothing is placed again.
    overlay.destroy();
    scrollTop = 0;
    shadow.getElementById('box')!.dispatchEvent(new Event('scroll'));
    await settle();
    expect(badgeTop()).toEqual([101]);
  });

  it('keeps the badge of an anchor a one-line wrapper clips, or a short scrolling box holds whole', async () => {
    document.body.innerHTML =
      `<div id="cell"><a id="m" href="mailto:ana@example.com">Ana</a></div>` +
      `<div id="strip"><a id="n" href="mailto:ben@example.com">Ben</a></div>`;
    // A truncating wrapper (overflow hidden) a pixel shorter than its link, and a 16 px strip that
    // scrolls sideways: neither is a box some rows tall, so neither takes a badge away.
    overflow.cell = ['hidden', 'hidden'];
    overflow.strip = ['auto', 'auto'];
    document.getElementById('cell')!.getBoundingClientRect = () => new DOMRect(0, 100, 300, 16);
    document.getElementById('strip')!.getBoundingClientRect = () => new DOMRect(0, 200, 300, 16);
    document.getElementById('m')!.getBoundingClientRect = () => new DOMRect(0, 99.5, 40, 17);
    document.getElementById('n')!.getBoundingClientRect = () => new DOMRect(0, 199.5, 40, 17);
    overlay.update({
      added: [
        found(document.getElementById('m')!, 'email', 'mailto:ana@example.com'),
        found(document.getElementById('n')!, 'email', 'mailto:ben@example.com'),
      ],
      removed: [],
    });
    await expect.poll(badgeTop).toEqual([99, 199]);
  });
});
