import { DCSA_KIND_NAMES, DCSA_KINDS, type DcsaKind } from './kinds';

/** The message is not one this library knows, or could be more than one. */
export class DcsaKindError extends Error {
  override readonly name = 'DcsaKindError';
}

/**
 * The kind of a DCSA message, from the required properties that set it apart (each kind's
 * `signature`), never from where it came from. Throws {@link DcsaKindError} when no kind, or
 * more than one, fits; the message lists what each kind needs.
 */
export function detectDcsaKind(message: unknown): DcsaKind {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    throw new DcsaKindError(`a DCSA message is a JSON object; ${known()}`);
  }
  const matches = DCSA_KIND_NAMES.filter((kind) =>
    DCSA_KINDS[kind].signature.every((property) => Object.hasOwn(message, property)),
  );
  const [only, ...others] = matches;
  if (only !== undefined && others.length === 0) return only;
  if (only !== undefined) {
    throw new DcsaKindError(`the message could be any of ${matches.join(', ')}; name its kind`);
  }
  throw new DcsaKindError(`the message is not a DCSA message this library knows; ${known()}`);
}

function known(): string {
  const kinds = DCSA_KIND_NAMES.map((kind) => `${kind} (${DCSA_KINDS[kind].signature.join(', ')})`);
  return `known kinds, by the properties that identify them: ${kinds.join('; ')}`;
}
