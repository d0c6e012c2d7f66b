import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DatabaseConfig } from '@pujiang/persistence';
import { Client, Notification } from 'pg';
import { ProofChecks } from '../anchoring/proof-checks';
import { SourceChange } from './domain/page-cache';
import { ProvenancePages } from './provenance-pages';

/** The channel migration 1763880000260's triggers notify. */
export const CONSUMER_PAGE_CHANNEL = 'consumer_page';
const RECONNECT_MS = 1_000;

/** A notification's payload as the triggers write it (`i`/`e` and one value a line, or `*`). */
export function sourceChange(payload: string): SourceChange {
  const [kind, ...values] = payload.split('\n');
  if (kind === 'i') return { kind: 'identifiers', values };
  if (kind === 'e') return { kind: 'events', values };
  return { kind: 'everything' };
}

/**
 * Listens on PostgreSQL for changes to what consumer pages are drawn from
 * (captures, anchoring, edits, publications, master data; whoever made them,
 * in any replica) and evicts the pages and proof checks they touch. While the
 * connection is down nothing is kept, so a page is never older than its data.
 */
@Injectable()
export class ConsumerPageChanges implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ConsumerPageChanges.name);
  private client?: Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly config: DatabaseConfig,
    private readonly pages: ProvenancePages,
    private readonly proofs: ProofChecks,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    client.on('notification', (message: Notification) => this.heard(message.payload ?? '*'));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CONSUMER_PAGE_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    this.client = client;
    this.pages.cache.listening(true);
  }

  private heard(payload: string): void {
    const change = sourceChange(payload);
    // Proofs first: a page rendered after its eviction must not reuse a check made before the
    // change. Publications and names do not change a proof: only the event's row and the ledger do.
    if (change.kind === 'events') this.proofs.forget(change.values);
    this.pages.cache.changed(change);
  }

  private lost(client: Client, error?: unknown): void {
    if (this.client !== undefined && this.client !== client) return;
    this.client = undefined;
    this.pages.cache.listening(false);
    this.proofs.forgetAll();
    void client.end().catch(() => undefined);
    if (this.stopped || this.retry !== undefined) return;
    this.logger.warn({ error }, 'consumer page changes unheard; pages not kept until reconnected');
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.listen();
    }, RECONNECT_MS);
  }
}
