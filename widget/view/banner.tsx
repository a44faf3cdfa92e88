import type { ConsentryState } from '../core/consentry';
import type { UiStrings } from '../../lib/ui-strings-en';
import { useFocusTrap } from './use-focus-trap';

/** What the banner can ask the widget to do. */
export interface BannerActions {
  acceptAll(): void;
  rejectAll(): void;
  customise(): void;
  doNotSell(): void;
  dismiss(): void;
}

/**
 * The first layer. Opt-in regimes: "Accept all", "Reject all" and "Customise" of equal weight, as
 * a modal dialog until the visitor answers. Opt-out regimes: a notice with "Do Not Sell or Share
 * My Personal Information". When Global Privacy Control applies, the notice says so.
 */
export function Banner({
  state,
  strings,
  actions,
}: {
  state: ConsentryState;
  strings: UiStrings;
  actions: BannerActions;
}) {
  const optIn = state.decision.ui === 'opt_in_banner';
  const ref = useFocusTrap<HTMLDivElement>(optIn, optIn ? () => undefined : actions.dismiss);
  const texts =
    state.setup.config.texts[state.language] ??
    state.setup.config.texts[state.setup.config.defaultLanguage]!;
  const soldOut =
    state.granted.sale_sharing === false &&
    state.setup.config.purposes.some((p) => p.id === 'sale_sharing');
  return (
    <div class={optIn ? 'backdrop' : 'layer'}>
      <div
        ref={ref}
        class="panel"
        role="dialog"
        aria-modal={optIn ? 'true' : undefined}
        aria-labelledby="consentry-title"
        aria-describedby="consentry-description"
      >
        <h2 id="consentry-title">{texts.title}</h2>
        <p id="consentry-description">{texts.description}</p>
        {state.decision.gpcApplied && <p class="notice">{strings.gpcHonoured}</p>}
        {texts.privacyPolicyUrl && (
          <p>
            <a href={texts.privacyPolicyUrl} target="_blank" rel="noopener noreferrer">
              {texts.privacyPolicyUrl}
            </a>
          </p>
        )}
        {optIn ? (
          <div class="actions equal">
            <button type="button" onClick={actions.acceptAll}>
              {strings.acceptAll}
            </button>
            <button type="button" onClick={actions.rejectAll}>
              {strings.rejectAll}
            </button>
            <button type="button" onClick={actions.customise}>
              {strings.customise}
            </button>
          </div>
        ) : (
          <div class="actions">
            {soldOut ? (
              <p class="notice">{strings.optOutDone}</p>
            ) : (
              <button type="button" class="secondary" onClick={actions.doNotSell}>
                {strings.doNotSell}
              </button>
            )}
            <button type="button" class="secondary" onClick={actions.customise}>
              {strings.customise}
            </button>
            <button type="button" class="primary" onClick={actions.dismiss}>
              {strings.close}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
