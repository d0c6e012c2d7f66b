export { PollingLoop, PollingLoopOptions } from './polling-loop';
export { RetryBackoff } from './retry-backoff';
export { BriefCache } from './brief-cache';
