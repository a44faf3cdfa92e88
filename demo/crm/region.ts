/** What the contact generator knows about a country: names, places, phone and address formats. */
export interface Region {
  /** The country's English name, as the CRM shows it. */
  country: string;
  /** ISO 3166-1 alpha-2. */
  code: string;
  /** Email addresses are `…@example.<tld>`. */
  tld: string;
  /** Share of the generated contacts. */
  weight: number;
  /** Family name first, as in "Li Wei". */
  familyFirst?: boolean;
  /** House number before the street, as in "12 High Street". */
  numberFirst?: boolean;
  first: string[];
  last: string[];
  streets: string[];
  cities: City[];
  /** First words of company names ("Nordlicht"). */
  brands: string[];
  /** Second words of company names ("Software"); English trades when omitted. */
  trades?: string[];
  /** Legal forms ("GmbH"). */
  legal: string[];
}

/** A city: its English name, a phone pattern and the postal line of an address (`#` = digit). */
export interface City {
  name: string;
  phone: string;
  line: string;
}

/** Splits a `|`-separated list (names and streets may contain spaces). */
export const list = (text: string): string[] => text.split('|');

/** A city entry. */
export const city = (name: string, phone: string, line: string): City => ({ name, phone, line });

/** Company trades used where a region gives none. */
export const ENGLISH_TRADES = list(
  'Analytics|Logistics|Systems|Labs|Foods|Health|Energy|Capital|Robotics|Media|Software|Outdoor|Retail|Partners|Manufacturing',
);
