import { HttpStatus } from '@nestjs/common';
import { writeEpcisXml, type JsonObject } from '@pujiang/epcis';
import { ProblemException } from '@pujiang/http';
import { FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { XML_MEDIA_TYPES } from './xml-bodies';

/** What an EPCIS answer can be given as; JSON-LD first, so it is the default. */
const ANSWER_MEDIA_TYPES = ['application/ld+json', 'application/json', ...XML_MEDIA_TYPES];

/**
 * An EPCIS document in the binding the client's Accept asks for: JSON-LD (the default, also
 * for no Accept or any type), or EPCIS 2.0 XML. Any route answering an EPCIS document or query
 * document returns what this returns. 406 when Accept allows none of them.
 */
export function epcisAnswer<Document extends object>(
  request: FastifyRequest,
  reply: FastifyReply,
  document: Document,
): Document | string {
  const chosen = new Negotiator({ headers: { accept: request.headers.accept ?? '*/*' } }).mediaType(
    ANSWER_MEDIA_TYPES,
  );
  if (chosen === undefined) {
    throw new ProblemException(
      HttpStatus.NOT_ACCEPTABLE,
      `EPCIS answers are given as ${ANSWER_MEDIA_TYPES.join(', ')}`,
      'epcisException:NotAcceptableException',
    );
  }
  void reply.header('Vary', 'Accept');
  if (!XML_MEDIA_TYPES.includes(chosen)) return document;
  void reply.type(`${chosen}; charset=utf-8`);
  // Stored events and the documents built from them are JSON (jsonb) all the way down.
  return writeEpcisXml(document as unknown as JsonObject);
}
