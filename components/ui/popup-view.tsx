/** The popup: who was found on the current tab and who lacks consent, with a refresh and a link to the options. */
import { VERDICT_TEXT, type Verdict } from '../shared/consent-summary';
import type { SummaryReply } from '../shared/messages';

export interface PopupViewProps {
  summary: SummaryReply | null;
  error: string | null;
  busy: boolean;
  onRefresh: () => void;
  onOptions: () => void;
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
          <p data-testid="popup-count">
            {summary.people.length === 1 ? '1 person' : `${summary.people.length} people`} found on
            this page ({summary.crm}); {lacking.length} without consent for your purposes.
          </p>
          {checking > 0 && (
            <p data-testid="popup-checking">
              {checking === 1 ? '1 person is' : `${checking} people are`} still being checked:
              refresh in a moment.
            </p>
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
