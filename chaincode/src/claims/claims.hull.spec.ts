import {
  ClaimNoticeInput,
  PERIL_COVER,
  Peril,
  VesselClause,
} from '../../../libs/contracts/src/ledger';
import { HASH, people } from '../testing/claims-world';
import {
  AREAS,
  GROUNDING,
  HULL_POLICY_ID,
  HullWorld,
  IMO,
  hullTerms,
  vesselCover,
  voyageEvent,
} from '../testing/hull-world';

const CLAIM = '5f0c1e2d-3b4a-4c5d-9e8f-a1b2c3d4e5f6';

function grounding(overrides: Partial<ClaimNoticeInput> = {}): Partial<ClaimNoticeInput> {
  return { ...GROUNDING, claimId: CLAIM, containers: [], ...overrides };
}

async function hullWorld(): Promise<HullWorld> {
  const world = new HullWorld();
  await world.createHullPolicy();
  return world;
}

describe('Claims: hull and P&I policies (issue 21)', () => {
  describe('writing a vessel policy', () => {
    it('keeps a TIME policy on ITC Hulls, its vessel and warranties in the insurer’s collection only', async () => {
      const world = await hullWorld();

      const terms = JSON.parse(await world.readPrivateTerms(HULL_POLICY_ID)) as {
        vessel: unknown;
      };
      expect(terms.vessel).toEqual(vesselCover());
      const publicState = JSON.stringify([...world.ledger.state.values()].map(String));
      expect(publicState).not.toContain(IMO);
      expect(publicState).not.toContain(AREAS.gulf.areaId);
    });

    it('lets only its insurer read the public part of a vessel policy', async () => {
      const world = await hullWorld();
      const read = (who: (typeof people)[keyof typeof people]) =>
        world.contract.readPolicy(world.ctx(who), HULL_POLICY_ID);

      await expect(read(people.insurer)).resolves.toContain(HULL_POLICY_ID);
      for (const who of [people.foreignInsurer, people.bystander, people.clerk, people.claimant]) {
        await expect(read(who)).rejects.toThrow(
          'FORBIDDEN: reading vessel policy HULL-2026-0001 may only be done by the insurer Org1MSP',
        );
      }
    });

    it.each([
      ['a TIME policy on cargo clauses', { kind: 'TIME', clause: 'ICC_A' }, 'is not a TIME policy'],
      [
        'a CERTIFICATE on ITC Hulls',
        { kind: 'CERTIFICATE', clause: 'ITC_HULLS' },
        'is a TIME policy',
      ],
      ['an OPEN_COVER on P&I', { kind: 'OPEN_COVER', clause: 'P_AND_I' }, 'is a TIME policy'],
    ] as const)('refuses %s', async (_, overrides, message) => {
      const world = new HullWorld();
      const before = world.snapshot();
      await expect(world.createHullPolicy(overrides)).rejects.toThrow(
        new RegExp(`^INVALID_ARGUMENT: .*${message}`),
      );
      expect(world.snapshot()).toBe(before);
    });

    it('refuses a VESSEL_ARRIVAL trigger on a cargo policy', async () => {
      const world = new HullWorld();
      await expect(
        world.createPolicy({
          parametricTriggers: [
            {
              triggerId: 'delay',
              kind: 'VESSEL_ARRIVAL',
              portArea: AREAS.rotterdam,
              etaAt: '2026-11-19T12:00:00Z',
              graceHours: 24,
            },
          ],
        }),
      ).rejects.toThrow(
        'INVALID_ARGUMENT: trigger delay: a VESSEL_ARRIVAL trigger needs a vessel policy',
      );
    });

    it.each([
      ['an ETA that is no instant', { etaAt: '2026-11-19' }, 'etaAt must be a UTC instant'],
      ['an ETA that does not exist', { etaAt: '2026-02-30T00:00:00Z' }, 'is not a real instant'],
      ['fractional grace', { graceHours: 1.5 }, 'graceHours must be an integer'],
      ['a port area without its hash', { portArea: { areaId: 'NLRTM' } }, 'portArea'],
      ['an unknown field', { vessel: IMO }, 'vessel'],
    ])('refuses a VESSEL_ARRIVAL trigger with %s', async (_, fields, message) => {
      const world = new HullWorld();
      const trigger = {
        triggerId: 'delay',
        kind: 'VESSEL_ARRIVAL',
        portArea: AREAS.rotterdam,
        etaAt: '2026-11-19T12:00:00Z',
        graceHours: 24,
        ...fields,
      };
      await expect(
        world.createHullPolicy({ parametricTriggers: [trigger as never] }),
      ).rejects.toThrow(message);
    });

    it.each([
      ['a vessel policy without its vessel', { vessel: undefined }, 'name a vessel exactly when'],
      [
        'a vessel policy insuring containers',
        { shipment: { containers: ['CSQU3054383'], lots: [] } },
        'insure the ship, not containers or lots',
      ],
      [
        'an IMO number whose check digit is wrong',
        { vessel: vesselCover({ imoNumber: '9074728' }) },
        'check digit',
      ],
      [
        'a trading-limits warranty without areas',
        { vessel: vesselCover({ tradingLimits: [] }) },
        'a TRADING_LIMITS warranty names its tradingLimits areas',
      ],
      [
        'a war-risk warranty without areas',
        { vessel: vesselCover({ warRiskAreas: [] }) },
        'a WAR_RISK_AREAS warranty names its warRiskAreas',
      ],
      [
        'an unknown warranty',
        { vessel: vesselCover({ warranties: ['SEAWORTHY' as never] }) },
        'warranties[0] must be one of',
      ],
      [
        'a warranty given twice',
        { vessel: vesselCover({ warranties: ['CLASS_MAINTAINED', 'CLASS_MAINTAINED'] }) },
        'twice',
      ],
      [
        'an area id with a space',
        {
          vessel: vesselCover({
            warRiskAreas: [{ areaId: 'gulf of aden', geometrySha256: HASH('x') }],
          }),
        },
        'areaId must be',
      ],
    ])('refuses the private terms of %s, keeping none', async (_, overrides, message) => {
      const world = new HullWorld();
      const terms = { ...hullTerms(), ...overrides };
      await expect(
        world.createPolicy(
          { policyId: HULL_POLICY_ID, kind: 'TIME', clause: 'ITC_HULLS', parametricTriggers: [] },
          people.insurer,
          terms,
        ),
      ).rejects.toThrow(message);
      expect(world.ledger.privateState.get('Org1MSPPrivate')?.size ?? 0).toBe(0);
    });

    it('refuses vessel terms on a cargo policy', async () => {
      const world = new HullWorld();
      await expect(
        world.createPolicy({}, people.insurer, { vessel: vesselCover() }),
      ).rejects.toThrow('name a vessel exactly when the clause is a vessel clause (ICC_A)');
    });
  });

  describe('the perils of vessel clauses', () => {
    const cases = Object.values(VesselClause).flatMap((clause) =>
      Object.values(Peril).map(
        (peril) => [clause, peril, PERIL_COVER[peril].includes(clause)] as const,
      ),
    );
    it.each(cases)('%s and %s: covered %s', async (clause, peril, covered) => {
      const world = new HullWorld();
      world.putCompliantVessel();
      await world.createHullPolicy({ clause });
      const before = world.snapshot();
      const notice = world.notify(grounding({ peril }));
      if (covered) {
        await expect(notice).resolves.toMatchObject({ peril, status: 'NOTIFIED' });
      } else {
        await expect(notice).rejects.toThrow(
          `INVALID_ARGUMENT: peril ${peril} is not covered by ${clause}`,
        );
        expect(world.snapshot()).toBe(before);
      }
    });

    it('covers grounding, collision, heavy weather and machinery under ITC Hulls, crew injury under P&I only', () => {
      for (const peril of [
        'STRANDING',
        'COLLISION',
        'HEAVY_WEATHER',
        'MACHINERY_DAMAGE',
      ] as const) {
        expect(PERIL_COVER[peril]).toContain('ITC_HULLS');
      }
      expect(PERIL_COVER.CREW_INJURY).toEqual(['P_AND_I']);
      expect(PERIL_COVER.WAR).toEqual([]);
    });
  });

  describe('a notice under a vessel policy', () => {
    it.each([
      [
        'without the instant of loss',
        { lossAt: undefined },
        'claim.lossAt is required under vessel policy',
      ],
      [
        'with an instant on another day',
        { lossAt: '2026-11-21T06:30:00Z' },
        'claim.lossAt must fall on claim.lossDate',
      ],
      ['naming containers', { containers: ['CSQU3054383'] }, 'insures the ship, not containers'],
      [
        'with a malformed instant',
        { lossAt: '2026-11-20 06:30' },
        'claim.lossAt must be a UTC instant',
      ],
    ])('is refused %s, and nothing is written', async (_, overrides, message) => {
      const world = await hullWorld();
      world.putCompliantVessel();
      const before = world.snapshot();
      await expect(world.giveNotice(grounding(overrides))).rejects.toThrow(message);
      expect(world.snapshot()).toBe(before);
    });

    it('refuses an instant of loss under a cargo policy', async () => {
      const world = new HullWorld();
      await world.createPolicy();
      await expect(world.giveNotice({ lossAt: '2026-11-10T10:00:00Z' })).rejects.toThrow(
        'INVALID_ARGUMENT: claim.lossAt is given only under a vessel policy',
      );
    });

    it('goes through the same lifecycle as a cargo claim', async () => {
      const world = await hullWorld();
      world.putCompliantVessel();
      await world.notify(grounding());
      const assessed = await world.act(people.insurer, CLAIM, 'START_ASSESSMENT');
      expect(assessed.status).toBe('UNDER_ASSESSMENT');
    });

    it('keeps the warranty check in the claim’s private details: Org2 sees none of it', async () => {
      const world = await hullWorld();
      await world.notify(grounding());
      const stub = JSON.stringify(world.stub(CLAIM));
      expect(stub).not.toContain('warranty');
      expect(stub).not.toContain(IMO);
      await expect(world.readClaim(CLAIM, people.foreignInsurer)).rejects.toThrow();
    });
  });

  describe('a delay cover (VESSEL_ARRIVAL)', () => {
    const trigger = {
      triggerId: 'delay-rtm',
      kind: 'VESSEL_ARRIVAL' as const,
      portArea: AREAS.rotterdam,
      etaAt: '2026-11-19T12:00:00.000Z',
      graceHours: 24,
    };
    const arrival = (at: string) =>
      voyageEvent({
        kind: 'ARRIVED',
        area: AREAS.rotterdam,
        at,
        evidenceSha256: HASH(`arrival ${at}`),
      });
    const delayNotice = (at: string, evidence = HASH(`arrival ${at}`)) => ({
      claimId: CLAIM,
      policyId: HULL_POLICY_ID,
      peril: 'DELAY' as const,
      lossDate: at.slice(0, 10),
      lossAt: at,
      discoveredDate: at.slice(0, 10),
      place: 'NLRTM',
      containers: [],
      eblReference: undefined,
      parametric: { triggerId: trigger.triggerId, evidenceHash: evidence },
    });
    async function delayWorld(arrivedAt: string): Promise<HullWorld> {
      const world = new HullWorld();
      world.putCompliantVessel();
      await world.createHullPolicy({ parametricTriggers: [trigger] });
      await world.recordVoyageEvent(arrival(arrivedAt));
      return world;
    }

    it('opens a claim on an arrival recorded after the ETA and its grace', async () => {
      const world = await delayWorld('2026-11-20T12:00:01.000Z');
      const claim = await world.notify(delayNotice('2026-11-20T12:00:01.000Z'), {
        by: people.insurer,
      });
      expect(claim).toMatchObject({
        status: 'NOTIFIED',
        peril: 'DELAY',
        claimant: expect.any(String),
      });
    });

    it('refuses an arrival within the grace', async () => {
      const world = await delayWorld('2026-11-20T12:00:00.000Z');
      await expect(
        world.giveNotice(delayNotice('2026-11-20T12:00:00.000Z'), people.insurer),
      ).rejects.toThrow(
        'INVALID_STATE: the arrival at 2026-11-20T12:00:00.000Z is not after 2026-11-20T12:00:00.000Z',
      );
    });

    it('refuses evidence that is no arrival on the ledger', async () => {
      const world = await delayWorld('2026-11-21T00:00:00.000Z');
      await expect(
        world.giveNotice(delayNotice('2026-11-21T00:00:00.000Z', HASH('made up')), people.insurer),
      ).rejects.toThrow('INVALID_STATE: no arrival of the vessel in NLRTM with that evidence');
    });

    it('refuses a notice not dated to the arrival', async () => {
      const world = await delayWorld('2026-11-21T00:00:00.000Z');
      const notice = {
        ...delayNotice('2026-11-21T00:00:00.000Z'),
        lossAt: '2026-11-21T01:00:00.000Z',
      };
      await expect(world.giveNotice(notice, people.insurer)).rejects.toThrow(
        'INVALID_ARGUMENT: claim.lossAt must be the arrival, 2026-11-21T00:00:00.000Z',
      );
    });

    it('counts only the first entry into the port since the period began: a later one is no arrival', async () => {
      // On time at 06:00 (due 12:00 the next day with the grace), then out and back in, late.
      const world = await delayWorld('2026-11-20T06:00:00.000Z');
      await world.recordVoyageEvent(arrival('2026-11-22T08:00:00.000Z'));
      await expect(
        world.giveNotice(delayNotice('2026-11-22T08:00:00.000Z'), people.insurer),
      ).rejects.toThrow(
        'INVALID_STATE: the vessel arrived in NLRTM first at 2026-11-20T06:00:00.000Z: only that arrival counts',
      );
    });

    it('opens on the first arrival of the period even when the vessel called at the port before it', async () => {
      const world = await delayWorld('2026-09-15T00:00:00.000Z');
      await world.recordVoyageEvent(arrival('2026-11-21T00:00:00.000Z'));
      const claim = await world.notify(delayNotice('2026-11-21T00:00:00.000Z'), {
        by: people.insurer,
      });
      expect(claim).toMatchObject({ status: 'NOTIFIED', peril: 'DELAY' });
    });

    it('refuses, as evidence, an arrival from before the policy period', async () => {
      const world = await delayWorld('2026-09-15T00:00:00.000Z');
      const notice = delayNotice(
        '2026-11-21T00:00:00.000Z',
        HASH('arrival 2026-09-15T00:00:00.000Z'),
      );
      await expect(world.giveNotice(notice, people.insurer)).rejects.toThrow(
        'INVALID_STATE: the arrival at 2026-09-15T00:00:00.000Z is before the policy period began, 2026-10-01',
      );
    });

    it('refuses a delay notice from anyone but the insurer', async () => {
      const world = await delayWorld('2026-11-21T00:00:00.000Z');
      await expect(
        world.giveNotice(delayNotice('2026-11-21T00:00:00.000Z'), people.claimant),
      ).rejects.toThrow('FORBIDDEN');
      await expect(
        world.giveNotice(delayNotice('2026-11-21T00:00:00.000Z'), people.clerk),
      ).rejects.toThrow('FORBIDDEN');
    });
  });
});
