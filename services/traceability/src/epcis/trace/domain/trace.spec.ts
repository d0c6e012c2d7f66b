import { EventIdentifier } from '../../events/domain/indexed-event';
import { IdentifierRole as R } from '../../events/domain/identifier-role';
import { traceFrom } from './trace';
import { TraceEvent } from './trace-graph';

const lot = (n: string) => `https://id.gs1.org/01/09520123456788/10/${n}`;
const pallet = (n: string) => `https://id.gs1.org/00/09520123456789012${n}`;
const place = (n: string) => `https://id.gs1.org/414/952012345678${n}`;

let clock = 0;
function event(
  eventType: TraceEvent['eventType'],
  identifiers: [R, string][],
  extra: Partial<TraceEvent> = {},
): TraceEvent {
  clock++;
  return {
    eventID: `e${clock}`,
    eventHash: `h${clock}`,
    capturingOrganisation: 'Org1MSP',
    eventType,
    eventTime: `2026-11-${String(clock).padStart(2, '0')}T00:00:00.000Z`,
    action: 'ADD',
    bizStep: null,
    readPoint: null,
    bizLocation: null,
    anchored: true,
    identifiers: identifiers.map(([role, identifier]): EventIdentifier => ({ role, identifier })),
    ...extra,
  };
}

// Farm harvests lot A; the packer turns A into packed lots P1 and P2; P1 and
// a lot from another farm (B) share pallet 1; pallet 1 ships to a store.
const network: TraceEvent[] = [
  event('ObjectEvent', [[R.epcClass, lot('A')]], {
    bizStep: 'harvesting',
    bizLocation: place('1'),
  }),
  event('ObjectEvent', [[R.epcClass, lot('B')]], {
    bizStep: 'harvesting',
    bizLocation: place('2'),
  }),
  event(
    'TransformationEvent',
    [
      [R.inputClass, lot('A')],
      [R.outputClass, lot('P1')],
      [R.outputClass, lot('P2')],
    ],
    { bizLocation: place('3') },
  ),
  event('AggregationEvent', [
    [R.parent, pallet('1')],
    [R.childClass, lot('P1')],
    [R.childClass, lot('B')],
  ]),
  event(
    'ObjectEvent',
    [
      [R.epc, pallet('1')],
      [R.destination, place('9')],
    ],
    {
      bizStep: 'shipping',
      action: 'OBSERVE',
    },
  ),
  event('ObjectEvent', [[R.epc, pallet('1')]], { bizStep: 'receiving', bizLocation: place('9') }),
];

const naming = (ids: string[], limit: number) =>
  Promise.resolve(
    network.filter((e) => e.identifiers.some((i) => ids.includes(i.identifier))).slice(0, limit),
  );

/** Events one level may read in these tests: more than any level here names. */
const LEVEL = 1000;

const ids = (graph: Awaited<ReturnType<typeof traceFrom>>, kind: string) =>
  graph.nodes
    .filter((n) => n.kind === kind)
    .map((n) => n.id)
    .sort();

describe('traceFrom', () => {
  it('follows a farm lot forward through packing and its pallet to the store', async () => {
    const graph = await traceFrom(lot('A'), 'forward', 10, LEVEL, naming);
    expect(ids(graph, 'identifier')).toEqual([lot('A'), lot('P1'), lot('P2'), pallet('1')].sort());
    expect(ids(graph, 'place')).toEqual([place('1'), place('3'), place('9')].sort());
    expect(ids(graph, 'party')).toEqual([place('9')]);
    expect(graph.truncated).toBe(false);
  });

  it('does not recall the other farm lot that merely shared the pallet', async () => {
    const graph = await traceFrom(lot('A'), 'forward', 10, LEVEL, naming);
    expect(ids(graph, 'identifier')).not.toContain(lot('B'));
  });

  it('traces a packed lot back to its farm, and a pallet back to every lot in it', async () => {
    const packed = await traceFrom(lot('P1'), 'backward', 10, LEVEL, naming);
    expect(ids(packed, 'identifier')).toEqual([lot('A'), lot('P1'), pallet('1')].sort());
    const palletGraph = await traceFrom(pallet('1'), 'backward', 10, LEVEL, naming);
    expect(ids(palletGraph, 'identifier')).toEqual(
      [lot('A'), lot('B'), lot('P1'), pallet('1')].sort(),
    );
  });

  it('records each step as an edge named by its event, in time order', async () => {
    const graph = await traceFrom(lot('A'), 'forward', 10, LEVEL, naming);
    expect(graph.edges.find((e) => e.relation === 'transformed-into')).toMatchObject({
      from: lot('A'),
      to: lot('P1'),
      eventType: 'TransformationEvent',
    });
    const times = graph.edges.map((e) => e.eventTime);
    expect(times).toEqual([...times].sort());
  });

  it('stops at maxDepth and says so', async () => {
    const graph = await traceFrom(lot('A'), 'forward', 1, LEVEL, naming);
    expect(ids(graph, 'identifier')).toEqual([lot('A'), lot('P1'), lot('P2')].sort());
    expect(graph.truncated).toBe(true);
  });

  it('follows a chain many layers deep', async () => {
    const chain = Array.from({ length: 12 }, (_, i) =>
      event('TransformationEvent', [
        [R.inputClass, lot(`L${i}`)],
        [R.outputClass, lot(`L${i + 1}`)],
      ]),
    );
    const graph = await traceFrom(lot('L0'), 'forward', 20, LEVEL, (wanted: string[]) =>
      Promise.resolve(
        chain.filter((e) => e.identifiers.some((i) => wanted.includes(i.identifier))),
      ),
    );
    expect(ids(graph, 'identifier')).toHaveLength(13);
    const back = await traceFrom(lot('L12'), 'backward', 20, LEVEL, (wanted: string[]) =>
      Promise.resolve(
        chain.filter((e) => e.identifiers.some((i) => wanted.includes(i.identifier))),
      ),
    );
    expect(back.nodes.find((n) => n.id === lot('L0'))?.depth).toBe(12);
  });

  it('stops a level that names more events than a level may read, and says so', async () => {
    const sightings = Array.from({ length: 5 }, (_, i) =>
      event('ObjectEvent', [[R.epcClass, lot('X')]], { bizLocation: place(String(i)) }),
    );
    const read: number[] = [];
    const graph = await traceFrom(lot('X'), 'forward', 10, 3, (wanted, limit) => {
      read.push(limit);
      return Promise.resolve(
        sightings
          .filter((e) => e.identifiers.some((i) => wanted.includes(i.identifier)))
          .slice(0, limit),
      );
    });
    expect(read).toEqual([4]);
    expect(new Set(graph.edges.map((e) => e.eventHash)).size).toBe(3);
    expect(graph.truncated).toBe(true);

    const whole = await traceFrom(lot('X'), 'forward', 10, 5, (wanted, limit) =>
      Promise.resolve(
        sightings
          .filter((e) => e.identifiers.some((i) => wanted.includes(i.identifier)))
          .slice(0, limit),
      ),
    );
    expect(new Set(whole.edges.map((e) => e.eventHash)).size).toBe(5);
    expect(whole.truncated).toBe(false);
  });
});
