import { TraceGraph } from '../../trace/domain/trace';

export interface ProvenanceStep {
  eventID: string;
  eventTime: string;
  bizStep: string | null;
  place: string | null;
  anchored: { txId: string; blockNumber: number } | null;
}

export interface Provenance {
  gtin: string;
  lot: string;
  steps: ProvenanceStep[];
}

/** One step per event of the backward trace, oldest first, with the place it happened. */
export function provenanceSteps(
  graph: TraceGraph,
  anchors: ReadonlyMap<string, { txId: string; blockNumber: number }>,
): ProvenanceStep[] {
  const steps = new Map<string, ProvenanceStep>();
  for (const edge of graph.edges) {
    const step = steps.get(edge.eventID) ?? {
      eventID: edge.eventID,
      eventTime: edge.eventTime,
      bizStep: edge.bizStep,
      place: null,
      anchored: anchors.get(edge.eventID) ?? null,
    };
    if (edge.relation === 'at' && step.place === null) step.place = edge.to;
    steps.set(edge.eventID, step);
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

/** The page a consumer sees after scanning the pack: plain HTML, no scripts, every value escaped. */
export function provenancePage(provenance: Provenance): string {
  const rows = provenance.steps
    .map((step) => {
      const proofHref = `/events/${encodeURIComponent(step.eventID)}/proof`;
      const ledger =
        step.anchored === null
          ? 'awaiting the ledger'
          : `anchored in block ${step.anchored.blockNumber} (<a href="${escapeHtml(proofHref)}">verify</a>)`;
      return `<li><time datetime="${escapeHtml(step.eventTime)}">${escapeHtml(step.eventTime.slice(0, 16).replace('T', ' '))} UTC</time> · ${escapeHtml(stepName(step.bizStep))}${step.place === null ? '' : ` at ${escapeHtml(step.place)}`} · ${ledger}</li>`;
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
