import { InvalidConfigError, loadConfig } from '@pujiang/config';
import { EblConfig } from './ebl.config';

describe('EblConfig: the PINT receiver’s limits are checked at start-up', () => {
  const required = {
    EBL_PLATFORM_CODE: 'PJB',
    EBL_SIGNING_KEY_FILE: '/keys/pjb.pem',
    EBL_DIRECTORY_FILE: '/etc/pujiang/directory.json',
    EBL_PUBLIC_URL: 'http://127.0.0.1:3005',
  };

  it('keeps an open envelope transfer an hour, and accepts transfers up to an hour old, unless told', () => {
    expect(loadConfig(EblConfig, required)).toMatchObject({
      EBL_PINT_ENVELOPE_LIFETIME_SECONDS: 3600,
      EBL_PINT_MAX_TRANSFER_AGE_SECONDS: 86_400,
    });
    expect(
      loadConfig(EblConfig, {
        ...required,
        EBL_PINT_ENVELOPE_LIFETIME_SECONDS: '5',
        EBL_PINT_MAX_TRANSFER_AGE_SECONDS: '600',
      }),
    ).toMatchObject({
      EBL_PINT_ENVELOPE_LIFETIME_SECONDS: 5,
      EBL_PINT_MAX_TRANSFER_AGE_SECONDS: 600,
    });
  });

  it.each([
    ['EBL_PINT_ENVELOPE_LIFETIME_SECONDS', '0'],
    ['EBL_PINT_ENVELOPE_LIFETIME_SECONDS', '1.5'],
    ['EBL_PINT_ENVELOPE_LIFETIME_SECONDS', 'an hour'],
    ['EBL_PINT_ENVELOPE_LIFETIME_SECONDS', String(8 * 86_400)],
    ['EBL_PINT_MAX_TRANSFER_AGE_SECONDS', '59'],
    ['EBL_PINT_MAX_TRANSFER_AGE_SECONDS', String(8 * 86_400)],
  ])('refuses to start with %s=%s', (key, value) => {
    const load = () => loadConfig(EblConfig, { ...required, [key]: value });
    expect(load).toThrow(InvalidConfigError);
    expect(load).toThrow(new RegExp(`${key} \\(invalid\\)`));
  });
});
