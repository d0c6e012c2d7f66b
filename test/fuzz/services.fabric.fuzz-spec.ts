import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule as LedgerApp } from '../../services/ledger/src/app.module';
import { AppModule as SupervisionApp } from '../../services/supervision/src/app.module';
import { AppModule as TraceabilityApp } from '../../services/traceability/src/app.module';
import { AppModule as VesselsApp } from '../../services/vessels/src/app.module';
import { CarrierSystem } from '../support/carrier-system';
import { startInsurers } from '../support/claims-insurers';
import { EblWorld, startEblWorld } from '../support/ebl-platforms';
import { startService } from '../support/running-service';
import { ORG1_PACKER, stackToken } from '../support/stack-tokens';
import { FuzzTarget, fuzz } from './support/schemathesis';

jest.setTimeout(60 * 60_000);

type Running = { app: NestFastifyApplication; url: string };

/**
 * Every service on the real ledger, each operation called as the caller it is
 * meant for (so generated requests get past authentication and reach the
 * validation and the chaincode) and by nobody (Schemathesis's auth checks).
 */
describe('every service under generated requests, on the real ledger (Schemathesis)', () => {
  const carrier = new CarrierSystem();
  let world: EblWorld;
  let insurers: Awaited<ReturnType<typeof startInsurers>>;
  let traceability: Running;
  let ledger: Running;
  let vessels: Running;
  let supervision: Running;

  beforeAll(async () => {
    ledger = await startService('ledger', LedgerApp);
    vessels = await startService('vessels', VesselsApp);
    traceability = await startService('traceability', TraceabilityApp);
    supervision = await startService('supervision', SupervisionApp);
    world = await startEblWorld(await carrier.start());
    insurers = await startInsurers(traceability.url);
  }, 600_000);

  afterAll(async () => {
    await insurers?.stop();
    await world?.stop();
    await carrier.stop();
    await traceability?.app.close();
    await ledger?.app.close();
    await vessels?.app.close();
    await supervision?.app.close();
  });

  const bearer = (token: string) => [`Authorization: Bearer ${token}`];

  // Tokens are minted when the run starts: the carriers' and platforms' live two minutes.
  const runs: [string, () => FuzzTarget | Promise<FuzzTarget>][] = [
    [
      'traceability: the operations that read the ledger',
      async () => ({
        url: traceability.url,
        headers: bearer(await stackToken(ORG1_PACKER)),
        // Not POST or DELETE /grants: a generated grant would stay on the ledger and
        // change what later runs may see (who-sees-what.e2e-spec.ts tests them instead).
        pathRegex:
          '^/(health|events/\\{eventID\\}/proof|verify/\\{eventHash\\}|grants/\\{granterMspId\\}/\\{grantId\\})$',
        maxExamples: 100,
      }),
    ],
    // The ledger service answers only its health check over HTTP.
    ['ledger', () => ({ url: ledger.url, maxExamples: 100, minRequests: 5 })],
    [
      'eBL: a trader’s documents and actions',
      async () => ({
        url: world.pja.url,
        headers: bearer(await world.pja.tokenFor('shipper')),
        pathRegex: '^/(transport-documents|endorsement-chains)',
        maxExamples: 50,
      }),
    ],
    [
      'eBL: the carrier’s issuance, surrender answers and void',
      async () => ({
        url: world.pja.url,
        headers: bearer(await world.carrierToken('PJA')),
        pathRegex: '^/(v3/ebl-|carrier/)',
        maxExamples: 50,
      }),
    ],
    [
      'eBL: another platform’s PINT envelopes',
      async () => ({
        url: world.pja.url,
        headers: bearer(await world.platformToken(world.pjb, 'PJA')),
        pathRegex: '^/v3/(envelopes|receiver-validation)',
        maxExamples: 50,
      }),
    ],
    [
      'eBL: public verification',
      () => ({ url: world.pja.url, pathRegex: '^/(verify|health)', maxExamples: 100 }),
    ],
    [
      'claims: the insurer',
      async () => ({
        url: insurers.org1.url,
        headers: bearer(await insurers.org1.insurerToken()),
        maxExamples: 50,
      }),
    ],
    [
      'claims: a claimant',
      async () => ({
        url: insurers.org1.url,
        headers: bearer(await insurers.org1.tokenFor('consignee', ['claims:claimant'])),
        pathRegex: '^/claims',
        maxExamples: 50,
      }),
    ],
    [
      // Signs on the ledger with its own certificate, enrolled with pujiang.role=surveyor.
      'claims: a surveyor',
      async () => ({
        url: insurers.org1.url,
        headers: bearer(await insurers.org1.tokenFor('surveyor', ['claims:surveyor'])),
        pathRegex: '^/claims',
        maxExamples: 50,
      }),
    ],
    // Each vessel party of Org1 signs with its own certificate; the chaincode refuses
    // what the party is not entitled to, which must come back as a problem.
    // The insurer and the war-risk lists' keeper also keep the area register (decision 0033).
    ...(['flag-state', 'owner', 'manager', 'insurer', 'war-risk-lists'] as const).map(
      (role): [string, () => Promise<FuzzTarget>] => [
        `vessels: Org1's ${role}`,
        async () => ({
          url: vessels.url,
          headers: bearer(
            await stackToken({
              organisation: 'Org1MSP',
              party: {
                'flag-state': 'registry',
                owner: 'owner',
                manager: 'manager',
                insurer: 'insurer',
                'war-risk-lists': 'war-risk-lists',
              }[role],
              roles: [`vessels:${role}`],
            }),
          ),
          maxExamples: 30,
        }),
      ],
    ),
    // The regulator's routes (FSMA 204 requests, the ledger reads, the page and monitors),
    // and an organisation's answers to requests it was never sent (404s).
    [
      'supervision: the regulator',
      async () => ({
        url: supervision.url,
        headers: bearer(
          await stackToken({
            organisation: 'RegulatorMSP',
            party: 'inspector',
            roles: ['supervisor'],
          }),
        ),
        maxExamples: 50,
      }),
    ],
    [
      'supervision: an organisation answering',
      async () => ({
        url: supervision.url,
        headers: bearer(
          await stackToken({
            organisation: 'Org1MSP',
            party: 'compliance',
            roles: ['supervision:respondent'],
          }),
        ),
        pathRegex: '^/fsma-requests/\\{requestId\\}/answer$',
        maxExamples: 50,
        minRequests: 20,
      }),
    ],
  ];

  it.each(runs)('%s: no server error, every refusal a problem', async (_name, targetOf) => {
    const target = await targetOf();
    const run = await fuzz(target);

    if (run.status !== 0) process.stdout.write(run.output);
    expect(run.status).toBe(0);
    expect(run.requests).toBeGreaterThanOrEqual(target.minRequests ?? 50);
  });
});
