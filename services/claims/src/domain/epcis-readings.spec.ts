import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { documentEvents, eventHashId, type JsonObject } from '@pujiang/epcis';
import { readingsFromEpcisEvent, toCelsiusTenths } from './epcis-readings';
import { detectExcursion } from './parametric-triggers';

/** GS1's EPCIS 2.0 sensor examples (test/fixtures/epcis, GS1 standards licence). */
const SENSOR_EXAMPLES = join(__dirname, '../../../../test/fixtures/epcis/examples/WithSensorData');

function example(n: string) {
  const { events, context } = documentEvents(
    JSON.parse(readFileSync(join(SENSOR_EXAMPLES, `SensorDataExample${n}.jsonld`), 'utf8')),
  );
  return { event: events[0], context, extract: readingsFromEpcisEvent(events[0], context) };
}

const SGTIN_9876 = 'https://id.gs1.org/01/04012345111118/21/9876';

describe('temperature readings from GS1 EPCIS sensor examples', () => {
  it('example 1: readings timed by their sensorMetadata, in tenths of °C', () => {
    const { extract } = example('1');
    expect(extract.eventId).toBe(
      'ni:///sha-256;74f1dc48ee22289bc40ddd9f1d0ecae0dd09a2f4c3dfa66fdbca16cb2d8a4e77?ver=CBV2.0',
    );
    expect(extract.readings.map((r) => [r.time.toISOString(), r.celsiusTenths])).toEqual([
      ['2019-04-02T13:05:00.000Z', 260],
      ['2019-04-02T13:35:00.000Z', 261],
      ['2019-04-02T13:55:00.000Z', 262],
    ]);
    expect(extract.readings.every((r) => r.eventId === extract.eventId)).toBe(true);
    expect(extract.epcs).toEqual([SGTIN_9876]);
    expect(extract.containers).toEqual([]);
  });

  it('example 5: readings timed by the report itself', () => {
    const { extract } = example('5');
    expect(extract.readings.map((r) => r.time.toISOString().slice(11, 16))).toEqual([
      '13:05',
      '13:15',
      '13:25',
      '13:35',
      '13:45',
      '13:55',
    ]);
    expect(extract.readings.map((r) => r.celsiusTenths)).toEqual([260, 261, 262, 263, 264, 265]);
  });

  it('example 5 fires a chilled-cargo trigger: 26 °C for 50 minutes', () => {
    const { extract } = example('5');
    const trigger = {
      kind: 'TEMPERATURE',
      minCelsiusTenths: 20,
      maxCelsiusTenths: 80,
      minDurationMinutes: 30,
    } as const;
    expect(detectExcursion(extract.readings, trigger)).toMatchObject({
      durationMinutes: 50,
      extremeCelsiusTenths: 265,
      eventIds: [extract.eventId],
    });
  });

  it('example 13: no metadata, so both sensors read at the eventTime', () => {
    const { extract } = example('13');
    expect(extract.readings.map((r) => [r.time.toISOString(), r.celsiusTenths])).toEqual([
      ['2021-04-27T14:00:00.000Z', 209],
      ['2021-04-27T14:00:00.000Z', 207],
    ]);
    expect(extract.epcs).toEqual(['https://id.gs1.org/01/09506000134352/21/12345']);
  });

  it('example 4: the quantityList lot', () => {
    expect(example('4').extract.lots).toEqual([
      'https://id.gs1.org/01/04023333020008/10/2019-10-07',
    ]);
  });

  it('example 8: an SSCC is not a container; aggregates are skipped with the reason', () => {
    const { extract } = example('8');
    expect(extract.containers).toEqual([]);
    expect(extract.epcs).toEqual(['https://id.gs1.org/00/040123451111111110']);
    expect(extract.lots).toEqual(['https://id.gs1.org/01/04012345111118/10/1234']);
    expect(extract.readings).toEqual([]);
    expect(extract.skipped.map((s) => s.at)).toEqual([
      'sensorElementList[1].sensorReport[0]',
      'sensorElementList[2].sensorReport[0]',
    ]);
  });

  it('example 9: an exception is no reading; no eventID, so the event hash names it', () => {
    const { event, context, extract } = example('9');
    expect(extract.skipped).toEqual([
      { at: 'sensorElementList[0].sensorReport[0]', reason: 'the sensor reported an exception' },
    ]);
    expect(extract.eventId).toBe(eventHashId(event, context));
  });

  it('every sensor example yields only whole tenths at valid times', () => {
    for (const file of readdirSync(SENSOR_EXAMPLES)) {
      const document: unknown = JSON.parse(readFileSync(join(SENSOR_EXAMPLES, file), 'utf8'));
      const { events, context } = documentEvents(document);
      for (const event of events) {
        for (const r of readingsFromEpcisEvent(event, context).readings) {
          expect(Number.isInteger(r.celsiusTenths)).toBe(true);
          expect(Number.isNaN(r.time.getTime())).toBe(false);
        }
      }
    }
  });
});

