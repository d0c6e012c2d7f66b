import { offlineApiDocument, successesWithoutSchema } from '../../../test/support/offline-openapi';
import { AppModule } from './app.module';

/**
 * 2xx answers with no body by their standard, so no schema to name:
 * POST /queries answers 201 Created with Location only (GS1 EPCIS 2.0 REST
 * binding, createQuery).
 */
const WITHOUT_BODY = ['POST /queries 201'];

describe('the traceability OpenAPI document', () => {
  it('names a body schema for every 2xx answer (204 and the listed ones have no body)', async () => {
    const document = await offlineApiDocument(AppModule);

    expect(Object.keys(document.paths).length).toBeGreaterThan(0);
    expect(successesWithoutSchema(document)).toEqual(WITHOUT_BODY);
  });
});
