import { Controller, Get, Inject } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorFunction,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { LedgerHealthIndicator } from '@pujiang/ledger-client';
import { KafkaHealthIndicator } from '@pujiang/messaging';
import { ALL_DEPENDENCIES, Dependency, HEALTH_OPTIONS, HealthOptions } from './readiness';

/**
 * Public, like every probe: the kubelet and the load balancer call them
 * without a token, and they say no more than which dependency is down.
 */
@Controller('health')
export class HealthController {
  private readonly checks: Record<Dependency, HealthIndicatorFunction>;

  constructor(
    private readonly health: HealthCheckService,
    database: TypeOrmHealthIndicator,
    kafka: KafkaHealthIndicator,
    ledger: LedgerHealthIndicator,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
  ) {
    this.checks = {
      database: () => database.pingCheck('database', { timeout: 3000 }),
      kafka: () => kafka.check(),
      ledger: () => ledger.check(),
    };
  }

  /** 200 when the database, Kafka and the ledger all answer; 503 naming the one that does not. */
  @Get()
  @HealthCheck()
  check() {
    return this.health.check(ALL_DEPENDENCIES.map((dependency) => this.checks[dependency]));
  }

  /**
   * The liveness probe: the process answers HTTP. No dependency is asked, so
   * an outage of one never restarts pods that would only find it down again.
   */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** The readiness probe: only the dependencies the service's API needs synchronously. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(this.options.readyWhen.map((dependency) => this.checks[dependency]));
  }
}
