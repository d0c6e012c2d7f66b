import { DynamicModule, Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { ConfigClass, ConfigModule, InvalidConfigError, loadConfig } from '@pujiang/config';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';

/** The configuration classes an AppModule loads: the arguments of its ConfigModule.forRoot. */
export function configClassesOf(appModule: Type<unknown>): ConfigClass<object>[] {
  const imports = (Reflect.getMetadata(MODULE_METADATA.IMPORTS, appModule) ?? []) as unknown[];
  const config = imports.find(
    (entry): entry is DynamicModule => (entry as DynamicModule)?.module === ConfigModule,
  );
  if (config === undefined) throw new Error(`${appModule.name} imports no ConfigModule.forRoot`);
  return (config.exports ?? []) as ConfigClass<object>[];
}

/** Every environment variable a configuration class reads. */
export function knownKeys(schema: ConfigClass<object>): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(schema, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

/** The keys without which the class refuses to load (no default, not optional). */
export function requiredKeys(schema: ConfigClass<object>): string[] {
  try {
    loadConfig(schema, {});
    return [];
  } catch (error) {
    if (!(error instanceof InvalidConfigError)) throw error;
    return [...error.message.matchAll(/^\s+(\w+) \(missing\)/gm)].map((m) => m[1]);
  }
}

/** The keys whose given value the class rejects, as the service would at start-up. */
export function invalidKeys(schema: ConfigClass<object>, env: Record<string, string>): string[] {
  const config = plainToInstance(schema, env, { enableImplicitConversion: true });
  return validateSync(config, { whitelist: false, forbidUnknownValues: true })
    .map((e) => e.property)
    .filter((key) => key in env);
}
