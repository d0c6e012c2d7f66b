import { randomBytes, randomInt } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { Principal } from '@pujiang/auth';
import { AccessGrant } from '@pujiang/contracts';
import { eventHashDigest } from '@pujiang/epcis';
import { ProofStep, rootFromProof } from '@pujiang/merkle';
import { gs1CheckDigit } from '@pujiang/standards';
import { AppModule as LedgerApp } from '../../services/ledger/src/app.module';
import { AppModule as TraceabilityApp } from '../../services/traceability/src/app.module';
import { farmToStoreDocument } from '../../services/traceability/src/epcis/testing/supply-chain.fixture';
import { eventually } from '../support/kafka-probe';
import { startService } from '../support/running-service';
import { stackEnv } from '../support/stack-env';
import { ORG1_PACKER, bearer } from '../support/stack-tokens';

/**
 * Who sees what (issue 14): Org1's packer captures the story of a lot; Org2
 * sees it only while Org1 grants it, a recall through what it may not see
 * shows redacted steps whose proofs still verify, and the public consumer
 * page shows only what Org1 publishes, marked verified by the ledger alone.
 */

const ORG2_RETAILER: Principal = {
  organisation: 'Org2MSP',
  party: 'retailer',
  roles: ['trace:capture', 'trace:query', 'trace:trace', 'trace:share'],
};
/** Holds trace:share, but the directory lists no such party of Org2 to sign with. */
const ORG2_STRANGER: Principal = { ...ORG2_RETAILER, party: 'mallory' };
const ORG1_READER: Principal = { ...ORG1_PACKER, roles: ['trace:query'] };

interface Proof {
  eventID?: string;
  eventHash: string;
  anchorStatus: string;
  verified: boolean;
  anchor?: { proof: ProofStep[]; txId: string };
  ledger?: { merkleRoot: string; txId: string } | null;
}
interface RedactedStep {
  eventHash: string;
  capturingOrganisation: string;
  proof: Proof;
}

// A GTIN of its own per run, so grants and publications of this run cover nothing else.
const ITEM = String(randomInt(100_000, 1_000_000));
const GTIN = `0952012${ITEM}${gs1CheckDigit(`0952012${ITEM}`)}`;
const TAG = randomBytes(4).toString('hex');
const LOT_A = `https://id.gs1.org/01/${GTIN}/10/${TAG}-A`;
const LOT_P = `https://id.gs1.org/01/${GTIN}/10/${TAG}-P`;

/** The farm-to-store story of the fixture, about this run's GTIN. */
function story(): unknown {
  const json = JSON.stringify(farmToStoreDocument(TAG));
  return JSON.parse(
    json.replaceAll('952012.0345678', `952012.0${ITEM}`).replaceAll('09520123456788', GTIN),
  );
}

