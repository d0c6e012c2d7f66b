import { EblStatus, exportDestination } from '../../../../libs/contracts/src/ledger';
import { EblState } from './ebl-state';

/** What an import says about where the document comes from, when its sender shares the channel. */
export interface ImportOrigin {
  transportDocumentReference: string;
  documentChecksum: string;
  isToOrder: boolean;
  /** MSP id of the sending platform's organisation, on this channel. */
  senderMspId: string;
  /** Our own PINT platform code, which the sender's export must name. */
  receivingPlatform: string;
  /** `<sending platform>:<checksum of the envelope's last transfer chain entry>`, as the receiver names the sender. */
  sender: string;
}

/**
 * Why the sending platform's own ledger record does not vouch for this import,
 * or undefined when it does. A platform on this channel can only send a
 * document away by EXPORT, which leaves its record EXPORT_PENDING and names
 * the receiving platform in `exportedTo`; the sender completes the export
 * (EXPORTED) only once the receiver has answered RECE, and the receiver
 * imports before it answers. So at import time the sender's record must be
 * EXPORT_PENDING to us: still ISSUED means the sender kept control, pending to
 * another platform means it is sent elsewhere too, and EXPORTED means this
 * export was received already, so importing it again would spend it twice.
 */
export function importOriginProblem(
  origin: ImportOrigin,
  sent: EblState | undefined,
): string | undefined {
  const { transportDocumentReference: reference, senderMspId, receivingPlatform: us } = origin;
  if (sent === undefined) {
    return `${reference} has no record on ${senderMspId}, which therefore has not exported it to ${us}`;
  }
  if (sent.status !== EblStatus.exportPending) {
    return `${reference} is ${sent.status} on ${senderMspId}, not ${EblStatus.exportPending} to ${us}`;
  }
  const destination = exportDestination(sent.exportedTo);
  if (destination !== us) {
    return `${reference} is being exported by ${senderMspId} to ${destination ?? 'an unnamed platform'}, not to ${us}`;
  }
  if (sent.documentChecksum !== origin.documentChecksum || sent.isToOrder !== origin.isToOrder) {
    return `${reference} on ${senderMspId} is another document than the one sent to ${us}`;
  }
  // The sender's EXPORT names the one envelope it sends: any other (a stale or a second one) is not it.
  const envelope = sent.exportEnvelopeChecksum;
  if (envelope !== undefined && !origin.sender.endsWith(`:${envelope}`)) {
    return `${reference} is being exported by ${senderMspId} with another envelope than this one`;
  }
  return undefined;
}
