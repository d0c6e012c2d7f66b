import {
  VesselAction,
  certificateCommitment,
  employerCollection,
  seafarerPseudonym,
  type SeafarerCertificateDetails,
  type SeafarerCertificateRecord,
} from '../../../libs/contracts/src/ledger';
import { callerOf } from '../testing/people';
import {
  IMO,
  MASTER_IDENTITY,
  ORG1,
  PersonName,
  T0,
  VesselsWorld,
  daysAfter,
  hoursAfter,
  people,
  seafarerCertificate,
} from '../testing/vessels-world';

const MASTER = seafarerPseudonym(
  MASTER_IDENTITY.identitySalt,
  MASTER_IDENTITY.nationality,
  MASTER_IDENTITY.identityDocument,
);
const PERSONAL = [
  MASTER_IDENTITY.familyName,
  MASTER_IDENTITY.givenNames,
  MASTER_IDENTITY.dateOfBirth,
  MASTER_IDENTITY.identityDocument,
  MASTER_IDENTITY.identitySalt,
  'PH-COC-0099887',
  '22'.repeat(32),
];

function crewList(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    voyageId: 'PJ-2026-041',
    from: daysAfter(1),
    until: daysAfter(30),
    crew: [
      { seafarerId: MASTER, rank: 'MASTER' },
      { seafarerId: 'cd'.repeat(32), rank: 'CHIEF_ENGINEER' },
    ],
    ...overrides,
  });
}

/** A registered vessel managed by Org1's manager, its master's COC and medical recorded, and a crew list. */
async function crewedVessel(medicalUntil = '2027-01-01T00:00:00.000Z'): Promise<VesselsWorld> {
  const world = new VesselsWorld();
  await world.reach();
  await world.recordSeafarerCertificate();
  await world.recordSeafarerCertificate(
    seafarerCertificate({
      certificateRef: 'MED-1',
      kind: 'MEDICAL_FITNESS',
      capacity: undefined,
      validUntil: medicalUntil,
      certificateNumber: 'PH-MED-5544',
      issuingAuthority: 'St Luke’s Medical Center, Manila',
    }),
  );
  await world.recordCrewList(crewList());
  return world;
}

describe('Vessels crew: seafarers’ certificates as salted commitments', () => {
  it('keeps personal data in the employer’s collection and a commitment to it on the ledger', async () => {
    const world = new VesselsWorld();
    const record = await world.recordSeafarerCertificate();
    expect(record).toMatchObject({
      seafarerId: MASTER,
      certificateRef: 'COC-1',
      kind: 'STCW_COC',
      capacity: 'MASTER',
      employerMsp: ORG1,
    });
    const publicState = JSON.stringify(
      [...world.ledger.state.values()].map((v) => Buffer.from(v).toString()),
    );
    for (const field of PERSONAL) expect(publicState).not.toContain(field);

    const privateValues = [
      ...(world.ledger.privateState.get(employerCollection(ORG1))?.values() ?? []),
    ];
    expect(privateValues).toHaveLength(1);
    const details = JSON.parse(
      Buffer.from(privateValues[0]).toString(),
    ) as SeafarerCertificateDetails;
    expect(details).toMatchObject({
      familyName: 'Santos',
      seafarerId: MASTER,
      salt: '22'.repeat(32),
    });
    expect(details).not.toHaveProperty('identitySalt');
    expect(details).not.toHaveProperty('identityDocument');
    // The insurer who is shown the details recomputes the commitment.
    expect(certificateCommitment(details)).toBe(record.commitment);
  });

  it.each(
    (Object.keys(people) as PersonName[]).filter((n) => n !== 'manager' && n !== 'otherManager'),
  )('a seafarer’s certificate recorded by %s is refused', async (name) => {
    const world = new VesselsWorld();
    await expect(world.recordSeafarerCertificate(undefined, people[name])).rejects.toThrow(
      /^FORBIDDEN: (only a ship manager|the invoking identity)/,
    );
    expect(world.snapshot()).toBe(new VesselsWorld().snapshot());
  });

  it('the employer’s manager reads the details back to open the commitment; nobody else', async () => {
    const world = new VesselsWorld();
    const record = await world.recordSeafarerCertificate();
    const read = (by: PersonName) =>
      world.contract.readSeafarerCertificateDetails(world.ctx(people[by]), MASTER, 'COC-1');
    const details = JSON.parse(await read('manager')) as SeafarerCertificateDetails;
    expect(certificateCommitment(details)).toBe(record.commitment);
    await expect(read('otherManager')).rejects.toThrow(/^NOT_FOUND: no details/);
    await expect(read('otherInsurer')).rejects.toThrow(/^FORBIDDEN: only a ship manager/);
  });

  it('records a certificate once', async () => {
    const world = new VesselsWorld();
    await world.recordSeafarerCertificate();
    const before = world.snapshot();
    await expect(world.recordSeafarerCertificate()).rejects.toThrow(/^ALREADY_EXISTS/);
    expect(world.snapshot()).toBe(before);
  });

  it.each([
    ['no details', undefined],
    ['a COC without capacity', seafarerCertificate({ capacity: undefined })],
    ['a medical with a capacity', seafarerCertificate({ kind: 'MEDICAL_FITNESS' })],
    ['a short salt', seafarerCertificate({ salt: 'ab' })],
    ['validity backwards', seafarerCertificate({ validUntil: '2024-01-01T00:00:00.000Z' })],
    ['a date of birth that is not a date', seafarerCertificate({ dateOfBirth: '12/04/1979' })],
  ])('refuses %s with INVALID_ARGUMENT', async (_, details) => {
    const world = new VesselsWorld();
    const ctx = world.ctx(people.manager, undefined, details === undefined ? {} : { details });
    await expect(world.contract.recordSeafarerCertificateDetails(ctx)).rejects.toThrow(
      /^INVALID_ARGUMENT/,
    );
    expect(world.snapshot()).toBe(new VesselsWorld().snapshot());
  });
});

