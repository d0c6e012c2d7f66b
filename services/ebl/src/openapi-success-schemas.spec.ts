import { offlineApiDocument, successesWithoutSchema } from '../../../test/support/offline-openapi';
import { AppModule } from './app.module';

describe('the ebl OpenAPI document', () => {
  it('names a body schema for every 2xx answer (204 has no body)', async () => {
    const document = await offlineApiDocument(AppModule);

    expect(Object.keys(document.paths).length).toBeGreaterThan(0);
    expect(successesWithoutSchema(document)).toEqual([]);
  });
});
