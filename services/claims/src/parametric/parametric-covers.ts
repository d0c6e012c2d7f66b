import { Injectable, Logger } from '@nestjs/common';
import {
  ClaimDocumentKind,
  InsurerPolicyView,
  EpcisEventCapturedV1,
  PARAMETRIC_PERIL,
  ParametricTrigger,
  PolicyAmounts,
  ReadingAttestation,
  TemperatureTrigger,
} from '@pujiang/contracts';
import { canonicalJson, canonicalSha256, isValidContainerNumber } from '@pujiang/standards';
import { EntityManager } from 'typeorm';
import {
  TemperatureReading,
  detectExcursion,
  fingerprints,
  lateArrival,
  parametricClaimId,
  readingStanding,
  readingsFromEpcisEvent,
} from '../domain';
import { ClaimsConfig } from '../platform/claims.config';
import { ClaimsPlatform } from '../platform/claims-platform';
import { ParametricClaims } from './parametric-claims';

const ARRIVALS = /(?:^|[:/])(arriving|receiving)$/;

interface WatchingPolicy {
  policy_id: string;
  subject: string;
  record: InsurerPolicyView;
  amounts: PolicyAmounts;
}

/**
 * Parametric covers: a trigger of the policy fires on what the supply chain
 * reports (reefer readings outside the agreed range for long enough, or an
 * arrival too long after the ETA) and the claim opens by itself with its
 * evidence. Readings are stored once each and the decision is recomputed
 * from all of them, so redelivered or out-of-order messages give the same
 * answer; the claim id is derived from (policy, trigger), so a trigger opens
 * at most one claim per policy whatever happens.
 */
@Injectable()
export class ParametricCovers {
  private readonly logger = new Logger(ParametricCovers.name);

  constructor(
    private readonly claims: ParametricClaims,
    private readonly platform: ClaimsPlatform,
    private readonly config: ClaimsConfig,
  ) {}

  /**
   * A fetched batch of captured events at once: one query finds which of
   * their containers and lots any cover watches, and only the events that
   * touch a watched one are observed. Most events touch none.
   */
  async observeAll(events: EpcisEventCapturedV1[], manager: EntityManager): Promise<void> {
    const touching = events.map((captured) => ({ captured, subjects: this.subjectsOf(captured) }));
    const subjects = [...new Set(touching.flatMap((t) => t.subjects))];
    if (subjects.length === 0) return;
    const rows: { subject: string }[] = await manager.query(
      `SELECT DISTINCT s.subject
         FROM cover_subject s JOIN cover_policy p USING (policy_id)
        WHERE s.subject = ANY($1::text[]) AND p.record ? 'txId'`,
      [subjects],
    );
    const watched = new Set(rows.map((row) => row.subject));
    for (const { captured, subjects: own } of touching) {
      if (own.some((subject) => watched.has(subject))) await this.observe(captured, manager);
    }
  }

  async observe(captured: EpcisEventCapturedV1, manager: EntityManager): Promise<void> {
    const extract = this.readingsOf(captured);
    if (extract === undefined) return;
    const subjects = [...extract.containers, ...extract.lots];
    if (subjects.length === 0) return;
    const watching: WatchingPolicy[] = await manager.query(
      `SELECT s.policy_id, s.subject, p.record, p.amounts
         FROM cover_subject s JOIN cover_policy p USING (policy_id)
        WHERE s.subject = ANY($1::text[]) AND p.record ? 'txId'`,
      [subjects],
    );
    for (const watch of watching) {
      await this.storeReadings(manager, watch.subject, captured, extract.readings);
      for (const [index, trigger] of watch.record.parametricTriggers.entries()) {
        const evidence = await this.fired(manager, watch, trigger, captured);
        if (evidence !== undefined) await this.open(manager, watch, index, trigger, evidence);
      }
    }
  }

  private subjectsOf(captured: EpcisEventCapturedV1): string[] {
    const extract = this.readingsOf(captured);
    return extract === undefined ? [] : [...extract.containers, ...extract.lots];
  }

  private readingsOf(
    captured: EpcisEventCapturedV1,
  ): ReturnType<typeof readingsFromEpcisEvent> | undefined {
    try {
      return readingsFromEpcisEvent(captured.event);
    } catch (error) {
      this.logger.warn(
        { err: error, eventHash: captured.eventHash },
        'event not readable for covers',
      );
      return undefined;
    }
  }

  private async storeReadings(
    manager: EntityManager,
    subject: string,
    captured: EpcisEventCapturedV1,
    readings: readonly TemperatureReading[],
  ): Promise<void> {
    if (readings.length === 0) return;
    // Each reading keeps capture's verdict on the sensorElement it came in (issue 17).
    const attestationOf = (r: TemperatureReading) =>
      captured.attestations?.find((a) => a.element === r.element);
    await manager.query(
      `INSERT INTO sensor_reading (subject, event_hash, reading_index, event_id, read_at, celsius_tenths,
          attestation)
       SELECT $1, $2, u.i, u.event_id, u.read_at, u.value, u.attestation
         FROM unnest($3::int[], $4::text[], $5::timestamptz[], $6::int[], $7::jsonb[])
           AS u(i, event_id, read_at, value, attestation)
       ON CONFLICT DO NOTHING`,
      [
        subject,
        captured.eventHash,
        readings.map((_, i) => i),
        readings.map((r) => r.eventId),
        readings.map((r) => r.time.toISOString()),
        readings.map((r) => r.celsiusTenths),
        readings.map((r) => {
          const attestation = attestationOf(r);
          return attestation === undefined ? null : JSON.stringify(attestation);
        }),
      ],
    );
  }