describe('units and types', () => {
  it.each([
    [26.1, 'CEL', 261],
    [79, 'FAH', 261],
    [299.25, 'KEL', 261],
    [32, 'FAH', 0],
    [-0.04, 'CEL', 0],
    [0.05, 'CEL', 1],
    [-0.05, 'CEL', -1],
    [0, 'KEL', -2732],
    [-40, 'FAH', -400],
  ])('%d %s is %i tenths of °C', (value, uom, tenths) => {
    expect(toCelsiusTenths(value, uom)).toBe(tenths);
  });

  it('has no conversion for other units', () => {
    expect(toCelsiusTenths(800, 'LUX')).toBeUndefined();
    expect(toCelsiusTenths(1, 'toString')).toBeUndefined();
  });

  const event = (extra: JsonObject): JsonObject => ({
    type: 'ObjectEvent',
    eventID: 'urn:uuid:0d5e1f1a-8a6b-4a55-9b8e-3a6f0e3c1d11',
    eventTime: '2024-06-01T10:00:00Z',
    eventTimeZoneOffset: '+00:00',
    action: 'OBSERVE',
    ...extra,
  });

  it('accepts the compact, prefixed and full names of the Temperature type, and other units', () => {
    const { readings, skipped } = readingsFromEpcisEvent(
      event({
        sensorElementList: [
          {
            sensorReport: [
              { type: 'gs1:Temperature', value: 41, uom: 'FAH' },
              { type: 'https://gs1.org/voc/Temperature', value: 278.15, uom: 'KEL' },
              { type: 'Temperature', value: 5, uom: 'KGM' },
              { type: 'Speed', value: 5, uom: 'KMH' },
            ],
          },
        ],
      }),
    );
    expect(readings.map((r) => r.celsiusTenths)).toEqual([50, 50]);
    expect(skipped).toEqual([
      { at: 'sensorElementList[0].sensorReport[2]', reason: "unit 'KGM' is not CEL, FAH or KEL" },
    ]);
  });
});

describe('containers an event is about', () => {
  const base = {
    type: 'ObjectEvent',
    eventID: 'urn:uuid:5c3b2c1e-6d0e-4c83-a3f4-2c1f7a4d9e20',
    eventTime: '2024-06-01T10:00:00Z',
    eventTimeZoneOffset: '+00:00',
    action: 'OBSERVE',
  };

  it('takes BIC URNs and GIAIs whose asset is a container number, never an SSCC', () => {
    const { containers, epcs } = readingsFromEpcisEvent({
      ...base,
      epcList: [
        'urn:epc:id:bic:CSQU3054383',
        'urn:epc:id:giai:4012345.TCNU7200794',
        'https://id.gs1.org/8004/4012345TOLU4734787',
        'urn:epc:id:sscc:4012345.0111111111',
        'urn:epc:id:giai:4012345.CSQU3054384',
      ],
    });
    expect(containers).toEqual(['CSQU3054383', 'TCNU7200794', 'TOLU4734787']);
    expect(epcs).toEqual([
      'https://id.gs1.org/00/040123451111111110',
      'https://id.gs1.org/8004/4012345CSQU3054384',
    ]);
  });

  it('takes container numbers from bizTransactions and containerNumber extensions', () => {
    const { containers, skipped } = readingsFromEpcisEvent({
      ...base,
      bizTransactionList: [
        { type: 'bol', bizTransaction: 'urn:epcglobal:cbv:bt:4012345000009:BL123' },
        { type: 'example:container', bizTransaction: 'GYOU 404799 0' },
        { bizTransaction: 'urn:epc:id:bic:ZEPU0037255' },
      ],
      'example:containerNumber': ['csqu3054383', 'NOT-A-BOX'],
      ilmd: { 'pujiang:containerNumber': 'TCNU7200794' },
    });
    expect(containers).toEqual(['GYOU4047990', 'ZEPU0037255', 'CSQU3054383', 'TCNU7200794']);
    expect(skipped).toEqual([
      { at: 'example:containerNumber', reason: 'not an ISO 6346 container number' },
    ]);
  });

  it('lists each container once', () => {
    const { containers } = readingsFromEpcisEvent({
      ...base,
      parentID: 'urn:epc:id:bic:CSQU3054383',
      containerNumber: 'CSQU3054383',
    });
    expect(containers).toEqual(['CSQU3054383']);
  });

  it('refuses what is not an event object', () => {
    expect(() => readingsFromEpcisEvent([])).toThrow(TypeError);
    expect(() => readingsFromEpcisEvent(null)).toThrow(TypeError);
  });
});
