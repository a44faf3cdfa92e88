/** The sections of the demo shop's page, as escaped markup. */
import { html } from '../html';
import { LOGO_ART, PRODUCT_ART } from './shop-art';
import { SHOP_PATH } from './shop-path';
import { formatPrice, SHOP_PRODUCTS } from './shop-products';
import type { ShopLanguage, ShopTexts } from './shop-texts';

const status = (testId: string, [on, off]: [string, string]) =>
  html`<span class="tag-status" data-testid="${testId}" data-on="${on}" data-off="${off}"
    >${off}</span
  >`;

/** The header (brand, navigation, language switch, cart) and the demo's tag-status strip. */
export const header = (t: ShopTexts, lang: ShopLanguage) => {
  const other: ShopLanguage = lang === 'de' ? 'en' : 'de';
  return html`<header class="site-header">
      <div class="wrap header-inner">
        <a class="brand" href="${SHOP_PATH}?lang=${lang}"
          >${LOGO_ART}<span>Alpine Outfitters</span></a
        >
        <nav class="main-nav" aria-label="${t.navLabel}">
          ${t.nav.map((label) => html`<a href="#products">${label}</a>`)}
        </nav>
        <div class="header-tools">
          <a
            class="lang-switch"
            href="${SHOP_PATH}?lang=${other}"
            hreflang="${other}"
            lang="${other}"
            data-testid="language-switch"
            >${t.switchLabel}</a
          >
          <span class="cart"
            >${t.cart}
            <span class="cart-count" data-testid="cart-count" aria-live="polite">0</span></span
          >
        </div>
      </div>
    </header>
    <div class="demo-strip">
      <div class="wrap">
        ${t.demoNote} ${status('analytics-status', t.analytics)}
        ${status('advertising-status', t.advertising)}
      </div>
    </div>`;
};

/** The product grid and the (hidden until advertising is granted) partner offer. */
export const products = (t: ShopTexts, lang: ShopLanguage) =>
  html`<section id="products" class="wrap products" aria-labelledby="products-title">
      <h2 id="products-title">${t.productsTitle}</h2>
      <ul class="product-grid">
        ${SHOP_PRODUCTS.map(
          (p) =>
            html`<li class="product-card" data-product="${p.id}">
              <div class="product-art art-${p.art}">${PRODUCT_ART[p.art]}</div>
              <h3>${p.name[lang]}</h3>
              <p>${p.blurb[lang]}</p>
              <div class="product-buy">
                <span class="price">${formatPrice(p.price, lang)}</span
                ><button type="button" class="button small" data-add-to-cart="${p.id}">
                  ${t.addToCart}
                </button>
              </div>
            </li>`,
        )}
      </ul>
    </section>
    <div class="wrap">
      <aside class="ad-slot" data-testid="ad-slot" aria-label="${t.adLabel}" hidden>
        <span class="ad-label">${t.adLabel}</span><strong>${t.adTitle}</strong
        ><span>${t.adText}</span>
      </aside>
    </div>`;

/** The newsletter sign-up form, with the test ids and localised messages its script uses. */
export const newsletter = (t: ShopTexts) =>
  html`<section id="newsletter" class="newsletter" aria-labelledby="newsletter-title">
    <div class="wrap newsletter-inner">
      <div>
        <h2 id="newsletter-title">${t.newsletterTitle}</h2>
        <p>${t.newsletterText}</p>
      </div>
      <form
        class="newsletter-form"
        name="newsletter"
        method="post"
        data-testid="newsletter-form"
        data-thanks="${t.thanks}"
        data-subscribing="${t.subscribing}"
        data-widget-missing="${t.widgetMissing}"
      >
        <label for="newsletter-email">${t.emailLabel}</label>
        <div class="field-row">
          <input
            id="newsletter-email"
            name="email"
            type="email"
            required
            autocomplete="email"
            placeholder="${t.emailPlaceholder}"
            data-testid="newsletter-email"
          />
          <button type="submit" class="button" data-testid="newsletter-submit">
            ${t.subscribe}
          </button>
        </div>
        <label class="check"
          ><input type="checkbox" name="offers" data-testid="newsletter-offers" />
          ${t.consentLabel}</label
        >
        <p class="newsletter-thanks" role="status" data-testid="newsletter-thanks"></p>
      </form>
    </div>
  </section>`;

/** The footer with the "Privacy choices" button and the privacy policy link. */
export const footer = (t: ShopTexts, lang: ShopLanguage) =>
  html`<footer class="site-footer">
    <div class="wrap footer-inner">
      <div>
        <strong class="footer-brand">Alpine Outfitters</strong>
        <p>${t.footerAbout}</p>
      </div>
      <div class="footer-links">
        <button
          type="button"
          class="link-button"
          data-testid="privacy-choices"
          data-unavailable="${t.privacyUnavailable}"
        >
          ${t.privacyChoices}
        </button>
        <a href="https://alpine-outfitters.example/${lang === 'de' ? 'datenschutz' : 'privacy'}"
          >${t.privacyPolicy}</a
        >
        <p class="privacy-status" role="status" data-testid="privacy-status"></p>
      </div>
    </div>
    <p class="wrap copyright">${t.copyright}</p>
  </footer>`;
