/** The languages of every message a person can see: Chinese by default, English on request. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

// "en-GB;q=0.8, zh;q=0.9, *;q=0.1" → ranges with their weights; malformed parts are skipped.
function ranges(header: string): { tag: string; q: number }[] {
  return header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)).find(Boolean);
      return { tag: tag.trim(), q: q ? Number(q[1]) : 1 };
    })
    .filter((range) => /^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/.test(range.tag) && range.q > 0);
}

/**
 * The locale an `Accept-Language` header asks for: English when an `en` range weighs more than
 * every `zh` range (ties go to Chinese), else Chinese. Absent or unreadable: Chinese.
 */
export function localeOf(acceptLanguage: string | string[] | undefined): Locale {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header || header.length > 500) return DEFAULT_LOCALE;
  const weight = (primary: string) => Math.max(0, ...ranges(header).filter((r) => r.tag.split('-')[0] === primary).map((r) => r.q));
  return weight('en') > weight('zh') ? 'en' : DEFAULT_LOCALE;
}
