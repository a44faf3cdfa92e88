import { decide } from './decide';
import { PURPOSES, type PurposeId } from './purposes';
import type { RegimeId } from './regimes';
import type { Method } from './schema-parts';
import type { SiteConfig } from './site-config';
import { parseStoredConsent, type StoredConsent, type StoredPurpose } from './stored-consent';

/** What the visitor (or the site, through the API) did. */
export type ConsentAction =
  | { type: 'accept_all' }
  | { type: 'reject_all' }
  | { type: 'save'; choices: Partial<Record<PurposeId, boolean>> }
  | { type: 'api'; choices: Partial<Record<PurposeId, boolean>> }
  | { type: 'withdraw'; purposes?: readonly PurposeId[] }
  | { type: 'gpc' };

/** Inputs of applyChoice: the same facts decide takes, plus the action and the visitor id. */
export interface ApplyChoiceInput {
  regime: RegimeId;
  config: SiteConfig;
  stored: unknown;
  gpc: boolean;
  now: number;
  /** Used when the device has no valid record yet. */
  visitorId: string;
  action: ConsentAction;
}

/** The new device record, and the per-purpose choices to send to the ledger. */
export interface AppliedChoice {
  record: StoredConsent;
  method: Method;
  choices: Partial<Record<PurposeId, boolean>>;
}

const METHOD: Record<ConsentAction['type'], Method> = {
  accept_all: 'accept_all',
  reject_all: 'reject_all',
  save: 'save',
  api: 'api',
  withdraw: 'withdrawal',
  gpc: 'gpc',
};

const PARTIAL: ReadonlySet<ConsentAction['type']> = new Set(['withdraw', 'gpc', 'api']);

/**
 * Applies a visitor's action to their consent record, purely. "Accept all" never grants a purpose
 * that needs separate consent, nor one Global Privacy Control opts out of; those take an explicit
 * per-purpose choice.
 */
export function applyChoice(input: ApplyChoiceInput): AppliedChoice {
  const { config, gpc, now, action } = input;
  const current = decide(input);
  const regime = current.regime;
  const previous = parseStoredConsent(input.stored);
  const inForce = current.reason === 'valid' || current.reason === 'new_purposes';
  const method = METHOD[action.type];

  /** The new choice for a purpose, or undefined when this action leaves it alone. */
  const wanted = (id: PurposeId): boolean | undefined => {
    switch (action.type) {
      case 'accept_all':
        return regime.separateConsent.includes(id) || (gpc && regime.gpc.optsOut.includes(id))
          ? undefined
          : true;
      case 'reject_all':
        return false;
      case 'save':
      case 'api':
        return action.choices[id];
      case 'withdraw':
        return !action.purposes || action.purposes.includes(id) ? false : undefined;
      case 'gpc':
        return regime.gpc.optsOut.includes(id) ? false : undefined;
    }
  };

  const purposes: Partial<Record<PurposeId, StoredPurpose>> = {};
  const choices: Partial<Record<PurposeId, boolean>> = {};
  for (const { id } of config.purposes) {
    if (!PURPOSES[id].optional) continue;
    const granted = wanted(id);
    if (granted === undefined) {
      // Untouched: keep what is in force, or record the effective choice the visitor saw.
      const kept = inForce ? previous?.purposes[id] : undefined;
      purposes[id] = kept ?? {
        granted: current.choices[id]?.granted ?? false,
        method,
        at: now,
        gpc,
      };
    } else {
      purposes[id] = { granted, method, at: now, gpc };
      choices[id] = granted;
    }
  }
  const record: StoredConsent = {
    v: 1,
    id: previous?.id ?? input.visitorId,
    policyVersion: config.policyVersion,
    regime: regime.id,
    // Only an answer to the notice as a whole restarts the lifetime; withdrawing one purpose does not.
    decidedAt: inForce && previous && PARTIAL.has(action.type) ? previous.decidedAt : now,
    purposes,
  };
  return { record, method, choices };
}
