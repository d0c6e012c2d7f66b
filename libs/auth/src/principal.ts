/**
 * The caller of an HTTP request as the bearer token states it: the party
 * acting (token `sub`), its organisation (`org`) and what it may do (`roles`).
 */
export interface Principal {
  party: string;
  organisation: string;
  roles: readonly string[];
}

export function principalFromClaims(claims: Record<string, unknown>): Principal | undefined {
  const { sub, org, roles } = claims;
  if (typeof sub !== 'string' || sub.length === 0) return undefined;
  if (typeof org !== 'string' || org.length === 0) return undefined;
  if (!Array.isArray(roles) || !roles.every((r): r is string => typeof r === 'string')) {
    return undefined;
  }
  return { party: sub, organisation: org, roles };
}
