import { AccessGrant, AccessScope, PUBLIC_GRANTEE } from '@pujiang/contracts';
import { AuthoredEvent } from '../domain/visibility';

/**
 * One table of who-sees-what cases, run through the TypeScript rule (unit)
 * and through the SQL predicate on real PostgreSQL (integration), so the two
 * forms of the rule cannot drift apart.
 */
export const AT = '2027-03-01T12:00:00.000Z';

const GTIN = '09520123456788';
const OTHER_GTIN = '09521234500009';
const lotOf = (gtin: string, lot: string) => `https://id.gs1.org/01/${gtin}/10/${lot}`;

export const EVENTS = {
  lotA: { capturingOrganisation: 'Org1MSP', identifiers: [lotOf(GTIN, 'A')] },
  lotB: { capturingOrganisation: 'Org1MSP', identifiers: [lotOf(GTIN, 'B')] },
  serial: {
    capturingOrganisation: 'Org1MSP',
    identifiers: [`https://id.gs1.org/01/${GTIN}/21/S1`],
  },
  otherProduct: { capturingOrganisation: 'Org1MSP', identifiers: [lotOf(OTHER_GTIN, 'A')] },
  pallet: {
    capturingOrganisation: 'Org1MSP',
    identifiers: [
      'https://id.gs1.org/00/095201234567890128',
      'https://id.gs1.org/414/9520123456771',
    ],
  },
  encodedLot: { capturingOrganisation: 'Org1MSP', identifiers: [lotOf(GTIN, 'LOT%282026%29')] },
  org2Lot: { capturingOrganisation: 'Org2MSP', identifiers: [lotOf(GTIN, 'A')] },
} satisfies Record<string, AuthoredEvent>;

export function grant(
  scope: AccessScope,
  overrides: Partial<AccessGrant> = {},
  grantee = 'Org2MSP',
): AccessGrant {
  return {
    grantId: `g-${Math.random().toString(36).slice(2)}`,
    granterMspId: 'Org1MSP',
    grantee,
    scope,
    grantedAt: '2027-01-01T00:00:00.000Z',
    grantedBy: 'Org1MSP::packer',
    txId: 'tx',
    ...overrides,
  };
}

export interface VisibilityCase {
  name: string;
  viewer: string;
  event: keyof typeof EVENTS;
  grants: AccessGrant[];
  visible: boolean;
}

const gtin = { kind: 'gtin', value: GTIN } as const;
const prefix = { kind: 'companyPrefix', value: '952012' } as const;

export const VISIBILITY_CASES: VisibilityCase[] = [
  { name: 'its own event, no grant', viewer: 'Org1MSP', event: 'lotA', grants: [], visible: true },
  {
    name: 'another’s event, no grant',
    viewer: 'Org2MSP',
    event: 'lotA',
    grants: [],
    visible: false,
  },
  {
    name: 'a GTIN grant covers a lot of it',
    viewer: 'Org2MSP',
    event: 'lotA',
    grants: [grant(gtin)],
    visible: true,
  },
  {
    name: 'a GTIN grant covers a serialised item of it',
    viewer: 'Org2MSP',
    event: 'serial',
    grants: [grant(gtin)],
    visible: true,
  },
  {
    name: 'a GTIN grant does not cover another GTIN',
    viewer: 'Org2MSP',
    event: 'otherProduct',
    grants: [grant(gtin)],
    visible: false,
  },
  {
    name: 'a GTIN grant does not cover an event naming no GTIN',
    viewer: 'Org2MSP',
    event: 'pallet',
    grants: [grant(gtin)],
    visible: false,
  },
  {
    name: 'scope all covers an event naming no GTIN',
    viewer: 'Org2MSP',
    event: 'pallet',
    grants: [grant({ kind: 'all' })],
    visible: true,
  },
  {
    name: 'a company prefix covers the GTIN digits after the indicator',
    viewer: 'Org2MSP',
    event: 'lotA',
    grants: [grant(prefix)],
    visible: true,
  },
  {
    name: 'a company prefix does not match the indicator digit',
    viewer: 'Org2MSP',
    event: 'lotA',
    grants: [grant({ kind: 'companyPrefix', value: '095201' })],
    visible: false,
  },
  {
    name: 'a lot grant covers its lot',
    viewer: 'Org2MSP',
    event: 'lotA',
    grants: [grant({ kind: 'lot', value: GTIN, lot: 'A' })],
    visible: true,
  },
  {
    name: 'a lot grant does not cover another lot',
    viewer: 'Org2MSP',
    event: 'lotB',
    grants: [grant({ kind: 'lot', value: GTIN, lot: 'A' })],
    visible: false,
  },
  {
    name: 'a lot grant matches a percent-encoded lot',
    viewer: 'Org2MSP',
    event: 'encodedLot',
    grants: [grant({ kind: 'lot', value: GTIN, lot: 'LOT(2026)' })],
    visible: true,
  },
  {
    name: 'a grant to another organisation',
    viewer: 'Org3MSP',
    event: 'lotA',
    grants: [grant(gtin)],
    visible: false,
  },
  {
    name: 'a grant covers only the granter’s events',
    viewer: 'Org2MSP',
    event: 'otherProduct',
    grants: [grant(gtin, { granterMspId: 'Org3MSP' })],
    visible: false,
  },
  {
    name: 'a revoked grant',
    viewer: 'Org2MSP',
    event: 'lotA',
    grants: [grant(gtin, { revokedAt: '2027-02-01T00:00:00.000Z' })],
    visible: false,
  },
  {
    name: 'a grant revoked later still holds now',
    viewer: 'Org2MSP',
    event: 'lotA',
    grants: [grant(gtin, { revokedAt: '2027-04-01T00:00:00.000Z' })],
    visible: true,
  },
  {
    name: 'an expired grant',
    viewer: 'Org2MSP',
    event: 'lotA',
    grants: [grant(gtin, { expiresAt: AT })],
    visible: false,
  },
  {
    name: 'a grant not yet in force',
    viewer: 'Org2MSP',
    event: 'lotA',
    grants: [grant(gtin, { grantedAt: '2027-03-02T00:00:00.000Z' })],
    visible: false,
  },
  {
    name: 'the public sees what is published by GTIN',
    viewer: PUBLIC_GRANTEE,
    event: 'lotA',
    grants: [grant(gtin, {}, PUBLIC_GRANTEE)],
    visible: true,
  },
  {
    name: 'the public owns no events',
    viewer: PUBLIC_GRANTEE,
    event: 'lotA',
    grants: [grant(gtin)],
    visible: false,
  },
  {
    name: 'a publication scoped all is never honoured',
    viewer: PUBLIC_GRANTEE,
    event: 'pallet',
    grants: [grant({ kind: 'all' }, {}, PUBLIC_GRANTEE)],
    visible: false,
  },
  {
    name: 'a publication scoped by lot is never honoured',
    viewer: PUBLIC_GRANTEE,
    event: 'lotA',
    grants: [grant({ kind: 'lot', value: GTIN, lot: 'A' }, {}, PUBLIC_GRANTEE)],
    visible: false,
  },
  {
    name: 'Org2’s own event under the same GTIN',
    viewer: 'Org2MSP',
    event: 'org2Lot',
    grants: [],
    visible: true,
  },
];
