import { IdempotentRequests1763880000005 } from './migrations/1763880000005-idempotent-requests';

export { Idempotent } from './idempotent.decorator';
export { IdempotentCaller, bearerCaller } from './idempotent-caller';
export { IdempotencyModule } from './idempotency.module';
export { IdempotencyInterceptor } from './idempotency.interceptor';
export { IdempotentRequests, KeyedRequest, Reservation } from './idempotent-requests';
export { IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf, requestFingerprint } from './idempotency-key';

export const IDEMPOTENCY_MIGRATIONS = [IdempotentRequests1763880000005];
