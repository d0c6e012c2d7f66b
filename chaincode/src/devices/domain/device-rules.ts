import {
  AttachedAssetKind,
  DeviceAction,
  DeviceKind,
  DeviceStatus,
  LedgerErrorCode,
  LedgerRole,
  deviceStatusAfter,
  type DeviceAttachmentRequest,
  type DeviceRecord,
  type DeviceRegistration,
} from '../../../../libs/contracts/src/ledger';
import { isValidContainerNumber } from '../../../../libs/standards/src';
import { jwkThumbprint, parsePublicJwk } from '../../../../libs/device-attestation/src/registry';
import { Invoker, actsAs, roleAttribute } from '../../domain/invoker';
import { isKeySafe } from '../../domain/ledger-names';
import { parseJsonObject } from '../../domain/json-argument';
import { refuse } from '../../domain/refusal';
import { Stamp } from '../../domain/stamp';

/**
 * The device registry's rules (issue 17, docs/decisions/0017-device-registry.md),
 * pure: each takes the record as stored and the signed proposal's invoker and
 * stamp, and returns the record to write or refuses. Only the owning
 * organisation's platform operator changes a device; every change appends to
 * its history.
 */

const DEVICE_ID = /^[A-Za-z][A-Za-z0-9+.-]*:[\x21-\x7e]{1,250}$/;
const MODEL = /^[\x20-\x7e]{1,100}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function bad(detail: string): never {
  return refuse(LedgerErrorCode.invalidArgument, detail);
}

/** A device identifier: a URI (the EPCIS deviceID, a GIAI URN or Digital Link where it has one). */
export function parseDeviceId(raw: string): string {
  return DEVICE_ID.test(raw) && isKeySafe(raw)
    ? raw
    : bad('deviceId must be a URI of at most 250 printable characters');
}

/** An ISO 8601 UTC instant, normalised to milliseconds. */
export function parseInstant(raw: unknown, name: string): string {
  if (typeof raw !== 'string' || !ISO_INSTANT.test(raw) || Number.isNaN(Date.parse(raw))) {
    return bad(`${name} must be an ISO 8601 UTC instant (…Z)`);
  }
  return new Date(raw).toISOString();
}

export function parseRegistration(json: string): DeviceRegistration {
  const r = parseJsonObject(json, 'the registration');
  const deviceId = parseDeviceId(typeof r['deviceId'] === 'string' ? r['deviceId'] : '');
  const kind = r['kind'];
  if (!(Object.values(DeviceKind) as unknown[]).includes(kind)) {
    bad(`kind must be one of ${Object.values(DeviceKind).join(', ')}`);
  }
  const model = r['model'];
  if (typeof model !== 'string' || !MODEL.test(model))
    bad('model must be 1 to 100 printable characters');
  const key = parsePublicJwk(r['alg'], r['jwk']);
  if (!key.ok) bad(key.reason);
  return {
    deviceId,
    ...(r['since'] === undefined ? {} : { since: parseInstant(r['since'], 'since') }),
    kind: kind as DeviceKind,
    model: model,
    alg: r['alg'] as DeviceRegistration['alg'],
    jwk: key.jwk,
  };
}

export function parseKey(json: string): Pick<DeviceRegistration, 'alg' | 'jwk'> {
  const r = parseJsonObject(json, 'the key');
  const key = parsePublicJwk(r['alg'], r['jwk']);
  return key.ok ? { alg: r['alg'] as DeviceRegistration['alg'], jwk: key.jwk } : bad(key.reason);
}

export function parseAttachment(json: string): DeviceAttachmentRequest {
  const r = parseJsonObject(json, 'the attachment');
  const assetKind = r['assetKind'];
  const asset = r['asset'];
  if (!(Object.values(AttachedAssetKind) as unknown[]).includes(assetKind)) {
    bad(`assetKind must be one of ${Object.values(AttachedAssetKind).join(', ')}`);
  }
  if (typeof asset !== 'string' || asset.length === 0 || asset.length > 250 || !isKeySafe(asset)) {
    bad('asset must be 1 to 250 characters');
  }
  if (assetKind === AttachedAssetKind.container && !isValidContainerNumber(asset)) {
    bad('a container asset must be an ISO 6346 container number with a valid check digit');
  }
  if (assetKind === AttachedAssetKind.sscc && !/^urn:epc:id:sscc:\d+\.\d+$/.test(asset)) {
    bad('an SSCC asset must be an SSCC EPC URN');
  }
  return {
    assetKind: assetKind as AttachedAssetKind,
    asset: asset,
    from: parseInstant(r['from'], 'from'),
  };
}

