import { Client } from 'pg';

/**
 * Publishes a GTIN to PUBLIC in the read model by hand, as Org1 would on the
 * ledger, for suites that run without one; the returned function withdraws it.
 */
export async function publishGtinForTest(
  db: Client,
  gtin: string,
  grantId: string,
): Promise<() => Promise<void>> {
  const now = Date.now();
  const publication = {
    grantId,
    granterMspId: 'Org1MSP',
    grantee: 'PUBLIC',
    scope: { kind: 'gtin', value: gtin },
    grantedAt: new Date(now - 60_000).toISOString(),
    expiresAt: new Date(now + 3_600_000).toISOString(),
    grantedBy: 'Org1MSP::packer',
    txId: 'none',
  };
  await db.query(
    `INSERT INTO access_grant (granter_msp_id, grant_id, grantee, scope_kind, scope_value,
        granted_at, expires_at, record)
     VALUES ('Org1MSP', $1, 'PUBLIC', 'gtin', $2, $3, $4, $5)`,
    [grantId, gtin, publication.grantedAt, publication.expiresAt, JSON.stringify(publication)],
  );
  return async () => {
    await db.query(`DELETE FROM access_grant WHERE grant_id = $1`, [grantId]);
  };
}
