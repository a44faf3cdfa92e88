/** The popover of a badge: each purpose's status, date, policy version and regime, and the warnings. */
import type { LookupResult } from '../../lib/lookup';
import type { PurposeId } from '../../lib/ids';
import { purposeLabel, VERDICT_TEXT, type Verdict } from '../shared/consent-summary';

export interface ConsentDetailsProps {
  id: string;
  identifier: string;
  verdict: Verdict;
  result: LookupResult | null;
  purposes: PurposeId[];
  stale: boolean;
  fetchedAt: number | null;
  top: number;
  left: number;
  onClose: () => void;
}

const date = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

export function ConsentDetails(p: ConsentDetailsProps) {
  return (
    <div
      id={p.id}
      class="pop"
      role="dialog"
      aria-label={`Consent of ${p.identifier}`}
      style={{ top: `${p.top}px`, left: `${p.left}px` }}
      onKeyDown={(e) => e.key === 'Escape' && p.onClose()}
    >
      <h2>
        {VERDICT_TEXT[p.verdict].symbol} {VERDICT_TEXT[p.verdict].long}
      </h2>
      <div class="muted">{p.identifier}</div>
      {p.result ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Purpose</th>
              <th scope="col">Status</th>
              <th scope="col">Since</th>
              <th scope="col">Policy</th>
              <th scope="col">Regime</th>
            </tr>
          </thead>
          <tbody>
            {p.purposes.map((purpose) => {
              const a = p.result!.purposes[purpose];
              return (
                <tr key={purpose}>
                  <th scope="row">{purposeLabel(purpose)}</th>
                  <td title={a?.reason}>
                    {a ? a.status.replace('_', ' ') : 'not asked by this site'}
                  </td>
                  <td>{date(a?.at ?? null)}</td>
                  <td>{a?.policyVersion ?? '—'}</td>
                  <td>{a?.regime?.toUpperCase() ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p>Not answered yet.</p>
      )}
      {p.result && (
        <p class="muted">
          Identity {p.result.verified ? 'verified' : 'not verified (claimed on the website)'}
        </p>
      )}
      {p.result && p.result.warnings.length > 0 && (
        <ul>
          {p.result.warnings.map((w) => (
            <li key={w.code}>{w.message}</li>
          ))}
        </ul>
      )}
      {p.stale && (
        <p class="muted">
          Saved answer{p.fetchedAt ? ` from ${new Date(p.fetchedAt).toLocaleString()}` : ''}: the
          ledger could not be asked.
        </p>
      )}
      <div class="row">
        <button type="button" class="act" onClick={p.onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
