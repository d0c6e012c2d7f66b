import { AisReportReceivedV1, EventType, Topic } from '@pujiang/contracts';
import { CLOUD_EVENT_CONTENT_TYPE, createCloudEvent } from '@pujiang/messaging';
import { Producer } from 'kafkajs';
import { testKafka } from './kafka-probe';

/**
 * An AIS receiver's gateway, as the tests play it: each report (the
 * sentences of one AIS message, encoded by the tests' library) posted on
 * `pujiang.vessels.ais-received.v1` as a CloudEvent keyed by the MMSI, with
 * when it was "received" (AIS positions carry no date).
 */
export class AisGateway {
  private producer?: Producer;

  async start(): Promise<void> {
    this.producer = testKafka().producer();
    await this.producer.connect();
  }

  async post(mmsi: string, sentences: string[], receivedAt: string): Promise<void> {
    if (this.producer === undefined) throw new Error('AisGateway not started');
    const data: AisReportReceivedV1 = { sentences, receivedAt, source: 'pujiang-tests' };
    const event = createCloudEvent({
      source: '/pujiang/tests/ais-gateway',
      type: EventType.aisReceived,
      subject: mmsi,
      data,
    });
    await this.producer.send({
      topic: Topic.aisReceived,
      messages: [
        {
          key: mmsi,
          value: JSON.stringify(event),
          headers: { 'content-type': CLOUD_EVENT_CONTENT_TYPE },
        },
      ],
    });
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
  }
}
