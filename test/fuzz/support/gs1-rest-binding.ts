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
    what: 'GET /queries/{queryName} answers one query definition (an object), not an array',
    why:
      'the operation reads one named query: GS1’s own example of its answer is the object ' +
      '{name, query}, which is also what POST /queries takes; the array is the listing’s schema',
    apply: (document) => {
      const media = at(document, 'paths', '/queries/{queryName}', 'get', 'responses', '200');
      const json = at(media, 'content', 'application/json');
      json.schema = at(json, 'schema', 'items');
    },
  },
  {
    what: 'POST /queries may answer 400 QueryParameterException/ValidationException',
    why:
      'a definition with a malformed name or an unknown or malformed query parameter must be ' +
      'refused (EPCIS 2.0 section 8.2.7), and the binding lists no 4xx for it but 409 and 415',
    apply: (document) => {
      const responses = at(document, 'paths', '/queries', 'post', 'responses');
      responses['400'] ??= { $ref: '#/components/responses/400QueryIssues' };
    },
  },
  {
    what: 'the 409 ResourceAlreadyExistsException problem has status 409, not 406',
    why: 'GS1’s schema for the 409 response copies the 406 one’s `status` enum; its example says 409',
    apply: (document) => {
      const content = at(
        document,
        'components',
        'responses',
        '409ResourceAlreadyExistsException',
        'content',
      );
      for (const media of Object.values(content) as Json[]) {
        const status = at(media, 'schema', 'allOf', '0', 'properties', 'status');
        status.enum = [409];
        status.default = 409;
      }
    },
  },
  {
    what: '400SubscriptionIssues is application/problem+json, and may be a QueryParameterException',
    why:
      'every other problem of the binding is RFC 9457 problem+json; and the two operations ' +
      'using it (GET …/subscriptions, GET …/events) take perPage and nextPageToken, whose ' +
      'refusal EPCIS 2.0 section 8.2.7 names QueryParameterException',
    apply: (document) => {
      const content = at(document, 'components', 'responses', '400SubscriptionIssues', 'content');
      const problem = at(content, 'application/json');
      delete content['application/json'];
      content['application/problem+json'] = problem;
      const type = at(problem, 'schema', 'allOf', '0', 'properties', 'type');
      type.enum = [...(type.enum as string[]), 'epcisException:QueryParameterException'];
    },
  },
  {
    what: 'a subscription not found is a 404 typed epcisException:NoSuchSubscriptionException',
    why:
      'EPCIS 2.0 section 8.2.7 names NoSuchSubscriptionException for a subscription that does ' +
      'not exist; only the three operations on /queries/{queryName}/subscriptions/{subscriptionID}',
    apply: (document) => {
      const shared = at(document, 'components', 'responses', '404ResourceNotFound');
      const item = at(document, 'paths', '/queries/{queryName}/subscriptions/{subscriptionID}');
      for (const method of ['get', 'options', 'delete']) {
        const response = structuredClone(shared);
        for (const media of Object.values(at(response, 'content')) as Json[]) {
          const type = at(media, 'schema', 'allOf', '0', 'properties', 'type');
          type.enum = [...(type.enum as string[]), 'epcisException:NoSuchSubscriptionException'];
        }
        at(item, method, 'responses')['404'] = response;
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
      allow(at(document, 'components', 'responses', '400SubscriptionIssues', 'content'));
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

/**
 * The one operation of the binding not fuzzed: creating a webhook subscription. GS1's body
 * schema makes any URI a valid `dest`, so generated requests would subscribe arbitrary public
 * hosts, and the service would send them the events the run captures. Its checks are in
 * subscriptions.int-spec.ts (every refused body) and rest-binding.int-spec.ts (the binding's 201).
 */
export const WEBHOOK_SUBSCRIPTION = 'POST /queries/{queryName}/subscriptions';

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
