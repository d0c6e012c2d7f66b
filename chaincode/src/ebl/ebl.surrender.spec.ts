import { EblAction } from '../../../libs/contracts/src/ledger';
import { EblWorld, partyOf, people } from '../testing/ebl-world';

const A = EblAction;
const BL = 'MAEU-SU-0001';
const NEW_BL = 'MAEU-SU-0002';
const { carrier, otherCarrier, shipper, bank, consignee, clerk, foreignCarrier, foreignBank } =
  people;

describe('Ebl surrender, void and re-issue', () => {
  let world: EblWorld;

  beforeEach(() => {
    world = new EblWorld();
  });

  /** The bill endorsed to order of the bank and accepted: the bank holds it, entitled. */
  async function heldByBank(): Promise<void> {
    await world.issue(BL);
    await world.act(shipper, BL, A.endorseToOrder, partyOf(bank));
    await world.act(bank, BL, A.acceptTransfer);
  }

  it('puts the document in the carrier’s hands while a surrender is pending, then accomplishes it', async () => {
    await heldByBank();
    const pending = await world.act(bank, BL, A.surrenderForDelivery);
    expect(pending).toMatchObject({
      status: 'SURRENDER_FOR_DELIVERY_PENDING',
      holder: partyOf(carrier),
      possessor: partyOf(carrier),
      pending: { action: A.surrenderForDelivery, recipient: partyOf(carrier), from: partyOf(bank) },
    });
    expect(pending.chain.at(-1)).toMatchObject({
      actor: partyOf(bank),
      recipient: partyOf(carrier),
    });

    const done = await world.act(carrier, BL, A.acceptSurrender);

    expect(done).toMatchObject({ status: 'SURRENDERED', holder: partyOf(carrier) });
    expect(done.pending).toBeUndefined();
  });

  it('gives possession back to the surrendering party on SREJ, who may try again', async () => {
    await heldByBank();
    await world.act(bank, BL, A.surrenderForAmendment, '', 'COD');
    const back = await world.act(carrier, BL, A.rejectSurrender, '', 'amendment not agreed');

    expect(back).toMatchObject({
      status: 'ISSUED',
      holder: partyOf(bank),
      possessor: partyOf(bank),
      endorsee: partyOf(bank),
    });
    expect(back.pending).toBeUndefined();
    expect(back.chain.slice(-2)).toMatchObject([
      { action: A.surrenderForAmendment, actor: partyOf(bank), reason: 'COD' },
      { action: A.rejectSurrender, recipient: partyOf(bank), reason: 'amendment not agreed' },
    ]);
    await expect(world.act(bank, BL, A.surrenderForDelivery)).resolves.toMatchObject({
      holder: partyOf(carrier),
    });
  });

  it('refuses a surrender by a mere possessor of an order bill', async () => {
    await heldByBank();
    await world.act(bank, BL, A.transfer, partyOf(clerk));
    await world.act(clerk, BL, A.acceptTransfer);
    const before = world.snapshot();

    await expect(world.act(clerk, BL, A.surrenderForDelivery)).rejects.toThrow(
      /^FORBIDDEN: SURRENDER_FOR_DELIVERY: the holder of .* is not its endorsee/,
    );
    await expect(world.act(clerk, BL, A.startExport, 'WAVE')).rejects.toThrow(/^FORBIDDEN: /);
    expect(world.snapshot()).toBe(before);
  });

  it('lets any holder surrender a straight bill', async () => {
    await world.issue(BL, { isToOrder: false });
    await world.act(shipper, BL, A.transfer, partyOf(consignee));
    await world.act(consignee, BL, A.acceptTransfer);

    await expect(world.act(consignee, BL, A.surrenderForDelivery)).resolves.toMatchObject({
      pending: { from: partyOf(consignee) },
    });
  });

  it.each(['SWTP', 'COD', 'SWI', ''])('accepts amendment reason %p', async (reason) => {
    await world.issue(BL);
    const record = await world.act(shipper, BL, A.surrenderForAmendment, '', reason);
    expect(record.chain.at(-1)?.reason).toBe(reason === '' ? undefined : reason);
  });

  it.each([
    ['an amendment reason DCSA does not define', A.surrenderForAmendment, '', 'XYZ'],
    ['a reason for a surrender for delivery', A.surrenderForDelivery, '', 'COD'],
    ['a recipient (it is always the issuer)', A.surrenderForDelivery, partyOf(carrier), ''],
  ])('refuses a surrender with %s', async (_case, action, recipient, detail) => {
    await world.issue(BL);
    const before = world.snapshot();

    await expect(world.act(shipper, BL, action, recipient, detail)).rejects.toThrow(
      /^INVALID_ARGUMENT: /,
    );
    expect(world.snapshot()).toBe(before);
  });

  async function voided(replacement = ''): Promise<void> {
    await world.issue(BL);
    await world.act(shipper, BL, A.surrenderForAmendment, '', 'SWI');
    await world.act(carrier, BL, A.acceptSurrender);
    await world.act(carrier, BL, A.void, '', replacement);
  }

  it.each([
    ['named when voiding', NEW_BL],
    ['named only by the new issue', ''],
  ])('links a void document and its replacement both ways (%s)', async (_case, named) => {
    await voided(named);
    const issued = await world.issue(NEW_BL, { replaces: BL, holder: shipper });

    expect(issued).toMatchObject({ replaces: BL, status: 'ISSUED', holder: partyOf(shipper) });
    const old = await world.read(BL);
    expect(old).toMatchObject({ status: 'VOID', replacedBy: NEW_BL, lastTxId: issued.lastTxId });
    expect(world.ledger.events.at(-1)?.payload).toBe(JSON.stringify(issued));
  });

  it.each([
    ['a document that does not exist', () => Promise.resolve(), 'NOPE', 'NOPE does not exist'],
    ['a document that is not void', () => world.issue(BL), BL, `${BL} is ISSUED, not VOID`],
    [
      'a document already replaced by another',
      () => voided('MAEU-OTHER'),
      BL,
      `${BL} is already replaced by MAEU-OTHER`,
    ],
  ])('refuses to replace %s', async (_case, setUp, replaces, message) => {
    await setUp();
    const before = world.snapshot();

    await expect(world.issue(NEW_BL, { replaces })).rejects.toThrow(`INVALID_STATE: ${message}`);
    expect(world.snapshot()).toBe(before);
  });

  it('refuses a replacement by another carrier, or on another platform', async () => {
    await voided();
    const before = world.snapshot();

    await expect(world.issue(NEW_BL, { replaces: BL, by: otherCarrier })).rejects.toThrow(
      `INVALID_STATE: ${BL} was issued by another carrier`,
    );
    await expect(
      world.issue(NEW_BL, { replaces: BL, by: foreignCarrier, holder: foreignBank }),
    ).rejects.toThrow(`INVALID_STATE: ${BL} does not exist`);
    expect(world.snapshot()).toBe(before);
  });

  it.each([
    ['itself', BL],
    ['a malformed reference', 'not a reference'],
  ])('refuses to void naming %s as replacement', async (_case, replacement) => {
    await world.issue(BL);
    await world.act(shipper, BL, A.surrenderForAmendment);
    await world.act(carrier, BL, A.acceptSurrender);

    await expect(world.act(carrier, BL, A.void, '', replacement)).rejects.toThrow(
      /^INVALID_ARGUMENT: /,
    );
  });
});
