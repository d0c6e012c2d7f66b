import { recallReport } from './recall';
import { redactTrace } from './redaction';
import { TraceGraph } from './trace';
import { TraceEdge } from './trace-graph';

const lot = (n: string) => `https://id.gs1.org/01/09520123456788/10/${n}`;
const place = 'https://id.gs1.org/414/9520123456771';

function edge(from: string, to: string, relation: TraceEdge['relation'], eventHash: string) {
  return {
    from,
    to,
    relation,
    eventID: `id-${eventHash}`,
    eventHash,
    eventType: 'TransformationEvent',
    bizStep: null,
    eventTime: '2026-11-20T08:00:00.000Z',
  } satisfies TraceEdge;
}

// Org1 turns lot A into lot P at its packhouse (h1, hidden from the viewer);
// the viewer's own event (h2) receives lot P at a place.
const graph: TraceGraph = {
  start: lot('A'),
  direction: 'forward',
  maxDepth: 16,
  nodes: [
    { id: lot('A'), kind: 'identifier', depth: 0 },
    { id: place, kind: 'place', depth: 1 },
    { id: lot('P'), kind: 'identifier', depth: 1 },
    { id: 'https://id.gs1.org/414/9520123456795', kind: 'place', depth: 2 },
  ],
  edges: [
    edge(lot('A'), place, 'at', 'h1'),
    edge(lot('A'), lot('P'), 'transformed-into', 'h1'),
    edge(lot('P'), 'https://id.gs1.org/414/9520123456795', 'at', 'h2'),
  ],
  truncated: false,
};

describe('redactTrace', () => {
  const visible = redactTrace(graph, new Map([['h1', 'Org1MSP']]));

  it('keeps what the viewer may see, and reaches it through the hidden step', () => {
    expect(visible.edges.map((e) => e.eventHash)).toEqual(['h2']);
    expect(visible.nodes.map((n) => n.id)).toEqual([
      lot('A'),
      lot('P'),
      'https://id.gs1.org/414/9520123456795',
    ]);
  });

  it('shows a hidden step as its capturing organisation and event hash only', () => {
    expect(visible.redacted).toEqual([{ eventHash: 'h1', capturingOrganisation: 'Org1MSP' }]);
    expect(JSON.stringify(visible)).not.toContain(place);
    expect(JSON.stringify(visible)).not.toContain('id-h1');
  });

  it('changes nothing when every step is visible', () => {
    expect(redactTrace(graph, new Map())).toEqual({ ...graph, redacted: [] });
  });

  it('counts redacted steps in a recall, so the chain stays complete', () => {
    const report = recallReport(lot('A'), visible, new Date('2026-12-01T00:00:00Z'));
    expect(report.eventCount).toBe(2);
    expect(report.redactedSteps).toEqual(visible.redacted);
    expect(report.downstreamLots).toEqual([lot('P')]);
  });
});
