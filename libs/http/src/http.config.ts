import { IsIP, IsInt, IsOptional, Max, Min } from 'class-validator';

export class HttpConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT!: number;

  @IsOptional()
  @IsIP()
  HOST: string = '127.0.0.1';
}
