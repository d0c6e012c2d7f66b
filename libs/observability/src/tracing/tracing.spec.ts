import { Controller, Get, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { installObservability } from '../install-observability';
import { currentCorrelationIds } from './correlation';
import { Tracing, startTracing, tracingIsOn } from './start-tracing';
import { TracingConfig, tracesWanted } from './tracing.config';

const seenByHandler = () => ({
  correlation: currentCorrelationIds(),
  spanId: trace.getActiveSpan()?.spanContext().spanId ?? null,
});

@Controller('lots')
class LotsController {
  @Get(':lot')
  lot() {
    return seenByHandler();
  }

  @Post(':lot')
  sample() {
    return seenByHandler();
  }

  @Get(':lot/broken')
  broken(): never {
    throw new Error('broken');
  }
}

@Module({ controllers: [LotsController] })
class LotsModule {}

async function lotsApp(): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    LotsModule,
    new FastifyAdapter({ requestIdHeader: 'x-request-id' }),
    { logger: false, abortOnError: false },
  );
  installObservability(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** The configuration's problems, by key, as start-up would report them. */
function problems(env: Record<string, string>): string[] {
  const config = plainToInstance(TracingConfig, env, { enableImplicitConversion: true });
  return validateSync(config).map((error) => error.property);
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

describe('tracing configuration (OTEL_* variables)', () => {
  it('is off by default and when disabled', () => {
    const config = plainToInstance(TracingConfig, {});
    expect(problems({})).toEqual([]);
    expect(tracesWanted(config)).toBe(false);
    expect(
      tracesWanted(
        plainToInstance(TracingConfig, { OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' }),
      ),
    ).toBe(false);
    expect(startTracing(config)).toBeUndefined();
    expect(tracingIsOn()).toBe(false);
  });

  it('exports over OTLP to the configured collector, in the service name', () => {
    const env = {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_SERVICE_NAME: 'pujiang-ledger',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.monitoring:4318',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.1',
    };
    expect(problems(env)).toEqual([]);
    expect(tracesWanted(plainToInstance(TracingConfig, env))).toBe(true);
    expect(
      problems({
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_SERVICE_NAME: 'pujiang-ledger',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector.example/v1/traces',
      }),
    ).toEqual([]);
  });

  it('refuses at start-up what the SDK would quietly replace by a default', () => {
    expect(problems({ OTEL_TRACES_EXPORTER: 'jaeger' })).toEqual(['OTEL_TRACES_EXPORTER']);
    expect(problems({ OTEL_TRACES_EXPORTER: 'otlp' }).sort()).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_SERVICE_NAME',
    ]);
    expect(
      problems({
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_SERVICE_NAME: 'ledger',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      }).sort(),
    ).toEqual(['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_PROTOCOL']);
    expect(problems({ OTEL_TRACES_SAMPLER: 'sometimes' })).toEqual(['OTEL_TRACES_SAMPLER']);
    expect(problems({ OTEL_TRACES_SAMPLER: 'traceidratio' })).toEqual(['OTEL_TRACES_SAMPLER_ARG']);
    expect(problems({ OTEL_TRACES_SAMPLER_ARG: '1.5' })).toEqual(['OTEL_TRACES_SAMPLER_ARG']);
    expect(problems({ OTEL_SDK_DISABLED: 'yes' })).toEqual(['OTEL_SDK_DISABLED']);
  });
});

describe('requests, with tracing off', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await lotsApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('that may write are correlated by their x-request-id, with no span even when the caller sends a traceparent', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/lots/A-1',
      headers: { 'x-request-id': 'req-42', traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` },
      payload: { sample: 'A-1' },
    });

    expect(response.json()).toEqual({ correlation: ['req-42'], spanId: null });
  });

  it('that only read (the consumer page) are left alone: no correlation scope, no span', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/lots/A-1',
      headers: { 'x-request-id': 'req-44', traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` },
    });

    expect(response.json()).toEqual({ correlation: [], spanId: null });
  });

  it('cost a read route nothing: it has the same hooks as in an application without tracing or correlation', async () => {
    const bare = await NestFactory.create<NestFastifyApplication>(
      LotsModule,
      new FastifyAdapter(),
      { logger: false, abortOnError: false },
    );
    await bare.init();
    await bare.getHttpAdapter().getInstance().ready();
    const hooksOf = (of: NestFastifyApplication, method: string) =>
      of
        .getHttpAdapter()
        .getInstance()
        .printRoutes({ includeHooks: true, commonPrefix: false })
        .split(/\n(?=\S|\s*\/)/)
        .find((route) => route.includes('/lots/:lot (') && route.includes(method))
        ?.match(/\(onRequest\) .*/)?.[0];

    expect(hooksOf(app, 'GET')).toBe(hooksOf(bare, 'GET'));
    expect(hooksOf(app, 'POST')).toContain('correlate()');
    await bare.close();
  });

  it('carry no correlation id a client chose badly (spaces, quotes, length)', async () => {
    for (const id of ['a "quoted" id', 'x'.repeat(129)]) {
      const response = await app.inject({
        method: 'POST',
        url: '/lots/A-1',
        headers: { 'x-request-id': id },
      });

      expect(response.json()).toMatchObject({ correlation: [] });
    }
  });
});

describe('requests, with tracing on', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing | undefined;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    tracing = startTracing({ exporter });
    app = await lotsApp();
  });
  afterAll(async () => {
    await app.close();
    await tracing?.shutdown();
  });
  beforeEach(() => exporter.reset());

  it('each get a server span named by route, child of the caller traceparent, active in the handler', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/lots/A-1',
      headers: { 'x-request-id': 'req-43', traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` },
      payload: { sample: 'A-1' },
    });

    const [span] = exporter.getFinishedSpans();
    expect(exporter.getFinishedSpans()).toHaveLength(1);
    expect(span?.name).toBe('POST /lots/:lot');
    expect(span?.kind).toBe(SpanKind.SERVER);
    expect(span?.spanContext().traceId).toBe(TRACE_ID);
    expect(span?.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(span?.attributes).toMatchObject({
      'http.route': '/lots/:lot',
      'http.response.status_code': 201,
    });
    expect(response.json()).toEqual({
      correlation: ['req-43'],
      spanId: span?.spanContext().spanId,
    });
  });

  it('start a trace of their own without a traceparent, and mark server errors', async () => {
    await app.inject({ method: 'GET', url: '/lots/A-1/broken' });

    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('GET /lots/:lot/broken');
    expect(span?.parentSpanContext).toBeUndefined();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes['http.response.status_code']).toBe(500);
  });
});
