import { ORG1, ORG2, GTIN, LOT, T0, TraceAccessWorld, people } from '../testing/trace-access-world';

const gtin = (value: string) => ({ grantee: ORG2, scope: { kind: 'gtin', value } });
const json = (value: unknown) => JSON.stringify(value);

/** One row per refusal: the arguments, and the start of the message the chaincode must answer. */
const REFUSALS: [name: string, grantId: string, grantJson: string, refusal: string][] = [
  // Rules that depend on the signer and the transaction time.
  [
    'a grant to the signer’s own organisation',
    'g-2',
    json({ grantee: ORG1 }),
    'INVALID_ARGUMENT: an organisation sees its own events without a grant',
  ],
  [
    'an expiry at the transaction time',
    'g-2',
    json({ grantee: ORG2, expiresAt: T0 }),
    `INVALID_ARGUMENT: expiresAt must be after the transaction time ${T0}`,
  ],
  [
    'an expiry before the transaction time',
    'g-2',
    json({ grantee: ORG2, expiresAt: '2026-11-23T07:59:59.999Z' }),
    'INVALID_ARGUMENT: expiresAt must be after',
  ],
  // Publishing is scoped by company prefix or GTIN.
  ...['all', 'lot'].map((kind): [string, string, string, string] => [
    `publishing with scope ${kind}`,
    'pub-1',
    json({ grantee: 'PUBLIC', scope: { kind, ...(kind === 'lot' && { value: GTIN, lot: LOT }) } }),
    'INVALID_ARGUMENT: grantJson/scope publishing to PUBLIC must be scoped by companyPrefix or gtin',
  ]),
  [
    'publishing with no scope (all)',
    'pub-1',
    json({ grantee: 'PUBLIC' }),
    'INVALID_ARGUMENT: grantJson/scope publishing',
  ],
  // The grant id, the key of the record.
  ['an empty grant id', '', json({ grantee: ORG2 }), 'INVALID_ARGUMENT: grantId must be'],
  ['a grant id with a slash', 'g/1', json({ grantee: ORG2 }), 'INVALID_ARGUMENT: grantId'],
  ['a grant id of 65 characters', 'g'.repeat(65), json({ grantee: ORG2 }), 'INVALID_ARGUMENT'],
  ['a grant id with a NUL', 'g\u00001', json({ grantee: ORG2 }), 'INVALID_ARGUMENT: grantId'],
  // The request: JSON, its keys, the grantee.
  ['text that is not JSON', 'g-2', 'grantee=Org2MSP', 'INVALID_ARGUMENT: grantJson is not valid'],
  ['a JSON array', 'g-2', '[]', 'INVALID_ARGUMENT: grantJson must be a JSON object'],
  ['no grantee', 'g-2', '{}', 'INVALID_ARGUMENT: grantJson/grantee is required'],
  [
    'a granter given as an argument',
    'g-2',
    json({ grantee: ORG2, granterMspId: 'Org3MSP' }),
    'INVALID_ARGUMENT: grantJson/granterMspId is not allowed here',
  ],
  ['a grantee that is no MSP id', 'g-2', json({ grantee: 'Org 2' }), 'INVALID_ARGUMENT'],
  ['a grantee that is not a string', 'g-2', json({ grantee: 2 }), 'INVALID_ARGUMENT'],
  // The scope.
  [
    'an unknown scope kind',
    'g-2',
    json({ grantee: ORG2, scope: { kind: 'brand', value: 'x' } }),
    'INVALID_ARGUMENT: grantJson/scope/kind must be one of all, companyPrefix, gtin, lot',
  ],
  ['a scope that is a string', 'g-2', json({ grantee: ORG2, scope: 'all' }), 'INVALID_ARGUMENT'],
  [
    'a value on an all scope',
    'g-2',
    json({ grantee: ORG2, scope: { kind: 'all', value: GTIN } }),
    'INVALID_ARGUMENT: grantJson/scope/value is not allowed here',
  ],
  [
    'a company prefix of 5 digits',
    'g-2',
    json({ grantee: ORG2, scope: { kind: 'companyPrefix', value: '40123' } }),
    'INVALID_ARGUMENT: grantJson/scope/value must be 6 to 12 digits',
  ],
  [
    'a company prefix of 13 digits',
    'g-2',
    json({ grantee: ORG2, scope: { kind: 'companyPrefix', value: '4012345123456' } }),
    'INVALID_ARGUMENT: grantJson/scope/value',
  ],
  [
    'a GTIN with a wrong check digit',
    'g-2',
    json(gtin('04012345123457')),
    'INVALID_ARGUMENT: grantJson/scope/value must be a GTIN-14 with a valid check digit',
  ],
  ['a GTIN-13, not padded to 14', 'g-2', json(gtin('4012345123456')), 'INVALID_ARGUMENT'],
  ['a GTIN missing', 'g-2', json({ grantee: ORG2, scope: { kind: 'gtin' } }), 'INVALID_ARGUMENT'],
  [
    'a lot on a GTIN scope',
    'g-2',
    json({ grantee: ORG2, scope: { kind: 'gtin', value: GTIN, lot: LOT } }),
    'INVALID_ARGUMENT: grantJson/scope/lot is not allowed here',
  ],
  ...['', 'L'.repeat(21), 'L 1', 'L#1', 'Lé'].map((lot): [string, string, string, string] => [
    `the lot '${lot}'`,
    'g-2',
    json({ grantee: ORG2, scope: { kind: 'lot', value: GTIN, lot } }),
    "INVALID_ARGUMENT: grantJson/scope/lot must be 1 to 20 characters of GS1's CSET 82 (AI 10)",
  ]),
  [
    'a lot of a GTIN with a wrong check digit',
    'g-2',
    json({ grantee: ORG2, scope: { kind: 'lot', value: '04012345123450', lot: LOT } }),
    'INVALID_ARGUMENT: grantJson/scope/value',
  ],
  // The expiry's form: ISO 8601 UTC only, and a date that exists.
  ...[
    '2027-01-01',
    '2027-01-01T00:00:00+08:00',
    '2027-02-30T00:00:00Z',
    '2027-01-01T24:00:00Z',
    1798761600000,
    null,
  ].map((expiresAt): [string, string, string, string] => [
    `the expiry ${String(expiresAt)}`,
    'g-2',
    json({ grantee: ORG2, expiresAt }),
    'INVALID_ARGUMENT: grantJson/expiresAt must be an ISO 8601 UTC date-time',
  ]),
];

describe('TraceAccess grant refusals: each refused, nothing written', () => {
  it.each(REFUSALS)('refuses %s', async (_name, grantId, grantJson, refusal) => {
    const world = new TraceAccessWorld();
    await world.grant('g-1', { grantee: ORG2 });
    const before = world.snapshot();

    await expect(
      world.contract.grant(world.ctx(people.quality), grantId, grantJson),
    ).rejects.toThrow(refusal);
    expect(world.snapshot()).toBe(before);
  });

  it('refuses an identity whose certificate names no one, since a grant needs an author', async () => {
    const world = new TraceAccessWorld();
    const nameless = world.ledger.context(ORG1, new Date(T0), {
      clientId: 'x509::/OU=client::/CN=ca.org1.pujiang.test',
    });

    await expect(world.contract.grant(nameless, 'g-1', json({ grantee: ORG2 }))).rejects.toThrow(
      /^FORBIDDEN: /,
    );
    expect(world.ledger.state.size).toBe(0);
    expect(world.ledger.events).toHaveLength(0);
  });
});
