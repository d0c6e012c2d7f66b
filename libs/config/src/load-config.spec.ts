import { IsInt, IsString, Max, Min } from 'class-validator';
import { InvalidConfigError, loadConfig } from './load-config';

class SampleConfig {
  @IsString()
  DATABASE_URL!: string;

  @IsInt()
  @Min(1)
  @Max(65535)
  PORT!: number;
}

describe('loadConfig', () => {
  it('converts and returns a valid environment', () => {
    const config = loadConfig(SampleConfig, { DATABASE_URL: 'postgres://x', PORT: '3000' });

    expect(config).toBeInstanceOf(SampleConfig);
    expect(config.PORT).toBe(3000);
  });

  it('names every missing or invalid key', () => {
    const load = () => loadConfig(SampleConfig, { PORT: '70000' });

    expect(load).toThrow(InvalidConfigError);
    expect(load).toThrow(/DATABASE_URL \(missing\)/);
    expect(load).toThrow(/PORT \(invalid\)/);
  });
});
