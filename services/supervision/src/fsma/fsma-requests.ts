import { createHash, randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Principal } from '@pujiang/auth';
import { ProblemException } from '@pujiang/http';
import { isValidGtin } from '@pujiang/standards';
import { DataSource } from 'typeorm';
import {
  AnswerStanding,
  DeadlineError,
  answerStanding,
  isFlagged,
  responseDeadline,
} from '../domain/fsma-deadline';
import { SpreadsheetError, checkFsmaSpreadsheet } from '../domain/fsma-spreadsheet';
import { FsmaAnswerDto, FsmaRequestDto } from './fsma-requests.dto';

export interface FsmaRequestView {
  requestId: string;
  organisation: string;
  gtin: string;
  lot: string;
  from: string;
  to: string;
  requestedBy: string;
  requestedAt: string;
  respondBy: string;
  standing: AnswerStanding;
  /** Answered late, or still unanswered past its deadline. */
  flagged: boolean;
  answer: {
    answeredBy: string;
    answeredAt: string;
    spreadsheetSha256: string;
    records: number;
  } | null;
}

interface Row {
  request_id: string;
  organisation: string;
  gtin: string;
  lot: string;
  window_from: Date;
  window_to: Date;
  requested_by: string;
  requested_at: Date;
  respond_by: Date;
  answered_by: string | null;
  answered_at: Date | null;
  spreadsheet_sha256: string | null;
  records: number | null;
}

const COLUMNS = `request_id, organisation, gtin, lot, window_from, window_to, requested_by,
  requested_at, respond_by, answered_by, answered_at, spreadsheet_sha256, records`;

/** Requests listed at most, the latest first. */
const LISTED = 500;

/** Who acted, as the platform's answers name parties: `MSP::party`. */
const nameOf = (principal: Principal) => `${principal.organisation}::${principal.party}`;

/**
 * The regulator's FSMA 204 records requests and the organisations' answers.
 * Each answer is kept as sent, with its SHA-256, and judged against the
 * request's deadline when it arrives and whenever the request is shown.
 */
@Injectable()
export class FsmaRequests {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async request(body: FsmaRequestDto, regulator: Principal): Promise<FsmaRequestView> {
    const requestedAt = new Date();
    if (!isValidGtin(body.gtin)) throw badField('gtin', 'has a wrong check digit');
    const from = new Date(body.from);
    const to = new Date(body.to);
    if (from.getTime() > to.getTime()) throw badField('to', 'must not be before from');
    let respondBy: Date;
    try {
      respondBy = responseDeadline(
        requestedAt,
        body.respondBy === undefined ? undefined : new Date(body.respondBy),
      );
    } catch (error) {
      if (error instanceof DeadlineError) throw badField('respondBy', error.message);
      throw error;
    }
    const rows: Row[] = await this.dataSource.query(
      `INSERT INTO fsma_request (request_id, organisation, gtin, lot, window_from, window_to,
          requested_by, requested_at, respond_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [
        randomUUID(),
        body.organisation,
        body.gtin,
        body.lot,
        from,
        to,
        nameOf(regulator),
        requestedAt,
        respondBy,
      ],
    );
    return viewOf(rows[0], requestedAt);
  }

  async list(organisation?: string): Promise<FsmaRequestView[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM fsma_request
        WHERE $1::text IS NULL OR organisation = $1
        ORDER BY requested_at DESC LIMIT ${LISTED}`,
      [organisation ?? null],
    );
    const now = new Date();
    return rows.map((row) => viewOf(row, now));
  }

