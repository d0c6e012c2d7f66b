import { createHash } from 'node:crypto';
import {
  ClaimsTransientKey,
  CoverPolicyRecord,
  PolicyAmounts,
} from '../../../../libs/contracts/src/ledger';
import { canonicalJson } from '../../../../libs/standards/src';
import { Invoker } from '../../domain/invoker';
import { parseMinorUnits, parsePositiveMinorUnits, units } from './claim-values';
import { assertInsurer } from './insurer';
import { invalid, parseObject, stringAt } from './json-input';

const SALT = /^[0-9a-f]{16,128}$/;
const NAME = `transient ${ClaimsTransientKey.amounts}`;

/**
 * Checks the transient amounts against the policy and returns the exact bytes
 * to keep in the insurer's collection. They must hash to the public
 * amountsHash, so the private data is provably the data the policy committed
 * to; and they must be canonical JSON, so that whoever holds them can
 * recompute that hash from the values alone.
 */
export function decideAmounts(
  policy: CoverPolicyRecord,
  invoker: Invoker,
  bytes: Uint8Array | undefined,
): Uint8Array {
  assertInsurer(policy.insurerMsp, invoker, `setting the amounts of ${policy.policyId}`);
  if (bytes === undefined || bytes.length === 0) {
    invalid(`the transient data key '${ClaimsTransientKey.amounts}' is required`);
  }
  if (sha256Hex(bytes) !== policy.amountsHash) {
    invalid(`the ${NAME} do not hash to the amountsHash of policy ${policy.policyId}`);
  }
  const text = Buffer.from(bytes).toString('utf8');
  const amounts = parseAmounts(text);
  if (canonicalJson(amounts) !== text) invalid(`the ${NAME} must be canonical JSON (RFC 8785)`);
  return bytes;
}

function parseAmounts(text: string): PolicyAmounts {
  const o = parseObject(text, NAME, { required: ['sumInsured', 'premium', 'deductible', 'salt'] });
  const amounts: PolicyAmounts = {
    sumInsured: parsePositiveMinorUnits(stringAt(o, 'sumInsured', NAME), `${NAME}.sumInsured`),
    premium: parseMinorUnits(stringAt(o, 'premium', NAME), `${NAME}.premium`),
    deductible: parseMinorUnits(stringAt(o, 'deductible', NAME), `${NAME}.deductible`),
    salt: stringAt(o, 'salt', NAME),
  };
  if (!SALT.test(amounts.salt)) invalid(`${NAME}.salt must be 16 to 128 lower-case hex digits`);
  if (units(amounts.deductible) > units(amounts.sumInsured)) {
    invalid(`${NAME}.deductible must not exceed the sum insured`);
  }
  return amounts;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
