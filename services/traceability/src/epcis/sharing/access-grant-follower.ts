import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AccessGrant, TraceAccessEvent } from '@pujiang/contracts';
import { ChaincodeEventListener, LedgerEvent } from '@pujiang/ledger-client';
import { EntityManager } from 'typeorm';
import { AccessGrantStore } from './access-grant.store';

export const ACCESS_GRANTS_LISTENER = 'traceability-access-grants';

const GRANT_EVENTS: readonly string[] = Object.values(TraceAccessEvent);

/**
 * Keeps the grants read model on the ledger's word, from a checkpoint: every
 * grant and revocation of every organisation, including those made through
 * another organisation's node, so visibility never waits for our own API.
 */
@Injectable()
export class AccessGrantFollower implements OnApplicationBootstrap {
  constructor(
    private readonly listener: ChaincodeEventListener,
    private readonly store: AccessGrantStore,
  ) {}

  onApplicationBootstrap(): void {
    this.listener.listen({
      listener: ACCESS_GRANTS_LISTENER,
      handle: (event, manager) => this.apply(event, manager),
    });
  }

  async apply(event: LedgerEvent, manager: EntityManager): Promise<void> {
    if (!GRANT_EVENTS.includes(event.eventName)) return;
    // The payload is the whole record as written to state (TraceAccessEvent).
    await this.store.keep(JSON.parse(event.payload) as AccessGrant, manager);
  }
}
