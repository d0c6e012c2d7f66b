import { deliveredBillsOfLading, surrenderedWithoutDelivery } from './surrender-without-delivery';

const NOW = new Date('2026-12-03T12:00:00Z');
const HOUR = 3600;
const SURRENDERED = {
  transportDocumentReference: 'BL-1',
  platform: 'Org1MSP',
  surrenderedAt: '2026-12-03T08:00:00Z',
};

describe('eBLs surrendered without a delivery event', () => {
  it('reads a receiving event naming the bill of lading as a delivery of it', () => {
    const event = {
      bizStep: 'receiving',
      bizTransactionList: [
        { type: 'bol', bizTransaction: 'BL-1' },
        { type: 'po', bizTransaction: 'PO-9' },
      ],
    };

    expect(deliveredBillsOfLading(event)).toEqual(['BL-1']);
    expect(deliveredBillsOfLading({ ...event, bizStep: 'shipping' })).toEqual([]);
  });

  it('flags a surrender past the grace period that no delivery names', () => {
    expect(surrenderedWithoutDelivery([SURRENDERED], new Set(), NOW, 2 * HOUR)).toEqual([
      { ...SURRENDERED, overdueSeconds: 2 * HOUR },
    ]);
  });

  it('does not flag a delivered document, nor one within the grace period', () => {
    expect(surrenderedWithoutDelivery([SURRENDERED], new Set(['BL-1']), NOW, 2 * HOUR)).toEqual([]);
    expect(surrenderedWithoutDelivery([SURRENDERED], new Set(), NOW, 4 * HOUR)).toEqual([]);
  });
});
