import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { apiError } from '../errors';

/** 413 for a body over `bytes`: at once when Content-Length says so, else while jsonBody reads it. */
export const tooLarge = (bytes: number) =>
  apiError(413, 'payload_too_large', `The body must be at most ${bytes / 1024} KiB`);

/** Sets the body size limit of a route group and refuses declared oversize bodies before reading them. */
export const maxBody = (bytes: number) =>
  createMiddleware<AppEnv>(async function maxBody(c, next) {
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > bytes) throw tooLarge(bytes);
    c.set('maxBody', bytes);
    await next();
  });
