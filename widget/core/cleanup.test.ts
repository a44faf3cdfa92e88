// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearDeclared } from './cleanup';

const cookieNames = () =>
  document.cookie
    .split(';')
    .map((c) => c.split('=')[0]!.trim())
    .filter(Boolean)
    .sort();

const expireAll = () => {
  for (const name of cookieNames()) {
    for (const domain of ['', '; domain=.example.co.uk', '; domain=shop.example.co.uk'])
      for (const path of ['/', '/basket'])
        document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=${path}${domain}`;
  }
};

const nothing = { cookies: [], storageKeys: [] };

describe('clearDeclared', () => {
  beforeEach(() => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
      'https://shop.example.co.uk/basket',
    );
    localStorage.clear();
    sessionStorage.clear();
  });

  afterEach(() => {
    expireAll();
    localStorage.clear();
    sessionStorage.clear();
  });

  it('expires declared cookies by exact name and by prefix, and reports them', () => {
    document.cookie = '_ga=GA1.2.3; path=/';
    document.cookie = '_ga_ABC123=GS1.1; path=/';
    document.cookie = '_gid=GA1.2.4; path=/';
    document.cookie = 'session=keep; path=/';
    document.cookie = 'ga=not-a-prefix-match; path=/';

    const cleared = clearDeclared(document, { cookies: ['_gid', '_ga*'], storageKeys: [] });

    expect([...cleared.cookies].sort()).toEqual(['_ga', '_ga_ABC123', '_gid']);
    expect(cookieNames()).toEqual(['ga', 'session']);
  });

  it('expires a declared cookie set for the parent domain', () => {
    document.cookie = '_fbp=fb.1.2; path=/; domain=.example.co.uk';
    document.cookie = 'cart=3; path=/; domain=.example.co.uk';
    expect(cookieNames()).toEqual(['_fbp', 'cart']);

    const cleared = clearDeclared(document, { cookies: ['_fbp'], storageKeys: [] });

    expect(cleared.cookies).toEqual(['_fbp']);
    expect(cookieNames()).toEqual(['cart']);
  });

  it("expires a declared cookie set for the page's own path", () => {
    document.cookie = '_hjid=1; path=/basket';
    expect(cookieNames()).toEqual(['_hjid']);

    clearDeclared(document, { cookies: ['_hjid'], storageKeys: [] });

    expect(cookieNames()).toEqual([]);
  });

  it('reports nothing when no declared cookie is present', () => {
    document.cookie = 'session=keep; path=/';
    expect(clearDeclared(document, { cookies: ['_ga*', '_gid'], storageKeys: [] })).toEqual(
      nothing,
    );
    expect(cookieNames()).toEqual(['session']);
  });

  it('removes declared localStorage and sessionStorage keys, exact and by prefix', () => {
    localStorage.setItem('_hjSession', '1');
    localStorage.setItem('_hjUser', '2');
    localStorage.setItem('amplitude_id', '3');
    localStorage.setItem('theme', 'dark');
    sessionStorage.setItem('_hjTabId', '4');
    sessionStorage.setItem('checkout-step', '2');
    sessionStorage.setItem('amplitude_id', '5');

    const cleared = clearDeclared(document, {
      cookies: [],
      storageKeys: ['_hj*', 'amplitude_id'],
    });

    expect([...cleared.storageKeys].sort()).toEqual([
      '_hjSession',
      '_hjTabId',
      '_hjUser',
      'amplitude_id',
      'amplitude_id',
    ]);
    expect(Object.keys(localStorage)).toEqual(['theme']);
    expect(Object.keys(sessionStorage)).toEqual(['checkout-step']);
  });

  it('does not treat a name without * as a prefix', () => {
    localStorage.setItem('amplitude_id_extra', 'keep');
    document.cookie = '_gid_extra=keep; path=/';
    const cleared = clearDeclared(document, { cookies: ['_gid'], storageKeys: ['amplitude_id'] });
    expect(cleared).toEqual(nothing);
    expect(localStorage.getItem('amplitude_id_extra')).toBe('keep');
    expect(cookieNames()).toEqual(['_gid_extra']);
  });

  it('does not throw when reading cookies throws, and still clears storage', () => {
    localStorage.setItem('_hjSession', '1');
    localStorage.setItem('theme', 'dark');
    const sandboxed = {
      get cookie(): string {
        throw new DOMException('The document is sandboxed', 'SecurityError');
      },
      set cookie(_value: string) {
        throw new DOMException('The document is sandboxed', 'SecurityError');
      },
      location: document.location,
      defaultView: window,
    } as unknown as Document;

    let cleared: ReturnType<typeof clearDeclared> | undefined;
    expect(() => {
      cleared = clearDeclared(sandboxed, { cookies: ['_ga*'], storageKeys: ['_hj*'] });
    }).not.toThrow();
    expect(cleared).toEqual({ cookies: [], storageKeys: ['_hjSession'] });
    expect(Object.keys(localStorage)).toEqual(['theme']);
  });

  it('does not throw when the storages themselves throw', () => {
    document.cookie = '_ga=1; path=/';
    const refuse = () => {
      throw new DOMException('Access is denied', 'SecurityError');
    };
    const view = {
      get localStorage() {
        return refuse();
      },
      sessionStorage: {
        get length() {
          return refuse();
        },
      },
    };
    const doc = {
      get cookie() {
        return document.cookie;
      },
      set cookie(value: string) {
        document.cookie = value;
      },
      location: document.location,
      defaultView: view,
    } as unknown as Document;

    let cleared: ReturnType<typeof clearDeclared> | undefined;
    expect(() => {
      cleared = clearDeclared(doc, { cookies: ['_ga'], storageKeys: ['_hj*'] });
    }).not.toThrow();
    expect(cleared).toEqual({ cookies: ['_ga'], storageKeys: [] });
    expect(cookieNames()).toEqual([]);
  });
});
