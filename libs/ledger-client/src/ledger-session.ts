import { status as GrpcStatus } from '@grpc/grpc-js';
import { Logger } from '@nestjs/common';
import { Contract, Gateway, StatusCode } from '@hyperledger/fabric-gateway';
import { SpanKind } from '@opentelemetry/api';
import { inSpan } from '@pujiang/observability';
import {
  LedgerConflictError,
  LedgerRefusalError,
  LedgerUnavailableError,
  classifyLedgerError,
} from './ledger.errors';
import { LedgerMetrics } from './ledger.metrics';

export interface Invocation {
  /** Contract name inside the chaincode, e.g. `TraceAnchor`. */
  contract: string;
  transaction: string;
  args: string[];
  /** Private inputs (e.g. amounts for a private data collection): never in the transaction. */
  transientData?: Record<string, Uint8Array>;
  /**
   * Only these organisations endorse, e.g. the members of the collection
   * written; for an evaluation, only their peers answer (the regulator reads
   * through its own peer).
   */
  endorsingOrganizations?: string[];
}

export interface Committed {
  result: string;
  txId: string;
  blockNumber: bigint;
}

const MVCC_CODES: readonly number[] = [
  StatusCode.MVCC_READ_CONFLICT,
  StatusCode.PHANTOM_READ_CONFLICT,
];
const MAX_CONFLICT_ATTEMPTS = 3;
const MAX_TRANSIENT_ATTEMPTS = 3;

/**
 * Transactions signed by one identity. `submit` returns only once the
 * transaction is valid in a block; failures arrive classified
 * (LedgerUnavailableError, LedgerConflictError, LedgerRefusalError).
 */
export class LedgerSession {
  private readonly logger = new Logger(LedgerSession.name);

  constructor(
    private readonly gateway: Gateway,
    private readonly channel: string,
    private readonly chaincode: string,
    private readonly metrics?: LedgerMetrics,
  ) {}

  evaluate(invocation: Invocation): Promise<string> {
    return this.measured('evaluate', invocation, () => this.evaluateOnce(invocation));
  }

  submit(invocation: Invocation): Promise<Committed> {
    return this.measured('submit', invocation, () => this.submitToCommit(invocation));
  }

  /**
   * Timed (metrics) and traced: a CLIENT span `fabric <operation> <contract>.<transaction>`,
   * with the transaction id and block once a submit is committed.
   */
  private measured<T>(
    operation: 'evaluate' | 'submit',
    invocation: Invocation,
    run: () => Promise<T>,
  ): Promise<T> {
    const { contract, transaction } = invocation;
    return inSpan(
      '@pujiang/ledger-client',
      `fabric ${operation} ${contract}.${transaction}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'fabric.channel': this.channel,
          'fabric.chaincode': this.chaincode,
          'fabric.contract': contract,
          'fabric.transaction': transaction,
        },
      },
      async (span) => {
        const result =
          this.metrics === undefined
            ? await run()
            : await this.metrics.timed(operation, invocation, run);
        if (isCommitted(result)) {
          span.setAttributes({
            'fabric.tx_id': result.txId,
            'fabric.block_number': Number(result.blockNumber),
          });
        }
        return result;
      },
    );
  }

  private async evaluateOnce({
    contract,
    transaction,
    args,
    endorsingOrganizations,
  }: Invocation): Promise<string> {
    try {
      const result = await this.contract(contract).evaluate(transaction, {
        arguments: args,
        ...(endorsingOrganizations === undefined ? {} : { endorsingOrganizations }),
      });
      return Buffer.from(result).toString('utf8');
    } catch (error) {
      throw classifyLedgerError(error);
    }
  }

  private async submitToCommit(invocation: Invocation): Promise<Committed> {
    for (let attempt = 1; ; attempt++) {
      const proposal = this.contract(invocation.contract).newProposal(invocation.transaction, {
        arguments: invocation.args,
        ...(invocation.transientData === undefined
          ? {}
          : { transientData: invocation.transientData }),
        ...(invocation.endorsingOrganizations === undefined
          ? {}
          : { endorsingOrganizations: invocation.endorsingOrganizations }),
      });
      // A re-endorsement after a conflict reads the winner's state, so a
      // business rule the winner broke (e.g. "transfer already pending") comes
      // back as the chaincode's refusal rather than a bare conflict.
      const transaction = await retryTransient(() => proposal.endorse());
      // The same signed transaction is re-sent on timeouts: the orderer and
      // the commit status de-duplicate by transaction id.
      const commit = await retryTransient(() => transaction.submit());
      // A commit status that times out is not asked again: the transaction is
      // not in a block yet and may never be (an orderer that crashed holding
      // it). The caller hears "unavailable" and decides; anchoring resubmits,
      // which the chaincode makes safe.
      const status = await retryTransient(() => commit.getStatus(), { retryTimeouts: false });
      if (status.successful) {
        return {
          result: Buffer.from(commit.getResult()).toString('utf8'),
          txId: status.transactionId,
          blockNumber: status.blockNumber,
        };
      }
      const reason = statusName(status.code);
      if (!MVCC_CODES.includes(status.code)) {
        throw new LedgerRefusalError(
          `transaction ${status.transactionId} invalid: ${reason}`,
          undefined,
        );
      }
      if (attempt >= MAX_CONFLICT_ATTEMPTS) {
        throw new LedgerConflictError(`transaction ${status.transactionId} lost a race: ${reason}`);
      }
      this.logger.warn({ txId: status.transactionId, reason, attempt }, 'retrying after conflict');
    }
  }

  private contract(name: string): Contract {
    return this.gateway.getNetwork(this.channel).getContract(this.chaincode, name);
  }
}

async function retryTransient<T>(
  operation: () => Promise<T>,
  { retryTimeouts } = { retryTimeouts: true },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const classified = classifyLedgerError(error);
      const timedOut = (error as { code?: unknown }).code === GrpcStatus.DEADLINE_EXCEEDED;
      if (
        !(classified instanceof LedgerUnavailableError) ||
        attempt >= MAX_TRANSIENT_ATTEMPTS ||
        (timedOut && !retryTimeouts)
      ) {
        throw classified;
      }
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

function isCommitted(result: unknown): result is Committed {
  return typeof result === 'object' && result !== null && 'txId' in result;
}

function statusName(code: number): string {
  return Object.entries(StatusCode).find(([, value]) => value === code)?.[0] ?? String(code);
}
