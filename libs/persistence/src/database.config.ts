import { IsIn, IsOptional, IsUrl } from 'class-validator';

export type MigrationMode = 'run' | 'verify';

export class DatabaseConfig {
  /** postgres://user:password@host:port/database — the service's own database. */
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_port: false })
  DATABASE_URL!: string;

  /**
   * `run` (local default): apply pending migrations at start-up.
   * `verify` (Kubernetes): a migration Job applies them; a replica that finds
   * any pending refuses to start instead of racing other replicas to migrate.
   */
  @IsOptional()
  @IsIn(['run', 'verify'])
  DATABASE_MIGRATIONS: MigrationMode = 'run';
}
