export * from './trace-anchor';
export * from './errors';
export * from './ebl';
export * from './claims';
export * from './trace-access';
export * from './trace-access-request';
export * from './roles';
export * from './devices';
