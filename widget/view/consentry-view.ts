import type { ConsentryApi } from '../create-consentry';
import type { ConsentryState } from '../core/consentry';
import { EN_STRINGS, RTL } from '../../lib/ui-strings-en';
import { banner, isOptIn } from './banner';
import { h, patch } from './dom';
import { trapFocus } from './focus-trap';
import { preferences, type Draft } from './preferences';

type Layer = 'banner' | 'preferences' | 'none';

/**
 * The whole visible widget, rendered into `root`: the banner when the decision asks for it, the
 * preferences layer on demand, and a small persistent button to reopen the preferences, so
 * withdrawing is as easy as consenting. Renders again on every change of state or layer.
 */
export function startView(api: ConsentryApi, root: ShadowRoot, initial: ConsentryState): void {
  let state = initial;
  let layer: Layer = initial.decision.prompt ? 'banner' : 'none';
  /** The preferences' switches (from the effective choices each time the layer opens). */
  let draft: Draft = {};
  let saved = false;
  /** The reopen button is gone while a dialog is open; when it closes, focus goes back to it. */
  let backToReopen = false;
  /** The modal dialog that holds focus now, and how to let it go. */
  let trap: { dialog: Element; release: () => void } | null = null;

  const show = (next: Layer) => {
    if (next === 'preferences' && layer !== 'preferences') {
      draft = { ...state.granted };
      saved = false;
    }
    layer = next;
    render();
  };
  /** Closes the banner, then acts (the action records in the background). */
  const closeThen = (action: () => Promise<void>) => {
    show('none');
    void action();
  };
  const closePreferences = () => show(state.decision.prompt && isOptIn(state) ? 'banner' : 'none');

  /** Set while drawing: a render asked for meanwhile (a page's focus handler calling the API) waits. */
  let drawing = false;
  let again = false;
  function render() {
    if (drawing) return void (again = true);
    drawing = true;
    try {
      do {
        again = false;
        draw();
      } while (again);
    } finally {
      drawing = false;
    }
  }

  function draw() {
    const strings = state.setup.strings[state.language] ?? EN_STRINGS;
    patch(root, [
      h(
        'div',
        {
          lang: state.language,
          dir: RTL.has(state.language.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr',
        },
        layer === 'banner' &&
          banner(state, strings, {
            acceptAll: () => closeThen(api.acceptAll),
            rejectAll: () => closeThen(api.rejectAll),
            customise: () => show('preferences'),
            doNotSell: () => void api.save({ sale_sharing: false, advertising: false }),
            dismiss: () => show('none'),
          }),
        layer === 'preferences' &&
          preferences({
            state,
            strings,
            draft,
            saved,
            onToggle: (purpose, on) => {
              draft = { ...draft, [purpose]: on };
              render();
            },
            onSave: () => {
              saved = true;
              void api.save(draft);
              render();
            },
            onClose: closePreferences,
          }),
        layer === 'none' &&
          h(
            'button',
            {
              type: 'button',
              class: 'reopen',
              onClick: () => {
                backToReopen = true;
                show('preferences');
              },
            },
            strings.reopen,
          ),
      ),
    ]);
    // The opt-in banner and the preferences are modal: focus stays inside while they are open.
    const dialog =
      layer === 'preferences' || (layer === 'banner' && isOptIn(state))
        ? root.querySelector<HTMLElement>('[role="dialog"]')
        : null;
    if (trap?.dialog !== dialog) {
      trap?.release();
      trap = dialog && {
        dialog,
        release: trapFocus(dialog, () =>
          layer === 'preferences' ? closePreferences() : undefined,
        ),
      };
    }
    if (layer === 'none' && backToReopen) {
      backToReopen = false;
      root.querySelector<HTMLElement>('.reopen')?.focus();
    }
  }

  api.subscribe((next) => {
    state = next;
    render();
  });
  api.ui = {
    showBanner: () => show('banner'),
    showPreferences: () => show('preferences'),
  };
  render();
}
