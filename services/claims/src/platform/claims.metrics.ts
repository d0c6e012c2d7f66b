import { Injectable, OnModuleInit } from '@nestjs/common';
import { ClaimStatus } from '@pujiang/contracts';
import { Metrics, readingsBy } from '@pujiang/observability';
import { countRowsBy } from '@pujiang/persistence';
import { DataSource } from 'typeorm';

/** Claims by the status the ledger decided, read from the read model at each scrape. */
@Injectable()
export class ClaimsMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.metrics.readOnScrape({
      name: 'pujiang_claims',
      help: 'Cargo claims this insurer follows, by ledger status',
      labelNames: ['status'],
      read: async () =>
        readingsBy(
          'status',
          await countRowsBy(this.dataSource, 'claim_state', 'status', Object.values(ClaimStatus)),
        ),
    });
  }
}
