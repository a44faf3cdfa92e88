import { useEffect, useMemo } from 'preact/hooks';
import { AppLink } from './app-link';
import { ContactList } from './contact-list';
import { ContactRecord } from './contact-record';
import type { Contact } from './contacts';
import { CrmLayout, type Crumb } from './crm-layout';
import { useLocation, useScrollRestoration } from './router';

const RECORD = /^\/contacts\/([^/]+)\/?$/;

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** Summit CRM, the demo web CRM: `/` lists the contacts, `/contacts/<id>` shows one. */
export function SummitCrm({ contacts }: { contacts: Contact[] }) {
  const { path, search } = useLocation();
  useScrollRestoration(path);
  const byId = useMemo(() => new Map(contacts.map((c) => [c.id, c])), [contacts]);
  const id = RECORD.exec(path)?.[1];
  const contact = id === undefined ? undefined : byId.get(decode(id));
  const home: Crumb = { label: 'Contacts', href: '/' };
  let title: string;
  let crumbs: Crumb[];
  let view;
  if (path === '/') {
    title = 'Contacts';
    crumbs = [{ label: 'Contacts' }];
    view = <ContactList contacts={contacts} query={new URLSearchParams(search).get('q') ?? ''} />;
  } else if (contact) {
    title = contact.name;
    crumbs = [home, { label: contact.name }];
    view = <ContactRecord contact={contact} />;
  } else {
    title = id === undefined ? 'Page not found' : 'Contact not found';
    crumbs = [home, { label: title }];
    view = (
      <section class="panel empty-state">
        <h1>{title}</h1>
        <p>There is nothing at this address in the demo workspace.</p>
        <AppLink href="/">Back to all contacts</AppLink>
      </section>
    );
  }
  useEffect(() => {
    document.title = `${title} · Summit CRM`;
  }, [title]);
  return <CrmLayout crumbs={crumbs}>{view}</CrmLayout>;
}
