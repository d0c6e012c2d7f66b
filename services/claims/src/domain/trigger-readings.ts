import { AttestationVerdict } from '@pujiang/contracts';

/**
 * The readings that fired a parametric trigger, as its claim shows them
 * (issue 17): each with the device that attested it, the device's owner,
 * capture's verdict and the link to its event's anchoring proof. They come
 * from the evidence filed with the claim, whose hash is on the ledger.
 */
export interface TriggerReading {
  eventId: string;
  time: string;
  celsiusTenths: number;
  /** Device that signed it; absent when the trigger trusts every reading. */
  attestedBy?: string;
  /** MSP id of the organisation that registered the device. */
  owner?: string;
  /** Key id the signature verified with. */
  kid?: string;
  verdict?: string;
  /** Traceability's link to the event's anchoring proof. */
  proof: string;
  /** The sentence an adjuster reads: who vouches for the reading. */
  statement: string;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/**
 * Only an ATTESTED verdict vouches; a trigger that trusts every reading may
 * have counted others, and the sentence says so rather than name a device
 * whose signature failed.
 */
function statementOf(
  verdict: string | undefined,
  device: string | undefined,
  owner: string | undefined,
): string {
  if (verdict === AttestationVerdict.attested && device !== undefined) {
    return `reading attested by device ${device} of owner ${owner ?? 'unknown'}`;
  }
  return `reading not attested by a device (${verdict ?? 'no verdict'}); the trigger trusts every reading`;
}

/**
 * The readings of a parametric claim's evidence record. A record of an
 * arrival trigger, or one filed before readings were kept in it, has none.
 */
export function triggerReadingsOf(evidence: unknown): TriggerReading[] {
  if (typeof evidence !== 'object' || evidence === null) return [];
  const readings = (evidence as { readings?: unknown }).readings;
  if (!Array.isArray(readings)) return [];
  return readings.flatMap((raw: unknown) => {
    if (typeof raw !== 'object' || raw === null) return [];
    const r = raw as Record<string, unknown>;
    const eventId = text(r.eventId);
    const time = text(r.time);
    const proof = text(r.proof);
    if (eventId === undefined || time === undefined || proof === undefined) return [];
    if (typeof r.celsiusTenths !== 'number') return [];
    const attestedBy = text(r.attestedBy);
    const owner = text(r.owner);
    const kid = text(r.kid);
    const verdict = text(r.verdict);
    return [
      {
        eventId,
        time,
        celsiusTenths: r.celsiusTenths,
        ...(attestedBy === undefined ? {} : { attestedBy }),
        ...(owner === undefined ? {} : { owner }),
        ...(kid === undefined ? {} : { kid }),
        ...(verdict === undefined ? {} : { verdict }),
        proof,
        statement: statementOf(verdict, attestedBy, owner),
      },
    ];
  });
}
