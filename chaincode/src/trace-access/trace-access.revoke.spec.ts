import { orgDomain } from '../testing/fake-context';
import { GTIN, ORG1, ORG2, TraceAccessWorld, people } from '../testing/trace-access-world';

const LATER = '2026-11-24T09:30:00.000Z';

describe('TraceAccess revoke', () => {
  let world: TraceAccessWorld;

  beforeEach(async () => {
    world = new TraceAccessWorld();
    await world.grant('g-1', { grantee: ORG2, scope: { kind: 'gtin', value: GTIN } });
  });

  it('records who revoked, when and in which transaction, keeping the grant as it was', async () => {
    const granted = await world.read('g-1');
    const ctx = world.ctx(people.clerk, LATER);

    const json = await world.contract.revoke(ctx, ORG1, 'g-1');

    expect(JSON.parse(json)).toEqual({
      ...granted,
      revokedAt: LATER,
      revokedBy: `${ORG1}::clerk@${orgDomain(ORG1)}`,
      revokedTxId: ctx.stub.getTxID(),
    });
    expect(world.ledger.events.at(-1)).toEqual({ name: 'AccessRevoked', payload: json });
    expect(await world.contract.readGrant(world.ctx(people.stranger), ORG1, 'g-1')).toBe(json);
  });

  it('records the revocation of a grant that has already expired', async () => {
    await world.grant('g-2', { grantee: ORG2, expiresAt: '2026-11-24T00:00:00Z' });

    await expect(world.revoke('g-2', { at: LATER })).resolves.toMatchObject({ revokedAt: LATER });
  });

  it.each([
    ['the grantee', people.retailer],
    ['a third organisation', people.stranger],
  ])('refuses %s, which is not the granter, writing nothing', async (_who, who) => {
    const before = world.snapshot();

    await expect(world.revoke('g-1', { by: who })).rejects.toThrow(
      `FORBIDDEN: only ${ORG1} may revoke the grants of ${ORG1}`,
    );
    expect(world.snapshot()).toBe(before);
  });

  it('refuses a second revocation, keeping the first on record', async () => {
    await world.revoke('g-1', { at: LATER });
    const before = world.snapshot();

    await expect(world.revoke('g-1', { by: people.clerk })).rejects.toThrow(
      `INVALID_STATE: grant g-1 was revoked at ${LATER}`,
    );
    expect(world.snapshot()).toBe(before);
  });

  it('reports a grant its organisation never made as NOT_FOUND, writing nothing', async () => {
    const before = world.snapshot();

    await expect(world.revoke('g-9')).rejects.toThrow(`NOT_FOUND: grant g-9 of ${ORG1} not found`);
    // Org2 has no g-1 of its own: Org1's grant of that id is not Org2's to revoke.
    await expect(world.revoke('g-1', { by: people.retailer, granter: ORG2 })).rejects.toThrow(
      /^NOT_FOUND: /,
    );
    expect(world.snapshot()).toBe(before);
  });

  it.each([
    ['a malformed granter', 'Org 1', 'g-1'],
    ['a malformed grant id', ORG1, 'g 1'],
  ])('refuses %s, writing nothing', async (_case, granter, grantId) => {
    const before = world.snapshot();

    await expect(
      world.contract.revoke(world.ctx(people.quality), granter, grantId),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
    expect(world.snapshot()).toBe(before);
  });
});