  /** The evidence of a trigger that has fired, or undefined. */
  private async fired(
    manager: EntityManager,
    watch: WatchingPolicy,
    trigger: ParametricTrigger,
    captured: EpcisEventCapturedV1,
  ): Promise<
    { lossDate: string; discoveredDate: string; facts: Record<string, unknown> } | undefined
  > {
    if (trigger.kind === 'TEMPERATURE') return this.excursion(manager, watch, trigger);
    // A vessel's arrival is a voyage event on the ledger, never an EPCIS event.
    if (trigger.kind === 'VESSEL_ARRIVAL') return undefined;
    const bizStep = typeof captured.event.bizStep === 'string' ? captured.event.bizStep : '';
    if (!ARRIVALS.test(bizStep)) return undefined;
    const late = lateArrival(trigger, captured.eventTime);
    if (!late.fired) return undefined;
    return {
      lossDate: late.latestOnTime,
      discoveredDate: captured.eventTime.slice(0, 10),
      facts: {
        subject: watch.subject,
        arrivedAt: captured.eventTime,
        daysLate: late.daysLate,
        eventIds: [captured.eventID],
      },
    };
  }

  /**
   * The excursion, if any, in the readings that count for the trigger: those
   * attested by a device it trusts (readingStanding). The others stay stored
   * with their verdict and never fire it. The evidence names, for each
   * reading of the excursion, the device that attested it and the link to
   * the event's anchoring proof.
   */
  private async excursion(
    manager: EntityManager,
    watch: WatchingPolicy,
    trigger: TemperatureTrigger,
  ): Promise<
    { lossDate: string; discoveredDate: string; facts: Record<string, unknown> } | undefined
  > {
    const period = watch.record.period;
    const rows: {
      read_at: Date;
      celsius_tenths: number;
      event_id: string;
      attestation: ReadingAttestation | null;
    }[] = await manager.query(
      `SELECT read_at, celsius_tenths, event_id, attestation FROM sensor_reading
        WHERE subject = $1 AND read_at >= $2::date AND read_at < $3::date + 1 ORDER BY read_at`,
      [watch.subject, period.from, period.to],
    );
    const counting = rows.filter(
      (r) => readingStanding(trigger, r.attestation ?? undefined).counts,
    );
    const excursion = detectExcursion(
      counting.map((r) => ({
        time: new Date(r.read_at),
        celsiusTenths: r.celsius_tenths,
        eventId: r.event_id,
      })),
      trigger,
    );
    if (excursion === undefined) return undefined;
    const traceability = this.config.TRACEABILITY_URL.replace(/\/$/, '');
    const readings = counting
      .filter((r) => {
        const at = new Date(r.read_at).getTime();
        return at >= excursion.start.getTime() && at <= excursion.end.getTime();
      })
      .map((r) => ({
        eventId: r.event_id,
        time: new Date(r.read_at).toISOString(),
        celsiusTenths: r.celsius_tenths,
        ...(r.attestation === null
          ? {}
          : {
              attestedBy: r.attestation.deviceId,
              owner: r.attestation.ownerMspId,
              kid: r.attestation.kid,
              verdict: r.attestation.verdict,
            }),
        proof: `${traceability}/events/${encodeURIComponent(r.event_id)}/proof`,
      }));
    return {
      lossDate: excursion.start.toISOString().slice(0, 10),
      discoveredDate: excursion.firedAt.toISOString().slice(0, 10),
      facts: {
        subject: watch.subject,
        start: excursion.start.toISOString(),
        firedAt: excursion.firedAt.toISOString(),
        durationMinutes: excursion.durationMinutes,
        extremeCelsiusTenths: excursion.extremeCelsiusTenths,
        eventIds: excursion.eventIds,
        readings,
      },
    };
  }

  private async open(
    manager: EntityManager,
    watch: WatchingPolicy,
    index: number,
    trigger: ParametricTrigger,
    evidence: { lossDate: string; discoveredDate: string; facts: Record<string, unknown> },
  ): Promise<void> {
    const policy = watch.record;
    const proof = { policyId: policy.policyId, trigger, ...evidence.facts };
    const evidenceHash = canonicalSha256(proof);
    const containers = isValidContainerNumber(watch.subject)
      ? [watch.subject]
      : policy.shipment.containers;
    const ebl =
      policy.shipment.eblReference === undefined
        ? {}
        : { eblReference: policy.shipment.eblReference };
    const name = `parametric trigger ${trigger.triggerId} evidence`;
    await this.claims.open(manager, {
      notice: {
        claimId: parametricClaimId(policy.policyId, index, policy.period.from),
        policyId: policy.policyId,
        peril: PARAMETRIC_PERIL[trigger.kind],
        lossDate: evidence.lossDate,
        discoveredDate: evidence.discoveredDate,
        place: 'in transit',
        containers,
        ...ebl,
        // A parametric cover pays the agreed sum when it fires; no adjustment.
        claimedAmount: watch.amounts.sumInsured,
        currency: policy.currency,
        parametric: { triggerId: trigger.triggerId, evidenceHash },
      },
      fingerprints: fingerprints(
        { ...ebl, containers, lossDate: evidence.lossDate },
        this.platform.fingerprintKey,
      ),
      document: {
        kind: ClaimDocumentKind.traceabilityEvidence,
        sha256: evidenceHash,
        name,
        reference: String((evidence.facts.eventIds as string[])[0] ?? ''),
      },
      content: Buffer.from(canonicalJson(proof)),
      evidence: proof,
    });
  }
}
