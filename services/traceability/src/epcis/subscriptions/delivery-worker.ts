import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PollingLoop, RetryBackoff } from '@pujiang/polling';
import { deliveryDocument } from './domain/delivery-document';
import { DeliveryRetryPolicy, retryDelayMs } from './domain/delivery-retry';
import { SIGNATURE_HEADER, signDelivery } from './domain/gs1-signature';
import { DueDelivery, SubscriptionStore } from './subscription.store';
import { SubscriptionsConfig } from './subscriptions.config';
import { WebSocketStreams } from './websocket-streams';

/** Deliveries leased per round; each is sent on its own, so one slow receiver holds up few. */
const ROUND_SIZE = 32;

/**
 * Sends what subscriptions are owed, from the delivery outbox: each matched
 * event of a stream, or each run of a schedule, to its webhook (signed with GS1-Signature) or WebSocket, retried with
 * exponential back-off until the receiver acknowledges it with a 2xx. A
 * delivery is marked done only after that, so a crash or restart sends it
 * again (at-least-once; the document's id lets the receiver drop repeats).
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly loop: PollingLoop;
  private readonly retry: DeliveryRetryPolicy;

  constructor(
    private readonly store: SubscriptionStore,
    private readonly streams: WebSocketStreams,
    private readonly config: SubscriptionsConfig,
  ) {
    this.retry = {
      initialMs: config.SUBSCRIPTION_RETRY_INITIAL_MS,
      maxMs: config.SUBSCRIPTION_RETRY_MAX_MS,
    };
    this.loop = new PollingLoop({
      round: () => this.round(),
      backoff: new RetryBackoff(config.SUBSCRIPTION_POLL_MS, 30_000),
      onError: (error, retryInMs) =>
        this.logger.warn({ err: error, retryInMs }, 'delivery round failed; retrying'),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  /** Lets the sends in progress finish and record their outcome. */
  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  private async round(): Promise<number> {
    // A lease outlives one send, so no other instance sends the same delivery meanwhile.
    const leaseMs = this.config.SUBSCRIPTION_DELIVERY_TIMEOUT_MS + 5_000;
    const due = await this.store.lease(this.streams.holder, ROUND_SIZE, leaseMs);
    await Promise.all(due.map((delivery) => this.deliver(delivery)));
    return due.length === ROUND_SIZE ? 0 : this.config.SUBSCRIPTION_POLL_MS;
  }

  private async deliver(delivery: DueDelivery): Promise<void> {
    const body = JSON.stringify(deliveryDocument(delivery, delivery.events, new Date()));
    let failure: string | undefined;
    try {
      failure =
        delivery.channel === 'webhook'
          ? await this.post(delivery, body)
          : (await this.streams.send(delivery.subscriptionId, body))
            ? undefined
            : 'the WebSocket is not open';
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (failure === undefined) return this.store.delivered(delivery);
    const retryInMs = retryDelayMs(delivery.attempts, this.retry);
    this.logger.warn(
      { deliveryId: delivery.deliveryId, attempts: delivery.attempts, retryInMs, failure },
      'subscription delivery failed; retrying',
    );
    return this.store.failed(delivery, retryInMs, failure);
  }

  /** Undefined when the receiver took it (2xx); otherwise why not. */
  private async post(delivery: DueDelivery, body: string): Promise<string | undefined> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'GS1-EPCIS-Version': '2.0.0',
    };
    if (delivery.signatureToken !== null) {
      headers[SIGNATURE_HEADER] = signDelivery(body, delivery.signatureToken);
    }
    const response = await fetch(delivery.dest ?? '', {
      method: 'POST',
      headers,
      body,
      // A redirect could point anywhere, inside included: it is a failure, not followed.
      redirect: 'manual',
      signal: AbortSignal.timeout(this.config.SUBSCRIPTION_DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok ? undefined : `the receiver answered ${response.status}`;
  }
}
