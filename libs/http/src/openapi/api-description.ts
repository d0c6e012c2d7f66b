import { DynamicModule, Module } from '@nestjs/common';

/** What a service says about itself at the top of its OpenAPI document. */
export interface ApiDescription {
  title: string;
  description: string;
  /** The API's own version, e.g. the DCSA standard version it implements. */
  version: string;
}

export const API_DESCRIPTION = Symbol('ApiDescription');

/**
 * Names the service in its OpenAPI document (GET /openapi.json). The paths and
 * schemas come from the controllers and the class-validator DTOs themselves.
 */
@Module({})
export class ApiDescriptionModule {
  static forRoot(description: ApiDescription): DynamicModule {
    return {
      module: ApiDescriptionModule,
      providers: [{ provide: API_DESCRIPTION, useValue: description }],
      exports: [API_DESCRIPTION],
      global: true,
    };
  }
}
