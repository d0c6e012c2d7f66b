import { Pool } from 'pg';

const SAMPLE_EVERY_MS = 25;

/** Where the database side of a run went. */
export interface DatabaseProfile {
  /** Share of samples of the service's busy backends, by wait (`CPU` when not waiting). */
  waits: { name: string; share: number }[];
  /** Average backends busy (in a statement or inside a transaction), of the samples. */
  busyBackends: number;
  /** Average callers waiting for a connection from the service's pool. */
  poolWaiting: number;
  /** WAL written and WAL flushes (each an fsync) during the run, from pg_stat_wal. */
  wal: { bytes: number; syncs: number; syncMs: number };
  /** The statements that took the most time, or why there are none. */
  statements: { calls: number; totalMs: number; meanMs: number; rows: number; query: string }[];
  statementsNote: string;
}

interface PoolCounts {
  waitingCount: number;
}

type Snapshot = Map<string, { calls: number; ms: number; rows: number; query: string }>;

/**
 * Samples pg_stat_activity for the backends named `application` (the
 * service's), and the service's pool, while `work` runs; diffs pg_stat_wal
 * and, where the server loads it, pg_stat_statements around it.
 */
export async function databaseProfileDuring<T>(
  db: Pool,
  application: string,
  servicePool: PoolCounts | undefined,
  work: () => Promise<T>,
): Promise<[T, DatabaseProfile]> {
  const waits = new Map<string, number>();
  let samples = 0;
  let busy = 0;
  let poolWaiting = 0;
  let running = true;
  const sampler = (async () => {
    while (running) {
      const rows = (
        await db.query<{ wait: string }>(
          `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS wait
             FROM pg_stat_activity
            WHERE application_name = $1 AND pid <> pg_backend_pid()
              AND state IN ('active', 'idle in transaction')`,
          [application],
        )
      ).rows;
      samples++;
      busy += rows.length;
      poolWaiting += servicePool?.waitingCount ?? 0;
      for (const row of rows) waits.set(row.wait, (waits.get(row.wait) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
    }
  })();
  const walBefore = await wal(db);
  const statementsBefore = await statements(db);
  let result: T;
  try {
    result = await work();
  } finally {
    running = false;
    await sampler;
  }
  const walAfter = await wal(db);
  const statementsAfter = await statements(db);
  const sampled = [...waits.values()].reduce((sum, n) => sum + n, 0);
  return [
    result,
    {
      waits: [...waits.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([name, n]) => ({ name, share: n / Math.max(1, sampled) })),
      busyBackends: busy / Math.max(1, samples),
      poolWaiting: poolWaiting / Math.max(1, samples),
      wal: {
        bytes: walAfter.bytes - walBefore.bytes,
        syncs: walAfter.syncs - walBefore.syncs,
        syncMs: walAfter.syncMs - walBefore.syncMs,
      },
      ...statementDiff(statementsBefore, statementsAfter),
    },
  ];
}

async function wal(db: Pool): Promise<{ bytes: number; syncs: number; syncMs: number }> {
  const row = (
    await db.query<{ bytes: string; syncs: string; sync_ms: string }>(
      `SELECT wal_bytes AS bytes, wal_sync AS syncs, wal_sync_time AS sync_ms FROM pg_stat_wal`,
    )
  ).rows[0];
  return { bytes: Number(row?.bytes), syncs: Number(row?.syncs), syncMs: Number(row?.sync_ms) };
}

/** pg_stat_statements for this user, or undefined when the server does not load it. */
async function statements(db: Pool): Promise<Snapshot | undefined> {
  try {
    const rows = (
      await db.query<{ id: string; calls: string; ms: number; rows: string; query: string }>(
        `SELECT queryid::text AS id, calls, total_exec_time AS ms, rows, query
           FROM public.pg_stat_statements
          WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = current_user)
            AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      )
    ).rows;
    return new Map(
      rows.map((row) => [
        row.id,
        { calls: Number(row.calls), ms: row.ms, rows: Number(row.rows), query: row.query },
      ]),
    );
  } catch {
    return undefined;
  }
}

function statementDiff(
  before: Snapshot | undefined,
  after: Snapshot | undefined,
): Pick<DatabaseProfile, 'statements' | 'statementsNote'> {
  if (before === undefined || after === undefined) {
    return {
      statements: [],
      statementsNote:
        'pg_stat_statements is not loaded by this server (shared_preload_libraries), or the extension is not created in this database',
    };
  }
  const diffs = [...after.entries()].map(([id, now]) => {
    const then = before.get(id) ?? { calls: 0, ms: 0, rows: 0 };
    const calls = now.calls - then.calls;
    const totalMs = now.ms - then.ms;
    return {
      calls,
      totalMs,
      meanMs: calls > 0 ? totalMs / calls : 0,
      rows: now.rows - then.rows,
      query: now.query.replace(/\s+/g, ' ').slice(0, 110),
    };
  });
  return {
    statements: diffs
      .filter((d) => d.calls > 0)
      .sort((a, b) => b.totalMs - a.totalMs)
      .slice(0, 8),
    statementsNote: 'pg_stat_statements, this database user, the run only',
  };
}
