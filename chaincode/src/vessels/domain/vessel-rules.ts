import {
  CERTIFICATE_ISSUERS,
  ClassStatus,
  LedgerErrorCode,
  LedgerRole,
  VesselAction,
  VesselStatus,
  classStatusAfter,
  periodAt,
  vesselStatusAfter,
  type ClassChange,
  type ClassPeriod,
  type FlagRegistration,
  type Period,
  type PartyChange,
  type RegistrationAmendment,
  type VesselCertificate,
  type VesselCertificateKind,
  type VesselChange,
  type VesselRecord,
  type VesselRegistration,
} from '../../../../libs/contracts/src/ledger';
import { Invoker, actsAs, roleAttribute } from '../../domain/invoker';
import { mspIdOfParty } from '../../domain/ledger-names';
import { refuse } from '../../domain/refusal';
import { Stamp } from '../../domain/stamp';
import { bad } from './vessel-arguments';

/**
 * The vessel registry's rules (issue 21, docs/decisions/0032-vessels-and-crew.md),
 * pure: each takes the record as stored and the signed proposal's invoker and
 * stamp, and returns the record to write or refuses. Who may act is checked
 * first, against the record as it stands, so a refusal for the wrong party
 * says so whatever the state; then the transition tables of libs/contracts.
 */

function forbid(detail: string): never {
  return refuse(LedgerErrorCode.forbidden, detail);
}

function last<T>(items: readonly T[]): T | undefined {
  return items[items.length - 1];
}

function current<T>(periods: readonly Period<T>[]): T | undefined {
  return last(periods)?.value;
}

/**
 * When a change took effect: the transaction's time, or dated back but never
 * into the future nor before the last change of the same field.
 */
function effectiveAt(stamp: Stamp, requested: string | undefined, after?: string): string {
  const from = requested ?? stamp.at;
  if (from > stamp.at) bad('effectiveFrom must not be in the future');
  if (after !== undefined && from < after) {
    bad(`effectiveFrom must not be before the last change of the same field (${after})`);
  }
  return from;
}

function changeOf(
  action: VesselAction,
  invoker: Invoker,
  stamp: Stamp,
  from: string,
): VesselChange {
  return {
    action,
    at: stamp.at,
    txId: stamp.txId,
    by: invoker.party,
    ...(from === stamp.at ? {} : { effectiveFrom: from }),
  };
}

/** The flag state the vessel is registered with, acting for its own flag. */
function mustBeFlagState(invoker: Invoker, record: VesselRecord): FlagRegistration {
  const registration = current(record.registrations);
  if (
    registration === undefined ||
    !actsAs(invoker, LedgerRole.flagState, registration.flagStateMsp) ||
    invoker.flagCode !== registration.flag
  ) {
    return forbid(
      `only the flag state of ${registration?.flag ?? 'its flag'} (${roleAttribute(LedgerRole.flagState)}) changes the registration of ${record.imoNumber}`,
    );
  }
  return registration;
}

function mustBeOwner(invoker: Invoker, record: VesselRecord): void {
  const owner = current(record.owners);
  if (owner === undefined || !actsAs(invoker, LedgerRole.shipOwner, owner.mspId)) {
    forbid(
      `only the registered owner (${roleAttribute(LedgerRole.shipOwner)} of ${owner?.mspId ?? 'its organisation'}) changes the ownership and management of ${record.imoNumber}`,
    );
  }
}

/** The society in whose class the vessel is; any class society while none is in force. */
function mustBeClassSociety(invoker: Invoker, record: VesselRecord, action: VesselAction): void {
  const period = current(record.classes);
  const status = period?.status ?? ClassStatus.notClassed;
  const open =
    action === VesselAction.assignClass && classStatusAfter(status, action) !== undefined;
  // A vessel never classed is no society's: the class table refuses what is not ASSIGN_CLASS.
  const entitled =
    open || period?.societyMsp === undefined
      ? invoker.role === LedgerRole.classSociety
      : actsAs(invoker, LedgerRole.classSociety, period.societyMsp);
  if (!entitled) {
    forbid(
      `only the vessel's class society (${roleAttribute(LedgerRole.classSociety)} of ${period?.societyMsp ?? 'a society taking it into class'}) changes the class of ${record.imoNumber}`,
    );
  }
}

