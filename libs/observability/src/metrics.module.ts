import { Global, Module } from '@nestjs/common';
import { Metrics } from './metrics';

/**
 * The application's one Metrics registry. Global: the libraries that
 * measure (messaging, ledger-client) import it, and the services' own
 * collectors find it without importing anything.
 */
@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
export class MetricsModule {}
