import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DeviceRecord } from '@pujiang/contracts';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The read model of the ledger's device registry (migration 1763880000210).
 * Records are kept whole, as the ledger wrote them. Every change appends to a
 * record's history, so the longer history is the newer record: one arriving
 * late (a redelivered event) never replaces a newer one.
 */
@Injectable()
export class DeviceRegistryStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async keep(
    record: DeviceRecord,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO device (device_id, owner_msp_id, changes, record) VALUES ($1, $2, $3, $4)
       ON CONFLICT (device_id) DO UPDATE SET changes = EXCLUDED.changes, record = EXCLUDED.record
         WHERE device.changes < EXCLUDED.changes`,
      [record.deviceId, record.ownerMspId, record.history.length, JSON.stringify(record)],
    );
  }

  /** Every device, by owner then id. */
  async all(): Promise<DeviceRecord[]> {
    const rows: { record: DeviceRecord }[] = await this.dataSource.query(
      `SELECT record FROM device ORDER BY owner_msp_id, device_id`,
    );
    return rows.map((row) => row.record);
  }

  async find(
    deviceId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DeviceRecord | undefined> {
    const rows: { record: DeviceRecord }[] = await manager.query(
      `SELECT record FROM device WHERE device_id = $1`,
      [deviceId],
    );
    return rows[0]?.record;
  }
}
