import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AnchoringItem } from '../domain/anchoring-lag';
import { FollowedClaim } from '../domain/claim-time-bar';
import { ColdChainBreach } from '../domain/cold-chain-breach';
import { LotMovement } from '../domain/shipped-not-received';
import { SurrenderedDocument } from '../domain/surrender-without-delivery';

export interface RecordedBreach extends ColdChainBreach {
  eventHash: string;
  organisation: string;
}

/**
 * The monitors' read model. Writes come from the Kafka handlers, inside the
 * inbox transaction (each message applied once); every write is idempotent
 * all the same, so a replayed message changes nothing.
 */
@Injectable()
export class MonitorStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recordBreaches(
    manager: EntityManager,
    eventHash: string,
    organisation: string,
    breaches: readonly ColdChainBreach[],
  ): Promise<void> {
    if (breaches.length === 0) return;
    await manager.query(
      `INSERT INTO cold_chain_breach (event_hash, ordinal, organisation, gtin, identifiers,
          reading_celsius, min_celsius, max_celsius, read_at)
       SELECT $1, b.ordinal, $2, b.gtin, ARRAY(SELECT jsonb_array_elements_text(b.identifiers)),
              b.reading, b.min, b.max, b.read_at
         FROM unnest($3::int[], $4::text[], $5::jsonb[], $6::float8[], $7::float8[],
                     $8::float8[], $9::text[])
              AS b(ordinal, gtin, identifiers, reading, min, max, read_at)
       ON CONFLICT DO NOTHING`,
      [
        eventHash,
        organisation,
        breaches.map((_, ordinal) => ordinal),
        breaches.map((b) => b.gtin),
        breaches.map((b) => JSON.stringify(b.identifiers)),
        breaches.map((b) => b.readingCelsius),
        breaches.map((b) => b.minCelsius),
        breaches.map((b) => b.maxCelsius),
        breaches.map((b) => b.readAt),
      ],
    );
  }

  async recordMovements(manager: EntityManager, movements: readonly LotMovement[]): Promise<void> {
    if (movements.length === 0) return;
    await manager.query(
      `INSERT INTO lot_movement (event_hash, identifier, kind, moved_at, organisation)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[])
       ON CONFLICT DO NOTHING`,
      [
        movements.map((m) => m.eventHash),
        movements.map((m) => m.identifier),
        movements.map((m) => m.kind),
        movements.map((m) => m.at),
        movements.map((m) => m.organisation),
      ],
    );
  }

  async recordDeliveries(
    manager: EntityManager,
    eventHash: string,
    deliveredAt: string,
    references: readonly string[],
  ): Promise<void> {
    if (references.length === 0) return;
    await manager.query(
      `INSERT INTO bill_of_lading_delivery (transport_document_reference, event_hash, delivered_at)
       SELECT reference, $2, $3::timestamptz FROM unnest($1::text[]) AS reference
       ON CONFLICT DO NOTHING`,
      [references, eventHash, deliveredAt],
    );
  }

  async recordCaptured(
    manager: EntityManager,
    digest: string,
    organisation: string,
    capturedAt: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO anchoring_item (digest, organisation, captured_at) VALUES ($1, $2, $3::timestamptz)
       ON CONFLICT (digest) DO UPDATE
         SET organisation = EXCLUDED.organisation, captured_at = EXCLUDED.captured_at`,
      [digest, organisation, capturedAt],
    );
  }

  /** The commit may come before the capture's announcement: either order ends the same. */
  async recordAnchored(
    manager: EntityManager,
    digests: readonly string[],
    anchoredAt: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO anchoring_item (digest, anchored_at)
       SELECT digest, $2::timestamptz FROM unnest($1::text[]) AS digest
       ON CONFLICT (digest) DO UPDATE
         SET anchored_at = LEAST(COALESCE(anchoring_item.anchored_at, EXCLUDED.anchored_at), EXCLUDED.anchored_at)`,
      [digests, anchoredAt],
    );
  }

  /** Keeps the latest state of each eBL (a late message of an earlier change does not go back). */
  async recordEblState(
    manager: EntityManager,
    state: { platform: string; reference: string; status: string; changedAt: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ebl_state (platform, transport_document_reference, status, changed_at)
       VALUES ($1, $2, $3, $4::timestamptz)
       ON CONFLICT (platform, transport_document_reference) DO UPDATE
         SET status = EXCLUDED.status, changed_at = EXCLUDED.changed_at
       WHERE ebl_state.changed_at <= EXCLUDED.changed_at`,
      [state.platform, state.reference, state.status, state.changedAt],
    );
  }

  async recordClaim(
    manager: EntityManager,
    claim: FollowedClaim & { changedAt: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO claim_state (claim_id, insurer_msp, status, time_bars, changed_at)
       VALUES ($1, $2, $3, $4::jsonb, $5::timestamptz)
       ON CONFLICT (claim_id) DO UPDATE
         SET status = EXCLUDED.status, time_bars = EXCLUDED.time_bars, changed_at = EXCLUDED.changed_at
       WHERE claim_state.changed_at <= EXCLUDED.changed_at`,
      [
        claim.claimId,
        claim.insurerMsp,
        claim.status,
        JSON.stringify(claim.timeBars),
        claim.changedAt,
      ],
    );
  }

  /** The most recent breaches first. */
  async breaches(limit: number): Promise<RecordedBreach[]> {
    const rows: {
      event_hash: string;
      organisation: string;
      gtin: string;
      identifiers: string[];
      reading_celsius: number;
      min_celsius: number;
      max_celsius: number;
      read_at: string;
    }[] = await this.dataSource.query(
      `SELECT event_hash, organisation, gtin, identifiers, reading_celsius, min_celsius,
              max_celsius, read_at
         FROM cold_chain_breach ORDER BY recorded_at DESC, event_hash, ordinal LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      eventHash: r.event_hash,
      organisation: r.organisation,
      gtin: r.gtin,
      identifiers: r.identifiers,
      readingCelsius: r.reading_celsius,
      minCelsius: r.min_celsius,
      maxCelsius: r.max_celsius,
      readAt: r.read_at,
    }));
  }

  async breachCounts(): Promise<{ organisation: string; count: number }[]> {
    const rows: { organisation: string; count: string }[] = await this.dataSource.query(
      `SELECT organisation, count(*) AS count FROM cold_chain_breach GROUP BY organisation`,
    );
    return rows.map((r) => ({ organisation: r.organisation, count: Number(r.count) }));
  }

  /**
   * Shipments that left before `shippedBefore`, with every receipt of the
   * same identifiers: all the unreceivedShipments rule needs to judge them.
   */
  async movementsShippedBefore(shippedBefore: Date): Promise<LotMovement[]> {
    const rows: {
      event_hash: string;
      identifier: string;
      kind: LotMovement['kind'];
      moved_at: Date;
      organisation: string;
    }[] = await this.dataSource.query(
      `WITH shipped AS (
         SELECT * FROM lot_movement s
          WHERE s.kind = 'shipped' AND s.moved_at < $1
            AND NOT EXISTS (SELECT 1 FROM lot_movement r
                             WHERE r.kind = 'received' AND r.identifier = s.identifier
                               AND r.moved_at >= s.moved_at))
       SELECT event_hash, identifier, kind, moved_at, organisation FROM shipped
       UNION ALL
       SELECT r.event_hash, r.identifier, r.kind, r.moved_at, r.organisation
         FROM lot_movement r WHERE r.kind = 'received'
          AND r.identifier IN (SELECT identifier FROM shipped)`,
      [shippedBefore],
    );
    return rows.map((r) => ({
      eventHash: r.event_hash,
      identifier: r.identifier,
      kind: r.kind,
      at: r.moved_at.toISOString(),
      organisation: r.organisation,
    }));
  }

  async surrendered(surrenderedBefore: Date): Promise<SurrenderedDocument[]> {
    const rows: { platform: string; transport_document_reference: string; changed_at: Date }[] =
      await this.dataSource.query(
        `SELECT platform, transport_document_reference, changed_at FROM ebl_state
          WHERE status = 'SURRENDERED' AND changed_at < $1`,
        [surrenderedBefore],
      );
    return rows.map((r) => ({
      platform: r.platform,
      transportDocumentReference: r.transport_document_reference,
      surrenderedAt: r.changed_at.toISOString(),
    }));
  }

  async deliveredAmong(references: readonly string[]): Promise<Set<string>> {
    const rows: { transport_document_reference: string }[] = await this.dataSource.query(
      `SELECT DISTINCT transport_document_reference FROM bill_of_lading_delivery
        WHERE transport_document_reference = ANY($1::text[])`,
      [references],
    );
    return new Set(rows.map((r) => r.transport_document_reference));
  }

  /** Claims with at least one legal clock: the candidates claimsPastTimeBar judges. */
  async openClaims(): Promise<FollowedClaim[]> {
    const rows: {
      claim_id: string;
      insurer_msp: string;
      status: string;
      time_bars: FollowedClaim['timeBars'];
    }[] = await this.dataSource.query(
      `SELECT claim_id, insurer_msp, status, time_bars FROM claim_state
          WHERE jsonb_array_length(time_bars) > 0`,
    );
    return rows.map((r) => ({
      claimId: r.claim_id,
      insurerMsp: r.insurer_msp,
      status: r.status,
      timeBars: r.time_bars,
    }));
  }

  async anchoringItems(capturedSince: Date): Promise<AnchoringItem[]> {
    const rows: { organisation: string; captured_at: Date; anchored_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT organisation, captured_at, anchored_at FROM anchoring_item
          WHERE captured_at IS NOT NULL AND (captured_at >= $1 OR anchored_at IS NULL)`,
        [capturedSince],
      );
    return rows.map((r) => ({
      organisation: r.organisation,
      capturedAt: r.captured_at,
      anchoredAt: r.anchored_at,
    }));
  }
}
