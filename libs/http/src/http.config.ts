import { IsIP, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class HttpConfig {
  /** 0 asks the OS for a free port (used by tests that start several services). */
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT!: number;

  @IsOptional()
  @IsIP()
  HOST: string = '127.0.0.1';

  /**
   * Comma-separated addresses or CIDR ranges of the reverse proxies whose
   * X-Forwarded-For names the client (the ingress, in Kubernetes). None by
   * default: the client is the TCP peer, so a client cannot choose the
   * address its rate limit counts against.
   */
  @IsOptional()
  @IsString()
  HTTP_TRUSTED_PROXIES?: string;
}
