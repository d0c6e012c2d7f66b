import { IsUrl } from 'class-validator';

export class DatabaseConfig {
  /** postgres://user:password@host:port/database — the service's own database. */
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_port: false })
  DATABASE_URL!: string;
}
