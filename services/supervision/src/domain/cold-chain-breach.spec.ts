import { coldChainBreaches, parseColdChainRanges } from './cold-chain-breach';

const GTIN = '09520123456788';
const RANGES = [{ gtin: GTIN, minCelsius: 0, maxCelsius: 5 }];

function storing(
  reports: Record<string, unknown>[],
  epcClass = `urn:epc:class:lgtin:952012.0345678.L1`,
) {
  return {
    type: 'ObjectEvent',
    eventTime: '2026-12-01T10:00:00Z',
    action: 'OBSERVE',
    bizStep: 'storing',
    quantityList: [{ epcClass, quantity: 10, uom: 'KGM' }],
    sensorElementList: [
      { sensorMetadata: { time: '2026-12-01T09:59:00Z' }, sensorReport: reports },
    ],
  };
}

describe('cold-chain breaches', () => {
  it('flags a temperature outside the product’s range, naming the lot and the reading', () => {
    const breaches = coldChainBreaches(
      storing([{ type: 'gs1:Temperature', value: 11, uom: 'CEL' }]),
      RANGES,
    );

    expect(breaches).toEqual([
      {
        gtin: GTIN,
        identifiers: [`https://id.gs1.org/01/${GTIN}/10/L1`],
        readingCelsius: 11,
        minCelsius: 0,
        maxCelsius: 5,
        readAt: '2026-12-01T09:59:00Z',
      },
    ]);
  });

  it('converts other temperature units before comparing (50 °F is 10 °C)', () => {
    const [breach] = coldChainBreaches(
      storing([{ type: 'Temperature', value: 50, uom: 'FAH' }]),
      RANGES,
    );

    expect(breach?.readingCelsius).toBe(10);
  });

  it('finds nothing for readings in range, other measurements, unknown units or products without a range', () => {
    expect(
      coldChainBreaches(
        storing([
          { type: 'Temperature', value: 4.9, uom: 'CEL' },
          { type: 'Humidity', value: 99, uom: 'A93' },
          { type: 'Temperature', value: 40 },
        ]),
        RANGES,
      ),
    ).toEqual([]);
    expect(
      coldChainBreaches(
        storing(
          [{ type: 'Temperature', value: 40, uom: 'CEL' }],
          'urn:epc:class:lgtin:4012345.011111.L2',
        ),
        RANGES,
      ),
    ).toEqual([]);
  });

  it('reads the ranges from configuration and refuses a malformed one', () => {
    expect(parseColdChainRanges(`${GTIN}=0..5, 04012345000009=-25..-18`)).toEqual([
      { gtin: GTIN, minCelsius: 0, maxCelsius: 5 },
      { gtin: '04012345000009', minCelsius: -25, maxCelsius: -18 },
    ]);
    expect(parseColdChainRanges('')).toEqual([]);
    expect(parseColdChainRanges(`${GTIN}=5..0`)).toBeUndefined();
    expect(parseColdChainRanges(`${GTIN}:0..5`)).toBeUndefined();
    expect(parseColdChainRanges(`${GTIN}=0..5,${GTIN}=1..2`)).toBeUndefined();
  });
});
