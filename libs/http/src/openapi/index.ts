export { ApiDescription, ApiDescriptionModule } from './api-description';
export { describeApi } from './openapi-document';
export { OPENAPI_PATH, serveOpenApi } from './serve-openapi';
export { PROBLEM_SCHEMA } from './problem-schema';
export { ApiOptionalQueries, QueryParameter } from './decorators';
