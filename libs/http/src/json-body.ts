import { FastifyInstance } from 'fastify';

/** What the raw text must contain for a parsed string to hold NUL or a lone surrogate. */
/** Refuses malformed bytes instead of replacing them with U+FFFD and storing the result. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const SUSPECT_ESCAPE = /\\u(?:0000|d[89a-f])/i;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Strings PostgreSQL cannot store (text and jsonb refuse NUL and unpaired
 * surrogates), which JSON can carry as escapes. Found after parsing, they
 * would fail the insert: a server error for what is the client's mistake.
 */
function holdsUnstorableText(body: unknown): boolean {
  // A loop, not recursion: a body may be nested deeper than the call stack.
  const pending = [body];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000') || LONE_SURROGATE.test(value)) return true;
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, member] of Object.entries(value)) pending.push(key, member);
    }
  }
  return false;
}

/**
 * Fastify's own JSON parser (prototype poisoning refused) for JSON and JSON-LD
 * bodies, refusing bytes that are not UTF-8 and text PostgreSQL cannot store
 * with a 400. The walk over the
 * parsed body runs only when the raw text has such an escape, so ordinary
 * bodies pay one regular-expression scan.
 */
export function parseJsonBodies(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    ['application/json', 'application/ld+json'],
    { parseAs: 'buffer' },
    (request, body, done) => {
      let text: string;
      try {
        text = UTF8.decode(body as Buffer);
      } catch {
        return done(Object.assign(new Error('the body is not valid UTF-8'), { statusCode: 400 }));
      }
      void parse(request, text, (error, value) => {
        if (error) return done(error, undefined);
        if (SUSPECT_ESCAPE.test(text) && holdsUnstorableText(value)) {
          const refusal = new Error('the body holds a NUL character or an unpaired surrogate');
          return done(Object.assign(refusal, { statusCode: 400 }), undefined);
        }
        done(null, value);
      });
    },
  );
}
