import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { LedgerHealthIndicator } from '@pujiang/ledger-client';
import { KafkaHealthIndicator } from '@pujiang/messaging';

/** 200 when the database, Kafka and the ledger all answer; 503 naming the one that does not. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    private readonly ledger: LedgerHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 3000 }),
      () => this.kafka.check(),
      () => this.ledger.check(),
    ]);
  }
}
