import { bizStepOf, identifiersOf } from './epcis-facts';

/** A lot, pallet or item leaving (shipped) or reaching (received) a place, as an event records it. */
export interface LotMovement {
  identifier: string;
  kind: 'shipped' | 'received';
  at: string;
  organisation: string;
  eventHash: string;
}

export interface UnreceivedShipment {
  identifier: string;
  shippedAt: string;
  organisation: string;
  eventHash: string;
  /** How long past the grace period it still is not received. */
  overdueSeconds: number;
}

const SHIPPED = new Set(['shipping', 'departing']);
const RECEIVED = new Set(['receiving', 'arriving', 'accepting']);

/** Whether a captured event ships or receives what it names (CBV business steps), or neither. */
export function movementKindOf(event: Record<string, unknown>): LotMovement['kind'] | undefined {
  const step = bizStepOf(event);
  if (step === undefined) return undefined;
  if (SHIPPED.has(step)) return 'shipped';
  return RECEIVED.has(step) ? 'received' : undefined;
}

/** What the event ships or receives, one movement per identifier it names. */
export function movementsOf(
  event: Record<string, unknown>,
  eventHash: string,
  organisation: string,
): LotMovement[] {
  const kind = movementKindOf(event);
  if (kind === undefined || typeof event.eventTime !== 'string') return [];
  const at = event.eventTime;
  return identifiersOf(event).map((identifier) => ({
    identifier,
    kind,
    at,
    organisation,
    eventHash,
  }));
}

/**
 * Shipments with no receipt of the same identifier at or after the shipping
 * time, once `graceSeconds` have passed since they left: a lot in transit
 * longer than that is either lost or received off the record.
 */
export function unreceivedShipments(
  movements: readonly LotMovement[],
  now: Date,
  graceSeconds: number,
): UnreceivedShipment[] {
  const receipts = movements.filter((m) => m.kind === 'received');
  return movements
    .filter((m) => m.kind === 'shipped')
    .flatMap((shipment) => {
      const shippedAt = Date.parse(shipment.at);
      const overdueSeconds = Math.floor((now.getTime() - shippedAt) / 1000) - graceSeconds;
      if (overdueSeconds <= 0) return [];
      const received = receipts.some(
        (r) => r.identifier === shipment.identifier && Date.parse(r.at) >= shippedAt,
      );
      return received
        ? []
        : [
            {
              identifier: shipment.identifier,
              shippedAt: shipment.at,
              organisation: shipment.organisation,
              eventHash: shipment.eventHash,
              overdueSeconds,
            },
          ];
    });
}
