/**
 * The headless widget: decides what this visitor sees, applies their choice at once (gated
 * scripts, Consent Mode, clean-up of withdrawn purposes), remembers it on the device and records
 * every change to the ledger through the outbox. The view (banner, preferences) drives it through
 * the same public API a site uses. Never throws into the host page.
 */
import { applyChoice, type ConsentAction } from '../../lib/apply-choice';
import type { ConsentEvent } from '../../lib/consent-event';
import { consentModeState } from '../../lib/consent-mode';
import { decide, type Decision } from '../../lib/decide';
import { normaliseEmail } from '../../lib/identifiers';
import { noticeHash } from '../../lib/notice-hash';
import { PURPOSES, type PurposeId } from '../../lib/purposes';
import type { Receipt } from '../../lib/receipt';
import type { StoredConsent } from '../../lib/stored-consent';
import { clearDeclared } from './cleanup';
import { consentDefault, consentUpdate } from './consent-mode-bridge';
import type { DeviceStore } from './device-store';
import { Outbox } from './outbox';
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

const CHANGE_EVENT = 'consentry:change';

/** The headless core; `start` runs it once the setup is known. */
export class ConsentryCore {
  private current: ConsentryState;
  private listeners = new Set<(state: ConsentryState) => void>();
  private readonly now: () => number;

  constructor(private readonly options: CoreOptions) {
    this.now = options.now ?? Date.now;
    const gpc =
      (options.window.navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl ===
      true;
    const decision = this.decideNow(gpc);
    this.current = {
      siteId: options.setup.siteId,
      setup: options.setup,
      decision,
      granted: grantedOf(decision),
      gpc,
      language: options.language,
      receipt: null,
    };
    // Consent Mode: the default (unless the page's boot already pushed one before any tag), then
    // the visitor's stored state as an update.
    const state = consentModeState(decision.choices, options.setup.config.consentMode);
    const dataLayerWindow = options.window as unknown as { dataLayer?: unknown[] };
    if (options.consentModeDefaultPushed) consentUpdate(dataLayerWindow, state);
    else consentDefault(dataLayerWindow, state);
    this.apply(null);
  }

  /** The current state. */
  state(): ConsentryState {
    return this.current;
  }

  /** Whether a purpose is granted now. */
  granted(purpose: PurposeId): boolean {
    return this.current.granted[purpose] === true;
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (state: ConsentryState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  acceptAll(): Promise<void> {
    return this.act({ type: 'accept_all' });
  }

  rejectAll(): Promise<void> {
    return this.act({ type: 'reject_all' });
  }

  /** The visitor's explicit per-purpose choice (the preferences layer's "save"). */
  save(choices: Partial<Record<PurposeId, boolean>>): Promise<void> {
    return this.act({ type: 'save', choices });
  }

  /** A choice the site makes on the visitor's behalf through the API. */
  setPurposes(choices: Partial<Record<PurposeId, boolean>>): Promise<void> {
    return this.act({ type: 'api', choices });
  }

  /** Withdraws the given purposes (all optional ones when omitted). */
  withdraw(purposes?: PurposeId[]): Promise<void> {
    return this.act({ type: 'withdraw', purposes });
  }

  /** Records the ledger's receipt for the latest event (the outbox calls this). */
  receiptArrived(receipt: Receipt): void {
    this.current = { ...this.current, receipt };
    this.notify();
  }

  /** Links this device's choices to a person, as a recorded event carrying their current choices. */
  async identify(identity: Identity): Promise<boolean> {
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
    const stored = this.options.store.read() as StoredConsent | null;
    if (!this.current.decision.expiresAt || !stored) return false; // nothing decided yet to link
    const choices = Object.fromEntries(
      Object.entries(stored.purposes).map(([p, e]) => [p, e.granted]),
    );
    await this.record('api', choices, identifiers);
    return true;
  }

  private notify() {
    for (const listener of this.listeners) {
      try {
        listener(this.current);
      } catch {
        // a subscriber's error is the subscriber's, not the page's
      }
    }
  }

  private decideNow(gpc: boolean): Decision {
    const { setup, store } = this.options;
    return decide({
      regime: setup.regime,
      config: setup.config,
      stored: store.read(),
      gpc,
      now: this.now(),
    });
  }

  private async act(action: ConsentAction): Promise<void> {
    const { setup, store } = this.options;
    const before = this.current.granted;
    const applied = applyChoice({
      regime: setup.regime,
      config: setup.config,
      stored: store.read(),
      gpc: this.current.gpc,
      now: this.now(),
      visitorId: newVisitorId(),
      action,
    });
    store.write(applied.record);
    const decision = this.decideNow(this.current.gpc);
    this.current = { ...this.current, decision, granted: grantedOf(decision) };
    this.apply(before);
    if (Object.keys(applied.choices).length > 0) await this.record(applied.method, applied.choices);
  }

  private async record(
    method: ConsentEvent['method'],
    choices: ConsentEvent['choices'],
    identifiers?: ConsentEvent['identifiers'],
  ) {
    const { setup, outbox, window: win } = this.options;
    const stored = this.options.store.read() as StoredConsent | null;
    const href = win.location.href;
    const event: ConsentEvent = {
      eventId: newUuid(),
      siteId: setup.siteId,
      visitorId: stored?.id ?? newVisitorId(),
      ...(identifiers ? { identifiers } : {}),
      choices,
      regime: this.current.decision.regime.id,
      method,
      policyVersion: setup.config.policyVersion,
      noticeHash: await noticeHash(setup.config, this.current.language),
      language: this.current.language,
      gpc: this.current.gpc,
      clientTime: new Date(this.now()).toISOString(),
      pageUrl: /^https?:/i.test(href) ? href.slice(0, 2048) : 'http://localhost/',
    };
    await outbox?.add(event);
  }

  /** Applies the effective choices: gated elements, Consent Mode, clean-up of what was withdrawn. */
  private apply(before: Partial<Record<PurposeId, boolean>> | null) {
    const { window: win, setup, nonce } = this.options;
    try {
      activateGated(win.document, (p) => this.granted(p), nonce);
      if (before) {
        consentUpdate(
          win as unknown as { dataLayer?: unknown[] },
          consentModeState(this.current.decision.choices, setup.config.consentMode),
        );
        const withdrawn = setup.config.purposes.filter(
          (p) => before[p.id] && !this.current.granted[p.id],
        );
        if (withdrawn.length) {
          clearDeclared(win.document, {
            cookies: withdrawn.flatMap((p) => p.services.flatMap((s) => s.cookies)),
            storageKeys: withdrawn.flatMap((p) => p.services.flatMap((s) => s.storageKeys)),
          });
        }
      }
    } catch {
      // Applying must never break the page; the choice itself is stored and recorded.
    }
    this.notify();
    if (before)
      win.dispatchEvent(
        new CustomEvent(CHANGE_EVENT, { detail: { granted: { ...this.current.granted } } }),
      );
  }
}

const grantedOf = (decision: Decision): Partial<Record<PurposeId, boolean>> =>
  Object.fromEntries(Object.entries(decision.choices).map(([p, c]) => [p, c!.granted]));

const newUuid = (): string => globalThis.crypto.randomUUID();

const newVisitorId = (): string => newUuid().replace(/-/g, '');

/** Optional purposes of a setup, in catalogue order (for views). */
export const optionalPurposes = (setup: SiteSetup): PurposeId[] =>
  setup.config.purposes.map((p) => p.id).filter((id) => PURPOSES[id].optional);
