import { readFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { Kafka, KafkaConfig, LogEntry, logLevel } from 'kafkajs';
import { MessagingConfig } from './messaging.config';

/**
 * How to reach the brokers and authenticate, from the validated configuration:
 * TLS always, SASL/SCRAM as the configured user. The files are read here, at
 * start-up, so a missing password or CA file stops the service at once.
 */
export function kafkaConnection(
  config: MessagingConfig,
): Required<Pick<KafkaConfig, 'brokers' | 'ssl' | 'sasl'>> {
  const credentials = {
    username: config.KAFKA_SASL_USERNAME,
    password:
      config.KAFKA_SASL_PASSWORD ??
      readFileSync(config.KAFKA_SASL_PASSWORD_FILE ?? '', 'utf8').replace(/\r?\n$/, ''),
  };
  return {
    brokers: config.KAFKA_BROKERS,
    ssl:
      config.KAFKA_TLS_CA_FILE === undefined
        ? true
        : { ca: [readFileSync(config.KAFKA_TLS_CA_FILE, 'utf8')] },
    sasl:
      config.KAFKA_SASL_MECHANISM === 'scram-sha-256'
        ? { mechanism: 'scram-sha-256', ...credentials }
        : { mechanism: 'scram-sha-512', ...credentials },
  };
}

/**
 * The only place that knows kafkajs is the client (see docs/decisions): the
 * rest of the code talks to the outbox, the publisher and the consumer runner.
 */
export function createKafka(config: MessagingConfig, clientId: string): Kafka {
  const logger = new Logger('kafkajs');
  return new Kafka({
    clientId,
    ...kafkaConnection(config),
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 300, retries: 5 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        if (level === logLevel.ERROR) logger.error(extra, message);
        else if (level === logLevel.WARN) logger.warn(extra, message);
        else logger.debug(extra, message);
      },
  });
}
