import { SessionSettings } from '@pujiang/persistence';

/**
 * JIT off. Every traceability statement is a short indexed look-up, and
 * PostgreSQL starts compiling above a cost estimate that the identifier
 * table's size alone passes at millions of events: at 10M events it spent
 * 10–20 ms compiling a trace level that runs in 1 ms (docs/decisions/0047).
 */
export const TRACEABILITY_SESSION_SETTINGS: SessionSettings = { jit: 'off' };
