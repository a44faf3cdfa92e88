import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { apiError } from '../errors';

/** Options of a fixed-window limiter. */
export interface RateLimitOptions {
  /** Requests allowed per window. */
  limit: number;
  windowMs?: number;
  /** Who is counted: by default the key (if any) and the client address. */
  keyOf: (c: Parameters<Parameters<typeof createMiddleware<AppEnv>>[0]>[0]) => string;
  now?: () => number;
}

/**
 * In-memory fixed-window rate limiting (one process owns the embedded database, so memory is the
 * shared state). Over the limit: 429 with Retry-After in seconds.
 */
export const rateLimit = (options: RateLimitOptions) => {
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  let windowStart = now();
  let counts = new Map<string, number>();
  return createMiddleware<AppEnv>(async function rateLimit(c, next) {
    const t = now();
    if (t - windowStart >= windowMs) {
      windowStart = t - ((t - windowStart) % windowMs);
      counts = new Map();
    }
    const who = options.keyOf(c);
    const used = (counts.get(who) ?? 0) + 1;
    counts.set(who, used);
    c.header('ratelimit-limit', String(options.limit));
    c.header('ratelimit-remaining', String(Math.max(0, options.limit - used)));
    if (used > options.limit) {
      const retry = Math.max(1, Math.ceil((windowStart + windowMs - t) / 1000));
      throw apiError(429, 'rate_limited', `Too many requests; retry in ${retry} s`, {
        headers: { 'retry-after': String(retry) },
      });
    }
    await next();
  });
};
