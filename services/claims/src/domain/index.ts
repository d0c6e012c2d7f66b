/** The claims context's domain rules: plain TypeScript, no framework, no I/O. */
export * from './calendar-date';
export * from './claim-access';
export * from './cover';
export * from './currency';
export * from './duplicate-fingerprint';
export * from './epcis-readings';
export * from './claim-ids';
export * from './parametric-triggers';
export * from './settlement';
export * from './time-bars';
export * from './trusted-readings';
export * from './trigger-readings';
export * from './delay-covers';
