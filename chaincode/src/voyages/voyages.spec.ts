import { LedgerRole, VoyageEventInput } from '../../../libs/contracts/src/ledger';
import { HASH, ORG2 } from '../testing/claims-world';
import { HullWorld, IMO, hullPeople, voyageEvent } from '../testing/hull-world';
import { Person, orgAdmin, partyOf, person } from '../testing/people';

const OTHER_ROLES = Object.values(LedgerRole).filter((r) => r !== LedgerRole.platformOperator);

describe('Voyages: area entries from AIS on the ledger', () => {
  it('records an event as the platform service sent it, with who, tx and time, and announces it', async () => {
    const world = new HullWorld();

    const record = await world.recordVoyageEvent();

    expect(record).toEqual({
      ...voyageEvent(),
      recordedBy: partyOf(hullPeople.feed),
      recorderMsp: 'Org1MSP',
      txId: 'tx-1',
      recordedAt: '2026-11-23T08:00:00.000Z',
    });
    expect(world.ledger.events).toEqual([
      { name: 'VoyageEventRecorded', payload: expect.stringContaining(HASH('aivdm sentences')) },
    ]);
  });

  it('accepts the platform service of any organisation', async () => {
    const world = new HullWorld();
    const feed = person('Platform', ORG2, LedgerRole.platformOperator);
    await expect(world.recordVoyageEvent(voyageEvent(), feed)).resolves.toMatchObject({
      recorderMsp: ORG2,
    });
  });

  const refused: [string, Person][] = [
    ...OTHER_ROLES.map((role): [string, Person] => [
      `role ${role}`,
      person(
        'Someone',
        'Org1MSP',
        role,
        role === 'carrier' ? 'PJCL' : role === 'flag-state' ? 'PA' : undefined,
      ),
    ]),
    ['no role', person('clerk', 'Org1MSP')],
    ['the organisation’s admin', orgAdmin('Org1MSP')],
  ];
  it.each(refused)('refuses an identity with %s, writing nothing', async (_, who) => {
    const world = new HullWorld();
    const before = world.snapshot();
    await expect(world.recordVoyageEvent(voyageEvent(), who)).rejects.toThrow(
      'FORBIDDEN: voyage events are recorded by a platform service (certificate attribute pujiang.role=platform)',
    );
    expect(world.snapshot()).toBe(before);
  });

  it('records each (vessel, instant, kind, area) once', async () => {
    const world = new HullWorld();
    await world.recordVoyageEvent();
    const before = world.snapshot();
    await expect(world.recordVoyageEvent()).rejects.toThrow(
      `ALREADY_EXISTS: ENTERED_WAR_RISK_AREA of ${IMO} in JWC-GULF-OF-ADEN at 2026-11-18T04:00:00.000Z is already recorded (tx tx-1)`,
    );
    expect(world.snapshot()).toBe(before);
    await expect(
      world.recordVoyageEvent(voyageEvent({ kind: 'LEFT_TRADING_LIMITS' })),
    ).resolves.toBeDefined();
  });

  it('refuses an event in the future of its transaction', async () => {
    const world = new HullWorld();
    await expect(
      world.recordVoyageEvent(voyageEvent({ at: '2026-11-23T08:00:00.001Z' })),
    ).rejects.toThrow("INVALID_ARGUMENT: voyageEvent.at must not be after the transaction's time");
  });

  it.each([
    [
      'an IMO number with a wrong check digit',
      { imoNumber: '9074728' },
      'imoNumber must be an IMO number',
    ],
    ['an MMSI of eight digits', { mmsi: '47712340' }, 'mmsi must be nine digits'],
    ['an unknown kind', { kind: 'DEPARTED' }, 'kind must be one of'],
    [
      'a latitude beyond the pole',
      { position: { latitude: '90.5', longitude: '0' } },
      'latitude must be decimal degrees',
    ],
    [
      'a longitude as a number',
      { position: { latitude: '1', longitude: 4 } },
      'longitude must be a string',
    ],
    [
      'seven decimals',
      { position: { latitude: '1.1234567', longitude: '0' } },
      'at most 6 decimals',
    ],
    ['a local time', { at: '2026-11-18T04:00:00' }, 'at must be a UTC instant'],
    ['an evidence hash in capitals', { evidenceSha256: HASH('x').toUpperCase() }, 'evidenceSha256'],
    ['an area without its geometry hash', { area: { areaId: 'X' } }, 'area'],
    ['an extra field', { sentences: ['!AIVDM'] }, 'sentences'],
  ])('refuses %s', async (_, fields, message) => {
    const world = new HullWorld();
    const input = { ...voyageEvent(), ...fields } as unknown as VoyageEventInput;
    await expect(world.recordVoyageEvent(input)).rejects.toThrow(message);
    expect(world.ledger.state.size).toBe(0);
  });

  it('reads a vessel’s events back in time order, and only its own', async () => {
    const world = new HullWorld();
    await world.recordVoyageEvent(voyageEvent({ at: '2026-11-19T00:00:00.000Z' }));
    await world.recordVoyageEvent(voyageEvent({ at: '2026-11-18T00:00:00.000Z' }));
    await world.recordVoyageEvent(voyageEvent({ imoNumber: '9176187' }));

    const json = await world.voyages.readVoyageEvents(world.ctx(person('anyone', ORG2)), IMO);
    const events = JSON.parse(json) as { at: string }[];
    expect(events.map((e) => e.at)).toEqual([
      '2026-11-18T00:00:00.000Z',
      '2026-11-19T00:00:00.000Z',
    ]);
    await expect(
      world.voyages.readVoyageEvents(world.ctx(person('anyone', ORG2)), '1234568'),
    ).rejects.toThrow('INVALID_ARGUMENT');
  });
});
