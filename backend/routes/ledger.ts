/** The ledger's public verification key, and (admin) verification and checkpoints per site. */
import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { rawPublicKey } from '../crypto/secrets';
import { verifySite } from '../ledger/verify';
import { requireKey } from '../middleware/require-key';
import { siteForAdmin } from './admin-site';

/** GET /v1/ledger-key: what anyone needs to check a receipt or a checkpoint offline. */
export const ledgerKeyRoute = new Hono<AppEnv>().get('/', (c) => {
  const { secrets } = c.var.services;
  c.header('cache-control', 'public, max-age=3600');
  return c.json({
    keyId: secrets.keyId,
    algorithm: 'Ed25519',
    publicKey: rawPublicKey(secrets.publicKey).toString('base64url'),
    pem: secrets.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    signedPayload:
      'canonical JSON (RFC 8785 key order) of the receipt or checkpoint without its signature',
  });
});

/** Routes under /v1/sites/:id for verification (admin keys). */
export const verifyRoute = new Hono<AppEnv>()
  .use(requireKey('admin'))
  .get('/verify', async (c) => {
    const site = await siteForAdmin(c, c.req.param('id')!);
    const { storage, secrets } = c.var.services;
    const report = await verifySite(
      storage,
      site.id,
      new Map([[secrets.keyId, secrets.publicKey]]),
    );
    return c.json(report, report.ok ? 200 : 409);
  })
  .get('/checkpoints', async (c) => {
    const site = await siteForAdmin(c, c.req.param('id')!);
    return c.json({ checkpoints: await c.var.services.storage.checkpoints(site.id) });
  })
  .post('/checkpoints', async (c) => {
    const site = await siteForAdmin(c, c.req.param('id')!);
    await c.var.services.writer.idle();
    const checkpoint = await c.var.services.checkpointer.checkpoint(site.id);
    return c.json({ checkpoint }, checkpoint ? 201 : 200);
  });
