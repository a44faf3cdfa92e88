import * as v from 'valibot';

/** Error codes every Consentry API answers with. */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'internal',
] as const;

/** One error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Schema of every error response: `{ "error": { "code", "message", "issues"? } }`. */
export const ErrorBodySchema = v.strictObject({
  error: v.strictObject({
    code: v.picklist(ERROR_CODES),
    message: v.pipe(v.string(), v.maxLength(1000)),
    /** Field-level problems, for validation failures. */
    issues: v.optional(v.array(v.strictObject({ path: v.string(), message: v.string() }))),
  }),
});

/** An error response body. */
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;
