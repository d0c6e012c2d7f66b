import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTraceabilityWithoutLedger } from '../support/traceability-without-ledger';
import { fuzz } from './support/schemathesis';

jest.setTimeout(30 * 60_000);

/**
 * Runs wherever PostgreSQL and Kafka do, so in every CI. The ledger is absent
 * here: the two operations that read it (a proof, the health check) answer
 * 503 by design and are fuzzed with the real ledger in services.fabric.fuzz-spec.ts.
 */
describe('the traceability API under generated requests (Schemathesis)', () => {
  let traceability: { app: NestFastifyApplication; url: string };

  beforeAll(async () => {
    traceability = await startTraceabilityWithoutLedger();
  });

  afterAll(() => traceability?.app.close());

  it('answers every request without a server error, refusing with problem details', async () => {
    const run = await fuzz({
      url: traceability.url,
      excludePathRegex: '^/(health|events/\\{eventID\\}/proof)$',
      maxExamples: 150,
    });

    if (run.status !== 0) process.stdout.write(run.output);
    expect(run.status).toBe(0);
    expect(run.requests).toBeGreaterThan(1000);
  });
});
