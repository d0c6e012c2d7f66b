import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { AuthenticatedRequest } from './bearer-auth.guard';
import { Principal } from './principal';

/** The authenticated caller; only on routes behind BearerAuthGuard. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (principal === undefined) throw new Error('CurrentPrincipal used without BearerAuthGuard');
    return principal;
  },
);
