// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"disableJavaScriptFileLoading":true,"handleDisabledFileLoadingAsSuccess":true}}
import { beforeEach, describe, expect, it } from 'vitest';
import type { PurposeId } from '../../lib/purposes';
import { activateGated } from './script-gate';

const grant =
  (...ids: PurposeId[]) =>
  (purpose: PurposeId) =>
    ids.includes(purpose);

const page = (html: string) => {
  document.body.innerHTML = html;
  return document.body;
};

/**
 * A part of the page not (yet) in the document: happy-dom logs an error for every connected
 * iframe it is not allowed to load, which is noise here.
 */
const detached = (html: string) => {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
};

const scripts = () => Array.from(document.querySelectorAll('script'));

describe('activateGated', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('turns a gated script into a real one with its src once its purpose is granted', () => {
    page('<script type="text/plain" data-consent="analytics" data-src="/a.js"></script>');
    expect(activateGated(document, grant('analytics'))).toBe(1);
    const [script] = scripts();
    expect(scripts()).toHaveLength(1);
    expect(script!.getAttribute('src')).toBe('/a.js');
    expect(script!.hasAttribute('data-src')).toBe(false);
    // No type means "classic JavaScript" to the browser.
    expect(script!.hasAttribute('type')).toBe(false);
  });

  it('creates a new element rather than editing the inert one, so the browser runs it', () => {
    const original = page(
      '<script type="text/plain" data-consent="analytics" data-src="/a.js"></script>',
    ).firstElementChild;
    activateGated(document, grant('analytics'));
    expect(original!.isConnected).toBe(false);
    expect(scripts()[0]).not.toBe(original);
  });

  it('leaves a script whose purpose is denied untouched', () => {
    const html = '<script type="text/plain" data-consent="analytics" data-src="/a.js"></script>';
    const original = page(html).firstElementChild;
    expect(activateGated(document, grant('advertising'))).toBe(0);
    expect(document.body.innerHTML).toBe(html);
    expect(document.body.firstElementChild).toBe(original);
  });

  it('needs every purpose of a script granted', () => {
    const html =
      '<script type="text/plain" data-consent="analytics advertising" data-src="/ads.js"></script>';
    page(html);
    expect(activateGated(document, grant('analytics'))).toBe(0);
    expect(activateGated(document, grant('advertising'))).toBe(0);
    expect(document.body.innerHTML).toBe(html);
    expect(activateGated(document, grant('analytics', 'advertising'))).toBe(1);
    expect(scripts()[0]!.getAttribute('src')).toBe('/ads.js');
  });

  it('turns inline gated code into a script whose text is that code', () => {
    page('<script type="text/plain" data-consent="analytics">window.tracked = true;</script>');
    expect(activateGated(document, grant('analytics'))).toBe(1);
    const [script] = scripts();
    expect(script!.text).toBe('window.tracked = true;');
    expect(script!.hasAttribute('src')).toBe(false);
    expect(script!.hasAttribute('type')).toBe(false);
  });

  it('keeps the other attributes and takes the type from data-type', () => {
    page(
      '<script type="text/plain" data-consent="analytics" data-src="/m.js" data-type="module" id="tag" async data-site="42"></script>',
    );
    activateGated(document, grant('analytics'));
    const [script] = scripts();
    expect(script!.type).toBe('module');
    expect(script!.getAttribute('type')).toBe('module');
    expect(script!.id).toBe('tag');
    expect(script!.hasAttribute('async')).toBe(true);
    expect(script!.getAttribute('data-site')).toBe('42');
    expect(script!.getAttribute('data-consent')).toBe('analytics');
  });

  // Browsers hide the nonce attribute behind CSP and keep the value in the property (happy-dom
  // does not parse it from markup), so the page's nonce is set as the property here.
  it("carries the gated element's own nonce", () => {
    const original = page(
      '<script type="text/plain" data-consent="analytics" data-src="/a.js"></script>',
    ).firstElementChild as HTMLScriptElement;
    original.nonce = 'n0nce-from-page';
    activateGated(document, grant('analytics'), 'fallback');
    expect(scripts()[0]!.nonce).toBe('n0nce-from-page');
  });

  it('uses the fallback nonce when the element has none', () => {
    page('<script type="text/plain" data-consent="analytics" data-src="/a.js"></script>');
    activateGated(document, grant('analytics'), 'page-nonce');
    expect(scripts()[0]!.nonce).toBe('page-nonce');
  });

  it('gives iframes and images their src once their purpose is granted', () => {
    const root = detached(
      '<iframe data-consent="advertising" data-src="https://video.example/embed"></iframe>' +
        '<img data-consent="advertising" data-src="https://ads.example/pixel.gif" alt="">',
    );
    expect(activateGated(root, grant('advertising'))).toBe(2);
    expect(root.querySelector('iframe')!.getAttribute('src')).toBe('https://video.example/embed');
    expect(root.querySelector('img')!.getAttribute('src')).toBe('https://ads.example/pixel.gif');
  });

  it('leaves iframes and images whose purpose is denied without src', () => {
    const root = detached(
      '<iframe data-consent="advertising" data-src="https://video.example/embed"></iframe>' +
        '<img data-consent="advertising" data-src="https://ads.example/pixel.gif" alt="">',
    );
    expect(activateGated(root, grant('analytics'))).toBe(0);
    expect(root.querySelector('iframe')!.hasAttribute('src')).toBe(false);
    expect(root.querySelector('img')!.hasAttribute('src')).toBe(false);
  });

  it('activates nothing the second time and never duplicates', () => {
    const root = detached(
      '<script type="text/plain" data-consent="analytics" data-src="/a.js"></script>' +
        '<script type="text/plain" data-consent="analytics">window.y = 1;</script>' +
        '<iframe data-consent="analytics" data-src="https://video.example/embed"></iframe>' +
        '<img data-consent="analytics" data-src="https://ads.example/p.gif" alt="">',
    );
    expect(activateGated(root, grant('analytics'))).toBe(4);
    const after = root.innerHTML;
    expect(activateGated(root, grant('analytics'))).toBe(0);
    expect(root.innerHTML).toBe(after);
    expect(root.querySelectorAll('script')).toHaveLength(2);
    expect(root.querySelectorAll('script[src="/a.js"]')).toHaveLength(1);
    expect(root.querySelectorAll('script[type="text/plain"]')).toHaveLength(0);
  });

  it('activates only what was granted, and the rest later', () => {
    page(
      '<script type="text/plain" data-consent="analytics" data-src="/a.js"></script>' +
        '<script type="text/plain" data-consent="advertising" data-src="/ads.js"></script>',
    );
    expect(activateGated(document, grant('analytics'))).toBe(1);
    expect(document.querySelectorAll('script[type="text/plain"]')).toHaveLength(1);
    expect(activateGated(document, grant('analytics', 'advertising'))).toBe(1);
    expect(document.querySelectorAll('script[type="text/plain"]')).toHaveLength(0);
    expect(scripts().map((s) => s.getAttribute('src'))).toEqual(['/a.js', '/ads.js']);
  });

  it('ignores elements without data-consent', () => {
    const html =
      '<script type="text/plain" data-src="/a.js"></script>' +
      '<iframe data-src="https://video.example/embed"></iframe>' +
      '<img data-src="https://ads.example/p.gif" alt="">' +
      '<script type="text/plain" data-consent="" data-src="/b.js"></script>';
    const root = detached(html);
    expect(activateGated(root, () => true)).toBe(0);
    expect(root.innerHTML).toBe(html);
  });

  it('only looks inside the root it is given', () => {
    page(
      '<div id="inside"><img data-consent="analytics" data-src="/in.gif" alt=""></div>' +
        '<img id="outside" data-consent="analytics" data-src="/out.gif" alt="">',
    );
    expect(activateGated(document.getElementById('inside')!, grant('analytics'))).toBe(1);
    expect(document.querySelector('#inside img')!.getAttribute('src')).toBe('/in.gif');
    expect(document.getElementById('outside')!.hasAttribute('src')).toBe(false);
  });
});
