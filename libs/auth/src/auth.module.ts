import { Module } from '@nestjs/common';
import { BearerAuthGuard } from './bearer-auth.guard';
import { TokenVerifier } from './token-verifier';

/** Needs a global AuthConfig (ConfigModule.forRoot). */
@Module({
  providers: [TokenVerifier, BearerAuthGuard],
  exports: [TokenVerifier, BearerAuthGuard],
})
export class AuthModule {}
