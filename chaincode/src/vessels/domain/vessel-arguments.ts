import {
  LedgerErrorCode,
  SeafarerCertificateKind,
  ShipboardCapacity,
  VesselCertificateKind,
  isClassAction,
  type CertificateRecording,
  type ClassChange,
  type CrewListRecording,
  type CrewMember,
  type PartyChange,
  type RegistrationAmendment,
  type SeafarerCertificatePublication,
  type SeafarerCertificateRecording,
  type VesselParty,
  type VesselRegistration,
} from '../../../../libs/contracts/src/ledger';
import { parseImoNumber } from '../../../../libs/standards/src';
import { isKeySafe, isMspId } from '../../domain/ledger-names';
import { parseJsonObject } from '../../domain/json-argument';
import { refuse } from '../../domain/refusal';

/**
 * The Vessels contract's arguments, checked before anything is read: each
 * parser returns the value in the shape libs/contracts gives it or refuses
 * with INVALID_ARGUMENT.
 */

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const IMO_COMPANY_NUMBER = /^\d{7}$/;
/** Names, numbers and references: printable, no control characters, 1 to `max` characters. */
const TEXT = /^(?!\s)[^\p{Cc}]+(?<!\s)$/u;
/** The largest gross tonnage afloat is about 400 000; an integer, never a float, in state. */
const MAX_GROSS_TONNAGE = 1_000_000;

export function bad(detail: string): never {
  return refuse(LedgerErrorCode.invalidArgument, detail);
}

export function parseText(raw: unknown, name: string, max: number): string {
  return typeof raw === 'string' && raw.length <= max && TEXT.test(raw) && isKeySafe(raw)
    ? raw
    : bad(`${name} must be 1 to ${max} printable characters`);
}

function optional<T>(raw: unknown, parse: (value: unknown) => T): T | undefined {
  return raw === undefined ? undefined : parse(raw);
}

function oneOf<T extends string>(raw: unknown, values: readonly T[], name: string): T {
  return (values as readonly unknown[]).includes(raw)
    ? (raw as T)
    : bad(`${name} must be one of ${values.join(', ')}`);
}

/** Seven digits with a valid check digit (`IMO` prefix allowed), stored as the digits. */
export function parseImo(raw: unknown): string {
  const imo = typeof raw === 'string' ? parseImoNumber(raw) : undefined;
  return imo ?? bad('imoNumber must be an IMO number (seven digits, valid check digit)');
}

/** An ISO 8601 UTC instant, normalised to milliseconds. */
export function parseInstant(raw: unknown, name: string): string {
  if (typeof raw !== 'string' || !ISO_INSTANT.test(raw) || Number.isNaN(Date.parse(raw))) {
    return bad(`${name} must be an ISO 8601 UTC instant (…Z)`);
  }
  return new Date(raw).toISOString();
}

function effectiveFrom(r: Record<string, unknown>): { effectiveFrom?: string } {
  const from = optional(r['effectiveFrom'], (v) => parseInstant(v, 'effectiveFrom'));
  return from === undefined ? {} : { effectiveFrom: from };
}

function grossTonnage(raw: unknown): number {
  return typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0 && raw <= MAX_GROSS_TONNAGE
    ? raw
    : bad(`grossTonnage must be a whole number from 1 to ${MAX_GROSS_TONNAGE}`);
}

function party(raw: unknown, name: string): VesselParty {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    bad(`${name} must be an object`);
  const r = raw as Record<string, unknown>;
  const mspId = r['mspId'];
  if (typeof mspId !== 'string' || !isMspId(mspId)) bad(`${name}.mspId must be an MSP id`);
  const company = r['imoCompanyNumber'];
  if (company !== undefined && (typeof company !== 'string' || !IMO_COMPANY_NUMBER.test(company))) {
    bad(`${name}.imoCompanyNumber must be seven digits`);
  }
  return {
    mspId,
    name: parseText(r['name'], `${name}.name`, 200),
    ...(company === undefined ? {} : { imoCompanyNumber: company }),
  };
}

export function parseRegistration(json: string): VesselRegistration {
  const r = parseJsonObject(json, 'the registration');
  return {
    imoNumber: parseImo(r['imoNumber']),
    name: parseText(r['name'], 'name', 100),
    grossTonnage: grossTonnage(r['grossTonnage']),
    portOfRegistry: parseText(r['portOfRegistry'], 'portOfRegistry', 100),
    owner: party(r['owner'], 'owner'),
    ...effectiveFrom(r),
  };
}

export function parseAmendment(json: string): RegistrationAmendment {
  const r = parseJsonObject(json, 'the amendment');
  const name = optional(r['name'], (v) => parseText(v, 'name', 100));
  const tonnage = optional(r['grossTonnage'], grossTonnage);
  const port = optional(r['portOfRegistry'], (v) => parseText(v, 'portOfRegistry', 100));
  if (name === undefined && tonnage === undefined && port === undefined) {
    bad('an amendment changes name, grossTonnage or portOfRegistry');
  }
  return {
    ...(name === undefined ? {} : { name }),
    ...(tonnage === undefined ? {} : { grossTonnage: tonnage }),
    ...(port === undefined ? {} : { portOfRegistry: port }),
    ...effectiveFrom(r),
  };
}

export function parsePartyChange(json: string): PartyChange {
  const r = parseJsonObject(json, 'the change');
  return { party: party(r['party'], 'party'), ...effectiveFrom(r) };
}

