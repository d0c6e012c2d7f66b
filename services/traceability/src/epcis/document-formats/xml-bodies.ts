import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance } from 'fastify';

/** The XML binding's media types, as clients send and ask for them. */
export const XML_MEDIA_TYPES = ['application/xml', 'text/xml'];

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Lets EPCIS XML documents in: an XML body reaches the handler as its text (within the same
 * body limit as JSON), and the capture binding reads it. Only this service takes XML.
 */
@Injectable()
export class XmlBodies implements OnModuleInit {
  constructor(private readonly adapter: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    if (fastify.hasContentTypeParser('application/xml')) return;
    fastify.addContentTypeParser(XML_MEDIA_TYPES, { parseAs: 'buffer' }, (_request, body, done) => {
      try {
        done(null, UTF8.decode(body as Buffer));
      } catch {
        done(Object.assign(new Error('the body is not valid UTF-8'), { statusCode: 400 }));
      }
    });
  }
}
