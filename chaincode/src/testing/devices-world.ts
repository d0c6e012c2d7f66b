import { JsonWebKey, generateKeyPairSync } from 'node:crypto';
import { Context } from 'fabric-contract-api';
import {
  DeviceAction,
  DeviceRecord,
  DeviceStatus,
  LedgerRole,
} from '../../../libs/contracts/src/ledger';
import { DevicesContract } from '../devices/devices.contract';
import { FakeLedger } from './fake-context';
import { Person, callerOf, orgAdmin, person } from './people';

export const ORG1 = 'Org1MSP';
export const ORG2 = 'Org2MSP';
export const DEVICE = 'urn:epc:id:giai:4012345.RC-0001';
export const CONTAINER = 'CSQU3054383';
export const OTHER_CONTAINER = 'MSKU0000006';
/** The fake ledger's default transaction time, and instants around it. */
export const T0 = '2026-11-23T08:00:00.000Z';
export const hoursAfter = (hours: number): string =>
  new Date(Date.parse(T0) + hours * 3600_000).toISOString();

/** Org1's platform operator owns the device; everyone else is someone who must be refused. */
export const people = {
  owner: person('Platform', ORG1, LedgerRole.platformOperator),
  ownInsurer: person('Insurer', ORG1, LedgerRole.insurer),
  ownAnchorer: person('Anchorer', ORG1, LedgerRole.anchorer),
  ownCarrier: person('PJCL', ORG1, LedgerRole.carrier, 'PJCL'),
  ownSurveyor: person('Surveyor', ORG1, LedgerRole.surveyor),
  ownAdmin: orgAdmin(ORG1),
  ownUser: person('clerk', ORG1),
  otherPlatform: person('Platform', ORG2, LedgerRole.platformOperator),
  otherInsurer: person('Insurer', ORG2, LedgerRole.insurer),
  otherUser: person('clerk', ORG2),
} as const;
export type PersonName = keyof typeof people;

/** A fresh device key pair's public half as registered: P-256 for ES256, Ed25519 for EdDSA. */
export function publicKey(alg: 'ES256' | 'EdDSA' = 'ES256'): { alg: string; jwk: JsonWebKey } {
  const pair =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('ed25519');
  return { alg, jwk: pair.publicKey.export({ format: 'jwk' }) };
}

export function registration(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    deviceId: DEVICE,
    kind: 'REEFER_CONTROLLER',
    model: 'ThermoGuard RC-7',
    ...publicKey(),
    ...overrides,
  });
}

/** One ledger and the Devices contract; every call says who signs and when. */
export class DevicesWorld {
  readonly ledger = new FakeLedger();
  readonly contract = new DevicesContract();

  ctx(who: Person, at = T0): Context {
    return this.ledger.context(who.mspId, new Date(at), callerOf(who));
  }

  async register(json = registration(), by: Person = people.owner, at = T0): Promise<DeviceRecord> {
    return JSON.parse(await this.contract.register(this.ctx(by, at), json)) as DeviceRecord;
  }

  /** One action with arguments that the rules accept in any status that allows it. */
  async act(
    action: DeviceAction,
    by: Person = people.owner,
    at = hoursAfter(1),
    deviceId = DEVICE,
  ): Promise<DeviceRecord> {
    const ctx = this.ctx(by, at);
    const json = await (() => {
      switch (action) {
        case DeviceAction.rotateKey:
          return this.contract.rotateKey(ctx, deviceId, JSON.stringify(publicKey('EdDSA')));
        case DeviceAction.attach:
          return this.contract.attach(
            ctx,
            deviceId,
            JSON.stringify({ assetKind: 'CONTAINER', asset: CONTAINER, from: at }),
          );
        case DeviceAction.suspend:
          return this.contract.suspend(ctx, deviceId, '');
        case DeviceAction.reactivate:
          return this.contract.reactivate(ctx, deviceId);
        case DeviceAction.revoke:
          return this.contract.revoke(ctx, deviceId, '');
      }
    })();
    return JSON.parse(json) as DeviceRecord;
  }

  async read(deviceId = DEVICE): Promise<DeviceRecord> {
    const json = await this.contract.readDevice(this.ctx(people.otherUser), deviceId);
    return JSON.parse(json) as DeviceRecord;
  }

  /** A registered device brought to `status` by its owner at T0 + 30 min. */
  async reach(status: DeviceStatus): Promise<DeviceRecord> {
    const record = await this.register();
    if (status === DeviceStatus.active) return record;
    const action = status === DeviceStatus.suspended ? DeviceAction.suspend : DeviceAction.revoke;
    return this.act(action, people.owner, hoursAfter(0.5));
  }

  snapshot(): string {
    const state = [...this.ledger.state].map(([k, v]) => [k, Buffer.from(v).toString('utf8')]);
    return JSON.stringify({ state, events: this.ledger.events });
  }
}
