import { ClaimRecord, DuplicateClaimSuspectedEvent } from '../../../libs/contracts/src/ledger';
import { fingerprintIndex } from './domain/fingerprints';
import {
  CLAIM_ID,
  ClaimsWorld,
  HASH,
  OTHER_CLAIM_ID,
  POLICY_ID,
  people,
  worldWithPolicy,
} from '../testing/claims-world';

const ORG2_POLICY = 'POL-ORG2-0001';
const THIRD_CLAIM_ID = 'c1d2e3f4-0a1b-4c2d-8e3f-4a5b6c7d8e9f';
/** Keyed HMACs as the claims service would compute them over eBL and container. */
const EBL_PRINT = HASH('hmac:ebl:MAEU-CL-0001');
const CONTAINER_PRINT = HASH('hmac:container:CSQU3054383');
const OTHER_PRINT = HASH('hmac:container:MSKU9070323');

/** An Org1 claim on the fingerprints, then an Org2 policy for the second notice. */
async function twoInsurers(register = [EBL_PRINT, CONTAINER_PRINT]): Promise<ClaimsWorld> {
  const world = await worldWithPolicy();
  await world.createPolicy({ policyId: ORG2_POLICY }, people.foreignInsurer);
  await world.notify({}, { fingerprints: { register, probe: register } });
  return world;
}

function org2Notice(world: ClaimsWorld, probe: string[], claimId = OTHER_CLAIM_ID) {
  return world.notify(
    { claimId, policyId: ORG2_POLICY },
    { by: people.foreignClaimant, fingerprints: { register: probe, probe } },
  );
}

function lastEvent(world: ClaimsWorld): { name: string; payload: unknown } {
  const event = world.ledger.events.at(-1);
  return { name: event?.name ?? '', payload: JSON.parse(event?.payload ?? 'null') };
}

