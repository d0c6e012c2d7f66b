import { createHash } from 'node:crypto';
import {
  ClaimsTransientKey,
  CoverPolicyRecord,
  PolicyPrivateTerms,
  isVesselClause,
} from '../../../../libs/contracts/src/ledger';
import { canonicalJson } from '../../../../libs/standards/src';
import { Invoker } from '../../domain/invoker';
import {
  parseMinorUnits,
  parseParty,
  parsePositiveMinorUnits,
  parseSalt,
  units,
} from './claim-values';
import { assertInsurer } from './insurer';
import { invalid, parseObject, stringAt } from './json-input';
import { parseShipment } from './shipment';
import { parseVesselCover } from './vessel-cover';

const NAME = `transient ${ClaimsTransientKey.privateTerms}`;

/**
 * Checks the transient private terms (amounts, insured, shipment) against the
 * policy and returns the exact bytes to keep in the insurer's collection. They
 * must hash to the public privateTermsHash, so the private data is provably the data the policy committed
 * to; and they must be canonical JSON, so that whoever holds them can
 * recompute that hash from the values alone.
 */
export function decidePrivateTerms(
  policy: CoverPolicyRecord,
  invoker: Invoker,
  bytes: Uint8Array | undefined,
): Uint8Array {
  assertInsurer(policy.insurerMsp, invoker, `setting the private terms of ${policy.policyId}`);
  if (bytes === undefined || bytes.length === 0) {
    invalid(`the transient data key '${ClaimsTransientKey.privateTerms}' is required`);
  }
  if (sha256Hex(bytes) !== policy.privateTermsHash) {
    invalid(`the ${NAME} do not hash to the privateTermsHash of policy ${policy.policyId}`);
  }
  const text = Buffer.from(bytes).toString('utf8');
  const terms = parseTerms(text);
  if (terms.insured === invoker.party) invalid('an insurer cannot insure itself');
  const vesselPolicy = isVesselClause(policy.clause);
  if (vesselPolicy !== (terms.vessel !== undefined)) {
    invalid(
      `the ${NAME} name a vessel exactly when the clause is a vessel clause (${policy.clause})`,
    );
  }
  const { containers, lots } = terms.shipment;
  if (vesselPolicy && containers.length + lots.length > 0) {
    invalid(`the ${NAME} of a vessel policy insure the ship, not containers or lots`);
  }
  if (canonicalJson(terms) !== text) invalid(`the ${NAME} must be canonical JSON (RFC 8785)`);
  return bytes;
}

function parseTerms(text: string): PolicyPrivateTerms {
  const o = parseObject(text, NAME, {
    required: ['sumInsured', 'premium', 'deductible', 'salt', 'insured', 'shipment'],
    optional: ['vessel'],
  });
  const amounts: PolicyPrivateTerms = {
    sumInsured: parsePositiveMinorUnits(stringAt(o, 'sumInsured', NAME), `${NAME}.sumInsured`),
    premium: parseMinorUnits(stringAt(o, 'premium', NAME), `${NAME}.premium`),
    deductible: parseMinorUnits(stringAt(o, 'deductible', NAME), `${NAME}.deductible`),
    salt: parseSalt(stringAt(o, 'salt', NAME), `${NAME}.salt`),
    insured: parseParty(stringAt(o, 'insured', NAME), `${NAME}.insured`),
    shipment: parseShipment(o.shipment, `${NAME}.shipment`),
    ...(o.vessel === undefined ? {} : { vessel: parseVesselCover(o.vessel, `${NAME}.vessel`) }),
  };
  if (units(amounts.deductible) > units(amounts.sumInsured)) {
    invalid(`${NAME}.deductible must not exceed the sum insured`);
  }
  return amounts;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
