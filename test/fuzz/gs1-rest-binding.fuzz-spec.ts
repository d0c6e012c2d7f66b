import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ORG1_PACKER, stackToken } from '../support/stack-tokens';
import { startTraceabilityWithoutLedger } from '../support/traceability-without-ledger';
import { WEBHOOK_SUBSCRIPTION, gs1RestBindingDocument } from './support/gs1-rest-binding';
import { fuzz } from './support/schemathesis';

jest.setTimeout(30 * 60_000);

/**
 * The traceability service checked against GS1's own OpenAPI of the EPCIS 2.0 REST binding,
 * not only against its own description: GS1's status codes, content types and response
 * schemas, with the deviations listed in support/gs1-rest-binding.ts and README.md.
 */
describe('the EPCIS repository under GS1’s REST binding (Schemathesis)', () => {
  let traceability: { app: NestFastifyApplication; url: string };

  beforeAll(async () => {
    traceability = await startTraceabilityWithoutLedger();
  });

  afterAll(() => traceability?.app.close());

  it('answers every operation of the binding as GS1’s OpenAPI says', async () => {
    const run = await fuzz({
      url: traceability.url,
      schema: gs1RestBindingDocument(),
      headers: [`Authorization: Bearer ${await stackToken(ORG1_PACKER)}`],
      // Every operation but the one that would send webhooks to generated hosts.
      excludeOperations: [WEBHOOK_SUBSCRIPTION],
      maxExamples: 60,
    });

    if (run.status !== 0) process.stdout.write(run.output);
    expect(run.status).toBe(0);
    expect(run.requests).toBeGreaterThan(500);
  });
});
