import { LedgerErrorCode } from '@pujiang/contracts';
import { LedgerGateway, LedgerRefusalError } from '@pujiang/ledger-client';
import { Repository } from 'typeorm';
import { AnchorBatch } from './anchor-batch.entity';
import { Anchorer } from './anchorer';
import { AnchoringConfig } from './anchoring.config';
import { AnchoringTraces } from './anchoring-traces';
import { BatchSealer } from './batch-sealer';

/** A ledger whose submissions stay in flight until the test settles each. */
class LedgerInFlight {
  readonly submitted: string[] = [];
  private readonly settle = new Map<string, { ok: () => void; fail: (e: Error) => void }>();
  inFlight = 0;
  mostInFlight = 0;

  submit = (invocation: { args: string[] }): Promise<{ txId: string }> => {
    const batchId = invocation.args[0];
    this.submitted.push(batchId);
    this.inFlight++;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    return new Promise((resolve, reject) => {
      const done = () => this.inFlight--;
      this.settle.set(batchId, {
        ok: () => (done(), resolve({ txId: `tx-${batchId}` })),
        fail: (error) => (done(), reject(error)),
      });
    });
  };

  commit(batchId: string): void {
    this.settle.get(batchId)?.ok();
  }

  fail(batchId: string, error: Error): void {
    this.settle.get(batchId)?.fail(error);
  }
}

function anchorerWith(pendingIds: string[], inFlight: number) {
  const rows = new Map(
    pendingIds.map((batchId, i) => [
      batchId,
      { batchId, merkleRoot: 'a'.repeat(64), items: [], status: 'pending', createdAt: new Date(i) },
    ]),
  );
  const batches = {
    find: ({ take }: { take: number }) =>
      Promise.resolve(
        [...rows.values()]
          .filter((b) => b.status === 'pending')
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
          .slice(0, take),
      ),
    update: (
      { batchId, status }: { batchId: string; status: string },
      change: { status: string },
    ) => {
      const row = rows.get(batchId);
      if (row?.status === status) row.status = change.status;
      return Promise.resolve();
    },
  };
  const ledger = new LedgerInFlight();
  const sealer = { sealReady: jest.fn<Promise<number>, [number]>(() => Promise.resolve(0)) };
  const traces = {
    submission: <T>(_id: string, _items: string[], work: () => Promise<T>) => work(),
  };
  const config = Object.assign(new AnchoringConfig(), { ANCHOR_IN_FLIGHT_BATCHES: inFlight });
  const anchorer = new Anchorer(
    batches as unknown as Repository<AnchorBatch>,
    ledger as unknown as LedgerGateway,
    sealer as unknown as BatchSealer,
    traces as unknown as AnchoringTraces,
    config,
  );
  const statusOf = (batchId: string) => rows.get(batchId)?.status;
  return { anchorer, ledger, sealer, statusOf };
}

/** Lets the round's awaited work run up to its next pending submission. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Anchorer round', () => {
  it('submits the oldest pending batches together, never more than ANCHOR_IN_FLIGHT_BATCHES at once', async () => {
    const { anchorer, ledger, statusOf } = anchorerWith(['b1', 'b2', 'b3', 'b4', 'b5'], 3);
    const first = anchorer.round();
    await settle();
    expect(ledger.submitted).toEqual(['b1', 'b2', 'b3']);
    ['b1', 'b2', 'b3'].forEach((id) => ledger.commit(id));
    await expect(first).resolves.toBe(0);
    expect(['b1', 'b2', 'b3'].map(statusOf)).toEqual(['submitted', 'submitted', 'submitted']);

    const second = anchorer.round();
    await settle();
    expect(ledger.submitted).toEqual(['b1', 'b2', 'b3', 'b4', 'b5']);
    ['b4', 'b5'].forEach((id) => ledger.commit(id));
    await expect(second).resolves.toBe(0);
    expect(ledger.mostInFlight).toBe(3);
  });

  it('seals as many batches as it submits while the submissions are in flight', async () => {
    const { anchorer, ledger, sealer } = anchorerWith(['b1'], 4);
    const round = anchorer.round();
    await settle();
    expect(sealer.sealReady).toHaveBeenCalledWith(4);
    ledger.commit('b1');
    await round;
  });

  it('fails the round (anchoring pauses) only once the other submissions of the round have settled', async () => {
    const { anchorer, ledger, statusOf } = anchorerWith(['b1', 'b2', 'b3'], 3);
    let outcome: string | undefined;
    const round = anchorer.round().then(
      () => (outcome = 'resolved'),
      (error: Error) => (outcome = error.message),
    );
    await settle();
    ledger.fail('b1', new Error('no peer could endorse'));
    await settle();
    expect(outcome).toBeUndefined();
    ledger.commit('b2');
    ledger.commit('b3');
    await round;
    expect(outcome).toBe('no peer could endorse');
    expect(['b1', 'b2', 'b3'].map(statusOf)).toEqual(['pending', 'submitted', 'submitted']);
  });

  it('counts a batch the ledger already holds (a replay) as submitted', async () => {
    const { anchorer, ledger, statusOf } = anchorerWith(['b1'], 2);
    const round = anchorer.round();
    await settle();
    ledger.fail('b1', new LedgerRefusalError('already anchored', LedgerErrorCode.alreadyExists));
    await expect(round).resolves.toBe(0);
    expect(statusOf('b1')).toBe('submitted');
  });

  it('waits the poll interval after a round with nothing to seal or submit', async () => {
    const { anchorer } = anchorerWith([], 2);
    await expect(anchorer.round()).resolves.toBe(200);
  });
});
