import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import * as grpc from '@grpc/grpc-js';
import { Contract, Gateway, Network, StatusCode, connect, hash } from '@hyperledger/fabric-gateway';
import { createPeerClient, loadIdentity, loadSigner } from './identity';
import { LedgerConfig } from './ledger.config';
import {
  LedgerConflictError,
  LedgerRefusalError,
  LedgerUnavailableError,
  classifyLedgerError,
} from './ledger.errors';

export interface Invocation {
  /** Contract name inside the chaincode, e.g. `TraceAnchor`. */
  contract: string;
  transaction: string;
  args: string[];
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
 * One organisation's connection to its peer's gateway. `submit` returns only
 * once the transaction is valid in a block; failures arrive classified
 * (LedgerUnavailableError, LedgerConflictError, LedgerRefusalError).
 */
@Injectable()
export class LedgerGateway implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LedgerGateway.name);
  private client?: grpc.Client;
  private gateway?: Gateway;

  constructor(private readonly config: LedgerConfig) {}

  async onModuleInit(): Promise<void> {
    this.client = await createPeerClient(this.config);
    this.gateway = connect({
      client: this.client,
      identity: await loadIdentity(this.config),
      signer: await loadSigner(this.config),
      hash: hash.sha256,
      evaluateOptions: () => ({ deadline: Date.now() + 5_000 }),
      endorseOptions: () => ({ deadline: Date.now() + 15_000 }),
      submitOptions: () => ({ deadline: Date.now() + 5_000 }),
      commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
    });
  }

  onApplicationShutdown(): void {
    this.gateway?.close();
    this.client?.close();
  }

  get network(): Network {
    if (this.gateway === undefined) throw new LedgerUnavailableError('gateway not connected');
    return this.gateway.getNetwork(this.config.FABRIC_CHANNEL);
  }

  get chaincodeName(): string {
    return this.config.FABRIC_CHAINCODE;
  }

  get mspId(): string {
    return this.config.FABRIC_MSP_ID;
  }

  async evaluate({ contract, transaction, args }: Invocation): Promise<string> {
    try {
      const result = await this.contract(contract).evaluateTransaction(transaction, ...args);
      return Buffer.from(result).toString('utf8');
    } catch (error) {
      throw classifyLedgerError(error);
    }
  }

  async submit(invocation: Invocation): Promise<Committed> {
    for (let attempt = 1; ; attempt++) {
      const proposal = this.contract(invocation.contract).newProposal(invocation.transaction, {
        arguments: invocation.args,
      });
      const transaction = await retryTransient(() => proposal.endorse());
      // The same signed transaction is re-sent on timeouts: the orderer and
      // the commit status de-duplicate by transaction id.
      const commit = await retryTransient(() => transaction.submit());
      const status = await retryTransient(() => commit.getStatus());
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
    return this.network.getContract(this.config.FABRIC_CHAINCODE, name);
  }
}

async function retryTransient<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const classified = classifyLedgerError(error);
      if (!(classified instanceof LedgerUnavailableError) || attempt >= MAX_TRANSIENT_ATTEMPTS) {
        throw classified;
      }
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

function statusName(code: number): string {
  return Object.entries(StatusCode).find(([, value]) => value === code)?.[0] ?? String(code);
}
