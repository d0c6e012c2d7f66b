import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Principal } from '@pujiang/auth';
import {
  AnchorCommittedV1,
  ClaimChangedV1,
  EblChangedV1,
  EpcisEventCapturedV1,
  EventType,
  Topic,
} from '@pujiang/contracts';
import { eventHashIdOfDigest } from '@pujiang/epcis';
import { createCloudEvent } from '@pujiang/messaging';
import { MerkleTree } from '@pujiang/merkle';
import { FSMA_COLUMNS } from '@pujiang/standards';
import { kafkaAs } from '../../../test/support/kafka-probe';
import { sleep } from '../../../test/support/sleep';
import {
  SupervisionUnderTest,
  startSupervisionWithoutLedger,
} from './testing/supervision-without-ledger';

/**
 * The supervision service on the stack's real PostgreSQL and Kafka (no
 * Fabric): FSMA 204 requests answered in time and late, and each monitor fed
 * by real messages that the real producers' Kafka users send. Tokens come
 * from a key pair of this suite, which the service is configured to trust.
 */
const RUN = randomBytes(3).toString('hex');
const ORG = `Sup${RUN}MSP`;
const OTHER_ORG = `Oth${RUN}MSP`;
const GTIN = '09520123456788';
const LOT = `L${RUN}`;

const REGULATOR: Principal = {
  organisation: 'RegulatorMSP',
  party: 'inspector',
  roles: ['supervisor'],
};
const RESPONDENT: Principal = {
  organisation: ORG,
  party: 'compliance',
  roles: ['supervision:respondent'],
};
const OTHER_RESPONDENT: Principal = {
  organisation: OTHER_ORG,
  party: 'compliance',
  roles: ['supervision:respondent'],
};
const PACKER: Principal = {
  organisation: ORG,
  party: 'packer',
  roles: ['trace:trace', 'trace:capture'],
};

const HEADER = FSMA_COLUMNS.join(',');
const SPREADSHEET = `${HEADER}\r\n${LOT},${GTIN},10,KGM,Shipping,2026-12-01,10:00:00,loc,a,b,,,urn:uuid:1\r\n`;

