import { Context } from 'fabric-contract-api';
import {
  ClassStatus,
  LedgerRole,
  SEAFARER_DETAILS_TRANSIENT_KEY,
  VesselAction,
  VesselStatus,
  type CrewListRecord,
  type MasterCertificateVerdict,
  type SeafarerCertificateRecord,
  type VesselRecord,
} from '../../../libs/contracts/src/ledger';
import { VesselsContract } from '../vessels/vessels.contract';
import { COLLECTIONS_CONFIG } from './claims-world';
import { FakeLedger, collectionsFromConfig } from './fake-context';
import { Person, callerOf, orgAdmin, person } from './people';

export const ORG1 = 'Org1MSP';
export const ORG2 = 'Org2MSP';
/** Ever Given's IMO number: real, so its check digit is right. */
export const IMO = '9811000';
export const FLAG = 'PA';
/** The fake ledger's default transaction time, and instants around it. */
export const T0 = '2026-11-23T08:00:00.000Z';
export const hoursAfter = (hours: number): string =>
  new Date(Date.parse(T0) + hours * 3600_000).toISOString();
export const daysAfter = (days: number): string => hoursAfter(days * 24);

/**
 * The vessel's parties (Panama's registry on Org1, a class society on Org2,
 * owner and manager on Org1) and everyone who must be refused what is theirs.
 */
export const people = {
  flagState: person('Registry', ORG1, LedgerRole.flagState, FLAG),
  otherFlagSameOrg: person('LiberiaRegistry', ORG1, LedgerRole.flagState, 'LR'),
  otherFlag: person('Registry', ORG2, LedgerRole.flagState, 'LR'),
  classSociety: person('ClassSociety', ORG2, LedgerRole.classSociety),
  otherClassSociety: person('ClassSociety', ORG1, LedgerRole.classSociety),
  owner: person('Shipowner', ORG1, LedgerRole.shipOwner),
  otherOwner: person('Shipowner', ORG2, LedgerRole.shipOwner),
  manager: person('ShipManager', ORG1, LedgerRole.shipManager),
  otherManager: person('ShipManager', ORG2, LedgerRole.shipManager),
  insurer: person('Insurer', ORG1, LedgerRole.insurer),
  otherInsurer: person('Insurer', ORG2, LedgerRole.insurer),
  platform: person('Platform', ORG1, LedgerRole.platformOperator),
  carrier: person('PJCL', ORG1, LedgerRole.carrier, 'PJCL'),
  surveyor: person('Surveyor', ORG2, LedgerRole.surveyor),
  admin: orgAdmin(ORG1),
  user: person('clerk', ORG1),
} as const;
export type PersonName = keyof typeof people;

export const OWNER = {
  mspId: ORG1,
  name: 'Huangpu Bulk Shipping Co.',
  imoCompanyNumber: '5912345',
};
export const MANAGER = { mspId: ORG1, name: 'Huangpu Ship Management Ltd.' };
export const BUYER = { mspId: ORG2, name: 'Elbe Tramp Owners GmbH' };

export function registration(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    imoNumber: IMO,
    name: 'Pujiang Pioneer',
    grossTonnage: 41_230,
    portOfRegistry: 'Panama',
    owner: OWNER,
    ...overrides,
  });
}

export function certificate(kind: string, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    kind,
    certificateNumber: `${kind}-2026-001`,
    documentSha256: 'ab'.repeat(32),
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2031-01-01T00:00:00.000Z',
    ...overrides,
  });
}

/** A seafarer's identity as its employer keeps it (the salts included). */
export const MASTER_IDENTITY = {
  identitySalt: '11'.repeat(32),
  identityDocument: 'P7654321',
  familyName: 'Santos',
  givenNames: 'Maria Clara',
  dateOfBirth: '1979-04-12',
  nationality: 'PH',
};

export function seafarerCertificate(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    ...MASTER_IDENTITY,
    salt: '22'.repeat(32),
    certificateRef: 'COC-1',
    kind: 'STCW_COC',
    capacity: 'MASTER',
    validFrom: '2025-01-01T00:00:00.000Z',
    validUntil: '2030-01-01T00:00:00.000Z',
    certificateNumber: 'PH-COC-0099887',
    issuingAuthority: 'MARINA, Republic of the Philippines',
    ...overrides,
  });
}

/** One ledger (with the stack's collections) and the Vessels contract. */
export class VesselsWorld {
  readonly ledger = new FakeLedger(collectionsFromConfig(COLLECTIONS_CONFIG));
  readonly contract = new VesselsContract();

  ctx(who: Person, at = T0, transient?: Record<string, string>): Context {
    return this.ledger.context(
      who.mspId,
      new Date(at),
      callerOf(who),
      transient === undefined ? {} : { transient },
    );
  }

  async register(
    json = registration(),
    by: Person = people.flagState,
    at = T0,
  ): Promise<VesselRecord> {
    return JSON.parse(await this.contract.register(this.ctx(by, at), json)) as VesselRecord;
  }

