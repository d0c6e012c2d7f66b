/** Where a command writes; injected so commands can be tested without a process. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** One operator command, addressed by its words (`epcis hash`, `dcsa validate`). */
export interface Command {
  readonly words: readonly string[];
  readonly usage: string;
  /** Resolves to the process exit code. */
  readonly run: (args: readonly string[], io: CliIo) => Promise<number>;
}

/** Wrong arguments (exit 2), as opposed to bad input (exit 1). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
