/** The outcome of an operation at a trust boundary: a value, or an error that says why not. */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };
