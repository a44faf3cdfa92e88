import type { Activity } from './activity-log';
import { formatDay } from './format-day';
import { Icon } from './icons';

/** A contact's activities, newest first, each with its kind, what happened, who and when. */
export function ActivityTimeline({ activities }: { activities: Activity[] }) {
  return (
    <section class="panel timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Activity</h2>
      <ol class="activities">
        {activities.map((a, i) => (
          <li key={i} class={`activity kind-${a.kind}`}>
            <span class="activity-icon">
              <Icon name={a.kind} />
            </span>
            <div class="activity-body">
              <p class="activity-title">{a.title}</p>
              <p class="activity-detail">{a.detail}</p>
              <p class="activity-meta">
                {a.by} · <time datetime={a.date}>{formatDay(a.date)}</time>
              </p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
