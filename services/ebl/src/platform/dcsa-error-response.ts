import { pointerToJsonPath } from '@pujiang/dcsa';
import type { ProblemDetails } from '@pujiang/http';

/** DCSA's DetailedError, with the RFC 9457 field problem it was made from. */
interface DetailedError {
  pointer: string;
  detail: string;
  property?: string;
  jsonPath?: string;
  errorCodeText: string;
  errorCodeMessage: string;
}

/** The request a refusal answers: what DCSA's ErrorResponse names. */
export interface RefusedRequest {
  method: string;
  url: string;
  body: unknown;
}

/** ErrorResponse limits (EBL_ISS, EBL_SUR and EBL_PINT 3.0.0 agree). */
const STATUS_TEXT_MAX = 50;
const STATUS_MESSAGE_MAX = 200;
const CODE_TEXT_MAX = 100;
const CODE_MESSAGE_MAX = 5000;
const PATH_MAX = 500;
const PROPERTY_MAX = 100;

/**
 * A refusal on a DCSA route: the problem details every route sends, with the fields of DCSA's
 * ErrorResponse added (docs/decisions/0022), so that a DCSA counterpart and our own clients
 * both read it. Each field problem becomes a DetailedError that keeps its pointer and detail.
 */
export function dcsaErrorResponse(
  problem: ProblemDetails,
  request: RefusedRequest,
  now: Date,
): Omit<ProblemDetails, 'errors'> & { errors: DetailedError[]; [field: string]: unknown } {
  const message = problem.detail ?? problem.title;
  const errors: DetailedError[] =
    problem.errors !== undefined && problem.errors.length > 0
      ? problem.errors.map((field) => {
          const jsonPath = pointerToJsonPath(field.pointer, request.body);
          const property = field.pointer.split('/').pop() ?? '';
          return {
            ...field,
            ...(property === '' ? {} : { property: property.slice(0, PROPERTY_MAX) }),
            jsonPath: jsonPath.slice(0, PATH_MAX),
            errorCodeText: 'invalidData',
            errorCodeMessage: field.detail.slice(0, CODE_MESSAGE_MAX),
          };
        })
      : [
          {
            // The empty JSON pointer names the request as a whole, so the entry is also a
            // field problem of our own problem details (every one has a pointer and detail).
            pointer: '',
            detail: message,
            errorCodeText: problem.title.slice(0, CODE_TEXT_MAX),
            errorCodeMessage: message.slice(0, CODE_MESSAGE_MAX),
          },
        ];
  return {
    ...problem,
    httpMethod: request.method.toUpperCase(),
    requestUri: request.url,
    statusCode: problem.status,
    statusCodeText: problem.title.slice(0, STATUS_TEXT_MAX),
    statusCodeMessage: message.slice(0, STATUS_MESSAGE_MAX),
    providerCorrelationReference: problem.correlationId.slice(0, 100),
    errorDateTime: now.toISOString(),
    errors,
  };
}
