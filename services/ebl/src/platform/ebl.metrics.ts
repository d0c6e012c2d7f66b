import { Injectable, OnModuleInit } from '@nestjs/common';
import { EblStatus } from '@pujiang/contracts';
import { Metrics, readingsBy } from '@pujiang/observability';
import { countRowsBy } from '@pujiang/persistence';
import { DataSource } from 'typeorm';

const ENVELOPE_STATES = ['RECEIVING', 'ACCEPTED', 'REFUSED'] as const;

/**
 * eBLs by ledger status (TRANSFER_PENDING counts the transfers under way)
 * and PINT transfers received by state, read from the read model at each scrape.
 */
@Injectable()
export class EblMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.metrics.readOnScrape({
      name: 'pujiang_ebl_documents',
      help: 'Electronic bills of lading this platform follows, by ledger status',
      labelNames: ['status'],
      read: async () =>
        readingsBy(
          'status',
          await countRowsBy(this.dataSource, 'ebl_state', 'status', Object.values(EblStatus)),
        ),
    });
    this.metrics.readOnScrape({
      name: 'pujiang_ebl_pint_transfers_received',
      help: 'eBL envelope transfers received from other platforms (DCSA PINT), by state',
      labelNames: ['state'],
      read: async () =>
        readingsBy(
          'state',
          await countRowsBy(this.dataSource, 'incoming_envelope', 'state', ENVELOPE_STATES),
        ),
    });
  }
}
