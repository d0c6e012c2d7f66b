import { EventIdentifier, EpcisEventType } from '../../events/domain/indexed-event';
import { CLASS_ROLES, IdentifierRole, INSTANCE_ROLES } from '../../events/domain/identifier-role';

export type TraceDirection = 'backward' | 'forward';

/** An event as the trace reads it: what it says about which identifiers, where, and who. */
export interface TraceEvent {
  eventID: string;
  /** The event's identity: steps are keyed by it, and redacted steps show only it. */
  eventHash: string;
  capturingOrganisation: string;
  eventType: EpcisEventType;
  eventTime: string;
  action: string | null;
  bizStep: string | null;
  readPoint: string | null;
  bizLocation: string | null;
  identifiers: EventIdentifier[];
  anchored: boolean;
}

export type NodeKind = 'identifier' | 'place' | 'party';

export type EdgeRelation =
  | 'at'
  | 'source'
  | 'destination'
  | 'contained-in'
  | 'contains'
  | 'transformed-into'
  | 'transformed-from';

export interface TraceNode {
  id: string;
  kind: NodeKind;
  /** Identifier hops from the start; places and parties take the depth of what reached them. */
  depth: number;
}

export interface TraceEdge {
  from: string;
  to: string;
  relation: EdgeRelation;
  eventID: string;
  eventHash: string;
  eventType: EpcisEventType;
  bizStep: string | null;
  eventTime: string;
}

/**
 * How an identifier was reached. Containment is followed upwards freely (a lot
 * travels in its pallet, the pallet in its container), but the contents of a
 * container are only followed from a container reached some other way;
 * otherwise every lot would pull in the other lots that shared its pallet.
 */
export type Arrival = 'start' | 'carried' | 'transformed' | 'contents';

export interface FrontierEntry {
  id: string;
  arrival: Arrival;
}

const INPUT_ROLES = new Set<IdentifierRole>([IdentifierRole.input, IdentifierRole.inputClass]);
const OUTPUT_ROLES = new Set<IdentifierRole>([IdentifierRole.output, IdentifierRole.outputClass]);
const CHILD_ROLES = new Set<IdentifierRole>([IdentifierRole.child, IdentifierRole.childClass]);
const TRACEABLE_ROLES = new Set<IdentifierRole>([...INSTANCE_ROLES, ...CLASS_ROLES]);

export interface LevelResult {
  edges: TraceEdge[];
  reached: { id: string; kind: NodeKind; arrival?: Arrival }[];
}

/**
 * One breadth-first step: for each frontier identifier and each event that
 * names it, the places and parties it was at, and the identifiers the trace
 * moves to (through transformation and containment, in the given direction).
 */
export function expandLevel(
  frontier: readonly FrontierEntry[],
  events: readonly TraceEvent[],
  direction: TraceDirection,
): LevelResult {
  const edges: TraceEdge[] = [];
  const reached: LevelResult['reached'] = [];
  const naming = eventsByIdentifier(events);
  for (const entry of frontier) {
    for (const event of naming.get(entry.id) ?? []) {
      const roles = event.identifiers
        .filter((i) => i.identifier === entry.id && TRACEABLE_ROLES.has(i.role))
        .map((i) => i.role);
      if (roles.length === 0) continue;
      const edge = (to: string, relation: EdgeRelation) =>
        edges.push({
          from: entry.id,
          to,
          relation,
          eventID: event.eventID,
          eventHash: event.eventHash,
          eventType: event.eventType,
          bizStep: event.bizStep,
          eventTime: event.eventTime,
        });
      const move = (
        role: (r: IdentifierRole) => boolean,
        relation: EdgeRelation,
        arrival: Arrival,
      ) => {
        for (const other of event.identifiers) {
          if (other.identifier !== entry.id && role(other.role)) {
            edge(other.identifier, relation);
            reached.push({ id: other.identifier, kind: 'identifier', arrival });
          }
        }
      };

      for (const place of new Set([event.bizLocation, event.readPoint])) {
        if (place === null) continue;
        edge(place, 'at');
        reached.push({ id: place, kind: 'place' });
      }
      for (const party of event.identifiers) {
        if (party.role === IdentifierRole.source || party.role === IdentifierRole.destination) {
          edge(party.identifier, party.role);
          reached.push({ id: party.identifier, kind: 'party' });
        }
      }

      if (event.eventType === 'TransformationEvent') {
        if (direction === 'forward' && roles.some((r) => INPUT_ROLES.has(r))) {
          move((r) => OUTPUT_ROLES.has(r), 'transformed-into', 'transformed');
        }
        if (direction === 'backward' && roles.some((r) => OUTPUT_ROLES.has(r))) {
          move((r) => INPUT_ROLES.has(r), 'transformed-from', 'transformed');
        }
        continue;
      }
      const containment =
        (event.eventType === 'AggregationEvent' || event.eventType === 'AssociationEvent') &&
        event.action !== 'DELETE';
      if (!containment) continue;
      if (roles.some((r) => CHILD_ROLES.has(r))) {
        move((r) => r === IdentifierRole.parent, 'contained-in', 'carried');
      }
      if (roles.includes(IdentifierRole.parent) && entry.arrival !== 'carried') {
        move((r) => CHILD_ROLES.has(r), 'contains', 'contents');
      }
    }
  }
  return { edges, reached };
}

/**
 * The events that name each identifier in a traceable role, in the order
 * given: each frontier entry visits its own events only, so a level costs
 * what it names, not frontier × events.
 */
function eventsByIdentifier(events: readonly TraceEvent[]): Map<string, TraceEvent[]> {
  const naming = new Map<string, TraceEvent[]>();
  for (const event of events) {
    const named = new Set(
      event.identifiers.filter((i) => TRACEABLE_ROLES.has(i.role)).map((i) => i.identifier),
    );
    for (const identifier of named) {
      const list = naming.get(identifier);
      if (list === undefined) naming.set(identifier, [event]);
      else list.push(event);
    }
  }
  return naming;
}
