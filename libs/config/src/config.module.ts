import { DynamicModule, Module } from '@nestjs/common';
import { ConfigClass, loadConfig } from './load-config';

/**
 * Makes validated configuration classes injectable by their class. They are
 * loaded while the application is created, so a bad environment stops the
 * process before anything listens or connects.
 */
@Module({})
export class ConfigModule {
  static forRoot(...schemas: ConfigClass<object>[]): DynamicModule {
    const providers = schemas.map((schema) => ({
      provide: schema,
      useFactory: () => loadConfig(schema),
    }));
    return { module: ConfigModule, global: true, providers, exports: schemas };
  }
}
