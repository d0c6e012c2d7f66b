export { PollingLoop, PollingLoopOptions } from './polling-loop';
export { RetryBackoff } from './retry-backoff';
