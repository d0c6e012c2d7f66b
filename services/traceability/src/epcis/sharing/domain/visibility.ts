import { AccessGrant, PUBLIC_GRANTEE, grantCovers } from '@pujiang/contracts';
import { CANONICAL_DL_ORIGIN, lotOfDigitalLink } from '@pujiang/epcis';

/**
 * Who may see an event (issue 14, decision 0014), for events already in
 * memory (a trace walk, the consumer page). SQL queries judge the same rule
 * with visible-events.sql.ts; the two are tested on the same cases.
 */

/** What the rule needs of an event: its author and its identifiers as the repository indexed them. */
export interface AuthoredEvent {
  capturingOrganisation: string;
  /** Canonical identifiers (GS1 Digital Link on id.gs1.org for trade items). */
  identifiers: readonly string[];
}

/** A trade item an event names: a GTIN-14, and the lot when the identifier names one. */
export interface TradeItem {
  gtin14: string;
  lot?: string;
}

const GTIN_PATH = new RegExp(`^${CANONICAL_DL_ORIGIN.replace(/\./g, '\\.')}/01/(\\d{14})(?:/|$)`);

/** The trade items named by canonical identifiers; SSCCs, locations and parties name none. */
export function tradeItemsOf(identifiers: readonly string[]): TradeItem[] {
  return identifiers.flatMap((identifier) => {
    const gtin14 = GTIN_PATH.exec(identifier)?.[1];
    if (gtin14 === undefined) return [];
    const lot = lotOfDigitalLink(identifier)?.lot;
    return [lot === undefined ? { gtin14 } : { gtin14, lot }];
  });
}

/**
 * An organisation sees its own events, and another's when a grant to it
 * covers one of the trade items the event names (or, for an event that
 * names none, when the grant covers all the granter's events). The public
 * (PUBLIC_GRANTEE) owns no events: it sees only what is published to it.
 */
export function mayView(
  viewer: string,
  event: AuthoredEvent,
  grants: readonly AccessGrant[],
  at: string,
): boolean {
  if (viewer !== PUBLIC_GRANTEE && event.capturingOrganisation === viewer) return true;
  const items = tradeItemsOf(event.identifiers);
  const subjects: Partial<TradeItem>[] = items.length === 0 ? [{}] : items;
  return grants.some((grant) =>
    subjects.some((item) =>
      grantCovers(grant, {
        viewer,
        capturingOrganisation: event.capturingOrganisation,
        ...item,
        at,
      }),
    ),
  );
}
