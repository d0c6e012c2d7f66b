import { epcToDigitalLink } from '@pujiang/epcis';
import { PUBLIC_GRANTEE } from '@pujiang/contracts';
import { DataSource } from 'typeorm';
import { MasterDataStore } from '../master-data/master-data.store';
import { ProofChecks } from '../anchoring/proof-checks';
import { ReadingAttestations } from '../attestation/reading-attestations';
import { VisibleTrace } from '../trace/domain/redaction';
import { TraceService } from '../trace/trace.service';
import { ProvenancePages } from './provenance-pages';

const GTIN = '09520123456788';
const lotOf = (gtin: string, value: string) => ({ gtin, code: { kind: 'lot', value } as const });

/** A trace that counts its calls and can be made to fail or to wait. */
function fakeTrace() {
  const calls: string[] = [];
  const viewers: string[] = [];
  let failNext = false;
  const traces = {
    walkReaching: async (
      subject: string,
      _d: string,
      _m: number,
      viewer: string,
    ): Promise<{ visible: VisibleTrace; reached: VisibleTrace }> => {
      calls.push(subject);
      viewers.push(viewer);
      await new Promise((resolve) => setImmediate(resolve));
      if (failNext) {
        failNext = false;
        throw new Error('database restarting');
      }
      const graph: VisibleTrace = {
        start: subject,
        direction: 'backward',
        maxDepth: 16,
        nodes: [],
        edges: [],
        redacted: [],
        truncated: false,
      };
      return { visible: graph, reached: graph };
    },
  } as unknown as TraceService;
  const proofs = { check: () => Promise.reject(new Error('no ledger')) } as unknown as ProofChecks;
  const attestations = {
    ofEvents: () => Promise.resolve(new Map()),
  } as unknown as ReadingAttestations;
  const pages = new ProvenancePages(
    traces,
    proofs,
    attestations,
    { read: () => Promise.resolve(new Map()) } as unknown as MasterDataStore,
    { query: () => Promise.resolve([{ ends: null }]) } as unknown as DataSource,
  );
  pages.cache.listening(true);
  return {
    pages,
    calls,
    viewers,
    failOnce: () => (failNext = true),
  };
}

describe('ProvenancePages', () => {
  it('renders a lot once for scans arriving together, as the public sees it, and names the page by its content', async () => {
    const { pages, calls, viewers } = fakeTrace();

    const [a, b, c] = await Promise.all([
      pages.page(lotOf(GTIN, 'L1'), 'en', 0),
      pages.page(lotOf(GTIN, 'L1'), 'en', 1),
      pages.page(lotOf(GTIN, 'L1'), 'en', 2),
    ]);

    expect(calls).toHaveLength(1);
    expect(viewers).toEqual([PUBLIC_GRANTEE]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(a.html.toString()).toContain('L1');
    expect(a.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
  });

  it('keeps a page until its data changes, and each lot on its own', async () => {
    const { pages, calls } = fakeTrace();

    await pages.page(lotOf(GTIN, 'L1'), 'en', 0);
    await pages.page(lotOf(GTIN, 'L1'), 'en', 60_000);
    await pages.page(lotOf(GTIN, 'L2'), 'en', 60_000);
    pages.cache.changed({ kind: 'identifiers', values: [`https://id.gs1.org/01/${GTIN}/10/L1`] });
    await pages.page(lotOf(GTIN, 'L1'), 'en', 60_000);
    await pages.page(lotOf(GTIN, 'L2'), 'en', 60_000);

    expect(calls).toEqual([
      `https://id.gs1.org/01/${GTIN}/10/L1`,
      `https://id.gs1.org/01/${GTIN}/10/L2`,
      `https://id.gs1.org/01/${GTIN}/10/L1`,
    ]);
  });

  it('traces the lot by the Digital Link its LGTIN URN is stored as (issue 18)', async () => {
    const { pages, calls } = fakeTrace();

    await pages.page(lotOf('04012345123456', 'LOT(2026)-A'), 'en', 0);

    expect(calls).toEqual([epcToDigitalLink('urn:epc:class:lgtin:4012345.012345.LOT(2026)-A')]);
    expect(calls).toEqual(['https://id.gs1.org/01/04012345123456/10/LOT%282026%29-A']);
  });

  it('does not keep a failed render', async () => {
    const { pages, calls, failOnce } = fakeTrace();
    failOnce();

    await expect(pages.page(lotOf(GTIN, 'L1'), 'en', 0)).rejects.toThrow('database restarting');
    await expect(pages.page(lotOf(GTIN, 'L1'), 'en', 1)).resolves.toMatchObject({
      html: expect.any(Buffer),
    });
    expect(calls).toHaveLength(2);
  });
});
