/**
 * The ledger's cryptography: envelope encryption, keyed subject references, secrets on disk and
 * the per-subject keyring with crypto-shredding.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Keyring } from '../ledger/keyring';
import { openSqlite } from '../storage/sqlite';
import type { Storage } from '../storage/storage';
import { newDataKey, open, seal } from './envelope';
import { hmacSha256, sha256 } from './hash';
import { loadSecrets, rawPublicKey } from './secrets';
import { subjectRef } from './subject-ref';

const dirs: string[] = [];
const stores: Storage[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.close();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'consentry-crypto-'));
  dirs.push(dir);
  return dir;
};

/** Re-encodes a sealed value with one byte of its payload (IV, ciphertext or tag) flipped. */
const flipPayloadByte = (sealed: string, at: number): string => {
  const [version, payload] = sealed.split('.');
  const bytes = Buffer.from(payload!, 'base64url');
  bytes[at]! ^= 0x01;
  return `${version}.${bytes.toString('base64url')}`;
};

describe('envelope encryption (AES-256-GCM)', () => {
  const key = newDataKey();
  const aad = 'consentry:event:demo-shop:e1:ref';

  it('round-trips text, bytes and the empty string', () => {
    const text = '{"identifiers":{"email":"jane@example.com"}}';
    expect(open(key, seal(key, text, aad), aad)?.toString('utf8')).toBe(text);
    const bytes = randomBytes(100);
    expect(open(key, seal(key, bytes, aad), aad)?.equals(bytes)).toBe(true);
    expect(open(key, seal(key, '', aad), aad)?.length).toBe(0);
  });

  it('uses a fresh IV each time and never shows the plaintext', () => {
    const a = seal(key, 'jane@example.com', aad);
    const b = seal(key, 'jane@example.com', aad);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain('jane');
    expect(Buffer.from(a.slice(3), 'base64url').toString('latin1')).not.toContain('jane');
  });

  it('gives null for a wrong key, a wrong AAD, or any flipped byte', () => {
    const sealed = seal(key, 'secret', aad);
    expect(open(newDataKey(), sealed, aad)).toBeNull();
    expect(open(key, sealed, `${aad}x`)).toBeNull();
    expect(open(key, sealed, '')).toBeNull();
    const length = Buffer.from(sealed.split('.')[1]!, 'base64url').length;
    expect(length).toBe(12 + 6 + 16);
    for (let at = 0; at < length; at++)
      expect(open(key, flipPayloadByte(sealed, at), aad)).toBeNull();
  });

  it('gives null (does not throw) for malformed input', () => {
    const sealed = seal(key, 'secret', aad);
    expect(open(key, sealed.replace(/^v1\./, 'v2.'), aad)).toBeNull();
    expect(open(key, 'v1.', aad)).toBeNull();
    expect(open(key, 'garbage', aad)).toBeNull();
    expect(open(key, `v1.${Buffer.alloc(27).toString('base64url')}`, aad)).toBeNull();
    expect(open(key, sealed.slice(0, -4), aad)).toBeNull();
    expect(open(randomBytes(16), sealed, aad)).toBeNull(); // wrong key length
  });
});

describe('subject references', () => {
  const pepper = randomBytes(32);
  const digest = sha256('jane@example.com');

  it('are HMAC-SHA-256 under the pepper of the site and digest', () => {
    const ref = subjectRef(pepper, 'shop-a', digest);
    expect(ref).toMatch(/^[0-9a-f]{64}$/);
    expect(ref).toBe(hmacSha256(pepper, `shop-a\n${digest}`));
    expect(ref).not.toBe(digest);
    expect(ref).not.toBe(sha256(digest));
  });

  it('are stable, and differ per site, per pepper and per identifier', () => {
    const ref = subjectRef(pepper, 'shop-a', digest);
    expect(subjectRef(Buffer.from(pepper), 'shop-a', digest)).toBe(ref);
    expect(subjectRef(pepper, 'shop-b', digest)).not.toBe(ref);
    expect(subjectRef(randomBytes(32), 'shop-a', digest)).not.toBe(ref);
    expect(subjectRef(pepper, 'shop-a', sha256('john@example.com'))).not.toBe(ref);
  });
});

