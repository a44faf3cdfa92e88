// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateContacts } from './contacts';
import { DEMO_PEOPLE } from './demo-people';
import { SummitCrm } from './summit-crm';

const contacts = generateContacts();
const rows = () => screen.queryAllByTestId('contact-row');
const search = () => screen.getByTestId('contact-search') as HTMLInputElement;

const open = (path: string) => {
  history.replaceState(null, '', path);
  return render(<SummitCrm contacts={contacts} />);
};

beforeEach(() => history.replaceState(null, '', '/'));
afterEach(cleanup);

describe('SummitCrm', () => {
  it('lists every contact with a record link, mailto: and tel: links, and the count', () => {
    open('/');
    expect(rows()).toHaveLength(300);
    expect(screen.getByTestId('contact-count').textContent).toBe('300 contacts');
    const anna = within(rows()[0]!);
    expect(anna.getByRole('link', { name: 'Anna Schmidt' }).getAttribute('href')).toBe(
      '/contacts/1',
    );
    expect(anna.getByRole('link', { name: 'anna.schmidt@example.de' }).getAttribute('href')).toBe(
      'mailto:anna.schmidt@example.de',
    );
    expect(anna.getByRole('link', { name: '+49 30 5550101' }).getAttribute('href')).toBe(
      'tel:+49305550101',
    );
    expect(rows()[0]!.textContent).toMatch(/Berlin\s*Germany/);
    expect(document.title).toBe('Contacts · Summit CRM');
  });

  it('filters rows as the search box is typed into, keeping the query in the address', async () => {
    open('/');
    fireEvent.input(search(), { target: { value: 'olivia parker' } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain('Olivia Parker');
    expect(screen.getByTestId('contact-count').textContent).toBe('1 of 300 contacts');
    expect(location.search).toBe('?q=olivia%20parker');
    fireEvent.input(search(), { target: { value: 'nobody-at-all' } });
    await waitFor(() => expect(rows()).toHaveLength(0));
    expect(screen.getByText(/No contacts match/).textContent).toContain('nobody-at-all');
    fireEvent.input(search(), { target: { value: '' } });
    await waitFor(() => expect(rows()).toHaveLength(300));
    expect(location.search).toBe('');
  });

  it('opens a record without a page load when a name is clicked, and back returns to the list', async () => {
    open('/?q=weber');
    expect(search().value).toBe('weber');
    const link = screen.getByRole('link', { name: 'Lukas Weber' });
    expect(fireEvent.click(link)).toBe(false); // default prevented: no page load
    await waitFor(() => expect(screen.getByTestId('contact-record')).toBeTruthy());
    expect(location.pathname).toBe('/contacts/2');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Lukas Weber');
    expect(document.title).toBe('Lukas Weber · Summit CRM');
    history.back();
    await waitFor(() => expect(screen.queryByTestId('contact-record')).toBeNull());
    expect(location.pathname).toBe('/');
    expect(search().value).toBe('weber');
    expect(rows().some((row) => row.textContent?.includes('Lukas Weber'))).toBe(true);
  });

  it.each(DEMO_PEOPLE.map((p) => [p.id, p] as const))(
    'renders a deep link to /contacts/%s with the email and call actions',
    (id, person) => {
      open(`/contacts/${id}`);
      const record = within(screen.getByTestId('contact-record'));
      expect(record.getByRole('heading', { level: 1 }).textContent).toBe(person.name);
      expect(record.getAllByText(person.company)).toHaveLength(2); // header and details
      const email = document.querySelector('[data-action="send-email"]')!;
      expect(email.getAttribute('href')).toBe(`mailto:${person.email}`);
      expect(email.textContent).toBe('Send email');
      const call = document.querySelector('[data-action="call"]')!;
      expect(call.getAttribute('href')).toBe(`tel:${person.e164}`);
      expect(call.textContent).toBe('Call');
      expect(record.getByRole('heading', { name: 'Activity' })).toBeTruthy();
      expect(record.getByText('Lead source')).toBeTruthy();
    },
  );

  it('leaves modified clicks to the browser', () => {
    open('/');
    const link = screen.getByRole('link', { name: 'Anna Schmidt' });
    link.addEventListener('click', (event) => event.preventDefault()); // keep happy-dom in place
    fireEvent.click(link, { ctrlKey: true });
    expect(location.pathname).toBe('/');
    expect(screen.queryByTestId('contact-record')).toBeNull();
  });

  it('says so for an unknown contact or page, with a way back', async () => {
    open('/contacts/99999');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Contact not found');
    fireEvent.click(screen.getByRole('link', { name: 'Back to all contacts' }));
    await waitFor(() => expect(rows()).toHaveLength(300));
    cleanup();
    open('/no/such/page');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Page not found');
  });

  it('inserts contact text as text', () => {
    const hostile = { ...contacts[0]!, name: '<img src=x onerror=alert(1)>', id: 'x' };
    history.replaceState(null, '', '/contacts/x');
    render(<SummitCrm contacts={[hostile]} />);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(hostile.name);
  });
});
