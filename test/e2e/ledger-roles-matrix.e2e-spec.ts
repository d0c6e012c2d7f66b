import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  AttachedAssetKind,
  CLAIMS_CONTRACT,
  ClaimsTransaction,
  DEVICES_CONTRACT,
  DeviceAlgorithm,
  DeviceKind,
  DeviceTransaction,
  EBL_CONTRACT,
  EblTransaction,
  LedgerErrorCode,
  TRACE_ANCHOR_CONTRACT,
  TraceAnchorTransaction,
  VESSELS_CONTRACT,
  VOYAGES_CONTRACT,
  VesselTransaction,
  VoyagesTransaction,
} from '@pujiang/contracts';
import { imoCheckDigit } from '@pujiang/standards';
import { loadConfig } from '@pujiang/config';
import { Invocation, LedgerConfig, LedgerGateway } from '@pujiang/ledger-client';
import {
  StackIdentity,
  organisationAdmin,
  partyIdentity,
  regulatorInspector,
  serviceIdentity,
} from '../support/ledger-identities';
import { containerNumber } from '../support/container-numbers';
import { regulatorLedgerEnv, serviceEnv } from '../support/stack-env';

const ref = (prefix: string) => `${prefix}${randomBytes(5).toString('hex').toUpperCase()}`;
const deviceIdOf = (key: string) => `urn:epc:id:giai:4012345.${key}`;
/** A fresh device public key, as `pujiang device keygen` would make one. */
const devicePublicKey = () => ({
  alg: DeviceAlgorithm.edDsa,
  jwk: generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }),
});

/** A ledger identity of the stack in the role matrix, on its own organisation's peer. */
type LedgerCaller =
  | 'Org1 eBL platform operator'
  | 'Org1 insurer'
  | 'Org1 anchorer'
  | 'carrier PJCL'
  | 'Org1 surveyor'
  | 'shipper'
  | 'Org1 cryptogen Admin (OU admin)'
  | 'Org2 eBL platform operator'
  | 'Org2 insurer'
  | 'flag state PA (Org1)'
  | 'Org1 ship owner'
  | 'Org1 ship manager'
  | 'Org2 class society'
  | 'Org2 ship owner'
  | 'Org2 ship manager'
  | 'Org1 vessels service'
  | 'Org2 vessels service'
  | 'regulator inspector (RegulatorMSP)';

/**
 * Below the services, the chaincode's own matrix (docs/decisions/0015): every
 * transaction guarded by a role, submitted by every kind of identity of the
 * stack, each signing with its own certificate. Only the identity whose
 * certificate carries the role gets past the check; everyone else is refused
 * FORBIDDEN and writes nothing. A device (decision 0017) is changed only by
 * its owner's platform operator: another organisation's is refused too.
 * The regulator (decision 0035), on its own peer, is refused every write.
 */
