import { ClaimsTransientKey } from '../../../../libs/contracts/src/ledger';
import { invalid, optionalStringAt, parseObject } from './json-input';

const NAME = `transient ${ClaimsTransientKey.step}`;

/**
 * The arguments of a step, from the transient map (a surveyor's name, an
 * amount, a reason: none may reach a block). No map entry, or an absent
 * field, means "not given", as '' did when they were arguments.
 */
export function parseStepArguments(bytes: Uint8Array | undefined): {
  recipient: string;
  detail: string;
} {
  if (bytes === undefined || bytes.length === 0) return { recipient: '', detail: '' };
  const o = parseObject(Buffer.from(bytes).toString('utf8'), NAME, {
    required: [],
    optional: ['recipient', 'detail'],
  });
  return {
    recipient: optionalStringAt(o, 'recipient', NAME) ?? '',
    detail: optionalStringAt(o, 'detail', NAME) ?? '',
  };
}

/** A transient entry that must be there, as text. */
export function requiredTransientText(bytes: Uint8Array | undefined, key: string): string {
  if (bytes === undefined || bytes.length === 0) {
    invalid(`the transient data key '${key}' is required`);
  }
  return Buffer.from(bytes).toString('utf8');
}
