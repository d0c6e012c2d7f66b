import { AccessScopeKind, PUBLIC_GRANTEE, PUBLISHABLE_SCOPE_KINDS } from '@pujiang/contracts';
import { CANONICAL_DL_ORIGIN } from '@pujiang/epcis';

/** Adds a value to the statement's parameters and returns its placeholder (`$n`). */
export type Bind = (value: unknown) => string;

/** Where a trade item's GTIN-14 starts in a canonical identifier (1-based, as SQL counts). */
const GTIN_START = `${CANONICAL_DL_ORIGIN}/01/`.length + 1;
const GTIN_IDENTIFIER = `^${CANONICAL_DL_ORIGIN.replace(/\./g, '\\.')}/01/[0-9]{14}(/|$)`;

/**
 * The one SQL form of the visibility rule (domain/visibility.ts is its
 * TypeScript twin): a boolean expression, true when `viewer` may see the
 * event row aliased `alias` at instant `at`. Its own events, or an active
 * grant from the event's capturing organisation whose scope covers a trade
 * item the event names (epcis_event_identifier holds them as canonical
 * Digital Links); an event that names none is covered by scope `all` only.
 */
export function visibleEventsPredicate(viewer: string, at: Date, bind: Bind, alias = 'e'): string {
  const who = bind(viewer);
  const when = `${bind(at.toISOString())}::timestamptz`;
  const kinds =
    viewer === PUBLIC_GRANTEE ? PUBLISHABLE_SCOPE_KINDS : Object.values(AccessScopeKind);
  const gtin = `substring(i.identifier from ${GTIN_START} for 14)`;
  const covered = `EXISTS (
      SELECT 1 FROM access_grant g
       WHERE g.grantee = ${who} AND g.granter_msp_id = ${alias}.capturing_organisation
         AND g.scope_kind = ANY(${bind(kinds)}::text[])
         AND g.granted_at <= ${when}
         AND (g.revoked_at IS NULL OR ${when} < g.revoked_at)
         AND (g.expires_at IS NULL OR ${when} < g.expires_at)
         AND (g.scope_kind = '${AccessScopeKind.all}' OR EXISTS (
           SELECT 1 FROM epcis_event_identifier i
            WHERE i.event_seq = ${alias}.seq AND i.identifier ~ ${bind(GTIN_IDENTIFIER)}
              AND CASE g.scope_kind
                    WHEN '${AccessScopeKind.companyPrefix}'
                      THEN substring(i.identifier from ${GTIN_START + 1} for length(g.scope_value)) = g.scope_value
                    WHEN '${AccessScopeKind.gtin}' THEN ${gtin} = g.scope_value
                    WHEN '${AccessScopeKind.lot}' THEN i.identifier = g.scope_identifier
                    ELSE false
                  END)))`;
  // The public captures nothing: no event is its own.
  return viewer === PUBLIC_GRANTEE
    ? `(${covered})`
    : `(${alias}.capturing_organisation = ${who} OR ${covered})`;
}
