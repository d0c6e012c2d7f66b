import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AreaKind, AreaReference } from '@pujiang/contracts';
import { canonicalSha256 } from '@pujiang/standards';
import type { MultiPolygon, Polygon } from 'geojson';
import { DataSource, EntityManager } from 'typeorm';
import { Area } from '../domain/areas';

/** An area as the register keeps it: the area, its reference and who drew it. */
export interface RegisteredArea extends Area {
  reference: AreaReference;
  registeredBy: string;
  registeredAt: string;
}

interface AreaRow {
  area_id: string;
  kind: AreaKind;
  name: string;
  geometry: Polygon | MultiPolygon;
  geometry_sha256: string;
  registered_by: string;
  registered_at: Date;
}

const toArea = (row: AreaRow): RegisteredArea => ({
  areaId: row.area_id,
  kind: row.kind,
  name: row.name,
  geometry: row.geometry,
  reference: { areaId: row.area_id, geometrySha256: row.geometry_sha256 },
  registeredBy: row.registered_by,
  registeredAt: new Date(row.registered_at).toISOString(),
});

/**
 * The area register of this organisation's positions code: trading limits,
 * war-risk and port areas, and which trading limits each vessel has. An
 * area is never redrawn: its id and geometry hash are what policies and
 * ledger events name, so a new shape is a new id.
 */
@Injectable()
export class AreaRegister {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Registers the area, or finds the same one; `conflict` if the id names another. */
  async keep(
    area: Area,
    registeredBy: string,
  ): Promise<{ area: RegisteredArea } | { conflict: RegisteredArea }> {
    const sha256 = canonicalSha256(area.geometry);
    const inserted: AreaRow[] = await this.dataSource.query(
      `INSERT INTO area (area_id, kind, name, geometry, geometry_sha256, registered_by)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6) ON CONFLICT (area_id) DO NOTHING RETURNING *`,
      [area.areaId, area.kind, area.name, JSON.stringify(area.geometry), sha256, registeredBy],
    );
    if (inserted[0] !== undefined) return { area: toArea(inserted[0]) };
    const existing = await this.find(area.areaId);
    if (existing === undefined) throw new Error(`area ${area.areaId} vanished`);
    const same =
      existing.reference.geometrySha256 === sha256 &&
      existing.kind === area.kind &&
      existing.name === area.name;
    return same ? { area: existing } : { conflict: existing };
  }

  async find(areaId: string): Promise<RegisteredArea | undefined> {
    const rows: AreaRow[] = await this.dataSource.query(`SELECT * FROM area WHERE area_id = $1`, [
      areaId,
    ]);
    return rows[0] === undefined ? undefined : toArea(rows[0]);
  }

  async list(kind?: AreaKind): Promise<RegisteredArea[]> {
    const rows: AreaRow[] = await this.dataSource.query(
      `SELECT * FROM area WHERE $1::text IS NULL OR kind = $1 ORDER BY area_id`,
      [kind ?? null],
    );
    return rows.map(toArea);
  }

  async findAll(areaIds: readonly string[]): Promise<RegisteredArea[]> {
    const rows: AreaRow[] = await this.dataSource.query(
      `SELECT * FROM area WHERE area_id = ANY($1::text[]) ORDER BY area_id`,
      [areaIds],
    );
    return rows.map(toArea);
  }

  /** Replaces the vessel's trading limits with these areas (all TRADING_LIMITS, checked before). */
  async setTradingLimits(imoNumber: string, areaIds: readonly string[], setBy: string) {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM vessel_trading_limits WHERE imo_number = $1`, [imoNumber]);
      await manager.query(
        `INSERT INTO vessel_trading_limits (imo_number, area_id, set_by)
         SELECT $1, unnest($2::text[]), $3`,
        [imoNumber, areaIds, setBy],
      );
    });
    return this.tradingLimitsOf(this.dataSource.manager, imoNumber);
  }

  async tradingLimits(imoNumber: string): Promise<RegisteredArea[]> {
    return this.tradingLimitsOf(this.dataSource.manager, imoNumber);
  }

  async tradingLimitsOf(manager: EntityManager, imoNumber: string): Promise<RegisteredArea[]> {
    const rows: AreaRow[] = await manager.query(
      `SELECT a.* FROM vessel_trading_limits t JOIN area a USING (area_id)
        WHERE t.imo_number = $1 ORDER BY a.area_id`,
      [imoNumber],
    );
    return rows.map(toArea);
  }

  /** Every area that may speak to the vessel: all war-risk and port areas, and its trading limits. */
  async watching(manager: EntityManager, imoNumber: string): Promise<RegisteredArea[]> {
    const rows: AreaRow[] = await manager.query(
      `SELECT * FROM area WHERE kind <> 'TRADING_LIMITS'
       UNION ALL
       SELECT a.* FROM vessel_trading_limits t JOIN area a USING (area_id) WHERE t.imo_number = $1
       ORDER BY area_id`,
      [imoNumber],
    );
    return rows.map(toArea);
  }
}
