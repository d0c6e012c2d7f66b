import Fastify, { FastifyInstance } from 'fastify';

export interface BareServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * The floor the service stands on: Fastify alone, same body limit, same JSON
 * parser for application/json and application/ld+json, no Nest, no database.
 * POST routes parse the body and answer 201; GET /page answers `html`.
 * With `eachEvent`, POST /events also hands the parsed event to it first and
 * answers with what it returns (a floor with some of the service's work in it).
 */
export async function startBareFastify(options: {
  bodyLimit: number;
  html?: string;
  eachEvent?: (event: unknown) => unknown;
}): Promise<BareServer> {
  const app: FastifyInstance = Fastify({ bodyLimit: options.bodyLimit, logger: false });
  app.addContentTypeParser(
    'application/ld+json',
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );
  const accept = (body: unknown) => ({ accepted: typeof body === 'object' && body !== null });
  const { eachEvent } = options;
  app.post('/events', async (request, reply) =>
    reply.code(201).send(eachEvent ? eachEvent(request.body) : accept(request.body)),
  );
  app.post('/capture', async (request, reply) => reply.code(201).send(accept(request.body)));
  app.get('/page', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(options.html ?? ''),
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}
