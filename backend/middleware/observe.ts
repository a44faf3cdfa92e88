import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { AppEnv } from '../context';

/** Request id, access log line (method, route pattern, status, time; never bodies, keys or query) and metrics. */
export const observe = () =>
  createMiddleware<AppEnv>(async function observe(c, next) {
    const started = performance.now();
    const requestId = randomUUID();
    c.set('requestId', requestId);
    c.header('x-request-id', requestId);
    await next();
    const ms = performance.now() - started;
    const route = routePath(c, -1) || 'unmatched';
    const { log, metrics } = c.var.services;
    metrics.observe(route, c.res.status, ms);
    log.debug('request', {
      requestId,
      method: c.req.method,
      route,
      status: c.res.status,
      ms: Math.round(ms * 100) / 100,
      keyId: c.var.key?.id,
    });
  });