export function parseClassChange(json: string): ClassChange {
  const r = parseJsonObject(json, 'the class change');
  const action = r['action'];
  if (typeof action !== 'string' || !isClassAction(action)) {
    bad(
      'action must be ASSIGN_CLASS, CONFIRM_CLASS, SUSPEND_CLASS, REINSTATE_CLASS or WITHDRAW_CLASS',
    );
  }
  const society = optional(r['society'], (v) => parseText(v, 'society', 100));
  return {
    action: action,
    ...(society === undefined ? {} : { society }),
    ...effectiveFrom(r),
  };
}

export function parseCertificateKind(raw: unknown): VesselCertificateKind {
  return oneOf(raw, Object.values(VesselCertificateKind), 'kind');
}

function validity(r: Record<string, unknown>): { validFrom: string; validUntil: string } {
  const validFrom = parseInstant(r['validFrom'], 'validFrom');
  const validUntil = parseInstant(r['validUntil'], 'validUntil');
  if (validUntil <= validFrom) bad('validUntil must be after validFrom');
  return { validFrom, validUntil };
}

export function parseCertificate(json: string): CertificateRecording {
  const r = parseJsonObject(json, 'the certificate');
  const digest = r['documentSha256'];
  if (typeof digest !== 'string' || !SHA256_HEX.test(digest)) {
    bad('documentSha256 must be a SHA-256 in lower-case hex');
  }
  return {
    kind: parseCertificateKind(r['kind']),
    certificateNumber: parseText(r['certificateNumber'], 'certificateNumber', 64),
    documentSha256: digest,
    ...validity(r),
  };
}

export function parseHex64(raw: unknown, name: string): string {
  return typeof raw === 'string' && SHA256_HEX.test(raw)
    ? raw
    : bad(`${name} must be 64 lower-case hex digits`);
}

/** The private details of a seafarer's certificate, from the transient map. */
export function parseSeafarerCertificate(json: string): SeafarerCertificateRecording {
  const r = parseJsonObject(json, 'the certificate details');
  const kind = oneOf(r['kind'], Object.values(SeafarerCertificateKind), 'kind');
  const capacity = optional(r['capacity'], (v) =>
    oneOf(v, Object.values(ShipboardCapacity), 'capacity'),
  );
  if ((kind === SeafarerCertificateKind.competency) !== (capacity !== undefined)) {
    bad('a certificate of competency names its capacity, and only it');
  }
  const dateOfBirth = r['dateOfBirth'];
  if (typeof dateOfBirth !== 'string' || !ISO_DATE.test(dateOfBirth)) {
    bad('dateOfBirth must be a date (YYYY-MM-DD)');
  }
  const nationality = r['nationality'];
  if (typeof nationality !== 'string' || !/^[A-Z]{2}$/.test(nationality)) {
    bad('nationality must be an ISO 3166-1 alpha-2 code');
  }
  return {
    salt: parseHex64(r['salt'], 'salt'),
    identitySalt: parseHex64(r['identitySalt'], 'identitySalt'),
    identityDocument: parseText(r['identityDocument'], 'identityDocument', 64),
    certificateRef: parseText(r['certificateRef'], 'certificateRef', 64),
    kind,
    ...(capacity === undefined ? {} : { capacity }),
    ...validity(r),
    familyName: parseText(r['familyName'], 'familyName', 100),
    givenNames: parseText(r['givenNames'], 'givenNames', 100),
    dateOfBirth: dateOfBirth,
    nationality: nationality,
    certificateNumber: parseText(r['certificateNumber'], 'certificateNumber', 64),
    issuingAuthority: parseText(r['issuingAuthority'], 'issuingAuthority', 100),
  };
}

/** The public half of a seafarer's certificate (the second step). */
export function parsePublication(json: string): SeafarerCertificatePublication {
  const r = parseJsonObject(json, 'the certificate');
  const kind = oneOf(r['kind'], Object.values(SeafarerCertificateKind), 'kind');
  const capacity = optional(r['capacity'], (v) =>
    oneOf(v, Object.values(ShipboardCapacity), 'capacity'),
  );
  return {
    seafarerId: parseHex64(r['seafarerId'], 'seafarerId'),
    certificateRef: parseText(r['certificateRef'], 'certificateRef', 64),
    kind,
    ...(capacity === undefined ? {} : { capacity }),
    ...validity(r),
    commitment: parseHex64(r['commitment'], 'commitment'),
  };
}

function crewMember(raw: unknown, index: number): CrewMember {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    bad(`crew[${index}] must be an object`);
  }
  const r = raw as Record<string, unknown>;
  return {
    seafarerId: parseHex64(r['seafarerId'], `crew[${index}].seafarerId`),
    rank: oneOf(r['rank'], Object.values(ShipboardCapacity), `crew[${index}].rank`),
  };
}

export function parseCrewList(json: string): CrewListRecording {
  const r = parseJsonObject(json, 'the crew list');
  const crew = r['crew'];
  if (!Array.isArray(crew) || crew.length === 0 || crew.length > 200) {
    bad('crew must list 1 to 200 seafarers');
  }
  const members = (crew as unknown[]).map(crewMember);
  if (new Set(members.map((m) => m.seafarerId)).size !== members.length) {
    bad('a seafarer appears once on a crew list');
  }
  if (members.filter((m) => m.rank === ShipboardCapacity.master).length > 1) {
    bad('a crew list has at most one master');
  }
  const from = parseInstant(r['from'], 'from');
  const until = optional(r['until'], (v) => parseInstant(v, 'until'));
  if (until !== undefined && until <= from) bad('until must be after from');
  return {
    voyageId: parseText(r['voyageId'], 'voyageId', 64),
    from,
    ...(until === undefined ? {} : { until }),
    crew: members,
  };
}
