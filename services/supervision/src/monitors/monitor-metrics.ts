import { Injectable, OnModuleInit } from '@nestjs/common';
import { Metrics, Reading } from '@pujiang/observability';
import { FsmaRequests } from '../fsma/fsma-requests';
import { ComplianceMonitors, Monitor, MonitorFindings } from './compliance-monitors';

type FindingLabel = 'monitor' | 'organisation';

/** Findings of one scrape: the gauges read them together, so the monitors run once. */
const SCRAPE_REUSE_MS = 1_000;

/**
 * The monitors as Prometheus gauges, computed at each scrape: findings per
 * monitor and organisation, the anchoring lag per organisation, and the
 * FSMA 204 requests per organisation and standing.
 */
@Injectable()
export class MonitorMetrics implements OnModuleInit {
  private scrape?: { at: number; findings: Promise<MonitorFindings> };

  constructor(
    private readonly metrics: Metrics,
    private readonly monitors: ComplianceMonitors,
    private readonly requests: FsmaRequests,
  ) {}

  onModuleInit(): void {
    this.metrics.readOnScrape({
      name: 'pujiang_supervision_findings',
      help: 'Open findings of each compliance monitor, by the organisation responsible',
      labelNames: ['monitor', 'organisation'],
      read: async () => findingReadings(await this.findings()),
    });
    this.metrics.readOnScrape({
      name: 'pujiang_supervision_anchoring_lag_seconds',
      help: 'Longest capture-to-commit of the events anchored in the window, by organisation',
      labelNames: ['organisation'],
      read: async () =>
        (await this.findings()).anchoringLag.map((lag) => ({
          labels: { organisation: lag.organisation },
          value: lag.maxLagSeconds,
        })),
    });
    this.metrics.readOnScrape({
      name: 'pujiang_supervision_anchoring_pending_oldest_seconds',
      help: 'Age of the oldest captured event not yet anchored, by organisation',
      labelNames: ['organisation'],
      read: async () =>
        (await this.findings()).anchoringLag.map((lag) => ({
          labels: { organisation: lag.organisation },
          value: lag.oldestPendingSeconds,
        })),
    });
    this.metrics.readOnScrape({
      name: 'pujiang_supervision_fsma_requests',
      help: 'FSMA 204 records requests by the organisation asked and where the answer stands',
      labelNames: ['organisation', 'standing'],
      read: async () =>
        (await this.requests.standings(new Date())).map(({ organisation, standing, count }) => ({
          labels: { organisation, standing },
          value: count,
        })),
    });
  }

  private findings(): Promise<MonitorFindings> {
    const now = Date.now();
    if (this.scrape === undefined || now - this.scrape.at > SCRAPE_REUSE_MS) {
      this.scrape = { at: now, findings: this.monitors.findings(new Date(now)) };
    }
    return this.scrape.findings;
  }
}

function findingReadings(findings: MonitorFindings): Reading<FindingLabel>[] {
  const counts = new Map<string, number>();
  const count = (monitor: string, organisation: string, by = 1) => {
    const key = `${monitor}\u0000${organisation}`;
    counts.set(key, (counts.get(key) ?? 0) + by);
  };
  for (const { organisation, count: breaches } of findings.coldChainBreachCounts)
    count(Monitor.coldChain, organisation, breaches);
  for (const claim of findings.claimsPastTimeBar) count(Monitor.claimTimeBar, claim.insurerMsp);
  for (const document of findings.surrenderedWithoutDelivery)
    count(Monitor.surrender, document.platform);
  for (const shipment of findings.shipmentsNotReceived)
    count(Monitor.shipment, shipment.organisation);
  return [...counts].map(([key, value]) => {
    const [monitor, organisation] = key.split('\u0000') as [string, string];
    return { labels: { monitor, organisation }, value };
  });
}
