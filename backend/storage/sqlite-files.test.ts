/**
 * The database files hold sealed personal data, identifier refs and hashed keys: a new data
 * folder, database, WAL, shared-memory file and backup are readable by their owner only.
 */
import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Storage } from './storage';
import { openSqlite } from './sqlite';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('SQLite files', () => {
  const open: Storage[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });

  it('creates the data folder, the database and its WAL files owner-only', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'consentry-files-')), 'data');
    const path = join(folder, 'consentry.sqlite');
    const storage = openSqlite({ path });
    open.push(storage);
    await storage.createSite(
      { id: 'files-shop', name: 'Files', allowedOrigins: [], currentPolicy: 'v1', createdAt: 0 },
      { siteId: 'files-shop', version: 'v1', config: {} as never, publishedAt: 0 },
    );
    expect(modeOf(folder)).toBe(0o700);
    for (const file of ['consentry.sqlite', 'consentry.sqlite-wal', 'consentry.sqlite-shm'])
      expect(modeOf(join(folder, file)), file).toBe(0o600);
    expect((await storage.listSites()).map((s) => s.id)).toEqual(['files-shop']);
  });

  it('writes a backup owner-only, in a folder it makes owner-only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'consentry-files-'));
    const storage = openSqlite({ path: join(dir, 'consentry.sqlite') });
    open.push(storage);
    const out = join(dir, 'backups', 'copy.sqlite');
    await storage.backup(out);
    expect(modeOf(join(dir, 'backups'))).toBe(0o700);
    expect(modeOf(out)).toBe(0o600);
    const copy = openSqlite({ path: out });
    open.push(copy);
    expect(await copy.listSites()).toEqual([]);
    // Over an older file readable by all: the new backup is owner-only all the same.
    const older = join(dir, 'older.sqlite');
    await storage.backup(older);
    chmodSync(older, 0o644);
    await storage.backup(older);
    expect(modeOf(older)).toBe(0o600);
  });

  it('leaves the permissions of an existing database as the operator set them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'consentry-files-'));
    const path = join(dir, 'consentry.sqlite');
    writeFileSync(path, '', { mode: 0o640 });
    open.push(openSqlite({ path }));
    expect(modeOf(path)).toBe(0o640);
  });
});
