import type { SiteConfigInput } from '../../lib/site-config';

const texts = (entries: Record<string, [string, string]>) =>
  Object.fromEntries(
    Object.entries(entries).map(([id, [name, description]]) => [id, { name, description }]),
  );

/** The demo shop's consent configuration: several purposes, English and German. */
export const demoConfig = (): SiteConfigInput => ({
  policyVersion: '2026-11',
  defaultLanguage: 'en',
  languages: ['en', 'de'],
  purposes: [
    { id: 'necessary', services: [{ name: 'Shop session', cookies: ['shop_session'] }] },
    {
      id: 'analytics',
      retentionDays: 395,
      services: [{ name: 'Matomo', provider: 'Alpine Outfitters', cookies: ['_pk_*'] }],
    },
    {
      id: 'advertising',
      retentionDays: 180,
      services: [{ name: 'Google Ads', provider: 'Google Ireland Ltd.', cookies: ['_gcl_*'] }],
    },
    { id: 'marketing_email', retentionDays: 730 },
    { id: 'sale_sharing' },
    {
      id: 'cross_border_transfer',
      recipients: [
        {
          name: 'Alpine Outfitters Inc.',
          contact: 'privacy@alpine-outfitters.example',
          country: 'US',
          dataTypes: ['email', 'order history'],
        },
      ],
    },
  ],
  texts: {
    en: {
      title: 'Your privacy at Alpine Outfitters',
      description:
        'We use cookies and similar technologies to run the shop and, with your consent, to measure, advertise and send you news.',
      privacyPolicyUrl: 'https://alpine-outfitters.example/privacy',
      purposes: texts({
        necessary: ['Strictly necessary', 'Keeps your basket and session working. Always on.'],
        analytics: [
          'Analytics',
          'Counts visits and measures how the shop is used, so we can improve it.',
        ],
        advertising: ['Advertising', 'Shows you our ads on other sites and measures their effect.'],
        marketing_email: ['Newsletter and offers', 'Sends you news and offers by email.'],
        sale_sharing: [
          'Sale or sharing',
          'Shares data with advertising partners for cross-context behavioural advertising.',
        ],
        cross_border_transfer: [
          'Transfer abroad',
          'Transfers your email and order history to our US parent company.',
        ],
      }),
    },
    de: {
      title: 'Ihre Privatsphäre bei Alpine Outfitters',
      description:
        'Wir verwenden Cookies und ähnliche Technologien für den Betrieb des Shops und, mit Ihrer Einwilligung, für Statistik, Werbung und Newsletter.',
      privacyPolicyUrl: 'https://alpine-outfitters.example/datenschutz',
      purposes: texts({
        necessary: ['Unbedingt erforderlich', 'Hält Warenkorb und Sitzung am Laufen. Immer aktiv.'],
        analytics: [
          'Statistik',
          'Zählt Besuche und misst die Nutzung des Shops, damit wir ihn verbessern können.',
        ],
        advertising: [
          'Werbung',
          'Zeigt Ihnen unsere Anzeigen auf anderen Websites und misst ihre Wirkung.',
        ],
        marketing_email: [
          'Newsletter und Angebote',
          'Schickt Ihnen Neuigkeiten und Angebote per E-Mail.',
        ],
        sale_sharing: [
          'Verkauf oder Weitergabe',
          'Gibt Daten für verhaltensbasierte Werbung an Werbepartner weiter.',
        ],
        cross_border_transfer: [
          'Übermittlung ins Ausland',
          'Übermittelt Ihre E-Mail-Adresse und Bestellhistorie an unsere US-Muttergesellschaft.',
        ],
      }),
    },
  },
});
