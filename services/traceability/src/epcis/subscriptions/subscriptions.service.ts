import { HttpStatus, Injectable } from '@nestjs/common';
import { ProblemException } from '@pujiang/http';
import { QUERY_PROBLEM } from '../events/events.service';
import { listingPageToken } from './domain/listing-page';
import {
  InvalidSubscription,
  SUBSCRIPTION_PROBLEM,
  parseWebhookSubscription,
} from './domain/subscription-request';
import { NamedQueriesService, listingPage } from './named-queries.service';
import { QueryOwner } from './named-query.store';
import { SubscriptionStore, SubscriptionView } from './subscription.store';
import { SubscriptionsConfig } from './subscriptions.config';
import { destinationProblem } from './webhook-destination';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Webhook subscriptions of a named query (…/subscriptions), which only the
 * query's owner sees. What they are sent is decided by SubscriptionMatcher
 * and sent by DeliveryWorker.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly queries: NamedQueriesService,
    private readonly store: SubscriptionStore,
    private readonly config: SubscriptionsConfig,
  ) {}

  async subscribe(owner: QueryOwner, queryName: string, body: unknown): Promise<SubscriptionView> {
    const query = await this.queries.get(owner, queryName);
    let request;
    try {
      request = parseWebhookSubscription(body, (dest) =>
        destinationProblem(dest, this.config.SUBSCRIPTION_ALLOW_INTERNAL_DESTINATIONS),
      );
    } catch (error) {
      if (!(error instanceof InvalidSubscription)) throw error;
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'The subscription is not valid',
        SUBSCRIPTION_PROBLEM,
        error.problems,
      );
    }
    return this.store.create(query.id, 'webhook', request);
  }

  async list(
    owner: QueryOwner,
    queryName: string,
    perPage: string | undefined,
    nextPageToken: string | undefined,
  ): Promise<{ subscriptions: SubscriptionView[]; nextPageToken?: string }> {
    const page = listingPage(perPage, nextPageToken);
    if (page.after !== undefined && !UUID.test(page.after)) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'nextPageToken is not valid',
        QUERY_PROBLEM,
      );
    }
    const query = await this.queries.get(owner, queryName);
    const rows = await this.store.list(query.id, page.after, page.perPage + 1);
    const subscriptions = rows.slice(0, page.perPage);
    const last = subscriptions.at(-1);
    return {
      subscriptions,
      ...(rows.length > page.perPage && last !== undefined
        ? { nextPageToken: listingPageToken(last.subscriptionID) }
        : {}),
    };
  }

  async get(owner: QueryOwner, queryName: string, id: string): Promise<SubscriptionView> {
    const query = await this.queries.get(owner, queryName);
    const subscription = UUID.test(id) ? await this.store.find(query.id, id) : undefined;
    if (subscription === undefined) throw noSuchSubscription(id);
    return subscription;
  }

  async unsubscribe(owner: QueryOwner, queryName: string, id: string): Promise<void> {
    const query = await this.queries.get(owner, queryName);
    if (!UUID.test(id) || !(await this.store.delete(id, query.id))) throw noSuchSubscription(id);
  }
}

function noSuchSubscription(id: string): ProblemException {
  return new ProblemException(
    HttpStatus.NOT_FOUND,
    `no subscription ${id} of this query`,
    'epcisException:NoSuchSubscriptionException',
  );
}
