import { Principal } from '@pujiang/auth';
import { FastifyRequest } from 'fastify';

/**
 * Whose keys a request's key belongs to, from what the route's guard
 * authenticated: keys are scoped to their caller, so one client's key can
 * never return another client's answer. Undefined: nobody was authenticated.
 */
export type IdempotentCaller = (request: FastifyRequest) => string | undefined;

export const IDEMPOTENT_CALLER = 'pujiang:idempotent-caller';

/** A party with a bearer token (BearerAuthGuard): its organisation and token subject. */
export const bearerCaller: IdempotentCaller = (request) => {
  const { principal } = request as FastifyRequest & { principal?: Principal };
  return principal === undefined ? undefined : `party:${principal.organisation}/${principal.party}`;
};
