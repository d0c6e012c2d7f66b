import { lotOfDigitalLink } from '@pujiang/epcis';
import { RedactedStep, VisibleTrace } from './redaction';

export interface RecallReport {
  lot: string;
  generatedAt: string;
  downstreamLots: string[];
  otherIdentifiers: string[];
  places: string[];
  parties: string[];
  /** Every step reached, shown or redacted. */
  eventCount: number;
  /** The steps the caller may not see: the recall went through them all the same. */
  redactedSteps: RedactedStep[];
  truncated: boolean;
}

const isLot = (id: string): boolean => lotOfDigitalLink(id) !== undefined;

/** What a recall of one lot must reach: every lot made from it, and everywhere and everyone it went. */
export function recallReport(lot: string, forward: VisibleTrace, generatedAt: Date): RecallReport {
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
    eventCount: new Set(forward.edges.map((e) => e.eventHash)).size + forward.redacted.length,
    redactedSteps: forward.redacted,
    truncated: forward.truncated,
  };
}
