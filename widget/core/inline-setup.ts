import { validateSiteConfig } from '../../lib/site-config-rules';
import { validStrings, type InlineSetup, type SiteSetup } from './site-source';

/** Validates an inline configuration with lib's rules; the error lists the problems. */
export function inlineSetup(inline: InlineSetup): SiteSetup | Error {
  const parsed = validateSiteConfig(inline.config);
  if (!parsed.ok)
    return new Error(
      `consentry: invalid configuration: ${parsed.error.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  return {
    siteId: inline.siteId,
    regime: inline.regime ?? parsed.value.fallbackRegime,
    config: parsed.value,
    strings: validStrings(inline.strings),
  };
}
