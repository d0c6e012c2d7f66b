import fc from 'fast-check';
import { eventHashId } from './event-hash-id';
import { eventPreHashString } from './pre-hash';
import type { JsonObject, JsonValue } from './json';

/** Rebuilds every object with its members in a shuffled order: JSON member order means nothing. */
function shuffleKeys(value: JsonValue, random: () => number): JsonValue {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).sort(() => random() - 0.5);
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, random)]));
}

/** The same instant written at another UTC offset, in whole minutes. */
function atOffset(epochMillis: number, offsetMinutes: number): string {
  const local = new Date(epochMillis + offsetMinutes * 60_000).toISOString().slice(0, -1);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

// Property runs are CPU-bound: on a loaded two-core box they must not turn into timeouts.
jest.setTimeout(30_000);

const context = { jsonLdContext: [{ example: 'https://ns.example.com/epcis/' }] };

const serial = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/);
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) });
const offset = fc.integer({ min: -14 * 60, max: 14 * 60 });

const eventArb = fc.record({
  type: fc.constantFrom('ObjectEvent', 'AggregationEvent', 'TransactionEvent'),
  eventTime: instant.map((t) => new Date(t).toISOString()),
  eventTimeZoneOffset: fc.constantFrom('+01:00', '-06:00', '+00:00'),
  epcList: fc.array(
    serial.map((s) => `urn:epc:id:sgtin:4012345.011111.${s}`),
    { minLength: 1, maxLength: 4 },
  ),
  action: fc.constantFrom('ADD', 'OBSERVE', 'DELETE'),
  bizStep: fc.constantFrom('shipping', 'receiving', 'urn:epcglobal:cbv:bizstep:packing'),
  readPoint: fc.record({ id: fc.constant('urn:epc:id:sgln:4012345.00005.0') }),
  bizTransactionList: fc.array(
    fc.record({
      type: fc.constantFrom('po', 'desadv'),
      bizTransaction: serial.map((s) => `urn:epcglobal:cbv:bt:4012345000009:${s}`),
    }),
    { maxLength: 3 },
  ),
  sensorElementList: fc.array(
    fc.record({
      sensorReport: fc.array(
        fc.record({
          type: fc.constantFrom('Temperature', 'gs1:RelativeHumidity'),
          value: fc.double({ min: -50, max: 50, noNaN: true }),
          uom: fc.constantFrom('CEL', 'A93'),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    { maxLength: 2 },
  ),
  'example:lot': fc.record({ 'example:code': serial, 'example:grade': fc.integer() }),
}) as fc.Arbitrary<JsonObject>;

describe('event hash ID properties', () => {
  it('does not depend on member order', () => {
    fc.assert(
      fc.property(eventArb, fc.integer(), (event, seed) => {
        let state = seed;
        const random = (): number =>
          (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
        expect(eventHashId(shuffleKeys(event, random), context)).toBe(eventHashId(event, context));
      }),
    );
  });

  it('does not depend on the UTC offset an instant is written in', () => {
    fc.assert(
      fc.property(eventArb, instant, offset, offset, (event, t, a, b) => {
        const at = (minutes: number): JsonObject => ({ ...event, eventTime: atOffset(t, minutes) });
        expect(eventHashId(at(a), context)).toBe(eventHashId(at(b), context));
      }),
    );
  });

  it('ignores eventID, recordTime, errorDeclaration and comments', () => {
    fc.assert(
      fc.property(eventArb, serial, instant, (event, text, t) => {
        const decorated: JsonObject = {
          ...event,
          eventID: `urn:uuid:${text}`,
          recordTime: new Date(t).toISOString(),
          errorDeclaration: {
            declarationTime: new Date(t).toISOString(),
            reason: 'incorrect_data',
            correctiveEventIDs: [`urn:uuid:${text}`],
          },
          'rdfs:comment': text,
        };
        expect(eventHashId(decorated, context)).toBe(eventHashId(event, context));
      }),
    );
  });

  it('does not depend on the order of list members', () => {
    fc.assert(
      fc.property(eventArb, (event) => {
        const reversed = { ...event, epcList: [...(event.epcList as JsonValue[])].reverse() };
        expect(eventHashId(reversed, context)).toBe(eventHashId(event, context));
      }),
    );
  });

  it('does not depend on the prefix chosen for an extension namespace', () => {
    fc.assert(
      fc.property(eventArb, (event) => {
        const renamed = JSON.parse(
          JSON.stringify(event).replace(/"example:/g, '"ex:'),
        ) as JsonObject;
        const other = { jsonLdContext: [{ ex: 'https://ns.example.com/epcis/' }] };
        expect(eventPreHashString(renamed, other)).toBe(eventPreHashString(event, context));
      }),
    );
  });

  it('changes when what happened changes', () => {
    fc.assert(
      fc.property(eventArb, (event) => {
        const moved = { ...event, readPoint: { id: 'urn:epc:id:sgln:4012345.00006.0' } };
        expect(eventHashId(moved, context)).not.toBe(eventHashId(event, context));
      }),
    );
  });
});

describe('event pre-hash string', () => {
  it('writes an AssociationEvent with its fields in the standard order', () => {
    const event = {
      type: 'AssociationEvent',
      eventTime: '2019-11-01T14:00:00.000+01:00',
      eventTimeZoneOffset: '+01:00',
      parentID: 'urn:epc:id:grai:4012345.55555.987',
      childEPCs: ['urn:epc:id:giai:4000001.12345'],
      childQuantityList: [
        { epcClass: 'urn:epc:class:lgtin:4012345.011111.L1', quantity: 10.0, uom: 'KGM' },
      ],
      action: 'ADD',
      bizStep: 'assembling',
      readPoint: { id: 'urn:epc:id:sgln:4012345.00001.0' },
      persistentDisposition: { set: ['completeness_verified'], unset: ['completeness_inferred'] },
      ilmd: { 'cbvmda:lotNumber': 'L1' },
      certificationInfo: 'https://example.org/cert/1',
    };
    expect(eventPreHashString(event)).toBe(
      'eventType=AssociationEvent' +
        'eventTime=2019-11-01T13:00:00.000ZeventTimeZoneOffset=+01:00' +
        'certificationInfo=https://example.org/cert/1' +
        'parentID=https://id.gs1.org/8003/04012345555554987' +
        'childEPCsepc=https://id.gs1.org/8004/400000112345' +
        'childQuantityListquantityElementepcClass=https://id.gs1.org/01/04012345111118/10/L1quantity=10uom=KGM' +
        'action=ADDbizStep=https://ref.gs1.org/cbv/BizStep-assembling' +
        'persistentDispositionset=https://ref.gs1.org/cbv/Disp-completeness_verified' +
        'unset=https://ref.gs1.org/cbv/Disp-completeness_inferred' +
        'readPointid=https://id.gs1.org/414/4012345000016' +
        'ilmd{urn:epcglobal:cbv:mda:}lotNumber=L1',
    );
  });

  it('refuses what is not an event', () => {
    expect(() => eventPreHashString('ObjectEvent')).toThrow('JSON object');
    expect(() => eventPreHashString({ type: 'EPCISDocument' })).toThrow('not an EPCIS event type');
  });
});
