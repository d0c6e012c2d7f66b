import { Logger } from '@nestjs/common';
import { Kafka, logLevel, LogEntry } from 'kafkajs';

/**
 * The only place that knows kafkajs is the client (see docs/decisions): the
 * rest of the code talks to the outbox, the publisher and the consumer runner.
 */
export function createKafka(brokers: string[], clientId: string): Kafka {
  const logger = new Logger('kafkajs');
  return new Kafka({
    clientId,
    brokers,
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
