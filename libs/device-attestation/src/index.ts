export * from './registry';
export * from './signed-reading';
export * from './attestation';
