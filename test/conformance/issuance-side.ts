import { devPartyCode } from '../../scripts/stack/dev-parties';
import type { TestedSide } from './sandbox-runner';

/** A party of PJA named by its identifying code in PJA's directory (dev-parties.ts). */
function pjaParty(id: string, partyName: string) {
  return { partyName, ...devPartyCode('PJA', id) };
}

const SHIPPER = pjaParty('shipper', 'Jiangnan Soy Exporters');
const CARRIER_ACCOUNT = pjaParty('carrier', 'Pujiang Container Line');

/**
 * What PJA's operator answers when DCSA's carrier asks whom to issue to, for each answer the
 * scenario expects (the action title ends "[EBL_TYPE CODE]"):
 *   ISSU: our shipper on PJA, a party who holds eBLs;
 *   BREQ: our carrier's own account, which holds none (a request the carrier must correct);
 *   REFU: a party PJA does not know.
 * The document's parties are PJA's own (the framework leaves the shipper and issuing party
 * of a blank eBL empty, which the ISS schema refuses); the consignee is dropped from a blank
 * eBL by the framework itself.
 */
export const issuanceSide: TestedSide = {
  input(action, suggested) {
    const code = /\[\w+ (ISSU|BREQ|REFU)\]/.exec(action)?.[1];
    if (code === undefined) throw new Error(`eBL Issuance: no input known for "${action}"`);
    const issueTo =
      code === 'ISSU'
        ? SHIPPER
        : code === 'BREQ'
          ? CARRIER_ACCOUNT
          : pjaParty('nobody', 'Nobody Known Ltd');
    const consignee = pjaParty('consignee', 'Rotterdam Food Imports');
    return Promise.resolve({
      ...(suggested as Record<string, unknown>),
      shipperLegalName: SHIPPER.partyName,
      shipperCodeListProvider: SHIPPER.codeListProvider,
      shipperPartyCode: SHIPPER.partyCode,
      shipperCodeListName: SHIPPER.codeListName,
      consigneeOrEndorseeLegalName: consignee.partyName,
      consigneeOrEndorseeCodeListProvider: consignee.codeListProvider,
      consigneeOrEndorseePartyCode: consignee.partyCode,
      consigneeOrEndorseeCodeListName: consignee.codeListName,
      issuingPartyLegalName: CARRIER_ACCOUNT.partyName,
      issuingPartyCodeListProvider: CARRIER_ACCOUNT.codeListProvider,
      issuingPartyPartyCode: CARRIER_ACCOUNT.partyCode,
      issuingPartyCodeListName: CARRIER_ACCOUNT.codeListName,
      issueToSendToPlatform: 'PJA',
      issueToPartyName: issueTo.partyName,
      issueToCodeListProvider: issueTo.codeListProvider,
      issueToPartyCode: issueTo.partyCode,
      issueToCodeListName: issueTo.codeListName,
    });
  },
};
