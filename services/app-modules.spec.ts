import { Type } from '@nestjs/common';
import { createHttpApp } from '@pujiang/http';
import { AppModule as ClaimsApp } from './claims/src/app.module';
import { AppModule as EblApp } from './ebl/src/app.module';
import { AppModule as LedgerApp } from './ledger/src/app.module';
import { AppModule as SupervisionApp } from './supervision/src/app.module';
import { AppModule as TraceabilityApp } from './traceability/src/app.module';
import { AppModule as VesselsApp } from './vessels/src/app.module';

const REQUIRED = [
  'DATABASE_URL',
  'KAFKA_BROKERS',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD_FILE',
  'FABRIC_MSP_ID',
  'FABRIC_PEER_ENDPOINT',
  'FABRIC_CLIENT_KEY',
  'FABRIC_CHANNEL',
];
/** Where a service's HTTP callers present bearer tokens: who signs them. */
const AUTHENTICATION = ['AUTH_JWT_ISSUER', 'AUTH_JWT_AUDIENCE', 'AUTH_JWT_PUBLIC_KEY_FILE'];

describe.each([
  ['traceability', TraceabilityApp, AUTHENTICATION],
  ['ledger', LedgerApp, []],
  ['ebl', EblApp, AUTHENTICATION],
  ['claims', ClaimsApp, AUTHENTICATION],
  ['vessels', VesselsApp, [...AUTHENTICATION, 'VESSELS_DIRECTORY_FILE']],
  ['supervision', SupervisionApp, AUTHENTICATION],
] as [string, Type<unknown>, string[]][])('the %s service', (_name, appModule, authentication) => {
  const saved = { ...process.env };

  beforeEach(() => {
    for (const key of Object.keys(process.env)) {
      if (/^(DATABASE_URL|KAFKA_|FABRIC_|PORT|AUTH_JWT_)/.test(key)) delete process.env[key];
    }
    process.env.LOG_LEVEL = 'silent';
  });

  afterEach(() => {
    process.env = { ...saved };
  });

  it('refuses to start without its configuration, naming what is missing', async () => {
    const start = createHttpApp(appModule, { bodyLimit: 1024 });

    await expect(start).rejects.toThrow(/is not valid/);
    const message = await start.catch((error: Error) => error.message);
    for (const key of [...REQUIRED, ...authentication]) {
      expect(message).toMatch(new RegExp(`${key} \\(missing\\)`));
    }
  });

  it('refuses a malformed value before connecting to anything', async () => {
    Object.assign(process.env, {
      DATABASE_URL: 'mysql://nope',
      KAFKA_BROKERS: 'no-port',
    });

    const message = await createHttpApp(appModule, { bodyLimit: 1024 }).catch(
      (error: Error) => error.message,
    );

    expect(message).toMatch(/DATABASE_URL \(invalid\)/);
    expect(message).toMatch(/KAFKA_BROKERS \(invalid\)/);
  });
});
