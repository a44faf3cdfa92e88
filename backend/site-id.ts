import * as v from 'valibot';

const MESSAGE = 'must be 2-63 lower-case letters, digits or "-"';

/** A site id as routes and keys carry it: 2-63 lower-case letters, digits or "-". */
export const SiteIdSchema = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, MESSAGE));

/**
 * The id a site gets: the one given, or one made from its name ("Alpine Outfitters" gives
 * "alpine-outfitters"). An error message when neither makes a valid id.
 */
export function siteIdFor(
  given: string | undefined,
  name: string,
): { ok: true; id: string } | { ok: false; message: string } {
  if (given !== undefined)
    return v.is(SiteIdSchema, given) ? { ok: true, id: given } : { ok: false, message: MESSAGE };
  const made = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 63)
    .replace(/-$/, '');
  return v.is(SiteIdSchema, made)
    ? { ok: true, id: made }
    : { ok: false, message: 'give an id: the name does not make one' };
}
