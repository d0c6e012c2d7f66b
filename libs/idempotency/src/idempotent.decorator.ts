import { SetMetadata, UseInterceptors, applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IDEMPOTENT_CALLER, IdempotentCaller, bearerCaller } from './idempotent-caller';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * The write accepts an Idempotency-Key: sent again with the same key and the
 * same request, it answers as the first time and does nothing more. The
 * caller function says whose key it is (by default the bearer token's party).
 */
export function Idempotent(caller: IdempotentCaller = bearerCaller): MethodDecorator {
  return applyDecorators(
    SetMetadata(IDEMPOTENT_CALLER, caller),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'A key the client draws for this request (a UUID, say) and sends again with every retry of it. ' +
        'Same key and same request: the first answer (status and body) again, with `Idempotent-Replayed: true`, ' +
        'and nothing done twice. Same key and another request: 422. While the first is still running: 409 with Retry-After. ' +
        'Keys are the caller’s own and are kept 24 hours.',
      schema: { type: 'string', pattern: '^[!-~]{1,255}$' },
    }),
  );
}
