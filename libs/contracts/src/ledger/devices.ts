import { LedgerParty } from './ebl';

/**
 * The Devices chaincode contract as both sides see it (issue 17): the
 * registry of reefer controllers, data loggers and gateways whose signed
 * readings can move money. The chaincode decides by DEVICE_TRANSITIONS; the
 * services read the records it emits and judge readings with
 * libs/device-attestation, so the ledger and the services never disagree on
 * what a record means (docs/decisions/0017-device-registry.md).
 */
export const DEVICES_CONTRACT = 'Devices';

export const DeviceTransaction = {
  register: 'register',
  rotateKey: 'rotateKey',
  attach: 'attach',
  suspend: 'suspend',
  reactivate: 'reactivate',
  revoke: 'revoke',
  readDevice: 'readDevice',
} as const;

/** Carries the whole DeviceRecord as written to state, after every change. */
export const DeviceEvent = {
  changed: 'DeviceChanged',
} as const;

export const DeviceKind = {
  reeferController: 'REEFER_CONTROLLER',
  dataLogger: 'DATA_LOGGER',
  gateway: 'GATEWAY',
} as const;
export type DeviceKind = (typeof DeviceKind)[keyof typeof DeviceKind];

export const DeviceStatus = {
  active: 'ACTIVE',
  suspended: 'SUSPENDED',
  revoked: 'REVOKED',
} as const;
export type DeviceStatus = (typeof DeviceStatus)[keyof typeof DeviceStatus];

/** What an owner does to a registered device; registering is the record's creation. */
export const DeviceAction = {
  rotateKey: 'ROTATE_KEY',
  attach: 'ATTACH',
  suspend: 'SUSPEND',
  reactivate: 'REACTIVATE',
  revoke: 'REVOKE',
} as const;
export type DeviceAction = (typeof DeviceAction)[keyof typeof DeviceAction];

/**
 * The one transition table: status before → action → status after. A pair
 * missing here is refused. Revoked is final: a revoked device's key may be
 * in someone else's hands, so it never signs again, even for its owner.
 */
export const DEVICE_TRANSITIONS: Readonly<
  Record<DeviceStatus, Readonly<Partial<Record<DeviceAction, DeviceStatus>>>>
> = {
  ACTIVE: {
    ROTATE_KEY: 'ACTIVE',
    ATTACH: 'ACTIVE',
    SUSPEND: 'SUSPENDED',
    REVOKE: 'REVOKED',
  },
  SUSPENDED: {
    ROTATE_KEY: 'SUSPENDED',
    ATTACH: 'SUSPENDED',
    REACTIVATE: 'ACTIVE',
    REVOKE: 'REVOKED',
  },
  REVOKED: {},
};

/** The status after `action`, or undefined when the table refuses it. */
export function deviceStatusAfter(
  status: DeviceStatus,
  action: DeviceAction,
): DeviceStatus | undefined {
  return DEVICE_TRANSITIONS[status][action];
}

/** JWS algorithms a device signs with: ES256 (P-256) or EdDSA (Ed25519). */
export const DeviceAlgorithm = { es256: 'ES256', edDsa: 'EdDSA' } as const;
export type DeviceAlgorithm = (typeof DeviceAlgorithm)[keyof typeof DeviceAlgorithm];

/** A device's public key as a JWK (RFC 7517): only the public members, never `d`. */
export type DevicePublicJwk =
  { kty: 'EC'; crv: 'P-256'; x: string; y: string } | { kty: 'OKP'; crv: 'Ed25519'; x: string };

export interface DeviceKey {
  /** RFC 7638 thumbprint of the JWK (SHA-256, base64url): the `kid` a signature names. */
  kid: string;
  alg: DeviceAlgorithm;
  jwk: DevicePublicJwk;
  /** From the transaction that registered or rotated it in. */
  validFrom: string;
  /** The transaction that rotated it out; readings signed before stay verifiable. */
  validUntil?: string;
}

export const AttachedAssetKind = {
  /** ISO 6346 container number. */
  container: 'CONTAINER',
  /** SSCC, as its EPC URN. */
  sscc: 'SSCC',
  /** A location (SGLN URN or other identifier). */
  location: 'LOCATION',
} as const;
export type AttachedAssetKind = (typeof AttachedAssetKind)[keyof typeof AttachedAssetKind];

/** The device was on `asset` from `from` until `until` (open while absent). */
export interface DeviceAttachment {
  assetKind: AttachedAssetKind;
  asset: string;
  from: string;
  until?: string;
}

/** The device had `status` from `from` until the next period's `from`. */
export interface DeviceStatusPeriod {
  status: DeviceStatus;
  from: string;
}

/** One ledger record of a change: every change to a device is one. */
export interface DeviceChange {
  action: 'REGISTER' | DeviceAction;
  at: string;
  txId: string;
  by: LedgerParty;
}

export interface DeviceRecord {
  /** The `deviceID` EPCIS puts in sensorMetadata (a GS1 GIAI URI where it has one). */
  deviceId: string;
  /** The organisation that registered it; only its platform operator changes it. */
  ownerMspId: string;
  kind: DeviceKind;
  model: string;
  /** Status now (the last period's). */
  status: DeviceStatus;
  statuses: DeviceStatusPeriod[];
  /** Every key it ever had, oldest first; at most one without validUntil. */
  keys: DeviceKey[];
  /** Oldest first; windows do not overlap. */
  attachments: DeviceAttachment[];
  history: DeviceChange[];
}

/** What `register` takes (JSON). */
export interface DeviceRegistration {
  deviceId: string;
  kind: DeviceKind;
  model: string;
  alg: DeviceAlgorithm;
  jwk: DevicePublicJwk;
  /**
   * When the device went into service with this key, if before the
   * registration (a reefer fitted and measuring before its owner recorded
   * it); never in the future. The transaction's time when absent.
   */
  since?: string;
}

/** What `attach` takes (JSON): the asset and when the device was fitted to it. */
export interface DeviceAttachmentRequest {
  assetKind: AttachedAssetKind;
  asset: string;
  from: string;
}

/**
 * What capture concluded about one signed sensorElement (libs/device-attestation
 * checks them in this order). Only ATTESTED readings can move money; every
 * other verdict is stored and shown with its reason, never triggers.
 */
export const AttestationVerdict = {
  attested: 'ATTESTED',
  unsigned: 'UNSIGNED',
  badSignature: 'BAD_SIGNATURE',
  unregisteredKey: 'UNREGISTERED_KEY',
  suspended: 'DEVICE_SUSPENDED',
  revoked: 'DEVICE_REVOKED',
  attachedElsewhere: 'ATTACHED_ELSEWHERE',
  replayed: 'REPLAYED',
} as const;
export type AttestationVerdict = (typeof AttestationVerdict)[keyof typeof AttestationVerdict];

/** The verdict on one sensorElement of an event, as recorded and shown. */
export interface ReadingAttestation {
  /** Index of the sensorElement in the event's sensorElementList. */
  element: number;
  verdict: AttestationVerdict;
  reason: string;
  deviceId?: string;
  ownerMspId?: string;
  kid?: string;
  /** SHA-256 (hex) of the JWS signature: the identity of a signed reading, to catch replays. */
  signatureDigest?: string;
}
