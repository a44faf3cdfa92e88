import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody, ErrorCode } from '../lib/error-body';
import type { FieldIssue } from '../lib/field-issues';

/** An expected failure, answered as `{ "error": { "code", "message", "issues"? } }`. */
export function apiError(
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  options: { issues?: FieldIssue[]; headers?: Record<string, string> } = {},
): HTTPException {
  const body: ErrorBody = {
    error: { code, message, ...(options.issues ? { issues: options.issues } : {}) },
  };
  return new HTTPException(status, {
    message,
    res: new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...options.headers },
    }),
  });
}

/** 422 with field-level issues. */
export const validationError = (issues: FieldIssue[], message = 'The request body is not valid') =>
  apiError(422, 'validation_failed', message, { issues });

/** 404 in the same words for "does not exist" and "not yours", so ids cannot be probed. */
export const notFound = (what = 'resource') => apiError(404, 'not_found', `No such ${what}`);
