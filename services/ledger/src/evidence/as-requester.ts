import { ProblemException } from '@pujiang/http';

/**
 * Reads a record from another service as the requester, with its own bearer
 * token: what it may not see there, it may not bundle here. Not found and not
 * visible both answer 404, as the services themselves do.
 */
export async function readAsRequester(
  url: string,
  authorization: string,
  what: string,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization, accept: 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new ProblemException(503, `${what}: its service is unreachable; no bundle was made`);
  }
  if (response.status === 404)
    throw new ProblemException(404, `${what}: not found, or not yours to see`);
  if (response.status === 401 || response.status === 403) {
    throw new ProblemException(403, `${what}: your token may not read it, so it may not bundle it`);
  }
  if (!response.ok)
    throw new ProblemException(503, `${what}: its service answered ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new ProblemException(503, `${what}: its service answered something other than JSON`);
  }
}
