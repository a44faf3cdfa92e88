import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashKey } from '../auth/api-keys';
import { ledgersClosedAfterEach } from '../testing';
import { demoKeys } from './demo-keys';

const ledger = ledgersClosedAfterEach();
const fileOf = (dir: string) => join(dir, 'demo-keys.json');

describe('demoKeys', () => {
  it('keeps the keys just seeded, owner-only, and never the admin key', async () => {
    const { services, keys } = await ledger();
    const got = await demoKeys(services, keys);
    expect(got).toEqual({ site: keys.site, reader: keys.reader });
    const file = fileOf(services.config.dataDir);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      site: keys.site,
      reader: keys.reader,
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('gives the saved keys on the next start while they work', async () => {
    const { services, keys } = await ledger();
    await demoKeys(services, { site: keys.site, reader: keys.reader });
    expect(await demoKeys(services, null)).toEqual({ site: keys.site, reader: keys.reader });
  });

  it('replaces a revoked key with a new working one, and saves it', async () => {
    const { services, keys } = await ledger();
    await demoKeys(services, { site: keys.site, reader: keys.reader });
    const row = await services.storage.findKeyByHash(hashKey(keys.reader));
    await services.storage.revokeKey(row!.id, services.now());
    const got = (await demoKeys(services, null))!;
    expect(got.site).toBe(keys.site);
    expect(got.reader).not.toBe(keys.reader);
    expect(await services.storage.findKeyByHash(hashKey(got.reader))).toMatchObject({
      scope: 'reader',
      revokedAt: null,
    });
    expect(JSON.parse(readFileSync(fileOf(services.config.dataDir), 'utf8')).reader).toBe(
      got.reader,
    );
  });

  it('makes new keys when the file is damaged or holds keys of the wrong scope', async () => {
    const { services, keys } = await ledger();
    writeFileSync(fileOf(services.config.dataDir), '{not json');
    const fresh = (await demoKeys(services, null))!;
    expect(fresh.site).toMatch(/^pk_/);
    writeFileSync(
      fileOf(services.config.dataDir),
      JSON.stringify({ site: keys.admin, reader: keys.admin }),
    );
    const again = (await demoKeys(services, null))!;
    expect(again.site).not.toBe(keys.admin);
    expect(again.reader).toMatch(/^rk_/);
  });
});
