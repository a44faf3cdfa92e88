/**
 * Canonical JSON (keys sorted, no whitespace, as RFC 8785 for the values Consentry uses): the one
 * byte form that chain hashes, signatures and notice hashes are computed over. Written as one
 * string append per part (it runs several times for every consent written).
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite');
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++)
          out += (i ? ',' : '') + canonicalJson((value[i] as unknown) ?? null);
        return `${out}]`;
      }
      const object = value as Record<string, unknown>;
      // Array#sort without a comparator orders strings by UTF-16 code units, as RFC 8785 asks.
      const keys = Object.keys(object).sort();
      let out = '{';
      for (const key of keys) {
        const item = object[key];
        if (item === undefined) continue;
        out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(item)}`;
      }
      return `${out}}`;
    }
  }
  throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
}
