import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FastifyInstance } from 'fastify';

export const DOCS_PATH = '/docs';

/** The installed swagger-ui-dist files the page loads: no CDN, no network. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

/*
 * Relative addresses, so the page works behind an Ingress that serves the
 * service under a path prefix: docs/… and openapi.json resolve beside /docs.
 */
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>API</title>
    <link rel="stylesheet" href="docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="docs/swagger-ui-bundle.js"></script>
    <script src="docs/start.js"></script>
  </body>
</html>
`;

const START = `window.onload = function () {
  window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#swagger-ui' });
};
`;

/** Swagger UI at /docs, reading the service's own /openapi.json. */
export function serveApiDocs(fastify: FastifyInstance): void {
  const root = dirname(require.resolve('swagger-ui-dist/package.json'));
  const loaded = new Map<string, Promise<Buffer>>();
  fastify.get(DOCS_PATH, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(PAGE),
  );
  fastify.get(`${DOCS_PATH}/start.js`, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(START),
  );
  for (const [file, type] of Object.entries(ASSETS)) {
    fastify.get(`${DOCS_PATH}/${file}`, async (_request, reply) => {
      const body = loaded.get(file) ?? readFile(join(root, file));
      loaded.set(file, body);
      return reply
        .type(type)
        .header('cache-control', 'public, max-age=3600')
        .send(await body);
    });
  }
}
