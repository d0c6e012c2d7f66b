import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions, MixedList } from 'typeorm';
import { DatabaseConfig } from './database.config';
import { SessionSettings, withSessionSettings } from './session-settings';

export interface PersistenceOptions {
  // TypeORM's own types for these lists.
  entities: MixedList<string | (new () => unknown)>;
  migrations: MixedList<string | (new () => unknown)>;
  /** PostgreSQL settings for each of the service's sessions, e.g. `{ jit: 'off' }`. */
  sessionSettings?: SessionSettings;
}

/**
 * The service's PostgreSQL database. The schema only ever changes through
 * migrations (each in its own transaction), applied at start-up or by a
 * migration job (DATABASE_MIGRATIONS); `synchronize` is never on, so an entity
 * edit without a migration fails in tests, not in production.
 */
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [DatabaseConfig],
          useFactory: (config: DatabaseConfig) => ({
            type: 'postgres',
            url: withSessionSettings(config.DATABASE_URL, options.sessionSettings ?? {}),
            entities: options.entities,
            migrations: options.migrations,
            migrationsRun: config.DATABASE_MIGRATIONS === 'run',
            migrationsTransactionMode: 'each',
            synchronize: false,
            extra: { max: 10, connectionTimeoutMillis: 5_000 },
          }),
          dataSourceFactory: async (dataSourceOptions?: DataSourceOptions) => {
            if (dataSourceOptions === undefined) throw new Error('no data source options');
            const dataSource = await new DataSource(dataSourceOptions).initialize();
            if (!dataSourceOptions.migrationsRun && (await dataSource.showMigrations())) {
              await dataSource.destroy();
              throw new Error('the database has pending migrations: run the migration job first');
            }
            return dataSource;
          },
        }),
      ],
    };
  }
}
