import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, MixedList } from 'typeorm';

type Classes = MixedList<string | (new () => unknown)>;

/**
 * A throw-away schema in a real PostgreSQL database, migrated with the real
 * migrations, so integration tests never touch each other's tables.
 */
export async function createTestDataSource(
  url: string,
  entities: Classes,
  migrations: Classes,
): Promise<DataSource> {
  const schema = `it_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    schema,
    entities,
    migrations,
    migrationsTransactionMode: 'each',
    extra: { options: `-c search_path=${schema}` },
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}

export async function dropTestDataSource(dataSource: DataSource): Promise<void> {
  const schema = (dataSource.options as { schema: string }).schema;
  await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
  await dataSource.destroy();
}
