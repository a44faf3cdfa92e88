// @vitest-environment happy-dom
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Candidate, CrmAdapter } from './adapter';
import { dynamics } from './adapters/dynamics';
import { generic } from './adapters/generic';
import { candidateOf, findCandidates } from './find-candidates';

const find = (root: Element | ShadowRoot = document.body, adapter: CrmAdapter = generic) => {
  const out: Candidate[] = [];
  findCandidates(root, adapter, out);
  return out;
};

/** Candidates as "kind raw @anchor-id" for readable comparisons. */
const brief = (candidates: Candidate[]) =>
  candidates.map((c) => `${c.kind} ${c.raw.trim()} @${c.anchor.id || c.anchor.localName}`);

const $ = (selector: string) => document.querySelector(selector)!;

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('findCandidates — links and attributes', () => {
  it('finds mailto: and tel: links, anchored on the link', () => {
    document.body.innerHTML = `
      <a id="m" href="mailto:Ana@Example.com?subject=Hi">Write</a>
      <a id="t" href="tel:+14155552671">Call</a>
      <a id="u" href="MAILTO:bob@example.com">Bob</a>
      <a id="w" href="https://example.com/contact">Site</a>`;
    expect(brief(find())).toEqual([
      'email mailto:Ana@Example.com?subject=Hi @m',
      'phone tel:+14155552671 @t',
      'email MAILTO:bob@example.com @u',
    ]);
  });

  it('reads an address from data-email-address on any element', () => {
    document.body.innerHTML = `<span id="s" data-email-address="cy@example.com">Cy</span>`;
    expect(brief(find())).toEqual(['email cy@example.com @s']);
  });

  it('does not read the text of a link it already read', () => {
    document.body.innerHTML = `<a id="m" href="mailto:ana@example.com">ana@example.com</a>
      <span id="s" data-email-address="cy@example.com">cy@example.com</span>
      <a id="t" href="TEL:+14155552671">+1 415 555 2671</a>
      <a id="w" href="/people/dee">dee@example.com</a>`;
    expect(brief(find())).toEqual([
      'email mailto:ana@example.com @m',
      'email cy@example.com @s',
      'phone TEL:+14155552671 @t',
      // Any other link's text is read as text.
      'email dee@example.com @w',
    ]);
  });

  it('reads an SVG link as an HTML one (its href, not its text)', () => {
    document.body.innerHTML = `<svg><a id="z" href="mailto:zoe@example.com"><text>zoe@example.com</text></a></svg>`;
    expect(brief(find())).toEqual(['email mailto:zoe@example.com @z']);
  });

  it('tells a contact link from its href exactly as the selector a[href^="mailto:" i] would', () => {
    // The walk reads each link's href once instead of matching selectors; any href, in any case,
    // with a data-email-address or not, gives what the selectors give.
    const href = fc.oneof(
      fc.constantFrom('mailto:', 'MailTo:', 'tel:', 'TEL:', 'tel', ' mailto:', 'mailto', 'https:'),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
    );
    const link = fc.record({
      href: fc.option(fc.tuple(href, fc.string({ maxLength: 6 })).map(([a, b]) => a + b)),
      address: fc.boolean(),
    });
    const escape = (x: string) => x.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    fc.assert(
      fc.property(fc.array(link, { minLength: 1, maxLength: 6 }), (links) => {
        document.body.innerHTML = links
          .map(
            (l, i) =>
              `<a id="l${i}"${l.href === null ? '' : ` href="${escape(l.href)}"`}` +
              `${l.address ? ' data-email-address="x@example.com"' : ''}>+49 30 5000123</a>`,
          )
          .join('');
        const selected = new Set(
          document.querySelectorAll('a[href^="mailto:" i], a[href^="tel:" i]'),
        );
        const want = [...document.querySelectorAll('a')].map((a): Candidate =>
          selected.has(a)
            ? {
                kind: /^mailto:/i.test(a.getAttribute('href')!) ? 'email' : 'phone',
                raw: a.getAttribute('href')!,
                anchor: a,
              }
            : a.hasAttribute('data-email-address')
              ? { kind: 'email', raw: 'x@example.com', anchor: a }
              : { kind: 'phone', raw: '+49 30 5000123', anchor: a },
        );
        expect(find()).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('counts the root itself when it is a link', () => {
    document.body.innerHTML = `<a id="m" href="mailto:ana@example.com">Ana</a>`;
    expect(brief(find($('#m')))).toEqual(['email mailto:ana@example.com @m']);
  });
});

describe('findCandidates — inputs', () => {
  it('reads email and phone inputs from their value property, not the attribute', () => {
    document.body.innerHTML = `<input id="e" type="email" value="old@example.com"><input id="p" type="tel">`;
    ($('#e') as HTMLInputElement).value = 'typed@example.com';
    ($('#p') as HTMLInputElement).value = '+44 20 7946 0958';
    expect(brief(find())).toEqual(['email typed@example.com @e', 'phone +44 20 7946 0958 @p']);
  });

  it('skips empty and blank inputs, and inputs of other types', () => {
    document.body.innerHTML = `<input type="email"><input id="b" type="tel"><input id="x" type="text">`;
    ($('#b') as HTMLInputElement).value = '   ';
    ($('#x') as HTMLInputElement).value = 'ana@example.com';
    expect(find()).toEqual([]);
  });

  it("reads an adapter's own fields, which the generic rules miss", () => {
    document.body.innerHTML = `
      <input id="e" type="text" data-id="emailaddress1.fieldControl-mail-text-input">
      <input id="t" type="text" data-id="telephone1.fieldControl-phone-text-input">
      <input id="m" type="text" data-id="mobilephone.fieldControl-phone-text-input">
      <input id="n" type="text" data-id="fullname.fieldControl-text-box-text">`;
    for (const [id, value] of [
      ['e', 'ana@example.com'],
      ['t', '+1 415 555 2671'],
      ['m', '+1 415 555 2672'],
      ['n', 'Ana Example'],
    ] as const)
      ($(`#${id}`) as HTMLInputElement).value = value;
    expect(find(document.body, generic)).toEqual([]);
    expect(brief(find(document.body, dynamics))).toEqual([
      'email ana@example.com @e',
      'phone +1 415 555 2671 @t',
      'phone +1 415 555 2672 @m',
    ]);
  });
});

describe('findCandidates — text', () => {
  it('finds addresses and numbers in text, anchored on the parent element', () => {
    document.body.innerHTML = `<p id="a">Write to ana@example.com, or call +1 (415) 555-2671.</p>
      <span id="b">(415) 555-2672</span>`;
    expect(brief(find())).toEqual([
      'email ana@example.com @a',
      'phone +1 (415) 555-2671 @a',
      'phone (415) 555-2672 @b',
    ]);
  });

  it('does not take plain numbers, dates or prices for phone numbers', () => {
    document.body.innerHTML = `<p>Order 20250301 of 2025-03-01 cost 1,234.56 and ref 555 1234.</p>`;
    expect(find()).toEqual([]);
  });

  it('finds every address in one text node', () => {
    document.body.innerHTML = `<p id="p">ana@example.com; bob@example.org</p>`;
    expect(brief(find())).toEqual(['email ana@example.com @p', 'email bob@example.org @p']);
  });

  it.each([
    ['a script', '<script>var to = "ana@example.com";</script>'],
    ['a style sheet', '<style>/* ana@example.com */</style>'],
    ['a text area', '<textarea>ana@example.com</textarea>'],
    ['a template', '<template><p>ana@example.com</p></template>'],
    ['an editor', '<div contenteditable="true"><p>ana@example.com</p></div>'],
    ['an empty contenteditable', '<div contenteditable=""><p>+1 415 555 2671</p></div>'],
  ])('skips text inside %s', (_, html) => {
    document.body.innerHTML = html;
    expect(find()).toEqual([]);
  });

  it('skips the text of a subtree read on its own inside an editor or a link already read', () => {
    document.body.innerHTML = `
      <div contenteditable="true"><section><p id="typed">ana@example.com</p></section></div>
      <a href="mailto:bob@example.org"><span id="label">bob@example.org</span></a>`;
    expect(find($('#typed'))).toEqual([]);
    expect(find($('#label'))).toEqual([]);
  });
});

describe('findCandidates — shadow roots', () => {
  it('searches an open shadow root passed as the root', () => {
    const host = document.createElement('x-card');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<a id="m" href="mailto:ana@example.com">Ana</a><span id="s">+1 415 555 2671</span>`;
    expect(brief(find(shadow))).toEqual([
      'email mailto:ana@example.com @m',
      'phone +1 415 555 2671 @s',
    ]);
  });
});

describe('candidateOf', () => {
  it('stands for nothing on an ordinary element', () => {
    document.body.innerHTML = `<div id="d">ana@example.com</div>`;
    expect(candidateOf($('#d'), generic)).toBeNull();
  });
});

describe('findCandidates — a row read with its text at once (row: true)', () => {
  const texts = [
    'Ana Lima',
    'ana@example.com',
    'ana@example.com, bo@example.org',
    '+49 30 5000123',
    '(415) 555-2671',
    ' · €12,00 · 2026-11-01 ',
    '(see notes)',
    'x+y@z',
    '',
    '   ',
    'Ünïcødé 👩‍💼 zoë@exämple.de',
  ];
  const leaf = fc.oneof(
    fc.constantFrom(...texts).map((t) => ({ text: t })),
    fc
      .constantFrom('<!-- +49 30 5000999 -->', '<br>', '<img alt="a@b.co">')
      .map((html) => ({ html })),
  );
  type Tree = { text: string } | { html: string } | { tag: string; kids: Tree[] };
  const tags = [
    'span',
    'b',
    'td',
    'a href="mailto:cy@example.com"',
    'a href="/people/1"',
    'a href="TEL:+14155552671"',
    'script',
    'textarea',
    'div data-email-address="dee@example.com"',
    'div contenteditable="true"',
    'template',
  ];
  const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ tag: fc.constantFrom(...tags), kids: fc.array(tie('node'), { maxLength: 4 }) }),
    ),
  })).node;
  const html = (t: Tree): string => {
    if ('text' in t) return t.text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    if ('html' in t) return t.html;
    const name = t.tag.split(' ')[0];
    return `<${t.tag}>${t.kids.map(html).join('')}</${name}>`;
  };
  // Anchors by their place in the document (toEqual would take two like cells for the same).
  const read = (root: Element, row: boolean, defer?: (el: Element) => boolean) => {
    const out: Candidate[] = [];
    findCandidates(root, generic, out, { row, defer });
    const all = [...document.querySelectorAll('*')];
    return out.map((c) => [c.kind, c.raw, all.indexOf(c.anchor)]);
  };

  it('finds exactly what reading each text node finds, in any markup', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 5 }), (cells) => {
        document.body.innerHTML = `<table><tbody><tr id="r">${cells.map((c) => `<td>${html(c)}</td>`).join('')}</tr></tbody></table>`;
        const row = $('#r');
        expect(read(row, true)).toEqual(read(row, false));
      }),
      { numRuns: 300 },
    );
  });

  it('still finds the text after a subtree it passes over (deferred)', () => {
    document.body.innerHTML = `<div id="r"><span>a@example.com</span>
      <ul id="skip"><li>skipped@example.com</li></ul><span id="after">+49 30 5000123</span></div>`;
    const skip = $('#skip');
    const at = (el: Element) => [...document.querySelectorAll('*')].indexOf(el);
    expect(read($('#r'), true, (el) => el === skip)).toEqual([
      ['email', 'a@example.com', at($('#r span'))],
      ['phone', '+49 30 5000123', at($('#after'))],
    ]);
  });
});
