import { userInfo } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import {
  releaseRefusedBatch,
  releasedItemsProgress,
} from '../../../services/ledger/src/anchoring/batch-release';
import { UsageError, type CliIo, type Command } from './command';

const POLL_MS = 1_000;
const DEFAULT_TIMEOUT_S = 120;

/**
 * `pujiang anchor release-batch BATCH_ID --reason "…"`: lets the items of a
 * batch the chaincode refused be sealed into a new batch, once the operator
 * has fixed why it was refused. Reads and writes the ledger service's
 * database (DATABASE_URL), where its running anchorer picks the items up;
 * `--wait` follows them until they are anchored.
 */
export const anchorCommand: Command = {
  words: ['anchor', 'release-batch'],
  usage: [
    'anchor release-batch BATCH_ID --reason TEXT [--operator NAME] [--wait [--timeout S]]',
    "      release a refused batch's items for re-sealing, the reason and operator recorded",
    '      (DATABASE_URL of the ledger service; --operator defaults to the login name)',
  ].join('\n'),
  async run(args, io) {
    const options = parse(args);
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      throw new UsageError("DATABASE_URL must name the ledger service's database");
    }
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const release = await releaseRefusedBatch(db, options);
      io.out(
        `released ${release.itemCount} items of batch ${release.batchId} ` +
          `(refused: ${release.refusal ?? 'no reason kept'}) by ${release.operator}: ${release.reason}`,
      );
      if (!options.wait) {
        io.out('the anchorer seals them into a new batch; --wait follows them until anchored');
        return 0;
      }
      return await follow(db, release.batchId, options.timeoutSeconds, io);
    } finally {
      await db.end();
    }
  },
};

interface ReleaseOptions {
  batchId: string;
  reason: string;
  operator: string;
  wait: boolean;
  timeoutSeconds: number;
}

function parse(args: readonly string[]): ReleaseOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        reason: { type: 'string' },
        operator: { type: 'string' },
        wait: { type: 'boolean', default: false },
        timeout: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1 || positionals[0] === undefined) {
    throw new UsageError('release-batch needs exactly one BATCH_ID');
  }
  if (values.reason === undefined || values.reason.trim() === '') {
    throw new UsageError('--reason must say why the batch is released');
  }
  const operator = (values.operator ?? userInfo().username).trim();
  if (operator === '') throw new UsageError('--operator must name who releases the batch');
  const timeout = values.timeout ?? String(DEFAULT_TIMEOUT_S);
  if (!/^[1-9]\d{0,4}$/.test(timeout)) throw new UsageError('--timeout must be whole seconds');
  return {
    batchId: positionals[0],
    reason: values.reason,
    operator,
    wait: values.wait,
    timeoutSeconds: Number(timeout),
  };
}

/** Prints each change in how many items are sealed and anchored, until all are anchored. */
async function follow(
  db: Client,
  batchId: string,
  timeoutSeconds: number,
  io: CliIo,
): Promise<number> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let last = '';
  for (;;) {
    const progress = await releasedItemsProgress(db, batchId);
    const line = `sealed ${progress.sealed} of ${progress.items}, anchored ${progress.anchored} of ${progress.items}`;
    if (line !== last) io.err(line);
    last = line;
    if (progress.anchored === progress.items) {
      io.out(`every item of batch ${batchId} is anchored in a new batch`);
      return 0;
    }
    if (Date.now() >= deadline) {
      io.err(
        `not every item anchored after ${timeoutSeconds} s; the release stands (pujiang backlog shows what the anchorer still owes)`,
      );
      return 1;
    }
    await sleep(POLL_MS);
  }
}
