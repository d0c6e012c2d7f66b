"""Schemathesis checks loaded through SCHEMATHESIS_HOOKS by test/fuzz.

Every refusal the services make must be RFC 9457 problem details carrying the
same status as the response, so a client can always tell what went wrong.
A public operation, fuzzed with no token, must never ask for one.
"""

import json

import schemathesis

PROBLEM_JSON = "application/problem+json"


@schemathesis.check
def refusal_is_problem_details(ctx, response, case):
    if response.status_code < 400:
        return None
    # A refusal whose body a standard prescribes (DCSA PINT's signed answers) is
    # declared with its own content; content_type_conformance checks those.
    declared = case.operation.definition.raw.get("responses", {}).get(str(response.status_code), {})
    if "content" in declared and PROBLEM_JSON not in declared["content"]:
        return None
    content_type = (response.headers.get("content-type") or [""])[0]
    if not content_type.startswith(PROBLEM_JSON):
        raise AssertionError(
            f"{response.status_code} answered as {content_type or 'no content type'}, not {PROBLEM_JSON}"
        )
    try:
        problem = json.loads(response.content)
    except ValueError as error:
        raise AssertionError(f"{response.status_code} problem body is not JSON: {error}") from None
    if not isinstance(problem, dict):
        raise AssertionError("the problem body is not a JSON object")
    if problem.get("status") != response.status_code:
        raise AssertionError(
            f"problem status {problem.get('status')!r} differs from the response's {response.status_code}"
        )
    for member in ("type", "title", "correlationId"):
        if not isinstance(problem.get(member), str) or not problem[member]:
            raise AssertionError(f"the problem has no {member}")
    return None


@schemathesis.check
def answers_without_a_token(ctx, response, case):
    """Only where a run names it: the operations fuzzed are public and sent no token."""
    if response.status_code in (401, 403):
        raise AssertionError(
            f"{response.status_code} to a request without a token: this operation should be public"
        )
    return None
