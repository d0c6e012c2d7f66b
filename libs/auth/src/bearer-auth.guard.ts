import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '@pujiang/http';
import { Principal } from './principal';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const ROLES = 'pujiang:roles';

/** The route needs a caller holding at least one of these roles. */
export const RequireRoles = (...roles: string[]) => SetMetadata(ROLES, roles);

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

/**
 * Lets a request through only with a valid bearer token (401 otherwise) and,
 * where the route names roles, one of them (403). The principal is then on
 * the request for @CurrentPrincipal().
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header) : null;
    if (match?.[1] === undefined) {
      throw new ProblemException(401, 'a bearer token is required', 'about:blank');
    }
    try {
      request.principal = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new ProblemException(401, error.message);
      throw error;
    }
    const roles = this.reflector.getAllAndOverride<string[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles !== undefined && !roles.some((role) => request.principal?.roles.includes(role))) {
      throw new ProblemException(403, `this action needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
