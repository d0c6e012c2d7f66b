import { LedgerConfig, LedgerGateway, LedgerUnavailableError } from '@pujiang/ledger-client';
import { DataSource } from 'typeorm';
import { stackEnv } from '../../../../test/support/stack-env';
import { createTestDataSource, dropTestDataSource } from '../../../../test/support/test-database';
import { Positions1763880000510 } from '../persistence/migrations/1763880000510-positions';
import { AreaRegister } from './areas/area-register';
import { positionReport, staticReport } from './testing/ais-encoder';
import { TEST_AREAS, box } from './testing/areas';
import { VoyageRecorder } from './voyage-recorder';

const MMSI = '477000042';
const IMO = '9074729';

/**
 * The positions code's tables against the real PostgreSQL with the real
 * migration: the register (an area is never redrawn), each vessel's trading
 * limits, and the track a report moves. The ledger is never reached here: a
 * gateway that was never connected is an outage, and a crossing met during
 * an outage must leave the track where it was, for the inbox to retry.
 */
describe('positions: area register and tracks against the real PostgreSQL', () => {
  let dataSource: DataSource;
  let register: AreaRegister;
  let recorder: VoyageRecorder;

  beforeAll(async () => {
    dataSource = await createTestDataSource(
      stackEnv().VESSELS_DATABASE_URL ?? '',
      [],
      [Positions1763880000510],
    );
    register = new AreaRegister(dataSource);
    const offline = new LedgerGateway({ FABRIC_PEER_ENDPOINT: '127.0.0.1:1' } as LedgerConfig);
    recorder = new VoyageRecorder(offline, register);
  });

  afterAll(async () => {
    await dropTestDataSource(dataSource);
  });

  const track = async () =>
    (
      await dataSource.query<
        { imo_number: string | null; inside: string[] | null; last_at: Date | null }[]
      >(`SELECT imo_number, inside, last_at FROM vessel_track WHERE mmsi = $1`, [MMSI])
    )[0];

  it('keeps an area once, finds the same again, and refuses another shape under its id', async () => {
    const kept = await register.keep(TEST_AREAS.northEurope, 'Org1MSP::insurer');
    expect(kept).toMatchObject({ area: { areaId: 'IWL-NORTH-EUROPE', kind: 'TRADING_LIMITS' } });
    expect(await register.keep(TEST_AREAS.northEurope, 'Org1MSP::insurer')).toEqual(kept);
    const redrawn = await register.keep(
      { ...TEST_AREAS.northEurope, geometry: box(-10, 43, 13, 62) },
      'Org1MSP::insurer',
    );
    expect(redrawn).toEqual({ conflict: (kept as { area: unknown }).area });
    await register.keep(TEST_AREAS.gulf, 'Org1MSP::war-risk-lists');
    expect((await register.list('WAR_RISK')).map((a) => a.areaId)).toEqual(['JWC-GULF-OF-ADEN']);
  });

  it('watches the war-risk and port areas for every vessel, and trading limits for their vessel only', async () => {
    await register.setTradingLimits(IMO, ['IWL-NORTH-EUROPE'], 'Org1MSP::insurer');
    const watched = async (imo: string) =>
      (await register.watching(dataSource.manager, imo)).map((a) => a.areaId);
    expect(await watched(IMO)).toEqual(['IWL-NORTH-EUROPE', 'JWC-GULF-OF-ADEN']);
    expect(await watched('9176187')).toEqual(['JWC-GULF-OF-ADEN']);
  });

  it('ties the MMSI to the IMO number, moves the track with newer reports only', async () => {
    const at = (hour: number) => `2026-11-18T${String(hour).padStart(2, '0')}:00:00.000Z`;
    const receive = (sentences: string[], receivedAt: string) =>
      dataSource.transaction((manager) => recorder.receive({ sentences, receivedAt }, manager));
    // A position before the type 5 report is kept, but judged against nothing.
    await receive(positionReport(MMSI, 54, 3), at(1));
    expect(await track()).toBeUndefined();
    await receive(staticReport(MMSI, IMO, 'NLRTM'), at(2));
    expect(await track()).toMatchObject({ imo_number: IMO, inside: null, last_at: null });
    // In the North Sea: inside its trading limits, no event.
    await receive(positionReport(MMSI, 54, 3), at(3));
    expect(await track()).toMatchObject({ inside: ['IWL-NORTH-EUROPE'], last_at: new Date(at(3)) });
    // An older report is kept as a position but does not move the track.
    await receive(positionReport(MMSI, 54.5, 3.5), at(2));
    expect(await track()).toMatchObject({ last_at: new Date(at(3)) });
    const positions = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM vessel_position WHERE mmsi = $1`,
      [MMSI],
    );
    expect(positions[0]?.n).toBe(3);
  });

  it('leaves the track where it was when the ledger is out while the vessel crosses into a war-risk area', async () => {
    const before = await track();
    await expect(
      dataSource.transaction((manager) =>
        recorder.receive(
          { sentences: positionReport(MMSI, 12.5, 45.25), receivedAt: '2026-11-18T09:00:00.000Z' },
          manager,
        ),
      ),
    ).rejects.toBeInstanceOf(LedgerUnavailableError);
    expect(await track()).toEqual(before);
    const events = await dataSource.query<unknown[]>(`SELECT * FROM recorded_voyage_event`);
    expect(events).toEqual([]);
  });
});
