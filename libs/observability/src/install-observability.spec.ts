import { Controller, Get, Module, NotFoundException, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { installObservability } from './install-observability';
import { Metrics } from './metrics';
import { MetricsModule } from './metrics.module';

@Controller('lots')
class LotsController {
  @Get(':lot')
  lot(@Param('lot') lot: string) {
    if (lot === 'missing') throw new NotFoundException();
    return { lot };
  }
}

@Module({ imports: [MetricsModule], controllers: [LotsController] })
class MeasuredModule {}

@Module({ controllers: [LotsController] })
class UnmeasuredModule {}

async function appOf(module: unknown): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    module as never,
    new FastifyAdapter(),
    { logger: false, abortOnError: false },
  );
  installObservability(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** The value of the first series of `name` whose labels include every `labels` pair. */
function seriesValue(exposition: string, name: string, labels: string[]): number | undefined {
  const line = exposition
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && labels.every((label) => l.includes(label)));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('what every service exposes to operate it', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await appOf(MeasuredModule);
  });

  afterAll(async () => {
    await app.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('counts requests by route pattern and status, not by URL', async () => {
    const count = 'http_request_duration_seconds_count';
    const before = (await get('/metrics')).body;
    await get('/lots/A-1');
    await get('/lots/B-2');
    await get('/lots/missing');
    await get('/no/such/route');
    const after = (await get('/metrics')).body;

    const ok = ['route="/lots/:lot"', 'status="200"'];
    expect(seriesValue(before, count, ok)).toBeUndefined();
    expect(seriesValue(after, count, ok)).toBe(2);
    expect(seriesValue(after, count, ['route="/lots/:lot"', 'status="404"'])).toBe(1);
    expect(seriesValue(after, count, ['route="unmatched"', 'status="404"'])).toBe(1);
    expect(after).not.toContain('A-1');
  });

  it('answers a scrape even when one gauge cannot be read, without that gauge', async () => {
    const metrics = app.get(Metrics);
    metrics.readOnScrape({
      name: 'test_readable',
      help: 'read',
      labelNames: ['state'],
      read: () => Promise.resolve([{ labels: { state: 'OPEN' }, value: 3 }]),
    });
    metrics.readOnScrape({
      name: 'test_unreadable',
      help: 'down',
      labelNames: [],
      read: () => Promise.reject(new Error('database down')),
    });

    const response = await get('/metrics');

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(seriesValue(response.body, 'test_readable', ['state="OPEN"'])).toBe(3);
    expect(response.body).toMatch(/^test_unreadable nan$/im);
  });

  it('serves Swagger UI from the installed assets, reading the service own OpenAPI document', async () => {
    const page = await get('/docs');
    const bundle = await get('/docs/swagger-ui-bundle.js');
    const start = await get('/docs/start.js');

    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('docs/swagger-ui-bundle.js');
    expect(page.body).not.toMatch(/https?:\/\//);
    expect(bundle.statusCode).toBe(200);
    expect(bundle.body).toContain('SwaggerUIBundle');
    expect(start.body).toContain("url: 'openapi.json'");
    expect((await get('/docs/swagger-ui.css')).statusCode).toBe(200);
    expect((await get('/docs/package.json')).statusCode).toBe(404);
  });

  it('serves the AsyncAPI document', async () => {
    const response = await get('/asyncapi.json');

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ asyncapi: '3.0.0' });
  });

  it('serves no /metrics in an application without metrics', async () => {
    const bare = await appOf(UnmeasuredModule);
    const response = await bare.inject({ method: 'GET', url: '/metrics' });
    await bare.close();

    expect(response.statusCode).toBe(404);
  });
});
