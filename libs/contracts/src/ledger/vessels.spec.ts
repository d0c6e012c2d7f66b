import {
  CLASS_TRANSITIONS,
  ClassStatus,
  MasterVerdictReason,
  SeafarerCertificateKind,
  ShipboardCapacity,
  VESSEL_ACTION_ROLES,
  VESSEL_TRANSITIONS,
  VesselAction,
  VesselCertificateKind,
  VesselStatus,
  certificateCommitment,
  crewCertificateValidAt,
  masterCertificationAt,
  seafarerPseudonym,
  vesselStateAt,
  type CrewListRecord,
  type SeafarerCertificateRecord,
  type VesselCertificate,
  type VesselRecord,
} from './vessels';

const owner = { mspId: 'Org1MSP', name: 'Huangpu Bulk Shipping Co.' };
const buyer = { mspId: 'Org2MSP', name: 'Elbe Tramp Owners GmbH' };
const by = 'Org1MSP::Registry@org1.pujiang.test';

function certificate(
  kind: VesselCertificateKind,
  validFrom: string,
  validUntil: string,
): VesselCertificate {
  return {
    kind,
    certificateNumber: `${kind}-1`,
    documentSha256: 'a'.repeat(64),
    validFrom,
    validUntil,
    issuedBy: by,
    recordedAt: validFrom,
    txId: 'tx',
  };
}

const record: VesselRecord = {
  imoNumber: '9811000',
  status: VesselStatus.registered,
  names: [
    { value: 'Pujiang Pioneer', from: '2024-01-01T00:00:00.000Z' },
    { value: 'Elbe Pioneer', from: '2026-03-01T00:00:00.000Z' },
  ],
  grossTonnages: [{ value: 41_230, from: '2024-01-01T00:00:00.000Z' }],
  registrations: [
    {
      value: {
        flag: 'LR',
        flagStateMsp: 'Org1MSP',
        portOfRegistry: 'Monrovia',
        until: '2025-06-01T00:00:00.000Z',
      },
      from: '2024-01-01T00:00:00.000Z',
    },
    {
      value: { flag: 'PA', flagStateMsp: 'Org2MSP', portOfRegistry: 'Panama' },
      from: '2025-07-01T00:00:00.000Z',
    },
  ],
  owners: [
    { value: owner, from: '2024-01-01T00:00:00.000Z' },
    { value: buyer, from: '2026-03-01T00:00:00.000Z' },
  ],
  managers: [],
  classes: [
    {
      value: { status: ClassStatus.inClass, society: 'Yangtze Register', societyMsp: 'Org2MSP' },
      from: '2024-02-01T00:00:00.000Z',
    },
    {
      value: { status: ClassStatus.suspended, society: 'Yangtze Register', societyMsp: 'Org2MSP' },
      from: '2026-01-10T00:00:00.000Z',
    },
  ],
  certificates: [
    certificate(VesselCertificateKind.ism, '2024-02-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z'),
    {
      ...certificate(
        VesselCertificateKind.isps,
        '2024-02-01T00:00:00.000Z',
        '2029-02-01T00:00:00.000Z',
      ),
      withdrawnFrom: '2025-12-01T00:00:00.000Z',
    },
  ],
  history: [],
};

describe('vesselStateAt', () => {
  it('reads each field as it stood at the time', () => {
    const early = vesselStateAt(record, '2024-06-01T00:00:00.000Z');
    expect(early).toMatchObject({
      registered: true,
      name: 'Pujiang Pioneer',
      grossTonnage: 41_230,
      owner,
      classStatus: ClassStatus.inClass,
      classSociety: 'Yangtze Register',
    });
    expect(early.registration?.flag).toBe('LR');
    expect(Object.keys(early.validCertificates).sort()).toEqual(['ISM', 'ISPS']);

    const late = vesselStateAt(record, '2026-04-01T00:00:00.000Z');
    expect(late).toMatchObject({
      registered: true,
      name: 'Elbe Pioneer',
      owner: buyer,
      classStatus: ClassStatus.suspended,
    });
    expect(late.registration?.flag).toBe('PA');
    expect(late.validCertificates).toEqual({});
  });

  it('is unregistered before the first registration and between flags', () => {
    expect(vesselStateAt(record, '2023-12-31T23:59:59.999Z')).toMatchObject({
      registered: false,
      classStatus: ClassStatus.notClassed,
      validCertificates: {},
    });
    expect(vesselStateAt(record, '2025-06-15T00:00:00.000Z').registered).toBe(false);
  });

  it('treats validity as half-open and a withdrawal as the end', () => {
    expect(vesselStateAt(record, '2025-01-31T23:59:59.999Z').validCertificates.ISM).toBeDefined();
    expect(vesselStateAt(record, '2025-02-01T00:00:00.000Z').validCertificates.ISM).toBeUndefined();
    expect(vesselStateAt(record, '2025-11-30T23:59:59.999Z').validCertificates.ISPS).toBeDefined();
    expect(
      vesselStateAt(record, '2025-12-01T00:00:00.000Z').validCertificates.ISPS,
    ).toBeUndefined();
  });
});

describe('the vessel tables', () => {
  it('name a role for every action, and refuse everything but REGISTER and WITHDRAW_CLASS once deregistered', () => {
    for (const action of Object.values(VesselAction))
      expect(VESSEL_ACTION_ROLES[action].length).toBeGreaterThan(0);
    expect(Object.keys(VESSEL_TRANSITIONS.DEREGISTERED).sort()).toEqual([
      'REGISTER',
      'WITHDRAW_CLASS',
    ]);
    expect(VESSEL_TRANSITIONS.REGISTERED.REGISTER).toBeUndefined();
  });

  it('let class be assigned only when none is in force', () => {
    const assignFrom = Object.entries(CLASS_TRANSITIONS)
      .filter(([, actions]) => actions.ASSIGN_CLASS !== undefined)
      .map(([status]) => status);
    expect(assignFrom.sort()).toEqual([ClassStatus.notClassed, ClassStatus.withdrawn]);
  });
});