describe('loadSecrets', () => {
  it('generates owner-only secret files in an owner-only folder on first load', () => {
    const dataDir = tempDir();
    const secrets = loadSecrets(dataDir);
    const folder = join(dataDir, 'secrets');
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    for (const file of ['pepper.key', 'master.key', 'signing-ed25519.pem']) {
      expect(statSync(join(folder, file)).mode & 0o777, file).toBe(0o600);
    }
    expect(secrets.pepper).toHaveLength(32);
    expect(secrets.masterKey).toHaveLength(32);
    expect(secrets.pepper.equals(secrets.masterKey)).toBe(false);
    expect(secrets.signingKey.asymmetricKeyType).toBe('ed25519');
    expect(secrets.keyId).toBe(sha256(rawPublicKey(secrets.publicKey)).slice(0, 16));
    const signature = sign(null, Buffer.from('x'), secrets.signingKey);
    expect(verify(null, Buffer.from('x'), secrets.publicKey, signature)).toBe(true);
  });

  it('tightens a folder that exists with looser permissions', () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'secrets'), { mode: 0o755 });
    loadSecrets(dataDir);
    expect(statSync(join(dataDir, 'secrets')).mode & 0o777).toBe(0o700);
  });

  it('reuses the same secrets on the next load', () => {
    const dataDir = tempDir();
    const first = loadSecrets(dataDir);
    const files = ['pepper.key', 'master.key', 'signing-ed25519.pem'].map((f) =>
      readFileSync(join(dataDir, 'secrets', f), 'utf8'),
    );
    const second = loadSecrets(dataDir);
    expect(second.pepper.equals(first.pepper)).toBe(true);
    expect(second.masterKey.equals(first.masterKey)).toBe(true);
    expect(second.keyId).toBe(first.keyId);
    expect(rawPublicKey(second.publicKey).equals(rawPublicKey(first.publicKey))).toBe(true);
    expect(
      ['pepper.key', 'master.key', 'signing-ed25519.pem'].map((f) =>
        readFileSync(join(dataDir, 'secrets', f), 'utf8'),
      ),
    ).toEqual(files);
    // A fresh folder gets fresh secrets.
    expect(loadSecrets(tempDir()).pepper.equals(first.pepper)).toBe(false);
  });

  it('honours operator overrides (hex or base64) and does not write those to disk', () => {
    const dataDir = tempDir();
    const pepper = randomBytes(32);
    const masterKey = randomBytes(32);
    const secrets = loadSecrets(dataDir, {
      pepper: pepper.toString('hex'),
      masterKey: masterKey.toString('base64'),
    });
    expect(secrets.pepper.equals(pepper)).toBe(true);
    expect(secrets.masterKey.equals(masterKey)).toBe(true);
    expect(existsSync(join(dataDir, 'secrets', 'pepper.key'))).toBe(false);
    expect(existsSync(join(dataDir, 'secrets', 'master.key'))).toBe(false);
    // An override wins over a file already there.
    const generated = loadSecrets(tempDir());
    const withFile = tempDir();
    loadSecrets(withFile);
    const overridden = loadSecrets(withFile, { pepper: generated.pepper.toString('base64') });
    expect(overridden.pepper.equals(generated.pepper)).toBe(true);
    expect(
      overridden.pepper.equals(
        Buffer.from(readFileSync(join(withFile, 'secrets', 'pepper.key'), 'utf8'), 'base64'),
      ),
    ).toBe(false);
  });

  it('honours a signing key override', () => {
    const dataDir = tempDir();
    const pem = readFileSync(join(seededDir(), 'secrets', 'signing-ed25519.pem'), 'utf8');
    const a = loadSecrets(dataDir, { signingKeyPem: pem });
    expect(a.keyId).toBe(loadSecrets(dataDir, { signingKeyPem: pem }).keyId);
    expect(existsSync(join(dataDir, 'secrets', 'signing-ed25519.pem'))).toBe(false);
  });

  it('refuses a 31-byte pepper or master key with a clear message', () => {
    const dataDir = tempDir();
    for (const encoding of ['hex', 'base64'] as const) {
      const short = randomBytes(31).toString(encoding);
      expect(() => loadSecrets(dataDir, { pepper: short })).toThrow(/pepper must be 32 bytes/);
      expect(() => loadSecrets(dataDir, { masterKey: short })).toThrow(
        /master key must be 32 bytes/,
      );
    }
    expect(() => loadSecrets(dataDir, { pepper: randomBytes(33).toString('base64') })).toThrow(
      /32 bytes/,
    );
  });

  it('refuses a pepper file that was truncated', () => {
    const dataDir = tempDir();
    loadSecrets(dataDir);
    writeFileSync(join(dataDir, 'secrets', 'pepper.key'), randomBytes(31).toString('base64'));
    expect(() => loadSecrets(dataDir)).toThrow(/pepper must be 32 bytes/);
  });

  it('refuses a signing key that is not Ed25519', () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => loadSecrets(tempDir(), { signingKeyPem: pem })).toThrow(/Ed25519/);
  });

  function seededDir() {
    const dir = tempDir();
    loadSecrets(dir);
    return dir;
  }
});

