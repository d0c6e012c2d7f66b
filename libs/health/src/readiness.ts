/** What a service can depend on to answer a request. */
export type Dependency = 'database' | 'kafka' | 'ledger';

export interface HealthOptions {
  /**
   * The dependencies without which the service cannot answer its API
   * synchronously: `/health/ready` checks only these, so an outage of another
   * (Kafka behind the outbox, Fabric behind an asynchronous anchoring) does
   * not take the pods out of their Service. Say why in the service's module.
   */
  readyWhen: readonly Dependency[];
}

export const HEALTH_OPTIONS = Symbol('HealthOptions');

/** `/health` for operators: every dependency, as before the split. */
export const ALL_DEPENDENCIES: readonly Dependency[] = ['database', 'kafka', 'ledger'];
