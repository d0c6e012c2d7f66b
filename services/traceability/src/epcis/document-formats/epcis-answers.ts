import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { MasterDataConfig, companyPrefixes } from '../master-data/master-data.config';
import { appliedEpcFormat, withEpcFormat } from './domain/epc-format';
import { epcisAnswer } from './epcis-answer';

/**
 * A query answer as the client asked for it: its identifiers in the
 * GS1-EPC-Format asked for (the answer's header says which was applied),
 * then in the binding its Accept asks for. EPC URNs need the company
 * prefix's length: the prefixes configured for master data give it.
 */
@Injectable()
export class EpcisAnswers {
  private readonly prefixes: readonly string[];

  constructor(config: MasterDataConfig) {
    this.prefixes = [...companyPrefixes(config).values()].flat();
  }

  answer<Document extends object>(
    request: FastifyRequest,
    reply: FastifyReply,
    document: Document,
  ): Document | string {
    const asked = request.headers['gs1-epc-format'];
    const format = appliedEpcFormat(Array.isArray(asked) ? asked.join(',') : asked);
    void reply.header('GS1-EPC-Format', format);
    return epcisAnswer(request, reply, withEpcFormat(document, format, this.prefixes));
  }
}
