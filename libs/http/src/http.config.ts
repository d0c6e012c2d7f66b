import { IsIP, IsInt, IsOptional, Max, Min } from 'class-validator';

export class HttpConfig {
  /** 0 asks the OS for a free port (used by tests that start several services). */
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT!: number;

  @IsOptional()
  @IsIP()
  HOST: string = '127.0.0.1';
}
