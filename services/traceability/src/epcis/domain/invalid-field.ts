/**
 * What is wrong with one member of a request, by RFC 6901 JSON Pointer. Domain
 * rules speak it without knowing HTTP; problem+json carries it as is (the
 * `errors` member of libs/http's ProblemDetails has the same shape).
 */
export interface InvalidField {
  pointer: string;
  detail: string;
}
