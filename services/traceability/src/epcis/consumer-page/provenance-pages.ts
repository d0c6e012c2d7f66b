import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { lotDigitalLink } from '@pujiang/epcis';
import { DataSource } from 'typeorm';
import { TraceService } from '../trace/trace.service';
import { provenancePage, provenanceSteps } from './domain/provenance';

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

/** The consumer provenance page of a lot, rendered from its backward trace, kept briefly. */
@Injectable()
export class ProvenancePages {
  private readonly pages = new Map<string, { page: Promise<RenderedPage>; until: number }>();

  constructor(
    private readonly traces: TraceService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Concurrent scans of a lot whose page has expired wait for one render, not one each. */
  page(gtin14: string, lot: string, now = Date.now()): Promise<RenderedPage> {
    const key = `${gtin14}\u0000${lot}`;
    const cached = this.pages.get(key);
    if (cached !== undefined && cached.until > now) return cached.page;
    const page = this.render(gtin14, lot);
    this.pages.delete(key);
    this.pages.set(key, { page, until: now + PAGE_TTL_SECONDS * 1000 });
    // A failed render is not kept: the next scan tries again.
    page.catch(() => this.pages.delete(key));
    this.evictOldest();
    return page;
  }

  private evictOldest(): void {
    for (const key of this.pages.keys()) {
      if (this.pages.size <= MAX_CACHED_LOTS) return;
      this.pages.delete(key);
    }
  }

  private async render(gtin14: string, lot: string): Promise<RenderedPage> {
    const graph = await this.traces.trace(lotDigitalLink(gtin14, lot), 'backward', 16);
    const eventIDs = [...new Set(graph.edges.map((e) => e.eventID))];
    const rows: { event_id: string; tx_id: string; block_number: string }[] =
      await this.dataSource.query(
        `SELECT event_id, tx_id, block_number FROM epcis_event
          WHERE event_id = ANY($1::text[]) AND anchor_status = 'anchored'`,
        [eventIDs],
      );
    const anchors = new Map(
      rows.map((r) => [r.event_id, { txId: r.tx_id, blockNumber: Number(r.block_number) }]),
    );
    const html = provenancePage({ gtin: gtin14, lot, steps: provenanceSteps(graph, anchors) });
    const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
    return { html, etag };
  }
}
