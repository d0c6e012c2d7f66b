import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PUBLIC_GRANTEE } from '@pujiang/contracts';
import { lotDigitalLink } from '@pujiang/epcis';
import { BriefCache } from '@pujiang/polling';
import { DataSource } from 'typeorm';
import { AnchorProofView } from '../anchoring/anchor-proofs.service';
import { ProofChecks } from '../anchoring/proof-checks';
import { partyName, place, tradeItem } from '../master-data/domain/descriptions';
import { MasterDataStore } from '../master-data/master-data.store';
import { TraceService } from '../trace/trace.service';
import { ConsumerPageContent, JourneyStep, consumerPage } from './domain/consumer-page';
import { EventFacts, eventFacts } from './domain/event-facts';
import { Language } from './domain/language';
import { StepProof, provenanceSteps } from './domain/provenance';

export interface RenderedPage {
  html: string;
  /** The same page gzipped once per render, not once per scan. */
  gzipped: Buffer;
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
const MAX_CACHED_PAGES = 10_000;

/**
 * The consumer provenance page of a lot: the steps of its backward trace
 * that their capturing organisations publish (grants to PUBLIC), each marked
 * by its proof checked against the ledger, named from master data; kept briefly.
 */
@Injectable()
export class ProvenancePages {
  private readonly pages = new BriefCache<RenderedPage>(PAGE_TTL_SECONDS * 1000, MAX_CACHED_PAGES);

  constructor(
    private readonly traces: TraceService,
    private readonly proofs: ProofChecks,
    private readonly masterData: MasterDataStore,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Concurrent scans of a lot whose page has expired wait for one render, not one each. */
  page(
    gtin14: string,
    lot: string,
    language: Language = 'en',
    now = Date.now(),
  ): Promise<RenderedPage> {
    return this.pages.get(
      `${gtin14}\u0000${lot}\u0000${language}`,
      () => this.render(gtin14, lot, language),
      now,
    );
  }

  private async render(gtin14: string, lot: string, language: Language): Promise<RenderedPage> {
    const content = await this.content(gtin14, lot);
    const html = consumerPage(content, language, lotDigitalLink(gtin14, lot, ''));
    const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
    return { html, gzipped: gzipSync(html), etag };
  }

  private async content(gtin14: string, lot: string): Promise<ConsumerPageContent> {
    const graph = await this.traces.walk(
      lotDigitalLink(gtin14, lot),
      'backward',
      16,
      PUBLIC_GRANTEE,
    );
    const hashes = [...new Set(graph.edges.map((e) => e.eventHash))];
    const [proofs, facts] = await Promise.all([
      Promise.all(hashes.map(async (hash) => [hash, await this.stepProof(hash)] as const)),
      this.eventFacts(hashes),
    ]);
    const steps = provenanceSteps(graph, new Map(proofs));
    const productId = `https://id.gs1.org/01/${gtin14}`;
    const places = await this.masterData.read([productId, ...steps.flatMap((s) => s.place ?? [])]);
    const described = steps.map((step) => ({
      step,
      place: step.place === null ? undefined : place(places.get(step.place)),
    }));
    const parties = await this.masterData.read(described.flatMap((d) => d.place?.operator ?? []));
    const journey: JourneyStep[] = described.map(({ step, place: where }) => ({
      eventHash: step.eventHash,
      eventTime: step.eventTime,
      bizStep: step.bizStep,
      proof: step.proof,
      place: where,
      company: where?.operator === undefined ? undefined : partyName(parties.get(where.operator)),
      timeZoneOffset: facts.get(step.eventHash)?.timeZoneOffset,
    }));
    return {
      gtin: gtin14,
      lot,
      product: tradeItem(places.get(productId)),
      steps: journey,
      temperatures: [...facts.values()].flatMap((f) => f.temperatures),
    };
  }

  /** The published events' own documents: only the steps the trace already showed. */
  private async eventFacts(hashes: readonly string[]): Promise<Map<string, EventFacts>> {
    if (hashes.length === 0) return new Map();
    const rows: { event_hash: string; document: Record<string, unknown> }[] =
      await this.dataSource.query(
        `SELECT event_hash, document FROM epcis_event WHERE event_hash = ANY($1::text[])`,
        [hashes],
      );
    return new Map(rows.map((row) => [row.event_hash, eventFacts(row.document)]));
  }

  /** A ledger that cannot be reached leaves the step unchecked, not the page unserved. */
  private async stepProof(eventHash: string): Promise<StepProof> {
    let proof: AnchorProofView;
    try {
      proof = await this.proofs.check(eventHash);
    } catch {
      return { state: 'unchecked' };
    }
    return proofOf(proof);
  }
}

/** The step's verdict in the page's terms. */
export function proofOf(proof: AnchorProofView): StepProof {
  if (proof.anchorStatus === 'pending') return { state: 'pending' };
  return proof.verified && proof.anchor !== undefined
    ? { state: 'verified', blockNumber: proof.anchor.blockNumber }
    : { state: 'not-verified' };
}
