import {
  AccessGrant,
  AccessQuery,
  AccessScope,
  PUBLISHABLE_SCOPE_KINDS,
  grantCovers,
} from '../../../libs/contracts/src/ledger';
import { GTIN, LOT, ORG1, ORG2, ORG3, OTHER_GTIN, PREFIX, T0 } from '../testing/trace-access-world';

const PUBLIC = 'PUBLIC';
/** The same company and item reference as GTIN, packed at another level (indicator 1). */
const CASE_GTIN = '14012345123453';
const EXPIRY = '2026-12-01T00:00:00.000Z';
const REVOCATION = '2026-11-28T12:00:00.000Z';
const BEFORE = (iso: string): string => new Date(Date.parse(iso) - 1).toISOString();

const ALL: AccessScope = { kind: 'all' };
const BY_PREFIX: AccessScope = { kind: 'companyPrefix', value: PREFIX };
const BY_GTIN: AccessScope = { kind: 'gtin', value: GTIN };
const BY_LOT: AccessScope = { kind: 'lot', value: GTIN, lot: LOT };

/** Org1 lets Org2 see all it captures, from T0, for good. */
const GRANT: AccessGrant = {
  grantId: 'g-1',
  granterMspId: ORG1,
  grantee: ORG2,
  scope: ALL,
  grantedAt: T0,
  grantedBy: `${ORG1}::quality@org1.pujiang.test`,
  txId: 'tx-1',
};
/** Org2 looks, two days later, at an event Org1 captured about a lot of GTIN. */
const QUERY: AccessQuery = {
  viewer: ORG2,
  capturingOrganisation: ORG1,
  gtin14: GTIN,
  lot: LOT,
  at: '2026-11-25T00:00:00.000Z',
};

type Row = [
  name: string,
  grant: Partial<AccessGrant>,
  query: Partial<AccessQuery>,
  covers: boolean,
];

const WHO: Row[] = [
  ['the grantee, for an event of the granter', {}, {}, true],
  ['another organisation', {}, { viewer: ORG3 }, false],
  ['the granter itself: its own events need no grant', {}, { viewer: ORG1 }, false],
  ['an event another organisation captured', {}, { capturingOrganisation: ORG3 }, false],
  ['an event the grantee captured', {}, { capturingOrganisation: ORG2 }, false],
  ['the public, through a grant to an organisation', {}, { viewer: PUBLIC }, false],
];

const PUBLISHING: Row[] = [
  [
    'the public, by company prefix',
    { grantee: PUBLIC, scope: BY_PREFIX },
    { viewer: PUBLIC },
    true,
  ],
  ['the public, by GTIN', { grantee: PUBLIC, scope: BY_GTIN }, { viewer: PUBLIC }, true],
  ['an organisation, through a publication', { grantee: PUBLIC, scope: BY_GTIN }, {}, false],
  [
    'the public, by an all scope (never honoured)',
    { grantee: PUBLIC, scope: ALL },
    { viewer: PUBLIC },
    false,
  ],
  [
    'the public, by a lot scope (never honoured)',
    { grantee: PUBLIC, scope: BY_LOT },
    { viewer: PUBLIC },
    false,
  ],
];

const TIME: Row[] = [
  ['at the instant of the grant', {}, { at: T0 }, true],
  ['a millisecond before the grant', {}, { at: BEFORE(T0) }, false],
  ['a millisecond before the expiry', { expiresAt: EXPIRY }, { at: BEFORE(EXPIRY) }, true],
  ['at the expiry', { expiresAt: EXPIRY }, { at: EXPIRY }, false],
  [
    'at the expiry, written without milliseconds',
    { expiresAt: EXPIRY },
    { at: '2026-12-01T00:00:00Z' },
    false,
  ],
  [
    'at the expiry, written with an offset',
    { expiresAt: EXPIRY },
    { at: '2026-12-01T08:00:00+08:00' },
    false,
  ],
  ['after the expiry', { expiresAt: EXPIRY }, { at: '2027-01-01T00:00:00.000Z' }, false],
  ['before a later revocation: it was in force then', { revokedAt: REVOCATION }, {}, true],
  [
    'a millisecond before the revocation',
    { revokedAt: REVOCATION },
    { at: BEFORE(REVOCATION) },
    true,
  ],
  ['at the revocation', { revokedAt: REVOCATION }, { at: REVOCATION }, false],
  ['after the revocation', { revokedAt: REVOCATION }, { at: BEFORE(EXPIRY) }, false],
  [
    'revoked before it would have expired',
    { revokedAt: REVOCATION, expiresAt: EXPIRY },
    { at: BEFORE(EXPIRY) },
    false,
  ],
  ['an unreadable instant', {}, { at: 'yesterday' }, false],
  ['an empty instant', {}, { at: '' }, false],
];

