import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { AisReportReceivedV1, Topic, deadLetterTopic } from '@pujiang/contracts';
import { CloudEvent, InboxContext, InboxEventPattern } from '@pujiang/messaging';
import { VesselsPlatform } from '../platform/vessels-platform';
import { VoyageRecorder } from './voyage-recorder';

/**
 * Prefix of the consumer group: each organisation's vessels service judges
 * every report against its own area register (`<prefix>.<MSP id>`), so
 * organisations sharing one Kafka must not split the reports between them.
 */
export const AIS_REPORTS_GROUP = 'pujiang-vessels.ais-reports';

/** Every AIS report the gateway posts, in order per MMSI (the record key). */
@Controller()
export class AisReportsConsumer {
  constructor(private readonly recorder: VoyageRecorder) {}

  @InboxEventPattern(Topic.aisReceived, {
    group: (get) => `${AIS_REPORTS_GROUP}.${get(VesselsPlatform).mspId}`,
    deadLetterTopic: deadLetterTopic(Topic.aisReceived),
    data: AisReportReceivedV1,
  })
  async receive(
    @Payload() event: CloudEvent<AisReportReceivedV1>,
    @Ctx() inbox: InboxContext,
  ): Promise<void> {
    await this.recorder.receive(event.data, inbox.getManager());
  }
}
