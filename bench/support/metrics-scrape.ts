import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Where the bench keeps the full scrape, beside the other test results CI keeps. */
export const CAPTURE_SCRAPE_FILE = '.stack/test-results/bench/capture-metrics.prom';

/**
 * Takes the service's `/metrics` `afterMs` into a load run, as Prometheus
 * would, so the figures show what an operator sees while the load is on.
 * Returns the series of our own metrics and the HTTP histogram's sums and
 * counts (buckets and the process defaults are left in the file), or the
 * reason there is none.
 */
export async function scrapeDuringLoad(
  serviceUrl: string,
  afterMs: number,
  file = CAPTURE_SCRAPE_FILE,
): Promise<string[]> {
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  const res = await fetch(`${serviceUrl}/metrics`);
  if (!res.ok) return [`no scrape: /metrics answered ${res.status}`];
  const text = await res.text();
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  return text
    .split('\n')
    .filter((line) => /^(pujiang_|http_request)/.test(line) && !line.includes('_bucket{'));
}
