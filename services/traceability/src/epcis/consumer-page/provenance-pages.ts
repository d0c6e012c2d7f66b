import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PUBLIC_GRANTEE } from '@pujiang/contracts';
import { lotDigitalLink } from '@pujiang/epcis';
import { AnchorProofView } from '../anchoring/anchor-proofs.service';
import { ProofChecks } from '../anchoring/proof-checks';
import { BriefCache } from '@pujiang/polling';
import { ReadingAttestations } from '../attestation/reading-attestations';
import { TraceService } from '../trace/trace.service';
import { StepProof, provenancePage, provenanceSteps } from './domain/provenance';

export interface RenderedPage {
  html: string;
  etag: string;
}

/**
 * How long a rendered page is served before it is rendered again. A QR code
 * on a pack is scanned by many people at once (a shelf, a recall notice); a
 * page two seconds old is as true to them as a fresh one, since anchoring
 * itself takes seconds, and the database sees one render per lot per
 * interval instead of one per scan.
 */
export const PAGE_TTL_SECONDS = 2;
const MAX_CACHED_LOTS = 10_000;

/**
 * The consumer provenance page of a lot: the steps of its backward trace
 * that their capturing organisations publish (grants to PUBLIC), each marked
 * by its proof checked against the ledger; kept briefly.
 */
@Injectable()
export class ProvenancePages {
  private readonly pages = new BriefCache<RenderedPage>(PAGE_TTL_SECONDS * 1000, MAX_CACHED_LOTS);

  constructor(
    private readonly traces: TraceService,
    private readonly proofs: ProofChecks,
    private readonly attestations: ReadingAttestations,
  ) {}

  /** Concurrent scans of a lot whose page has expired wait for one render, not one each. */
  page(gtin14: string, lot: string, now = Date.now()): Promise<RenderedPage> {
    return this.pages.get(`${gtin14}\u0000${lot}`, () => this.render(gtin14, lot), now);
  }

  private async render(gtin14: string, lot: string): Promise<RenderedPage> {
    const graph = await this.traces.walk(
      lotDigitalLink(gtin14, lot),
      'backward',
      16,
      PUBLIC_GRANTEE,
    );
    const hashes = [...new Set(graph.edges.map((e) => e.eventHash))];
    const proofs = new Map(
      await Promise.all(hashes.map(async (hash) => [hash, await this.stepProof(hash)] as const)),
    );
    const attested = await this.attestations.ofEvents(hashes);
    const html = provenancePage({
      gtin: gtin14,
      lot,
      steps: provenanceSteps(graph, proofs, attested),
    });
    const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
    return { html, etag };
  }

  /** A ledger that cannot be reached leaves the step unchecked, not the page unserved. */
  private async stepProof(eventHash: string): Promise<StepProof> {
    let proof: AnchorProofView;
    try {
      proof = await this.proofs.check(eventHash);
    } catch {
      return { state: 'unchecked' };
    }
    if (proof.anchorStatus === 'pending') return { state: 'pending' };
    return proof.verified && proof.anchor !== undefined
      ? { state: 'verified', blockNumber: proof.anchor.blockNumber }
      : { state: 'not-verified' };
  }
}
