import { withSessionSettings } from './session-settings';

describe('withSessionSettings', () => {
  const base = 'postgres://pujiang:s%40cret@127.0.0.1:5432/traceability';

  it('adds each setting to the options PostgreSQL reads at connect', () => {
    const url = new URL(withSessionSettings(base, { jit: 'off' }));
    expect(url.searchParams.get('options')).toBe('-c jit=off');
    expect(url.password).toBe('s%40cret');
    expect(url.pathname).toBe('/traceability');
  });

  it('keeps options already in the URL, after its own, so the URL wins', () => {
    const withPath = `${base}?options=${encodeURIComponent('-c search_path=bench -c jit=on')}&sslmode=disable`;
    const url = new URL(withSessionSettings(withPath, { jit: 'off' }));
    expect(url.searchParams.get('options')).toBe('-c jit=off -c search_path=bench -c jit=on');
    expect(url.searchParams.get('sslmode')).toBe('disable');
  });

  it('leaves the URL as it is without settings', () => {
    expect(withSessionSettings(base, {})).toBe(base);
  });
});
