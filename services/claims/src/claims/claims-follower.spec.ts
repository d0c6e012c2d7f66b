import { ClaimChangedV1, ClaimRecord, ClaimsEvent, Topic } from '@pujiang/contracts';
import { LedgerEvent } from '@pujiang/ledger-client';
import { CloudEvent, Outbox, OutboxEntry } from '@pujiang/messaging';
import { EntityManager } from 'typeorm';
import { ClaimsPlatform } from '../platform/claims-platform';
import { ClaimStore } from './claim.store';
import { ClaimsFollower } from './claims-follower';
import { ClaimsLedger } from './claims-ledger';

const CLAIM_ID = '3f2c8a4e-7b1d-4c6e-9a2f-5d8e1b3c7a90';
const TX = 'ab'.repeat(32);

/** What the follower needs of a claim: the rest of the record is the ledger's business. */
const record = (insurerMsp: string) =>
  ({
    claimId: CLAIM_ID,
    insurerMsp,
    status: 'UNDER_ASSESSMENT',
    updatedAt: '2026-12-01T10:00:00.000Z',
    claimedAmount: '125000.00',
  }) as unknown as ClaimRecord;

/** The follower with the read model and the ledger as plain objects, and the outbox recording. */
function follower(insurerMsp: string) {
  const announced: OutboxEntry<ClaimChangedV1>[] = [];
  const store = {
    applyRecord: () => Promise.resolve(),
    find: () =>
      Promise.resolve({
        record: record(insurerMsp),
        facts: { deliveredAt: '2026-11-20', damageApparent: false, suitExtensions: [] },
      }),
  } as unknown as ClaimStore;
  const ledger = {
    readClaim: () => Promise.resolve(record(insurerMsp)),
  } as unknown as ClaimsLedger;
  const outbox = {
    enqueue: (_manager: EntityManager, ...entries: OutboxEntry<ClaimChangedV1>[]) => {
      announced.push(...entries);
      return Promise.resolve();
    },
  } as unknown as Outbox;
  const platform = { mspId: 'Org1MSP' } as ClaimsPlatform;
  const listener = { listen: () => undefined } as never;
  return { announced, follower: new ClaimsFollower(listener, store, platform, ledger, outbox) };
}

const changed = (insurerMsp: string): LedgerEvent => ({
  eventName: ClaimsEvent.changed,
  payload: JSON.stringify({ claimId: CLAIM_ID, insurerMsp, status: 'UNDER_ASSESSMENT' }),
  txId: TX,
  blockNumber: 9n,
});

describe('the claims follower announces its insurer’s claim changes on claim.changed', () => {
  it('sends the status and the deadlines of the file’s clocks, never an amount', async () => {
    const { announced, follower: claims } = follower('Org1MSP');

    await claims.apply(changed('Org1MSP'), {} as EntityManager);

    expect(announced).toHaveLength(1);
    const [entry] = announced as [OutboxEntry<ClaimChangedV1>];
    expect(entry.topic).toBe(Topic.claimChanged);
    expect(entry.key).toBe(CLAIM_ID);
    const event: CloudEvent<ClaimChangedV1> = entry.event;
    expect(event.id).toBe(`claim-changed:${TX}`);
    expect(event.data).toEqual({
      claimId: CLAIM_ID,
      insurerMsp: 'Org1MSP',
      status: 'UNDER_ASSESSMENT',
      changedAt: '2026-12-01T10:00:00.000Z',
      timeBars: [
        { name: 'NOTICE_OF_LOSS', deadline: '2026-11-23' },
        { name: 'SUIT_AGAINST_CARRIER', deadline: '2027-11-20' },
      ],
    });
    expect(JSON.stringify(event)).not.toContain('125000');
  });

  it('leaves another insurer’s claims to that insurer', async () => {
    const { announced, follower: claims } = follower('Org1MSP');

    // A claim of another insurer that none of this insurer's parties gave notice of.
    const notFollowed = { query: () => Promise.resolve([]) } as unknown as EntityManager;
    await claims.apply(changed('Org2MSP'), notFollowed);

    expect(announced).toEqual([]);
  });
});
