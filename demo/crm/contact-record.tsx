import { useMemo } from 'preact/hooks';
import { ActivityTimeline } from './activity-timeline';
import { activitiesFor } from './activity-log';
import { Avatar } from './avatar';
import { mailtoHref, telHref } from './contact-links';
import type { Contact } from './contacts';
import { formatDay } from './format-day';
import { Icon } from './icons';

/**
 * A contact's record page: name and company, the "Send email" (`mailto:`) and "Call" (`tel:`)
 * actions, the details and the activity timeline.
 */
export function ContactRecord({ contact: c }: { contact: Contact }) {
  const activities = useMemo(() => activitiesFor(c), [c]);
  const mailto = mailtoHref(c.email);
  const tel = telHref(c.phone);
  return (
    <article class="record" data-testid="contact-record" data-contact-id={c.id}>
      <header class="panel record-head">
        <Avatar name={c.name} large />
        <div class="record-title">
          <h1>{c.name}</h1>
          <p>
            {c.title} at <strong>{c.company}</strong>
          </p>
          <p class="muted">
            {c.city}, {c.country} · Owner: {c.owner}
          </p>
        </div>
        <div class="record-actions">
          <a class="button primary" href={mailto} data-action="send-email">
            <Icon name="email" />
            Send email
          </a>
          <a class="button" href={tel} data-action="call">
            <Icon name="call" />
            Call
          </a>
        </div>
      </header>
      <div class="record-body">
        <section class="panel details" aria-labelledby="details-title">
          <h2 id="details-title">Details</h2>
          <dl>
            <dt>Email</dt>
            <dd>
              <a href={mailto}>{c.email}</a>
            </dd>
            <dt>Phone</dt>
            <dd>
              <a href={tel}>{c.phone}</a>
            </dd>
            <dt>Company</dt>
            <dd>{c.company}</dd>
            <dt>Address</dt>
            <dd>
              <address>
                {c.street}
                <br />
                {c.postalLine}
                <br />
                {c.country}
              </address>
            </dd>
            <dt>Lead source</dt>
            <dd>{c.leadSource}</dd>
            <dt>Last activity</dt>
            <dd>
              <time datetime={c.lastActivity}>{formatDay(c.lastActivity)}</time>
            </dd>
          </dl>
        </section>
        <ActivityTimeline activities={activities} />
      </div>
    </article>
  );
}
