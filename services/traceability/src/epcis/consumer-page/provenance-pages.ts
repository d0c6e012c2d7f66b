import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PUBLIC_GRANTEE } from '@pujiang/contracts';
import { ElementString, buildDigitalLink } from '@pujiang/epcis';
import { BriefCache } from '@pujiang/polling';
import { DataSource } from 'typeorm';
import { AnchorProofView } from '../anchoring/anchor-proofs.service';
import { ProofChecks } from '../anchoring/proof-checks';
import { ReadingAttestations } from '../attestation/reading-attestations';
import { partyName, place, tradeItem } from '../master-data/domain/descriptions';
import { MasterDataStore } from '../master-data/master-data.store';
import { TraceService } from '../trace/trace.service';
import {
  ConsumerPageContent,
  JourneyStep,
  ScannedCode,
  consumerPage,
} from './domain/consumer-page';
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

/** What a scanned Digital Link names: a GTIN (alone, with a lot or a serial) or an SSCC. */
export interface PageSubject {
  gtin?: string;
  code?: ScannedCode;
}

const QUALIFIER_AI = { lot: '10', serial: '21' } as const;

/** The subject's Digital Link path elements, as decoded values. */
export function subjectElements(subject: PageSubject): ElementString[] {
  if (subject.code?.kind === 'sscc') return [{ ai: '00', value: subject.code.value }];
  const gtin: ElementString[] = [{ ai: '01', value: subject.gtin ?? '' }];
  return subject.code === undefined
    ? gtin
    : [...gtin, { ai: QUALIFIER_AI[subject.code.kind], value: subject.code.value }];
}
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
    private readonly attestations: ReadingAttestations,
    private readonly masterData: MasterDataStore,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Concurrent scans of a code whose page has expired wait for one render, not one each. */
  page(subject: PageSubject, language: Language = 'en', now = Date.now()): Promise<RenderedPage> {
    const path = buildDigitalLink(subjectElements(subject), '');
    return this.pages.get(
      `${path}\u0000${language}`,
      () => this.render(subject, path, language),
      now,
    );
  }

  private async render(
    subject: PageSubject,
    path: string,
    language: Language,
  ): Promise<RenderedPage> {
    const content = await this.content(subject);
    const html = consumerPage(content, language, path);
    const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
    return { html, gzipped: gzipSync(html), etag };
  }

  private async content(subject: PageSubject): Promise<ConsumerPageContent> {
    // A GTIN alone names every lot ever made: its page is the product, not a journey.
    const graph =
      subject.code === undefined
        ? { edges: [] }
        : await this.traces.walk(
            buildDigitalLink(subjectElements(subject)),
            'backward',
            16,
            PUBLIC_GRANTEE,
          );
    const hashes = [...new Set(graph.edges.map((e) => e.eventHash))];
    const [proofs, facts, attested] = await Promise.all([
      Promise.all(hashes.map(async (hash) => [hash, await this.stepProof(hash)] as const)),
      this.eventFacts(hashes),
      this.attestations.ofEvents(hashes),
    ]);
    const steps = provenanceSteps(graph, new Map(proofs), attested);
    const productId = subject.gtin === undefined ? [] : [`https://id.gs1.org/01/${subject.gtin}`];
    const described = await this.masterData.read([
      ...productId,
      ...steps.flatMap((s) => s.place ?? []),
    ]);
    const located = steps.map((step) => ({
      step,
      place: step.place === null ? undefined : place(described.get(step.place)),
    }));
    const parties = await this.masterData.read(located.flatMap((d) => d.place?.operator ?? []));
    const journey: JourneyStep[] = located.map(({ step, place: where }) => ({
      eventHash: step.eventHash,
      eventTime: step.eventTime,
      bizStep: step.bizStep,
      proof: step.proof,
      place: where,
      company: where?.operator === undefined ? undefined : partyName(parties.get(where.operator)),
      timeZoneOffset: facts.get(step.eventHash)?.timeZoneOffset,
      attestations: step.attestations,
    }));
    return {
      gtin: subject.gtin,
      code: subject.code,
      product: tradeItem(productId[0] === undefined ? undefined : described.get(productId[0])),
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
