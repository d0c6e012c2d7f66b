export {
  createHttpApp,
  configureHttpApp,
  fastifyAdapter,
  listen,
  HttpAppOptions,
  NEST_APP_OPTIONS,
} from './http-app';
export { EarlyAnswer } from './early-answer';
export { LoggingModule } from './logging.module';
export { ProblemDetailsFilter } from './problem.filter';
export { ProblemException } from './problem.exception';
export { ProblemDetails, FieldProblem, PROBLEM_CONTENT_TYPE } from './problem-details';
export { strictValidationPipe, toFieldProblems } from './validation';
export { IsImoNumber } from './trade-identifiers';
export { HttpConfig } from './http.config';
export { runService, ServiceOptions } from './bootstrap';
export {
  ApiDescription,
  ApiDescriptionModule,
  ApiOptionalQueries,
  OPENAPI_PATH,
  QueryParameter,
  PROBLEM_SCHEMA,
  describeApi,
} from './openapi';