describe('crew certification', () => {
  const identity = { identitySalt: 'b'.repeat(64), nationality: 'PH', document: 'P1234567' };
  const master = seafarerPseudonym(identity.identitySalt, identity.nationality, identity.document);

  function cert(
    kind: SeafarerCertificateRecord['kind'],
    validUntil: string,
    capacity?: ShipboardCapacity,
  ): SeafarerCertificateRecord {
    return {
      seafarerId: master,
      certificateRef: `${kind}-${validUntil}`,
      kind,
      ...(capacity === undefined ? {} : { capacity }),
      validFrom: '2024-01-01T00:00:00.000Z',
      validUntil,
      commitment: 'c'.repeat(64),
      employerMsp: 'Org1MSP',
      recordedBy: by,
      recordedAt: '2024-01-01T00:00:00.000Z',
      txId: 'tx',
    };
  }
  const list: CrewListRecord = {
    imoNumber: '9811000',
    voyageId: 'V001',
    from: '2026-01-01T00:00:00.000Z',
    until: '2026-02-01T00:00:00.000Z',
    crew: [{ seafarerId: master, rank: ShipboardCapacity.master }],
    employerMsp: 'Org1MSP',
    recordedBy: by,
    recordedAt: '2026-01-01T00:00:00.000Z',
    txId: 'tx',
  };
  const certificates = [
    cert(SeafarerCertificateKind.competency, '2029-01-01T00:00:00.000Z', ShipboardCapacity.master),
    cert(SeafarerCertificateKind.medical, '2026-01-20T00:00:00.000Z'),
  ];
  const of = (id: string) => (id === master ? certificates : []);

  it('a pseudonym depends on every part of the identity and its salt', () => {
    expect(master).toMatch(/^[0-9a-f]{64}$/);
    expect(seafarerPseudonym('c'.repeat(64), 'PH', 'P1234567')).not.toBe(master);
    expect(seafarerPseudonym(identity.identitySalt, 'PH', 'P1234568')).not.toBe(master);
  });

  it('a commitment changes with the salt', () => {
    const details = {
      salt: '1'.repeat(64),
      seafarerId: master,
      certificateRef: 'C1',
      kind: SeafarerCertificateKind.medical,
      validFrom: '2024-01-01T00:00:00.000Z',
      validUntil: '2026-01-01T00:00:00.000Z',
      familyName: 'Santos',
      givenNames: 'Maria',
      dateOfBirth: '1980-02-02',
      nationality: 'PH',
      certificateNumber: 'M-1',
      issuingAuthority: 'MARINA',
    };
    expect(certificateCommitment(details)).not.toBe(
      certificateCommitment({ ...details, salt: '2'.repeat(64) }),
    );
  });

  it('validity is half-open', () => {
    const c = certificates[1];
    expect(crewCertificateValidAt(c, '2026-01-19T23:59:59.999Z')).toBe(true);
    expect(crewCertificateValidAt(c, '2026-01-20T00:00:00.000Z')).toBe(false);
    expect(crewCertificateValidAt(c, '2023-12-31T23:59:59.999Z')).toBe(false);
  });

  it('says yes with both commitments while competency and medical fitness are valid', () => {
    const verdict = masterCertificationAt('9811000', '2026-01-10T00:00:00.000Z', [list], of);
    expect(verdict).toMatchObject({
      certified: true,
      reason: MasterVerdictReason.certified,
      voyageId: 'V001',
      seafarerId: master,
    });
    expect(verdict.evidence.map((e) => e.kind)).toEqual([
      SeafarerCertificateKind.competency,
      SeafarerCertificateKind.medical,
    ]);
  });

  it('says no once the medical fitness has expired', () => {
    const verdict = masterCertificationAt('9811000', '2026-01-25T00:00:00.000Z', [list], of);
    expect(verdict).toMatchObject({ certified: false, reason: MasterVerdictReason.noMedical });
  });

  it('says no without a crew list, or without a master on it', () => {
    expect(masterCertificationAt('9811000', '2026-03-01T00:00:00.000Z', [list], of).reason).toBe(
      MasterVerdictReason.noCrewList,
    );
    expect(masterCertificationAt('9321483', '2026-01-10T00:00:00.000Z', [list], of).reason).toBe(
      MasterVerdictReason.noCrewList,
    );
    const noMaster = { ...list, crew: [{ seafarerId: master, rank: ShipboardCapacity.chiefMate }] };
    expect(
      masterCertificationAt('9811000', '2026-01-10T00:00:00.000Z', [noMaster], of).reason,
    ).toBe(MasterVerdictReason.noMaster);
  });

  it('says no when the competency is not a master’s', () => {
    const mate = [
      cert(
        SeafarerCertificateKind.competency,
        '2029-01-01T00:00:00.000Z',
        ShipboardCapacity.chiefMate,
      ),
      certificates[1],
    ];
    const verdict = masterCertificationAt(
      '9811000',
      '2026-01-10T00:00:00.000Z',
      [list],
      () => mate,
    );
    expect(verdict.reason).toBe(MasterVerdictReason.noCompetency);
  });

  it('takes the crew list that started last when two cover the time', () => {
    const relief = { ...list, voyageId: 'V002', from: '2026-01-15T00:00:00.000Z', crew: [] };
    expect(
      masterCertificationAt('9811000', '2026-01-16T00:00:00.000Z', [relief, list], of),
    ).toMatchObject({ voyageId: 'V002', reason: MasterVerdictReason.noMaster });
  });
});
