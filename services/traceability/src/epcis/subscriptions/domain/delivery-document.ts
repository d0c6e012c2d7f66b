import { ResultEvent, queryDocument } from '../../events/domain/query-document';

/**
 * What one delivery sends: an EPCISQueryDocument naming the query and the
 * subscription, whose `id` is the delivery's id (urn:uuid). The id is the
 * same on every attempt, so a receiver that keeps ids drops a repeat; being
 * in the body, it is covered by the GS1-Signature.
 */
export function deliveryDocument(
  delivery: { deliveryId: string; subscriptionId: string; queryName: string },
  events: readonly ResultEvent[],
  creationDate: Date,
) {
  const { epcisBody, ...document } = queryDocument(events, creationDate);
  return {
    ...document,
    id: `urn:uuid:${delivery.deliveryId}`,
    epcisBody: {
      queryResults: {
        queryName: delivery.queryName,
        subscriptionID: delivery.subscriptionId,
        resultsBody: epcisBody.queryResults.resultsBody,
      },
    },
  };
}
