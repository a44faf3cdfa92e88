import type { ConsentModeState } from '../../lib/consent-mode';

type DataLayerWindow = { dataLayer?: unknown[] };

/** Pushes a gtag command the way Google's snippet does: an Arguments object, not an array. */
function gtag(win: DataLayerWindow, ...args: unknown[]): void {
  (win.dataLayer ??= []).push(argumentsOf(...args));
}

function argumentsOf(..._values: unknown[]): IArguments {
  // eslint-disable-next-line prefer-rest-params -- gtag.js only acts on Arguments objects
  return arguments;
}

/**
 * Google Consent Mode v2: the default state, pushed before any tag runs (the widget's script is
 * meant to be the first on the page), with a short wait for the visitor's stored choice.
 */
export function consentDefault(
  win: DataLayerWindow,
  state: ConsentModeState,
  waitForUpdateMs = 500,
): void {
  gtag(win, 'consent', 'default', { ...state, wait_for_update: waitForUpdateMs });
  gtag(win, 'set', 'ads_data_redaction', state.ad_storage === 'denied');
}

/** Google Consent Mode v2: an update after every change of choice. */
export function consentUpdate(win: DataLayerWindow, state: ConsentModeState): void {
  gtag(win, 'consent', 'update', { ...state });
  gtag(win, 'set', 'ads_data_redaction', state.ad_storage === 'denied');
}
