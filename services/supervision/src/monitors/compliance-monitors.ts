import { Injectable } from '@nestjs/common';
import { AnchoringLag, anchoringLag } from '../domain/anchoring-lag';
import { ClaimPastTimeBar, claimsPastTimeBar } from '../domain/claim-time-bar';
import { UnreceivedShipment, unreceivedShipments } from '../domain/shipped-not-received';
import {
  UndeliveredSurrender,
  surrenderedWithoutDelivery,
} from '../domain/surrender-without-delivery';
import { SupervisionConfig } from '../platform/supervision.config';
import { MonitorStore, RecordedBreach } from './monitor-store';

/** The monitors, by the name the page, the API and the metrics give them. */
export const Monitor = {
  coldChain: 'cold-chain-breach',
  claimTimeBar: 'claim-past-time-bar',
  surrender: 'ebl-surrendered-without-delivery',
  shipment: 'shipped-lot-not-received',
} as const;

export interface MonitorFindings {
  at: string;
  /** The latest breaches, at most LISTED_BREACHES. */
  coldChainBreaches: RecordedBreach[];
  /** Every breach recorded, by the organisation that captured the reading. */
  coldChainBreachCounts: { organisation: string; count: number }[];
  claimsPastTimeBar: ClaimPastTimeBar[];
  surrenderedWithoutDelivery: UndeliveredSurrender[];
  shipmentsNotReceived: UnreceivedShipment[];
  anchoringLag: AnchoringLag[];
}

/** Breaches listed at most; the metrics count them all. */
const LISTED_BREACHES = 200;

/**
 * The five compliance monitors at a time: the read model's facts (kept
 * current by the Kafka handlers) judged by the pure rules of domain/.
 */
@Injectable()
export class ComplianceMonitors {
  constructor(
    private readonly store: MonitorStore,
    private readonly config: SupervisionConfig,
  ) {}

  async findings(now: Date): Promise<MonitorFindings> {
    const receiptGrace = this.config.SUPERVISION_RECEIPT_GRACE_SECONDS;
    const deliveryGrace = this.config.SUPERVISION_DELIVERY_GRACE_SECONDS;
    const window = this.config.SUPERVISION_ANCHORING_WINDOW_SECONDS;
    const before = (seconds: number) => new Date(now.getTime() - seconds * 1000);
    const surrendered = await this.store.surrendered(before(deliveryGrace));
    const delivered = await this.store.deliveredAmong(
      surrendered.map((s) => s.transportDocumentReference),
    );
    return {
      at: now.toISOString(),
      coldChainBreaches: await this.store.breaches(LISTED_BREACHES),
      coldChainBreachCounts: await this.store.breachCounts(),
      claimsPastTimeBar: claimsPastTimeBar(await this.store.openClaims(), now),
      surrenderedWithoutDelivery: surrenderedWithoutDelivery(
        surrendered,
        delivered,
        now,
        deliveryGrace,
      ),
      shipmentsNotReceived: unreceivedShipments(
        await this.store.movementsShippedBefore(before(receiptGrace)),
        now,
        receiptGrace,
      ),
      anchoringLag: anchoringLag(await this.store.anchoringItems(before(window)), now),
    };
  }
}
