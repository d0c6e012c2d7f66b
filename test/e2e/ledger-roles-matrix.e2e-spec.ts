import { randomBytes } from 'node:crypto';
import {
  CLAIMS_CONTRACT,
  ClaimsTransaction,
  EBL_CONTRACT,
  EblTransaction,
  LedgerErrorCode,
  TRACE_ANCHOR_CONTRACT,
  TraceAnchorTransaction,
} from '@pujiang/contracts';
import { loadConfig } from '@pujiang/config';
import { Invocation, LedgerConfig, LedgerGateway } from '@pujiang/ledger-client';
import {
  StackIdentity,
  organisationAdmin,
  partyIdentity,
  serviceIdentity,
} from '../support/ledger-identities';
import { serviceEnv } from '../support/stack-env';

const ref = (prefix: string) => `${prefix}${randomBytes(5).toString('hex').toUpperCase()}`;

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
  | 'Org2 insurer';

/**
 * Below the services, the chaincode's own matrix (docs/decisions/0015): every
 * transaction guarded by a role, submitted by every kind of identity of the
 * stack, each signing with its own certificate. Only the identity whose
 * certificate carries the role gets past the check; everyone else is refused
 * FORBIDDEN and writes nothing.
 */
describe('authorisation matrix of the ledger roles', () => {
  const gateways = new Map<1 | 2, LedgerGateway>();
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
  };
  const CALLERS = Object.keys(identities) as LedgerCaller[];

  beforeAll(async () => {
    for (const org of [1, 2] as const) {
      const gateway = new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('ledger', 0, org)));
      await gateway.onModuleInit();
      gateways.set(org, gateway);
    }
  });

  afterAll(() => {
    for (const gateway of gateways.values()) gateway.onApplicationShutdown();
  });

  const sessionOf = (who: StackIdentity) =>
    (gateways.get(who.mspId === 'Org1MSP' ? 1 : 2) as LedgerGateway).actingAs(who);
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
      rightful: ['Org1 eBL platform operator', 'Org2 eBL platform operator'],
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

  it('gives each service of an organisation a certificate of its own', () => {
    const pems = (['PLATFORM', 'INSURER', 'ANCHORER'] as const).map(
      (key) => serviceIdentity(1, key).certificatePem,
    );
    expect(new Set(pems).size).toBe(3);
  });

  it.each(Object.keys(GUARDED))(
    '%s: only its role gets past the chaincode; everyone else is FORBIDDEN and writes nothing',
    async (name) => {
      const guarded = GUARDED[name];
      const unexpected: string[] = [];
      for (const caller of CALLERS) {
        const who = identities[caller]();
        const key = ref('RM');
        const session = sessionOf(who);
        const outcome = await session.submit(guarded.invocation(who, key)).then(
          () => 'written',
          (error: { code?: string }) => error.code ?? 'unknown',
        );
        const left = await session.evaluate(guarded.written(who, key)).then(
          () => 'a record',
          () => 'nothing',
        );
        const rightful = guarded.rightful.includes(caller);
        const fine = rightful
          ? outcome !== LedgerErrorCode.forbidden
          : outcome === LedgerErrorCode.forbidden && left === 'nothing';
        if (!fine) unexpected.push(`${name} by ${caller}: ${outcome}, left ${left}`);
      }
      expect(unexpected).toEqual([]);
    },
    120_000,
  );
});
