import { Injectable, OnModuleInit } from '@nestjs/common';
import { CounterpartToken } from '../platform/counterpart-token';
import { DeliveryDispatcher, DeliveryOutcome } from './delivery-dispatcher';
import { Delivery } from './deliveries';

export const HTTP_DELIVERY = 'http';

/** A JSON body POSTed to a counterpart's DCSA endpoint. */
export function httpDelivery(url: string, audience: string, body: unknown): Delivery {
  return { kind: HTTP_DELIVERY, payload: { url, audience, body } };
}

/** Posts owed messages with a bearer token from this platform. */
@Injectable()
export class HttpDelivery implements OnModuleInit {
  readonly kind = HTTP_DELIVERY;

  constructor(
    private readonly dispatcher: DeliveryDispatcher,
    private readonly token: CounterpartToken,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register(this);
  }

  async deliver(payload: Record<string, unknown>): Promise<DeliveryOutcome> {
    const { url, audience, body } = payload;
    if (typeof url !== 'string' || typeof audience !== 'string') {
      return { refused: 'malformed http delivery' };
    }
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await this.token.sign(audience)}`,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.ok) return 'delivered';
    if (response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status)) {
      return {
        refused: `${url} answered ${response.status}: ${(await response.text()).slice(0, 500)}`,
      };
    }
    return 'retry';
  }
}
