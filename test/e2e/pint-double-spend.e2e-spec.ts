import { randomBytes } from 'node:crypto';
import { EblRecord } from '@pujiang/contracts';
import { DataSource } from 'typeorm';
import { EblLedger } from '../../services/ebl/src/transport-documents/ebl-ledger';
import { devPartyCode } from '../../scripts/stack/dev-parties';
import { CarrierSystem } from '../support/carrier-system';
import { issueToShipper } from '../support/ebl-issuance';
import { EblWorld, RunningPlatform, startEblWorld } from '../support/ebl-platforms';
import { HeldReceivingPlatform } from '../support/held-receiving-platform';
import { eventually } from '../support/kafka-probe';

/**
 * PINT on the sending side with two replicas of PJA's service: one sends a
 * bill to PJC, which takes it at once but holds its RECE past the sender's
 * timeout; meanwhile the other replica is asked to send the same bill to
 * PJB. Whatever each replica queued, the bill leaves for one platform only.
 */
describe('PINT sender: one envelope per export', () => {
  const carrier = new CarrierSystem();
  const pjc = new HeldReceivingPlatform('PJC');
  let world: EblWorld;
  let replica: RunningPlatform;

  beforeAll(async () => {
    const endpoint = await pjc.start();
    world = await startEblWorld(await carrier.start(), {
      foreignPlatforms: [{ code: pjc.code, endpoint, publicKeyFile: pjc.publicKeyFile }],
    });
    replica = await world.startPjaReplica();
  });

  afterAll(async () => {
    await pjc.stop();
    await world?.stop();
    await carrier.stop();
  });

  function sendByPint(
    platform: RunningPlatform,
    ref: string,
    receivingPlatform: string,
  ): Promise<Response> {
    return platform.tokenFor('shipper').then((token) =>
      fetch(`${platform.url}/transport-documents/${ref}/pint-transfers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          receivingPlatform,
          recipient: {
            partyName: 'Hamburg Grain Trading',
            identifyingCodes: [devPartyCode(receivingPlatform, 'consignee')],
          },
          actionCode: 'ENDORSE_TO_ORDER',
        }),
      }),
    );
  }

  async function recordOnPja(ref: string): Promise<EblRecord | undefined> {
    const res = await fetch(`${world.pja.url}/transport-documents/${ref}`, {
      headers: { authorization: `Bearer ${await world.pja.tokenFor('shipper')}` },
    });
    return res.status === 200 ? ((await res.json()) as { record: EblRecord }).record : undefined;
  }

  /** Envelopes for `receivingPlatform` that PJA's replicas still owe (queued, not settled). */
  async function owed(ref: string, receivingPlatform: string): Promise<number> {
    const [row] = await world.pja.app.get(DataSource).query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM delivery
        WHERE kind = 'pint-transfer' AND delivered_at IS NULL
          AND payload->>'reference' = $1 AND payload->>'receivingPlatform' = $2`,
      [ref, receivingPlatform],
    );
    return row?.n ?? 0;
  }

  it('never lets a second replica send a bill whose export to a late-answering platform is pending', async () => {
    const ref = `TWICE${randomBytes(5).toString('hex').toUpperCase()}`;
    expect((await issueToShipper(world, ref, true)).status).toBe(204);
    await eventually(
      async () => ((await recordOnPja(ref))?.status === 'ISSUED' ? true : undefined),
      'the issued bill on PJA',
    );

    const toPjc = await sendByPint(world.pja, ref, 'PJC');
    expect(toPjc.status).toBe(202);
    await eventually(
      () => (pjc.accepted.length > 0 ? true : undefined),
      'the envelope taken by PJC',
      60_000,
    );

    // PJC has the bill but has not answered yet: the holder now asks the other replica for PJB.
    const toPjb = await sendByPint(replica, ref, 'PJB');
    expect(toPjb.status).toBe(409);
    expect(toPjb.headers.get('content-type')).toMatch(/application\/problem\+json/);
    await eventually(
      async () => ((await owed(ref, 'PJB')) === 0 ? true : undefined),
      'every envelope for PJB settled by the replicas',
      60_000,
    );

    pjc.releaseAnswers();
    const left = await eventually(
      async () => {
        const record = await recordOnPja(ref);
        return record?.status === 'EXPORTED' ? record : undefined;
      },
      'the export to PJC confirmed on PJA',
      90_000,
    );
    expect(JSON.parse(left.exportedTo ?? '{}')).toMatchObject({ eblPlatform: 'PJC' });
    expect(pjc.accepted).toHaveLength(1);
    // PJB's ledger never took the bill: one platform accepted it, not two.
    expect(await world.pjb.app.get(EblLedger).read(ref)).toBeUndefined();
  });
});
