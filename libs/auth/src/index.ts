export { AuthConfig } from './auth.config';
export { AuthModule } from './auth.module';
export { BearerAuthGuard, RequireRoles } from './bearer-auth.guard';
export { CurrentPrincipal } from './current-principal.decorator';
export { Principal } from './principal';
export { TokenVerifier, InvalidTokenError } from './token-verifier';
export { issueToken, jwsAlgorithmFor, TokenRequest } from './token-issuer';
