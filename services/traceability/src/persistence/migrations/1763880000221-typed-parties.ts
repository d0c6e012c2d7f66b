import { MigrationInterface, QueryRunner } from 'typeorm';
import { indexEvent } from '../../epcis/events/domain/indexed-event';
import { EpcisVocabulary } from '../../epcis/events/epcis-vocabulary';

const BATCH = 1000;

/**
 * Sources, destinations and business transactions are now indexed once more under their
 * type (events/domain/identifier-role.ts, TypedRole), for EQ_source_…, EQ_destination_… and
 * EQ_bizTransaction_…; events captured before get those rows from their stored documents.
 */
export class TypedParties1763880000221 implements MigrationInterface {
  name = 'TypedParties1763880000221';

  async up(queryRunner: QueryRunner): Promise<void> {
    const vocabulary = new EpcisVocabulary();
    let after = '0';
    for (;;) {
      const events = (await queryRunner.query(
        `SELECT seq, document FROM epcis_event
            WHERE seq > $1 AND document ?| array['sourceList', 'destinationList',
                                                 'bizTransactionList']
            ORDER BY seq LIMIT ${BATCH}`,
        [after],
      )) as { seq: string; document: Record<string, unknown> }[];
      if (events.length === 0) return;
      const rows = events.flatMap(({ seq, document }) =>
        indexEvent(document, vocabulary).typedIdentifiers.map((id) => ({ ...id, seq })),
      );
      await queryRunner.query(
        `INSERT INTO epcis_event_identifier (identifier, role, event_seq)
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) ON CONFLICT DO NOTHING`,
        [rows.map((r) => r.identifier), rows.map((r) => r.role), rows.map((r) => r.seq)],
      );
      after = events[events.length - 1].seq;
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM epcis_event_identifier WHERE role LIKE 'source:%' OR role LIKE 'destination:%'
          OR role LIKE 'biz-transaction:%'`,
    );
  }
}
