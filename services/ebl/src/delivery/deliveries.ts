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
  /** Returns the delivery's id, to withdraw it if the change that owed it does not happen. */
  async enqueue(manager: EntityManager, delivery: Delivery): Promise<string> {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO delivery (kind, payload) VALUES ($1, $2::jsonb) RETURNING id`,
      [delivery.kind, JSON.stringify(delivery.payload)],
    );
    if (row === undefined) throw new Error('the delivery was not recorded');
    return row.id;
  }

  /**
   * Settles a delivery that is no longer owed, with the reason kept for
   * operators. A row a dispatcher holds right now is left to it (its handler
   * must refuse what is not owed anyway), so this never waits on a slow call.
   */
  async withdraw(manager: EntityManager, id: string, reason: string): Promise<void> {
    await manager.query(
      `UPDATE delivery SET delivered_at = now(), last_error = $2
        WHERE id IN (SELECT id FROM delivery WHERE id = $1 AND delivered_at IS NULL
                       FOR UPDATE SKIP LOCKED)`,
      [id, reason],
    );
  }

  /**
   * Makes the open deliveries of `kind` for the transport document `reference` due now, for
   * an operator or party who will not wait out the back-off; returns them (none: nothing owed).
   */
  async hurry(
    manager: EntityManager,
    kind: string,
    reference: string,
  ): Promise<{ id: string; attempts: number; lastError: string | null }[]> {
    // An UPDATE … RETURNING answers [rows, affected] through TypeORM's PostgreSQL driver.
    const [rows]: [{ id: string; attempts: number; last_error: string | null }[], number] =
      await manager.query(
        `UPDATE delivery SET next_attempt_at = now()
          WHERE kind = $1 AND payload ->> 'reference' = $2 AND delivered_at IS NULL
          RETURNING id, attempts, last_error`,
        [kind, reference],
      );
    return rows.map((row) => ({ id: row.id, attempts: row.attempts, lastError: row.last_error }));
  }
}
