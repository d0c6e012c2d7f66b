import {
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '@pujiang/http';
import { KeyObject } from 'node:crypto';
import { decodeJwt, jwtVerify } from 'jose';
import { EblPlatform } from './ebl-platform';

export type CounterpartKind = 'carrier' | 'platform';

const KIND = 'pujiang:counterpart';

/** The route is called by a carrier or by another eBL platform, never by a person. */
export const CalledBy = (kind: CounterpartKind) => SetMetadata(KIND, kind);

interface CounterpartRequest {
  headers: Record<string, string | string[] | undefined>;
  counterpart?: string;
}

/**
 * Carriers and platforms prove who they are with a short-lived bearer token
 * signed by the key registered for them in the directory (`iss` = their
 * carrier or platform code, `aud` = our platform code).
 */
@Injectable()
export class CounterpartGuard implements CanActivate {
  constructor(
    private readonly platform: EblPlatform,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const kind = this.reflector.get<CounterpartKind | undefined>(KIND, context.getHandler());
    if (kind === undefined) throw new Error('CounterpartGuard needs @CalledBy on the route');
    const request = context.switchToHttp().getRequest<CounterpartRequest>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header)?.[1] : undefined;
    if (token === undefined) throw new ProblemException(401, `a ${kind} bearer token is required`);
    const issuer = unverifiedIssuer(token);
    const key = issuer === undefined ? undefined : this.keyOf(kind, issuer);
    if (issuer === undefined || key === undefined) {
      throw new ProblemException(401, `the token is not from a registered ${kind}`);
    }
    try {
      await jwtVerify(token, key, {
        issuer,
        audience: this.platform.code,
        algorithms: ['ES256', 'RS256', 'EdDSA'],
        requiredClaims: ['exp'],
      });
    } catch {
      throw new ProblemException(401, `the ${kind} token does not verify`);
    }
    request.counterpart = issuer;
    return true;
  }

  private keyOf(kind: CounterpartKind, code: string): KeyObject | undefined {
    return kind === 'carrier'
      ? this.platform.carrier(code)?.publicKey
      : this.platform.platform(code)?.publicKey;
  }
}

/** Only to pick the key: the claim is trusted once the signature verifies with that key. */
function unverifiedIssuer(token: string): string | undefined {
  try {
    const { iss } = decodeJwt(token);
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

/** The verified carrier or platform code of the caller. */
export const Counterpart = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const code = context.switchToHttp().getRequest<CounterpartRequest>().counterpart;
  if (code === undefined) throw new Error('Counterpart used without CounterpartGuard');
  return code;
});
