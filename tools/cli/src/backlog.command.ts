import { outboxBacklog } from '@pujiang/messaging';
import { Client } from 'pg';
import { anchoringBacklog } from '../../../services/ledger/src/anchoring/anchoring-backlog';
import { UsageError, type Command } from './command';

/**
 * `pujiang backlog`: what a service still owes, read from its database
 * (DATABASE_URL): outbox messages not yet on Kafka and, in the ledger
 * service's database, digests waiting for a batch and batches not anchored.
 */
export const backlogCommand: Command = {
  words: ['backlog'],
  usage: 'backlog   outbox and anchoring backlog of the service whose DATABASE_URL is set',
  async run(args, io) {
    if (args.length > 0) throw new UsageError(`unexpected argument ${args[0] ?? ''}`);
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) throw new UsageError("DATABASE_URL must name a service's database");
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const outbox = await outboxBacklog(db);
      io.out(
        `outbox: ${outbox.unpublished} unpublished, oldest ${seconds(outbox.oldestAgeSeconds)}`,
      );
      const { rows } = await db.query<{ anchoring: boolean }>(
        `SELECT to_regclass('anchor_item') IS NOT NULL AS anchoring`,
      );
      if (rows[0]?.anchoring === true) {
        const anchoring = await anchoringBacklog(db);
        const { pending, submitted, refused } = anchoring.batches;
        io.out(
          `anchoring: ${anchoring.waiting} digests waiting for a batch, oldest ${seconds(anchoring.oldestWaitingSeconds)}; ` +
            `batches pending ${pending}, submitted ${submitted}, refused ${refused}`,
        );
      }
      return 0;
    } finally {
      await db.end();
    }
  },
};

function seconds(value: number): string {
  return `${value.toFixed(1)} s`;
}
