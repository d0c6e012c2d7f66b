import type { ReadingAttestation } from '@pujiang/contracts';
import { TraceGraph } from '../../trace/domain/trace';

/**
 * A step's proof checked against the ledger now (or moments ago): never the
 * read model's word. `unchecked` when the ledger could not be asked.
 */
export type StepProof =
  | { state: 'pending' }
  | { state: 'verified'; blockNumber: number }
  | { state: 'not-verified' }
  | { state: 'unchecked' };

export interface ProvenanceStep {
  /** The step's identity, and the key of its verify link. */
  eventHash: string;
  eventTime: string;
  bizStep: string | null;
  place: string | null;
  proof: StepProof;
  /** Capture's verdict on each sensor reading of the step (issue 17), when it has any. */
  attestations?: ReadingAttestation[];
}

/**
 * One step per event of the (already redacted) backward trace, oldest first,
 * with the place it happened and its proof's verdict.
 */
export function provenanceSteps(
  graph: Pick<TraceGraph, 'edges'>,
  proofs: ReadonlyMap<string, StepProof>,
  attestations: ReadonlyMap<string, ReadingAttestation[]> = new Map(),
): ProvenanceStep[] {
  const steps = new Map<string, ProvenanceStep>();
  for (const edge of graph.edges) {
    const step = steps.get(edge.eventHash) ?? {
      eventHash: edge.eventHash,
      eventTime: edge.eventTime,
      bizStep: edge.bizStep,
      place: null,
      proof: proofs.get(edge.eventHash) ?? { state: 'unchecked' },
    };
    const verdicts = attestations.get(edge.eventHash);
    if (verdicts !== undefined && step.attestations === undefined) step.attestations = verdicts;
    if (edge.relation === 'at' && step.place === null) step.place = edge.to;
    steps.set(edge.eventHash, step);
  }
  return [...steps.values()].sort((a, b) => a.eventTime.localeCompare(b.eventTime));
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
