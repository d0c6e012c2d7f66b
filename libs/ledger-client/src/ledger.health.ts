import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { LedgerGateway } from './ledger-gateway';

/**
 * The ledger is healthy when the chaincode answers an evaluate through the
 * peer's gateway: that proves the peer, the channel and the chaincode server.
 */
@Injectable()
export class LedgerHealthIndicator {
  constructor(
    private readonly ledger: LedgerGateway,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'ledger'): Promise<HealthIndicatorResult> {
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
