import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '@pujiang/http';
import { DataSource } from 'typeorm';

/**
 * One stored event's columns, looked up by its eventID or its hash ID. A
 * client's eventID may repeat (see decision 0006); the first captured wins.
 * Unknown: 404 NoSuchResourceException.
 */
export async function findEvent<Row>(
  dataSource: DataSource,
  eventID: string,
  columns: string,
): Promise<Row> {
  const rows: Row[] = await dataSource.query(
    `SELECT ${columns} FROM epcis_event
      WHERE event_id = $1 OR event_hash = $1 ORDER BY seq LIMIT 1`,
    [eventID],
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
