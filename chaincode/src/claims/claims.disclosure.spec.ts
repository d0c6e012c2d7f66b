import {
  ClaimDisclosure,
  ClaimsEvent,
  DisclosedClaim,
  LedgerErrorCode,
  LedgerRole,
  REGULATOR_MSP_ID,
  ledgerErrorMessage,
  regulatorDisclosureCollection,
} from '../../../libs/contracts/src/ledger';
import { CLAIM_ID, ClaimsWorld, people, worldWithPolicy } from '../testing/claims-world';
import { partyOf, person } from '../testing/people';

const inspector = person('Inspector', REGULATOR_MSP_ID, LedgerRole.regulator);
const AMOUNTS = JSON.stringify(['claimedAmount', 'currency', 'claimant']);

/** A claim of Org1's insurer, disclosed by `by` (the insurer unless said), endorsed on the insurer's peer. */
async function disclose(world: ClaimsWorld, fields = AMOUNTS, by = people.insurer) {
  const ctx = world.ctx(by, { peerMspId: 'Org1MSP' });
  return JSON.parse(
    await world.contract.discloseToRegulator(ctx, CLAIM_ID, fields),
  ) as ClaimDisclosure;
}

function readDisclosure(world: ClaimsWorld, txId: string, who = inspector) {
  const ctx = world.ctx(who, { peerMspId: who.mspId });
  return world.contract.readDisclosure(ctx, CLAIM_ID, txId);
}

async function claimWorld(): Promise<ClaimsWorld> {
  const world = await worldWithPolicy();
  await world.notify();
  return world;
}

describe('Claims disclosure to the regulator (decision 0035)', () => {
  it('copies the named fields to the regulator’s collection and records who, what and when in the public stub', async () => {
    const world = await claimWorld();
    const claim = await world.readClaim(CLAIM_ID);

    const disclosure = await disclose(world);

    expect(disclosure).toEqual({
      regulatorMsp: REGULATOR_MSP_ID,
      fields: ['claimedAmount', 'currency', 'claimant'],
      disclosedBy: partyOf(people.insurer),
      txId: expect.any(String) as string,
      at: expect.any(String) as string,
    });
    expect(world.stub(CLAIM_ID)?.disclosures).toEqual([disclosure]);
    const copy = JSON.parse(await readDisclosure(world, disclosure.txId)) as DisclosedClaim;
    expect(copy).toEqual({
      claimId: CLAIM_ID,
      insurerMsp: 'Org1MSP',
      disclosure,
      values: {
        claimedAmount: claim.claimedAmount,
        currency: claim.currency,
        claimant: claim.claimant,
      },
    });
    expect([
      ...(world.ledger.privateState.get(regulatorDisclosureCollection('Org1MSP'))?.keys() ?? []),
    ]).toHaveLength(1);
    const event = world.ledger.events.at(-1);
    expect(event?.name).toBe(ClaimsEvent.disclosedToRegulator);
    expect(JSON.parse(event?.payload ?? '{}')).toEqual({
      claimId: CLAIM_ID,
      insurerMsp: 'Org1MSP',
      ...disclosure,
    });
  });

  it('puts no disclosed value in public state, the event or the return value', async () => {
    const world = await claimWorld();
    const claim = await world.readClaim(CLAIM_ID);
    const disclosure = await disclose(world, JSON.stringify(['claimedAmount']));

    const publicText = [...world.ledger.state.values()]
      .map((v) => Buffer.from(v).toString('utf8'))
      .join();
    expect(JSON.stringify(disclosure)).not.toContain(claim.claimedAmount);
    expect(world.ledger.events.at(-1)?.payload).not.toContain(claim.claimedAmount);
    expect(publicText).toContain('"fields":["claimedAmount"]');
    expect(publicText).not.toContain(`"claimedAmount":"${claim.claimedAmount}"`);
  });

  it('keeps the disclosures through later steps of the claim', async () => {
    const world = await claimWorld();
    const disclosure = await disclose(world);

    await world.act(people.insurer, CLAIM_ID, 'START_ASSESSMENT');

    expect(world.stub(CLAIM_ID)?.disclosures).toEqual([disclosure]);
    expect(await world.readClaim(CLAIM_ID)).not.toHaveProperty('disclosures');
  });

  // The peer refuses a caller outside the insurer's collection before any rule is asked
  // (the regulator's own refusal, before the transaction, is read-only-callers.spec).
  const OUTSIDE = 'tx creator does not have read access permission';
  it.each([
    ['another insurer', people.foreignInsurer, OUTSIDE],
    ['the regulator', inspector, OUTSIDE],
    ['a clerk of the insurer’s organisation', people.clerk, LedgerErrorCode.forbidden],
    ['the claimant', people.claimant, LedgerErrorCode.forbidden],
  ])('refuses a disclosure by %s', async (_who, by, refusal) => {
    const world = await claimWorld();
    await expect(disclose(world, AMOUNTS, by)).rejects.toThrow(refusal);
    expect(world.stub(CLAIM_ID)?.disclosures).toBeUndefined();
  });

  it.each([
    ['not an array', '{"claimedAmount":true}'],
    ['empty', '[]'],
    ['an unknown field', '["salt"]'],
    ['a public field', '["status"]'],
    ['a field twice', '["currency","currency"]'],
  ])('refuses fields that are %s', async (_what, fields) => {
    const world = await claimWorld();
    await expect(disclose(world, fields)).rejects.toThrow(LedgerErrorCode.invalidArgument);
  });

  it('lets only the regulator read a disclosure, and only one the stub records', async () => {
    const world = await claimWorld();
    const { txId } = await disclose(world);

    await expect(readDisclosure(world, txId, people.insurer)).rejects.toThrow(
      ledgerErrorMessage(
        LedgerErrorCode.forbidden,
        `only the regulator (${REGULATOR_MSP_ID}) reads disclosures`,
      ),
    );
    await expect(readDisclosure(world, 'tx-not-a-disclosure')).rejects.toThrow(
      ledgerErrorMessage(
        LedgerErrorCode.notFound,
        `claim ${CLAIM_ID} has no disclosure tx-not-a-disclosure`,
      ),
    );
  });

  it('shows every member the public stub, with its disclosures and no private field', async () => {
    const world = await claimWorld();
    const disclosure = await disclose(world);

    const ctx = world.ctx(people.bystander, { peerMspId: 'Org2MSP' });
    const stub = JSON.parse(await world.contract.readClaimStub(ctx, CLAIM_ID)) as Record<
      string,
      unknown
    >;

    expect(stub.disclosures).toEqual([disclosure]);
    expect(stub).not.toHaveProperty('claimedAmount');
    expect(stub).not.toHaveProperty('claimant');
  });
});
