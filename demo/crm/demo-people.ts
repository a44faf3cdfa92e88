/** A person every demo run has, at the top of Summit CRM's contact list. */
export interface DemoPerson {
  /** The record's id: its page is `/contacts/<id>`. */
  id: string;
  name: string;
  email: string;
  /** As the CRM displays it (international form with spaces). */
  phone: string;
  /** The same number in E.164, as a `tel:` link carries it. */
  e164: string;
  city: string;
  country: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  company: string;
  title: string;
}

/** The four fixed people, first in the list, in this order, for tests and demos to rely on. */
export const DEMO_PEOPLE = [
  {
    id: '1',
    name: 'Anna Schmidt',
    email: 'anna.schmidt@example.de',
    phone: '+49 30 5550101',
    e164: '+49305550101',
    city: 'Berlin',
    country: 'Germany',
    countryCode: 'DE',
    company: 'Nordlicht Software GmbH',
    title: 'Head of Marketing',
  },
  {
    id: '2',
    name: 'Lukas Weber',
    email: 'lukas.weber@example.de',
    phone: '+49 89 5550102',
    e164: '+49895550102',
    city: 'Munich',
    country: 'Germany',
    countryCode: 'DE',
    company: 'Isar Maschinenbau AG',
    title: 'Purchasing Manager',
  },
  {
    id: '3',
    name: 'Olivia Parker',
    email: 'olivia.parker@example.com',
    phone: '+1 415 555 0103',
    e164: '+14155550103',
    city: 'San Francisco',
    country: 'USA',
    countryCode: 'US',
    company: 'Redwood Analytics Inc.',
    title: 'VP Sales',
  },
  {
    id: '4',
    name: 'Li Wei',
    email: 'li.wei@example.cn',
    phone: '+86 10 5555 0104',
    e164: '+861055550104',
    city: 'Beijing',
    country: 'China',
    countryCode: 'CN',
    company: 'Jade River Trading Co., Ltd.',
    title: 'Operations Director',
  },
] as const satisfies readonly DemoPerson[];
