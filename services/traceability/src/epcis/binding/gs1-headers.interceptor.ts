import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { ProblemException } from '@pujiang/http';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { VERSION_HEADERS, unacceptableHeaders } from './domain/gs1-headers';

/**
 * Version negotiation of the EPCIS REST binding, after authentication: a request whose
 * GS1-EPCIS-/GS1-CBV- range excludes what this repository speaks is refused with 406
 * NotAcceptableException; every answer names the versions it is written in.
 */
@Injectable()
export class Gs1HeadersInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const reasons = unacceptableHeaders(http.getRequest<FastifyRequest>().headers);
    if (reasons.length > 0) {
      throw new ProblemException(
        HttpStatus.NOT_ACCEPTABLE,
        'The GS1 headers ask for what this repository does not serve',
        'epcisException:NotAcceptableException',
        reasons.map((detail) => ({ pointer: '/headers', detail })),
      );
    }
    void http.getResponse<FastifyReply>().headers(VERSION_HEADERS);
    return next.handle();
  }
}