const SCOPE: Row[] = [
  ['all, for an event that names no trade item', {}, { gtin14: undefined, lot: undefined }, true],
  ['a company prefix, for a GTIN of it', { scope: BY_PREFIX }, {}, true],
  [
    'a company prefix, for a GTIN of it at another packing level',
    { scope: BY_PREFIX },
    { gtin14: CASE_GTIN },
    true,
  ],
  [
    'a 12-digit company prefix, for its one item reference',
    { scope: { kind: 'companyPrefix', value: '401234512345' } },
    {},
    true,
  ],
  [
    'a company prefix, for another company’s GTIN',
    { scope: BY_PREFIX },
    { gtin14: OTHER_GTIN },
    false,
  ],
  [
    'a company prefix read from the indicator digit',
    { scope: { kind: 'companyPrefix', value: '040123' } },
    {},
    false,
  ],
  [
    'a company prefix, for an event that names no trade item',
    { scope: BY_PREFIX },
    { gtin14: undefined },
    false,
  ],
  ['a GTIN, for any lot of it', { scope: BY_GTIN }, { lot: 'ANOTHER' }, true],
  ['a GTIN, for an event without a lot', { scope: BY_GTIN }, { lot: undefined }, true],
  ['a GTIN, for another GTIN', { scope: BY_GTIN }, { gtin14: OTHER_GTIN }, false],
  ['a GTIN, for the case GTIN of the same item', { scope: BY_GTIN }, { gtin14: CASE_GTIN }, false],
  [
    'a GTIN, for an event that names no trade item',
    { scope: BY_GTIN },
    { gtin14: undefined },
    false,
  ],
  ['a lot, for that lot', { scope: BY_LOT }, {}, true],
  ['a lot, for another lot of the GTIN', { scope: BY_LOT }, { lot: 'L-2026/12' }, false],
  [
    'a lot, for the same lot number of another GTIN',
    { scope: BY_LOT },
    { gtin14: OTHER_GTIN },
    false,
  ],
  ['a lot, for its GTIN without a lot', { scope: BY_LOT }, { lot: undefined }, false],
  [
    'a lot, whose number differs only in case',
    { scope: BY_LOT },
    { lot: LOT.toLowerCase() },
    false,
  ],
];

function covers(grant: Partial<AccessGrant>, query: Partial<AccessQuery>): boolean {
  return grantCovers({ ...GRANT, ...grant }, { ...QUERY, ...query });
}

describe('grantCovers', () => {
  describe.each([
    ['who', WHO],
    ['publishing', PUBLISHING],
    ['time', TIME],
    ['scope', SCOPE],
  ])('%s', (_group, rows) => {
    it.each(rows)('%s → %s', (_name, grant, query, expected) => {
      expect(covers(grant, query)).toBe(expected);
    });
  });

  /** What ends a grant ends it whatever its scope. */
  const ENDINGS: [name: string, grant: Partial<AccessGrant>, query: Partial<AccessQuery>][] = [
    ['another viewer', {}, { viewer: ORG3 }],
    ['another capturing organisation', {}, { capturingOrganisation: ORG3 }],
    ['before the grant', {}, { at: BEFORE(T0) }],
    ['at its expiry', { expiresAt: QUERY.at }, {}],
    ['at its revocation', { revokedAt: QUERY.at }, {}],
  ];

  describe.each([ALL, BY_PREFIX, BY_GTIN, BY_LOT])(
    'a $kind scope that covers the event',
    (scope) => {
      it('covers it while in force', () => {
        expect(covers({ scope }, {})).toBe(true);
      });

      it.each(ENDINGS)('does not cover it for %s', (_name, grant, query) => {
        expect(covers({ ...grant, scope }, query)).toBe(false);
      });
    },
  );

  it.each(
    [ALL, BY_PREFIX, BY_GTIN, BY_LOT].flatMap((scope) =>
      [PUBLIC, ORG2].map((viewer) => ({ scope, viewer })),
    ),
  )(
    'a publication by $scope.kind covers $viewer only if publishable and public',
    ({ scope, viewer }) => {
      const expected = viewer === PUBLIC && PUBLISHABLE_SCOPE_KINDS.includes(scope.kind);
      expect(covers({ grantee: PUBLIC, scope }, { viewer })).toBe(expected);
    },
  );
});
