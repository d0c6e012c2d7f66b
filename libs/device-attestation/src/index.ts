export * from './registry';
export * from './signed-reading';
export * from './attestation';
export * from './reefer-simulator';
