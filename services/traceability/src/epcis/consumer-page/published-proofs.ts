import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PUBLIC_GRANTEE } from '@pujiang/contracts';
import { DataSource } from 'typeorm';
import { AnchorProofView } from '../anchoring/anchor-proofs.service';
import { ProofChecks } from '../anchoring/proof-checks';
import { findEvent } from '../events/find-event';

/** The proof checks anyone may ask for: those of published events, by event hash. */
@Injectable()
export class PublishedProofs {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proofs: ProofChecks,
  ) {}

  /** 404 for an event not published, exactly as for one that does not exist. */
  async verify(eventHash: string): Promise<AnchorProofView> {
    const row = await findEvent<{ event_hash: string }>(
      this.dataSource,
      eventHash,
      'event_hash',
      PUBLIC_GRANTEE,
    );
    return this.proofs.check(row.event_hash);
  }
}
