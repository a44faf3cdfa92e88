import { html, type SafeHtml } from '../html';
import { HERO_ART } from './shop-art';
import { SHOP_PATH } from './shop-path';
import { footer, header, newsletter, products } from './shop-sections';
import { SHOP_TEXTS, shopLanguage } from './shop-texts';

/** What the shop page needs. */
export interface ShopPageOptions {
  /** The widget's public site key (pk_…), put on the script tag. */
  siteKey: string;
  /** The `?lang=` value: `de` for German, anything else English. */
  lang?: string | null;
}

const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Cpath fill='%231f4d3a' d='M2 27 12 9l6 10 3-5 9 13z'/%3E%3C/svg%3E";

// The gated tags stand in for real third-party scripts: type="text/plain" keeps them inert until
// the widget re-creates them (as modules, from data-type) once their purpose is granted.
const gated = html`<script
    type="text/plain"
    data-consent="analytics"
    data-type="module"
    src="${SHOP_PATH}analytics-demo.js"
  ></script>
  <script
    type="text/plain"
    data-consent="advertising"
    data-type="module"
    src="${SHOP_PATH}ads-demo.js"
  ></script>`;

/** The demo shop's page as a complete HTML document; every dynamic value is escaped. */
export function shopPage({ siteKey, lang }: ShopPageOptions): string {
  const language = shopLanguage(lang);
  const t = SHOP_TEXTS[language];
  const page: SafeHtml = html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${t.title}</title>
        <meta name="description" content="${t.description}" />
        <link rel="icon" href="${FAVICON}" />
        <link rel="stylesheet" href="${SHOP_PATH}shop.css" />
        <script src="/consentry.js" data-site="${siteKey}" async></script>
        <script type="module" src="${SHOP_PATH}shop.js"></script>
      </head>
      <body>
        <a class="skip-link" href="#main">${t.skip}</a>
        ${header(t, language)}
        <main id="main">
          <section class="hero">
            <div class="hero-art">${HERO_ART}</div>
            <div class="wrap hero-text">
              <h1>${t.heroTitle}</h1>
              <p>${t.heroText}</p>
              <a class="button" href="#products">${t.heroCta}</a>
            </div>
          </section>
          ${products(t, language)} ${newsletter(t)}
        </main>
        ${footer(t, language)} ${gated}
      </body>
    </html> `;
  return page.value;
}
