import { DynamicModule, Module } from '@nestjs/common';
import { ConfigClass, InvalidConfigError, loadConfig } from './load-config';

const LOADED_CONFIG = Symbol('LOADED_CONFIG');

/**
 * Makes validated configuration classes injectable by their class. All of
 * them are loaded together while the application is created, so a bad
 * environment stops the process before anything listens or connects, with
 * every missing or invalid key in one message.
 */
@Module({})
export class ConfigModule {
  static forRoot(...schemas: ConfigClass<object>[]): DynamicModule {
    const loaded = {
      provide: LOADED_CONFIG,
      useFactory: () => loadAll(schemas),
    };
    const providers = schemas.map((schema) => ({
      provide: schema,
      inject: [LOADED_CONFIG],
      useFactory: (all: Map<ConfigClass<object>, object>) => all.get(schema),
    }));
    return {
      module: ConfigModule,
      global: true,
      providers: [loaded, ...providers],
      exports: schemas,
    };
  }
}

function loadAll(schemas: ConfigClass<object>[]): Map<ConfigClass<object>, object> {
  const loaded = new Map<ConfigClass<object>, object>();
  const problems: string[] = [];
  for (const schema of schemas) {
    try {
      loaded.set(schema, loadConfig(schema));
    } catch (error) {
      if (!(error instanceof InvalidConfigError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return loaded;
}
