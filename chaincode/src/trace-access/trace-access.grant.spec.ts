import {
  OTHER_GTIN,
  GTIN,
  LOT,
  ORG1,
  ORG2,
  PREFIX,
  T0,
  TraceAccessWorld,
  people,
} from '../testing/trace-access-world';
import { orgDomain } from '../testing/fake-context';

const TO_RETAILER = { grantee: ORG2, scope: { kind: 'gtin', value: GTIN } };

describe('TraceAccess grant', () => {
  let world: TraceAccessWorld;

  beforeEach(() => {
    world = new TraceAccessWorld();
  });

  it('records the signer as granter and author, with the tx id and transaction time', async () => {
    const json = await world.contract.grant(
      world.ctx(people.quality),
      'g-1',
      JSON.stringify({ ...TO_RETAILER, expiresAt: '2027-01-01T00:00:00Z' }),
    );

    expect(JSON.parse(json)).toEqual({
      grantId: 'g-1',
      granterMspId: ORG1,
      grantee: ORG2,
      scope: { kind: 'gtin', value: GTIN },
      expiresAt: '2027-01-01T00:00:00.000Z',
      grantedAt: T0,
      grantedBy: `${ORG1}::quality@${orgDomain(ORG1)}`,
      txId: 'tx-1',
    });
    expect(world.ledger.events).toEqual([{ name: 'AccessGranted', payload: json }]);
  });

  it('writes canonical JSON, so every endorsing peer produces the same bytes', async () => {
    const json = await world.contract.grant(
      world.ctx(people.quality),
      'g-1',
      `{"scope":{"value":"${GTIN}","kind":"gtin"},  "grantee":"${ORG2}"}`,
    );

    expect(json).toBe(
      `{"grantId":"g-1","grantedAt":"${T0}","grantedBy":"${ORG1}::quality@org1.pujiang.test",` +
        `"grantee":"${ORG2}","granterMspId":"${ORG1}","scope":{"kind":"gtin","value":"${GTIN}"},"txId":"tx-1"}`,
    );
    expect(Buffer.from([...world.ledger.state.values()][0] ?? []).toString()).toBe(json);
  });

  it('takes an absent scope as all of the granter’s events', async () => {
    const grant = await world.grant('g-1', { grantee: ORG2 });

    expect(grant.scope).toEqual({ kind: 'all' });
    expect(grant).not.toHaveProperty('expiresAt');
  });

  it.each([
    { kind: 'companyPrefix', value: PREFIX },
    { kind: 'gtin', value: GTIN },
  ])('publishes to PUBLIC by $kind', async (scope) => {
    await expect(world.grant('pub-1', { grantee: 'PUBLIC', scope })).resolves.toMatchObject({
      grantee: 'PUBLIC',
      scope,
    });
  });

  it('accepts every scope kind for an organisation', async () => {
    const scopes = [
      { kind: 'all' },
      { kind: 'companyPrefix', value: '401234512345' },
      { kind: 'gtin', value: OTHER_GTIN },
      { kind: 'lot', value: GTIN, lot: LOT },
    ];
    for (const [i, scope] of scopes.entries()) {
      await expect(world.grant(`g-${i}`, { grantee: ORG2, scope })).resolves.toMatchObject({
        scope,
      });
    }
  });

  it('keeps the grants of two organisations apart under the same grant id', async () => {
    await world.grant('g-1', TO_RETAILER);
    await world.grant('g-1', { grantee: ORG1 }, { by: people.retailer });

    expect(await world.read('g-1', ORG1)).toMatchObject({ granterMspId: ORG1, grantee: ORG2 });
    expect(await world.read('g-1', ORG2)).toMatchObject({ granterMspId: ORG2, grantee: ORG1 });
  });

  it('refuses a grant id used before, even once revoked, keeping the first grant', async () => {
    await world.grant('g-1', TO_RETAILER);
    await world.revoke('g-1');
    const before = world.snapshot();

    await expect(world.grant('g-1', { grantee: ORG2 }, { by: people.clerk })).rejects.toThrow(
      `ALREADY_EXISTS: grant g-1 of ${ORG1} already exists`,
    );
    expect(world.snapshot()).toBe(before);
  });
});