function mustBeAllowed(record: VesselRecord, action: VesselAction): VesselStatus {
  return (
    vesselStatusAfter(record.status, action) ??
    refuse(
      LedgerErrorCode.invalidState,
      `a ${record.status} vessel cannot ${action} (${record.imoNumber})`,
    )
  );
}

function withPeriod<T>(periods: readonly Period<T>[], value: T, from: string): Period<T>[] {
  return [...periods, { value, from }];
}

/**
 * A flag state registers a vessel under its flag: a new IMO number, or one
 * another flag deregistered (re-flagging keeps the record and its history).
 */
export function decideRegister(
  request: VesselRegistration,
  invoker: Invoker,
  stamp: Stamp,
  existing: VesselRecord | undefined,
): VesselRecord {
  const flag = invoker.flagCode;
  if (invoker.role !== LedgerRole.flagState || flag === undefined) {
    return forbid(
      `only a flag state (${roleAttribute(LedgerRole.flagState)}) registers vessels (${request.imoNumber})`,
    );
  }
  if (existing !== undefined && existing.status === VesselStatus.registered) {
    refuse(
      LedgerErrorCode.alreadyExists,
      `vessel ${request.imoNumber} is already registered under ${current(existing.registrations)?.flag ?? 'a flag'}`,
    );
  }
  const lastChange = existing === undefined ? undefined : last(existing.history)?.at;
  const from = effectiveAt(stamp, request.effectiveFrom, lastChange);
  const registration: FlagRegistration = {
    flag,
    flagStateMsp: invoker.mspId,
    portOfRegistry: request.portOfRegistry,
  };
  const base: VesselRecord = existing ?? {
    imoNumber: request.imoNumber,
    status: VesselStatus.deregistered,
    names: [],
    grossTonnages: [],
    registrations: [],
    owners: [],
    managers: [],
    classes: [],
    certificates: [],
    history: [],
  };
  const changedTo = <T>(periods: Period<T>[], value: T, same: (a: T) => boolean): Period<T>[] => {
    const now = current(periods);
    return now !== undefined && same(now) ? periods : withPeriod(periods, value, from);
  };
  return {
    ...base,
    status: VesselStatus.registered,
    names: changedTo(base.names, request.name, (n) => n === request.name),
    grossTonnages: changedTo(
      base.grossTonnages,
      request.grossTonnage,
      (t) => t === request.grossTonnage,
    ),
    registrations: withPeriod(base.registrations, registration, from),
    owners: changedTo(
      base.owners,
      request.owner,
      (o) => o.mspId === request.owner.mspId && o.name === request.owner.name,
    ),
    history: [...base.history, changeOf(VesselAction.register, invoker, stamp, from)],
  };
}

/** What an action on a registered vessel carries besides its kind. */
export type VesselChangeRequest =
  | { action: typeof VesselAction.amendRegistration; amendment: RegistrationAmendment }
  | { action: typeof VesselAction.deregister; effectiveFrom?: string }
  | {
      action: typeof VesselAction.transferOwnership | typeof VesselAction.appointManager;
      change: PartyChange;
    }
  | { action: 'CLASS'; change: ClassChange }
  | {
      action: typeof VesselAction.recordCertificate;
      certificate: Omit<VesselCertificate, 'issuedBy' | 'recordedAt' | 'txId'>;
    }
  | {
      action: typeof VesselAction.withdrawCertificate;
      kind: VesselCertificateKind;
      certificateNumber: string;
      effectiveFrom?: string;
    };

