import { localeOf } from './locale';

describe(localeOf.name, () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, en;q=0.5', 'en'],
    ['en;q=0.5, zh;q=0.9', 'zh-CN'],
    ['zh;q=0.5, en-GB;q=0.6', 'en'],
    ['en;q=0.7, zh;q=0.7', 'zh-CN'],
    ['en;q=0', 'zh-CN'],
    ['fr, de', 'zh-CN'],
    ['*', 'zh-CN'],
    ['english', 'zh-CN'],
    [['de', 'en'], 'en'],
  ])('reads Accept-Language %j as %s (Chinese unless English weighs more)', (header, locale) => {
    expect(localeOf(header as string | string[] | undefined)).toBe(locale);
  });

  it('ignores an unreasonably long header', () => {
    expect(localeOf(`en,${'x-'.repeat(400)}`)).toBe('zh-CN');
  });
});
