import { KeyObject } from 'node:crypto';
import { Injectable, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import * as grpc from '@grpc/grpc-js';
import {
  Gateway,
  Identity,
  Network,
  Signer,
  connect,
  hash,
  signers,
} from '@hyperledger/fabric-gateway';
import { Metrics } from '@pujiang/observability';
import { createPeerClient, loadIdentity, loadSigner } from './identity';
import { LedgerConfig } from './ledger.config';
import { LedgerUnavailableError } from './ledger.errors';
import { LedgerMetrics } from './ledger.metrics';
import { Committed, Invocation, LedgerSession } from './ledger-session';

const COMMIT_STATUS_DEADLINE_MS = 20_000;

/** An X.509 identity of the organisation, e.g. one business party's own certificate. */
export interface LedgerIdentity {
  mspId: string;
  certificatePem: string;
  privateKey: KeyObject;
}

/**
 * One organisation's connection to its peer's gateway. Transactions are
 * signed by the service's identity, or by a party's own identity through
 * `actingAs` so the chaincode sees who really acts; all share one gRPC
 * connection.
 */
@Injectable()
export class LedgerGateway implements OnModuleInit, OnApplicationShutdown {
  private client?: grpc.Client;
  private gateway?: Gateway;
  private session?: LedgerSession;
  private readonly parties = new Map<string, { gateway: Gateway; session: LedgerSession }>();

  private readonly metrics?: LedgerMetrics;

  constructor(
    private readonly config: LedgerConfig,
    @Optional() metrics?: Metrics,
  ) {
    this.metrics = metrics === undefined ? undefined : new LedgerMetrics(metrics);
  }

  async onModuleInit(): Promise<void> {
    this.client = await createPeerClient(this.config);
    this.gateway = this.connectAs(await loadIdentity(this.config), await loadSigner(this.config));
    this.session = new LedgerSession(
      this.gateway,
      this.config.FABRIC_CHANNEL,
      this.config.FABRIC_CHAINCODE,
      this.metrics,
    );
  }

  onApplicationShutdown(): void {
    for (const { gateway } of this.parties.values()) gateway.close();
    this.parties.clear();
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

  evaluate(invocation: Invocation): Promise<string> {
    return this.defaultSession().evaluate(invocation);
  }

  submit(invocation: Invocation): Promise<Committed> {
    return this.defaultSession().submit(invocation);
  }

  /** Transactions signed by `identity` instead of the service's own. */
  actingAs(identity: LedgerIdentity): LedgerSession {
    const known = this.parties.get(identity.certificatePem);
    if (known !== undefined) return known.session;
    const gateway = this.connectAs(
      { mspId: identity.mspId, credentials: Buffer.from(identity.certificatePem) },
      signers.newPrivateKeySigner(identity.privateKey),
    );
    const session = new LedgerSession(
      gateway,
      this.config.FABRIC_CHANNEL,
      this.config.FABRIC_CHAINCODE,
      this.metrics,
    );
    this.parties.set(identity.certificatePem, { gateway, session });
    return session;
  }

  private defaultSession(): LedgerSession {
    if (this.session === undefined) throw new LedgerUnavailableError('gateway not connected');
    return this.session;
  }

  private connectAs(identity: Identity, signer: Signer): Gateway {
    if (this.client === undefined) throw new LedgerUnavailableError('gateway not connected');
    return connect({
      client: this.client,
      identity,
      signer,
      hash: hash.sha256,
      evaluateOptions: () => ({ deadline: Date.now() + 5_000 }),
      endorseOptions: () => ({ deadline: Date.now() + 15_000 }),
      submitOptions: () => ({ deadline: Date.now() + 5_000 }),
      // Commits take a block interval (≈ 250 ms here, seconds under load);
      // longer than this, the transaction is most likely lost in an orderer.
      commitStatusOptions: () => ({ deadline: Date.now() + COMMIT_STATUS_DEADLINE_MS }),
    });
  }
}