describe('who sees what: grants, redacted recalls and the published consumer page', () => {
  let traceability: { app: NestFastifyApplication; url: string };
  let ledgerService: { app: NestFastifyApplication; url: string };
  let db: Client;
  let packer: Record<string, string>;
  let retailer: Record<string, string>;
  /** Org1's events of the lot (5) and of its pallet only (6), by event hash. */
  let lotEvents: string[];
  let palletEvents: string[];
  const openGrants: string[] = [];

  const call = async (
    who: Record<string, string> | undefined,
    path: string,
    init: { method?: string; body?: unknown } = {},
  ) => {
    const res = await fetch(`${traceability.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...who,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const type = res.headers.get('content-type') ?? '';
    const body: unknown = type.includes('json') ? await res.json() : await res.text();
    return { status: res.status, type, location: res.headers.get('location'), body };
  };
  const eventsNaming = async (who: Record<string, string>, query: string) => {
    const { status, body } = await call(who, `/events?${query}&perPage=100`);
    expect(status).toBe(200);
    const list = (
      body as { epcisBody: { queryResults: { resultsBody: { eventList: { eventID: string }[] } } } }
    ).epcisBody.queryResults.resultsBody.eventList;
    return list.map((e) => e.eventID).sort();
  };
  const lotQuery = `MATCH_anyEPCClass=${encodeURIComponent(`${LOT_A}|${LOT_P}`)}`;
  const grantsOf = async (who: Record<string, string>) =>
    (await call(who, '/grants')).body as { given: AccessGrant[]; received: AccessGrant[] };
  const grant = async (body: unknown) => {
    const res = await call(packer, '/grants', { method: 'POST', body });
    expect(res.status).toBe(201);
    const recorded = res.body as AccessGrant;
    openGrants.push(recorded.grantId);
    return { ...res, grant: recorded };
  };
  const revoke = async (grantId: string) => {
    const res = await call(packer, `/grants/${grantId}`, { method: 'DELETE' });
    openGrants.splice(openGrants.indexOf(grantId), 1);
    return res;
  };

  beforeAll(async () => {
    ledgerService = await startService('ledger', LedgerApp);
    traceability = await startService('traceability', TraceabilityApp);
    db = new Client({ connectionString: stackEnv().TRACEABILITY_DATABASE_URL });
    await db.connect();
    packer = await bearer(ORG1_PACKER);
    retailer = await bearer(ORG2_RETAILER);

    const captured = await call(packer, '/capture', { method: 'POST', body: story() });
    expect(captured.status).toBe(202);
    lotEvents = await eventsNaming(packer, lotQuery);
    const rows = await db.query<{ event_hash: string }>(
      `SELECT event_hash FROM epcis_event WHERE capture_id = $1::uuid ORDER BY seq`,
      [(captured.body as { captureID: string }).captureID],
    );
    palletEvents = rows.rows.map((r) => r.event_hash).filter((h) => !lotEvents.includes(h));
    expect(lotEvents).toHaveLength(5);
    expect(palletEvents).toHaveLength(6);
    // Every step is anchored, and its proof holds, before anyone looks.
    await eventually(
      async () => {
        const proofs = await Promise.all(
          [...lotEvents, ...palletEvents].map(
            async (hash) =>
              (await call(packer, `/events/${encodeURIComponent(hash)}/proof`)).body as Proof,
          ),
        );
        return proofs.every((p) => p.verified) ? true : undefined;
      },
      'every step of the story to be anchored and verified',
      90_000,
    );
  });

  afterAll(async () => {
    // A failed run leaves no grant behind on the shared ledger.
    for (const grantId of [...openGrants]) await revoke(grantId).catch(() => undefined);
    await db?.end();
    await traceability?.app.close();
    await ledgerService?.app.close();
  });

  it('shows Org2 nothing of Org1’s story until Org1 grants it the lot’s GTIN, exactly that, and nothing after revocation', async () => {
    const someStep = encodeURIComponent(lotEvents[0] ?? '');
    expect(await eventsNaming(retailer, lotQuery)).toEqual([]);
    expect((await call(retailer, `/events/${someStep}`)).status).toBe(404);
    expect((await call(retailer, `/events/${someStep}/proof`)).status).toBe(404);

    const given = await grant({ grantee: 'Org2MSP', scope: { kind: 'gtin', value: GTIN } });
    expect(given.location).toBe(`/grants/Org1MSP/${given.grant.grantId}`);
    expect(given.grant).toMatchObject({
      granterMspId: 'Org1MSP',
      grantee: 'Org2MSP',
      scope: { kind: 'gtin', value: GTIN },
      grantedBy: expect.stringMatching(/^Org1MSP::User8@org1/),
    });
    expect((await call(retailer, given.location ?? '')).body).toEqual(given.grant);
    expect((await grantsOf(retailer)).received).toContainEqual(given.grant);

    // Exactly the scope: the lot's five steps, none of the six that name only the pallet.
    expect(await eventsNaming(retailer, lotQuery)).toEqual(lotEvents);
    expect((await call(retailer, `/events/${someStep}`)).status).toBe(200);
    const hidden = encodeURIComponent(palletEvents[0] ?? '');
    expect((await call(retailer, `/events/${hidden}`)).status).toBe(404);

    const revoked = await revoke(given.grant.grantId);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      grantId: given.grant.grantId,
      revokedAt: expect.any(String),
    });
    expect(await eventsNaming(retailer, lotQuery)).toEqual([]);
    expect((await call(retailer, `/events/${someStep}`)).status).toBe(404);
  });

  it('refuses whoever may not grant or revoke, with the exact problem, and changes nothing', async () => {
    const given = await grant({
      grantee: 'Org2MSP',
      scope: { kind: 'lot', value: GTIN, lot: `${TAG}-A` },
    });
    const before = { org1: await grantsOf(packer), org2: await grantsOf(retailer) };
    const refusals: [
      string,
      Record<string, string> | undefined,
      string,
      unknown,
      number,
      RegExp,
    ][] = [
      ['no token', undefined, 'POST', { grantee: 'Org2MSP' }, 401, /bearer token is required/],
      [
        'no trace:share role',
        await bearer(ORG1_READER),
        'POST',
        { grantee: 'Org2MSP' },
        403,
        /trace:share/,
      ],
      [
        'no directory party',
        await bearer(ORG2_STRANGER),
        'POST',
        { grantee: 'Org1MSP' },
        403,
        /mallory of Org2MSP has no ledger identity/,
      ],
      [
        'a grant to oneself',
        packer,
        'POST',
        { grantee: 'Org1MSP' },
        400,
        /its own events without a grant/,
      ],
      ['Org2 revoking Org1’s grant', retailer, 'DELETE', undefined, 404, /not found/],
    ];
    for (const [name, who, method, body, status, detail] of refusals) {
      const path = method === 'DELETE' ? `/grants/${given.grant.grantId}` : '/grants';
      const res = await call(who, path, { method, body });
      expect({ name, status: res.status, type: res.type }).toEqual({
        name,
        status,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect((res.body as { detail: string }).detail).toMatch(detail);
    }
    const invalid = await call(packer, '/grants', {
      method: 'POST',
      body: { grantee: 'Org2MSP', scope: { kind: 'gtin', value: '123' } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({
      errors: [{ pointer: '/scope/value', detail: 'must be a GTIN-14 with a valid check digit' }],
    });
    expect({ org1: await grantsOf(packer), org2: await grantsOf(retailer) }).toEqual(before);

    expect((await revoke(given.grant.grantId)).status).toBe(200);
    const twice = await call(packer, `/grants/${given.grant.grantId}`, { method: 'DELETE' });
    expect(twice.status).toBe(409);
  });

  it('attributes what an Org2 token captures to Org2: Org1 does not even see it', async () => {
    const receipt = {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      eventTime: '2026-11-21T09:00:00.000Z',
      eventTimeZoneOffset: '+01:00',
      bizStep: 'receiving',
      epcList: [],
      quantityList: [{ epcClass: LOT_P, quantity: 20, uom: 'KGM' }],
      bizLocation: { id: 'https://id.gs1.org/414/9520123456795' },
    };
    const stored = await call(retailer, '/events', { method: 'POST', body: receipt });
    expect(stored.status).toBe(201);
    const { eventID } = stored.body as { eventID: string };
    const row = await db.query(
      `SELECT capturing_organisation, capturing_party FROM epcis_event WHERE event_hash = $1`,
      [eventID],
    );
    expect(row.rows).toEqual([{ capturing_organisation: 'Org2MSP', capturing_party: 'retailer' }]);
    expect((await call(packer, `/events/${encodeURIComponent(eventID)}`)).status).toBe(404);
    expect((await call(retailer, `/events/${encodeURIComponent(eventID)}`)).status).toBe(200);
  });

  it('recalls for Org2 through Org1’s steps, redacted, each with a proof that verifies against the ledger', async () => {
    const res = await call(retailer, `/recall?gtin=${GTIN}&lot=${TAG}-A`);
    expect(res.status).toBe(200);
    const recall = res.body as {
      downstreamLots: string[];
      redactedSteps: RedactedStep[];
      eventCount: number;
    };
    // Org2's own receipt of the packed lot is reached through Org1's hidden transformation.
    expect(recall.downstreamLots).toEqual([LOT_P]);
    const redacted = recall.redactedSteps.map((s) => s.eventHash);
    expect(redacted).toEqual(expect.arrayContaining(lotEvents));
    for (const step of recall.redactedSteps) {
      expect(Object.keys(step).sort()).toEqual(['capturingOrganisation', 'eventHash', 'proof']);
      expect(step.capturingOrganisation).toBe('Org1MSP');
      expect(step.proof).not.toHaveProperty('eventID');
      expect(step.proof.verified).toBe(true);
      // Anyone can redo it: the hash's path leads to the root the ledger holds for the batch.
      const root = rootFromProof(eventHashDigest(step.eventHash), step.proof.anchor?.proof ?? []);
      expect(step.proof.ledger).toMatchObject({ merkleRoot: root, txId: step.proof.anchor?.txId });
    }
    expect(JSON.stringify(recall)).not.toContain('9520123456771'); // Org1's packhouse
  });

  it('shows the public only published steps, verified against the ledger, and not a row edited behind its back', async () => {
    const page = async () => (await call(undefined, `/01/${GTIN}/10/${TAG}-P`)).body as string;
    const verifyLink = (hash: string) => `/verify/${encodeURIComponent(hash)}`;
    expect(await page()).toContain('No step has been published for this code yet.');
    expect((await call(undefined, verifyLink(lotEvents[0] ?? ''))).status).toBe(404);

    await grant({ grantee: 'PUBLIC', scope: { kind: 'gtin', value: GTIN } });
    const published = await eventually(async () => {
      const html = await page();
      return lotEvents.every((h) => html.includes(verifyLink(h))) ? html : undefined;
    }, 'the published steps on the page');
    for (const hash of palletEvents) expect(published).not.toContain(verifyLink(hash));
    expect(published.match(/<li>/g)).toHaveLength(lotEvents.length);
    expect(published.match(/Sealed and unchanged/g)).toHaveLength(lotEvents.length);
    const verify = await call(undefined, verifyLink(lotEvents[0] ?? ''));
    expect(verify).toMatchObject({ status: 200, body: { verified: true } });
    expect((await call(undefined, verifyLink(palletEvents[0] ?? ''))).status).toBe(404);

    const edited = lotEvents[0] ?? '';
    await db.query(
      `UPDATE epcis_event SET document = jsonb_set(document, '{bizStep}', '"destroying"')
        WHERE event_hash = $1`,
      [edited],
    );
    const after = await eventually(async () => {
      const html = await page();
      const step = html.split('</li>').find((l) => l.includes(verifyLink(edited)));
      return step?.includes('Changed since it was sealed') ? html : undefined;
    }, 'the edited step to show as not verified');
    expect(after.match(/Sealed and unchanged/g)).toHaveLength(lotEvents.length - 1);
    expect((await call(undefined, verifyLink(edited))).body).toMatchObject({ verified: false });
  });
});
