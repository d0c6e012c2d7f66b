import { Module } from '@nestjs/common';
import { IDEMPOTENCY_OPTIONS, IdempotencyOptions, IdempotentRequests } from './idempotent-requests';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * A request runs for seconds at most (a ledger commit waits 20 s): a key
 * held five minutes belongs to a run that died. Answers are kept a day, as
 * long as a client keeps retrying one request.
 */
const OPTIONS: IdempotencyOptions = { leaseSeconds: 300, retentionSeconds: 86_400 };

/**
 * Idempotency-Key for a service's writes: import it in the module whose
 * controllers mark routes @Idempotent(), and add IDEMPOTENCY_MIGRATIONS to the
 * service's migrations. Needs the service's TypeORM DataSource.
 */
@Module({
  providers: [
    { provide: IDEMPOTENCY_OPTIONS, useValue: OPTIONS },
    IdempotentRequests,
    IdempotencyInterceptor,
  ],
  exports: [IdempotentRequests, IdempotencyInterceptor],
})
export class IdempotencyModule {}
