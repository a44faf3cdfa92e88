import type { ConsentryState } from '../core/consentry';
import type { UiStrings } from '../../lib/ui-strings-en';
import { button, h, type VNode } from './dom';

/** What the banner can ask the widget to do. */
export interface BannerActions {
  acceptAll(): void;
  rejectAll(): void;
  customise(): void;
  doNotSell(): void;
  dismiss(): void;
}

/** Whether the banner is the opt-in modal (focus trapped) rather than the opt-out notice. */
export const isOptIn = (state: ConsentryState): boolean => state.decision.ui === 'opt_in_banner';

/**
 * The first layer. Opt-in regimes: "Accept all", "Reject all" and "Customise" of equal weight, as
 * a modal dialog until the visitor answers. Opt-out regimes: a notice with "Do Not Sell or Share
 * My Personal Information". When Global Privacy Control applies, the notice says so.
 */
export function banner(state: ConsentryState, strings: UiStrings, actions: BannerActions): VNode {
  const optIn = isOptIn(state);
  const config = state.setup.config;
  const texts = config.texts[state.language] ?? config.texts[config.defaultLanguage]!;
  const soldOut =
    state.granted.sale_sharing === false && config.purposes.some((p) => p.id === 'sale_sharing');
  return h(
    'div',
    { class: optIn ? 'backdrop' : 'layer' },
    h(
      'div',
      {
        class: 'panel',
        role: 'dialog',
        'aria-modal': optIn && 'true',
        'aria-labelledby': 'consentry-title',
        'aria-describedby': 'consentry-description',
      },
      h('h2', { id: 'consentry-title' }, texts.title),
      h('p', { id: 'consentry-description' }, texts.description),
      state.decision.gpcApplied && h('p', { class: 'notice' }, strings.gpcHonoured),
      texts.privacyPolicyUrl &&
        h(
          'p',
          null,
          h(
            'a',
            { href: texts.privacyPolicyUrl, target: '_blank', rel: 'noopener noreferrer' },
            texts.privacyPolicyUrl,
          ),
        ),
      optIn
        ? h(
            'div',
            { class: 'actions equal' },
            button(strings.acceptAll, actions.acceptAll),
            button(strings.rejectAll, actions.rejectAll),
            button(strings.customise, actions.customise),
          )
        : h(
            'div',
            { class: 'actions' },
            soldOut
              ? h('p', { class: 'notice' }, strings.optOutDone)
              : button(strings.doNotSell, actions.doNotSell, 'secondary'),
            button(strings.customise, actions.customise, 'secondary'),
            button(strings.close, actions.dismiss, 'primary'),
          ),
    ),
  );
}
