export { DatabaseConfig } from './database.config';
export { PersistenceModule, PersistenceOptions } from './persistence.module';
export { countRowsBy } from './count-rows-by';
export { SessionSettings, withSessionSettings } from './session-settings';
