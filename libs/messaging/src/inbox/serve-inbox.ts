import { INestApplication } from '@nestjs/common';
import { MicroserviceOptions } from '@nestjs/microservices';
import { InboxTransport } from './inbox-transport';

/**
 * Makes the application hybrid: HTTP plus the inbox microservice, which
 * starts consuming once every module is initialised and bootstrapped (as the
 * consumers did from onApplicationBootstrap). Call it before `listen`. The
 * microservice does not inherit the HTTP app's pipes and filters: they answer
 * requests with problem+json, which means nothing to a Kafka message.
 */
export async function serveInbox(app: INestApplication): Promise<void> {
  app.connectMicroservice<MicroserviceOptions>(
    { strategy: app.get(InboxTransport) },
    { inheritAppConfig: false },
  );
  await app.init();
  await app.startAllMicroservices();
}
