export * from './trace-anchor';
export * from './errors';
