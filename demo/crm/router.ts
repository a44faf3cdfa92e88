/**
 * Client-side routing on the History API: `navigate` pushes (or replaces) an entry and tells the
 * app, `useLocation` follows it and the browser's back and forward, and `useScrollRestoration`
 * puts the page back where it was for entries the visitor returns to.
 */
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';

const NAVIGATE = 'summit:navigate';

/** Where the app is: the path and the raw query string ("?q=anna" or ""). */
export interface AppLocation {
  path: string;
  search: string;
}

const read = (): AppLocation => ({ path: location.pathname, search: location.search });

/** Goes to `to` (same origin) without a page load; `replace` changes the current entry instead. */
export function navigate(to: string, { replace = false } = {}): void {
  if (replace) {
    history.replaceState(history.state, '', to);
  } else {
    // Remember where this entry was scrolled to, so "back" returns to the same place.
    history.replaceState({ ...history.state, scrollY: window.scrollY }, '');
    history.pushState({ scrollY: 0 }, '', to);
  }
  window.dispatchEvent(new Event(NAVIGATE));
}

/** The current location, updated on `navigate` and on back/forward. */
export function useLocation(): AppLocation {
  const [current, setCurrent] = useState(read);
  useEffect(() => {
    const update = () => setCurrent(read());
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE, update);
    };
  }, []);
  return current;
}

/** Scrolls to the position saved with the entry (the top for new ones) whenever `path` changes. */
export function useScrollRestoration(path: string): void {
  useLayoutEffect(() => {
    if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
    const saved = (history.state as { scrollY?: unknown } | null)?.scrollY;
    window.scrollTo(0, typeof saved === 'number' ? saved : 0);
  }, [path]);
}
