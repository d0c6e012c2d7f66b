import { MigrationInterface, QueryRunner } from 'typeorm';

export class ChaincodeEventCheckpoint1763880000001 implements MigrationInterface {
  name = 'ChaincodeEventCheckpoint1763880000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE chaincode_event_checkpoint (
        listener text PRIMARY KEY,
        block_number bigint NOT NULL,
        transaction_id text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE chaincode_event_checkpoint`);
  }
}
