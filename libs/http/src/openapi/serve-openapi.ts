import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OpenAPIObject } from '@nestjs/swagger';
import { API_DESCRIPTION, ApiDescription } from './api-description';
import { describeApi } from './openapi-document';

export const OPENAPI_PATH = '/openapi.json';

/**
 * GET /openapi.json, built on the first request (after every module has
 * registered its routes) and kept. A module without ApiDescriptionModule
 * serves no document.
 */
export function serveOpenApi(app: NestFastifyApplication): void {
  let document: OpenAPIObject | undefined;
  app
    .getHttpAdapter()
    .getInstance()
    .get(OPENAPI_PATH, async (_request, reply) => {
      const description = describedBy(app);
      if (description === undefined) return reply.callNotFound();
      document ??= describeApi(app, description);
      return reply.type('application/json').send(document);
    });
}

function describedBy(app: NestFastifyApplication): ApiDescription | undefined {
  try {
    return app.get<ApiDescription>(API_DESCRIPTION, { strict: false });
  } catch {
    return undefined;
  }
}
