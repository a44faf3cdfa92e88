import { canonicalJson } from './canonical-json';
import { sha256Hex } from './digest';
import type { SiteConfig } from './site-config';

/**
 * SHA-256 of exactly what the notice showed in one language: the policy version, the texts and
 * the purposes with their services and recipients. It goes into every consent event as proof.
 */
export const noticeHash = (config: SiteConfig, language: string): Promise<string> =>
  sha256Hex(
    canonicalJson({
      policyVersion: config.policyVersion,
      language,
      texts: config.texts[language] ?? null,
      purposes: config.purposes,
    }),
  );
