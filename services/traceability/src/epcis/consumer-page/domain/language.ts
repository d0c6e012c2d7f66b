/** The languages the consumer page is written in; English when nothing better fits. */
export type Language = 'en' | 'zh';

export const LANGUAGES: readonly Language[] = ['en', 'zh'];

/**
 * `?lang=` when the shopper chose (the page's switch link), else the first
 * Accept-Language range we write, by q-value (RFC 9110 §12.5.4). Any
 * Chinese range (`zh`, `zh-CN`, `zh-Hans-…`) reads Simplified Chinese: it is
 * the one Chinese we write, and readers of Traditional read it better than English.
 */
export function chooseLanguage(chosen: unknown, acceptLanguage: string | undefined): Language {
  if (chosen === 'en' || chosen === 'zh') return chosen;
  if (acceptLanguage === undefined || acceptLanguage === '') return 'en';
  const ranges = (acceptLanguage ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), order };
    })
    .filter((range) => range.q > 0 && !Number.isNaN(range.q))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { tag } of ranges) {
    const primary = tag.split('-')[0];
    if (primary === 'zh') return 'zh';
    if (primary === 'en') return 'en';
  }
  return 'en';
}
