/**
 * The headless widget: decides what this visitor sees, applies their choice at once (gated
 * scripts, Consent Mode, clean-up of withdrawn purposes), remembers it on the device and records
 * every change to the ledger through the outbox. The view (banner, preferences) drives it through
 * the same public API a site uses. Never throws into the host page.
 *
 * A closure rather than a class: its private state minifies to local names (it ships to every
 * visitor).
 */
import { applyChoice, type ConsentAction } from '../../lib/apply-choice';
import type { ConsentEvent } from '../../lib/consent-event';
import { consentModeState } from '../../lib/consent-mode';
import { decide, type Decision } from '../../lib/decide';
import { newEventId } from '../../lib/event-id';
import { normaliseEmail } from '../../lib/identifiers';
import { noticeHash } from '../../lib/notice-hash';
import type { PurposeId } from '../../lib/purposes';
import type { Receipt } from '../../lib/receipt';
import type { StoredConsent } from '../../lib/stored-consent';
import { clearDeclared } from './cleanup';
import { consentDefault, consentUpdate } from './consent-mode-bridge';
import type { DeviceStore } from './device-store';
import type { Outbox } from './outbox';
import { activateGated } from './script-gate';
import type { SiteSetup } from './site-source';

/** What the widget knows after start-up. */
export interface ConsentryState {
  siteId: string;
  setup: SiteSetup;
  decision: Decision;
  /** Effective choice per purpose the site uses. */
  granted: Partial<Record<PurposeId, boolean>>;
  gpc: boolean;
  language: string;
  receipt: Receipt | null;
}

/** Who the visitor is, for `identify` (a newsletter form, a sign-up). */
export interface Identity {
  email?: string;
  /** In international form (+49…): the widget does not carry phone metadata; the ledger checks it. */
  phone?: string;
}

/** What the core needs from the page. */
export interface CoreOptions {
  setup: SiteSetup;
  window: Window;
  store: DeviceStore;
  outbox: Pick<Outbox, 'add'> | null;
  language: string;
  now?: () => number;
  nonce?: string;
  /** The boot already pushed a Consent Mode default (everything optional denied). */
  consentModeDefaultPushed?: boolean;
}

/** The headless core, running from `createCore` on. */
export interface ConsentryCore {
  /** The current state. */
  state(): ConsentryState;
  /** Whether a purpose is granted now. */
  granted(purpose: PurposeId): boolean;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (state: ConsentryState) => void): () => void;
  acceptAll(): Promise<void>;
  rejectAll(): Promise<void>;
  /** The visitor's explicit per-purpose choice (the preferences layer's "save"). */
  save(choices: Partial<Record<PurposeId, boolean>>): Promise<void>;
  /** A choice the site makes on the visitor's behalf through the API. */
  setPurposes(choices: Partial<Record<PurposeId, boolean>>): Promise<void>;
  /** Withdraws the given purposes (all optional ones when omitted). */
  withdraw(purposes?: PurposeId[]): Promise<void>;
  /** Records the ledger's receipt for the latest event (the outbox calls this). */
  receiptArrived(receipt: Receipt): void;
  /**
   * Links this device's choices to a person: at once, as a recorded event carrying their current
   * choices; before they decided, with their choice when they make it on this page. False for an
   * identity that is not a valid email or international phone number.
   */
  identify(identity: Identity): Promise<boolean>;
}

const CHANGE_EVENT = 'consentry:change';

type DataLayerWindow = { dataLayer?: unknown[] };

