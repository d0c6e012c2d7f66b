import { Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import {
  NEST_APP_OPTIONS,
  configureHttpApp,
  createHttpApp,
  fastifyAdapter,
  listen,
} from '@pujiang/http';
import { serveInbox } from '@pujiang/messaging';
import { PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import { DestinationStream } from 'pino';
import { serviceEnv } from './stack-env';

export interface ServiceLogs {
  /** Where the service's pino logs go instead of stdout (one stream per test process: pino's root is shared). */
  destination: DestinationStream;
  level: string;
}

/**
 * Starts a service's real application module in this process, configured from
 * the stack's environment exactly as `npm start` configures it, for
 * organisation 1 unless told otherwise; HTTP and its Kafka handlers, as in
 * `main`. Given `logs`, its log lines are written there, for a test to read.
 */
export async function startService(
  name: 'traceability' | 'ledger' | 'ebl' | 'claims' | 'vessels' | 'supervision',
  rootModule: Type<unknown>,
  org: 1 | 2 = 1,
  logs?: ServiceLogs,
): Promise<{ app: NestFastifyApplication; url: string }> {
  Object.assign(process.env, serviceEnv(name, 0, org), { LOG_LEVEL: 'warn' });
  const app =
    logs === undefined
      ? await createHttpApp(rootModule, { bodyLimit: 1024 * 1024 })
      : await appLoggingTo(rootModule, logs);
  await serveInbox(app);
  const url = await listen(app, 0, '127.0.0.1');
  return { app, url: url.replace('[::1]', '127.0.0.1') };
}

async function appLoggingTo(
  rootModule: Type<unknown>,
  logs: ServiceLogs,
): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [rootModule] })
    .overrideProvider(PARAMS_PROVIDER_TOKEN)
    .useValue({ pinoHttp: [{ level: logs.level }, logs.destination] })
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    fastifyAdapter({ bodyLimit: 1024 * 1024 }),
    NEST_APP_OPTIONS,
  );
  configureHttpApp(app);
  return app;
}
