/**
 * Thrown by a handler for a message that can never succeed (invalid content, a
 * business refusal). The consumer parks it on the dead-letter topic and moves
 * on; any other error is treated as transient and retried.
 */
export class PoisonMessageError extends Error {
  override name = 'PoisonMessageError';
}
