import { useMemo } from 'preact/hooks';
import { AppLink } from './app-link';
import { Avatar } from './avatar';
import { mailtoHref, telHref } from './contact-links';
import { searchContacts } from './contact-search';
import type { Contact } from './contacts';
import { Icon } from './icons';
import { navigate } from './router';

/**
 * The contact list: a search box (its text lives in the address as `?q=`, so back and reload keep
 * it), the count, and a table whose names open the record, emails are `mailto:` links and phones
 * `tel:` links.
 */
export function ContactList({ contacts, query }: { contacts: Contact[]; query: string }) {
  const rows = useMemo(() => searchContacts(contacts, query), [contacts, query]);
  const onInput = (event: Event) => {
    const q = (event.currentTarget as HTMLInputElement).value;
    navigate(q ? `/?q=${encodeURIComponent(q)}` : '/', { replace: true });
  };
  const count =
    rows.length === contacts.length
      ? `${contacts.length} contacts`
      : `${rows.length} of ${contacts.length} contacts`;
  return (
    <section class="panel list-panel">
      <div class="panel-head">
        <div>
          <h1>Contacts</h1>
          <p class="count" data-testid="contact-count" aria-live="polite">
            {count}
          </p>
        </div>
        <label class="search">
          <Icon name="search" />
          <input
            type="search"
            name="q"
            value={query}
            onInput={onInput}
            placeholder="Search name, company, email, city…"
            aria-label="Search contacts"
            autocomplete="off"
            data-testid="contact-search"
          />
        </label>
      </div>
      <div class="table-scroll">
        <table class="contacts-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Company</th>
              <th scope="col">Email</th>
              <th scope="col">Phone</th>
              <th scope="col">City</th>
              <th scope="col">Owner</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-testid="contact-row" data-contact-id={c.id}>
                <td>
                  <div class="person">
                    <Avatar name={c.name} />
                    <div>
                      <AppLink href={`/contacts/${c.id}`} class="person-name">
                        {c.name}
                      </AppLink>
                      <span class="person-title">{c.title}</span>
                    </div>
                  </div>
                </td>
                <td class="company-cell">{c.company}</td>
                <td class="nowrap">
                  <a href={mailtoHref(c.email)}>{c.email}</a>
                </td>
                <td class="nowrap">
                  <a href={telHref(c.phone)}>{c.phone}</a>
                </td>
                <td class="nowrap">
                  {c.city}
                  <span class="place">{c.country}</span>
                </td>
                <td class="nowrap">{c.owner}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p class="empty">No contacts match “{query}”.</p>}
      </div>
    </section>
  );
}
