import { ChaincodeEventCheckpoint1763880000001 } from './migrations/1763880000001-chaincode-event-checkpoint';

export { LedgerConfig } from './ledger.config';
export { LedgerClientModule } from './ledger-client.module';
export { LedgerGateway, LedgerIdentity } from './ledger-gateway';
export { LedgerSession, Invocation, Committed } from './ledger-session';
export {
  LedgerError,
  LedgerUnavailableError,
  LedgerConflictError,
  LedgerRefusalError,
  classifyLedgerError,
} from './ledger.errors';
export {
  ChaincodeEventListener,
  ChaincodeEventSubscription,
  LedgerEvent,
} from './events/chaincode-event-listener';
export { DatabaseCheckpoint } from './events/chaincode-event-checkpoint';
export { LedgerHealthIndicator } from './ledger.health';
export { problemFromLedger } from './ledger-problems';

/** Add to the TypeORM migrations of a service that listens to chaincode events. */
export const LEDGER_CLIENT_MIGRATIONS = [ChaincodeEventCheckpoint1763880000001];
