import type { Context } from 'hono';
import type * as v from 'valibot';
import { parseWith } from '../lib/field-issues';
import type { AppEnv } from './context';
import { apiError, validationError } from './errors';

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
    raw = JSON.parse(await c.req.text());
  } catch {
    throw apiError(400, 'bad_request', 'The body is not valid JSON');
  }
  const parsed = parseWith(typeof schema === 'function' ? schema(raw) : schema, raw);
  if (!parsed.ok) throw validationError(parsed.error);
  return parsed.value;
}
