import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A call this platform owes a carrier or another platform. */
export interface Delivery {
  /** Which DeliveryHandler makes the call. */
  kind: string;
  payload: Record<string, unknown>;
}

/**
 * Records deliveries in the caller's transaction, so the change that owes a
 * call and the promise to make it commit together; the dispatcher makes it.
 */
@Injectable()
export class Deliveries {
  async enqueue(manager: EntityManager, delivery: Delivery): Promise<void> {
    await manager.query(`INSERT INTO delivery (kind, payload) VALUES ($1, $2::jsonb)`, [
      delivery.kind,
      JSON.stringify(delivery.payload),
    ]);
  }
}
