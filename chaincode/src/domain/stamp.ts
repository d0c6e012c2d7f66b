/** What every write takes from the proposal: never the peer's clock. */
export interface Stamp {
  txId: string;
  /** The proposal's timestamp, ISO 8601 UTC. */
  at: string;
}
