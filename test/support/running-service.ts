import { Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, listen } from '@pujiang/http';
import { serveInbox } from '@pujiang/messaging';
import { serviceEnv } from './stack-env';

/**
 * Starts a service's real application module in this process, configured from
 * the stack's environment exactly as `npm start` configures it, for
 * organisation 1 unless told otherwise; HTTP and its Kafka handlers, as in `main`.
 */
export async function startService(
  name: 'traceability' | 'ledger' | 'ebl' | 'claims' | 'vessels',
  rootModule: Type<unknown>,
  org: 1 | 2 = 1,
): Promise<{ app: NestFastifyApplication; url: string }> {
  Object.assign(process.env, serviceEnv(name, 0, org), { LOG_LEVEL: 'warn' });
  const app = await createHttpApp(rootModule, { bodyLimit: 1024 * 1024 });
  await serveInbox(app);
  const url = await listen(app, 0, '127.0.0.1');
  return { app, url: url.replace('[::1]', '127.0.0.1') };
}
