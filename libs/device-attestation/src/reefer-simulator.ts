import { randomUUID } from 'node:crypto';
import { EPCIS_CONTEXT } from '@pujiang/epcis';
import { DEVICE_CONTEXT, signSensorElement } from './signed-reading';
import type { KeyLike } from 'jose';
import type { DeviceAlgorithm } from '@pujiang/contracts';

/** What a simulated reefer controller reports, and the excursion injected into it. */
export interface ReeferRun {
  deviceId: string;
  /** ISO 6346 number of the container the controller is fitted to. */
  container: string;
  from: Date;
  to: Date;
  everyMinutes: number;
  /** The set point it holds outside the excursion. */
  celsius: number;
  excursion?: { from: Date; to: Date; celsius: number };
}

/** The device's signing key, as `pujiang device keygen` keeps it. */
export interface DeviceSigningKey {
  privateKey: KeyLike | Uint8Array;
  kid: string;
  alg: DeviceAlgorithm;
}

/**
 * One EPCIS ObjectEvent per reading, as a reefer controller reports them:
 * the container as a BIC EPC, one signed sensorElement with the device's
 * deviceID, the time and the temperature. The excursion's readings are the
 * only ones at its temperature.
 */
export async function simulateReefer(
  run: ReeferRun,
  key: DeviceSigningKey,
): Promise<Record<string, unknown>[]> {
  const events: Record<string, unknown>[] = [];
  for (let t = run.from.getTime(); t <= run.to.getTime(); t += run.everyMinutes * 60_000) {
    const inExcursion =
      run.excursion !== undefined &&
      t >= run.excursion.from.getTime() &&
      t <= run.excursion.to.getTime();
    const time = new Date(t).toISOString();
    const element = await signSensorElement(
      {
        sensorMetadata: { deviceID: run.deviceId, time },
        sensorReport: [
          {
            type: 'Temperature',
            value: inExcursion ? (run.excursion?.celsius ?? run.celsius) : run.celsius,
            uom: 'CEL',
          },
        ],
      },
      key,
    );
    events.push({
      type: 'ObjectEvent',
      eventID: `urn:uuid:${randomUUID()}`,
      eventTime: time,
      eventTimeZoneOffset: '+00:00',
      action: 'OBSERVE',
      epcList: [`urn:epc:id:bic:${run.container}`],
      bizStep: 'transporting',
      readPoint: { id: 'urn:epc:id:sgln:0614141.00777.0' },
      sensorElementList: [element],
    });
  }
  return events;
}

/** An EPCIS 2.0 document of events with signed readings, its @context declaring the extension. */
export function epcisDocument(events: readonly Record<string, unknown>[]): Record<string, unknown> {
  return {
    '@context': [EPCIS_CONTEXT, DEVICE_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: new Date().toISOString(),
    epcisBody: { eventList: events },
  };
}
