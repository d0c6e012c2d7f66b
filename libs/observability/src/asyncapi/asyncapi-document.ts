import { EventType, TOPIC_PAYLOADS, Topic, deadLetterTopic } from '@pujiang/contracts';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

export const ASYNCAPI_PATH = '/asyncapi.json';

const SCHEMA_REF = '#/components/schemas/';
const CLOUD_EVENT_CONTENT_TYPE = 'application/cloudevents+json';

type JsonSchema = Record<string, unknown>;
type TopicName = keyof typeof Topic;

/** Headers the consumer runner adds when it parks a record (libs/messaging). */
const DEAD_LETTER_HEADERS: JsonSchema = {
  type: 'object',
  required: [
    'dlq-reason',
    'dlq-original-topic',
    'dlq-original-partition',
    'dlq-original-offset',
    'dlq-consumer-group',
  ],
  properties: {
    'dlq-reason': { type: 'string', description: 'why the record can never be handled' },
    'dlq-original-topic': { type: 'string' },
    'dlq-original-partition': { type: 'string', pattern: '^[0-9]+$' },
    'dlq-original-offset': { type: 'string', pattern: '^[0-9]+$' },
    'dlq-consumer-group': { type: 'string', description: 'the group that parked it' },
  },
};

/**
 * The AsyncAPI 3 document of every Kafka topic and its dead-letter topic.
 * Payload schemas are generated from the same class-validator classes the
 * consumers validate with (libs/contracts), so it cannot promise a message
 * the consumers would park. Records are CloudEvents in structured mode.
 */
export function describeMessages(): JsonSchema {
  const names = Object.keys(Topic) as TopicName[];
  const channels: JsonSchema = {};
  const operations: JsonSchema = {};
  const messages: JsonSchema = {};
  for (const name of names) {
    const { summary } = TOPIC_PAYLOADS[name];
    const parked = `${name}DeadLetter`;
    channels[name] = {
      address: Topic[name],
      summary,
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
    };
    channels[parked] = {
      address: deadLetterTopic(Topic[name]),
      summary: `Records of ${Topic[name]} that can never be handled, parked with the reason; kept for ever`,
      messages: { [parked]: { $ref: `#/components/messages/${parked}` } },
    };
    operations[`send_${name}`] = operation('send', name, name);
    operations[`receive_${name}`] = operation('receive', name, name);
    operations[`park_${name}`] = operation('send', parked, parked);
    messages[name] = {
      name: EventType[name],
      contentType: CLOUD_EVENT_CONTENT_TYPE,
      summary,
      payload: cloudEvent(EventType[name], TOPIC_PAYLOADS[name].payload.name),
    };
    messages[parked] = {
      name: `${EventType[name]}.dead-letter`,
      summary: 'The original record value, as received: it may be no CloudEvent at all',
      headers: DEAD_LETTER_HEADERS,
      payload: {},
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Pujiang messages',
      version: '1.0.0',
      description:
        'Kafka topics between the Pujiang services. Producers write through a transactional outbox; consumers are idempotent per consumer group and park what they can never handle on the dead-letter topic of the topic.',
    },
    defaultContentType: CLOUD_EVENT_CONTENT_TYPE,
    channels,
    operations,
    components: { messages, schemas: payloadSchemas(names) },
  };
}

function operation(action: 'send' | 'receive', channel: string, message: string): JsonSchema {
  return {
    action,
    channel: { $ref: `#/channels/${channel}` },
    messages: [{ $ref: `#/channels/${channel}/messages/${message}` }],
  };
}

/** A CloudEvents 1.0 envelope (libs/messaging cloud-event.ts) around `data` of the named schema. */
function cloudEvent(type: string, dataSchema: string): JsonSchema {
  return {
    type: 'object',
    required: ['specversion', 'id', 'source', 'type', 'time', 'datacontenttype', 'data'],
    properties: {
      specversion: { const: '1.0' },
      id: { type: 'string', minLength: 1 },
      source: { type: 'string', minLength: 1 },
      type: { const: type },
      subject: { type: 'string' },
      time: { type: 'string', format: 'date-time' },
      datacontenttype: { const: 'application/json' },
      data: { $ref: `${SCHEMA_REF}${dataSchema}` },
    },
  };
}

/**
 * The payload classes' schemas and every class they refer to, closed to
 * unknown members as the consumers' validation is (forbidNonWhitelisted).
 */
function payloadSchemas(names: readonly TopicName[]): Record<string, JsonSchema> {
  const validated = validationMetadatasToSchemas({
    refPointerPrefix: SCHEMA_REF,
    classTransformerMetadataStorage: defaultMetadataStorage,
  }) as Record<string, JsonSchema>;
  const schemas: Record<string, JsonSchema> = {};
  const pending = names.map((name) => TOPIC_PAYLOADS[name].payload.name);
  while (pending.length > 0) {
    const name = pending.pop() as string;
    const rules = validated[name];
    if (rules === undefined || name in schemas) continue;
    schemas[name] = { ...rules, additionalProperties: false };
    const refs = JSON.stringify(rules).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g);
    pending.push(...[...refs].map((match) => match[1]));
  }
  return schemas;
}
