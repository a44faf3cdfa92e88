import * as v from 'valibot';
import type { Result } from './result';

/** One problem with one field of an input, in words a developer can act on. */
export interface FieldIssue {
  /** Dot path of the field ("purposes.2.recipients"), or "" for the whole input. */
  path: string;
  message: string;
}

/**
 * Turns valibot issues into field issues with dot paths. A field a strict object does not know
 * is said so, not as valibot's "Invalid key: Expected never".
 */
export const toFieldIssues = (issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] =>
  issues.map((issue) => ({
    path: v.getDotPath(issue) ?? '',
    message:
      issue.type === 'strict_object' && issue.expected === 'never'
        ? 'is not a known field'
        : issue.message,
  }));

/** Parses untrusted input against a schema, never throwing, with field-level issues on failure. */
export const parseWith = <S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): Result<v.InferOutput<S>, FieldIssue[]> => {
  const parsed = v.safeParse(schema, input);
  return parsed.success
    ? { ok: true, value: parsed.output }
    : { ok: false, error: toFieldIssues(parsed.issues) };
};
