import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsentryApi } from '../create-consentry';
import type { ConsentryState } from '../core/consentry';
import { EN_STRINGS, RTL } from '../../lib/ui-strings-en';
import { Banner } from './banner';
import { Preferences } from './preferences';

type Layer = 'banner' | 'preferences' | 'none';

/**
 * The whole visible widget: the banner when the decision asks for it, the preferences layer on
 * demand, and a small persistent button to reopen the preferences, so withdrawing is as easy as
 * consenting.
 */
export function ConsentryView({ api, initial }: { api: ConsentryApi; initial: ConsentryState }) {
  const [state, setState] = useState(initial);
  const [layer, setLayer] = useState<Layer>(initial.decision.prompt ? 'banner' : 'none');
  useEffect(() => api.subscribe(setState), [api]);
  useEffect(() => {
    api.ui = {
      showBanner: () => setLayer('banner'),
      showPreferences: () => setLayer('preferences'),
    };
  }, [api]);
  const reopen = useRef<HTMLButtonElement>(null);
  const [backToReopen, setBackToReopen] = useState(false);
  // The reopen button is gone while a dialog is open; when it closes, focus goes back to it.
  useEffect(() => {
    if (layer === 'none' && backToReopen) {
      reopen.current?.focus();
      setBackToReopen(false);
    }
  }, [layer, backToReopen]);
  const strings = state.setup.strings[state.language] ?? EN_STRINGS;
  /** Closes the banner, then acts (the action records in the background). */
  const closeThen = (action: () => Promise<void>) => {
    setLayer('none');
    void action();
  };
  return (
    <div
      lang={state.language}
      dir={RTL.has(state.language.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr'}
    >
      {layer === 'banner' && (
        <Banner
          state={state}
          strings={strings}
          actions={{
            acceptAll: () => closeThen(api.acceptAll),
            rejectAll: () => closeThen(api.rejectAll),
            customise: () => setLayer('preferences'),
            doNotSell: () => void api.save({ sale_sharing: false, advertising: false }),
            dismiss: () => setLayer('none'),
          }}
        />
      )}
      {layer === 'preferences' && (
        <Preferences
          state={state}
          strings={strings}
          onSave={(choices) => void api.save(choices)}
          onClose={() =>
            setLayer(
              state.decision.prompt && state.decision.ui === 'opt_in_banner' ? 'banner' : 'none',
            )
          }
        />
      )}
      {layer === 'none' && (
        <button
          ref={reopen}
          type="button"
          class="reopen"
          onClick={() => {
            setBackToReopen(true);
            setLayer('preferences');
          }}
        >
          {strings.reopen}
        </button>
      )}
    </div>
  );
}
