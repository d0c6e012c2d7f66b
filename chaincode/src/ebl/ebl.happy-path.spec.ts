import { EblAction, EblChainEntry } from '../../../libs/contracts/src/ledger';
import { EblWorld, partyOf, people } from '../testing/ebl-world';

const A = EblAction;
const BL = 'MAEU-HP-0001';
const { carrier, shipper, bank, consignee } = people;

/**
 * The DCSA story: the carrier issues an order bill to the shipper; the shipper
 * endorses it to order of its bank (documentary credit); the bank, paid,
 * endorses it to the consignee; the consignee surrenders it for delivery and
 * the carrier accepts, which accomplishes the bill.
 */
async function dcsaStory(world: EblWorld): Promise<void> {
  await world.issue(BL, { isToOrder: true, holder: shipper });
  await world.act(shipper, BL, A.endorseToOrder, partyOf(bank));
  await world.act(bank, BL, A.acceptTransfer);
  await world.act(bank, BL, A.endorse, partyOf(consignee));
  await world.act(consignee, BL, A.acceptTransfer);
  await world.act(consignee, BL, A.surrenderForDelivery);
  await world.act(carrier, BL, A.acceptSurrender);
}

describe('Ebl: the DCSA happy path', () => {
  it('records who did what, to whom, in order, and ends accomplished with the carrier', async () => {
    const world = new EblWorld();
    await dcsaStory(world);

    const record = await world.read(BL);

    expect(record).toMatchObject({
      status: 'SURRENDERED',
      holder: partyOf(carrier),
      possessor: partyOf(carrier),
      endorsee: partyOf(consignee),
      endorseeMayEndorse: false,
      blankEndorsed: false,
    });
    expect(record.pending).toBeUndefined();
    const step = (action: EblChainEntry['action'], actor: string, recipient?: string) => ({
      action,
      actor,
      ...(recipient === undefined ? {} : { recipient }),
    });
    expect(
      record.chain.map(({ action, actor, recipient }) => step(action, actor, recipient)),
    ).toEqual([
      step('ISSUE', partyOf(carrier), partyOf(shipper)),
      step(A.endorseToOrder, partyOf(shipper), partyOf(bank)),
      step(A.acceptTransfer, partyOf(bank)),
      step(A.endorse, partyOf(bank), partyOf(consignee)),
      step(A.acceptTransfer, partyOf(consignee)),
      step(A.surrenderForDelivery, partyOf(consignee), partyOf(carrier)),
      step(A.acceptSurrender, partyOf(carrier)),
    ]);
    const times = record.chain.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    expect(new Set(record.chain.map((e) => e.txId)).size).toBe(7);
    expect(record.lastTxId).toBe(record.chain.at(-1)?.txId);
    expect(world.ledger.events).toHaveLength(7);
    expect(world.ledger.events.at(-1)?.payload).toBe(JSON.stringify(record));
  });

  it('writes byte-identical state and events on two ledgers given the same transactions', async () => {
    const first = new EblWorld();
    const second = new EblWorld();

    await dcsaStory(first);
    await dcsaStory(second);

    expect(second.snapshot()).toBe(first.snapshot());
    expect([...second.ledger.state.values()]).toEqual([...first.ledger.state.values()]);
  });
});
