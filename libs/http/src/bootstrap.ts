import { Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@pujiang/config';
import { createHttpApp, listen } from './http-app';
import { HttpConfig } from './http.config';

const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** A service's `main`: build the app, listen, and exit non-zero with the reason if either fails. */
export function runService(rootModule: Type<unknown>, bodyLimit = DEFAULT_BODY_LIMIT): void {
  let app: NestFastifyApplication | undefined;
  const start = async () => {
    const http = loadConfig(HttpConfig);
    const trustedProxies = http.HTTP_TRUSTED_PROXIES?.split(',')
      .map((proxy) => proxy.trim())
      .filter((proxy) => proxy.length > 0);
    app = await createHttpApp(rootModule, { bodyLimit, trustedProxies });
    await listen(app, http.PORT, http.HOST);
  };
  start().catch(async (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    await app?.close().catch(() => undefined);
    process.exit(1);
  });
}
