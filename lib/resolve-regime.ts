import { REGIMES, type Regime, type RegimeId } from './regimes';
import type { SiteConfig } from './site-config';

/** The regime as this site applies it: its default-regime settings and lifetime override applied. */
export const resolveRegime = (id: RegimeId, config: SiteConfig): Regime => {
  const base = REGIMES[id];
  const custom = id === 'default' ? config.defaultRegime : undefined;
  const model = custom?.model ?? base.model;
  return {
    ...base,
    model,
    rejectAllFirstLayer: base.rejectAllFirstLayer || model === 'opt_in',
    lifetimeDays: custom?.lifetimeDays ?? config.lifetimeDays ?? base.lifetimeDays,
  };
};
