import { Injectable } from '@nestjs/common';
import { ClaimRecord } from '@pujiang/contracts';
import { EntityManager } from 'typeorm';

/** Facts the claims file keeps beside the ledger record, for the legal clocks. */
export interface ClaimFileFacts {
  deliveredAt?: string;
  damageApparent: boolean;
  suitExtensions: { until: string }[];
}

export interface StoredClaim {
  record: ClaimRecord;
  facts: ClaimFileFacts;
}

/**
 * The claims read model: the ledger's latest record of each claim, applied in
 * history order whichever path brings it first (the committing request or
 * the chaincode event), and the facts the file adds for time bars.
 */
@Injectable()
export class ClaimStore {
  async applyRecord(
    manager: EntityManager,
    record: ClaimRecord,
    facts?: ClaimFileFacts,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO claim_state (claim_id, record, status, insurer_msp, claimant, surveyor,
          chain_length, updated_at, facts)
       VALUES ($1, $2::jsonb, $3, $4, $5, $6, $7, $8::timestamptz, $9::jsonb)
       ON CONFLICT (claim_id) DO UPDATE
         SET record = EXCLUDED.record, status = EXCLUDED.status, surveyor = EXCLUDED.surveyor,
             chain_length = EXCLUDED.chain_length, updated_at = EXCLUDED.updated_at,
             facts = COALESCE($9::jsonb, claim_state.facts)
       WHERE claim_state.chain_length < EXCLUDED.chain_length
          OR ($9::jsonb IS NOT NULL AND claim_state.chain_length = EXCLUDED.chain_length)`,
      [
        record.claimId,
        JSON.stringify(record),
        record.status,
        record.insurerMsp,
        record.claimant,
        record.surveyor ?? null,
        record.history.length,
        record.updatedAt,
        facts === undefined ? null : JSON.stringify(facts),
      ],
    );
  }

  async find(manager: EntityManager, claimId: string): Promise<StoredClaim | undefined> {
    const rows: { record: ClaimRecord; facts: ClaimFileFacts | null }[] = await manager.query(
      `SELECT record, facts FROM claim_state WHERE claim_id = $1`,
      [claimId],
    );
    const row = rows[0];
    return row === undefined ? undefined : { record: row.record, facts: row.facts ?? noFacts() };
  }

  async addSuitExtension(manager: EntityManager, claimId: string, until: string): Promise<void> {
    await manager.query(
      `UPDATE claim_state
          SET facts = jsonb_set(COALESCE(facts, $3::jsonb), '{suitExtensions}',
                COALESCE(facts->'suitExtensions', '[]'::jsonb) || jsonb_build_array(jsonb_build_object('until', $2::text)))
        WHERE claim_id = $1`,
      [claimId, until, JSON.stringify(noFacts())],
    );
  }

  /**
   * The evidence record filed with a parametric claim: the one whose hash
   * the ledger holds as the claim's parametric evidence.
   */
  async parametricEvidence(
    manager: EntityManager,
    claimId: string,
    evidenceHash: string,
  ): Promise<unknown> {
    const rows: { evidence: unknown }[] = await manager.query(
      `SELECT evidence FROM claim_document WHERE claim_id = $1 AND sha256 = $2`,
      [claimId, evidenceHash],
    );
    return rows[0]?.evidence;
  }

  /** The claims an insurer handles, or a party brought or surveys; newest change first. */
  async visibleTo(
    manager: EntityManager,
    viewer: { insurerMsp?: string; ledgerParty?: string },
  ): Promise<ClaimRecord[]> {
    const rows: { record: ClaimRecord }[] = await manager.query(
      `SELECT record FROM claim_state
        WHERE insurer_msp = $1 OR claimant = $2 OR surveyor = $2
        ORDER BY updated_at DESC LIMIT 500`,
      [viewer.insurerMsp ?? null, viewer.ledgerParty ?? null],
    );
    return rows.map((row) => row.record);
  }
}

export function noFacts(): ClaimFileFacts {
  return { damageApparent: false, suitExtensions: [] };
}
