import { Injectable } from '@nestjs/common';
import { Metrics } from '@pujiang/observability';

/**
 * Capture → anchor latency: from an event's recordTime (when this service
 * stored it) to the time its batch was committed on the ledger, the promise
 * a capturing client waits on before a proof verifies.
 */
@Injectable()
export class AnchoringLatency {
  constructor(private readonly metrics: Metrics) {}

  observe(anchoredAt: Date, recordTimes: readonly Date[]): void {
    const histogram = this.metrics.histogram({
      name: 'pujiang_capture_to_anchor_seconds',
      help: 'Time from an EPCIS event capture (recordTime) to its batch committed on the ledger',
      labelNames: [] as const,
      buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800],
    });
    for (const recorded of recordTimes) {
      histogram.observe(Math.max(0, (anchoredAt.getTime() - recorded.getTime()) / 1000));
    }
  }
}
