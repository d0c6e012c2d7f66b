import { chooseLanguage } from './language';

describe('chooseLanguage', () => {
  it('follows the shopper’s choice, then Accept-Language by q-value, then English', () => {
    expect(chooseLanguage('zh', 'en')).toBe('zh');
    expect(chooseLanguage(undefined, 'zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(chooseLanguage(undefined, 'en;q=0.5, zh-Hant-TW')).toBe('zh');
    expect(chooseLanguage(undefined, 'fr, en;q=0.3, zh;q=0.2')).toBe('en');
    expect(chooseLanguage(undefined, 'zh;q=0, fr')).toBe('en');
    expect(chooseLanguage('xx', undefined)).toBe('en');
  });
});
