import { TraceGraph } from './trace';

/** A step of the chain the viewer may not see: who captured it and its identity, nothing more. */
export interface RedactedStep {
  eventHash: string;
  capturingOrganisation: string;
}

/** A trace as one viewer may see it: the steps it may not see are listed, not shown. */
export interface VisibleTrace extends TraceGraph {
  redacted: RedactedStep[];
}

/**
 * Redacts a trace walked through every event (so the walk reaches what lies
 * beyond a hidden step, and the chain stays complete): the hidden events'
 * edges go, and with them the identifiers, places and parties only they
 * named; each hidden event stays as a step with its capturing organisation
 * and event hash, so its anchoring can still be proved.
 *
 * `hidden`: event hash → capturing organisation, of the events the viewer may not see.
 */
export function redactTrace(graph: TraceGraph, hidden: ReadonlyMap<string, string>): VisibleTrace {
  const edges = graph.edges.filter((edge) => !hidden.has(edge.eventHash));
  const named = new Set([graph.start, ...edges.flatMap((edge) => [edge.from, edge.to])]);
  const redacted = new Map<string, RedactedStep>();
  for (const edge of graph.edges) {
    const capturingOrganisation = hidden.get(edge.eventHash);
    if (capturingOrganisation !== undefined && !redacted.has(edge.eventHash)) {
      redacted.set(edge.eventHash, { eventHash: edge.eventHash, capturingOrganisation });
    }
  }
  return {
    ...graph,
    nodes: graph.nodes.filter((node) => named.has(node.id)),
    edges,
    // By hash, not time: a hidden step's time is content too.
    redacted: [...redacted.values()].sort((a, b) => a.eventHash.localeCompare(b.eventHash)),
  };
}
