import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ORG1_PACKER, stackToken } from '../support/stack-tokens';
import { startTraceabilityWithoutLedger } from '../support/traceability-without-ledger';
import { fuzz } from './support/schemathesis';

jest.setTimeout(30 * 60_000);

/** The consumer pages (a GTIN, lot, serial or SSCC) and the QR code: what a shopper’s phone opens, with no login. */
const PUBLIC_PATHS = '^/((qr/)?01/|00/)';

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

  // Org1's packer holds every trace role, so requests get past the token to
  // the validation and the database (an hour's token outlasts the run).
  it('answers every request without a server error, refusing with problem details', async () => {
    const run = await fuzz({
      url: traceability.url,
      headers: [`Authorization: Bearer ${await stackToken(ORG1_PACKER)}`],
      // What needs the ledger (proofs, grants, the public proof check) is fuzzed on the real
      // ledger in services.fabric.fuzz-spec.ts.
      excludePathRegex: '^/(health|events/\\{eventID\\}/proof|grants.*|verify/.*)$',
      maxExamples: 150,
    });

    if (run.status !== 0) process.stdout.write(run.output);
    expect(run.status).toBe(0);
    expect(run.requests).toBeGreaterThan(1000);
  });

  it('serves the consumer page and its QR code to anyone, asking for no token', async () => {
    const run = await fuzz({
      url: traceability.url,
      pathRegex: PUBLIC_PATHS,
      extraChecks: ['answers_without_a_token'],
      maxExamples: 100,
    });

    if (run.status !== 0) process.stdout.write(run.output);
    expect(run.status).toBe(0);
    expect(run.requests).toBeGreaterThanOrEqual(50);
  });
});
