/**
 * The language to show: the first wanted tag (explicit option, page `lang`, browser languages)
 * that the site offers exactly or by its primary subtag; Chinese is matched by script
 * (zh-TW/zh-HK -> zh-Hant, zh-CN/zh-SG -> zh-Hans). Falls back to the site's default.
 */
export function pickLanguage(
  offered: readonly string[],
  fallback: string,
  wanted: readonly (string | null | undefined)[],
): string {
  const lower = new Map(offered.map((tag) => [tag.toLowerCase(), tag]));
  for (const raw of wanted) {
    if (!raw) continue;
    const tag = raw.trim().toLowerCase().replace(/_/g, '-');
    const exact = lower.get(tag);
    if (exact) return exact;
    if (tag.startsWith('zh')) {
      const script = /-(tw|hk|mo|hant)\b/.test(tag) ? 'zh-hant' : 'zh-hans';
      const zh = lower.get(script);
      if (zh) return zh;
    }
    const primary = lower.get(tag.split('-')[0]!);
    if (primary) return primary;
  }
  return fallback;
}