  /** The request; for a respondent, only one addressed to its own organisation (404 otherwise). */
  async find(requestId: string, respondent?: Principal): Promise<FsmaRequestView> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM fsma_request WHERE request_id = $1`,
      [requestId],
    );
    const row = rows[0];
    if (
      row === undefined ||
      (respondent !== undefined && row.organisation !== respondent.organisation)
    ) {
      throw new ProblemException(HttpStatus.NOT_FOUND, `no FSMA 204 request ${requestId}`);
    }
    return viewOf(row, new Date());
  }

  /** The spreadsheet as the organisation sent it. */
  async spreadsheet(requestId: string): Promise<string> {
    const rows: { spreadsheet: string | null }[] = await this.dataSource.query(
      `SELECT spreadsheet FROM fsma_request WHERE request_id = $1`,
      [requestId],
    );
    const row = rows[0];
    if (row === undefined)
      throw new ProblemException(HttpStatus.NOT_FOUND, `no FSMA 204 request ${requestId}`);
    if (row.spreadsheet === null) {
      throw new ProblemException(HttpStatus.NOT_FOUND, `request ${requestId} is not answered yet`);
    }
    return row.spreadsheet;
  }

  /**
   * Keeps the answer of the organisation asked, once: a late answer is
   * accepted (the regulator wants the records all the same) and flagged.
   */
  async answer(
    requestId: string,
    body: FsmaAnswerDto,
    respondent: Principal,
  ): Promise<FsmaRequestView> {
    await this.find(requestId, respondent);
    let records: number;
    try {
      ({ records } = checkFsmaSpreadsheet(body.spreadsheet));
    } catch (error) {
      if (error instanceof SpreadsheetError) throw badField('spreadsheet', error.message);
      throw error;
    }
    const answeredAt = new Date();
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [Row[], number] = await this.dataSource.query(
      `UPDATE fsma_request
          SET answered_by = $2, answered_at = $3, spreadsheet = $4, spreadsheet_sha256 = $5,
              records = $6
        WHERE request_id = $1 AND answered_at IS NULL
        RETURNING ${COLUMNS}`,
      [
        requestId,
        nameOf(respondent),
        answeredAt,
        body.spreadsheet,
        createHash('sha256').update(body.spreadsheet, 'utf8').digest('hex'),
        records,
      ],
    );
    const row = rows[0];
    if (row === undefined) {
      throw new ProblemException(HttpStatus.CONFLICT, `request ${requestId} is already answered`);
    }
    return viewOf(row, answeredAt);
  }

  /** How many requests stand where, per organisation asked (for the metrics). */
  async standings(
    now: Date,
  ): Promise<{ organisation: string; standing: AnswerStanding; count: number }[]> {
    const rows: { organisation: string; respond_by: Date; answered_at: Date | null }[] =
      await this.dataSource.query(`SELECT organisation, respond_by, answered_at FROM fsma_request`);
    const counts = new Map<string, number>();
    for (const row of rows) {
      const key = `${row.organisation}\u0000${answerStanding(row.respond_by, row.answered_at, now)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].map(([key, count]) => {
      const [organisation, standing] = key.split('\u0000') as [string, AnswerStanding];
      return { organisation, standing, count };
    });
  }
}

function viewOf(row: Row, now: Date): FsmaRequestView {
  const standing = answerStanding(row.respond_by, row.answered_at, now);
  return {
    requestId: row.request_id,
    organisation: row.organisation,
    gtin: row.gtin,
    lot: row.lot,
    from: row.window_from.toISOString(),
    to: row.window_to.toISOString(),
    requestedBy: row.requested_by,
    requestedAt: row.requested_at.toISOString(),
    respondBy: row.respond_by.toISOString(),
    standing,
    flagged: isFlagged(standing),
    answer:
      row.answered_at === null
        ? null
        : {
            answeredBy: row.answered_by ?? '',
            answeredAt: row.answered_at.toISOString(),
            spreadsheetSha256: row.spreadsheet_sha256 ?? '',
            records: row.records ?? 0,
          },
  };
}

function badField(name: string, detail: string): ProblemException {
  return new ProblemException(HttpStatus.BAD_REQUEST, `${name} ${detail}`, 'about:blank', [
    { pointer: `/${name}`, detail },
  ]);
}
