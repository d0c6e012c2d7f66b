import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { AnchorRequestedV1, Topic, deadLetterTopic } from '@pujiang/contracts';
import { LedgerConfig } from '@pujiang/ledger-client';
import {
  CloudEvent,
  InboxContext,
  InboxEventPattern,
  PoisonMessageError,
} from '@pujiang/messaging';
import { AnchoringTraces } from './anchoring-traces';

/**
 * Prefix of the consumer group: each organisation's ledger service reads
 * every request and keeps its own organisation's, so the group is per
 * organisation (`<prefix>.<MSP id>`); sharing one would split the requests
 * between organisations and leave some unanchored.
 */
export const ANCHOR_REQUESTS_GROUP = 'pujiang-ledger.anchor-requests';

/**
 * Queues the digests its organisation asked for, for the next batch; other
 * organisations' requests are theirs to anchor. A redelivered request changes
 * nothing. A request for an item already queued under another digest is
 * poison: one of the two digests is wrong, and anchoring either in silence
 * would leave an event whose proof never verifies. It is parked for an
 * operator, who removes the wrong waiting row and replays it (`pujiang dlq`).
 */
@Controller()
export class AnchorRequestsConsumer {
  private readonly logger = new Logger(AnchorRequestsConsumer.name);
  private readonly mspId: string;

  constructor(
    ledger: LedgerConfig,
    private readonly traces: AnchoringTraces,
  ) {
    this.mspId = ledger.FABRIC_MSP_ID;
  }

  @InboxEventPattern(Topic.anchorRequested, {
    group: (get) => `${ANCHOR_REQUESTS_GROUP}.${get(LedgerConfig).FABRIC_MSP_ID}`,
    deadLetterTopic: deadLetterTopic(Topic.anchorRequested),
    data: AnchorRequestedV1,
    batch: true,
  })
  async accept(
    @Payload() events: CloudEvent<AnchorRequestedV1>[],
    @Ctx() inbox: InboxContext,
  ): Promise<void> {
    const oursEvents = events.filter((e) => e.data.organisation === this.mspId);
    if (oursEvents.length === 0) return;
    const ours = oursEvents.map((e) => e.data);
    const conflicting: { item_id: string }[] = await inbox.getManager().query(
      `WITH requested AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) AS r(item_id, digest, organisation)
       ), queued AS (
         INSERT INTO anchor_item (item_id, digest, organisation)
         SELECT * FROM requested ON CONFLICT (item_id) DO NOTHING
       )
       SELECT q.item_id FROM anchor_item q JOIN requested r USING (item_id)
        WHERE q.digest <> r.digest`,
      [ours.map((d) => d.itemId), ours.map((d) => d.digest), ours.map((d) => d.organisation)],
    );
    if (conflicting.length > 0) {
      throw new PoisonMessageError(
        `item ${conflicting.map((row) => row.item_id).join(', ')} is queued with another digest`,
      );
    }
    this.traces.queued(oursEvents);
    this.logger.debug({ items: ours.length }, 'anchor requests queued for the next batch');
  }
}
