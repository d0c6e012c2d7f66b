import { EblRecord, EblStatus } from '@pujiang/contracts';
import { DataSource } from 'typeorm';
import { stackEnv } from '../../../../test/support/stack-env';
import { createTestDataSource, dropTestDataSource } from '../../../../test/support/test-database';
import { eventually } from '../../../../test/support/kafka-probe';
import { Deliveries } from '../delivery/deliveries';
import { DeliveryDispatcher, DeliveryOutcome } from '../delivery/delivery-dispatcher';
import { TransportDocumentStore } from '../transport-documents/transport-document.store';
import { EblRepository1763880000300 } from './migrations/1763880000300-ebl-repository';

function record(chainLength: number, status: EblRecord['status'] = EblStatus.issued): EblRecord {
  return {
    transportDocumentReference: 'REF-1',
    platform: 'Org1MSP',
    documentChecksum: 'c'.repeat(64),
    isToOrder: true,
    status,
    issuer: 'Org1MSP::carrier',
    holder: `Org1MSP::holder${chainLength}`,
    possessor: `Org1MSP::holder${chainLength}`,
    endorsee: null,
    blankEndorsed: false,
    endorseeMayEndorse: true,
    chain: Array.from({ length: chainLength }, (_, i) => ({
      action: 'SIGN' as const,
      actor: `Org1MSP::holder${i}`,
      txId: `tx${i}`,
      at: '2026-11-25T10:00:00.000Z',
    })),
    lastTxId: `tx${chainLength}`,
    updatedAt: `2026-11-25T10:00:0${chainLength}.000Z`,
  };
}

describe('eBL persistence against the real PostgreSQL', () => {
  let dataSource: DataSource;
  const store = new TransportDocumentStore();

  beforeAll(async () => {
    dataSource = await createTestDataSource(
      stackEnv().EBL_DATABASE_URL ?? '',
      [],
      [EblRepository1763880000300],
    );
    await store.saveDocument(dataSource.manager, {
      transportDocumentReference: 'REF-1',
      document: { transportDocumentReference: 'REF-1' },
      documentChecksum: 'c'.repeat(64),
      issuingCarrier: 'PJCL',
      envelopeTransferChain: [],
      issuanceManifestSignedContent: null,
    });
  });

  afterAll(async () => {
    await dropTestDataSource(dataSource);
  });

  it('applies ledger records in chain order, whichever arrives first', async () => {
    expect(await store.applyRecord(dataSource.manager, record(3))).toBe(true);
    expect(await store.applyRecord(dataSource.manager, record(2))).toBe(false);
    expect(await store.applyRecord(dataSource.manager, record(3))).toBe(false);
    expect((await store.find(dataSource.manager, 'REF-1'))?.record?.holder).toBe(
      'Org1MSP::holder3',
    );
    expect(await store.applyRecord(dataSource.manager, record(4))).toBe(true);
  });

  it('shows a document to everyone in its chain and to nobody else', async () => {
    const seen = await store.forParty(dataSource.manager, 'Org1MSP::holder1', false);
    expect(seen.map((d) => d.transportDocumentReference)).toEqual(['REF-1']);
    expect(await store.forParty(dataSource.manager, 'Org1MSP::stranger', false)).toEqual([]);
    expect(await store.forParty(dataSource.manager, 'Org1MSP::holder1', true)).toEqual([]);
  });

  it('ignores a ledger record for a document it does not hold', async () => {
    const foreign = { ...record(1), transportDocumentReference: 'NOT-HERE' };
    expect(await store.applyRecord(dataSource.manager, foreign)).toBe(false);
  });

  it('retries an owed call until it is answered and stops at a definite refusal', async () => {
    const dispatcher = new DeliveryDispatcher(dataSource);
    const outcomes: DeliveryOutcome[] = ['retry', 'delivered'];
    const seen: unknown[] = [];
    dispatcher.register({
      kind: 'test',
      deliver: (payload) => {
        seen.push(payload);
        return Promise.resolve(outcomes.shift() ?? 'delivered');
      },
    });
    dispatcher.register({
      kind: 'refused',
      deliver: () => Promise.resolve({ refused: 'carrier answered 400' }),
    });
    await dataSource.transaction(async (manager) => {
      await new Deliveries().enqueue(manager, { kind: 'test', payload: { n: 1 } });
      await new Deliveries().enqueue(manager, { kind: 'refused', payload: { n: 2 } });
    });

    expect(await dispatcher.dispatchDue()).toBe(2);
    // The failed attempt waits for its back-off; make it due now instead of sleeping.
    await dataSource.query(
      `UPDATE delivery SET next_attempt_at = now() WHERE delivered_at IS NULL`,
    );
    await eventually(
      async () => ((await dispatcher.dispatchDue()) === 1 ? true : undefined),
      'the retry',
    );

    const rows: {
      kind: string;
      attempts: number;
      delivered: boolean;
      last_error: string | null;
    }[] = await dataSource.query(
      `SELECT kind, attempts, delivered_at IS NOT NULL AS delivered, last_error FROM delivery ORDER BY id`,
    );
    expect(rows).toEqual([
      { kind: 'test', attempts: 2, delivered: true, last_error: null },
      { kind: 'refused', attempts: 1, delivered: true, last_error: 'carrier answered 400' },
    ]);
    expect(seen).toEqual([{ n: 1 }, { n: 1 }]);
    expect(await dispatcher.dispatchDue()).toBe(0);
  });
});
