import { DEMO_PEOPLE } from './demo-people';
import { digits, seededRandom, type Random } from './prng';
import { ENGLISH_TRADES, type City, type Region } from './region';
import { EUROPE } from './regions-europe';
import { WORLD } from './regions-world';

/** A person in Summit CRM. */
export interface Contact {
  id: string;
  name: string;
  title: string;
  company: string;
  email: string;
  /** As displayed, e.g. "+49 30 5550101". */
  phone: string;
  street: string;
  /** Postal code and city as the country writes them, e.g. "10115 Berlin". */
  postalLine: string;
  /** The city's English name. */
  city: string;
  country: string;
  owner: string;
  leadSource: string;
  /** The day of the latest activity, YYYY-MM-DD. */
  lastActivity: string;
}

/** How many contacts the demo CRM shows. */
export const CONTACT_COUNT = 300;

/** The day the demo data treats as today (all dates are before it). */
export const DEMO_TODAY = Date.UTC(2026, 10, 30);

/** The sales reps who own contacts. */
export const OWNERS = ['Maya Lindqvist', 'Jonas Keller', 'Priya Nair', 'Tom Becker'] as const;

const TITLES = [
  'Head of Procurement',
  'CTO',
  'Marketing Manager',
  'Operations Director',
  'Purchasing Lead',
  'CFO',
  'IT Manager',
  'Sales Director',
  'Office Manager',
  'Product Owner',
  'Founder & CEO',
  'Head of Customer Success',
  'Finance Manager',
  'Project Manager',
];
const SOURCES = [
  'Website',
  'Trade show',
  'Referral',
  'Webinar',
  'Cold call',
  'Newsletter',
  'LinkedIn',
  'Partner',
];
const REGIONS: readonly Region[] = [...EUROPE, ...WORLD];
const DAY = 86_400_000;

const pickRegion = (random: Random): Region => {
  let ticket = random.next() * REGIONS.reduce((sum, r) => sum + r.weight, 0);
  for (const region of REGIONS) if ((ticket -= region.weight) < 0) return region;
  return REGIONS[0]!;
};

/** Letters only, transliterated: "Müller" → "mueller", "de Vries" → "devries". */
const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[^a-z]/g, '');

/** The fields the generator makes up for everyone, the fixed people included. */
const details = (region: Region, city: City, random: Random) => {
  const street = random.pick(region.streets);
  const number = random.int(1, 240);
  return {
    street: region.numberFirst ? `${number} ${street}` : `${street} ${number}`,
    postalLine: digits(city.line, random),
    owner: random.pick(OWNERS),
    leadSource: random.pick(SOURCES),
    lastActivity: new Date(DEMO_TODAY - random.int(0, 120) * DAY).toISOString().slice(0, 10),
  };
};

/**
 * The demo CRM's contacts: the four `DEMO_PEOPLE` first, then made-up people from a seeded random
 * source, so the same seed always gives the same list. Names, emails and phones are unique; every
 * email is at an `example.*` domain.
 */
export function generateContacts(count = CONTACT_COUNT, seed = 20261130): Contact[] {
  const random = seededRandom(seed);
  const contacts: Contact[] = [];
  const taken = new Set<string>();
  for (const person of DEMO_PEOPLE) {
    const region = REGIONS.find((r) => r.code === person.countryCode)!;
    const city = region.cities.find((c) => c.name === person.city)!;
    const { id, name, title, company, email, phone, country } = person;
    contacts.push({
      id,
      name,
      title,
      company,
      email,
      phone,
      country,
      city: city.name,
      ...details(region, city, random),
    });
    taken.add(name).add(email).add(phone);
  }
  for (let attempts = 0; contacts.length < count; attempts += 1) {
    if (attempts > count * 100)
      throw new Error(`generateContacts: cannot make ${count} unique people`);
    const region = pickRegion(random);
    const given = random.pick(region.first);
    const family = random.pick(region.last);
    const name = region.familyFirst ? `${family} ${given}` : `${given} ${family}`;
    const city = random.pick(region.cities);
    const phone = digits(city.phone, random);
    if (taken.has(name) || taken.has(phone)) continue;
    const local = region.familyFirst
      ? `${slug(family)}.${slug(given)}`
      : `${slug(given)}.${slug(family)}`;
    let email = `${local}@example.${region.tld}`;
    for (let n = 2; taken.has(email); n += 1) email = `${local}${n}@example.${region.tld}`;
    const company = `${random.pick(region.brands)} ${random.pick(region.trades ?? ENGLISH_TRADES)} ${random.pick(region.legal)}`;
    contacts.push({
      id: String(contacts.length + 1),
      name,
      title: random.pick(TITLES),
      company,
      email,
      phone,
      city: city.name,
      country: region.country,
      ...details(region, city, random),
    });
    taken.add(name).add(email).add(phone);
  }
  return contacts;
}
