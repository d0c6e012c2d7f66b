import { EblAction } from '../../../libs/contracts/src/ledger';
import {
  CARRIER_CODE,
  CHECKSUM,
  EblWorld,
  ORG1,
  ORG2,
  PersonName,
  partyOf,
  people,
} from '../testing/ebl-world';

const BL = 'MAEU-IS-0001';
const { carrier, shipper, bank, foreignCarrier, foreignBank } = people;

describe('Ebl issue and read', () => {
  let world: EblWorld;

  beforeEach(() => {
    world = new EblWorld();
  });

  it('issues an order bill to order of the shipper, the invoker as issuer', async () => {
    const record = await world.issue(BL, { isToOrder: true, holder: shipper });

    expect(record).toEqual({
      transportDocumentReference: BL,
      platform: ORG1,
      documentChecksum: CHECKSUM,
      isToOrder: true,
      status: 'ISSUED',
      issuer: 'Org1MSP::carrier@org1.pujiang.test',
      carrierCode: CARRIER_CODE,
      holder: 'Org1MSP::shipper@org1.pujiang.test',
      possessor: 'Org1MSP::shipper@org1.pujiang.test',
      endorsee: 'Org1MSP::shipper@org1.pujiang.test',
      endorseeMayEndorse: true,
      blankEndorsed: false,
      chain: [
        {
          action: 'ISSUE',
          actor: 'Org1MSP::carrier@org1.pujiang.test',
          recipient: 'Org1MSP::shipper@org1.pujiang.test',
          txId: 'tx-1',
          at: '2026-11-23T08:00:00.000Z',
        },
      ],
      lastTxId: 'tx-1',
      updatedAt: '2026-11-23T08:00:00.000Z',
    });
  });

  it('issues a straight bill with no endorsee', async () => {
    const record = await world.issue(BL, { isToOrder: false });

    expect(record).toMatchObject({
      endorsee: null,
      endorseeMayEndorse: false,
      blankEndorsed: false,
    });
  });

  it('writes canonical JSON and emits it as the EblChanged event', async () => {
    const json = await world.contract.issue(
      world.ctx(carrier),
      BL,
      CHECKSUM,
      'true',
      partyOf(shipper),
      '',
    );

    const keys = Object.keys(JSON.parse(json) as object);
    expect(keys).toEqual([...keys].sort());
    expect(json).not.toMatch(/\s/);
    expect(world.ledger.events).toEqual([{ name: 'EblChanged', payload: json }]);
    expect([...world.ledger.state.keys()]).toEqual([
      `\u0000ebl.document\u0000${ORG1}\u0000${BL}\u0000`,
    ]);
  });

  it('refuses a replayed issue, keeping the first', async () => {
    const first = await world.issue(BL, { holder: shipper });
    const before = world.snapshot();

    await expect(world.issue(BL, { holder: bank })).rejects.toThrow(
      `ALREADY_EXISTS: ${BL} already exists on ${ORG1}`,
    );
    expect(world.snapshot()).toBe(before);
    expect(await world.read(BL)).toEqual(first);
  });

  it('keeps each platform’s documents apart, even under the same reference', async () => {
    const ours = await world.issue(BL);
    const theirs = await world.issue(BL, { by: foreignCarrier, holder: foreignBank });

    expect(theirs.platform).toBe(ORG2);
    expect(await world.read(BL, ORG1)).toEqual(ours);
    expect(await world.read(BL, ORG2)).toEqual(theirs);
  });

  it.each([
    ['a reference with a blank', 'MAEU 1', CHECKSUM, 'true', partyOf(shipper), ''],
    ['a reference over 20 characters', 'M'.repeat(21), CHECKSUM, 'true', partyOf(shipper), ''],
    ['a reference with a control character', 'MAEU\u00001', CHECKSUM, 'true', partyOf(shipper), ''],
    ['an empty reference', '', CHECKSUM, 'true', partyOf(shipper), ''],
    ['an upper-case checksum', BL, CHECKSUM.toUpperCase(), 'true', partyOf(shipper), ''],
    ['a short checksum', BL, 'abc', 'true', partyOf(shipper), ''],
    ['isToOrder other than true/false', BL, CHECKSUM, 'yes', partyOf(shipper), ''],
    ['no holder', BL, CHECKSUM, 'true', '', ''],
    ['a holder that is not a party', BL, CHECKSUM, 'true', 'shipper', ''],
    ['a holder with a blank CN', BL, CHECKSUM, 'true', `${ORG1}:: `, ''],
    ['a holder of another platform', BL, CHECKSUM, 'true', partyOf(foreignBank), ''],
    ['the issuer as holder', BL, CHECKSUM, 'true', partyOf(carrier), ''],
    ['a malformed replaced reference', BL, CHECKSUM, 'true', partyOf(shipper), 'A B'],
    ['the document replacing itself', BL, CHECKSUM, 'true', partyOf(shipper), BL],
  ])(
    'refuses %s as INVALID_ARGUMENT',
    async (_case, reference, checksum, order, holder, replaces) => {
      await expect(
        world.contract.issue(world.ctx(carrier), reference, checksum, order, holder, replaces),
      ).rejects.toThrow(/^INVALID_ARGUMENT: /);
      expect(world.ledger.state.size).toBe(0);
      expect(world.ledger.events).toHaveLength(0);
    },
  );

  it.each([
    ['a CN with a slash that forges an admin OU', { commonName: 'x/y/OU=admin' }],
    ['a CN unusable as a party', { commonName: 'a::b' }],
    ['a client id that is not X.509', { clientId: 'idemix::whoever' }],
    ['a subject with two CNs', { clientId: 'x509::/CN=a/CN=b::/CN=ca' }],
  ])('refuses an invoker with %s as FORBIDDEN', async (_case, caller) => {
    const ctx = world.ledger.context(ORG1, undefined, caller);

    await expect(
      world.contract.issue(ctx, BL, CHECKSUM, 'true', partyOf(shipper), ''),
    ).rejects.toThrow(/^FORBIDDEN: the invoking identity/);
    expect(world.ledger.state.size).toBe(0);
  });

  it.each<PersonName>(['shipper', 'bank', 'clerk', 'operator', 'insurer', 'orgAdmin'])(
    'refuses an issue by %s, who is not a carrier, as FORBIDDEN, writing nothing',
    async (name) => {
      await expect(world.issue(BL, { by: people[name], holder: bank })).rejects.toThrow(
        'FORBIDDEN: only a carrier (certificate attribute pujiang.role=carrier) may issue a document',
      );
      expect(world.ledger.state.size).toBe(0);
      expect(world.ledger.events).toHaveLength(0);
    },
  );

  it('leaves a reference another party tried to take to the carrier', async () => {
    await expect(world.issue(BL, { by: shipper, holder: bank })).rejects.toThrow(/^FORBIDDEN: /);

    await expect(world.issue(BL)).resolves.toMatchObject({
      issuer: partyOf(carrier),
      carrierCode: CARRIER_CODE,
    });
  });

  it('refuses a carrier certificate without its carrier code as FORBIDDEN', async () => {
    const ctx = world.ledger.context(ORG1, undefined, {
      commonName: carrier.commonName,
      attributes: { 'pujiang.role': 'carrier' },
    });

    await expect(
      world.contract.issue(ctx, BL, CHECKSUM, 'true', partyOf(shipper), ''),
    ).rejects.toThrow('FORBIDDEN: a carrier identity needs a carrier code');
    expect(world.ledger.state.size).toBe(0);
  });

  it('lets any channel member read a record, and answers NOT_FOUND otherwise', async () => {
    const record = await world.issue(BL);

    const read = await world.contract.read(world.ctx(foreignBank), ORG1, BL);
    expect(JSON.parse(read)).toEqual(record);
    await expect(world.contract.read(world.ctx(shipper), ORG2, BL)).rejects.toThrow(
      `NOT_FOUND: ${BL} not found on ${ORG2}`,
    );
    await expect(world.contract.read(world.ctx(shipper), 'Org 1', BL)).rejects.toThrow(
      /^INVALID_ARGUMENT: /,
    );
  });

  it('refuses act on a malformed reference before looking it up', async () => {
    await expect(world.act(shipper, '', EblAction.sign)).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });
});
