import type { Contact } from './contacts';
import { seedOf, seededRandom } from './prng';

/** One entry of a contact's activity timeline. */
export interface Activity {
  kind: 'email' | 'call' | 'meeting' | 'note' | 'deal';
  title: string;
  detail: string;
  /** YYYY-MM-DD */
  date: string;
  by: string;
}

type Template = (c: Contact) => Omit<Activity, 'date' | 'by'>;

const TEMPLATES: readonly Template[] = [
  (c) => ({
    kind: 'email',
    title: 'Email sent: pricing for the annual plan',
    detail: `Quote for ${c.company} with volume discount attached.`,
  }),
  () => ({
    kind: 'email',
    title: 'Email received: question about onboarding',
    detail: 'Asked whether training for the whole team is included.',
  }),
  () => ({
    kind: 'call',
    title: 'Discovery call, 25 minutes',
    detail: 'Current tool is a spreadsheet; main pain is duplicate records.',
  }),
  (c) => ({
    kind: 'call',
    title: 'Follow-up call',
    detail: `Reached ${c.name.split(' ')[0]} on the second try; wants a proposal by month end.`,
  }),
  (c) => ({
    kind: 'meeting',
    title: 'Product demo',
    detail: `Demo for four people at ${c.company}; strong interest in reporting.`,
  }),
  () => ({
    kind: 'meeting',
    title: 'Quarterly business review',
    detail: 'Reviewed usage and renewal; no open issues.',
  }),
  () => ({
    kind: 'note',
    title: 'Note',
    detail: 'Prefers to be contacted in the morning. Budget decided in Q1.',
  }),
  (c) => ({
    kind: 'note',
    title: 'Note',
    detail: `Met at the trade show booth; ${c.city} office is expanding.`,
  }),
  () => ({
    kind: 'deal',
    title: 'Deal moved to Negotiation',
    detail: 'Summit Pro rollout, 40 seats.',
  }),
  () => ({
    kind: 'deal',
    title: 'Deal created',
    detail: 'Summit Starter, 10 seats, expected close in six weeks.',
  }),
];

const DAY = 86_400_000;

/**
 * A contact's activity timeline, newest first, the same every time for the same contact: it
 * starts on the contact's last-activity day and goes back a few weeks.
 */
export function activitiesFor(contact: Contact): Activity[] {
  const random = seededRandom(seedOf(contact.id));
  let day = Date.parse(`${contact.lastActivity}T00:00:00Z`);
  const count = random.int(3, 6);
  const activities: Activity[] = [];
  const unused = [...TEMPLATES]; // no entry twice on one timeline
  for (let i = 0; i < count; i += 1) {
    const by = random.next() < 0.75 ? contact.owner : 'Jonas Keller';
    activities.push({
      ...unused.splice(random.int(0, unused.length - 1), 1)[0]!(contact),
      date: new Date(day).toISOString().slice(0, 10),
      by,
    });
    day -= random.int(2, 21) * DAY;
  }
  return activities;
}
