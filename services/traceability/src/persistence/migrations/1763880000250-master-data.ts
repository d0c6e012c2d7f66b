import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * EPCIS master data: one row per vocabulary element (a trade item, a
 * location, a party), its attributes as captured and the ids of its children
 * (the location hierarchy WD_ follows). Ids are stored in the canonical
 * spelling events are indexed by, so a place's name is found by the very
 * string an event's bizLocation holds.
 */
export class MasterData1763880000250 implements MigrationInterface {
  name = 'MasterData1763880000250';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE master_data_element (
        id text PRIMARY KEY,
        vocabulary_type text NOT NULL,
        attributes jsonb NOT NULL,
        children text[] NOT NULL DEFAULT '{}',
        written_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // HASATTR_/EQATTR_ ask which elements carry an attribute; WD_ walks children to parents' ids.
    await queryRunner.query(
      `CREATE INDEX master_data_element_attributes ON master_data_element USING gin (attributes)`,
    );
    await queryRunner.query(
      `CREATE INDEX master_data_element_children ON master_data_element USING gin (children)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE master_data_element`);
  }
}
