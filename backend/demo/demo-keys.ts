/**
 * The demo's public site key (for the shop page) and reader key (for the pre-configured
 * extension), kept in `<dataDir>/demo-keys.json` (mode 0600) so every demo start can use them:
 * keys are otherwise stored only hashed. The admin key is never kept; it is shown once.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { generateKey, hashKey } from '../auth/api-keys';
import type { Services } from '../context';
import { DEMO_SITE } from '../seed';
import type { KeyScope } from '../storage/storage';

/** The keys the demo apps use. */
export interface DemoKeys {
  site: string;
  reader: string;
}

const DemoKeysSchema = v.strictObject({ site: v.string(), reader: v.string() });

const fileOf = (services: Services) => join(services.config.dataDir, 'demo-keys.json');

const save = (services: Services, keys: DemoKeys) =>
  writeFileSync(fileOf(services), `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });

async function usable(services: Services, key: string, scope: KeyScope): Promise<boolean> {
  const row = await services.storage.findKeyByHash(hashKey(key));
  return !!row && row.scope === scope && row.revokedAt === null && row.siteId === DEMO_SITE;
}

/**
 * The demo keys: the ones just seeded, else the saved ones while they still work, else new ones
 * for the demo site (saved for next time). Null when there is no demo site.
 */
export async function demoKeys(
  services: Services,
  seeded: DemoKeys | null,
): Promise<DemoKeys | null> {
  if (seeded) {
    // Only these two: the seeded keys include the admin key, which is never written down.
    const keys = { site: seeded.site, reader: seeded.reader };
    save(services, keys);
    return keys;
  }
  const { storage, now } = services;
  if (!(await storage.listSites()).some((s) => s.id === DEMO_SITE)) return null;
  let saved: DemoKeys | null = null;
  try {
    if (existsSync(fileOf(services))) {
      const parsed = v.safeParse(
        DemoKeysSchema,
        JSON.parse(readFileSync(fileOf(services), 'utf8')),
      );
      if (parsed.success) saved = parsed.output;
    }
  } catch {
    // A damaged file: new keys replace it.
  }
  const keys = { ...saved } as Partial<DemoKeys>;
  for (const scope of ['site', 'reader'] as const) {
    if (keys[scope] && (await usable(services, keys[scope], scope))) continue;
    const { key, id, hash } = generateKey(scope);
    await storage.insertKey({
      id,
      siteId: DEMO_SITE,
      scope,
      hash,
      label: `demo ${scope} key`,
      createdAt: now(),
      revokedAt: null,
    });
    keys[scope] = key;
  }
  const result = keys as DemoKeys;
  if (result.site !== saved?.site || result.reader !== saved?.reader) save(services, result);
  return result;
}
