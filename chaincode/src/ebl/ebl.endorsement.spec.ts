import { EblAction, EblRecord } from '../../../libs/contracts/src/ledger';
import { EblWorld, ORG2, RECEIVER, partyOf, people } from '../testing/ebl-world';

const A = EblAction;
const BL = 'MAEU-EN-0001';
const { shipper, bank, consignee, clerk } = people;

/** The record without what every transaction changes: chain, last tx id and time. */
function terms(record: EblRecord): EblRecord {
  return { ...record, chain: [], lastTxId: '', updatedAt: '' };
}

describe('Ebl endorsement and transfer', () => {
  let world: EblWorld;

  beforeEach(() => {
    world = new EblWorld();
  });

  it.each([A.endorse, A.endorseToOrder, A.blankEndorse])(
    'refuses %s on a straight bill, which passes by transfer only',
    async (action) => {
      await world.issue(BL, { isToOrder: false });
      const before = world.snapshot();
      const recipient = action === A.blankEndorse ? '' : partyOf(bank);

      await expect(world.act(shipper, BL, action, recipient)).rejects.toThrow(
        'INVALID_STATE: a straight bill of lading cannot be endorsed',
      );
      expect(world.snapshot()).toBe(before);
    },
  );

  it('transfers a straight bill to the named consignee without any endorsement', async () => {
    await world.issue(BL, { isToOrder: false, holder: shipper });
    await world.act(shipper, BL, A.transfer, partyOf(consignee));
    const record = await world.act(consignee, BL, A.acceptTransfer);

    expect(record).toMatchObject({
      holder: partyOf(consignee),
      possessor: partyOf(consignee),
      endorsee: null,
      endorseeMayEndorse: false,
      blankEndorsed: false,
    });
  });

  it('lets an endorsee by ENDORSE take delivery but not endorse on', async () => {
    await world.issue(BL);
    await world.act(shipper, BL, A.endorse, partyOf(bank));
    const record = await world.act(bank, BL, A.acceptTransfer);
    expect(record).toMatchObject({ holder: partyOf(bank), endorsee: partyOf(bank) });
    expect(record.endorseeMayEndorse).toBe(false);
    const before = world.snapshot();

    await expect(world.act(bank, BL, A.endorseToOrder, partyOf(consignee))).rejects.toThrow(
      /^FORBIDDEN: the holder of .* is not entitled to endorse it/,
    );
    await expect(world.act(bank, BL, A.blankEndorse)).rejects.toThrow(/^FORBIDDEN: /);
    expect(world.snapshot()).toBe(before);
    await expect(world.act(bank, BL, A.surrenderForDelivery)).resolves.toMatchObject({
      status: 'SURRENDER_FOR_DELIVERY_PENDING',
    });
  });

  it('lets an endorsee by ENDORSE_TO_ORDER endorse on', async () => {
    await world.issue(BL);
    await world.act(shipper, BL, A.endorseToOrder, partyOf(bank));
    const accepted = await world.act(bank, BL, A.acceptTransfer);
    expect(accepted).toMatchObject({ endorsee: partyOf(bank), endorseeMayEndorse: true });

    await world.act(bank, BL, A.endorse, partyOf(consignee));
    const record = await world.act(consignee, BL, A.acceptTransfer);

    expect(record).toMatchObject({ holder: partyOf(consignee), endorsee: partyOf(consignee) });
  });

  it('lets whoever holds a bill endorsed in blank endorse it again', async () => {
    await world.issue(BL);
    const blank = await world.act(shipper, BL, A.blankEndorse);
    expect(blank).toMatchObject({ status: 'ISSUED', blankEndorsed: true, endorsee: null });
    await expect(world.act(shipper, BL, A.blankEndorse)).rejects.toThrow(
      'INVALID_STATE: the bill of lading is already endorsed in blank',
    );

    await world.act(shipper, BL, A.transfer, partyOf(bank));
    const held = await world.act(bank, BL, A.acceptTransfer);
    expect(held).toMatchObject({ holder: partyOf(bank), blankEndorsed: true, endorsee: null });
    await world.act(bank, BL, A.endorse, partyOf(consignee));
    const record = await world.act(consignee, BL, A.acceptTransfer);

    expect(record).toMatchObject({
      endorsee: partyOf(consignee),
      blankEndorsed: false,
      endorseeMayEndorse: false,
    });
  });

  it('keeps the endorsee when only possession is transferred', async () => {
    await world.issue(BL);
    await world.act(shipper, BL, A.endorseToOrder, partyOf(bank));
    await world.act(bank, BL, A.acceptTransfer);
    await world.act(bank, BL, A.transfer, partyOf(clerk));
    const record = await world.act(clerk, BL, A.acceptTransfer);

    expect(record).toMatchObject({
      holder: partyOf(clerk),
      possessor: partyOf(clerk),
      endorsee: partyOf(bank),
      endorseeMayEndorse: true,
    });
    await expect(world.act(clerk, BL, A.endorse, partyOf(consignee))).rejects.toThrow(
      /^FORBIDDEN: /,
    );
  });

  it('rejecting an offer clears it and changes nothing else', async () => {
    const issued = await world.issue(BL);
    await world.act(shipper, BL, A.endorse, partyOf(bank));
    const record = await world.act(bank, BL, A.rejectTransfer, '', 'not our customer');

    expect(terms(record)).toEqual(terms(issued));
    expect(record.chain.at(-1)).toMatchObject({
      action: A.rejectTransfer,
      actor: partyOf(bank),
      reason: 'not our customer',
      txId: record.lastTxId,
      at: record.updatedAt,
    });
  });

  it('records a signature as a chain entry only', async () => {
    const issued = await world.issue(BL);
    const record = await world.act(shipper, BL, A.sign);

    expect(terms(record)).toEqual(terms(issued));
    expect(record.chain.map((e) => e.action)).toEqual(['ISSUE', A.sign]);
  });

  it.each([
    ['no recipient', A.transfer, '', ''],
    ['a recipient of another platform', A.endorse, `${ORG2}::bank@org2.pujiang.test`, ''],
    ['a recipient that is not a party', A.endorseToOrder, 'bank@org1.pujiang.test', ''],
    ['the holder as recipient', A.transfer, partyOf(shipper), ''],
    ['a detail on a transfer', A.transfer, partyOf(bank), 'urgent'],
    ['a recipient on a signature', A.sign, partyOf(bank), ''],
    ['a recipient on a blank endorsement', A.blankEndorse, partyOf(bank), ''],
    ['an export without a receiving platform', A.startExport, '', ''],
    ['an export with a detail', A.startExport, RECEIVER, 'x'],
    ['an unknown action', 'GIFT', '', ''],
  ])('refuses %s as INVALID_ARGUMENT', async (_case, action, recipient, detail) => {
    await world.issue(BL);
    const before = world.snapshot();

    await expect(world.act(shipper, BL, action as EblAction, recipient, detail)).rejects.toThrow(
      /^INVALID_ARGUMENT: /,
    );
    expect(world.snapshot()).toBe(before);
  });

  it('answers NOT_FOUND for a document this platform does not hold', async () => {
    await expect(world.act(shipper, 'NOPE', A.sign)).rejects.toThrow(
      'NOT_FOUND: NOPE not found on Org1MSP',
    );
  });
});
