/**
 * The shop's illustrations as inline SVG: constant, trusted markup (no page or request text goes
 * in), coloured by classes from the stylesheet so no inline style is needed.
 */
import { SafeHtml } from '../html';
import type { ShopProduct } from './shop-products';

const svg = (viewBox: string, body: string, extra = '') =>
  new SafeHtml(
    `<svg viewBox="${viewBox}"${extra} aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">${body}</svg>`,
  );

/** One illustration per kind of product. */
export const PRODUCT_ART: Record<ShopProduct['art'], SafeHtml> = {
  tent: svg(
    '0 0 160 120',
    '<circle class="art-sun" cx="126" cy="28" r="12"/><path class="art-ground" d="M0 100h160v20H0z"/><path class="art-main" d="M22 100 80 26l58 74z"/><path class="art-dark" d="M80 26 64 100h32z"/><path class="art-line" d="M80 26V14M22 100h116"/>',
  ),
  backpack: svg(
    '0 0 160 120',
    '<path class="art-line" d="M62 30c0-18 36-18 36 0"/><rect class="art-main" x="48" y="26" width="64" height="82" rx="20"/><rect class="art-dark" x="60" y="66" width="40" height="30" rx="8"/><rect class="art-accent" x="56" y="46" width="48" height="7" rx="3.5"/>',
  ),
  jacket: svg(
    '0 0 160 120',
    '<path class="art-main" d="M60 16 80 26l20-10 30 16-10 32-12-6v50H52V58l-12 6-10-32z"/><path class="art-dark" d="M66 18 80 34l14-16-14 8z"/><path class="art-line" d="M80 34v68M62 52h8M90 52h8M52 72h56M52 88h56"/>',
  ),
  boots: svg(
    '0 0 160 120',
    '<path class="art-main" d="M42 18h36v46l38 14c9 3 14 10 14 18v6H42z"/><path class="art-dark" d="M42 100h88v10H42z"/><path class="art-line" d="M54 34h18M54 46h18M54 58h20"/>',
  ),
};

/** The mountain range behind the page's headline. */
export const HERO_ART = svg(
  '0 0 1200 320',
  '<path class="hero-far" d="M0 320 0 190 140 90 250 170 390 40 520 170 640 80 790 200 930 60 1060 170 1200 110V320z"/><path class="hero-snow" d="m390 40 42 40-26-6-16 18-14-16-26 8zM930 60l38 36-24-4-14 16-12-14-24 6z"/><path class="hero-near" d="M0 320V250l180-90 140 80 200-110 170 120 180-70 160 90 170-60V320z"/>',
  ' preserveAspectRatio="none"',
);

/** The shop's logo mark. */
export const LOGO_ART = svg(
  '0 0 32 32',
  '<path class="logo-mountain" d="M2 27 12 9l6 10 3-5 9 13z"/><path class="logo-snow" d="m12 9 3.2 5.8-2-1-1.2 2-1.2-2-2 1z"/>',
);
