/** The part of the widget's `window.consentry` API the demo page uses. */
export interface WidgetApi {
  ready: Promise<void>;
  /** Null when the widget could not start (no ledger, bad key). */
  state(): unknown;
  identify(identity: { email?: string; phone?: string }): Promise<boolean>;
  setPurposes(choices: Record<string, boolean>): Promise<void>;
  showPreferences(): void;
}

const current = (win: Window): WidgetApi | null =>
  (win as unknown as { consentry?: WidgetApi }).consentry ?? null;

/**
 * The widget's API once its async script tag has run, or null when it failed to load (or took
 * longer than `timeoutMs`). Resolves at once when the widget is already there.
 */
export function whenWidget(win: Window = window, timeoutMs = 10_000): Promise<WidgetApi | null> {
  const api = current(win);
  const tag = win.document.querySelector('script[data-site]');
  // An async script always runs before the window's load event, so after it there is no waiting.
  if (api || !tag || win.document.readyState === 'complete') return Promise.resolve(api);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      tag.removeEventListener('load', done);
      tag.removeEventListener('error', done);
      win.removeEventListener('load', done);
      resolve(current(win));
    };
    const timer = setTimeout(done, timeoutMs);
    tag.addEventListener('load', done);
    tag.addEventListener('error', done);
    win.addEventListener('load', done);
  });
}

/** The widget once it is ready and running, or null when it is not available. */
export async function runningWidget(win: Window = window): Promise<WidgetApi | null> {
  const api = await whenWidget(win);
  if (!api) return null;
  await api.ready;
  return api.state() ? api : null;
}
