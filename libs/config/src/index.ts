export { loadConfig, InvalidConfigError, ConfigClass } from './load-config';
export { ConfigModule } from './config.module';
