/** The ledger's HTTP API: mounts every route with its middleware. Tested through app.request(). */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, Services } from './context';
import { apiError } from './errors';
import { maxBody } from './middleware/max-body';
import { observe } from './middleware/observe';
import { rateLimit } from './middleware/rate-limit';
import { presentedKey, requireKey } from './middleware/require-key';
import { checkSiteOrigin, siteCors } from './middleware/site-cors';
import { clientAddress } from './request-facts';
import { auditRoute } from './routes/audit';
import { eventsRoute } from './routes/events';
import { keysRoute } from './routes/keys';
import { ledgerKeyRoute, verifyRoute } from './routes/ledger';
import { widgetRoute } from './routes/widget';
import { lookupRoute } from './routes/lookup';
import { siteConfigRoute } from './routes/site-config';
import { sitesRoute } from './routes/sites';
import { subjectsRoute } from './routes/subjects';
import { docsRoute, systemRoute } from './routes/system';

const KIB = 1024;

const CARRIED_HEADERS = [
  'access-control-allow-origin',
  'vary',
  'x-request-id',
  'ratelimit-limit',
  'ratelimit-remaining',
];

/** Builds the app around its services. */
export function createApp(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { config } = services;
  const perKey = rateLimit({
    limit: config.rateLimit,
    now: services.now,
    keyOf: (c) => `${presentedKey(c.req) ?? '-'}|${clientAddress(c)}`,
  });
  const perAddress = rateLimit({
    limit: config.publicRateLimit,
    now: services.now,
    keyOf: (c) => clientAddress(c),
  });

  app.use(async function provide(c, next) {
    c.set('services', services);
    await services.noticeExternalChanges();
    await next();
  });
  app.use(observe());
  app.use(secureHeaders({ crossOriginResourcePolicy: false }));

  // Public routes for the widget: CORS for the site's origins only.
  app.use(
    '/v1/site-config',
    siteCors(),
    perAddress,
    requireKey('site'),
    checkSiteOrigin({ requireOrigin: false }),
  );
  app.route('/v1/site-config', siteConfigRoute);
  app.use(
    '/v1/events',
    siteCors(),
    perAddress,
    maxBody(32 * KIB),
    requireKey('site'),
    checkSiteOrigin({ requireOrigin: true }),
  );
  app.route('/v1/events', eventsRoute);
  app.route('/v1/ledger-key', ledgerKeyRoute);

  // The extension's look-ups.
  app.use('/v1/lookup', perKey, maxBody(64 * KIB), requireKey('reader', 'admin'));
  app.route('/v1/lookup', lookupRoute);

  // Administration: no CORS at all.
  app.use('/v1/sites/*', perKey, maxBody(256 * KIB), requireKey('admin'));
  app.use('/v1/sites', perKey, maxBody(256 * KIB), requireKey('admin'));
  app.use('/v1/keys/*', perKey, maxBody(16 * KIB), requireKey('admin'));
  app.use('/v1/keys', perKey, maxBody(16 * KIB), requireKey('admin'));
  app.route('/v1/sites/:id/subjects', subjectsRoute);
  app.route('/v1/sites/:id', verifyRoute);
  app.route('/v1/sites/:id', auditRoute);
  app.route('/v1/sites', sitesRoute);
  app.route('/v1/keys', keysRoute);

  app.route('/', systemRoute);
  app.route('/', widgetRoute);
  app.route('/', docsRoute);

  app.notFound(() => apiError(404, 'not_found', 'No such route').getResponse());
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      // Headers set before the failure (CORS for the widget's origin, request id, rate limits)
      // belong on the error too: without CORS the widget could not read why it was refused.
      const res = error.getResponse();
      for (const name of CARRIED_HEADERS) {
        const value = c.res.headers.get(name);
        if (value !== null && !res.headers.has(name)) res.headers.set(name, value);
      }
      return res;
    }
    services.log.error('unhandled error', {
      requestId: c.var.requestId,
      error: error instanceof Error ? error.message : String(error),
    });
    return c.json(
      { error: { code: 'internal', message: 'Something went wrong on our side' } },
      500,
    );
  });
  return app;
}
