import {
  AreaReference,
  CLASS_ACTIONS,
  ClassStatus,
  MasterCertificateVerdict,
  VesselCertificate,
  VesselCertificateKind,
  VesselCover,
  VesselRecord,
  VoyageEventKind,
  VoyageEventRecord,
  Warranty,
  WarrantyBreach,
  WarrantyEvidence,
  masterCertificationAt,
  vesselStateAt,
} from '../../../../libs/contracts/src/ledger';

/** What notifyLoss read from the ledger about the insured vessel, for the time of loss. */
export interface VesselEvidence {
  /** The vessel record as it is now; its periods tell what it was at any earlier instant. */
  vessel?: VesselRecord;
  /** The verdict on the master of the crew list in force at the time of loss. */
  master: MasterCertificateVerdict;
  /** The vessel's voyage events, in key order. */
  voyageEvents: VoyageEventRecord[];
}

/** What a ledger without a crew list for the vessel answers. */
export function noMasterVerdict(imoNumber: string, at: string): MasterCertificateVerdict {
  return masterCertificationAt(imoNumber, at, [], () => []);
}

/**
 * The warranties of a vessel policy checked against the ledger as it stood
 * at `lossAt`: each breach with the record and transaction it rests on.
 * Voyage events count from `from` (the start of the policy period) to lossAt.
 */
export function warrantyBreaches(
  cover: VesselCover,
  from: string,
  lossAt: string,
  found: VesselEvidence,
): WarrantyBreach[] {
  const breaches: WarrantyBreach[] = [];
  for (const warranty of cover.warranties) {
    const breach = check(warranty, cover, from, lossAt, found);
    if (breach !== undefined) breaches.push(breach);
  }
  return breaches;
}

function check(
  warranty: Warranty,
  cover: VesselCover,
  from: string,
  lossAt: string,
  found: VesselEvidence,
): WarrantyBreach | undefined {
  switch (warranty) {
    case Warranty.classMaintained:
      return classBreach(cover.imoNumber, lossAt, found.vessel);
    case Warranty.ismCertificateValid:
      return ismBreach(cover.imoNumber, lossAt, found.vessel);
    case Warranty.masterCertified:
      return masterBreach(found.master);
    case Warranty.tradingLimits:
      return areaBreach(
        warranty,
        VoyageEventKind.leftTradingLimits,
        cover.tradingLimits,
        from,
        lossAt,
        found.voyageEvents,
      );
    case Warranty.warRiskAreas:
      return areaBreach(
        warranty,
        VoyageEventKind.enteredWarRiskArea,
        cover.warRiskAreas,
        from,
        lossAt,
        found.voyageEvents,
      );
  }
}

function unregistered(warranty: Warranty, imoNumber: string): WarrantyBreach {
  return {
    warranty,
    finding: `vessel ${imoNumber} has no record on the ledger`,
    evidence: [{ source: 'vessel', reference: imoNumber }],
  };
}

/** The last class change in force at `at`: its transaction is the evidence. */
function lastClassChange(record: VesselRecord, at: string): string | undefined {
  const actions: readonly string[] = CLASS_ACTIONS;
  return record.history
    .filter((c) => actions.includes(c.action) && (c.effectiveFrom ?? c.at) <= at)
    .at(-1)?.txId;
}

function classBreach(
  imoNumber: string,
  lossAt: string,
  record: VesselRecord | undefined,
): WarrantyBreach | undefined {
  if (record === undefined) return unregistered(Warranty.classMaintained, imoNumber);
  const state = vesselStateAt(record, lossAt);
  if (state.classStatus === ClassStatus.inClass) return undefined;
  const txId = lastClassChange(record, lossAt);
  return {
    warranty: Warranty.classMaintained,
    finding: `class status at ${lossAt} was ${state.classStatus}${state.classSociety === undefined ? '' : ` with ${state.classSociety}`}`,
    evidence: [{ source: 'vessel', reference: imoNumber, ...(txId === undefined ? {} : { txId }) }],
  };
}

function certificateEvidence(certificate: VesselCertificate): WarrantyEvidence {
  return {
    source: 'certificate',
    reference: certificate.certificateNumber,
    txId: certificate.txId,
    validFrom: certificate.validFrom,
    validUntil: certificate.withdrawnFrom ?? certificate.validUntil,
    sha256: certificate.documentSha256,
  };
}

/**
 * No ISM certificate valid at the time of loss. The evidence is the ISM
 * certificate last recorded before it (the one that lapsed or was withdrawn),
 * or the vessel record when none ever was.
 */
function ismBreach(
  imoNumber: string,
  lossAt: string,
  record: VesselRecord | undefined,
): WarrantyBreach | undefined {
  if (record === undefined) return unregistered(Warranty.ismCertificateValid, imoNumber);
  if (vesselStateAt(record, lossAt).validCertificates.ISM !== undefined) return undefined;
  const last = record.certificates
    .filter((c) => c.kind === VesselCertificateKind.ism && c.validFrom <= lossAt)
    .at(-1);
  if (last === undefined) {
    return {
      warranty: Warranty.ismCertificateValid,
      finding: `no ISM certificate of vessel ${imoNumber} was in force at ${lossAt}`,
      evidence: [{ source: 'vessel', reference: imoNumber }],
    };
  }
  const how =
    last.withdrawnFrom !== undefined && last.withdrawnFrom <= lossAt
      ? `was withdrawn from ${last.withdrawnFrom}`
      : `expired at ${last.validUntil}`;
  return {
    warranty: Warranty.ismCertificateValid,
    finding: `ISM certificate ${last.certificateNumber} ${how}, before the loss at ${lossAt}`,
    evidence: [certificateEvidence(last)],
  };
}

function masterBreach(verdict: MasterCertificateVerdict): WarrantyBreach | undefined {
  if (verdict.certified) return undefined;
  const list: WarrantyEvidence[] =
    verdict.voyageId === undefined
      ? []
      : [{ source: 'crew-list', reference: `${verdict.imoNumber}/${verdict.voyageId}` }];
  return {
    warranty: Warranty.masterCertified,
    finding: `the master was not certified at ${verdict.at}: ${verdict.reason}`,
    evidence: [
      ...list,
      ...verdict.evidence.map((e) => ({
        source: 'certificate' as const,
        reference: e.certificateRef,
        txId: e.txId,
        validFrom: e.validFrom,
        validUntil: e.validUntil,
        sha256: e.commitment,
      })),
    ],
  };
}

/** Every voyage event of `kind` into (or out of) one of the policy's areas in the window. */
function areaBreach(
  warranty: Warranty,
  kind: VoyageEventKind,
  areas: readonly AreaReference[],
  from: string,
  lossAt: string,
  events: readonly VoyageEventRecord[],
): WarrantyBreach | undefined {
  const named = (area: AreaReference) =>
    areas.some((a) => a.areaId === area.areaId && a.geometrySha256 === area.geometrySha256);
  const found = events.filter(
    (e) => e.kind === kind && named(e.area) && e.at >= from && e.at <= lossAt,
  );
  if (found.length === 0) return undefined;
  return {
    warranty,
    finding: `${found.length} ${kind} event(s) from ${found[0]?.at} to ${found.at(-1)?.at}, first in area ${found[0]?.area.areaId}`,
    evidence: found.map((e) => ({
      source: 'voyage-event',
      reference: e.area.areaId,
      txId: e.txId,
      sha256: e.evidenceSha256,
    })),
  };
}
