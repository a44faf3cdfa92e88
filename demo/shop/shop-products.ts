import type { ShopLanguage } from './shop-texts';

/** A product on the demo shop's page. */
export interface ShopProduct {
  id: string;
  art: 'tent' | 'backpack' | 'jacket' | 'boots';
  /** Price in euros. */
  price: number;
  name: Record<ShopLanguage, string>;
  blurb: Record<ShopLanguage, string>;
}

/** The four products the demo shop shows. */
export const SHOP_PRODUCTS: readonly ShopProduct[] = [
  {
    id: 'summit-2-tent',
    art: 'tent',
    price: 449,
    name: { en: 'Summit 2 Tent', de: 'Zelt Summit 2' },
    blurb: {
      en: 'Two-person, four-season tent. 2.1 kg, pitched in three minutes.',
      de: 'Zwei-Personen-Zelt für alle Jahreszeiten. 2,1 kg, in drei Minuten aufgebaut.',
    },
  },
  {
    id: 'ridgeline-45',
    art: 'backpack',
    price: 189,
    name: { en: 'Ridgeline 45 Backpack', de: 'Rucksack Ridgeline 45' },
    blurb: {
      en: '45 litres, adjustable back system, rain cover included.',
      de: '45 Liter, verstellbares Rückensystem, Regenhülle inklusive.',
    },
  },
  {
    id: 'glacier-down-jacket',
    art: 'jacket',
    price: 279,
    name: { en: 'Glacier Down Jacket', de: 'Daunenjacke Glacier' },
    blurb: {
      en: 'Responsibly sourced 800-fill down; packs into its own pocket.',
      de: 'Verantwortungsvoll gewonnene Daune, verstaubar in der eigenen Tasche.',
    },
  },
  {
    id: 'trailhead-boots',
    art: 'boots',
    price: 169.9,
    name: { en: 'Trailhead Hiking Boots', de: 'Wanderschuhe Trailhead' },
    blurb: {
      en: 'Waterproof leather, grippy soles, resoleable for years of trails.',
      de: 'Wasserdichtes Leder, griffige Sohle, neu besohlbar für viele Jahre.',
    },
  },
];

const LOCALES: Record<ShopLanguage, string> = { en: 'en-IE', de: 'de-DE' };

/** A price as the language writes it: "€449.00" or "449,00 €". */
export const formatPrice = (price: number, lang: ShopLanguage): string =>
  new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: 'EUR' }).format(price);
