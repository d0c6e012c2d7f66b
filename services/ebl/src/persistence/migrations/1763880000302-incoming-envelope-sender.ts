import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An open PINT envelope transfer belongs to the platform that started it and
 * expires. Transfers started before this migration get their sender from the
 * `eblPlatform` of their last chain entry (a compact JWS whose payload is
 * Base64url JSON, verified when it arrived) and expire at once.
 */
export class IncomingEnvelopeSender1763880000302 implements MigrationInterface {
  name = 'IncomingEnvelopeSender1763880000302';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE incoming_envelope
        ADD COLUMN sender_platform text,
        ADD COLUMN expires_at timestamptz NOT NULL DEFAULT now()`);
    await queryRunner.query(`
      UPDATE incoming_envelope SET sender_platform = convert_from(decode(
          rpad(payload, (length(payload) + 3) / 4 * 4, '='), 'base64'), 'UTF8')::jsonb ->> 'eblPlatform'
        FROM (SELECT envelope_reference AS reference,
                     translate(split_part(envelope -> 'envelopeTransferChain' ->> -1, '.', 2), '-_', '+/')
                       AS payload
                FROM incoming_envelope) AS last_entry
       WHERE envelope_reference = last_entry.reference`);
    await queryRunner.query(`
      ALTER TABLE incoming_envelope
        ALTER COLUMN sender_platform SET NOT NULL,
        ALTER COLUMN expires_at DROP DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE incoming_envelope DROP COLUMN expires_at, DROP COLUMN sender_platform`);
  }
}
