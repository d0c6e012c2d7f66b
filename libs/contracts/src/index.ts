export * from './topics/topics';
export { AnchorRequestedV1 } from './topics/anchor-requested/anchor-requested.v1';
export { AnchorCommittedV1, AnchoredItem } from './topics/anchor-committed/anchor-committed.v1';
export { EpcisEventCapturedV1 } from './topics/event-captured/event-captured.v1';
export { VesselChangedV1 } from './topics/vessel-changed/vessel-changed.v1';
export { VoyageEventRecordedV1 } from './topics/voyage-event-recorded/voyage-event-recorded.v1';
export { AIVDM_SENTENCE_PATTERN, AisReportReceivedV1 } from './topics/ais-received/ais-received.v1';
export { TOPIC_PAYLOADS, TopicDescription } from './topics/topic-payloads';
export * from './ledger';
