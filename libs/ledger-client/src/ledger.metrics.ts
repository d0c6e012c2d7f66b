import { Metrics } from '@pujiang/observability';
import {
  LedgerConflictError,
  LedgerRefusalError,
  LedgerUnavailableError,
  classifyLedgerError,
} from './ledger.errors';

export type LedgerOperation = 'evaluate' | 'submit';

/** What a measurement is labelled with: the invocation's contract and transaction. */
interface Measured {
  contract: string;
  transaction: string;
}

/** The outcome label: `ok`, or the class of failure, which says what the caller does next. */
function outcomeOf(error: unknown): string {
  if (error === undefined) return 'ok';
  const classified = classifyLedgerError(error);
  if (classified instanceof LedgerUnavailableError) return 'unavailable';
  if (classified instanceof LedgerConflictError) return 'conflict';
  if (classified instanceof LedgerRefusalError) return 'refused';
  return 'error';
}

/**
 * Fabric evaluate and submit latency and failures by class, per contract and
 * transaction. A submit is timed until its commit status, as its caller waits.
 */
export class LedgerMetrics {
  constructor(private readonly metrics: Metrics) {}

  async timed<T>(
    operation: LedgerOperation,
    invocation: Measured,
    run: () => Promise<T>,
  ): Promise<T> {
    const started = process.hrtime.bigint();
    let failure: unknown;
    try {
      return await run();
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics
        .histogram({
          name: 'pujiang_fabric_request_duration_seconds',
          help: 'Fabric evaluates and submits (to commit) by contract, transaction and outcome',
          labelNames: ['operation', 'contract', 'transaction', 'outcome'] as const,
          buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40],
        })
        .observe(
          {
            operation,
            contract: invocation.contract,
            transaction: invocation.transaction,
            outcome: outcomeOf(failure),
          },
          seconds,
        );
    }
  }
}
