import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

export interface QueryParameter {
  name: string;
  description: string;
  schema: SchemaObject;
}

/**
 * Documents query parameters a handler reads from a raw query record (the
 * EPCIS and trace queries parse their own, richer syntax), all optional.
 */
export function ApiOptionalQueries(parameters: QueryParameter[]): MethodDecorator {
  return applyDecorators(
    ...parameters.map((parameter) => ApiQuery({ ...parameter, required: false })),
  );
}