/** One entitled party's change to a vessel, by the tables; times from the transaction. */
export function decideChange(
  imoNumber: string,
  existing: VesselRecord | undefined,
  request: VesselChangeRequest,
  invoker: Invoker,
  stamp: Stamp,
): VesselRecord {
  const record =
    existing ?? refuse(LedgerErrorCode.notFound, `vessel ${imoNumber} is not registered`);
  switch (request.action) {
    case VesselAction.amendRegistration:
      return amend(record, request.amendment, invoker, stamp);
    case VesselAction.deregister: {
      const registration = mustBeFlagState(invoker, record);
      const status = mustBeAllowed(record, request.action);
      const from = effectiveAt(stamp, request.effectiveFrom, last(record.registrations)?.from);
      const registrations = record.registrations.map((p, i, all) =>
        i === all.length - 1 ? { ...p, value: { ...registration, until: from } } : p,
      );
      const change = changeOf(request.action, invoker, stamp, from);
      return { ...record, status, registrations, history: [...record.history, change] };
    }
    case VesselAction.transferOwnership:
    case VesselAction.appointManager: {
      mustBeOwner(invoker, record);
      const status = mustBeAllowed(record, request.action);
      const field = request.action === VesselAction.transferOwnership ? 'owners' : 'managers';
      const from = effectiveAt(stamp, request.change.effectiveFrom, last(record[field])?.from);
      const change = changeOf(request.action, invoker, stamp, from);
      return {
        ...record,
        status,
        [field]: withPeriod(record[field], request.change.party, from),
        history: [...record.history, change],
      };
    }
    case 'CLASS':
      return changeClass(record, request.change, invoker, stamp);
    case VesselAction.recordCertificate:
      return recordCertificate(record, request.certificate, invoker, stamp);
    case VesselAction.withdrawCertificate:
      return withdrawCertificate(record, request, invoker, stamp);
  }
}

function amend(
  record: VesselRecord,
  amendment: RegistrationAmendment,
  invoker: Invoker,
  stamp: Stamp,
): VesselRecord {
  const registration = mustBeFlagState(invoker, record);
  const status = mustBeAllowed(record, VesselAction.amendRegistration);
  const lastChange = [
    last(record.names)?.from,
    last(record.grossTonnages)?.from,
    last(record.registrations)?.from,
  ].reduce((latest, from) =>
    from !== undefined && (latest === undefined || from > latest) ? from : latest,
  );
  const from = effectiveAt(stamp, amendment.effectiveFrom, lastChange);
  const { name, grossTonnage, portOfRegistry } = amendment;
  return {
    ...record,
    status,
    names: name === undefined ? record.names : withPeriod(record.names, name, from),
    grossTonnages:
      grossTonnage === undefined
        ? record.grossTonnages
        : withPeriod(record.grossTonnages, grossTonnage, from),
    registrations:
      portOfRegistry === undefined
        ? record.registrations
        : withPeriod(record.registrations, { ...registration, portOfRegistry }, from),
    history: [...record.history, changeOf(VesselAction.amendRegistration, invoker, stamp, from)],
  };
}

function changeClass(
  record: VesselRecord,
  request: ClassChange,
  invoker: Invoker,
  stamp: Stamp,
): VesselRecord {
  mustBeClassSociety(invoker, record, request.action);
  const status = mustBeAllowed(record, request.action);
  const period = current(record.classes);
  const classStatus = period?.status ?? ClassStatus.notClassed;
  const next =
    classStatusAfter(classStatus, request.action) ??
    refuse(
      LedgerErrorCode.invalidState,
      `a vessel whose class is ${classStatus} cannot ${request.action} (${record.imoNumber})`,
    );
  const assigning = request.action === VesselAction.assignClass;
  if (assigning && request.society === undefined) bad('ASSIGN_CLASS needs the society’s name');
  const society = assigning ? request.society : period?.society;
  const value: ClassPeriod = {
    status: next,
    societyMsp: assigning ? invoker.mspId : (period?.societyMsp ?? invoker.mspId),
    ...(society === undefined ? {} : { society }),
  };
  const from = effectiveAt(stamp, request.effectiveFrom, last(record.classes)?.from);
  return {
    ...record,
    status,
    classes: withPeriod(record.classes, value, from),
    history: [...record.history, changeOf(request.action, invoker, stamp, from)],
  };
}