describe('the keyring', () => {
  const SITE = 'shop-a';
  const ref = createHash('sha256').update('subject-1').digest('hex');
  const other = createHash('sha256').update('subject-2').digest('hex');

  function setup() {
    const storage = openSqlite({ path: ':memory:' });
    stores.push(storage);
    const masterKey = randomBytes(32);
    return { storage, masterKey, keyring: new Keyring(storage, masterKey) };
  }

  /** Gets keys and stores any new subjects, as the writer does in its transaction. */
  async function keysFor(keyring: Keyring, storage: Storage, refs: string[]) {
    const { keys, created } = await keyring.keysFor(SITE, refs);
    if (created.length) await storage.append([], [], created);
    return { keys, created };
  }

  it('creates a key once and returns the same key across calls', async () => {
    const { storage, keyring } = setup();
    const first = await keysFor(keyring, storage, [ref]);
    expect(first.created).toHaveLength(1);
    expect(first.created[0]).toMatchObject({ siteId: SITE, ref, erasedAt: null });
    const key = first.keys.get(ref)!;
    expect(key).toHaveLength(32);
    // The stored key is wrapped, never the raw key.
    expect(first.created[0]!.wrappedKey).not.toContain(key.toString('base64url'));
    const again = await keysFor(keyring, storage, [ref]);
    expect(again.created).toEqual([]);
    expect(again.keys.get(ref)!.equals(key)).toBe(true);
    const both = await keysFor(keyring, storage, [ref, other, other]);
    expect(both.created.map((c) => c.ref)).toEqual([other]);
    expect(both.keys.get(ref)!.equals(key)).toBe(true);
    expect(both.keys.get(other)!.equals(key)).toBe(false);
  });

  it('unwraps the same key from storage after the cache is forgotten, or in a new keyring', async () => {
    const { storage, keyring, masterKey } = setup();
    const key = (await keysFor(keyring, storage, [ref])).keys.get(ref)!;
    keyring.forget(SITE, ref);
    const unwrapped = await keysFor(keyring, storage, [ref]);
    expect(unwrapped.created).toEqual([]);
    expect(unwrapped.keys.get(ref)!.equals(key)).toBe(true);
    const fresh = new Keyring(storage, masterKey);
    expect((await fresh.keysFor(SITE, [ref])).keys.get(ref)!.equals(key)).toBe(true);
    expect((await fresh.existingKey(SITE, ref))!.equals(key)).toBe(true);
    // The same ref on another site is another subject with another key.
    expect((await keyring.keysFor('shop-b', [ref])).keys.get(ref)!.equals(key)).toBe(false);
  });

  it('refuses to unwrap under another master key instead of silently replacing the key', async () => {
    const { storage, keyring } = setup();
    await keysFor(keyring, storage, [ref]);
    const wrong = new Keyring(storage, randomBytes(32));
    await expect(wrong.keysFor(SITE, [ref])).rejects.toThrow(/master key/);
    expect(await wrong.existingKey(SITE, ref)).toBeNull();
  });

  it('has no key for a subject after shredding, and data sealed under it stays unreadable', async () => {
    const { storage, keyring, masterKey } = setup();
    const key = (await keysFor(keyring, storage, [ref])).keys.get(ref)!;
    const sealed = seal(key, 'jane@example.com', 'aad');
    await keysFor(keyring, storage, [other]);
    expect(await storage.shredSubject(SITE, ref, 1_000)).toBe(true);
    keyring.forget(SITE, ref);
    expect(await keyring.existingKey(SITE, ref)).toBeNull();
    expect(await new Keyring(storage, masterKey).existingKey(SITE, ref)).toBeNull();
    const [row] = await storage.getSubjects(SITE, [ref]);
    expect(row).toMatchObject({ wrappedKey: null, erasedAt: 1_000 });
    // Others are untouched.
    expect(await keyring.existingKey(SITE, other)).not.toBeNull();
    // A new consent after erasure gets a new key: the old data stays unreadable.
    const renewed = await keysFor(keyring, storage, [ref]);
    expect(renewed.created).toHaveLength(1);
    expect(renewed.created[0]!.erasedAt).toBe(1_000);
    const newKey = renewed.keys.get(ref)!;
    expect(newKey.equals(key)).toBe(false);
    expect((await keyring.existingKey(SITE, ref))!.equals(newKey)).toBe(true);
    expect(open(newKey, sealed, 'aad')).toBeNull();
    expect((await storage.getSubjects(SITE, [ref]))[0]!.erasedAt).toBe(1_000);
  });

  it('keeps an existing key when a racing writer offers another one', async () => {
    const { storage, keyring, masterKey } = setup();
    const key = (await keysFor(keyring, storage, [ref])).keys.get(ref)!;
    // Another process that has not seen the subject yet creates its own key for it.
    const elsewhere = openSqlite({ path: ':memory:' });
    stores.push(elsewhere);
    const rival = new Keyring(elsewhere, masterKey);
    const { created } = await rival.keysFor(SITE, [ref]);
    await storage.append([], [], created);
    expect((await keyring.existingKey(SITE, ref))!.equals(key)).toBe(true);
  });
});
