import { Controller, INestApplication, Injectable, Type } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import { EntityManager } from 'typeorm';
import { CloudEvent } from '../cloud-event';
import { InboxContext } from './inbox-context';
import { InboxEventPattern } from './inbox-event-pattern';
import { InboxTransport } from './inbox-transport';
import { MessageConsumers, Subscription } from './message-consumers';
import { PoisonMessageError } from './poison-message.error';
import { serveInbox } from './serve-inbox';

class Parcel {
  @IsString()
  label!: string;
}

/** Where the organisation comes from in a service: its configuration. */
@Injectable()
class Organisation {
  readonly mspId = 'Org2MSP';
}

/** Takes the subscriptions as MessageConsumers would, without Kafka (its own tests have Kafka). */
class RecordedSubscriptions {
  readonly taken: Subscription<object>[] = [];

  subscribe(subscription: Subscription<object>): Promise<void> {
    this.taken.push(subscription);
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }
}

const event = (label: string): CloudEvent<Parcel> => ({
  specversion: '1.0',
  id: `parcel:${label}`,
  source: '/spec',
  type: 'dev.pujiang.spec.parcel.v1',
  time: '2026-12-06T00:00:00Z',
  datacontenttype: 'application/json',
  data: Object.assign(new Parcel(), { label }),
});
const manager = {} as EntityManager;

/**
 * How InboxTransport turns the handlers Nest found into the inbox's
 * subscriptions: group, data class, dead-letter topic, batch or single, and
 * the handler's error unchanged (the inbox parks or retries by its class).
 */
describe('InboxTransport', () => {
  let app: INestApplication | undefined;
  let recorded: RecordedSubscriptions;

  const serve = async (...consumers: Type<unknown>[]) => {
    recorded = new RecordedSubscriptions();
    const moduleRef = await Test.createTestingModule({
      controllers: consumers,
      providers: [Organisation, { provide: MessageConsumers, useValue: recorded }, InboxTransport],
    }).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    await serveInbox(app);
  };

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('subscribes a batch handler in its group, named from configuration, and hands it arrays', async () => {
    const calls: string[][] = [];
    @Controller()
    class ParcelBatches {
      @InboxEventPattern('spec.parcels', {
        group: (get) => `spec-group.${get(Organisation).mspId}`,
        deadLetterTopic: 'spec.parcels.dlq',
        data: Parcel,
        batch: true,
      })
      async receive(@Payload() events: CloudEvent<Parcel>[], @Ctx() inbox: InboxContext) {
        expect(inbox.getManager()).toBe(manager);
        expect(inbox.getTopic()).toBe('spec.parcels');
        calls.push(events.map((e) => e.data.label));
        return Promise.resolve();
      }
    }
    await serve(ParcelBatches);

    const [subscription] = recorded.taken;
    expect(recorded.taken).toHaveLength(1);
    expect(subscription).toMatchObject({
      groupId: 'spec-group.Org2MSP',
      topic: 'spec.parcels',
      deadLetterTopic: 'spec.parcels.dlq',
      dataClass: Parcel,
    });
    await subscription?.handleAll?.([event('a'), event('b')], manager);
    await subscription?.handle(event('c'), manager);
    expect(calls).toEqual([['a', 'b'], ['c']]);
  });

  it('gives a single-event handler one event and no batch path', async () => {
    const labels: string[] = [];
    @Controller()
    class ParcelSingles {
      @InboxEventPattern('spec.parcels', {
        group: 'spec-group',
        deadLetterTopic: 'spec.parcels.dlq',
        data: Parcel,
      })
      async receive(@Payload() parcel: CloudEvent<Parcel>) {
        labels.push(parcel.data.label);
        return Promise.resolve();
      }
    }
    await serve(ParcelSingles);

    const [subscription] = recorded.taken;
    expect(subscription?.groupId).toBe('spec-group');
    expect(subscription?.handleAll).toBeUndefined();
    await subscription?.handle(event('a'), manager);
    expect(labels).toEqual(['a']);
  });

  it('lets the inbox see a poison message and an outage as the handler threw them', async () => {
    @Controller()
    class RefusingParcels {
      @InboxEventPattern('spec.parcels', {
        group: 'spec-group',
        deadLetterTopic: 'spec.parcels.dlq',
        data: Parcel,
      })
      receive(@Payload() parcel: CloudEvent<Parcel>): Promise<void> {
        return Promise.reject(
          parcel.data.label === 'poison'
            ? new PoisonMessageError('unlabelled parcel')
            : new Error('database restarting'),
        );
      }
    }
    await serve(RefusingParcels);

    const [subscription] = recorded.taken;
    await expect(subscription?.handle(event('poison'), manager)).rejects.toBeInstanceOf(
      PoisonMessageError,
    );
    await expect(subscription?.handle(event('other'), manager)).rejects.toThrow(
      'database restarting',
    );
  });

  it('refuses two handlers on one topic: Nest would run them as one, in one group', async () => {
    const options = {
      group: 'spec-group',
      deadLetterTopic: 'spec.parcels.dlq',
      data: Parcel,
    };
    @Controller()
    class First {
      @InboxEventPattern('spec.parcels', options)
      async receive() {
        return Promise.resolve();
      }
    }
    @Controller()
    class Second {
      @InboxEventPattern('spec.parcels', { ...options, group: 'other-group' })
      async receive() {
        return Promise.resolve();
      }
    }

    await expect(serve(First, Second)).rejects.toThrow(/one @InboxEventPattern handler per topic/);
    expect(recorded.taken).toEqual([]);
  });
});
