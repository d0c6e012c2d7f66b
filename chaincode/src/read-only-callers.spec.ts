import { Context } from 'fabric-contract-api';
import {
  LedgerErrorCode,
  LedgerRole,
  REGULATOR_MSP_ID,
  ROLE_ATTRIBUTE,
  ledgerErrorMessage,
} from '../../libs/contracts/src/ledger';
import { contracts } from './index';
import { LedgerContract, writeTransactions } from './ledger-contract';
import { FakeCaller, FakeLedger } from './testing/fake-context';

// Every transaction of every contract this chaincode serves, as the peer
// invokes them: fabric-contract-api runs beforeTransaction, then the function.
const served = contracts.map((Type) => new Type() as LedgerContract);

const INSPECTOR: FakeCaller = {
  commonName: 'Inspector@regulator.pujiang.test',
  attributes: { [ROLE_ATTRIBUTE]: LedgerRole.regulator },
};

function call(mspId: string, caller: FakeCaller, contract: LedgerContract, transaction: string) {
  const ctx: Context = new FakeLedger().context(mspId, undefined, caller, {
    transaction: `${contract.getName()}:${transaction}`,
  });
  return contract.beforeTransaction(ctx);
}

const writes = served.flatMap((contract) =>
  writeTransactions(contract).map((transaction) => ({ contract, transaction })),
);
const queries = served.flatMap((contract) =>
  (
    (Reflect as unknown as { getMetadata(k: string, t: object): { name: string }[] }).getMetadata(
      'fabric:transactions',
      Object.getPrototypeOf(contract) as object,
    ) ?? []
  )
    .map((t) => t.name)
    .filter((name) => !writeTransactions(contract).includes(name))
    .map((transaction) => ({ contract, transaction })),
);

describe('the regulator reads and never writes (decision 0035)', () => {
  it('finds the write transactions of every contract, so the table below cannot be empty', () => {
    const names = writes.map((w) => `${w.contract.getName()}.${w.transaction}`);
    expect(served.map((c) => c.getName()).sort()).toEqual(
      ['Claims', 'Devices', 'Ebl', 'TraceAccess', 'TraceAnchor', 'Vessels', 'Voyages'].sort(),
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'TraceAnchor.anchorBatch',
        'TraceAccess.grant',
        'Ebl.issue',
        'Ebl.act',
        'Claims.createPolicy',
        'Claims.act',
        'Devices.register',
        'Vessels.register',
        'Voyages.recordVoyageEvent',
      ]),
    );
    for (const contract of served) {
      expect(writeTransactions(contract).length).toBeGreaterThan(0);
    }
  });

  describe.each(writes.map((w) => [`${w.contract.getName()}.${w.transaction}`, w] as const))(
    '%s',
    (name, { contract, transaction }) => {
      it('is refused to the regulator organisation’s inspector, naming the write and the regulator', async () => {
        await expect(call(REGULATOR_MSP_ID, INSPECTOR, contract, transaction)).rejects.toThrow(
          ledgerErrorMessage(
            LedgerErrorCode.forbidden,
            `${name} writes to the ledger, and the regulator (${REGULATOR_MSP_ID}, role regulator) reads only`,
          ),
        );
      });

      it('is refused to any identity of the regulator organisation, role or not', async () => {
        await expect(
          call(
            REGULATOR_MSP_ID,
            { commonName: 'User1@regulator.pujiang.test' },
            contract,
            transaction,
          ),
        ).rejects.toThrow(`${name} writes to the ledger`);
      });

      it('is refused to a regulator certificate a trading organisation’s CA issued', async () => {
        await expect(
          call(
            'Org1MSP',
            { attributes: { [ROLE_ATTRIBUTE]: LedgerRole.regulator } },
            contract,
            transaction,
          ),
        ).rejects.toThrow(
          `${name} writes to the ledger, and the regulator (Org1MSP, role regulator)`,
        );
      });

      it('lets a trading organisation’s caller through to the transaction’s own rules', async () => {
        await expect(call('Org1MSP', {}, contract, transaction)).resolves.toBeUndefined();
      });
    },
  );

  it('counts a transaction no contract declares as a write', async () => {
    const [claims] = served.filter((c) => c.getName() === 'Claims');
    await expect(call(REGULATOR_MSP_ID, INSPECTOR, claims, 'notDeclared')).rejects.toThrow(
      'Claims.notDeclared writes to the ledger',
    );
  });

  it.each(queries.map((q) => [`${q.contract.getName()}.${q.transaction}`, q] as const))(
    'lets the regulator evaluate the query %s',
    async (_name, { contract, transaction }) => {
      await expect(
        call(REGULATOR_MSP_ID, INSPECTOR, contract, transaction),
      ).resolves.toBeUndefined();
    },
  );
});
