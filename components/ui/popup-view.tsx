/** The popup: who was found on the current tab and who lacks consent, with a refresh and a link to the options. */
import { VERDICT_TEXT, type Verdict } from '../shared/consent-summary';
import { CRM_PRESETS } from '../shared/crm-presets';
import type { SummaryReply } from '../shared/messages';

export interface PopupViewProps {
  summary: SummaryReply | null;
  error: string | null;
  busy: boolean;
  onRefresh: () => void;
  onOptions: () => void;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What was found, as the rep reads it: addresses and numbers (one person may show both, and the
 * page does not say which belong together), and on which CRM when an adapter knew the page.
 */
export function foundText(summary: SummaryReply, lacking: number): string {
  const emails = summary.people.filter((p) => p.key.startsWith('email:')).length;
  const phones = summary.people.length - emails;
  const what = [
    emails ? plural(emails, 'email address', 'email addresses') : '',
    phones ? plural(phones, 'phone number', 'phone numbers') : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const crm = (CRM_PRESETS as Record<string, { label: string } | undefined>)[summary.crm]?.label;
  const where = crm ? `this ${crm} page` : 'this page';
  if (!what) return `No email address or phone number found on ${where}.`;
  return `${what} found on ${where}; ${lacking} without consent for your purposes.`;
}

export function PopupView({ summary, error, busy, onRefresh, onOptions }: PopupViewProps) {
  const lacking =
    summary?.people.filter((p) => p.verdict !== 'granted' && p.verdict !== 'pending') ?? [];
  const checking = summary?.people.filter((p) => p.verdict === 'pending').length ?? 0;
  return (
    <main class="popup">
      <h1>Consentry</h1>
      {error && <p role="alert">{error}</p>}
      {summary && (
        <>
          <p data-testid="popup-count">{foundText(summary, lacking.length)}</p>
          {checking > 0 && (
            <p data-testid="popup-checking">{checking} still being checked: refresh in a moment.</p>
          )}
          {summary.notice && <p class="notice">{summary.notice}</p>}
          {lacking.length > 0 && (
            <ul data-testid="popup-lacking">
              {lacking.map((p) => (
                <li key={p.key}>
                  <span class={`tag ${p.verdict}`}>
                    {VERDICT_TEXT[p.verdict as Verdict].symbol}{' '}
                    {VERDICT_TEXT[p.verdict as Verdict].short}
                  </span>{' '}
                  {p.key.slice(p.key.indexOf(':') + 1)}
                  {p.stale ? ' (saved answer)' : ''}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <div class="row">
        <button type="button" onClick={onRefresh} disabled={busy}>
          {busy ? 'Refreshing…' : 'Refresh'}
        </button>
        <button type="button" onClick={onOptions}>
          Options
        </button>
      </div>
    </main>
  );
}
