import * as v from 'valibot';

/** A web origin as browsers send it: scheme, host and optional port, nothing else. */
export const OriginSchema = v.pipe(
  v.string(),
  v.regex(
    /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i,
    'must be an origin such as https://shop.example (scheme, host, optional port)',
  ),
);
