import { Injectable, Logger } from '@nestjs/common';
import {
  Counter,
  CounterConfiguration,
  Gauge,
  Histogram,
  HistogramConfiguration,
  Registry,
  collectDefaultMetrics,
} from 'prom-client';

/** One series of a gauge read when scraped. */
export interface Reading<L extends string> {
  labels: Partial<Record<L, string>>;
  value: number;
}

export interface ReadOnScrape<L extends string> {
  name: string;
  help: string;
  labelNames: readonly L[];
  read: () => Promise<Reading<L>[]>;
}

/**
 * The service's Prometheus metrics. One registry per application (not
 * prom-client's global one), so tests that run several services in one
 * process keep their series apart. A metric asked for twice by name is the
 * same metric, so every part of the service can ask without coordinating.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly logger = new Logger(Metrics.name);

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  histogram<L extends string>(config: HistogramConfiguration<L>): Histogram<L> {
    const known = this.registry.getSingleMetric(config.name);
    if (known !== undefined) return known as Histogram<L>;
    return new Histogram({ ...config, registers: [this.registry] });
  }

  counter<L extends string>(config: CounterConfiguration<L>): Counter<L> {
    const known = this.registry.getSingleMetric(config.name);
    if (known !== undefined) return known as Counter<L>;
    return new Counter({ ...config, registers: [this.registry] });
  }

  /**
   * A gauge whose series are read from their source (a table, the Kafka
   * offsets) at each scrape, so it is never stale and costs nothing between
   * scrapes. A source that cannot be read leaves the gauge without series (or
   * NaN) for that scrape: the other metrics still answer, and the gap is the signal.
   */
  readOnScrape<L extends string>({ name, help, labelNames, read }: ReadOnScrape<L>): void {
    if (this.registry.getSingleMetric(name) !== undefined) return;
    const logger = this.logger;
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          for (const { labels, value } of await read()) this.set(labels, value);
        } catch (error) {
          logger.warn({ err: error, metric: name }, 'metric not read this scrape');
          // An unlabelled gauge always has a value: NaN, not a reassuring 0.
          if (labelNames.length === 0) this.set(NaN);
        }
      },
    });
  }

  /** The Prometheus text exposition of every metric. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** Counts keyed by one label's value, as the series of a gauge. */
export function readingsBy<L extends string>(label: L, counts: Map<string, number>): Reading<L>[] {
  return [...counts].map(([value, count]) => ({
    labels: { [label]: value } as Partial<Record<L, string>>,
    value: count,
  }));
}
