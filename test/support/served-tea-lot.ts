import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import {
  TEA_GTIN,
  teaDocument,
} from '../../services/traceability/src/epcis/testing/consumer-page.fixture';
import { publishGtinForTest } from '../../services/traceability/src/epcis/testing/public-gtin';
import { stackEnv } from './stack-env';
import { ORG1_PACKER, bearer } from './stack-tokens';
import { startTraceabilityWithoutLedger } from './traceability-without-ledger';

export interface ServedTeaLot {
  app: NestFastifyApplication;
  url: string;
  /** The traceability database, as the suite may read or change it behind the service. */
  db: Client;
  /** Org1's packer's bearer header. */
  packer: { authorization: string };
  /** Withdraws the publication (also done by close). */
  unpublish: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * The consumer-page suites' start: the traceability service without a ledger
 * (configured from process.env as the suite left it), the tea lot of `run`
 * captured by Org1's packer, and its GTIN published to PUBLIC as `grantId`.
 */
export async function servedTeaLot(run: string, grantId: string): Promise<ServedTeaLot> {
  const packer = await bearer(ORG1_PACKER);
  const { app, url } = await startTraceabilityWithoutLedger();
  const db = new Client({ connectionString: stackEnv().TRACEABILITY_DATABASE_URL });
  await db.connect();
  const captured = await fetch(`${url}/capture`, {
    method: 'POST',
    headers: { ...packer, 'content-type': 'application/ld+json' },
    body: JSON.stringify(teaDocument(run)),
  });
  const body = await captured.text();
  if (!/captureID/.test(body)) throw new Error(`capturing the tea lot: ${captured.status} ${body}`);
  const unpublish = await publishGtinForTest(db, TEA_GTIN, grantId);
  return {
    app,
    url,
    db,
    packer,
    unpublish,
    close: async () => {
      await unpublish();
      await db.end();
      await app.close();
    },
  };
}