/** The roles of the vessel's own flag state and class society the invoker holds. */
function issuerRolesOf(invoker: Invoker, record: VesselRecord): LedgerRole[] {
  const registration = current(record.registrations);
  const classPeriod = current(record.classes);
  const roles: LedgerRole[] = [];
  if (
    registration !== undefined &&
    actsAs(invoker, LedgerRole.flagState, registration.flagStateMsp) &&
    invoker.flagCode === registration.flag
  ) {
    roles.push(LedgerRole.flagState);
  }
  if (
    classPeriod?.societyMsp !== undefined &&
    classPeriod.status !== ClassStatus.withdrawn &&
    actsAs(invoker, LedgerRole.classSociety, classPeriod.societyMsp)
  ) {
    roles.push(LedgerRole.classSociety);
  }
  return roles;
}

function mustIssue(invoker: Invoker, record: VesselRecord, kind: VesselCertificateKind): void {
  const roles = issuerRolesOf(invoker, record);
  if (!CERTIFICATE_ISSUERS[kind].some((role) => roles.includes(role))) {
    forbid(
      `only the vessel's ${CERTIFICATE_ISSUERS[kind].join(' or ')} records or withdraws its ${kind} certificate (${record.imoNumber})`,
    );
  }
}

function recordCertificate(
  record: VesselRecord,
  certificate: Omit<VesselCertificate, 'issuedBy' | 'recordedAt' | 'txId'>,
  invoker: Invoker,
  stamp: Stamp,
): VesselRecord {
  mustIssue(invoker, record, certificate.kind);
  const status = mustBeAllowed(record, VesselAction.recordCertificate);
  if (
    record.certificates.some(
      (c) => c.kind === certificate.kind && c.certificateNumber === certificate.certificateNumber,
    )
  ) {
    refuse(
      LedgerErrorCode.alreadyExists,
      `${certificate.kind} certificate ${certificate.certificateNumber} is already recorded for ${record.imoNumber}`,
    );
  }
  const recorded: VesselCertificate = {
    ...certificate,
    issuedBy: invoker.party,
    recordedAt: stamp.at,
    txId: stamp.txId,
  };
  return {
    ...record,
    status,
    certificates: [...record.certificates, recorded],
    history: [
      ...record.history,
      changeOf(VesselAction.recordCertificate, invoker, stamp, stamp.at),
    ],
  };
}

function withdrawCertificate(
  record: VesselRecord,
  request: { kind: VesselCertificateKind; certificateNumber: string; effectiveFrom?: string },
  invoker: Invoker,
  stamp: Stamp,
): VesselRecord {
  mustIssue(invoker, record, request.kind);
  const status = mustBeAllowed(record, VesselAction.withdrawCertificate);
  const index = record.certificates.findIndex(
    (c) => c.kind === request.kind && c.certificateNumber === request.certificateNumber,
  );
  const found =
    record.certificates[index] ??
    refuse(
      LedgerErrorCode.notFound,
      `${request.kind} certificate ${request.certificateNumber} is not recorded for ${record.imoNumber}`,
    );
  if (mspIdOfParty(found.issuedBy) !== invoker.mspId) {
    forbid(
      `only the organisation that recorded certificate ${found.certificateNumber} withdraws it`,
    );
  }
  if (found.withdrawnFrom !== undefined) {
    refuse(
      LedgerErrorCode.invalidState,
      `certificate ${found.certificateNumber} is already withdrawn`,
    );
  }
  const from = effectiveAt(stamp, request.effectiveFrom, found.validFrom);
  const certificates = record.certificates.map((c, i) =>
    i === index ? { ...c, withdrawnFrom: from } : c,
  );
  return {
    ...record,
    status,
    certificates,
    history: [...record.history, changeOf(VesselAction.withdrawCertificate, invoker, stamp, from)],
  };
}

/** The vessel's manager now: the employer who records its crew lists. */
export function currentManager(record: VesselRecord, at: string) {
  return periodAt(record.managers, at);
}
