import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@pujiang/config';
import { kafkaConnection } from './kafka';
import { MessagingConfig } from './messaging.config';

describe('MessagingConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'messaging-config-'));
  const passwordFile = join(dir, 'password');
  const caFile = join(dir, 'ca.crt');
  writeFileSync(passwordFile, 's3cret\n');
  writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----\n');
  const valid = {
    KAFKA_BROKERS: 'kafka-0:9093, kafka-1:9093',
    KAFKA_SASL_USERNAME: 'ledger',
    KAFKA_SASL_PASSWORD_FILE: passwordFile,
    KAFKA_TLS_CA_FILE: caFile,
  };

  it('connects over TLS with SCRAM-SHA-512 as the configured user, the password read from its file', () => {
    const connection = kafkaConnection(loadConfig(MessagingConfig, valid));

    expect(connection).toEqual({
      brokers: ['kafka-0:9093', 'kafka-1:9093'],
      ssl: { ca: [expect.stringContaining('BEGIN CERTIFICATE')] },
      sasl: { mechanism: 'scram-sha-512', username: 'ledger', password: 's3cret' },
    });
  });

  it('takes the password from the environment, SCRAM-SHA-256 if asked, and the public CAs without a CA file', () => {
    const config = loadConfig(MessagingConfig, {
      ...valid,
      KAFKA_SASL_PASSWORD_FILE: undefined,
      KAFKA_TLS_CA_FILE: undefined,
      KAFKA_SASL_PASSWORD: 'from-a-secret-store',
      KAFKA_SASL_MECHANISM: 'scram-sha-256',
    });

    expect(kafkaConnection(config)).toMatchObject({
      ssl: true,
      sasl: { mechanism: 'scram-sha-256', password: 'from-a-secret-store' },
    });
  });

  it.each([
    ['no user', { KAFKA_SASL_USERNAME: undefined }, /KAFKA_SASL_USERNAME \(missing\)/],
    [
      'no password',
      { KAFKA_SASL_PASSWORD_FILE: undefined },
      /KAFKA_SASL_PASSWORD_FILE \(missing\):.*KAFKA_SASL_PASSWORD_FILE or KAFKA_SASL_PASSWORD is required/,
    ],
    [
      'two passwords',
      { KAFKA_SASL_PASSWORD: 'another' },
      /KAFKA_SASL_PASSWORD \(invalid\): give KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both/,
    ],
    [
      'a mechanism the brokers do not offer',
      { KAFKA_SASL_MECHANISM: 'plain' },
      /KAFKA_SASL_MECHANISM/,
    ],
  ])('refuses to start with %s', (_case, change, message) => {
    expect(() => loadConfig(MessagingConfig, { ...valid, ...change })).toThrow(message);
  });

  it('stops at start-up when the password file is not there', () => {
    const config = loadConfig(MessagingConfig, {
      ...valid,
      KAFKA_SASL_PASSWORD_FILE: join(dir, 'absent'),
    });

    expect(() => kafkaConnection(config)).toThrow(/ENOENT/);
  });
});
