/**
 * The migration Job's entry point: `node dist/k8s/migrate.js <service>` applies the
 * service's pending TypeORM migrations and exits. Services in Kubernetes start with
 * DATABASE_MIGRATIONS=verify and refuse to run on a schema this Job has not migrated.
 *
 * It starts nothing but the service's own PersistenceModule (taken from its AppModule,
 * so the list of migrations has one source) and DatabaseConfig: no HTTP, Kafka or Fabric.
 * The classes come from the service's compiled tree, because Nest matches providers
 * by class identity and each service is built with its own copy of the libraries.
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { DynamicModule, Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { NestFactory } from '@nestjs/core';

export interface ServiceBuild {
  AppModule: Type<unknown>;
  ConfigModule: { forRoot(...schemas: Type<object>[]): DynamicModule };
  DatabaseConfig: Type<object>;
  PersistenceModule: Type<unknown>;
}

/** The PersistenceModule.forRoot(...) a service's AppModule imports. */
export function persistenceImportOf(build: ServiceBuild): DynamicModule {
  const imports = (Reflect.getMetadata(MODULE_METADATA.IMPORTS, build.AppModule) ??
    []) as unknown[];
  const found = imports.filter(
    (entry): entry is DynamicModule =>
      typeof entry === 'object' &&
      entry !== null &&
      (entry as DynamicModule).module === build.PersistenceModule,
  );
  if (found.length !== 1) {
    throw new Error(`expected one PersistenceModule.forRoot in AppModule, found ${found.length}`);
  }
  return found[0];
}

/** The module the Job boots: configuration and persistence only. */
export function migrationModule(build: ServiceBuild): DynamicModule {
  class MigrationModule {}
  return {
    module: MigrationModule,
    imports: [build.ConfigModule.forRoot(build.DatabaseConfig), persistenceImportOf(build)],
  };
}

function loadBuild(service: string): ServiceBuild {
  const root = join(__dirname, '..', 'services', service);
  // Paths only known at run time: the service's compiled tree inside the image.
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    ...(require(join(root, 'services', service, 'src', 'app.module')) as Pick<
      ServiceBuild,
      'AppModule'
    >),
    ...(require(join(root, 'libs', 'config', 'src')) as Pick<ServiceBuild, 'ConfigModule'>),
    ...(require(join(root, 'libs', 'persistence', 'src')) as Pick<
      ServiceBuild,
      'DatabaseConfig' | 'PersistenceModule'
    >),
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

async function migrate(service: string): Promise<void> {
  // DATABASE_MIGRATIONS=run (the Job's setting): TypeORM applies pending migrations, each
  // in its own transaction, while the data source initialises; `verify` only checks.
  const app = await NestFactory.createApplicationContext(migrationModule(loadBuild(service)), {
    logger: ['error', 'warn', 'log'],
  });
  await app.close();
  process.stdout.write(`migrate: ${service} is up to date\n`);
}

if (require.main === module) {
  migrate(process.argv[2] ?? '').catch((error: unknown) => {
    process.stderr.write(`migrate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
