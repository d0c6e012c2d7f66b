import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import {
  ResponsesObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { ApiDescription } from './api-description';
import { PROBLEM_RESPONSE, PROBLEM_SCHEMA, PROBLEM_SCHEMA_NAME } from './problem-schema';

const SCHEMA_REF = '#/components/schemas/';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The service's OpenAPI 3 document: paths from the controllers and their
 * decorators; request body schemas from the same class-validator decorators
 * that validate them, so the document cannot promise what the service refuses.
 */
export function describeApi(app: INestApplication, description: ApiDescription): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(description.title)
    .setDescription(description.description)
    .setVersion(description.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) =>
      `${controller.replace(/Controller$/, '')}_${method}`,
  });
  const schemas = withValidatedSchemas(document.components?.schemas ?? {});
  schemas[PROBLEM_SCHEMA_NAME] = structuredClone(PROBLEM_SCHEMA);
  document.components = { ...document.components, schemas };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) operation.responses = asProblems(operation.responses);
    }
  }
  return document;
}

/**
 * The ProblemDetailsFilter answers every refusal as a problem, whatever a
 * library decorator declares (Terminus says its 503 is JSON); the document
 * says so once for all statuses. Kept: a 4xx an operation declares with its
 * own body, which a standard prescribes (DCSA PINT's signed refusals).
 */
function asProblems(responses: ResponsesObject): ResponsesObject {
  const answers = Object.entries(responses).filter(
    ([status, response]) =>
      !/^[45]/.test(status) ||
      (/^4/.test(status) && response !== undefined && 'content' in response),
  );
  return { ...Object.fromEntries(answers), default: PROBLEM_RESPONSE };
}

/**
 * Swagger knows a DTO only by name; class-validator knows its rules. Each DTO
 * the document names (and every DTO those refer to) gets the rules' schema,
 * closed to unknown properties because the validation pipe refuses them.
 */
function withValidatedSchemas(
  named: Record<string, SchemaObject | object>,
): Record<string, SchemaObject | object> {
  const validated = validationMetadatasToSchemas({
    refPointerPrefix: SCHEMA_REF,
    classTransformerMetadataStorage: defaultMetadataStorage,
  }) as Record<string, SchemaObject>;
  const schemas = { ...named };
  const pending = Object.keys(named);
  while (pending.length > 0) {
    const name = pending.pop() as string;
    const rules = validated[name];
    if (rules === undefined) continue;
    schemas[name] = { ...rules, additionalProperties: false };
    for (const ref of referencedSchemas(rules)) {
      if (!(ref in schemas)) {
        schemas[ref] = {};
        pending.push(ref);
      }
    }
  }
  return schemas;
}

function referencedSchemas(schema: unknown): string[] {
  const json = JSON.stringify(schema);
  const refs = json.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g);
  return [...refs].map((match) => match[1]);
}
