import { ClaimNoticeInput, ClaimRecord, Warranty } from '../../../libs/contracts/src/ledger';
import { HASH, people } from '../testing/claims-world';
import {
  ALL_WARRANTIES,
  AREAS,
  GROUNDING,
  HullWorld,
  IMO,
  MEDICAL,
  certificate,
  crewList,
  seafarerCertificate,
  vesselCover,
  vesselRecord,
  voyageEvent,
} from '../testing/hull-world';

const CLAIM = '5f0c1e2d-3b4a-4c5d-9e8f-a1b2c3d4e5f6';
const LOSS_AT = GROUNDING.lossAt;

async function noticeIn(
  arrange: (world: HullWorld) => void | Promise<void>,
  warranties: Warranty[] = ALL_WARRANTIES,
  notice: Partial<ClaimNoticeInput> = {},
): Promise<ClaimRecord> {
  const world = new HullWorld();
  await world.createHullPolicy({}, vesselCover({ warranties }));
  world.putCompliantVessel();
  await arrange(world);
  return world.notify({ ...GROUNDING, claimId: CLAIM, ...notice });
}

/** The warranties found breached, in the policy's order. */
const breached = (claim: ClaimRecord) => claim.warrantyCheck?.breaches.map((b) => b.warranty);

describe('Claims: warranties checked at notice, as the ledger stood at the time of loss', () => {
  it('records a check with no breach for a compliant vessel', async () => {
    const claim = await noticeIn(() => undefined);
    expect(claim.warrantyCheck).toEqual({ at: LOSS_AT, warranties: ALL_WARRANTIES, breaches: [] });
    expect(claim.lossAt).toBe(LOSS_AT);
  });

  it('flags the ISM certificate that expired before the loss, with its number, validity, hash and tx', async () => {
    const claim = await noticeIn((world) =>
      world.putVessel(vesselRecord({ certificates: [certificate()] })),
    );
    expect(claim.warrantyCheck?.breaches).toEqual([
      {
        warranty: 'ISM_CERTIFICATE_VALID',
        finding: `ISM certificate SMC-0042 expired at 2026-11-15T00:00:00.000Z, before the loss at ${LOSS_AT}`,
        evidence: [
          {
            source: 'certificate',
            reference: 'SMC-0042',
            txId: 'tx-ism-2021',
            validFrom: '2021-11-15T00:00:00.000Z',
            validUntil: '2026-11-15T00:00:00.000Z',
            sha256: HASH('smc document'),
          },
        ],
      },
    ]);
  });

  it('flags an ISM certificate withdrawn before the loss, from the withdrawal', async () => {
    const withdrawn = certificate({
      validUntil: '2027-11-15T00:00:00.000Z',
      withdrawnFrom: '2026-11-19T00:00:00.000Z',
    });
    const claim = await noticeIn((world) =>
      world.putVessel(vesselRecord({ certificates: [withdrawn] })),
    );
    expect(claim.warrantyCheck?.breaches[0]).toMatchObject({
      warranty: 'ISM_CERTIFICATE_VALID',
      finding: expect.stringContaining('was withdrawn from 2026-11-19T00:00:00.000Z'),
      evidence: [{ validUntil: '2026-11-19T00:00:00.000Z' }],
    });
  });

  it('flags a vessel that never had an ISM certificate', async () => {
    const claim = await noticeIn((world) => world.putVessel(vesselRecord({ certificates: [] })));
    expect(claim.warrantyCheck?.breaches).toEqual([
      {
        warranty: 'ISM_CERTIFICATE_VALID',
        finding: `no ISM certificate of vessel ${IMO} was in force at ${LOSS_AT}`,
        evidence: [{ source: 'vessel', reference: IMO }],
      },
    ]);
  });

  it('does not flag an ISM certificate that expired only after the loss', async () => {
    const later = certificate({ validUntil: '2026-11-20T06:30:00.001Z' });
    const claim = await noticeIn((world) =>
      world.putVessel(vesselRecord({ certificates: [later] })),
    );
    expect(breached(claim)).toEqual([]);
  });

  it('flags class suspended before the loss, with the class change’s transaction', async () => {
    const record = vesselRecord();
    const suspended = vesselRecord({
      classes: [
        ...record.classes,
        {
          value: { status: 'SUSPENDED', societyMsp: 'Org1MSP', society: 'Pujiang Register' },
          from: '2026-11-19T00:00:00.000Z',
        },
      ],
      history: [
        ...record.history,
        { action: 'SUSPEND_CLASS', at: '2026-11-19T00:00:00.000Z', txId: 'tx-suspend', by: 'x' },
      ],
    });
    const claim = await noticeIn((world) => world.putVessel(suspended));
    expect(claim.warrantyCheck?.breaches).toEqual([
      {
        warranty: 'CLASS_MAINTAINED',
        finding: `class status at ${LOSS_AT} was SUSPENDED with Pujiang Register`,
        evidence: [{ source: 'vessel', reference: IMO, txId: 'tx-suspend' }],
      },
    ]);
  });

  it('does not flag class suspended only after the loss', async () => {
    const record = vesselRecord();
    const later = vesselRecord({
      classes: [
        ...record.classes,
        {
          value: { status: 'SUSPENDED', society: 'Pujiang Register' },
          from: '2026-11-21T00:00:00.000Z',
        },
      ],
    });
    expect(breached(await noticeIn((world) => world.putVessel(later)))).toEqual([]);
  });

  it('flags every vessel warranty of a ship with no record, and an uncertified master without a crew list', async () => {
    const world = new HullWorld();
    await world.createHullPolicy();
    const claim = await world.notify({ ...GROUNDING, claimId: CLAIM });
    expect(breached(claim)).toEqual([
      'CLASS_MAINTAINED',
      'ISM_CERTIFICATE_VALID',
      'MASTER_CERTIFIED',
    ]);
    expect(claim.warrantyCheck?.breaches[2]?.finding).toContain('NO_CREW_LIST');
  });

  it.each([
    [
      'no medical fitness',
      (world: HullWorld) =>
        world.putSeafarerCertificate({ ...MEDICAL(), validUntil: '2026-11-01T00:00:00.000Z' }),
      'NO_VALID_MEDICAL_FITNESS',
    ],
    [
      'a certificate of competency that expired',
      (world: HullWorld) =>
        world.putSeafarerCertificate(
          seafarerCertificate({ validUntil: '2026-11-20T06:00:00.000Z' }),
        ),
      'NO_VALID_MASTER_COMPETENCY',
    ],
    [
      'no master on the crew list',
      (world: HullWorld) =>
        world.putCrewList(crewList({ crew: [{ seafarerId: HASH('cook'), rank: 'RATING' }] })),
      'NO_MASTER',
    ],
    [
      'a crew list that ended before the loss',
      (world: HullWorld) => world.putCrewList(crewList({ until: '2026-11-19T00:00:00.000Z' })),
      'NO_CREW_LIST',
    ],
  ])(
    'flags the master with %s, naming the crew list and commitments, not the person',
    async (_, arrange, reason) => {
      const claim = await noticeIn(arrange);
      const breach = claim.warrantyCheck?.breaches[0];
      expect(breach?.warranty).toBe('MASTER_CERTIFIED');
      expect(breach?.finding).toBe(`the master was not certified at ${LOSS_AT}: ${reason}`);
      expect(JSON.stringify(breach)).not.toMatch(/familyName|dateOfBirth|passport/);
    },
  );

  it('flags an entry into a war-risk area of the policy, with the voyage event’s tx and AIS evidence', async () => {
    let txId = '';
    const claim = await noticeIn(async (world) => {
      txId = (await world.recordVoyageEvent()).txId;
    });
    expect(claim.warrantyCheck?.breaches).toEqual([
      {
        warranty: 'WAR_RISK_AREAS',
        finding:
          '1 ENTERED_WAR_RISK_AREA event(s) from 2026-11-18T04:00:00.000Z to 2026-11-18T04:00:00.000Z, first in area JWC-GULF-OF-ADEN',
        evidence: [
          {
            source: 'voyage-event',
            reference: 'JWC-GULF-OF-ADEN',
            txId,
            sha256: HASH('aivdm sentences'),
          },
        ],
      },
    ]);
  });

  it('flags leaving the trading limits', async () => {
    const claim = await noticeIn(async (world) => {
      await world.recordVoyageEvent(
        voyageEvent({ kind: 'LEFT_TRADING_LIMITS', area: AREAS.northSea }),
      );
    });
    expect(breached(claim)).toEqual(['TRADING_LIMITS']);
  });

  it.each([
    ['after the loss', voyageEvent({ at: '2026-11-20T06:30:00.001Z' })],
    ['before the policy period', voyageEvent({ at: '2026-09-30T23:59:59.000Z' })],
    [
      'into an area the policy does not name',
      voyageEvent({ area: { areaId: 'JWC-OTHER', geometrySha256: HASH('o') } }),
    ],
    [
      'into an area of the same id but another shape',
      voyageEvent({ area: { areaId: AREAS.gulf.areaId, geometrySha256: HASH('redrawn') } }),
    ],
    ['of another vessel', voyageEvent({ imoNumber: '9176187' })],
    ['of another kind', voyageEvent({ kind: 'ARRIVED' })],
  ])('ignores a voyage event %s', async (_, event) => {
    const claim = await noticeIn(async (world) => {
      await world.recordVoyageEvent(event);
    });
    expect(breached(claim)).toEqual([]);
  });

  it('checks only the warranties the assured gave', async () => {
    const claim = await noticeIn(
      async (world) => {
        world.putVessel(vesselRecord({ certificates: [] }));
        await world.recordVoyageEvent();
      },
      ['CLASS_MAINTAINED'],
    );
    expect(claim.warrantyCheck).toEqual({
      at: LOSS_AT,
      warranties: ['CLASS_MAINTAINED'],
      breaches: [],
    });
  });

  it('lets the claim go on with its breaches recorded: the insurer decides', async () => {
    const world = new HullWorld();
    await world.createHullPolicy();
    world.putCompliantVessel();
    world.putVessel(vesselRecord({ certificates: [certificate()] }));
    await world.notify({ ...GROUNDING, claimId: CLAIM });
    const assessed = await world.act(people.insurer, CLAIM, 'START_ASSESSMENT');
    const rejected = await world.act(people.insurer, CLAIM, 'REJECT', '', 'ISM warranty breached');
    expect([assessed.status, rejected.status]).toEqual(['UNDER_ASSESSMENT', 'REJECTED']);
    expect(breached(rejected)).toEqual(['ISM_CERTIFICATE_VALID']);
  });
});
