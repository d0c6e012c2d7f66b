import {
  ClaimDisclosure,
  ClaimRecord,
  ClaimStub,
  DISCLOSABLE_CLAIM_FIELDS,
  DisclosableClaimField,
  DisclosedClaim,
  LedgerErrorCode,
  REGULATOR_MSP_ID,
} from '../../../../libs/contracts/src/ledger';
import { Invoker } from '../../domain/invoker';
import { refuse } from '../../domain/refusal';
import { Stamp } from '../../domain/stamp';
import { assertInsurer } from './insurer';
import { invalid, parseJson } from './json-input';

const NAME = 'fields';

/** The fields argument: a JSON array of distinct DISCLOSABLE_CLAIM_FIELDS, at least one. */
export function parseDisclosedFields(raw: string): DisclosableClaimField[] {
  const value = parseJson(raw, NAME);
  if (!Array.isArray(value) || value.length === 0) {
    return invalid(`${NAME} must be a non-empty JSON array of claim field names`);
  }
  const known: readonly string[] = DISCLOSABLE_CLAIM_FIELDS;
  const fields = value.map((field) =>
    typeof field === 'string' && known.includes(field)
      ? (field as DisclosableClaimField)
      : invalid(
          `${NAME}: ${JSON.stringify(field)} is not a disclosable claim field (${known.join(', ')})`,
        ),
  );
  if (new Set(fields).size !== fields.length) invalid(`${NAME} names a field twice`);
  return fields;
}

/**
 * A disclosure to the regulator (decision 0035): only the claim's insurer
 * discloses, and only to the regulator's organisation. The public record goes
 * into the stub (its key is endorsed by the insurer's peers alone, like every
 * later step of the claim); the values, read from the claim as it is now, go
 * to the regulator's collection in the same transaction, so nothing is
 * disclosed without its record nor recorded without its values.
 */
export function decideDisclosure(
  stub: ClaimStub,
  record: ClaimRecord,
  invoker: Invoker,
  fields: DisclosableClaimField[],
  stamp: Stamp,
): { stub: ClaimStub; disclosed: DisclosedClaim } {
  assertInsurer(stub.insurerMsp, invoker, `disclosing claim ${stub.claimId}`);
  const disclosure: ClaimDisclosure = {
    regulatorMsp: REGULATOR_MSP_ID,
    fields,
    disclosedBy: invoker.party,
    txId: stamp.txId,
    at: stamp.at,
  };
  const values = Object.fromEntries(
    fields.flatMap((field) => (record[field] === undefined ? [] : [[field, record[field]]])),
  );
  return {
    stub: { ...stub, disclosures: [...(stub.disclosures ?? []), disclosure] },
    disclosed: { claimId: stub.claimId, insurerMsp: stub.insurerMsp, disclosure, values },
  };
}

/** Only the regulator reads a disclosure, and only one its stub records. */
export function disclosureRecorded(
  stub: ClaimStub,
  invoker: Invoker,
  txId: string,
): ClaimDisclosure {
  if (invoker.mspId !== REGULATOR_MSP_ID) {
    refuse(LedgerErrorCode.forbidden, `only the regulator (${REGULATOR_MSP_ID}) reads disclosures`);
  }
  return (
    stub.disclosures?.find((d) => d.txId === txId) ??
    refuse(LedgerErrorCode.notFound, `claim ${stub.claimId} has no disclosure ${txId}`)
  );
}