describe('Vessels crew: the public record is bound to the private details by their hash', () => {
  it.each([['another commitment', { commitment: 'ee'.repeat(32) }]])(
    'refuses a publication with %s, writing nothing public',
    async (_, change) => {
      const world = new VesselsWorld();
      const publication = JSON.parse(await world.recordDetails()) as Record<string, unknown>;
      const before = world.snapshot();
      const tampered = JSON.stringify({ ...publication, ...change });
      await expect(
        world.contract.recordSeafarerCertificate(world.ctx(people.manager), tampered),
      ).rejects.toThrow(/^INVALID_ARGUMENT: the commitment/);
      expect(world.snapshot()).toBe(before);
    },
  );

  it('refuses a publication whose details are not in the employer’s collection', async () => {
    const world = new VesselsWorld();
    const publication = await world.recordDetails();
    await expect(
      world.contract.recordSeafarerCertificate(world.ctx(people.otherManager), publication),
    ).rejects.toThrow(/^NOT_FOUND: no details of certificate COC-1/);
  });

  it('a peer outside the collection checks the commitment against the hash alone', async () => {
    const world = new VesselsWorld();
    const publication = await world.recordDetails();
    const onOrg2Peer = world.ledger.context(ORG1, new Date(T0), callerOf(people.manager), {
      peerMspId: 'Org2MSP',
    });
    const record = JSON.parse(
      await world.contract.recordSeafarerCertificate(onOrg2Peer, publication),
    ) as SeafarerCertificateRecord;
    expect(record.commitment).toBe((JSON.parse(publication) as { commitment: string }).commitment);
  });

  // A read of the details would make Fabric's gateway ask only the collection's
  // members to endorse, which the MAJORITY policy cannot satisfy.
  it('never reads the details themselves, only their hash', async () => {
    const world = new VesselsWorld();
    const publication = await world.recordDetails();
    const ctx = world.ctx(people.manager);
    ctx.stub.getPrivateData = () => Promise.reject(new Error('read the private details'));
    await expect(world.contract.recordSeafarerCertificate(ctx, publication)).resolves.toContain(
      '"commitment"',
    );
  });
});

