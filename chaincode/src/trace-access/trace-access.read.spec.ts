import { grantCovers } from '../../../libs/contracts/src/ledger';
import {
  GTIN,
  LOT,
  ORG1,
  ORG2,
  PREFIX,
  TraceAccessWorld,
  people,
} from '../testing/trace-access-world';
import { person } from '../testing/people';

describe('TraceAccess readGrant and listGrants', () => {
  let world: TraceAccessWorld;

  beforeEach(() => {
    world = new TraceAccessWorld();
  });

  it('reads a grant as any channel member, with the bytes the grant wrote', async () => {
    const json = await world.contract.grant(
      world.ctx(people.quality),
      'g-1',
      '{"grantee":"Org2MSP"}',
    );

    expect(await world.contract.readGrant(world.ctx(people.stranger), ORG1, 'g-1')).toBe(json);
  });

  it.each([
    ['an unknown grant', ORG1, 'g-9', `NOT_FOUND: grant g-9 of ${ORG1} not found`],
    ['another granter’s id', ORG2, 'g-1', `NOT_FOUND: grant g-1 of ${ORG2} not found`],
    ['a malformed granter', 'Org 1', 'g-1', 'INVALID_ARGUMENT: granterMspId is not an MSP id'],
    ['a malformed grant id', ORG1, '', 'INVALID_ARGUMENT: grantId must be'],
  ])('refuses %s', async (_case, granter, grantId, refusal) => {
    await world.grant('g-1', { grantee: ORG2 });

    await expect(
      world.contract.readGrant(world.ctx(people.stranger), granter, grantId),
    ).rejects.toThrow(refusal);
  });

  it('lists one granter’s grants in grant id order, revoked ones included', async () => {
    // Org1MSP is a prefix of Org1MSPX: the composite key must still keep them apart.
    const lookalike = person('quality', 'Org1MSPX');
    await world.grant('g-2', { grantee: ORG2 });
    await world.grant('g-1', { grantee: 'PUBLIC', scope: { kind: 'gtin', value: GTIN } });
    await world.grant('g-0', { grantee: ORG1 }, { by: people.retailer });
    await world.grant('g-3', { grantee: ORG2 }, { by: lookalike });
    await world.revoke('g-2');

    const grants = await world.list(ORG1);

    expect(grants.map((g) => [g.grantId, g.granterMspId, g.revokedAt !== undefined])).toEqual([
      ['g-1', ORG1, false],
      ['g-2', ORG1, true],
    ]);
    expect(await world.contract.listGrants(world.ctx(people.stranger), 'Org9MSP')).toBe('[]');
  });

  it('refuses to list for a malformed granter', async () => {
    await expect(world.contract.listGrants(world.ctx(people.stranger), 'Org/1')).rejects.toThrow(
      /^INVALID_ARGUMENT: /,
    );
  });

  it('hands the service records that grantCovers judges as the ledger decided', async () => {
    const revokedAt = '2026-12-01T00:00:00.000Z';
    await world.grant('lot-1', { grantee: ORG2, scope: { kind: 'lot', value: GTIN, lot: LOT } });
    await world.grant('pub-1', {
      grantee: 'PUBLIC',
      scope: { kind: 'companyPrefix', value: PREFIX },
    });
    await world.revoke('lot-1', { at: revokedAt });
    const [lotGrant, published] = await world.list(ORG1);
    const event = { capturingOrganisation: ORG1, gtin14: GTIN, lot: LOT };

    expect(
      lotGrant && grantCovers(lotGrant, { ...event, viewer: ORG2, at: '2026-11-30T00:00:00Z' }),
    ).toBe(true);
    expect(lotGrant && grantCovers(lotGrant, { ...event, viewer: ORG2, at: revokedAt })).toBe(
      false,
    );
    expect(published && grantCovers(published, { ...event, viewer: 'PUBLIC', at: revokedAt })).toBe(
      true,
    );
    expect(published && grantCovers(published, { ...event, viewer: ORG2, at: revokedAt })).toBe(
      false,
    );
  });
});
