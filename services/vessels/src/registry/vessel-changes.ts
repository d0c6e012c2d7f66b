import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import {
  EventType,
  Topic,
  VesselChangedV1,
  VesselEvent,
  VoyageEventRecordedV1,
  VoyagesEvent,
  type VesselRecord,
  type VoyageEventRecord,
} from '@pujiang/contracts';
import { ChaincodeEventListener, LedgerEvent } from '@pujiang/ledger-client';
import { Outbox, createCloudEvent } from '@pujiang/messaging';
import { EntityManager } from 'typeorm';

export const VESSEL_CHANGES_LISTENER = 'vessel-changes';

/**
 * Tells the other contexts (the claims service's hull covers among them)
 * each committed change of a vessel, whoever made it and through whichever
 * organisation: the chaincode's VesselChanged event, as the whole record, on
 * `vessel.changed` through the outbox, in the transaction that moves the
 * listener's checkpoint, so none is lost or sent twice with another id. Each
 * committed voyage event (VoyageEventRecorded) goes the same way on
 * `voyage-event-recorded`, for the claims service's delay covers.
 */
@Injectable()
export class VesselChanges implements OnApplicationBootstrap {
  constructor(
    private readonly listener: ChaincodeEventListener,
    private readonly outbox: Outbox,
  ) {}

  onApplicationBootstrap(): void {
    this.listener.listen({
      listener: VESSEL_CHANGES_LISTENER,
      handle: (event, manager) => this.publish(event, manager),
    });
  }

  async publish(event: LedgerEvent, manager: EntityManager): Promise<void> {
    if (event.eventName === VesselEvent.changed) {
      const record = JSON.parse(event.payload) as VesselRecord;
      const data: VesselChangedV1 = {
        imoNumber: record.imoNumber,
        txId: event.txId,
        status: record.status,
        record,
      };
      await this.enqueue(manager, 'vesselChanged', 'vessel-changed', event.txId, data);
    } else if (event.eventName === VoyagesEvent.recorded) {
      const record = JSON.parse(event.payload) as VoyageEventRecord;
      const data: VoyageEventRecordedV1 = {
        imoNumber: record.imoNumber,
        kind: record.kind,
        txId: event.txId,
        record,
      };
      await this.enqueue(manager, 'voyageEventRecorded', 'voyage-event-recorded', event.txId, data);
    }
  }

  /** One message per committed transaction, its id from the transaction, keyed by the vessel. */
  private async enqueue(
    manager: EntityManager,
    topic: 'vesselChanged' | 'voyageEventRecorded',
    idPrefix: string,
    txId: string,
    data: { imoNumber: string },
  ): Promise<void> {
    await this.outbox.enqueue(manager, {
      topic: Topic[topic],
      key: data.imoNumber,
      event: createCloudEvent({
        id: `${idPrefix}:${txId}`,
        source: '/pujiang/vessels',
        type: EventType[topic],
        subject: data.imoNumber,
        data,
      }),
    });
  }
}