describe('Vessels crew lists', () => {
  it('are recorded by the vessel’s manager, pseudonyms and ranks only', async () => {
    const world = new VesselsWorld();
    await world.reach();
    const list = await world.recordCrewList(crewList());
    expect(list).toMatchObject({ imoNumber: IMO, voyageId: 'PJ-2026-041', employerMsp: ORG1 });
    expect(world.ledger.events.at(-1)?.name).toBe('CrewListRecorded');
    const read = await world.contract.readCrewList(
      world.ctx(people.otherInsurer),
      IMO,
      'PJ-2026-041',
    );
    expect(JSON.parse(read)).toEqual(list);
  });

  it.each((Object.keys(people) as PersonName[]).filter((n) => n !== 'manager'))(
    'a crew list recorded by %s is refused',
    async (name) => {
      const world = new VesselsWorld();
      await world.reach();
      const before = world.snapshot();
      await expect(world.recordCrewList(crewList(), people[name])).rejects.toThrow(/^FORBIDDEN/);
      expect(world.snapshot()).toBe(before);
    },
  );

  it('no crew list before a manager is appointed, nor twice for a voyage, nor on a deregistered vessel', async () => {
    const world = new VesselsWorld();
    await world.register();
    await expect(world.recordCrewList(crewList())).rejects.toThrow(/an appointed manager/);
    await world.act(VesselAction.appointManager, people.owner, hoursAfter(0.5));
    await world.recordCrewList(crewList());
    await expect(world.recordCrewList(crewList())).rejects.toThrow(/^ALREADY_EXISTS/);
    await world.act(VesselAction.deregister, people.flagState, hoursAfter(2));
    await expect(
      world.recordCrewList(crewList({ voyageId: 'V2' }), people.manager, hoursAfter(3)),
    ).rejects.toThrow(/^INVALID_STATE/);
  });

  it.each([
    [
      'two masters',
      {
        crew: [
          { seafarerId: MASTER, rank: 'MASTER' },
          { seafarerId: 'ef'.repeat(32), rank: 'MASTER' },
        ],
      },
    ],
    [
      'a seafarer twice',
      {
        crew: [
          { seafarerId: MASTER, rank: 'MASTER' },
          { seafarerId: MASTER, rank: 'RATING' },
        ],
      },
    ],
    ['a name for a seafarer', { crew: [{ seafarerId: 'Maria Santos', rank: 'MASTER' }] }],
    ['an empty crew', { crew: [] }],
    ['until before from', { until: daysAfter(0) }],
  ])('refuses %s', async (_, overrides) => {
    const world = new VesselsWorld();
    await world.reach();
    await expect(world.recordCrewList(crewList(overrides))).rejects.toThrow(/^INVALID_ARGUMENT/);
  });
});

describe('Vessels: did the master hold a valid certificate on date D?', () => {
  it('answers yes to another organisation’s insurer, with the commitments, no personal field', async () => {
    const world = await crewedVessel();
    const verdict = await world.verifyMaster(daysAfter(5), people.otherInsurer);
    expect(verdict).toMatchObject({
      certified: true,
      reason: 'CERTIFIED',
      voyageId: 'PJ-2026-041',
      seafarerId: MASTER,
    });
    expect(verdict.evidence.map((e) => e.certificateRef)).toEqual(['COC-1', 'MED-1']);
    for (const field of PERSONAL) expect(JSON.stringify(verdict)).not.toContain(field);
  });

  it('answers no once the master’s medical fitness has expired', async () => {
    const world = await crewedVessel(daysAfter(3));
    expect(await world.verifyMaster(daysAfter(5))).toMatchObject({
      certified: false,
      reason: 'NO_VALID_MEDICAL_FITNESS',
    });
  });

  it('answers no outside any crew list', async () => {
    const world = await crewedVessel();
    expect(await world.verifyMaster(daysAfter(40))).toMatchObject({
      certified: false,
      reason: 'NO_CREW_LIST',
      evidence: [],
    });
  });

  it('ignores certificates another employer recorded for the same pseudonym', async () => {
    const world = new VesselsWorld();
    await world.reach();
    await world.recordSeafarerCertificate(undefined, people.otherManager);
    await world.recordCrewList(crewList());
    expect(await world.verifyMaster(daysAfter(5))).toMatchObject({
      certified: false,
      reason: 'NO_VALID_MASTER_COMPETENCY',
    });
  });
});
