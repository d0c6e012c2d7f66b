import {
  LedgerErrorCode,
  LedgerRole,
  VesselStatus,
  periodAt,
  seafarerPseudonym,
  type CrewListRecord,
  type CrewListRecording,
  type SeafarerCertificateDetails,
  type SeafarerCertificatePublication,
  type SeafarerCertificateRecord,
  type SeafarerCertificateRecording,
  type VesselRecord,
} from '../../../../libs/contracts/src/ledger';
import { Invoker, actsAs, roleAttribute } from '../../domain/invoker';
import { refuse } from '../../domain/refusal';
import { Stamp } from '../../domain/stamp';

/**
 * Crew rules (issue 21 item 2), pure. The employer (a ship manager) records
 * its seafarers' certificates in two transactions (as claims' notices,
 * decision 0009): the details, salt and name included, into its private
 * collection, endorsed by its own peers only; then the public record, a
 * pseudonym, the validity and a commitment that must be the hash Fabric
 * keeps of those same details, so the public record cannot say something
 * the private one does not.
 */
export function mustBeShipManager(invoker: Invoker): void {
  if (invoker.role !== LedgerRole.shipManager) {
    refuse(
      LedgerErrorCode.forbidden,
      `only a ship manager (${roleAttribute(LedgerRole.shipManager)}) records its seafarers' certificates`,
    );
  }
}

/**
 * First step, endorsed by the employer's peers alone: the details (salt and
 * name included) for its private collection, the identity document hashed
 * into the pseudonym and dropped.
 */
export function decideSeafarerCertificateDetails(
  recording: SeafarerCertificateRecording,
  invoker: Invoker,
): SeafarerCertificateDetails {
  mustBeShipManager(invoker);
  const { identitySalt, identityDocument, ...rest } = recording;
  return {
    ...rest,
    seafarerId: seafarerPseudonym(identitySalt, recording.nationality, identityDocument),
  };
}

/**
 * Second step, endorsed by every organisation: the public record, if the
 * commitment is the collection's hash of the details, which every peer
 * knows. The details themselves are not read here: a read of private data
 * makes Fabric's gateway ask only the collection's members to endorse, which
 * the chaincode's MAJORITY policy cannot accept. The fields beside the
 * commitment are the employer's word, as the details are; whoever the
 * employer opens the details to checks both against the commitment.
 */
export function decideSeafarerCertificate(
  publication: SeafarerCertificatePublication,
  invoker: Invoker,
  stamp: Stamp,
  storedHash: string | undefined,
  existing: boolean,
): SeafarerCertificateRecord {
  mustBeShipManager(invoker);
  const { seafarerId, certificateRef } = publication;
  if (existing) {
    refuse(
      LedgerErrorCode.alreadyExists,
      `certificate ${certificateRef} of seafarer ${seafarerId} is already recorded`,
    );
  }
  if (storedHash === undefined) {
    refuse(
      LedgerErrorCode.notFound,
      `no details of certificate ${certificateRef} of seafarer ${seafarerId} in ${invoker.mspId}'s collection`,
    );
  }
  if (storedHash !== publication.commitment) {
    refuse(LedgerErrorCode.invalidArgument, 'the commitment is not the hash of the details held');
  }
  return {
    ...publication,
    employerMsp: invoker.mspId,
    recordedBy: invoker.party,
    recordedAt: stamp.at,
    txId: stamp.txId,
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