describe('authorisation matrix of the ledger roles', () => {
  const gateways = new Map<1 | 2 | 'regulator', LedgerGateway>();
  const CHECKSUM = 'ef'.repeat(32);
  const identities: Record<LedgerCaller, () => StackIdentity> = {
    'Org1 eBL platform operator': () => serviceIdentity(1, 'PLATFORM'),
    'Org1 insurer': () => serviceIdentity(1, 'INSURER'),
    'Org1 anchorer': () => serviceIdentity(1, 'ANCHORER'),
    'carrier PJCL': () => partyIdentity(1, 'EBL_PJA', 'carrier'),
    'Org1 surveyor': () => partyIdentity(1, 'CLAIMS_ORG1', 'surveyor'),
    shipper: () => partyIdentity(1, 'EBL_PJA', 'shipper'),
    'Org1 cryptogen Admin (OU admin)': () => organisationAdmin(1),
    'Org2 eBL platform operator': () => serviceIdentity(2, 'PLATFORM'),
    'Org2 insurer': () => serviceIdentity(2, 'INSURER'),
    'flag state PA (Org1)': () => partyIdentity(1, 'VESSELS_ORG1', 'registry'),
    'Org1 ship owner': () => partyIdentity(1, 'VESSELS_ORG1', 'owner'),
    'Org1 ship manager': () => partyIdentity(1, 'VESSELS_ORG1', 'manager'),
    'Org2 class society': () => partyIdentity(2, 'VESSELS_ORG2', 'class-society'),
    'Org2 ship owner': () => partyIdentity(2, 'VESSELS_ORG2', 'owner'),
    'Org2 ship manager': () => partyIdentity(2, 'VESSELS_ORG2', 'manager'),
    'Org1 vessels service': () => serviceIdentity(1, 'VESSELS'),
    'Org2 vessels service': () => serviceIdentity(2, 'VESSELS'),
    'regulator inspector (RegulatorMSP)': regulatorInspector,
  };
  /**
   * The platform services of the organisations: the eBL service and, for
   * voyage events, the vessels service, each with its own certificate
   * carrying pujiang.role=platform (docs/decisions/0033).
   */
  const PLATFORMS: readonly LedgerCaller[] = [
    'Org1 eBL platform operator',
    'Org2 eBL platform operator',
    'Org1 vessels service',
    'Org2 vessels service',
  ];
  const CALLERS = Object.keys(identities) as LedgerCaller[];

  beforeAll(async () => {
    for (const org of [1, 2] as const) {
      const gateway = new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('ledger', 0, org)));
      await gateway.onModuleInit();
      gateways.set(org, gateway);
    }
    const regulator = new LedgerGateway(loadConfig(LedgerConfig, regulatorLedgerEnv()));
    await regulator.onModuleInit();
    gateways.set('regulator', regulator);
  });

  afterAll(() => {
    for (const gateway of gateways.values()) gateway.onApplicationShutdown();
  });

  const gatewayOf = (mspId: string) =>
    gateways.get(mspId === 'Org1MSP' ? 1 : mspId === 'Org2MSP' ? 2 : 'regulator') as LedgerGateway;
  const sessionOf = (who: StackIdentity) => gatewayOf(who.mspId).actingAs(who);
  /** A party of the caller's own organisation, to receive a document. */
  const localHolder = (who: StackIdentity) =>
    who.mspId === 'Org1MSP'
      ? partyIdentity(1, 'EBL_PJA', 'bank').party
      : partyIdentity(2, 'EBL_PJB', 'bank').party;

  /** Where an eBL record under `key` on the caller's platform would be. */
  const eblRecord = (who: StackIdentity, key: string): Invocation => ({
    contract: EBL_CONTRACT,
    transaction: EblTransaction.read,
    args: [who.mspId, key],
  });

  /** A transaction guarded by a role: who holds it, and what a caller would send. */
  interface Guarded {
    rightful: readonly LedgerCaller[];
    /**
     * The record every caller acts on, made beforehand (a device of Org1's);
     * without it each caller gets a fresh key. Refused callers go first, so
     * the rightful one finds it as it was made.
     */
    prepare?: () => Promise<string>;
    /** The invocation for this caller, and how to read what it would have written. */
    invocation(who: StackIdentity, key: string): Invocation;
    written(who: StackIdentity, key: string): Invocation;
  }
  const GUARDED: Record<string, Guarded> = {
    'Ebl.issue': {
      rightful: ['carrier PJCL'],
      invocation: (who, key) => ({
        contract: EBL_CONTRACT,
        transaction: EblTransaction.issue,
        args: [key, CHECKSUM, 'true', localHolder(who), ''],
      }),
      written: eblRecord,
    },
    'Ebl.importTransfer': {
      rightful: PLATFORMS,
      invocation: (who, key) => ({
        contract: EBL_CONTRACT,
        transaction: EblTransaction.importTransfer,
        args: [
          key,
          CHECKSUM,
          'true',
          localHolder(who),
          '{"eblPlatform":"WAVE","partyName":"Ocean Carrier"}',
          `WAVE:${CHECKSUM}`,
          // WAVE is not on this channel: no sender's record to vouch for the import.
          '',
          who.mspId === 'Org1MSP' ? 'PJA' : 'PJB',
        ],
      }),
      written: eblRecord,
    },
    'Claims.createPolicy': {
      rightful: ['Org1 insurer', 'Org2 insurer'],
      // An empty policy: the rightful insurer passes the role check and is refused the body.
      invocation: () => ({
        contract: CLAIMS_CONTRACT,
        transaction: ClaimsTransaction.createPolicy,
        args: ['{}'],
      }),
      written: (_who, key) => ({
        contract: CLAIMS_CONTRACT,
        transaction: ClaimsTransaction.readPolicy,
        args: [key],
      }),
    },
    'Claims.registerClaim': {
      rightful: ['Org1 insurer', 'Org2 insurer'],
      // No such policy: the rightful insurer passes the role check and is refused NOT_FOUND.
      invocation: (_who, key) => ({
        contract: CLAIMS_CONTRACT,
        transaction: ClaimsTransaction.registerClaim,
        args: ['0b6a3c52-8f1e-4d7a-9b2c-3e4f5a6b7c8d', key, ''],
      }),
      written: (_who, key) => ({
        contract: CLAIMS_CONTRACT,
        transaction: ClaimsTransaction.readPolicy,
        args: [key],
      }),
    },
    'TraceAnchor.anchorBatch': {
      rightful: ['Org1 anchorer'],
      invocation: (_who, key) => ({
        contract: TRACE_ANCHOR_CONTRACT,
        transaction: TraceAnchorTransaction.anchorBatch,
        args: [key, CHECKSUM, '1'],
      }),
      written: (who, key) => ({
        contract: TRACE_ANCHOR_CONTRACT,
        transaction: TraceAnchorTransaction.readBatch,
        args: [who.mspId, key],
      }),
    },
  };

  const org1Platform = () => sessionOf(identities['Org1 eBL platform operator']());
  const device = (key: string): Invocation => ({
    contract: DEVICES_CONTRACT,
    transaction: DeviceTransaction.readDevice,
    args: [deviceIdOf(key)],
  });
  /**
   * A submit returns once Org1's peer committed it; Org2's may be a block behind, and the
   * next step, endorsed there too, would not find the device. Waits for Org2's peer to
   * answer `read` as Org1's does.
   */
  const seenByOrg2 = async (read: Invocation): Promise<void> => {
    const org2 = gateways.get(2) as LedgerGateway;
    const org1Answer = await (gateways.get(1) as LedgerGateway).evaluate(read);
    for (let attempt = 0; attempt < 50; attempt++) {
      const answer = await org2.evaluate(read).catch(() => undefined);
      if (answer === org1Answer) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  /** An Org1 device, registered by Org1's platform operator, then taken through `steps`. */
  const org1Device =
    (...steps: ((key: string) => Invocation)[]) =>
    async (): Promise<string> => {
      const key = ref('RM');
      await org1Platform().submit({
        contract: DEVICES_CONTRACT,
        transaction: DeviceTransaction.register,
        args: [
          JSON.stringify({
            deviceId: deviceIdOf(key),
            kind: DeviceKind.reeferController,
            model: 'ThermoGuard RC-7',
            ...devicePublicKey(),
          }),
        ],
      });
      // Each step is endorsed by Org2's peer too: it must have the device first.
      await seenByOrg2(device(key));
      for (const step of steps) {
        await org1Platform().submit(step(key));
        await seenByOrg2(device(key));
      }
      return key;
    };
  const deviceChange =
    (transaction: string, ...rest: (() => string)[]) =>
    (key: string): Invocation => ({
      contract: DEVICES_CONTRACT,
      transaction,
      args: [deviceIdOf(key), ...rest.map((arg) => arg())],
    });
  /** '' dates the change at the transaction's time. */
  const txTime = () => '';
  const ORG1_PLATFORM: readonly LedgerCaller[] = [
    'Org1 eBL platform operator',
    'Org1 vessels service',
  ];
  Object.assign(GUARDED, {
    'Devices.register': {
      // Each organisation's platform operator registers devices it then owns.
      rightful: PLATFORMS,
      invocation: (_who, key) => ({
        contract: DEVICES_CONTRACT,
        transaction: DeviceTransaction.register,
        args: [
          JSON.stringify({
            deviceId: deviceIdOf(key),
            kind: DeviceKind.dataLogger,
            model: 'ThermoGuard RC-7',
            ...devicePublicKey(),
          }),
        ],
      }),
      written: (_who, key) => device(key),
    },
    'Devices.rotateKey': {
      rightful: ORG1_PLATFORM,
      prepare: org1Device(),
      invocation: (_who, key) =>
        deviceChange(DeviceTransaction.rotateKey, () => JSON.stringify(devicePublicKey()))(key),
      written: (_who, key) => device(key),
    },
    'Devices.attach': {
      rightful: ORG1_PLATFORM,
      prepare: org1Device(),
      invocation: (_who, key) =>
        deviceChange(DeviceTransaction.attach, () =>
          JSON.stringify({
            assetKind: AttachedAssetKind.container,
            asset: containerNumber('PJCU'),
            from: new Date(Date.now() - 5_000).toISOString(),
          }),
        )(key),
      written: (_who, key) => device(key),
    },
    'Devices.suspend': {
      rightful: ORG1_PLATFORM,
      prepare: org1Device(),
      invocation: (_who, key) => deviceChange(DeviceTransaction.suspend, txTime)(key),
      written: (_who, key) => device(key),
    },
    'Devices.reactivate': {
      rightful: ORG1_PLATFORM,
      prepare: org1Device(deviceChange(DeviceTransaction.suspend, txTime)),
      invocation: (_who, key) => deviceChange(DeviceTransaction.reactivate)(key),
      written: (_who, key) => device(key),
    },
    'Devices.revoke': {
      rightful: ORG1_PLATFORM,
      prepare: org1Device(),
      invocation: (_who, key) => deviceChange(DeviceTransaction.revoke, txTime)(key),
      written: (_who, key) => device(key),
    },
  } satisfies Record<string, Guarded>);

  /** A valid IMO number for a matrix key: a fresh vessel per key. */
  const imoOf = (key: string) => {
    const stem = String(
      100_000 + (createHash('sha256').update(key).digest().readUInt32BE() % 900_000),
    );
    return `${stem}${imoCheckDigit(stem)}`;
  };
  const vessel = (key: string): Invocation => ({
    contract: VESSELS_CONTRACT,
    transaction: VesselTransaction.readVessel,
    args: [imoOf(key)],
  });
  const vesselChange =
    (transaction: string, body: object) =>
    (key: string): Invocation => ({
      contract: VESSELS_CONTRACT,
      transaction,
      args: [imoOf(key), JSON.stringify(body)],
    });
  const ORG1_OWNER = { mspId: 'Org1MSP', name: 'Huangpu Bulk Shipping Co.' };
  /** An Org1-owned vessel registered by Panama's registry, then taken through `steps` by `by`. */
  const registeredVessel =
    (...steps: [LedgerCaller, (key: string) => Invocation][]) =>
    async (): Promise<string> => {
      const key = ref('RV');
      await sessionOf(identities['flag state PA (Org1)']()).submit({
        contract: VESSELS_CONTRACT,
        transaction: VesselTransaction.register,
        args: [
          JSON.stringify({
            imoNumber: imoOf(key),
            name: 'Matrix Pioneer',
            grossTonnage: 30_000,
            portOfRegistry: 'Panama',
            owner: ORG1_OWNER,
          }),
        ],
      });
      for (const [by, step] of steps) await sessionOf(identities[by]()).submit(step(key));
      return key;
    };
  const FLAG_STATE: readonly LedgerCaller[] = ['flag state PA (Org1)'];
  const OWNER: readonly LedgerCaller[] = ['Org1 ship owner'];
  const appointManager = vesselChange(VesselTransaction.appointManager, {
    party: { mspId: 'Org1MSP', name: 'Huangpu Ship Management Ltd.' },
  });
  Object.assign(GUARDED, {
    'Vessels.register': {
      rightful: FLAG_STATE,
      invocation: (_who, key) => ({
        contract: VESSELS_CONTRACT,
        transaction: VesselTransaction.register,
        args: [
          JSON.stringify({
            imoNumber: imoOf(key),
            name: 'Matrix Pioneer',
            grossTonnage: 30_000,
            portOfRegistry: 'Panama',
            owner: ORG1_OWNER,
          }),
        ],
      }),
      written: (_who, key) => vessel(key),
    },
    'Vessels.amendRegistration': {
      rightful: FLAG_STATE,
      prepare: registeredVessel(),
      invocation: (_who, key) =>
        vesselChange(VesselTransaction.amendRegistration, { name: 'Matrix Renamed' })(key),
      written: (_who, key) => vessel(key),
    },
    'Vessels.transferOwnership': {
      rightful: OWNER,
      prepare: registeredVessel(),
      invocation: (_who, key) =>
        vesselChange(VesselTransaction.transferOwnership, {
          party: { mspId: 'Org2MSP', name: 'Elbe Tramp Owners GmbH' },
        })(key),
      written: (_who, key) => vessel(key),
    },
    'Vessels.appointManager': {
      rightful: OWNER,
      prepare: registeredVessel(),
      invocation: (_who, key) => appointManager(key),
      written: (_who, key) => vessel(key),
    },
    'Vessels.changeClass': {
      rightful: ['Org2 class society'],
      prepare: registeredVessel(),
      invocation: (_who, key) =>
        vesselChange(VesselTransaction.changeClass, {
          action: 'ASSIGN_CLASS',
          society: 'Elbe Register of Shipping',
        })(key),
      written: (_who, key) => vessel(key),
    },
    'Vessels.recordCertificate': {
      rightful: FLAG_STATE,
      prepare: registeredVessel(),
      invocation: (_who, key) =>
        vesselChange(VesselTransaction.recordCertificate, {
          kind: 'ISM',
          certificateNumber: `SMC-${key}`,
          documentSha256: CHECKSUM,
          validFrom: new Date(Date.now() - 86_400_000).toISOString(),
          validUntil: new Date(Date.now() + 365 * 86_400_000).toISOString(),
        })(key),
      written: (_who, key) => vessel(key),
    },
    'Vessels.recordCrewList': {
      rightful: ['Org1 ship manager'],
      prepare: registeredVessel(['Org1 ship owner', appointManager]),
      invocation: (_who, key) =>
        vesselChange(VesselTransaction.recordCrewList, {
          voyageId: `V-${key}`,
          from: new Date(Date.now() - 3_600_000).toISOString(),
          crew: [{ seafarerId: CHECKSUM, rank: 'MASTER' }],
        })(key),
      written: (_who, key) => ({
        contract: VESSELS_CONTRACT,
        transaction: VesselTransaction.readCrewList,
        args: [imoOf(key), `V-${key}`],
      }),
    },
    'Vessels.recordSeafarerCertificate': {
      // No details were stored: a ship manager passes the role check and is refused NOT_FOUND.
      rightful: ['Org1 ship manager', 'Org2 ship manager'],
      invocation: (_who, key) => ({
        contract: VESSELS_CONTRACT,
        transaction: VesselTransaction.recordSeafarerCertificate,
        args: [
          JSON.stringify({
            seafarerId: CHECKSUM,
            certificateRef: key,
            kind: 'MEDICAL_FITNESS',
            validFrom: '2026-01-01T00:00:00.000Z',
            validUntil: '2027-01-01T00:00:00.000Z',
            commitment: CHECKSUM,
          }),
        ],
      }),
      written: (_who, key) => ({
        contract: VESSELS_CONTRACT,
        transaction: VesselTransaction.readSeafarerCertificateDetails,
        args: [CHECKSUM, key],
      }),
    },
  } satisfies Record<string, Guarded>);

  /** The vessel's voyage events, where one recorded under `key` would be. */
  const voyageEvents = (key: string): Invocation => ({
    contract: VOYAGES_CONTRACT,
    transaction: VoyagesTransaction.readVoyageEvents,
    args: [imoOf(key)],
  });
  Object.assign(GUARDED, {
    'Voyages.recordVoyageEvent': {
      // A platform service of any organisation: the vessels service records them from AIS.
      rightful: PLATFORMS,
      invocation: (_who, key) => ({
        contract: VOYAGES_CONTRACT,
        transaction: VoyagesTransaction.recordVoyageEvent,
        args: [
          JSON.stringify({
            imoNumber: imoOf(key),
            mmsi: '477000001',
            kind: 'ENTERED_WAR_RISK_AREA',
            area: { areaId: 'JWC-GULF-OF-ADEN', geometrySha256: CHECKSUM },
            at: new Date(Date.now() - 60_000).toISOString(),
            position: { latitude: '12.5', longitude: '45.25' },
            evidenceSha256: CHECKSUM,
          }),
        ],
      }),
      written: (_who, key) => voyageEvents(key),
    },
  } satisfies Record<string, Guarded>);

  it('gives each service of an organisation a certificate of its own', () => {
    const pems = (['PLATFORM', 'INSURER', 'ANCHORER', 'VESSELS'] as const).map(
      (key) => serviceIdentity(1, key).certificatePem,
    );
    expect(new Set(pems).size).toBe(4);
  });

  it.each(Object.keys(GUARDED))(
    '%s: only its role gets past the chaincode; everyone else is FORBIDDEN and writes nothing',
    async (name) => {
      const guarded = GUARDED[name];
      const unexpected: string[] = [];
      const shared = guarded.prepare === undefined ? undefined : await guarded.prepare();
      const refusedFirst = [
        ...CALLERS.filter((caller) => !guarded.rightful.includes(caller)),
        ...guarded.rightful,
      ];
      for (const caller of refusedFirst) {
        const who = identities[caller]();
        const key = shared ?? ref('RM');
        const session = sessionOf(who);
        const stateOf = () =>
          session.evaluate(guarded.written(who, key)).then(
            (record) => record,
            () => 'nothing',
          );
        const before = await stateOf();
        const outcome = await session.submit(guarded.invocation(who, key)).then(
          () => 'written',
          (error: { code?: string }) => error.code ?? 'unknown',
        );
        const after = await stateOf();
        const left = after === before ? 'it as it was' : 'a change';
        const rightful = guarded.rightful.includes(caller);
        // On a shared record only the first rightful caller finds it as it was made: after
        // a one-way step (suspend, revoke) the next one passes the role check and meets the state.
        const firstOnShared = caller === guarded.rightful[0];
        const fine = rightful
          ? outcome === 'written' ||
            ((shared === undefined || !firstOnShared) && outcome !== LedgerErrorCode.forbidden)
          : outcome === LedgerErrorCode.forbidden && after === before;
        if (!fine) unexpected.push(`${name} by ${caller}: ${outcome}, left ${left}`);
      }
      expect(unexpected).toEqual([]);
    },
    120_000,
  );

  /** The contracts and transactions the running chaincode declares (fabric-contract-api's metadata). */
  interface ChaincodeMetadata {
    contracts: Record<
      string,
      { transactions: { name: string; tag?: string[]; parameters?: unknown[] }[] }
    >;
  }

  it('refuses the regulator every write transaction of every contract on the running chaincode, FORBIDDEN by the chaincode', async () => {
    const inspector = sessionOf(regulatorInspector());
    const metadata = JSON.parse(
      await inspector.evaluate({
        contract: 'org.hyperledger.fabric',
        transaction: 'GetMetadata',
        args: [],
      }),
    ) as ChaincodeMetadata;
    const writes = Object.entries(metadata.contracts)
      .filter(([name]) => name !== 'org.hyperledger.fabric')
      .flatMap(([contract, { transactions }]) =>
        transactions
          .filter((t) => (t.tag ?? []).includes('SUBMIT'))
          .map((t) => ({ contract, transaction: t.name, arity: (t.parameters ?? []).length })),
      );
    expect(writes.map((w) => `${w.contract}.${w.transaction}`)).toEqual(
      expect.arrayContaining([
        'TraceAnchor.anchorBatch',
        'TraceAccess.grant',
        'Ebl.issue',
        'Ebl.act',
        'Claims.createPolicy',
        'Claims.act',
        'Vessels.register',
      ]),
    );
    const answers: string[] = [];
    for (const { contract, transaction, arity } of writes) {
      const outcome = await inspector
        .submit({ contract, transaction, args: Array.from({ length: arity }, () => '') })
        .then(
          () => 'written',
          (error: { code?: string; message?: string }) =>
            `${error.code ?? 'unknown'}${(error.message ?? '').includes('reads only') ? '' : ` (${error.message ?? ''})`}`,
        );
      answers.push(`${contract}.${transaction}: ${outcome}`);
    }
    expect(answers).toEqual(
      writes.map((w) => `${w.contract}.${w.transaction}: ${LedgerErrorCode.forbidden}`),
    );
  }, 180_000);
});
