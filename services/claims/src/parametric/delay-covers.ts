import { Injectable, Logger } from '@nestjs/common';
import {
  ClaimDocumentKind,
  InsurerPolicyView,
  PARAMETRIC_PERIL,
  ParametricTriggerKind,
  PolicyAmounts,
  VesselArrivalTrigger,
  VoyageEventKind,
  VoyageEventRecord,
  VoyageEventRecordedV1,
} from '@pujiang/contracts';
import { EntityManager } from 'typeorm';
import { delayCoverDecision, fingerprints, parametricClaimId } from '../domain';
import { ClaimsPlatform } from '../platform/claims-platform';
import { ParametricClaims } from './parametric-claims';

interface CoveringPolicy {
  record: InsurerPolicyView;
  amounts: PolicyAmounts;
}

/**
 * Delay covers (issue 21): a vessel policy's VESSEL_ARRIVAL trigger fires
 * when the vessel's arrival at the port, the ARRIVED voyage event the
 * positions code recorded on the ledger from AIS, is after the agreed ETA
 * and grace. The claim opens by itself, noticed by the insurer, with the
 * voyage event's AIS evidence hash (what the chaincode checks the notice
 * against) and its transaction as the evidence document. The events are
 * stored once each and the decision is recomputed from all of them, so a
 * redelivered or out-of-order event gives the same answer.
 */
@Injectable()
export class DelayCovers {
  private readonly logger = new Logger(DelayCovers.name);

  constructor(
    private readonly claims: ParametricClaims,
    private readonly platform: ClaimsPlatform,
  ) {}

  async observe(recorded: VoyageEventRecordedV1, manager: EntityManager): Promise<void> {
    if (recorded.kind !== VoyageEventKind.arrived) return;
    const covering: CoveringPolicy[] = await manager.query(
      `SELECT record, amounts FROM cover_policy
        WHERE record -> 'vessel' ->> 'imoNumber' = $1 AND record ? 'txId'`,
      [recorded.imoNumber],
    );
    const delayCovers = covering.filter((c) =>
      c.record.parametricTriggers.some((t) => t.kind === ParametricTriggerKind.vesselArrival),
    );
    if (delayCovers.length === 0) return;
    await manager.query(
      `INSERT INTO vessel_voyage_event (imo_number, tx_id, kind, at, record)
       VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT DO NOTHING`,
      [
        recorded.imoNumber,
        recorded.txId,
        recorded.kind,
        recorded.record.at,
        JSON.stringify(recorded.record),
      ],
    );
    const rows: { record: VoyageEventRecord }[] = await manager.query(
      `SELECT record FROM vessel_voyage_event WHERE imo_number = $1 AND kind = $2`,
      [recorded.imoNumber, VoyageEventKind.arrived],
    );
    const arrivals = rows.map((r) => r.record);
    for (const cover of delayCovers) {
      for (const [index, trigger] of cover.record.parametricTriggers.entries()) {
        if (trigger.kind !== ParametricTriggerKind.vesselArrival) continue;
        const decision = delayCoverDecision(trigger, cover.record.period, arrivals);
        if (decision.outcome !== 'LATE') continue;
        await this.open(manager, cover, index, trigger, decision);
      }
    }
  }

  private async open(
    manager: EntityManager,
    cover: CoveringPolicy,
    index: number,
    trigger: VesselArrivalTrigger,
    late: { arrival: VoyageEventRecord; due: string; hoursLate: number },
  ): Promise<void> {
    const policy = cover.record;
    const { arrival } = late;
    const imoNumber = arrival.imoNumber;
    const lossDate = arrival.at.slice(0, 10);
    const evidence = {
      policyId: policy.policyId,
      trigger,
      due: late.due,
      hoursLate: late.hoursLate,
      voyageEvent: arrival,
    };
    this.logger.log(
      { policyId: policy.policyId, imoNumber, arrivedAt: arrival.at, due: late.due },
      'vessel arrived after its ETA and grace',
    );
    await this.claims.open(manager, {
      notice: {
        claimId: parametricClaimId(policy.policyId, index, policy.period.from),
        policyId: policy.policyId,
        peril: PARAMETRIC_PERIL[trigger.kind],
        lossDate,
        lossAt: arrival.at,
        discoveredDate: lossDate,
        place: trigger.portArea.areaId,
        containers: [],
        // A parametric cover pays the agreed sum when it fires; no adjustment.
        claimedAmount: cover.amounts.sumInsured,
        currency: policy.currency,
        // The chaincode finds the arrival on the ledger by this hash, and pays only on it.
        parametric: { triggerId: trigger.triggerId, evidenceHash: arrival.evidenceSha256 },
      },
      fingerprints: fingerprints(
        { containers: [], imoNumber, lossDate },
        this.platform.fingerprintKey,
      ),
      document: {
        kind: ClaimDocumentKind.other,
        sha256: arrival.evidenceSha256,
        name: `AIS arrival of IMO ${imoNumber} in ${trigger.portArea.areaId}, voyage event`,
        reference: arrival.txId,
      },
      // The sentences are the positions service's; the file keeps the ledger's record of them.
      content: null,
      evidence,
    });
  }
}
