import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A request under an Idempotency-Key: whose key, on which route, and what was asked. */
export interface KeyedRequest {
  caller: string;
  route: string;
  key: string;
  fingerprint: string;
}

export type Reservation =
  /** Nobody ran this request under the key yet (or the key expired): run it, as `attempt`. */
  | { outcome: 'run'; attempt: string }
  /** It ran: this is what it answered. */
  | { outcome: 'replay'; statusCode: number; body: string | null }
  /** A copy is running now. */
  | { outcome: 'in-flight' }
  /** The key was used for another request. */
  | { outcome: 'other-request' };

export interface IdempotencyOptions {
  /** How long a running request holds its key; after that a copy may run (the first one died). */
  leaseSeconds: number;
  /** How long an answer is kept for retries. */
  retentionSeconds: number;
}

export const IDEMPOTENCY_OPTIONS = Symbol('IdempotencyOptions');

interface KeyRow {
  fingerprint: string;
  status_code: number | null;
  body: string | null;
}

/** Expired rows removed per completed request: the table is swept as it is used. */
const SWEEP_BATCH = 100;

/**
 * The idempotency keys and their answers in the service's PostgreSQL. A key
 * is reserved by inserting its row before the request runs: the primary key
 * lets exactly one copy in, whatever the number of replicas.
 */
@Injectable()
export class IdempotentRequests {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(IDEMPOTENCY_OPTIONS) private readonly options: IdempotencyOptions,
  ) {}

  async reserve(request: KeyedRequest): Promise<Reservation> {
    // The row may vanish between the insert and the read (its run failed and let go): try again.
    for (let tries = 0; tries < 3; tries++) {
      const attempt = randomUUID();
      const taken: unknown[] = await this.dataSource.query(
        `INSERT INTO idempotent_request AS r
           (caller, route, idempotency_key, fingerprint, attempt, locked_until, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6), now() + make_interval(secs => $7))
         ON CONFLICT (caller, route, idempotency_key) DO UPDATE
           SET fingerprint = EXCLUDED.fingerprint, attempt = EXCLUDED.attempt,
               status_code = NULL, body = NULL,
               locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at
         WHERE r.expires_at < now()
            OR (r.status_code IS NULL AND r.locked_until < now() AND r.fingerprint = EXCLUDED.fingerprint)
         RETURNING attempt`,
        [
          request.caller,
          request.route,
          request.key,
          request.fingerprint,
          attempt,
          this.options.leaseSeconds,
          this.options.retentionSeconds,
        ],
      );
      if (taken.length > 0) return { outcome: 'run', attempt };
      const rows: KeyRow[] = await this.dataSource.query(
        `SELECT fingerprint, status_code, body FROM idempotent_request
          WHERE caller = $1 AND route = $2 AND idempotency_key = $3`,
        [request.caller, request.route, request.key],
      );
      const row = rows[0];
      if (row === undefined) continue;
      if (row.fingerprint !== request.fingerprint) return { outcome: 'other-request' };
      if (row.status_code === null) return { outcome: 'in-flight' };
      return { outcome: 'replay', statusCode: row.status_code, body: row.body };
    }
    return { outcome: 'in-flight' };
  }

  /** Keeps the answer of the run, if the key is still the run's own. */
  async complete(
    request: KeyedRequest,
    attempt: string,
    statusCode: number,
    body: string | null,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotent_request SET status_code = $5, body = $6
        WHERE caller = $1 AND route = $2 AND idempotency_key = $3 AND attempt = $4`,
      [request.caller, request.route, request.key, attempt, statusCode, body],
    );
    await this.dataSource.query(
      `DELETE FROM idempotent_request WHERE expires_at < now() AND ctid IN (
         SELECT ctid FROM idempotent_request WHERE expires_at < now() LIMIT $1)`,
      [SWEEP_BATCH],
    );
  }

  /** The run failed and changed nothing: the key is free for the retry. */
  async release(request: KeyedRequest, attempt: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotent_request
        WHERE caller = $1 AND route = $2 AND idempotency_key = $3 AND attempt = $4`,
      [request.caller, request.route, request.key, attempt],
    );
  }
}
