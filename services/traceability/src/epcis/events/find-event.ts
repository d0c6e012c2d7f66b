import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '@pujiang/http';
import { DataSource } from 'typeorm';
import { visibleEventsPredicate } from '../sharing/visible-events.sql';

/**
 * One stored event's columns, looked up by its eventID or its hash ID. A
 * client's eventID may repeat (see decision 0006); the first captured wins.
 * With a viewer, only an event it may see is found (decision 0014): one it
 * may not see is as unknown as one that does not exist, 404
 * NoSuchResourceException, so its existence is not revealed either.
 */
export async function findEvent<Row>(
  dataSource: DataSource,
  eventID: string,
  columns: string,
  viewer?: string,
): Promise<Row> {
  const params: unknown[] = [eventID];
  const bind = (value: unknown) => `$${params.push(value)}`;
  const visible =
    viewer === undefined ? '' : `AND ${visibleEventsPredicate(viewer, new Date(), bind)}`;
  const rows: Row[] = await dataSource.query(
    `SELECT ${columns} FROM epcis_event e
      WHERE (e.event_id = $1 OR e.event_hash = $1) ${visible} ORDER BY e.seq LIMIT 1`,
    params,
  );
  const row = rows[0];
  if (row === undefined) {
    throw new ProblemException(
      HttpStatus.NOT_FOUND,
      `No event ${eventID}`,
      'epcisException:NoSuchResourceException',
    );
  }
  return row;
}
