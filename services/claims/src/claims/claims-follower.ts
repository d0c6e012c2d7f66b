import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import {
  ClaimChangedEvent,
  ClaimChangedV1,
  ClaimRecord,
  ClaimsEvent,
  DuplicateClaimSuspectedEvent,
  EventType,
  Topic,
} from '@pujiang/contracts';
import { ChaincodeEventListener, LedgerEvent } from '@pujiang/ledger-client';
import { Outbox, createCloudEvent } from '@pujiang/messaging';
import { EntityManager } from 'typeorm';
import { timeBars } from '../domain';
import { ClaimsPlatform } from '../platform/claims-platform';
import { ClaimStore } from './claim.store';
import { ClaimsLedger } from './claims-ledger';

export const CLAIMS_READ_MODEL_LISTENER = 'claims-read-model';

/**
 * Keeps the read model on the ledger's word for this insurer's claims and
 * its parties' claims — including changes nobody here made, such as another
 * insurer's notice putting one of ours on fraud hold. Each change of a claim
 * this insurer covers is announced on `claim.changed` (status and time bars,
 * no amount) through the outbox, in the transaction that moves the checkpoint.
 */
@Injectable()
export class ClaimsFollower implements OnApplicationBootstrap {
  constructor(
    private readonly listener: ChaincodeEventListener,
    private readonly store: ClaimStore,
    private readonly platform: ClaimsPlatform,
    private readonly ledger: ClaimsLedger,
    private readonly outbox: Outbox,
  ) {}

  onApplicationBootstrap(): void {
    this.listener.listen({
      listener: CLAIMS_READ_MODEL_LISTENER,
      handle: (event, manager) => this.apply(event, manager),
    });
  }

  async apply(event: LedgerEvent, manager: EntityManager): Promise<void> {
    if (event.eventName === ClaimsEvent.changed) {
      // The event names the claim and its insurer only (decision 0009): the
      // record, amounts included, is read back from this organisation's peer.
      const changed = JSON.parse(event.payload) as ClaimChangedEvent;
      const ours = changed.insurerMsp === this.platform.mspId;
      const record = await this.readBack(manager, changed.claimId, ours);
      if (ours && record !== undefined) await this.announce(manager, record, event.txId);
    } else if (event.eventName === ClaimsEvent.duplicateSuspected) {
      // Fabric keeps one event per transaction, so a notice that matched
      // others announces the match only: the held records are read back.
      const { claims } = JSON.parse(event.payload) as DuplicateClaimSuspectedEvent;
      for (const claimId of claims) await this.readBack(manager, claimId, false);
    }
  }

  /**
   * Applies the ledger's record of a claim this insurer covers, or of one the
   * read model already follows (a claim one of its parties gave notice of).
   */
  private async readBack(
    manager: EntityManager,
    claimId: string,
    coveredHere: boolean,
  ): Promise<ClaimRecord | undefined> {
    if (!coveredHere) {
      const rows: { claim_id: string }[] = await manager.query(
        `SELECT claim_id FROM claim_state WHERE claim_id = $1`,
        [claimId],
      );
      if (rows.length === 0) return undefined;
    }
    const record = await this.ledger.readClaim(claimId);
    if (record !== undefined) await this.store.applyRecord(manager, record);
    return record;
  }

  /** The claim's status and the deadlines of its file's legal clocks, never an amount. */
  private async announce(manager: EntityManager, record: ClaimRecord, txId: string): Promise<void> {
    const facts = (await this.store.find(manager, record.claimId))?.facts;
    const clocks =
      facts === undefined
        ? []
        : timeBars(
            {
              ...(facts.deliveredAt === undefined ? {} : { deliveredAt: facts.deliveredAt }),
              damageApparent: facts.damageApparent,
              extensions: facts.suitExtensions,
            },
            record.updatedAt,
          );
    const data: ClaimChangedV1 = {
      claimId: record.claimId,
      insurerMsp: record.insurerMsp,
      status: record.status,
      changedAt: record.updatedAt,
      timeBars: clocks.map(({ name, deadline }) => ({ name, deadline })),
    };
    await this.outbox.enqueue(manager, {
      topic: Topic.claimChanged,
      key: record.claimId,
      event: createCloudEvent({
        id: `claim-changed:${txId}`,
        source: '/pujiang/claims',
        type: EventType.claimChanged,
        subject: record.claimId,
        data,
      }),
    });
  }
}
