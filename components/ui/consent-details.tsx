/** The popover of a badge: each purpose's status, date, policy version and regime, and the warnings. */
import type { LookupResult } from '../../lib/lookup';
import type { PurposeId } from '../../lib/ids';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { purposeLabel, VERDICT_TEXT, type Verdict } from '../shared/consent-summary';

const MARGIN = 8;

/** The id of a badge's popover (its badge's `aria-controls`). */
export const detailsIdOf = (badgeId: string) => `${badgeId}-details`;

export interface ConsentDetailsProps {
  /** The badge it belongs to: a press on it is its own (it toggles), and focus goes back to it. */
  badgeId: string;
  identifier: string;
  verdict: Verdict;
  result: LookupResult | null;
  purposes: PurposeId[];
  stale: boolean;
  fetchedAt: number | null;
  /** Where it goes below its badge. */
  top: number;
  /** Where it ends when it goes above its badge instead. */
  above: number;
  left: number;
  onClose: () => void;
}

const date = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

export function ConsentDetails(p: ConsentDetailsProps) {
  const box = useRef<HTMLDivElement>(null);
  // Opened low in the window, the popover goes above its badge; where neither side has room, on
  // the roomier side, scrolling inside. It never covers its badge, and Close stays in reach.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const below = innerHeight - MARGIN - p.top;
    const aboveRoom = p.above - MARGIN;
    el.style.maxHeight = '';
    const height = el.getBoundingClientRect().height;
    if (height <= below) return;
    if (height <= aboveRoom || aboveRoom > below) {
      el.style.maxHeight = `${aboveRoom}px`;
      el.style.top = `${Math.max(MARGIN, p.above - height)}px`;
    } else el.style.maxHeight = `${below}px`;
  }, [p.top, p.above, p.result, p.purposes]);
  // A non-modal dialog: focus goes into it when it opens; a press outside it (and outside its
  // badge, which toggles it) closes it, leaving focus where the press put it.
  const onClose = useRef(p.onClose);
  onClose.current = p.onClose;
  // At once after it is drawn (not after the next paint): a key or a press right after opening
  // must find focus inside and the listener in place.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    const outside = (e: PointerEvent) => {
      const path = e.composedPath();
      if (!path.includes(el) && !path.some((n) => n instanceof Element && n.id === p.badgeId))
        onClose.current();
    };
    const doc = el.ownerDocument;
    doc.addEventListener('pointerdown', outside, true);
    return () => doc.removeEventListener('pointerdown', outside, true);
  }, [p.badgeId]);
  /** Escape and Close: closed, and focus back on its badge (in the same shadow root). */
  const closeToBadge = () => {
    const root = box.current?.getRootNode() as ShadowRoot | Document | undefined;
    p.onClose();
    root?.getElementById(p.badgeId)?.focus({ preventScroll: true });
  };
  return (
    <div
      ref={box}
      id={detailsIdOf(p.badgeId)}
      class="pop"
      role="dialog"
      tabIndex={-1}
      aria-label={`Consent of ${p.identifier}`}
      style={{ top: `${p.top}px`, left: `${p.left}px` }}
      onKeyDown={(e) => e.key === 'Escape' && closeToBadge()}
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
        <button type="button" class="act" onClick={closeToBadge}>
          Close
        </button>
      </div>
    </div>
  );
}
