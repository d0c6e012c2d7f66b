import { ProcessedMessage } from './inbox/processed-message.entity';
import { MessagingTables1763880000000 } from './migrations/1763880000000-messaging-tables';
import { OutboxTopicLanes1763880000002 } from './migrations/1763880000002-outbox-topic-lanes';
import { OutboxMessage } from './outbox/outbox-message.entity';

export {
  CloudEvent,
  NewCloudEvent,
  createCloudEvent,
  parseCloudEvent,
  MalformedCloudEventError,
  CLOUD_EVENT_CONTENT_TYPE,
} from './cloud-event';
export { MessagingConfig, SaslMechanism } from './messaging.config';
export { MessagingModule, MessagingModuleOptions } from './messaging.module';
export { EventPublisher, OutgoingMessage } from './event-publisher';
export { Outbox, OutboxEntry } from './outbox/outbox';
export { OutboxLane, OutboxRelay, OutboxRelayOptions } from './outbox/outbox-relay';
export { OutboxBacklog, outboxBacklog } from './outbox/outbox-backlog';
export { InboxTransport } from './inbox/inbox-transport';
export { InboxContext } from './inbox/inbox-context';
export {
  InboxEventPattern,
  InboxHandlerOptions,
  ProviderLookup,
} from './inbox/inbox-event-pattern';
export { serveInbox } from './inbox/serve-inbox';
export {
  DEAD_LETTER_READER_GROUP_PREFIX,
  DeadLetters,
  ParkedMessage,
  ParkedMessageAlreadyReplayedError,
  ParkedMessageNotFoundError,
  REPLAY_GROUP,
  Progress,
  Queryable,
} from './inbox/dead-letters';
export { correlationIdsIn } from './tracing/message-tracing';
export { PoisonMessageError } from './inbox/poison-message.error';
export { KafkaHealthIndicator } from './kafka.health';
export { createKafka, kafkaConnection } from './kafka';
export { OutboxMessage, ProcessedMessage };

/** Add to a service's TypeORM entities and migrations. */
export const MESSAGING_ENTITIES = [OutboxMessage, ProcessedMessage];
export const MESSAGING_MIGRATIONS = [MessagingTables1763880000000, OutboxTopicLanes1763880000002];
