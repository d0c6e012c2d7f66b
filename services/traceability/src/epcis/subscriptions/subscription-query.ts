import { EventQuery, EventQueryError, parseEventQuery } from '../events/domain/event-query';
import { QueryVocabulary } from '../events/domain/event-query';
import { toRawQuery } from './domain/query-definition';
import { ActiveSubscription } from './subscription.store';

/**
 * A subscription's named query restricted to what it was subscribed for:
 * events recorded from its initialRecordTime on, oldest first. Paging does
 * not apply to a subscription. The parser's error when the stored query no longer
 * parses (the error), which only a parser that became stricter makes happen.
 */
export function subscriptionQuery(
  subscription: ActiveSubscription,
  vocabulary: QueryVocabulary,
): EventQuery | EventQueryError {
  let query: EventQuery;
  try {
    query = parseEventQuery(toRawQuery(subscription.query), vocabulary);
  } catch (error) {
    if (error instanceof EventQueryError) return error;
    throw error;
  }
  const { gte } = query.recordTime;
  if (gte === undefined || gte < subscription.initialRecordTime) {
    query.recordTime = { ...query.recordTime, gte: subscription.initialRecordTime };
  }
  query.orderBy = 'recordTime';
  query.orderDirection = 'ASC';
  delete query.eventCountLimit;
  return query;
}
