import { EntityManager } from 'typeorm';
import { CaptureJobRecord } from './capture-job.view';
import { CaptureError, CaptureErrorBehaviour } from './domain/capture-job';

/** A capture job as it opens: nothing captured yet, until its events are inserted. */
export type OpeningCaptureJob = Omit<CaptureJobRecord, 'capturedCount'>;

interface CaptureJobRow {
  capture_id: string;
  error_behaviour: CaptureErrorBehaviour;
  success: boolean;
  event_count: number;
  captured_count: number;
  duplicate_count: number;
  errors: CaptureError[];
  created_at: Date;
  finished_at: Date;
  capturing_organisation: string | null;
}

/**
 * The capture jobs of the EPCIS capture interface. A capture opens its job
 * and counts it in its own transaction (the manager given), around the
 * insert of its events, so a job is never seen half-counted.
 */
export class CaptureJobStore {
  constructor(private readonly manager: EntityManager) {}

  async open(job: OpeningCaptureJob): Promise<void> {
    await this.manager.query(
      `INSERT INTO capture_job (capture_id, error_behaviour, success, event_count, captured_count,
          duplicate_count, errors, created_at, finished_at, capturing_organisation)
       VALUES ($1, $2, $3, $4, 0, $5, $6, $7, $8, $9)`,
      [
        job.captureId,
        job.errorBehaviour,
        job.success,
        job.eventCount,
        job.duplicateCount,
        JSON.stringify(job.errors),
        job.createdAt,
        job.finishedAt,
        job.capturingOrganisation ?? null,
      ],
    );
  }

  /** How many of the job's events were stored, and how many the repository held already. */
  async recordCounts(
    captureId: string,
    counts: { capturedCount: number; duplicateCount: number },
  ): Promise<void> {
    await this.manager.query(
      `UPDATE capture_job SET captured_count = $2, duplicate_count = $3 WHERE capture_id = $1`,
      [captureId, counts.capturedCount, counts.duplicateCount],
    );
  }

  /** The job, if this organisation captured it: another's job is as unknown as a missing one. */
  async find(captureId: string, organisation: string): Promise<CaptureJobRecord | undefined> {
    const rows: CaptureJobRow[] = await this.manager.query(
      `SELECT * FROM capture_job WHERE capture_id = $1 AND capturing_organisation = $2`,
      [captureId, organisation],
    );
    const row = rows[0];
    return row === undefined ? undefined : toRecord(row);
  }

  /**
   * This organisation's jobs, newest first, from after `after` (the last job of the previous
   * page). Jobs shared by a group of single events have no organisation and are not listed.
   */
  async list(
    organisation: string,
    after: { createdAt: string; captureId: string } | undefined,
    limit: number,
  ): Promise<CaptureJobRecord[]> {
    const params: unknown[] = [organisation, limit];
    const page =
      after === undefined
        ? ''
        : `AND (created_at, capture_id) < ($${params.push(after.createdAt)}::timestamptz,
                $${params.push(after.captureId)}::uuid)`;
    const rows: CaptureJobRow[] = await this.manager.query(
      `SELECT * FROM capture_job WHERE capturing_organisation = $1 ${page}
        ORDER BY created_at DESC, capture_id DESC LIMIT $2`,
      params,
    );
    return rows.map(toRecord);
  }
}

function toRecord(row: CaptureJobRow): CaptureJobRecord {
  return {
    captureId: row.capture_id,
    errorBehaviour: row.error_behaviour,
    success: row.success,
    eventCount: row.event_count,
    capturedCount: row.captured_count,
    duplicateCount: row.duplicate_count,
    errors: row.errors,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    capturingOrganisation: row.capturing_organisation ?? undefined,
  };
}