/** Starts the headless core once the setup is known. */
export function createCore(options: CoreOptions): ConsentryCore {
  const { setup, window: win, store, outbox, nonce } = options;
  const config = setup.config;
  const now = options.now ?? Date.now;
  const listeners = new Set<(state: ConsentryState) => void>();
  const gpc = (win.navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  const dataLayerWindow = win as unknown as DataLayerWindow;

  const decideNow = (): Decision =>
    decide({ regime: setup.regime, config, stored: store.read(), gpc, now: now() });

  const decision = decideNow();
  let current: ConsentryState = {
    siteId: setup.siteId,
    setup,
    decision,
    granted: grantedOf(decision),
    gpc,
    language: options.language,
    receipt: null,
  };

  const granted = (purpose: PurposeId) => current.granted[purpose] === true;

  const notify = () => {
    for (const listener of listeners) {
      try {
        listener(current);
      } catch {
        // a subscriber's error is the subscriber's, not the page's
      }
    }
  };

  const modeState = () => consentModeState(current.decision.choices, config.consentMode);

  /** Applies the effective choices: gated elements, Consent Mode, clean-up of what was withdrawn. */
  const apply = (before: Partial<Record<PurposeId, boolean>> | null) => {
    try {
      activateGated(win.document, granted, nonce);
      if (before) {
        consentUpdate(dataLayerWindow, modeState());
        const withdrawn = config.purposes.filter((p) => before[p.id] && !current.granted[p.id]);
        if (withdrawn.length) {
          const services = withdrawn.flatMap((p) => p.services);
          clearDeclared(win.document, {
            cookies: services.flatMap((s) => s.cookies),
            storageKeys: services.flatMap((s) => s.storageKeys),
          });
        }
      }
    } catch {
      // Applying must never break the page; the choice itself is stored and recorded.
    }
    notify();
    if (before)
      win.dispatchEvent(
        new CustomEvent(CHANGE_EVENT, { detail: { granted: { ...current.granted } } }),
      );
  };

  /** An identity given before the visitor decided: it goes with their first recorded choice. */
  let pendingIdentity: ConsentEvent['identifiers'] | null = null;

  const record = async (
    method: ConsentEvent['method'],
    choices: ConsentEvent['choices'],
    identifiers?: ConsentEvent['identifiers'],
  ) => {
    const stored = store.read() as StoredConsent | null;
    const href = win.location.href;
    const { language } = current;
    const event: ConsentEvent = {
      eventId: newEventId(),
      siteId: setup.siteId,
      visitorId: stored?.id ?? newVisitorId(),
      ...(identifiers ? { identifiers } : {}),
      choices,
      regime: current.decision.regime.id,
      method,
      policyVersion: config.policyVersion,
      noticeHash: await noticeHash(config, language),
      language,
      gpc,
      clientTime: new Date(now()).toISOString(),
      pageUrl: /^https?:/i.test(href) ? href.slice(0, 2048) : 'http://localhost/',
    };
    await outbox?.add(event);
  };

  const act = async (action: ConsentAction): Promise<void> => {
    const before = current.granted;
    const applied = applyChoice({
      regime: setup.regime,
      config,
      stored: store.read(),
      gpc,
      now: now(),
      visitorId: newVisitorId(),
      action,
    });
    store.write(applied.record);
    const decision = decideNow();
    current = { ...current, decision, granted: grantedOf(decision) };
    apply(before);
    if (Object.keys(applied.choices).length > 0) {
      const identifiers = pendingIdentity ?? undefined;
      pendingIdentity = null;
      await record(applied.method, applied.choices, identifiers);
    }
  };

  // Consent Mode: the default (unless the page's boot already pushed one before any tag), then
  // the visitor's stored state as an update.
  (options.consentModeDefaultPushed ? consentUpdate : consentDefault)(dataLayerWindow, modeState());
  apply(null);

  return {
    state: () => current,
    granted,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    acceptAll: () => act({ type: 'accept_all' }),
    rejectAll: () => act({ type: 'reject_all' }),
    save: (choices) => act({ type: 'save', choices }),
    setPurposes: (choices) => act({ type: 'api', choices }),
    withdraw: (purposes) => act({ type: 'withdraw', purposes }),
    receiptArrived(receipt) {
      current = { ...current, receipt };
      notify();
    },
    async identify(identity) {
      const identifiers: ConsentEvent['identifiers'] = {};
      if (identity.email !== undefined) {
        const email = normaliseEmail(identity.email);
        if (!email.ok) return false;
        identifiers.email = email.value.value;
      }
      if (identity.phone !== undefined) {
        const phone = identity.phone.replace(/[\s().-]/g, '');
        if (!/^\+[1-9]\d{6,14}$/.test(phone)) return false;
        identifiers.phone = phone;
      }
      if (!identifiers.email && !identifiers.phone) return false;
      const stored = store.read() as StoredConsent | null;
      const entries = stored ? Object.entries(stored.purposes) : [];
      if (!current.decision.expiresAt || entries.length === 0) {
        // Nothing decided yet to link: the identity is recorded with the visitor's choice.
        pendingIdentity = { ...pendingIdentity, ...identifiers };
        return true;
      }
      const choices = Object.fromEntries(entries.map(([p, e]) => [p, e.granted]));
      // The choices are re-recorded as they were made (the latest entry's method), now linked.
      const latest = entries.reduce((a, b) => (b[1].at > a[1].at ? b : a))[1];
      await record(latest.method, choices, identifiers);
      return true;
    },
  };
}

const grantedOf = (decision: Decision): Partial<Record<PurposeId, boolean>> =>
  Object.fromEntries(Object.entries(decision.choices).map(([p, c]) => [p, c!.granted]));

// A visitor id is random (version 4): it is kept for long and should not say when it was made.
const newVisitorId = (): string => globalThis.crypto.randomUUID().replace(/-/g, '');
