import { lotOfDigitalLink } from '@pujiang/epcis';
import { TraceGraph } from './trace';

export interface RecallReport {
  lot: string;
  generatedAt: string;
  downstreamLots: string[];
  otherIdentifiers: string[];
  places: string[];
  parties: string[];
  eventCount: number;
  truncated: boolean;
}

const isLot = (id: string): boolean => lotOfDigitalLink(id) !== undefined;

/** What a recall of one lot must reach: every lot made from it, and everywhere and everyone it went. */
export function recallReport(lot: string, forward: TraceGraph, generatedAt: Date): RecallReport {
  const ids = (kind: string) =>
    forward.nodes
      .filter((n) => n.kind === kind && n.id !== lot)
      .map((n) => n.id)
      .sort();
  const identifiers = ids('identifier');
  return {
    lot,
    generatedAt: generatedAt.toISOString(),
    downstreamLots: identifiers.filter(isLot),
    otherIdentifiers: identifiers.filter((id) => !isLot(id)),
    places: ids('place'),
    parties: ids('party'),
    eventCount: new Set(forward.edges.map((e) => e.eventID)).size,
    truncated: forward.truncated,
  };
}
