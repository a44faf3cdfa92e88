import { describe, expect, it } from 'vitest';
import { normaliseEmail, normalisePhone } from '../../lib/identifiers';
import { activitiesFor } from './activity-log';
import { searchContacts } from './contact-search';
import { CONTACT_COUNT, DEMO_TODAY, generateContacts } from './contacts';
import { DEMO_PEOPLE } from './demo-people';

const contacts = generateContacts();

describe('generateContacts', () => {
  it('makes about three hundred contacts, the same every time', () => {
    expect(contacts).toHaveLength(CONTACT_COUNT);
    expect(CONTACT_COUNT).toBe(300);
    expect(generateContacts()).toEqual(contacts);
    expect(generateContacts(300, 7).slice(4)).not.toEqual(contacts.slice(4));
  });

  it('puts the four fixed people first, exactly as given', () => {
    expect(contacts.slice(0, 4).map((c) => [c.name, c.email, c.phone, c.city, c.country])).toEqual([
      ['Anna Schmidt', 'anna.schmidt@example.de', '+49 30 5550101', 'Berlin', 'Germany'],
      ['Lukas Weber', 'lukas.weber@example.de', '+49 89 5550102', 'Munich', 'Germany'],
      ['Olivia Parker', 'olivia.parker@example.com', '+1 415 555 0103', 'San Francisco', 'USA'],
      ['Li Wei', 'li.wei@example.cn', '+86 10 5555 0104', 'Beijing', 'China'],
    ]);
    DEMO_PEOPLE.forEach((person, i) => {
      expect(contacts[i]).toMatchObject({
        id: person.id,
        name: person.name,
        email: person.email,
        phone: person.phone,
        company: person.company,
      });
      expect(normalisePhone(person.phone)).toEqual({
        ok: true,
        value: { kind: 'phone', value: person.e164 },
      });
    });
  });

  it('gives everyone a unique id, name, email and phone', () => {
    for (const key of ['id', 'name', 'email', 'phone'] as const) {
      expect(new Set(contacts.map((c) => c[key])).size).toBe(contacts.length);
    }
  });

  it('uses example.* email domains only, all valid and already normalised', () => {
    for (const { email } of contacts) {
      expect(email).toMatch(/^[a-z0-9.]+@example\.[a-z]{2,3}(\.[a-z]{2})?$/);
      expect(normaliseEmail(email)).toEqual({ ok: true, value: { kind: 'email', value: email } });
    }
  });

  it('writes phones in international display form that parse as valid numbers', () => {
    for (const { phone } of contacts) {
      expect(phone).toMatch(/^\+\d{1,3}( \d{1,8})+$/);
      expect(normalisePhone(phone).ok, phone).toBe(true);
    }
  });

  it('spreads people over many countries and keeps activity dates before the demo day', () => {
    expect(new Set(contacts.map((c) => c.country)).size).toBeGreaterThanOrEqual(12);
    for (const c of contacts) {
      expect(Date.parse(c.lastActivity)).toBeLessThanOrEqual(DEMO_TODAY);
      expect(c.company && c.street && c.postalLine && c.owner && c.leadSource).toBeTruthy();
    }
  });
});

describe('activitiesFor', () => {
  it('gives a contact the same timeline every time, newest first, ending on its last activity', () => {
    const anna = contacts[0]!;
    const timeline = activitiesFor(anna);
    expect(activitiesFor({ ...anna })).toEqual(timeline);
    expect(timeline.length).toBeGreaterThanOrEqual(3);
    expect(timeline[0]!.date).toBe(anna.lastActivity);
    const dates = timeline.map((a) => a.date);
    expect([...dates].sort().reverse()).toEqual(dates);
  });
});

describe('searchContacts', () => {
  it('matches words by their start, ignoring case and accents', () => {
    expect(searchContacts(contacts, 'anna SCHMIDT').map((c) => c.id)).toEqual(['1']);
    expect(searchContacts(contacts, 'li.wei@example.cn').map((c) => c.id)).toEqual(['4']);
    expect(searchContacts(contacts, '+49305550101').map((c) => c.id)).toEqual(['1']);
    expect(searchContacts(contacts, '5550101').map((c) => c.id)).toEqual(['1']);
    expect(searchContacts(contacts, 'johanna').every((c) => c.name.startsWith('Johanna'))).toBe(
      true,
    );
    const munich = searchContacts(contacts, 'munich');
    expect(munich.length).toBeGreaterThan(1);
    expect(munich.every((c) => c.city === 'Munich')).toBe(true);
    expect(searchContacts(contacts, 'sao paulo').every((c) => c.city === 'São Paulo')).toBe(true);
    expect(searchContacts(contacts, '  ')).toHaveLength(contacts.length);
    expect(searchContacts(contacts, 'zzzz-nobody')).toEqual([]);
  });
});
