import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type * as v from 'valibot';
import { parseWith } from '../lib/field-issues';
import type { AppEnv } from './context';
import { apiError, validationError } from './errors';
import { tooLarge } from './middleware/max-body';

/**
 * The body as text, at most the route group's limit. On Node it is read straight from the socket
 * stream: building a WHATWG Request just to read a small JSON body costs more than the rest of
 * a look-up. Elsewhere (tests through app.request) it goes through the Request.
 */
async function bodyText(c: Context<AppEnv>): Promise<string> {
  const limit = c.var.maxBody ?? 16 * 1024;
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength > limit) throw tooLarge(limit);
    return new TextDecoder().decode(bytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a JSON body and validates it against a schema: 400 for bad JSON, 422 with field issues otherwise. */
export async function jsonBody<S extends v.GenericSchema>(
  c: Context<AppEnv>,
  schema: S | ((raw: unknown) => S),
): Promise<v.InferOutput<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type) && !/^text\/plain\b/i.test(type)) {
    throw apiError(
      415 as 400,
      'bad_request',
      'The body must be JSON (Content-Type: application/json)',
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await bodyText(c));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw apiError(400, 'bad_request', 'The body is not valid JSON');
  }
  const parsed = parseWith(typeof schema === 'function' ? schema(raw) : schema, raw);
  if (!parsed.ok) throw validationError(parsed.error);
  return parsed.value;
}
