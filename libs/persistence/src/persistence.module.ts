import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MixedList } from 'typeorm';
import { DatabaseConfig } from './database.config';

export interface PersistenceOptions {
  // TypeORM's own types for these lists.
  entities: MixedList<string | (new () => unknown)>;
  migrations: MixedList<string | (new () => unknown)>;
}

/**
 * The service's PostgreSQL database. The schema only ever changes through
 * migrations, which run at start-up (in a transaction each); `synchronize` is
 * never on, so an entity edit without a migration fails in tests, not in production.
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
            url: config.DATABASE_URL,
            entities: options.entities,
            migrations: options.migrations,
            migrationsRun: true,
            migrationsTransactionMode: 'each',
            synchronize: false,
            extra: { max: 10, connectionTimeoutMillis: 5_000 },
          }),
        }),
      ],
    };
  }
}
