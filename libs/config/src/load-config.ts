import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';

export type ConfigClass<T extends object> = new () => T;

/**
 * Builds a typed configuration object from the environment and refuses to
 * start on any missing or malformed key, naming every one of them at once.
 */
export function loadConfig<T extends object>(
  schema: ConfigClass<T>,
  env: Record<string, string | undefined> = process.env,
): T {
  const config = plainToInstance(schema, env, { enableImplicitConversion: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new InvalidConfigError(schema.name, errors);
  }
  return config;
}

export class InvalidConfigError extends Error {
  constructor(schemaName: string, errors: ValidationError[]) {
    const lines = errors.map((e) => {
      const value = e.value === undefined ? 'missing' : 'invalid';
      return `  ${e.property} (${value}): ${Object.values(e.constraints ?? {}).join('; ')}`;
    });
    super(`Configuration ${schemaName} is not valid:\n${lines.join('\n')}`);
    this.name = 'InvalidConfigError';
  }
}
