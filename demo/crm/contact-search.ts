import type { Contact } from './contacts';

/** Lower case without accents, so "muller" finds "Müller" and "sao paulo" finds "São Paulo". */
export const foldText = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const haystack = (c: Contact): string =>
  foldText(
    [
      c.name,
      c.company,
      c.email,
      c.phone,
      c.phone.replace(/[^\d+]/g, ''),
      c.city,
      c.country,
      c.owner,
    ].join(' '),
  );

/** Whether `word` starts a word of `text`: "anna" finds Anna but not Johanna. */
const startsWord = (text: string, word: string): boolean => {
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
    if (i === 0 || !/[a-z0-9]/.test(text[i - 1]!)) return true;
  }
  return false;
};

/**
 * The contacts where every word of `query` starts a word of their name, company, email, phone,
 * place or owner, as a CRM's quick search does.
 */
export function searchContacts(contacts: readonly Contact[], query: string): Contact[] {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...contacts];
  return contacts.filter((c) => {
    const text = haystack(c);
    return words.every((w) => startsWord(text, w));
  });
}
