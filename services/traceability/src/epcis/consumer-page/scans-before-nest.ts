import { Injectable } from '@nestjs/common';
import { PublicAllowance } from '@pujiang/auth';
import { EarlyAnswer, ProblemException } from '@pujiang/http';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ProvenancePages } from './provenance-pages';
import { Scan, readScan, sendScan } from './scan-answer';
import { SUBJECT_OF_ROUTE } from './scanned-codes';

/**
 * Scans of the resolver's page routes answered in Fastify's onRequest hook,
 * before Nest's per-request pipeline (decision 0030), when the answer needs
 * no database: the linkset, a link type's redirect, or a page already kept.
 * Each is counted against the client's public allowance, as the route's
 * guard would count it. Anything else goes on to DigitalLinkController,
 * which answers it with the same rules (scan-answer.ts): a page to render, a
 * malformed code or query (its 400 problem), a client over its allowance
 * (the guard's 429 problem), the compressed form. No Nest guard, pipe or
 * interceptor runs for what it answers: one added to the page routes must be
 * taught here too.
 */
@Injectable()
export class ScansBeforeNest extends EarlyAnswer {
  constructor(
    private readonly pages: ProvenancePages,
    private readonly allowance: PublicAllowance,
  ) {
    super();
  }

  answer(request: FastifyRequest, reply: FastifyReply): boolean {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const subjectOf = SUBJECT_OF_ROUTE.get(request.routeOptions.url ?? '');
    if (subjectOf === undefined) return false;
    let scan: Scan;
    try {
      const subject = subjectOf(request.params as Record<string, string>);
      scan = readScan(subject, request, reply, request.query as Record<string, unknown>);
    } catch (error) {
      // The route refuses it again, as a problem with its correlation id.
      if (error instanceof ProblemException) return false;
      throw error;
    }
    const answer = scan.kind === 'page' ? this.keptPage(scan) : scan;
    if (answer === undefined || !this.allowance.spend(request)) return false;
    void sendScan(request, reply, answer);
    return true;
  }

  private keptPage(scan: Extract<Scan, { kind: 'page' }>) {
    const page = this.pages.kept(scan.path, scan.language);
    return page === undefined ? undefined : { ...scan, page };
  }
}