/** Only the owner's platform operator: another organisation's is nobody here. */
function mustOwn(invoker: Invoker, ownerMspId: string, deviceId: string): void {
  if (!actsAs(invoker, LedgerRole.platformOperator, ownerMspId)) {
    refuse(
      LedgerErrorCode.forbidden,
      `only ${ownerMspId}'s platform operator (${roleAttribute(LedgerRole.platformOperator)}) changes device ${deviceId}`,
    );
  }
}

export function decideRegister(
  request: DeviceRegistration,
  invoker: Invoker,
  stamp: Stamp,
  existing: DeviceRecord | undefined,
  keyOwner: string | undefined,
): DeviceRecord {
  mustOwn(invoker, invoker.mspId, request.deviceId);
  if (existing !== undefined) {
    refuse(LedgerErrorCode.alreadyExists, `device ${request.deviceId} is already registered`);
  }
  const kid = jwkThumbprint(request.jwk);
  if (keyOwner !== undefined) {
    refuse(LedgerErrorCode.alreadyExists, `key ${kid} is already registered to ${keyOwner}`);
  }
  const since = request.since ?? stamp.at;
  if (since > stamp.at) bad('since must not be in the future');
  return {
    deviceId: request.deviceId,
    ownerMspId: invoker.mspId,
    kind: request.kind,
    model: request.model,
    status: DeviceStatus.active,
    statuses: [{ status: DeviceStatus.active, from: since }],
    keys: [{ kid, alg: request.alg, jwk: request.jwk, validFrom: since }],
    attachments: [],
    history: [{ action: 'REGISTER', at: stamp.at, txId: stamp.txId, by: invoker.party }],
  };
}

/** What an action changes besides the status, given the record it applies to. */
export type DeviceChangeRequest =
  | {
      action: typeof DeviceAction.rotateKey;
      key: Pick<DeviceRegistration, 'alg' | 'jwk'>;
      keyOwner?: string;
    }
  | { action: typeof DeviceAction.attach; attachment: DeviceAttachmentRequest }
  | { action: typeof DeviceAction.suspend | typeof DeviceAction.revoke; from?: string }
  | { action: typeof DeviceAction.reactivate };

/**
 * One owner's change to a registered device, by the transition table; times
 * come from the transaction. A suspension or revocation may be dated back
 * (a device found lost is revoked from when it went missing) but never
 * before the last change of status, nor into the future.
 */
export function decideChange(
  deviceId: string,
  existing: DeviceRecord | undefined,
  request: DeviceChangeRequest,
  invoker: Invoker,
  stamp: Stamp,
): DeviceRecord {
  const record =
    existing ?? refuse(LedgerErrorCode.notFound, `device ${deviceId} is not registered`);
  mustOwn(invoker, record.ownerMspId, deviceId);
  const status = deviceStatusAfter(record.status, request.action);
  if (status === undefined) {
    refuse(LedgerErrorCode.invalidState, `a ${record.status} device cannot ${request.action}`);
  }
  const change = { action: request.action, at: stamp.at, txId: stamp.txId, by: invoker.party };
  const next: DeviceRecord = { ...record, status, history: [...record.history, change] };
  switch (request.action) {
    case DeviceAction.rotateKey: {
      const kid = jwkThumbprint(request.key.jwk);
      if (request.keyOwner !== undefined) {
        refuse(
          LedgerErrorCode.alreadyExists,
          `key ${kid} is already registered to ${request.keyOwner}`,
        );
      }
      const keys = record.keys.map((k) =>
        k.validUntil === undefined ? { ...k, validUntil: stamp.at } : k,
      );
      return { ...next, keys: [...keys, { kid, ...request.key, validFrom: stamp.at }] };
    }
    case DeviceAction.attach: {
      const { from } = request.attachment;
      const last = record.attachments[record.attachments.length - 1];
      if (from > stamp.at) bad('from must not be in the future');
      if (last !== undefined && from <= last.from)
        bad(`from must be after the last attachment's start ${last.from}`);
      const closed = record.attachments.map((a) =>
        a.until === undefined || a.until > from ? { ...a, until: from } : a,
      );
      return { ...next, attachments: [...closed, { ...request.attachment }] };
    }
    case DeviceAction.suspend:
    case DeviceAction.revoke: {
      const from = request.from ?? stamp.at;
      const lastStatus = record.statuses[record.statuses.length - 1];
      if (from > stamp.at) bad('from must not be in the future');
      if (lastStatus !== undefined && from < lastStatus.from) {
        bad(`from must not be before the last change of status (${lastStatus.from})`);
      }
      return { ...next, statuses: [...record.statuses, { status, from }] };
    }
    case DeviceAction.reactivate:
      return { ...next, statuses: [...record.statuses, { status, from: stamp.at }] };
  }
}
