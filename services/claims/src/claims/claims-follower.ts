import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ClaimRecord, ClaimsEvent } from '@pujiang/contracts';
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
      await this.keep(manager, JSON.parse(event.payload) as ClaimRecord);
    } else if (event.eventName === ClaimsEvent.duplicateSuspected) {
      // Fabric keeps one event per transaction, so a notice that matched
      // others announces the match only: the held records are read back.
      const { claims } = JSON.parse(event.payload) as { claims: string[] };
      for (const claimId of claims) {
        const rows: { claim_id: string }[] = await manager.query(
          `SELECT claim_id FROM claim_state WHERE claim_id = $1`,
          [claimId],
        );
        const record = rows.length > 0 ? await this.ledger.readClaim(claimId) : undefined;
        if (record !== undefined) await this.store.applyRecord(manager, record);
      }
    }
  }

  private async keep(manager: EntityManager, record: ClaimRecord): Promise<void> {
    const ours =
      record.insurerMsp === this.platform.mspId ||
      this.platform.parties.partyOnLedger(record.claimant) !== undefined;
    if (ours) await this.store.applyRecord(manager, record);
  }
}
