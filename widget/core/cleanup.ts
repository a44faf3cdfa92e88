/**
 * Clears what a withdrawn purpose left on the device: the cookies and storage keys the site's
 * configuration declares for it (a trailing `*` matches a prefix). Cookies are expired on every
 * path-and-domain combination they may have been set with. Never throws.
 */
export function clearDeclared(
  doc: Document,
  names: { cookies: readonly string[]; storageKeys: readonly string[] },
): { cookies: string[]; storageKeys: string[] } {
  const matches = (patterns: readonly string[]) => (name: string) =>
    patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));
  const cleared = { cookies: [] as string[], storageKeys: [] as string[] };
  try {
    const cookieNames = doc.cookie
      .split(';')
      .map((c) => c.split('=')[0]!.trim())
      .filter((n) => n && matches(names.cookies)(n));
    const host = doc.location?.hostname ?? '';
    const labels = host.split('.');
    // example.co.uk -> ['', 'shop.example.co.uk', '.shop.example.co.uk', '.example.co.uk', '.co.uk'];
    const domains = [
      '',
      ...labels.slice(0, -1).map((_, i) => `.${labels.slice(i).join('.')}`),
      host,
    ];
    const paths = ['/', doc.location?.pathname ?? '/'];
    for (const name of cookieNames) {
      for (const domain of domains) {
        for (const path of paths) {
          doc.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=${path}${domain ? `; domain=${domain}` : ''}`;
        }
      }
      cleared.cookies.push(name);
    }
  } catch {
    // cookies unavailable (sandbox): nothing to clear
  }
  for (const storage of [
    safe(() => doc.defaultView?.localStorage),
    safe(() => doc.defaultView?.sessionStorage),
  ]) {
    if (!storage) continue;
    try {
      const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter(
        (k): k is string => k !== null && matches(names.storageKeys)(k),
      );
      for (const k of keys) storage.removeItem(k);
      cleared.storageKeys.push(...keys);
    } catch {
      // storage unavailable: nothing to clear
    }
  }
  return cleared;
}

const safe = <T>(get: () => T): T | undefined => {
  try {
    return get();
  } catch {
    return undefined;
  }
};
