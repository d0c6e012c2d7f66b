export * from './trace-anchor';
export * from './errors';
export * from './ebl';
export * from './claims';