  /** One action with arguments the rules accept whenever the tables allow it. */
  async act(action: VesselAction, by: Person, at = hoursAfter(1)): Promise<VesselRecord> {
    const ctx = this.ctx(by, at);
    const c = this.contract;
    const json = await (() => {
      switch (action) {
        case VesselAction.register:
          return c.register(ctx, registration({ portOfRegistry: 'Monrovia' }));
        case VesselAction.amendRegistration:
          return c.amendRegistration(ctx, IMO, JSON.stringify({ name: 'Elbe Pioneer' }));
        case VesselAction.deregister:
          return c.deregister(ctx, IMO, '');
        case VesselAction.transferOwnership:
          return c.transferOwnership(ctx, IMO, JSON.stringify({ party: BUYER }));
        case VesselAction.appointManager:
          return c.appointManager(ctx, IMO, JSON.stringify({ party: MANAGER }));
        case VesselAction.recordCertificate:
          return c.recordCertificate(
            ctx,
            IMO,
            certificate('CLASS', { certificateNumber: `C-${at}` }),
          );
        case VesselAction.withdrawCertificate:
          return c.withdrawCertificate(ctx, IMO, 'CLASS', 'CLASS-2026-001', '');
        case VesselAction.assignClass:
        case VesselAction.confirmClass:
        case VesselAction.suspendClass:
        case VesselAction.reinstateClass:
        case VesselAction.withdrawClass: {
          const society =
            action === VesselAction.assignClass ? { society: 'Yangtze Register' } : {};
          return c.changeClass(ctx, IMO, JSON.stringify({ action, ...society }));
        }
      }
    })();
    return JSON.parse(json) as VesselRecord;
  }

  /**
   * A vessel registered at T0, its manager appointed, taken into class and
   * given a class certificate by its society, then brought to the statuses
   * asked for by their own parties, 10 to 30 minutes after.
   */
  async reach(
    status: VesselStatus = VesselStatus.registered,
    classStatus: ClassStatus = ClassStatus.inClass,
  ): Promise<VesselRecord> {
    let record = await this.register();
    await this.act(VesselAction.appointManager, people.owner, hoursAfter(0.1));
    if (classStatus !== ClassStatus.notClassed) {
      await this.act(VesselAction.assignClass, people.classSociety, hoursAfter(0.15));
      record = await this.contract
        .recordCertificate(
          this.ctx(people.classSociety, hoursAfter(0.15)),
          IMO,
          certificate('CLASS'),
        )
        .then((json) => JSON.parse(json) as VesselRecord);
    }
    if (classStatus === ClassStatus.suspended || classStatus === ClassStatus.withdrawn) {
      record = await this.act(VesselAction.suspendClass, people.classSociety, hoursAfter(0.2));
    }
    if (classStatus === ClassStatus.withdrawn) {
      record = await this.act(VesselAction.withdrawClass, people.classSociety, hoursAfter(0.25));
    }
    if (status === VesselStatus.deregistered) {
      record = await this.act(VesselAction.deregister, people.flagState, hoursAfter(0.3));
    }
    return record;
  }

  async read(): Promise<VesselRecord> {
    return JSON.parse(await this.contract.readVessel(this.ctx(people.user), IMO)) as VesselRecord;
  }

  /** Both steps: the details on the employer's peers, then the public record. */
  async recordSeafarerCertificate(
    details = seafarerCertificate(),
    by: Person = people.manager,
  ): Promise<SeafarerCertificateRecord> {
    const publication = await this.recordDetails(details, by);
    const json = await this.contract.recordSeafarerCertificate(this.ctx(by), publication);
    return JSON.parse(json) as SeafarerCertificateRecord;
  }

  /** The first step alone; returns the publication (JSON) it answers. */
  recordDetails(details = seafarerCertificate(), by: Person = people.manager): Promise<string> {
    const ctx = this.ctx(by, T0, { [SEAFARER_DETAILS_TRANSIENT_KEY]: details });
    return this.contract.recordSeafarerCertificateDetails(ctx);
  }

  async recordCrewList(
    json: string,
    by: Person = people.manager,
    at = hoursAfter(1),
  ): Promise<CrewListRecord> {
    return JSON.parse(
      await this.contract.recordCrewList(this.ctx(by, at), IMO, json),
    ) as CrewListRecord;
  }

  async verifyMaster(
    at: string,
    by: Person = people.otherInsurer,
  ): Promise<MasterCertificateVerdict> {
    const json = await this.contract.verifyMasterCertificate(this.ctx(by), IMO, at);
    return JSON.parse(json) as MasterCertificateVerdict;
  }

  snapshot(): string {
    const state = [...this.ledger.state].map(([k, v]) => [k, Buffer.from(v).toString('utf8')]);
    const privateState = [...this.ledger.privateState].map(([c, values]) => [
      c,
      [...values.keys()],
    ]);
    return JSON.stringify({ state, privateState, events: this.ledger.events });
  }
}
