/** The demo shop's page texts, in English and German. */

/** The languages the demo shop speaks. */
export type ShopLanguage = 'en' | 'de';

/** Every text the shop page shows. */
export interface ShopTexts {
  title: string;
  description: string;
  skip: string;
  navLabel: string;
  nav: [string, string, string];
  cart: string;
  switchLabel: string;
  demoNote: string;
  analytics: [on: string, off: string];
  advertising: [on: string, off: string];
  heroTitle: string;
  heroText: string;
  heroCta: string;
  productsTitle: string;
  addToCart: string;
  adLabel: string;
  adTitle: string;
  adText: string;
  newsletterTitle: string;
  newsletterText: string;
  emailLabel: string;
  emailPlaceholder: string;
  consentLabel: string;
  subscribe: string;
  subscribing: string;
  thanks: string;
  widgetMissing: string;
  footerAbout: string;
  privacyChoices: string;
  privacyPolicy: string;
  privacyUnavailable: string;
  copyright: string;
}

/** The texts by language; `{email}` in `thanks` is replaced (as text) with the address. */
export const SHOP_TEXTS: Record<ShopLanguage, ShopTexts> = {
  en: {
    title: 'Alpine Outfitters — gear for the high country',
    description: 'Tents, packs, jackets and boots for every season in the mountains.',
    skip: 'Skip to content',
    navLabel: 'Shop',
    nav: ['Tents & packs', 'Clothing', 'Footwear'],
    cart: 'Cart',
    switchLabel: 'Deutsch',
    demoNote: 'Demo shop. Tags the consent widget controls:',
    analytics: ['Analytics on', 'Analytics off'],
    advertising: ['Advertising on', 'Advertising off'],
    heroTitle: 'Gear for the high country',
    heroText:
      'Tested on the ridges of the Alps, built to last for decades. Free repairs for life on everything we make.',
    heroCta: 'Shop the collection',
    productsTitle: 'Autumn favourites',
    addToCart: 'Add to cart',
    adLabel: 'Sponsored',
    adTitle: 'Summit Guides: 15% off guided tours',
    adText: 'Glacier walks and via ferratas with certified mountain guides. Code ALPINE15.',
    newsletterTitle: 'Trail notes, once a month',
    newsletterText: 'New gear, route ideas and members-only offers. No spam, unsubscribe any time.',
    emailLabel: 'Email address',
    emailPlaceholder: 'you@example.com',
    consentLabel: 'Also email me personalised offers (optional)',
    subscribe: 'Subscribe',
    subscribing: 'Subscribing…',
    thanks: 'Thanks for subscribing! Our next newsletter goes to {email}.',
    widgetMissing:
      'Note: the consent widget did not load, so this sign-up is not linked to your privacy choices.',
    footerAbout: 'Outdoor gear from Innsbruck since 1987.',
    privacyChoices: 'Privacy choices',
    privacyPolicy: 'Privacy policy',
    privacyUnavailable: 'The privacy settings are not available right now. Please try again later.',
    copyright: '© 2026 Alpine Outfitters (a fictional shop: a Consentry demo)',
  },
  de: {
    title: 'Alpine Outfitters — Ausrüstung fürs Hochgebirge',
    description: 'Zelte, Rucksäcke, Jacken und Schuhe für jede Jahreszeit in den Bergen.',
    skip: 'Zum Inhalt springen',
    navLabel: 'Sortiment',
    nav: ['Zelte & Rucksäcke', 'Bekleidung', 'Schuhe'],
    cart: 'Warenkorb',
    switchLabel: 'English',
    demoNote: 'Demo-Shop. Vom Consent-Widget gesteuerte Tags:',
    analytics: ['Statistik an', 'Statistik aus'],
    advertising: ['Werbung an', 'Werbung aus'],
    heroTitle: 'Ausrüstung fürs Hochgebirge',
    heroText:
      'Auf den Graten der Alpen getestet, für Jahrzehnte gebaut. Kostenlose Reparaturen ein Leben lang für alles, was wir herstellen.',
    heroCta: 'Zur Kollektion',
    productsTitle: 'Herbst-Favoriten',
    addToCart: 'In den Warenkorb',
    adLabel: 'Anzeige',
    adTitle: 'Summit Guides: 15 % Rabatt auf geführte Touren',
    adText: 'Gletscherwanderungen und Klettersteige mit geprüften Bergführern. Code ALPINE15.',
    newsletterTitle: 'Tourennotizen, einmal im Monat',
    newsletterText:
      'Neue Ausrüstung, Tourenideen und Angebote nur für Abonnenten. Kein Spam, jederzeit abbestellbar.',
    emailLabel: 'E-Mail-Adresse',
    emailPlaceholder: 'sie@example.de',
    consentLabel: 'Mir auch persönliche Angebote per E-Mail schicken (freiwillig)',
    subscribe: 'Abonnieren',
    subscribing: 'Wird abonniert …',
    thanks: 'Danke für Ihr Abonnement! Unser nächster Newsletter geht an {email}.',
    widgetMissing:
      'Hinweis: Das Consent-Widget wurde nicht geladen, daher ist diese Anmeldung nicht mit Ihren Datenschutzeinstellungen verknüpft.',
    footerAbout: 'Outdoor-Ausrüstung aus Innsbruck seit 1987.',
    privacyChoices: 'Datenschutzeinstellungen',
    privacyPolicy: 'Datenschutzerklärung',
    privacyUnavailable:
      'Die Datenschutzeinstellungen sind gerade nicht verfügbar. Bitte versuchen Sie es später erneut.',
    copyright: '© 2026 Alpine Outfitters (ein fiktiver Shop: eine Consentry-Demo)',
  },
};

/** The language for a `?lang=` value: German for `de`, English for anything else. */
export const shopLanguage = (lang: string | null | undefined): ShopLanguage =>
  lang?.trim().toLowerCase() === 'de' ? 'de' : 'en';
