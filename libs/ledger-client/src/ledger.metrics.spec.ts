import { Metrics } from '@pujiang/observability';
import { LedgerConflictError, LedgerRefusalError, LedgerUnavailableError } from './ledger.errors';
import { LedgerMetrics } from './ledger.metrics';

describe('Fabric latency and failures by class', () => {
  const invocation = { contract: 'Ebl', transaction: 'Transfer' };

  async function outcomes(errors: (Error | undefined)[]): Promise<Record<string, number>> {
    const metrics = new Metrics();
    const ledger = new LedgerMetrics(metrics);
    for (const error of errors) {
      await ledger
        .timed('submit', invocation, () =>
          error === undefined ? Promise.resolve('ok') : Promise.reject(error),
        )
        .catch(() => undefined);
    }
    const histogram = await metrics.registry
      .getSingleMetric('pujiang_fabric_request_duration_seconds')
      ?.get();
    const counts: Record<string, number> = {};
    for (const value of histogram?.values ?? []) {
      const { metricName } = value as { metricName?: string };
      if (metricName?.endsWith('_count')) counts[String(value.labels.outcome)] = value.value;
    }
    return counts;
  }

  it('labels each call with its outcome, failures by what the caller should do', async () => {
    expect(
      await outcomes([
        undefined,
        undefined,
        new LedgerUnavailableError('peer down'),
        new LedgerConflictError('lost a race'),
        new LedgerRefusalError('no', undefined),
      ]),
    ).toEqual({ ok: 2, unavailable: 1, conflict: 1, refused: 1 });
  });

  it('passes the failure on to the caller untouched', async () => {
    const refusal = new LedgerRefusalError('not the holder', undefined);
    const ledger = new LedgerMetrics(new Metrics());

    await expect(ledger.timed('evaluate', invocation, () => Promise.reject(refusal))).rejects.toBe(
      refusal,
    );
  });
});
