import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { LedgerContract } from '../ledger-contract';
import {
  DEVICES_CONTRACT,
  DeviceAction,
  DeviceEvent,
  LedgerErrorCode,
  type DeviceRecord,
} from '../../../libs/contracts/src/ledger';
import { canonicalJson } from '../../../libs/standards/src';
import { jwkThumbprint } from '../../../libs/device-attestation/src/registry';
import { refuse } from '../domain/refusal';
import { invokerOf, stampOf } from '../proposal';
import {
  DeviceChangeRequest,
  decideChange,
  decideRegister,
  parseAttachment,
  parseDeviceId,
  parseInstant,
  parseKey,
  parseRegistration,
} from './domain/device-rules';

const DEVICE_KEY_TYPE = 'device';
/** kid → deviceId: a key belongs to one device for ever, so a signature names one device. */
const KID_KEY_TYPE = 'device.kid';

/**
 * The registry of devices whose signed readings can move money (issue 17).
 * The rules are in `domain/` and libs/contracts (devices); this class only
 * reads, writes and emits, after every check, so a refusal writes nothing.
 * Each change emits DeviceChanged with the whole record, which capture's read
 * model follows.
 */
@Info({ title: DEVICES_CONTRACT, description: 'Registry of devices that sign sensor readings' })
export class DevicesContract extends LedgerContract {
  constructor() {
    super(DEVICES_CONTRACT);
  }

  /** `registrationJson`: `{ deviceId, kind, model, alg, jwk }`; the owner is the signer's MSP. */
  @Transaction()
  @Returns('string')
  async register(ctx: Context, registrationJson: string): Promise<string> {
    const request = parseRegistration(registrationJson);
    const invoker = invokerOf(ctx);
    const existing = await load(ctx, request.deviceId);
    const keyOwner = await deviceOfKey(ctx, jwkThumbprint(request.jwk));
    return publish(ctx, decideRegister(request, invoker, stampOf(ctx), existing, keyOwner));
  }

  /** `keyJson`: `{ alg, jwk }`; the old key stays valid for readings signed before now. */
  @Transaction()
  @Returns('string')
  async rotateKey(ctx: Context, deviceId: string, keyJson: string): Promise<string> {
    const key = parseKey(keyJson);
    const keyOwner = await deviceOfKey(ctx, jwkThumbprint(key.jwk));
    return this.change(ctx, deviceId, {
      action: DeviceAction.rotateKey,
      key,
      ...(keyOwner === undefined ? {} : { keyOwner }),
    });
  }

  /** `attachmentJson`: `{ assetKind, asset, from }`; ends the previous attachment at `from`. */
  @Transaction()
  @Returns('string')
  async attach(ctx: Context, deviceId: string, attachmentJson: string): Promise<string> {
    return this.change(ctx, deviceId, {
      action: DeviceAction.attach,
      attachment: parseAttachment(attachmentJson),
    });
  }

  /** `from`: when it took effect (ISO instant), or '' for the transaction's time. */
  @Transaction()
  @Returns('string')
  async suspend(ctx: Context, deviceId: string, from: string): Promise<string> {
    return this.change(ctx, deviceId, { action: DeviceAction.suspend, ...since(from) });
  }

  @Transaction()
  @Returns('string')
  async reactivate(ctx: Context, deviceId: string): Promise<string> {
    return this.change(ctx, deviceId, { action: DeviceAction.reactivate });
  }

  /** Final. `from`: when the device stopped being trustworthy, or '' for now. */
  @Transaction()
  @Returns('string')
  async revoke(ctx: Context, deviceId: string, from: string): Promise<string> {
    return this.change(ctx, deviceId, { action: DeviceAction.revoke, ...since(from) });
  }

  /** Any channel member may read: its peers hold the same state anyway. */
  @Transaction(false)
  @Returns('string')
  async readDevice(ctx: Context, deviceId: string): Promise<string> {
    const stored = await ctx.stub.getState(keyOf(ctx, parseDeviceId(deviceId)));
    if (stored.length === 0)
      refuse(LedgerErrorCode.notFound, `device ${deviceId} is not registered`);
    return Buffer.from(stored).toString('utf8');
  }

  private async change(ctx: Context, rawId: string, request: DeviceChangeRequest): Promise<string> {
    const deviceId = parseDeviceId(rawId);
    const invoker = invokerOf(ctx);
    const existing = await load(ctx, deviceId);
    return publish(ctx, decideChange(deviceId, existing, request, invoker, stampOf(ctx)));
  }
}

function since(from: string): { from?: string } {
  return from === '' ? {} : { from: parseInstant(from, 'from') };
}

function keyOf(ctx: Context, deviceId: string): string {
  return ctx.stub.createCompositeKey(DEVICE_KEY_TYPE, [deviceId]);
}

async function load(ctx: Context, deviceId: string): Promise<DeviceRecord | undefined> {
  const stored = await ctx.stub.getState(keyOf(ctx, deviceId));
  return stored.length === 0
    ? undefined
    : (JSON.parse(Buffer.from(stored).toString('utf8')) as DeviceRecord);
}

async function deviceOfKey(ctx: Context, kid: string): Promise<string | undefined> {
  const stored = await ctx.stub.getState(ctx.stub.createCompositeKey(KID_KEY_TYPE, [kid]));
  return stored.length === 0 ? undefined : Buffer.from(stored).toString('utf8');
}

/** Writes the record and its keys' index, and tells listeners with the same canonical bytes. */
async function publish(ctx: Context, record: DeviceRecord): Promise<string> {
  const json = canonicalJson(record);
  await ctx.stub.putState(keyOf(ctx, record.deviceId), Buffer.from(json));
  for (const key of record.keys) {
    const index = ctx.stub.createCompositeKey(KID_KEY_TYPE, [key.kid]);
    await ctx.stub.putState(index, Buffer.from(record.deviceId));
  }
  ctx.stub.setEvent(DeviceEvent.changed, Buffer.from(json));
  return json;
}
