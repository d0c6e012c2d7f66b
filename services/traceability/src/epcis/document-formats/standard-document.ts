import { HttpStatus } from '@nestjs/common';
import {
  EpcisXmlError,
  JsonLdDocumentError,
  UnknownContextError,
  hasStandardContext,
  readEpcisXml,
  toStandardForm,
  xsdProblems,
} from '@pujiang/epcis';
import { ProblemException } from '@pujiang/http';
import { hasAtMostJsonValues } from '@pujiang/standards';

export const VALIDATION_PROBLEM = 'epcisException:ValidationException';

/**
 * The largest document read as JSON-LD in the request, in JSON values (about 900 small events).
 * jsonld.js is slow: measured here, 23,000 values took 4.4 s and 111,000 took 11.6 s of CPU
 * (docs/decisions/0019). A larger document is taken in the standard context only (413).
 */
export const JSON_LD_MAX_VALUES = 20_000;

/**
 * A captured body as the standard EPCIS 2.0 JSON-LD document it means, before validation and
 * hashing: XML (a string, see XmlBodies) read into it, JSON-LD in another context normalised
 * into it. A body already in the standard context is returned as it is, with no JSON-LD
 * processing: the common case pays one look at @context (docs/decisions/0019).
 */
export async function standardDocument(body: unknown): Promise<unknown> {
  if (typeof body === 'string') return fromXml(body);
  if (hasStandardContext(body) || typeof body !== 'object' || body === null) return body;
  return normalised(body as Record<string, never>);
}

/**
 * A standard-context document the JSON Schema refused, read as JSON-LD: what `@type` for
 * `type`, a single value for a list or a compact IRI says is the standard form. Undefined when
 * JSON-LD cannot read it either (the schema's own problems are then the answer).
 */
export async function standardFormOfInvalid(body: unknown): Promise<unknown> {
  if (typeof body !== 'object' || body === null || !hasAtMostJsonValues(body, JSON_LD_MAX_VALUES)) {
    return undefined;
  }
  try {
    return await toStandardForm(body as Record<string, never>);
  } catch (error) {
    if (error instanceof JsonLdDocumentError || error instanceof UnknownContextError)
      return undefined;
    throw error;
  }
}

/**
 * An XML document read into JSON-LD, once GS1's XSD of its version (2.0 or 1.2) finds it valid:
 * a document the schema refuses is answered 400 with each problem's line and element.
 */
async function fromXml(xml: string): Promise<unknown> {
  const problems = await xsdProblems(xml);
  if (problems.length > 0) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      `The XML document is not valid against GS1's EPCIS XSD: ${problems[0].line === undefined ? '' : `line ${problems[0].line}: `}${problems[0].detail}`,
      VALIDATION_PROBLEM,
      problems.slice(0, 100).map((problem) => ({
        pointer: '',
        detail:
          problem.line === undefined ? problem.detail : `line ${problem.line}: ${problem.detail}`,
      })),
    );
  }
  try {
    return readEpcisXml(xml);
  } catch (error) {
    if (!(error instanceof EpcisXmlError)) throw error;
    throw new ProblemException(HttpStatus.BAD_REQUEST, error.message, VALIDATION_PROBLEM);
  }
}

async function normalised(body: Record<string, never>): Promise<unknown> {
  if (!hasAtMostJsonValues(body, JSON_LD_MAX_VALUES)) {
    throw new ProblemException(
      HttpStatus.PAYLOAD_TOO_LARGE,
      `A document in a context other than the standard EPCIS context is read as JSON-LD up to ${JSON_LD_MAX_VALUES} JSON values; send larger ones in the standard context`,
      'epcisException:CaptureLimitExceededException',
    );
  }
  try {
    return await toStandardForm(body);
  } catch (error) {
    if (error instanceof UnknownContextError || error instanceof JsonLdDocumentError) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, error.message, VALIDATION_PROBLEM, [
        { pointer: '/@context', detail: error.message },
      ]);
    }
    throw error;
  }
}