describe('Claims duplicate detection across insurers', () => {
  it('holds both claims when an Org2 notice shares a fingerprint with an Org1 claim', async () => {
    const world = await twoInsurers();

    const second = await org2Notice(world, [CONTAINER_PRINT]);
    const first = await world.readClaim(CLAIM_ID);

    expect([first.insurerMsp, second.insurerMsp]).toEqual(['Org1MSP', 'Org2MSP']);
    for (const claim of [first, second]) {
      expect(claim).toMatchObject({ status: 'FRAUD_HOLD', duplicateMatches: 1 });
      expect(claim.history.at(-1)).toMatchObject({
        action: 'HOLD_FOR_FRAUD',
        actor: 'DUPLICATE_MATCH',
        from: 'NOTIFIED',
        to: 'FRAUD_HOLD',
      });
    }
    const event: DuplicateClaimSuspectedEvent = {
      claims: [OTHER_CLAIM_ID, CLAIM_ID],
      matchedClaims: 1,
    };
    expect(lastEvent(world)).toEqual({ name: 'DuplicateClaimSuspected', payload: event });
  });

  it('writes nothing of the other claim into either record but the count', async () => {
    const world = await twoInsurers();
    await org2Notice(world, [CONTAINER_PRINT]);

    const first = JSON.stringify(await world.readClaim(CLAIM_ID));
    const second = JSON.stringify(await world.readClaim(OTHER_CLAIM_ID));

    expect(first).not.toContain(OTHER_CLAIM_ID);
    expect(first).not.toContain(ORG2_POLICY);
    expect(second).not.toContain(CLAIM_ID);
    expect(second).not.toContain(POLICY_ID);
  });

  it('indexes each registered fingerprint by its one-way index, with only the claim id and its insurer', async () => {
    const world = await twoInsurers();
    const entries = [...world.ledger.state]
      .filter(([key]) => key.includes('claims.fingerprint'))
      .map(([key, value]) => [key.split('\u0000').slice(2, 4), Buffer.from(value).toString()]);

    expect(entries).toEqual(
      [EBL_PRINT, CONTAINER_PRINT]
        .map(fingerprintIndex)
        .sort()
        .map((index) => [[index, CLAIM_ID], `{"claimId":"${CLAIM_ID}","insurerMsp":"Org1MSP"}`]),
    );
    expect(world.snapshot()).not.toContain(EBL_PRINT);
    expect(world.snapshot()).not.toContain(CONTAINER_PRINT);
  });

  it('matches nothing with an index copied from public state and presented as a fingerprint', async () => {
    const world = await twoInsurers();
    const copied = [EBL_PRINT, CONTAINER_PRINT].map(fingerprintIndex);

    const second = await org2Notice(world, copied);

    expect(second).toMatchObject({ status: 'NOTIFIED', duplicateMatches: 0 });
    expect(await world.readClaim(CLAIM_ID)).toMatchObject({
      status: 'NOTIFIED',
      duplicateMatches: 0,
    });
  });

  it('holds nothing when the fingerprints differ', async () => {
    const world = await twoInsurers();

    const second = await org2Notice(world, [OTHER_PRINT]);

    expect(second).toMatchObject({ status: 'NOTIFIED', duplicateMatches: 0 });
    expect(await world.readClaim(CLAIM_ID)).toMatchObject({ status: 'NOTIFIED' });
    expect(lastEvent(world).name).toBe('ClaimChanged');
  });

  it('never matches a claim with itself, though it probes what it registers', async () => {
    const world = await twoInsurers();
    const first = await world.readClaim(CLAIM_ID);
    expect(first).toMatchObject({ status: 'NOTIFIED', duplicateMatches: 0 });
    expect(lastEvent(world)).toEqual({
      name: 'ClaimChanged',
      payload: {
        claimId: CLAIM_ID,
        insurerMsp: 'Org1MSP',
        lastTxId: first.lastTxId,
        policyId: POLICY_ID,
        status: 'NOTIFIED',
        updatedAt: first.updatedAt,
      },
    });
  });

  it('refuses a replay of a registered notice without matching it against itself', async () => {
    const world = await twoInsurers();
    const before = world.snapshot();
    await expect(
      world.notify({}, { fingerprints: { register: [EBL_PRINT], probe: [EBL_PRINT] } }),
    ).rejects.toThrow(`ALREADY_EXISTS: claim ${CLAIM_ID}`);
    expect(world.snapshot()).toBe(before);
  });

  it('counts a claim matched by several hashes once', async () => {
    const world = await twoInsurers();
    const second = await org2Notice(world, [EBL_PRINT, CONTAINER_PRINT]);
    expect(second.duplicateMatches).toBe(1);
    expect(lastEvent(world).payload).toEqual({
      claims: [OTHER_CLAIM_ID, CLAIM_ID],
      matchedClaims: 1,
    });
  });

  it('holds a third claim against both earlier ones, listed in key order', async () => {
    const world = await twoInsurers();
    await org2Notice(world, [CONTAINER_PRINT]);

    const third = await world.notify(
      { claimId: THIRD_CLAIM_ID },
      { fingerprints: { register: [], probe: [CONTAINER_PRINT] } },
    );

    expect(third).toMatchObject({ status: 'FRAUD_HOLD', duplicateMatches: 2 });
    expect(lastEvent(world).payload).toEqual({
      claims: [THIRD_CLAIM_ID, ...[CLAIM_ID, OTHER_CLAIM_ID].sort()],
      matchedClaims: 2,
    });
    // Already held: counted again, not held twice.
    const first = await world.readClaim(CLAIM_ID);
    expect(first).toMatchObject({ status: 'FRAUD_HOLD', duplicateMatches: 2 });
    expect(first.history.filter((e) => e.actor === 'DUPLICATE_MATCH')).toHaveLength(1);
  });

  it('only counts a match on a claim already paid: the table allows no hold there', async () => {
    const world = await twoInsurers();
    await world.act(people.insurer, CLAIM_ID, 'START_ASSESSMENT');
    await world.act(people.insurer, CLAIM_ID, 'APPROVE');
    await world.act(people.insurer, CLAIM_ID, 'REQUEST_PAYMENT', '', '1000');
    const paid: ClaimRecord = await world.act(
      people.insurer,
      CLAIM_ID,
      'CONFIRM_PAYMENT',
      '',
      'P-1',
    );

    const second = await org2Notice(world, [EBL_PRINT]);

    expect(second.status).toBe('FRAUD_HOLD');
    expect(await world.readClaim(CLAIM_ID)).toEqual({
      ...paid,
      duplicateMatches: 1,
      lastTxId: second.lastTxId,
      updatedAt: second.updatedAt,
    });
  });

  it('lets each insurer release its own claim into a fresh assessment', async () => {
    const world = await twoInsurers();
    await org2Notice(world, [CONTAINER_PRINT]);

    // Org1's insurer cannot even read Org2's claim: its details are in Org2's collection.
    await expect(world.act(people.insurer, OTHER_CLAIM_ID, 'RELEASE_FRAUD_HOLD')).rejects.toThrow(
      'tx creator does not have read access permission',
    );
    await expect(
      world.act(people.foreignInsurer, OTHER_CLAIM_ID, 'RELEASE_FRAUD_HOLD'),
    ).resolves.toMatchObject({ status: 'UNDER_ASSESSMENT', duplicateMatches: 1 });
    expect(await world.readClaim(CLAIM_ID)).toMatchObject({ status: 'FRAUD_HOLD' });
  });

  it.each([
    [
      'a hash that is not hex',
      '{"register":["xyz"],"probe":[]}',
      'transient fingerprints.register[0] must be 64',
    ],
    ['a hash listed twice', `{"register":[],"probe":["${EBL_PRINT}","${EBL_PRINT}"]}`, 'twice'],
    ['no probe list', '{"register":[]}', 'transient fingerprints.probe is required'],
    [
      'too many hashes',
      JSON.stringify({
        register: Array.from({ length: 33 }, (_, i) => HASH(String(i))),
        probe: [],
      }),
      'more than 32',
    ],
    ['not JSON', '{', 'transient fingerprints is not valid JSON'],
    ['nothing', '', "the transient data key 'fingerprints' is required"],
  ])('refuses fingerprints with %s', async (_case, json, message) => {
    const world = await worldWithPolicy();
    await world.giveNotice();
    const before = world.snapshot();
    await expect(
      world.contract.registerClaim(
        world.ctx(people.insurer, { transient: { fingerprints: json } }),
        CLAIM_ID,
        POLICY_ID,
        '',
      ),
    ).rejects.toThrow(new RegExp(`^INVALID_ARGUMENT: .*${message.replace(/[[\]]/g, '\\$&')}`));
    expect(world.snapshot()).toBe(before);
  });

  it('refuses a registration without transient fingerprints', async () => {
    const world = await worldWithPolicy();
    await expect(world.notify({}, { fingerprints: null })).rejects.toThrow(
      "INVALID_ARGUMENT: the transient data key 'fingerprints' is required",
    );
  });
});
