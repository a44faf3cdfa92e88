/**
 * The responses both demo servers send: HTML pages with their security headers, built files from
 * `dist/demo/` with an ETag, and a 404 that says how to build them.
 */
import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from 'hono';

/** What to do when a built file is missing. */
/** The demo pages' common policy: nothing inline, everything from the page's own origin. */
export const SAME_ORIGIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

export const BUILD_HINT = 'run `npm run build:demo` (npm start does it for you)';

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

const COMMON = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** A built file, or null when it is not there (not built yet). */
export async function readBuilt(distDir: string, path: string): Promise<Buffer | null> {
  try {
    return await readFile(join(distDir, path));
  } catch {
    return null;
  }
}

/** Whether the build produced `path` (relative to `distDir`). */
export async function isBuilt(distDir: string, path: string): Promise<boolean> {
  try {
    await access(join(distDir, path));
    return true;
  } catch {
    return false;
  }
}

/** The 404 for a file the demo build should have produced. */
export function notBuilt(c: Context, path: string): Response {
  c.header('cache-control', 'no-store');
  return c.text(
    `Not found: dist/demo/${path}. The demo apps are not built: ${BUILD_HINT}.\n`,
    404,
    COMMON,
  );
}

/** Serves `path` from `distDir` with its content type, an ETag and revalidation on every use. */
export async function builtFile(c: Context, distDir: string, path: string): Promise<Response> {
  const body = await readBuilt(distDir, path);
  if (!body) return notBuilt(c, path);
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
  const headers = {
    ...COMMON,
    etag,
    'cache-control': 'public, no-cache',
    'content-type': TYPES[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
  };
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  return c.body(new Uint8Array(body), 200, headers);
}

/** An HTML page under a content security policy; never cached without revalidation. */
export function htmlPage(c: Context, body: string, csp: string): Response {
  return c.body(body, 200, {
    ...COMMON,
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': csp,
    'cache-control': 'no-cache',
  });
}
