/** First start: a demo site and one key of each scope, printed once. */
import { validateSiteConfig } from '../lib/site-config-rules';
import { generateKey } from './auth/api-keys';
import type { Services } from './context';
import { demoConfig } from './demo/demo-config';
import type { KeyScope } from './storage/storage';

/** The demo site's id. */
export const DEMO_SITE = 'demo-shop';

/** Keys created for the demo, by scope (shown once). */
export type SeededKeys = Record<KeyScope, string>;

/**
 * Seeds the demo site and keys when the store has no site yet; returns the new keys, or null when
 * there was something already.
 */
export async function seedDemo(services: Services, origins: string[]): Promise<SeededKeys | null> {
  const { storage, now } = services;
  if ((await storage.listSites()).length > 0) return null;
  const config = validateSiteConfig(demoConfig());
  if (!config.ok) throw new Error(`demo configuration is invalid: ${JSON.stringify(config.error)}`);
  const at = now();
  await storage.createSite(
    {
      id: DEMO_SITE,
      name: 'Alpine Outfitters (demo)',
      allowedOrigins: origins,
      currentPolicy: config.value.policyVersion,
      createdAt: at,
    },
    {
      siteId: DEMO_SITE,
      version: config.value.policyVersion,
      config: config.value,
      publishedAt: at,
    },
  );
  const keys = {} as SeededKeys;
  for (const scope of ['site', 'reader', 'admin'] as const) {
    const { key, id, hash } = generateKey(scope);
    await storage.insertKey({
      id,
      siteId: scope === 'admin' ? null : DEMO_SITE,
      scope,
      hash,
      label: `demo ${scope} key`,
      createdAt: at,
      revokedAt: null,
    });
    keys[scope] = key;
  }
  return keys;
}
