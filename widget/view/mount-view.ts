import type { ConsentryApi } from '../create-consentry';
import { startView } from './consentry-view';
import { CSS } from './styles';

/**
 * Renders the widget into a shadow root on its own host element, so the page's CSS cannot reach
 * it and its CSS cannot reach the page. Styles go in as a constructable stylesheet, which strict
 * CSPs allow; the host is fixed-position, so nothing on the page moves (no layout shift).
 */
export function mountView(api: ConsentryApi, doc: Document = document): HTMLElement | null {
  const initial = api.state();
  if (!initial) return null;
  const host = doc.createElement('div');
  host.id = 'consentry-root';
  doc.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  if (win && 'adoptedStyleSheets' in shadow && typeof win.CSSStyleSheet === 'function') {
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];
  }
  startView(api, shadow, initial);
  return host;
}
