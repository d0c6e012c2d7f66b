import { EblRecord } from '@pujiang/contracts';
import { httpDelivery } from '../delivery/http-delivery';
import { Delivery } from '../delivery/deliveries';
import { Carrier, Party } from '../platform/directory';
import { EblPlatform } from '../platform/ebl-platform';
import { dcsaPartyDescriber } from '../transport-documents/dcsa-party';
import { endorsementChain } from '../transport-documents/domain/endorsement-chain';

/**
 * The DCSA SurrenderRequestDetails sent to the issuing carrier, which holds
 * the document until it answers at /v3/ebl-surrender-responses.
 */
export function surrenderRequestDelivery(args: {
  carrier: Carrier;
  surrenderRequestReference: string;
  surrenderRequestCode: 'SREQ' | 'AREQ';
  record: EblRecord;
  requester: Party;
  platform: EblPlatform;
  reasonCode?: string;
  comments?: string;
}): Delivery {
  const body = {
    surrenderRequestReference: args.surrenderRequestReference,
    transportDocumentReference: args.record.transportDocumentReference,
    surrenderRequestCode: args.surrenderRequestCode,
    ...(args.reasonCode === undefined ? {} : { reasonCode: args.reasonCode }),
    ...(args.comments === undefined ? {} : { comments: args.comments }),
    endorsementChain: endorsementChain(args.record, dcsaPartyDescriber(args.platform)),
  };
  return httpDelivery(
    `${args.carrier.endpoint}/v3/ebl-surrender-requests`,
    args.carrier.carrierCode,
    body,
  );
}
