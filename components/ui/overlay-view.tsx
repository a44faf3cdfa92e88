/**
 * The one overlay layer over a CRM page: a badge beside each identifier on screen, the details
 * popover, the action guard's dialog and the "ledger unreachable" notice. Everything shown is
 * text; nothing from the page or the ledger is ever parsed as HTML.
 */
import type { Signal } from '@preact/signals';
import { VERDICT_TEXT, type Verdict } from '../shared/consent-summary';
import { ConsentDetails, detailsIdOf, type ConsentDetailsProps } from './consent-details';
import { GuardDialog, type GuardPrompt } from './guard-dialog';

/** One badge on screen. */
export interface BadgeView {
  id: string;
  key: string;
  /** The identifier as shown to the rep (in the badge's accessible name and the popover). */
  identifier: string;
  top: number;
  left: number;
  verdict: Verdict | 'pending';
  stale: boolean;
  /** The symbol alone (no room for words); the accessible name still says it all. */
  compact: boolean;
}

export interface OverlayState {
  badges: Signal<BadgeView[]>;
  /** The popover open, below its badge at `top` or, when it does not fit, above it, ending at `above`. */
  open: Signal<{ badgeId: string; key: string; top: number; above: number; left: number } | null>;
  guard: Signal<GuardPrompt | null>;
  notice: Signal<string | null>;
  /**
   * Whether the rep put the notice away (it may sit over the CRM's own controls): until the
   * ledger answers again, however the notice's words change meanwhile.
   */
  dismissed: Signal<boolean>;
}

export interface OverlayViewProps {
  state: OverlayState;
  details: (
    key: string,
  ) => Omit<ConsentDetailsProps, 'badgeId' | 'top' | 'above' | 'left' | 'onClose'>;
}

export function OverlayView({ state, details }: OverlayViewProps) {
  const open = state.open.value;
  const guard = state.guard.value;
  return (
    <div class="layer">
      {state.badges.value.map((b) => {
        const text =
          b.verdict === 'pending'
            ? { symbol: '…', short: 'Checking', long: 'Checking consent' }
            : VERDICT_TEXT[b.verdict];
        const expanded = open?.badgeId === b.id;
        return (
          <button
            key={b.id}
            id={b.id}
            type="button"
            class={`badge ${b.verdict}${b.stale ? ' stale' : ''}${b.compact ? ' compact' : ''}`}
            data-key={b.key}
            data-verdict={b.verdict}
            style={{ top: `${b.top}px`, left: `${b.left}px` }}
            aria-haspopup="dialog"
            aria-expanded={expanded}
            aria-controls={expanded ? detailsIdOf(b.id) : undefined}
            aria-label={`${text.long}${b.stale ? ' (saved answer)' : ''}: ${b.identifier}`}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && expanded) state.open.value = null;
            }}
            onClick={(e) => {
              const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
              state.open.value = expanded
                ? null
                : {
                    badgeId: b.id,
                    key: b.key,
                    top: r.bottom + 4,
                    above: r.top - 4,
                    left: Math.max(8, Math.min(r.left, innerWidth - 430)),
                  };
            }}
          >
            <span aria-hidden="true">{text.symbol}</span>
            {!b.compact && <span aria-hidden="true">{text.short}</span>}
          </button>
        );
      })}
      {open && (
        <ConsentDetails
          {...details(open.key)}
          badgeId={open.badgeId}
          top={open.top}
          above={open.above}
          left={open.left}
          onClose={() => {
            state.open.value = null;
          }}
        />
      )}
      {guard && <GuardDialog prompt={guard} />}
      {state.notice.value && !state.dismissed.value && (
        <div class="notice" role="status">
          <span>{state.notice.value}</span>
          <button
            type="button"
            class="dismiss"
            aria-label="Dismiss this notice"
            onClick={() => (state.dismissed.value = true)}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
