import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { EntityManager } from 'typeorm';
import { CloudEvent } from '../cloud-event';
import { processTraced } from '../tracing/message-tracing';
import { InboxContext } from './inbox-context';
import { InboxHandlerExtras, InboxHandlerOptions } from './inbox-event-pattern';
import { MessageConsumers, Subscription } from './message-consumers';

/**
 * The Nest microservice transport of every Kafka consumer: it serves the
 * application's `@InboxEventPattern` handlers through MessageConsumers, which
 * keeps the inbox (one transaction per batch, each message once per group),
 * the retries with heartbeats and the parking of poison messages. Nothing
 * else subscribes to Kafka; producers stay on the outbox.
 */
@Injectable()
export class InboxTransport extends Server implements CustomTransportStrategy {
  constructor(
    private readonly consumers: MessageConsumers,
    private readonly moduleRef: ModuleRef,
  ) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    this.subscribeAll().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  async close(): Promise<void> {
    await this.consumers.stop();
  }

  on(): never {
    throw new Error('the inbox transport has no events to listen to');
  }

  unwrap<T>(): T {
    throw new Error('the inbox transport has no client of its own to unwrap');
  }

  private async subscribeAll(): Promise<void> {
    const subscriptions = [...this.messageHandlers].map(([topic, handler]) =>
      this.subscriptionOf(topic, handler),
    );
    for (const subscription of subscriptions) await this.consumers.subscribe(subscription);
  }

  private subscriptionOf(topic: string, handler: MessageHandler): Subscription<object> {
    const { inbox } = (handler.extras ?? {}) as Partial<InboxHandlerExtras>;
    if (!handler.isEventHandler || inbox === undefined) {
      throw new Error(`${topic}: Kafka handlers are declared with @InboxEventPattern`);
    }
    if (handler.next !== undefined) {
      // Nest would call them together, in one group: each needs its own.
      throw new Error(`${topic}: one @InboxEventPattern handler per topic in a service`);
    }
    const groupId = this.groupOf(inbox);
    // Each call is a span, child of the message's own (decision 0029), and logs with its correlation ids.
    const call = (events: CloudEvent<object>[], payload: unknown, manager: EntityManager) =>
      processTraced({ topic, group: groupId }, events, () =>
        this.call(handler, payload, new InboxContext(manager, topic)),
      );
    const subscription: Subscription<object> = {
      groupId,
      topic,
      deadLetterTopic: inbox.deadLetterTopic,
      dataClass: inbox.data,
      handle: (event, manager) => call([event], inbox.batch ? [event] : event, manager),
    };
    if (inbox.batch) {
      subscription.handleAll = (events: CloudEvent<object>[], manager) =>
        call(events, events, manager);
    }
    return subscription;
  }

  private groupOf(inbox: InboxHandlerOptions<object>): string {
    if (typeof inbox.group === 'string') return inbox.group;
    return inbox.group((type) => this.moduleRef.get(type, { strict: false }));
  }

  /** Runs Nest's handler (pipes, interceptors, filters) and waits for it, its error as thrown. */
  private async call(handler: MessageHandler, payload: unknown, context: InboxContext) {
    await lastValueFrom(this.transformToObservable(handler(payload, context)), {
      defaultValue: undefined,
    });
  }
}