describe('the supervision service on PostgreSQL and Kafka', () => {
  let service: SupervisionUnderTest;
  let url: string;

  async function call(
    method: string,
    path: string,
    principal: Principal | undefined,
    body?: unknown,
  ): Promise<{ status: number; type: string; json: Record<string, unknown>; text: string }> {
    const headers: Record<string, string> = {};
    if (principal !== undefined) headers.authorization = `Bearer ${await service.token(principal)}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      type,
      text,
      json: type.includes('json') ? JSON.parse(text) : {},
    };
  }

  beforeAll(async () => {
    service = await startSupervisionWithoutLedger({
      SUPERVISION_COLD_CHAIN_RANGES: `${GTIN}=0..5`,
    });
    ({ url } = service);
  });

  afterAll(async () => {
    await service?.app.close();
  });

  describe('FSMA 204 requests', () => {
    const ask = (respondBy?: string, organisation = ORG) =>
      call('POST', '/fsma-requests', REGULATOR, {
        organisation,
        gtin: GTIN,
        lot: LOT,
        from: '2026-11-01T00:00:00Z',
        to: '2026-12-01T00:00:00Z',
        ...(respondBy === undefined ? {} : { respondBy }),
      });

    it('tracks a request answered within its deadline, keeping the spreadsheet and its hash', async () => {
      const asked = await ask();
      expect(asked.status).toBe(201);
      const requestId = asked.json.requestId as string;
      const deadline =
        Date.parse(asked.json.respondBy as string) - Date.parse(asked.json.requestedAt as string);
      expect(deadline).toBe(24 * 3600 * 1000);
      expect(asked.json).toMatchObject({ standing: 'AWAITING', flagged: false, answer: null });

      const answered = await call('PUT', `/fsma-requests/${requestId}/answer`, RESPONDENT, {
        spreadsheet: SPREADSHEET,
      });

      expect(answered.status).toBe(200);
      expect(answered.json).toMatchObject({
        standing: 'ANSWERED_ON_TIME',
        flagged: false,
        answer: {
          answeredBy: `${ORG}::compliance`,
          records: 1,
          spreadsheetSha256: createHash('sha256').update(SPREADSHEET).digest('hex'),
        },
      });
      const kept = await call('GET', `/fsma-requests/${requestId}/spreadsheet`, REGULATOR);
      expect(kept.text).toBe(SPREADSHEET);
      expect(kept.type).toMatch(/^text\/csv/);
      const again = await call('PUT', `/fsma-requests/${requestId}/answer`, RESPONDENT, {
        spreadsheet: SPREADSHEET,
      });
      expect(again.status).toBe(409);
    });

    it('flags a request still unanswered past an earlier respondBy, and its late answer', async () => {
      const asked = await ask(new Date(Date.now() + 1500).toISOString());
      const requestId = asked.json.requestId as string;
      await sleep(2000);

      const overdue = await call('GET', `/fsma-requests/${requestId}`, REGULATOR);
      expect(overdue.json).toMatchObject({ standing: 'OVERDUE', flagged: true });
      const late = await call('PUT', `/fsma-requests/${requestId}/answer`, RESPONDENT, {
        spreadsheet: `${HEADER}\r\n`,
      });
      expect(late.json).toMatchObject({
        standing: 'ANSWERED_LATE',
        flagged: true,
        answer: { records: 0 },
      });
      const listed = await call('GET', `/fsma-requests?organisation=${ORG}`, REGULATOR);
      expect(
        (listed.json.requests as { requestId: string; standing: string }[]).find(
          (r) => r.requestId === requestId,
        )?.standing,
      ).toBe('ANSWERED_LATE');
    });

    it('refuses bad requests and answers with problem+json, changing nothing', async () => {
      const beyond = await ask(new Date(Date.now() + 25 * 3600 * 1000).toISOString());
      expect(beyond.status).toBe(400);
      expect(beyond.type).toMatch(/application\/problem\+json/);
      expect(beyond.json.detail).toMatch(/within 24 hours/);
      expect((await ask(new Date(Date.now() - 1000).toISOString())).status).toBe(400);
      const badCheckDigit = await call('POST', '/fsma-requests', REGULATOR, {
        organisation: ORG,
        gtin: '09520123456789',
        lot: LOT,
        from: '2026-11-01T00:00:00Z',
        to: '2026-12-01T00:00:00Z',
      });
      expect(badCheckDigit.status).toBe(400);

      const requestId = (await ask()).json.requestId as string;
      const notFsma = await call('PUT', `/fsma-requests/${requestId}/answer`, RESPONDENT, {
        spreadsheet: 'a,b\r\n1,2\r\n',
      });
      expect(notFsma.status).toBe(400);
      expect(notFsma.type).toMatch(/application\/problem\+json/);
      const stillAwaited = await call('GET', `/fsma-requests/${requestId}`, REGULATOR);
      expect(stillAwaited.json).toMatchObject({ standing: 'AWAITING', answer: null });
    });

    it('lets only the organisation asked answer, and only the regulator ask or read', async () => {
      const requestId = (await ask()).json.requestId as string;

      expect(
        (
          await call('PUT', `/fsma-requests/${requestId}/answer`, OTHER_RESPONDENT, {
            spreadsheet: SPREADSHEET,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await call('PUT', `/fsma-requests/${requestId}/answer`, REGULATOR, {
            spreadsheet: SPREADSHEET,
          })
        ).status,
      ).toBe(403);
      const refused = await call('GET', `/fsma-requests/${requestId}`, RESPONDENT);
      expect(refused.status).toBe(403);
      expect(refused.type).toMatch(/application\/problem\+json/);
      expect((await call('POST', '/fsma-requests', PACKER, {})).status).toBe(403);
      expect((await call('GET', '/fsma-requests', undefined)).status).toBe(401);
      expect((await call('GET', '/supervision', PACKER)).status).toBe(403);
      expect((await call('GET', '/monitors', RESPONDENT)).status).toBe(403);
    });
  });

  describe('the compliance monitors, fed from Kafka', () => {
    const digest = () => randomBytes(32).toString('hex');
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000).toISOString();

    function captured(event: Record<string, unknown>, hashDigest = digest()): EpcisEventCapturedV1 {
      return {
        eventHash: eventHashIdOfDigest(hashDigest),
        eventID: `urn:uuid:${randomUUID()}`,
        eventTime: event.eventTime as string,
        recordTime: new Date().toISOString(),
        capturingOrganisation: ORG,
        event,
      };
    }

    async function publish<T>(
      user: string,
      topic: Topic,
      type: string,
      key: string,
      data: T,
    ): Promise<void> {
      const producer = kafkaAs(user).producer();
      await producer.connect();
      const event = createCloudEvent({ source: '/pujiang/it', type, subject: key, data });
      await producer.send({ topic, messages: [{ key, value: JSON.stringify(event) }] });
      await producer.disconnect();
    }

    async function findingsUntil(
      found: (f: Record<string, unknown[]>) => boolean,
    ): Promise<Record<string, unknown[]>> {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const findings = (await call('GET', '/monitors', REGULATOR)).json as Record<
          string,
          unknown[]
        >;
        if (found(findings) || Date.now() > deadline) return findings;
        await sleep(500);
      }
    }

    it('flags a cold-chain breach, a lot never received, a surrender with no delivery, a claim past its time bar, and the anchoring lag', async () => {
      const breachDigest = digest();
      const lot = `urn:epc:class:lgtin:952012.0345678.${LOT}`;
      await publish(
        'traceability',
        Topic.eventCaptured,
        EventType.eventCaptured,
        RUN,
        captured(
          {
            type: 'ObjectEvent',
            eventTime: daysAgo(0),
            action: 'OBSERVE',
            bizStep: 'storing',
            quantityList: [{ epcClass: lot, quantity: 5, uom: 'KGM' }],
            sensorElementList: [
              { sensorReport: [{ type: 'gs1:Temperature', value: 12.5, uom: 'CEL' }] },
            ],
          },
          breachDigest,
        ),
      );
      await publish(
        'traceability',
        Topic.eventCaptured,
        EventType.eventCaptured,
        RUN,
        captured({
          type: 'ObjectEvent',
          eventTime: daysAgo(10),
          action: 'OBSERVE',
          bizStep: 'shipping',
          epcList: [`urn:epc:id:sscc:952012.0${RUN.replace(/[a-f]/g, '1')}0000`],
        }),
      );
      await publish('ledger', Topic.anchorCommitted, EventType.anchorCommitted, RUN, {
        batchId: `batch-${RUN}`,
        submitterMspId: ORG,
        // A root its items lead to: traceability's consumer reads this topic too.
        merkleRoot: new MerkleTree([breachDigest]).root,
        items: [{ itemId: randomUUID(), digest: breachDigest }],
        txId: digest(),
        blockNumber: 7,
        anchoredAt: new Date(Date.now() + 2000).toISOString(),
      } satisfies AnchorCommittedV1);
      const surrendered = (reference: string): EblChangedV1 => ({
        transportDocumentReference: reference,
        platform: ORG,
        status: 'SURRENDERED',
        txId: digest(),
        changedAt: daysAgo(5),
      });
      await publish(
        'ebl',
        Topic.eblChanged,
        EventType.eblChanged,
        `U${RUN}`,
        surrendered(`U${RUN}`),
      );
      await publish(
        'ebl',
        Topic.eblChanged,
        EventType.eblChanged,
        `D${RUN}`,
        surrendered(`D${RUN}`),
      );
      await publish(
        'traceability',
        Topic.eventCaptured,
        EventType.eventCaptured,
        RUN,
        captured({
          type: 'ObjectEvent',
          eventTime: daysAgo(4),
          action: 'OBSERVE',
          bizStep: 'receiving',
          epcList: [`urn:epc:id:sgtin:952012.0345678.${RUN}`],
          bizTransactionList: [{ type: 'bol', bizTransaction: `D${RUN}` }],
        }),
      );
      const claimId = randomUUID();
      await publish('claims', Topic.claimChanged, EventType.claimChanged, claimId, {
        claimId,
        insurerMsp: ORG,
        status: 'UNDER_ASSESSMENT',
        changedAt: daysAgo(1),
        timeBars: [{ name: 'NOTICE_OF_LOSS', deadline: daysAgo(3).slice(0, 10) }],
      } satisfies ClaimChangedV1);

      const findings = await findingsUntil(
        (f) =>
          f.claimsPastTimeBar.some((c) => (c as { claimId: string }).claimId === claimId) &&
          f.anchoringLag.some(
            (l) =>
              (l as { organisation: string; anchored: number }).organisation === ORG &&
              (l as { anchored: number }).anchored > 0,
          ) &&
          f.shipmentsNotReceived.some(
            (s) => (s as { organisation: string }).organisation === ORG,
          ) &&
          f.surrenderedWithoutDelivery.some((s) => (s as { platform: string }).platform === ORG),
      );

      expect(findings.coldChainBreaches).toContainEqual(
        expect.objectContaining({
          organisation: ORG,
          gtin: GTIN,
          readingCelsius: 12.5,
          minCelsius: 0,
          maxCelsius: 5,
          identifiers: [`https://id.gs1.org/01/${GTIN}/10/${LOT}`],
        }),
      );
      expect(
        findings.shipmentsNotReceived.filter(
          (s) => (s as { organisation: string }).organisation === ORG,
        ),
      ).toHaveLength(1);
      expect(
        findings.surrenderedWithoutDelivery.filter(
          (s) => (s as { platform: string }).platform === ORG,
        ),
      ).toEqual([expect.objectContaining({ transportDocumentReference: `U${RUN}` })]);
      expect(findings.claimsPastTimeBar).toContainEqual(
        expect.objectContaining({ claimId, clock: 'NOTICE_OF_LOSS', daysPast: 3 }),
      );
      const lag = findings.anchoringLag.find(
        (l) => (l as { organisation: string }).organisation === ORG,
      ) as { maxLagSeconds: number; anchored: number; pending: number };
      expect(lag.anchored).toBe(1);
      expect(lag.pending).toBe(2);
      expect(lag.maxLagSeconds).toBeGreaterThanOrEqual(1);

      const metrics = await (await fetch(`${url}/metrics`)).text();
      for (const monitor of [
        'cold-chain-breach',
        'shipped-lot-not-received',
        'ebl-surrendered-without-delivery',
        'claim-past-time-bar',
      ]) {
        expect(metrics).toContain(
          `pujiang_supervision_findings{monitor="${monitor}",organisation="${ORG}"} 1`,
        );
      }
      expect(metrics).toMatch(
        new RegExp(`pujiang_supervision_anchoring_lag_seconds\\{organisation="${ORG}"\\} \\d`),
      );

      const page = await call('GET', '/supervision?lang=zh', REGULATOR);
      expect(page.type).toMatch(/^text\/html/);
      expect(page.text).toContain('<html lang="zh-Hans">');
      expect(page.text).toContain(`U${RUN}`);
      expect(page.text).toContain('12.5 °C');
    });

    it('answers a ledger read with 503 problem+json when the ledger cannot be reached', async () => {
      const read = await call('GET', `/ledger/ebls/${ORG}/U${RUN}`, REGULATOR);

      expect(read.status).toBe(503);
      expect(read.type).toMatch(/application\/problem\+json/);
      expect((await call('GET', '/ledger/claims/not-a-uuid', REGULATOR)).status).toBe(400);
      expect((await call('GET', `/ledger/ebls/${ORG}/U${RUN}`, RESPONDENT)).status).toBe(403);
    });
  });
});
