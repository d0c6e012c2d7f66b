export { HealthModule } from './health.module';
export { Dependency, HealthOptions } from './readiness';
export { HealthController } from './health.controller';
