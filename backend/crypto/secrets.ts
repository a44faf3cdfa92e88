/**
 * The ledger's secrets: the identifier pepper, the master key that wraps data keys, and the
 * Ed25519 signing key. Supplied by the operator (environment) or generated on first start into
 * the data folder with owner-only permissions. They never enter the database or the logs.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from './hash';

/** The loaded secrets. */
export interface Secrets {
  pepper: Buffer;
  masterKey: Buffer;
  signingKey: KeyObject;
  publicKey: KeyObject;
  /** First 16 hex characters of SHA-256 over the raw public key. */
  keyId: string;
}

/** Secrets the operator passes in rather than keeping in the data folder (base64 or hex, 32 bytes). */
export interface SecretOverrides {
  pepper?: string;
  masterKey?: string;
  signingKeyPem?: string;
}

const decode32 = (name: string, text: string): Buffer => {
  const trimmed = text.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (bytes.length !== 32)
    throw new Error(`${name} must be 32 bytes, as 64 hex characters or base64`);
  return bytes;
};

const fileSecret = (dir: string, file: string, make: () => string): string => {
  const path = join(dir, file);
  if (!existsSync(path)) writeFileSync(path, make(), { mode: 0o600, flag: 'wx' });
  return readFileSync(path, 'utf8');
};

/** Loads the secrets, generating any that are missing into `<dataDir>/secrets/` (mode 0600). */
export function loadSecrets(dataDir: string, overrides: SecretOverrides = {}): Secrets {
  const dir = join(dataDir, 'secrets');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const random = () => randomBytes(32).toString('base64');
  const pepper = decode32('pepper', overrides.pepper ?? fileSecret(dir, 'pepper.key', random));
  const masterKey = decode32(
    'master key',
    overrides.masterKey ?? fileSecret(dir, 'master.key', random),
  );
  const pem =
    overrides.signingKeyPem ??
    fileSecret(dir, 'signing-ed25519.pem', () =>
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    );
  const signingKey = createPrivateKey(pem);
  if (signingKey.asymmetricKeyType !== 'ed25519')
    throw new Error('the signing key must be an Ed25519 private key');
  const publicKey = createPublicKey(signingKey);
  return {
    pepper,
    masterKey,
    signingKey,
    publicKey,
    keyId: sha256(rawPublicKey(publicKey)).slice(0, 16),
  };
}

/** The 32 raw bytes of an Ed25519 public key. */
export const rawPublicKey = (key: KeyObject): Buffer =>
  key.export({ format: 'der', type: 'spki' }).subarray(-32);
