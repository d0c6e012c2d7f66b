import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EpcisEventCapturedV1, Topic, deadLetterTopic } from '@pujiang/contracts';
import { eventHashDigest } from '@pujiang/epcis';
import { CloudEvent, InboxContext, InboxEventPattern } from '@pujiang/messaging';
import {
  ColdChainRange,
  coldChainBreaches,
  parseColdChainRanges,
} from '../domain/cold-chain-breach';
import { movementsOf } from '../domain/shipped-not-received';
import { deliveredBillsOfLading } from '../domain/surrender-without-delivery';
import { SupervisionConfig } from '../platform/supervision.config';
import { MonitorStore } from './monitor-store';

export const SUPPLY_CHAIN_GROUP = 'pujiang-supervision.supply-chain';

/**
 * Every EPCIS event traceability stores, from every organisation: its
 * out-of-range temperatures, what it ships or receives, the bills of lading
 * it delivers against, and when it was captured (for the anchoring lag).
 */
@Controller()
export class SupplyChainConsumer {
  private readonly ranges: ColdChainRange[];

  constructor(
    private readonly store: MonitorStore,
    config: SupervisionConfig,
  ) {
    // Validated at start-up (SupervisionConfig), so never undefined here.
    this.ranges = parseColdChainRanges(config.SUPERVISION_COLD_CHAIN_RANGES) ?? [];
  }

  @InboxEventPattern(Topic.eventCaptured, {
    group: SUPPLY_CHAIN_GROUP,
    deadLetterTopic: deadLetterTopic(Topic.eventCaptured),
    data: EpcisEventCapturedV1,
    batch: true,
  })
  async observe(
    @Payload() events: CloudEvent<EpcisEventCapturedV1>[],
    @Ctx() inbox: InboxContext,
  ): Promise<void> {
    const manager = inbox.getManager();
    for (const { data } of events) {
      const { event, eventHash, capturingOrganisation: organisation } = data;
      await this.store.recordBreaches(
        manager,
        eventHash,
        organisation,
        coldChainBreaches(event, this.ranges),
      );
      await this.store.recordMovements(manager, movementsOf(event, eventHash, organisation));
      await this.store.recordDeliveries(
        manager,
        eventHash,
        data.eventTime,
        deliveredBillsOfLading(event),
      );
      await this.store.recordCaptured(
        manager,
        eventHashDigest(eventHash),
        organisation,
        data.recordTime,
      );
    }
  }
}
