import { Catch, RpcExceptionFilter, Type, UseFilters, applyDecorators } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { ClassConstructor } from 'class-transformer';
import { Observable, throwError } from 'rxjs';
import { CloudEvent } from '../cloud-event';
import { InboxContext } from './inbox-context';

/** Looks up a provider of the application, for a group named from configuration. */
export type ProviderLookup = <P>(type: Type<P>) => P;

export interface InboxHandlerOptions<T extends object> {
  /**
   * The Kafka consumer group. A function when it depends on configuration
   * (a group per organisation: `(get) => \`${PREFIX}.${get(LedgerConfig).FABRIC_MSP_ID}\``).
   */
  group: string | ((get: ProviderLookup) => string);
  /** The class-validator class of the events' `data`; an invalid one is parked, never handled. */
  data: ClassConstructor<T>;
  /** Where poison messages go; usually `deadLetterTopic(topic)` from contracts. */
  deadLetterTopic: string;
}

/** What the decorator leaves on the handler, for InboxTransport. */
export interface InboxHandlerExtras {
  inbox: InboxHandlerOptions<object> & { batch: boolean };
}

/** Checks the handler's payload type against `data` and `batch`; it may leave out the context. */
type HandlerDecorator<P> = (
  target: object,
  key: string | symbol,
  descriptor: { value?: (payload: P, inbox: InboxContext) => Promise<void> },
) => void;

/**
 * Nest's RPC exception layer turns every error but an RpcException into
 * `{ status: 'error', message: 'Internal server error' }`. The inbox tells a
 * poison message (PoisonMessageError: park it) from an outage (anything
 * else: retry it) by the error's class, so the error must reach it as thrown;
 * without this filter a poison message would be retried forever.
 */
@Catch()
export class KeepHandlerErrors implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * An `@EventPattern(topic)` handler served by InboxTransport: each message is
 * handled once per group, inside the transaction that records it as
 * processed (`@Ctx() inbox: InboxContext`, `inbox.getManager()`); transient
 * errors are retried in place, poison messages parked on the dead-letter topic.
 *
 * `batch: true` hands the handler an array: the not-yet-processed events of a
 * fetched batch at once, or one event at a time while the inbox looks for a
 * poison message in a batch that failed (decision 0028). Without it the
 * handler gets one event.
 */
export function InboxEventPattern<T extends object>(
  topic: string,
  options: InboxHandlerOptions<T> & { batch: true },
): HandlerDecorator<CloudEvent<T>[]>;
export function InboxEventPattern<T extends object>(
  topic: string,
  options: InboxHandlerOptions<T> & { batch?: false },
): HandlerDecorator<CloudEvent<T>>;
export function InboxEventPattern<T extends object>(
  topic: string,
  options: InboxHandlerOptions<T> & { batch?: boolean },
): MethodDecorator {
  const extras: InboxHandlerExtras = { inbox: { ...options, batch: options.batch === true } };
  return applyDecorators(EventPattern(topic, extras), UseFilters(KeepHandlerErrors));
}
