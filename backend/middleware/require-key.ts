import { createMiddleware } from 'hono/factory';
import { hashKey, looksLikeKey } from '../auth/api-keys';
import type { AppEnv } from '../context';
import { apiError } from '../errors';
import type { KeyScope } from '../storage/storage';

/** The key a request presents: `Authorization: Bearer …`, `X-Consentry-Key`, or `?key=` (site keys only). */
export const presentedKey = (req: {
  header(name: string): string | undefined;
  query(name: string): string | undefined;
}) => {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
  const fromQuery = req.query('key');
  return (
    bearer ??
    req.header('x-consentry-key') ??
    (fromQuery?.startsWith('pk_') ? fromQuery : undefined)
  );
};

/** "a site", "an admin". */
const withArticle = (scope: KeyScope) => `${scope.startsWith('a') ? 'an' : 'a'} ${scope}`;

/**
 * Requires a valid, unrevoked key of one of the given scopes: 401 when there is none or it is not
 * valid, 403 when it is valid but of another scope.
 */
export const requireKey = (...scopes: KeyScope[]) =>
  createMiddleware<AppEnv>(async function requireKey(c, next) {
    const presented = presentedKey(c.req);
    if (!presented) {
      // Only public keys may travel in a URL (URLs are logged); say so rather than "no key".
      const inQuery = c.req.query('key') !== undefined;
      throw apiError(
        401,
        'unauthorized',
        inQuery
          ? 'Only a public site key (pk_…) may be given as ?key=; send other keys in the Authorization header'
          : 'An API key is required',
        { headers: { 'www-authenticate': 'Bearer' } },
      );
    }
    const { storage, cache } = c.var.services;
    const hash = looksLikeKey(presented) ? hashKey(presented) : null;
    const key = hash ? await cache.keys.get(hash, () => storage.findKeyByHash(hash)) : null;
    if (!key || key.revokedAt !== null) {
      throw apiError(401, 'unauthorized', 'The API key is not valid or has been revoked', {
        headers: { 'www-authenticate': 'Bearer' },
      });
    }
    if (!scopes.includes(key.scope)) {
      throw apiError(
        403,
        'forbidden',
        `This route needs ${scopes.map(withArticle).join(' or ')} key; this is ${withArticle(key.scope)} key`,
      );
    }
    c.set('key', key);
    await next();
  });
