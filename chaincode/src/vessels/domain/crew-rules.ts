import {
  LedgerErrorCode,
  LedgerRole,
  VesselStatus,
  certificateCommitment,
  periodAt,
  seafarerPseudonym,
  type CrewListRecord,
  type CrewListRecording,
  type SeafarerCertificateDetails,
  type SeafarerCertificateRecord,
  type SeafarerCertificateRecording,
  type VesselRecord,
} from '../../../../libs/contracts/src/ledger';
import { Invoker, actsAs, roleAttribute } from '../../domain/invoker';
import { refuse } from '../../domain/refusal';
import { Stamp } from '../../domain/stamp';

/**
 * Crew rules (issue 21 item 2), pure. The employer (a ship manager) records
 * its seafarers' certificates: the details, salt and name included, go to its
 * private collection; the ledger keeps a pseudonym, the validity and a
 * commitment the chaincode computes from those same details, so the public
 * record cannot say something the private one does not.
 */
export interface SeafarerCertificateWrite {
  record: SeafarerCertificateRecord;
  details: SeafarerCertificateDetails;
}

export function decideSeafarerCertificate(
  recording: SeafarerCertificateRecording,
  invoker: Invoker,
  stamp: Stamp,
): SeafarerCertificateWrite {
  if (invoker.role !== LedgerRole.shipManager) {
    refuse(
      LedgerErrorCode.forbidden,
      `only a ship manager (${roleAttribute(LedgerRole.shipManager)}) records its seafarers' certificates`,
    );
  }
  const { identitySalt, identityDocument, ...rest } = recording;
  const seafarerId = seafarerPseudonym(identitySalt, recording.nationality, identityDocument);
  const details: SeafarerCertificateDetails = { ...rest, seafarerId };
  return {
    details,
    record: {
      seafarerId,
      certificateRef: recording.certificateRef,
      kind: recording.kind,
      ...(recording.capacity === undefined ? {} : { capacity: recording.capacity }),
      validFrom: recording.validFrom,
      validUntil: recording.validUntil,
      commitment: certificateCommitment(details),
      employerMsp: invoker.mspId,
      recordedBy: invoker.party,
      recordedAt: stamp.at,
      txId: stamp.txId,
    },
  };
}

/** The vessel's manager (as it stands now) records the crew list of a voyage. */
export function decideCrewList(
  imoNumber: string,
  vessel: VesselRecord | undefined,
  recording: CrewListRecording,
  invoker: Invoker,
  stamp: Stamp,
  existing: CrewListRecord | undefined,
): CrewListRecord {
  const record =
    vessel ?? refuse(LedgerErrorCode.notFound, `vessel ${imoNumber} is not registered`);
  const manager = periodAt(record.managers, stamp.at);
  if (manager === undefined || !actsAs(invoker, LedgerRole.shipManager, manager.mspId)) {
    refuse(
      LedgerErrorCode.forbidden,
      `only the vessel's manager (${roleAttribute(LedgerRole.shipManager)} of ${manager?.mspId ?? 'an appointed manager'}) records its crew lists (${imoNumber})`,
    );
  }
  if (record.status !== VesselStatus.registered) {
    refuse(
      LedgerErrorCode.invalidState,
      `a ${record.status} vessel sails with no crew list (${imoNumber})`,
    );
  }
  if (existing !== undefined) {
    refuse(
      LedgerErrorCode.alreadyExists,
      `the crew list of voyage ${recording.voyageId} of ${imoNumber} is already recorded`,
    );
  }
  return {
    imoNumber,
    ...recording,
    employerMsp: invoker.mspId,
    recordedBy: invoker.party,
    recordedAt: stamp.at,
    txId: stamp.txId,
  };
}
