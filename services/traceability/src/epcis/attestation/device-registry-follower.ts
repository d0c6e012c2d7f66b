import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DeviceEvent, DeviceRecord } from '@pujiang/contracts';
import { ChaincodeEventListener, LedgerEvent } from '@pujiang/ledger-client';
import { EntityManager } from 'typeorm';
import { DeviceRegistryStore } from './device-registry.store';

export const DEVICE_REGISTRY_LISTENER = 'traceability-device-registry';

/**
 * Keeps the device registry read model on the ledger's word, from a
 * checkpoint: every organisation's devices, whoever registered them, so
 * capture judges a reading without calling Fabric (decision 0017).
 */
@Injectable()
export class DeviceRegistryFollower implements OnApplicationBootstrap {
  constructor(
    private readonly listener: ChaincodeEventListener,
    private readonly store: DeviceRegistryStore,
  ) {}

  onApplicationBootstrap(): void {
    this.listener.listen({
      listener: DEVICE_REGISTRY_LISTENER,
      handle: (event, manager) => this.apply(event, manager),
    });
  }

  async apply(event: LedgerEvent, manager: EntityManager): Promise<void> {
    if (event.eventName !== DeviceEvent.changed) return;
    // The payload is the whole record as written to state.
    await this.store.keep(JSON.parse(event.payload) as DeviceRecord, manager);
  }
}
