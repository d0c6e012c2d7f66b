import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PUBLIC_GRANTEE } from '@pujiang/contracts';
import { ElementString, buildDigitalLink } from '@pujiang/epcis';
import { DataSource } from 'typeorm';
import { AnchorProofView } from '../anchoring/anchor-proofs.service';
import { ProofChecks } from '../anchoring/proof-checks';
import { ReadingAttestations } from '../attestation/reading-attestations';
import { partyName, place, tradeItem } from '../master-data/domain/descriptions';
import { MasterDataStore } from '../master-data/master-data.store';
import { TraceGraph } from '../trace/domain/trace';
import { TraceService } from '../trace/trace.service';
import {
  ConsumerPageContent,
  JourneyStep,
  ScannedCode,
  consumerPage,
} from './domain/consumer-page';
import { EventFacts, eventFacts } from './domain/event-facts';
import { Language } from './domain/language';
import { PageCache, PageSources } from './domain/page-cache';
import { StepProof, provenanceSteps } from './domain/provenance';

export interface RenderedPage {
  /** The page as UTF-8 bytes, encoded once per render, not once per scan. */
  html: Buffer;
  /** The same page gzipped once per render, not once per scan. */
  gzipped: Buffer;
  etag: string;
}

/**
 * How long a browser or a shared cache in front of us may reuse a page
 * without asking again (Cache-Control). Ours is kept until its data changes
 * (PageCache); theirs cannot be told, so they ask again soon, and mostly get a
 * 304 for the ETag they hold.
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
const pageKey = (path: string, language: Language) => `${path}\u0000${language}`;
/** A page drawn while the ledger could not be asked is kept this long, then checked again. */
const UNCHECKED_PAGE_MS = 2_000;

/**
 * The consumer provenance page of a lot: the steps of its backward trace
 * that their capturing organisations publish (grants to PUBLIC), each marked
 * by its proof checked against the ledger, named from master data; kept,
 * rendered and gzipped, until the data it was drawn from changes
 * (ConsumerPageChanges tells the cache).
 */
@Injectable()
export class ProvenancePages {
  readonly cache = new PageCache<RenderedPage>(MAX_CACHED_PAGES);

  constructor(
    private readonly traces: TraceService,
    private readonly proofs: ProofChecks,
    private readonly attestations: ReadingAttestations,
    private readonly masterData: MasterDataStore,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Concurrent scans of a code whose page is not kept wait for one render, not one each. */
  page(
    subject: PageSubject,
    language: Language = 'en',
    now = Date.now(),
    path = buildDigitalLink(subjectElements(subject), ''),
  ): Promise<RenderedPage> {
    return this.cache.get(
      pageKey(path, language),
      () => this.render(subject, path, language, now),
      now,
    );
  }

  /** The page already rendered and still true, or undefined (then `page` renders it). */
  kept(path: string, language: Language, now = Date.now()): RenderedPage | undefined {
    return this.cache.kept(pageKey(path, language), now);
  }

  private async render(
    subject: PageSubject,
    path: string,
    language: Language,
    now: number,
  ): Promise<{ page: RenderedPage; sources: PageSources }> {
    const [{ content, reached }, publicationEnds] = await Promise.all([
      this.content(subject),
      this.nextPublicationEnd(now),
    ]);
    const html = consumerPage(content, language, path);
    const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
    const unchecked = content.steps.some((step) => step.proof.state === 'unchecked');
    return {
      page: { html: Buffer.from(html), gzipped: gzipSync(html), etag },
      sources: {
        identifiers: new Set([reached.start, ...reached.nodes.map((node) => node.id)]),
        eventHashes: new Set(reached.edges.map((edge) => edge.eventHash)),
        until: Math.min(publicationEnds, unchecked ? now + UNCHECKED_PAGE_MS : Infinity),
      },
    };
  }

  /** When the next publication to the public ends or is revoked by the clock (ms), or Infinity. */
  private async nextPublicationEnd(now: number): Promise<number> {
    const [row]: { ends: Date | null }[] = await this.dataSource.query(
      `SELECT min(t) AS ends FROM access_grant, LATERAL (VALUES (expires_at), (revoked_at)) v(t)
        WHERE grantee = $1 AND t > $2`,
      [PUBLIC_GRANTEE, new Date(now).toISOString()],
    );
    return row?.ends ? row.ends.getTime() : Infinity;
  }

  private async content(
    subject: PageSubject,
  ): Promise<{ content: ConsumerPageContent; reached: TraceGraph }> {
    // A GTIN alone names every lot ever made: its page is the product, not a journey.
    const walked =
      subject.code === undefined
        ? undefined
        : await this.traces.walkReaching(
            buildDigitalLink(subjectElements(subject)),
            'backward',
            16,
            PUBLIC_GRANTEE,
          );
    const graph = walked?.visible ?? { edges: [] };
    const reached: TraceGraph = walked?.reached ?? {
      start: '',
      direction: 'backward',
      maxDepth: 0,
      nodes: [],
      edges: [],
      truncated: false,
    };
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
    const content = {
      gtin: subject.gtin,
      code: subject.code,
      product: tradeItem(productId[0] === undefined ? undefined : described.get(productId[0])),
      steps: journey,
      temperatures: [...facts.values()].flatMap((f) => f.temperatures),
    };
    return { content, reached };
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
