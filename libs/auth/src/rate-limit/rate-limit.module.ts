import { ExecutionContext, Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerLimitDetail, ThrottlerModule, ThrottlerOptions } from '@nestjs/throttler';
import { AuthModule } from '../auth.module';
import { TokenVerifier } from '../token-verifier';
import { FixedWindowCounts } from './fixed-window-counts';
import { PUBLIC_THROTTLER, PublicAllowance, allowanceKey, clientOf } from './public-allowance';
import { PUBLIC_ROUTE } from './public-route.decorator';
import { RateLimitConfig } from './rate-limit.config';
import { RateLimitGuard } from './rate-limit.guard';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface IncomingRequest {
  method: string;
  /** The client's address: the TCP peer, or what a trusted proxy says (HTTP_TRUSTED_PROXIES). */
  ip: string;
  headers: Record<string, string | string[] | undefined>;
}

const reflector = new Reflector();

const isPublic = (context: ExecutionContext): boolean =>
  reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, [
    context.getHandler(),
    context.getClass(),
  ]) === true;

const isWrite = (context: ExecutionContext): boolean =>
  WRITE_METHODS.has(context.switchToHttp().getRequest<IncomingRequest>().method);

/**
 * Who a write counts against: the party its bearer token names (verified,
 * so nobody can spend another party's allowance), or, without a token this
 * service accepts (PINT and carrier calls sign their own), the client address.
 */
async function writerOf(request: IncomingRequest, verifier: TokenVerifier): Promise<string> {
  const match = /^Bearer (\S+)$/.exec(String(request.headers.authorization ?? ''));
  if (match?.[1] === undefined) return clientOf(request);
  try {
    const principal = await verifier.verify(match[1]);
    return `party ${principal.organisation} ${principal.party}`;
  } catch {
    // The route's own guard answers 401; until then it counts as its address.
    return clientOf(request);
  }
}

function refusal(_context: ExecutionContext, detail: ThrottlerLimitDetail): string {
  const who = detail.tracker.startsWith('party') ? 'this party' : 'this client';
  return `${who} made more than ${detail.limit} requests of this kind in ${detail.ttl / 1000} s; retry after the time in Retry-After`;
}

function throttlers(config: RateLimitConfig, verifier: TokenVerifier): ThrottlerOptions[] {
  const ttl = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
  // One allowance per client for all the public routes, not one per route.
  const generateKey = (_context: ExecutionContext, tracker: string, name: string) =>
    allowanceKey(name, tracker);
  return [
    {
      name: PUBLIC_THROTTLER,
      ttl,
      limit: config.RATE_LIMIT_PUBLIC_REQUESTS,
      skipIf: (context) => !isPublic(context),
      getTracker: (request) => clientOf(request as IncomingRequest),
      generateKey,
    },
    {
      name: 'writes',
      ttl,
      limit: config.RATE_LIMIT_WRITE_REQUESTS,
      skipIf: (context) => isPublic(context) || !isWrite(context),
      getTracker: (request) => writerOf(request as IncomingRequest, verifier),
      generateKey,
    },
  ];
}

/** The request counts, one instance for the guard and PublicAllowance alike. */
@Module({ providers: [FixedWindowCounts], exports: [FixedWindowCounts] })
class RequestCountsModule {}

/**
 * Rate limits for every route of the service (a global guard, @nestjs/throttler):
 * @PublicRoute routes per client address, writes per party. A refusal is a
 * 429 problem with Retry-After, before the route runs, so it changes nothing.
 * PublicAllowance spends the same public allowance for requests answered
 * before the guard runs. Needs a global RateLimitConfig and AuthConfig
 * (ConfigModule.forRoot).
 */
@Module({
  imports: [
    RequestCountsModule,
    ThrottlerModule.forRootAsync({
      imports: [AuthModule, RequestCountsModule],
      inject: [RateLimitConfig, TokenVerifier, FixedWindowCounts],
      useFactory: (
        config: RateLimitConfig,
        verifier: TokenVerifier,
        counts: FixedWindowCounts,
      ) => ({
        storage: counts,
        errorMessage: refusal,
        throttlers: throttlers(config, verifier),
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }, PublicAllowance],
  exports: [PublicAllowance],
})
export class RateLimitModule {}
