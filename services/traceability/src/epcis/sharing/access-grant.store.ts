import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessGrant, AccessScope, AccessScopeKind } from '@pujiang/contracts';
import { lotDigitalLink } from '@pujiang/epcis';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The read model of the ledger's grants (migration 1763880000203). Records
 * are kept whole, as the ledger wrote them; the columns beside them are what
 * visibility queries match on.
 */
@Injectable()
export class AccessGrantStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Keeps a committed record. A revoked record is final (the chaincode never
   * changes it again), so an older record arriving late, from the follower
   * behind a caller's own write, cannot bring a revoked grant back.
   */
  async keep(grant: AccessGrant, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO access_grant (granter_msp_id, grant_id, grantee, scope_kind, scope_value,
          scope_lot, scope_identifier, granted_at, expires_at, revoked_at, record)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (granter_msp_id, grant_id) DO UPDATE
         SET revoked_at = EXCLUDED.revoked_at, record = EXCLUDED.record
         WHERE access_grant.revoked_at IS NULL`,
      [
        grant.granterMspId,
        grant.grantId,
        grant.grantee,
        grant.scope.kind,
        'value' in grant.scope ? grant.scope.value : null,
        grant.scope.kind === AccessScopeKind.lot ? grant.scope.lot : null,
        scopeIdentifier(grant.scope),
        grant.grantedAt,
        grant.expiresAt ?? null,
        grant.revokedAt ?? null,
        JSON.stringify(grant),
      ],
    );
  }

  /** Grants to `grantee` not revoked or expired by `at`: what its visibility is judged with. */
  async grantsTo(grantee: string, at: Date): Promise<AccessGrant[]> {
    return this.records(
      `grantee = $1 AND (revoked_at IS NULL OR revoked_at > $2)
         AND (expires_at IS NULL OR expires_at > $2)`,
      [grantee, at.toISOString()],
    );
  }

  /** Every grant an organisation gave or received, revoked and expired ones included. */
  async grantsOf(organisation: string): Promise<AccessGrant[]> {
    return this.records(`granter_msp_id = $1 OR grantee = $1`, [organisation]);
  }

  async find(granterMspId: string, grantId: string): Promise<AccessGrant | undefined> {
    const [grant] = await this.records(`granter_msp_id = $1 AND grant_id = $2`, [
      granterMspId,
      grantId,
    ]);
    return grant;
  }

  private async records(where: string, params: unknown[]): Promise<AccessGrant[]> {
    const rows: { record: AccessGrant }[] = await this.dataSource.query(
      `SELECT record FROM access_grant WHERE ${where} ORDER BY granted_at, grant_id`,
      params,
    );
    return rows.map((row) => row.record);
  }
}

/** The canonical identifier a lot scope matches exactly, as events are indexed by it. */
function scopeIdentifier(scope: AccessScope): string | null {
  return scope.kind === AccessScopeKind.lot ? lotDigitalLink(scope.value, scope.lot) : null;
}
