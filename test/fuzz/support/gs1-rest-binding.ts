import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../support/stack-env';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'epcis', 'rest-binding');
const STUB_URL = 'https://gs1.github.io/EPCIS/REST%20Bindings/JSON-Schema-Stub.json';

type Json = Record<string, unknown>;

/**
 * Where this repository answers otherwise than GS1's OpenAPI says, each with its reason:
 * the run checks GS1's document with exactly these changes and no others (README.md in
 * test/fuzz lists them too).
 */
export const DEVIATIONS: { what: string; why: string; apply: (document: Json) => void }[] = [
  {
    what: 'problem `instance` is a relative URI reference (`/events?…`), not an absolute URI',
    why:
      'RFC 9457 makes `instance` a URI reference; the service does not know the public host ' +
      'it is reached by, so it names the resource by its path',
    apply: (document) => {
      const body = at(document, 'components', 'schemas', 'RFC7807ProblemResponseBody');
      at(body, 'properties', 'instance').format = 'uri-reference';
    },
  },
  {
    what: '404 problems are typed epcisException:NoSuchResourceException',
    why:
      'GS1’s own example of the 404 response says NoSuchResourceException; NoSuchNameException, ' +
      'which its schema alone allows, is the exception for an unknown named query',
    apply: (document) => {
      const schema = at(document, 'components', 'responses', '404ResourceNotFound', 'content');
      for (const media of Object.values(schema) as Json[]) {
        const type = at(media, 'schema', 'allOf', '0', 'properties', 'type');
        type.enum = [...(type.enum as string[]), 'epcisException:NoSuchResourceException'];
      }
    },
  },
  {
    what:
      'a GET with query parameters may answer 400 QueryParameterException, and one with ' +
      'maxEventCount 413 QueryTooLargeException, where the binding lists neither',
    why:
      'EPCIS 2.0 section 8.2.7 raises QueryParameterException for a parameter that is unknown ' +
      'or malformed (a typo must not widen a recall query) and QueryTooLargeException past ' +
      'maxEventCount; the binding itself documents 400QueryIssues on /eventTypes/{eventType}/events',
    apply: (document) => {
      for (const item of Object.values(document.paths as Json) as Json[]) {
        const get = item.get as Json | undefined;
        const parameters = ((get?.parameters as Json[] | undefined) ?? []).map((p) =>
          String(p.$ref),
        );
        if (get === undefined || !parameters.some((ref) => /PerPage|NextPageToken/.test(ref))) {
          continue;
        }
        const responses = get.responses as Json;
        responses['400'] ??= { $ref: '#/components/responses/400QueryIssues' };
        if (parameters.includes('#/components/parameters/maxEventCount')) {
          responses['413'] ??= { $ref: '#/components/responses/413QueryScopeOrSize' };
        }
      }
    },
  },
  {
    what: 'a request the HTTP layer cannot read is refused with a 400 problem typed `about:blank`',
    why:
      'libs/http refuses a URL with a NUL character or a body that is not UTF-8 JSON before any ' +
      'EPCIS code runs, alike for every service; a request that is read and wrong gets the ' +
      'EPCIS exception the binding names',
    apply: (document) => {
      const allow = (content: Json) => {
        const type = at(
          content,
          'application/problem+json',
          'schema',
          'allOf',
          '0',
          'properties',
          'type',
        );
        type.enum = [...(type.enum as string[]), 'about:blank'];
      };
      allow(at(document, 'components', 'responses', '400QueryIssues', 'content'));
      for (const path of ['/capture', '/events']) {
        allow(at(document, 'paths', path, 'post', 'responses', '400', 'content'));
      }
    },
  },
  {
    what: 'a capture job is checked against `anyOf` (errors, errorFile), not `oneOf`',
    why:
      'each branch constrains only its own property, so a job with `errors` and no `errorFile` ' +
      '(every job here) satisfies both, which `oneOf` forbids',
    apply: (document) => {
      const job = at(document, 'components', 'schemas', 'CaptureJob', 'allOf', '1');
      job.anyOf = job.oneOf;
      delete job.oneOf;
    },
  },
  {
    what: 'POST /capture’s body is `anyOf` EPCISDocument and EPCISQueryDocument, not `oneOf`',
    why:
      'with the stub, both are `{type: object}`, so no body can satisfy exactly one of them; ' +
      'GS1’s full schemas tell the two apart by `type`',
    apply: (document) => {
      const schema = at(document, 'paths', '/capture', 'post', 'requestBody', 'content');
      const body = at(schema, 'application/json', 'schema');
      body.anyOf = body.oneOf;
      delete body.oneOf;
    },
  },
  {
    what: 'the Disposition path parameter’s example is its URI, not the bare word `in_progress`',
    why: 'the parameter’s own schema requires a URI, so no request could be built from the example',
    apply: (document) => {
      at(document, 'components', 'parameters', 'Disposition').example =
        'https://ref.gs1.org/cbv/Disp-in_progress';
    },
  },
];

function at(node: Json, ...keys: string[]): Json {
  let current: unknown = node;
  for (const key of keys) {
    current = (current as Json | undefined)?.[key];
    if (typeof current !== 'object' || current === null) {
      throw new Error(`GS1's binding has no ${keys.join('/')}: a deviation no longer applies`);
    }
  }
  return current as Json;
}

/** The operations of the binding that are not this branch's: named queries and subscriptions. */
export const NOT_ROUTED_HERE = '^/queries';

/**
 * GS1's REST binding (test/fixtures/epcis/rest-binding/openapi.yaml, unchanged) as
 * Schemathesis reads it, written to a temporary file: its references to GS1's
 * JSON-Schema-Stub.json resolved from the copy beside it (no network), its examples that
 * only point at files on gs1.github.io dropped, and the DEVIATIONS applied.
 */
export function gs1RestBindingDocument(): string {
  const stub = JSON.parse(readFileSync(join(FIXTURES, 'JSON-Schema-Stub.json'), 'utf8')) as {
    definitions: Record<string, unknown>;
  };
  const document = parse(readFileSync(join(FIXTURES, 'openapi.yaml'), 'utf8')) as Json;
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve);
    if (typeof node !== 'object' || node === null) return node;
    const ref = (node as Json).$ref;
    if (typeof ref === 'string' && ref.startsWith(`${STUB_URL}#/definitions/`)) {
      const name = ref.slice(`${STUB_URL}#/definitions/`.length);
      if (!(name in stub.definitions)) throw new Error(`the stub has no definition ${name}`);
      return structuredClone(stub.definitions[name]);
    }
    const resolved: Json = {};
    for (const [key, value] of Object.entries(node as Json)) {
      const remoteExample =
        key === 'example' &&
        typeof value === 'object' &&
        value !== null &&
        typeof (value as Json).$ref === 'string';
      if (!remoteExample) resolved[key] = resolve(value);
    }
    return resolved;
  };
  const prepared = resolve(document) as Json;
  for (const deviation of DEVIATIONS) deviation.apply(prepared);
  const remaining = JSON.stringify(prepared).match(/"\$ref":"https?:[^"]*"/g);
  if (remaining) throw new Error(`remote references left: ${remaining.join(', ')}`);
  const file = join(mkdtempSync(join(tmpdir(), 'gs1-rest-binding-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(prepared, null, 2));
  return file;
}
