import { AnchorCommittedV1 } from './anchor-committed/anchor-committed.v1';
import { AisReportReceivedV1 } from './ais-received/ais-received.v1';
import { ClaimChangedV1 } from './claim-changed/claim-changed.v1';
import { EblChangedV1 } from './ebl-changed/ebl-changed.v1';
import { AnchorRequestedV1 } from './anchor-requested/anchor-requested.v1';
import { EpcisEventCapturedV1 } from './event-captured/event-captured.v1';
import { Topic } from './topics';
import { VesselChangedV1 } from './vessel-changed/vessel-changed.v1';
import { VoyageEventRecordedV1 } from './voyage-event-recorded/voyage-event-recorded.v1';

export interface TopicDescription {
  /** The class-validator class of the CloudEvent's `data`, which consumers validate. */
  payload: new () => object;
  /** Who sends it, who reads it, and why. */
  summary: string;
}

/**
 * What travels on each topic. Keyed like `Topic`, so a new topic without a
 * payload does not compile; the AsyncAPI document is generated from this.
 */
export const TOPIC_PAYLOADS: Record<keyof typeof Topic, TopicDescription> = {
  anchorRequested: {
    payload: AnchorRequestedV1,
    summary:
      'traceability → ledger: anchor this item digest under its author organisation (key: the capture, so a document keeps one partition)',
  },
  anchorCommitted: {
    payload: AnchorCommittedV1,
    summary:
      'ledger → requesting contexts: a Merkle batch is valid in a block, with its items in leaf order (key: the batch id)',
  },
  eventCaptured: {
    payload: EpcisEventCapturedV1,
    summary:
      'traceability → any context: an EPCIS event was stored, once per event hash (key: the event hash); read by the EPCIS subscriptions of traceability and the parametric covers of claims',
  },
  vesselChanged: {
    payload: VesselChangedV1,
    summary:
      'vessels → any context: a vessel’s ledger record changed, the whole record after the change (key: the IMO number)',
  },
  aisReceived: {
    payload: AisReportReceivedV1,
    summary:
      'AIS gateway → vessels (positions): the NMEA AIVDM sentences of one AIS report and when they were received (key: the MMSI); area entries go to the ledger as voyage events',
  },
  eblChanged: {
    payload: EblChangedV1,
    summary:
      'ebl → supervision: an eBL’s ledger status changed, from the chaincode event of the platform holding it (key: the transport document reference)',
  },
  claimChanged: {
    payload: ClaimChangedV1,
    summary:
      'claims → supervision: a claim’s ledger status changed, with the time bars of its file and no amount (key: the claim id)',
  },
  voyageEventRecorded: {
    payload: VoyageEventRecordedV1,
    summary:
      'vessels → any context: a voyage event (area entry from AIS) committed on the ledger, the whole record (key: the IMO number); read by the delay covers of claims',
  },
};
