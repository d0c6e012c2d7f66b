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

export interface Provenance {
  gtin: string;
  lot: string;
  steps: ProvenanceStep[];
}

/**
 * One step per event of the (already redacted) backward trace, oldest first,
 * with the place it happened and its proof's verdict.
 */
export function provenanceSteps(
  graph: TraceGraph,
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

function stepName(bizStep: string | null): string {
  return bizStep === null ? 'event' : bizStep.replace(/^.*BizStep-/, '').replace(/_/g, ' ');
}

function ledgerMark(proof: StepProof, verifyHref: string): string {
  const link = `(<a href="${escapeHtml(verifyHref)}">verify</a>)`;
  switch (proof.state) {
    case 'pending':
      return 'awaiting the ledger';
    case 'verified':
      return `verified on the ledger, block ${proof.blockNumber} ${link}`;
    case 'not-verified':
      return `<strong>not verified</strong>: this record no longer matches the ledger ${link}`;
    case 'unchecked':
      return `the ledger could not be checked just now ${link}`;
  }
}

/** One line per attested reading: which device of which owner vouched for it. */
function attestationLines(step: ProvenanceStep): string {
  return (step.attestations ?? [])
    .map((a) =>
      a.verdict === 'ATTESTED'
        ? `<br>reading attested by device ${escapeHtml(a.deviceId ?? '')} of ${escapeHtml(a.ownerMspId ?? '')}`
        : `<br>reading not attested by a registered device: ${escapeHtml(a.reason)}`,
    )
    .join('');
}

/** The page a consumer sees after scanning the pack: plain HTML, no scripts, every value escaped. */
export function provenancePage(provenance: Provenance): string {
  const rows = provenance.steps
    .map((step) => {
      const ledger = ledgerMark(step.proof, `/verify/${encodeURIComponent(step.eventHash)}`);
      return `<li><time datetime="${escapeHtml(step.eventTime)}">${escapeHtml(step.eventTime.slice(0, 16).replace('T', ' '))} UTC</time> · ${escapeHtml(stepName(step.bizStep))}${step.place === null ? '' : ` at ${escapeHtml(step.place)}`} · ${ledger}${attestationLines(step)}</li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Where this came from · lot ${escapeHtml(provenance.lot)}</title></head>
<body>
<h1>Lot ${escapeHtml(provenance.lot)}</h1>
<p>Product GTIN ${escapeHtml(provenance.gtin)}</p>
${provenance.steps.length === 0 ? '<p>No traceability events are recorded for this lot yet.</p>' : `<ol>\n${rows}\n</ol>`}
</body>
</html>
`;
}
