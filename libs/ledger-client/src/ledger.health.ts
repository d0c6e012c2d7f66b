import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { BriefCache } from '@pujiang/polling';
import { LedgerConfig } from './ledger.config';
import { LedgerGateway } from './ledger-gateway';

/**
 * The ledger is healthy when the chaincode answers an evaluate through the
 * peer's gateway: that proves the peer, the channel and the chaincode server.
 * The answer, up or down, is reused for LEDGER_HEALTH_CACHE_SECONDS, so that
 * however often /health is called the peer runs one proposal in that time.
 */
@Injectable()
export class LedgerHealthIndicator {
  private readonly answers: BriefCache<HealthIndicatorResult>;

  constructor(
    private readonly ledger: LedgerGateway,
    private readonly health: HealthIndicatorService,
    config: LedgerConfig,
  ) {
    this.answers = new BriefCache(config.LEDGER_HEALTH_CACHE_SECONDS * 1000, 8);
  }

  check(key = 'ledger'): Promise<HealthIndicatorResult> {
    return this.answers.get(key, () => this.ask(key));
  }

  private async ask(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      await this.ledger.evaluate({
        contract: 'org.hyperledger.fabric',
        transaction: 'GetMetadata',
        args: [],
      });
      return indicator.up({ mspId: this.ledger.mspId });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
