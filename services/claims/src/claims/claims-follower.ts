import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ClaimChangedEvent, ClaimsEvent, DuplicateClaimSuspectedEvent } from '@pujiang/contracts';
import { ChaincodeEventListener, LedgerEvent } from '@pujiang/ledger-client';
import { EntityManager } from 'typeorm';
import { ClaimsPlatform } from '../platform/claims-platform';
import { ClaimStore } from './claim.store';
import { ClaimsLedger } from './claims-ledger';

export const CLAIMS_READ_MODEL_LISTENER = 'claims-read-model';

/**
 * Keeps the read model on the ledger's word for this insurer's claims and
 * its parties' claims — including changes nobody here made, such as another
 * insurer's notice putting one of ours on fraud hold.
 */
@Injectable()
export class ClaimsFollower implements OnApplicationBootstrap {
  constructor(
    private readonly listener: ChaincodeEventListener,
    private readonly store: ClaimStore,
    private readonly platform: ClaimsPlatform,
    private readonly ledger: ClaimsLedger,
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
      await this.readBack(manager, changed.claimId, changed.insurerMsp === this.platform.mspId);
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
  ): Promise<void> {
    if (!coveredHere) {
      const rows: { claim_id: string }[] = await manager.query(
        `SELECT claim_id FROM claim_state WHERE claim_id = $1`,
        [claimId],
      );
      if (rows.length === 0) return;
    }
    const record = await this.ledger.readClaim(claimId);
    if (record !== undefined) await this.store.applyRecord(manager, record);
  }
}
