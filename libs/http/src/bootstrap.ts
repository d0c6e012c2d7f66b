import { INestApplication, Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@pujiang/config';
import { Tracing, TracingConfig, startTracing } from '@pujiang/observability';
import { createHttpApp, listen } from './http-app';
import { HttpConfig } from './http.config';

const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface ServiceOptions {
  /** Largest request body accepted, in bytes (1 MiB unless given). */
  bodyLimit?: number;
  /** What else the app serves besides HTTP, started before it listens (`serveInbox`: Kafka). */
  beforeListen?: (app: INestApplication) => Promise<void>;
}

/** A service's `main`: build the app, listen, and exit non-zero with the reason if either fails. */
export function runService(rootModule: Type<unknown>, options: ServiceOptions = {}): void {
  let app: NestFastifyApplication | undefined;
  let tracing: Tracing | undefined;
  const start = async () => {
    const http = loadConfig(HttpConfig);
    // Before the app exists, so its HTTP hooks see whether spans are wanted (decision 0029).
    tracing = startTracing(loadConfig(TracingConfig));
    const trustedProxies = http.HTTP_TRUSTED_PROXIES?.split(',')
      .map((proxy) => proxy.trim())
      .filter((proxy) => proxy.length > 0);
    app = await createHttpApp(rootModule, {
      bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
      trustedProxies,
    });
    // Spans still buffered are sent when the service stops (SIGTERM closes the server).
    const stopTracing = tracing;
    if (stopTracing !== undefined) {
      app
        .getHttpAdapter()
        .getInstance()
        .addHook('onClose', () => stopTracing.shutdown());
    }
    await options.beforeListen?.(app);
    await listen(app, http.PORT, http.HOST);
  };
  start().catch(async (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    await app?.close().catch(() => undefined);
    await tracing?.shutdown().catch(() => undefined);
    process.exit(1);
  });
}
