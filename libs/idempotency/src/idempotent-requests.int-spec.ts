import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { stackEnv } from '../../../test/support/stack-env';
import { createTestDataSource, dropTestDataSource } from '../../../test/support/test-database';
import { IDEMPOTENCY_MIGRATIONS } from './index';
import { IdempotentRequests, KeyedRequest } from './idempotent-requests';

describe('idempotency keys in the real PostgreSQL', () => {
  let dataSource: DataSource;
  let keys: IdempotentRequests;

  beforeAll(async () => {
    dataSource = await createTestDataSource(
      stackEnv().CLAIMS_DATABASE_URL ?? '',
      [],
      IDEMPOTENCY_MIGRATIONS,
    );
    keys = new IdempotentRequests(dataSource, { leaseSeconds: 300, retentionSeconds: 86_400 });
  });

  afterAll(async () => {
    await dropTestDataSource(dataSource);
  });

  const request = (overrides: Partial<KeyedRequest> = {}): KeyedRequest => ({
    caller: 'party:Org1MSP/consignee',
    route: 'POST /claims',
    key: randomUUID(),
    fingerprint: 'a'.repeat(64),
    ...overrides,
  });

  it('lets exactly one of many concurrent copies run', async () => {
    const copy = request();
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => keys.reserve(copy)));
    expect(outcomes.filter((o) => o.outcome === 'run')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'in-flight')).toHaveLength(7);
  });

  it('replays the kept answer, and refuses the key for another request', async () => {
    const first = request();
    const run = await keys.reserve(first);
    if (run.outcome !== 'run') throw new Error(run.outcome);
    await keys.complete(first, run.attempt, 201, '{"claim":{"claimId":"c-1"}}');

    expect(await keys.reserve(first)).toEqual({
      outcome: 'replay',
      statusCode: 201,
      body: '{"claim":{"claimId":"c-1"}}',
    });
    expect(await keys.reserve({ ...first, fingerprint: 'b'.repeat(64) })).toEqual({
      outcome: 'other-request',
    });
    expect((await keys.reserve({ ...first, caller: 'party:Org1MSP/shipper' })).outcome).toBe('run');
  });

  it('frees the key of a failed run, and ignores a late answer of a run it no longer owns', async () => {
    const failed = request();
    const run = await keys.reserve(failed);
    if (run.outcome !== 'run') throw new Error(run.outcome);
    await keys.release(failed, run.attempt);
    const retry = await keys.reserve(failed);
    expect(retry.outcome).toBe('run');
    await keys.complete(failed, run.attempt, 201, '"stale"');
    expect((await keys.reserve(failed)).outcome).toBe('in-flight');
  });

  it('lets a copy take over a key whose run outlived its lease', async () => {
    const stale = request();
    const run = await keys.reserve(stale);
    if (run.outcome !== 'run') throw new Error(run.outcome);
    await dataSource.query(
      `UPDATE idempotent_request SET locked_until = now() - interval '1 second'
        WHERE idempotency_key = $1`,
      [stale.key],
    );
    expect((await keys.reserve({ ...stale, fingerprint: 'b'.repeat(64) })).outcome).toBe(
      'other-request',
    );
    expect((await keys.reserve(stale)).outcome).toBe('run');
  });

  it('forgets an expired key', async () => {
    const old = request();
    const run = await keys.reserve(old);
    if (run.outcome !== 'run') throw new Error(run.outcome);
    await keys.complete(old, run.attempt, 201, '{}');
    await dataSource.query(
      `UPDATE idempotent_request SET expires_at = now() - interval '1 second'
        WHERE idempotency_key = $1`,
      [old.key],
    );
    expect((await keys.reserve({ ...old, fingerprint: 'b'.repeat(64) })).outcome).toBe('run');
  });
});
