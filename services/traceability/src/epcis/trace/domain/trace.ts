import {
  FrontierEntry,
  TraceDirection,
  TraceEdge,
  TraceEvent,
  TraceNode,
  expandLevel,
} from './trace-graph';

export interface TraceGraph {
  start: string;
  direction: TraceDirection;
  maxDepth: number;
  nodes: TraceNode[];
  edges: TraceEdge[];
  /**
   * True when identifiers were left unexplored: at maxDepth, at the node
   * limit, or because one level named more events than a level may read.
   */
  truncated: boolean;
}

/**
 * Loads the events that name any of the identifiers, with all the
 * identifiers of each, oldest first: at most `limit` of them.
 */
export type EventsNaming = (identifiers: string[], limit: number) => Promise<TraceEvent[]>;

export const MAX_TRACE_NODES = 20_000;

/**
 * Breadth-first trace from one identifier, one database round trip per
 * level: the graph of identifiers, places and parties, with the events as
 * edges, as far as maxDepth identifier hops. A level that names more than
 * maxLevelEvents events is expanded over its first maxLevelEvents only, and
 * the walk stops there, truncated: what it shows is true, not all there is.
 */
export async function traceFrom(
  start: string,
  direction: TraceDirection,
  maxDepth: number,
  maxLevelEvents: number,
  eventsNaming: EventsNaming,
): Promise<TraceGraph> {
  // One id may be both a place and a party (a destination of type location).
  const key = (kind: string, id: string) => `${kind} ${id}`;
  const nodes = new Map<string, TraceNode>([
    [key('identifier', start), { id: start, kind: 'identifier', depth: 0 }],
  ]);
  const edges = new Map<string, TraceEdge>();
  let frontier: FrontierEntry[] = [{ id: start, arrival: 'start' }];
  let depth = 0;
  let levelCut = false;
  while (frontier.length > 0 && depth < maxDepth && nodes.size < MAX_TRACE_NODES && !levelCut) {
    // One more than allowed tells a full level from one over the limit.
    const named = await eventsNaming(
      frontier.map((entry) => entry.id),
      maxLevelEvents + 1,
    );
    levelCut = named.length > maxLevelEvents;
    const events = levelCut ? named.slice(0, maxLevelEvents) : named;
    const level = expandLevel(frontier, events, direction);
    for (const edge of level.edges) {
      edges.set(`${edge.from} ${edge.relation} ${edge.to} ${edge.eventHash}`, edge);
    }
    const next: FrontierEntry[] = [];
    for (const reached of level.reached) {
      if (nodes.has(key(reached.kind, reached.id))) continue;
      nodes.set(key(reached.kind, reached.id), {
        id: reached.id,
        kind: reached.kind,
        depth: depth + 1,
      });
      if (reached.kind === 'identifier' && reached.arrival !== undefined) {
        next.push({ id: reached.id, arrival: reached.arrival });
      }
    }
    frontier = next;
    depth++;
  }
  return {
    start,
    direction,
    maxDepth,
    nodes: [...nodes.values()],
    edges: [...edges.values()].sort((a, b) => a.eventTime.localeCompare(b.eventTime)),
    truncated: levelCut || frontier.length > 0,
  };
}
