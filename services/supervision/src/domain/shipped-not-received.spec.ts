import { LotMovement, movementsOf, unreceivedShipments } from './shipped-not-received';

const LOT = 'https://id.gs1.org/01/09520123456788/10/L1';
const NOW = new Date('2026-12-03T12:00:00Z');
const DAY = 24 * 3600;

function moved(kind: LotMovement['kind'], at: string, identifier = LOT): LotMovement {
  return { identifier, kind, at, organisation: 'Org1MSP', eventHash: `h-${kind}-${at}` };
}

describe('shipped lots never received', () => {
  it('reads shipping and receiving events, whatever spelling of the step and identifier', () => {
    const event = {
      eventTime: '2026-12-01T10:00:00Z',
      bizStep: 'urn:epcglobal:cbv:bizstep:shipping',
      quantityList: [{ epcClass: 'urn:epc:class:lgtin:952012.0345678.L1' }],
    };

    expect(movementsOf(event, 'h1', 'Org1MSP')).toEqual([
      {
        identifier: LOT,
        kind: 'shipped',
        at: '2026-12-01T10:00:00Z',
        organisation: 'Org1MSP',
        eventHash: 'h1',
      },
    ]);
    expect(movementsOf({ ...event, bizStep: 'storing' }, 'h2', 'Org1MSP')).toEqual([]);
    expect(movementsOf({ ...event, bizStep: 'arriving' }, 'h3', 'Org2MSP')[0]?.kind).toBe(
      'received',
    );
  });

  it('flags a shipment past the grace period with no receipt after it', () => {
    const found = unreceivedShipments([moved('shipped', '2026-12-01T10:00:00Z')], NOW, DAY);

    expect(found).toEqual([
      expect.objectContaining({ identifier: LOT, overdueSeconds: DAY + 2 * 3600 }),
    ]);
  });

  it('does not flag a received shipment, nor one still within the grace period', () => {
    expect(
      unreceivedShipments(
        [moved('shipped', '2026-12-01T10:00:00Z'), moved('received', '2026-12-02T08:00:00Z')],
        NOW,
        DAY,
      ),
    ).toEqual([]);
    expect(unreceivedShipments([moved('shipped', '2026-12-03T10:00:00Z')], NOW, DAY)).toEqual([]);
  });

  it('does not count a receipt from before the shipment, nor one of another lot', () => {
    const found = unreceivedShipments(
      [
        moved('received', '2026-11-30T10:00:00Z'),
        moved('shipped', '2026-12-01T10:00:00Z'),
        moved('received', '2026-12-02T10:00:00Z', `${LOT}X`),
      ],
      NOW,
      DAY,
    );

    expect(found.map((s) => s.identifier)).toEqual([LOT]);
  });
});
